"""From the rules' conclusions to a ranked list: certainty factors and caps.

Evidence for one nutrient combines as MYCIN does (spec section 4), in any
order.  Caps apply to the combined confidence: a nutrient with no risk factor
present stays below 0.3 ("low"), and so does one whose only risk factors are
weak (2nd ed.); rules may declare tighter caps (potassium with kidney
disease).  Before combining (docs/knowledge.md 10, docs/design.md "Telling
nutrients apart"):

* symptoms that are one finding count once: within a symptom group (one
  neuropathy, one anaemia, one ataxia) only the strongest piece of symptom
  evidence for a nutrient counts;
* a symptom a reported competing cause explains (diabetes for numb feet...)
  no longer points to a nutrient: a cardinal piece of evidence resting only on
  explained symptoms counts as supporting.

Everything here is plain Python over the facts the engine produced, so it is
order-independent and easy to test.
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
#: 2nd ed.: weak or near-universal factors never lift a nutrient out of low.
WEAK_ONLY_CAP_RULE = "cap_weak_risk_only"
#: 2nd ed.: the other half of "a symptom and a risk factor": a nutrient is lifted out of low only
#: by a symptom that points to it (cardinal, not explained away), not by shared symptoms alone.
NO_TELLING_CAP_RULE = "cap_no_telling_symptom"
#: The smallest risk certainty factor that lifts the cap: "moderate" (rules/weights.py).
LIFTING_RISK = 0.3
#: The iron alarm (spec section 4, 2nd ed.): this sign lifts the no-risk cap for iron.
IRON_ALARM_SIGN = "iron_alarm"
#: Signs that lift the no-risk caps for one nutrient: the iron alarm, and a symptom for which the
#: guidelines test that nutrient in everyone (restless legs: ferritin).
CAP_LIFTING_SIGNS = {IRON_ALARM_SIGN: "iron", "iron_test_advised": "iron"}
#: Signs that lift only the telling cap: a regulator advises the test for everyone with the risk factor,
#: which itself always counts once a symptom fits (docs/knowledge.md 10, rule 8).
TELLING_CAP_LIFTING_SIGNS = {"magnesium_test_advised": "magnesium", "b12_test_advised": "vitamin_b12"}
#: Symptoms that are one finding (docs/knowledge.md 10-11): counted once per nutrient.
SYMPTOM_GROUPS = {
    "neuropathy": ("numbness", "tingling", "burning_feet"),
    "anaemia": ("pale_or_breathless", "fatigue"),
    "ataxia": ("difficulty_walking", "poor_coordination"),
    # one symptom read two ways (d_leg_weakness and the muscle pattern d_muscle_weakness) counts once
    "weakness": ("leg_weakness",),
}
SYMPTOM_EVIDENCE = ("cardinal", "supporting", "minor")
#: The caps scoring applies itself (rules declare the others), in plain words.
CAP_TEXTS = {
    NO_RISK_CAP_RULE: "no risk factor was reported, so this stays low however many symptoms fit",
    NO_TELLING_CAP_RULE: "none of your symptoms is one this shortage typically causes (they are shared by many), "
                         "so this stays low",
    WEAK_ONLY_CAP_RULE: "only weak or very common risk factors were reported, so this stays low",
}
SUPPORTING_CF = 0.1  # what an explained cardinal symptom counts as (rules/weights.py SUPPORTING_CF)
#: The caps applied here, after the engine (they are not experta rules):
#: ``screener rules list`` lists them and ``rules show`` shows them beside the
#: rules' own caps, and the trace ends with the ones that bound a nutrient.
SCORING_CAPS = (
    {"id": NO_RISK_CAP_RULE, "limit": NO_RISK_CAP, "reason": CAP_TEXTS[NO_RISK_CAP_RULE],
     "source": "screener spec (facts.md section 4)",
     "when": "no risk factor (evidence of kind risk, cf > 0) for the nutrient, and for iron no iron alarm or advised iron test; "
             "checked after its evidence is combined"},
    {"id": WEAK_ONLY_CAP_RULE, "limit": NO_RISK_CAP, "reason": CAP_TEXTS[WEAK_ONLY_CAP_RULE],
     "source": "screener spec (facts.md section 4, 2nd ed.)",
     "when": f"risk factors for the nutrient, but none with a certainty factor of at least {LIFTING_RISK}; "
             "checked after its evidence is combined"},
    {"id": NO_TELLING_CAP_RULE, "limit": NO_RISK_CAP, "reason": CAP_TEXTS[NO_TELLING_CAP_RULE],
     "source": "docs/knowledge.md 10 and 11b; NICE NG239 (test on a symptom and a risk factor together)",
     "when": "no symptom that points to the nutrient (cardinal evidence; one a competing cause explains "
             "still counts), and for iron no iron alarm or advised iron test; checked after its evidence is combined"},
)


def lifts(evidence) -> bool:
    """A moderate or strong risk factor among these pieces of evidence (an assessment's, or a
    report's ``because`` list): weak ones never lift the caps."""
    return any(e.get("kind") == "risk" and e["cf"] >= LIFTING_RISK - 1e-9 for e in evidence)


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
    #: symptom evidence not counted: a symptom group already counted by a stronger piece
    grouped: list[dict] = field(default_factory=list)

    #: the confidence without supplements already taken: a supplement lowers
    #: confidence but never urgency (docs/knowledge.md 11b)
    urgency_confidence: float = 0.0

    @property
    def level(self) -> str:
        return level_of(self.confidence)

    @property
    def has_risk(self) -> bool:
        return any(e["kind"] == "risk" and e["cf"] > 0 for e in self.evidence)

    @property
    def has_lifting_risk(self) -> bool:
        """A moderate or strong risk factor (weak ones never lift the cap)."""
        return lifts(self.evidence)

    @property
    def listed(self) -> bool:
        """Net positive evidence and a compatible symptom (spec section 4)."""
        return self.suspected and self.combined > 0


def _display_order(ev: dict) -> tuple:
    return (ev["cf"] < 0, -abs(ev["cf"]), ev["rule"])


def _asked(info) -> tuple[str, ...]:
    """The questions a rule's conditions ask for (answer clauses not under a NOT), in clause order."""
    from screener.kb import AnswerClause
    from screener.kb import walk

    return tuple(leaf.question for leaf, negated in walk(info.clauses)
                 if not negated and isinstance(leaf, AnswerClause))


def _symptoms_of(rule: str) -> tuple[str, ...]:
    """The symptom questions a symptom rule rests on (empty for rules outside the catalogue)."""
    from screener.engine import catalogue
    from screener.questions import SYMPTOMS

    info = catalogue().get(rule)
    return () if info is None else tuple(q for q in _asked(info) if q in SYMPTOMS)


def explained_symptoms(result) -> dict[str, list[str]]:
    """Symptom id -> the competing causes (reported, their rule fired) that can explain it."""
    advice = getattr(result, "advice", ())
    if not advice:
        return {}
    from screener.rules.common import COMPETING_CAUSES

    out: dict[str, list[str]] = {}
    for rule in sorted(set(advice)):
        if rule in COMPETING_CAUSES:
            cause, symptoms = COMPETING_CAUSES[rule]
            for symptom in symptoms:
                out.setdefault(symptom, []).append(cause)
    return out


_RISK_QUESTIONS: dict[str, frozenset] = {}


def risk_questions(nutrient: str) -> frozenset:
    """The questions a nutrient's risk rules read (other than symptoms): a competing cause among them
    (diabetes, for thiamine and magnesium) raises that nutrient's odds as much as it explains its
    symptoms, so it explains nothing away for it."""
    if not _RISK_QUESTIONS:
        from screener.engine import catalogue
        from screener.questions import SYMPTOMS

        found: dict[str, set] = {}
        for info in catalogue().values():
            if info.effect == "evidence" and info.kind == "risk":
                found.setdefault(info.concern, set()).update(q for q in _asked(info) if q not in SYMPTOMS)
        _RISK_QUESTIONS.update({n: frozenset(q) for n, q in found.items()})
    return _RISK_QUESTIONS.get(nutrient, frozenset())


def explained_for(explained: dict[str, list[str]], nutrient: str) -> dict[str, list[str]]:
    """``explained`` without the causes that are risk factors of this nutrient (``risk_questions``)."""
    own = risk_questions(nutrient)
    out = {s: [c for c in causes if c not in own] for s, causes in explained.items()}
    return {s: causes for s, causes in out.items() if causes}


def _group_of(symptoms: tuple[str, ...]) -> str | None:
    for group, members in SYMPTOM_GROUPS.items():
        if symptoms and all(s in members for s in symptoms):
            return group
    return None


def counted_evidence(evidence: list[dict], explained: dict[str, list[str]]) -> tuple[list[dict], list[dict]]:
    """The evidence that counts, after explaining away and counting each symptom group once,
    and the symptom evidence left out because its group was already counted."""
    from screener.rules.common import NOT_A_SHORTAGE

    adjusted = []
    for e in evidence:
        if e["kind"] in SYMPTOM_EVIDENCE:
            symptoms = _symptoms_of(e["rule"])
            causes = sorted({c for s in symptoms for c in explained.get(s, [])})
            if e["kind"] == "cardinal" and symptoms and all(s in explained for s in symptoms):
                e = {**e, "cf": min(e["cf"], SUPPORTING_CF), "explained_by": causes}
                if set(causes) & set(NOT_A_SHORTAGE):
                    e["kind"] = "supporting"  # not a shortage's symptom at all: it no longer tells
            e = {**e, "_group": _group_of(symptoms)}
        adjusted.append(e)
    best: dict[str, dict] = {}
    for e in adjusted:
        group = e.get("_group")
        if group and (group not in best or (e["cf"], e["rule"]) > (best[group]["cf"], best[group]["rule"])):
            best[group] = e
    out, left = [], []
    for e in adjusted:
        group = e.pop("_group", None)
        (out if group is None or best[group] is e else left).append(e)
    return out, left


def fits_a_shortage(evidence: list[dict], explained: dict[str, list[str]]) -> bool:
    """Does any symptom evidence rest on a symptom that a cause showing it is no shortage's at all
    (``NOT_A_SHORTAGE``: pins and needles that pass within minutes) does not explain?  A test advised for
    everyone with a risk factor (``TELLING_CAP_LIFTING_SIGNS``) counts only once such a symptom fits."""
    from screener.rules.common import NOT_A_SHORTAGE

    for e in evidence:
        if e["kind"] in SYMPTOM_EVIDENCE:
            symptoms = _symptoms_of(e["rule"])
            if not symptoms or not all(set(explained.get(s, ())) & set(NOT_A_SHORTAGE) for s in symptoms):
                return True
    return False


def assess(result) -> dict[str, Assessment]:
    """Every nutrient with any evidence, keyed by nutrient id (section-3 order)."""
    out = {}
    explained = explained_symptoms(result)
    signs = getattr(result, "signs", ())
    lifted = {nutrient for sign, nutrient in CAP_LIFTING_SIGNS.items() if sign in signs}
    advised = {nutrient for sign, nutrient in TELLING_CAP_LIFTING_SIGNS.items() if sign in signs}
    for nutrient in NUTRIENTS:
        raw = [e for e in result.evidence if e["nutrient"] == nutrient]
        if not raw:
            continue
        counted, grouped = counted_evidence(sorted(raw, key=lambda e: e["rule"]), explained_for(explained, nutrient))
        evidence = sorted(counted, key=_display_order)
        combined = combine_all(e["cf"] for e in sorted(evidence, key=lambda e: e["rule"]))
        a = Assessment(nutrient=nutrient, evidence=evidence, combined=combined, confidence=combined,
                       suspected=nutrient in result.suspects,
                       cardinal=sum(1 for e in evidence + grouped if e["kind"] == "cardinal"),
                       grouped=grouped)
        limits = [c for c in result.caps if c["nutrient"] == nutrient]
        if nutrient in lifted:
            pass  # the iron alarm (the absence of a cause is itself the alarm), or a test the guidelines advise
        elif not a.has_risk:
            limits.append({"rule": NO_RISK_CAP_RULE, "limit": NO_RISK_CAP})
        elif not a.has_lifting_risk:
            limits.append({"rule": WEAK_ONLY_CAP_RULE, "limit": NO_RISK_CAP})
        tested = nutrient in lifted or (nutrient in advised and fits_a_shortage(evidence + grouped, explained))
        if not a.cardinal and not tested:
            limits.append({"rule": NO_TELLING_CAP_RULE, "limit": NO_RISK_CAP})
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
