"""The one answer model: question kinds (convert / describe / to_words), the
interview's command words, and what a rule concludes (one table, two styles)."""

from __future__ import annotations

import pytest

from screener import kb
from screener import vocabulary

# --- the interview's commands: one table ------------------------------------------

@pytest.mark.parametrize("text,name", [("?", "why"), (" Why? ", "why"), ("w", "why"), ("BACK", "back"),
                                       ("undo", "back"), ("<", "back"), ("quit.", "quit"), (":q", "quit"),
                                       ("exit", "quit"), ("help", "help"), ("commands", "help")])
def test_command_words(text, name):
    assert vocabulary.command(text) == name


@pytest.mark.parametrize("text", ["yes", "no", "not sure", "", "backwards", "why not"])
def test_not_a_command(text):
    assert vocabulary.command(text) is None


def test_every_prompt_reads_commands_and_not_sure_the_same_way():
    from screener.interview import Command
    from screener.interview import parse_answer
    from screener.interview import parse_selection

    for text, name in [("?", "why"), ("back", "back"), ("quit", "quit"), ("help", "help")]:
        assert parse_answer("numbness", text) == Command(name)
        assert parse_answer("supplements", text) == Command(name)
        assert parse_selection(("numbness", "tingling"), text) == Command(name)
    for text in ("not sure", "dunno", "I don\u2019t know"):
        assert parse_answer("age", text) == "unknown"
        assert parse_selection(("numbness", "tingling"), text) == "unknown"


# --- what a rule concludes: one table ------------------------------------------------

def _info(effect, **kw):
    kw.setdefault("concern", "iron")
    return kb.RuleInfo(effect, reason="r", source="s", id="a_rule", **kw)


@pytest.mark.parametrize("info,summary,step,code", [
    (_info("evidence", cf=0.3, kind="risk"), "evidence for iron, certainty factor +0.30 (risk)",
     "evidence for iron (+0.30, risk)", "Evidence(nutrient='iron', rule='a_rule', cf=0.3, kind='risk')"),
    (_info("evidence", concern="*", cf=-0.1, kind="protective"),
     "evidence against the matched nutrient, certainty factor -0.10 (protective)",
     "evidence against ?nutrient (-0.10, protective)",
     "Evidence(nutrient=?nutrient, rule='a_rule', cf=-0.1, kind='protective')"),
    (_info("suspect", concern="*"), "suspect the matched nutrient (opens the gate for its risk factors)",
     "Suspect(nutrient='?nutrient') (the gate)", "Suspect(nutrient=?nutrient)"),
    (_info("sign", concern="neuro_symptom"), "sign neuro_symptom (an intermediate conclusion other rules match on)",
     "Sign(name='neuro_symptom')", "Sign(name='neuro_symptom')"),
    (_info("cap", limit=0.3), "cap iron at 0.30", "a cap on iron at 0.30",
     "Cap(nutrient='iron', limit=0.3, rule='a_rule')"),
    (_info("caution", withhold_foods=True), "caution for iron (no food suggestions)", "a caution for iron",
     "Caution(nutrient='iron', rule='a_rule')"),
    (_info("red_flag", concern="rf_injury", urgency="urgent", kind="question"),
     "red flag rf_injury: urgent (question)", "red flag rf_injury (urgent)",
     "RedFlag(id='rf_injury', kind='question', urgency='urgent', rule='a_rule')"),
    (_info("concern", concern="see_doctor"), "urgency at least see_doctor", "urgency at least see_doctor",
     "Concern(level='see_doctor', rule='a_rule')"),
    (_info("advice", concern="general"), "general advice", "general advice", "Advice(rule='a_rule')"),
])
def test_conclusion_text_styles(info, summary, step, code):
    assert kb.conclusion_text(info) == summary
    assert kb.conclusion_text(info, "step") == step
    assert kb.conclusion_text(info, "code") == code


def test_step_style_fills_in_the_matched_nutrient():
    info = _info("evidence", concern="*", cf=0.15, kind="weak")
    assert kb.conclusion_text(info, "step", "vitamin_d") == "evidence for vitamin_d (+0.15, weak)"


