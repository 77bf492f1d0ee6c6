"""MYCIN-style explanations: HOW a nutrient got its confidence, and WHY NOT higher.

Both read the rules' conditions as data (:func:`screener.kb.conditions_of`,
kept in :func:`screener.engine.catalogue`) and check them against the
person's answers and the conclusions the engine reached, so an explanation
names exactly the condition that was met, not met, or unknown, in the same
terms the engine matched.

* :func:`how` / :func:`how_data`: which rules gave evidence for the nutrient,
  which of the person's answers matched, and the confidence before -> after
  each MYCIN combination step, then any cap.
* :func:`why_not` / :func:`why_not_data`: what kept it low or unlisted: an
  emergency, negative evidence, a cap, and every rule that could have raised
  it (and the symptom gate) with the condition that was not met or unknown.

``case`` is a :class:`screener.facts.Case`.  The ``*_data`` functions return
plain dicts (for JSON and tests); the others render them as text.
"""

from __future__ import annotations

from screener import kb
from screener.facts import Case
from screener.kinds import suggest
from screener.kinds import to_words
from screener.questions import NUTRIENT_NAMES
from screener.questions import NUTRIENTS

MET = "met"
NOT_MET = "not_met"
UNKNOWN_STATUS = "unknown"
GATE_RULE = "gate_compatible_symptom"

__all__ = ["how", "how_data", "why_not", "why_not_data", "analyse", "check_nutrient",
           "describe_clause", "describe_conditions", "evaluate_rule", "rules_for", "MET", "NOT_MET",
           "UNKNOWN_STATUS"]


def check_nutrient(nutrient: str) -> str:
    """The nutrient id, or an InputError (exit 2) with a did-you-mean."""
    from screener.errors import InputError

    if nutrient in NUTRIENTS:
        return nutrient
    hint = suggest(nutrient, NUTRIENTS)
    message = f"unknown nutrient '{nutrient}'; allowed: {', '.join(NUTRIENTS)}"
    if hint:
        message += f". Did you mean '{hint}'?"
    raise InputError(message)


# --- describing conditions (kb.describe, kept here under their old names) ----

def describe_clause(clause, bind: dict | None = None) -> str:
    """One condition as readable text (``kb.describe``)."""
    return kb.describe(clause, bind)


def describe_conditions(clauses) -> str:
    """All of a rule's conditions, joined with AND."""
    return kb.describe(tuple(clauses))


# --- checking conditions against a case -----------------------------------------

class Analysis:
    """One screened case: answers, the engine's result, assessments, report bits."""

    def __init__(self, case: Case, result=None):
        from screener.engine import catalogue
        from screener.report import screen_case
        from screener.scoring import assess
        from screener.scoring import ranked

        self.case = case
        self.answers = dict(case.answers)
        self.result = result if result is not None else screen_case(case).result
        self.catalogue = catalogue()
        self.assessments = assess(self.result)
        self.ranked = [a.nutrient for a in ranked(self.assessments)]
        self.emergency_flags = [f for f in self.result.red_flags if f["urgency"] == "emergency"]
        self.memory = {
            "Sign": [{"name": s} for s in self.result.signs],
            "Suspect": [{"nutrient": n} for n in self.result.suspects],
            "Evidence": list(self.result.evidence),
            "Cap": list(self.result.caps),
            "Caution": list(self.result.cautions),
            "RedFlag": list(self.result.red_flags),
            "Concern": list(self.result.concerns),
            "Advice": [{"rule": r} for r in self.result.advice],
        }
        self.known = kb.Known(self.answers, self.memory, complete=True)

    def fired_for(self, rule: str, nutrient: str) -> bool:
        info = self.catalogue[rule]
        if info.effect == "evidence":
            return any(e["rule"] == rule and e["nutrient"] == nutrient for e in self.result.evidence)
        if info.effect == "suspect":
            return nutrient in self.result.suspects
        if info.effect == "cap":
            return any(c["rule"] == rule for c in self.result.caps)
        return rule in self.result.fired


def analyse(case: Case) -> Analysis:
    """Screen the case once, for several explanations."""
    return Analysis(case)


_STATUS = {kb.MET: MET, kb.FAILED: NOT_MET, kb.WAITING: UNKNOWN_STATUS, kb.BLOCKED: UNKNOWN_STATUS}


def _concluders(clause, an: Analysis) -> list[str]:
    """Sign rules whose conclusion could make this fact."""
    if clause.fact != "Sign":
        return []
    return [rid for rid, info in an.catalogue.items() if info.effect == "sign" and kb.can_conclude(info, clause)]


