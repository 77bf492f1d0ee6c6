"""`screener schema`: every example and every report validates."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from screener.facts import Case
from screener.facts import iter_cases
from screener.report import report_for
from screener.schema import facts_schema
from screener.schema import report_schema

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

FILES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".yml", ".json", ".toml", ".jsonl"))


def _raw_cases(path):
    """The decoded data of each case in a file (before validation)."""
    text = path.read_text()
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if path.suffix == ".json":
        return [json.loads(text)]
    if path.suffix == ".toml":
        try:
            import tomllib
        except ImportError:  # Python < 3.11
            import tomli as tomllib
        return [tomllib.loads(text)]
    import yaml

    return [yaml.safe_load(text)]


@pytest.mark.parametrize("which", ["facts", "report"])
def test_schema_command_prints_valid_json_schema(invoke, which):
    result = invoke(["schema", which], catch_exceptions=False)
    assert result.exit_code == 0
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema")


def test_schema_command_rejects_unknown_name(invoke):
    result = invoke(["schema", "nope"])
    assert result.exit_code == 2


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_example_validates_against_the_facts_schema(path):
    validator = jsonschema.Draft202012Validator(facts_schema())
    for data in _raw_cases(path):
        errors = list(validator.iter_errors(data))
        assert not errors, [e.message for e in errors]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_report_validates_against_the_report_schema(path):
    validator = jsonschema.Draft202012Validator(report_schema())
    for case in iter_cases([str(path)]):
        assert isinstance(case, Case)
        for region in (None, "uk"):
            report = json.loads(json.dumps(report_for(case, region)))
            errors = list(validator.iter_errors(report))
            assert not errors, [e.message for e in errors]


@pytest.mark.parametrize("bad", [
    {"answers": {"diet": "carnivore"}},
    {"answers": {"age": 0}},
    {"answers": {"age": "thirty"}},
    {"answers": {"age": True}},
    {"answers": {"tingling": "maybe"}},
    {"answers": {"supplements": ["vitamin_c"]}},
    {"answers": {"tinglng": "yes"}},
    {"answers": {}, "colour": "red"},
    {"name": "no answers"},
])
def test_facts_schema_rejects_what_the_loader_rejects(bad):
    from screener.facts import FactError
    from screener.facts import parse_case

    with pytest.raises(FactError):
        parse_case(bad)
    assert list(jsonschema.Draft202012Validator(facts_schema()).iter_errors(bad))


@pytest.mark.parametrize("good", [
    {"answers": {"diet": "VEGAN", "tingling": "Yes", "age": "42", "supplements": "iron", "sex": "unknown"}},
    {"answers": {"supplements": [], "both_sides": False, "duration": " weeks "}, "x-note": "hello"},
    {"answers": None, "region": "UK"},
])
def test_facts_schema_accepts_what_the_loader_accepts(good):
    from screener.facts import parse_case

    parse_case(good)
    assert not list(jsonschema.Draft202012Validator(facts_schema()).iter_errors(good))
