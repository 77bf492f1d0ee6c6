"""Red flags, escalation combinations, emergency numbers and urgency (spec sections 2 and 4)."""

from __future__ import annotations

import pytest

from screener.engine import screen
from screener.facts import Case
from screener.questions import BY_ID
from screener.questions import NEURO_SYMPTOMS
from screener.questions import QUESTIONS
from screener.questions import RED_FLAGS
from screener.questions import SYMPTOMS
from screener.report import build_report
from screener.report import report_for

#: Spec section 2, red-flag table, copied by hand: the contract.
SPEC_RED_FLAGS = {
    "rf_sudden_onset": "emergency",
    "rf_face_arm_speech": "emergency",
    "rf_saddle_numbness": "emergency",
    "rf_bladder_bowel": "emergency",
    "rf_rising_weakness": "emergency",
    "rf_breathing_swallowing": "emergency",
    "rf_new_confusion_eyes": "emergency",
    "rf_fainting_seizure": "emergency",
    "rf_cold_pale_leg": "emergency",
    "rf_calf_swelling": "urgent",
    "rf_injury": "urgent",
    "rf_fever_back_pain": "urgent",
    "rf_foot_wound": "urgent",
    "rf_back_pain_night_weight": "urgent",  # 2nd ed.
    "rf_black_stools": "urgent",            # 2nd ed.
}
ELECTROLYTE_FACTORS = ("diuretic", "acid_reducer", "recent_vomiting_diarrhea", "potassium_raising_meds",
                       "kidney_disease")
CRAMP_OR_WEAKNESS = ("muscle_cramps", "twitches_spasms", "leg_weakness")
ALL_NUMBERS = ("999", "911", "112")
NO_FLAGS = {q.id: False for q in RED_FLAGS}


def rep(answers, region=None, case_region=None):
    case = Case(answers=dict(answers), region=case_region)
    return build_report(case, screen(case.answers), region)


def flag_ids(report, kind=None):
    return [f["id"] for f in report["red_flags"] if kind is None or f["kind"] == kind]


def cond_ids(report):
    return [c["id"] for c in report["conditional_advice"]]


def test_red_flag_questions_match_the_spec_table():
    assert {q.id: q.urgency for q in RED_FLAGS} == SPEC_RED_FLAGS
    assert [q.id for q in QUESTIONS[:len(RED_FLAGS)]] == list(SPEC_RED_FLAGS)  # asked first


# --- each red-flag question -----------------------------------------------------

@pytest.mark.parametrize("flag", list(SPEC_RED_FLAGS))
def test_red_flag_yes_sets_its_urgency(flag):
    r = rep({**NO_FLAGS, flag: True})
    assert r["urgency"] == SPEC_RED_FLAGS[flag]
    assert [(f["id"], f["kind"], f["urgency"]) for f in r["red_flags"]] == [
        (flag, "question", SPEC_RED_FLAGS[flag])]
    assert r["red_flags"][0]["advice"] and "{number}" not in r["red_flags"][0]["advice"]
    assert r["conditional_advice"] == []


@pytest.mark.parametrize("flag", list(SPEC_RED_FLAGS))
def test_red_flag_yes_wins_over_symptoms_and_nutrients(flag):
    answers = {**NO_FLAGS, flag: True, "sore_tongue": True, "diet": "vegan", "duration": "months"}
    r = rep(answers)
    assert r["urgency"] == SPEC_RED_FLAGS[flag]
    if SPEC_RED_FLAGS[flag] == "emergency":
        assert r["suggestions"] == []
    else:  # urgent: a doctor today comes first, but suggestions are still shown
        # (2026.12: black stools are a strong iron risk, but no symptom here points to iron, a sore tongue
        # only fits it, so iron stays low and B12 leads; the doctor today is the message that matters)
        assert r["suggestions"][0]["nutrient"] == "vitamin_b12"
        assert r["advice"][0].startswith("See a doctor today")


