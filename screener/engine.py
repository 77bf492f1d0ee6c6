"""Engine glue: build the experta engine once, screen one case per ``reset()``.

``screen(case)`` returns a :class:`Result`: the conclusion facts the rules
declared, in firing order.  Turning those into a ranked report (combining
certainty factors, caps, urgency) is :mod:`screener.scoring`'s job.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from dataclasses import field
from itertools import product
from typing import Any
from typing import Callable

from experta import KnowledgeEngine
from experta.abstract import Strategy
from experta.fieldconstraint import ANDFC
from experta.fieldconstraint import NOTFC
from experta.fieldconstraint import ORFC
from experta.matchers.rete.utils import prepare_rule

from screener import kb
from screener.questions import BY_ID
from screener.questions import NUTRIENT_LIST
from screener.rete import FastReteMatcher


class _ContextKey:
    """The last tie-break of an activation's key: its bound values as sorted
    reprs, built only when two keys tie on everything before it (same rule,
    same facts), which is rare."""

    __slots__ = ("context", "_text")

    def __init__(self, context: dict):
        self.context = context
        self._text = None

    def text(self) -> list:
        if self._text is None:
            self._text = sorted(map(repr, self.context.items()))
        return self._text

    def __eq__(self, other):
        return self.text() == other.text()

    def __lt__(self, other):
        return self.text() < other.text()

    def __le__(self, other):
        return self.text() <= other.text()

    def __gt__(self, other):
        return self.text() > other.text()

    def __ge__(self, other):
        return self.text() >= other.text()

    def __hash__(self):
        return hash(tuple(self.text()))

    def __repr__(self):
        return repr(self.text())


class NameOrderStrategy(Strategy):
    """experta's depth strategy, with ties broken by rule name.

    experta orders the agenda by (salience, fact recency); activations that
    tie keep the order a ``set`` gave them, which changes with
    PYTHONHASHSEED.  Adding the rule's rank (alphabetical) to the key makes
    the firing order, and so any trace, the same on every run.  The key is
    built once per activation, and its last part (the bound values) only
    when needed.
    """

    def __init__(self, ranks: dict[str, int]):
        self.ranks = ranks

    def get_key(self, activation):
        facts = sorted([f["__factid__"] for f in activation.facts], reverse=True)
        return (activation.rule.salience, facts, -self.ranks.get(activation.rule.__name__, 0),
                _ContextKey(activation.context))

    def _update_agenda(self, agenda, added, removed):
        for act in removed:
            act.key = self.get_key(act)
            try:
                agenda.activations.remove(act)
            except ValueError:
                pass
        for act in added:
            act.key = self.get_key(act)
        for act in sorted(added, key=_activation_key):
            bisect.insort(agenda.activations, act)


def _activation_key(act):
    return act.key


def _is_flat(rule) -> bool:
    """A plain conjunction of fact patterns with literal or predicate fields
    (no OR/AND/NOT/TEST, no OR-ed field values): already in the form experta's
    Rete compiler wants."""
    for pattern in rule:
        if not isinstance(pattern, kb.Fact) or isinstance(pattern, (kb.AND, kb.OR, kb.NOT)):
            return False
        if any(isinstance(v, (ORFC, ANDFC, NOTFC)) for v in pattern.values()):
            return False
    return len(rule) > 0


class ScreenerMatcher(FastReteMatcher):
    """experta's Rete matcher, compiling flat rules without the DNF rewrite,
    and walking the network faster (:mod:`screener.rete`).

    Before building the network experta rewrites every rule into disjunctive
    normal form, copying it several times; for a rule that is a plain
    conjunction of patterns the result equals a single copy (checked for
    every rule by tests/test_engine.py), so that is all we do for those.
    Rules with OR, NOT or OR-ed values take experta's own path.  This cuts
    the cold start of ``screener run`` by about a third of the engine build.

    A lazy engine (``ScreenerEngine(lazy=True)``, what :func:`screen` uses
    by default) starts with no rules and compiles, before each case, only the
    rules that case's answers could make fire (:func:`possible_rules`): one
    case in a fresh process compiles a fraction of the knowledge base.
    """

    @staticmethod
    def prepare_ruleset(engine):
        rules = engine.get_rules()
        if getattr(engine, "lazy", False):
            engine.missing = {rule.__name__: rule for rule in rules}
            return set()
        return {prepare_fast(rule) for rule in rules}


def _fact_options(pattern) -> list | None:
    """A fact pattern as the facts experta's DNF rewrite makes of it (one per
    combination of OR-ed field values, in its order); None when it is not a
    plain fact pattern (AND/OR/NOT/TEST, negated or AND-ed field values)."""
    if not isinstance(pattern, kb.Fact) or isinstance(pattern, (kb.AND, kb.OR, kb.NOT)):
        return None
    items = list(pattern.items())
    ored = [(k, v) for k, v in items if isinstance(v, ORFC)]
    if any(isinstance(v, (ANDFC, NOTFC)) for _, v in items) or any(
            isinstance(part, (ORFC, ANDFC, NOTFC)) for _, v in ored for part in v):
        return None
    if not ored:
        return [type(pattern).from_iter(items)]
    keys = [k for k, _ in ored]
    out = []
    for choice in product(*(v for _, v in ored)):
        chosen = dict(zip(keys, choice))
        out.append(type(pattern).from_iter((k, chosen[k] if k in chosen else v) for k, v in items))
    return out


def _options(element) -> list | None:
    """A rule element (a fact pattern, or an OR of fact patterns) as DNF alternatives."""
    if isinstance(element, kb.OR) and not isinstance(element, kb.Fact):
        out = []
        for part in element:
            options = _fact_options(part)
            if options is None:
                return None
            out.extend(options)
        return out
    return _fact_options(element)


def prepare_fast(rule):
    """experta's ``prepare_rule`` (DNF rewrite) for the shapes this knowledge
    base uses, without its repeated rewriting: a conjunction of fact patterns
    and ORs of fact patterns, with OR-ed field values.  The result equals
    experta's for every rule (tests/test_engine.py); other shapes (NOT, TEST,
    nested AND/OR) take experta's own path."""
    if _is_flat(rule):
        return rule.new_conditions(*(type(p).from_iter(p.items()) for p in rule))
    options = [_options(element) for element in rule] if len(rule) else [None]
    if any(o is None for o in options):
        return prepare_rule(rule)
    combos = [combo[0] if len(combo) == 1 else kb.AND(*combo) for combo in product(*options)]
    if len(combos) == 1:
        return rule.new_conditions(*(combos[0] if isinstance(combos[0], kb.AND) else combos))
    return rule.new_conditions(kb.OR(*combos))


