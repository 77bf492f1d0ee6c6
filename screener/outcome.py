"""Ask only what could change the outcome.

A question is worth asking when some answer to it could change what the
report says: the urgency, a suggestion's level, or the order of the
suggestions shown in full (the top three above ``low``).  This module works
that out from the rules' conditions and weights, never from a list of
questions:

1. The rules' conditions (through :mod:`screener.relevance`, a client of
   the condition interpreter ``kb.matches``) say which rules can still fire and
   which unanswered questions each one waits on; and which rules fire now
   only because an unanswered question is absent (a ``NOT``).
2. For each rule that could still fire, the hypothetical outcome is scored:
   the engine's current conclusions plus that rule's conclusion (its
   certainty factor, cap, red flag or urgency concern), re-scored exactly as
   the report scores them (:func:`scoring.assess`, :func:`report.urgency_of`).
   A question a fired rule reads under ``NOT`` (it fires because the
   question is unanswered) is tried answer by answer on the engine, since
   one answer can stop several rules at once.
3. A question scores what the most outcome-changing rule waiting on it
   scores; a rule that concludes an intermediate fact (a sign, a suspect)
   scores what the rules reading that fact score.  Questions that score
   nothing are not asked; the rest are asked most outcome-changing first.

A rule added to the knowledge base is picked up with no change here: its
conditions name its questions and its decorator its weight.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace
from typing import Any

from screener import kb
from screener.questions import BY_ID
from screener.questions import NUTRIENTS
from screener.questions import URGENCIES

#: Effects that change what the outcome is made of.
SCORED = ("evidence", "cap", "red_flag", "concern")


def _scored(rule) -> bool:
    """Scored effects, and the advice scoring reads: a competing cause explains symptoms away."""
    if rule.effect in SCORED:
        return True
    from screener.rules.common import COMPETING_CAUSES

    return rule.effect == "advice" and rule.id in COMPETING_CAUSES
FULL = 3  # suggestions shown in full (render.FULL_SUGGESTIONS)


@dataclass(frozen=True, order=True)
class Change:
    """How much an outcome moves: urgency steps, level changes, top-three order, |confidence change|."""

    urgency: int = 0
    levels: int = 0
    order: int = 0
    amount: float = 0.0

    def __bool__(self) -> bool:
        return bool(self.urgency or self.levels or self.order)

    def words(self) -> str:
        if self.urgency:
            return "how soon to see a doctor"
        if self.levels:
            return "whether a blood test is worth asking for"
        if self.order:
            return "which check comes first"
        return "nothing in the report"


@dataclass(frozen=True)
class Outcome:
    urgency: str
    levels: tuple           # ((nutrient, level), ...) of the listed suggestions
    top: tuple              # nutrients shown in full, in order
    confidence: tuple       # ((nutrient, confidence), ...)

    def change_to(self, other: Outcome) -> Change:
        mine, theirs = dict(self.levels), dict(other.levels)
        levels = sum(1 for n in NUTRIENTS if mine.get(n, "none") != theirs.get(n, "none"))
        c1, c2 = dict(self.confidence), dict(other.confidence)
        amount = max([abs(c1.get(n, 0.0) - c2.get(n, 0.0)) for n in NUTRIENTS] or [0.0])
        return Change(urgency=abs(URGENCIES.index(self.urgency) - URGENCIES.index(other.urgency)),
                      levels=levels, order=int(self.top != other.top), amount=round(amount, 4))


def outcome_of(result) -> Outcome:
    """What a report would say, reduced to what the person acts on."""
    from screener.report import urgency_of
    from screener.scoring import assess
    from screener.scoring import ranked
    from screener.scoring import shown

    emergency = any(f["urgency"] == "emergency" for f in result.red_flags)
    listed = [] if emergency else ranked(assess(result))
    urgency, _ = urgency_of(result, listed)
    return Outcome(urgency=urgency,
                   levels=tuple((a.nutrient, a.level) for a in listed),
                   top=tuple(a.nutrient for a in listed if a.level != "low")[:FULL],
                   confidence=tuple((a.nutrient, shown(a.confidence)) for a in listed))


def candidate_values(qid: str) -> list:
    """The answers worth trying for a question: yes and no, each choice, each nutrient alone."""
    q = BY_ID.get(qid)
    return [] if q is None else q.type.candidates()


def _nutrients(rule, bindings, result) -> list[str]:
    if rule.concern in NUTRIENTS:
        return [rule.concern]
    from screener.relevance import ANY

    found = []
    for b in bindings or [{}]:
        n = b.get("nutrient", ANY)
        for nutrient in (list(result.suspects) if n is ANY else [n]):
            if nutrient in NUTRIENTS and nutrient not in found:
                found.append(nutrient)
    return found


def _with_rule(result, rule, nutrient: str | None):
    """The result as if this rule had fired too."""
    if rule.effect == "evidence":
        ev = {"nutrient": nutrient, "rule": rule.id, "cf": rule.cf, "kind": rule.kind}
        suspects = list(result.suspects)
        if rule.kind in ("cardinal", "supporting") and nutrient not in suspects:
            suspects.append(nutrient)
        return replace(result, evidence=[*result.evidence, ev], suspects=suspects)
    if rule.effect == "cap":
        return replace(result, caps=[*result.caps, {"nutrient": rule.concern, "limit": rule.limit,
                                                    "rule": rule.id}])
    if rule.effect == "red_flag":
        return replace(result, red_flags=[*result.red_flags, {"id": rule.concern, "kind": rule.kind,
                                                              "urgency": rule.urgency, "rule": rule.id}])
    if rule.effect == "concern":
        return replace(result, concerns=[*result.concerns, {"level": rule.urgency, "rule": rule.id}])
    if rule.effect == "advice":
        return replace(result, advice=[*result.advice, rule.id])
    return result


@dataclass
class Search:
    """Which unanswered questions could change the outcome, and why."""

    scores: dict            # question id -> Change
    because: dict           # question id -> the rule ids that give its score
    base: Outcome

    def ranked(self) -> list[str]:
        """Questions that could change the outcome, most first (bank order breaks ties)."""
        order = {qid: n for n, qid in enumerate(BY_ID)}
        wanted = [q for q, c in self.scores.items() if c]
        return sorted(wanted, key=lambda q: (self.scores[q], -order.get(q, 0)), reverse=True)


def search(answers: dict[str, Any], result=None, rel=None, rules=None) -> Search:
    """Score every unanswered question by how much the outcome could change."""
    from screener.engine import catalogue
    from screener.engine import screen
    from screener.relevance import analyse

    if result is None:
        result = screen(answers)
    if rel is None:
        rel = analyse(answers, rules)
    cat = catalogue()
    base = outcome_of(result)
    fired = set(result.fired)

    rule_score: dict[str, Change] = {}
    for rid in rel.mattering:
        rule = cat.get(rid)
        if rule is None or not _scored(rule) or rid in fired:
            continue
        best = Change()
        for nutrient in (_nutrients(rule, rel.live.get(rid), result) if rule.effect == "evidence" else [None]):
            best = max(best, base.change_to(outcome_of(_with_rule(result, rule, nutrient))))
        rule_score[rid] = best
    # Producers of intermediate facts score what their readers score.
    readers = {rid: [leaf for leaf, _ in kb.walk(cat[rid].clauses)] for rid in rule_score if rid in cat}
    for rid in rel.mattering:
        rule = cat.get(rid)
        if rule is None or rid in rule_score or rule.effect not in ("sign", "suspect"):
            continue
        best = Change()
        for reader, reads in readers.items():
            if any(kb.can_conclude(rule, leaf) for leaf in reads):
                best = max(best, rule_score[reader])
        rule_score[rid] = best

    scores: dict[str, Change] = {}
    because: dict[str, list[str]] = {}

    def credit(qid, change, rid):
        if qid in answers or not change:
            return
        if change > scores.get(qid, Change()):
            scores[qid] = change
        because.setdefault(qid, []).append(rid)

    for qid, waiting in rel.waiting.items():
        for rid in waiting:
            credit(qid, rule_score.get(rid, Change()), rid)
    # Rules that fire now only because a question is unanswered (under NOT): an answer
    # can stop several at once, so each answer is tried on the engine itself.
    under_not: dict[str, list[str]] = {}
    for rid in fired:
        rule = cat.get(rid)
        if rule is None or not _scored(rule):
            continue
        for leaf, negated in kb.walk(rule.clauses):
            if negated and isinstance(leaf, kb.AnswerClause) and leaf.question not in answers:
                under_not.setdefault(leaf.question, []).append(rid)
    for qid, rids in under_not.items():
        best = Change()
        for value in candidate_values(qid):
            best = max(best, base.change_to(outcome_of(screen({**answers, qid: value}))))
        for rid in dict.fromkeys(rids):
            credit(qid, best, rid)
    return Search(scores=scores, because=because, base=base)
