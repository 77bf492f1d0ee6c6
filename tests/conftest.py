"""Shared fixtures.  Subprocess and terminal tests run the *installed*
``screener`` script (never ``python -m screener`` from the checkout, whose
``screener/`` lacks the installed ``screener.rules``).

Test modules take what they share from here as fixtures (``runner``,
``invoke``, ``session_invoke``, ``example_runs``, ``console_matches``,
``screener_bin``, ``clean_env``), never by ``from conftest import`` or from
another test module: a conftest is pytest's plugin, not an importable module.
Paths are one line in each module (``Path(__file__).resolve().parent.parent``).
``--update-golden`` rewrites tests/golden/ (see tests/test_golden.py)."""

from __future__ import annotations

import inspect
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner


def screener_path() -> str:
    beside = Path(sys.executable).parent / "screener"
    if beside.exists():
        return str(beside)
    found = shutil.which("screener")
    if not found:
        pytest.skip("the screener console script is not installed")
    return found


def _console_lines_match(expected: list[str], actual: list[str]) -> bool:
    """Line-wise match where a ``...`` line stands for any number of lines."""
    exp = [e.rstrip() for e in expected]
    act = [a.rstrip() for a in actual]
    # memo[i][j]: expected[i:] matches actual[j:]
    memo: dict[tuple[int, int], bool] = {}

    def go(i: int, j: int) -> bool:
        key = (i, j)
        if key in memo:
            return memo[key]
        if i == len(exp):
            result = j == len(act)
        elif exp[i] == "...":
            result = any(go(i + 1, k) for k in range(j, len(act) + 1))
        else:
            result = j < len(act) and exp[i] == act[j] and go(i + 1, j + 1)
        memo[key] = result
        return result

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20000))
    try:
        return go(0, 0)
    finally:
        sys.setrecursionlimit(limit)


@pytest.fixture
def console_matches():
    """``console_matches(expected, actual)``: documented console output
    (docs/tutorial.md, docs/labs/) against the real lines, where a ``...``
    line stands for any number of lines."""
    return _console_lines_match


@pytest.fixture
def screener_bin() -> str:
    return screener_path()


@pytest.fixture
def clean_env(tmp_path) -> dict:
    """Environment for subprocesses: no colour, no region, private state folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("SCREENER_REGION", "FORCE_COLOR")}
    env["NO_COLOR"] = "1"
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    return env


def make_runner() -> CliRunner:
    """A CliRunner with stdout and stderr apart on every click version:
    click 8.2+ always keeps them apart (``output`` is the mix); click 8.1, the
    last release for Python 3.9, needs ``mix_stderr=False``."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)
    return CliRunner()


@pytest.fixture
def runner(monkeypatch, tmp_path) -> CliRunner:
    monkeypatch.delenv("SCREENER_REGION", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return make_runner()


@pytest.fixture
def invoke(runner):
    """``invoke(args, **kw)`` runs the click group the way ``main`` does (exit
    codes included) with the ``runner`` fixture; pass ``runner=`` for another
    CliRunner (a plain ``CliRunner()`` mixes stdout and stderr as a terminal does)."""
    from screener.cli import cli

    def invoke(args, runner: CliRunner = runner, **kw):
        return runner.invoke(cli, args, **kw)

    return invoke


# --- the bundled examples, run once per session ----------------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FACT_SUFFIXES = (".yaml", ".yml", ".json", ".toml", ".jsonl")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current reports of examples/ "
                          "(then review them with git diff tests/golden)")


@pytest.fixture(scope="session")
def session_invoke(tmp_path_factory):
    """``invoke`` for session- or module-scoped fixtures whose one run many
    tests read: the same CLI, stdout and stderr apart, no colour, no region,
    a private state folder; ``env=`` adds variables (None removes one)."""
    from screener.cli import cli

    runner = make_runner()
    base = {"NO_COLOR": "1", "FORCE_COLOR": None, "SCREENER_REGION": None,
            "XDG_STATE_HOME": str(tmp_path_factory.mktemp("state"))}

    def invoke(args, env=None, **kw):
        return runner.invoke(cli, args, env={**base, **(env or {})}, **kw)

    return invoke


@pytest.fixture(scope="session")
def example_runs(session_invoke) -> dict:
    """Every fact file in examples/ run once per session through the CLI, in
    this process: ``{file name: {"json": [report, ...], "text": str}}``.

    Each file is run by its bare name from inside examples/ (so a report's
    ``source`` carries no path), 88 columns wide, without colour, region or
    saved state, exactly as ``cd examples && screener run FILE [--format json]``.
    """
    import json

    runs = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(EXAMPLES)
        for path in sorted(p for p in EXAMPLES.iterdir() if p.suffix in FACT_SUFFIXES):
            as_json = session_invoke(["run", path.name, "--format", "json"], catch_exceptions=False)
            as_text = session_invoke(["run", path.name], env={"COLUMNS": "88"}, catch_exceptions=False)
            for result in (as_json, as_text):
                assert result.exit_code == 0 and not result.stderr, (path.name, result.exit_code, result.stderr)
            runs[path.name] = {"json": [json.loads(line) for line in as_json.stdout.splitlines() if line.strip()],
                               "text": as_text.stdout}
    return runs
