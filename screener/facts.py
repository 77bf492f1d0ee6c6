"""Reading and validating fact files (spec section 1).

Everything a user types is checked here, before it reaches the engine, so a
mistake gets one precise message (file, line, question id, value as written,
what is allowed, a did-you-mean) instead of experta's generic ValueError.
No experta import here: validation stays cheap.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from screener.errors import InputError
from screener.kinds import ConversionError
from screener.kinds import suggest
from screener.kinds import to_words
from screener.questions import AGE
from screener.questions import BY_ID
from screener.questions import CHOICE
from screener.questions import REGIONS

UNKNOWN = "unknown"
TOP_LEVEL_KEYS = ("answers", "name", "region")
SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml", ".jsonl": "jsonl"}


class FactError(InputError):
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
        where = safe_text(self.source or "<input>")
        return f"{where}:{self.line}" if self.line is not None else where

    @property
    def message(self) -> str:
        parts = [self.where]
        if self.question:
            parts.append(safe_text(self.question, SHOW_CHARS))
        if self.has_value:
            parts.append(_show(self.value))
        text = ": ".join(parts) + ": " + self.problem
        if self.allowed:
            text += f"; allowed: {self.allowed}"
        if self.suggestion:
            text += f". Did you mean '{self.suggestion}'?"
        return text


def _show(value: Any) -> str:
    return brief(value)


#: Bounds on what one case may hold (a fact file is a few hundred bytes).
MAX_CASE_BYTES = 1 << 20        # one fact file, or one JSON line
MAX_DEPTH = 32                  # nesting of lists and mappings
MAX_NODES = 20_000              # values in one case, counting every alias expansion
SHOW_CHARS = 60                 # how much of a value an error message shows

#: Characters never sent to a terminal as they are: C0/C1 controls (ESC, BEL,
#: newline...), line/paragraph separators and bidirectional overrides.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str, limit: int = 200) -> str:
    """``text`` fit for a terminal or a log line: control characters escaped
    (so a file cannot set the window title or clear the screen) and at most
    about ``limit`` characters (a long value ends in '...')."""
    text = str(text)
    cut = len(text) > limit
    text = text[:limit]
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)
    return text + "..." if cut else text


def brief(value: Any, limit: int = SHOW_CHARS) -> str:
    """A bounded, terminal-safe rendering of a value from a file, for messages.

    Short values read as written (``vegn``, ``["vitamin_c"]``, ``true``); a
    long or deeply nested one shows its start and its size (``a list of 9
    items: [[[...``).  The time and the length are bounded whatever the value
    (an alias bomb expands to billions of items; this looks at a few).
    """
    if isinstance(value, str):
        text = value if value.strip() == value and value else repr(value)
        return safe_text(text, limit)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, dict)):
        parts: list[str] = []
        _brief_into(value, parts, limit + 1, 0)
        text = "".join(parts)
        if len(text) <= limit:
            return text
        kind = "a mapping" if isinstance(value, dict) else "a list"
        return f"{kind} of {len(value)} item{'s' if len(value) != 1 else ''}: {text[:limit]}..."
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        text = str(value)
        return text if len(text) <= limit else text[:limit] + f"... ({len(text)} digits)"
    return safe_text(f"a {type(value).__name__}", limit)


def _brief_into(value: Any, parts: list, budget: int, depth: int) -> int:
    """Append a JSON-like rendering of ``value`` to ``parts``, at most about
    ``budget`` characters; returns the budget left (<= 0: stop)."""
    if budget <= 0:
        return budget
    if depth > 4 and isinstance(value, (list, tuple, dict)):
        parts.append("[...]" if not isinstance(value, dict) else "{...}")
        return budget - 5
    if isinstance(value, dict):
        parts.append("{")
        budget -= 1
        for n, (key, item) in enumerate(value.items()):
            if budget <= 0:
                break
            if n:
                parts.append(", ")
                budget -= 2
            head = json.dumps(safe_text(str(key), budget)) + ": "
            parts.append(head)
            budget = _brief_into(item, parts, budget - len(head), depth + 1)
        parts.append("}")
        return budget - 1
    if isinstance(value, (list, tuple)):
        parts.append("[")
        budget -= 1
        for n, item in enumerate(value):
            if budget <= 0:
                break
            if n:
                parts.append(", ")
                budget -= 2
            budget = _brief_into(item, parts, budget, depth + 1)
        parts.append("]")
        return budget - 1
    if isinstance(value, str):
        text = json.dumps(value[:budget])
    elif isinstance(value, bool) or value is None:
        text = json.dumps(value)
    elif isinstance(value, (int, float)):
        text = str(value)[:budget]
    else:
        text = json.dumps(safe_text(str(value), budget))
    parts.append(text)
    return budget - len(text)


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


def to_plain(qid: str, value: Any) -> Any:
    """A normalised value as written in a fact file."""
    if isinstance(value, bool):
        return to_words(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def normalise(qid: str, value: Any, *, source: str = "", line: int | None = None,
              raw: Any = None) -> Any:
    """Check one answer and return its normalised value, or raise FactError.

    The question's kind converts it (:mod:`screener.kinds`: the same
    conversion as ``--set`` and the interview); this adds where it was
    written and what is allowed."""
    question = BY_ID.get(qid)
    if question is None:
        raise FactError("unknown question id", source=source, line=line, question=str(qid),
                        allowed="see `screener questions`", suggestion=suggest(qid, BY_ID))
    kind = question.type
    try:
        return kind.convert(value)
    except ConversionError as err:
        problem = err.problem
        if isinstance(value, bool) and question.kind == CHOICE:
            problem = ("YAML reads a bare " + (str(raw) if raw is not None else ("yes/on/true" if value else
                       "no/off/false")) + " as a boolean, not text; this question takes one of its choices")
        shown = value if raw is None else raw
        if err.has_item and raw is None:
            shown = err.item
        raise FactError(problem, source=source, line=line, question=qid, value=shown, has_value=True,
                        allowed=kind.describe("allowed"), suggestion=err.suggestion) from None


NAME_MAX = 200


def clean_name(name: str) -> str:
    """A name as one line of plain text: control characters, line breaks and
    bidirectional overrides become spaces (a file cannot move the cursor,
    set a terminal's title or add a line to a report through its name)."""
    return " ".join(_UNSAFE.sub(" ", name).split())


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
            raise FactError(f"top-level key {brief(key)} is not text", source=source, line=line)
        if key.startswith("x-"):
            extra[key] = data[key]
        elif key not in TOP_LEVEL_KEYS:
            raise FactError(f"unknown top-level key '{safe_text(key, SHOW_CHARS)}'", source=source, line=line,
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
    if name is not None and (isinstance(name, bool) or not isinstance(name, (str, int, float))):
        raise FactError("'name' must be text", source=source, line=line)
    if name is not None:
        name = clean_name(str(name))
        if len(name) > NAME_MAX:
            raise FactError(f"'name' is too long ({len(name)} characters; at most {NAME_MAX})",
                            source=source, line=line)
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
    return Case(answers=normalised, name=name or None, region=region,
                source=source, extra=extra)


# --- decoding --------------------------------------------------------------
#
# Everything here treats the input as hostile: it is read with a size bound,
# never from a device that does not end, decoded line by line for JSON Lines
# (split on "\n" only: U+2028 inside a string is text, not a line end), and a
# YAML document is checked before it is built: duplicate keys, nesting depth,
# and the size it would have with every alias expanded.

_SKIP_LIMIT = 64 << 20          # bytes skipped looking for the end of an over-long line


def _yaml():
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Duplicate(Exception):
    def __init__(self, key):
        super().__init__(key)
        self.key = key


def _unique_pairs(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _too_long(what: str, limit: int = MAX_CASE_BYTES) -> str:
    return (f"{what} is larger than {limit >> 20} MB; a fact file is a few hundred bytes "
            "(many cases go in a JSON Lines file, one case per line)")


def check_shape(data: Any, *, source: str = "", line: int | None = None) -> None:
    """Refuse decoded data nested deeper than MAX_DEPTH or holding more than
    MAX_NODES values (walked without recursion)."""
    stack = [(data, 1)]
    count = 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise FactError(f"too many values (more than {MAX_NODES}) for one case", source=source, line=line)
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth >= MAX_DEPTH and children:
            raise FactError(f"nested too deeply (more than {MAX_DEPTH} levels)", source=source, line=line)
        stack.extend((child, depth + 1) for child in children)


def _check_yaml(node, source: str) -> None:
    """Duplicate keys, depth, recursive aliases and the expanded size of a
    YAML node graph; aliases are shared nodes, so each is sized once."""
    yaml, _ = _yaml()
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list = [(node, False, 1)]
    while stack:
        current, done, depth = stack.pop()
        key = id(current)
        children = []
        if isinstance(current, yaml.MappingNode):
            children = [n for pair in current.value for n in pair]
        elif isinstance(current, yaml.SequenceNode):
            children = list(current.value)
        if done:
            active.discard(key)
            size = 1 + sum(sizes[id(c)] for c in children)
            if size > MAX_NODES:
                raise FactError(f"this value would expand to more than {MAX_NODES} items (aliases nested "
                                "in aliases); a fact file needs none", source=source,
                                line=current.start_mark.line + 1)
            sizes[key] = size
            continue
        if key in sizes:
            continue
        line = current.start_mark.line + 1
        if key in active:
            raise FactError("a value contains itself (a recursive alias)", source=source, line=line)
        if depth > MAX_DEPTH:
            raise FactError(f"nested too deeply (more than {MAX_DEPTH} levels)", source=source, line=line)
        if isinstance(current, yaml.MappingNode):
            seen: dict = {}
            for k, _v in current.value:
                if not isinstance(k, yaml.ScalarNode):
                    continue
                ident = (k.tag, k.value)
                if ident in seen:
                    first = seen[ident]
                    raise FactError(f"duplicate key '{safe_text(k.value, SHOW_CHARS)}' "
                                    f"({_place(first)} and {_place(k.start_mark)}): a key may appear once",
                                    source=source)
                seen[ident] = k.start_mark
        active.add(key)
        stack.append((current, True, depth))
        stack.extend((c, False, depth + 1) for c in children if id(c) not in sizes)


def _place(mark) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _json_key_lines(text: str, key: str) -> list[int]:
    pattern = re.compile(re.escape(json.dumps(key)) + r"\s*:")
    return [text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text)]


_PLAIN_NUMBER = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]*)?")


def _yaml_top(node) -> dict:
    """Top-level key -> value node of a YAML mapping node."""
    yaml, _ = _yaml()
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _yaml_fixups(node, data: Any, source: str) -> dict:
    """Where YAML 1.1 changed what was written: a bare name (``name: yes``)
    keeps its text; a number written in a YAML 1.1 form (``052`` is octal
    42, ``1:05`` is 65, ``0x2a``, ``4_2``) is refused, as yes/no is for
    choices.  Returns the answers as written (scalar text)."""
    yaml, _ = _yaml()
    top = _yaml_top(node)
    name = top.get("name")
    if (isinstance(data, dict) and isinstance(name, yaml.ScalarNode) and not name.style
            and not isinstance(data.get("name"), str) and data.get("name") is not None):
        data["name"] = name.value
    raw: dict = {}
    answers = top.get("answers")
    if not isinstance(answers, yaml.MappingNode):
        return raw
    for qk, qv in answers.value:
        if not (isinstance(qk, yaml.ScalarNode) and isinstance(qv, yaml.ScalarNode)):
            continue
        raw[qk.value] = qv.value
        if (not qv.style and qv.tag.endswith((":int", ":float")) and not _PLAIN_NUMBER.fullmatch(qv.value)
                and qk.value in BY_ID and BY_ID[qk.value].kind == AGE):
            value = (data.get("answers") or {}).get(qk.value) if isinstance(data, dict) else None
            raise FactError(f"YAML reads {qv.value} as the number {brief(value)}, which may not be what you meant; "
                            "write the age in plain digits, for example 42", source=source,
                            line=qv.start_mark.line + 1, question=qk.value, value=qv.value, has_value=True,
                            allowed=BY_ID[qk.value].allowed)
    return raw


def _load_yaml(text: str, source: str):
    yaml, loader_class = _yaml()
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_yaml(node, source)
        return node, loader.construct_document(node)
    finally:
        loader.dispose()


def decode(text: str, fmt: str, source: str, line: int | None = None) -> Case:
    """Decode one case from text in format yaml/json/toml."""
    node = None
    try:
        if fmt == "json":
            data = json.loads(text, object_pairs_hook=_unique_pairs)
        elif fmt == "toml":
            data = _load_toml(text)
        else:
            node, data = _load_yaml(text, source)
        check_shape(data, source=source, line=line)
    except FactError as err:
        if err.line is None:
            err.line = line
            err.args = (err.message,)
        raise
    except _Duplicate as dup:
        lines = _json_key_lines(text, dup.key) if line is None else []
        where = f" (lines {lines[0]} and {lines[1]})" if len(lines) >= 2 else ""
        raise FactError(f"duplicate key '{safe_text(dup.key, SHOW_CHARS)}'{where}: a key may appear once",
                        source=source, line=line) from None
    except RecursionError:
        raise FactError("nested too deeply", source=source, line=line) from None
    except Exception as exc:  # any parser's syntax error is the user's
        hint = ""
        if fmt == "yaml" and sum(1 for x in text.splitlines() if x.lstrip().startswith("{")) > 1:
            hint = " (for JSON Lines, one case per line, use a .jsonl file or --input-format jsonl)"
        raise FactError(f"not valid {fmt.upper()}: {safe_text(_one_line(exc), 300)}{hint}",
                        source=source, line=line) from None
    raw = _yaml_fixups(node, data, source) if node is not None else {}
    try:
        return parse_case(data, source=source, line=line)
    except FactError as err:
        if fmt == "yaml" and err.has_value and err.question:
            shown = raw.get(err.question)
            if shown is not None and _show(err.value) != shown and not isinstance(err.value, list):
                err.value = shown
                if (isinstance((data.get("answers") or {}).get(err.question), bool)
                        and BY_ID[err.question].kind == CHOICE):
                    err.problem = (f"YAML reads a bare {safe_text(shown, SHOW_CHARS)} as a boolean, not text, "
                                   f"and '{safe_text(shown, SHOW_CHARS)}' is not one of the choices")
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
        raise FactError(f"unsupported file type '{safe_text(suffix, SHOW_CHARS) or '(none)'}'", source=path,
                        allowed="a .yaml, .yml, .json, .toml or .jsonl file, or - for standard input")
    return SUFFIXES[suffix]


def open_input(path: str):
    """A binary stream for ``path`` (``-``: standard input), refusing what is
    not a file: a directory, or a device other than a terminal (reading
    /dev/zero or /dev/urandom would never end).  Returns (stream, close?)."""
    source = "<stdin>" if path == "-" else path
    if path == "-":
        stream = sys.stdin
        if stream is None or getattr(stream, "closed", False):
            raise FactError("standard input is closed", source=source)
        fh = getattr(stream, "buffer", stream)
        close = False
    else:
        try:
            fh = open(path, "rb")
        except OSError as exc:
            raise FactError(f"cannot read file: {exc.strerror or exc}", source=path) from None
        close = True
    try:
        mode = os.fstat(fh.fileno()).st_mode
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return fh, close  # an in-memory stream (tests): bounded reads below
    problem = None
    if stat.S_ISDIR(mode):
        problem = "is a folder, not a fact file"
    elif stat.S_ISBLK(mode) or (stat.S_ISCHR(mode) and not os.isatty(fh.fileno())):
        problem = "is a device, not a fact file"
    if problem:
        if close:
            fh.close()
        raise FactError(problem, source=source)
    return fh, close


def _text(data: bytes, source: str, line: int | None = None, first: bool = True) -> str:
    if first and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = ""
        if line is None:
            at_line = data.count(b"\n", 0, exc.start) + 1
            at = f" (line {at_line})"
        raise FactError(f"not UTF-8 text: byte 0x{data[exc.start]:02x}{at} cannot be read; save the file as UTF-8",
                        source=source, line=line) from None


def read_text(path: str) -> str:
    """A whole fact file as text, at most MAX_CASE_BYTES."""
    source = "<stdin>" if path == "-" else path
    fh, close = open_input(path)
    try:
        try:
            data = fh.read(MAX_CASE_BYTES + 1)
        except OSError as exc:
            raise FactError(f"cannot read file: {exc.strerror or exc}", source=source) from None
    finally:
        if close:
            fh.close()
    if isinstance(data, str):  # a text stream without a buffer
        data = data.encode("utf-8", "surrogateescape")
    if len(data) > MAX_CASE_BYTES:
        raise FactError(_too_long("the input" if path == "-" else "the file"), source=source)
    return _text(data, source)


def iter_lines(fh, source: str) -> Iterator[tuple[int, bytes | FactError]]:
    """The lines of a JSON Lines stream, numbered from 1, split on b"\\n"
    only, each at most MAX_CASE_BYTES (a longer one is an error and is
    skipped; the stream is abandoned after _SKIP_LIMIT bytes without a line end)."""
    number = 0
    while True:
        try:
            chunk = fh.readline(MAX_CASE_BYTES + 1)
        except OSError as exc:
            yield number + 1, FactError(f"cannot read file: {exc.strerror or exc}", source=source)
            return
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8", "surrogateescape")
        if not chunk:
            return
        number += 1
        if len(chunk) > MAX_CASE_BYTES and not chunk.endswith(b"\n"):
            skipped = len(chunk)
            while skipped <= _SKIP_LIMIT:
                more = fh.readline(1 << 16)
                skipped += len(more)
                if not more or more.endswith(b"\n"):
                    break
            if skipped > _SKIP_LIMIT:
                yield number, FactError(f"no end of line after {_SKIP_LIMIT >> 20} MB; stopped reading",
                                        source=source, line=number)
                return
            yield number, FactError(_too_long("this line"), source=source, line=number)
            continue
        yield number, chunk


def _jsonl_cases(path: str, source: str) -> Iterator[Case | FactError]:
    fh, close = open_input(path)
    try:
        seen = False
        for number, item in iter_lines(fh, source):
            if isinstance(item, FactError):
                seen = True
                yield item
                continue
            try:
                line = _text(item, source, number, first=number == 1)
            except FactError as err:
                seen = True
                yield err
                continue
            if not line.strip():
                continue
            seen = True
            try:
                case = decode(line, "json", source, line=number)
            except FactError as err:
                yield err
                continue
            case.source = f"{source}:{number}"
            yield case
        if not seen:
            yield FactError("no cases: a JSON Lines input holds one case per line, and this one is empty",
                            source=source)
    finally:
        if close:
            fh.close()


def iter_cases(paths, input_format: str | None = None) -> Iterator[Case | FactError]:
    """Yield each case of each path (a FactError in place of a bad one),
    reading lazily: a JSON Lines file is read one line at a time.

    A .jsonl file (or stdin with input_format jsonl) yields one case per
    non-blank line, numbered from 1.
    """
    for path in paths:
        source = "<stdin>" if path == "-" else path
        try:
            fmt = format_of(path, input_format)
            if fmt == "jsonl":
                yield from _jsonl_cases(path, source)
                continue
            text = read_text(path)
            yield decode(text, fmt, source)
        except FactError as err:
            yield err


def read_one(path: str, input_format: str | None = None, takes: str = "this takes one case") -> Case:
    """The one case in ``path``: a FactError for a bad one, an InputError
    (saying ``takes``) when the file holds none or several."""
    items = list(iter_cases([path], input_format))
    for item in items:
        if isinstance(item, FactError):
            raise item
    if len(items) != 1:
        raise InputError(f"{path}: expected one case, found {len(items)} ({takes})")
    return items[0]


def parse_override(text: str) -> tuple[str, Any]:
    """``QUESTION=VALUE`` from ``--set``, validated like a fact-file answer."""
    if "=" not in text:
        raise FactError("expected QUESTION=VALUE", source="--set", value=text, has_value=True)
    qid, value = text.split("=", 1)
    return qid.strip(), normalise(qid.strip(), value.strip(), source="--set")