def test_scoring_cap_is_not_a_fact():
    info = _info("cap", concern="*", limit=0.29)
    info.module = "scoring"
    assert kb.conclusion_text(info) == "cap any nutrient at 0.29, applied by scoring after its evidence is combined"
    assert kb.conclusion_text(info, "code") == ("confidence <= 0.29 (scoring.assess, not a fact: applied after "
                                                "the engine)")


def test_every_rule_of_the_knowledge_base_has_words_for_its_conclusion():
    from screener import teach

    for info in teach._all_rules().values():
        for style in ("summary", "code"):
            assert kb.conclusion_text(info, style)


# --- question kinds: convert / describe / to_words ----------------------------------------

from screener.kinds import Age  # noqa: E402
from screener.kinds import Choice  # noqa: E402
from screener.kinds import ConversionError  # noqa: E402
from screener.kinds import NutrientList  # noqa: E402
from screener.kinds import YesNo  # noqa: E402
from screener.kinds import to_words  # noqa: E402
from screener.questions import BY_ID  # noqa: E402
from screener.questions import NUTRIENT_NAMES  # noqa: E402
from screener.questions import NUTRIENTS  # noqa: E402

YES_NO = YesNo()
DIET = Choice("diet", ("omnivore", "pescatarian", "vegetarian", "vegan"))
DURATION = Choice("duration", ("minutes", "days", "weeks", "months"), menu=False)
AGE = Age()
SUPPLEMENTS = NutrientList(NUTRIENTS, NUTRIENT_NAMES)


@pytest.mark.parametrize("value,expected", [
    (True, True), (False, False), ("yes", True), ("YEP", True), (" nope. ", False), ("yes, a little", True),
    ("no never", False), ("dunno", "unknown"), ("Not sure", "unknown"), ("?!", "unknown"), (None, "unknown"),
])
def test_yes_no_converts(value, expected):
    assert YES_NO.convert(value) is expected if isinstance(expected, bool) else YES_NO.convert(value) == expected


@pytest.mark.parametrize("value", ["yse", "", "42", 1, 0.5, ["yes"], "maybe"])
def test_yes_no_refuses(value):
    with pytest.raises(ConversionError, match="not a yes/no answer"):
        YES_NO.convert(value)


def test_yes_no_refusals_say_what_would_do():
    with pytest.raises(ConversionError) as info:
        YES_NO.convert("yse")
    assert info.value.suggestion == "yes"
    with pytest.raises(ConversionError) as info:
        YES_NO.convert("a bit")  # between yes and no: the interview asks back
    assert "yes or no" in info.value.ask_back.question


@pytest.mark.parametrize("value,expected", [
    ("vegan", "vegan"), (" VEGAN ", "vegan"), ("veggie", "vegetarian"), ("Plant-based", "vegan"),
    ("pescetarian", "pescatarian"), ("unknown", "unknown"),
])
def test_choice_converts_choices_and_their_words(value, expected):
    assert DIET.convert(value) == expected


@pytest.mark.parametrize("value,suggestion", [("vegn", "vegan"), ("carnivore", "omnivore"), ("I'm vegan", "vegan"),
                                              (True, None), (4, None), ("4", None)])
def test_choice_refuses(value, suggestion):
    # a phrase inside a sentence ("I'm vegan") and a menu number are the interview's, not a word's
    with pytest.raises(ConversionError, match="not one of the choices") as info:
        DIET.convert(value)
    assert info.value.suggestion == suggestion


def test_choice_words_come_from_the_vocabulary_tables():
    alcohol = BY_ID["alcohol"].type
    assert alcohol.convert("teetotal") == "none" and alcohol.convert("binge drinking") == "heavy"
    assert BY_ID["sex"].type.convert("prefer not to say") == "unknown"
    with pytest.raises(ConversionError):
        DURATION.convert("3 days")  # relative to a conversation: the interview reads it


@pytest.mark.parametrize("value,expected", [(42, 42), (42.0, 42), ("42", 42), (" 042 ", 42), ("34 years", 34),
                                            ("7 years old", 7), ("1", 1), (120, 120), ("not sure", "unknown")])
def test_age_converts(value, expected):
    assert AGE.convert(value) == expected


