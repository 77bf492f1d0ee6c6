"""``screener validate``: run a library of cases with expected results and score the knowledge base.

A case file is an ordinary fact file (so ``screener run`` reads it) with one
extra ``x-case`` key the fact-file loader ignores::

    name: Vegan runner with numb feet
    x-case:
      group: deficiency            # deficiency | benign | mimic
      source: {url: https://..., citation: "Author et al. Journal 2020"}
      summary: >
        In our own words: who, what, how long, what was found.
      expect:
        confirmed: [vitamin_b12]   # the cause the source confirmed; [] if none
        min_urgency: see_doctor    # lower is unsafe
        max_urgency: urgent        # higher is over-triage
      tags: [over_80]              # optional: child, over_80, ...
    answers:
      age: 34
      ...

Measures, per case and in total:

- top-1: the confirmed nutrient is ranked first (cases with a confirmed
  nutrient whose expected minimum is below emergency: an emergency report
  lists no nutrients on purpose);
- top-3: it is among the first three suggestions (same cases);
- moderate: it is suggested at level moderate or high (same cases);
- safe: the urgency is not below the expected minimum (every case);
- over-triage: the urgency is above the expected maximum (every case);
- false alarms: suggestions at moderate or high that are not the confirmed
  cause (every case; for benign and mimic cases every such suggestion).

Answers the current question bank does not know yet but the contract's
second edition names (and ``duration: minutes``) are left out of the run and
reported as a note on that case, so the library can be written against the
contract before the bank catches up.  Anything else that is wrong with a case
file is a usage error (exit status 2).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from screener.facts import Case
from screener.facts import FactError
from screener.facts import parse_case
from screener.facts import read_text
from screener.questions import BY_ID
from screener.questions import NUTRIENTS
from screener.questions import URGENCIES

GROUPS = ("deficiency", "benign", "mimic")
CASE_KEY = "x-case"
SUFFIXES = (".yaml", ".yml", ".json")

#: Question ids the contract's second edition adds (spec section 2).  A case
#: may use them before the question bank has them: they are then left out of
#: the run, with a note, instead of failing the case.
CONTRACT_2ND_ED_IDS = frozenset({
    "rf_back_pain_night_weight", "rf_black_stools", "breastfeeding", "family_ataxia", "weight_loss",
    "eating_disorder", "liquorice", "statin", "nsaid_or_blood_thinner", "methotrexate", "laxatives",
    "steroids", "liver_disease", "autoimmune", "thyroid",
})
#: Values the second edition adds to existing questions.
CONTRACT_2ND_ED_VALUES = frozenset({("duration", "minutes")})

SHORT = {"vitamin_b12": "B12", "vitamin_d": "D", "thiamine": "B1", "folate": "folate", "vitamin_e": "E",
         "iron": "iron", "magnesium": "Mg", "potassium": "K"}
LEVEL_RANK = {"low": 0, "moderate": 1, "high": 2}

#: name -> (total key, direction, help); fractions 0-1 except false alarms (a mean per case).
FLOORS = {
    "top1": ("top1", "min", "confirmed nutrient ranked first"),
    "top3": ("top3", "min", "confirmed nutrient in the first three"),
    "moderate": ("moderate", "min", "confirmed nutrient at moderate or high"),
    "safe": ("safe", "min", "urgency not below the expected minimum"),
    "over_triage": ("over_triage", "max", "urgency above the expected maximum"),
    "false_alarms": ("false_alarms_per_case", "max", "moderate or high suggestions that are not the cause, per case"),
}


class CaseFileError(ValueError):
    """A case file that cannot be used: exit status 2."""


@dataclass
class Expect:
    confirmed: tuple[str, ...]
    min_urgency: str
    max_urgency: str


@dataclass
class LibraryCase:
    id: str
    path: str
    group: str
    expect: Expect
    case: Case
    summary: str = ""
    citation: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)


# --- reading ---------------------------------------------------------------

def case_files(paths) -> list[str]:
    """The case files under PATHS (directories are scanned, not recursively), sorted."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                full = os.path.join(path, name)
                if name.lower().endswith(SUFFIXES) and os.path.isfile(full):
                    found.append(full)
        elif os.path.isfile(path):
            found.append(path)
        else:
            raise CaseFileError(f"{path}: no such file or directory")
    if not found:
        raise CaseFileError(f"no case files (.yaml, .yml, .json) in {', '.join(paths)}")
    return found


