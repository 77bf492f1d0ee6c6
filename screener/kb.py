"""The vocabulary of the knowledge base: fact templates and rule decorators.

Rules in ``screener.rules`` are ordinary experta rules::

    @Rule(Suspect(nutrient="vitamin_b12"), Answer(diet="vegan"))
    @evidence("vitamin_b12", cf=0.5, kind=RISK,
              reason="you eat a vegan diet; vitamin B12 comes almost only from animal foods",
              source="NIH ODS, Vitamin B12 fact sheet")
    def b12_vegan_diet(self):
        "A vegan diet without fortified foods is a strong risk for low B12."

``@Rule`` holds the conditions (the left-hand side); the decorator under it
writes the right-hand side (declare one conclusion fact) and records the
rule's metadata: its effect, certainty factor, plain reason and source.  The
conditions are read back from the ``@Rule`` patterns as data by
:func:`conditions_of`, so the interview, the catalogue and the graph can never
disagree with what the engine matches.

Facts (working memory):

* ``Answer(<question id>=<value>)``: one per known answer.  Yes/no answers are
  True/False, choices are text, age is an int; ``supplements`` gives one
  ``Answer(supplements=<nutrient>)`` per item.  Unknown answers are simply not
  asserted: the engine reasons with what it has.
* ``Sign(name=...)``: an intermediate conclusion shared by several rules,
  e.g. ``Sign(name="neuro_symptom")``.
* ``Suspect(nutrient=...)``: a compatible symptom is present, so risk factors
  for this nutrient may now count (gating).
* ``Evidence(nutrient, rule, cf, kind)``: one piece of evidence, for (cf > 0)
  or against (cf < 0).
* ``Cap``, ``Caution``, ``RedFlag``, ``Concern``, ``Advice``: the other
  conclusions a report is built from.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from experta import AND
from experta import MATCH
from experta import NOT
from experta import OR
from experta import Fact
from experta import Rule
from experta.fieldconstraint import ANDFC
from experta.fieldconstraint import NOTFC
from experta.fieldconstraint import ORFC
from experta.fieldconstraint import L
from experta.fieldconstraint import P
from experta.fieldconstraint import W

from screener.kinds import to_words

__all__ = [
    "AND", "NOT", "OR", "W", "P", "MATCH", "Rule", "Answer", "Sign", "Suspect", "Evidence", "Cap", "Caution",
    "RedFlag", "Concern", "Advice", "RuleInfo", "evidence", "sign", "suspect", "cap", "caution",
    "red_flag", "concern", "advice", "at_least", "below", "between", "one_of",
    "CARDINAL", "SUPPORTING", "MINOR", "RISK", "PROTECTIVE", "SUPPLEMENT",
    # the condition model and its interpreter
    "Literal", "Compare", "Variable", "Anything", "AnswerClause", "FactClause", "Not", "AnyOf", "AllOf",
    "compile_rule", "compile_info", "conditions_of", "walk", "describe", "Known", "Outcome", "matches", "check",
    "waiting_on", "conclusion", "can_conclude", "dependencies", "strata", "stratify", "producers_first", "MET", "WAITING", "BLOCKED", "FAILED", "ANY", "EVERY_FACT_POSSIBLE",
]

# Kinds of evidence.
CARDINAL = "cardinal"        # a telling symptom (docs/knowledge.md 11b)
SUPPORTING = "supporting"    # a compatible but shared symptom
MINOR = "minor"              # listed by the sources only in severe or uncommon cases: does not open the gate
RISK = "risk"                # a diet, lifestyle, medicine or health factor that raises the odds
PROTECTIVE = "protective"    # a factor that lowers the odds
SUPPLEMENT = "supplement"    # already taking it
SYMPTOM_KINDS = (CARDINAL, SUPPORTING, MINOR)


class Answer(Fact):
    """An answer the person gave: ``Answer(diet="vegan")``."""


class Sign(Fact):
    """An intermediate conclusion: ``Sign(name="neuro_symptom")``."""


class Suspect(Fact):
    """A compatible symptom is present for this nutrient (opens the gate)."""


class Evidence(Fact):
    """Evidence for (cf > 0) or against (cf < 0) a nutrient."""


class Cap(Fact):
    """An upper limit on a nutrient's confidence."""


class Caution(Fact):
    """A safety caution to show with a nutrient's suggestion."""


class RedFlag(Fact):
    """A warning sign that needs emergency or same-day care."""


class Concern(Fact):
    """A reason for a given urgency level (e.g. see_doctor)."""


class Advice(Fact):
    """General advice to show in the report."""


# --- field constraints that stay readable as data -------------------------

def _describe(pred: P, op: str, value: Any) -> P:
    pred.describe = (op, value)
    return pred


