"""Rule relevance: which questions the interview still needs (screener.relevance)."""

from __future__ import annotations

import random

import pytest

from screener import kb
from screener.engine import catalogue
from screener.questions import NEURO_SYMPTOMS
from screener.questions import QUESTIONS
from screener.questions import RED_FLAGS
from screener.questions import SYMPTOMS
from screener.relevance import ALWAYS
from screener.relevance import analyse
from screener.relevance import next_question
from screener.relevance import relevant_questions
from screener.relevance import replay

ALL_NO_FLAGS = {q.id: False for q in RED_FLAGS}


def with_symptoms(*yes, rest=False, **more):
    answers = dict(ALL_NO_FLAGS)
    for s in SYMPTOMS:
        answers[s] = s in yes if rest is not None else None
    answers.update(more)
    return {k: v for k, v in answers.items() if v is not None}


def test_red_flags_come_first_in_bank_order():
    todo = relevant_questions({})
    assert todo[:len(RED_FLAGS)] == [q.id for q in RED_FLAGS]
    assert next_question({}) == "rf_sudden_onset"
    assert next_question({"rf_sudden_onset": False}) == "rf_face_arm_speech"


def test_red_flags_are_asked_even_after_an_unknown():
    answers = {q.id: "unknown" for q in RED_FLAGS[:5]}
    assert next_question(answers) == RED_FLAGS[5].id


def test_symptoms_follow_the_red_flags():
    assert next_question(ALL_NO_FLAGS) == "leg_weakness"


def test_everything_in_the_bank_is_reachable_at_the_start():
    """Every question is needed by some rule, or always asked: nothing dead in the bank."""
    todo = set(relevant_questions({}))
    assert todo == {q.id for q in QUESTIONS}


def test_no_symptom_means_no_nutrient_follow_ups():
    answers = with_symptoms()
    todo = relevant_questions(answers)
    for qid in ("metformin", "acid_reducer", "anticonvulsant", "diet", "pregnant", "heavy_periods", "sun_exposure", "supplements", "duration",
                "both_sides", "diuretic", "blood_donation"):
        assert qid not in todo, qid
    assert "age" in todo  # always asked
    # What is left is only what unconditional advice rules read.
    assert set(todo) <= {"age", "alcohol", "nitrous_oxide"}


def test_unknown_symptoms_gate_like_no():
    answers = {**ALL_NO_FLAGS, **{s: "unknown" for s in SYMPTOMS}}
    assert "metformin" not in relevant_questions(answers)


def test_risk_questions_open_only_for_compatible_symptoms():
    # Cramps point to magnesium, potassium, thiamine; never B12. (2026.12: cramps are only minor for iron and
    # vitamin D, which does not open their gates, so their risk questions are not asked for cramps alone.)
    answers = with_symptoms("muscle_cramps")
    todo = relevant_questions(answers)
    assert "metformin" not in todo
    assert "diuretic" in todo       # magnesium / potassium / thiamine risk
    assert "sun_exposure" not in todo and "heavy_periods" not in todo
    assert "sun_exposure" in relevant_questions(with_symptoms("bone_pain"))   # vitamin D risk
    assert "heavy_periods" in relevant_questions(with_symptoms("restless_legs"))  # iron risk
    # Numbness points to B12: now metformin matters.
    assert "metformin" in relevant_questions(with_symptoms("numbness"))


def test_risk_questions_wait_for_symptoms_not_before_them():
    """Before the symptoms are answered a risk question could still matter,
    but the symptoms come first in the bank, so they are asked first."""
    rel = analyse(ALL_NO_FLAGS)
    assert "metformin" in rel.relevant()
    assert rel.next_question() == "leg_weakness"


def test_no_pregnancy_question_for_men():
    base = with_symptoms("fatigue", "restless_legs", age=30)
    assert "pregnant" in relevant_questions({**base, "sex": "female"})
    assert "heavy_periods" in relevant_questions({**base, "sex": "female"})
    assert "pregnant" not in relevant_questions({**base, "sex": "male"})
    assert "heavy_periods" not in relevant_questions({**base, "sex": "male"})
    assert "pregnant" in relevant_questions({**base, "sex": "unknown"})


def test_sex_is_asked_before_pregnancy():
    base = with_symptoms("fatigue", "restless_legs", age=30, both_sides=True, worsening=False,
                         duration="months")
    assert next_question(base) == "sex"


def test_an_any_clause_already_true_needs_no_more_answers():
    # Every rule that reads tingling reads it as "numbness or tingling", or with
    # rf_injury (answered no): once numbness is yes, tingling cannot change anything.
    answers = {**ALL_NO_FLAGS, "leg_weakness": False, "numbness": True}
    assert "tingling" not in relevant_questions(answers)
    assert "tingling" in relevant_questions({**ALL_NO_FLAGS, "leg_weakness": False, "numbness": False})