def _decode(path: str) -> Any:
    try:
        text = read_text(path)
    except FactError as err:
        raise CaseFileError(err.message) from None
    try:
        if path.lower().endswith(".json"):
            return json.loads(text)
        import yaml

        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a SafeLoader
    except Exception as exc:  # any parser's syntax error is the case file's
        raise CaseFileError(f"{path}: not valid {'JSON' if path.lower().endswith('.json') else 'YAML'}: "
                            f"{' '.join(str(exc).split())}") from None


def _urgency(value: Any, what: str, path: str) -> str:
    if value not in URGENCIES:
        raise CaseFileError(f"{path}: x-case: expect: {what}: {value!r}: allowed: {', '.join(URGENCIES)}")
    return value


def _expect(data: Any, path: str) -> Expect:
    if not isinstance(data, dict):
        raise CaseFileError(f"{path}: x-case: 'expect' must be a mapping with confirmed, min_urgency, max_urgency")
    unknown = set(data) - {"confirmed", "min_urgency", "max_urgency"}
    if unknown:
        raise CaseFileError(f"{path}: x-case: expect: unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
                            "allowed: confirmed, min_urgency, max_urgency")
    confirmed = data.get("confirmed", ())
    if confirmed in (None, "none"):
        confirmed = ()
    if isinstance(confirmed, str):
        confirmed = (confirmed,)
    if not isinstance(confirmed, (list, tuple)):
        raise CaseFileError(f"{path}: x-case: expect: confirmed must be a list of nutrient ids (or [])")
    for item in confirmed:
        if item not in NUTRIENTS:
            raise CaseFileError(f"{path}: x-case: expect: confirmed: {item!r} is not a nutrient id; "
                                f"allowed: {', '.join(NUTRIENTS)}")
    for key in ("min_urgency", "max_urgency"):
        if key not in data:
            raise CaseFileError(f"{path}: x-case: expect: missing '{key}'")
    low = _urgency(data["min_urgency"], "min_urgency", path)
    high = _urgency(data["max_urgency"], "max_urgency", path)
    if URGENCIES.index(low) > URGENCIES.index(high):
        raise CaseFileError(f"{path}: x-case: expect: min_urgency {low} is above max_urgency {high}")
    return Expect(tuple(confirmed), low, high)


def _split_answers(answers: Any, path: str) -> tuple[dict, list[str]]:
    """Answers the bank can take, and notes for second-edition ones it cannot yet."""
    if not isinstance(answers, dict):
        return answers, []
    kept, unknown_ids, unknown_values = {}, [], []
    for qid, value in answers.items():
        if qid not in BY_ID and qid in CONTRACT_2ND_ED_IDS:
            unknown_ids.append(str(qid))
            continue
        if isinstance(value, str) and (qid, value.strip().lower()) in CONTRACT_2ND_ED_VALUES \
                and qid in BY_ID and value.strip().lower() not in (BY_ID[qid].choices or ()):
            unknown_values.append(f"{qid}={value}")
            continue
        kept[qid] = value
    notes = []
    if unknown_ids:
        notes.append("not in this question bank yet (left unknown): " + ", ".join(unknown_ids))
    if unknown_values:
        notes.append("value not in this question bank yet (left unknown): " + ", ".join(unknown_values))
    return kept, notes


def load_case(path: str) -> LibraryCase:
    data = _decode(path)
    if not isinstance(data, dict):
        raise CaseFileError(f"{path}: a case file must be a mapping with 'answers' and '{CASE_KEY}'")
    meta = data.get(CASE_KEY)
    if not isinstance(meta, dict):
        raise CaseFileError(f"{path}: missing '{CASE_KEY}' mapping (group, source, summary, expect)")
    group = meta.get("group")
    if group not in GROUPS:
        raise CaseFileError(f"{path}: x-case: group: {group!r}: allowed: {', '.join(GROUPS)}")
    if "expect" not in meta:
        raise CaseFileError(f"{path}: x-case: missing 'expect'")
    expect = _expect(meta["expect"], path)
    source = meta.get("source") or {}
    if not isinstance(source, dict) or not source.get("url") or not source.get("citation"):
        raise CaseFileError(f"{path}: x-case: 'source' must give url and citation")
    if not isinstance(meta.get("summary"), str) or not meta["summary"].strip():
        raise CaseFileError(f"{path}: x-case: 'summary' (in your own words) is required")
    tags = meta.get("tags") or ()
    if isinstance(tags, str):
        tags = (tags,)
    answers, notes = _split_answers(data.get("answers"), path)
    trimmed = dict(data)
    trimmed["answers"] = answers
    try:
        case = parse_case(trimmed, source=path)
    except FactError as err:
        raise CaseFileError(err.message) from None
    stem = os.path.splitext(os.path.basename(path))[0]
    return LibraryCase(id=stem, path=path, group=group, expect=expect, case=case,
                       summary=" ".join(meta["summary"].split()), citation=str(source["citation"]),
                       url=str(source["url"]), tags=tuple(str(t) for t in tags), notes=notes)