@pytest.mark.parametrize("flag", list(SPEC_RED_FLAGS))
def test_red_flag_no_is_not_listed(flag):
    r = rep({**NO_FLAGS, flag: False})
    assert flag not in flag_ids(r)
    assert flag not in cond_ids(r)
    assert r["urgency"] == "self_care"


@pytest.mark.parametrize("how", ["unknown", "absent"])
@pytest.mark.parametrize("flag", list(SPEC_RED_FLAGS))
def test_red_flag_unknown_is_conditional_advice_only(flag, how):
    answers = dict(NO_FLAGS)
    if how == "unknown":
        answers[flag] = "unknown"
    else:
        del answers[flag]
    r = rep(answers, region="uk")
    assert r["urgency"] == "self_care"
    assert r["red_flags"] == []
    assert cond_ids(r) == [flag]
    advice = r["conditional_advice"][0]
    assert advice["urgency"] == SPEC_RED_FLAGS[flag]
    assert advice["advice"].startswith("If you ")
    assert BY_ID[flag].label in advice["advice"]
    if SPEC_RED_FLAGS[flag] == "emergency":
        assert "call 999 now" in advice["advice"]
    else:
        assert "today" in advice["advice"]
    # with symptoms the urgency is what the symptoms give, unknown flag or not
    with_symptom = {**answers, "tingling": True}
    assert rep(with_symptom)["urgency"] == rep({**with_symptom, flag: False})["urgency"] == "see_doctor"


def test_no_answers_at_all_lists_every_red_flag_as_conditional():
    r = rep({})
    assert r["urgency"] == "self_care"
    assert cond_ids(r) == list(SPEC_RED_FLAGS)
    assert r["red_flags"] == []


def test_several_flags_highest_urgency_wins_and_all_are_listed():
    r = rep({"rf_calf_swelling": True, "rf_cold_pale_leg": True, "rf_foot_wound": True})
    assert r["urgency"] == "emergency"
    assert flag_ids(r) == ["rf_cold_pale_leg", "rf_calf_swelling", "rf_foot_wound"]


# --- combinations (spec section 2) --------------------------------------------------

MOTOR = ("leg_weakness", "difficulty_walking", "poor_coordination")


def _also(answers: dict) -> list:
    """Second-edition combinations (tests/test_escalation.py) that the same
    answers legitimately raise as well, at a lower or equal urgency."""
    out = []
    if answers.get("known_cancer") and answers.get("back_pain"):
        out.append(("combo_cancer_back_pain", "urgent"))
    if answers.get("recent_vomiting_diarrhea") and (answers.get("leg_weakness") or answers.get("twitches_spasms")):
        out.append(("combo_vomiting_weakness", "urgent"))
    if answers.get("duration") == "days" and any(answers.get(m) for m in MOTOR):
        out.append(("combo_new_motor_symptom", "urgent"))
    long_and_stable = answers.get("duration") in ("weeks", "months") and answers.get("worsening") is False
    if (any(answers.get(f) for f in ("diuretic", "liquorice", "laxatives")) and answers.get("leg_weakness")
            and not long_and_stable):
        out.append(("combo_potassium_loss_weakness", "urgent"))  # 2026.12: screener's own
    if answers.get("statin") and (answers.get("muscle_aches") or answers.get("leg_weakness")):
        out.append(("combo_statin_muscle", "urgent"))  # 2026.12: screener's own; NHS: however long
    if answers.get("palpitations") and answers.get("leg_weakness") and not long_and_stable:
        out.append(("combo_palpitations_weakness", "urgent"))  # 2026.12: screener's own
    if (answers.get("known_cancer") and (answers.get("leg_weakness") or answers.get("difficulty_walking"))
            and not long_and_stable):
        out.append(("combo_cancer_new_weakness", "urgent"))  # 2026.12: screener's own (NICE NG234)
    return out


