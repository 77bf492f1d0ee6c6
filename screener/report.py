"""Build the report (spec section 4) from a case and the engine's result.

The report is a plain dict, exactly the spec's JSON shape (plus a few added
fields); the text and Markdown renderers in :mod:`screener.render` only
present it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any

from screener import KNOWLEDGE_VERSION
from screener import __version__
from screener.facts import UNKNOWN
from screener.facts import Case
from screener.questions import BY_ID
from screener.questions import EMERGENCY_NUMBERS
from screener.questions import NUTRIENT_NAMES
from screener.questions import RED_FLAGS
from screener.questions import SYMPTOMS
from screener.questions import URGENCIES
from screener.questions import join_words
from screener.questions import merge_reported
from screener.questions import you_phrase
from screener.scoring import CAP_TEXTS
from screener.scoring import assess
from screener.scoring import level_of
from screener.scoring import ranked
from screener.scoring import shown

if TYPE_CHECKING:  # the engine (and experta) load only when a case is screened
    from screener.engine import Result

DISCLAIMER = ("This is a screening aid, not a diagnosis. It cannot rule out serious conditions. "
              "If you are worried, contact a doctor.")
SPEC_SOURCE = "screener spec (facts.md section 4)"

ADVICE_BY_URGENCY = {
    "emergency": "Call {number} now, or have someone call for you. Do not drive yourself. Getting help comes "
                 "first: nutrients can wait.",
    "urgent": "See a doctor today: book an urgent appointment, or use an urgent care service (in the UK, "
              "NHS 111). This comes before any nutrient check.",
    "see_doctor": "Book an appointment with your doctor (GP) in the next few weeks, and take this report "
                  "with you.",
    "self_care": "Nothing here needs a doctor straight away. See a doctor if your symptoms are not better "
                 "within about two weeks, or at once if any warning sign appears.",
}
GENERAL_ADVICE = [
    "Ask for a blood test before starting supplements: taking them first can hide a shortage from the "
    "test, and some supplements can harm.",
    "These symptoms can also come from diabetes, thyroid problems, a trapped nerve, medicines, alcohol or "
    "nerve diseases, so a doctor's assessment matters even if a shortage seems likely.",
    "A varied diet with protein foods, whole grains, dairy or fortified alternatives, fruit, vegetables, "
    "nuts and seeds covers most nutrients; regular daylight helps vitamin D.",
]
#: Competing causes in words, for "because" lines.
COMPETING_NAMES = {"diabetes": "diabetes", "statin": "a statin", "thyroid": "an under-active thyroid",
                   "trapped_nerve": "a trapped nerve",
                   "nerve_pressure": "pressure on a nerve (symptoms that pass within minutes)",
                   "cancer_cord": "cancer pressing on the spinal cord",
                   "alcohol": "heavy drinking"}
UNDER_16_ADVICE = ("This tool is made for adults: for anyone under 16, talk to a doctor before making any "
                   "change to diet or supplements.")


def emergency_number(region: str | None) -> str:
    if region in EMERGENCY_NUMBERS:
        return EMERGENCY_NUMBERS[region]
    return "999 (UK), 911 (US, Canada) or 112 (EU)"


#: Red flags whose treatment starts before the blood results (thiamine by injection, B12 with nitrous oxide):
#: the general "blood test before supplements" line would contradict them.
TREAT_FIRST_FLAGS = frozenset({"combo_nitrous_oxide_neuro", "combo_wernicke_risk_unsteady"})
TREAT_FIRST_ADVICE = ("With these warning signs, the doctor may take blood and start treatment the same day, "
                      "before the results come back: that is right here. Do not start supplements of your own "
                      "first.")
_UK_ONLY = re.compile(r" \((?:in the UK, [^)]*|A&E)\)")


def fill_number(text: str, region: str | None) -> str:
    """Put the local emergency number(s) into a text's {number}; for a region outside the UK, leave out the
    UK-only pointers such as "(in the UK, call 111)" and "(A&E)"."""
    text = text.replace("{number}", emergency_number(region))
    if region is not None and region != "uk":
        text = _UK_ONLY.sub("", text)
    return text


def _profiles() -> dict[str, dict]:
    from screener.rules import NUTRIENT_MODULES

    return {n: m.PROFILE for n, m in NUTRIENT_MODULES.items()}


def conditional_advice(answers: dict[str, Any], region: str | None) -> list[dict]:
    """Red flags left unanswered or unknown: what to do if they apply."""
    out = []
    for q in RED_FLAGS:
        if answers.get(q.id, UNKNOWN) != UNKNOWN:
            continue
        if q.urgency == "emergency":
            action = f"call {emergency_number(region)} now"
        else:
            action = "see a doctor today (in the UK, call 111)"
        out.append({"id": q.id, "urgency": q.urgency, "advice": fill_number(f"If you have {q.label}, {action}.",
                                                                           region)})
    return out


def urgency_of(result: Result, assessments=()) -> tuple[str, list[str]]:
    """The highest urgency that applies, and the rules that set it.

    A suggestion at level moderate or high means at least see_doctor (2nd
    ed.: a report that says a blood test is worth discussing is never
    self-care).  This is decided here, after scoring, because the level
    depends on the combined confidence after every cap.  Supplements
    already taken do not count here (they lower confidence, never urgency).
    """
    levels: dict[str, list[str]] = {u: [] for u in URGENCIES}
    for flag in result.red_flags:
        levels[flag["urgency"]].append(flag["rule"])
    for c in result.concerns:
        levels[c["level"]].append(c["rule"])
    for a in assessments:
        if level_of(a.urgency_confidence) in ("moderate", "high"):
            levels["see_doctor"].append(f"suggestion:{a.nutrient}")
    for level in reversed(URGENCIES):
        if levels[level]:
            return level, sorted(set(levels[level]))
    return "self_care", []


def answers_behind(rules: list[str], answers: dict[str, Any], cat) -> list[str]:
    """The person's own answers that made these rules fire, as phrases: each
    ``Answer`` condition (not under NOT) that the answer meets."""
    from screener import kb

    known = kb.Known(answers)
    phrases = []
    for rule in rules:
        for leaf, negated in kb.walk(cat[rule].clauses):
            if negated or not isinstance(leaf, kb.AnswerClause) or leaf.question == "supplements":
                continue
            if kb.check(leaf, known).met:
                phrase = you_phrase(leaf.question, answers[leaf.question])
                if phrase not in phrases:
                    phrases.append(phrase)
    return phrases


def competing_causes(result: Result, answers: dict[str, Any], cat) -> list[dict]:
    """The competing causes the person reported (spec section 4, 2nd ed.), with
    the reported symptoms each could explain, in the catalogue's order."""
    from screener.rules.common import COMPETING_CAUSES

    out = []
    for rule in sorted(set(result.advice), key=list(cat).index):
        if rule in COMPETING_CAUSES:
            cause, symptoms = COMPETING_CAUSES[rule]
            out.append({"id": cause, "rule": rule, "text": cat[rule].text,
                        "explains": [q for q in symptoms if answers.get(q) is True]})
    return out