def load_library(paths) -> list[LibraryCase]:
    """Every case under PATHS; all problems at once in one CaseFileError."""
    problems, cases = [], []
    for path in case_files(paths):
        try:
            cases.append(load_case(path))
        except CaseFileError as err:
            problems.append(str(err))
    if problems:
        raise CaseFileError("\n".join(problems))
    return cases


# --- scoring ---------------------------------------------------------------

def score_case(lc: LibraryCase, report: dict) -> dict:
    """One row: what the tool said against what the case expects."""
    expect = lc.expect
    suggestions = report.get("suggestions") or []
    ranked = [s["nutrient"] for s in suggestions]
    strong = [s for s in suggestions if s.get("level") in ("moderate", "high")]
    confirmed = set(expect.confirmed)
    rank = next((i + 1 for i, n in enumerate(ranked) if n in confirmed), None)
    ranked_applies = bool(confirmed) and expect.min_urgency != "emergency"
    urgency = report["urgency"]
    got, low, high = (URGENCIES.index(u) for u in (urgency, expect.min_urgency, expect.max_urgency))
    level = next((s.get("level") for s in suggestions if s["nutrient"] in confirmed), None)
    alarms = [s["nutrient"] for s in strong if s["nutrient"] not in confirmed]
    return {
        "id": lc.id,
        "file": lc.path,
        "group": lc.group,
        "name": lc.case.name,
        "tags": list(lc.tags),
        "confirmed": list(expect.confirmed),
        "min_urgency": expect.min_urgency,
        "max_urgency": expect.max_urgency,
        "urgency": urgency,
        "suggestions": [{"nutrient": s["nutrient"], "level": s.get("level"), "confidence": s.get("confidence")}
                        for s in suggestions],
        "confirmed_rank": rank,
        "confirmed_level": level,
        "ranked_applies": ranked_applies,
        "top1": (rank == 1) if ranked_applies else None,
        "top3": (rank is not None and rank <= 3) if ranked_applies else None,
        "moderate": (level in ("moderate", "high")) if ranked_applies else None,
        "safe": got >= low,
        "over_triage": got > high,
        "false_alarms": len(alarms),
        "false_alarm_nutrients": alarms,
        "notes": list(lc.notes),
    }


def _fraction(rows, key) -> dict:
    applicable = [r for r in rows if r[key] is not None]
    n = sum(1 for r in applicable if r[key])
    d = len(applicable)
    return {"n": n, "of": d, "rate": round(n / d, 3) if d else None}


def totals(rows: list[dict]) -> dict:
    out = {"cases": len(rows)}
    for key in ("top1", "top3", "moderate", "safe", "over_triage"):
        out[key] = _fraction(rows, key)
    alarms = sum(r["false_alarms"] for r in rows)
    out["false_alarms"] = alarms
    out["false_alarms_per_case"] = round(alarms / len(rows), 3) if rows else None
    out["no_false_alarm"] = _fraction([{"x": r["false_alarms"] == 0} for r in rows], "x")
    return out


def summarise(rows: list[dict]) -> dict:
    return {"all": totals(rows),
            "groups": {g: totals([r for r in rows if r["group"] == g]) for g in GROUPS
                       if any(r["group"] == g for r in rows)}}


def check_floors(summary: dict, floors: dict) -> list[dict]:
    """Each floor given: its value, the measured value, and whether it holds."""
    checks = []
    for name, limit in floors.items():
        if limit is None:
            continue
        key, direction, _ = FLOORS[name]
        measured = summary["all"][key]
        value = measured["rate"] if isinstance(measured, dict) else measured
        ok = value is not None and (value >= limit if direction == "min" else value <= limit)
        checks.append({"name": name, "direction": direction, "limit": limit, "value": value, "ok": ok})
    return checks


def run_library(cases: list[LibraryCase]) -> list[dict]:
    from screener.report import report_for

    return [score_case(lc, report_for(lc.case)) for lc in cases]


