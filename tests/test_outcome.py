"""Ask only what could change the outcome (screener.outcome, screener.flow)."""

from __future__ import annotations

import types

import pytest

from screener import engine
from screener import flow
from screener.kb import RISK
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Suspect
from screener.kb import evidence
from screener.outcome import search
from screener.questions import RED_FLAGS
from screener.questions import SYMPTOMS


def person(**answers):
    out = {q.id: False for q in RED_FLAGS}
    out.update({s: False for s in SYMPTOMS})
    out.update(answers)
    return out


def asked(full) -> list[str]:
    return [q for step, _ in flow.replay(full).steps if step.kind != "screen" for q in step.ids]


def test_no_symptoms_asks_no_risk_factor():
    questions = asked(person(age=40))
    assert questions == [*SYMPTOMS, "age"]


def test_a_question_that_cannot_change_the_outcome_is_not_asked():
    # Vegan with numb, tingling feet: B12 is already 'high'; nothing else B12-only moves it.
    answers = person(numbness=True, tingling=True, diet="vegan", age=34, sex="female", duration="months")
    found = search({k: v for k, v in answers.items() if k != "metformin"})
    assert "metformin" not in found.ranked()  # B12 stays high whatever the answer
    # ...but before the diet is known, metformin could move B12, so it is worth asking.
    early = {k: v for k, v in answers.items() if k in {q.id for q in RED_FLAGS} or k in SYMPTOMS}
    early["age"] = 34
    assert "metformin" in search(early).ranked()


def test_most_outcome_changing_first():
    answers = person(muscle_cramps=True, age=50)
    found = search(answers)
    ranked = found.ranked()
    assert ranked
    assert all(found.scores[a] >= found.scores[b] for a, b in zip(ranked, ranked[1:]))
    # how long cramps have lasted decides whether to see a doctor: an urgency change, asked
    # before anything that only moves a level
    assert found.scores["duration"].urgency > 0
    # (2026.12: cramps no longer open iron's gate, so heavy_periods is not asked; diuretic moves a level)
    assert ranked.index("duration") < ranked.index("diuretic")


def test_why_is_one_plain_sentence_for_this_person():
    answers = person(numbness=True, tingling=True, age=60)
    step = flow.next_step(answers)
    assert step is not None
    assert step.why.startswith("It decides") and step.why.endswith(".")
    assert "_" not in step.why  # no rule ids
    assert step.rules  # the rule ids are kept for --trace and explain


class _NewRules:
    """A rule a knowledge-base author might add: nothing in the interview names it."""

    @Rule(Suspect(nutrient="magnesium"), Answer(fruit_veg=False))
    @evidence("magnesium", cf=0.5, kind=RISK, reason="a made-up risk factor for the test",
              source="test")
    def mg_test_no_fruit(self):
        """Test rule."""


@pytest.fixture
def with_new_rule(monkeypatch):
    from screener import rules

    module = types.ModuleType("screener.rules.test_new_rule")
    cls = type("TestNewRules", (), {k: v for k, v in vars(_NewRules).items() if not k.startswith("__")})
    cls.__module__ = module.__name__
    module.TestNewRules = cls
    monkeypatch.setattr(rules, "MODULES", (*rules.MODULES, module))
    monkeypatch.setattr(engine, "_CATALOGUE", None)
    monkeypatch.setattr(engine, "_ENGINE", None)
    monkeypatch.setattr(flow, "_BEARS", None)
    yield
    engine._CATALOGUE = None
    engine._ENGINE = None
    flow._BEARS = None


def test_cramps_person_is_not_asked_about_fruit_veg():
    assert "fruit_veg" not in asked(person(muscle_cramps=True, age=50, duration="weeks", sex="male"))


def test_a_new_rule_gets_its_question_asked(with_new_rule):
    assert "mg_test_no_fruit" in engine.catalogue()
    full = person(muscle_cramps=True, age=50, duration="weeks", sex="male", fruit_veg=False)
    assert "fruit_veg" in asked(full)
    played = flow.replay(full)
    assert played.answers["fruit_veg"] is False
    assert any("mg_test_no_fruit" in step.rules for step, _ in played.steps)


def test_how_long_is_asked_when_it_decides_whether_to_see_a_doctor():
    # tingling in both legs, not worsening: 'days' or 'minutes' is self-care, longer is see_doctor; the
    # answer stops two urgency rules at once (they fire while it is unanswered)
    full = person(tingling=True, age=40, both_sides=True, worsening=False, duration="days")
    assert "duration" in asked(full)
    found = search({k: v for k, v in full.items() if k != "duration"})
    assert found.scores["duration"].urgency == 1
