"""The knowledge base in CLIPS: ``screener rules export --format clips``.

:func:`export` writes every rule as a CLIPS ``defrule`` (its reason and source
as comments) over ``deftemplate`` facts, generated from the conditions data
(the condition model, ``kb.compile_rule``) and from what each rule's right-hand side declares, so
a student can load the same rules into CLIPS::

    CLIPS> (load "screener.clp")
    CLIPS> (reset)
    CLIPS> (assert (answer (question tingling) (value TRUE))
                   (answer (question diet) (value vegan)))
    CLIPS> (run)
    CLIPS> (facts)

Facts: one ``(answer (question <id>) (value <value>))`` per known answer
(yes/no as TRUE/FALSE, choices and nutrients as symbols, age as an integer;
one fact per supplement), and one template per conclusion (``sign``,
``suspect``, ``evidence``, ``cap``, ``caution``, ``red-flag``, ``concern``,
``advice``) with the fields screener's facts have.

:class:`ClipsEngine` runs the export with clipspy (the optional ``clips``
extra): an independent engine that tests and ``benchmarks/bench.py`` compare
with screener's.  No clipspy import unless it is used.
"""

from __future__ import annotations

import re
from typing import Any

from screener import KNOWLEDGE_VERSION
from screener import __version__
from screener import engine
from screener import kb

__all__ = ["export", "template_name", "ExportError", "ClipsEngine", "answer_text"]


class ExportError(ValueError):
    """A rule uses something CLIPS text cannot say (an opaque Python test)."""


def template_name(fact_type: type | str) -> str:
    """``RedFlag`` -> ``red-flag``: CLIPS style names for fact types."""
    name = fact_type if isinstance(fact_type, str) else fact_type.__name__
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


_SYMBOL = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*\Z")
_RESERVED = {"TRUE", "FALSE", "nil", "and", "or", "not", "test", "exists", "forall", "logical", "declare"}


def _atom(value: Any) -> str:
    """A Python value as a CLIPS constant: True -> TRUE, text -> symbol (or a
    string when it is not a plain word), numbers as they are."""
    if value is True:
        return "TRUE"
    if value is False:
        return "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        if _SYMBOL.match(value) and value not in _RESERVED:
            return value
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise ExportError(f"no CLIPS constant for {value!r}")


def from_clips(value: Any) -> Any:
    """A clipspy value back as the Python value :func:`_atom` wrote."""
    import clips

    if isinstance(value, clips.Symbol):
        if value == "TRUE":
            return True
        if value == "FALSE":
            return False
        return str(value)
    if isinstance(value, str):
        return str(value)
    return value


class _Fresh:
    """Names for the variables a rule's tests need (``?v1``...), never one of its own."""

    def __init__(self, taken: set[str]):
        self.taken = taken
        self.n = 0

    def __call__(self) -> str:
        while True:
            self.n += 1
            name = f"v{self.n}"
            if name not in self.taken:
                return "?" + name


_TESTS = {
    ">=": lambda v, n: f"(>= {v} {_atom(n)})",
    "<": lambda v, n: f"(< {v} {_atom(n)})",
    "between": lambda v, b: f"(<= {_atom(b[0])} {v} {_atom(b[1])})",
}


def _constraint(c, fresh: _Fresh, rule_id: str) -> str:
    """One field constraint of the condition model -> a CLIPS slot constraint."""
    if isinstance(c, kb.Literal):
        return "|".join(_atom(v) for v in c.values)
    if isinstance(c, kb.Variable):
        return "?" + c.name
    if isinstance(c, kb.Anything):
        return "?"
    if isinstance(c, kb.Compare) and c.op in _TESTS:
        var = fresh()
        return f"{var}&:(integerp {var})&:{_TESTS[c.op](var, c.value)}"
    raise ExportError(f"rule {rule_id}: CLIPS cannot express the condition {c.to_data()!r}")


def _pattern(clause, fresh: _Fresh, rule_id: str, indent: str) -> str:
    if isinstance(clause, kb.Not):
        return f"{indent}(not\n{_pattern(clause.clause, fresh, rule_id, indent + '   ')})"
    if isinstance(clause, (kb.AnyOf, kb.AllOf)):
        word = "or" if isinstance(clause, kb.AnyOf) else "and"
        inner = "\n".join(_pattern(c, fresh, rule_id, indent + "   ") for c in clause.clauses)
        return f"{indent}({word}\n{inner})"
    if isinstance(clause, kb.AnswerClause):
        name = template_name("Answer")
        return f"{indent}({name} (question {clause.question}) (value {_constraint(clause.constraint, fresh, rule_id)}))"
    slots = "".join(f" ({slot} {_constraint(c, fresh, rule_id)})" for slot, c in clause.fields)
    return f"{indent}({template_name(clause.fact)}{slots})"


