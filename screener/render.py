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
        from screener.report import fill_number

        out.extend(_wrap(fill_number("See a doctor today (in the UK, call 111) if you notice any of: "
                                     + "; ".join(groups["urgent"]) + ".", report.get("region")), w, "  ", "- "))
    return out


#: The short word for a nutrient in "low B12", "a B12 test".
SHORT_NAMES = {
    "vitamin_b12": "B12", "vitamin_d": "vitamin D", "thiamine": "thiamine", "folate": "folate",
    "vitamin_e": "vitamin E", "iron": "iron", "magnesium": "magnesium", "potassium": "potassium",
}
#: How strongly the answers point to a nutrient, in words (never a number).
STRENGTH = {
    "high": "a strong reason to ask for {a} {short} test",
    "moderate": "a reason to ask about {a} {short} test",
    "low": "a weak pointer",
}
FULL_SUGGESTIONS = 3  # at most this many suggestions in full; the rest one line each


def strength_words(s: dict) -> str:
    short = SHORT_NAMES.get(s["nutrient"], s["name"])
    return STRENGTH[s["level"]].format(short=short, a="an" if short[:1] in "aeiou" else "a")


def _symptom_sentence(s: dict) -> str:
    """Reasons the right way round: "low B12 can cause numbness", not "numbness is typical of B12"."""
    from screener.questions import BY_ID
    from screener.questions import join_words

    labels = [BY_ID[q].label for q in s.get("explains", []) if q in BY_ID]
    if not labels:
        return ""
    short = SHORT_NAMES.get(s["nutrient"], s["name"])
    text = f"Low {short} can cause {join_words(labels)}"
    telling = any(i["kind"] == "cardinal" and i["cf"] > 0 for i in s["because"] if "kind" in i)
    if not telling:
        text += (", but most of these have other causes" if len(labels) > 1
                 else ", but this has many other causes")
    return text + "."


def _risk_reasons(s: dict) -> list[str]:
    return [i["text"] for i in s["because"] if i["cf"] > 0 and i.get("kind") not in ("cardinal", "supporting", "minor")]


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _suggestion_lines(n: int, s: dict, w: int) -> list[str]:
    out = _heading(f"{n}. {s['name']}: {strength_words(s)}", w)
    why = []
    risks = _risk_reasons(s)
    if risks:
        why.append("; ".join(risks) + ".")
    symptoms = _symptom_sentence(s)
    if symptoms:
        why.append(symptoms)
    if why:
        out.extend(_wrap("Why: " + " ".join(why), w, "   ", "   "))
    against = [i["text"] for i in s["because"] if i["cf"] < 0]
    if against:
        out.extend(_wrap("Pointing the other way: " + "; ".join(against) + ".", w, "   ", "   "))
    out.extend(_wrap("Blood tests to ask about: " + "; ".join(s["tests"]) + ".", w, "   ", "   "))
    # Cautions that matter for this person: their own (from their answers), and the
    # general ones of a nutrient their answers point to strongly.  Food sources are
    # left to the Markdown summary: a blood test comes first.
    personal = s.get("personal_cautions", [])
    for c in s["cautions"]:
        if c in personal or s["level"] == "high":
            out.extend(_wrap("Caution: " + c, w, "   ", "   "))
    return out


def _brief_lines(rest: list[dict], w: int) -> list[str]:
    """The suggestions not shown in full, one line each (those that only
    fit the symptoms share one line): no cautions, no numbers."""
    from screener.scoring import NO_TELLING_CAP_RULE
    from screener.scoring import lifts

    out, fit_only = [], []
    for s in rest:
        risks = _risk_reasons(s)
        if not risks and s["level"] == "low":
            fit_only.append(s["name"])
            continue
        why = risks[0] if risks else "your symptoms fit"
        if lifts(s["because"]) and any(c["rule"] == NO_TELLING_CAP_RULE for c in s.get("caps", [])):
            # 2026.12: a real risk factor, but only shared symptoms: say which half is missing
            out.extend(_wrap(f"{s['name']}: could be low ({why}), but none of your symptoms "
                             "points to it in particular.", w, "  ", "- "))
            continue
        out.extend(_wrap(f"{s['name']}: {strength_words(s)} ({why}).", w, "  ", "- "))
    if fit_only:
        from screener.questions import join_words

        out.extend(_wrap(f"{join_words(fit_only)}: your symptoms fit, but nothing else in your answers "
                         "points there.", w, "  ", "- "))
    return out


