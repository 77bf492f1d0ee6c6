"""`screener run` and `screener questions` through CliRunner, and the
installed script for what only a real process shows (pipes, imports, colour)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from screener.questions import QUESTIONS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

VEGAN = str(EXAMPLES / "vegan_tingling.yaml")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


# --- happy paths -----------------------------------------------------------

def test_run_text_report(invoke):
    result = invoke(["run", VEGAN], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("Screening report: Vegan runner with tingling feet\n")
    assert "SEE A DOCTOR" in result.stdout
    assert "\x1b[" not in result.stdout  # CliRunner is not a terminal: no colour
    assert "not a diagnosis" in result.stdout


def test_run_json_is_one_object_with_the_spec_keys(invoke):
    result = invoke(["run", VEGAN, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    for key in ("name", "screener_version", "knowledge_version", "urgency", "red_flags", "conditional_advice",
                "suggestions", "advice", "disclaimer"):
        assert key in report
    top = report["suggestions"][0]
    assert (top["nutrient"], top["level"], top["confidence"]) == ("vitamin_b12", "high", 0.65)
    assert {b["rule"] for b in top["because"]} == {"b12_vegan_diet", "b12_numbness_tingling"}
    assert result.stderr == ""


def test_run_markdown(invoke):
    result = invoke(["run", VEGAN, "-f", "markdown"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Screening summary: Vegan runner with tingling feet")


def test_stdin_yaml_and_json(invoke):
    result = invoke(["run", "-", "-f", "json"], input="answers:\n  bone_pain: yes\n  sun_exposure: rarely\n")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["suggestions"][0]["nutrient"] == "vitamin_d"
    assert report["source"] == "<stdin>"
    result = invoke(["run", "-", "-f", "json"], input='{"answers": {"restless_legs": true}}')
    assert json.loads(result.stdout)["suggestions"][0]["nutrient"] == "iron"


def test_stdin_jsonl_batch(invoke):
    lines = '{"name": "a", "answers": {"bone_pain": "yes"}}\n\n{"name": "b", "answers": {"restless_legs": "yes"}}\n'
    result = invoke(["run", "-", "--input-format", "jsonl", "-f", "json"], input=lines)
    assert result.exit_code == 0
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["name"] for r in reports] == ["a", "b"]
    assert [r["source"] for r in reports] == ["<stdin>:1", "<stdin>:3"]


def test_several_files_make_a_batch_with_headed_sections(invoke):
    files = [VEGAN, str(EXAMPLES / "stroke_signs.yaml")]
    result = invoke(["run", *files], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.count("Screening report: ") == 2
    result = invoke(["run", *files, "-f", "json"])
    assert [json.loads(line)["urgency"] for line in result.stdout.splitlines()] == ["see_doctor", "emergency"]


def test_region_option_and_environment(invoke, tmp_path):
    path = write(tmp_path, "e.yaml", "answers:\n  rf_face_arm_speech: yes\n")
    uk = json.loads(invoke(["run", path, "-f", "json", "--region", "uk"]).stdout)
    assert uk["emergency_number"] == "999" and "999" in uk["red_flags"][0]["advice"]
    us = json.loads(invoke(["run", path, "-f", "json"], env={"SCREENER_REGION": "us"}).stdout)
    assert us["emergency_number"] == "911"
    every = json.loads(invoke(["run", path, "-f", "json"]).stdout)
    assert all(n in every["red_flags"][0]["advice"] for n in ("999", "911", "112"))
    assert every["suggestions"] == []


def test_set_overrides_answers(invoke):
    base = json.loads(invoke(["run", VEGAN, "-f", "json"]).stdout)
    result = invoke(["run", VEGAN, "-f", "json", "--set", "diet=omnivore", "--set", "rf_injury=yes"])
    changed = json.loads(result.stdout)
    assert base["urgency"] == "see_doctor"
    assert changed["urgency"] == "emergency"  # injury plus tingling: combination
    assert {f["id"] for f in changed["red_flags"]} == {"rf_injury", "combo_injury_neuro"}


def test_set_is_validated(invoke):
    result = invoke(["run", VEGAN, "--set", "diet=carnivore"])
    assert result.exit_code == 2
    assert "diet: carnivore" in result.stderr and "allowed:" in result.stderr


# --- output files -----------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_output_file_is_private_and_complete(invoke, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    result = invoke(["run", VEGAN, "-f", fmt, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert "Vegan runner" in out.read_text()
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temp file left


def test_unwritable_output_is_a_usage_error_and_keeps_the_old_file(invoke, tmp_path):
    result = invoke(["run", VEGAN, "-o", str(tmp_path / "missing" / "r.txt")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    old = tmp_path / "r.json"
    old.write_text("old")
    result = invoke(["run", "-", "-o", str(old)], input="answers: [1, 2]\n")
    assert result.exit_code == 2
    assert old.read_text() == "old"


def test_batch_output_keeps_good_cases_and_reports_bad_ones(invoke, tmp_path):
    batch = write(tmp_path, "b.jsonl", '{"answers": {"bone_pain": "yes"}}\n{"answers": {"diet": "keto"}}\n'
                                       '{"answers": {"fatigue": "yes"}}\n')
    out = tmp_path / "out.jsonl"
    result = invoke(["run", batch, "-f", "json", "-o", str(out)])
    assert result.exit_code == 2
    assert f"{batch}:2: diet: keto: not one of the choices" in result.stderr
    assert len(out.read_text().splitlines()) == 2


# --- bad input: exit 2, one clear message, nothing written --------------------

@pytest.mark.parametrize("text, expected", [
    ("answers:\n  tinglng: yes\n", "tinglng: unknown question id; allowed: see `screener questions`. "
                                   "Did you mean 'tingling'?"),
    ("answers:\n  diet: vegn\n", "diet: vegn: not one of the choices; allowed: omnivore, pescatarian, vegetarian, "
                                 "vegan or unknown. Did you mean 'vegan'?"),
    ("answers:\n  diet: no\n", "diet: no: YAML reads a bare no as a boolean, not text, and 'no' is not one of "
                               "the choices"),
    ("answers:\n  age: 34.5\n", "age: 34.5: age must be a whole number of years"),
    ("answers:\n  age: 130\n", "age: 130: age out of range"),
    ("answers:\n  age: yes\n", "age: yes: age must be a whole number, not yes/no"),
    ("answers:\n  tingling: sometimes\n", "tingling: sometimes: not a yes/no answer; allowed: yes, no or unknown"),
    ("answers:\n  supplements: [vitamin_c]\n", "supplements: vitamin_c: not a nutrient id"),
    ("answers:\n  fatigue: yes\ncolour: red\n", "unknown top-level key 'colour'"),
    ("name: nothing\n", "missing required key 'answers'"),
    ("answers: [1, 2]\n", "'answers' must be a mapping"),
    ("answers: {tingling: yes\n", "not valid YAML"),
    ("", "a fact file must be a mapping"),
    ("region: mars\nanswers: {}\n", "region: mars: unknown region"),
])
def test_bad_fact_file(invoke, tmp_path, text, expected):
    path = write(tmp_path, "case.yaml", text)
    out = tmp_path / "out.txt"
    result = invoke(["run", path, "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {path}: ")
    assert expected in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("name, text, expected", [
    ("c.json", '{"answers": {"tingling": }', "not valid JSON"),
    ("c.toml", "answers = [", "not valid TOML"),
    ("c.txt", "answers: {}", "unsupported file type '.txt'"),
])
def test_bad_formats(invoke, tmp_path, name, text, expected):
    result = invoke(["run", write(tmp_path, name, text)])
    assert result.exit_code == 2
    assert expected in result.stderr


def test_missing_file_and_unknown_option(invoke, tmp_path):
    result = invoke(["run", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "cannot read file" in result.stderr
    result = invoke(["run", VEGAN, "--colour"])
    assert result.exit_code == 2 and "No such option" in result.stderr


def test_questions_table_and_json(invoke):
    result = invoke(["questions"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "rf_sudden_onset" in result.stdout and "supplements" in result.stdout
    data = json.loads(invoke(["questions", "--format", "json"]).stdout)
    by_id = {q["id"]: q for q in data}
    assert list(by_id) == [q.id for q in QUESTIONS]  # every question of the bank, in order
    assert by_id["diet"]["allowed"] == ["omnivore", "pescatarian", "vegetarian", "vegan", "unknown"]
    assert {"vitamin_b12", "iron", "vitamin_d"} <= set(by_id["diet"]["informs"])
    assert by_id["rf_injury"]["informs"] == ["combo_injury_neuro", "rf_injury"]
    assert "potassium" in by_id["kidney_disease"]["informs"]


@pytest.mark.parametrize("command", ["run", "questions", "schema", "interview", "rules"])
def test_every_command_has_help(invoke, command):
    result = invoke([command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: cli {command}") or result.stdout.startswith("Usage: ")


# --- the installed script ----------------------------------------------------

def test_help_and_version_never_import_experta(screener_bin, clean_env):
    for args in (["--help"], ["--version"], ["run", "--help"]):
        proc = subprocess.run([screener_bin, *args], capture_output=True, text=True,
                              env={**clean_env, "PYTHONPROFILEIMPORTTIME": "1"})
        assert proc.returncode == 0
        imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
        assert "click" in imported
        assert not {m for m in imported if m.split(".")[0] in ("experta", "yaml") or m == "screener.engine"}, args


def _imports(screener_bin, env, *args) -> set[str]:
    proc = subprocess.run([screener_bin, *args], capture_output=True, text=True,
                          env={**env, "PYTHONPROFILEIMPORTTIME": "1"})
    assert proc.returncode == 0, proc.stderr[-500:]
    return {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}


#: Not needed to screen one file to stdout: the other commands, and the standard modules only
#: writing a file (tempfile pulls in shutil, random and the compressors) or a "did you mean" needs.
NOT_AT_START_UP = {"screener.validate", "screener.cli_interview", "screener.interview", "screener.cli_step",
                   "screener.cli_teach", "screener.teach", "tempfile", "shutil", "difflib"}


def test_run_imports_only_what_it_uses(screener_bin, clean_env, tmp_path):
    imported = _imports(screener_bin, clean_env, "run", VEGAN)
    assert "screener.engine" in imported and not imported & NOT_AT_START_UP, imported & NOT_AT_START_UP
    # writing a report file does need tempfile (atomic write), and a command is imported when it runs
    assert "tempfile" in _imports(screener_bin, clean_env, "run", VEGAN, "-o", str(tmp_path / "r.txt"))
    assert "screener.cli_teach" in _imports(screener_bin, clean_env, "rules", "list")


def test_a_misspelt_command_is_still_suggested(invoke):
    result = invoke(["valdiate", "cases"])
    assert result.exit_code == 2 and "Did you mean 'validate'?" in result.stderr


def test_closed_pipe_ends_quietly(screener_bin, clean_env):
    files = [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    proc = subprocess.Popen([screener_bin, "run", *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=clean_env)
    proc.stdout.read(20)
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    with proc.stderr:
        assert proc.stderr.read() == b""


def test_python_dash_m_works(screener_bin, clean_env, tmp_path):
    # From outside the checkout, so the installed package is the one imported.
    python = os.path.join(os.path.dirname(screener_bin), "python")
    proc = subprocess.run([python, "-m", "screener", "run", VEGAN, "-f", "json"], capture_output=True, text=True,
                          env=clean_env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["urgency"] == "see_doctor"


def test_internal_error_has_no_traceback(screener_bin, clean_env, tmp_path):
    # A directory where a file is expected is bad input, not a crash.
    proc = subprocess.run([screener_bin, "run", str(tmp_path) + "/"], capture_output=True, text=True, env=clean_env)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def _batch_file(tmp_path, n=40):
    import random

    from screener.questions import QUESTIONS

    rng = random.Random(3)
    lines = []
    for i in range(n):
        answers = {q.id: rng.choice(["yes", "no", "unknown"]) for q in QUESTIONS if q.kind == "yesno"
                   and q.section != "red_flags"}
        answers["diet"] = rng.choice(["vegan", "omnivore"])
        lines.append(json.dumps({"name": f"case {i}", "answers": answers}))
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_jobs_keep_the_order_and_the_reports(screener_bin, clean_env, tmp_path):
    # 24 cases: chunks of 1, 2, 4, 8 and 9 across two workers, back in input order
    batch = _batch_file(tmp_path, n=24)
    one = subprocess.run([screener_bin, "run", batch, "-f", "json", "--jobs", "1"], capture_output=True, text=True,
                         env=clean_env)
    two = subprocess.run([screener_bin, "run", batch, "-f", "json", "--jobs", "2"], capture_output=True, text=True,
                         env=clean_env)
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert [json.loads(line)["name"] for line in two.stdout.splitlines()] == [f"case {i}" for i in range(24)]


@pytest.mark.slow
def test_progress_on_a_terminal_for_long_batches(screener_bin, clean_env, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    batch = _batch_file(tmp_path, n=60)
    out = tmp_path / "out.jsonl"
    child = pexpect.spawn(screener_bin, ["run", batch, "-f", "json", "-o", str(out)], env=clean_env,
                          encoding="utf-8", timeout=60)
    child.expect_exact("screened 60/60")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len(out.read_text().splitlines()) == 60
