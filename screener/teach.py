"""The teaching tools behind ``screener rules``, ``explain`` and ``diff``.

Everything here reads the knowledge base as data (``engine.catalogue()``,
whose conditions come from the ``@Rule`` patterns themselves), so the
catalogue, the graph and the explanations show exactly what the engine
matches.  The click commands in :mod:`screener.cli_teach` only parse options
and call these functions.
"""

from __future__ import annotations

import difflib
import inspect
import json
import os
import shutil
import subprocess
import tempfile
import textwrap
from typing import Any

from screener import kb
from screener.errors import InputError
from screener.facts import to_plain
from screener.questions import NUTRIENT_NAMES
from screener.questions import NUTRIENTS


def _catalogue():
    from screener.engine import catalogue

    return catalogue()


def _scoring_caps() -> dict:
    """The caps scoring applies after the engine, as RuleInfo (module "scoring")."""
    from screener.scoring import SCORING_CAPS

    return {c["id"]: kb.RuleInfo("cap", "*", c["reason"], c["source"], limit=c["limit"], id=c["id"],
                                 module="scoring", text=c["when"]) for c in SCORING_CAPS}


def _all_rules() -> dict:
    """The knowledge base's rules, then the caps scoring applies after them."""
    return {**_catalogue(), **_scoring_caps()}


def _conditions_text(info) -> str:
    return info.text if info.module == "scoring" else kb.describe(info.clauses)


def _rules_by_id() -> dict:
    from screener.engine import collect_rules

    return {r.info.id: r for r in collect_rules()}


def check_nutrient(nutrient: str | None) -> str | None:
    if nutrient is None:
        return None
    from screener.explain import check_nutrient as check

    return check(nutrient)


def _cf_text(cf: float | None) -> str:
    return "" if cf is None else f"{cf:+.2f}"


# --- rules list / show ------------------------------------------------------------

def select_rules(nutrient: str | None = None) -> list:
    """RuleInfo in catalogue order; with a nutrient, its rules and the generic ones."""
    nutrient = check_nutrient(nutrient)
    infos = list(_all_rules().values())
    if nutrient:
        infos = [i for i in infos if i.concern == nutrient or (i.concern == "*" and i.effect in
                                                               ("evidence", "suspect", "cap"))]
    return infos


def rule_data(info) -> dict:
    data = info.to_data()
    data["for"] = info.concern
    data["conditions_text"] = _conditions_text(info)
    data["conclusion"] = kb.conclusion_text(info, "code")
    return data


def rules_list_json(nutrient: str | None = None) -> str:
    return json.dumps([rule_data(i) for i in select_rules(nutrient)], indent=2, ensure_ascii=False) + "\n"


def rules_list_table(nutrient: str | None = None, width: int = 100) -> str:
    infos = select_rules(nutrient)
    w_id = max(len(i.id) for i in infos)
    w_mod = max(len(i.module) for i in infos)
    w_for = max(len(i.concern) for i in infos)
    head = f"{'ID':<{w_id}}  {'MODULE':<{w_mod}}  {'FOR':<{w_for}}  {'CF':>5}  CONDITIONS"
    lines = [head, "-" * min(width, len(head) + 20)]
    indent = " " * 4
    for i in infos:
        cf = _cf_text(i.cf) if i.cf is not None else (f"<={i.limit:.2f}" if i.limit is not None else "")
        lines.append(f"{i.id:<{w_id}}  {i.module:<{w_mod}}  {i.concern:<{w_for}}  {cf:>5}  "
                     f"{_conditions_text(i)}")
        for label, text in (("reason", i.reason), ("source", i.source)):
            lines.extend(textwrap.wrap(f"{label}: {text}", width=width, initial_indent=indent,
                                       subsequent_indent=indent + "  "))
    lines.append(f"{len(infos)} rules")
    return "\n".join(lines) + "\n"


def unknown_rule(rule_id: str) -> InputError:
    ids = list(_all_rules())
    close = difflib.get_close_matches(rule_id, ids, n=3, cutoff=0.5)
    message = f"unknown rule '{rule_id}' (see `screener rules list`)"
    if close:
        message += ". Did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return InputError(message)


def _source_of(rule) -> tuple[str, str]:
    fn = getattr(rule, "__wrapped_source__", None)
    if fn is None:
        return "", ""
    try:
        return textwrap.dedent(inspect.getsource(fn)), fn.__module__
    except (OSError, TypeError):
        return "", fn.__module__