COMBINATIONS = (
    [(f"injury+{s}", {"rf_injury": True, s: True}, "combo_injury_neuro", "emergency")
     for s in ("leg_weakness", "numbness", "tingling")]
    + [(f"fever+{s}", {"rf_fever_back_pain": True, s: True}, "combo_fever_back_neuro", "emergency")
       for s in ("leg_weakness", "numbness")]
    + [(f"cancer+back+{s}", {"known_cancer": True, "back_pain": True, s: True}, "combo_cancer_back_neuro",
        "emergency") for s in ("leg_weakness", "numbness", "difficulty_walking")]
    + [(f"palpitations+{f}+{s}", {"palpitations": True, f: True, s: True}, "combo_palpitations_electrolytes",
        "urgent") for f in ELECTROLYTE_FACTORS for s in CRAMP_OR_WEAKNESS]
    + [(f"back+both+worse+{s}", {"back_pain": True, "both_sides": True, "worsening": True, s: True},
        "combo_back_both_legs_worsening", "urgent") for s in ("leg_weakness", "numbness")]
    + [(f"worse+days+{s}", {"worsening": True, "duration": "days", s: True}, "combo_worsening_over_days",
        "urgent") for s in NEURO_SYMPTOMS]
)


@pytest.mark.parametrize(("answers", "combo", "urgency"), [c[1:] for c in COMBINATIONS],
                         ids=[c[0] for c in COMBINATIONS])
def test_combination_escalates(answers, combo, urgency):
    r = rep(answers)
    assert r["urgency"] == urgency
    combos = [(f["id"], f["kind"], f["urgency"]) for f in r["red_flags"] if f["kind"] == "combination"]
    assert combos[0][2] == urgency  # the most time-critical first
    # 2nd ed.: a few answers here also meet a newer, same-day combination
    assert sorted(combos) == sorted([(combo, "combination", urgency)]
                                    + [(c, "combination", u) for c, u in _also(answers)])
    entry = next(f for f in r["red_flags"] if f["id"] == combo)
    assert entry["advice"] and "{number}" not in entry["advice"]
    if urgency == "emergency":
        assert r["suggestions"] == []


def test_combination_ids_differ_from_question_ids():
    ids = {c[2] for c in COMBINATIONS}
    assert len(ids) == 6
    assert not ids & set(SPEC_RED_FLAGS)


