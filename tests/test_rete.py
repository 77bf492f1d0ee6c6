"""The fast Rete walk (screener.rete) gives what unmodified experta gives."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from conftest import EXAMPLES
from screener import engine
from screener import oracle
from screener import rete
from screener.facts import iter_cases
from screener.facts import parse_case


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