def evaluate(clause, an: Analysis, bind: dict) -> dict:
    """Check one condition: {"condition", "status", "detail", "parts"?}."""
    return _explained(kb.check(clause, an.known, bind), an, bind)


def _explained(o, an: Analysis, bind: dict) -> dict:
    """An interpreter outcome in words."""
    clause = o.clause
    text = kb.describe(clause, bind)
    status = _STATUS[o.status]
    if isinstance(clause, kb.Not):
        inner = _explained(o.parts[0], an, bind)
        detail = (f"but {inner['detail']}" if status == NOT_MET
                  else (inner["detail"] if inner["status"] == UNKNOWN_STATUS else "it is not the case"))
        return {"condition": text, "status": status, "detail": detail}
    if isinstance(clause, (kb.AnyOf, kb.AllOf)):
        parts = [_explained(p, an, bind) for p in o.parts]
        detail = "; ".join(f"{p['condition']}: {p['detail']}" for p in parts if p["status"] == status)
        return {"condition": text, "status": status, "detail": detail, "parts": parts}
    if isinstance(clause, kb.AnswerClause):
        qid = clause.question
        if qid not in an.answers:
            detail = f"{qid} was not answered"
        elif o.status == kb.BLOCKED:
            detail = f"{qid} was answered 'not sure'"
        else:
            detail = f"you answered {qid} = {to_words(an.answers[qid], names=False)}"
        return {"condition": text, "status": status, "detail": detail, "question": qid}
    if o.status == kb.MET:
        return {"condition": text, "status": MET, "detail": "concluded by an earlier rule"}
    detail = "no rule concluded this"
    if clause.fact == "Evidence":
        detail = "no symptom rule for it fired"
    if clause.fact == "Suspect":
        field = dict(clause.fields).get("nutrient")
        n = bind.get("nutrient") or (field.values[0] if isinstance(field, kb.Literal) else "?")
        detail = f"the gate is closed: no symptom that fits {n} was reported"
    elif clause.fact == "Sign":
        subs = []
        for rid in _concluders(clause, an):
            conds = [_explained(p, an, bind) for p in kb.check(an.catalogue[rid].clauses, an.known, bind).parts]
            blocking = [f"{c['condition']} ({c['detail']})" for c in conds if c["status"] != MET]
            subs.append(f"{rid} needs " + "; ".join(blocking) if blocking else rid)
        if subs:
            detail = "not concluded: " + " | ".join(subs)
    return {"condition": text, "status": NOT_MET, "detail": detail}


def evaluate_rule(rule: str, an: Analysis, nutrient: str | None = None) -> dict:
    """Every condition of a rule checked for this case (``nutrient`` binds ?nutrient)."""
    bind = {"nutrient": nutrient} if nutrient else {}
    o = kb.check(an.catalogue[rule].clauses, an.known, bind)
    return {"rule": rule, "status": _STATUS[o.status], "outcome": o,
            "conditions": [_explained(p, an, bind) for p in o.parts]}


def rules_for(nutrient: str, catalogue=None) -> list[str]:
    """Rule ids that conclude evidence for this nutrient (its own and generic ones)."""
    if catalogue is None:
        from screener.engine import catalogue as get

        catalogue = get()
    return [rid for rid, info in catalogue.items()
            if info.effect == "evidence" and info.concern in (nutrient, "*")]


def _matched_answers(outcome, bind: dict) -> list[str]:
    """The person's answers (and earlier conclusions) that satisfied a rule."""
    out = []

    def visit(o):
        if o.status != kb.MET or isinstance(o.clause, kb.Not):
            return
        if isinstance(o.clause, kb.LEAVES):
            out.append(kb.describe(o.clause, bind))
        for p in o.parts:
            visit(p)
    for part in outcome.parts:  # each condition, even if a later fact undid another
        visit(part)
    return out


# --- HOW ---------------------------------------------------------------------------

