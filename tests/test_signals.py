"""Signals and the terminal's edges (issue 12), in a real pseudo-terminal.

Ctrl-C, SIGTERM and SIGHUP at a question, while the report is built and at
the explain prompt each leave a valid 0600 file that resumes, and exit 130.
Every wait is on something the program prints (no sleeps as
synchronisation); timeouts are generous for a loaded machine.
"""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pty"),
]

TIMEOUT = 60
PROMPT = re.compile(r"\[[^\]\n]*\] > ")
SIGNALS = {"SIGINT": signal.SIGINT, "SIGTERM": signal.SIGTERM, "SIGHUP": signal.SIGHUP}


def all_but_tingling() -> dict:
    """Every question answered (no warning sign), except tingling: one question is left."""
    from screener.questions import QUESTIONS

    out = {}
    for q in QUESTIONS:
        if q.id == "tingling":
            continue
        if q.kind == "yesno":
            out[q.id] = "no"
        elif q.kind == "choice":
            out[q.id] = q.choices[0]
        elif q.kind == "age":
            out[q.id] = 40
        else:
            out[q.id] = []
    return out


def toml_resume(tmp_path) -> str:
    """A TOML file to resume from: the interview has no --save file, so an interruption autosaves."""
    lines = ["[answers]"]
    for qid, value in all_but_tingling().items():
        lines.append(f"{qid} = {json.dumps(value)}")
    path = tmp_path / "start.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _as_at_a_terminal():  # runs in the child, before exec
    # A person at a terminal has Ctrl-C at its default. A test run started in the background (a CI
    # script, `cmd &`) inherits SIGINT ignored, and Python then leaves it ignored: screener rightly
    # keeps what it inherits, so the child is given the terminal's default here.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def spawn(screener_bin, env, *args, **kw):
    return pexpect.spawn(screener_bin, list(args), env=env, encoding="utf-8", timeout=TIMEOUT,
                         dimensions=(40, 120), preexec_fn=_as_at_a_terminal, **kw)


def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def the_saved_file(tmp_path):
    folder = tmp_path / "state" / "screener"
    files = sorted(folder.iterdir())
    assert len(files) == 1, files
    return files[0]


