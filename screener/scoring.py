"""From the rules' conclusions to a ranked list: certainty factors and caps.

Evidence for one nutrient combines as MYCIN does (spec section 4), in any
order.  Caps apply to the combined confidence: a nutrient with no risk factor
present stays below 0.3 ("low"), and rules may declare tighter caps (potassium
with kidney disease).  Everything here is plain Python over the facts the
engine produced, so it is order-independent and easy to test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from dataclasses import field
from functools import reduce

from screener.questions import NUTRIENTS

NO_RISK_CAP = 0.29
HIGH = 0.6
MODERATE = 0.3
NO_RISK_CAP_RULE = "cap_no_risk_factor"


def combine(a: float, b: float) -> float:
    """Combine two certainty factors (MYCIN): commutative and associative."""
    if a >= 0 and b >= 0:
        return a + b * (1 - a)
    if a < 0 and b < 0:
        return a + b * (1 + a)
    return (a + b) / (1 - min(abs(a), abs(b)))


def combination_case(a: float, b: float) -> str:
    """Which of MYCIN's three cases ``combine(a, b)`` uses, with its formula."""
    if a >= 0 and b >= 0:
        return "both for: a + b(1 - a)"
    if a < 0 and b < 0:
        return "both against: a + b(1 + a)"
    return "opposite signs: (a + b) / (1 - min(|a|, |b|))"


def combine_all(cfs) -> float:
    return reduce(combine, cfs, 0.0)


def shown(x: float) -> float:
    """A confidence to two decimals, the same whatever order the evidence
    combined in (0.3, 0.5, 0.1 gives 0.68499999..., other orders 0.685):
    float noise is dropped first, then halves round up (0.685 -> 0.69)."""
    hundredths = round(abs(round(x, 9)) * 100, 6)  # 0.285 -> 28.5, not 28.499999999999996
    return math.copysign(math.floor(hundredths + 0.5) / 100, x)


def level_of(confidence: float) -> str:
    """The level of a confidence as shown (rounded first, so 0.595 reads
    "0.6, high" everywhere): the one place a confidence gets its level."""
    value = shown(confidence)
    if value >= HIGH:
        return "high"
    if value >= MODERATE:
        return "moderate"
    return "low"


@dataclass
class Assessment:
    """One nutrient's evidence, combined."""

    nutrient: str
    evidence: list[dict]               # {"rule", "cf", "kind"}, sorted for display
    combined: float                    # before caps
    confidence: float                  # after caps
    caps: list[dict] = field(default_factory=list)  # {"rule", "limit"} that bound it
    suspected: bool = False            # a compatible symptom is present
    cardinal: int = 0                  # cardinal symptoms present (tie-break)

    #: the confidence without supplements already taken: a supplement lowers
    #: confidence but never urgency (knowledge/nutrients.md 11b)
    urgency_confidence: float = 0.0

    @property
    def level(self) -> str:
        return level_of(self.confidence)

    @property
    def has_risk(self) -> bool:
        return any(e["kind"] == "risk" and e["cf"] > 0 for e in self.evidence)

    @property
    def listed(self) -> bool:
        """Net positive evidence and a compatible symptom (spec section 4)."""
        return self.suspected and self.combined > 0


def _display_order(ev: dict) -> tuple:
    return (ev["cf"] < 0, -abs(ev["cf"]), ev["rule"])


def assess(result) -> dict[str, Assessment]:
    """Every nutrient with any evidence, keyed by nutrient id (section-3 order)."""
    out = {}
    for nutrient in NUTRIENTS:
        evidence = sorted((e for e in result.evidence if e["nutrient"] == nutrient), key=_display_order)
        if not evidence:
            continue
        combined = combine_all(e["cf"] for e in sorted(evidence, key=lambda e: e["rule"]))
        a = Assessment(nutrient=nutrient, evidence=evidence, combined=combined, confidence=combined,
                       suspected=nutrient in result.suspects,
                       cardinal=sum(1 for e in evidence if e["kind"] == "cardinal"))
        limits = [c for c in result.caps if c["nutrient"] == nutrient]
        if not a.has_risk:
            limits.append({"rule": NO_RISK_CAP_RULE, "limit": NO_RISK_CAP})
        limits.sort(key=lambda c: (c["limit"], c["rule"]))
        for c in limits:
            if a.confidence > c["limit"]:
                a.confidence = c["limit"]
                a.caps.append({"rule": c["rule"], "limit": c["limit"]})
        without = combine_all(e["cf"] for e in sorted(evidence, key=lambda e: e["rule"]) if e["kind"] != "supplement")
        a.urgency_confidence = min([without] + [c["limit"] for c in limits])
        out[nutrient] = a
    return out


def ranked(assessments: dict[str, Assessment]) -> list[Assessment]:
    """Listed nutrients, by rounded confidence, then cardinal symptoms, then section-3 order."""
    listed = [a for a in assessments.values() if a.listed]
    return sorted(listed, key=lambda a: (-shown(a.confidence), -a.cardinal, NUTRIENTS.index(a.nutrient)))
