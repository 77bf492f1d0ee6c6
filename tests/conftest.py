"""Shared fixtures.  Subprocess and terminal tests run the *installed*
``screener`` script (never ``python -m screener`` from the checkout, whose
``screener/`` lacks the installed ``screener.rules``)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def screener_path() -> str:
    beside = Path(sys.executable).parent / "screener"
    if beside.exists():
        return str(beside)
    found = shutil.which("screener")
    if not found:
        pytest.skip("the screener console script is not installed")
    return found


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


@pytest.fixture
def runner(monkeypatch, tmp_path) -> CliRunner:
    monkeypatch.delenv("SCREENER_REGION", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return CliRunner()


def invoke(runner: CliRunner, args, **kw):
    """Invoke the click group the way ``main`` does (exit codes included)."""
    from screener.cli import cli

    return runner.invoke(cli, args, **kw)