NEAR_MISSES = [
    ("injury+cramps", {"rf_injury": True, "muscle_cramps": True}, "urgent"),
    ("injury+burning_feet", {"rf_injury": True, "burning_feet": True}, "urgent"),
    ("injury+back_pain", {"rf_injury": True, "back_pain": True}, "urgent"),
    ("injury_no+weakness", {"rf_injury": False, "leg_weakness": True}, "see_doctor"),
    ("fever+tingling", {"rf_fever_back_pain": True, "tingling": True}, "urgent"),
    ("fever+difficulty_walking", {"rf_fever_back_pain": True, "difficulty_walking": True}, "urgent"),
    ("fever_no+weakness", {"rf_fever_back_pain": False, "back_pain": True, "leg_weakness": True},
     "see_doctor"),
    ("back+weakness, no cancer", {"known_cancer": False, "back_pain": True, "leg_weakness": True},
     "see_doctor"),
    # a diuretic with palpitations or cramps makes potassium "high": see_doctor, not urgent
    ("palpitations+diuretic, no cramps", {"palpitations": True, "diuretic": True}, "see_doctor"),
    # 2nd ed.: symptoms of unknown duration are not "brief", so see a doctor (no combination)
    ("palpitations+cramps, no factor", {"palpitations": True, "muscle_cramps": True}, "see_doctor"),
    ("diuretic+cramps, no palpitations", {"diuretic": True, "muscle_cramps": True}, "see_doctor"),
    ("palpitations+diuretic+aches", {"palpitations": True, "diuretic": True, "muscle_aches": True},
     "see_doctor"),
    ("palpitations+metformin+cramps", {"palpitations": True, "metformin": True, "muscle_cramps": True},
     "see_doctor"),
    ("palpitations+diuretic no+cramps", {"palpitations": True, "diuretic": False, "muscle_cramps": True},
     "see_doctor"),
    ("palpitations+cramps, days, no factor", {"palpitations": True, "muscle_cramps": True, "duration": "days"},
     "self_care"),
    ("palpitations+metformin+cramps, days",
     {"palpitations": True, "metformin": True, "muscle_cramps": True, "duration": "days"}, "self_care"),
    ("back+both+weakness, not worsening",
     {"back_pain": True, "both_sides": True, "worsening": False, "leg_weakness": True}, "see_doctor"),
    ("back+one side+worse+weakness",
     {"back_pain": True, "both_sides": False, "worsening": True, "leg_weakness": True}, "see_doctor"),
    ("back+both+worse+tingling",
     {"back_pain": True, "both_sides": True, "worsening": True, "tingling": True}, "see_doctor"),
    ("both+worse+weakness, no back pain", {"both_sides": True, "worsening": True, "leg_weakness": True},
     "see_doctor"),
    ("worse+weeks+neuro", {"worsening": True, "duration": "weeks", "tingling": True}, "see_doctor"),
    ("worse+months+neuro", {"worsening": True, "duration": "months", "numbness": True}, "see_doctor"),
    ("worse+days+cramps only", {"worsening": True, "duration": "days", "muscle_cramps": True}, "see_doctor"),
    ("stable+days+neuro", {"worsening": False, "duration": "days", "tingling": True}, "see_doctor"),
    ("worse+unknown duration+neuro", {"worsening": True, "duration": "unknown", "tingling": True},
     "see_doctor"),
]


@pytest.mark.parametrize(("answers", "urgency"), [n[1:] for n in NEAR_MISSES], ids=[n[0] for n in NEAR_MISSES])
def test_near_miss_does_not_escalate(answers, urgency):
    r = rep(answers)
    assert flag_ids(r, "combination") == []
    assert r["urgency"] == urgency


# 2nd ed.: these used to be near misses; a newer combination now sends them
# to a doctor the same day (the emergency combination still does not apply).
NOW_URGENT = [
    ("cancer+back+tingling", {"known_cancer": True, "back_pain": True, "tingling": True}),
    ("cancer+back, no neuro", {"known_cancer": True, "back_pain": True}),
]


@pytest.mark.parametrize("answers", [n[1] for n in NOW_URGENT], ids=[n[0] for n in NOW_URGENT])
def test_former_near_miss_is_now_urgent(answers):
    r = rep(answers)
    assert flag_ids(r, "combination") == ["combo_cancer_back_pain"]
    assert r["urgency"] == "urgent"


# --- emergency report ---------------------------------------------------------------

def test_emergency_lists_no_suggestions_even_with_strong_evidence():
    answers = {"rf_sudden_onset": True, "tingling": True, "diet": "vegan", "metformin": True,
               "duration": "months"}
    res = screen(answers)
    assert any(e["nutrient"] == "vitamin_b12" and e["kind"] == "risk" for e in res.evidence)  # still fired
    r = build_report(Case(answers=answers), res, "uk")
    assert r["urgency"] == "emergency"
    assert r["suggestions"] == []
    assert r["advice"] == ["Call 999 now, or have someone call for you. Do not drive yourself. Getting help "
                           "comes first: nutrients can wait."]


@pytest.mark.parametrize(("region", "number"), [("uk", "999"), ("us", "911"), ("eu", "112")])
def test_emergency_number_by_region(region, number):
    for r in (rep({"rf_face_arm_speech": True}, region=region),
              rep({"rf_face_arm_speech": True}, case_region=region)):
        assert r["emergency_number"] == number
        assert f"Call {number} now" in r["advice"][0]
        assert f"Call {number} now" in r["red_flags"][0]["advice"]
        others = [n for n in ALL_NUMBERS if n != number]
        assert not any(n in r["advice"][0] or n in r["red_flags"][0]["advice"] for n in others)


