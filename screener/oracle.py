"""Independent checks on the engine: generated cases, and unmodified experta.

``screener``'s engine walks experta's Rete network faster (:mod:`screener.rete`)
and skips experta's DNF rewrite for flat rules.  :func:`reference_screen` runs
the same rules with the same strategy on a plain ``KnowledgeEngine`` (experta's
own matcher, run loop and reset) so that tests and ``benchmarks/bench.py`` can
require identical fired rules, in order, and identical facts.  The CLIPS
export (:mod:`screener.clips`) is the other oracle.
"""

from __future__ import annotations

import logging
import random
from typing import Any

__all__ = ["generated_cases", "reference_engine", "reference_screen", "outcome"]


def generated_cases(n: int, seed: int = 7, density: float = 0.85) -> list[dict]:
    """Random but valid cases (``{"name", "answers"}``): each question answered
    with probability ``density``, else "unknown" (1 in 20) or left out; red
    flags rare, symptoms common."""
    from screener.questions import AGE
    from screener.questions import CHOICE
    from screener.questions import NUTRIENTS
    from screener.questions import QUESTIONS
    from screener.questions import YESNO

    rng = random.Random(seed)
    cases = []
    for i in range(n):
        answers: dict[str, Any] = {}
        for q in QUESTIONS:
            roll = rng.random()
            if roll < 1 - density:
                continue
            if roll < 1.05 - density:
                answers[q.id] = "unknown"
            elif q.kind == YESNO:
                answers[q.id] = rng.random() < (0.02 if q.section == "red_flags" else 0.3)
            elif q.kind == CHOICE:
                answers[q.id] = rng.choice(q.choices)
            elif q.kind == AGE:
                answers[q.id] = rng.randint(16, 95)
            else:
                answers[q.id] = rng.sample(NUTRIENTS, rng.randint(0, 2))
        cases.append({"name": f"generated {i}", "answers": answers})
    return cases


class _Firings(logging.Handler):
    """Collects experta's own "FIRE n rule: facts" log lines (its RULES watcher)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.fired: list[str] = []

    def emit(self, record):
        self.fired.append(record.args[1])


_REFERENCE = None


def reference_engine():
    """The knowledge base on a plain experta ``KnowledgeEngine`` (its own
    matcher, run loop and reset), with screener's strategy; built once."""
    global _REFERENCE
    if _REFERENCE is None:
        from experta import KnowledgeEngine
        from experta import watchers

        from screener import engine

        cls = type("Reference", (*engine.rule_mixins(), KnowledgeEngine), {"__module__": __name__})
        ref = cls()
        ref.strategy = engine.NameOrderStrategy({n: i for i, n in enumerate(sorted(engine.catalogue()))})
        handler = _Firings()
        watchers.RULES.addHandler(handler)
        watchers.RULES.propagate = False
        _REFERENCE = (ref, handler, watchers.RULES)
    return _REFERENCE[0]


def outcome(engine) -> list[tuple]:
    """Working memory after a run: (fact id, fact type, fields), in order."""
    return [(idx, type(f).__name__, sorted((str(k), repr(v)) for k, v in f.items() if k != "__factid__"))
            for idx, f in engine.facts.items()]


def reference_screen(answers: dict[str, Any]) -> tuple[list[str], list[tuple]]:
    """Fired rule names in order, and :func:`outcome`, from unmodified experta."""
    from screener.engine import answer_facts

    ref = reference_engine()
    _, handler, logger = _REFERENCE
    handler.fired = []
    logger.setLevel(logging.INFO)
    try:
        ref.reset()
        ref.declare(*answer_facts(answers))
        ref.run()
    finally:
        logger.setLevel(logging.NOTSET)
    return list(handler.fired), outcome(ref)
