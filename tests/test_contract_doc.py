"""docs/contract.md is the contract written out for users: every question id of the bank is
listed there with the words the interview asks, so the two cannot drift apart."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from screener.questions import QUESTIONS

CONTRACT = (Path(__file__).resolve().parent.parent / "docs" / "contract.md").read_text(encoding="utf-8")
ROWS: dict = {}
for m in re.finditer(r"^\| ([a-z_0-9]+) \| (.+?) \|", CONTRACT, re.M):
    ROWS.setdefault(m.group(1), m.group(2))  # section 2 first; the red-flag table after it summarises


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_every_question_id_is_in_the_written_contract_with_its_words(question):
    assert question.id in ROWS, f"docs/contract.md lists no row for {question.id}"
    assert ROWS[question.id].startswith(question.text), (question.id, ROWS[question.id], question.text)
