"""``screener interview`` through CliRunner: every flow, and every example replayed."""

from __future__ import annotations

import json
import os
import stat
import statistics

import pytest
import yaml

from conftest import EXAMPLES
from conftest import invoke
from screener.facts import UNKNOWN
from screener.facts import Case
from screener.facts import iter_cases
from screener.facts import read_text
from screener.interview import AnswerError
from screener.interview import Command
from screener.interview import dump_case
from screener.interview import parse_answer
from screener.questions import BY_ID
from screener.questions import NUTRIENT_NAMES
from screener.questions import QUESTIONS
from screener.questions import RED_FLAGS

NO_FLAGS = "no\n" * len(RED_FLAGS)


def flat(text: str) -> str:
    """Output with its line wrapping undone (questions are wrapped to the terminal)."""
    return " ".join(text.split())


def interview(runner, text, *args, **kw):
    return invoke(runner, ["interview", *args], input=text, **kw)


def load(path) -> Case:
    (case,) = list(iter_cases([str(path)]))
    assert isinstance(case, Case), case
    return case


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# --- parsing answers ------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("yes", True), ("Y", True), ("  Yes ", True), ("yep", True), ("no", False), ("N", False),
    ("not sure", UNKNOWN), ("Not Sure", UNKNOWN), ("unknown", UNKNOWN), ("don't know", UNKNOWN),
])
def test_parse_yes_no(text, value):
    assert parse_answer("numbness", text) == value


@pytest.mark.parametrize("text,value", [
    ("3", "vegetarian"), ("Weeks", "weeks"), ("MONTHS", "months"), ("mon", "months"), ("d", "days"),
    ("min", "minutes"), ("not sure", UNKNOWN),
])
def test_parse_choice(text, value):
    qid = "diet" if text.isdigit() else "duration"
    assert parse_answer(qid, text) == value


@pytest.mark.parametrize("text", ["2", "3", "3 days", "10"])
def test_duration_is_never_read_from_a_bare_number(text):
    # spec section 2 (2nd ed.): a person typing "3" may mean three days, so
    # duration is answered in words, and the prompt offers no numbers
    with pytest.raises(AnswerError, match="in words rather than a number: minutes, days, weeks, months"):
        parse_answer("duration", text)
    from screener.interview import prompt_suffix

    assert prompt_suffix(BY_ID["duration"]) == "[minutes, days, weeks, months, not sure]"


def test_duration_prefix_m_is_ambiguous():
    with pytest.raises(AnswerError, match="could be minutes or months"):
        parse_answer("duration", "m")


def test_parse_choice_errors_give_hints():
    with pytest.raises(AnswerError, match="Did you mean 'vegan'"):
        parse_answer("diet", "vegann")
    with pytest.raises(AnswerError, match="could be vegetarian or vegan"):
        parse_answer("diet", "veg")
    with pytest.raises(AnswerError, match="no choice 7"):
        parse_answer("diet", "7")
    with pytest.raises(AnswerError, match="needs one of the choices"):
        parse_answer("fluid_intake", "no")  # not a prefix of "normal"


@pytest.mark.parametrize("text,value", [("34", 34), ("34 years", 34), ("1", 1), ("120", 120)])
def test_parse_age(text, value):
    assert parse_answer("age", text) == value


@pytest.mark.parametrize("text", ["0", "121", "thirty", "34.5", "-3"])
def test_parse_age_rejects(text):
    with pytest.raises(AnswerError):
        parse_answer("age", text)


@pytest.mark.parametrize("text,value", [
    ("none", ()), ("None", ()), ("vitamin_d", ("vitamin_d",)), ("Vitamin D, b12", ("vitamin_d", "vitamin_b12")),
    ("iron and folic acid", ("iron", "folate")), ("1, 6", ("vitamin_b12", "iron")),
    ("Thiamine (vitamin B1)", ("thiamine",)), ("magnesium; magnesium", ("magnesium",)),
])
def test_parse_supplements(text, value):
    assert parse_answer("supplements", text) == value


def test_parse_supplements_did_you_mean():
    with pytest.raises(AnswerError, match="Did you mean 'magnesium'"):
        parse_answer("supplements", "magnesum")


@pytest.mark.parametrize("text,name", [("?", "why"), ("why", "why"), ("back", "back"), ("quit", "quit"),
                                       ("help", "help")])
