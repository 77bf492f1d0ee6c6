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
from experta import NOT
from experta import OR
from experta import Fact
from experta import Rule
from experta.fieldconstraint import ORFC
from experta.fieldconstraint import L
from experta.fieldconstraint import P
from experta.fieldconstraint import W

__all__ = [
    "AND", "NOT", "OR", "Rule", "Answer", "Sign", "Suspect", "Evidence", "Cap", "Caution",
    "RedFlag", "Concern", "Advice", "RuleInfo", "evidence", "sign", "suspect", "cap", "caution",
    "red_flag", "concern", "advice", "at_least", "below", "between", "one_of", "conditions_of", "leaves", "satisfies",
    "CARDINAL", "SUPPORTING", "RISK", "PROTECTIVE", "SUPPLEMENT",
]

# Kinds of evidence.
CARDINAL = "cardinal"        # a telling symptom (knowledge/nutrients.md 11b)
SUPPORTING = "supporting"    # a compatible but shared symptom
RISK = "risk"                # a diet, lifestyle, medicine or health factor that raises the odds
PROTECTIVE = "protective"    # a factor that lowers the odds
SUPPLEMENT = "supplement"    # already taking it
SYMPTOM_KINDS = (CARDINAL, SUPPORTING)


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


def at_least(n: int) -> P:
    """Field constraint: a number >= n (``Answer(age=at_least(65))``)."""
    return _describe(P(lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= n), ">=", n)


def below(n: int) -> P:
    """Field constraint: a number < n."""
    return _describe(P(lambda v: isinstance(v, int) and not isinstance(v, bool) and v < n), "<", n)


def between(lo: int, hi: int) -> P:
    """Field constraint: lo <= number <= hi (inclusive, like experta's BETWEEN)."""
    return _describe(P(lambda v: isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi),
                     "between", (lo, hi))


def one_of(*values: Any):
    """Field constraint: any of these literal values (``diet=one_of("vegan", "vegetarian")``)."""
    out = L(values[0])
    for value in values[1:]:
        out = out | L(value)
    return out


_OPS = {
    ">=": lambda v, n: v >= n,
    "<": lambda v, n: v < n,
    "between": lambda v, bounds: bounds[0] <= v <= bounds[1],
}


def satisfies(constraint: dict, value: Any) -> bool | None:
    """Does one asserted value meet a field constraint as data (see
    ``conditions_of``)?  Literal values compare with their type (``True`` is
    not ``1``), operators test numbers; None when the data cannot say: a
    variable, a wildcard or an opaque test."""
    if "values" in constraint:
        return any(value == v and type(value) is type(v) for v in constraint["values"])
    if "op" in constraint:
        test = _OPS.get(constraint["op"])
        if test is None:
            return None
        return isinstance(value, int) and not isinstance(value, bool) and test(value, constraint["value"])
    return None


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
    salience: int = 0
    conditions: list = field(default_factory=list)

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


# --- conditions as data ---------------------------------------------------

def _value_data(value: Any) -> dict:
    """One field constraint as data: {"values": [...]}, {"op": ..}, {"var": ..}."""
    if isinstance(value, ORFC):
        values = []
        for part in value:
            values.extend(_value_data(part).get("values", []))
        return {"values": values}
    if isinstance(value, L):
        return {"values": [value.value]}
    if isinstance(value, W):
        bind = value.__bind__
        return {"var": bind} if bind else {"any": True}
    if isinstance(value, P):
        op, arg = getattr(value, "describe", ("test", None))
        return {"op": op, "value": list(arg) if isinstance(arg, tuple) else arg}
    return {"values": [value]}


def _pattern_data(pattern: Any) -> dict:
    if isinstance(pattern, NOT):
        return {"not": _pattern_data(pattern[0])}
    if isinstance(pattern, OR):
        return {"any": [_pattern_data(p) for p in pattern]}
    if isinstance(pattern, AND):
        return {"all": [_pattern_data(p) for p in pattern]}
    if isinstance(pattern, Fact):
        fields = {k: _value_data(v) for k, v in pattern.items() if not Fact.is_special(k)}
        data = {"fact": type(pattern).__name__}
        if isinstance(pattern, Answer):
            ((qid, constraint),) = fields.items()
            data["question"] = qid
            data.update(constraint)
        else:
            data["fields"] = fields
        return data
    raise TypeError(f"unsupported condition {pattern!r}")


def leaves(conditions: list, negated: bool = False):
    """Every fact clause in conditions data, through any/all/not, as
    ``(clause, negated)``: the one walk the catalogue, graph, report and
    interview share."""
    for clause in conditions:
        if "not" in clause:
            yield from leaves([clause["not"]], not negated)
        elif "any" in clause or "all" in clause:
            yield from leaves(clause.get("any") or clause.get("all"), negated)
        else:
            yield clause, negated


def conditions_of(rule: Rule) -> list:
    """The rule's conditions (its LHS) as a list of data clauses, all needed."""
    return [_pattern_data(p) for p in rule]