def how_data(case: Case, nutrient: str, analysis: Analysis | None = None) -> dict:
    """How the nutrient's confidence came about, as data."""
    from screener.scoring import CAP_TEXTS
    from screener.scoring import combination_case
    from screener.scoring import combine

    check_nutrient(nutrient)
    an = analysis or Analysis(case)
    a = an.assessments.get(nutrient)
    steps = []
    cf = 0.0
    counted = {e["rule"]: e for e in a.evidence} if a is not None else {}
    for ev in an.result.evidence:  # firing order
        if ev["nutrient"] != nutrient or (a is not None and ev["rule"] not in counted):
            continue  # a symptom of a group already counted (scoring.counted_evidence)
        ev = counted.get(ev["rule"], ev)  # as counted: an explained symptom counts as a shared one
        info = an.catalogue[ev["rule"]]
        after = combine(cf, ev["cf"])
        steps.append({"rule": ev["rule"], "kind": ev["kind"], "cf": ev["cf"], "before": round(round(cf, 9), 4),
                      "after": round(round(after, 9), 4), "case": combination_case(cf, ev["cf"]),
                      "reason": info.reason, "source": info.source,
                      "matched": _matched_answers(evaluate_rule(ev["rule"], an, nutrient)["outcome"], {"nutrient": nutrient})})
        cf = after
    caps = []
    if a is not None:
        value = a.combined
        for c in a.caps:
            text = CAP_TEXTS[c["rule"]] if c["rule"] in CAP_TEXTS else an.catalogue[c["rule"]].reason
            caps.append({"rule": c["rule"], "limit": c["limit"], "before": round(value, 4),
                         "after": c["limit"], "reason": text})
            value = c["limit"]
    listed = nutrient in an.ranked
    suppressed = bool(an.emergency_flags) and listed
    return {
        "nutrient": nutrient,
        "name": NUTRIENT_NAMES[nutrient],
        "steps": steps,
        "combined": round(a.combined, 4) if a else 0.0,
        "caps": caps,
        "confidence": round(a.confidence, 4) if a else 0.0,
        "level": a.level if a else None,
        "listed": listed and not suppressed,
        "rank": an.ranked.index(nutrient) + 1 if listed and not suppressed else None,
        "suppressed_by": [f["rule"] for f in an.emergency_flags] if suppressed else [],
    }


def _two(x: float) -> str:
    """Two decimals, exactly as the report shows them (scoring.shown)."""
    from screener.scoring import shown

    return f"{shown(x):.2f}"


def _sign(x: float) -> str:
    return f"{x:+.2f}"


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def how(case: Case, nutrient: str, analysis: Analysis | None = None) -> str:
    """HOW: the rules and answers behind this nutrient's confidence, step by step."""
    d = how_data(case, nutrient, analysis)
    head = f"How: {nutrient} - {d['name']}"
    lines = [head, "=" * len(head)]
    if not d["steps"]:
        lines.append("No rule gave any evidence for it, so its confidence is 0.")
        lines.append(f"See `why not`: screener explain FILE --why-not {nutrient}")
        return "\n".join(lines) + "\n"
    lines.append("Evidence, in the order the rules fired (certainty factors combined as MYCIN does):")
    for n, s in enumerate(d["steps"], 1):
        lines.append(f"  {n}. {s['rule']} ({s['kind']}, {_sign(s['cf'])}): "
                     f"{_two(s['before'])} -> {_two(s['after'])} ({s['case']})")
        if s["matched"]:
            lines.append(f"     matched: {'; '.join(s['matched'])}")
        lines.append(f"     reason: {s['reason']}")
    lines.append(f"Combined: {_two(d['combined'])}")
    for c in d["caps"]:
        lines.append(f"Cap {c['rule']}: {_two(c['before'])} -> {_two(c['after'])} ({c['reason']})")
    if not d["caps"]:
        lines.append("No cap applied.")
    status = f"Confidence {_two(d['confidence'])} ({d['level']})"
    if d["listed"]:
        status += f", listed {_ordinal(d['rank'])}."
    elif d["suppressed_by"]:
        status += f", but not listed: an emergency ({', '.join(d['suppressed_by'])}) comes first."
    else:
        status += ", not listed (net evidence is not positive)."
    lines.append(status)
    return "\n".join(lines) + "\n"


# --- WHY NOT ---------------------------------------------------------------------------

