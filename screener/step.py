"""``screener step FILE``: step through the inference as in CLIPS, explain it as MYCIN did.

A session holds one case on the real experta engine and answers CLIPS's
commands one line at a time::

    step> run 1          fire one activation (run: until the agenda is empty)
    step> agenda         what fires next, in order, with the key that orders it
    step> facts          working memory
    step> matches RULE   which patterns hold, for which facts, read from the Rete memory
    step> why / how F-N  climb the chain up (rule -> gate -> nutrient) or down (how a fact came about)

Everything printed is read from the engine: the agenda is experta's
``Agenda``, the partial matches are the join nodes' left and right memories,
the conflict-resolution key is the strategy's own ``get_key``.  The session
only observes through the engine's tracer hook, the agenda, the fact list and
``run(steps)``, so it runs the same engine ``screener run`` does.
"""

from __future__ import annotations

import random
import shlex
import sys
from typing import Any
from typing import Callable

from screener import kb
from screener.trace import fact_id
from screener.trace import fact_text

PROMPT = "step> "

HELP = """\
Commands (as in CLIPS; one per line):
  run [N]                   fire N activations (default: until the agenda is empty)
  agenda                    the activations in firing order, with salience and the ordering key
  facts                     the facts in working memory
  matches RULE              which patterns of RULE are met, by which facts; partial matches
  watch facts|rules|activations|all on|off
                            print facts, firings, activations as they happen (CLIPS's watch)
  why [RULE]                why the next rule (or RULE) would fire; repeat to climb the chain
                            (rule -> gate -> nutrient -> goal), as MYCIN's WHY
  how F-N | NUTRIENT        how a fact was concluded (MYCIN's HOW), or a nutrient's CF steps
  strategy [NAME]           show or set conflict resolution: depth, breadth, lex, random [SEED]
  assert QUESTION=VALUE     add an answer (watch activations to see new activations)
  retract F-N               remove a fact (an activation that needed it is removed)
  reset                     start again from the case's answers
  help                      this list
  quit                      leave (end of input does the same)"""

WATCHABLE = ("facts", "rules", "activations")


class StepError(Exception):
    """A bad command: the message is shown, the session goes on."""


# --- conflict resolution ------------------------------------------------------------

def _recency(act) -> list[int]:
    return sorted((f["__factid__"] for f in act.facts), reverse=True)


def make_strategy(name: str, ranks: dict[str, int], seed: int = 1):
    """A conflict-resolution strategy for experta's agenda (a ``Strategy``)."""
    from screener.engine import NameOrderStrategy

    class Depth(NameOrderStrategy):
        """experta's DepthStrategy key (salience, then the activation's fact ids,
        newest first), ties broken by rule name."""

        label = "depth"
        order = "salience, then newest facts first, then rule name"

        def key_text(self, act) -> str:
            return "recency " + ",".join(map(str, _recency(act)))

    class Breadth(Depth):
        label = "breadth"
        order = "salience, then oldest facts first, then rule name"

        def get_key(self, act):
            return (act.rule.salience, [-i for i in _recency(act)], -self.ranks.get(act.rule.__name__, 0),
                    sorted(map(repr, act.context.items())))

    class Lex(Depth):
        label = "lex"
        order = "salience, then newest facts first, then more conditions first, then rule name"

        def __init__(self, ranks):
            super().__init__(ranks)
            from screener.engine import catalogue

            self.size = {rid: len(info.conditions) for rid, info in catalogue().items()}

        def get_key(self, act):
            name = act.rule.__name__
            return (act.rule.salience, _recency(act), self.size.get(name, 0), -self.ranks.get(name, 0),
                    sorted(map(repr, act.context.items())))

        def key_text(self, act) -> str:
            n = self.size.get(act.rule.__name__, 0)
            return super().key_text(act) + f"; {n} condition{'s' if n != 1 else ''}"

    class Random(Depth):
        label = "random"
        order = "salience, then a random draw (seeded, so a class sees the same order)"

        def __init__(self, ranks, seed):
            super().__init__(ranks)
            self.rng = random.Random(seed)
            self.seed = seed
            self.draws: dict = {}

        def draw(self, act) -> float:
            ident = (act.rule.__name__, tuple(_recency(act)), tuple(sorted(map(repr, act.context.items()))))
            if ident not in self.draws:
                self.draws[ident] = self.rng.random()
            return self.draws[ident]

        def get_key(self, act):
            return (act.rule.salience, self.draw(act), -self.ranks.get(act.rule.__name__, 0),
                    sorted(map(repr, act.context.items())))

        def key_text(self, act) -> str:
            return f"draw {self.draw(act):.3f}"

    if name == "depth":
        return Depth(ranks)
    if name == "breadth":
        return Breadth(ranks)
    if name == "lex":
        return Lex(ranks)
    if name == "random":
        return Random(ranks, seed)
    raise ValueError(name)