def test_case_region_overrides_the_option():
    r = rep({"rf_face_arm_speech": True}, region="us", case_region="eu")
    assert r["emergency_number"] == "112"


def test_no_region_names_all_three_numbers():
    r = rep({"rf_rising_weakness": True})
    for text in (r["advice"][0], r["red_flags"][0]["advice"], r["emergency_number"]):
        assert all(n in text for n in ALL_NUMBERS)


@pytest.mark.parametrize(("region", "number"), [("uk", "999"), ("us", "911"), ("eu", "112"), (None, "112")])
def test_urgent_flag_advice_names_the_number_for_escalation(region, number):
    # rf_calf_swelling's advice says to call the emergency number if breathless
    r = rep({"rf_calf_swelling": True}, region=region)
    assert number in r["red_flags"][0]["advice"]
    assert "{number}" not in r["red_flags"][0]["advice"]


def test_report_for_uses_case_region():
    r = report_for(Case(answers={"rf_bladder_bowel": True}, region="us"))
    assert r["urgency"] == "emergency"
    assert r["emergency_number"] == "911"


# --- see_doctor and self_care (spec section 4) ------------------------------------------

@pytest.mark.parametrize("symptom", NEURO_SYMPTOMS)
def test_any_neuro_symptom_is_see_doctor(symptom):
    assert rep({symptom: True})["urgency"] == "see_doctor"


SENSORY = [s for s in NEURO_SYMPTOMS if s not in MOTOR]


@pytest.mark.parametrize("symptom", SENSORY)
def test_neuro_symptom_known_days_stable_both_sides_is_self_care(symptom):
    r = rep({symptom: True, "duration": "days", "worsening": False, "both_sides": True})
    assert r["urgency"] == "self_care"


@pytest.mark.parametrize("symptom", MOTOR)
def test_new_motor_symptom_is_urgent_even_if_stable_and_two_sided(symptom):
    # 2nd ed.: a motor symptom of days (new within two weeks) may be early
    # Guillain-Barre syndrome; it no longer waits like a sensory one.
    r = rep({symptom: True, "duration": "days", "worsening": False, "both_sides": True})
    assert r["urgency"] == "urgent"
    assert flag_ids(r) == ["combo_new_motor_symptom"]


@pytest.mark.parametrize("missing", [
    {"duration": "unknown"}, {"worsening": "unknown"}, {"both_sides": "unknown"},
    {"both_sides": False}, {"duration": "weeks"},
])
def test_neuro_symptom_waits_only_when_all_three_are_known(missing):
    answers = {"tingling": True, "duration": "days", "worsening": False, "both_sides": True, **missing}
    assert rep(answers)["urgency"] == "see_doctor"


NON_NEURO = [s for s in SYMPTOMS if s not in NEURO_SYMPTOMS]


@pytest.mark.parametrize("symptom", NON_NEURO)
def test_non_neuro_symptom_depends_on_duration(symptom):
    # 2nd ed.: an unknown duration is not "brief": see a doctor
    assert rep({symptom: True})["urgency"] == "see_doctor"
    assert rep({symptom: True, "duration": "unknown"})["urgency"] == "see_doctor"
    if symptom == "restless_legs":
        # 2026.12: the guidelines test iron in everyone with restless legs, so iron is worth discussing
        # (moderate) and a report that says so is never self-care
        assert rep({symptom: True, "duration": "days"})["urgency"] == "see_doctor"
        return
    assert rep({symptom: True, "duration": "minutes"})["urgency"] == "self_care"
    assert rep({symptom: True, "duration": "days"})["urgency"] == "self_care"
    assert rep({symptom: True, "duration": "weeks"})["urgency"] == "see_doctor"
    assert rep({symptom: True, "duration": "months"})["urgency"] == "see_doctor"
    assert rep({symptom: True, "duration": "days", "worsening": True})["urgency"] == "see_doctor"
    assert rep({symptom: True, "duration": "days", "worsening": False})["urgency"] == "self_care"