def why_not_data(case: Case, nutrient: str, analysis: Analysis | None = None) -> dict:
    """What kept the nutrient low or unlisted, as data.

    ``reasons``: {"kind": emergency | no_evidence | no_symptom | outweighed |
    capped | low, "text", "rules"}.  ``not_fired``: every rule that concludes
    positive evidence for the nutrient (and the symptom gate) that did not
    fire, each with its conditions checked (status met / not_met / unknown).
    """
    from screener.scoring import NO_RISK_CAP

    check_nutrient(nutrient)
    an = analysis or Analysis(case)
    a = an.assessments.get(nutrient)
    h = how_data(case, nutrient, an)
    reasons = []
    if an.emergency_flags:
        reasons.append({"kind": "emergency", "rules": [f["rule"] for f in an.emergency_flags],
                        "text": "an emergency red flag was found ("
                                + ", ".join(f["id"] for f in an.emergency_flags)
                                + "): in an emergency the report lists no nutrients at all"})
    if a is None:
        reasons.append({"kind": "no_evidence", "rules": [],
                        "text": "no rule gave any evidence for it"})
    else:
        negative = [e for e in a.evidence if e["cf"] < 0]
        if not a.suspected:
            minor = [e["rule"] for e in a.evidence if e["kind"] == "minor"]
            text = "no compatible symptom was reported (the gate stayed closed)"
            if minor:
                text += ("; " + ", ".join(minor) + " is only a minor symptom for it (docs/knowledge.md 11b), "
                         "which does not open the gate")
            reasons.append({"kind": "no_symptom", "rules": [GATE_RULE, *minor], "text": text})
        if a.combined <= 0:
            reasons.append({"kind": "outweighed", "rules": [e["rule"] for e in negative],
                            "text": f"evidence against it outweighed the evidence for it "
                                    f"(combined {a.combined:.2f})"})
        elif negative:
            reasons.append({"kind": "lowered", "rules": [e["rule"] for e in negative],
                            "text": "evidence against it lowered its confidence: "
                                    + ", ".join(f"{e['rule']} {_sign(e['cf'])}" for e in negative)})
        for c in h["caps"]:
            reasons.append({"kind": "capped", "rules": [c["rule"]],
                            "text": f"capped at {c['limit']:.2f} by {c['rule']}: {c['reason']}"})
        if not a.has_risk and not h["caps"] and a.combined > 0:
            reasons.append({"kind": "no_risk", "rules": [],
                            "text": f"no risk factor was reported, so it could not rise above "
                                    f"{_two(NO_RISK_CAP)} however many symptoms fit"})
        if a.level != "high" and a.combined > 0 and not h["caps"]:
            reasons.append({"kind": "low", "rules": [],
                            "text": f"the evidence that fired adds up to only {_two(a.confidence)}"})
    not_fired = []
    candidates = [GATE_RULE] + rules_for(nutrient, an.catalogue)
    for rid in candidates:
        info = an.catalogue.get(rid)
        if info is None or (info.effect == "evidence" and (info.cf or 0) <= 0):
            continue
        if an.fired_for(rid, nutrient):
            continue
        ev = evaluate_rule(rid, an, nutrient)
        blocking = [c for c in ev["conditions"] if c["status"] != MET]
        not_fired.append({"rule": rid, "cf": info.cf, "kind": info.kind or info.effect,
                          "reason": info.reason, "status": ev["status"],
                          "blocking": [{"condition": c["condition"], "status": c["status"],
                                        "detail": c["detail"]} for c in blocking],
                          "conditions": ev["conditions"]})
    return {
        "nutrient": nutrient,
        "name": NUTRIENT_NAMES[nutrient],
        "listed": h["listed"],
        "rank": h["rank"],
        "confidence": h["confidence"],
        "combined": h["combined"],
        "level": h["level"],
        "fired": [s["rule"] for s in h["steps"]],
        "reasons": reasons,
        "not_fired": not_fired,
    }


def why_not(case: Case, nutrient: str, analysis: Analysis | None = None) -> str:
    """WHY NOT: what kept this nutrient low or unlisted, rule by rule."""
    d = why_not_data(case, nutrient, analysis)
    head = f"Why not: {nutrient} - {d['name']}"
    lines = [head, "=" * len(head)]
    if d["listed"]:
        lines.append(f"It is listed {_ordinal(d['rank'])}, confidence {_two(d['confidence'])} ({d['level']}).")
    elif d["fired"]:
        lines.append(f"It is not listed (confidence {_two(d['confidence'])}).")
    else:
        lines.append("It is not listed: no evidence for it.")
    if d["fired"]:
        lines.append("Rules that fired for it: " + ", ".join(d["fired"]))
    if d["reasons"]:
        lines.append("What held it back:")
        lines.extend(f"  - {r['text']}" for r in d["reasons"])
    if d["not_fired"]:
        lines.append("Rules that could have raised it but did not fire:")
        for r in d["not_fired"]:
            cf = f", {_sign(r['cf'])}" if r["cf"] is not None else ""
            lines.append(f"  {r['rule']} ({r['kind']}{cf}):")
            for b in r["blocking"]:
                mark = "unknown" if b["status"] == UNKNOWN_STATUS else "not met"
                lines.append(f"    {mark}: {b['condition']} ({b['detail']})")
    else:
        lines.append("Every rule that could raise it fired.")
    return "\n".join(lines) + "\n"