COMPARED = ("urgency", "confirmed_rank", "top1", "top3", "moderate", "safe", "over_triage", "false_alarms")


def load_baseline(path: str) -> dict:
    """A previous ``validate --format json`` output, to compare against."""
    try:
        text = read_text(path)
    except FactError as err:
        raise CaseFileError(err.message) from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise CaseFileError(f"{path}: not valid JSON: {' '.join(str(exc).split())}") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list) \
            or not isinstance(data.get("totals"), dict):
        raise CaseFileError(f"{path}: not the output of 'screener validate --format json'")
    return data


def compare(rows: list[dict], summary: dict, old: dict) -> dict:
    """What changed per case and in the totals since an earlier run."""
    before = {r.get("id"): r for r in old["cases"] if isinstance(r, dict)}
    changes = []
    for r in rows:
        o = before.get(r["id"])
        if o is None:
            changes.append({"id": r["id"], "new": True, "changed": {}})
            continue
        diff = {k: [o.get(k), r[k]] for k in COMPARED if o.get(k) != r[k]}
        if diff:
            changes.append({"id": r["id"], "new": False, "changed": diff})
    totals = {}
    for key in ("top1", "top3", "moderate", "safe", "over_triage"):
        was = old["totals"].get(key)
        totals[key] = [was.get("rate") if isinstance(was, dict) else None, summary["all"][key]["rate"]]
    totals["false_alarms_per_case"] = [old["totals"].get("false_alarms_per_case"),
                                       summary["all"]["false_alarms_per_case"]]
    gone = sorted(str(k) for k in set(before) - {r["id"] for r in rows})
    return {"knowledge_version": [old.get("knowledge_version"), None], "cases": changes, "removed": gone,
            "totals": totals}


def _word(key: str, value) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def compare_text(result: dict, baseline: str) -> str:
    lines = [f"Changes since {baseline}:"]
    for c in result["cases"]:
        if c["new"]:
            lines.append(f"  {c['id']}: new case")
            continue
        parts = [f"{k} {_word(k, a)} -> {_word(k, b)}" for k, (a, b) in c["changed"].items()]
        lines.append(f"  {c['id']}: " + "; ".join(parts))
    for gone in result["removed"]:
        lines.append(f"  {gone}: no longer in the library")
    if len(lines) == 1:
        lines.append("  no case changed")
    lines.append("  totals: " + ", ".join(f"{k} {_word(k, a)} -> {_word(k, b)}"
                                          for k, (a, b) in result["totals"].items()))
    return "\n".join(lines) + "\n"


# --- presenting ------------------------------------------------------------

def _mark(value) -> str:
    return "-" if value is None else ("yes" if value else "NO")


def _pct(f: dict) -> str:
    if not f["of"]:
        return "n/a"
    return f"{f['n']}/{f['of']} ({100 * f['n'] / f['of']:.0f}%)"


def table(rows: list[dict], summary: dict, checks: list[dict]) -> str:
    head = ("case", "group", "confirmed", "first three (level)", "rank", "top1", "top3", "mod+",
            "urgency", "expected", "safe", "over", "FA")
    body = []
    for r in rows:
        firsts = ", ".join(f"{SHORT[s['nutrient']]}({s['level'][0]})" for s in r["suggestions"][:3]) or "-"
        body.append((r["id"], r["group"], ",".join(SHORT[c] for c in r["confirmed"]) or "none", firsts,
                     str(r["confirmed_rank"] or "-") if r["confirmed"] else "-", _mark(r["top1"]),
                     _mark(r["top3"]), _mark(r["moderate"]), r["urgency"],
                     f"{r['min_urgency']}..{r['max_urgency']}", "yes" if r["safe"] else "NO",
                     "OVER" if r["over_triage"] else "-", str(r["false_alarms"])))
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(head, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(b, widths)).rstrip() for b in body]
    noted = [r for r in rows if r["notes"]]
    if noted:
        lines.append("")
        lines.append("Notes:")
        for r in noted:
            for note in r["notes"]:
                lines.append(f"  {r['id']}: {note}")
    lines.append("")
    thead = ("totals", "cases", "top-1", "top-3", "moderate+", "safe", "over-triage", "false alarms (per case)",
             "no false alarm")
    trows = [(label, str(t["cases"]), _pct(t["top1"]), _pct(t["top3"]), _pct(t["moderate"]), _pct(t["safe"]),
              _pct(t["over_triage"]), f"{t['false_alarms']} ({t['false_alarms_per_case']})",
              _pct(t["no_false_alarm"]))
             for label, t in [("all", summary["all"]), *summary["groups"].items()]]
    tw = [max(len(x[i]) for x in [thead, *trows]) for i in range(len(thead))]
    lines.append("  ".join(c.ljust(w) for c, w in zip(thead, tw)).rstrip())
    lines += ["  ".join(c.ljust(w) for c, w in zip(t, tw)).rstrip() for t in trows]
    lines.append("top-1/top-3/moderate+: cases with a confirmed nutrient and a non-emergency expectation; "
                 "FA: moderate or high suggestions that are not the confirmed cause.")
    for c in checks:
        word = "at least" if c["direction"] == "min" else "at most"
        lines.append(f"{'ok' if c['ok'] else 'BELOW FLOOR' if c['direction'] == 'min' else 'ABOVE CEILING'}: "
                     f"{c['name']} {c['value']} ({word} {c['limit']})")
    return "\n".join(lines) + "\n"


