"""``screener validate``: scoring a case library against expected results."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from screener.questions import BY_ID

ROOT = Path(__file__).resolve().parent.parent

CASES = ROOT / "cases"

#: The safe-urgency rate the rules on main meet after the 2nd-edition rules (see
#: cases/README.md); the lead raises it as the rules improve.
SAFE_FLOOR = 0.95

VEGAN = """\
name: {name}
x-case:
  group: {group}
  source: {{url: "https://example.org/case", citation: "Example case"}}
  summary: A vegan adult with numb tingling feet for months.
  expect: {{confirmed: {confirmed}, min_urgency: {low}, max_urgency: {high}}}
answers:
  age: 34
  diet: vegan
  numbness: yes
  tingling: yes
  both_sides: yes
  duration: months
"""


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def vegan(tmp_path, name="vegan", group="deficiency", confirmed="[vitamin_b12]", low="see_doctor",
          high="urgent") -> Path:
    return write(tmp_path / f"{name}.yaml", VEGAN.format(name=name, group=group, confirmed=confirmed,
                                                         low=low, high=high))


@pytest.fixture
def validate(invoke):
    """``validate(*args)`` runs ``screener validate ARGS`` through the CLI."""
    return lambda *args: invoke(["validate", *map(str, args)])


@pytest.fixture
def validate_json(validate):
    """``validate_json(*args)``: the ``--format json`` output of a run that exits 0."""
    def data(*args) -> dict:
        result = validate(*args, "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)
    return data


# --- one case, each measure ---------------------------------------------------

def test_confirmed_cause_ranked_first_is_counted(validate_json, tmp_path):
    vegan(tmp_path)
    out = validate_json(tmp_path)
    row = out["cases"][0]
    assert row["suggestions"][0]["nutrient"] == "vitamin_b12"
    assert row["top1"] is True and row["top3"] is True and row["moderate"] is True
    assert row["confirmed_rank"] == 1
    assert out["totals"]["top1"] == {"n": 1, "of": 1, "rate": 1.0}


def test_wrong_cause_is_a_miss_and_its_strong_suggestions_are_false_alarms(validate_json, tmp_path):
    vegan(tmp_path, confirmed="[potassium]")
    row = validate_json(tmp_path)["cases"][0]
    assert row["top1"] is False
    strong = [s["nutrient"] for s in row["suggestions"] if s["level"] in ("moderate", "high")]
    assert "vitamin_b12" in strong
    assert row["false_alarms"] == len(strong)
    assert row["false_alarm_nutrients"] == strong


def test_benign_case_counts_every_strong_suggestion_as_false_alarm_and_has_no_ranking(validate_json, tmp_path):
    vegan(tmp_path, group="benign", confirmed="[]", low="self_care", high="self_care")
    row = validate_json(tmp_path)["cases"][0]
    assert row["top1"] is None and row["top3"] is None and row["moderate"] is None
    assert row["false_alarms"] == sum(s["level"] in ("moderate", "high") for s in row["suggestions"]) >= 1
    # a vegan with months of numb feet is sent to a doctor: above a self-care maximum
    assert row["urgency"] == "see_doctor"
    assert row["over_triage"] is True and row["safe"] is True


def test_urgency_below_the_minimum_is_unsafe(validate_json, tmp_path):
    vegan(tmp_path, low="urgent", high="emergency")
    out = validate_json(tmp_path)
    row = out["cases"][0]
    assert row["urgency"] == "see_doctor"
    assert row["safe"] is False and row["over_triage"] is False
    assert out["totals"]["safe"] == {"n": 0, "of": 1, "rate": 0.0}


def test_emergency_expectation_is_left_out_of_ranking_measures(validate_json, tmp_path):
    write(tmp_path / "stroke.yaml", """\
        x-case:
          group: mimic
          source: {url: "https://example.org", citation: "x"}
          summary: Sudden one-sided weakness.
          expect: {confirmed: [vitamin_b12], min_urgency: emergency, max_urgency: emergency}
        answers: {rf_sudden_onset: yes, leg_weakness: yes}
        """)
    row = validate_json(tmp_path)["cases"][0]
    assert row["urgency"] == "emergency" and row["suggestions"] == []
    assert row["ranked_applies"] is False and row["top1"] is None
    assert row["safe"] is True and row["false_alarms"] == 0


# --- table, totals, floors --------------------------------------------------------

def test_table_shows_each_case_and_totals(validate, tmp_path):
    vegan(tmp_path, name="a")
    vegan(tmp_path, name="b", confirmed="[folate]")
    result = validate(tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["case", "group", "confirmed"]
    assert any(line.startswith("a ") and "yes" in line for line in lines)
    assert any(line.startswith("b ") and "NO" in line for line in lines)
    total = next(line for line in lines if line.startswith("all "))
    assert "1/2 (50%)" in total


def test_floor_met_exits_0_and_floor_missed_exits_1(validate, tmp_path):
    vegan(tmp_path, name="a")
    vegan(tmp_path, name="b", confirmed="[folate]")
    assert validate(tmp_path, "--min-top1", "0.5", "--min-safe", "1").exit_code == 0
    missed = validate(tmp_path, "--min-top1", "0.75")
    assert missed.exit_code == 1
    assert "top1 0.5 < 0.75" in missed.stderr
    assert "BELOW FLOOR: top1 0.5" in missed.stdout
    ceiling = validate(tmp_path, "--max-false-alarms", "0.1")
    assert ceiling.exit_code == 1 and "false_alarms" in ceiling.stderr


def test_json_floors_report_ok(validate, tmp_path):
    vegan(tmp_path)
    result = validate(tmp_path, "--format", "json", "--min-top3", "1", "--max-over-triage", "0")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["ok"] is True
    assert {c["name"] for c in out["floors"]} == {"top3", "over_triage"}


def test_group_filter(validate_json, tmp_path):
    vegan(tmp_path, name="a")
    vegan(tmp_path, name="b", group="benign", confirmed="[]", low="self_care", high="self_care")
    out = validate_json(tmp_path, "--group", "benign")
    assert [r["id"] for r in out["cases"]] == ["b"]


# --- second-edition answers the bank does not know yet ---------------------------

def test_second_edition_ids_the_bank_lacks_become_a_note_not_an_error(validate_json, tmp_path):
    new = [q for q in ("statin", "liver_disease", "family_ataxia") if q not in BY_ID]
    text = VEGAN.format(name="x", group="deficiency", confirmed="[vitamin_b12]", low="see_doctor", high="urgent")
    text += "  statin: no\n  liver_disease: no\n  family_ataxia: no\n"
    write(tmp_path / "x.yaml", text)
    row = validate_json(tmp_path)["cases"][0]
    if new:
        assert any(all(q in note for q in new) for note in row["notes"]), row["notes"]
    else:
        assert row["notes"] == []


# --- bad case files: exit 2, one clear message, no traceback ------------------------

@pytest.mark.parametrize("text, message", [
    ("answers: {age: 30}\n", "missing 'x-case'"),
    ("x-case: {group: odd, source: {url: u, citation: c}, summary: s,"
     " expect: {confirmed: [], min_urgency: self_care, max_urgency: urgent}}\nanswers: {}\n", "group: 'odd'"),
    ("x-case: {group: benign, source: {url: u, citation: c}, summary: s,"
     " expect: {confirmed: [vitamin_z], min_urgency: self_care, max_urgency: urgent}}\nanswers: {}\n",
     "'vitamin_z' is not a nutrient id"),
    ("x-case: {group: benign, source: {url: u, citation: c}, summary: s,"
     " expect: {confirmed: [], min_urgency: urgent, max_urgency: self_care}}\nanswers: {}\n",
     "min_urgency urgent is above max_urgency self_care"),
    ("x-case: {group: benign, source: {url: u, citation: c}, summary: s,"
     " expect: {confirmed: [], min_urgency: soon, max_urgency: urgent}}\nanswers: {}\n", "min_urgency: 'soon'"),
    ("x-case: {group: benign, source: {url: u}, summary: s,"
     " expect: {confirmed: [], min_urgency: self_care, max_urgency: urgent}}\nanswers: {}\n", "url and citation"),
    ("x-case: {group: benign, source: {url: u, citation: c}, summary: s,"
     " expect: {confirmed: [], min_urgency: self_care, max_urgency: urgent}}\nanswers: {numbnes: yes}\n",
     "unknown question id"),
    ("x-case: {group: benign, source: {url: u, citation: c}, summary: s,"
     " expect: {confirmed: [], min_urgency: self_care, max_urgency: urgent}}\nanswers: {age: 300}\n",
     "age out of range"),
    ("x-case: [\n", "not valid YAML"),
])
def test_bad_case_file_exits_2_with_a_clear_message(validate, tmp_path, text, message):
    write(tmp_path / "bad.yaml", text)
    result = validate(tmp_path)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def test_every_bad_file_is_reported_at_once(validate, tmp_path):
    write(tmp_path / "one.yaml", "answers: {}\n")
    write(tmp_path / "two.yaml", "answers: {}\n")
    result = validate(tmp_path)
    assert result.exit_code == 2
    assert "one.yaml" in result.stderr and "two.yaml" in result.stderr


def test_missing_path_and_empty_directory_exit_2(validate, tmp_path):
    assert validate(tmp_path / "nowhere").exit_code == 2
    empty = validate(tmp_path)
    assert empty.exit_code == 2 and "no case files" in empty.stderr


# --- the library itself ------------------------------------------------------------

@pytest.fixture(scope="module")
def library(session_invoke) -> dict:
    """``screener validate cases --format json``, run once for the tests that read it."""
    result = session_invoke(["validate", str(CASES), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_library_runs_and_totals_agree_with_rows(library):
    out = library
    rows = out["cases"]
    assert len(rows) >= 48
    groups = {r["group"] for r in rows}
    assert groups == {"deficiency", "benign", "mimic"}
    totals = out["totals"]
    assert totals["cases"] == len(rows)
    for key in ("top1", "top3", "moderate", "safe", "over_triage"):
        applicable = [r for r in rows if r[key] is not None]
        assert totals[key]["of"] == len(applicable)
        assert totals[key]["n"] == sum(1 for r in applicable if r[key])
    assert totals["false_alarms"] == sum(r["false_alarms"] for r in rows)
    for name, group in out["groups"].items():
        assert group["cases"] == sum(r["group"] == name for r in rows)
    assert sum(g["cases"] for g in out["groups"].values()) == len(rows)


def test_library_covers_every_nutrient_children_and_over_80s(library):
    out = library
    confirmed = {n for r in out["cases"] for n in r["confirmed"]}
    assert confirmed == {"vitamin_b12", "vitamin_d", "thiamine", "folate", "vitamin_e", "iron", "magnesium",
                         "potassium"}
    assert sum("vitamin_e" in r["confirmed"] for r in out["cases"]) >= 4
    assert sum(r["group"] == "benign" for r in out["cases"]) >= 8
    assert sum(r["group"] == "mimic" for r in out["cases"]) >= 8
    assert any("child" in r["tags"] for r in out["cases"])
    assert any("over_80" in r["tags"] for r in out["cases"])


def test_library_meets_the_safe_urgency_floor(validate):
    assert validate(CASES, "--min-safe", str(SAFE_FLOOR)).exit_code == 0


# --- comparing with an earlier run -------------------------------------------------

def test_compare_lists_changed_new_and_removed_cases_and_totals(validate, validate_json, tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    vegan(lib, name="a")
    vegan(lib, name="b")
    old = validate_json(lib)
    old["cases"][0]["urgency"] = "self_care"
    old["cases"][0]["safe"] = False
    old["cases"] = [old["cases"][0], {**old["cases"][1], "id": "gone"}]
    old["totals"]["safe"]["rate"] = 0.5
    baseline = tmp_path / "old.json"
    baseline.write_text(json.dumps(old), encoding="utf-8")
    result = validate(lib, "--compare", baseline)
    assert result.exit_code == 0, result.output
    text = result.stdout[result.stdout.index("Changes since"):]
    assert "a: urgency self_care -> see_doctor; safe no -> yes" in text
    assert "b: new case" in text
    assert "gone: no longer in the library" in text
    assert "safe 0.5 -> 1.0" in text
    out = json.loads(validate(lib, "--compare", baseline, "--format", "json").stdout)
    changed = {c["id"]: c for c in out["compare"]["cases"]}
    assert changed["a"]["changed"]["urgency"] == ["self_care", "see_doctor"]
    assert changed["b"]["new"] is True
    assert out["compare"]["removed"] == ["gone"]


def test_compare_with_itself_reports_no_change(validate, tmp_path):
    vegan(tmp_path)
    baseline = tmp_path.parent / f"{tmp_path.name}-old.json"
    baseline.write_text(validate(tmp_path, "--format", "json").stdout, encoding="utf-8")
    assert "no case changed" in validate(tmp_path, "--compare", baseline).stdout


@pytest.mark.parametrize("text", ["not json", "[1, 2]", '{"cases": {}}'])
def test_compare_with_a_bad_baseline_exits_2(validate, tmp_path, text):
    vegan(tmp_path)
    baseline = tmp_path.parent / f"{tmp_path.name}-bad.json"
    baseline.write_text(text, encoding="utf-8")
    result = validate(tmp_path, "--compare", baseline)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert str(baseline) in result.stderr