@pytest.mark.parametrize("value,problem", [
    (0, "age out of range"), ("121", "age out of range"), (34.5, "whole number of years"),
    ("thirty", "whole number of years"), ("-3", "whole number of years"), (True, "not yes/no"),
    ("\uff14\uff12", "whole number of years"), ([42], "whole number (got list)"),
])
def test_age_refuses(value, problem):
    with pytest.raises(ConversionError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        AGE.convert(value)


@pytest.mark.parametrize("value,expected", [
    (["vitamin_d"], ("vitamin_d",)), (["Iron", "iron", "b12"], ("iron", "vitamin_b12")), ([], ()),
    ("none", ()), ("[]", ()), ("", ()), ("folic acid, Vitamin D and mg", ("folate", "vitamin_d", "magnesium")),
    ("Thiamine (vitamin B1)", ("thiamine",)), ("unknown", "unknown"),
])
def test_nutrient_list_converts(value, expected):
    assert SUPPLEMENTS.convert(value) == expected


@pytest.mark.parametrize("value,item,suggestion", [(["vitamin_c"], "vitamin_c", "vitamin_e"),
                                                   ("magnesum", "magnesum", "magnesium"), ([3], 3, None)])
def test_nutrient_list_refuses_and_names_the_bad_item(value, item, suggestion):
    with pytest.raises(ConversionError, match="not a nutrient id") as info:
        SUPPLEMENTS.convert(value)
    assert info.value.item == item and info.value.suggestion == suggestion


@pytest.mark.parametrize("value", [True, 3, {"iron": 1}])
def test_nutrient_list_must_be_a_list(value):
    with pytest.raises(ConversionError, match="must be a list of nutrient ids"):
        SUPPLEMENTS.convert(value)


def test_describe_for_errors_data_prompts_and_schema():
    assert YES_NO.describe() == "yes, no or unknown" and YES_NO.describe("values") == ["yes", "no", "unknown"]
    assert YES_NO.describe("prompt") == "[yes/no/not sure]" and YES_NO.describe("hint") == "yes, no or not sure"
    assert DIET.describe() == "omnivore, pescatarian, vegetarian, vegan or unknown"
    assert DIET.describe("prompt") == "[1 omnivore, 2 pescatarian, 3 vegetarian, 4 vegan, not sure]"
    assert DURATION.describe("prompt") == "[minutes, days, weeks, months, not sure]"  # a quantity: no numbers
    assert AGE.describe() == "a whole number of years from 1 to 120, or unknown"
    assert AGE.describe("values") == ["1..120", "unknown"]
    assert SUPPLEMENTS.describe("values") == [*NUTRIENTS, "unknown"]
    assert "2 Vitamin D" in SUPPLEMENTS.describe("hint")
    for kind in (YES_NO, DIET, AGE, SUPPLEMENTS):
        assert all("type" in option for option in kind.describe("schema"))


def test_the_question_bank_describes_itself_through_its_kinds():
    for q in BY_ID.values():
        assert q.allowed == q.type.describe("allowed") and q.values == q.type.describe("values")
        assert q.type.name == q.kind


@pytest.mark.parametrize("value,words", [(True, "yes"), (False, "no"), ("unknown", "not sure"), (42, "42"),
                                         ("vegan", "vegan"), ((), "none"),
                                         (("vitamin_d", "iron"), "Vitamin D, Iron")])
def test_to_words(value, words):
    assert to_words(value) == words


def test_to_words_by_kind_and_as_ids():
    assert YES_NO.to_words(True) == "yes" and AGE.to_words(34) == "34" and DIET.to_words("unknown") == "not sure"
    assert SUPPLEMENTS.to_words(("thiamine",)) == "Thiamine (vitamin B1)"
    assert to_words(("vitamin_d", "iron"), names=False) == "vitamin_d, iron"


# --- the three entry points accept the same words -----------------------------------------

SAME_WORDS = [("numbness", "yep", True), ("numbness", "Nope", False), ("numbness", "dunno", "unknown"),
              ("numbness", "yes, a little", True), ("diet", "veggie", "vegetarian"), ("age", "42 years", 42),
              ("alcohol", "teetotal", "none"), ("supplements", "b12, folic acid", ("vitamin_b12", "folate"))]


@pytest.mark.parametrize("qid,text,value", SAME_WORDS)
def test_fact_file_set_and_interview_read_the_same_words(qid, text, value):
    import json

    from screener.facts import decode
    from screener.facts import parse_override
    from screener.interview import parse_answer

    as_file = decode(f'answers:\n  {qid}: "{text}"\n', "yaml", "case.yaml").answers[qid]
    as_json = decode(json.dumps({"answers": {qid: text}}), "json", "case.json").answers[qid]
    as_set = parse_override(f"{qid}={text}")[1]
    typed = parse_answer(qid, text)
    assert as_file == as_json == as_set == typed == value


def test_yep_gives_the_same_report_from_set_a_file_and_the_interview(runner, tmp_path):
    import json

    from screener.cli import cli

    base = "answers:\n  leg_weakness: yes\n  diet: vegan\n  age: 40\n"
    case = tmp_path / "case.yaml"
    case.write_text(base)
    with_yep = tmp_path / "yep.yaml"
    with_yep.write_text(base + "  numbness: yep\n")
    by_set = runner.invoke(cli, ["run", str(case), "--set", "numbness=yep", "-f", "json"])
    by_file = runner.invoke(cli, ["run", str(with_yep), "-f", "json"])
    assert by_set.exit_code == by_file.exit_code == 0, (by_set.output, by_file.output)
    reports = [json.loads(r.stdout) for r in (by_set, by_file)]
    for report in reports:
        report.pop("source")
        report.pop("name", None)
    assert reports[0] == reports[1]
    assert any("numbness" in str(s) for s in reports[0]["suggestions"])  # the yes counted


@pytest.mark.parametrize("qid,text,problem", [("numbness", "yse", "not a yes/no answer"),
                                              ("age", "thirty", "age must be a whole number of years"),
                                              ("diet", "carnivore", "not one of the choices"),
                                              ("supplements", "vitamin_c", "not a nutrient id")])
def test_set_refuses_with_the_kinds_words(runner, qid, text, problem):
    from screener.cli import cli

    result = runner.invoke(cli, ["run", "examples/vegan_tingling.yaml", "--set", f"{qid}={text}"])
    assert result.exit_code == 2
    assert f"--set: {qid}: {text}: {problem}; allowed: {BY_ID[qid].type.describe()}" in result.stderr
    assert "Traceback" not in result.output


# --- plain errors in the library, usage errors only at the command line -------------------

def test_library_code_raises_plain_errors_never_click_ones():
    import re
    from pathlib import Path

    import screener

    folder = Path(screener.__file__).parent
    cli_layer = {"cli.py", "cli_interview.py", "cli_step.py", "cli_teach.py", "options.py"}
    offenders = []
    for path in sorted(folder.glob("*.py")):
        if path.name in cli_layer:
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"ClickException|UsageError|BadParameter|UsageFailure|options import InputError", line):
                offenders.append(f"{path.name}:{n}: {line.strip()}")
    assert not offenders


