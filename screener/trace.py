"""CLIPS-style trace of the inference, in the spirit of CLIPS's ``(watch facts)``,
``(watch activations)`` and ``(watch rules)``.

:class:`screener.engine.ScreenerEngine` calls ``tracer(event, data)`` for
``assert``, ``duplicate``, ``activate``, ``deactivate`` and ``fire``; this
module turns those events into lines a class can read::

    ;; case: Vegan runner with tingling feet (examples/vegan_tingling.yaml)
    ==> f-4 Answer(diet='vegan')
    FIRE 3 b12_vegan_diet [salience 0]: f-7, f-4
    ==> f-8 Evidence(nutrient='vitamin_b12', rule='b12_vegan_diet', cf=0.5, kind='risk')
    CF vitamin_b12: 0.30 -> 0.65 (b12_vegan_diet +0.50)

or, with ``--trace-format json``, one JSON object per line.  The order is the
engine's firing order, which :class:`screener.engine.NameOrderStrategy` makes
independent of PYTHONHASHSEED; the only set-ordered events (several
activations removed at once) are sorted here.

No experta import at module level: the tracer only reads the facts and
activations it is handed.
"""

from __future__ import annotations

import json
from typing import Any
from typing import Callable
from typing import TextIO

__all__ = ["make_tracer", "Tracer", "fact_id", "fact_text"]


def fact_id(fact) -> str:
    idx = fact.get("__factid__") if hasattr(fact, "get") else None
    return f"f-{idx}" if idx is not None else "f-?"


def fact_data(fact) -> dict:
    out = {}
    for k, v in fact.items():
        if isinstance(k, str) and k.startswith("__"):
            continue
        out[str(k)] = list(v) if isinstance(v, (tuple, frozenset)) else v
    return out


def fact_text(fact) -> str:
    """``Answer(diet='vegan')``: the fact as experta writes it, without its index."""
    inner = ", ".join(f"{k}={v!r}" for k, v in fact_data(fact).items())
    return f"{type(fact).__name__}({inner})"


def _index(fact) -> int:
    idx = fact.get("__factid__") if hasattr(fact, "get") else None
    return idx if isinstance(idx, int) else -1


def _activation(act) -> dict:
    # experta keeps an activation's facts in a set-derived order; sort by index.
    return {"rule": getattr(act.rule, "__name__", "?"), "salience": getattr(act.rule, "salience", 0),
            "facts": [fact_id(f) for f in sorted(act.facts, key=_index)]}


def _act_sort_key(act) -> tuple:
    d = _activation(act)
    return (-d["salience"], d["rule"], d["facts"])


