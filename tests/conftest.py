"""Shared fixtures.  Subprocess and terminal tests run the *installed*
``screener`` script (never ``python -m screener`` from the checkout, whose
``screener/`` lacks the installed ``screener.rules``).

Test modules take what they share from here as fixtures (``runner``,
``invoke``, ``screener_bin``, ``clean_env``), never by ``from conftest
import``: a conftest is pytest's plugin, not an importable module.  Paths are
one line in each module (``Path(__file__).resolve().parent.parent``)."""

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
