"""``screener interview`` in a real pseudo-terminal, driven as a person would (pexpect)."""

from __future__ import annotations

import os
import re
import stat
import sys

import pytest
import yaml

from screener.questions import QUESTIONS

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pty"),
]

TIMEOUT = 30
PROMPT = re.compile(r"\[(yes/no/not sure|[^\]]*not sure|years, or not sure|list, none, or not sure)\] > ")
DONE = "Here is your report."


def spawn(screener_bin, env, *args, cwd=None):
    child = pexpect.spawn(screener_bin, ["interview", *args], env=env, encoding="utf-8", timeout=TIMEOUT,
                          dimensions=(40, 120), cwd=cwd)
    return child


def answer_for(question: str, prompt: str) -> str:
    """A person with tingling feet for months, nothing else."""
    if "pins and needles" in question:
        return "yes"
    if "How long" in question:
        return "months"
    if "How old" in question:
        return "52"
    if "sex" in question:
        return "2"  # numbered choice: male
    if "both legs" in question:
        return "yes"
    if "Which of these do you already take" in question:
        return "vitamin d"
    if "yes/no" in prompt:
        return "no"
    return "not sure"


def test_interview_in_a_terminal_ctrl_c_and_resume(screener_bin, clean_env, tmp_path):
    save = tmp_path / "me.yaml"
    child = spawn(screener_bin, clean_env, "--save", str(save))
    child.expect_exact("screening aid")
    child.expect_exact(f"Question 1 (at most {len(QUESTIONS) - 1} more)")
    child.expect(PROMPT)
    child.sendline("no")
    child.expect_exact("Question 2 ")
    child.expect(PROMPT)
    child.sendline("?")
    child.expect_exact("It is a warning sign")
    child.expect(PROMPT)
    child.sendline("nope")  # an accepted spelling of no
    child.expect_exact("Question 3 ")
    child.expect(PROMPT)
    child.sendline("maybe?")  # not an answer: re-asked with a hint
    child.expect_exact("Answer yes, no or not sure")
    child.expect(PROMPT)
    child.sendline("not sure")
    child.expect_exact("Let me put that another way:")
    child.expect(PROMPT)
    child.sendline("no")
    child.expect_exact("Question 4 ")
    child.expect(PROMPT)
    child.sendintr()  # Ctrl-C
    child.expect_exact("Interrupted: your answers so far are saved in")
    child.expect_exact("screener interview --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "\x1b[" not in child.before  # NO_COLOR
    assert stat.S_IMODE(os.stat(save).st_mode) == 0o600
    text = save.read_text()
    assert "rf_saddle_numbness: no" in text and "rf_bladder_bowel" not in text

    # Resume: the three answers are kept; the interview goes on at question 4 and ends with the report.
    child = spawn(screener_bin, clean_env, "--resume", str(save))
    child.expect_exact("3 answers already given")
    child.expect_exact("Question 4 ")
    asked = 0
    while True:
        idx = child.expect([PROMPT, DONE])
        if idx == 1:
            break
        # The question is in the text before the prompt.
        child.sendline(answer_for(child.before, child.after))
        asked += 1
        assert asked < 64
    child.expect_exact("SEE A DOCTOR")
    child.expect_exact("explain > ")
    child.sendline("how b12")
    child.expect_exact("b12_numbness_tingling")
    child.expect_exact("explain > ")
    child.sendline("why-not iron")
    child.expect_exact("iron")
    child.expect_exact("explain > ")
    child.sendeof()  # end of input after the report: exit 0
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    answers = yaml.safe_load(save.read_text())["answers"]
    assert answers["sex"] == "male" and "pregnant" not in answers  # no pregnancy question for men
    assert answers["supplements"] == ["vitamin_d"]
    assert answers["tingling"] is True


def test_ctrl_c_without_save_autosaves_to_the_state_folder(screener_bin, clean_env, tmp_path):
    child = spawn(screener_bin, clean_env)
    child.expect(PROMPT)
    child.sendline("no")
    child.expect_exact("Question 2 ")
    child.expect(PROMPT)
    child.sendintr()
    child.expect_exact("Interrupted: your answers so far are saved in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    folder = tmp_path / "state" / "screener"
    (saved,) = folder.iterdir()
    assert stat.S_IMODE(os.stat(saved).st_mode) == 0o600
    assert str(saved) in " ".join(child.before.split()) or saved.name in child.before

    # End of input (Ctrl-D) before the report saves too, and exits 130.
    child = spawn(screener_bin, clean_env, "--resume", str(saved))
    child.expect_exact("Question 2 ")
    child.expect(PROMPT)
    child.sendline("no")
    child.expect(PROMPT)
    child.sendeof()
    child.expect_exact("End of input: your answers so far are saved in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "rf_face_arm_speech: no" in saved.read_text()


def test_emergency_in_a_terminal(screener_bin, clean_env):
    env = {**clean_env, "SCREENER_REGION": "uk"}
    child = spawn(screener_bin, env)
    child.expect(PROMPT)
    child.sendline("yes")
    child.expect_exact("STOP: this needs emergency help now.")
    child.expect_exact("Call 999 now")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Vitamin" not in child.before


def test_colour_on_a_terminal_unless_no_color(screener_bin, clean_env):
    env = {k: v for k, v in clean_env.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm"
    child = spawn(screener_bin, env)
    child.expect(PROMPT)
    assert "\x1b[" in child.before + child.after
    child.sendline("quit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
