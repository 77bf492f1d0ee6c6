"""Present a report: plain text for a terminal, Markdown for a doctor, JSON.

Text is wrapped to the terminal width and uses colour only through
click.style (click strips it when the stream is not a terminal, and ``main``
turns it off for NO_COLOR).  Nothing depends on colour or box art: piped to a
screen reader, every line still reads as a sentence.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from datetime import date

import click

from screener.facts import Case

URGENCY_TITLES = {
    "emergency": "EMERGENCY: get help now",
    "urgent": "URGENT: see a doctor today",
    "see_doctor": "SEE A DOCTOR: book an appointment",
    "self_care": "SELF-CARE: no urgent signs found",
}
URGENCY_COLOURS = {"emergency": "red", "urgent": "red", "see_doctor": "yellow", "self_care": "green"}
LEVEL_WORDS = {"high": "worth checking first", "moderate": "worth discussing", "low": "a possibility"}


def to_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, sort_keys=False)


def _width(width: int | None) -> int:
    if width:
        return width
    return max(40, min(shutil.get_terminal_size((88, 24)).columns, 100))


def _wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent, break_on_hyphens=False) or [first or indent]


def _based_on(suggestion: dict, case: Case) -> str:
    """'because you ...' in the person's own answers: the questions behind
    the positive evidence."""
    from screener.engine import catalogue
    from screener.questions import BY_ID

    cat = catalogue()
    words = []
    for item in suggestion["because"]:
        if item["cf"] <= 0:
            continue
        for clause in _answer_clauses(cat[item["rule"]].conditions):
            qid = clause["question"]
            value = case.answers.get(qid)
            if qid == "supplements" or value in (None, "unknown"):
                continue
            q = BY_ID[qid]
            if value is True:
                phrase = q.label
            elif q.kind == "age":
                phrase = f"age {value}"
            elif qid == "diet":
                phrase = f"a {value} diet"
            else:
                phrase = f"{q.label}: {value}"
            if phrase not in words:
                words.append(phrase)
    return "; ".join(words)


def _answer_clauses(conditions: list) -> list:
    out = []
    for c in conditions:
        if c.get("fact") == "Answer":
            out.append(c)
        elif "any" in c:
            out.extend(x for x in _answer_clauses(c["any"]) if x)
    return out


def render_text(report: dict, case: Case | None = None, width: int | None = None) -> str:
    w = _width(width)
    out: list[str] = []
    title = report.get("name") or report.get("source")
    if title:
        out.append(click.style(f"Screening report: {title}", bold=True))
        out.append("")
    urgency = report["urgency"]
    out.append(click.style(URGENCY_TITLES[urgency], fg=URGENCY_COLOURS[urgency], bold=True))
    out.extend(_wrap(report["advice"][0], w))
    if report["red_flags"]:
        out.append("")
        out.append(click.style("Warning signs you reported:", bold=True))
        for flag in report["red_flags"]:
            out.extend(_wrap(flag["advice"], w, "  ", "- "))
    out.append("")
    suggestions = report["suggestions"]
    if urgency == "emergency":
        out.extend(_wrap("Nutrient screening is not the priority now: get help first.", w))
    elif suggestions:
        out.append(click.style("What may be worth checking with a doctor", bold=True))
        for n, s in enumerate(suggestions, 1):
            out.append("")
            head = f"{n}. {s['name']}: {s['level']} ({LEVEL_WORDS[s['level']]}, confidence {s['confidence']:.2f})"
            out.append(click.style(head, bold=True))
            if case is not None:
                basis = _based_on(s, case)
                if basis:
                    out.extend(_wrap(f"Because you reported: {basis}.", w, "   ", "   "))
            out.append("   Reasons:")
            for item in s["because"]:
                sign = "+" if item["cf"] > 0 else "-"
                out.extend(_wrap(f"{item['text']} ({'for' if item['cf'] > 0 else 'against'})", w, "       ",
                                 f"     {sign} "))
            for cap in s.get("caps", []):
                out.extend(_wrap(f"Kept at or below {cap['limit']:.2f}: {cap['text']}", w, "       ", "     = "))
            out.extend(_wrap("Blood tests to ask about: " + "; ".join(s["tests"]) + ".", w, "   ", "   "))
            if s["food_sources"]:
                out.extend(_wrap("Food sources: " + "; ".join(s["food_sources"]) + ".", w, "   ", "   "))
            for c in s["cautions"]:
                out.extend(_wrap("Caution: " + c, w, "   ", "   "))
    else:
        out.extend(_wrap("No nutrient stands out from your answers.", w))
    if report["conditional_advice"]:
        out.append("")
        out.append(click.style("You did not answer some warning-sign questions. If any of these apply:", bold=True))
        for item in report["conditional_advice"]:
            out.extend(_wrap(item["advice"], w, "  ", "- "))
    if len(report["advice"]) > 1:
        out.append("")
        out.append(click.style("General advice", bold=True))
        for item in report["advice"][1:]:
            out.extend(_wrap(item, w, "  ", "- "))
    out.append("")
    out.extend(_wrap(report["disclaimer"], w))
    out.append(click.style(f"screener {report['screener_version']}, knowledge base {report['knowledge_version']}",
                           dim=True))
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def render_markdown(report: dict, case: Case | None = None, today: date | None = None) -> str:
    from screener.questions import BY_ID
    from screener.questions import SECTIONS
    from screener.report import answers_summary

    today = today or date.today()
    out = []
    title = report.get("name") or report.get("source") or "Screening summary"
    out.append(f"# {_md_escape(str(title))}")
    out.append("")
    out.append(f"**Urgency: {URGENCY_TITLES[report['urgency']]}.** {_md_escape(report['advice'][0])}")
    out.append("")
    out.append(f"*{_md_escape(report['disclaimer'])}*")
    out.append("")
    if report["red_flags"]:
        out.append("## Warning signs reported")
        out.append("")
        for flag in report["red_flags"]:
            out.append(f"- **{flag['urgency']}** ({_md_escape(flag['id'])}): {_md_escape(flag['advice'])}")
        out.append("")
    if case is not None:
        out.append("## Red-flag questions")
        out.append("")
        out.append("| Question | Answer |")
        out.append("|---|---|")
        for q in BY_ID.values():
            if q.section != "red_flags":
                continue
            value = case.answers.get(q.id, "unknown")
            shown = "yes" if value is True else "no" if value is False else "not asked / not sure"
            out.append(f"| {_md_escape(q.text)} | {shown} |")
        out.append("")
    out.append("## Suggestions to discuss")
    out.append("")
    if not report["suggestions"]:
        out.append("None listed." if report["urgency"] != "emergency"
                   else "None: the warning signs come first.")
        out.append("")
    for n, s in enumerate(report["suggestions"], 1):
        out.append(f"### {n}. {s['name']}: {s['level']} (confidence {s['confidence']:.2f})")
        out.append("")
        for item in s["because"]:
            word = "for" if item["cf"] > 0 else "against"
            out.append(f"- {word} ({item['cf']:+.2f}): {_md_escape(item['text'])} "
                       f"<sub>rule `{item['rule']}`; {_md_escape(item['source'])}</sub>")
        for cap in s.get("caps", []):
            out.append(f"- capped at {cap['limit']:.2f}: {_md_escape(cap['text'])}")
        out.append("")
        out.append("**Tests to ask about:** " + _md_escape("; ".join(s["tests"])))
        out.append("")
        for c in s["cautions"]:
            out.append(f"> **Caution:** {_md_escape(c)}")
            out.append("")
    if case is not None:
        out.append("## Answers given")
        out.append("")
        rows = answers_summary(case)
        for section, heading in SECTIONS:
            if section == "red_flags":
                continue
            mine = [r for r in rows if BY_ID[r[0]].section == section]
            if not mine:
                continue
            out.append(f"**{heading}:** " + "; ".join(f"{_md_escape(label)}: {value}" for _, label, value in mine))
            out.append("")
    out.append("## Advice")
    out.append("")
    for item in report["advice"]:
        out.append(f"- {_md_escape(item)}")
    out.append("")
    out.append("---")
    out.append(f"screener {report['screener_version']}, knowledge base {report['knowledge_version']}, "
               f"{today.isoformat()}")
    return "\n".join(out) + "\n"