def _urgency_reason(rule: str, cat) -> dict:
    if rule.startswith("suggestion:"):
        nutrient = rule.split(":", 1)[1]
        return {"rule": rule, "text": f"{NUTRIENT_NAMES[nutrient]} is worth discussing with a doctor, who can "
                                      f"check it with a blood test"}
    return {"rule": rule, "text": cat[rule].reason}


def _suggestion(a, caution_rules, cat, profiles, region, answers) -> dict:
    because = []
    for ev in a.evidence:
        info = cat[ev["rule"]]
        text = info.reason
        if ev.get("explained_by"):
            causes = join_words([COMPETING_NAMES.get(c, c) for c in ev["explained_by"]])
            text += f"; but {causes} can cause this too, so here it counts only as a shared symptom"
        because.append({"rule": ev["rule"], "text": text, "cf": ev["cf"], "kind": ev["kind"],
                        "source": info.source})
    basis = answers_behind([ev["rule"] for ev in a.evidence if ev["cf"] > 0], answers, cat)
    profile = profiles[a.nutrient]
    cautions = list(profile["cautions"])
    personal = []
    foods = list(profile["food_sources"])
    for rule in caution_rules:
        info = cat[rule]
        personal.append(fill_number(info.text, region))
        if info.withhold_foods:
            foods = []
    cautions += personal
    caps = []
    for c in a.caps:
        if c["rule"] in CAP_TEXTS:
            caps.append({"rule": c["rule"], "limit": c["limit"], "text": CAP_TEXTS[c["rule"]],
                         "source": SPEC_SOURCE})
        else:
            info = cat[c["rule"]]
            caps.append({"rule": c["rule"], "limit": c["limit"], "text": info.reason, "source": info.source})
    return {
        "nutrient": a.nutrient,
        "name": NUTRIENT_NAMES[a.nutrient],
        "confidence": shown(a.confidence),
        "level": a.level,
        "summary": f"because you {join_words(merge_reported(basis))}" if basis else "",
        "because": because,
        "caps": caps,
        "tests": list(profile["tests"]),
        "food_sources": foods,
        "cautions": cautions,
        "personal_cautions": personal,
        "explains": symptoms_explained(a.evidence + a.grouped, answers, cat),
    }


