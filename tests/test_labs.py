"""docs/labs/ cannot go stale: every ``$ screener ...`` line in a ```console
block of a lab sheet is run and its output compared with the block, the way
tests/test_tutorial.py checks docs/tutorial.md: a line ``...`` matches any
number of lines, and a line ending in `` ...`` matches any line that starts
with the text before it (for lists that grow with the knowledge base)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent

LABS = ROOT / "docs" / "labs"
SHEETS = ("1-forward-chaining.md", "2-certainty-factors.md", "3-conflict-resolution.md")


def console_examples(path) -> list[tuple[str, int, str, list[str]]]:
    out = []
    in_block = False
    current = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not in_block:
            if line.strip() == "```console":
                in_block = True
            continue
        if line.strip() == "```":
            in_block, current = False, None
            continue
        if line.startswith("$ "):
            current = (path.name, n, line[2:].strip(), [])
            out.append(current)
        elif current is None:
            raise AssertionError(f"{path.name}:{n}: output before any command")
        else:
            current[3].append(line)
    return out


def line_matches(expected: str, actual: str) -> bool:
    if expected.endswith(" ...") and expected != "...":
        return actual.startswith(expected[:-3])
    return expected == actual


@pytest.fixture
def lab_matches(console_matches):
    """console_matches, after replacing each prefix line by the actual line it matches."""
    def matches(expected: list[str], actual: list[str]) -> bool:
        exp = [e.rstrip() for e in expected]
        act = [a.rstrip() for a in actual]
        prefixes = [e for e in exp if e.endswith(" ...") and e != "..."]
        if not prefixes:
            return console_matches(exp, act)
        # a prefix line stands for the one actual line it matches (each prefix is unique in a block)
        resolved = []
        for e in exp:
            if e in prefixes:
                hits = [a for a in act if line_matches(e, a)]
                if len(hits) != 1:
                    return False
                resolved.append(hits[0])
            else:
                resolved.append(e)
        return console_matches(resolved, act)

    return matches


EXAMPLES = [ex for sheet in SHEETS for ex in console_examples(LABS / sheet)]


def test_matcher_prefix_lines(lab_matches):
    assert lab_matches(["a", "b ..."], ["a", "b c d"])
    assert not lab_matches(["a", "b ..."], ["a", "c"])
    assert lab_matches(["...", "x", "..."], ["a", "x", "b"])


def test_three_sheets_with_exercises_and_answers():
    for sheet in SHEETS:
        text = (LABS / sheet).read_text(encoding="utf-8")
        assert "## Exercises" in text and "## Answers" in text, sheet
        exercises = re.findall(r"^\*\*(\d\.\d)\*\*", text.split("## Answers")[0], re.M)
        answers = re.findall(r"^\*\*(\d\.\d)\*\*", text.split("## Answers")[1], re.M)
        assert exercises and exercises == answers, sheet
        assert "Traceback" not in text and not re.search(r"\bTODO\b", text)
    index = (LABS / "README.md").read_text(encoding="utf-8")
    for sheet in SHEETS:
        assert f"]({sheet})" in index


def test_labs_use_the_teaching_commands():
    commands = " | ".join(cmd for _, _, cmd, _ in EXAMPLES)
    for needed in ("step", "matches", "agenda", "run 1", "strategy breadth", "retract", "assert", "how",
                   "--format reasoning", "explain", "--how", "--why-not", "diff"):
        assert needed in commands, needed


@pytest.mark.parametrize("sheet,line,command,expected", EXAMPLES,
                         ids=[f"{s.split('-')[0]}-line{n}" for s, n, _, _ in EXAMPLES])
def test_lab_command_output(invoke, lab_matches, monkeypatch, sheet, line, command, expected):
    terminal = CliRunner()  # stdout and stderr mixed, as a terminal shows them
    args = shlex.split(command)
    assert args[0] == "screener", f"{sheet}:{line}: only screener commands are checked"
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SCREENER_REGION", raising=False)
    result = invoke(args[1:], runner=terminal)
    # a bad command inside a step session is reported, and the session still ends with 0
    want_error = any("Error:" in e for e in expected) and args[1] != "step"
    assert result.exit_code == (2 if want_error else 0), (sheet, line, result.output)
    actual = result.output.splitlines()
    if not lab_matches(expected, actual):
        shown = "\n".join(actual[:100])
        pytest.fail(f"{sheet}:{line}: output of `{command}` differs.\n--- expected:\n" + "\n".join(expected)
                    + f"\n--- actual (first 100 lines):\n{shown}")
