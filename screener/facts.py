"""Reading and validating fact files (spec section 1).

Everything a user types is checked here, before it reaches the engine, so a
mistake gets one precise message (file, line, question id, value as written,
what is allowed, a did-you-mean) instead of experta's generic ValueError.
No experta import here: validation stays cheap.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from screener import vocabulary
from screener.questions import AGE
from screener.questions import BY_ID
from screener.questions import CHOICE
from screener.questions import NUTRIENT_LIST
from screener.questions import NUTRIENTS
from screener.questions import REGIONS
from screener.questions import YESNO

UNKNOWN = "unknown"
TOP_LEVEL_KEYS = ("answers", "name", "region")
SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml", ".jsonl": "jsonl"}


class FactError(ValueError):
    """Bad input in a fact file: always a usage error (exit status 2)."""

    def __init__(self, problem: str, *, source: str = "", line: int | None = None,
                 question: str | None = None, value: Any = None, has_value: bool = False,
                 allowed: str = "", suggestion: str | None = None):
        self.problem = problem
        self.source = source
        self.line = line
        self.question = question
        self.value = value
        self.has_value = has_value
        self.allowed = allowed
        self.suggestion = suggestion
        super().__init__(self.message)

    @property
    def where(self) -> str:
        where = self.source or "<input>"
        return f"{where}:{self.line}" if self.line is not None else where

    @property
    def message(self) -> str:
        parts = [self.where]
        if self.question:
            parts.append(self.question)
        if self.has_value:
            parts.append(_show(self.value))
        text = ": ".join(parts) + ": " + self.problem
        if self.allowed:
            text += f"; allowed: {self.allowed}"
        if self.suggestion:
            text += f". Did you mean '{self.suggestion}'?"
        return text


def _show(value: Any) -> str:
    if isinstance(value, str):
        return value if value.strip() == value and value else repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, default=str) if isinstance(value, (list, dict)) else str(value)


@dataclass
class Case:
    """One person's answers, validated.  ``answers`` maps question id to a
    normalised value (bool, str, int, tuple of nutrient ids) or "unknown"."""

    answers: dict[str, Any]
    name: str | None = None
    region: str | None = None
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.name or self.source or "case"

    def to_data(self) -> dict[str, Any]:
        """Back to the fact-file format (for saving and schemas)."""
        data: dict[str, Any] = {}
        if self.name:
            data["name"] = self.name
        if self.region:
            data["region"] = self.region
        data.update(self.extra)
        # question-bank order, so saved files read like the interview
        data["answers"] = {q: to_plain(q, self.answers[q]) for q in BY_ID if q in self.answers}
        return data


def in_words(value: Any) -> str:
    """A normalised answer for people: yes, no, not sure, nutrient names."""
    from screener.questions import NUTRIENT_NAMES

    if value == UNKNOWN:
        return "not sure"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(NUTRIENT_NAMES[v] for v in value) or "none"
    return str(value)


def to_plain(qid: str, value: Any) -> Any:
    """A normalised value as written in a fact file."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return list(value)
    return value


