"""Escalation combinations of the contract's second edition (spec section 2).

Each combination is a list of parts; a part is satisfied by any one of its
"yes" answer sets and not by any of its "no" ones.  The rule must fire for
every way of satisfying all parts, and must not fire when any single part is
flipped to one of its "no" answers while the others still hold.
"""

from __future__ import annotations

import itertools

import pytest

from screener.engine import catalogue
from screener.engine import screen
from screener.facts import Case
from screener.report import build_report

MOTOR = [{"leg_weakness": True}, {"difficulty_walking": True}, {"poor_coordination": True}]
NOT_MOTOR = [{"numbness": True}, {"tingling": True}, {"leg_weakness": False}]
NEURO = MOTOR + [{"numbness": True}, {"tingling": True}, {"burning_feet": True}]
UNSTEADY = [{"difficulty_walking": True}, {"poor_coordination": True}]
WERNICKE_RISK = [{"alcohol": "heavy"}, {"stomach_surgery": True}, {"recent_vomiting_diarrhea": True},
                 {"eating_disorder": True}]

#: combination id -> (urgency, [(yes answer sets, no answer sets), ...])
COMBOS = {
    "combo_new_motor_symptom": ("urgent", [
        (MOTOR, NOT_MOTOR),
        ([{"duration": "days"}], [{"duration": "weeks"}, {"duration": "months"}, {"duration": "minutes"},
                                  {"duration": "unknown"}]),
    ]),
    "combo_wernicke_risk_unsteady": ("urgent", [
        (WERNICKE_RISK, [{"alcohol": "moderate"}, {"alcohol": "none"}, {"stomach_surgery": False},
                         {"eating_disorder": "unknown"}]),
        (UNSTEADY, [{"numbness": True}, {"muscle_cramps": True}]),
        # 2026.12: nothing known about the timing may be new (an unknown duration is not taken as old)
        ([{"duration": "days"}, {"duration": "weeks"}, {"worsening": True}, {}, {"duration": "unknown"}],
         [{"duration": "months", "worsening": False}, {"duration": "months"}, {"worsening": False},
          {"duration": "unknown", "worsening": False}]),
    ]),
    "combo_vomiting_weakness": ("urgent", [
        ([{"recent_vomiting_diarrhea": True}], [{"recent_vomiting_diarrhea": False}, {}]),
        ([{"leg_weakness": True}, {"twitches_spasms": True}], [{"muscle_cramps": True}, {"numbness": True}]),
    ]),
    "combo_nitrous_oxide_neuro": ("urgent", [
        ([{"nitrous_oxide": True}], [{"nitrous_oxide": False}, {"nitrous_oxide": "unknown"}]),
        (NEURO, [{"muscle_cramps": True}, {"fatigue": True}, {}]),
    ]),
    "combo_kidney_new_weakness": ("urgent", [
        ([{"kidney_disease": True}, {"potassium_raising_meds": True}],
         [{"kidney_disease": False}, {"diuretic": True}]),
        ([{"leg_weakness": True}], [{"numbness": True}, {"muscle_cramps": True}]),
        ([{"duration": "days"}, {"worsening": True}],
         [{"duration": "months", "worsening": False}, {"duration": "weeks"}]),
    ]),
    "combo_cancer_back_pain": ("urgent", [
        ([{"known_cancer": True}], [{"known_cancer": False}, {}]),
        ([{"back_pain": True}], [{"back_pain": False}, {"bone_pain": True}]),
    ]),
    "combo_child_motor_symptom": ("urgent", [
        ([{"age": 1}, {"age": 9}, {"age": 15}], [{"age": 16}, {"age": 40}, {}]),
        (MOTOR, NOT_MOTOR),
        # "unless known to have lasted weeks or months without getting worse"
        ([{}, {"duration": "weeks"}, {"duration": "months", "worsening": "unknown"},
          {"duration": "weeks", "worsening": True}, {"duration": "minutes", "worsening": False},
          {"worsening": False}],
         [{"duration": "weeks", "worsening": False}, {"duration": "months", "worsening": False}]),
    ]),
    "combo_eating_disorder_vomiting": ("urgent", [
        ([{"eating_disorder": True}], [{"eating_disorder": False}, {"restrictive_eating": True}]),
        ([{"recent_vomiting_diarrhea": True}], [{"recent_vomiting_diarrhea": False}, {}]),
        ([{"tingling": True}, {"muscle_cramps": True}, {"fatigue": True}], [{}, {"tingling": False}]),
    ]),
    # 2026.12, screener's own (ASMBS: persistent vomiting after bariatric surgery puts thiamine at risk)
    "combo_vomiting_after_stomach_surgery": ("urgent", [
        ([{"stomach_surgery": True}], [{"stomach_surgery": False}, {"stomach_surgery": "unknown"}, {}]),
        ([{"recent_vomiting_diarrhea": True}], [{"recent_vomiting_diarrhea": False}, {}]),
        ([{"fatigue": True}, {"tingling": True}, {"muscle_cramps": True}], [{}, {"fatigue": False}]),
    ]),
    # 2026.12, screener's own (medicine sick day guidance; NICE NG148 risk factors for kidney injury)
    "combo_vomiting_sick_day_medicines": ("urgent", [
        ([{"recent_vomiting_diarrhea": True}], [{"recent_vomiting_diarrhea": False}, {}]),
        ([{"diuretic": True}, {"potassium_raising_meds": True}, {"kidney_disease": True}],
         [{"diuretic": False}, {"acid_reducer": True}, {"metformin": True}, {}]),
        ([{"fatigue": True}, {"muscle_cramps": True}, {"numbness": True}], [{}, {"fatigue": False}]),
    ]),
    # 2026.12, screener's own (low calcium from very low vitamin D shows as tetany in babies and teenagers)
    "combo_child_spasms_tingling": ("urgent", [
        ([{"age": 1}, {"age": 15}], [{"age": 16}, {"age": 40}, {}]),
        ([{"twitches_spasms": True}], [{"twitches_spasms": False}, {"muscle_cramps": True}]),
        ([{"tingling": True}, {"numbness": True}], [{}, {"muscle_cramps": True}]),
        ([{}, {"duration": "days"}, {"duration": "weeks", "worsening": True}],
         [{"duration": "weeks", "worsening": False}, {"duration": "months", "worsening": False}]),
    ]),
    "combo_back_pain_weight_loss": ("urgent", [
        ([{"back_pain": True}], [{"back_pain": False}, {}]),
        ([{"weight_loss": True}], [{"weight_loss": False}, {"weight_loss": "unknown"}]),
    ]),
}