def rule_show_data(rule_id: str) -> dict:
    cat = _all_rules()
    if rule_id not in cat:
        raise unknown_rule(rule_id)
    info = cat[rule_id]
    if info.module == "scoring":
        from screener import scoring

        source, module = textwrap.dedent(inspect.getsource(scoring.assess)), scoring.__name__
    else:
        source, module = _source_of(_rules_by_id()[rule_id])
    data = rule_data(info)
    data["effect_text"] = kb.conclusion_text(info)
    data["python_module"] = module
    data["python_source"] = source
    return data


def _condition_lines(clause, depth: int = 1) -> list[str]:
    pad = "  " * depth
    if isinstance(clause, (kb.AnyOf, kb.AllOf)):
        out = [f"{pad}{'any' if isinstance(clause, kb.AnyOf) else 'all'} of:"]
        for c in clause.clauses:
            out.extend(_condition_lines(c, depth + 1))
        return out
    return [f"{pad}{kb.describe(clause)}"]


def rule_show_text(rule_id: str) -> str:
    d = rule_show_data(rule_id)
    info = _all_rules()[rule_id]
    lines = [f"Rule {d['id']}  (module {d['module']}, salience {d['salience']})", ""]
    lines.append("IF")
    if info.module == "scoring":
        lines.append(f"  {info.text}")
    for n, clause in enumerate(info.clauses):
        sub = _condition_lines(clause)
        if n:
            sub[0] = "  AND " + sub[0].lstrip()
        lines.extend(sub)
    lines.append("THEN")
    lines.append(f"  assert {d['conclusion']}")
    lines.append(f"  ({d['effect_text']})")
    lines.append("")
    if info.text and info.text != info.reason and info.module != "scoring":
        lines.extend(textwrap.wrap(f"Tells the person: {info.text}", width=100, subsequent_indent="  "))
    lines.extend(textwrap.wrap(f"Reason: {d['reason']}", width=100, subsequent_indent="  "))
    lines.extend(textwrap.wrap(f"Source: {d['source']}", width=100, subsequent_indent="  "))
    if d["python_source"]:
        lines += ["", f"Python ({d['python_module']}):", ""]
        lines.extend("    " + line if line else "" for line in d["python_source"].rstrip("\n").split("\n"))
    return "\n".join(lines) + "\n"


# --- graph -----------------------------------------------------------------------------

GRAPH_EFFECTS = ("evidence", "cap", "red_flag", "sign", "concern")


def _inputs(clause) -> list[tuple[str, str, str, bool]]:
    """(node id, node label, edge label, negated) for the inputs of one clause."""
    out = []
    for leaf, negated in kb.walk(clause):
        if isinstance(leaf, kb.AnswerClause):
            q, c = leaf.question, leaf.constraint
            value = "answered" if isinstance(c, kb.Anything) else kb.describe_constraint(c)
            if q == "supplements" and isinstance(c, (kb.Literal, kb.Variable)):
                value = "include " + value
            out.append((f"q_{q}", q, "" if value == "yes" else value, negated))
        elif leaf.fact == "Sign":
            names = [v for k, c in leaf.fields if k == "name" and isinstance(c, kb.Literal) for v in c.values]
            out.extend((f"s_{n}", f"sign: {n}", "", negated) for n in names)
        elif leaf.fact == "Suspect":  # the gate: a compatible symptom was reported
            c = dict(leaf.fields).get("nutrient")
            names = c.values if isinstance(c, kb.Literal) else ("any",)
            out.extend((f"g_{n}", f"suspect: {n}" + (" nutrient" if n == "any" else ""), "", negated)
                       for n in names)
        # Evidence: read by the gate rule only, drawn with it (graph_model)
    return out


