"""``screener run --format reasoning``: the inference alone, for a class.

The fired rules in order, each with the facts it matched, what it concluded
and the certainty-factor step it made; the caps that bound a confidence; the
agenda left when the engine stopped; and the conclusions (urgency, red flags,
nutrients ranked).  No safety prose: this view is for studying the engine,
the text report is for the person.

The case is run on the real engine with a collecting tracer (the same events
``--trace`` prints), so the view is what the engine did, not a re-telling.
"""

from __future__ import annotations

from typing import Any

from screener.trace import fact_id
from screener.trace import fact_text


class Collector:
    """Receives engine events; keeps the firings and what each one asserted."""

    def __init__(self):
        self.initial: list = []       # facts asserted before the first firing
        self.firings: list[dict] = []  # {"n", "rule", "salience", "facts", "out": [(kind, fact)]}

    def __call__(self, event: str, data: dict) -> None:
        if event == "fire":
            act = data["activation"]
            self.firings.append({
                "n": data.get("n"), "rule": act.rule.__name__, "salience": act.rule.salience,
                "facts": [fact_id(f) for f in sorted(act.facts, key=_index)], "out": []})
        elif event in ("assert", "duplicate"):
            if self.firings:
                self.firings[-1]["out"].append((event, data["fact"]))
            elif event == "assert":
                self.initial.append(data["fact"])


def _index(fact) -> int:
    idx = fact.get("__factid__")
    return idx if isinstance(idx, int) else -1


def reasoning_data(case, report: dict | None = None, region: str | None = None) -> dict:
    """Run ``case`` and return the reasoning as data (also used by the text view)."""
    from screener.engine import get_engine
    from screener.report import screen_case
    from screener.scoring import assess
    from screener.scoring import combine
    from screener.scoring import shown

    collector = Collector()
    engine = get_engine()
    screened = screen_case(case, region, tracer=collector, engine=engine)
    result = screened.result
    agenda_left = [a.rule.__name__ for a in reversed(engine.agenda.activations)]
    if report is None:
        report = screened.report
    cf: dict[str, float] = {}
    fired = []
    for f in collector.firings:
        step: dict[str, Any] = {"n": f["n"], "rule": f["rule"], "salience": f["salience"], "facts": f["facts"]}
        for kind, fact in f["out"]:
            if kind == "duplicate":
                step["concluded"] = None
                step["already_known"] = fact_text(fact)
                continue
            step["concluded"] = f"{fact_id(fact)} {fact_text(fact)}"
            if type(fact).__name__ == "Evidence":
                nutrient = fact["nutrient"]
                before = cf.get(nutrient, 0.0)
                cf[nutrient] = combine(before, fact["cf"])
                step["cf"] = {"nutrient": nutrient, "cf": fact["cf"], "before": shown(before),
                              "after": shown(cf[nutrient])}
        fired.append(step)
    caps = []
    assessed = assess(result)
    for a in assessed.values():
        for c in a.caps:
            caps.append({"nutrient": a.nutrient, "rule": c["rule"], "limit": c["limit"],
                         "combined": shown(a.combined), "confidence": shown(a.confidence)})
    listed = {s["nutrient"] for s in report["suggestions"]}
    unlisted = []
    for a in assessed.values():
        if a.nutrient in listed:
            continue
        why = ("an emergency warning sign comes first" if report["urgency"] == "emergency" and a.listed
               else "no compatible symptom" if not a.suspected else "evidence not net positive")
        unlisted.append({"nutrient": a.nutrient, "combined": shown(a.combined), "why": why})
    return {
        "name": case.name, "source": case.source or None,
        "facts": [f"{fact_id(f)} {fact_text(f)}" for f in collector.initial],
        "fired": fired,
        "caps": caps,
        "agenda": agenda_left,
        "urgency": report["urgency"],
        "urgency_rules": [r["rule"] for r in report.get("urgency_reasons", [])],
        "red_flags": [{"id": f["id"], "urgency": f["urgency"], "rule": f.get("rule")} for f in report["red_flags"]],
        "suggestions": [{"nutrient": s["nutrient"], "confidence": s["confidence"], "level": s["level"]}
                        for s in report["suggestions"]],
        "not_listed": unlisted,
    }


def render_reasoning(case, report: dict | None = None, region: str | None = None) -> str:
    """The reasoning view as text (see the module docstring)."""
    d = reasoning_data(case, report, region)
    title = d["name"] or "case"
    if d["source"] and d["source"] != title:
        title += f" ({d['source']})"
    out = [f"Reasoning: {title}", "", f"Facts before the first firing ({len(d['facts'])}):"]
    out += [f"  {f}" for f in d["facts"]]
    out += ["", f"Rules fired, in order ({len(d['fired'])}):"]
    width = len(str(len(d["fired"])))
    for step in d["fired"]:
        head = f"  {step['n']:>{width}} {step['rule']} [salience {step['salience']}] on {', '.join(step['facts'])}"
        if step.get("concluded"):
            line = f"{head}\n  {'':>{width}}   => {step['concluded']}"
        else:
            line = f"{head}\n  {'':>{width}}   => nothing new: {step.get('already_known', 'no fact')} is already known"
        if "cf" in step:
            c = step["cf"]
            line += (f"\n  {'':>{width}}   CF {c['nutrient']}: {c['before']:.2f} -> {c['after']:.2f}"
                     f" ({c['cf']:+.2f})")
        out.append(line)
    out += ["", "Caps (applied after combining):"]
    if d["caps"]:
        out += [f"  {c['nutrient']}: {c['combined']:.2f} -> {c['confidence']:.2f} (at most {c['limit']:.2f},"
                f" {c['rule']})" for c in d["caps"]]
    else:
        out.append("  none bound a confidence")
    out += ["", "Agenda when the engine stopped:"]
    out.append("  " + (", ".join(d["agenda"]) if d["agenda"] else "empty: no rule left to fire"))
    out += ["", "Conclusions:"]
    reasons = f" ({', '.join(d['urgency_rules'])})" if d["urgency_rules"] else ""
    out.append(f"  urgency: {d['urgency']}{reasons}")
    if d["red_flags"]:
        out += [f"  red flag: {f['id']} ({f['urgency']}, {f['rule']})" for f in d["red_flags"]]
    else:
        out.append("  red flags: none")
    for n, s in enumerate(d["suggestions"], 1):
        out.append(f"  {n}. {s['nutrient']}: {s['confidence']:.2f} {s['level']}")
    if not d["suggestions"]:
        out.append("  nutrients listed: none")
    for u in d["not_listed"]:
        out.append(f"  not listed: {u['nutrient']} (combined {u['combined']:.2f}: {u['why']})")
    return "\n".join(out) + "\n"