def symptoms_explained(evidence, answers: dict[str, Any], cat) -> list[str]:
    """The person's own symptoms (ids, bank order) behind the symptom
    evidence for a nutrient: what a shortage of it could explain."""
    from screener import kb

    found = set()
    for ev in evidence:
        if ev["cf"] <= 0 or ev["kind"] not in kb.SYMPTOM_KINDS:
            continue
        for leaf, negated in kb.walk(cat[ev["rule"]].clauses):
            if negated or not isinstance(leaf, kb.AnswerClause):
                continue
            qid = leaf.question
            if qid in SYMPTOMS and answers.get(qid) is True and kb.check(leaf, kb.Known({qid: True})).met:
                found.add(qid)
    return [qid for qid in SYMPTOMS if qid in found]


def build_report(case: Case, result: Result, region: str | None = None) -> dict:
    """The spec's report for one case."""
    region = case.region or region
    from screener.engine import catalogue

    cat = catalogue()
    profiles = _profiles()
    red_flags = []
    ordered = sorted(result.red_flags, key=lambda f: (-URGENCIES.index(f["urgency"]), f["kind"] != "question",
                                                      f["id"]))
    top = ordered[0]["urgency"] if ordered else None
    for flag in ordered:
        if flag["urgency"] == top:
            advice = fill_number(cat[flag["rule"]].text, region)
        else:
            # a lesser warning sign under a more urgent one: no second, slower
            # instruction (2nd ed. consistency), just the sign to mention
            advice = f"Also a warning sign: {cat[flag['rule']].reason}. Mention it when you get help."
        red_flags.append({"id": flag["id"], "kind": flag["kind"], "urgency": flag["urgency"],
                          "advice": advice, "rule": flag["rule"]})
    emergency = top == "emergency"
    suggestions = []
    listed = []
    if not emergency:
        listed = ranked(assess(result))
        for a in listed:
            rules = sorted({c["rule"] for c in result.cautions if c["nutrient"] == a.nutrient})
            suggestions.append(_suggestion(a, rules, cat, profiles, region, case.answers))
    urgency, reasons = urgency_of(result, listed)
    advice = [fill_number(ADVICE_BY_URGENCY[urgency], region)]
    if case.answers.get("pregnant") is True:  # maternity care is the first port of call in pregnancy
        advice[0] = advice[0].replace("your doctor (GP)", "your doctor (GP) or midwife")
    competing = [] if emergency else competing_causes(result, case.answers, cat)
    if not emergency:
        named = {c["rule"] for c in competing}
        advice += [fill_number(cat[rule].text, region)
                   for rule in sorted(set(result.advice), key=list(cat).index) if rule not in named]
        general = list(GENERAL_ADVICE)
        if TREAT_FIRST_FLAGS & {f["rule"] for f in red_flags}:
            general[0] = TREAT_FIRST_ADVICE
        advice += general
        age = case.answers.get("age")
        if isinstance(age, int) and age < 16:
            advice.append(UNDER_16_ADVICE)
    return {
        "name": case.name,
        "source": case.source or None,
        "screener_version": __version__,
        "knowledge_version": KNOWLEDGE_VERSION,
        "urgency": urgency,
        "urgency_reasons": [_urgency_reason(r, cat) for r in reasons],
        "region": region,
        "emergency_number": emergency_number(region),
        "red_flags": red_flags,
        "conditional_advice": conditional_advice(case.answers, region),
        "competing_causes": competing,
        "suggestions": suggestions,
        "advice": advice,
        "disclaimer": DISCLAIMER,
        "fired": list(result.fired),
    }


@dataclass(frozen=True)
class Screening:
    """One case screened: the engine's result and the report built from it."""

    case: Case
    result: Result
    report: dict


def screen_case(case: Case, region: str | None = None, tracer=None, engine=None) -> Screening:
    """Screen one case and build its report: the one place a case is screened
    (``run``, the interview, ``explain``, ``diff`` and ``--format reasoning``
    all come here)."""
    from screener.engine import screen

    result = screen(case.answers, engine=engine, tracer=tracer)
    return Screening(case, result, build_report(case, result, region))


def report_for(case: Case, region: str | None = None, tracer=None) -> dict:
    """Screen one case and build its report."""
    return screen_case(case, region, tracer).report


def answers_summary(case: Case) -> list[tuple[str, str, str]]:
    """(question id, label, value as words) for every answer given, bank order."""
    return [(qid, q.label, q.type.to_words(case.answers[qid])) for qid, q in BY_ID.items() if qid in case.answers]
