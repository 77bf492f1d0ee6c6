"""The knowledge base as data: metadata, names, certainty factors, questions, gating."""

from __future__ import annotations

import ast
import inspect
import json
from collections import Counter

import pytest

from screener import kb
from screener import rules
from screener.engine import catalogue
from screener.engine import get_engine
from screener.engine import rule_mixins
from screener.questions import AGE
from screener.questions import BY_ID
from screener.questions import CHOICE
from screener.questions import NUTRIENT_LIST
from screener.questions import NUTRIENTS
from screener.questions import QUESTIONS
from screener.questions import RED_FLAGS
from screener.questions import URGENCIES
from screener.questions import YESNO
from screener.rules import weights

CAT = catalogue()
IDS = list(CAT)
EVIDENCE_IDS = [i for i, info in CAT.items() if info.effect == "evidence"]
EFFECTS = {"evidence", "suspect", "sign", "cap", "caution", "red_flag", "concern", "advice"}
SYMPTOM_KINDS = {kb.CARDINAL, kb.SUPPORTING}
GATED_KINDS = {kb.RISK, kb.PROTECTIVE, kb.SUPPLEMENT}


def leaves(info):
    """Every fact condition of a rule as data (``kb.walk`` over the compiled model)."""
    return [leaf.to_data() for leaf, _ in kb.walk(info.clauses)]


def answer_clauses(info):
    return [c for c in leaves(info) if c["fact"] == "Answer"]


# --- metadata ----------------------------------------------------------------------

@pytest.mark.parametrize("rule_id", IDS)
def test_rule_has_source_reason_and_known_effect(rule_id):
    info = CAT[rule_id]
    assert info.id == rule_id
    assert info.source.strip(), rule_id
    assert info.reason.strip(), rule_id
    assert info.effect in EFFECTS
    assert info.conditions, "a rule with no conditions would fire for everyone"
    if info.effect in ("caution", "advice", "red_flag"):
        assert info.text.strip()
    if "{number}" in info.text:  # filled in by the report (red flags, and cautions and advice: "if X appears, call ...")
        assert info.effect in ("red_flag", "caution", "advice")
    json.dumps(info.to_data())  # the catalogue is data


def test_catalogue_in_module_order():
    order = [m.__name__.rsplit(".", 1)[-1] for m in rules.MODULES]
    modules = [info.module for info in CAT.values()]
    assert set(modules) == set(order)
    assert modules == sorted(modules, key=order.index)


def test_rule_names_unique_and_none_shadowed():
    mixins = rule_mixins()
    assert len(mixins) == len(rules.MODULES)
    per_mixin = {cls: [n for n, m in vars(cls).items() if isinstance(m, kb.Rule)] for cls in mixins}
    all_names = [n for names in per_mixin.values() for n in names]
    assert len(all_names) == len(set(all_names)), [n for n, k in Counter(all_names).items() if k > 1]
    engine_rules = get_engine().get_rules()
    engine_names = [r._wrapped.__name__ for r in engine_rules]
    assert Counter(engine_names) == Counter(all_names)
    # per module: the engine has exactly the rules each mixin defines
    engine_modules = Counter(r._wrapped.__qualname__.split(".")[0] for r in engine_rules)
    assert engine_modules == Counter({cls.__name__: len(names) for cls, names in per_mixin.items()})
    assert set(CAT) == set(all_names)