def _advice_lines(report: dict, suggestions_in_full: bool) -> list[str]:
    """The general advice that applies to this person (the JSON keeps all of it)."""
    from screener.report import GENERAL_ADVICE

    blood_test, other_causes, diet = GENERAL_ADVICE[:3]
    out = []
    for item in report["advice"][1:]:
        if item == blood_test and not report["suggestions"]:
            continue
        if item == other_causes and (not report["suggestions"] or report.get("competing_causes")
                                     or report["urgency"] == "self_care"):
            continue  # in a self-care report it would read as "see a doctor" under "nothing needs a doctor"
        if item == diet and suggestions_in_full:
            continue  # no self-care beside a suggestion worth a blood test
        out.append(item)
    return out


#: An urgency reason another one already says in stronger words (the JSON keeps both): "nerve or weakness
#: symptoms deserve an examination" beside "weak legs ... always need a doctor's examination".
SAID_BY = {"see_doctor_neuro_symptom": frozenset({"see_doctor_motor_symptom"})}


def render_text(report: dict, case: Case | None = None, width: int | None = None) -> str:
    """The report for the person screened (spec section 4, 2nd ed.): the
    headline and what to do first, warning signs, the person's own competing
    causes, at most three suggestions in full and in words, the rest on one
    line each, the advice that applies, the disclaimer."""
    w = _width(width)
    out: list[str] = []
    title = report.get("name")
    out.extend(_heading(f"Screening report: {title}" if title else "Your screening report", w))
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
        rules = {r["rule"] for r in report["urgency_reasons"]}
        reasons = [r["text"] for r in report["urgency_reasons"] if not r["rule"].startswith("suggestion:")
                   and not (r["rule"] in SAID_BY and SAID_BY[r["rule"]] & rules)]
        if reasons:
            out.extend(_wrap("Why: " + "; ".join(reasons) + ".", w))
    if report["conditional_advice"]:
        out.append("")
        out.extend(_heading("Warning signs not answered: act at once if any applies", w))
        out.extend(_conditional_lines(report, w))
    out.append("")
    suggestions = report["suggestions"]
    full: list[dict] = []
    if urgency == "emergency":
        out.extend(_wrap("Get help first: nutrients can wait.", w))
    else:
        causes = report.get("competing_causes") or []
        if causes:
            heading = "Other likely causes" if urgency == "self_care" else "Other causes to mention to your doctor"
            out.extend(_heading(heading, w))
            for cause in causes:
                out.extend(_wrap(_sentence(cause["text"]), w, "  ", "- "))
            out.append("")
        if suggestions:
            full = [s for s in suggestions if s["level"] != "low"][:FULL_SUGGESTIONS]
            rest = [s for s in suggestions if s not in full]
            if full:
                out.extend(_heading("What may be worth checking with a doctor", w))
                for n, s in enumerate(full, 1):
                    out.append("")
                    out.extend(_suggestion_lines(n, s, w))
            if rest:
                if full:
                    out.append("")
                heading = "Also possible, but less likely" if full else \
                    "Possible, but nothing points strongly anywhere"
                out.extend(_heading(heading + " (your doctor's summary has the details):", w))
                out.extend(_brief_lines(rest, w))
            # the rest carry no cautions, except one about this person for a suggestion above low
            personal = [c for s in rest if s["level"] != "low" for c in s.get("personal_cautions", [])]
            if personal:
                out.append("")
                out.extend(_heading("Cautions for you", w))
                for c in dict.fromkeys(personal):
                    out.extend(_wrap(c, w, "  ", "- "))
        else:
            out.extend(_wrap("No nutrient stands out from your answers.", w))
    advice = _advice_lines(report, bool(full))
    if advice:
        out.append("")
        for item in advice:
            out.extend(_wrap(item, w, "  ", "- "))
    out.append("")
    out.extend(_wrap(report["disclaimer"], w))
    out.append(click.style(f"screener {report['screener_version']}, knowledge base {report['knowledge_version']}",
                           dim=True))
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    """Text from a file as literal Markdown: no emphasis, table cells, HTML
    or line breaks (a name cannot add a heading or a fake line)."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
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
    causes = report.get("competing_causes") or []
    if causes and report["urgency"] != "emergency":
        out.append("## Other causes reported")
        out.append("")
        for cause in causes:
            explains = ", ".join(BY_ID[q].label if q in BY_ID else q for q in cause.get("explains", []))
            out.append(f"- {_md_escape(_sentence(cause['text']))}" + (f" (could explain: {_md_escape(explains)})"
                                                                     if explains else ""))
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
