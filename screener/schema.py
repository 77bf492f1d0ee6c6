"""JSON Schemas (draft 2020-12) for the fact file and the report.

The fact-file schema is generated from the question bank and its kinds
(:mod:`screener.kinds`), so it lists the questions and the words
:mod:`screener.facts` accepts: the contract's values and the vocabulary's
words for them.  Words are accepted in any case, as the spec says, so they
are written as case-insensitive patterns.
"""

from __future__ import annotations

from screener import KNOWLEDGE_VERSION
from screener import __version__
from screener.kinds import ci_pattern
from screener.questions import NUTRIENTS
from screener.questions import QUESTIONS
from screener.questions import REGIONS
from screener.questions import SYMPTOMS
from screener.questions import URGENCIES

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_ci = ci_pattern


def _answer_schema(q) -> dict:
    """What a question accepts, from its kind (:meth:`screener.kinds.Kind.describe`, the same
    description as the error messages and the interview's prompts)."""
    null = {"type": "null", "description": "same as unknown"}
    return {"description": q.text, "anyOf": [*q.type.describe("schema"), null]}


def facts_schema() -> dict:
    return {
        "$schema": DRAFT,
        "$id": "https://screener.invalid/schema/facts.json",
        "title": "screener fact file",
        "description": "One person's answers (spec section 1). Absent questions are unknown.",
        "type": "object",
        "required": ["answers"],
        "properties": {
            "name": {"type": ["string", "number"], "description": "shown in the report"},
            "region": {"type": "string", "pattern": _ci(REGIONS), "description": "for the emergency number"},
            "answers": {
                "type": ["object", "null"],
                "properties": {q.id: _answer_schema(q) for q in QUESTIONS},
                "additionalProperties": False,
            },
        },
        "patternProperties": {"^x-": {"description": "notes for people; ignored"}},
        "additionalProperties": False,
    }


def report_schema() -> dict:
    text = {"type": "string", "minLength": 1}
    because = {
        "type": "object",
        "required": ["rule", "text", "cf", "source"],
        "properties": {"rule": text, "text": text, "source": text,
                       "cf": {"type": "number", "exclusiveMinimum": -1, "exclusiveMaximum": 1},
                       "kind": {"enum": ["cardinal", "supporting", "minor", "risk", "protective", "supplement"]}},
    }
    suggestion = {
        "type": "object",
        "required": ["nutrient", "confidence", "level", "because", "tests", "food_sources", "cautions"],
        "properties": {
            "nutrient": {"enum": list(NUTRIENTS)},
            "name": text,
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "level": {"enum": ["high", "moderate", "low"]},
            "summary": {"type": "string"},
            "because": {"type": "array", "items": because, "minItems": 1},
            "caps": {"type": "array", "items": {"type": "object", "required": ["rule", "limit", "text"]}},
            "tests": {"type": "array", "items": text, "minItems": 1},
            "food_sources": {"type": "array", "items": text},
            "cautions": {"type": "array", "items": text},
            "personal_cautions": {"type": "array", "items": text,
                                  "description": "the cautions that come from this person's answers"},
            "explains": {"type": "array", "items": {"type": "string"},
                         "description": "the person's symptoms (question ids) a shortage could explain"},
        },
    }
    return {
        "$schema": DRAFT,
        "$id": "https://screener.invalid/schema/report.json",
        "title": "screener report",
        "description": f"One case's report (spec section 4), screener {__version__}, knowledge {KNOWLEDGE_VERSION}.",
        "type": "object",
        "required": ["name", "screener_version", "knowledge_version", "urgency", "red_flags", "conditional_advice",
                     "suggestions", "advice", "disclaimer"],
        "properties": {
            "name": {"type": ["string", "null"]},
            "source": {"type": ["string", "null"]},
            "screener_version": text,
            "knowledge_version": text,
            "urgency": {"enum": list(reversed(URGENCIES))},
            "urgency_reasons": {"type": "array", "items": {"type": "object", "required": ["rule", "text"]}},
            "region": {"enum": [*REGIONS, None]},
            "emergency_number": text,
            "red_flags": {"type": "array", "items": {
                "type": "object", "required": ["id", "kind", "urgency", "advice"],
                "properties": {"id": text, "kind": {"enum": ["question", "combination"]},
                               "urgency": {"enum": ["emergency", "urgent"]}, "advice": text}}},
            "conditional_advice": {"type": "array", "items": {
                "type": "object", "required": ["id", "advice"],
                "properties": {"id": {"enum": [q.id for q in QUESTIONS if q.section == "red_flags"]},
                               "advice": text}}},
            "competing_causes": {"type": "array", "items": {
                "type": "object", "required": ["id", "text", "explains"],
                "properties": {"id": text, "rule": text, "text": text,
                               "explains": {"type": "array", "items": {"enum": list(SYMPTOMS)}}}}},
            "suggestions": {"type": "array", "items": suggestion},
            "advice": {"type": "array", "items": text, "minItems": 1},
            "disclaimer": text,
            "fired": {"type": "array", "items": text,
                      "description": "rule ids in firing order, one per firing (a rule that fires on "
                                     "two facts appears twice)"},
        },
        "if": {"properties": {"urgency": {"const": "emergency"}}},
        "then": {"properties": {"suggestions": {"maxItems": 0}}},
    }


SCHEMAS = {"facts": facts_schema, "report": report_schema}
