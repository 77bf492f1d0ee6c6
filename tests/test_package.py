"""The installed package: the knowledge base imports as screener.rules."""

import subprocess

import screener
import screener.rules


def test_rules_install_as_screener_rules():
    assert screener.rules.__name__ == "screener.rules"
    assert len(screener.rules.MODULES) == 11
    assert set(screener.rules.NUTRIENT_MODULES) == {
        "vitamin_b12", "vitamin_d", "thiamine", "folate", "vitamin_e", "iron", "magnesium", "potassium"}


def test_version_and_help_from_installed_script(screener_bin, clean_env):
    out = subprocess.run([screener_bin, "--version"], capture_output=True, text=True, env=clean_env)
    assert out.returncode == 0
    assert out.stdout.strip() == f"screener, version {screener.__version__}"
    out = subprocess.run([screener_bin, "--help"], capture_output=True, text=True, env=clean_env)
    assert out.returncode == 0
    assert out.stdout.startswith("Usage: screener")