def rule_mixins() -> list[type]:
    from screener import rules

    return [cls for module in rules.MODULES for cls in vars(module).values()
            if isinstance(cls, type) and cls.__module__ == module.__name__ and cls.__name__.endswith("Rules")]


def collect_rules() -> list:
    """Every rule of the knowledge base, its metadata filled in, its
    conditions compiled (``kb.compile_info``; unknown question ids refused)
    and its salience set from its stratum (``kb.stratify``)."""
    out = []
    for mixin in rule_mixins():
        module = mixin.__module__.rsplit(".", 1)[-1]
        for name, member in vars(mixin).items():
            if isinstance(member, kb.Rule):
                kb.compile_info(member, name, module)
                out.append(member)
    kb.stratify(out)
    return out


_CATALOGUE: dict[str, kb.RuleInfo] | None = None


def catalogue() -> dict[str, kb.RuleInfo]:
    """Rule id -> metadata, in knowledge-base order (modules, then source order)."""
    global _CATALOGUE
    if _CATALOGUE is None:
        _CATALOGUE = {r.info.id: r.info for r in collect_rules()}
    return _CATALOGUE


class ScreenerEngine(KnowledgeEngine):
    """The experta engine with all rule mixins; see :func:`get_engine`."""

    __matcher__ = ScreenerMatcher
    tracer: Callable[[str, dict], None] | None = None

    def __init__(self, lazy: bool = False):
        names = sorted(catalogue())
        self.__strategy_ranks = {n: i for i, n in enumerate(names)}
        self.__deffacts = None
        self.lazy = lazy
        self.missing: dict[str, Any] = {}  # rules not compiled yet (lazy engines)
        self.lazy_cases = 0
        super().__init__()
        self.strategy = NameOrderStrategy(self.__strategy_ranks)

    def compile_for(self, answers: dict[str, Any] | None = None) -> int:
        """Compile the rules not in the network yet that these answers could
        make fire (all of them when ``answers`` is None); returns how many.
        Rules that cannot fire change nothing, so the result of a case is the
        same as with every rule compiled (tested).  Call before ``reset()``."""
        if not self.missing:
            return 0
        self.lazy_cases += 1
        if answers is None or self.lazy_cases > LAZY_CASES:
            ids = set(self.missing)  # a batch: it will need (nearly) every rule
        else:
            ids = possible_rules(answers) & set(self.missing)
        if ids:
            self.matcher.add_rules({prepare_fast(self.missing.pop(rule_id)) for rule_id in sorted(ids)})
        return len(ids)

    def get_deffacts(self):
        """experta looks them up with ``inspect.getmembers`` on every reset; once is enough."""
        if self.__deffacts is None:
            self.__deffacts = super().get_deffacts()
        return self.__deffacts

    # Hooks for the trace: experta has no event API, so observe declare,
    # retract and the agenda here.
    def declare(self, *facts):
        if self.tracer is None:
            return super().declare(*facts)
        last = None
        for fact in facts:  # one at a time, so each gets its own trace line
            new = super().declare(fact)
            self.tracer("assert" if new is not None else "duplicate", {"fact": new or fact})
            last = new or last
        return last

    def run(self, steps=float("inf")):
        """experta's run loop, with trace events (activations and firings)."""
        self.running = True
        fired = 0
        while steps > 0 and self.running:
            added, removed = self.get_activations()
            self.strategy.update_agenda(self.agenda, added, removed)
            if self.tracer is not None:
                for act in removed:
                    self.tracer("deactivate", {"activation": act})
                for act in sorted(added, key=self.strategy.get_key, reverse=True):
                    self.tracer("activate", {"activation": act})
            activation = self.agenda.get_next()
            if activation is None:
                break
            steps -= 1
            fired += 1
            if self.tracer is not None:
                self.tracer("fire", {"activation": activation, "n": fired, "engine": self})
            self.fired.append(activation.rule.__name__)
            activation.rule(self, **{k: v for k, v in activation.context.items() if not k.startswith("__")})
        self.running = False