def to_json(rows: list[dict], summary: dict, checks: list[dict], compared: dict | None = None) -> str:
    from screener import KNOWLEDGE_VERSION
    from screener import __version__

    data = {"screener_version": __version__, "knowledge_version": KNOWLEDGE_VERSION,
            "cases": rows, "totals": summary["all"], "groups": summary["groups"],
            "floors": checks, "ok": all(c["ok"] for c in checks)}
    if compared is not None:
        compared["knowledge_version"][1] = KNOWLEDGE_VERSION
        data["compare"] = compared
    return json.dumps(data, indent=2) + "\n"


# --- command ---------------------------------------------------------------

def _floor_option(name: str, direction: str, help_text: str):
    import click

    flag = f"--{'min' if direction == 'min' else 'max'}-{name.replace('_', '-')}"
    return click.option(flag, name, type=click.FloatRange(0, None), default=None, metavar="X",
                        help=f"Exit 1 if {help_text} is {'below' if direction == 'min' else 'above'} X "
                             f"({'a fraction 0-1' if name != 'false_alarms' else 'a mean per case'}).")


def make_command():
    import click

    from screener.errors import InputError

    @click.argument("paths", nargs=-1, required=True, type=click.Path())
    @click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                  show_default=True)
    @click.option("-g", "--group", "groups", multiple=True, type=click.Choice(GROUPS),
                  help="Only the cases of this group (repeatable).")
    @click.option("--compare", "baseline", type=click.Path(dir_okay=False), metavar="OLD.json",
                  help="Also list what changed per case and in the totals since an earlier "
                       "'validate --format json' run saved in OLD.json.")
    @click.pass_context
    def validate(ctx, paths, fmt, groups, baseline, **floors):
        """Run a library of cases with expected results and score the knowledge base.

        Each case file is a fact file with an x-case key (group, source,
        summary, expect: confirmed, min_urgency, max_urgency); see
        cases/README.md.  Prints per case and in total: top-1, top-3,
        confirmed at moderate or above, safe urgency, over-triage and false
        alarms.  Exit status 1 when a --min-*/--max-* floor fails, 2 for a bad
        case file.

        \b
        Examples:
            screener validate cases/
            screener validate cases/ --format json --min-safe 1.0
        """
        try:
            cases = load_library(paths)
            old = load_baseline(baseline) if baseline else None
        except CaseFileError as err:
            raise InputError(str(err)) from None
        if groups:
            cases = [c for c in cases if c.group in groups]
            if not cases:
                raise InputError(f"no cases of group {', '.join(groups)} in {', '.join(paths)}")
        rows = run_library(cases)
        summary = summarise(rows)
        checks = check_floors(summary, floors)
        compared = compare(rows, summary, old) if old is not None else None
        if fmt == "json":
            click.echo(to_json(rows, summary, checks, compared), nl=False)
        else:
            click.echo(table(rows, summary, checks), nl=False)
            if compared is not None:
                click.echo("\n" + compare_text(compared, baseline), nl=False)
        failed = [c for c in checks if not c["ok"]]
        if failed:
            click.echo("validate: " + "; ".join(
                f"{c['name']} {c['value']} {'<' if c['direction'] == 'min' else '>'} {c['limit']}"
                for c in failed), err=True)
            ctx.exit(1)

    for name, (_key, direction, help_text) in reversed(list(FLOORS.items())):
        validate = _floor_option(name, direction, help_text)(validate)
    return click.command("validate")(validate)