def test_duration_or_worsening_without_symptoms_is_self_care():
    assert rep({"duration": "months", "worsening": True})["urgency"] == "self_care"


@pytest.mark.parametrize(("age", "urgency"), [(1, "see_doctor"), (15, "see_doctor"), (16, "self_care"),
                                              (40, "self_care")])
def test_under_16_with_any_symptom_sees_a_doctor(age, urgency):
    r = rep({"age": age, "muscle_cramps": True, "duration": "days"})
    assert r["urgency"] == urgency
    under_16_advice = [a for a in r["advice"] if "under 16" in a]
    assert bool(under_16_advice) == (age < 16)


def test_under_16_without_symptoms_is_self_care():
    assert rep({"age": 10, "muscle_cramps": False})["urgency"] == "self_care"


def test_high_suggestion_alone_means_see_doctor():
    # a sore tongue (not a neuro symptom) for days + vegan diet: B12 0.65 high
    r = rep({"sore_tongue": True, "diet": "vegan", "duration": "days"})
    assert r["suggestions"][0]["level"] == "high"
    assert r["urgency"] == "see_doctor"
    assert [u["rule"] for u in r["urgency_reasons"]] == ["suggestion:vitamin_b12"]
    # 2nd ed.: moderate counts too (iron, from the vegan diet and looking pale, a sign that points to it;
    # 2026.12: a sore tongue only fits iron, so with it alone iron stays low)
    r = rep({"pale_or_breathless": True, "diet": "vegan", "duration": "days"})
    assert [(s["nutrient"], s["level"]) for s in r["suggestions"][:2]] == [("iron", "moderate"),
                                                                          ("vitamin_b12", "low")]
    assert [u["rule"] for u in r["urgency_reasons"]] == ["suggestion:iron"]
    assert "worth discussing with a doctor" in r["urgency_reasons"][0]["text"]
    r = rep({"sore_tongue": True, "diet": "omnivore", "duration": "days"})
    assert all(s["level"] == "low" for s in r["suggestions"])
    assert r["urgency"] == "self_care"


def test_self_care_advice_says_when_to_see_a_doctor():
    r = rep({"muscle_cramps": True, "duration": "days", **NO_FLAGS})
    assert r["urgency"] == "self_care"
    assert "two weeks" in r["advice"][0]
    assert "warning sign" in r["advice"][0]


def test_supplement_never_lowers_urgency():
    base = {"sore_tongue": True, "diet": "vegan"}
    assert rep(base)["urgency"] == "see_doctor"
    assert rep({**base, "supplements": ("vitamin_b12",)})["urgency"] == "see_doctor"


def test_palpitations_on_potassium_raising_meds_advice_matches_urgency():
    # Spec urgency is exact: palpitations on these medicines alone are not a
    # same-day combination; the advice asks for a test (2nd ed.: so the
    # report is never self-care), and same-day only where the spec's urgent
    # combination (cramps or weakness) applies.
    r = rep({"palpitations": True, "potassium_raising_meds": True, "duration": "days"})
    assert r["urgency"] == "see_doctor"
    assert "see_doctor_potassium_raising_meds" in [u["rule"] for u in r["urgency_reasons"]]
    advice = [a for a in r["advice"] if "potassium blood test" in a]
    assert advice and "today" not in advice[0]
    r = rep({"palpitations": True, "potassium_raising_meds": True, "muscle_cramps": True})
    assert r["urgency"] == "urgent"
    assert {f["id"] for f in r["red_flags"]} == {"combo_palpitations_electrolytes"}