STRATEGIES = ("depth", "breadth", "lex", "random")
NOT_OFFERED = {
    "mea": "experta keeps an activation's facts as a set, so which fact matched the first pattern "
           "(what MEA compares) is not recorded",
    "simplicity": "experta does not count the tests in a rule; screener offers lex, which breaks recency "
                  "ties by the number of conditions",
    "complexity": "experta does not count the tests in a rule; screener offers lex, which breaks recency "
                  "ties by the number of conditions",
}


# --- reading the Rete network -----------------------------------------------------------

def _is_node(node, name: str) -> bool:
    """Is ``node`` an experta node of this class (screener.rete uses subclasses)?"""
    return any(cls.__name__ == name for cls in type(node).__mro__)


class ReteView:
    """The engine's Rete network, walked upwards from a rule's terminal node."""

    def __init__(self, matcher):
        self.parents: dict[int, list[tuple[Any, str]]] = {}
        self.terminals: dict[str, list] = {}
        seen = set()
        stack = [matcher.root_node]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if hasattr(node, "rule") and hasattr(node, "memory"):
                name = getattr(node.rule, "__name__", None)
                if name and node not in self.terminals.setdefault(name, []):
                    self.terminals[name].append(node)
            for child in node.children:
                self.parents.setdefault(id(child.node), []).append((node, getattr(child.callback, "__name__", "")))
                stack.append(child.node)

    def _parent(self, node, port: str | None = None):
        for parent, callback in self.parents.get(id(node), []):
            if port is None or callback == port:
                return parent
        return None

    def pattern_of(self, alpha) -> tuple[type | None, dict]:
        """The fact type and field constraints tested on the way from the root to ``alpha``."""
        fact_type, fields = None, {}
        node = alpha
        while node is not None:
            check = getattr(node, "matcher", None)
            if check is not None:
                if type(check).__name__ == "TypeCheck":
                    fact_type = check.fact_type
                elif type(check).__name__ == "FeatureCheck":
                    fields[check.what] = check.how
            node = self._parent(node)
        return fact_type, fields

    def chain(self, terminal) -> list[dict]:
        """The rule's patterns in order, each with the memory that holds its matches.

        ``[{"alpha": node, "join": node or None, "negated": bool, "tests": n}]``;
        pattern 1's matches are the first join's left memory (or the terminal's
        memory for a one-pattern rule); pattern k's are join k-1's right memory.
        """
        joins = []
        node = self._parent(terminal)
        tests = 0
        while node is not None and hasattr(node, "left_memory") and hasattr(node, "right_memory"):
            joins.append(node)
            node = self._parent(node, "activate_left")
            while node is not None and not hasattr(node, "left_memory") and _is_node(node, "WhereNode"):
                tests += 1
                node = self._parent(node)
        while node is not None and _is_node(node, "WhereNode"):
            tests += 1
            node = self._parent(node)
        joins.reverse()
        first = node
        patterns = [{"alpha": first, "join": None, "negated": False}]
        for join in joins:
            right = self._parent(join, "activate_right")
            patterns.append({"alpha": right, "join": join, "negated": _is_node(join, "NotNode")})
        return patterns, joins, tests


def _memory_facts(memory) -> list[tuple]:
    """Token infos in a node memory, as sorted tuples of fact ids."""
    infos = memory.keys() if isinstance(memory, dict) else memory
    out = set()
    for info in infos:
        data = info[0] if isinstance(info, tuple) else getattr(info, "data", ())
        out.add(tuple(sorted(f.get("__factid__", -1) for f in data)))
    return sorted(out)


def _constraint_text(value) -> str:
    kind = type(value).__name__
    if kind == "L":
        return repr(value.value)
    if kind == "W":
        bind = getattr(value, "__bind__", None)
        return f"?{bind}" if bind else "?"
    if kind == "P":
        op, arg = getattr(value, "describe", ("test", None))
        if op == "between":
            return f"between {arg[0]} and {arg[1]}"
        return f"{op} {arg}" if arg is not None else "(a test)"
    return repr(value)