def _variables(clauses) -> set[str]:
    found = set()
    for leaf, _negated in kb.walk(clauses):
        constraints = [leaf.constraint] if isinstance(leaf, kb.AnswerClause) else [c for _, c in leaf.fields]
        found |= {c.name for c in constraints if isinstance(c, kb.Variable)}
    return found


class _Var:
    """Stands for a variable bound by the conditions while the RHS runs."""

    def __init__(self, name: str):
        self.name = name

    def __hash__(self):
        return hash(self.name)


class _Recorder:
    """Takes the place of the engine while a rule's RHS runs: keeps what it declares."""

    def __init__(self):
        self.declared: list = []

    def declare(self, *facts):
        self.declared.extend(facts)


def conclusions(rule) -> list:
    """The facts a rule's right-hand side declares, with ``_Var`` where it
    uses a value bound by the conditions (runs the RHS on a recorder)."""
    recorder = _Recorder()
    copy = rule.new_conditions(*rule)  # a copy not bound to any engine
    copy(recorder, **{name: _Var(name) for name in _variables(rule.info.clauses)})
    return recorder.declared


def _value_text(value: Any) -> str:
    return "?" + value.name if isinstance(value, _Var) else _atom(value)


def _fields(fact) -> list[tuple[str, Any]]:
    return [(k, v) for k, v in fact.items() if not (isinstance(k, str) and k.startswith("__"))]


def _comment(text: str) -> list[str]:
    """Text as ``;;`` comment lines, wrapped for reading."""
    import textwrap

    return [f";; {line}".rstrip() for para in text.splitlines() or [""]
            for line in textwrap.wrap(para, 96, subsequent_indent="   ") or [""]]


def _rule_text(rule, fired_log: bool) -> str:
    info = rule.info
    fresh = _Fresh(_variables(info.clauses))
    lines = [f";; {info.id} ({info.module}): {info.effect} {info.concern}"
             + (f", cf {info.cf}" if info.cf is not None else "") + (f", {info.kind}" if info.kind else "")]
    lines += _comment(f"reason: {info.reason}")
    lines += _comment(f"source: {info.source}")
    lines.append(f"(defrule {info.id}")
    if rule.salience:
        lines.append(f"   (declare (salience {int(rule.salience)}))")
    lines += [_pattern(c, fresh, info.id, "   ") for c in info.clauses]
    lines.append("   =>")
    for fact in conclusions(rule):
        slots = "".join(f" ({k} {_value_text(v)})" for k, v in _fields(fact))
        lines.append(f"   (assert ({template_name(type(fact))}{slots}))")
    if fired_log:
        lines.append(f"   (bind ?*fired* (create$ ?*fired* {info.id}))")
    lines[-1] += ")"
    return "\n".join(lines)


def _templates(rules) -> dict[str, list[str]]:
    """Template name -> slot names, from the conditions and the conclusions."""
    slots: dict[str, list[str]] = {"answer": ["question", "value"]}

    def add(fact_type: str, names):
        have = slots.setdefault(template_name(fact_type), [])
        have.extend(n for n in names if n not in have)

    for rule in rules:
        for leaf, _negated in kb.walk(rule.info.clauses):
            if isinstance(leaf, kb.FactClause):
                add(leaf.fact, [k for k, _ in leaf.fields])
        for fact in conclusions(rule):
            add(type(fact).__name__, [k for k, _ in _fields(fact)])
    return slots


def _collector(templates: dict[str, list[str]]) -> str:
    """A deffunction listing every conclusion fact flat (template, slot values...):
    reading them in one call is much cheaper than fact by fact through clipspy."""
    collect = "".join(
        f"\n   (do-for-all-facts ((?f {name})) TRUE (bind ?out (create$ ?out {name}"
        + "".join(f" ?f:{slot}" for slot in slots) + ")))"
        for name, slots in templates.items() if name != "answer")
    return "(deffunction screener-conclusions ()\n   (bind ?out (create$))" + collect + "\n   ?out)"


