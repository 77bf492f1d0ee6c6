"""The question bank and the rule catalogue as data and tables."""

from __future__ import annotations

import shutil
import textwrap

from screener.questions import QUESTIONS


def questions_in(clauses) -> set[str]:
    """Question ids a rule's conditions mention (directly, not via Signs)."""
    from screener import kb

    return {leaf.question for leaf, _ in kb.walk(clauses) if isinstance(leaf, kb.AnswerClause)}


def informs() -> dict[str, list[str]]:
    """Question id -> the nutrients, red flags and urgency levels it bears on.

    Follows intermediate ``Sign`` facts: a question that feeds a Sign informs
    whatever the rules matching that Sign conclude.
    """
    from screener.engine import catalogue

    cat = catalogue()
    sign_questions: dict[str, set[str]] = {}
    for info in cat.values():
        if info.effect == "sign":
            sign_questions.setdefault(info.concern, set()).update(questions_in(info.clauses))
    changed = True
    while changed:  # signs built on signs
        changed = False
        for info in cat.values():
            if info.effect != "sign":
                continue
            for sign in signs_in(info.clauses):
                extra = sign_questions.get(sign, set()) - sign_questions[info.concern]
                if extra:
                    sign_questions[info.concern] |= extra
                    changed = True
    out: dict[str, set[str]] = {q.id: set() for q in QUESTIONS}
    for info in cat.values():
        if info.effect in ("sign", "suspect"):
            continue
        target = info.concern if info.effect != "concern" else f"urgency:{info.concern}"
        if info.effect == "red_flag":
            target = info.concern
        qs = questions_in(info.clauses)
        for sign in signs_in(info.clauses):
            qs |= sign_questions.get(sign, set())
        for q in qs:
            if target != "*":
                out[q].add(target)
            else:  # generic rules (supplements, one-sided): every suspected nutrient
                out[q].add("any suspected nutrient")
    return {k: sorted(v) for k, v in out.items()}


def signs_in(clauses) -> set[str]:
    """Sign names a rule's conditions mention (under NOT too)."""
    from screener import kb

    return {name for leaf, _ in kb.walk(clauses) if isinstance(leaf, kb.FactClause) and leaf.fact == "Sign"
            for k, c in leaf.fields if k == "name" and isinstance(c, kb.Literal) for name in c.values}


def questions_data() -> list[dict]:
    inf = informs()
    return [{"id": q.id, "section": q.section, "question": q.text, "kind": q.kind, "allowed": q.values,
             "urgency": q.urgency, "informs": inf[q.id]} for q in QUESTIONS]


def questions_table(width: int | None = None) -> str:
    width = width or max(60, min(shutil.get_terminal_size((100, 24)).columns, 140))
    inf = informs()
    rows = []
    idw = max(len(q.id) for q in QUESTIONS)
    for q in QUESTIONS:
        allowed = q.allowed
        informs_text = ", ".join(inf[q.id]) or "-"
        text_w = max(30, width - idw - 3)
        body = textwrap.wrap(q.text, text_w) + textwrap.wrap(f"allowed: {allowed}", text_w, subsequent_indent="  ") \
            + textwrap.wrap(f"informs: {informs_text}", text_w, subsequent_indent="  ")
        rows.append(f"{q.id.ljust(idw)}   {body[0]}")
        rows.extend(" " * (idw + 3) + line for line in body[1:])
    header = f"{'id'.ljust(idw)}   question / allowed values / what it informs"
    return "\n".join([header, "-" * min(width, len(header) + 20), *rows])