def _pattern_text(fact_type, fields) -> str:
    name = getattr(fact_type, "__name__", "?")
    inner = ", ".join(f"{k}={_constraint_text(v)}" for k, v in fields.items()
                      if isinstance(k, str) and not k.startswith("__"))
    return f"{name}({inner})"


# --- the session -------------------------------------------------------------------------

class StepSession:
    """One case on the engine, driven one command at a time."""

    def __init__(self, case, out: Callable[[str], None] | None = None, engine=None):
        from screener.engine import get_engine

        self.case = case
        self.engine = engine or get_engine()
        self.out = out or (lambda text: print(text))
        self.watch = {"facts": True, "rules": True, "activations": False}
        self._default_strategy = self.engine.strategy
        self.ranks = dict(getattr(self._default_strategy, "ranks", {}))
        self.strategy = make_strategy("depth", self.ranks)
        self.engine.strategy = self.strategy
        self.firings = 0
        self.fired_acts: set = set()        # (rule, fact ids) of every firing since reset
        self.origin: dict[int, dict] = {}   # fact index -> how it came about
        self._current: dict | None = None   # the firing whose RHS is running
        self._why: list[str] = []
        self._why_level = 0
        self._rete: ReteView | None = None
        self.engine.tracer = self._event
        quiet, self.watch = self.watch, dict.fromkeys(WATCHABLE, False)
        try:
            self.reset()  # the starting state is summed up by the header, not watched line by line
        finally:
            self.watch = quiet

    def close(self) -> None:
        """Give the engine back as ``screen`` expects it."""
        self.engine.tracer = None
        self.engine.strategy = self._default_strategy

    # --- engine events -------------------------------------------------------------------
    def _event(self, event: str, data: dict) -> None:
        if event == "fire":
            act = data["activation"]
            self.firings += 1
            self._current = {"n": self.firings, "rule": act.rule.__name__,
                             "facts": [f["__factid__"] for f in sorted(act.facts, key=lambda f: f["__factid__"])]}
            self.fired_acts.add((self._current["rule"], tuple(self._current["facts"])))
            if self.watch["rules"]:
                self.out(f"FIRE {self.firings} {act.rule.__name__} [salience {act.rule.salience}]: "
                         f"{self._facts_of(act)}")
        elif event == "assert":
            fact = data["fact"]
            idx = fact.get("__factid__")
            if idx is not None and idx not in self.origin:
                self.origin[idx] = dict(self._current) if self._current else {"by": "answer"}
            if self.watch["facts"]:
                self.out(f"==> {fact_id(fact)} {fact_text(fact)}")
            if type(fact).__name__ == "Evidence" and self.watch["rules"]:
                before, after = self._cf_step(fact)
                self.out(f"CF {fact['nutrient']}: {before:.2f} -> {after:.2f} ({fact['rule']} {fact['cf']:+.2f})")
            if type(fact).__name__ == "Cap" and self.watch["rules"]:
                self.out(f"CAP {fact['nutrient']} <= {fact['limit']:.2f} ({fact['rule']})")
        elif event == "duplicate":
            if self.watch["facts"]:
                self.out(f"=== {fact_text(data['fact'])} is already known: not asserted again")
        elif event in ("activate", "deactivate"):
            self._activation_line(event, data["activation"])

    def _activation_line(self, event: str, act) -> None:
        if self.watch["activations"]:
            arrow = "==>" if event == "activate" else "<=="
            self.out(f"{arrow} Activation {act.rule.__name__} [salience {act.rule.salience}]: {self._facts_of(act)}")

    @staticmethod
    def _facts_of(act) -> str:
        return ", ".join(fact_id(f) for f in sorted(act.facts, key=lambda f: f["__factid__"]))

    def _cf_step(self, new_fact) -> tuple[float, float]:
        from screener.scoring import combine
        from screener.scoring import combine_all
        from screener.scoring import shown

        others = [f["cf"] for f in self._evidence(new_fact["nutrient"]) if f is not new_fact
                  and f.get("__factid__") != new_fact.get("__factid__")]
        before = combine_all(others)
        return shown(before), shown(combine(before, new_fact["cf"]))

    def _evidence(self, nutrient: str) -> list:
        return [f for _, f in sorted(self.engine.facts.items())
                if type(f).__name__ == "Evidence" and f["nutrient"] == nutrient]

    def _agenda_change(self, action: Callable[[], Any]) -> Any:
        """Run ``action`` outside ``run`` and report the activations it added or removed."""
        before = list(self.engine.agenda.activations)
        result = action()
        after = list(self.engine.agenda.activations)
        for act in before:
            if not any(a is act for a in after):
                self._activation_line("deactivate", act)
        for act in reversed(after):
            if not any(a is act for a in before):
                self._activation_line("activate", act)
        return result

    def _sync(self) -> None:
        """After ``run(steps)`` stops early, let the agenda catch up with the last firing
        (experta defers that to the next step of its loop)."""
        engine = self.engine
        added, removed = engine.get_activations()
        engine.strategy.update_agenda(engine.agenda, added, removed)
        for act in sorted(removed, key=lambda a: a.rule.__name__):
            self._activation_line("deactivate", act)
        for act in sorted(added, key=engine.strategy.get_key, reverse=True):
            self._activation_line("activate", act)

    # --- commands ---------------------------------------------------------------------------
    def reset(self) -> None:
        from screener.engine import answer_facts

        self.engine.reset()
        self.engine.fired = []
        self.firings = 0
        self.fired_acts = set()
        self.origin = {0: {"by": "reset"}}
        self._current = None
        self._why, self._why_level = [], 0
        for fact in answer_facts(self.case.answers):
            self._agenda_change(lambda fact=fact: self.engine.declare(fact))
        self._current = None

    def header(self) -> str:
        facts = len(self.engine.facts)
        acts = len(self.engine.agenda.activations)
        return (f"Case: {self.case.title}. {facts} fact{'s' if facts != 1 else ''} (f-0 to f-{facts - 1}), "
                f"{acts} activation{'s' if acts != 1 else ''} on the agenda; watching "
                + (", ".join(k for k in WATCHABLE if self.watch[k]) or "nothing") + ".")

    def run(self, steps: int | None = None) -> None:
        before = self.firings
        self._current = None
        self.engine.run(steps if steps is not None else float("inf"))
        self._current = None
        self._sync()
        self._why, self._why_level = [], 0
        n = self.firings - before
        left = len(self.engine.agenda.activations)
        if n == 0:
            self.out("Nothing fired: the agenda is empty.")
        else:
            what = "rule fired" if n == 1 else "rules fired"
            waiting = f"{left} activation{'s' if left != 1 else ''} on the agenda" if left else "the agenda is empty"
            self.out(f"{n} {what} ({self.firings} in all); {waiting}.")

    def agenda_lines(self) -> list[str]:
        acts = list(reversed(self.engine.agenda.activations))
        if not acts:
            return ["The agenda is empty: nothing left to fire."]
        s = self.strategy
        lines = [f"Agenda, in firing order (strategy {s.label}: {s.order}):"]
        width = max(len(a.rule.__name__) for a in acts)
        sal = max(len(str(a.rule.salience)) for a in acts)
        for n, act in enumerate(acts, 1):
            lines.append(f"  {n:>2}. [salience {act.rule.salience:>{sal}}] {act.rule.__name__:<{width}}  "
                         f"{self._facts_of(act):<10}  key: {s.key_text(act)}")
        lines.append(f"For a total of {len(acts)} activation{'s' if len(acts) != 1 else ''}.")
        return lines

    def facts_lines(self) -> list[str]:
        facts = sorted(self.engine.facts.items())
        lines = [f"{fact_id(f):<5} {fact_text(f)}" for _, f in facts]
        lines.append(f"For a total of {len(facts)} fact{'s' if len(facts) != 1 else ''}.")
        return lines

    def set_watch(self, args: list[str]) -> None:
        if len(args) != 2 or args[0] not in (*WATCHABLE, "all") or args[1] not in ("on", "off"):
            raise StepError("usage: watch facts|rules|activations|all on|off")
        for name in (WATCHABLE if args[0] == "all" else (args[0],)):
            self.watch[name] = args[1] == "on"
        on = [k for k in WATCHABLE if self.watch[k]]
        self.out("Watching: " + (", ".join(on) if on else "nothing") + ".")

    def set_strategy(self, args: list[str]) -> None:
        if not args:
            self.out(f"Strategy: {self.strategy.label} ({self.strategy.order}).")
            self.out("Offered: " + ", ".join(STRATEGIES) + ". Not offered: "
                     + "; ".join(f"{k} ({v})" for k, v in NOT_OFFERED.items() if k != "complexity") + ".")
            return
        name = args[0].lower()
        if name in NOT_OFFERED:
            raise StepError(f"strategy {name} is not offered: {NOT_OFFERED[name]}.")
        if name not in STRATEGIES:
            raise StepError(f"unknown strategy {args[0]!r}; offered: {', '.join(STRATEGIES)}")
        seed = 1
        if name == "random" and len(args) > 1:
            try:
                seed = int(args[1])
            except ValueError:
                raise StepError(f"random takes a whole-number seed, not {args[1]!r}") from None
        self.strategy = make_strategy(name, self.ranks, seed)
        self.engine.strategy = self.strategy
        agenda = self.engine.agenda.activations
        for act in agenda:
            act.key = self.strategy.get_key(act)
        agenda.sort()
        self._why, self._why_level = [], 0
        self.out(f"Strategy: {self.strategy.label} ({self.strategy.order}). The agenda is re-sorted.")

    def assert_answer(self, text: str) -> None:
        from screener.engine import answer_facts
        from screener.facts import FactError
        from screener.facts import parse_override
        from screener.questions import BY_ID
        from screener.questions import NUTRIENT_LIST

        if not text:
            raise StepError("usage: assert QUESTION=VALUE (for example: assert diet=vegan)")
        try:
            qid, value = parse_override(text)
        except FactError as err:
            raise StepError(err.message.replace("--set: ", "")) from None
        if value == "unknown":
            raise StepError(f"an unknown answer is not a fact: to forget {qid}, retract its fact")
        if BY_ID[qid].kind != NUTRIENT_LIST:
            for _, fact in sorted(self.engine.facts.items()):
                if type(fact).__name__ == "Answer" and qid in fact:
                    raise StepError(f"{qid} is already answered: {fact_id(fact)} {fact_text(fact)}; "
                                    f"retract {fact_id(fact)} first")
        facts = answer_facts({qid: value})
        if not facts:
            raise StepError(f"{qid}: nothing to assert for an empty list")
        for fact in facts:
            self._current = None
            declared = self._agenda_change(lambda fact=fact: self.engine.declare(fact))
            if declared is not None:
                self.origin[declared["__factid__"]] = {"by": "you"}
        self._why, self._why_level = [], 0

    def retract(self, text: str) -> None:
        idx = self._fact_index(text)
        fact = self.engine.facts[idx]
        if self.watch["facts"]:
            self.out(f"<== {fact_id(fact)} {fact_text(fact)}")
        self._agenda_change(lambda: self.engine.retract(fact))
        self._why, self._why_level = [], 0

    def _fact_index(self, text: str) -> int:
        t = text.strip().lower()
        if t.startswith("f-"):
            t = t[2:]
        try:
            idx = int(t)
        except ValueError:
            raise StepError(f"expected a fact id like f-6, not {text!r}") from None
        if idx not in self.engine.facts:
            raise StepError(f"there is no fact f-{idx} (facts lists them)")
        return idx

    # --- matches ----------------------------------------------------------------------------
    def _rule_name(self, text: str) -> str:
        from screener.engine import catalogue
        from screener.kinds import suggest

        cat = catalogue()
        if text in cat:
            return text
        hint = suggest(text, cat)
        raise StepError(f"no rule {text!r}" + (f"; did you mean {hint}?" if hint else " (screener rules list)"))

    def matches_lines(self, rule: str) -> list[str]:
        from screener.engine import catalogue

        rule = self._rule_name(rule)
        if self._rete is None:
            self._rete = ReteView(self.engine.matcher)
        terminals = self._rete.terminals.get(rule, [])
        if not terminals:
            raise StepError(f"{rule} has no node in the engine's Rete network")
        info = catalogue()[rule]
        on_agenda = {tuple(sorted(f["__factid__"] for f in a.facts))
                     for a in self.engine.agenda.activations if a.rule.__name__ == rule}
        lines = [f"Matches for {rule} (read from the engine's Rete memory):"]
        for b, terminal in enumerate(terminals, 1):
            patterns, joins, tests = self._rete.chain(terminal)
            if len(terminals) > 1:
                lines.append(f"Branch {b} of {len(terminals)} (experta splits OR into separate rules):")
            for n, p in enumerate(patterns, 1):
                fact_type, fields = self._rete.pattern_of(p["alpha"])
                text = _pattern_text(fact_type, fields)
                if len(terminals) == 1 and len(patterns) == len(info.conditions):
                    text += f"  -- {_describe(info.clauses[n - 1])}"
                if p["negated"]:
                    memory = p["join"].right_memory
                    found = _memory_facts(memory)
                    lines.append(f"Pattern {n} (not): {text}")
                    lines.append("  blocked by " + ", ".join(_ids(t) for t in found) if found
                                 else "  met: no such fact")
                    continue
                memory = (joins[0].left_memory if joins else terminal.memory) if n == 1 else p["join"].right_memory
                found = _memory_facts(memory)
                lines.append(f"Pattern {n}: {text}")
                lines.append("  " + (", ".join(_ids(t) for t in found) if found else "none: waiting for such a fact"))
            for k in range(2, len(patterns)):
                found = _memory_facts(joins[k - 1].left_memory)
                lines.append(f"Partial matches for patterns 1-{k}:")
                lines.append("  " + ("; ".join(_ids(t) for t in found) if found else "none"))
            if tests:
                lines.append(f"({tests} test{'s' if tests != 1 else ''} on bound values after the joins)")
            full = _memory_facts(terminal.memory)
            lines.append("Activations (every pattern met):")
            if not full:
                lines.append("  none")
            for t in full:
                state = "on the agenda" if t in on_agenda else "fired" if self._fired_on(rule, t) else "not on the agenda"
                lines.append(f"  {_ids(t)} ({state})")
        return lines

    def _fired_on(self, rule: str, ids: tuple) -> bool:
        return (rule, ids) in self.fired_acts

    # --- why / how ---------------------------------------------------------------------------
    def why(self, args: list[str]) -> None:
        if args:
            self._why = self._why_chain(self._rule_name(args[0]))
            self._why_level = 0
        elif not self._why:
            acts = self.engine.agenda.activations
            if not acts:
                raise StepError("the agenda is empty: nothing is about to fire (why RULE asks about any rule)")
            self._why = self._why_chain(acts[-1].rule.__name__, acts[-1])
            self._why_level = 0
        if self._why_level >= len(self._why):
            self.out("That is the top goal: there is nothing above it. (how F-N goes down the chain.)")
            return
        self.out(self._why[self._why_level])
        self._why_level += 1

    def _why_chain(self, rule: str, act=None) -> list[str]:
        from screener.engine import catalogue
        from screener.questions import NUTRIENT_NAMES

        cat = catalogue()
        info = cat[rule]
        if act is None:
            acts = [a for a in reversed(self.engine.agenda.activations) if a.rule.__name__ == rule]
            act = acts[0] if acts else None
        levels = []
        conds = "; ".join(_describe(c) for c in info.clauses) or "(always)"
        if act is not None:
            bound = {k: v for k, v in act.context.items() if not k.startswith("__")}
            head = (f"[1] {rule} is on the agenda: its conditions ({conds}) are met by "
                    f"{', '.join(f'{fact_id(f)} {fact_text(f)}' for f in sorted(act.facts, key=lambda f: f['__factid__']))}.")
        else:
            bound = {}
            head = f"[1] {rule} is not on the agenda now; it needs: {conds}."
        nutrient = info.concern if info.concern != "*" else bound.get("nutrient")
        levels.append(head + f" It concludes {kb.conclusion_text(info, 'step', nutrient)}: {info.reason}.")
        top = ("[{n}] That serves the top goal: rank what may be worth checking with a doctor, "
               "with warning signs first.")
        if info.effect == "evidence" and info.kind in ("cardinal", "supporting") and nutrient:
            gate = [f for f in self.engine.facts.values() if type(f).__name__ == "Suspect" and f["nutrient"] == nutrient]
            risk = sorted(r for r, i in cat.items() if i.effect == "evidence" and i.concern == nutrient
                          and i.kind == "risk")
            state = (f"the gate is already open ({fact_id(gate[0])} {fact_text(gate[0])})" if gate
                     else "the gate is still shut")
            levels.append(f"[2] Evidence from a symptom opens the gate: gate_compatible_symptom then concludes "
                          f"Suspect(nutrient={nutrient!r}), and only after that can {nutrient}'s risk-factor rules "
                          f"fire ({_some(risk)}); {state}.")
        elif info.effect == "suspect":
            risk = sorted(r for r, i in cat.items() if i.effect == "evidence" and nutrient and i.concern == nutrient
                          and i.kind == "risk")
            levels.append(f"[2] Suspect(nutrient={nutrient!r}) is the gate: risk factors for {nutrient} count only "
                          f"once a compatible symptom is present; rules waiting on it: {_some(risk)}.")
        elif info.effect == "sign":
            users = sorted(r for r, i in cat.items() if any(
                kb.can_conclude(info, leaf) for leaf, _ in kb.walk(i.clauses)))
            levels.append(f"[2] Sign {info.concern!r} is an intermediate conclusion; rules that match on it: "
                          f"{', '.join(users) or 'none'}.")
        elif info.effect in ("red_flag", "concern"):
            levels.append(f"[2] It sets the urgency to at least {info.urgency}: the most time-critical message "
                          "comes first in the report.")
        if nutrient and nutrient in NUTRIENT_NAMES and info.effect in ("evidence", "suspect", "cap", "caution"):
            levels.append(f"[{len(levels) + 1}] All of this serves the goal: how much do the answers point to "
                          f"{NUTRIENT_NAMES[nutrient]}? {self._cf_now(nutrient, info if info.effect == 'evidence' else None)}")
        levels.append(top.format(n=len(levels) + 1))
        return levels

    def _cf_now(self, nutrient: str, info=None) -> str:
        from screener.scoring import combine
        from screener.scoring import combine_all
        from screener.scoring import shown

        ev = self._evidence(nutrient)
        now = combine_all(f["cf"] for f in ev)
        text = f"Its certainty factor now: {shown(now):.2f}"
        steps = ", ".join("{} {} {:+.2f}".format(fact_id(f), f["rule"], f["cf"]) for f in ev)
        text += f" (from {steps})" if ev else " (no evidence yet)"
        if info is not None and info.cf is not None and not any(f["rule"] == info.id for f in ev):
            text += f"; with this rule it would be {shown(combine(now, info.cf)):.2f}"
        return text + "."

    def how(self, args: list[str]) -> None:
        from screener.questions import NUTRIENTS

        if not args:
            raise StepError("usage: how F-N (a fact) or how NUTRIENT")
        word = args[0].lower()
        if word in NUTRIENTS:
            self._how_nutrient(word)
            return
        idx = self._fact_index(args[0])
        fact = self.engine.facts[idx]
        origin = self.origin.get(idx, {"by": "answer"})
        head = f"{fact_id(fact)} {fact_text(fact)}"
        if origin.get("by") == "reset":
            self.out(f"{head} is asserted by reset, as in CLIPS.")
        elif origin.get("by") == "answer":
            self.out(f"{head} is an answer from the case file.")
        elif origin.get("by") == "you":
            self.out(f"{head} was asserted by you in this session.")
        else:
            from screener.engine import catalogue

            info = catalogue().get(origin["rule"])
            premises = [self.engine.facts.get(i) for i in origin["facts"]]
            lines = [f"{head} was concluded by {origin['rule']} (firing {origin['n']}) from:"]
            for i, p in zip(origin["facts"], premises):
                if p is None:
                    lines.append(f"  f-{i} (since retracted)")
                else:
                    lines.append(f"  {fact_id(p)} {fact_text(p)}")
            if info is not None:
                lines.append(f"  because {info.reason}.")
            more = [f"f-{i}" for i in origin["facts"] if i in self.origin and self.origin[i].get("rule")]
            if more:
                lines.append("  To go further down: " + ", ".join(f"how {m}" for m in more) + ".")
            self.out("\n".join(lines))

    def _how_nutrient(self, nutrient: str) -> None:
        from screener.scoring import combine
        from screener.scoring import shown

        ev = self._evidence(nutrient)
        if not ev:
            self.out(f"No evidence for {nutrient} yet.")
            return
        lines = [f"{nutrient}: certainty factors combined as MYCIN does (a + b(1 - a) when both are positive):"]
        cf = 0.0
        for f in ev:
            after = combine(cf, f["cf"])
            lines.append(f"  {shown(cf):.2f} -> {shown(after):.2f}  {fact_id(f)} {f['rule']} {f['cf']:+.2f} ({f['kind']})")
            cf = after
        caps = [f for f in self.engine.facts.values() if type(f).__name__ == "Cap" and f["nutrient"] == nutrient]
        for c in caps:
            lines.append(f"  cap: at most {c['limit']:.2f} ({c['rule']}), applied after combining")
        if not any(f["kind"] == "risk" and f["cf"] > 0 for f in ev):
            lines.append("  cap: at most 0.29 while no risk factor is present (cap_no_risk_factor)")
        self.out("\n".join(lines))

    # --- dispatch ----------------------------------------------------------------------------
    def execute(self, line: str) -> bool:
        """Run one command line; False when the session should end."""
        line = line.strip()
        if line.startswith("(") and line.endswith(")"):
            line = line[1:-1].strip()  # (run 1), (agenda): CLIPS spelling
        if not line or line.startswith(";"):
            return True
        try:
            words = shlex.split(line)
        except ValueError as exc:
            raise StepError(f"cannot read that line: {exc}") from None
        cmd, args = words[0].lower(), words[1:]
        if cmd in ("quit", "exit", "q"):
            return False
        if cmd == "help" or cmd == "?":
            self.out(HELP)
        elif cmd == "run":
            self.run(_count(args))
        elif cmd == "agenda":
            self.out("\n".join(self.agenda_lines()))
        elif cmd == "facts":
            self.out("\n".join(self.facts_lines()))
        elif cmd == "matches":
            if len(args) != 1:
                raise StepError("usage: matches RULE")
            self.out("\n".join(self.matches_lines(args[0])))
        elif cmd == "watch":
            self.set_watch([a.lower() for a in args])
        elif cmd == "unwatch":
            self.set_watch([*(a.lower() for a in args[:1]), "off"])
        elif cmd in ("strategy", "set-strategy"):
            self.set_strategy(args)
        elif cmd == "why":
            self.why(args)
        elif cmd == "how":
            self.how(args)
        elif cmd == "reset":
            self.reset()
            self.out(f"Reset: {len(self.engine.facts)} facts, "
                     f"{len(self.engine.agenda.activations)} activations on the agenda.")
        elif cmd == "assert":
            self.assert_answer(" ".join(args))
        elif cmd == "retract":
            if len(args) != 1:
                raise StepError("usage: retract F-N (facts lists the fact ids)")
            self.retract(args[0])
        else:
            from screener.kinds import suggest

            known = ("run", "agenda", "facts", "matches", "watch", "why", "how", "strategy", "assert",
                     "retract", "reset", "help", "quit")
            hint = suggest(cmd, known)
            raise StepError(f"unknown command {cmd!r}" + (f"; did you mean {hint}?" if hint else "")
                            + " (help lists the commands)")
        return True


