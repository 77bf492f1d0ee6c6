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

from typing import Any

from screener.facts import UNKNOWN
from screener.facts import Case
from screener.facts import suggest
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
    from screener.options import InputError

    if nutrient in NUTRIENTS:
        return nutrient
    hint = suggest(nutrient, NUTRIENTS)
    message = f"unknown nutrient '{nutrient}'; allowed: {', '.join(NUTRIENTS)}"
    if hint:
        message += f". Did you mean '{hint}'?"
    raise InputError(message)


# --- describing conditions ---------------------------------------------------

def _word(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def _constraint_text(c: dict, bind: dict | None = None) -> str:
    if "values" in c:
        return " or ".join(_word(v) for v in c["values"])
    if "var" in c:
        if bind and c["var"] in bind:
            return _word(bind[c["var"]])
        return f"?{c['var']}"
    if "op" in c:
        op, arg = c["op"], c.get("value")
        if op == "between" and isinstance(arg, list):
            return f"between {arg[0]} and {arg[1]}"
        if op == "test":
            return "(a test)"
        return f"{op} {arg}"
    return "(any value)"


def describe_clause(clause: dict, bind: dict | None = None) -> str:
    """One condition as readable text: ``diet = vegan``, ``sign neuro_symptom``.
    ``bind`` fills in variables (``?nutrient``) with their values."""
    b = bind
    if "not" in clause:
        return f"not ({describe_clause(clause['not'], b)})"
    if "any" in clause:
        return "any of (" + "; ".join(describe_clause(c, b) for c in clause["any"]) + ")"
    if "all" in clause:
        return "all of (" + "; ".join(describe_clause(c, b) for c in clause["all"]) + ")"
    fact = clause.get("fact")
    if fact == "Answer":
        q, c = clause["question"], clause
        if "op" in c:
            return f"{q} {_constraint_text(c, b)}"
        if q == "supplements":
            return f"supplements include {_constraint_text(c, b)}"
        if "any" in c:
            return f"{q} answered"
        return f"{q} = {_constraint_text(c, b)}"
    fields = clause.get("fields", {})
    if fact == "Sign":
        return f"sign {_constraint_text(fields.get('name', {}), b)}"
    if fact == "Suspect":
        return f"{_constraint_text(fields.get('nutrient', {}), b)} suspected (a compatible symptom)"
    if fact == "Evidence":
        parts = [f"{k} {_constraint_text(v, b)}" for k, v in fields.items() if k != "nutrient"]
        who = _constraint_text(fields.get("nutrient", {"any": True}), b)
        return f"evidence for {who}" + (f" ({', '.join(parts)})" if parts else "")
    parts = [f"{k}={_constraint_text(v, b)}" for k, v in fields.items()]
    return f"{fact}({', '.join(parts)})"


def describe_conditions(conditions: list) -> str:
    """All of a rule's conditions, joined with AND."""
    return " AND ".join(describe_clause(c) for c in conditions) or "(always)"


# --- checking conditions against a case -----------------------------------------

class Analysis:
    """One screened case: answers, the engine's result, assessments, report bits."""

    def __init__(self, case: Case):
        from screener.engine import catalogue
        from screener.engine import screen
        from screener.scoring import assess
        from screener.scoring import ranked

        self.case = case
        self.answers = dict(case.answers)
        self.result = screen(case.answers)
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


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _answer_matches(value: Any, c: dict, bind: dict) -> bool:
    from screener.kb import satisfies

    items = value if isinstance(value, tuple) else (value,)
    for item in items:
        if satisfies(c, item):
            return True
        if "var" in c and (c["var"] not in bind or _same(item, bind[c["var"]])):
            return True
        if c.get("any") is True:
            return True
    return False


def _shown(qid: str, value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) if value else "none"
    return _word(value)


def _field_matches(fact: dict, fields: dict, bind: dict) -> bool:
    for key, c in fields.items():
        if key not in fact:
            return False
        value = fact[key]
        if "values" in c and not any(_same(value, v) or value == v for v in c["values"]):
            return False
        if "var" in c and c["var"] in bind and value != bind[c["var"]]:
            return False
    return True


def _concluders(fact: str, fields: dict, an: Analysis) -> list[str]:
    """Rules whose conclusion could make this fact (for Sign clauses)."""
    if fact != "Sign":
        return []
    names = fields.get("name", {}).get("values", [])
    return [rid for rid, info in an.catalogue.items() if info.effect == "sign" and info.concern in names]


def evaluate(clause: dict, an: Analysis, bind: dict) -> dict:
    """Check one condition: {"condition", "status", "detail", "parts"?}."""
    text = describe_clause(clause, bind)
    if "not" in clause:
        inner = evaluate(clause["not"], an, bind)
        # experta matches NOT on what is in working memory: an unknown answer
        # is not asserted, so NOT(Answer(...)) holds for it.
        status = NOT_MET if inner["status"] == MET else MET
        detail = (f"but {inner['detail']}" if status == NOT_MET
                  else (inner["detail"] if inner["status"] == UNKNOWN_STATUS else "it is not the case"))
        return {"condition": text, "status": status, "detail": detail}
    if "any" in clause or "all" in clause:
        parts = [evaluate(c, an, bind) for c in clause.get("any") or clause.get("all")]
        statuses = [p["status"] for p in parts]
        if "any" in clause:
            status = MET if MET in statuses else UNKNOWN_STATUS if UNKNOWN_STATUS in statuses else NOT_MET
            chosen = [p for p in parts if p["status"] == status]
        else:
            status = NOT_MET if NOT_MET in statuses else UNKNOWN_STATUS if UNKNOWN_STATUS in statuses else MET
            chosen = [p for p in parts if p["status"] == status]
        detail = "; ".join(f"{p['condition']}: {p['detail']}" for p in chosen)
        return {"condition": text, "status": status, "detail": detail, "parts": parts}
    fact = clause.get("fact")
    if fact == "Answer":
        qid = clause["question"]
        if qid not in an.answers:
            return {"condition": text, "status": UNKNOWN_STATUS, "detail": f"{qid} was not answered",
                    "question": qid}
        value = an.answers[qid]
        if value == UNKNOWN:
            return {"condition": text, "status": UNKNOWN_STATUS, "detail": f"{qid} was answered 'not sure'",
                    "question": qid}
        ok = _answer_matches(value, clause, bind)
        return {"condition": text, "status": MET if ok else NOT_MET, "question": qid,
                "detail": f"you answered {qid} = {_shown(qid, value)}"}
    fields = clause.get("fields", {})
    facts = an.memory.get(fact, [])
    ok = any(_field_matches(f, fields, bind) for f in facts)
    if ok:
        return {"condition": text, "status": MET, "detail": "concluded by an earlier rule"}
    detail = "no rule concluded this"
    if fact == "Evidence":
        detail = "no symptom rule for it fired"
    if fact == "Suspect":
        n = bind.get("nutrient") or (fields.get("nutrient", {}).get("values") or ["?"])[0]
        detail = f"the gate is closed: no symptom that fits {n} was reported"
    elif fact == "Sign":
        subs = []
        for rid in _concluders(fact, fields, an):
            conds = [evaluate(c, an, bind) for c in an.catalogue[rid].conditions]
            blocking = [f"{c['condition']} ({c['detail']})" for c in conds if c["status"] != MET]
            subs.append(f"{rid} needs " + "; ".join(blocking) if blocking else rid)
        if subs:
            detail = "not concluded: " + " | ".join(subs)
    return {"condition": text, "status": NOT_MET, "detail": detail}


def evaluate_rule(rule: str, an: Analysis, nutrient: str | None = None) -> dict:
    """Every condition of a rule checked for this case (``nutrient`` binds ?nutrient)."""
    info = an.catalogue[rule]
    bind = {"nutrient": nutrient} if nutrient else {}
    conditions = [evaluate(c, an, bind) for c in info.conditions]
    statuses = [c["status"] for c in conditions]
    status = NOT_MET if NOT_MET in statuses else UNKNOWN_STATUS if UNKNOWN_STATUS in statuses else MET
    return {"rule": rule, "status": status, "conditions": conditions}


def rules_for(nutrient: str, catalogue=None) -> list[str]:
    """Rule ids that conclude evidence for this nutrient (its own and generic ones)."""
    if catalogue is None:
        from screener.engine import catalogue as get

        catalogue = get()
    return [rid for rid, info in catalogue.items()
            if info.effect == "evidence" and info.concern in (nutrient, "*")]


def _matched_answers(evaluated: dict) -> list[str]:
    """The person's answers (and earlier conclusions) that satisfied a rule."""
    out = []

    def walk(c):
        if c["status"] != MET:
            return
        if "parts" in c:
            for p in c["parts"]:
                walk(p)
        elif c.get("question"):
            out.append(c["condition"])
        elif c["detail"] == "concluded by an earlier rule":
            out.append(c["condition"])
    for c in evaluated["conditions"]:
        walk(c)
    return out


# --- HOW ---------------------------------------------------------------------------

def how_data(case: Case, nutrient: str, analysis: Analysis | None = None) -> dict:
    """How the nutrient's confidence came about, as data."""
    from screener.scoring import NO_RISK_CAP_RULE
    from screener.scoring import combine
    from screener.scoring import level_of

    check_nutrient(nutrient)
    an = analysis or Analysis(case)
    a = an.assessments.get(nutrient)
    steps = []
    cf = 0.0
    for ev in an.result.evidence:  # firing order
        if ev["nutrient"] != nutrient:
            continue
        info = an.catalogue[ev["rule"]]
        after = combine(cf, ev["cf"])
        steps.append({"rule": ev["rule"], "kind": ev["kind"], "cf": ev["cf"], "before": round(round(cf, 9), 4),
                      "after": round(round(after, 9), 4), "reason": info.reason, "source": info.source,
                      "matched": _matched_answers(evaluate_rule(ev["rule"], an, nutrient))})
        cf = after
    caps = []
    if a is not None:
        value = a.combined
        for c in a.caps:
            text = ("no risk factor was reported, so this stays low however many symptoms fit"
                    if c["rule"] == NO_RISK_CAP_RULE else an.catalogue[c["rule"]].reason)
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
        "level": level_of(a.confidence) if a else None,
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
                     f"{_two(s['before'])} -> {_two(s['after'])}")
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
            reasons.append({"kind": "no_symptom", "rules": [GATE_RULE],
                            "text": "no compatible symptom was reported (the gate stayed closed)"})
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
                            "text": "no risk factor was reported, so it could not rise above 0.29 "
                                    "however many symptoms fit"})
        if a.confidence < 0.6 and a.combined > 0 and not h["caps"]:
            reasons.append({"kind": "low", "rules": [],
                            "text": f"the evidence that fired adds up to only {a.confidence:.2f}"})
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
