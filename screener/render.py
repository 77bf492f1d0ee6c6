"""Present a report: plain text for a terminal, Markdown for a doctor, JSON.

Text is wrapped to the terminal width and uses colour only through
click.style (click strips it when the stream is not a terminal, and ``main``
turns it off for NO_COLOR).  Nothing depends on colour or box art: piped to a
screen reader, every line still reads as a sentence.
"""

from __future__ import annotations

import json
import os
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
    return max(40, min(terminal_columns(), 100))


def terminal_columns(default: int = 88) -> int:
    """The terminal width, like shutil.get_terminal_size (COLUMNS first),
    without importing shutil on the start-up path."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(1).columns or default
    except (OSError, ValueError):
        return default


def _wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent, break_on_hyphens=False) or [first or indent]


def _heading(text: str, w: int, **style) -> list[str]:
    return [click.style(line, bold=True, **style) for line in _wrap(text, w)]


def _conditional_lines(report: dict, w: int) -> list[str]:
    """Unanswered warning signs, grouped by what to do."""
    from screener.questions import BY_ID

    groups: dict[str, list[str]] = {"emergency": [], "urgent": []}
    for item in report["conditional_advice"]:
        groups[item.get("urgency") or BY_ID[item["id"]].urgency].append(BY_ID[item["id"]].label)
    out = []
    if groups["emergency"]:
        out.extend(_wrap(f"Call {report['emergency_number']} now if you notice any of: " + "; ".join(groups["emergency"]) + ".",
                         w, "  ", "- "))
    if groups["urgent"]:
        out.extend(_wrap("See a doctor today (in the UK, call 111) if you notice any of: " + "; ".join(groups["urgent"]) + ".",
                         w, "  ", "- "))
    return out


def _suggestion_lines(n: int, s: dict, w: int) -> list[str]:
    out = _heading(f"{n}. {s['name']}: {LEVEL_WORDS[s['level']]} ({s['level']}, confidence "
                   f"{s['confidence']:.2f})", w)
    if s.get("summary"):
        out.extend(_wrap(s["summary"][0].upper() + s["summary"][1:] + ".", w, "   ", "   "))
    for item in s["because"]:
        word = "For" if item["cf"] > 0 else "Against"
        out.extend(_wrap(f"{word}: {item['text']}.", w, "     ", "   - "))
    for cap in s.get("caps", []):
        out.extend(_wrap(f"Limit: kept at or below {cap['limit']:.2f}, because {cap['text']}.", w, "     ", "   - "))
    out.extend(_wrap("Blood tests to ask about: " + "; ".join(s["tests"]) + ".", w, "   ", "   "))
    if s["food_sources"]:
        out.extend(_wrap("Food sources: " + "; ".join(s["food_sources"]) + ".", w, "   ", "   "))
    for c in s["cautions"]:
        out.extend(_wrap("Caution: " + c, w, "   ", "   "))
    return out


def _low_lines(s: dict, w: int) -> list[str]:
    reasons = "; ".join(item["text"] for item in s["because"] if item["cf"] > 0)
    out = _wrap(f"{s['name']}, low ({s['confidence']:.2f}): {reasons}. Test: {s['tests'][0]}.", w, "  ", "- ")
    for c in s["cautions"]:
        out.extend(_wrap("Caution: " + c, w, "    ", "    "))
    return out


def render_text(report: dict, case: Case | None = None, width: int | None = None) -> str:
    """The report for a person at a terminal: urgency first, then suggestions."""
    w = _width(width)
    out: list[str] = []
    title = report.get("name") or report.get("source")
    if title:
        out.extend(_heading(f"Screening report: {title}", w))
        out.append("")
    urgency = report["urgency"]
    out.extend(_heading(URGENCY_TITLES[urgency], w, fg=URGENCY_COLOURS[urgency]))
    out.extend(_wrap(report["advice"][0], w))
    if report["red_flags"]:
        out.append("")
        out.extend(_heading("Warning signs in your answers:", w))
        for flag in report["red_flags"]:
            out.extend(_wrap(flag["advice"], w, "  ", "- "))
    elif report.get("urgency_reasons") and urgency != "self_care":
        reasons = [r["text"] for r in report["urgency_reasons"] if not r["rule"].startswith("suggestion:")]
        if reasons:
            out.extend(_wrap("Why: " + "; ".join(reasons) + ".", w))
    out.append("")
    suggestions = report["suggestions"]
    if urgency == "emergency":
        out.extend(_wrap("Nutrients are not the priority now: get help first.", w))
    elif suggestions:
        main = [s for s in suggestions if s["level"] != "low"]
        low = [s for s in suggestions if s["level"] == "low"]
        if main:
            out.extend(_heading("What may be worth checking with a doctor", w))
            for n, s in enumerate(main, 1):
                out.append("")
                out.extend(_suggestion_lines(n, s, w))
        if low:
            out.append("")
            heading = "Less likely, but possible" if main else "Possible, but nothing points strongly anywhere"
            out.extend(_heading(f"{heading} (only shared symptoms, or no risk factor, point there):", w))
            for s in low:
                out.extend(_low_lines(s, w))
    else:
        out.extend(_wrap("No nutrient stands out from your answers.", w))
    if report["conditional_advice"]:
        out.append("")
        out.extend(_heading("Some warning-sign questions were not answered. Act at once if any applies:", w))
        out.extend(_conditional_lines(report, w))
    if len(report["advice"]) > 1:
        out.append("")
        out.extend(_heading("General advice", w))
        for item in report["advice"][1:]:
            out.extend(_wrap(item, w, "  ", "- "))
    out.append("")
    out.extend(_wrap(report["disclaimer"], w))
    out.append(click.style(f"screener {report['screener_version']}, knowledge base {report['knowledge_version']}",
                           dim=True))
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _cell(text: str) -> str:
    return _md_escape(text).replace("\n", " ")


def render_markdown(report: dict, case: Case | None = None, today: date | None = None) -> str:
    """A one-page summary to take to a doctor."""
    from screener.questions import BY_ID
    from screener.questions import SECTIONS
    from screener.report import answers_summary

    today = today or date.today()
    title = report.get("name") or report.get("source") or "Screening summary"
    out = [f"# Screening summary: {_md_escape(str(title))}", ""]
    out.append(f"*{today.isoformat()} · screener {report['screener_version']} · knowledge base "
               f"{report['knowledge_version']} · {_md_escape(report['disclaimer'])}*")
    out.append("")
    out.append(f"**Urgency: {URGENCY_TITLES[report['urgency']]}.** {_md_escape(report['advice'][0])}")
    out.append("")
    reasons = [r["text"] for r in report.get("urgency_reasons", [])]
    if reasons:
        out.append("Why: " + _md_escape("; ".join(reasons)) + ".")
        out.append("")
    if report["red_flags"]:
        out.append("## Warning signs reported")
        out.append("")
        for flag in report["red_flags"]:
            out.append(f"- **{flag['urgency']}** ({_md_escape(flag['id'])}, {flag['kind']}): "
                       f"{_md_escape(flag['advice'])}")
        out.append("")
    out.append("## Suggestions to discuss")
    out.append("")
    if report["suggestions"]:
        out.append("| # | Nutrient | Level | For | Against | Tests to ask about |")
        out.append("|---|---|---|---|---|---|")
        for n, s in enumerate(report["suggestions"], 1):
            pro = "; ".join(f"{i['text']} ({i['cf']:+.2f})" for i in s["because"] if i["cf"] > 0)
            con = "; ".join(f"{i['text']} ({i['cf']:+.2f})" for i in s["because"] if i["cf"] < 0)
            con += "".join(f"; capped at {c['limit']:.2f}: {c['text']}" for c in s.get("caps", []))
            out.append(f"| {n} | {s['name']} | {s['level']} ({s['confidence']:.2f}) | {_cell(pro)} | "
                       f"{_cell(con.lstrip('; ')) or '-'} | {_cell('; '.join(s['tests']))} |")
        out.append("")
        cautions = []
        for s in report["suggestions"]:
            cautions.extend(f"**{s['name']}:** {_md_escape(c)}" for c in s["cautions"])
        if cautions:
            out.append("**Cautions**")
            out.append("")
            out.extend(f"- {c}" for c in cautions)
            out.append("")
    else:
        out.append("None listed." if report["urgency"] != "emergency" else "None: the warning signs come first.")
        out.append("")
    if case is not None:
        out.append("## Warning-sign questions asked")
        out.append("")
        out.append("| Warning sign | Answer |")
        out.append("|---|---|")
        for q in BY_ID.values():
            if q.section == "red_flags":
                value = case.answers.get(q.id, "unknown")
                shown = "**yes**" if value is True else "no" if value is False else "not answered / not sure"
                out.append(f"| {_cell(q.label)} | {shown} |")
        out.append("")
        out.append("## Answers given")
        out.append("")
        rows = answers_summary(case)
        for section, heading in SECTIONS[1:]:
            mine = [r for r in rows if BY_ID[r[0]].section == section]
            if mine:
                out.append(f"- **{heading}:** " + "; ".join(f"{_md_escape(label)}: {value}" for _, label, value in mine))
        out.append("")
    out.append("## Advice given to the person")
    out.append("")
    out.extend(f"- {_md_escape(item)}" for item in report["advice"])
    out.append("")
    return "\n".join(out)
