"""Knowledge base 2026.12: the contract's new question ids, competing causes and calibration.

Every rule is also covered one by one (fires when its conditions hold, not when
each is dropped or flipped) by tests/test_rules_nutrients.py; these tests pin
the clinical behaviour each new rule is for.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from screener import kb
from screener.engine import catalogue
from screener.engine import screen
from screener.facts import Case
from screener.questions import BY_ID
from screener.questions import CHOICE
from screener.questions import YESNO
from screener.report import build_report
from screener.scoring import assess

CAT = catalogue()


def evidence(answers, nutrient):
    return {e["rule"]: e["cf"] for e in screen(answers).evidence if e["nutrient"] == nutrient}


def report(answers):
    case = Case(answers=dict(answers))
    return build_report(case, screen(case.answers))


def suggestion(answers, nutrient):
    return next((s for s in report(answers)["suggestions"] if s["nutrient"] == nutrient), None)


# --- new risk factors: grade as sourced -----------------------------------------------------------

@pytest.mark.parametrize(("answers", "nutrient", "rule", "cf"), [
    ({"poor_coordination": True, "liver_disease": True}, "vitamin_e", "e_liver_disease", 0.3),
    ({"bone_pain": True, "liver_disease": True}, "vitamin_d", "d_liver_disease", 0.3),
    ({"difficulty_walking": True, "family_ataxia": True}, "vitamin_e", "e_family_ataxia", 0.3),
    ({"numbness": True, "autoimmune": True}, "vitamin_b12", "b12_autoimmune", 0.3),
    ({"restless_legs": True, "nsaid_or_blood_thinner": True}, "iron", "iron_nsaid_blood_thinner", 0.3),
    ({"pale_or_breathless": True, "rf_black_stools": True}, "iron", "iron_black_stools", 0.5),
    # 2026.12: strong, like nitrous oxide for B12: a medicine that blocks the nutrient itself
    ({"sore_tongue": True, "methotrexate": True}, "folate", "folate_methotrexate", 0.5),
    ({"muscle_cramps": True, "laxatives": True}, "potassium", "k_laxatives", 0.3),
    ({"muscle_cramps": True, "liquorice": True}, "potassium", "k_liquorice", 0.3),
    ({"muscle_cramps": True, "steroids": True}, "potassium", "k_steroids", 0.15),
    ({"bone_pain": True, "steroids": True}, "vitamin_d", "d_steroids", 0.15),
    ({"burning_feet": True, "eating_disorder": True}, "thiamine", "thiamine_eating_disorder", 0.5),
    ({"muscle_cramps": True, "eating_disorder": True}, "potassium", "k_eating_disorder", 0.3),
    ({"twitches_spasms": True, "eating_disorder": True}, "magnesium", "mg_eating_disorder", 0.3),
    ({"sore_tongue": True, "eating_disorder": True}, "folate", "folate_eating_disorder", 0.3),
    ({"restless_legs": True, "eating_disorder": True}, "iron", "iron_eating_disorder", 0.3),
    ({"bone_pain": True, "eating_disorder": True}, "vitamin_d", "d_eating_disorder", 0.15),
    ({"burning_feet": True, "weight_loss": True}, "thiamine", "thiamine_weight_loss", 0.15),
    ({"sore_tongue": True, "weight_loss": True}, "folate", "folate_weight_loss", 0.15),
    ({"sore_tongue": True, "breastfeeding": True}, "folate", "folate_breastfeeding", 0.15),
    ({"tingling": True, "breastfeeding": True, "diet": "vegan"}, "vitamin_b12", "b12_breastfeeding_vegan", 0.15),
])
def test_new_risk_factor_counts_with_a_symptom(answers, nutrient, rule, cf):
    assert evidence(answers, nutrient)[rule] == cf
    symptomless = {k: v for k, v in answers.items() if BY_ID[k].section != "symptoms"}  # red flags stay
    assert rule not in evidence(symptomless, nutrient)  # gated: never without a compatible symptom


def test_family_ataxia_counts_only_with_unsteadiness_or_clumsiness():
    assert "e_family_ataxia" not in evidence({"numbness": True, "family_ataxia": True}, "vitamin_e")
    assert "e_family_ataxia" in evidence({"poor_coordination": True, "family_ataxia": True}, "vitamin_e")


def test_laxatives_are_no_magnesium_risk():
    # many laxatives contain magnesium: no source grades a loss, so no rule (docs/knowledge.md 7)
    ev = screen({"twitches_spasms": True, "laxatives": True}).evidence
    assert not any(e["kind"] == "risk" for e in ev if e["nutrient"] == "magnesium")
    assert any(e["rule"] == "k_laxatives" for e in ev)


def test_vitamin_e_from_liver_disease_or_family_ataxia_reaches_moderate():
    s = suggestion({"poor_coordination": True, "difficulty_walking": True, "liver_disease": True}, "vitamin_e")
    assert s["level"] in ("moderate", "high")
    s = suggestion({"poor_coordination": True, "family_ataxia": True}, "vitamin_e")
    assert s["level"] in ("moderate", "high")


def test_cystic_fibrosis_is_asked_as_malabsorption():
    assert "cystic fibrosis" in BY_ID["malabsorption"].text


# --- breastfeeding split from pregnancy -------------------------------------------------------------

def test_breastfeeding_is_not_told_pregnancy_raises_iron():
    rep = report({"pale_or_breathless": True, "fatigue": True, "breastfeeding": True, "sex": "female", "age": 31})
    assert "pregnancy raises" not in str(rep)
    assert "iron_pregnancy" not in evidence({"pale_or_breathless": True, "breastfeeding": True}, "iron")


def test_pregnant_woman_is_not_warned_about_hidden_bleeding():
    rep = report({"restless_legs": True, "pregnant": True, "sex": "female", "age": 29})
    iron = next(s for s in rep["suggestions"] if s["nutrient"] == "iron")
    assert not any("bleeding" in c for c in iron["cautions"])
    assert any("overdose" in c for c in iron["cautions"])  # the standing safety caution stays
    younger = suggestion({"restless_legs": True, "pregnant": False, "sex": "female", "age": 29}, "iron")
    assert any("look for its cause" in c for c in younger["cautions"])


def test_vegan_breastfeeding_mother_hears_about_the_baby():
    s = suggestion({"tingling": True, "breastfeeding": True, "diet": "vegan"}, "vitamin_b12")
    assert s["level"] == "high"
    assert any("baby" in c for c in s["cautions"])


def test_methotrexate_caution_keeps_prescribed_folic_acid():
    s = suggestion({"sore_tongue": True, "methotrexate": True}, "folate")
    assert any("methotrexate" in c and "as prescribed" in c for c in s["cautions"])


def test_eating_disorder_signposts_support():
    rep = report({"burning_feet": True, "eating_disorder": True})
    assert any("eating disorder" in a and "Beat" in a for a in rep["advice"])
    assert rep["suggestions"][0]["nutrient"] == "thiamine"


# --- competing causes --------------------------------------------------------------------------------

def test_statin_is_named_first_and_not_to_be_stopped_alone():
    rep = report({"muscle_aches": True, "muscle_cramps": True, "statin": True, "age": 66})
    (cause,) = rep["competing_causes"]
    assert cause["id"] == "statin" and cause["explains"] == ["muscle_aches", "muscle_cramps"]
    assert "Do not stop your statin" in cause["text"]


def test_thyroid_explains_cramps_aches_tiredness_numbness():
    rep = report({"muscle_cramps": True, "fatigue": True, "bone_pain": True, "thyroid": True})
    (cause,) = rep["competing_causes"]
    assert cause["id"] == "thyroid" and cause["explains"] == ["muscle_cramps", "fatigue"]


def test_one_sided_symptoms_with_back_pain_are_a_trapped_nerve():
    rep = report({"numbness": True, "back_pain": True, "both_sides": False})
    assert [c["id"] for c in rep["competing_causes"]] == ["trapped_nerve"]
    assert "advice_one_sided" not in screen({"numbness": True, "back_pain": True, "both_sides": False}).advice
    assert "advice_one_sided" in screen({"numbness": True, "both_sides": False}).advice


def test_no_competing_cause_without_its_symptoms():
    assert report({"bone_pain": True, "statin": True, "diabetes": True})["competing_causes"] == []


def test_diabetes_is_never_a_risk_for_the_feet_it_explains():
    for symptom in ("numbness", "tingling", "burning_feet"):
        ev = screen({symptom: True, "diabetes": True}).evidence
        assert not any(e["kind"] == "risk" for e in ev), symptom


def test_competing_causes_in_markdown():
    from screener.render import render_markdown

    rep = report({"muscle_aches": True, "statin": True})
    md = render_markdown(rep)
    assert md.index("Other causes reported") < md.index("Suggestions to discuss")
    assert "aching muscles" in md


# --- property: adding a risk factor never lowers that factor's nutrient -----------------------------

RISK_RULES = sorted(i for i, info in CAT.items() if info.effect == "evidence" and info.kind == "risk")
SYMPTOM_IDS = [q.id for q in BY_ID.values() if q.section == "symptoms" and q.kind == YESNO]
OTHER_IDS = [q.id for q in BY_ID.values() if q.section in ("person", "diet", "medical") and q.kind in (YESNO, CHOICE)]


def risk_answers(rule_id) -> dict | None:
    """The non-symptom answers a risk rule names (its risk factor), as values that satisfy it."""
    out = {}
    for leaf, negated in kb.walk(CAT[rule_id].clauses):
        if negated or not isinstance(leaf, kb.AnswerClause) or BY_ID[leaf.question].section == "symptoms":
            continue
        if leaf.question in out:
            continue  # an OR of alternatives: the first one is enough
        if isinstance(leaf.constraint, kb.Literal):
            out[leaf.question] = leaf.constraint.values[0]
        elif isinstance(leaf.constraint, kb.Compare) and leaf.constraint.op == ">=":
            out[leaf.question] = leaf.constraint.value
    return out


@pytest.mark.parametrize("n", [pytest.param(30, id="quick"), pytest.param(150, id="sweep", marks=pytest.mark.slow)])
def test_adding_a_risk_factor_never_lowers_its_nutrient(n):
    @settings(max_examples=n, deadline=None)
    @given(rule=st.sampled_from(RISK_RULES),
           symptoms=st.lists(st.sampled_from(SYMPTOM_IDS), min_size=1, max_size=4, unique=True),
           others=st.dictionaries(st.sampled_from(OTHER_IDS), st.booleans(), max_size=5),
           age=st.one_of(st.none(), st.integers(16, 95)))
    def check(rule, symptoms, others, age):
        factor = risk_answers(rule)
        base = {s: True for s in symptoms}
        base.update({k: v for k, v in others.items() if BY_ID[k].kind == YESNO and k not in factor})
        if age is not None and "age" not in factor:
            base["age"] = age
        nutrient = CAT[rule].concern
        added = {**base, **factor}
        after = screen(added)
        before = assess(screen(base)).get(nutrient)
        now = assess(after).get(nutrient)
        # whether or not the factor counted (it may explain the very symptom, as diabetes does numb feet),
        # the nutrient never goes down: a competing cause explains nothing away for a nutrient it is a
        # risk factor of (2026.12; scoring.risk_questions)
        assert before is None or (now is not None and now.confidence >= before.confidence - 1e-9), (
            rule, base, factor)

    check()


def test_black_stools_are_urgent_and_make_iron_the_first_suggestion():
    rep = report({"fatigue": True, "rf_black_stools": True, "sex": "female", "age": 35})
    assert rep["urgency"] == "urgent"
    assert rep["suggestions"][0]["nutrient"] == "iron" and rep["suggestions"][0]["level"] == "high"


def test_black_stools_with_pallor_or_breathlessness_are_an_emergency():
    """The black-stools text says to call the emergency number if breathless: a person who has already said
    they are pale or breathless is told so at once (combo_bleeding_pale_breathless), not left to read it."""
    rep = report({"pale_or_breathless": True, "fatigue": True, "rf_black_stools": True, "sex": "female", "age": 35})
    assert rep["urgency"] == "emergency" and rep["suggestions"] == []
    assert rep["red_flags"][0]["id"] == "combo_bleeding_pale_breathless"
    assert "Call 999 (UK), 911 (US, Canada) or 112 (EU) now" in rep["red_flags"][0]["advice"]
    for other in ({"pale_or_breathless": False}, {"pale_or_breathless": "unknown"}, {"rf_black_stools": False}):
        answers = {"pale_or_breathless": True, "rf_black_stools": True, **other}
        assert "combo_bleeding_pale_breathless" not in [f["id"] for f in report(answers)["red_flags"]], other


# --- 2026.12: pins and needles that pass within minutes are pressure on a nerve --------------------

VEGAN_BRIEF = {"diet": "vegan", "tingling": True, "numbness": True, "duration": "minutes", "both_sides": True,
               "worsening": False}


def test_brief_pins_and_needles_are_named_as_nerve_pressure_and_tell_of_no_shortage():
    rep = report(VEGAN_BRIEF)
    assert [c["id"] for c in rep["competing_causes"]] == ["nerve_pressure"]
    b12 = next(s for s in rep["suggestions"] if s["nutrient"] == "vitamin_b12")
    # the vegan diet still counts, but the brief tingling no longer points to B12: it stays low
    assert b12["level"] == "low" and "b12_vegan_diet" in [b["rule"] for b in b12["because"]]
    tingling = next(b for b in b12["because"] if b["rule"] == "b12_numbness_tingling")
    assert tingling["cf"] == 0.1
    assert rep["urgency"] == "self_care"


@pytest.mark.parametrize("duration", ["days", "weeks", "months"])
def test_lasting_pins_and_needles_still_point_to_b12(duration):
    rep = report({**VEGAN_BRIEF, "duration": duration})
    assert "nerve_pressure" not in [c["id"] for c in rep["competing_causes"]]
    b12 = next(s for s in rep["suggestions"] if s["nutrient"] == "vitamin_b12")
    assert b12["level"] in ("moderate", "high") and rep["urgency"] != "self_care"


def test_diabetes_explains_numb_feet_but_they_still_point_to_b12_on_metformin():
    """The contrast: a disease that competes leaves the symptom telling (NOT_A_SHORTAGE is only for causes
    that show the symptom is not a shortage's at all)."""
    rep = report({"diabetes": True, "metformin": True, "numbness": True, "duration": "months"})
    b12 = next(s for s in rep["suggestions"] if s["nutrient"] == "vitamin_b12")
    assert b12["level"] != "low"


@pytest.mark.parametrize("base", [
    {"numbness": True},
    {"numbness": True, "alcohol": "heavy"},
    {"difficulty_walking": True, "alcohol": "heavy"},
    {"tingling": True, "fatigue": True, "age": 82},
    {"burning_feet": True, "muscle_cramps": True, "acid_reducer": True},
])
def test_diabetes_never_lowers_the_nutrients_it_is_a_risk_factor_of(base):
    """Diabetes is a competing cause (numb feet, unsteadiness) and a risk factor for thiamine and magnesium:
    reporting it explains nothing away for those two, so neither goes down (the spec's monotonicity), while
    it still never counts as their risk factor for the very symptom it explains."""
    before = assess(screen(base))
    after = assess(screen({**base, "diabetes": True}))
    for nutrient in ("thiamine", "magnesium"):
        if nutrient in before:
            assert after[nutrient].confidence >= before[nutrient].confidence - 1e-9, nutrient
    # B12 is no diabetes risk: its numbness, if reported, is explained (shown in its because line)
    if "numbness" in base and "vitamin_b12" in after:
        assert any(e.get("explained_by") == ["diabetes"] for e in after["vitamin_b12"].evidence)


# --- 2026.12: a child's spasms point to vitamin D (low calcium: Ladhani 2004; NHS Lothian) --------------

@pytest.mark.parametrize("age", [1, 12, 15])
def test_a_childs_spasms_point_to_vitamin_d(age):
    res = screen({"twitches_spasms": True, "age": age})
    assert "d_child_spasms" in res.fired
    ev = next(e for e in res.evidence if e["rule"] == "d_child_spasms")
    assert ev["kind"] == "cardinal" and ev["nutrient"] == "vitamin_d"


@pytest.mark.parametrize("answers", [{"twitches_spasms": True, "age": 16}, {"twitches_spasms": True},
                                     {"muscle_cramps": True, "age": 12}])
def test_adults_spasms_and_childrens_cramps_do_not(answers):
    assert "d_child_spasms" not in screen(answers).fired


def test_a_teenager_with_tetany_and_little_sun_is_same_day_with_vitamin_d_first():
    rep = report({"age": 15, "twitches_spasms": True, "tingling": True, "muscle_cramps": True,
                  "sun_exposure": "rarely"})
    assert rep["urgency"] == "urgent"
    assert "combo_child_spasms_tingling" in [f["id"] for f in rep["red_flags"]]
    assert rep["suggestions"][0]["nutrient"] == "vitamin_d" and rep["suggestions"][0]["level"] != "low"


# --- 2026.12: tiredness only days old and settling is shared for the anaemias (NHS: see a GP after weeks) ---

@pytest.mark.parametrize(("nutrient", "telling", "shared"), [
    ("iron", "iron_fatigue", "iron_recent_tiredness"),
    ("vitamin_b12", "b12_fatigue", "b12_recent_tiredness"),
    ("folate", "folate_fatigue", "folate_recent_tiredness"),
])
def test_settling_tiredness_points_to_no_anaemia(nutrient, telling, shared):
    settling = screen({"fatigue": True, "duration": "days", "worsening": False})
    assert shared in settling.fired and telling not in settling.fired
    for context in ({"duration": "weeks", "worsening": False}, {"duration": "days", "worsening": True},
                    {"duration": "days"}, {}):
        res = screen({"fatigue": True, **context})
        assert telling in res.fired and shared not in res.fired, context


def test_a_few_days_of_tiredness_after_flu_in_a_vegetarian_is_self_care():
    rep = report({"fatigue": True, "muscle_aches": True, "diet": "vegetarian", "age": 34, "sex": "female",
                  "duration": "days", "worsening": False, "both_sides": True})
    assert rep["urgency"] == "self_care"
    assert all(s["level"] == "low" for s in rep["suggestions"])


# --- 2026.12: the iron alarm is for adult men (a boy's low iron has everyday causes); young children ---------

def test_the_iron_alarm_is_for_men_not_boys():
    assert "iron_alarm" not in screen({"sex": "male", "age": 12, "fatigue": True}).signs
    assert "iron_alarm" in screen({"sex": "male", "age": 16, "fatigue": True}).signs
    assert "iron_alarm" in screen({"sex": "male", "fatigue": True}).signs  # age not given: an adult's tool


def test_a_pale_toddler_makes_iron_worth_a_test():
    rep = report({"age": 2, "sex": "female", "pale_or_breathless": True})
    assert rep["suggestions"][0]["nutrient"] == "iron" and rep["suggestions"][0]["level"] != "low"
    assert "iron_young_child" not in screen({"age": 5, "pale_or_breathless": True}).fired


# --- 2026.12: vomiting in pregnancy (hyperemesis) is a strong thiamine risk (RCOG GTG 69) --------------------

def test_vomiting_in_pregnancy_is_a_strong_thiamine_risk():
    res = screen({"pregnant": True, "recent_vomiting_diarrhea": True, "difficulty_walking": True})
    ev = {e["rule"]: e["cf"] for e in res.evidence if e["nutrient"] == "thiamine"}
    assert "thiamine_hyperemesis" in ev and "thiamine_vomiting" not in ev
    res = screen({"recent_vomiting_diarrhea": True, "difficulty_walking": True})
    other = {e["rule"]: e["cf"] for e in res.evidence if e["nutrient"] == "thiamine"}
    assert "thiamine_vomiting" in other and "thiamine_hyperemesis" not in other
    assert ev["thiamine_hyperemesis"] > other["thiamine_vomiting"]  # strong against moderate


# --- 2026.12: cancer with leg symptoms that may be new: pressure on the spinal cord competes (NICE NG234) ----

def test_cancer_with_new_leg_symptoms_names_the_spinal_cord_first():
    rep = report({"known_cancer": True, "numbness": True, "difficulty_walking": True, "age": 81, "sex": "male",
                  "both_sides": True, "duration": "days", "worsening": True})
    assert [c["id"] for c in rep["competing_causes"]] == ["cancer_cord"]
    assert {"numbness", "difficulty_walking"} <= set(rep["competing_causes"][0]["explains"])
    b12 = next(s for s in rep["suggestions"] if s["nutrient"] == "vitamin_b12")
    numb = next(b for b in b12["because"] if b["rule"] == "b12_numbness_tingling")
    assert numb["cf"] == 0.1 and "cancer pressing on the spinal cord" in numb["text"]


@pytest.mark.parametrize("answers", [
    {"known_cancer": True, "numbness": True, "duration": "months", "worsening": False},  # old and stable
    {"known_cancer": False, "numbness": True},
    {"known_cancer": True, "muscle_cramps": True},
])
def test_cancer_cord_cause_needs_cancer_and_leg_symptoms_that_may_be_new(answers):
    assert "competing_cancer_cord" not in screen(answers).fired


# --- advice a lay reader can act on (2026.12, a lay and GP reading of the reports) --------------------------

@pytest.mark.parametrize(("answers", "rule", "words"), [
    ({"liquorice": True, "leg_weakness": True}, "advice_liquorice", "stop eating it"),
    ({"recent_vomiting_diarrhea": True, "fatigue": True}, "advice_fluids_vomiting", "oral rehydration"),
    ({"muscle_cramps": True}, "advice_cramp_stretch", "pull your toes up"),
])
def test_practical_advice_fires_with_its_answer_and_not_without(answers, rule, words):
    assert rule in screen(answers).advice
    assert any(words in a for a in report(answers)["advice"])
    key = next(iter(answers))
    assert rule not in screen({**answers, key: False}).advice
    if rule != "advice_cramp_stretch":  # the symptom gate: no symptom, no advice (and no extra question)
        assert rule not in screen({key: True}).advice


def test_an_under_active_thyroid_is_a_b12_risk_and_explains_nothing_away_for_it():
    """Most under-active thyroids are autoimmune, and NICE NG239 names autoimmune thyroid disease as a B12 risk:
    the thyroid explains tingling away for other nutrients, not for B12 (as diabetes for thiamine)."""
    answers = {"thyroid": True, "tingling": True, "numbness": True, "duration": "weeks"}
    ev = evidence(answers, "vitamin_b12")
    assert ev["b12_autoimmune"] == 0.3
    b12 = next(s for s in report(answers)["suggestions"] if s["nutrient"] == "vitamin_b12")
    tingling = next(b for b in b12["because"] if b["rule"] == "b12_numbness_tingling")
    assert tingling["cf"] == 0.3 and b12["level"] != "low"
    assert "competing_thyroid" in screen(answers).advice


def test_heavy_drinking_is_named_as_a_cause_of_numb_or_burning_feet_but_explains_nothing_away_for_its_nutrients():
    answers = {"alcohol": "heavy", "burning_feet": True, "duration": "months"}
    rep = report(answers)
    (cause,) = [c for c in rep["competing_causes"] if c["id"] == "alcohol"]
    assert cause["explains"] == ["burning_feet"] and "how much you drink" in cause["text"]
    thiamine = next(s for s in rep["suggestions"] if s["nutrient"] == "thiamine")
    assert thiamine["level"] == "high"  # alcohol is thiamine's risk factor: its burning feet keep their weight
    assert all(c["id"] != "alcohol" for c in report({"alcohol": "moderate", "burning_feet": True})["competing_causes"])
    assert all(c["id"] != "alcohol" for c in report({"alcohol": "heavy", "muscle_cramps": True})["competing_causes"])