def _is_number(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def at_least(n: int) -> P:
    """Field constraint: a number >= n (``Answer(age=at_least(65))``)."""
    return _describe(P(lambda v: _is_number(v) and v >= n), ">=", n)


def below(n: int) -> P:
    """Field constraint: a number < n."""
    return _describe(P(lambda v: _is_number(v) and v < n), "<", n)


def between(lo: int, hi: int) -> P:
    """Field constraint: lo <= number <= hi (inclusive, like experta's BETWEEN)."""
    return _describe(P(lambda v: _is_number(v) and lo <= v <= hi), "between", (lo, hi))


def one_of(*values: Any):
    """Field constraint: any of these literal values (``diet=one_of("vegan", "vegetarian")``)."""
    out = L(values[0])
    for value in values[1:]:
        out = out | L(value)
    return out


# --- rule metadata --------------------------------------------------------

@dataclass
class RuleInfo:
    """What a rule concludes, and why, as data."""

    effect: str                    # evidence | suspect | sign | cap | caution | red_flag | concern | advice
    concern: str                   # nutrient id, red-flag id, urgency level or "general"
    reason: str
    source: str
    cf: float | None = None
    kind: str | None = None        # evidence kind, or red-flag kind (question/combination)
    urgency: str | None = None     # red flags and concerns
    limit: float | None = None     # caps
    text: str = ""                 # cautions, advice and red flags: what the person reads
    withhold_foods: bool = False   # cautions: do not suggest this nutrient's foods
    id: str = ""
    module: str = ""
    salience: int = 0             # as the engine uses it: declared, then lowered by stratum (kb.stratify)
    declared_salience: int = 0    # as written in @Rule(..., salience=...)
    stratum: int = 0
    conditions: list = field(default_factory=list)   # the data view: [c.to_data() for c in clauses]
    clauses: tuple = ()                               # the typed model (compile_rule)

    def to_data(self) -> dict:
        data = {
            "id": self.id, "module": self.module, "effect": self.effect, "concern": self.concern,
            "cf": self.cf, "kind": self.kind, "urgency": self.urgency, "limit": self.limit,
            "salience": self.salience, "conditions": self.conditions, "reason": self.reason,
            "text": self.text, "source": self.source, "withhold_foods": self.withhold_foods or None,
        }
        return {k: v for k, v in data.items() if v not in (None, "")}


_SELF = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
_SIGNATURES: dict[tuple, inspect.Signature] = {}


def _attach(info: RuleInfo, rhs, bound: tuple = ()):
    """Give the RHS its metadata and a precomputed signature.

    experta re-reads the RHS signature each time it copies a rule while
    compiling the Rete network (about 1,300 times for this knowledge base);
    a ``__signature__`` attribute makes ``inspect.signature`` return at once
    (measured: engine build 45 -> 29 ms).  ``bound`` names the variables the
    RHS takes from the match (``MATCH.nutrient``).
    """
    rhs.info = info
    if bound not in _SIGNATURES:
        _SIGNATURES[bound] = inspect.Signature(
            [_SELF] + [inspect.Parameter(p, inspect.Parameter.KEYWORD_ONLY) for p in bound])
    rhs.__signature__ = _SIGNATURES[bound]
    return rhs


def _check_cf(cf: float) -> float:
    if not -1 < cf < 1 or cf == 0:
        raise ValueError(f"a certainty factor must be in (-1, 1) and not 0, got {cf}")
    return cf


def evidence(nutrient: str | None, cf: float, kind: str, reason: str, source: str):
    """Conclude ``Evidence`` for a nutrient.  ``nutrient=None`` takes the
    nutrient bound by ``MATCH.nutrient`` in the conditions (generic rules)."""
    _check_cf(cf)

    def decorate(fn):
        info = RuleInfo("evidence", nutrient or "*", reason, source, cf=cf, kind=kind)
        name = fn.__name__
        if nutrient is None:
            def rhs(self, *, nutrient):
                self.declare(Evidence(nutrient=nutrient, rule=name, cf=cf, kind=kind))
        else:
            def rhs(self):
                self.declare(Evidence(nutrient=nutrient, rule=name, cf=cf, kind=kind))
        rhs.__name__, rhs.__doc__, rhs.__qualname__ = name, fn.__doc__, fn.__qualname__
        rhs.__wrapped_source__ = fn
        return _attach(info, rhs, ("nutrient",) if nutrient is None else ())
    return decorate


def _simple(effect: str, make_fact, **meta):
    def decorate(fn):
        info = RuleInfo(effect, **meta)
        name = fn.__name__
        # a generic rule takes its concern from a MATCH binding (its parameters)
        params = tuple(fn.__code__.co_varnames[1:fn.__code__.co_argcount])
        if params:
            def rhs(self, **bound):
                self.declare(make_fact(name, **bound))
        else:
            def rhs(self):
                self.declare(make_fact(name))
        rhs.__name__, rhs.__doc__, rhs.__qualname__ = name, fn.__doc__, fn.__qualname__
        rhs.__wrapped_source__ = fn
        return _attach(info, rhs, params)
    return decorate


def suspect(reason: str, source: str):
    """Conclude ``Suspect(nutrient=...)`` from the bound nutrient (the gate)."""
    return _simple("suspect", lambda name, nutrient: Suspect(nutrient=nutrient),
                   concern="*", reason=reason, source=source)


def sign(name: str, reason: str, source: str):
    """Conclude an intermediate ``Sign(name=...)``."""
    return _simple("sign", lambda rule: Sign(name=name), concern=name, reason=reason, source=source)


def cap(nutrient: str, limit: float, reason: str, source: str):
    """Cap a nutrient's confidence at ``limit`` after combining evidence."""
    return _simple("cap", lambda rule: Cap(nutrient=nutrient, limit=limit, rule=rule),
                   concern=nutrient, limit=limit, reason=reason, source=source)


def caution(nutrient: str, text: str, source: str, reason: str = "", withhold_foods: bool = False):
    """Attach a safety caution to a nutrient's suggestion (``withhold_foods``:
    do not push this nutrient's food sources either)."""
    return _simple("caution", lambda rule: Caution(nutrient=nutrient, rule=rule),
                   concern=nutrient, text=text, reason=reason or text, source=source,
                   withhold_foods=withhold_foods)


def red_flag(flag_id: str, urgency: str, kind: str, text: str, reason: str, source: str):
    """Raise a red flag (a question answered yes, or an escalating combination)."""
    return _simple("red_flag", lambda rule: RedFlag(id=flag_id, kind=kind, urgency=urgency, rule=rule),
                   concern=flag_id, urgency=urgency, kind=kind, text=text, reason=reason, source=source)


def concern(level: str, reason: str, source: str):
    """Give a reason for at least this urgency level."""
    return _simple("concern", lambda rule: Concern(level=level, rule=rule),
                   concern=level, urgency=level, reason=reason, source=source)


def advice(text: str, source: str, reason: str = ""):
    """Add a piece of general advice to the report."""
    return _simple("advice", lambda rule: Advice(rule=rule),
                   concern="general", text=text, reason=reason or text, source=source)


# --- conditions: the typed model ------------------------------------------
#
# Each rule's ``@Rule`` patterns are compiled once (``compile_rule``) into the
# frozen dataclasses below.  Everything that reads conditions (the interview's
# next question, why-not, the report's "because you ...", the catalogue, the
# graph, the stratification of the rules) goes through this model and its one
# interpreter (``matches`` / ``check``), its one walk (``walk``) and its one
# description (``describe``).  ``to_data()`` is the JSON view of it
# (``conditions_of``); nothing interprets that view.

MET = "met"            # holds, with these bindings
WAITING = "waiting"    # could still hold: waits on unanswered questions (or facts still to come)
BLOCKED = "blocked"    # cannot hold: a question it needs was answered "not sure" (never asserted)
FAILED = "failed"      # does not hold
_RANK = {FAILED: 0, BLOCKED: 1, WAITING: 2, MET: 3}   # AND takes the lowest, OR the highest
UNKNOWN = "unknown"    # the "not sure" answer


class _AnyValue:
    """The value of a fact field that is still to come (could be anything)."""

    def __repr__(self) -> str:
        return "?"


ANY = _AnyValue()
_MISSING = object()


@dataclass(frozen=True)
class Literal:
    """One of these literal values (compared with ``==``, as experta does)."""

    values: tuple

    def to_data(self) -> dict:
        return {"values": list(self.values)}

    def test(self, value: Any, bindings: dict) -> dict | None:
        if value is ANY or any(value == v for v in self.values):
            return bindings
        return None


@dataclass(frozen=True)
class Compare:
    """A predicate (``at_least(65)``): ``op`` and ``value`` describe it, ``predicate``
    is the very function experta calls."""

    op: str
    value: Any
    predicate: Any = field(compare=False, repr=False, default=None)

    def to_data(self) -> dict:
        return {"op": self.op, "value": list(self.value) if isinstance(self.value, tuple) else self.value}

    def test(self, value: Any, bindings: dict) -> dict | None:
        if value is ANY or self.predicate(value):
            return bindings
        return None


@dataclass(frozen=True)
class Variable:
    """``MATCH.name``: binds on first use, must be equal after that."""

    name: str

    def to_data(self) -> dict:
        return {"var": self.name}

    def test(self, value: Any, bindings: dict) -> dict | None:
        have = bindings.get(self.name, _MISSING)
        if have is _MISSING or have is ANY:
            return {**bindings, self.name: value}
        if value is ANY or have == value:
            return bindings
        return None


@dataclass(frozen=True)
class Anything:
    """``W()``: any value, as long as the field is there."""

    def to_data(self) -> dict:
        return {"wildcard": True}

    def test(self, value: Any, bindings: dict) -> dict | None:
        return bindings


@dataclass(frozen=True)
class AnswerClause:
    """``Answer(<question>=<constraint>)``."""

    question: str
    constraint: Any

    def to_data(self) -> dict:
        return {"fact": "Answer", "question": self.question, **self.constraint.to_data()}


@dataclass(frozen=True)
class FactClause:
    """A fact the rules conclude: ``Sign(name="neuro_symptom")``, ``Suspect(nutrient=MATCH.nutrient)``."""

    fact: str
    fields: tuple   # ((field name, constraint), ...)

    def to_data(self) -> dict:
        return {"fact": self.fact, "fields": {k: c.to_data() for k, c in self.fields}}


@dataclass(frozen=True)
class Not:
    clause: Any

    def to_data(self) -> dict:
        return {"not": self.clause.to_data()}


@dataclass(frozen=True)
class AnyOf:
    clauses: tuple

    def to_data(self) -> dict:
        return {"any": [c.to_data() for c in self.clauses]}


@dataclass(frozen=True)
class AllOf:
    clauses: tuple

    def to_data(self) -> dict:
        return {"all": [c.to_data() for c in self.clauses]}


LEAVES = (AnswerClause, FactClause)


def _constraint(value: Any):
    if isinstance(value, ORFC):
        parts = [_constraint(p) for p in value]
        if not all(isinstance(p, Literal) for p in parts):
            raise TypeError(f"only literal values can be OR-ed in a condition, got {value!r}")
        return Literal(tuple(v for p in parts for v in p.values))
    if isinstance(value, L):
        return Literal((value.value,))
    if isinstance(value, W):
        return Variable(value.__bind__) if value.__bind__ else Anything()
    if isinstance(value, P):
        op, arg = getattr(value, "describe", ("test", None))
        return Compare(op, arg, value.match)
    if isinstance(value, (ANDFC, NOTFC)):
        raise TypeError(f"unsupported field constraint {value!r}")
    return Literal((value,))


def compile_pattern(pattern: Any):
    """One experta pattern (a Fact, NOT, OR or AND) as a clause."""
    if isinstance(pattern, NOT):
        return Not(compile_pattern(pattern[0]))
    if isinstance(pattern, OR):
        return AnyOf(tuple(compile_pattern(p) for p in pattern))
    if isinstance(pattern, AND):
        return AllOf(tuple(compile_pattern(p) for p in pattern))
    if isinstance(pattern, Fact):
        fields = tuple((k, _constraint(v)) for k, v in pattern.items() if not Fact.is_special(k))
        if isinstance(pattern, Answer):
            if len(fields) != 1:
                raise TypeError(f"an Answer pattern names exactly one question, got {pattern!r}")
            ((qid, constraint),) = fields
            return AnswerClause(qid, constraint)
        return FactClause(type(pattern).__name__, fields)
    raise TypeError(f"unsupported condition {pattern!r}")


def compile_rule(rule: Rule) -> tuple:
    """The rule's conditions (its LHS), all needed, as typed clauses."""
    return tuple(compile_pattern(p) for p in rule)


def compile_info(rule: Rule, name: str, module: str = "") -> RuleInfo:
    """The rule's metadata with its conditions compiled (once).  A question
    id the bank does not know is refused: such a pattern would never fire."""
    from screener.questions import BY_ID

    info = getattr(rule, "info", None)
    if info is None:
        raise TypeError(f"rule {name} has no metadata decorator")
    info.id, info.module = name, module
    if not info.clauses:
        info.declared_salience = rule.salience
        clauses = compile_rule(rule)
        for leaf, _ in walk(clauses):
            if isinstance(leaf, AnswerClause) and leaf.question not in BY_ID:
                import difflib  # only to name a misspelt question id

                hint = difflib.get_close_matches(leaf.question, list(BY_ID), n=1)
                raise ValueError(f"rule {name}: unknown question id '{leaf.question}' in Answer(...)"
                                 + (f"; did you mean '{hint[0]}'?" if hint else ""))
        info.clauses = clauses
        info.conditions = [c.to_data() for c in clauses]
    return info


def conditions_of(rule: Rule) -> list:
    """The rule's conditions as a list of data clauses (``to_data()`` of the model)."""
    return [c.to_data() for c in compile_rule(rule)]


def walk(clauses: Any, negated: bool = False):
    """Every leaf (``AnswerClause`` / ``FactClause``) of a clause or a list of
    clauses, through any/all/not, as ``(leaf, negated)``: the one walk."""
    if not isinstance(clauses, (list, tuple)):
        clauses = (clauses,)
    for clause in clauses:
        if isinstance(clause, Not):
            yield from walk(clause.clause, not negated)
        elif isinstance(clause, (AnyOf, AllOf)):
            yield from walk(clause.clauses, negated)
        else:
            yield clause, negated


# --- describing conditions ------------------------------------------------

def describe_constraint(c: Any, bindings: dict | None = None) -> str:
    """A constraint in words: ``vegan or vegetarian``, ``>= 65``, ``?nutrient``."""
    if isinstance(c, Literal):
        return " or ".join(to_words(v, names=False) for v in c.values)
    if isinstance(c, Variable):
        value = (bindings or {}).get(c.name, ANY)
        return f"?{c.name}" if value is ANY else to_words(value, names=False)
    if isinstance(c, Compare):
        if c.op == "between" and isinstance(c.value, tuple):
            return f"between {c.value[0]} and {c.value[1]}"
        return "(a test)" if c.op == "test" else f"{c.op} {c.value}"
    return "(any value)"


def describe(clause: Any, bindings: dict | None = None) -> str:
    """One condition as readable text: ``diet = vegan``, ``sign neuro_symptom``.
    ``bindings`` fill in variables (``?nutrient``) with their values."""
    b = bindings
    if isinstance(clause, (list, tuple)):
        return " AND ".join(describe(c, b) for c in clause) or "(always)"
    if isinstance(clause, Not):
        return f"not ({describe(clause.clause, b)})"
    if isinstance(clause, AnyOf):
        return "any of (" + "; ".join(describe(c, b) for c in clause.clauses) + ")"
    if isinstance(clause, AllOf):
        return "all of (" + "; ".join(describe(c, b) for c in clause.clauses) + ")"
    if isinstance(clause, AnswerClause):
        q, c = clause.question, clause.constraint
        if isinstance(c, Compare):
            return f"{q} {describe_constraint(c, b)}"
        if isinstance(c, Anything):
            return f"{q} answered"
        if q == "supplements":
            return f"supplements include {describe_constraint(c, b)}"
        return f"{q} = {describe_constraint(c, b)}"
    fields = dict(clause.fields)
    if clause.fact == "Sign":
        return f"sign {describe_constraint(fields.get('name', Anything()), b)}"
    if clause.fact == "Suspect":
        return f"{describe_constraint(fields.get('nutrient', Anything()), b)} suspected (a compatible symptom)"
    if clause.fact == "Evidence":
        parts = [f"{k} {describe_constraint(v, b)}" for k, v in clause.fields if k != "nutrient"]
        who = describe_constraint(fields.get("nutrient", Anything()), b)
        return f"evidence for {who}" + (f" ({', '.join(parts)})" if parts else "")
    parts = [f"{k}={describe_constraint(v, b)}" for k, v in clause.fields]
    return f"{clause.fact}({', '.join(parts)})"


# --- the interpreter ------------------------------------------------------

@dataclass(frozen=True)
class Known:
    """What is known about one person, for the interpreter.

    ``answers``: question id -> normalised value (a tuple for lists) or
    ``"unknown"``; a question that is absent has not been asked.  ``facts``:
    fact type -> the derived facts present (dicts of their fields).
    ``possible``: derived facts that are not there yet but may still be
    concluded (the interview's view; empty for a finished engine run;
    ``EVERY_FACT_POSSIBLE`` when nothing is known about them).  ``complete``:
    the answers are all there will be (an absent question blocks rather than
    waits: it is never asserted, as in a finished engine run).
    """

    answers: Any
    facts: Any = field(default_factory=dict)
    possible: Any = field(default_factory=dict)
    complete: bool = False


@dataclass(frozen=True)
class Outcome:
    """What a clause says for what is known: ``status`` (met / waiting /
    blocked / failed), the ``bindings`` it holds under, the ``leaf`` that
    decided, the unanswered questions it is ``waiting`` on, the questions
    answered "not sure" that ``blocked`` it, the answer or fact a leaf was
    checked against (``seen``), and ``parts``: the outcomes of sub-clauses."""

    clause: Any
    status: str
    bindings: dict
    leaf: Any = None
    waiting: frozenset = frozenset()
    blocked: frozenset = frozenset()
    seen: Any = None
    parts: tuple = ()

    @property
    def met(self) -> bool:
        return self.status == MET

    @property
    def live(self) -> bool:
        """Holds, or still could."""
        return self.status in (MET, WAITING)


class _AnyFact(dict):
    """A derived fact still to come, whose fields could be anything."""

    def __contains__(self, key) -> bool:
        return True

    def __getitem__(self, key):
        return ANY


class _EveryFact(dict):
    def get(self, key, default=None):
        return (_AnyFact(),)


#: ``Known.possible`` when any derived fact may still come, with any fields.
EVERY_FACT_POSSIBLE = _EveryFact()


def _key(bindings: dict) -> tuple:
    return tuple(sorted((k, "?" if v is ANY else repr(v)) for k, v in bindings.items()))


def _best_first(outcomes: list) -> list:
    """Best status first, each distinct way to hold kept once; failures go
    when anything else remains (one failure is kept, to explain it)."""
    ranked = sorted(outcomes, key=lambda o: -_RANK[o.status])
    if ranked and ranked[0].status == FAILED:
        return ranked[:1]
    seen, out = set(), []
    for o in ranked:
        key = (o.status, _key(o.bindings), o.waiting, o.blocked)
        if o.status != FAILED and key not in seen:
            seen.add(key)
            out.append(o)
    return out


def _answer(clause: AnswerClause, known: Known, b: dict) -> list:
    qid = clause.question
    if qid not in known.answers:
        if known.complete:  # never asserted, like "not sure"
            return [Outcome(clause, BLOCKED, b, clause, blocked=frozenset((qid,)))]
        nb = clause.constraint.test(ANY, b)
        return [Outcome(clause, WAITING, nb if nb is not None else b, clause, waiting=frozenset((qid,)))]
    value = known.answers[qid]
    if isinstance(value, str) and value == UNKNOWN:
        return [Outcome(clause, BLOCKED, b, clause, blocked=frozenset((qid,)), seen=value)]
    items = value if isinstance(value, (tuple, list)) else (value,)
    out = []
    for item in items:  # a list answer is one Answer fact per item
        nb = clause.constraint.test(item, b)
        if nb is not None:
            out.append(Outcome(clause, MET, nb, clause, seen=item))
    return out or [Outcome(clause, FAILED, b, clause, seen=value)]


def _fact_matches(clause: FactClause, fact: Any, b: dict) -> dict | None:
    for name, constraint in clause.fields:
        if name not in fact or b is None:
            return None
        b = constraint.test(fact[name], b)
    return b


def _fact(clause: FactClause, known: Known, b: dict) -> list:
    out = []
    for status, pool in ((MET, known.facts), (WAITING, known.possible)):
        for fact in pool.get(clause.fact, ()):
            nb = _fact_matches(clause, fact, b)
            if nb is not None:
                out.append(Outcome(clause, status, nb, clause, seen=fact))
    return out or [Outcome(clause, FAILED, b, clause)]


def _and(clause: Any, parts: tuple, known: Known, b: dict) -> list:
    alts = [Outcome(clause, MET, b)]
    for sub in parts:
        nxt = []
        for a in alts:
            for s in matches(sub, known, a.bindings):
                worse = _RANK[s.status] < _RANK[a.status]
                status = s.status if worse else a.status
                nxt.append(Outcome(clause, status, s.bindings,
                                   s.leaf if worse or a.leaf is None else a.leaf,
                                   a.waiting | s.waiting, a.blocked | s.blocked, parts=a.parts + (s,)))
        alts = _best_first(nxt)
    return alts


def _or(clause: AnyOf, known: Known, b: dict) -> list:
    found = [matches(sub, known, b) for sub in clause.clauses]
    shown = tuple(f[0] for f in found)
    out = [Outcome(clause, o.status, o.bindings, o.leaf, o.waiting, o.blocked, o.seen, shown)
           for f in found for o in f]
    return _best_first(out)


def _not(clause: Not, known: Known, b: dict) -> list:
    inner = matches(clause.clause, known, b)
    best = inner[0]
    # experta tests NOT on working memory: an answer never given (or "not sure",
    # which is never asserted) is absent, so NOT of it holds.
    status = {MET: FAILED, WAITING: WAITING}.get(best.status, MET)
    return [Outcome(clause, status, b, best.leaf, best.waiting if status == WAITING else frozenset(),
                    parts=(best,))]


def matches(clause: Any, known: Known, bindings: dict | None = None) -> list:
    """Every way the clause (or list of clauses, all needed) can hold for what
    is known: outcomes, best first.  Never empty: a clause that cannot hold
    gives one FAILED (or BLOCKED) outcome saying why."""
    b = {} if bindings is None else bindings
    if isinstance(clause, (list, tuple)):
        return _and(AllOf(tuple(clause)), tuple(clause), known, b)
    if isinstance(clause, AnswerClause):
        return _answer(clause, known, b)
    if isinstance(clause, FactClause):
        return _fact(clause, known, b)
    if isinstance(clause, Not):
        return _not(clause, known, b)
    if isinstance(clause, AnyOf):
        return _or(clause, known, b)
    if isinstance(clause, AllOf):
        return _and(clause, clause.clauses, known, b)
    raise TypeError(f"not a clause: {clause!r}")


def check(clause: Any, known: Known, bindings: dict | None = None) -> Outcome:
    """The best outcome of a clause (or list of clauses) for what is known."""
    return matches(clause, known, bindings)[0]


def waiting_on(outcomes: list) -> set:
    """The unanswered questions whose answer could still change whether these
    outcomes hold: none for one that already holds or never can; for the
    rest, every open ``Answer`` condition, except inside an any-of that
    already holds (its other branches cannot decide anything) and under NOT."""
    out: set = set()
    for o in outcomes:
        out |= _needs(o)
    return out


def _needs(o: Outcome) -> set:
    if o.status != WAITING or isinstance(o.clause, Not):
        return set()
    if isinstance(o.clause, AnyOf) and any(p.status == MET for p in o.parts):
        return set()
    if isinstance(o.clause, AnswerClause):
        return set(o.waiting)
    out: set = set()
    for part in o.parts:
        out |= _needs(part)
    return out


# --- what a rule concludes ------------------------------------------------

#: What each effect concludes: the fact its right-hand side asserts (type
#: and fields, ``*`` the matched nutrient), and the same in words, in two
#: styles: ``summary`` (``rules list/show``) and ``step`` (the stepper's WHY).
#: A scoring cap (module ``scoring``) is not a fact: it has its own entry.
_CONCLUSIONS: dict[str, dict] = {
    "evidence": {
        "fact": ("Evidence", ("nutrient", "rule", "cf", "kind")),
        "summary": "evidence {side} {who}, certainty factor {cf:+.2f} ({kind})",
        "step": "evidence {side} {n} ({cf:+.2f}, {kind})",
    },
    "suspect": {
        "fact": ("Suspect", ("nutrient",)),
        "summary": "suspect the matched nutrient (opens the gate for its risk factors)",
        "step": "Suspect(nutrient={n!r}) (the gate)",
    },
    "sign": {
        "fact": ("Sign", ("name",)),
        "summary": "sign {concern} (an intermediate conclusion other rules match on)",
        "step": "Sign(name={concern!r})",
    },
    "cap": {
        "fact": ("Cap", ("nutrient", "limit", "rule")),
        "summary": "cap {concern} at {limit:.2f}",
        "step": "a cap on {concern} at {limit:.2f}",
    },
    "scoring_cap": {
        "fact": None,
        "summary": "cap any nutrient at {limit:.2f}, applied by scoring after its evidence is combined",
        "step": "a cap on {concern} at {limit:.2f}",
        "code": "confidence <= {limit} (scoring.assess, not a fact: applied after the engine)",
    },
    "caution": {
        "fact": ("Caution", ("nutrient", "rule")),
        "summary": "caution for {concern}{foods}",
        "step": "a caution for {concern}",
    },
    "red_flag": {
        "fact": ("RedFlag", ("id", "kind", "urgency", "rule")),
        "summary": "red flag {concern}: {urgency} ({kind})",
        "step": "red flag {concern} ({urgency})",
    },
    "concern": {
        "fact": ("Concern", ("level", "rule")),
        "summary": "urgency at least {concern}",
        "step": "urgency at least {concern}",
    },
    "advice": {
        "fact": ("Advice", ("rule",)),
        "summary": "general advice",
        "step": "general advice",
    },
}


def _conclusion_entry(info: RuleInfo) -> dict:
    if info.effect == "cap" and info.module == "scoring":
        return _CONCLUSIONS["scoring_cap"]
    return _CONCLUSIONS.get(info.effect, _CONCLUSIONS["advice"])


def conclusion(info: RuleInfo, bindings: dict | None = None) -> tuple:
    """(fact type, fields) the rule asserts; a field taken from a variable
    the bindings do not fix is ``ANY``."""
    b = bindings or {}
    concern = b.get("nutrient", ANY) if info.concern == "*" else info.concern
    fact, names = _CONCLUSIONS.get(info.effect, _CONCLUSIONS["advice"])["fact"]
    values = {"nutrient": concern, "rule": info.id, "cf": info.cf, "kind": info.kind, "name": info.concern,
              "limit": info.limit, "id": info.concern, "urgency": info.urgency, "level": info.concern}
    return fact, {name: values[name] for name in names}


def conclusion_text(info: RuleInfo, style: str = "summary", nutrient: str | None = None) -> str:
    """What a rule concludes, as text, from the one table (``_CONCLUSIONS``).

    ``summary``: in words for ``rules list/show`` ("evidence for iron,
    certainty factor +0.30 (risk)"); ``step``: the stepper's WHY, with the
    matched ``nutrient`` (default: the rule's own) filled in ("evidence for iron (+0.30, risk)");
    ``code``: the fact the right-hand side asserts, as experta would write
    it (``Evidence(nutrient='iron', rule='...', cf=0.3, kind='risk')``)."""
    entry = _conclusion_entry(info)
    if style == "code" and entry["fact"] is not None:
        fact, fields = conclusion(info)
        args = ", ".join(f"{k}=?nutrient" if v is ANY else f"{k}={v!r}" for k, v in fields.items())
        return f"{fact}({args})"
    words = {"concern": info.concern, "cf": info.cf or 0.0, "kind": info.kind, "limit": info.limit,
             "urgency": info.urgency, "side": "for" if (info.cf or 0) > 0 else "against",
             "who": "the matched nutrient" if info.concern == "*" else info.concern,
             "n": nutrient or (info.concern if info.concern != "*" else "?nutrient"), "foods": " (no food suggestions)" if info.withhold_foods else ""}
    return entry[style].format(**words)


def can_conclude(info: RuleInfo, leaf: Any) -> bool:
    """Could this rule's conclusion match a fact clause?"""
    return _matches_conclusion(leaf, conclusion(info))


def _matches_conclusion(leaf: Any, concluded: tuple) -> bool:
    """Could a conclusion, ``(fact type, fields)`` as :func:`conclusion` gives it, match a fact clause?"""
    fact, fields = concluded
    return isinstance(leaf, FactClause) and fact == leaf.fact and _fact_matches(leaf, fields, {}) is not None


# --- strata: who reads whose conclusions -----------------------------------

def dependencies(infos) -> dict:
    """Rule id -> [(id of a rule whose conclusion it reads, read under NOT?)]."""
    by_fact: dict = {}
    for p in infos:  # each conclusion worked out once, not once per condition that might read it
        concluded = conclusion(p)
        by_fact.setdefault(concluded[0], []).append((p, concluded))
    out: dict = {}
    for r in infos:
        deps = []
        for leaf, negated in walk(r.clauses):
            if isinstance(leaf, FactClause):
                deps.extend((p.id, negated) for p, concluded in by_fact.get(leaf.fact, ())
                            if _matches_conclusion(leaf, concluded))
        out[r.id] = sorted(set(deps))
    return out


def strata(infos) -> dict:
    """Rule id -> stratum: 0 for a rule that reads no conclusion under NOT; a
    rule that tests a conclusion's absence sits above every rule that can
    conclude it, and a rule sits at least as high as the rules it reads.
    Firing the strata in order (salience) makes the result independent of
    the order the answers arrive in, as stratified negation does in Datalog.
    A knowledge base that reads a conclusion's absence through a cycle has
    no such order: ValueError."""
    deps = dependencies(infos)
    level = {rid: 0 for rid in deps}
    for _ in range(len(deps) + 1):
        changed = False
        for rid, ds in deps.items():
            need = max([level[p] + (1 if negated else 0) for p, negated in ds], default=0)
            if need > level[rid]:
                level[rid], changed = need, True
        if not changed:
            return level
    cyclic = sorted(rid for rid in deps if level[rid] > len(deps) // 2 or level[rid] == max(level.values()))
    raise ValueError("rules read the absence of a conclusion they can themselves lead to: " + ", ".join(cyclic))


_ORDERS: dict = {}


def producers_first(infos) -> list | None:
    """The rules ordered so that every rule comes after the rules whose
    conclusions it reads (None when conclusions feed back into themselves)."""
    key = tuple(id(i) for i in infos)
    if key not in _ORDERS:
        deps = dependencies(infos)
        depth: dict = {}
        visiting: set = set()

        def visit(rid):
            if rid in depth:
                return depth[rid]
            if rid in visiting:
                raise RecursionError
            visiting.add(rid)
            depth[rid] = 1 + max([visit(p) for p, _ in deps[rid]], default=-1)
            return depth[rid]
        try:
            for rid in deps:
                visit(rid)
            position = {i.id: n for n, i in enumerate(infos)}
            _ORDERS[key] = (infos, sorted(infos, key=lambda i: (depth[i.id], position[i.id])))
        except RecursionError:
            _ORDERS[key] = (infos, None)
    return _ORDERS[key][1]


#: Salience steps between strata: a rule's declared salience (red flags first,
#: for a readable trace) orders it within its stratum only.
STRATUM_STEP = 1000


def stratify(rules) -> None:
    """Set each rule's salience from its stratum (``strata``), so that a rule
    testing a conclusion's absence fires only after every rule that can
    conclude it: the engine's answer no longer depends on the order the
    answers were asserted in.  Computed from the condition model, never set
    by hand."""
    infos = [r.info for r in rules]
    for info in infos:
        if abs(info.declared_salience) >= STRATUM_STEP // 2:
            raise ValueError(f"rule {info.id}: salience {info.declared_salience} is out of range "
                             f"(|salience| < {STRATUM_STEP // 2}; strata set the rest)")
    levels = strata(infos)
    for rule, info in zip(rules, infos):
        info.stratum = levels[info.id]
        info.salience = rule.salience = info.declared_salience - STRATUM_STEP * info.stratum
