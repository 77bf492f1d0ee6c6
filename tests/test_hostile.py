"""Hostile input (issue 12): files built to hang, exhaust, confuse or inject.

Each test asserts the exit status, a bounded message, that the run ends (a
subprocess timeout guards against a hang; timings themselves are measured
in benchmarks/hostile.py), and that nothing is written or lost.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


VEGAN = str(EXAMPLES / "vegan_tingling.yaml")
HANG = 60  # seconds: only a hang guard, far above the ~0.3 s these take
GOOD_LINE = '{"answers": {"tingling": "yes"}}'
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and streams")


def write(tmp_path, name, text, mode="w"):
    path = tmp_path / name
    if mode == "wb":
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def alias_bomb(levels: int, answer: str, key: str = "tingling", top: str = "answers") -> str:
    """The 'billion laughs': each level is a list of nine aliases of the one before."""
    lines = ["x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    prev = "a"
    for n in range(1, levels):
        name = chr(ord("a") + n)
        lines.append(f"x-{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    if top == "answers":
        lines.append(f"answers: {{{key}: {answer.replace('LAST', '*' + prev)}}}")
    else:
        lines.append(f"{top}: *{prev}")
        lines.append("answers: {tingling: yes}")
    return "\n".join(lines) + "\n"


def run_bin(screener_bin, env, *args, stdin=None, **kw):
    return subprocess.run([screener_bin, *args], capture_output=True, env=env, timeout=HANG, stdin=stdin, **kw)


# --- 1. alias bombs -------------------------------------------------------------

@pytest.mark.parametrize("key, answer", [
    ("tingling", "LAST"), ("diet", "LAST"), ("age", "LAST"), ("supplements", "LAST"),
    ("supplements", "[vitamin_d, LAST]"),
])
def test_alias_bomb_ends_at_once_with_a_short_message(screener_bin, clean_env, tmp_path, key, answer):
    path = write(tmp_path, "bomb.yaml", alias_bomb(9, answer, key))
    assert os.path.getsize(path) < 500
    result = run_bin(screener_bin, clean_env, "run", path)
    assert result.returncode == 2
    assert len(result.stderr) < 1024, len(result.stderr)
    assert b"expand" in result.stderr and b"Traceback" not in result.stderr
    assert result.stdout == b""


@pytest.mark.parametrize("top", ["region", "name"])
def test_alias_bomb_in_region_or_name(invoke, tmp_path, top):
    path = write(tmp_path, "bomb.yaml", alias_bomb(9, "", top=top))
    result = invoke(["run", path])
    assert result.exit_code == 2
    assert len(result.stderr) < 1024 and "expand" in result.stderr


def test_alias_bomb_through_explain_and_resume(invoke, tmp_path):
    path = write(tmp_path, "bomb.yaml", alias_bomb(9, "LAST"))
    result = invoke(["explain", path, "--how", "vitamin_b12"])
    assert result.exit_code == 2 and len(result.stderr) < 1024
    result = invoke(["interview", "--resume", path], input="")
    assert result.exit_code == 2 and len(result.stderr) < 1024


def test_a_small_bomb_under_the_limit_still_gets_a_bounded_message(invoke, tmp_path):
    # 9**4 = 6,561 items: allowed by the expansion limit, refused as an answer; the message shows a prefix.
    path = write(tmp_path, "bomb.yaml", alias_bomb(4, "LAST"))
    result = invoke(["run", path])
    assert result.exit_code == 2
    assert len(result.stderr) < 400, result.stderr
    assert "tingling: a list of 9 items: [[[" in result.stderr
    assert "not a yes/no answer" in result.stderr


def test_recursive_alias_is_refused(invoke, tmp_path):
    path = write(tmp_path, "loop.yaml", "x-a: &a [*a]\nanswers: {tingling: yes}\n")
    result = invoke(["run", path])
    assert result.exit_code == 2 and "contains itself" in result.stderr


def test_brief_is_bounded_for_huge_values():
    from screener.facts import brief

    level = ["lol"] * 9
    for _ in range(9):
        level = [level] * 9  # shares like YAML aliases: 9**10 leaves
    assert len(brief(level)) < 120
    assert brief(["vitamin_c"]) == '["vitamin_c"]'
    assert brief("x" * 10_000).endswith("...") and len(brief("x" * 10_000)) < 80
    assert brief(True) == "true" and brief(None) == "null"
    assert "\x1b" not in brief("\x1b]0;pwned\x07")


# --- 2. size limits and devices ----------------------------------------------------

@posix_only
@pytest.mark.parametrize("args", [["run", "-"], ["run", "--input-format", "jsonl", "-"], ["run", "-f", "json", "-"]])
def test_dev_zero_on_stdin_ends_with_exit_2(screener_bin, clean_env, args):
    with open("/dev/zero", "rb") as zero:
        result = run_bin(screener_bin, clean_env, *args, stdin=zero)
    assert result.returncode == 2
    assert b"device" in result.stderr and len(result.stderr) < 1024


@posix_only
@pytest.mark.parametrize("name", ["zero.yaml", "zero.jsonl", "zero.json"])
def test_file_linked_to_dev_zero(screener_bin, clean_env, tmp_path, name):
    link = tmp_path / name
    link.symlink_to("/dev/zero")
    result = run_bin(screener_bin, clean_env, "run", str(link))
    assert result.returncode == 2
    assert b"is a device" in result.stderr and len(result.stderr) < 1024
    result = run_bin(screener_bin, clean_env, "interview", "--resume", str(link), stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and b"is a device" in result.stderr


def test_huge_input_from_a_pipe_is_cut_off(screener_bin, clean_env):
    big = b"answers: {tingling: yes}\n" + b"#" * (3 << 20)
    result = run_bin(screener_bin, clean_env, "run", "-", input=big)
    assert result.returncode == 2
    assert b"larger than 1 MB" in result.stderr and len(result.stderr) < 1024


def test_huge_file_and_huge_jsonl_line(invoke, tmp_path):
    path = write(tmp_path, "big.json", '{"answers": {}, "x-pad": "' + "a" * (2 << 20) + '"}')
    result = invoke(["run", path])
    assert result.exit_code == 2 and "larger than 1 MB" in result.stderr
    batch = write(tmp_path, "big.jsonl", GOOD_LINE + "\n" + '{"x-pad": "' + "a" * (2 << 20) + '"}\n' + GOOD_LINE + "\n")
    result = invoke(["run", batch, "-f", "json"])
    assert result.exit_code == 2
    assert f"{batch}:2: this line is larger than 1 MB" in result.stderr
    assert [json.loads(x)["source"] for x in result.stdout.splitlines()] == [f"{batch}:1", f"{batch}:3"]


# --- 4. duplicate keys ----------------------------------------------------------

@pytest.mark.parametrize("name, text, lines", [
    ("d.yaml", "answers: {rf_sudden_onset: yes, tingling: yes, rf_sudden_onset: no}\n", ("line 1", "line 1")),
    ("d.yaml", "answers:\n  rf_sudden_onset: yes\n  tingling: yes\n  rf_sudden_onset: no\n", ("line 2", "line 4")),
    ("d.yaml", "answers:\n  rf_sudden_onset: yes\nname: x\nanswers:\n  tingling: yes\n", ("line 1", "line 4")),
    ("d.json", '{"answers": {\n"rf_sudden_onset": "yes",\n"tingling": "yes",\n"rf_sudden_onset": "no"}}',
     ("lines 2 and 4",)),
])
def test_duplicate_keys_are_a_usage_error_naming_both_lines(invoke, tmp_path, name, text, lines):
    path = write(tmp_path, name, text)
    result = invoke(["run", path])
    assert result.exit_code == 2, result.stdout
    assert "duplicate key" in result.stderr
    for where in lines:
        assert where in result.stderr
    assert result.stdout == ""


def test_duplicate_keys_in_jsonl_and_through_resume(invoke, tmp_path):
    batch = write(tmp_path, "d.jsonl", GOOD_LINE + '\n{"answers": {"tingling": "yes", "tingling": "no"}}\n')
    result = invoke(["run", batch, "-f", "json"])
    assert result.exit_code == 2 and f"{batch}:2: duplicate key 'tingling'" in result.stderr
    assert len(result.stdout.splitlines()) == 1
    saved = write(tmp_path, "me.yaml", "answers:\n  rf_sudden_onset: yes\n  rf_sudden_onset: no\n")
    result = invoke(["interview", "--resume", saved], input="")
    assert result.exit_code == 2 and "duplicate key 'rf_sudden_onset'" in result.stderr
    assert "rf_sudden_onset: yes" in Path(saved).read_text()  # the file is not rewritten


# --- 5. --trace-file is health data ----------------------------------------------------

def test_trace_file_is_private_and_atomic(invoke, tmp_path):
    trace = tmp_path / "trace.log"
    result = invoke(["run", VEGAN, "--trace-file", str(trace)])
    assert result.exit_code == 0
    assert stat.S_IMODE(os.stat(trace).st_mode) == 0o600
    assert "FIRE" in trace.read_text() or trace.read_text()
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".screener-")]


def test_trace_file_is_kept_when_the_input_is_bad(invoke, tmp_path):
    trace = tmp_path / "trace.log"
    trace.write_text("old trace\n")
    bad = write(tmp_path, "bad.yaml", "answers: {tingling: maybe}\n")
    result = invoke(["run", bad, "--trace-file", str(trace)])
    assert result.exit_code == 2
    assert trace.read_text() == "old trace\n"


@posix_only
def test_trace_file_does_not_follow_symlinks(invoke, tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    link = tmp_path / "trace.log"
    link.symlink_to(target)
    result = invoke(["run", VEGAN, "--trace-file", str(link)])
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert target.read_text() == "keep me\n" and link.is_symlink()


def test_trace_file_naming_the_input_is_refused(invoke, tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text(Path(VEGAN).read_text())
    before = case.read_text()
    result = invoke(["run", str(case), "--trace-file", str(case)])
    assert result.exit_code == 2 and "--trace-file" in result.stderr
    assert case.read_text() == before


# --- 6. regular files only ------------------------------------------------------------

@posix_only
def test_output_refuses_symlinks_and_devices(invoke, tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    link = tmp_path / "report.txt"
    link.symlink_to(target)
    result = invoke(["run", VEGAN, "-o", str(link)])
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert target.read_text() == "keep me\n" and link.is_symlink()
    result = invoke(["run", VEGAN, "-o", "/dev/null"])
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    graph = tmp_path / "kb.mmd"
    graph.symlink_to(target)
    result = invoke(["rules", "graph", "-o", str(graph)])
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert target.read_text() == "keep me\n"


# --- 7. no escape codes in files -----------------------------------------------------------

def test_output_files_have_no_escape_codes(invoke, tmp_path):
    out = tmp_path / "r.txt"
    result = invoke(["run", VEGAN, "-o", str(out)], color=True)
    assert result.exit_code == 0
    assert "\x1b" not in out.read_text()
    out2 = tmp_path / "i.txt"
    result = invoke(["interview", "--output", str(out2)], input="yes\n1\n", color=True)
    assert result.exit_code == 0
    assert "\x1b" not in out2.read_text() and "EMERGENCY" in out2.read_text()


# --- 8, 9. JSON Lines: U+2028 and bad bytes ------------------------------------------------------

@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085"])
def test_unicode_line_separators_inside_a_jsonl_string(invoke, tmp_path, sep):
    batch = write(tmp_path, "b.jsonl", json.dumps({"name": f"a{sep}b", "answers": {"tingling": "yes"}},
                                                  ensure_ascii=False) + "\n" + '{"answers": {"diet": "keto"}}\n')
    result = invoke(["run", batch, "-f", "json"])
    assert result.exit_code == 2
    assert f"{batch}:2: diet: keto" in result.stderr
    (report,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert report["source"] == f"{batch}:1" and report["name"] == "a b"


def test_a_bad_byte_rejects_only_its_line(invoke, tmp_path):
    batch = write(tmp_path, "b.jsonl", (GOOD_LINE + "\n").encode() + b'{"name": "\xff", "answers": {}}\n'
                  + (GOOD_LINE + "\n").encode(), mode="wb")
    result = invoke(["run", batch, "-f", "json"])
    assert result.exit_code == 2
    assert f"{batch}:2: not UTF-8 text" in result.stderr
    assert [json.loads(x)["source"] for x in result.stdout.splitlines()] == [f"{batch}:1", f"{batch}:3"]


# --- 10. deep nesting ---------------------------------------------------------------------

@pytest.mark.parametrize("depth", [40, 900, 5000])
def test_deep_nesting_is_a_usage_error(invoke, tmp_path, depth):
    nested = "[" * depth + "]" * depth
    for name, text in (("d.json", '{"answers": {"tingling": ' + nested + "}}"),
                       ("d.yaml", "answers: {tingling: " + nested + "}\n"),
                       ("d.toml", "answers = {tingling = " + nested + "}\n")):
        result = invoke(["run", write(tmp_path, name, text)])
        assert result.exit_code == 2, (name, result.output)
        assert "Internal error" not in result.stderr and len(result.stderr) < 1024
    batch = write(tmp_path, "d.jsonl", '{"answers": {"tingling": ' + nested + "}}\n" + GOOD_LINE + "\n")
    result = invoke(["run", batch, "-f", "json"])
    assert result.exit_code == 2 and "Internal error" not in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_deep_block_yaml(invoke, tmp_path):
    text = "answers:\n  tingling:\n" + "".join("  " * (i + 2) + "- \n" for i in range(300))
    result = invoke(["run", write(tmp_path, "d.yaml", text)])
    assert result.exit_code == 2 and "Internal error" not in result.stderr


# --- 12. autosave names never collide ------------------------------------------------------

def test_autosaves_in_the_same_second_get_their_own_files(tmp_path, monkeypatch):
    import datetime

    from screener import interview

    class Frozen(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2026, 12, 3, 12, 0, 0)

    monkeypatch.setattr(interview.datetime, "datetime", Frozen)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    paths = {interview.autosave_path() for _ in range(3)}
    assert len(paths) == 3
    assert all(os.path.exists(p) and stat.S_IMODE(os.stat(p).st_mode) == 0o600 for p in paths)


# --- 13. a locale that cannot show a name ------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_non_utf8_locale(screener_bin, clean_env, tmp_path, fmt):
    path = write(tmp_path, "jp.yaml", "name: 日本語\nanswers: {tingling: yes}\n")
    env = dict(clean_env, PYTHONIOENCODING="latin-1")
    result = run_bin(screener_bin, env, "run", path, "-f", fmt)
    assert result.returncode == 0, result.stderr
    assert b"Internal error" not in result.stderr
    assert b"\\u65e5\\u672c\\u8a9e" in result.stdout
    if fmt == "json":
        assert json.loads(result.stdout.decode("latin-1"))["name"] == "日本語"


# --- 14. YAML 1.1 numbers ---------------------------------------------------------------------

@pytest.mark.parametrize("written, read", [("052", 42), ("0x2a", 42), ("0b101010", 42), ("1:05", 65), ("4_2", 42),
                                           ("0o52", None)])
def test_yaml_11_number_forms_are_refused(invoke, tmp_path, written, read):
    result = invoke(["run", write(tmp_path, "a.yaml", f"answers: {{tingling: yes, age: {written}}}\n")])
    assert result.exit_code == 2, result.stdout
    if read is not None:
        assert f"YAML reads {written} as the number {read}" in result.stderr


def test_plain_and_quoted_ages_are_fine(invoke, tmp_path):
    for text in ("age: 52", "age: '052'", "age: 52.0"):
        result = invoke(["run", write(tmp_path, "a.yaml", f"answers: {{tingling: yes, {text}}}\n"),
                                 "-f", "json"])
        assert result.exit_code == 0, (text, result.stderr)


# --- 15, 16. disk full and closed streams -----------------------------------------------------------

@posix_only
def test_disk_full_is_the_environment_not_a_bug(screener_bin, clean_env, tmp_path):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([screener_bin, "run", VEGAN], stdout=full, stderr=subprocess.PIPE, env=clean_env,
                                timeout=HANG)
    assert result.returncode == 2
    assert b"No space left on device" in result.stderr and b"bug" not in result.stderr
    result = run_bin(screener_bin, clean_env, "run", VEGAN, "--trace-file", "/dev/full")
    assert result.returncode == 2 and b"bug" not in result.stderr


@posix_only
def test_closed_streams(screener_bin, clean_env):
    def closed(fd, *args):
        return subprocess.run([screener_bin, *args], capture_output=fd != 0, env=clean_env, timeout=HANG,
                              pass_fds=(), close_fds=True,
                              preexec_fn=lambda: os.close(fd))

    result = closed(1, "run", VEGAN)
    assert result.returncode == 2 and b"Traceback" not in result.stderr and b"closed" in result.stderr
    result = subprocess.run([screener_bin, "run", VEGAN], stdout=subprocess.PIPE, env=clean_env, timeout=HANG,
                            preexec_fn=lambda: os.close(2))
    assert result.returncode == 0 and result.stdout.startswith(b"Screening report")
    result = subprocess.run([screener_bin, "interview"], capture_output=True, env=clean_env, timeout=HANG,
                            preexec_fn=lambda: os.close(0))
    assert result.returncode == 2 and b"Internal error" not in result.stderr
    assert b"standard input is closed" in result.stderr


# --- 17. long names ----------------------------------------------------------------------------

def test_a_huge_name_is_refused_quickly(invoke, tmp_path):
    path = write(tmp_path, "n.yaml", "name: " + "x" * (500 << 10) + "\nanswers: {tingling: yes}\n")
    result = invoke(["run", path])
    assert result.exit_code == 2 and "'name' is too long" in result.stderr and len(result.stderr) < 1024


def test_a_long_unbroken_name_still_renders(invoke, tmp_path):
    path = write(tmp_path, "n.yaml", "name: " + "x" * 200 + "\nanswers: {tingling: yes}\n")
    for fmt in ("text", "markdown"):
        result = invoke(["run", path, "-f", fmt])
        assert result.exit_code == 0 and "x" * 40 in result.stdout


# --- 18. escape injection -------------------------------------------------------------------------

INJECT = "Bob\x1b]0;pwned\x07\x1b[2J"


def test_names_cannot_reach_the_terminal_raw(invoke, tmp_path):
    path = write(tmp_path, "n.json", json.dumps({"name": INJECT, "answers": {"tingling": "yes"}}))
    for fmt in ("text", "markdown", "json"):
        result = invoke(["run", path, "-f", fmt])
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout


@pytest.mark.parametrize("doc", [
    {"answers": {"ting\x1b[2Jling": "yes"}},
    {"answers": {"tingling": "y\x1b]0;pwned\x07"}},
    {"answers": {"diet": "\x1b[2J"}},
    {"answers": {}, "col\x1b[2Jour": 1},
    {"answers": {}, "region": "\x1b[2J"},
])
def test_error_messages_escape_control_characters(invoke, tmp_path, doc):
    result = invoke(["run", write(tmp_path, "e.json", json.dumps(doc))])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b" in result.stderr


def test_markdown_name_cannot_add_a_heading_or_html(invoke, tmp_path):
    doc = {"name": "Ann\n## Urgency: self_care\n<script>alert(1)</script>", "answers": {"tingling": "yes"}}
    result = invoke(["run", write(tmp_path, "m.json", json.dumps(doc)), "-f", "markdown"])
    assert result.exit_code == 0
    assert not any(line.startswith("## Urgency: self_care") for line in result.stdout.splitlines())
    assert "<script>" not in result.stdout
    assert result.stdout.splitlines()[0].startswith("# Screening summary: Ann")


# --- 19, 20. outputs that would destroy inputs or old reports ------------------------------------------

def test_output_that_is_an_input_is_refused(invoke, tmp_path):
    case = tmp_path / "a.yaml"
    case.write_text(Path(VEGAN).read_text())
    before = case.read_text()
    result = invoke(["run", str(case), "-o", str(case)])
    assert result.exit_code == 2 and "is also an input" in result.stderr
    assert case.read_text() == before
    save = tmp_path / "x.yaml"
    result = invoke(["interview", "--save", str(save), "--output", str(save)], input="no\n")
    assert result.exit_code == 2 and "--save file" in result.stderr
    result = invoke(["interview", "--resume", str(case), "--output", str(case)], input="")
    assert result.exit_code == 2 and case.read_text() == before


@pytest.mark.parametrize("text", ['{"answers": {"diet": "keto"}}\n', "", "\n\n"])
def test_all_bad_or_empty_batch_keeps_the_old_report(invoke, tmp_path, text):
    out = tmp_path / "out.txt"
    out.write_text("last week's report\n")
    result = invoke(["run", write(tmp_path, "b.jsonl", text), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text() == "last week's report\n"


# --- 21. one interview per save file ---------------------------------------------------------------

@posix_only
def test_a_save_file_in_use_is_refused(invoke, tmp_path):
    from screener.interview import _save_lock

    save = tmp_path / "me.yaml"
    with _save_lock(str(save)):
        result = invoke(["interview", "--save", str(save)], input="no\n")
    assert result.exit_code == 2 and "in use by another screener interview" in result.stderr
    result = invoke(["interview", "--save", str(save)], input="no\n")
    assert result.exit_code == 130 and yaml.safe_load(save.read_text())["answers"]["rf_sudden_onset"] is False


# --- 22. clear messages ------------------------------------------------------------------------------

def test_bad_region_in_the_environment_names_the_variable(invoke, monkeypatch):
    monkeypatch.setenv("SCREENER_REGION", "mars")
    result = invoke(["run", VEGAN])
    assert result.exit_code == 2
    assert "SCREENER_REGION" in result.stderr and "--region" not in result.stderr


def test_bare_yes_as_a_name_keeps_its_text(invoke, tmp_path):
    result = invoke(["run", write(tmp_path, "y.yaml", "name: yes\nanswers: {tingling: yes}\n")])
    assert result.exit_code == 0 and result.stdout.startswith("Screening report: yes\n")


def test_jsonl_on_stdin_without_the_format_gets_a_hint(invoke):
    result = invoke(["run", "-"], input=GOOD_LINE + "\n" + GOOD_LINE + "\n")
    assert result.exit_code == 2 and "--input-format jsonl" in result.stderr


def test_empty_jsonl_is_an_error(invoke, tmp_path):
    result = invoke(["run", write(tmp_path, "e.jsonl", "")])
    assert result.exit_code == 2 and "empty" in result.stderr


# --- streaming batches ---------------------------------------------------------------------------

@posix_only
def test_a_batch_streams_report_by_report(screener_bin, clean_env):
    """The first report comes out before the rest of the input exists (no read-all-first)."""
    import select

    proc = subprocess.Popen([screener_bin, "run", "-", "--input-format", "jsonl", "-f", "json"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env)
    try:
        proc.stdin.write(b'{"name": "first", "answers": {"tingling": "yes"}}\n')
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], HANG)
        assert ready, "no report while the input is still open"
        assert json.loads(proc.stdout.readline())["name"] == "first"
        proc.stdin.write(b'{"name": "last", "answers": {"muscle_cramps": "yes"}}\n')
        proc.stdin.close()
        assert [json.loads(x)["name"] for x in proc.stdout.read().splitlines()] == ["last"]
        assert proc.wait(HANG) == 0
    finally:
        proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            stream.close()


def test_batch_output_file_appears_only_at_the_end(invoke, tmp_path):
    out = tmp_path / "out.jsonl"
    batch = write(tmp_path, "b.jsonl", (GOOD_LINE + "\n") * 3)
    result = invoke(["run", batch, "-f", "json", "-o", str(out)])
    assert result.exit_code == 0 and len(out.read_text().splitlines()) == 3
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".screener-")]
