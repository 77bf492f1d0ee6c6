"""Teaching commands: rules list/show/graph, explain --how/--why-not, diff."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


VEGAN = str(EXAMPLES / "vegan_tingling.yaml")
SINGLE_CASES = sorted(str(p) for p in Path(EXAMPLES).iterdir()
                      if p.suffix in (".yaml", ".yml", ".json", ".toml"))


def _case(path):
    from screener.facts import iter_cases

    (case,) = list(iter_cases([path]))
    return case


# --- rules list / show --------------------------------------------------------------

def test_rules_list_table_names_every_rule(invoke):
    from screener.engine import catalogue

    result = invoke(["rules", "list"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("ID ")
    from screener.scoring import SCORING_CAPS

    for rid in [*catalogue(), *(c["id"] for c in SCORING_CAPS)]:  # the caps scoring applies are listed too
        assert f"\n{rid} " in result.stdout
    assert result.stdout.rstrip().endswith(f"{len(catalogue()) + len(SCORING_CAPS)} rules")
    assert "diet = vegan" in result.stdout
    assert "reason: you eat a vegan diet" in result.stdout


def test_rules_list_json_has_the_catalogue_fields(invoke):
    result = invoke(["rules", "list", "--format", "json", "--nutrient", "vitamin_b12"],
                    catch_exceptions=False)
    rows = json.loads(result.stdout)
    vegan = next(r for r in rows if r["id"] == "b12_vegan_diet")
    assert vegan["module"] == "vitamin_b12" and vegan["for"] == "vitamin_b12"
    assert vegan["cf"] == 0.5 and vegan["source"] and vegan["reason"]
    assert {"fact": "Answer", "question": "diet", "values": ["vegan"]} in vegan["conditions"]
    assert vegan["conditions_text"] == "vitamin_b12 suspected (a compatible symptom) AND diet = vegan"
    assert {r["for"] for r in rows} <= {"vitamin_b12", "*"}
    assert any(r["id"] == "supplement_already_taken" for r in rows)  # generic rules apply too
    assert not any(r["id"].startswith("iron_") for r in rows)


def test_rules_list_bad_nutrient_is_a_usage_error(invoke):
    result = invoke(["rules", "list", "--nutrient", "vitamin_b1"])
    assert result.exit_code == 2
    assert "unknown nutrient 'vitamin_b1'" in result.stderr
    assert "Did you mean" in result.stderr
    assert "Traceback" not in result.output


def test_rules_show_renders_conditions_effect_and_source(invoke):
    result = invoke(["rules", "show", "b12_vegan_diet"], catch_exceptions=False)
    out = result.stdout
    assert result.exit_code == 0
    assert out.startswith("Rule b12_vegan_diet  (module vitamin_b12, salience 0)")
    assert "IF\n  vitamin_b12 suspected (a compatible symptom)\n  AND diet = vegan\nTHEN\n" in out
    assert "assert Evidence(nutrient='vitamin_b12', rule='b12_vegan_diet', cf=0.5, kind='risk')" in out
    assert "Source: NIH ODS" in out
    assert '@Rule(Suspect(nutrient=NUTRIENT), Answer(diet="vegan"))' in out
    assert "def b12_vegan_diet(self):" in out


def test_rules_show_or_conditions_and_json(invoke):
    text = invoke(["rules", "show", "sign_poor_absorption"], catch_exceptions=False).stdout
    assert "IF\n  any of:\n    malabsorption = yes\n" in text
    data = json.loads(invoke(["rules", "show", "rf_sudden_onset_rule", "--format", "json"]).stdout)
    assert data["salience"] == 100 and data["effect"] == "red_flag"
    assert "def rf_sudden_onset_rule" in data["python_source"]


def test_rules_show_unknown_id_suggests(invoke):
    result = invoke(["rules", "show", "b12_vegan"])
    assert result.exit_code == 2
    assert "unknown rule 'b12_vegan'" in result.stderr
    assert "Did you mean 'b12_vegan_diet'" in result.stderr


def test_every_rule_has_python_source():
    from screener.engine import catalogue
    from screener.teach import rule_show_data

    for rid in catalogue():
        assert f"def {rid}(" in rule_show_data(rid)["python_source"]


# --- graph ---------------------------------------------------------------------------

def test_graph_dot_whole_and_for_one_nutrient(invoke):
    whole = invoke(["rules", "graph"], catch_exceptions=False).stdout
    assert whole.startswith("digraph screener {") and whole.rstrip().endswith("}")
    assert 'q_diet -> r_b12_vegan_diet [label="vegan", decorate=true];' in whole
    assert 'r_b12_vegan_diet -> n_vitamin_b12 [label="+0.50", decorate=true];' in whole
    assert "r_rf_sudden_onset_rule -> u_emergency" in whole
    b12 = invoke(["rules", "graph", "--nutrient", "vitamin_b12"], catch_exceptions=False).stdout
    assert "r_b12_vegan_diet" in b12 and "r_iron_" not in b12 and "rf_" not in b12
    assert len(b12) < len(whole)


def test_graph_negated_and_sign_chains():
    from screener.engine import catalogue
    from screener.teach import graph_dot
    from screener.teach import graph_model

    model = graph_model("vitamin_b12")
    text = graph_dot(model)
    # Protective evidence is dashed.
    cf = catalogue()["b12_fortified_foods"].cf
    assert f'r_b12_fortified_foods -> n_vitamin_b12 [label="{cf:+.2f}", decorate=true, style=dashed];' in text
    ids = {n["id"] for n in model["nodes"]}
    for e in model["edges"]:
        assert e["from"] in ids and e["to"] in ids
    # The whole graph shows forward chaining: answer -> sign rule -> sign -> rule.
    whole = graph_dot(graph_model())
    assert "q_tingling -> r_sign_neuro_symptom;" in whole
    assert "r_sign_neuro_symptom -> s_neuro_symptom;" in whole
    assert 's_brief_stable_symmetric -> r_see_doctor_neuro_symptom [label="not", decorate=true, style=dashed];' in whole


def test_graph_mermaid(invoke):
    out = invoke(["rules", "graph", "--format", "mermaid", "-n", "iron"], catch_exceptions=False).stdout
    assert out.startswith("flowchart LR\n")
    assert 'r_iron_heavy_periods -->|"+0.50"| n_iron' in out
    assert 'q_heavy_periods(["heavy_periods"])' in out


def test_graph_output_files_are_written_privately(invoke, tmp_path):
    for name, start in (("kb.dot", "digraph"), ("kb.mmd", "flowchart")):
        path = tmp_path / name
        result = invoke(["rules", "graph", "-o", str(path)], catch_exceptions=False)
        assert result.exit_code == 0 and result.stdout == ""
        assert path.read_text().startswith(start)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".screener-")] == []


def test_graph_bad_output_combinations(invoke, tmp_path):
    result = invoke(["rules", "graph", "-o", str(tmp_path / "kb.txt")])
    assert result.exit_code == 2 and "unknown file type" in result.stderr
    result = invoke(["rules", "graph", "--format", "mermaid", "-o", str(tmp_path / "kb.dot")])
    assert result.exit_code == 2
    result = invoke(["rules", "graph", "-o", str(tmp_path / "missing" / "kb.dot")])
    assert result.exit_code == 2 and "cannot write" in result.stderr


def test_graph_svg_without_graphviz_is_a_clear_usage_error(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = invoke(["rules", "graph", "-o", str(tmp_path / "kb.svg")])
    assert result.exit_code == 2
    assert "needs Graphviz" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "kb.svg").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="uses a shell script as a fake dot")
def test_graph_svg_renders_with_dot(invoke, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "dot"
    # A stand-in for Graphviz: checks the arguments, copies stdin into the -o file.
    fake.write_text('#!/bin/sh\n[ "$1" = "-Tsvg" ] || exit 3\n[ "$2" = "-o" ] || exit 3\n'
                    'cat > "$3"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir) + os.pathsep + os.environ.get("PATH", ""))
    out = tmp_path / "kb.svg"
    result = invoke(["rules", "graph", "-n", "iron", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("digraph screener {")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".screener-")] == []


# --- explain ---------------------------------------------------------------------------------

def test_how_shows_rules_answers_and_cf_steps():
    from screener.explain import how
    from screener.explain import how_data

    case = _case(VEGAN)
    text = how(case, "vitamin_b12")
    assert "1. b12_numbness_tingling (cardinal, +0.30): 0.00 -> 0.30" in text
    assert "2. b12_vegan_diet (risk, +0.50): 0.30 -> 0.65" in text
    assert "matched: vitamin_b12 suspected (a compatible symptom); diet = vegan" in text
    assert "Confidence 0.65 (high), listed 1st." in text
    data = how_data(case, "vitamin_b12")
    assert [s["rule"] for s in data["steps"]] == ["b12_numbness_tingling", "b12_vegan_diet"]
    assert data["rank"] == 1 and data["caps"] == []


def test_how_shows_caps():
    from screener.explain import how

    text = how(_case(str(EXAMPLES / "kidney_disease_cramps.yaml")), "potassium")
    assert "Cap k_cap_kidney_or_meds: " in text and "-> 0.59" in text


def test_why_not_names_the_condition_not_met_or_unknown():
    from screener.explain import why_not
    from screener.explain import why_not_data

    case = _case(VEGAN)
    data = why_not_data(case, "vitamin_d")
    assert not data["listed"]
    gate = next(r for r in data["not_fired"] if r["rule"] == "gate_compatible_symptom")
    assert gate["blocking"][0]["condition"] == "evidence for vitamin_d (kind cardinal or supporting)"
    rare = next(r for r in data["not_fired"] if r["rule"] == "d_rare_sun")
    assert [(b["condition"], b["status"]) for b in rare["blocking"]] == [
        ("vitamin_d suspected (a compatible symptom)", "not_met"), ("sun_exposure = rarely", "not_met")]
    aches = next(r for r in data["not_fired"] if r["rule"] == "d_muscle_aches")
    assert aches["status"] == "unknown"
    assert aches["blocking"][0]["detail"] == "muscle_aches was not answered"
    text = why_not(case, "vitamin_b12")
    assert "not met: age >= 65 (you answered age = 34)" in text
    assert "b12_vegan_diet" not in text.split("did not fire:")[1]  # it fired


def test_why_not_rejects_unknown_nutrient():
    from screener.explain import why_not
    from screener.options import InputError

    with pytest.raises(InputError, match="Did you mean 'vitamin_d'"):
        why_not(_case(VEGAN), "vitamin_dd")


@pytest.mark.parametrize("path", SINGLE_CASES, ids=lambda p: Path(p).name)
def test_explain_agrees_with_the_engine(path):
    """The condition checker says 'met' exactly for the rules that fired."""
    from screener.explain import MET
    from screener.explain import analyse
    from screener.explain import evaluate_rule

    an = analyse(_case(path))
    for rid, info in an.catalogue.items():
        if info.concern == "*":
            for n in an.assessments:
                if rid == "gate_compatible_symptom" or info.effect == "evidence":
                    met = evaluate_rule(rid, an, n)["status"] == MET
                    assert met == an.fired_for(rid, n), (rid, n)
        else:
            met = evaluate_rule(rid, an)["status"] == MET
            assert met == (rid in an.result.fired), rid


@pytest.mark.parametrize("path", SINGLE_CASES, ids=lambda p: Path(p).name)
def test_why_not_accounts_for_every_unlisted_or_capped_nutrient(path):
    from screener.explain import analyse
    from screener.explain import why_not_data
    from screener.report import report_for

    case = _case(path)
    report = report_for(case)
    listed = {s["nutrient"] for s in report["suggestions"]}
    an = analyse(case)
    for n, a in an.assessments.items():
        data = why_not_data(case, n, an)
        kinds = {r["kind"] for r in data["reasons"]}
        if n not in listed:
            assert not data["listed"]
            if report["urgency"] == "emergency":
                assert "emergency" in kinds, (n, kinds)
            else:  # 2026.12: or only minor symptoms, which do not open the gate
                assert kinds & {"outweighed", "no_symptom"}, (n, kinds)
        else:
            assert data["listed"]
        if a.caps:
            assert "capped" in kinds
            capped = {r["rules"][0] for r in data["reasons"] if r["kind"] == "capped"}
            assert capped == {c["rule"] for c in a.caps}


def test_explain_command_default_json_and_errors(invoke):
    result = invoke(["explain", VEGAN], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("How: vitamin_b12 - Vitamin B12\n")
    data = json.loads(invoke(["explain", VEGAN, "--why-not", "vitamin_d", "--how", "vitamin_b12",
                                      "--format", "json"], catch_exceptions=False).stdout)
    assert [d["nutrient"] for d in data["how"]] == ["vitamin_b12"]
    assert [d["nutrient"] for d in data["why_not"]] == ["vitamin_d"]
    bad = invoke(["explain", VEGAN, "--why-not", "zinc"])
    assert bad.exit_code == 2 and "unknown nutrient 'zinc'" in bad.stderr
    bad = invoke(["explain", str(EXAMPLES / "batch_three_cases.jsonl")])
    assert bad.exit_code == 2 and "expected one case" in bad.stderr
    bad = invoke(["explain", VEGAN, "--set", "diet=carnivore"])
    assert bad.exit_code == 2 and "diet" in bad.stderr and "Traceback" not in bad.output


def test_explain_emergency_case_explains_suppression(invoke):
    out = invoke(["explain", str(EXAMPLES / "stroke_signs.yaml")], catch_exceptions=False).stdout
    assert out.startswith("Why not: ")
    assert "an emergency red flag was found" in out


def test_explain_with_set_is_what_if(invoke):
    out = invoke(["explain", VEGAN, "--how", "vitamin_b12", "--set", "diet=omnivore"],
                 catch_exceptions=False).stdout
    assert "b12_vegan_diet" not in out
    assert "Cap cap_no_risk_factor: 0.30 -> 0.29" in out


# --- diff ---------------------------------------------------------------------------------------

def test_diff_text(invoke):
    result = invoke(["diff", VEGAN, "--set", "diet=omnivore"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == (
        "What changes for Vegan runner with tingling feet:\n"
        "  diet: vegan -> omnivore\n"
        "\n"
        "Urgency: see_doctor (unchanged)\n"
        "Suggestions:\n"
        "  vitamin_b12: #1 high 0.65 -> #1 low 0.29\n"
        "Rules that started firing: none\n"
        "Rules that stopped firing: b12_vegan_diet\n")


def test_diff_json_with_red_flag(invoke):
    data = json.loads(invoke(["diff", VEGAN, "--set", "rf_sudden_onset=yes", "--format", "json"],
                             catch_exceptions=False).stdout)
    assert data["urgency"] == {"before": "see_doctor", "after": "emergency"}
    assert data["red_flags"]["added"] == ["rf_sudden_onset"]
    assert "rf_sudden_onset_rule" in data["started_firing"]
    assert all(row["after"] is None for row in data["suggestions"])
    assert data["answers_before"] == {"rf_sudden_onset": "unknown"}


def test_diff_needs_a_valid_set(invoke):
    assert invoke(["diff", VEGAN]).exit_code == 2
    bad = invoke(["diff", VEGAN, "--set", "diet"])
    assert bad.exit_code == 2 and "QUESTION=VALUE" in bad.stderr
    bad = invoke(["diff", VEGAN, "--set", "dite=vegan"])
    assert bad.exit_code == 2 and "Did you mean 'diet'" in bad.stderr


# --- speed / imports --------------------------------------------------------------------------

def test_teaching_commands_help_does_not_import_experta(screener_bin, clean_env):
    code = ("import sys; from screener.cli import cli; "
            "assert 'experta' not in sys.modules, 'experta imported'; "
            "assert {'rules', 'explain', 'diff'} <= set(cli.list_commands(None)); "
            "assert 'screener.cli_teach' not in sys.modules, 'teaching commands imported at start-up'")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=clean_env,
                          cwd=str(Path(screener_bin).parent))
    assert proc.returncode == 0, proc.stderr
    for args in (["rules", "--help"], ["explain", "--help"], ["diff", "--help"]):
        out = subprocess.run([screener_bin, *args], capture_output=True, text=True, env=clean_env)
        assert out.returncode == 0 and out.stdout.startswith("Usage: screener")
