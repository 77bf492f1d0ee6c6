"""The fast Rete walk (screener.rete) gives what unmodified experta gives."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest

from screener import engine
from screener import oracle
from screener import rete
from screener.facts import iter_cases
from screener.facts import parse_case

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_experta_internals_we_rely_on_are_unchanged():
    # screener.rete re-expresses these pieces of experta 1.9.4: if experta
    # changes, re-read the changed code before updating EXPERTA_INTERNALS.
    assert version("experta") == "1.9.4"
    assert rete.internals_fingerprint() == rete.EXPERTA_INTERNALS


def test_every_node_of_the_network_is_a_fast_node():
    matcher = engine.get_engine().matcher
    seen, stack = set(), [matcher.root_node]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            assert type(node) in rete._FAST.values(), type(node)
            for child in node.children:
                assert child.callback.__self__ is child.node
                assert child.callback.__func__ is getattr(type(child.node), child.callback.__name__)
                stack.append(child.node)
    assert len(seen) > 500


def test_an_answer_reaches_only_the_tests_for_its_own_question():
    from screener import kb

    root = engine.get_engine().matcher.root_node
    fact = kb.Answer(diet="vegan")
    (answer_node,) = [c.node for c in root.children if getattr(c.node.matcher, "fact_type", None) is kb.Answer]
    assert root._route(fact) == (answer_node.activate,)
    tests = [cb.__self__.matcher for cb in answer_node._route(fact)]
    assert tests and {t.what for t in tests} == {"diet"}
    assert len(answer_node.children) > 10 * len(tests)


def _same_as_experta(answers):
    result = engine.screen(answers)
    fired, facts = oracle.reference_screen(answers)
    assert result.fired == fired
    assert oracle.outcome(engine.get_engine()) == facts
    return result


@pytest.mark.slow  # a long generated-case sweep: `pytest -m 'not slow'` skips it
def test_same_as_unmodified_experta_on_generated_cases():
    # benchmarks/bench.py checks 1,000 of these; the suite checks a share.
    fired = set()
    for case in oracle.generated_cases(150, seed=11):
        fired.update(_same_as_experta(parse_case(case).answers).fired)
    assert len(fired) > len(engine.catalogue()) // 2  # the cases reach most rules


def test_same_as_unmodified_experta_on_every_example():
    paths = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".json", ".toml", ".jsonl"))
    cases = [c for c in iter_cases(paths) if hasattr(c, "answers")]
    assert len(cases) >= 10
    for case in cases:
        _same_as_experta(case.answers)


@pytest.mark.parametrize("steps", [1, 7, 30])
def test_a_partial_run_then_reset_matches_experta(steps):
    # A run stopped early leaves activations experta has not collected yet;
    # experta keeps them across reset(), and so does the fast matcher.
    first, second = (parse_case(c).answers for c in oracle.generated_cases(2, seed=steps))
    eng = engine.get_engine()
    ref = oracle.reference_engine()
    eng.fired = []
    for e in (eng, ref):
        e.reset()
        e.declare(*engine.answer_facts(first))
        e.run(steps=steps)
    assert oracle.outcome(eng) == oracle.outcome(ref)
    assert [a.rule.__name__ for a in eng.agenda.activations] == [a.rule.__name__ for a in ref.agenda.activations]
    _same_as_experta(second)


def test_ties_on_rule_and_facts_are_broken_by_bound_values():
    a, b = engine._ContextKey({"nutrient": "iron"}), engine._ContextKey({"nutrient": "folate"})
    assert b < a and a > b and a != b and a == engine._ContextKey({"nutrient": "iron"})
    assert (0, [3], -1, b) < (0, [3], -1, a)


def _lazy():
    return engine._engine_class()(lazy=True)


def test_a_lazy_engine_compiles_only_what_a_case_could_fire_and_gives_the_same_result():
    eng = _lazy()
    assert len(eng.missing) == len(engine.catalogue())
    answers = {"tingling": True, "diet": "vegan", "age": 34, "supplements": ["vitamin_d"]}
    result = engine.screen(answers, engine=eng)
    compiled = len(engine.catalogue()) - len(eng.missing)
    assert 0 < compiled < len(engine.catalogue()) // 3
    assert result.fired == engine.screen(answers, engine=engine.get_engine()).fired
    assert "b12_vegan_diet" in result.fired
    assert set(eng.missing) & engine.possible_rules(answers) == set()


def test_a_lazy_engine_equals_experta_case_after_case_then_compiles_everything():
    eng = _lazy()
    cases = oracle.generated_cases(12, seed=21, density=0.25) + oracle.generated_cases(8, seed=22)
    for case in cases:
        answers = parse_case(case).answers
        result = engine.screen(answers, engine=eng)
        fired, facts = oracle.reference_screen(answers)
        assert result.fired == fired
        assert oracle.outcome(eng) == facts
    assert engine.LAZY_CASES < len(cases) and not eng.missing  # a batch ends with the whole network


@pytest.mark.parametrize("answers, rule, possible", [
    ({"diet": "vegan"}, "b12_vegan_diet", True),
    ({"diet": "omnivore"}, "b12_vegan_diet", False),
    ({"diet": "unknown"}, "b12_vegan_diet", False),
    ({}, "b12_vegan_diet", False),
    ({"numbness": False, "tingling": True}, "b12_numbness_tingling", True),   # any of
    ({"numbness": False, "tingling": False}, "b12_numbness_tingling", False),
    ({"age": 70}, "b12_age_65_to_74", True),           # a comparison: the answered value is tested
    ({"age": 70}, "b12_older_age", False),             # (75 and over)
    ({"supplements": []}, "supplement_already_taken", False),
    ({"supplements": ["iron"]}, "supplement_already_taken", True),
    ({}, "see_doctor_neuro_symptom", True),           # no Answer pattern: always possible
])
def test_which_rules_a_case_could_fire(answers, rule, possible):
    assert (rule in engine.possible_rules(answers)) is possible


def test_the_quick_answer_check_rules_out_exactly_what_the_interpreter_does():
    """possible_rules first drops rules whose top-level answer leaf cannot hold; the result must be the
    full interpretation's, on generated cases of several densities and on every example."""
    from screener import kb

    cases = [parse_case(c).answers for seed, density in ((31, 0.1), (32, 0.4), (33, 0.8))
             for c in oracle.generated_cases(40, seed=seed, density=density)]
    cases += [c.answers for c in iter_cases(sorted(str(p) for p in EXAMPLES.glob("*.yaml")))]
    for answers in cases:
        known = kb.Known(answers, possible=kb.EVERY_FACT_POSSIBLE, complete=True)
        full = {rule_id for rule_id, info in engine.catalogue().items() if kb.check(info.clauses, known).live}
        assert engine.possible_rules(answers) == full


