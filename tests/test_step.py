"""`screener step`: stepping through the inference on the real engine (CLIPS
vocabulary, MYCIN's WHY and HOW), every command through CliRunner, a pipe, the
interview's --step, and a real terminal (pexpect)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from screener.engine import NameOrderStrategy
from screener.engine import get_engine
from screener.engine import screen
from screener.facts import iter_cases

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

VEGAN = str(EXAMPLES / "vegan_tingling.yaml")
KIDNEY = str(EXAMPLES / "kidney_disease_cramps.yaml")
STROKE = str(EXAMPLES / "stroke_signs.yaml")


@pytest.fixture
def step(invoke):
    """``step(*commands)``: ``screener step FILE -c COMMAND ...``, which must exit 0."""
    def step(*commands, file=VEGAN, extra=()):
        args = ["step", file, *extra]
        for c in commands:
            args += ["-c", c]
        result = invoke(args)
        assert result.exit_code == 0, (result.output, result.exception)
        return result
    return step


def agenda_rules(text: str) -> list[str]:
    """Rule names of the last agenda listing, in firing order."""
    block = text.rsplit("Agenda, in firing order", 1)[1]
    return re.findall(r"^\s+\d+\. \[salience -?\d+\] (\w+)", block, re.M)


def fired(text: str) -> list[str]:
    return re.findall(r"^FIRE \d+ (\w+) ", text, re.M)


def case_of(path):
    (case,) = iter_cases([path])
    return case


def test_header_and_agenda_before_any_firing(step):
    out = step("agenda").stdout
    assert out.startswith("Case: Vegan runner with tingling feet. 9 facts (f-0 to f-8), 14 activations on the "
                          "agenda; watching facts, rules.\n")
    assert "step> agenda\n" in out
    rules = agenda_rules(out)
    assert len(rules) == 14
    # depth: newest fact first (f-2, tingling, before f-1, numbness), ties by rule name
    assert rules[0] == "b12_numbness_tingling"
    assert "   1. [salience 0] b12_numbness_tingling       f-2         key: recency 2" in out
    assert "For a total of 14 activations." in out


def test_run_one_at_a_time_follows_the_engine(step):
    expected = screen(case_of(VEGAN).answers).fired
    out = step("run 1", "run 1", "run 1").stdout
    assert fired(out) == expected[:3]
    assert "1 rule fired (3 in all); 13 activations on the agenda." in out
    assert "CF vitamin_b12: 0.30 -> 0.65 (b12_vegan_diet +0.50)" in out
    whole = step("run").stdout
    assert fired(whole) == expected
    assert whole.rstrip().endswith(f"{len(expected)} rules fired ({len(expected)} in all); the agenda is empty.")


def test_run_on_an_empty_agenda_says_so(step):
    out = step("run", "run").stdout
    assert out.rstrip().endswith("Nothing fired: the agenda is empty.")


def test_agenda_changes_after_a_firing(step):
    out = step("run 2", "agenda").stdout
    # the gate (firing 2) concluded Suspect f-10, which activated the B12 risk factor: it is now first
    assert agenda_rules(out)[0] == "b12_vegan_diet"
    assert "b12_vegan_diet              f-6, f-10   key: recency 10,6" in out


def test_facts_lists_working_memory(step):
    out = step("run 2", "facts").stdout
    assert "f-0   InitialFact()\n" in out
    assert "f-6   Answer(diet='vegan')\n" in out
    assert "f-10  Suspect(nutrient='vitamin_b12')\n" in out
    assert "For a total of 11 facts." in out


def test_matches_reads_partial_matches_from_the_rete_network(step):
    before = step("matches b12_vegan_diet").stdout
    assert "Pattern 1: Suspect(nutrient='vitamin_b12')" in before
    assert "Pattern 2: Answer(diet='vegan')  -- diet = vegan\n  f-6\n" in before
    assert "Pattern 1: Suspect(nutrient='vitamin_b12')  -- vitamin_b12 suspected (a compatible symptom)\n" \
           "  none: waiting for such a fact" in before
    assert "Activations (every pattern met):\n  none" in before
    after = step("run 2", "matches b12_vegan_diet").stdout
    assert "Pattern 1: Suspect(nutrient='vitamin_b12')  -- vitamin_b12 suspected (a compatible symptom)\n  f-10\n" \
        in after
    assert "  f-6, f-10 (on the agenda)" in after
    fired_after = step("run 3", "matches b12_vegan_diet").stdout
    assert "  f-6, f-10 (fired)" in fired_after


def test_matches_shows_partial_matches_of_a_three_pattern_rule(step):
    # mg_low_intake: Suspect(magnesium), leafy_greens=no, nuts_seeds_wholegrains=no
    out = step("watch all off", "run", "matches mg_low_intake", "watch activations on",
               "assert nuts_seeds_wholegrains=no", "matches mg_low_intake",
               file=KIDNEY, extra=("--set", "leafy_greens=no")).stdout
    before, after = out.split("step> assert nuts_seeds_wholegrains=no")
    assert ("Pattern 3: Answer(nuts_seeds_wholegrains=False)  -- nuts_seeds_wholegrains = no\n"
            "  none: waiting for such a fact") in before
    partial = re.search(r"Partial matches for patterns 1-2:\n  (f-\d+, f-\d+)\n", before)
    assert partial, before
    assert "Activations (every pattern met):\n  none" in before
    new = re.search(r"==> Activation mg_low_intake \[salience 0\]: (f-\d+, f-\d+), (f-\d+)", after)
    assert new and new.group(1) == partial.group(1)
    assert f"  {partial.group(1)}, {new.group(2)} (on the agenda)" in after


def test_matches_or_rule_shows_each_branch(step):
    out = step("run 1", "matches gate_compatible_symptom").stdout
    assert "Branch 1 of 2" in out and "Branch 2 of 2" in out
    assert "Evidence(kind='cardinal', nutrient=?nutrient)\n  f-9" in out


def test_matches_unknown_rule_suggests(step):
    result = step("matches b12_vegan_diett")
    assert "Error: no rule 'b12_vegan_diett'; did you mean b12_vegan_diet?" in result.stderr


def test_watch_activations_interleaves_with_firings(step):
    out = step("watch activations on", "run 2").stdout
    lines = out.splitlines()
    i = lines.index("FIRE 1 b12_numbness_tingling [salience 0]: f-2")
    assert lines[i + 1].startswith("==> f-9 Evidence(")
    assert lines[i + 3] == "==> Activation gate_compatible_symptom [salience 0]: f-9"
    assert lines[i + 4] == "FIRE 2 gate_compatible_symptom [salience 0]: f-9"
    assert lines[i + 6] == "==> Activation b12_vegan_diet [salience 0]: f-6, f-10"


def test_watch_off_silences_firings(step):
    out = step("watch all off", "run 3").stdout
    assert "Watching: nothing." in out
    assert "FIRE" not in out and "==>" not in out
    assert "3 rules fired (3 in all)" in out


def test_watch_bad_usage(step):
    result = step("watch everything")
    assert "Error: usage: watch facts|rules|activations|all on|off" in result.stderr


def test_retract_removes_an_activation(step):
    out = step("watch activations on", "run 2", "retract f-6", "agenda", "matches b12_vegan_diet").stdout
    assert "<== f-6 Answer(diet='vegan')\n<== Activation b12_vegan_diet [salience 0]: f-6, f-10\n" in out
    assert "b12_vegan_diet" not in agenda_rules(out)
    assert "Pattern 2: Answer(diet='vegan')  -- diet = vegan\n  none: waiting for such a fact" in out


def test_assert_adds_an_activation_and_checks_the_value(step):
    result = step("watch activations on", "run 2", "retract f-6", "assert diet=vegn", "assert diet=vegan",
                  "assert diet=omnivore", "agenda")
    out = result.stdout
    assert "==> f-11 Answer(diet='vegan')\n==> Activation b12_vegan_diet [salience 0]: f-10, f-11\n" in out
    assert agenda_rules(out)[0] == "b12_vegan_diet"
    assert "Did you mean 'vegan'?" in result.stderr
    assert "Error: diet is already answered: f-11 Answer(diet='vegan'); retract f-11 first" in result.stderr


def test_assert_unknown_and_bad_question(step):
    result = step("assert diet=unknown", "assert nosuch=yes", "assert")
    err = result.stderr
    assert "an unknown answer is not a fact" in err
    assert "nosuch" in err
    assert "usage: assert QUESTION=VALUE" in err


def test_retract_bad_fact(step):
    result = step("retract f-99", "retract banana")
    assert "Error: there is no fact f-99 (facts lists them)" in result.stderr
    assert "Error: expected a fact id like f-6, not 'banana'" in result.stderr


def test_strategy_breadth_changes_the_order(step):
    depth = step("agenda").stdout
    breadth = step("strategy breadth", "agenda", "run 1").stdout
    assert agenda_rules(depth)[0] == "b12_numbness_tingling" and "f-2" in depth.split("   1. ")[1].split("\n")[0]
    first = breadth.rsplit("Agenda, in firing order", 1)[1].split("\n")[1]
    assert "f-1 " in first  # oldest fact (numbness) first
    assert "FIRE 1 b12_numbness_tingling [salience 0]: f-1" in breadth
    assert "Strategy: breadth (salience, then oldest facts first, then rule name). The agenda is re-sorted." \
        in breadth


def test_strategy_random_is_seeded_and_lex_counts_conditions(step):
    a = agenda_rules(step("strategy random 7", "agenda").stdout)
    b = agenda_rules(step("strategy random 7", "agenda").stdout)
    c = agenda_rules(step("strategy random 8", "agenda").stdout)
    assert a == b and sorted(a) == sorted(c) and a != c
    lex = step("strategy lex", "agenda").stdout
    assert "key: recency 2; 1 condition" in lex


def test_strategy_not_offered_says_why(step):
    result = step("strategy mea", "strategy complexity", "strategy bogus", "strategy")
    assert "Error: strategy mea is not offered: experta keeps an activation's facts as a set" in result.stderr
    assert "Error: strategy complexity is not offered" in result.stderr
    assert "Error: unknown strategy 'bogus'; offered: depth, breadth, lex, random" in result.stderr
    assert "Strategy: depth (salience, then newest facts first, then rule name)." in result.stdout


def test_strategy_is_given_back_after_the_session(step):
    step("strategy breadth", "run 2")
    engine = get_engine()
    assert type(engine.strategy) is NameOrderStrategy
    assert engine.tracer is None
    # and screening afterwards is unchanged
    assert screen(case_of(VEGAN).answers).fired[:3] == ["b12_numbness_tingling", "gate_compatible_symptom",
                                                        "b12_vegan_diet"]


def test_salience_puts_red_flags_first(step):
    out = step("agenda", file=STROKE).stdout
    rules = agenda_rules(out)
    assert rules[0].startswith("rf_") and "[salience 100]" in out


def test_why_climbs_rule_gate_nutrient_goal(step):
    out = step("run 1", "why", "why", "why", "why", "why").stdout
    levels = re.findall(r"^\[(\d)\] ", out, re.M)
    assert levels == ["1", "2", "3", "4"]
    assert "[1] gate_compatible_symptom is on the agenda: its conditions" in out
    assert "f-9 Evidence(nutrient='vitamin_b12'" in out
    assert "[2] Suspect(nutrient='vitamin_b12') is the gate" in out
    assert "[3] All of this serves the goal: how much do the answers point to Vitamin B12? " \
           "Its certainty factor now: 0.30" in out
    assert "[4] That serves the top goal" in out
    assert "That is the top goal: there is nothing above it." in out


def test_why_on_a_symptom_rule_goes_through_the_gate(step):
    out = step("why", "why", "why").stdout
    assert "[1] b12_numbness_tingling is on the agenda" in out
    assert "[2] Evidence from a symptom opens the gate" in out and "the gate is still shut" in out
    assert "with this rule it would be 0.30" in out


def test_why_rule_and_empty_agenda(step):
    out = step("why b12_vegan_diet").stdout
    assert "[1] b12_vegan_diet is not on the agenda now; it needs: vitamin_b12 suspected" in out
    result = step("run", "why")
    assert "Error: the agenda is empty" in result.stderr


def test_how_goes_down_the_chain(step):
    out = step("run 3", "how f-11", "how f-10", "how f-6", "how f-0", "how vitamin_b12").stdout
    assert "f-11 Evidence(nutrient='vitamin_b12', rule='b12_vegan_diet', cf=0.5, kind='risk') was concluded by " \
           "b12_vegan_diet (firing 3) from:\n  f-6 Answer(diet='vegan')\n  f-10 Suspect(nutrient='vitamin_b12')" in out
    assert "To go further down: how f-10." in out
    assert "f-10 Suspect(nutrient='vitamin_b12') was concluded by gate_compatible_symptom (firing 2)" in out
    assert "f-6 Answer(diet='vegan') is an answer from the case file." in out
    assert "f-0 InitialFact() is asserted by reset" in out
    assert "  0.00 -> 0.30  f-9 b12_numbness_tingling +0.30 (cardinal)\n" \
           "  0.30 -> 0.65  f-11 b12_vegan_diet +0.50 (risk)" in out


def test_how_shows_caps(step):
    out = step("run", "how potassium", file=KIDNEY).stdout
    assert "cap: at most 0.59 (k_cap_kidney_or_meds), applied after combining" in out


def test_reset_starts_again(step):
    out = step("run 5", "reset", "agenda").stdout
    assert "Reset: 9 facts, 14 activations on the agenda." in out
    assert "==> f-1 Answer(numbness=True)" in out  # watched facts show the reset
    assert len(agenda_rules(out)) == 14


def test_help_unknown_and_clips_spelling(step):
    result = step("help", "agneda", "(run 1)", "; a comment", "run -2", "run 1 2")
    assert "matches RULE" in result.stdout and "strategy [NAME]" in result.stdout
    assert "Error: unknown command 'agneda'; did you mean agenda?" in result.stderr
    assert "FIRE 1 b12_numbness_tingling" in result.stdout
    assert "Error: run takes a positive number of firings" in result.stderr
    assert "Error: usage: run [N]" in result.stderr
    assert "Traceback" not in result.output


def test_quit_stops_reading(step):
    out = step("quit", "run").stdout
    assert "FIRE" not in out


def test_piped_commands_no_prompt_exit_zero(invoke):
    result = invoke(["step", VEGAN], input="run 3\nagenda\nbogus\n")
    assert result.exit_code == 0
    assert "step>" not in result.stdout
    assert fired(result.stdout) == ["b12_numbness_tingling", "gate_compatible_symptom", "b12_vegan_diet"]
    assert "Error: unknown command 'bogus'" in result.stderr
    echoed = invoke(["step", VEGAN, "--echo"], input="run 1\n")
    assert "step> run 1\n" in echoed.stdout


def test_bad_file_exit_2(invoke):
    result = invoke(["step", "no/such.yaml", "-c", "run"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_set_overrides_the_case(step):
    out = step("run", extra=("--set", "diet=omnivore")).stdout
    assert "b12_vegan_diet" not in out


def test_pipe_in_a_real_process(screener_bin, clean_env):
    proc = subprocess.run([screener_bin, "step", VEGAN], input="run 2\nwhy\n", capture_output=True, text=True,
                          env=clean_env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "FIRE 2 gate_compatible_symptom" in proc.stdout
    assert "[1] b12_vegan_diet is on the agenda" in proc.stdout
    assert proc.stderr == ""


def test_interview_step_before_the_report(invoke, tmp_path):
    answers = tmp_path / "k.yaml"
    answers.write_text((EXAMPLES / "kidney_disease_cramps.yaml").read_text())
    text = "not sure\n" * 60  # every question the interview still asks
    result = invoke(["interview", "--resume", str(answers), "--step"],
                    input=text + "run 3\nagenda\nquit\nquit\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Case: Chronic kidney disease on ramipril, leg cramps." in out
    assert out.index("Agenda, in firing order") < out.index("Screening report")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pty")
def test_step_in_a_terminal(screener_bin, clean_env):
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(screener_bin, ["step", VEGAN], env=clean_env, encoding="utf-8", timeout=30,
                          dimensions=(40, 140))
    child.expect_exact("Type help for the commands.")
    child.expect_exact("step> ")
    child.sendline("run 1")
    child.expect_exact("FIRE 1 b12_numbness_tingling")
    child.expect_exact("step> ")
    child.sendline("agenda")
    child.expect(r"1\. \[salience 0\] gate_compatible_symptom")
    child.expect_exact("step> ")
    # readline history: arrow up recalls the last command
    child.send("\x1b[A")
    child.sendline("")
    child.expect(r"1\. \[salience 0\] gate_compatible_symptom")
    child.expect_exact("step> ")
    child.sendline("why")
    child.expect_exact("[1] gate_compatible_symptom is on the agenda")
    child.expect_exact("step> ")
    child.sendline("nonsense")
    child.expect_exact("Error: unknown command 'nonsense'")
    child.expect_exact("step> ")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_stdin_file_needs_commands(invoke):
    result = invoke(["step", "-"], input="answers:\n  tingling: yes\n")
    assert result.exit_code == 2
    assert "FILE cannot be -" in result.stderr
    ok = invoke(["step", "-", "-c", "run 1"], input="answers:\n  tingling: yes\n")
    assert ok.exit_code == 0 and "FIRE 1 " in ok.stdout


def test_a_bug_in_a_command_does_not_end_the_session(step, monkeypatch):
    from screener.step import StepSession

    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(StepSession, "agenda_lines", broken)
    result = step("agenda", "run 1")
    assert "Internal error in 'agenda': RuntimeError: boom" in result.stderr
    assert "FIRE 1 " in result.stdout
    assert "Traceback" not in result.output


def test_matches_negated_pattern_blocked_then_met(step):
    # see_doctor_neuro_symptom: Sign(neuro_symptom) and NOT Sign(brief_stable_symmetric)
    met = step("watch all off", "run", "matches see_doctor_neuro_symptom").stdout
    assert ("Pattern 2 (not): Sign(name='brief_stable_symmetric')  -- not (sign brief_stable_symmetric)\n"
            "  met: no such fact") in met
    brief = ("--set", "duration=days", "--set", "worsening=no", "--set", "both_sides=yes")
    out = step("watch all off", "run", "matches see_doctor_neuro_symptom", "watch activations on",
               "facts", extra=brief).stdout
    blocker = re.search(r"^(f-\d+) +Sign\(name='brief_stable_symmetric'\)", out, re.M).group(1)
    assert f"Pattern 2 (not): Sign(name='brief_stable_symmetric')  -- not (sign brief_stable_symmetric)\n" \
           f"  blocked by {blocker}" in out
    assert "see_doctor_neuro_symptom" not in fired(out)
    # retracting the blocking fact lets the rule through: an activation appears
    after = step("watch all off", "run", "watch activations on", f"retract {blocker}", extra=brief).stdout
    assert re.search(r"==> Activation see_doctor_neuro_symptom \[salience -1000\]: f-\d+", after)


def test_a_batch_file_is_refused_with_a_clear_message(invoke):
    result = invoke(["step", str(EXAMPLES / "batch_three_cases.jsonl"), "-c", "run"])
    assert result.exit_code == 2
    assert "expected one case, found 3 (step takes one case)" in result.stderr