def test_loading_errors_are_plain_and_carry_the_message(tmp_path):
    import click

    from screener.errors import InputError
    from screener.explain import check_nutrient
    from screener.facts import FactError
    from screener.teach import load_one

    bad = tmp_path / "bad.yaml"
    bad.write_text("answers:\n  numbness: yse\n")
    with pytest.raises(FactError) as info:
        load_one(str(bad))
    assert isinstance(info.value, InputError) and not isinstance(info.value, click.ClickException)
    assert "numbness: yse: not a yes/no answer" in info.value.message
    two = tmp_path / "two.jsonl"
    two.write_text('{"answers": {}}\n{"answers": {}}\n')
    with pytest.raises(InputError, match=r"expected one case, found 2 \(step takes one case\)"):
        load_one(str(two), takes="step takes one case")
    with pytest.raises(InputError, match="Did you mean 'iron'") as info:
        check_nutrient("irn")
    assert not isinstance(info.value, click.ClickException)


def test_the_command_line_turns_them_into_usage_errors(runner, tmp_path):
    from screener.cli import cli

    bad = tmp_path / "bad.yaml"
    bad.write_text("answers:\n  numbness: yse\n")
    for args, message in [(["explain", str(bad)], "numbness: yse: not a yes/no answer"),
                          (["explain", "examples/vegan_tingling.yaml", "--how", "irn"], "Did you mean 'iron'"),
                          (["step", str(bad), "-c", "run"], "numbness: yse"),
                          (["interview", "--resume", str(bad)], "numbness: yse"),
                          (["diff", "examples/vegan_tingling.yaml", "--set", "age=old"], "age: old")]:
        result = runner.invoke(cli, args, input="")
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith("Error: ") and message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output