def _engine_class() -> type:
    return type("Screener", (*rule_mixins(), ScreenerEngine), {"__module__": __name__})


_ENGINE: ScreenerEngine | None = None


#: A lazy engine compiles only what each case needs for this many cases,
#: then the rest at once (checking which rules a case could fire costs
#: about a tenth of screening it).
LAZY_CASES = 16


def _lazy_engine() -> ScreenerEngine:
    """The process-wide engine, its network compiled as cases need it."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = _engine_class()(lazy=True)
    return _ENGINE


def get_engine() -> ScreenerEngine:
    """The process-wide engine with every rule compiled (built once: the Rete
    network is the costly part).  :func:`screen` compiles only what a case
    needs; a batch reaches the whole network after a few cases."""
    engine = _lazy_engine()
    engine.compile_for(None)
    return engine


def answer_items(answers: dict[str, Any]) -> list[tuple[str, Any]]:
    """Known answers as (question id, value) pairs, one per ``Answer`` fact."""
    items = []
    for qid in BY_ID:
        if qid not in answers:
            continue
        value = answers[qid]
        if value == "unknown":
            continue
        if BY_ID[qid].kind == NUTRIENT_LIST:
            items.extend((qid, item) for item in value)
        else:
            items.append((qid, value))
    return items


def answer_facts(answers: dict[str, Any]) -> list:
    """Known answers as ``Answer`` facts, in question-bank order (stable fact ids)."""
    return [kb.Answer(**{qid: value}) for qid, value in answer_items(answers)]


def possible_rules(answers: dict[str, Any]) -> set[str]:
    """Ids of the rules these answers could make fire (a superset): the
    condition interpreter (``kb.matches``) with these answers as all there
    will be, and any conclusion of other rules still possible."""
    known = kb.Known(answers, possible=kb.EVERY_FACT_POSSIBLE, complete=True)
    out = set()
    for rule_id, info in catalogue().items():
        # most rules ask for an answer this case does not have: that leaf alone rules them out (bindings
        # from the other conditions could only narrow it), without interpreting the whole conjunction
        if any(type(c) is kb.AnswerClause and not kb.check(c, known).live for c in info.clauses):
            continue
        if kb.check(info.clauses, known).live:
            out.add(rule_id)
    return out


@dataclass
class Result:
    """What the rules concluded for one case."""

    answers: dict[str, Any]
    fired: list[str]
    evidence: list[dict] = field(default_factory=list)
    suspects: list[str] = field(default_factory=list)
    caps: list[dict] = field(default_factory=list)
    cautions: list[dict] = field(default_factory=list)
    red_flags: list[dict] = field(default_factory=list)
    concerns: list[dict] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    signs: list[str] = field(default_factory=list)


_COLLECT = {
    kb.Evidence: ("evidence", lambda f: {"nutrient": f["nutrient"], "rule": f["rule"], "cf": f["cf"],
                                         "kind": f["kind"]}),
    kb.Suspect: ("suspects", lambda f: f["nutrient"]),
    kb.Cap: ("caps", lambda f: {"nutrient": f["nutrient"], "limit": f["limit"], "rule": f["rule"]}),
    kb.Caution: ("cautions", lambda f: {"nutrient": f["nutrient"], "rule": f["rule"]}),
    kb.RedFlag: ("red_flags", lambda f: {"id": f["id"], "kind": f["kind"], "urgency": f["urgency"],
                                         "rule": f["rule"]}),
    kb.Concern: ("concerns", lambda f: {"level": f["level"], "rule": f["rule"]}),
    kb.Advice: ("advice", lambda f: f["rule"]),
    kb.Sign: ("signs", lambda f: f["name"]),
}


def result_of(answers: dict[str, Any], fired, facts) -> Result:
    """A :class:`Result` from the rules fired and the facts in working memory,
    given as (fact type, mapping of fields) pairs in order (another engine,
    such as CLIPS, can hand its facts in the same way)."""
    result = Result(answers=dict(answers), fired=list(fired))
    for fact_type, fact in facts:
        target = _COLLECT.get(fact_type)
        if target is not None:
            getattr(result, target[0]).append(target[1](fact))
    return result


def screen(answers: dict[str, Any], engine: ScreenerEngine | None = None,
           tracer: Callable[[str, dict], None] | None = None) -> Result:
    """Run the knowledge base on one person's answers (question id -> value)."""
    engine = engine or _lazy_engine()
    engine.tracer = tracer
    try:
        if engine.missing:
            engine.compile_for(answers)
        engine.reset()
        engine.fired = []
        if tracer is not None:
            for fact in engine.facts.values():
                tracer("assert", {"fact": fact})
        if tracer is None:
            engine.declare(*answer_facts(answers))
        else:  # each answer, then the activations it made (in firing order), as CLIPS's watch prints them
            for fact in answer_facts(answers):
                before = {id(a) for a in engine.agenda.activations}
                engine.declare(fact)
                for act in reversed(engine.agenda.activations):
                    if id(act) not in before:
                        tracer("activate", {"activation": act})
        engine.run()
        if tracer is not None:
            tracer("done", {"fired": len(engine.fired), "agenda": len(engine.agenda.activations)})
        return result_of(answers, engine.fired, ((type(fact), fact) for fact in engine.facts.values()))
    finally:
        engine.tracer = None