def graph_model(nutrient: str | None = None) -> dict:
    """Nodes and edges: answers and signs -> rules -> nutrients, red flags, urgency."""
    nutrient = check_nutrient(nutrient)
    cat = _catalogue()
    infos = [i for i in cat.values() if i.effect in GRAPH_EFFECTS]
    if nutrient:
        chosen = [i for i in infos if i.concern == nutrient and i.effect in ("evidence", "cap")]
        # Pull in the sign rules these depend on (forward chaining: answer -> sign -> rule).
        needed = {n for i in chosen for (nid, _, _, _) in _all_inputs(i) if nid.startswith("s_")
                  for n in [nid[2:]]}
        while True:
            more = [i for i in infos if i.effect == "sign" and i.concern in needed and i not in chosen]
            if not more:
                break
            chosen.extend(more)
            needed |= {nid[2:] for i in more for (nid, _, _, _) in _all_inputs(i) if nid.startswith("s_")}
        infos = [i for i in cat.values() if i in chosen]
    nodes: dict[str, dict] = {}
    edges: list[dict] = []

    def node(nid, label, kind):
        nodes.setdefault(nid, {"id": nid, "label": label, "kind": kind})

    for i in infos:
        rid = f"r_{i.id}"
        node(rid, i.id, "rule")
        for nid, label, value, negated in _all_inputs(i):
            node(nid, label, "sign" if nid.startswith(("s_", "g_")) else "answer")
            edges.append({"from": nid, "to": rid, "label": ("not " + value).strip() if negated else value,
                          "negated": negated})
        if i.effect == "evidence":
            targets = [i.concern] if i.concern != "*" else []
            for n in targets:
                node(f"n_{n}", NUTRIENT_NAMES.get(n, n), "nutrient")
                edges.append({"from": rid, "to": f"n_{n}", "label": f"{i.cf:+.2f}", "negated": i.cf < 0})
        elif i.effect == "cap":
            node(f"n_{i.concern}", NUTRIENT_NAMES.get(i.concern, i.concern), "nutrient")
            edges.append({"from": rid, "to": f"n_{i.concern}", "label": f"cap {i.limit:.2f}", "negated": True})
        elif i.effect == "red_flag":
            node(f"u_{i.urgency}", i.urgency, "urgency")
            edges.append({"from": rid, "to": f"u_{i.urgency}", "label": i.concern, "negated": False})
        elif i.effect == "concern":
            node(f"u_{i.concern}", i.concern, "urgency")
            edges.append({"from": rid, "to": f"u_{i.concern}", "label": "", "negated": False})
        elif i.effect == "sign":
            node(f"s_{i.concern}", f"sign: {i.concern}", "sign")
            edges.append({"from": rid, "to": f"s_{i.concern}", "label": "", "negated": False})
    # The gate: symptom evidence for a nutrient -> gate_compatible_symptom ->
    # Suspect(nutrient), which the nutrient's risk-factor rules read.
    gates = [nid for nid in nodes if nid.startswith("g_")]
    if gates:
        gate = "gate_compatible_symptom"
        node(f"r_{gate}", gate, "rule")
        for nid in gates:
            n = nid[2:]
            if n == "any":
                edges.append({"from": f"r_{gate}", "to": nid, "label": "any nutrient", "negated": False})
                continue
            node(f"n_{n}", NUTRIENT_NAMES.get(n, n), "nutrient")
            edges.append({"from": f"n_{n}", "to": f"r_{gate}", "label": "symptom evidence", "negated": False})
            edges.append({"from": f"r_{gate}", "to": nid, "label": "", "negated": False})
    return {"nutrient": nutrient, "nodes": list(nodes.values()), "edges": edges}


def _all_inputs(info) -> list:
    out = []
    for clause in info.clauses:
        out.extend(_inputs(clause))
    seen, uniq = set(), []
    for item in out:
        if item not in seen:
            seen.add(item)
            uniq.append(item)
    return uniq


_DOT_SHAPES = {"answer": "ellipse", "sign": "diamond", "rule": "box", "nutrient": "doubleoctagon",
               "urgency": "octagon"}