def test_candidates_are_the_answers_worth_trying():
    from screener.outcome import candidate_values

    assert YES_NO.candidates() == [True, False]
    assert DIET.candidates() == ["omnivore", "pescatarian", "vegetarian", "vegan"]
    assert AGE.candidates() == []
    assert SUPPLEMENTS.candidates() == [(n,) for n in NUTRIENTS]
    assert candidate_values("numbness") == [True, False] and candidate_values("nosuch") == []


def test_the_facts_schema_accepts_exactly_the_words_convert_reads():
    jsonschema = pytest.importorskip("jsonschema")
    from screener.schema import facts_schema

    answers = facts_schema()["properties"]["answers"]["properties"]
    words = set(vocabulary.YES | vocabulary.NO | vocabulary.NOT_SURE | vocabulary.IN_BETWEEN | vocabulary.NONE)
    words |= set(vocabulary.nutrient_aliases())
    for table in vocabulary._VOCAB.values():
        words |= set(table)
    words |= {"yes, a little", "no never", "Yes.", "yes,", "VEGAN", "42", "42 years", "042", "0", "121", "thirty",
              "b12, folic acid", "iron and d", "vitamin-d", "veg", "carnivore", "", "  weeks ", "1", "3 days", "?!"}
    questions = [q for q in BY_ID.values() if q.kind != "yesno"] + [BY_ID["numbness"]]
    disagree = []
    for q in questions:
        validator = jsonschema.Draft202012Validator(answers[q.id])
        for word in sorted(words):
            try:
                q.type.convert(word)
                accepted = True
            except ConversionError:
                accepted = False
            valid = validator.is_valid(word)
            if accepted != valid:
                disagree.append((q.id, word, accepted))
    assert not disagree


def test_typing_nope_in_the_interview_saves_what_nope_means_in_a_file(runner, tmp_path):
    from screener import flow
    from screener.cli import cli
    from screener.facts import parse_override
    from screener.facts import read_one

    first_screen = flow.emergency_groups()[0][1]
    save = tmp_path / "a.yaml"
    result = runner.invoke(cli, ["interview", "--save", str(save)], input="nope\n")
    assert result.exit_code == 130  # end of input after the first screen: saved
    typed = read_one(str(save)).answers
    assert typed == dict.fromkeys(first_screen, False)
    as_file = tmp_path / "b.yaml"
    as_file.write_text("answers:\n" + "".join(f"  {qid}: nope\n" for qid in first_screen))
    assert read_one(str(as_file)).answers == typed
    assert {parse_override(f"{qid}=nope")[1] for qid in first_screen} == {False}


@pytest.mark.parametrize("qid,text", [("diet", "not vegan"), ("diet", "I'm not vegetarian"),
                                      ("diet", "i do not eat meat"), ("alcohol", "not a lot"),
                                      ("sun_exposure", "not a lot"), ("fluid_intake", "I don't drink a lot")])
def test_a_denied_phrase_is_not_read_as_said(qid, text):
    # "not vegan" once read as vegan, "not a lot" (alcohol) as heavy: now the interview asks again
    from screener.interview import AnswerError
    from screener.interview import parse_answer

    with pytest.raises(AnswerError):
        parse_answer(qid, text)


@pytest.mark.parametrize("qid,text,value", [("diet", "I'm not vegan, I eat everything", "omnivore"),
                                            ("diet", "mostly vegetarian", "vegetarian"),
                                            ("alcohol", "i never drink", "none"),
                                            ("sun_exposure", "hardly ever", "rarely")])
def test_phrases_still_read_when_not_denied(qid, text, value):
    from screener.interview import parse_answer

    assert parse_answer(qid, text) == value
