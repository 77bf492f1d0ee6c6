"""``screener interview`` through CliRunner: every flow, and every example replayed."""

from __future__ import annotations

import json
import os
import stat
import statistics
from pathlib import Path

import pytest
import yaml

from screener import flow
from screener.facts import UNKNOWN
from screener.facts import Case
from screener.facts import iter_cases
from screener.interview import AnswerError
from screener.interview import Command
from screener.interview import dump_case
from screener.interview import parse_answer
from screener.questions import BY_ID
from screener.questions import NUTRIENT_NAMES
from screener.questions import QUESTIONS
from screener.questions import RED_FLAGS
from screener.questions import SYMPTOMS
from screener.questions import YESNO
from screener.report import report_for

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def flat(text: str) -> str:
    """Output with its line wrapping undone (questions are wrapped to the terminal)."""
    return " ".join(text.split())


@pytest.fixture
def interview(invoke):
    """``interview(text, *args)``: ``screener interview ARGS`` with TEXT typed in."""
    def interview(text, *args, **kw):
        return invoke(["interview", *args], input=text, **kw)
    return interview


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
    ("Weeks", "weeks"), ("MONTHS", "months"), ("mon", "months"), ("d", "days"), ("not sure", UNKNOWN),
    ("3 days", "days"), ("2 weeks", "weeks"), ("a couple of months", "weeks"), ("six months", "months"),
    ("a few days", "days"), ("2 years", "months"), ("ages", "months"), ("1 days", "days"), ("dunno", UNKNOWN),
    ("min", "minutes"), ("comes and goes in minutes", "minutes"),
])
def test_parse_duration_in_words(text, value):
    assert parse_answer("duration", text) == value


@pytest.mark.parametrize("text", ["3", "1", "2", "three"])
def test_bare_number_for_a_duration_is_asked_back(text):
    from screener.vocabulary import AskBack

    back = parse_answer("duration", text)
    assert isinstance(back, AskBack)
    assert back.question.endswith("days, weeks or months?")
    assert parse_answer("duration", back.prefix + "years") == "months"
    assert parse_answer("duration", back.prefix + "weeks") == "weeks"
    assert parse_answer("duration", back.prefix + "days") == "days"
    from screener.interview import prompt_suffix

    assert prompt_suffix(BY_ID["duration"]) == "[minutes, days, weeks, months, not sure]"  # no numbers


def test_duration_prefix_m_is_ambiguous():
    with pytest.raises(AnswerError, match="could be minutes or months"):
        parse_answer("duration", "m")


@pytest.mark.parametrize("qid,text,value", [
    ("diet", "veggie", "vegetarian"), ("diet", "plant-based", "vegan"), ("diet", "I'm vegan", "vegan"),
    ("diet", "fish but no meat", "pescatarian"), ("diet", "everything", "omnivore"), ("diet", "4 vegan", "vegan"),
    ("alcohol", "a glass of wine at weekends", "moderate"), ("alcohol", "never", "none"),
    ("alcohol", "4 pints a day", "heavy"), ("alcohol", "1 none", "none"), ("alcohol", "none", "none"),
    ("sun_exposure", "hardly ever", "rarely"), ("sun_exposure", "every day", "daily"),
    ("sex", "2 male", "male"), ("sex", "2", "male"), ("numbness", "I don't know", UNKNOWN),
    ("numbness", "dunno", UNKNOWN), ("numbness", "yes, a little", True),
])
def test_lay_answers_are_understood(qid, text, value):
    assert parse_answer(qid, text) == value


@pytest.mark.parametrize("text", ["a bit", "sometimes", "kind of", "sort of", "a little"])
def test_in_between_answers_are_asked_again_as_yes_or_no(text):
    from screener.vocabulary import AskBack

    back = parse_answer("numbness", text)
    assert isinstance(back, AskBack) and "yes or no" in back.question


@pytest.mark.parametrize("qid,text", [("alcohol", "2"), ("sun_exposure", "1")])
def test_quantities_are_never_numbered_menus(qid, text):
    with pytest.raises(AnswerError, match="in words"):
        parse_answer(qid, text)


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


# --- warning signs: grouped screens ----------------------------------------------------