def _shape(x):
    """A rule or condition as nested (type, parts): AND and OR compare equal as tuples."""
    from experta import Fact

    if isinstance(x, Fact):
        return (type(x).__name__, tuple(sorted((str(k), repr(v)) for k, v in x.items())))
    if isinstance(x, tuple):
        return (type(x).__name__, tuple(_shape(i) for i in x))
    return repr(x)


def test_fast_preparation_has_the_same_shape_as_experta_for_every_rule():
    from experta.matchers.rete.utils import prepare_rule

    rules = engine.get_engine().get_rules()
    for rule in rules:
        assert _shape(engine.prepare_fast(rule)) == _shape(prepare_rule(rule)), rule.__name__
    assert sum(engine._options(e) is not None and len(engine._options(e)) > 1 for r in rules for e in r) > 10


def _network(matcher):
    """Every rule's terminal node described by the nodes above it (experta class names, tests)."""
    parents = {}
    stack, seen = [matcher.root_node], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for child in node.children:
            parents.setdefault(id(child.node), []).append((node, child.callback.__name__))
            stack.append(child.node)

    def base(node):
        return next(c.__name__ for c in type(node).__mro__ if c.__module__.startswith("experta"))

    def describe(node):
        up = tuple(sorted((port, describe(p)) for p, port in parents.get(id(node), [])))
        test = re.sub(r"__pattern_\d+__", "__pattern__", str(getattr(node, "matcher", "")))
        return (base(node), test if base(node) == "FeatureTesterNode" else "", up)

    terminals = [n for n in matcher._get_conflict_set_nodes()]
    return sorted((t.rule.__name__, describe(t)) for t in terminals)


def test_fast_wiring_builds_the_network_experta_builds():
    from experta import KnowledgeEngine
    from experta.matchers import ReteMatcher

    ref = oracle.reference_engine()
    assert isinstance(ref, KnowledgeEngine) and type(ref.matcher) is ReteMatcher
    ours = engine._engine_class()()  # every rule compiled at once, as experta does
    assert not ours.lazy and not ours.missing
    assert _network(ours.matcher) == _network(ref.matcher)


def test_step_sees_negated_patterns_through_the_fast_nodes(invoke):
    example = str(EXAMPLES / "vegan_tingling.yaml")
    result = invoke(["step", example, "-c", "run", "-c", "matches see_doctor_neuro_symptom"])
    assert result.exit_code == 0, result.output
    assert "Pattern 2 (not): Sign(name='brief_stable_symmetric')" in result.stdout