def test_combination_keeps_its_questions_alive():
    answers = {**ALL_NO_FLAGS, "rf_injury": True, "leg_weakness": False, "numbness": True}
    # combo_injury_neuro is already true; nothing else needs tingling.
    assert "tingling" not in relevant_questions(answers)
    answers = {**ALL_NO_FLAGS, "leg_weakness": False}
    rel = analyse(answers)
    assert "combo_injury_neuro" not in rel.waiting.get("numbness", [])  # rf_injury is no


def test_not_clauses_keep_their_producers():
    """see_doctor_neuro_symptom reads NOT Sign(brief_stable_symmetric): the
    questions behind that sign (duration, worsening, both sides) are asked."""
    rel = analyse(with_symptoms("tingling"))
    assert "sign_brief_stable_symmetric" in rel.waiting["duration"]
    assert "see_doctor_neuro_symptom" in rel.mattering


def test_waiting_rules_name_the_gated_risk_rules():
    rel = analyse(with_symptoms("numbness"))
    assert "b12_metformin" in rel.waiting["metformin"]
    assert rel.nutrients_for("metformin") == ["vitamin_b12"]
    assert "vitamin_b12" in rel.suspects()
    assert "iron" not in rel.suspects()


def test_supplements_wait_on_suspects():
    rel = analyse(with_symptoms("restless_legs"))
    assert "supplement_already_taken" in rel.waiting["supplements"]
    assert set(rel.nutrients_for("supplements")) == {"iron", "magnesium"}


def test_a_new_rule_gets_its_question_asked_without_touching_the_cli():
    answers = with_symptoms("restless_legs", age=40, sex="female")
    assert "oily_fish" not in relevant_questions(answers)  # oily fish only bears on vitamin D
    class Made:
        @kb.Rule(kb.Suspect(nutrient="iron"), kb.Answer(oily_fish=True))
        @kb.evidence("iron", 0.15, kb.RISK, reason="a made-up rule for this test", source="test")
        def iron_test_oily_fish(self):
            "Made up."
    new_rule = kb.compile_info(Made.__dict__["iron_test_oily_fish"], "iron_test_oily_fish")
    rules = [*catalogue().values(), new_rule]
    rel = analyse(answers, rules)
    assert "oily_fish" in rel.relevant()
    assert rel.waiting["oily_fish"] == ["iron_test_oily_fish"]


def test_a_rule_on_a_sign_makes_the_sign_questions_matter():
    """Producers of an intermediate Sign matter only while a rule reads it."""
    answers = with_symptoms(rest=None)  # symptoms not answered yet
    rel = analyse(answers)
    assert "sign_poor_absorption" in rel.live
    rules = [r for r in catalogue().values() if r.id not in ("supplement_already_taken",
                                                               "supplement_taken_poor_absorption")]
    rel2 = analyse(answers, rules)
    assert "sign_poor_absorption" not in rel2.mattering


def test_always_asked():
    assert "age" in ALWAYS
    answers = with_symptoms()
    assert next_question(answers) == "age"


def test_done_when_nothing_is_left():
    answers = with_symptoms()
    answers.update(age=40, alcohol="none", nitrous_oxide=False)
    assert next_question(answers) is None


@pytest.mark.slow  # a long generated-case sweep: `pytest -m 'not slow'` skips it
@pytest.mark.parametrize("seed", range(6))
def test_relevance_only_shrinks_as_answers_come_in(seed):
    """So "at most m left" is an honest upper bound."""
    rng = random.Random(seed)
    answers: dict = {}
    before = set(relevant_questions(answers)) | set(answers)
    for _ in range(70):
        qid = next_question(answers)
        if qid is None:
            break
        q = next(q for q in QUESTIONS if q.id == qid)
        if q.kind == "yesno":
            value = rng.choice([True, False, False, "unknown"])
            if q.section == "red_flags":
                value = False
        elif q.kind == "choice":
            value = rng.choice([*q.choices, "unknown"])
        elif q.kind == "age":
            value = rng.choice([15, 40, 70, "unknown"])
        else:
            value = rng.choice([(), ("iron",), ("vitamin_d", "magnesium"), "unknown"])
        answers[qid] = value
        after = set(relevant_questions(answers)) | set(answers)
        assert after <= before, (qid, after - before)
        before = after


def test_replay_asks_only_relevant_questions():
    full = {**ALL_NO_FLAGS, "numbness": True, "age": 70, "metformin": True, "sex": "male"}
    got, asked = replay(full)
    assert asked[:len(RED_FLAGS)] == [q.id for q in RED_FLAGS]
    assert "pregnant" not in asked and "tingling" not in asked
    assert got["metformin"] is True
    assert all(got[q] == "unknown" for q in asked if q not in full)
    assert len(asked) < len(QUESTIONS)


def test_neuro_symptoms_list_is_what_the_rules_use():
    # A guard for the pruning test above: tingling only appears with numbness or rf_injury.
    assert "tingling" in NEURO_SYMPTOMS