class Tracer:
    """One case's trace: receives engine events, writes lines to a stream."""

    def __init__(self, fmt: str, stream: TextIO, title: str = "case", source: str = ""):
        self.fmt = fmt
        self.stream = stream
        self.cf: dict[str, float] = {}
        # for the caps at the end (scoring also reads competing-cause advice and the iron-alarm sign)
        self.concluded: dict[str, list] = {"evidence": [], "caps": [], "suspects": [], "advice": [], "signs": []}
        self.seen_activation = False
        self.pending: list = []   # deactivations, sorted before they are shown
        if fmt == "json":
            self._emit({"event": "case", "case": title, "source": source or None})
        else:
            self._line(f";; case: {title}" + (f" ({source})" if source and source != title else ""))

    # --- output -------------------------------------------------------------------
    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def _emit(self, data: dict) -> None:
        self._line(json.dumps(data, ensure_ascii=False, default=str))

    # --- events ---------------------------------------------------------------------
    def __call__(self, event: str, data: dict) -> None:
        if event != "deactivate":
            self._flush_pending()
        handler = getattr(self, "_on_" + event, None)
        if handler is not None:
            handler(data)

    def _flush_pending(self) -> None:
        if not self.pending:
            return
        pending, self.pending = sorted(self.pending, key=_act_sort_key), []
        for act in pending:
            self._activation_line("deactivate", act)

    def _on_assert(self, data: dict) -> None:
        fact = data["fact"]
        kind = type(fact).__name__
        if self.fmt == "json":
            self._emit({"event": "assert", "id": fact_id(fact), "fact": kind, "data": fact_data(fact)})
        else:
            self._line(f"==> {fact_id(fact)} {fact_text(fact)}")
        if kind == "Evidence":
            self.concluded["evidence"].append({k: fact[k] for k in ("nutrient", "rule", "cf", "kind")})
            self._combine(fact)
        elif kind == "Suspect":
            self.concluded["suspects"].append(fact["nutrient"])
        elif kind == "Sign":
            self.concluded["signs"].append(fact["name"])
        elif kind == "Advice":
            self.concluded["advice"].append(fact["rule"])
        elif kind == "Advice":
            self.concluded["advice"].append(fact["rule"])
        elif kind == "Sign":
            self.concluded["signs"].append(fact["name"])
        elif kind == "Cap":
            self.concluded["caps"].append({k: fact[k] for k in ("nutrient", "limit", "rule")})
            if self.fmt == "json":
                self._emit({"event": "cap", "nutrient": fact["nutrient"], "limit": fact["limit"],
                            "rule": fact["rule"]})
            else:
                self._line(f"CAP {fact['nutrient']} <= {fact['limit']:.2f} ({fact['rule']})")

    def _on_retract(self, data: dict) -> None:
        fact = data["fact"]
        if self.fmt == "json":
            self._emit({"event": "retract", "id": fact_id(fact), "fact": type(fact).__name__,
                        "data": fact_data(fact)})
        else:
            self._line(f"<== {fact_id(fact)} {fact_text(fact)}")

    def _on_duplicate(self, data: dict) -> None:
        fact = data["fact"]
        if self.fmt == "json":
            self._emit({"event": "duplicate", "fact": type(fact).__name__, "data": fact_data(fact)})
        else:
            self._line(f"=== {fact_text(fact)} is already known: not asserted again")

    def _activation_line(self, event: str, act) -> None:
        d = _activation(act)
        if self.fmt == "json":
            self._emit({"event": event, **d})
        else:
            arrow = "==>" if event == "activate" else "<=="
            self._line(f"{arrow} Activation {d['rule']} [salience {d['salience']}]: {', '.join(d['facts'])}")

    def _on_activate(self, data: dict) -> None:
        self.seen_activation = True
        self._activation_line("activate", data["activation"])

    def _on_deactivate(self, data: dict) -> None:
        self.pending.append(data["activation"])

    def _on_fire(self, data: dict) -> None:
        act = data["activation"]
        if data.get("n") == 1 and not self.seen_activation:
            self._initial_agenda(act, data.get("engine"))
        d = _activation(act)
        if self.fmt == "json":
            self._emit({"event": "fire", "n": data.get("n"), **d})
        else:
            self._line(f"FIRE {data.get('n')} {d['rule']} [salience {d['salience']}]: {', '.join(d['facts'])}")

    def _caps_applied(self) -> None:
        """The caps scoring applies after the engine (``scoring.assess``: the
        rules' Cap facts and the no-risk-factor cap), so the trace ends at the
        confidence the report and ``explain`` show."""
        from types import SimpleNamespace

        from screener.scoring import assess

        for nutrient, a in assess(SimpleNamespace(**self.concluded)).items():
            value = a.combined
            for c in a.caps:
                if self.fmt == "json":
                    self._emit({"event": "cap_applied", "nutrient": nutrient, "before": round(value, 4),
                                "after": c["limit"], "rule": c["rule"]})
                else:
                    self._line(f"CAP {nutrient}: {_two(value)} -> {_two(c['limit'])} ({c['rule']}, after combining)")
                value = c["limit"]

    def _on_done(self, data: dict) -> None:
        """The caps applied after the engine, then the closing line: how many
        firings, and what is left on the agenda."""
        self._caps_applied()
        fired, left = data.get("fired", 0), data.get("agenda", 0)
        if self.fmt == "json":
            self._emit({"event": "done", "fired": fired, "agenda": left})
            return
        what = "no rule fired" if not fired else f"{fired} rule{'s' if fired != 1 else ''} fired"
        rest = "the agenda is empty" if not left else f"{left} activation{'s' if left != 1 else ''} left"
        self._line(f";; {what}; {rest}")

    def _initial_agenda(self, first, engine=None) -> None:
        """The activations made by the answers themselves.

        The engine builds them while the answers are declared, before
        ``run()``, without an event; show them (in firing order) before the
        first firing, as CLIPS does after the facts are asserted."""
        waiting = list(reversed(engine.agenda.activations)) if engine is not None and engine.running else []
        self.seen_activation = True
        for act in [first, *waiting]:
            self._activation_line("activate", act)

    def _combine(self, fact) -> None:
        from screener.scoring import combine

        nutrient, cf, rule = fact["nutrient"], fact["cf"], fact["rule"]
        before = self.cf.get(nutrient, 0.0)
        after = combine(before, cf)
        self.cf[nutrient] = after
        if self.fmt == "json":
            self._emit({"event": "cf", "nutrient": nutrient, "before": round(before, 4),
                        "after": round(round(after, 9), 4), "rule": rule, "cf": cf})
        else:
            self._line(f"CF {nutrient}: {_two(before)} -> {_two(after)} ({rule} {cf:+.2f})")


def _two(x: float) -> str:
    """Two decimals, exactly as the report shows them (scoring.shown)."""
    from screener.scoring import shown

    return f"{shown(x):.2f}"


def make_tracer(fmt: str, stream: TextIO) -> Callable[[Any], Tracer]:
    """Return a factory: case -> tracer(event, data), writing to ``stream``.

    Each case gets a header line (its name and file) and its own running
    certainty factors."""
    if fmt not in ("text", "json"):
        raise ValueError(f"unknown trace format {fmt!r}")

    def factory(case) -> Tracer:
        title = getattr(case, "title", None) or "case"
        return Tracer(fmt, stream, title=title, source=getattr(case, "source", "") or "")
    return factory