def _count(args: list[str]) -> int | None:
    if not args:
        return None
    if len(args) > 1:
        raise StepError("usage: run [N]")
    try:
        n = int(args[0])
    except ValueError:
        raise StepError(f"run takes a number of firings, not {args[0]!r}") from None
    if n < 1:
        raise StepError("run takes a positive number of firings")
    return n


def _some(names: list[str], n: int = 6) -> str:
    if not names:
        return "none"
    return ", ".join(names[:n]) + (f" and {len(names) - n} more" if len(names) > n else "")


def _ids(t: tuple) -> str:
    return ", ".join(f"f-{i}" for i in t)


def _describe(clause) -> str:
    return kb.describe(clause)


# --- the loop ------------------------------------------------------------------------------

def _readline():
    """readline for history and line editing, when the platform has it."""
    try:
        import readline  # noqa: F401
    except ImportError:  # Windows without pyreadline: plain input() still works
        return None
    return readline


def run_session(session: StepSession, lines=None, *, interactive: bool | None = None, echo: bool = False,
                err: Callable[[str], None] | None = None, read: Callable[[str], str] | None = None) -> int:
    """Drive ``session`` from ``lines`` (scripted) or from standard input.

    On a terminal: a prompt, readline history and editing.  From a pipe: no
    prompt, and end of input ends the session with status 0.  A bad command
    prints one message (on stderr) and the session goes on.  ``read(prompt)``
    (raising EOFError at the end) replaces standard input: the interview
    passes its own reader."""
    err = err or (lambda text: print(text, file=sys.stderr))
    if interactive is None:
        interactive = lines is None and read is None and sys.stdin.isatty()
    if interactive:
        _readline()
    session.out(session.header() + (" Type help for the commands." if interactive else ""))
    source = iter(lines) if lines is not None else None
    try:
        while True:
            if source is not None:
                try:
                    line = next(source)
                except StopIteration:
                    break
            elif read is not None:
                try:
                    line = read(PROMPT)
                except EOFError:
                    break
            elif interactive:
                try:
                    line = input(PROMPT)
                except EOFError:
                    session.out("")
                    break
                except KeyboardInterrupt:
                    session.out("")
                    continue
            else:
                line = sys.stdin.readline()
                if not line:
                    break
            if echo and line.strip():
                session.out(PROMPT + line.strip())
            try:
                if not session.execute(line):
                    break
            except StepError as exc:
                err(f"Error: {exc}")
            except Exception as exc:  # a bug: keep the class's session alive, say how to report it
                err(f"Internal error in '{line.strip()}': {type(exc).__name__}: {exc}. This is a bug in "
                    "screener; please report it with the command. The session goes on.")
    finally:
        session.close()
    return 0
