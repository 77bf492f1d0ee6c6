"""Every bundled example's report, pinned.

For each fact file in examples/, ``screener run FILE --format json`` and the
text report are compared with the snapshots committed in tests/golden/
(``<file>.json``: the report, or the list of reports of a batch, indented;
``<file>.txt``: the text report, 88 columns, no colour).  Runs are made by
bare file name from inside examples/, so snapshots hold no path and no date.

A change to the knowledge base, the scoring or the wording that changes a
report fails here on purpose.  When the change is intended, rewrite every
snapshot in one step and review the diff:

    python -m pytest tests/test_golden.py --update-golden
    git diff tests/golden
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
FACT_SUFFIXES = (".yaml", ".yml", ".json", ".toml", ".jsonl")
UPDATE = "python -m pytest tests/test_golden.py --update-golden"
FILES = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in FACT_SUFFIXES)


def snapshots(name: str, run: dict) -> dict[str, str]:
    """The snapshot files for one example: name -> text."""
    reports = run["json"]
    data = reports if name.endswith(".jsonl") else reports[0]
    if not name.endswith(".jsonl"):
        assert len(reports) == 1, f"{name}: one case, one report"
    return {f"{name}.json": json.dumps(data, indent=2, ensure_ascii=False) + "\n",
            f"{name}.txt": run["text"]}


@pytest.mark.parametrize("name", FILES)
def test_example_report_is_the_committed_one(name, example_runs, request):
    changed = []
    for file, text in snapshots(name, example_runs[name]).items():
        golden = GOLDEN / file
        if request.config.getoption("--update-golden"):
            GOLDEN.mkdir(exist_ok=True)
            if not golden.exists() or golden.read_text(encoding="utf-8") != text:
                golden.write_text(text, encoding="utf-8")
            continue
        if not golden.exists():
            changed.append(f"no snapshot tests/golden/{file}")
            continue
        expected = golden.read_text(encoding="utf-8")
        if expected != text:
            changed.append("".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                                        f"tests/golden/{file} (committed)", f"{file} (now)", n=2)))
    if changed:
        pytest.fail(f"the report of examples/{name} changed:\n" + "\n".join(changed) +
                    f"\nIf this change is intended, run: {UPDATE}\nand review: git diff tests/golden",
                    pytrace=False)


def test_every_snapshot_belongs_to_an_example(request):
    expected = {f"{name}{ext}" for name in FILES for ext in (".json", ".txt")}
    present = {p.name for p in GOLDEN.iterdir()} if GOLDEN.exists() else set()
    stale = present - expected
    if stale and request.config.getoption("--update-golden"):
        for name in stale:
            (GOLDEN / name).unlink()
        stale = set()
    assert not stale, f"snapshots without an example: {sorted(stale)}; remove them with {UPDATE}"
    assert FILES, "examples/ holds no fact file"


def test_snapshots_hold_no_path_or_date():
    for path in sorted(GOLDEN.glob("*")):
        text = path.read_text(encoding="utf-8")
        assert str(ROOT) not in text and "/examples/" not in text, f"{path.name} holds a path"
        assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d", text), f"{path.name} holds a date"
