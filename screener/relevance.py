"""Which questions still matter: rule relevance over the knowledge base's conditions.

Pure functions over the rules' conditions as data (``engine.catalogue()``,
see ``kb.conditions_of``) and the answers given so far.  No engine run, no
experta: the interview asks this module for the next question after every
answer, so a rule author who adds a rule gets its question asked without
touching the CLI.

The model (MYCIN-style rule relevance, not exhaustive look-ahead):

* An ``Answer`` clause is *contradicted* by a known answer that does not
  match it, and by ``unknown`` (an unknown answer is never asserted, so it
  can never match); it is *open* while its question is unanswered.
* A fact produced by rules (``Sign``, ``Suspect``, ``Evidence``) is
  *producible* if some live rule can conclude it: a fixpoint over the rules,
  starting from nothing.  So ``Suspect(nutrient="vitamin_b12")`` stays
  producible only while some B12 symptom rule is alive, and the B12 risk
  questions (metformin, diet...) die with it: that is the gate of
  docs/design.md section 4, read from the conditions alone.
* ``NOT`` clauses are treated as satisfiable (asking more can only make
  them false, and that is the engine's business).
* A rule is *alive* if its conditions can still all be satisfied.  Rules
  that conclude something a report shows (evidence, red flags, concerns,
  caps, cautions, advice) matter by themselves; rules that conclude an
  intermediate fact (``Sign``, ``Suspect``) matter only while a rule that
  matters reads that fact (positively or under ``NOT``).
* A question is *relevant* if a live rule that matters has an open clause
  on it whose answer could still change whether the rule fires (an open
  clause inside an ``any`` whose other branch is already certain does not).

Two small pieces of data sit beside the rules: questions that only apply to
some people (``NOT_WHEN``: no pregnancy question for ``sex: male``) and
questions that are always asked (red flags, for safety; ``age``, which the
report reads directly for the under-16 advice).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from screener.kb import leaves
from screener.kb import satisfies
from screener.questions import BY_ID
from screener.questions import NUTRIENTS
from screener.questions import QUESTIONS
from screener.questions import RED_FLAGS

UNKNOWN = "unknown"
ANY = object()  # a variable that can still take any value

#: Questions that do not apply to some people: question -> {question: values
#: that make it not apply}.  Before asking such a question, the questions it
#: depends on are asked first (they come earlier in the bank).
NOT_WHEN: dict[str, dict[str, tuple]] = {
    "pregnant": {"sex": ("male",)},
    "heavy_periods": {"sex": ("male",)},
}

#: Always asked, whatever the rules say: the red flags (safety questions) and
#: age (the report reads it directly: under 16, no adult amounts).
ALWAYS = tuple(q.id for q in RED_FLAGS) + ("age",)

#: Rule effects whose conclusion the report shows (they matter by themselves).
TERMINAL = ("evidence", "red_flag", "concern", "cap", "caution", "advice")


@dataclass(frozen=True)
class RuleView:
    """The part of a rule relevance needs (built from ``kb.RuleInfo``)."""

    id: str
    effect: str
    concern: str
    conditions: tuple
    kind: str | None = None
    reason: str = ""


def rule_views(rules: Mapping[str, Any] | Iterable[Any] | None = None) -> list[RuleView]:
    """RuleViews from ``engine.catalogue()`` (default) or any RuleInfo-like objects."""
    if rules is None:
        from screener.engine import catalogue

        rules = catalogue()
    items = rules.values() if isinstance(rules, Mapping) else rules
    out = []
    for r in items:
        if isinstance(r, RuleView):
            out.append(r)
        else:
            out.append(RuleView(r.id, r.effect, r.concern, tuple(r.conditions), getattr(r, "kind", None),
                                getattr(r, "reason", "")))
    return out


# --- matching one Answer clause against an answer -------------------------

def _matches(clause: dict, value: Any) -> bool:
    """Would this known (not unknown) answer match the clause?"""
    if isinstance(value, tuple):  # supplements: one Answer fact per item
        return any(_matches(clause, item) for item in value)
    # a variable, a wildcard or an opaque test: assume it could match
    return satisfies(clause, value) is not False


def _answer_state(clause: dict, answers: Mapping[str, Any]) -> str:
    """'open', 'true' or 'false' for one Answer clause (ignoring variables)."""
    qid = clause["question"]
    if qid not in answers:
        return "open"
    value = answers[qid]
    if value == UNKNOWN:
        return "false"
    if isinstance(value, tuple) and not value:
        return "false"  # "none": no Answer(supplements=...) fact at all
    return "true" if _matches(clause, value) else "false"


# --- bindings: which values a rule's variables can take -------------------

def _unify(binding: dict, var: str, value: Any) -> dict | None:
    have = binding.get(var, None)
    if var not in binding or have is ANY:
        return {**binding, var: value}
    if value is ANY or have == value:
        return binding
    return None


def _field_ok(constraint: dict, value: Any, binding: dict) -> dict | None:
    if "values" in constraint:
        return binding if (value is ANY or value in constraint["values"]) else None
    if "var" in constraint:
        return _unify(binding, constraint["var"], value)
    return binding


def _solve(clause: dict, answers: Mapping[str, Any], facts: set, binding: dict, certain: bool) -> list[dict]:
    """The bindings under which the clause can still hold (``certain``: must
    already hold, open answers counting as false and NOT as unknown)."""
    if "not" in clause:
        return [] if certain else [binding]
    if "any" in clause:
        out = []
        for sub in clause["any"]:
            out.extend(_solve(sub, answers, facts, binding, certain))
        return out
    if "all" in clause:
        return _solve_all(clause["all"], answers, facts, binding, certain)
    if clause.get("fact") == "Answer":
        state = _answer_state(clause, answers)
        if state == "false" or (certain and state == "open"):
            return []
        var = clause.get("var")
        if var is None:
            return [binding]
        if state == "open":
            b = _unify(binding, var, ANY)
            return [b] if b is not None else []
        value = answers[clause["question"]]
        items = value if isinstance(value, tuple) else (value,)
        out = []
        for item in items:
            b = _unify(binding, var, item)
            if b is not None:
                out.append(b)
        return out
    # A fact some rule concludes: match it against what can be produced.
    name = clause.get("fact")
    out = []
    for fact_type, fields in facts:
        if fact_type != name:
            continue
        b: dict | None = binding
        values = dict(fields)
        for key, constraint in clause.get("fields", {}).items():
            if b is None:
                break
            b = _field_ok(constraint, values.get(key, ANY), b)
        if b is not None:
            out.append(b)
    return out


def _solve_all(clauses, answers, facts, binding, certain) -> list[dict]:
    bindings = [binding]
    for clause in clauses:
        nxt = []
        for b in bindings:
            nxt.extend(_solve(clause, answers, facts, b, certain))
        # Keep the join small: identical bindings add nothing.
        bindings = _dedupe(nxt)
        if not bindings:
            break
    return bindings


def _dedupe(bindings: list[dict]) -> list[dict]:
    seen, out = set(), []
    for b in bindings:
        key = tuple(sorted((k, "*" if v is ANY else repr(v)) for k, v in b.items()))
        if key not in seen:
            seen.add(key)
            out.append(b)
    return out


def _outputs(rule: RuleView, bindings: list[dict]) -> set:
    """The facts a rule can conclude (only those other rules can read)."""
    out = set()
    for b in bindings:
        if rule.effect == "sign":
            out.add(("Sign", (("name", rule.concern),)))
        elif rule.effect in ("suspect", "evidence"):
            nutrient = rule.concern if rule.concern != "*" else b.get("nutrient", ANY)
            nutrients = NUTRIENTS if nutrient is ANY else (nutrient,)
            for n in nutrients:
                if rule.effect == "suspect":
                    out.add(("Suspect", (("nutrient", n),)))
                else:
                    out.add(("Evidence", (("nutrient", n), ("kind", rule.kind))))
    return out


def _fixpoint(rules: list[RuleView], answers: Mapping[str, Any], certain: bool):
    """(facts that can be produced, rule id -> bindings of the live rules)."""
    facts: set = set()
    while True:
        live = {}
        produced: set = set()
        for rule in rules:
            bindings = _solve_all(rule.conditions, answers, facts, {}, certain)
            if bindings:
                live[rule.id] = bindings
                produced |= _outputs(rule, bindings)
        if produced <= facts:
            return facts, live
        facts |= produced


# --- which open questions could change whether a rule fires ---------------

def _needs(clause: dict, answers, facts, certain_facts, binding) -> set[str]:
    """Open questions this clause still depends on."""
    if "not" in clause:
        return set()
    if "any" in clause:
        subs = clause["any"]
        if any(_solve(s, answers, certain_facts, binding, True) for s in subs):
            return set()  # already true whatever the open answers are
        out: set[str] = set()
        for s in subs:
            if _solve(s, answers, facts, binding, False):
                out |= _needs(s, answers, facts, certain_facts, binding)
        return out
    if "all" in clause:
        out = set()
        for s in clause["all"]:
            out |= _needs(s, answers, facts, certain_facts, binding)
        return out
    if clause.get("fact") == "Answer":
        return {clause["question"]} if clause["question"] not in answers else set()
    return set()


def _reads(clause: dict) -> set[tuple]:
    """(fact type, name-or-None) pairs a clause reads, under NOT too."""
    out: set = set()
    for leaf, _ in leaves([clause]):
        if leaf.get("fact") in (None, "Answer"):
            continue
        names = leaf.get("fields", {}).get("name", {}).get("values")
        out |= {(leaf["fact"], n) for n in names} if names else {(leaf["fact"], None)}
    return out


def _concludes(rule: RuleView) -> tuple | None:
    if rule.effect == "sign":
        return ("Sign", rule.concern)
    if rule.effect == "suspect":
        return ("Suspect", None)
    return None


@dataclass
class Relevance:
    """Where the interview stands: which rules can still fire and which open
    questions they wait on."""

    answers: dict
    live: dict = field(default_factory=dict)          # rule id -> bindings
    producible: set = field(default_factory=set)
    mattering: set = field(default_factory=set)       # live rule ids that matter
    waiting: dict = field(default_factory=dict)       # question id -> [rule ids]
    rules: dict = field(default_factory=dict)         # rule id -> RuleView

    def relevant(self) -> list[str]:
        """Unanswered questions worth asking, in question-bank order."""
        wanted = set(self.waiting) | set(ALWAYS)
        for qid in list(wanted):
            if not applies(qid, self.answers):
                wanted.discard(qid)
        for qid in list(wanted):  # prerequisites of a conditional question
            for dep in NOT_WHEN.get(qid, {}):
                wanted.add(dep)
        return [q.id for q in QUESTIONS if q.id in wanted and q.id not in self.answers]

    def next_question(self) -> str | None:
        todo = self.relevant()
        return todo[0] if todo else None

    def nutrients_for(self, qid: str) -> list[str]:
        """Nutrients whose rules wait on this question, in spec order."""
        found = set()
        for rid in self.waiting.get(qid, []):
            rule = self.rules[rid]
            if rule.concern in NUTRIENTS:
                found.add(rule.concern)
            elif rule.concern == "*":
                for b in self.live.get(rid, []):
                    n = b.get("nutrient", ANY)
                    if n is ANY:
                        found |= {f[1][0][1] for f in self.producible if f[0] == "Suspect"}
                    elif n in NUTRIENTS:
                        found.add(n)
        return [n for n in NUTRIENTS if n in found]

    def suspects(self) -> list[str]:
        """Nutrients a compatible symptom may still point to."""
        found = {dict(f[1])["nutrient"] for f in self.producible if f[0] == "Suspect"}
        return [n for n in NUTRIENTS if n in found]


def applies(qid: str, answers: Mapping[str, Any]) -> bool:
    """False when a known answer makes this question not apply (sex: male -> no pregnancy)."""
    for dep, values in NOT_WHEN.get(qid, {}).items():
        if answers.get(dep) in values:
            return False
    return True


def analyse(answers: Mapping[str, Any], rules: Mapping | Iterable | None = None) -> Relevance:
    """Relevance of every open question given the answers so far.

    ``answers`` maps question id to a normalised value (``facts.normalise``)
    or ``"unknown"``; a question that is absent has not been asked yet.
    """
    views = rule_views(rules)
    answers = dict(answers)
    producible, live = _fixpoint(views, answers, certain=False)
    certain, _ = _fixpoint(views, answers, certain=True)
    by_id = {r.id: r for r in views}

    # Rules that matter: terminal ones, then producers read by a rule that matters.
    mattering = {rid for rid in live if by_id[rid].effect in TERMINAL}
    while True:
        read: set = set()
        for rid in mattering:
            for clause in by_id[rid].conditions:
                read |= _reads(clause)
        more = set()
        for rid in live:
            if rid in mattering:
                continue
            concl = _concludes(by_id[rid])
            if concl and (concl in read or (concl[0], None) in read):
                more.add(rid)
        if not more:
            break
        mattering |= more

    waiting: dict[str, list[str]] = {}
    for rule in views:
        if rule.id not in mattering:
            continue
        needs: set[str] = set()
        for b in live[rule.id]:
            for clause in rule.conditions:
                needs |= _needs(clause, answers, producible, certain, b)
        for qid in needs:
            waiting.setdefault(qid, []).append(rule.id)
    return Relevance(answers=answers, live=live, producible=producible, mattering=mattering,
                     waiting=waiting, rules=by_id)


def next_question(answers: Mapping[str, Any], rules=None) -> str | None:
    """The first relevant unanswered question in bank order, or None when done."""
    return analyse(answers, rules).next_question()


def relevant_questions(answers: Mapping[str, Any], rules=None) -> list[str]:
    return analyse(answers, rules).relevant()


def replay(full_answers: Mapping[str, Any], rules=None, stop=None) -> tuple[dict, list[str]]:
    """Answer the interview from a complete set of answers (absent -> unknown).

    Returns (the answers the interview would collect, the questions asked in
    order).  ``stop(answers)`` may end the replay early (emergency).  Used for
    the question-count statistics and the tests.
    """
    got: dict = {}
    asked: list[str] = []
    while True:
        qid = next_question(got, rules)
        if qid is None:
            return got, asked
        asked.append(qid)
        got[qid] = full_answers.get(qid, UNKNOWN)
        if stop is not None and stop(got):
            return got, asked


__all__ = ["ALWAYS", "NOT_WHEN", "Relevance", "RuleView", "analyse", "applies", "next_question",
           "relevant_questions", "replay", "rule_views", "BY_ID"]