_MERMAID_SHAPES = {"answer": ("([", "])"), "sign": ("{", "}"), "rule": ("[", "]"),
                   "nutrient": ("[[", "]]"), "urgency": ("{{", "}}")}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def graph_dot(model: dict) -> str:
    title = "screener knowledge base" + (f": {model['nutrient']}" if model["nutrient"] else "")
    lines = ["digraph screener {", "  rankdir=LR;", f"  label={_q(title)};",
             '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];']
    for n in model["nodes"]:
        lines.append(f"  {n['id']} [label={_q(n['label'])}, shape={_DOT_SHAPES[n['kind']]}];")
    for e in model["edges"]:
        attrs = []
        if e["label"]:
            attrs.append(f"label={_q(e['label'])}")
            attrs.append("decorate=true")  # a line from the label to its own edge
        if e["negated"]:
            attrs.append("style=dashed")
        lines.append(f"  {e['from']} -> {e['to']}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mq(text: str) -> str:
    return '"' + text.replace('"', "#quot;") + '"'


def graph_mermaid(model: dict) -> str:
    lines = ["flowchart LR"]
    for n in model["nodes"]:
        left, right = _MERMAID_SHAPES[n["kind"]]
        lines.append(f"  {n['id']}{left}{_mq(n['label'])}{right}")
    for e in model["edges"]:
        arrow = "-.->" if e["negated"] else "-->"
        label = f"|{_mq(e['label'])}|" if e["label"] else ""
        lines.append(f"  {e['from']} {arrow}{label} {e['to']}")
    return "\n".join(lines) + "\n"


RENDERED = {".svg": "svg", ".png": "png", ".pdf": "pdf"}
TEXT_OUTPUT = {".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid"}


def graph_command(fmt: str | None, nutrient: str | None, output: str | None) -> str | None:
    """Build the graph; write it to ``output`` (rendering .svg/.png/.pdf with
    Graphviz) or return its text for stdout."""
    ext = os.path.splitext(output)[1].lower() if output else ""
    if output and ext not in RENDERED and ext not in TEXT_OUTPUT:
        raise InputError(f"--output {output}: unknown file type '{ext or '(none)'}'; use .dot, .gv, .mmd, "
                         ".svg, .png or .pdf")
    if ext in RENDERED:
        if fmt == "mermaid":
            raise InputError(f"--output {output}: rendering {ext} needs the DOT format (Graphviz); "
                             "use --format dot, or write Mermaid to a .mmd file")
        fmt = "dot"
    elif ext in TEXT_OUTPUT:
        if fmt and fmt != TEXT_OUTPUT[ext]:
            raise InputError(f"--output {output}: a {ext} file holds {TEXT_OUTPUT[ext]}, not {fmt}")
        fmt = TEXT_OUTPUT[ext]
    fmt = fmt or "dot"
    model = graph_model(nutrient)
    text = graph_dot(model) if fmt == "dot" else graph_mermaid(model)
    if not output:
        return text
    if ext in RENDERED:
        _render(text, output, RENDERED[ext])
    else:
        from screener.outfile import write_private

        try:
            write_private(output, text)
        except OSError as exc:
            raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    return None


def _render(dot_text: str, output: str, kind: str) -> None:
    dot = shutil.which("dot")
    if not dot:
        raise InputError(f"rendering {output} needs Graphviz, and its `dot` program was not found on PATH. "
                         "Install Graphviz (e.g. apt install graphviz, brew install graphviz), or write "
                         "the DOT text instead: screener rules graph --output kb.dot")
    folder = os.path.dirname(os.path.abspath(output))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".screener-", suffix="." + kind, dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        proc = subprocess.run([dot, f"-T{kind}", "-o", tmp], input=dot_text.encode("utf-8"),
                              capture_output=True, check=False)
        if proc.returncode != 0:
            raise InputError(f"Graphviz could not render {output}: "
                             f"{proc.stderr.decode('utf-8', 'replace').strip()}")
        os.chmod(tmp, 0o644)
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# --- explain / diff ----------------------------------------------------------------

def parse_overrides(overrides) -> dict:
    """``--set QUESTION=VALUE`` options, validated, as question id -> value (or a FactError)."""
    from screener.facts import parse_override

    return dict(parse_override(o) for o in overrides)


def load_one(file: str, overrides=(), input_format: str | None = None,
             takes: str = "explain and diff take one case"):
    """One case from FILE (with --set overrides), or an InputError (a FactError for a bad file)."""
    from screener.batch import apply_overrides
    from screener.facts import read_one

    fixed = parse_overrides(overrides)
    return apply_overrides(read_one(file, input_format, takes), fixed)


def explain_data(case, how: tuple = (), why_not: tuple = (), analysis=None) -> dict:
    """HOW for each ``how`` nutrient and WHY NOT for each ``why_not`` one.

    With neither: HOW for every listed nutrient, and WHY NOT for every
    nutrient that had evidence but is not listed."""
    from screener.explain import analyse
    from screener.explain import check_nutrient as check
    from screener.explain import how_data
    from screener.explain import why_not_data

    for n in (*how, *why_not):
        check(n)
    an = analysis or analyse(case)
    if not how and not why_not:
        listed = [] if an.emergency_flags else list(an.ranked)
        how = tuple(listed)
        why_not = tuple(n for n in NUTRIENTS if n in an.assessments and n not in listed)
    return {"name": case.title,
            "urgency_rules": [f["rule"] for f in an.emergency_flags],
            "how": [how_data(case, n, an) for n in how],
            "why_not": [why_not_data(case, n, an) for n in why_not]}


def explain_text(case, how: tuple = (), why_not: tuple = ()) -> str:
    from screener.explain import analyse
    from screener.explain import how as how_text
    from screener.explain import why_not as why_not_text

    an = analyse(case)
    data = explain_data(case, how, why_not, an)
    parts = []
    for d in data["how"]:
        parts.append(how_text(case, d["nutrient"], an))
    for d in data["why_not"]:
        parts.append(why_not_text(case, d["nutrient"], an))
    if not parts:
        parts.append("No nutrient had any evidence: nothing to explain. Try --why-not NUTRIENT.\n")
    return "\n".join(parts)


def _summary(case) -> dict:
    from screener.report import screen_case
    from screener.scoring import assess
    from screener.scoring import shown

    screened = screen_case(case)
    result, report = screened.result, screened.report
    assessments = assess(result)
    return {
        "urgency": report["urgency"],
        "red_flags": [f["id"] for f in report["red_flags"]],
        "suggestions": {s["nutrient"]: {"rank": n, "confidence": s["confidence"], "level": s["level"]}
                        for n, s in enumerate(report["suggestions"], 1)},
        "evidence": {n: shown(a.confidence) for n, a in assessments.items()},
        "fired": sorted(set(result.fired)),
    }


def diff_data(case, overrides: dict) -> dict:
    """How the report changes when ``overrides`` (question id -> value) replace answers."""
    import copy

    after = copy.copy(case)
    after.answers = {**case.answers, **overrides}
    return _diff(case, after, overrides)


def _diff(before, after, changes: dict) -> dict:
    a, b = _summary(before), _summary(after)
    nutrients = [n for n in NUTRIENTS if n in a["suggestions"] or n in b["suggestions"]]
    rows = []
    for n in nutrients:
        x, y = a["suggestions"].get(n), b["suggestions"].get(n)
        if x != y:
            rows.append({"nutrient": n, "before": x, "after": y})
    fired_a, fired_b = set(a["fired"]), set(b["fired"])
    return {
        "name": after.title,
        "changes": {q: to_plain(q, v) for q, v in changes.items()},
        "answers_before": {q: to_plain(q, before.answers.get(q, "unknown")) for q in changes},
        "urgency": {"before": a["urgency"], "after": b["urgency"]},
        "red_flags": {"added": sorted(set(b["red_flags"]) - set(a["red_flags"])),
                      "removed": sorted(set(a["red_flags"]) - set(b["red_flags"]))},
        "suggestions": rows,
        "started_firing": sorted(fired_b - fired_a),
        "stopped_firing": sorted(fired_a - fired_b),
    }


def _sugg_text(s: dict | None) -> str:
    if s is None:
        return "not listed"
    return f"#{s['rank']} {s['level']} {s['confidence']:.2f}"


def diff_text(d: dict) -> str:
    lines = [f"What changes for {d['name']}:"]
    for q, v in d["changes"].items():
        was = d["answers_before"][q]
        lines.append(f"  {q}: {_show(was)} -> {_show(v)}")
    lines.append("")
    u = d["urgency"]
    lines.append(f"Urgency: {u['before']} -> {u['after']}" if u["before"] != u["after"]
                 else f"Urgency: {u['before']} (unchanged)")
    for label in ("added", "removed"):
        if d["red_flags"][label]:
            lines.append(f"Red flags {label}: {', '.join(d['red_flags'][label])}")
    if d["suggestions"]:
        lines.append("Suggestions:")
        for row in d["suggestions"]:
            lines.append(f"  {row['nutrient']}: {_sugg_text(row['before'])} -> {_sugg_text(row['after'])}")
    else:
        lines.append("Suggestions: unchanged")
    for label, key in (("Rules that started firing", "started_firing"),
                       ("Rules that stopped firing", "stopped_firing")):
        rules = d[key]
        lines.append(f"{label}: " + (", ".join(rules) if rules else "none"))
    return "\n".join(lines) + "\n"


def _show(v: Any) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(v) + "]"
    return str(v)