def rep(answers):
    case = Case(answers=dict(answers))
    return build_report(case, screen(case.answers), "uk")


def combos(report):
    return {f["id"]: f["urgency"] for f in report["red_flags"] if f["kind"] == "combination"}


def merge(parts) -> dict:
    out: dict = {}
    for p in parts:
        out.update(p)
    return out


def firing_cases():
    for combo, (_urgency, parts) in COMBOS.items():
        for choice in itertools.product(*(yes for yes, _no in parts)):
            yield pytest.param(combo, merge(choice), id=f"{combo}:{merge(choice)}")


def flipped_cases():
    for combo, (_urgency, parts) in COMBOS.items():
        for i, (_yes, no) in enumerate(parts):
            for flip in no:
                others = [yes[0] for j, (yes, _no) in enumerate(parts) if j != i]
                answers = merge([*others, flip])
                yield pytest.param(combo, answers, id=f"{combo}:part{i}:{flip}")


@pytest.mark.parametrize(("combo", "answers"), list(firing_cases()))
def test_combination_fires_when_every_part_holds(combo, answers):
    r = rep(answers)
    urgency = COMBOS[combo][0]
    assert combos(r).get(combo) == urgency
    assert r["urgency"] in ("urgent", "emergency")
    flag = next(f for f in r["red_flags"] if f["id"] == combo)
    assert flag["kind"] == "combination"
    assert "{number}" not in flag["advice"]


@pytest.mark.parametrize(("combo", "answers"), list(flipped_cases()))
def test_combination_does_not_fire_when_one_part_is_flipped(combo, answers):
    assert combo not in combos(rep(answers))


def test_every_second_edition_combination_is_a_rule_with_reason_and_source():
    cat = catalogue()
    for combo, (urgency, _parts) in COMBOS.items():
        info = cat[combo]
        assert (info.effect, info.kind, info.urgency, info.module) == ("red_flag", "combination", urgency,
                                                                       "red_flags")
        assert info.reason and info.source and info.text


@pytest.mark.parametrize("combo", list(COMBOS))
def test_urgent_combination_advice_says_today_and_escalates_only_conditionally(combo):
    text = catalogue()[combo].text
    assert "today" in text
    # an urgent message never tells the person it is an emergency outright:
    # calling the emergency number is only ever "if X happens"
    for sentence in text.split(". "):
        if "{number}" in sentence:
            assert sentence.lstrip().startswith("If "), sentence


# --- worked cases from the issue (under-triage found in clinical review) ----------

@pytest.mark.parametrize(("answers", "combo"), [
    # new leg weakness of a few days: possible early Guillain-Barre
    ({"leg_weakness": True, "both_sides": True, "duration": "days", "worsening": False}, "combo_new_motor_symptom"),
    # a heavy drinker who has become unsteady
    ({"alcohol": "heavy", "difficulty_walking": True, "duration": "weeks"}, "combo_wernicke_risk_unsteady"),
    # vomiting and diarrhoea with weak legs
    ({"recent_vomiting_diarrhea": True, "leg_weakness": True, "duration": "days"}, "combo_vomiting_weakness"),
    # nitrous oxide with numb legs
    ({"nitrous_oxide": True, "numbness": True, "duration": "weeks"}, "combo_nitrous_oxide_neuro"),
    # known cancer with new back pain
    ({"known_cancer": True, "back_pain": True, "duration": "days"}, "combo_cancer_back_pain"),
])
def test_issue_under_triage_cases_are_now_urgent(answers, combo):
    r = rep(answers)
    assert r["urgency"] == "urgent"
    assert combo in combos(r)
    assert r["advice"][0].startswith("See a doctor today")


def test_new_red_flag_questions_escalate():
    for flag in ("rf_back_pain_night_weight", "rf_black_stools"):
        r = rep({flag: True, "muscle_cramps": True, "duration": "days"})
        assert r["urgency"] == "urgent"
        assert [f["id"] for f in r["red_flags"]] == [flag]
