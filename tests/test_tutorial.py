"""docs/tutorial.md cannot go stale: every ``$ screener ...`` line in a
```console block is run, and its output compared with the block.

In the expected output, a line ``...`` matches any number of lines (zero or
more); trailing spaces are ignored.  A command is expected to exit 0, or 2
when the expected output contains ``Error:``.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


TUTORIAL = ROOT / "docs" / "tutorial.md"


def console_examples() -> list[tuple[int, str, list[str]]]:
    """(line number, command, expected output lines) for each command."""
    out = []
    lines = TUTORIAL.read_text(encoding="utf-8").splitlines()
    in_block = False
    current = None
    for n, line in enumerate(lines, 1):
        if not in_block:
            if line.strip() == "```console":
                in_block = True
            continue
        if line.strip() == "```":
            in_block = False
            current = None
            continue
        if line.startswith("$ "):
            current = (n, line[2:].strip(), [])
            out.append(current)
        elif current is None:
            raise AssertionError(f"tutorial.md:{n}: output before any command")
        else:
            current[2].append(line)
    return out


EXAMPLES = console_examples()


def test_tutorial_has_examples_for_every_teaching_command():
    commands = " | ".join(cmd for _, cmd, _ in EXAMPLES)
    for needed in ("--trace", "rules show", "rules list", "rules graph", "explain", "--why-not", "--how",
                   "diff", "--set"):
        assert needed in commands, needed
    assert "examples/vegan_tingling.yaml" in commands


# screener/options.py's open_trace calls click.get_text_stream, deprecated in click 8.5 (reported).
@pytest.mark.parametrize("line,command,expected", EXAMPLES, ids=[f"line{n}" for n, _, _ in EXAMPLES])
def test_tutorial_command_output(invoke, console_matches, monkeypatch, line, command, expected):
    # The tutorial shows what a terminal shows: stdout and stderr mixed, which
    # a plain CliRunner gives as ``output`` on every click version.
    terminal = CliRunner()
    args = shlex.split(command)
    assert args[0] == "screener", f"tutorial.md:{line}: only screener commands are checked"
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    result = invoke(args[1:], runner=terminal)
    want_error = any("Error:" in e for e in expected)
    assert result.exit_code == (2 if want_error else 0), (line, result.output)
    actual = result.output.splitlines()
    if not console_matches(expected, actual):
        shown = "\n".join(actual[:80])
        pytest.fail(f"tutorial.md:{line}: output of `{command}` differs.\n--- expected:\n"
                    + "\n".join(expected) + f"\n--- actual (first 80 lines):\n{shown}")


def test_matcher(console_matches):
    assert console_matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert console_matches(["a", "..."], ["a"])
    assert not console_matches(["a", "...", "d"], ["a", "b"])
    assert not console_matches(["a"], ["a", "b"])
    assert console_matches(["...", "x", "..."], ["a", "x", "b"])


def test_no_tracebacks_or_placeholders_in_tutorial():
    text = TUTORIAL.read_text(encoding="utf-8")
    assert "Traceback" not in text
    assert not re.search(r"\bTODO\b", text)