# --- 2026.12: screener's own same-day combinations (docs/knowledge.md 13b) -------------------------

@pytest.mark.parametrize(("answers", "combo"), [
    ({"methotrexate": True, "sore_tongue": True}, "combo_methotrexate_mouth_sores"),
    ({"diuretic": True, "leg_weakness": True}, "combo_potassium_loss_weakness"),
    ({"liquorice": True, "leg_weakness": True, "duration": "months"}, "combo_potassium_loss_weakness"),
    ({"laxatives": True, "leg_weakness": True, "duration": "weeks", "worsening": True},
     "combo_potassium_loss_weakness"),
    ({"statin": True, "muscle_aches": True, "duration": "days"}, "combo_statin_muscle"),
    ({"statin": True, "leg_weakness": True}, "combo_statin_muscle"),
    # no medicine needed: low or high potassium shows in the heart and the muscles together
    ({"palpitations": True, "leg_weakness": True}, "combo_palpitations_weakness"),
    ({"palpitations": True, "leg_weakness": True, "duration": "weeks", "worsening": True},
     "combo_palpitations_weakness"),
    # a near miss of the emergency combination (no back pain) until 2026.12: cancer can press on the cord
    ({"known_cancer": True, "leg_weakness": True}, "combo_cancer_new_weakness"),
    ({"known_cancer": True, "difficulty_walking": True, "duration": "weeks", "worsening": True},
     "combo_cancer_new_weakness"),
    # vomiting after weight-loss surgery uses up thiamine before the nerves or brain show it (ASMBS)
    ({"stomach_surgery": True, "recent_vomiting_diarrhea": True, "fatigue": True},
     "combo_vomiting_after_stomach_surgery"),
    # days of vomiting or diarrhoea on "sick day" medicines: salts and kidneys (NHS sick day guidance)
    ({"recent_vomiting_diarrhea": True, "potassium_raising_meds": True, "fatigue": True},
     "combo_vomiting_sick_day_medicines"),
])
def test_screener_own_combination_is_same_day(answers, combo):
    r = rep({**NO_FLAGS, **answers})
    assert r["urgency"] == "urgent"
    assert combo in flag_ids(r, "combination")
    assert r["advice"][0].startswith("See a doctor today")


@pytest.mark.parametrize("answers", [
    {"methotrexate": False, "sore_tongue": True},
    {"diuretic": True, "leg_weakness": True, "duration": "months", "worsening": False},
    {"diuretic": True, "muscle_cramps": True, "duration": "weeks", "worsening": False},
    {"statin": True, "muscle_cramps": True, "duration": "months", "worsening": False},
    {"known_cancer": True, "leg_weakness": True, "duration": "months", "worsening": False},
    {"palpitations": True, "leg_weakness": True, "duration": "months", "worsening": False},
    {"palpitations": True, "muscle_cramps": True},
])
def test_screener_own_combination_waits_when_long_standing_and_stable(answers):
    r = rep({**NO_FLAGS, **answers})
    assert not set(flag_ids(r, "combination")) & {"combo_methotrexate_mouth_sores", "combo_potassium_loss_weakness",
                                                   "combo_statin_muscle", "combo_cancer_new_weakness",
                                                   "combo_palpitations_weakness"}
    assert r["urgency"] != "urgent"


def test_statin_aches_are_same_day_however_long_they_have_lasted():
    """NHS: call a doctor or 111 straight away with unexplained muscle pain on a statin; unlike screener's other
    combinations, the NHS wording has no exception for aches that are old and stable (2026.12)."""
    for answers in ({"statin": True, "muscle_aches": True, "duration": "weeks", "worsening": False},
                    {"statin": True, "leg_weakness": True, "duration": "months", "worsening": False}):
        r = rep({**NO_FLAGS, **answers})
        assert r["urgency"] == "urgent" and "combo_statin_muscle" in flag_ids(r, "combination")