def constructs(fired_log: bool = False) -> list[str]:
    """Every construct of the export, in order (deftemplates, then defrules
    in knowledge-base order).  ``fired_log`` adds a ``?*fired*`` global that
    lists the rules in firing order (for comparing engines)."""
    rules = engine.collect_rules()
    out = []
    templates = _templates(rules)
    for name, slots in templates.items():
        out.append(f"(deftemplate {name}\n" + "\n".join(f"   (slot {s})" for s in slots) + ")")
    if fired_log:
        out.append("(defglobal ?*fired* = (create$))")
        out.append(_collector(templates))
    out += [_rule_text(rule, fired_log) for rule in rules]
    return out


def export(fired_log: bool = False) -> str:
    """The knowledge base as one CLIPS file."""
    head = [
        f";; screener {__version__}, knowledge base {KNOWLEDGE_VERSION}: the rules as CLIPS constructs.",
        ";; Generated by `screener rules export --format clips`; edit the Python rules, not this file.",
        ";; It screens: it does not diagnose. Facts: (answer (question <id>) (value <value>)), one per",
        ";; known answer (yes/no as TRUE/FALSE, age as an integer, one fact per supplement).",
        ";; Try: (load \"screener.clp\") (reset) (assert (answer (question tingling) (value TRUE))) (run) (facts)",
        "",
    ]
    return "\n".join(head) + "\n\n".join(constructs(fired_log)) + "\n"


def answer_text(answers: dict[str, Any]) -> list[str]:
    """The ``answer`` facts for one case, as CLIPS text (as :func:`engine.answer_facts`)."""
    return [f"(answer (question {qid}) (value {_atom(value)}))"
            for fact in engine.answer_facts(answers) for qid, value in _fields(fact)]


_TYPES = {template_name(t): t for t in (kb.Answer, kb.Sign, kb.Suspect, kb.Evidence, kb.Cap, kb.Caution,
                                        kb.RedFlag, kb.Concern, kb.Advice)}


class ClipsEngine:
    """The exported rules in a clipspy environment; :meth:`screen` one case at a time."""

    def __init__(self, text: str | None = None, path: str | None = None):
        import clips

        self.env = clips.Environment()
        if path is not None:  # the plain export: no firing log
            self.env.load(path)
            self.env.build(_collector({str(t.name): [str(slot.name) for slot in t.slots]
                                       for t in self.env.templates() if t.name in _TYPES}))
        else:
            for construct in constructs(fired_log=True) if text is None else [text]:
                self.env.build(construct)
        # clipspy's error router is asked about every character CLIPS parses:
        # switched off while a case's facts are parsed (on for loading).
        self._slots = {name: tuple(str(s.name) for s in self.env.find_template(name).slots) for name in _TYPES
                       if name != "answer" and self._has_template(name)}
        self._error_router = next(r for r in self.env.routers() if r.name == "python-error-router")

    def _has_template(self, name: str) -> bool:
        return any(t.name == name for t in self.env.templates())

    def run(self, answers: dict[str, Any]) -> None:
        text = answer_text(answers)
        env = self.env
        self._error_router.deactivate()
        try:
            env.reset()
            if text:
                env.eval("(assert " + " ".join(text) + ")")
            env.run()
        finally:
            self._error_router.activate()

    def fired(self) -> list[str]:
        """Rule names in CLIPS's firing order (an engine built from a file has no log)."""
        if not any(g.name == "fired" for g in self.env.globals()):
            return []
        return [str(name) for name in self.env.eval("?*fired*")]

    def conclusions(self) -> list[tuple[type, dict]]:
        """The conclusion facts (all but answers) as (screener fact type, fields),
        read in one call."""
        flat = self.env.eval("(screener-conclusions)")
        out, i = [], 0
        while i < len(flat):
            name = str(flat[i])
            slots = self._slots[name]
            out.append((_TYPES[name], {s: from_clips(v) for s, v in zip(slots, flat[i + 1:i + 1 + len(slots)])}))
            i += 1 + len(slots)
        return out

    def screen(self, answers: dict[str, Any]) -> engine.Result:
        """Like :func:`screener.engine.screen`, on CLIPS."""
        self.run(answers)
        return engine.result_of(answers, self.fired(), self.conclusions())
