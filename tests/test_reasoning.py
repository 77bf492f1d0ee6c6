"""`screener run --format reasoning` and the report's `fired` list."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

from screener.engine import screen
from screener.facts import iter_cases
from screener.report import DISCLAIMER
from screener.schema import report_schema

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

VEGAN = str(EXAMPLES / "vegan_tingling.yaml")
KIDNEY = str(EXAMPLES / "kidney_disease_cramps.yaml")
STROKE = str(EXAMPLES / "stroke_signs.yaml")


def load_case(path):
    (case,) = iter_cases([path])
    return case


def _fired_lines(text: str) -> list[tuple[int, str]]:
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(r"^\s+(\d+) (\w+) \[salience -?\d+\] on ", text, re.M)]


def test_json_report_lists_fired_rules_in_firing_order(invoke):
    result = invoke(["run", VEGAN, "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    engine_fired = screen(load_case(VEGAN).answers).fired
    assert report["fired"] == engine_fired
    # firing order, not alphabetical: the gate fires between the B12 symptom and the B12 risk factor
    assert report["fired"][:3] == ["b12_numbness_tingling", "gate_compatible_symptom", "b12_vegan_diet"]
    # one entry per firing: the symptom rules fire once for tingling and once for numbness
    assert report["fired"].count("b12_numbness_tingling") == 2
    jsonschema.validate(report, report_schema())


def test_schema_describes_fired_and_rejects_a_wrong_type():
    schema = report_schema()
    assert schema["properties"]["fired"]["type"] == "array"
    report = json.loads(json.dumps({"fired": [1]}))
    try:
        jsonschema.validate(report, {**schema, "required": []})
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("a non-string rule id in fired must not validate")


def test_reasoning_lists_every_firing_with_its_facts_and_cf_steps(invoke):
    result = invoke(["run", VEGAN, "--format", "reasoning"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    fired = screen(load_case(VEGAN).answers).fired
    lines = _fired_lines(text)
    assert [n for n, _ in lines] == list(range(1, len(fired) + 1))
    assert [rule for _, rule in lines] == fired
    assert "   3 b12_vegan_diet [salience 0] on f-6, f-10\n" in text
    assert "=> f-11 Evidence(nutrient='vitamin_b12', rule='b12_vegan_diet', cf=0.5, kind='risk')" in text
    assert "CF vitamin_b12: 0.30 -> 0.65 (+0.50)" in text
    # a second firing of the same rule concludes nothing new
    assert "=> nothing new: Evidence(nutrient='vitamin_b12', rule='b12_numbness_tingling'" in text
    assert "Agenda when the engine stopped:\n  empty: no rule left to fire" in text
    assert "  1. vitamin_b12: 0.65 high" in text
    assert "urgency: see_doctor (" in text


def test_reasoning_has_no_safety_prose(invoke):
    text = invoke(["run", VEGAN, "--format", "reasoning"]).stdout
    assert DISCLAIMER not in text
    assert "Blood tests" not in text and "Food sources" not in text and "SEE A DOCTOR" not in text


def test_reasoning_shows_caps(invoke):
    text = invoke(["run", KIDNEY, "--format", "reasoning"]).stdout
    assert "potassium: 0.65 -> 0.59 (at most 0.59, k_cap_kidney_or_meds)" in text
    assert "Cap(nutrient='potassium', limit=0.59, rule='k_cap_kidney_or_meds')" in text
    assert "  1. potassium: 0.59 moderate" in text


def test_reasoning_without_caps_says_so(invoke):
    # 2026.12: the vegan runner's thiamine and vitamin E are capped (no risk factor), and so is the
    # diabetic's thiamine (diabetes no longer explains his numb feet away for it, so only his age, a weak
    # factor, is left), so a case where nothing is capped: a pregnant woman with restless legs
    text = invoke(["run", str(EXAMPLES / "pregnant_restless_legs.yaml"), "--format", "reasoning"]).stdout
    assert "Caps (applied after combining):\n  none bound a confidence" in text
    capped = invoke(["run", str(EXAMPLES / "metformin_numb_feet.yaml"), "--format", "reasoning"]).stdout
    assert "thiamine: 0.41 -> 0.29 (at most 0.29, cap_weak_risk_only)" in capped


def test_reasoning_emergency_lists_red_flags_and_withholds_nutrients(invoke):
    text = invoke(["run", STROKE, "--format", "reasoning"]).stdout
    assert "urgency: emergency" in text
    assert "red flag: rf_sudden_onset (emergency, rf_sudden_onset_rule)" in text
    assert "nutrients listed: none" in text
    assert "not listed: vitamin_b12" in text and "an emergency warning sign comes first" in text
    # red flags have salience 100: they fire first
    first = _fired_lines(text)[0][1]
    assert first.startswith("rf_")


def test_reasoning_batch_separates_cases(invoke):
    result = invoke(["run", VEGAN, KIDNEY, "--format", "reasoning"])
    assert result.exit_code == 0
    assert result.stdout.count("Reasoning: ") == 2
    assert "\n\nReasoning: Chronic kidney disease" in result.stdout