@pytest.mark.parametrize("module", rules.MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_no_method_defined_twice_in_a_mixin(module):
    """``vars(cls)`` only sees the last of two same-named defs: read the source."""
    tree = ast.parse(inspect.getsource(module))
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name.endswith("Rules")]
    assert len(classes) == 1
    defs = [n.name for n in classes[0].body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    assert len(defs) == len(set(defs)), [n for n, k in Counter(defs).items() if k > 1]
    cls = getattr(module, classes[0].name)
    assert set(defs) == {n for n, m in vars(cls).items() if isinstance(m, kb.Rule)}, \
        "every method of a rule mixin is a rule with metadata"


def test_salience_red_flags_first():
    """Declared: red flags first.  Used: lowered by stratum (rules testing a
    conclusion's absence after the rules that conclude it)."""
    for info in CAT.values():
        assert info.declared_salience == (100 if info.effect == "red_flag" else 0), info.id
        assert info.salience == info.declared_salience - kb.STRATUM_STEP * info.stratum, info.id


# --- certainty factors ------------------------------------------------------------------

SCALE = {
    kb.CARDINAL: {weights.CARDINAL_CF},
    kb.SUPPORTING: {weights.SUPPORTING_CF},
    kb.MINOR: {weights.MINOR_CF},
    kb.RISK: {weights.STRONG, weights.MODERATE, weights.WEAK},
    kb.PROTECTIVE: {weights.LOWERS, weights.LOWERS_LITTLE},
    kb.SUPPLEMENT: {weights.SUPPLEMENT_CF, weights.SUPPLEMENT_POOR_ABSORPTION_CF},
}


@pytest.mark.parametrize("rule_id", EVIDENCE_IDS)
def test_evidence_cf_in_range_and_on_the_scale(rule_id):
    info = CAT[rule_id]
    assert -1 < info.cf < 1
    assert info.cf != 0
    assert info.kind in SCALE
    assert info.cf in SCALE[info.kind]
    assert (info.cf > 0) == (info.kind in (kb.CARDINAL, kb.SUPPORTING, kb.MINOR, kb.RISK))
    assert info.concern in NUTRIENTS or (info.concern == "*" and info.module == "common")


def test_weights_scale_values():
    assert (weights.STRONG, weights.MODERATE, weights.WEAK) == (0.5, 0.3, 0.15)
    assert (weights.CARDINAL_CF, weights.SUPPORTING_CF) == (0.3, 0.1)
    assert (weights.LOWERS, weights.LOWERS_LITTLE) == (-0.2, -0.1)
    assert (weights.SUPPLEMENT_CF, weights.SUPPLEMENT_POOR_ABSORPTION_CF) == (-0.4, -0.1)


@pytest.mark.parametrize("cf", [1, -1, 0, 1.5, -1.0001])
def test_decorator_rejects_bad_cf(cf):
    with pytest.raises(ValueError):
        kb.evidence("iron", cf, kb.RISK, reason="r", source="s")


# --- questions and values -------------------------------------------------------------------

def test_condition_facts_are_known_templates():
    for info in CAT.values():
        for c in leaves(info):
            assert set(c) <= {"fact", "question", "values", "op", "value", "var", "wildcard", "fields"}, (info.id, c)
            assert c["fact"] in {"Answer", "Sign", "Suspect", "Evidence"}, (info.id, c)


@pytest.mark.parametrize("rule_id", IDS)
def test_condition_questions_exist_and_values_are_allowed(rule_id):
    for c in answer_clauses(CAT[rule_id]):
        q = BY_ID.get(c["question"])
        assert q is not None, c
        if "values" in c:
            assert c["values"], c
            for v in c["values"]:
                if q.kind == YESNO:
                    assert isinstance(v, bool), c
                elif q.kind == CHOICE:
                    assert v in q.choices, c
                elif q.kind == NUTRIENT_LIST:
                    assert v in NUTRIENTS, c
                else:
                    pytest.fail(f"age compared by literal: {c}")
        elif "op" in c:
            assert q.kind == AGE, c
            bounds = c["value"] if isinstance(c["value"], list) else [c["value"]]
            assert c["op"] in (">=", "<", "between"), c
            for b in bounds:
                assert isinstance(b, int) and not isinstance(b, bool) and 1 <= b <= 120, c
        else:
            assert "var" in c and q.kind == NUTRIENT_LIST, c


def questions_used():
    return {c["question"] for info in CAT.values() for c in answer_clauses(info)}


@pytest.mark.parametrize("qid", [q.id for q in QUESTIONS])
def test_every_spec_question_is_used_by_a_rule(qid):
    assert qid in questions_used()


def test_sign_names_are_concluded_and_used():
    concluded = {info.concern for info in CAT.values() if info.effect == "sign"}
    assert concluded == {"neuro_symptom", "any_symptom", "brief_stable_symmetric", "poor_absorption",
                         "electrolyte_risk", "cramp_or_weakness", "motor_symptom", "wernicke_risk",
                         "brief_episodes", "iron_alarm", "iron_test_advised", "magnesium_test_advised",
                         "b12_test_advised", "muscle_pattern",
                         "unsteady_walking"}
    used = set()
    for info in CAT.values():
        for c in leaves(info):
            if c["fact"] == "Sign":
                used.update(c["fields"]["name"]["values"])
    from screener.scoring import CAP_LIFTING_SIGNS
    from screener.scoring import TELLING_CAP_LIFTING_SIGNS

    # scoring reads the iron alarm (spec section 4, 2nd ed.), the advised iron test (restless legs), the
    # advised magnesium test (a long-term acid reducer) and the advised B12 test (nitrous oxide with a
    # nerve symptom)
    assert used | set(CAP_LIFTING_SIGNS) | set(TELLING_CAP_LIFTING_SIGNS) == concluded


# --- nutrients and their profiles --------------------------------------------------------------

@pytest.mark.parametrize("nutrient", NUTRIENTS)
def test_nutrient_profile(nutrient):
    module = rules.NUTRIENT_MODULES[nutrient]
    assert module.NUTRIENT == nutrient
    profile = module.PROFILE
    for key in ("tests", "food_sources"):
        assert profile[key], (nutrient, key)
        assert all(isinstance(t, str) and t.strip() for t in profile[key])
    assert isinstance(profile["cautions"], list)
    assert all(isinstance(t, str) and t.strip() for t in profile["cautions"])


def test_nutrient_modules_cover_section_3():
    assert tuple(rules.NUTRIENT_MODULES) == NUTRIENTS


@pytest.mark.parametrize("nutrient", NUTRIENTS)
def test_nutrient_has_symptoms_and_risk_factors_in_its_own_module(nutrient):
    own = [info for info in CAT.values() if info.concern == nutrient]
    assert {info.module for info in own} == {nutrient}
    kinds = Counter(info.kind for info in own if info.effect == "evidence")
    assert kinds[kb.RISK] >= 3
    assert kinds[kb.CARDINAL] >= 1


# --- gating -------------------------------------------------------------------------------

def top_level_suspect(info):
    for c in info.conditions:
        if c.get("fact") == "Suspect":
            return c["fields"]["nutrient"]
    return None


GATED = [i for i, info in CAT.items()
         if (info.effect == "evidence" and info.kind in GATED_KINDS) or info.effect in ("cap", "caution")]


@pytest.mark.parametrize("rule_id", GATED)
def test_risk_factor_rules_require_a_compatible_symptom(rule_id):
    info = CAT[rule_id]
    field = top_level_suspect(info)
    assert field is not None, f"{rule_id} counts without a compatible symptom"
    if info.concern == "*":
        assert field == {"var": "nutrient"}
    else:
        assert field == {"values": [info.concern]}


def assert_sign_reads_only_answers(clause):
    """The sign a clause names is concluded only by rules that read nothing but answers."""
    (name,) = clause["fields"]["name"]["values"]
    producers = [info for info in CAT.values() if info.effect == "sign" and info.concern == name]
    assert producers, clause
    for info in producers:
        for c in info.conditions:
            c = c.get("not", c)
            for alt in c.get("any", [c]):
                alt = alt.get("not", alt)
                if alt["fact"] == "Sign":  # a sign built on another sign (any_symptom): the same check
                    assert_sign_reads_only_answers(alt)
                else:
                    assert alt["fact"] == "Answer", (info.id, alt)


@pytest.mark.parametrize("rule_id", [i for i in EVIDENCE_IDS if CAT[i].kind in SYMPTOM_KINDS])
def test_symptom_rules_are_plain_yes_answers(rule_id):
    """Symptom evidence opens the gate, so it must not depend on it: only answers, every symptom a yes.
    A pattern rule (2026.12) may add what must be absent (weak legs without numbness: NOT clauses on
    answers) or an age group (a young child's difficulty walking), or a sign that itself reads only
    answers (trouble walking in the muscle pattern, 2026.12), or how long the symptoms have lasted and whether
    they are getting worse (vitamin D's aches, 2026.12)."""
    info = CAT[rule_id]
    assert info.concern in NUTRIENTS
    assert top_level_suspect(info) is None
    symptoms = 0
    for clause in info.conditions:
        if "not" in clause:
            clause = clause["not"]
            assert clause["fact"] in ("Answer", "Sign"), clause
            if clause["fact"] == "Sign":
                assert_sign_reads_only_answers(clause)
            continue
        if clause.get("fact") == "Sign":
            assert_sign_reads_only_answers(clause)
            continue
        alternatives = clause["any"] if "any" in clause else [clause]
        for alt in alternatives:
            if "not" in alt:  # an alternative that holds by an answer's absence (not known to be settling)
                assert alt["not"]["fact"] == "Answer", alt
                continue
            assert alt["fact"] == "Answer", alt
            if alt["question"] in ("age", "duration", "worsening"):
                continue  # who, how long and whether getting worse qualify a symptom (2026.12: vitamin D's aches)
            assert alt["values"] == [True], alt
            assert BY_ID[alt["question"]].section == "symptoms"
            symptoms += 1
    assert symptoms, f"{rule_id} rests on no symptom"


def test_the_gate_rule():
    (gate,) = [info for info in CAT.values() if info.effect == "suspect"]
    assert gate.id == "gate_compatible_symptom"
    assert gate.conditions == [{"fact": "Evidence", "fields": {
        "nutrient": {"var": "nutrient"}, "kind": {"values": ["cardinal", "supporting"]}}}]


# --- red flags and urgency as data --------------------------------------------------------------

@pytest.mark.parametrize("q", RED_FLAGS, ids=lambda q: q.id)
def test_each_red_flag_question_has_one_rule(q):
    found = [info for info in CAT.values() if info.effect == "red_flag" and info.kind == "question"
             and info.concern == q.id]
    assert len(found) == 1
    (info,) = found
    assert info.urgency == q.urgency
    assert info.conditions == [{"fact": "Answer", "question": q.id, "values": [True]}]


def test_red_flag_and_concern_rules():
    flags = [info for info in CAT.values() if info.effect == "red_flag"]
    assert {info.kind for info in flags} == {"question", "combination"}
    # 6 of the 1st edition, 7 of the 2nd, and 10 of screener's (2026.12: methotrexate with mouth sores;
    # potassium-losing medicines or liquorice, palpitations, and cancer, with weakness not known to be
    # old; a statin with aches or weakness; vomiting after stomach surgery or on sick-day medicines; a
    # child's spasms with tingling; black stools with pallor or breathlessness)
    assert len([i for i in flags if i.kind == "combination"]) == 24
    assert all(i.urgency in ("emergency", "urgent") for i in flags)
    concerns = [info for info in CAT.values() if info.effect == "concern"]
    assert {i.urgency for i in concerns} == {"see_doctor"}
    assert set(URGENCIES) == {"self_care", "see_doctor", "urgent", "emergency"}


# --- conditions as data, exactly -------------------------------------------------------------------

def ans(q, *values):
    return {"fact": "Answer", "question": q, "values": list(values)}


def suspect(n):
    return {"fact": "Suspect", "fields": {"nutrient": {"values": [n]}}}


def sign(name):
    return {"fact": "Sign", "fields": {"name": {"values": [name]}}}


EXACT = {
    "b12_vegan_diet": [suspect("vitamin_b12"), ans("diet", "vegan")],
    "b12_fortified_foods": [suspect("vitamin_b12"), ans("diet", "vegan", "vegetarian"),
                            ans("dairy_or_fortified", True)],
    "b12_older_age": [suspect("vitamin_b12"), {"fact": "Answer", "question": "age", "op": ">=", "value": 75}],
    "b12_numbness_tingling": [{"any": [ans("numbness", True), ans("tingling", True)]}],
    "iron_caution_find_cause": [suspect("iron"), {"any": [
        ans("sex", "male"), {"fact": "Answer", "question": "age", "op": ">=", "value": 60},
        {"all": [ans("sex", "female"), {"fact": "Answer", "question": "age", "op": ">=", "value": 50}]}]},
        {"not": {"fact": "Answer", "question": "age", "op": "<", "value": 16}}],
    "supplement_already_taken": [
        {"fact": "Suspect", "fields": {"nutrient": {"var": "nutrient"}}},
        {"fact": "Answer", "question": "supplements", "var": "nutrient"},
        {"not": sign("poor_absorption")}],
    "see_doctor_neuro_symptom": [sign("neuro_symptom"), {"not": sign("brief_stable_symmetric")},
                                 {"not": sign("brief_episodes")}],
    "see_doctor_under_16": [sign("any_symptom"), {"fact": "Answer", "question": "age", "op": "<", "value": 16}],
    "sign_brief_stable_symmetric": [ans("duration", "days"), ans("worsening", False), ans("both_sides", True)],
    "combo_palpitations_electrolytes": [ans("palpitations", True), sign("electrolyte_risk"),
                                        sign("cramp_or_weakness")],
    "k_cap_kidney_or_meds": [suspect("potassium"), {"any": [ans("kidney_disease", True),
                                                            ans("potassium_raising_meds", True)]}],
    # 2026.12: a vegetarian or vegan diet has no fish, so it stands for "no oily fish"
    "d_low_dietary_intake": [suspect("vitamin_d"),
                             {"any": [ans("oily_fish", False), ans("diet", "vegetarian", "vegan")]},
                             ans("dairy_or_fortified", False),
                             {"not": {"fact": "Answer", "question": "age", "op": "<", "value": 16}}],
}


@pytest.mark.parametrize("rule_id", list(EXACT))
def test_conditions_as_data(rule_id):
    assert CAT[rule_id].conditions == EXACT[rule_id]


def test_selected_rule_metadata():
    info = CAT["b12_vegan_diet"]
    assert (info.effect, info.concern, info.cf, info.kind, info.module) == (
        "evidence", "vitamin_b12", 0.5, "risk", "vitamin_b12")
    cap = CAT["k_cap_kidney_or_meds"]
    assert (cap.effect, cap.concern, cap.limit) == ("cap", "potassium", 0.59)
    for rule_id in ("k_caution_kidney_or_meds", "mg_caution_kidney"):
        assert CAT[rule_id].withhold_foods
    assert not CAT["thiamine_caution_alcohol"].withhold_foods
    combo = CAT["combo_injury_neuro"]
    assert (combo.effect, combo.concern, combo.kind, combo.urgency) == (
        "red_flag", "combo_injury_neuro", "combination", "emergency")
