"""Which questions still matter: rule relevance over the knowledge base's conditions.

A thin client of the condition interpreter (``kb.matches``) over the rules
of ``engine.catalogue()`` and the answers given so far.  No engine run: the
interview asks this module for the next question after every answer, so a
rule author who adds a rule gets its question asked without touching the
CLI.

The model (MYCIN-style rule relevance, not exhaustive look-ahead):

* An ``Answer`` clause *fails* on a known answer that does not match it, is
  *blocked* by ``unknown`` (an unknown answer is never asserted, so it can
  never match), and *waits* while its question is unanswered.
* A fact produced by rules (``Sign``, ``Suspect``, ``Evidence``) is
  *producible* if some live rule can conclude it: a fixpoint over the rules,
  starting from nothing.  So ``Suspect(nutrient="vitamin_b12")`` stays
  producible only while some B12 symptom rule is alive, and the B12 risk
  questions (metformin, diet...) die with it: that is the gate of
  docs/design.md section 4, read from the conditions alone.
* ``NOT`` of a fact that is certainly there fails; of one that may still
  come, it waits; otherwise it holds (as experta tests it).
* A rule is *alive* if its conditions can still all be satisfied.  Rules
  that conclude something a report shows (evidence, red flags, concerns,
  caps, cautions, advice) matter by themselves; rules that conclude an
  intermediate fact (``Sign``, ``Suspect``) matter only while a rule that
  matters reads that fact (positively or under ``NOT``).
* A question is *relevant* if a live rule that matters waits on it in a
  way that could still change whether the rule fires (``kb.waiting_on``: an
  open clause inside an ``any`` whose other branch already holds does not).

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

from screener import kb
from screener.kb import ANY
from screener.questions import BY_ID
from screener.questions import NUTRIENTS
from screener.questions import QUESTIONS
from screener.questions import RED_FLAGS

UNKNOWN = "unknown"

#: Questions that do not apply to some people: question -> {question: values
#: that make it not apply}.  Before asking such a question, the questions it
#: depends on are asked first (they come earlier in the bank).
NOT_WHEN: dict[str, dict[str, tuple]] = {
    "pregnant": {"sex": ("male",)},
    "breastfeeding": {"sex": ("male",)},
    "heavy_periods": {"sex": ("male",)},
}

#: Always asked, whatever the rules say: the red flags (safety questions) and
#: age (the report reads it directly: under 16, no adult amounts).
ALWAYS = tuple(q.id for q in RED_FLAGS) + ("age",)

#: Rule effects whose conclusion the report shows (they matter by themselves).
TERMINAL = ("evidence", "red_flag", "concern", "cap", "caution", "advice")

#: A rule as relevance reads it: ``kb.RuleInfo`` (id, effect, concern, clauses).
RuleView = kb.RuleInfo


def rule_views(rules: Mapping[str, Any] | Iterable[Any] | None = None) -> list:
    """The rules of ``engine.catalogue()`` (default), or the given RuleInfo objects."""
    if rules is None:
        from screener.engine import catalogue

        rules = catalogue()
    return list(rules.values() if isinstance(rules, Mapping) else rules)


def _outputs(rule, bindings: dict) -> list[tuple[str, dict]]:
    """The facts a rule can conclude under these bindings (a nutrient still
    to come stands for every nutrient)."""
    fact, fields = kb.conclusion(rule, bindings)
    if fields.get("nutrient") is ANY:
        return [(fact, {**fields, "nutrient": n}) for n in NUTRIENTS]
    return [(fact, fields)]


def _fixpoint(rules: list, answers: Mapping[str, Any]):
    """(facts that may still be concluded, rule id -> live outcomes).

    One pass with every rule after the rules whose conclusions it reads
    (``kb.producers_first``); a knowledge base whose conclusions feed back
    into themselves is iterated until nothing changes."""
    ordered = kb.producers_first(rules)
    passes = 1 if ordered is not None else len(rules) + 1
    ordered = ordered or rules
    previous = None
    for _ in range(passes):
        certain: dict = {}
        possible: dict = {}
        known = kb.Known(answers, certain, possible)
        if previous is not None:  # iterating: start from the last pass's facts
            for key, (fields, sure) in previous.items():
                (certain if sure else possible).setdefault(key[0], []).append(fields)
        found: dict = {}
        live: dict = {}
        for rule in ordered:
            alive = [o for o in kb.matches(rule.clauses, known) if o.live]
            if not alive:
                continue
            live[rule.id] = alive
            for o in alive:
                for fact, fields in _outputs(rule, o.bindings):
                    key = (fact, tuple(sorted(fields.items(), key=lambda kv: kv[0])))
                    if key in found and (found[key][1] or not o.met):
                        continue
                    if previous is None:
                        if key in found:  # now certain: move it
                            possible[fact].remove(found[key][0])
                        (certain if o.met else possible).setdefault(fact, []).append(fields)
                    found[key] = (fields, o.met)
        if found == previous:
            break
        previous = found
    return [(key[0], fields) for key, (fields, _) in found.items()], live


@dataclass
class Relevance:
    """Where the interview stands: which rules can still fire and which open
    questions they wait on."""

    answers: dict
    live: dict = field(default_factory=dict)          # rule id -> bindings it can still fire with
    producible: list = field(default_factory=list)    # (fact type, fields) that may be concluded
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
                        found |= set(self.suspects())
                    elif n in NUTRIENTS:
                        found.add(n)
        return [n for n in NUTRIENTS if n in found]

    def suspects(self) -> list[str]:
        """Nutrients a compatible symptom may still point to."""
        found = {fields["nutrient"] for fact, fields in self.producible if fact == "Suspect"}
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
    producible, outcomes = _fixpoint(views, answers)
    by_id = {r.id: r for r in views}

    # Rules that matter: terminal ones, then producers read by a rule that matters.
    mattering = {rid for rid in outcomes if by_id[rid].effect in TERMINAL}
    while True:
        read = [leaf for rid in mattering for leaf, _ in kb.walk(by_id[rid].clauses)]
        more = {rid for rid in outcomes if rid not in mattering
                and any(kb.can_conclude(by_id[rid], leaf) for leaf in read)}
        if not more:
            break
        mattering |= more

    waiting: dict[str, list[str]] = {}
    for rule in views:
        if rule.id in mattering:
            for qid in kb.waiting_on(outcomes[rule.id]):
                waiting.setdefault(qid, []).append(rule.id)
    live = {rid: [o.bindings for o in alive] for rid, alive in outcomes.items()}
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