def suggest(word: str, options) -> str | None:
    import difflib

    close = difflib.get_close_matches(str(word).lower(), list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def normalise(qid: str, value: Any, *, source: str = "", line: int | None = None,
              raw: Any = None) -> Any:
    """Check one answer and return its normalised value, or raise FactError."""
    question = BY_ID.get(qid)
    shown = value if raw is None else raw
    if question is None:
        raise FactError("unknown question id", source=source, line=line, question=str(qid),
                        allowed="see `screener questions`", suggestion=suggest(qid, BY_ID))

    def bad(problem: str, suggestion: str | None = None) -> FactError:
        return FactError(problem, source=source, line=line, question=qid, value=shown,
                         has_value=True, allowed=question.allowed, suggestion=suggestion)

    if value is None:
        return UNKNOWN
    if isinstance(value, str) and vocabulary.norm(value) in vocabulary.NOT_SURE:
        return UNKNOWN
    kind = question.kind
    if kind == YESNO:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            word = vocabulary.norm(value)  # the one yes/no vocabulary, as in the interview
            if word in vocabulary.YES:
                return True
            if word in vocabulary.NO:
                return False
            raise bad("not a yes/no answer", suggest(word, ["yes", "no", UNKNOWN]))
        raise bad(f"not a yes/no answer (got {type(value).__name__})")
    if kind == CHOICE:
        if isinstance(value, bool):
            hint = ("YAML reads a bare " + (str(raw) if raw is not None else ("yes/on/true" if value else "no/off/false"))
                    + " as a boolean, not text; this question takes one of its choices")
            raise bad(hint)
        if isinstance(value, str):
            word = value.strip().lower()
            if word in question.choices:
                return word
            raise bad("not one of the choices", suggest(word, question.choices))
        raise bad(f"not one of the choices (got {type(value).__name__})")
    if kind == AGE:
        if isinstance(value, bool):
            raise bad("age must be a whole number, not yes/no")
        if isinstance(value, float):
            if not value.is_integer():
                raise bad("age must be a whole number of years")
            value = int(value)
        if isinstance(value, str):
            text = value.strip()
            if not text.isdigit() or not text.isascii():
                raise bad("age must be a whole number of years")
            value = int(text)
        if not isinstance(value, int):
            raise bad(f"age must be a whole number (got {type(value).__name__})")
        if not 1 <= value <= 120:
            raise bad("age out of range")
        return value
    assert kind == NUTRIENT_LIST  # the bank has no other kinds (not user data)
    items = value
    if isinstance(value, str):
        if value.strip().lower() in ("none", "[]"):
            return ()
        items = [value]
    if isinstance(items, bool) or not isinstance(items, (list, tuple)):
        raise bad(f"supplements must be a list of nutrient ids (got {type(value).__name__})")
    out = []
    for item in items:
        word = item.strip().lower() if isinstance(item, str) else None
        if word not in NUTRIENTS:
            err = bad("not a nutrient id", suggest(word or "", NUTRIENTS))
            err.value = item if raw is None else raw
            raise err
        if word not in out:
            out.append(word)
    return tuple(out)


def parse_case(data: Any, *, source: str = "", line: int | None = None,
               raw_answers: dict | None = None) -> Case:
    """Validate one decoded fact file (a mapping) into a Case."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise FactError(f"a fact file must be a mapping with an 'answers' key, but this is {kind}",
                        source=source, line=line)
    extra = {}
    for key in data:
        if not isinstance(key, str):
            raise FactError(f"top-level key {key!r} is not text", source=source, line=line)
        if key.startswith("x-"):
            extra[key] = data[key]
        elif key not in TOP_LEVEL_KEYS:
            raise FactError(f"unknown top-level key '{key}'", source=source, line=line,
                            allowed="answers, name, region, or keys starting with x-",
                            suggestion=suggest(key, TOP_LEVEL_KEYS))
    if "answers" not in data:
        raise FactError("missing required key 'answers' (a mapping of question id to value)",
                        source=source, line=line)
    answers = data["answers"]
    if answers is None:
        answers = {}
    if not isinstance(answers, dict):
        raise FactError(f"'answers' must be a mapping of question id to value, not {type(answers).__name__}",
                        source=source, line=line)
    name = data.get("name")
    if name is not None and not isinstance(name, (str, int, float)):
        raise FactError("'name' must be text", source=source, line=line)
    region = data.get("region")
    if region is not None:
        if not isinstance(region, str) or region.strip().lower() not in REGIONS:
            raise FactError("unknown region", source=source, line=line, question="region", value=region,
                            has_value=True, allowed=", ".join(REGIONS),
                            suggestion=suggest(str(region), REGIONS))
        region = region.strip().lower()
    normalised = {}
    for qid, value in answers.items():
        raw = (raw_answers or {}).get(qid)
        normalised[str(qid)] = normalise(str(qid), value, source=source, line=line, raw=raw)
    return Case(answers=normalised, name=None if name is None else str(name), region=region,
                source=source, extra=extra)


# --- decoding --------------------------------------------------------------

def _yaml():
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _raw_yaml_answers(text: str) -> dict:
    """The answers as written (scalar text), to show what YAML changed."""
    yaml, loader = _yaml()
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        return {}
    raw = {}
    if isinstance(node, yaml.MappingNode):
        for key, val in node.value:
            if getattr(key, "value", None) == "answers" and isinstance(val, yaml.MappingNode):
                for qk, qv in val.value:
                    if isinstance(qv, yaml.ScalarNode):
                        raw[qk.value] = qv.value
    return raw


def decode(text: str, fmt: str, source: str) -> Case:
    """Decode one case from text in format yaml/json/toml."""
    try:
        if fmt == "json":
            data = json.loads(text)
        elif fmt == "toml":
            data = _load_toml(text)
        else:
            yaml, loader = _yaml()
            data = yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader
    except FactError:
        raise
    except Exception as exc:  # any parser's syntax error is the user's
        raise FactError(f"not valid {fmt.upper()}: {_one_line(exc)}", source=source) from None
    try:
        return parse_case(data, source=source)
    except FactError as err:
        if fmt == "yaml" and err.has_value and err.question:
            raw = _raw_yaml_answers(text).get(err.question)
            if raw is not None and _show(err.value) != raw and not isinstance(err.value, list):
                err.value = raw
                if isinstance((data.get("answers") or {}).get(err.question), bool):
                    err.problem = (f"YAML reads a bare {raw} as a boolean, not text; write it in quotes"
                                   if BY_ID[err.question].kind == CHOICE else err.problem)
                err.args = (err.message,)
        raise


def _load_toml(text: str):
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - depends on the interpreter
        import tomli as tomllib
    return tomllib.loads(text)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def format_of(path: str, input_format: str | None = None) -> str:
    if input_format:
        return input_format
    if path == "-":
        return "yaml"
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in SUFFIXES:
        raise FactError(f"unsupported file type '{suffix or '(none)'}'", source=path,
                        allowed="a .yaml, .yml, .json, .toml or .jsonl file, or - for standard input")
    return SUFFIXES[suffix]


def read_text(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    else:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise FactError(f"cannot read file: {exc.strerror or exc}", source=path) from None
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FactError("the file is not UTF-8 text", source=path) from None
    return data


def iter_cases(paths, input_format: str | None = None) -> Iterator[Case | FactError]:
    """Yield each case of each path (a FactError in place of a bad one).

    A .jsonl file (or stdin with input_format jsonl) yields one case per
    non-blank line, numbered from 1.
    """
    for path in paths:
        source = "<stdin>" if path == "-" else path
        try:
            fmt = format_of(path, input_format)
            text = read_text(path)
        except FactError as err:
            yield err
            continue
        if fmt == "jsonl":
            for number, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except ValueError as exc:
                    yield FactError(f"not valid JSON: {_one_line(exc)}", source=source, line=number)
                    continue
                try:
                    case = parse_case(data, source=source, line=number)
                except FactError as err:
                    yield err
                    continue
                case.source = f"{source}:{number}"
                yield case
        else:
            try:
                yield decode(text, fmt, source)
            except FactError as err:
                yield err


def parse_override(text: str) -> tuple[str, Any]:
    """``QUESTION=VALUE`` from ``--set``, validated like a fact-file answer."""
    if "=" not in text:
        raise FactError("expected QUESTION=VALUE", source="--set", value=text, has_value=True)
    qid, value = text.split("=", 1)
    qid = qid.strip()
    value = value.strip()
    if BY_ID.get(qid) is not None and BY_ID[qid].kind == NUTRIENT_LIST:
        parsed: Any = [v for v in (p.strip() for p in value.split(",")) if v] if value not in ("", "[]") else []
        if value.lower() in (UNKNOWN, "none"):
            parsed = value
    else:
        parsed = value
    return qid, normalise(qid, parsed, source="--set")
