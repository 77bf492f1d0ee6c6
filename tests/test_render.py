"""Text and Markdown reports: what a person and a doctor read."""

from __future__ import annotations

import re
from datetime import date

import pytest
from markdown_it import MarkdownIt

from conftest import EXAMPLES
from screener.facts import iter_cases
from screener.render import render_markdown
from screener.render import render_text
from screener.report import report_for

ANSI = re.compile(r"\x1b\[[0-9;]*m")
FILES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".json", ".toml"))


def plain(text: str) -> str:
    return ANSI.sub("", text)


def _case(name):
    (case,) = iter_cases([str(EXAMPLES / name)])
    return case


def test_text_leads_with_urgency_and_wraps(tmp_path):
    case = _case("vegan_tingling.yaml")
    text = plain(render_text(report_for(case), case, width=60))
    lines = text.splitlines()
    assert lines[0] == "Screening report: Vegan runner with tingling feet"
    assert lines[2] == "SEE A DOCTOR: book an appointment"
    assert all(len(line) <= 60 for line in lines)
    assert "1. Vitamin B12: worth checking first (high, confidence 0.65)" in text
    assert "Because you eat a vegan diet and reported numbness and tingling (pins and needles)." in \
        " ".join(text.split())
    assert lines[-2].startswith("This is a screening aid") or "not a diagnosis" in " ".join(lines[-3:])


def test_text_emergency_has_no_nutrient_talk():
    case = _case("stroke_signs.yaml")
    text = plain(render_text(report_for(case, "uk"), case, width=80))
    assert text.splitlines()[2] == "EMERGENCY: get help now"
    for nutrient in ("Vitamin B12", "Iron", "Magnesium", "Blood tests", "Food sources"):
        assert nutrient not in text


def test_text_low_suggestions_are_compact():
    case = _case("vegan_tingling.yaml")
    text = plain(render_text(report_for(case), case, width=100))
    assert "Less likely, but possible" in text
    assert re.search(r"^- Thiamine \(vitamin B1\), low \(0\.10\): ", text, re.M)


def test_text_has_no_colour_codes_when_rendered_for_a_pipe():
    case = _case("vegan_tingling.yaml")
    # click.style adds codes; click.echo strips them off a terminal. The
    # renderer's own output carries them so a TTY can show colour...
    styled = render_text(report_for(case), case)
    assert ANSI.search(styled)
    # ...and nothing is lost when they are stripped (screen readers, pipes).
    plain = ANSI.sub("", styled)
    assert "SEE A DOCTOR" in plain and "\x1b" not in plain


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_markdown_renders_to_a_clean_page(path):
    (case,) = iter_cases([str(path)])
    report = report_for(case)
    md = render_markdown(report, case, today=date(2026, 11, 27))
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert html.startswith("<h1>Screening summary: ")
    assert "2026-11-27" in html and report["knowledge_version"] in html
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert headings[:1] in (["Warning signs reported"], ["Suggestions to discuss"])
    assert "Warning-sign questions asked" in headings and "Answers given" in headings
    tables = html.count("<table>")
    body_rows = html.count("<tr>") - tables  # header rows
    assert body_rows == len(report["suggestions"]) + 13
    assert tables == (2 if report["suggestions"] else 1)
    # every cell of the suggestions table has its six columns
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)[1:len(report["suggestions"]) + 1]:
        assert row.count("<td>") == 6
    assert "not a diagnosis" in html
    assert "**" not in re.sub(r"<code>.*?</code>", "", html)  # no unrendered emphasis


def test_markdown_escapes_user_text():
    (case,) = iter_cases([str(EXAMPLES / "vegan_tingling.yaml")])
    case.name = "Pipe | and *stars* and _under_"
    md = render_markdown(report_for(case), case)
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "Pipe | and *stars* and _under_" in html