def check_saved(screener_bin, env, path, tingling):
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    answers = yaml.safe_load(path.read_text())["answers"]
    assert len(answers) == len(all_but_tingling()) + (tingling is not None)
    assert answers.get("tingling") is tingling
    # A valid fact file: it screens, and it resumes.
    result = subprocess.run([screener_bin, "run", str(path), "-f", "json"], capture_output=True, env=env,
                            timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    child = spawn(screener_bin, env, "interview", "--resume", str(path))
    child.expect_exact(f"{len(answers)} answers already given")
    if tingling is None:
        child.expect(PROMPT)
        child.sendline("1")  # the symptom checklist: 1 is tingling
    child.expect_exact("explain > ")
    child.sendeof()
    assert finish(child) == 0


@pytest.mark.parametrize("name", SIGNALS)
def test_signal_at_a_question(screener_bin, clean_env, tmp_path, name):
    child = spawn(screener_bin, clean_env, "interview", "--resume", toml_resume(tmp_path))
    child.expect(PROMPT)
    child.kill(SIGNALS[name])
    child.expect_exact("Interrupted: your answers so far are saved in")
    assert finish(child) == 130
    check_saved(screener_bin, clean_env, the_saved_file(tmp_path), None)


@pytest.mark.parametrize("name", SIGNALS)
def test_signal_while_the_report_is_built(screener_bin, clean_env, tmp_path, name):
    child = spawn(screener_bin, clean_env, "interview", "--resume", toml_resume(tmp_path))
    child.expect(PROMPT)
    child.sendline("1")  # the symptom checklist: 1 is tingling
    child.expect_exact("Thank you")  # the answers are complete; the report is being built
    child.kill(SIGNALS[name])
    child.expect_exact("Interrupted: your answers so far are saved in")
    assert finish(child) == 130
    check_saved(screener_bin, clean_env, the_saved_file(tmp_path), True)


@pytest.mark.parametrize("name", SIGNALS)
def test_signal_at_the_explain_prompt(screener_bin, clean_env, tmp_path, name):
    child = spawn(screener_bin, clean_env, "interview", "--resume", toml_resume(tmp_path))
    child.expect(PROMPT)
    child.sendline("1")  # the symptom checklist: 1 is tingling
    child.expect_exact("explain > ")
    child.kill(SIGNALS[name])
    child.expect_exact("Interrupted: your answers so far are saved in")
    assert finish(child) == 130
    check_saved(screener_bin, clean_env, the_saved_file(tmp_path), True)


def test_signal_with_a_save_file_keeps_saving_there(screener_bin, clean_env, tmp_path):
    save = tmp_path / "me.yaml"
    save.write_text(yaml.safe_dump({"answers": all_but_tingling()}))
    child = spawn(screener_bin, clean_env, "interview", "--resume", str(save))
    child.expect(PROMPT)
    child.sendline("1")  # the symptom checklist: 1 is tingling
    child.expect_exact("explain > ")
    child.kill(signal.SIGTERM)
    child.expect_exact(f"saved in {save}")
    assert finish(child) == 130
    check_saved(screener_bin, clean_env, save, True)
    assert not (tmp_path / "state").exists()


def test_closing_the_terminal_saves_and_exits_130(screener_bin, clean_env, tmp_path):
    child = spawn(screener_bin, clean_env, "interview", "--resume", toml_resume(tmp_path))
    child.expect(PROMPT)
    child.ptyproc.fileobj.close()  # the terminal goes away: SIGHUP, then reads and writes fail
    deadline = time.monotonic() + TIMEOUT
    while True:
        pid, status = os.waitpid(child.pid, os.WNOHANG)
        if pid:
            break
        assert time.monotonic() < deadline, "the interview did not end after a hang-up"
        time.sleep(0.05)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 130
    check_saved(screener_bin, clean_env, the_saved_file(tmp_path), None)


# --- 11. Ctrl-C during a parallel batch -------------------------------------------------------

def test_ctrl_c_during_jobs_prints_no_tracebacks(screener_bin, clean_env, tmp_path):
    batch = tmp_path / "b.jsonl"
    case = json.dumps({"answers": {"tingling": "yes", "diet": "vegan", "fatigue": "yes"}})
    batch.write_text((case + "\n") * 2000)
    out = tmp_path / "out.jsonl"
    child = spawn(screener_bin, clean_env, "run", str(batch), "-f", "json", "-o", str(out), "--jobs", "4")
    child.expect_exact("screened 50")
    child.sendintr()
    status = finish(child)
    assert status == 130
    assert "Traceback" not in child.before and "KeyboardInterrupt" not in child.before
    # count real lines: the progress line redraws itself with \r, as often as the machine allows
    assert len(child.before.strip().split("\n")) <= 3, child.before
    assert not out.exists()
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".screener-")]


# --- 23. TERM=dumb -------------------------------------------------------------------------------

def test_term_dumb_gets_no_colour(screener_bin, clean_env):

    env = {k: v for k, v in clean_env.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm"
    child = spawn(screener_bin, env, "run", str(EXAMPLES / "vegan_tingling.yaml"))
    finish(child)
    assert "\x1b[" in child.before  # a capable terminal gets colour: the check below can fail
    env["TERM"] = "dumb"
    child = spawn(screener_bin, env, "run", str(EXAMPLES / "vegan_tingling.yaml"))
    assert finish(child) == 0
    assert "\x1b[" not in child.before and "Screening report" in child.before


# --- 24. the prompt is on stdout, and the line can be edited -------------------------------------------

def test_prompt_survives_2_to_a_log_and_arrow_keys_edit(screener_bin, clean_env, tmp_path):
    env = dict(clean_env, TERM="xterm")
    log = tmp_path / "log"
    child = pexpect.spawn("/bin/sh", ["-c", f"exec '{screener_bin}' interview 2>'{log}'"], env=env,
                          encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 120))
    child.expect(PROMPT)  # shown although stderr goes to a file
    child.send("o\x1b[Dn\r")  # type o, Left arrow, n: the line reads "no" (none of the first screen's signs)
    child.expect_exact("Question 2")
    child.expect(PROMPT)
    child.sendintr()
    if child.expect_exact(["Interrupted", pexpect.TIMEOUT], timeout=20) == 1:
        child.sendintr()  # seen once under heavy load: a Ctrl-C typed while the prompt was being drawn
        child.expect_exact("Interrupted")
    assert finish(child) == 130
    saved = the_saved_file(tmp_path)
    answers = yaml.safe_load(saved.read_text())["answers"]
    assert answers["rf_sudden_onset"] is False and set(answers.values()) == {False}
