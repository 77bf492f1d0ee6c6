"""Engine glue: the fast rule compilation, determinism, reuse across cases."""

from __future__ import annotations

import pytest

from screener import engine
from screener.scoring import shown


def test_fast_preparation_equals_experta_for_every_flat_rule():
    # imported here: experta needs screener's compat alias first (Python 3.10+)
    from experta.matchers.rete.utils import prepare_rule

    rules = engine.get_engine().get_rules()
    flat = [r for r in rules if engine._is_flat(r)]
    assert len(flat) > len(rules) // 2  # the fast path is the common one
    for rule in flat:
        assert engine.prepare_fast(rule) == prepare_rule(rule), rule.__name__
    for rule in rules:
        if rule not in flat:  # the rest take experta's own path
            assert engine.prepare_fast(rule) == prepare_rule(rule), rule.__name__


def test_engine_is_built_once_and_reused_across_cases():
    first = engine.get_engine()
    a = engine.screen({"tingling": True, "diet": "vegan"})
    b = engine.screen({"bone_pain": True})
    assert engine.get_engine() is first
    assert {e["nutrient"] for e in b.evidence} == {"vitamin_d"}  # nothing left over from case a
    assert "b12_vegan_diet" in a.fired and "b12_vegan_diet" not in b.fired


def test_unknown_answers_are_not_asserted():
    facts = engine.answer_facts({"tingling": "unknown", "diet": "vegan", "supplements": ("iron", "folate")})
    assert [dict(f) for f in facts] == [{"diet": "vegan"}, {"supplements": "iron"}, {"supplements": "folate"}]


@pytest.mark.parametrize("x, expected", [
    (0.685, 0.69), (0.68499999999999, 0.69), (0.285, 0.29), (0.2849, 0.28), (0.595, 0.6), (-0.285, -0.29),
    (0.0, 0.0), (0.29, 0.29), (0.999, 1.0)])
def test_shown_rounds_half_up_after_dropping_float_noise(x, expected):
    assert shown(x) == expected