def test_parse_commands(text, name):
    assert parse_answer("age", text) == Command(name)


@pytest.mark.parametrize("text", ["", "   ", "yse please", "42"])
def test_parse_yes_no_rejects(text):
    with pytest.raises(AnswerError):
        parse_answer("numbness", text)


# --- red flags ------------------------------------------------------------------

def test_emergency_red_flag_stops_at_once(runner):
    result = interview(runner, "yes\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "STOP: this needs emergency help now." in out
    assert "999" in out and "911" in out and "112" in out
    assert "Question 2" not in out
    assert "EMERGENCY" in out
    for name in NUTRIENT_NAMES.values():
        assert name not in out
    assert "explain >" not in out  # no nutrient talk afterwards
    assert "Traceback" not in out


def test_emergency_uses_the_region(runner):
    result = interview(runner, "yes\n", "--region", "us")
    assert "Call 911 now" in result.output
    assert "999" not in result.output


def test_emergency_combination_stops(runner):
    # rf_injury (question 11) yes, the other red flags no, then leg weakness yes: an emergency combination.
    after = len(RED_FLAGS) - 11
    text = "no\n" * 10 + "yes\n" + "no\n" * after + "yes\n" + "no\n" * 80
    result = interview(runner, text)
    assert result.exit_code == 0
    out = result.output
    assert "Important: see a doctor today." in out  # the urgent flag first
    assert out.index("Important: see a doctor today.") < out.index("Do your legs feel weak?")
    assert "STOP: this needs emergency help now." in out
    assert "Do you have numbness in your legs or feet?" not in out


def test_urgent_flag_is_shown_and_the_interview_goes_on(runner, tmp_path):
    save = tmp_path / "a.yaml"
    from screener.relevance import replay

    person = {q.id: False for q in RED_FLAGS}
    person["rf_calf_swelling"] = True
    _, asked = replay(person)
    text = "".join(line + "\n" for qid in asked for line in typed(qid, person.get(qid, UNKNOWN)))
    result = interview(runner, text, "--save", str(save))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Important: see a doctor today." in out
    assert "Do your legs feel weak?" in out
    assert "URGENT: see a doctor today" in out  # the report
    assert load(save).answers["rf_calf_swelling"] is True


def test_not_sure_red_flag_is_asked_again_in_plain_words(runner, tmp_path):
    save = tmp_path / "a.yaml"
    result = interview(runner, "not sure\nnot sure\nnot sure\nno\n", "--save", str(save))
    assert result.exit_code == 130
    out = result.output
    assert "Let me put that another way:" in out
    assert BY_ID["rf_sudden_onset"].plain in flat(out)
    assert BY_ID["rf_face_arm_speech"].plain in flat(out)
    answers = load(save).answers
    assert answers["rf_sudden_onset"] == UNKNOWN  # never escalates by itself
    assert answers["rf_face_arm_speech"] is False
    assert "STOP" not in out


def test_plain_rewording_then_yes_escalates(runner):
    result = interview(runner, "not sure\nyes\n")
    assert "STOP: this needs emergency help now." in result.output


# --- answers people give ----------------------------------------------------------

def test_why_explains_the_question(runner):
    result = interview(runner, "?\n" + NO_FLAGS[3:] + "no\nyes\nwhy\n")
    out = result.output
    assert f"Why I ask about {BY_ID['rf_sudden_onset'].label}:" in flat(out)
    assert "It is a warning sign" in out
    assert "rf_sudden_onset_rule" in out
    assert "Why I ask about burning feet:" in out or "Why I ask about tingling" in out or "Rules waiting" in out


def test_why_names_nutrients_and_rules(runner):
    # Red flags no, leg weakness no, numbness yes, then the why at the next question.
    text = NO_FLAGS + "no\nyes\n?\n"
    result = interview(runner, text)
    out = result.output
    assert "Why I ask about burning feet:" in out
    assert "It bears on: Vitamin B12, Thiamine (vitamin B1)." in out
    assert "b12_burning_feet" in out


def test_invalid_input_reasks_with_a_hint(runner):
    result = interview(runner, "yse\nmaybe not\n\nno\n")
    out = result.output
    assert "'yse' is not a yes/no answer. Did you mean 'yes'?" in out
    assert "Please answer: yes, no or not sure." in out
    assert "Traceback" not in out
    assert out.count("Question 1 ") == 1
    assert "Question 2 " in out


def test_back_undoes_the_last_answer(runner, tmp_path):
    save = tmp_path / "a.yaml"
    result = interview(runner, "no\nyes\n", "--save", str(save))  # an emergency by mistake?
    assert "STOP" in result.output  # no: an emergency stops at once, so check back earlier
    text = "no\nback\nnot sure\nnot sure\nback\nback\nno\n"
    result = interview(runner, text, "--save", str(save))
    out = result.output
    assert f"Undone: {BY_ID['rf_sudden_onset'].label} (was no)." in flat(out)
    assert "Nothing to undo yet." in out
    assert result.exit_code == 130
    answers = load(save).answers
    assert answers == {"rf_sudden_onset": False}


def test_back_during_the_plain_rewording(runner, tmp_path):
    save = tmp_path / "a.yaml"
    result = interview(runner, "no\nnot sure\nback\nyes\n", "--save", str(save))
    # back from the re-worded question 2 undoes question 1, which is asked again.
    assert f"Undone: {BY_ID['rf_sudden_onset'].label} (was no)." in flat(result.output)
    assert "STOP" in result.output
    assert load(save).answers == {"rf_sudden_onset": True}


def test_progress_is_shown(runner):
    result = interview(runner, "no\n")
    # at the start every question of the bank may still be asked
    assert f"Question 1 (at most {len(QUESTIONS) - 1} more)" in result.output
    assert f"Question 2 (at most {len(QUESTIONS) - 2} more)" in result.output


def test_quit_saves_and_exits_zero(runner, tmp_path):
    state = tmp_path / "state" / "screener"
    result = interview(runner, "no\nno\nquit\n")
    assert result.exit_code == 0
    (saved,) = state.iterdir()
    assert mode(saved) == 0o600
    assert f"Your answers are saved in {saved}" in result.output
    assert f"screener interview --resume {saved}" in result.output
    assert load(saved).answers == {"rf_sudden_onset": False, "rf_face_arm_speech": False}


def test_end_of_input_autosaves_and_exits_130(runner, tmp_path):
    state = tmp_path / "state" / "screener"
    result = interview(runner, "no\nnot sure\nnot sure\n")
    assert result.exit_code == 130
    (saved,) = state.iterdir()
    assert mode(saved) == 0o600
    assert mode(state) == 0o700
    assert "End of input: your answers so far are saved in" in result.output
    assert f"screener interview --resume {saved}" in result.output
    assert load(saved).answers == {"rf_sudden_onset": False, "rf_face_arm_speech": UNKNOWN}


def test_save_is_written_after_every_answer(runner, tmp_path):
    save = tmp_path / "answers.json"
    result = interview(runner, "no\nno\nno\n", "--save", str(save))
    assert result.exit_code == 130
    assert mode(save) == 0o600
    data = json.loads(save.read_text())
    assert data == {"answers": {"rf_sudden_onset": "no", "rf_face_arm_speech": "no", "rf_saddle_numbness": "no"}}
    assert not (tmp_path / "state").exists()  # --save given: no autosave elsewhere
    assert [p.name for p in tmp_path.iterdir()] == ["answers.json"]  # no temp files left


@pytest.mark.parametrize("name", ["answers.txt", "answers.toml", "answers"])
def test_save_needs_yaml_or_json(runner, tmp_path, name):
    result = interview(runner, "no\n", "--save", str(tmp_path / name))
    assert result.exit_code == 2
    assert ".yaml, .yml or .json" in result.stderr
    assert not (tmp_path / name).exists()


def test_save_to_a_missing_folder_is_a_usage_error(runner, tmp_path):
    result = interview(runner, "no\n", "--save", str(tmp_path / "nope" / "a.yaml"))
    assert result.exit_code == 2
    assert "cannot write --save" in result.stderr
    assert "Question 1" not in result.output


def test_resume_does_not_reask(runner, tmp_path):
    save = tmp_path / "a.yaml"
    interview(runner, "no\nnot sure\nnot sure\n", "--save", str(save))
    result = interview(runner, "no\n", "--resume", str(save))
    out = result.output
    assert "Resuming from" in out and "2 answers already given" in out
    assert BY_ID["rf_sudden_onset"].text not in flat(out)
    assert BY_ID["rf_face_arm_speech"].text not in flat(out)  # "not sure" is not asked again
    assert "Question 3 " in out
    assert result.exit_code == 130
    # Without --save, the resumed file keeps being updated.
    assert load(save).answers["rf_saddle_numbness"] is False


def test_resume_bad_file_is_a_usage_error(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("answers:\n  numbness: perhaps\n")
    result = interview(runner, "", "--resume", str(bad))
    assert result.exit_code == 2
    assert "numbness: perhaps" in result.stderr
    assert "Traceback" not in result.output
    result = interview(runner, "", "--resume", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2


def test_saved_file_is_a_fact_file(tmp_path):
    case = Case(answers={"numbness": True, "age": 40, "rf_injury": UNKNOWN, "supplements": ("iron",),
                         "diet": "vegan", "rf_sudden_onset": False}, region="uk")
    path = tmp_path / "a.yaml"
    path.write_text(dump_case(case, str(path)))
    text = path.read_text()
    assert "rf_sudden_onset: no\n" in text
    assert "numbness: yes\n" in text
    back = load(path)
    assert back.answers == case.answers and back.region == "uk"
    # Bank order, so the file reads like the interview.
    assert list(yaml.safe_load(text)["answers"]) == [q.id for q in QUESTIONS if q.id in case.answers]


# --- the report and after --------------------------------------------------------

def full_run_text(age="40"):
    """Red flags no, tingling only (in one leg, for months), everything else not sure."""
    from screener.relevance import replay

    person = {q.id: False for q in RED_FLAGS}
    person.update(leg_weakness=False, numbness=False, tingling=True, both_sides=False, duration="months",
                  age=int(age))
    _, asked = replay(person)
    return "".join(line + "\n" for qid in asked for line in typed(qid, person.get(qid, UNKNOWN)))


def test_full_interview_ends_with_the_run_report(runner, tmp_path):
    save = tmp_path / "me.yaml"
    result = interview(runner, full_run_text() + "how b12\nwhy-not iron\nhow vitamin q\nquit\n",
                       "--save", str(save), "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert "Question" not in result.stdout  # prompts on stderr with --format json
    assert "Question 1 " in result.stderr
    run = invoke(runner, ["run", str(save), "--format", "json"])
    assert run.exit_code == 0
    assert json.loads(run.stdout) == report
    assert report["urgency"] == "see_doctor"
    how = result.stderr.split("explain > how b12", 1)[1]
    assert "b12_numbness_tingling" in how.split("explain >")[0]
    why_not = result.stderr.split("explain > why-not iron", 1)[1]
    assert "iron_restless_legs" in why_not.split("explain >")[0]
    assert "'vitamin q' is not a nutrient I know" in flat(result.stderr)


@pytest.mark.parametrize("finish", ["no", "n", "No.", "q", "exit", "done", "", "nope", "quit"])
def test_explain_prompt_ends_on_no_or_an_empty_line(runner, finish):
    # after "finish", anything else would be read as a command: it must never be reached
    result = interview(runner, full_run_text() + "how b12\n" + finish + "\nhow b12\nwhy-not iron\n",
                       "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("explain > ") == 2
    assert "is not something I can explain" not in result.stderr
    assert "explain > why-not iron" not in result.stderr


def test_explain_prompt_ends_at_end_of_input(runner):
    result = interview(runner, full_run_text(), "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.count("explain > ") == 1


def test_explain_prompt_hints_for_anything_else(runner):
    result = interview(runner, full_run_text() + "tell me more\n\n", "--format", "json")
    assert result.exit_code == 0
    assert "is not something I can explain" in flat(result.stderr)
    assert "press Enter to finish" in flat(result.stderr)


def test_report_formats_and_output(runner, tmp_path):
    out = tmp_path / "report.md"
    result = interview(runner, full_run_text(), "--format", "markdown", "--output", str(out))
    assert result.exit_code == 0  # end of input after the report
    assert mode(out) == 0o600
    assert out.read_text().startswith("# ")
    assert f"Report written to {out}." in result.output
    text = interview(runner, full_run_text())
    assert text.exit_code == 0
    assert "SEE A DOCTOR" in text.output
    assert "Here is your report." in text.output
    assert "explain >" in text.output


def test_under_16_is_asked_and_reported(runner):
    result = interview(runner, full_run_text(age="14"))
    assert "under 16" in result.output


def test_unwritable_output_is_refused_before_questions(runner, tmp_path):
    result = interview(runner, "no\n", "--output", str(tmp_path / "missing" / "r.txt"))
    assert result.exit_code == 2
    assert "Question 1" not in result.output


def test_no_traceback_for_odd_input(runner):
    text = "\x00\n" + "é\n" + "yes no\n" + "1\n" + "no\n" * 13 + "?\n" * 3 + "back\n" * 20 + "quit\n"
    result = interview(runner, text)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_help_shows_the_commands(runner):
    result = invoke(runner, ["interview", "--help"])
    assert result.exit_code == 0
    for word in ("--save", "--resume", "--format", "--output", "--region"):
        assert word in result.output


# --- every example, replayed through the interview --------------------------------

def example_cases():
    cases = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix.lower() not in (".yaml", ".yml", ".json", ".toml", ".jsonl"):
            continue
        for case in iter_cases([str(path)]):
            if isinstance(case, Case):
                cases.append(pytest.param(path, case, id=case.source.replace(str(EXAMPLES) + os.sep, "")))
    return cases


def typed(qid: str, value) -> list[str]:
    """What a person would type for this answer (a red flag left unknown is
    answered 'not sure' twice: once more in plainer words)."""
    if value == UNKNOWN:
        return ["not sure", "not sure"] if BY_ID[qid].section == "red_flags" else ["not sure"]
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, tuple):
        return [", ".join(value) or "none"]
    return [str(value)]


def _emergency(answers) -> bool:
    from screener.engine import screen

    return any(f["urgency"] == "emergency" for f in screen(answers).red_flags)


QUESTION_COUNTS: dict[str, int] = {}


@pytest.mark.parametrize("path,case", example_cases())
def test_example_replayed_through_the_interview(runner, tmp_path, path, case):
    from screener.relevance import replay

    expected, asked = replay(case.answers, stop=_emergency)
    QUESTION_COUNTS[case.source] = len(asked)
    lines = [line for qid in asked for line in typed(qid, case.answers.get(qid, UNKNOWN))]
    save = tmp_path / "saved.yaml"
    args = ["--save", str(save), "--format", "json"]
    if case.region:
        args += ["--region", case.region]
    result = interview(runner, "\n".join(lines) + "\n", *args)
    assert result.exit_code == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)

    # The interview asked exactly the questions relevance chose, and saved them.
    saved = load(save)
    assert saved.answers == expected
    for qid in asked:
        assert BY_ID[qid].text in flat(result.stderr)
    for q in QUESTIONS:
        if q.id not in asked:
            assert q.text not in flat(result.stderr), q.id

    # Its report is the one `run` gives for the saved answers...
    run = invoke(runner, ["run", str(save), "--format", "json"])
    assert run.exit_code == 0
    assert json.loads(run.stdout) == report

    # ...and agrees with `run` on the full example: the skipped questions did not matter.
    full = invoke(runner, ["run", "-", "--format", "json", "--input-format", "json"],
                  input=json.dumps(case.to_data()))
    assert full.exit_code == 0, full.output
    full_report = json.loads(full.stdout)
    assert report["urgency"] == full_report["urgency"]
    top = [(s["nutrient"], s["level"]) for s in report["suggestions"][:1]]
    assert top == [(s["nutrient"], s["level"]) for s in full_report["suggestions"][:1]]
    if report["urgency"] != "emergency":
        def key(r):
            return [(s["nutrient"], s["confidence"], s["level"]) for s in r["suggestions"]]

        assert key(report) == key(full_report)
        assert [f["id"] for f in report["red_flags"]] == [f["id"] for f in full_report["red_flags"]]
        assert report["advice"] == full_report["advice"]
    else:
        assert report["suggestions"] == []
        assert "STOP: this needs emergency help now." in result.stderr


def test_question_counts_over_the_examples():
    """Median and maximum number of questions asked, against the bank size."""
    from screener.relevance import replay

    counts = []
    for param in example_cases():
        _, case = param.values
        counts.append(len(replay(case.answers, stop=_emergency)[1]))
    assert counts
    assert max(counts) <= len(QUESTIONS)
    assert statistics.median(counts) < len(QUESTIONS)
    print(f"questions asked over {len(counts)} examples: median {statistics.median(counts)}, "
          f"max {max(counts)}, min {min(counts)}, bank {len(QUESTIONS)}")


def test_examples_folder_has_cases():
    assert example_cases(), "no examples found"
    assert read_text  # the replay reads examples the same way `run` does