SCREEN_A = [i for i in flow.emergency_groups()[0][1]]
SCREEN_B = [i for i in flow.emergency_groups()[1][1]]
EMERGENCY_IDS = [q.id for q in RED_FLAGS if q.urgency == "emergency"]


def lines_for(person: dict) -> str:
    """What a person with these answers types, start to finish (flow.replay)."""
    return "".join(line + "\n" for line in flow.replay(person).lines)


def test_screens_cover_every_emergency_sign():
    assert sorted(SCREEN_A + SCREEN_B) == sorted(EMERGENCY_IDS)


def test_emergency_red_flag_stops_at_once(interview):
    result = interview("yes\n1\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert flow.SCREEN_QUESTION in out
    assert "Which of them?" in out
    assert "STOP: this needs emergency help now." in out
    assert "999" in out and "911" in out and "112" in out
    assert "Question 2" not in out
    assert "EMERGENCY" in out
    for name in NUTRIENT_NAMES.values():
        assert name not in out
    assert "explain >" not in out  # no nutrient talk afterwards
    assert "Traceback" not in out


def test_a_screen_shows_each_sign_in_words_and_saves_each_answer(interview, tmp_path):
    save = tmp_path / "a.yaml"
    result = interview("no\n", "--save", str(save))
    assert result.exit_code == 130
    for qid in SCREEN_A:
        assert BY_ID[qid].label in result.output
    assert load(save).answers == dict.fromkeys(SCREEN_A, False)


@pytest.mark.parametrize("typed", ["2", "face drooping", "yes\n2", "yes\nface"])
def test_a_screen_takes_numbers_or_words(interview, tmp_path, typed):
    save = tmp_path / "a.yaml"
    result = interview(typed + "\n", "--save", str(save))
    assert "STOP: this needs emergency help now." in result.output
    answers = load(save).answers
    assert answers["rf_face_arm_speech"] is True
    assert all(answers[q] is False for q in SCREEN_A if q != "rf_face_arm_speech")


def test_yes_then_none_at_a_screen_asks_again(interview, tmp_path):
    save = tmp_path / "a.yaml"
    result = interview("yes\nnone\nno\n", "--save", str(save))
    assert "You said yes but picked none of them" in flat(result.output)
    assert load(save).answers == dict.fromkeys(SCREEN_A, False)


def test_emergency_uses_the_region(interview):
    result = interview("yes\n1\n", "--region", "us")
    assert "Call 911 now" in result.output
    assert "999" not in result.output


def test_emergency_combination_stops(interview):
    # leg weakness in the checklist, then a fall in the screen that goes with it: an emergency.
    urgent = flow.urgent_to_ask({"leg_weakness": True})
    assert "rf_injury" in urgent
    text = f"no\nno\nleg weakness\nyes\n{urgent.index('rf_injury') + 1}\n" + "no\n" * 40
    result = interview(text)
    assert result.exit_code == 0
    out = result.output
    assert "STOP: this needs emergency help now." in out
    assert "spinal injury" in flat(out)
    assert "How old are you" not in out


def test_urgent_signs_are_asked_when_they_bear_on_a_symptom():
    assert "rf_foot_wound" in flow.urgent_to_ask({"numbness": True})
    assert "rf_calf_swelling" in flow.urgent_to_ask({"muscle_cramps": True})
    assert "rf_fever_back_pain" in flow.urgent_to_ask({"back_pain": True})
    assert "rf_foot_wound" not in flow.urgent_to_ask({"muscle_cramps": True})
    assert flow.urgent_to_ask({"numbness": False}) == []


def test_urgent_flag_is_shown_and_the_interview_goes_on(interview, tmp_path):
    save = tmp_path / "a.yaml"
    person = {q.id: False for q in RED_FLAGS}
    person.update(rf_calf_swelling=True, muscle_cramps=True, duration="days", age=50)
    result = interview(lines_for(person), "--save", str(save))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Important: see a doctor today." in out
    assert "How old are you" in out  # it goes on
    assert "URGENT: see a doctor today" in out  # the report
    assert load(save).answers["rf_calf_swelling"] is True


def test_not_sure_at_a_screen_asks_each_sign_in_plain_words(interview, tmp_path):
    save = tmp_path / "a.yaml"
    result = interview("not sure\nnot sure\nnot sure\nno\n", "--save", str(save))
    assert result.exit_code == 130
    out = result.output
    assert "Let me ask about each one on its own." in out
    assert "Let me put that another way:" in out
    assert BY_ID["rf_sudden_onset"].plain in flat(out)
    answers = load(save).answers
    assert answers["rf_sudden_onset"] == UNKNOWN  # never escalates by itself
    assert answers["rf_face_arm_speech"] is False
    assert "STOP" not in out


def test_plain_rewording_then_yes_escalates(interview):
    result = interview("not sure\nnot sure\nyes\n")
    assert "STOP: this needs emergency help now." in result.output


# --- the symptom checklist -------------------------------------------------------------

@pytest.mark.parametrize("typed", ["2, 3, 7", "numbness, tingling, cramps", "2 3 7", "numb and pins and needles, 7"])
def test_symptom_checklist_in_one_go(interview, tmp_path, typed):
    save = tmp_path / "a.yaml"
    result = interview(f"no\nno\n{typed}\n", "--save", str(save))
    assert flow.CHECKLIST_QUESTION in result.output
    answers = load(save).answers
    assert {s for s in SYMPTOMS if answers.get(s) is True} == {"numbness", "tingling", "muscle_cramps"}
    assert all(answers[s] is False for s in SYMPTOMS if s not in ("numbness", "tingling", "muscle_cramps"))


def test_checklist_none_and_bad_items(interview, tmp_path):
    save = tmp_path / "a.yaml"
    result = interview("no\nno\nnumbnes, headache\n99\nnone\n", "--save", str(save))
    out = flat(result.output)
    assert "'headache' is not on the list" in out or "'numbnes" in out
    assert "There is no number 99 here" in out
    answers = load(save).answers
    assert all(answers[s] is False for s in SYMPTOMS)


def test_no_symptoms_is_a_short_interview(interview, tmp_path):
    save = tmp_path / "a.yaml"
    result = interview("no\nno\nnone\n40\n", "--save", str(save), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "Question 5" not in result.stderr
    assert json.loads(result.stdout)["urgency"] == "self_care"


# --- answers people give ----------------------------------------------------------------

def _to_duration(interview, tmp_path, extra: str):
    """Numb feet, then whatever is typed at the questions that follow."""
    save = tmp_path / "a.yaml"
    person = {q.id: False for q in RED_FLAGS}
    person.update(numbness=True)
    steps = flow.replay(person).steps
    head = []
    for step, typed in steps:
        if step.kind == "question":
            break
        head += typed
    return save, interview("".join(line + "\n" for line in head) + extra, "--save", str(save))


def test_a_bare_number_for_how_long_is_asked_back(interview, tmp_path):
    person = {q.id: False for q in RED_FLAGS}
    person.update(muscle_cramps=True, age=50)  # cramps alone: how long decides whether to see a doctor
    typed = []
    for step, lines in flow.replay(person).steps:
        if step.kind == "question" and step.qid == "duration":
            typed += ["3", "days"]
            break
        typed += lines
    else:
        raise AssertionError("duration was not asked")
    save = tmp_path / "a.yaml"
    result = interview("".join(t + "\n" for t in typed), "--save", str(save))
    assert "3 days, weeks or months?" in result.output
    assert load(save).answers["duration"] == "days"


def test_in_between_answer_is_asked_again(interview, tmp_path):
    """'kind of' at the first yes/no question after the symptoms is asked again, and the 'yes' that
    follows is saved (the order of the questions is the interview's own: replayed, not assumed)."""
    person = {q.id: False for q in RED_FLAGS}
    person.update(numbness=True, age=44, duration="weeks")
    typed, target = [], None
    for step, lines in flow.replay(person).steps:
        if (step.kind == "question" and step.qid not in RED_FLAGS_IDS and step.qid not in SYMPTOMS
                and BY_ID[step.qid].kind == YESNO):
            target = step.qid
            break
        typed += lines
    assert target is not None, "no yes/no question was asked after the symptoms"
    save = tmp_path / "a.yaml"
    result = interview("".join(t + "\n" for t in typed) + "kind of\nyes\n", "--save", str(save))
    out = flat(result.output)
    assert "'kind of': please answer yes or no" in out
    assert load(save).answers[target] is True


RED_FLAGS_IDS = [q.id for q in RED_FLAGS]


def test_why_says_in_one_plain_sentence_why_it_matters(interview):
    result = interview("?\nno\nno\nnumbness\nno\n44\n?\n")
    out = flat(result.output)
    assert "These are warning signs that need emergency help: everyone is asked about them." in out
    assert "It decides" in out or "It could change" in out
    assert "_rule" not in out and "b12_" not in out  # no rule ids without --trace


def test_why_with_trace_names_the_rules(interview):
    result = interview("no\nno\nnumbness\nno\n44\n?\n", "--trace")
    assert "Rules behind this question:" in result.output


def test_invalid_input_reasks_with_a_hint(interview):
    result = interview("yse\n\nno\n")
    out = flat(result.output)
    assert "Did you mean 'yes'?" in out
    assert "Traceback" not in out
    assert out.count("Question 1 ") == 1  # flat: one line apart
    assert "Question 2" in out


def test_back_undoes_the_last_answer(interview, tmp_path):
    save = tmp_path / "a.yaml"
    result = interview("no\nback\nback\nno\nno\n", "--save", str(save))
    out = result.output
    assert f"Undone: {BY_ID['rf_sudden_onset'].label} (was no)" in flat(out)
    assert "Nothing to undo yet." in out
    assert result.exit_code == 130
    assert load(save).answers == dict.fromkeys(SCREEN_A + SCREEN_B, False)


def test_back_from_the_checklist_undoes_a_screen(interview, tmp_path):
    save = tmp_path / "a.yaml"
    result = interview("no\nno\nback\n3\n", "--save", str(save))
    assert "STOP" in result.output
    answers = load(save).answers
    assert answers[SCREEN_B[2]] is True


def test_progress_is_shown(interview):
    result = interview("no\n")
    assert "Question 1" in result.output
    assert "Question 2" in result.output


def test_quit_saves_and_exits_zero(interview, tmp_path):
    state = tmp_path / "state" / "screener"
    result = interview("no\nno\nquit\n")
    assert result.exit_code == 0
    (saved,) = state.iterdir()
    assert mode(saved) == 0o600
    assert f"Your answers are saved in {saved}" in result.output
    assert f"screener interview --resume {saved}" in result.output
    assert load(saved).answers == dict.fromkeys(SCREEN_A + SCREEN_B, False)


def test_end_of_input_autosaves_and_exits_130(interview, tmp_path):
    state = tmp_path / "state" / "screener"
    result = interview("no\nnot sure\nnot sure\nnot sure\n")
    assert result.exit_code == 130
    (saved,) = state.iterdir()
    assert mode(saved) == 0o600
    assert mode(state) == 0o700
    assert "End of input: your answers so far are saved in" in result.output
    assert f"screener interview --resume {saved}" in result.output
    assert load(saved).answers == {**dict.fromkeys(SCREEN_A, False), SCREEN_B[0]: UNKNOWN}


def test_save_is_written_after_every_answer(interview, tmp_path):
    save = tmp_path / "answers.json"
    result = interview("no\nno\n", "--save", str(save))
    assert result.exit_code == 130
    assert mode(save) == 0o600
    data = json.loads(save.read_text())
    assert data == {"answers": {q: "no" for q in EMERGENCY_IDS if q in SCREEN_A + SCREEN_B}}
    assert not (tmp_path / "state").exists()  # --save given: no autosave elsewhere
    assert [p.name for p in tmp_path.iterdir()] == ["answers.json"]  # no temp files left


@pytest.mark.parametrize("name", ["answers.txt", "answers.toml", "answers"])
def test_save_needs_yaml_or_json(interview, tmp_path, name):
    result = interview("no\n", "--save", str(tmp_path / name))
    assert result.exit_code == 2
    assert ".yaml, .yml or .json" in result.stderr
    assert not (tmp_path / name).exists()


def test_save_to_a_missing_folder_is_a_usage_error(interview, tmp_path):
    result = interview("no\n", "--save", str(tmp_path / "nope" / "a.yaml"))
    assert result.exit_code == 2
    assert "cannot write --save" in result.stderr
    assert "Question 1" not in result.output


def test_resume_does_not_reask(interview, tmp_path):
    save = tmp_path / "a.yaml"
    interview("no\nnot sure\nnot sure\nnot sure\n", "--save", str(save))
    result = interview("no\n", "--resume", str(save))
    out = result.output
    assert f"{len(SCREEN_A) + 1} answers already given" in out
    assert BY_ID[SCREEN_A[0]].label not in out
    assert BY_ID[SCREEN_B[0]].label not in out  # "not sure" is not asked again
    assert BY_ID[SCREEN_B[1]].label in out
    assert result.exit_code == 130
    # Without --save, the resumed file keeps being updated.
    assert load(save).answers[SCREEN_B[1]] is False


def test_resume_bad_file_is_a_usage_error(interview, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("answers:\n  numbness: perhaps\n")
    result = interview("", "--resume", str(bad))
    assert result.exit_code == 2
    assert "numbness: perhaps" in result.stderr
    assert "Traceback" not in result.output
    result = interview("", "--resume", str(tmp_path / "missing.yaml"))
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

def full_run_person(age=40) -> dict:
    """Red flags no, tingling only (in one leg, for months), everything else not sure."""
    person = {q.id: False for q in RED_FLAGS}
    person.update(leg_weakness=False, numbness=False, tingling=True, both_sides=False, duration="months",
                  age=age)
    return person


def full_run_text(age="40"):
    """What full_run_person types, start to finish."""
    return lines_for(full_run_person(int(age)))


@pytest.fixture(scope="module")
def finished_answers() -> str:
    """The file the full interview of full_run_person saves (flow.replay's answers, which the
    replay test below shows are what the interview saves), built once per module."""
    return dump_case(Case(answers=flow.replay(full_run_person()).answers), "finished.yaml")


@pytest.fixture
def finished(tmp_path, finished_answers) -> str:
    """A finished interview to --resume: no question left, so it goes straight to the
    report and the explain prompt (the questions themselves are tested above)."""
    path = tmp_path / "finished.yaml"
    path.write_text(finished_answers, encoding="utf-8")
    return str(path)


def test_full_interview_ends_with_the_run_report(invoke, interview, tmp_path):
    save = tmp_path / "me.yaml"
    result = interview(full_run_text() + "how b12\nwhy-not iron\nhow vitamin q\nquit\n",
                       "--save", str(save), "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert "Question" not in result.stdout  # prompts on stderr with --format json
    assert "Question 1\n" in result.stderr
    run = invoke(["run", str(save), "--format", "json"])
    assert run.exit_code == 0
    assert json.loads(run.stdout) == report
    assert report["urgency"] == "see_doctor"
    how = result.stderr.split("explain > how b12", 1)[1]
    assert "b12_numbness_tingling" in how.split("explain >")[0]
    why_not = result.stderr.split("explain > why-not iron", 1)[1]
    assert "iron_restless_legs" in why_not.split("explain >")[0]
    assert "'vitamin q' is not a nutrient I know" in flat(result.stderr)


@pytest.mark.parametrize("finish", ["no", "n", "No.", "q", "exit", "done", "", "nope", "quit"])
def test_explain_prompt_ends_on_no_or_an_empty_line(interview, finished, finish):
    # after "finish", anything else would be read as a command: it must never be reached
    result = interview("how b12\n" + finish + "\nhow b12\nwhy-not iron\n", "--resume", finished,
                       "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("explain > ") == 2
    assert "is not something I can explain" not in result.stderr
    assert "explain > why-not iron" not in result.stderr


def test_explain_prompt_ends_at_end_of_input(interview, finished):
    result = interview("", "--resume", finished, "--format", "json")
    assert result.exit_code == 0
    assert "Question" not in result.stderr  # nothing left to ask: straight to the report
    assert json.loads(result.stdout)["urgency"] == "see_doctor"
    assert result.stderr.count("explain > ") == 1


def test_explain_prompt_hints_for_anything_else(interview, finished):
    result = interview("tell me more\n\n", "--resume", finished, "--format", "json")
    assert result.exit_code == 0
    assert "is not something I can explain" in flat(result.stderr)
    assert "press Enter to finish" in flat(result.stderr)


def test_report_formats_and_output(interview, tmp_path):
    out = tmp_path / "report.md"
    result = interview(full_run_text(), "--format", "markdown", "--output", str(out))
    assert result.exit_code == 0  # end of input after the report
    assert mode(out) == 0o600
    assert out.read_text().startswith("# ")
    assert f"Report written to {out}." in result.output
    text = interview(full_run_text())
    assert text.exit_code == 0
    assert "SEE A DOCTOR" in text.output
    assert "Here is your report." in text.output
    assert "explain >" in text.output


def test_under_16_is_asked_and_reported(interview):
    result = interview(full_run_text(age="14"))
    assert "under 16" in result.output


def test_unwritable_output_is_refused_before_questions(interview, tmp_path):
    result = interview("no\n", "--output", str(tmp_path / "missing" / "r.txt"))
    assert result.exit_code == 2
    assert "Question 1" not in result.output


def test_no_traceback_for_odd_input(interview):
    text = "\x00\n" + "é\n" + "yes no\n" + "1\n" + "no\n" * 13 + "?\n" * 3 + "back\n" * 20 + "quit\n"
    result = interview(text)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_help_shows_the_commands(invoke):
    result = invoke(["interview", "--help"])
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


@pytest.mark.slow  # every example through the interview, end to end: the long sweep
@pytest.mark.parametrize("path,case", example_cases())
def test_example_replayed_through_the_interview(invoke, interview, tmp_path, path, case):
    played = flow.replay(case.answers)
    save = tmp_path / "saved.yaml"
    args = ["--save", str(save), "--format", "json"]
    if case.region:
        args += ["--region", case.region]
    result = interview("".join(line + "\n" for line in played.lines), *args)
    assert result.exit_code == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)

    # The interview asked what the flow chose (and nothing else), and saved it.
    saved = load(save)
    assert saved.answers == played.answers
    asked = [step.qid for step, _ in played.steps if step.kind == "question"]
    for qid in asked:
        assert BY_ID[qid].text in flat(result.stderr)
    for q in QUESTIONS:
        if q.id not in saved.answers:
            assert q.text not in flat(result.stderr), q.id
    assert "Thank you" in result.stderr or played.emergency
    # Every emergency warning sign is covered, whatever else was asked.
    if not played.emergency:
        assert all(q in saved.answers for q in flow.emergency_flags())

    # Its report is the one `run` gives for the saved answers...
    run = invoke(["run", str(save), "--format", "json"])
    assert run.exit_code == 0
    assert json.loads(run.stdout) == report

    # ...and the questions it skipped could not change the outcome: the report on the
    # example's own answers for them (the interview's where it asked) says the same.
    full = report_for(Case(answers={**case.answers, **saved.answers}, region=case.region))
    assert report["urgency"] == full["urgency"]

    def shown(r):
        return [(s["nutrient"], s["level"]) for s in r["suggestions"] if s["level"] != "low"][:3]

    assert shown(report) == shown(full)
    assert {s["nutrient"]: s["level"] for s in report["suggestions"]} == \
        {s["nutrient"]: s["level"] for s in full["suggestions"]}
    if report["urgency"] == "emergency":
        assert report["suggestions"] == []
        assert "STOP: this needs emergency help now." in result.stderr


@pytest.mark.slow  # a long generated-case sweep: `pytest -m 'not slow'` skips it
def test_question_counts_over_the_examples():
    """The floors of issue 10: median at most 20, maximum at most 30, no symptoms at most 10."""
    counts = []
    for param in example_cases():
        _, case = param.values
        counts.append(flow.replay(case.answers).prompts)
    assert counts
    assert statistics.median(counts) <= 20, counts
    assert max(counts) <= 30, counts
    nothing = {q: False for q in SYMPTOMS}
    nothing.update({q.id: False for q in RED_FLAGS}, age=40, sex="female")
    assert flow.replay(nothing).prompts <= 10
    print(f"questions asked over {len(counts)} examples: median {statistics.median(counts)}, "
          f"max {max(counts)}, min {min(counts)}, no symptoms {flow.replay(nothing).prompts}")


def test_examples_folder_has_cases():
    assert example_cases(), "no examples found"  # an empty parametrize would pass silently
