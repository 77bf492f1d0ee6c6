"""The knowledge base exported to CLIPS, and CLIPS as an independent oracle."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from screener import clips_kb
from screener import engine
from screener import kb
from screener import oracle
from screener.facts import iter_cases
from screener.facts import parse_case

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _pattern(pattern):
    """An experta pattern, compiled to the condition model, written in CLIPS."""
    return clips_kb._pattern(kb.compile_pattern(pattern), clips_kb._Fresh(set()), "r", "")


@pytest.mark.parametrize("clause, text", [
    (lambda: kb.Answer(diet="vegan"), "(answer (question diet) (value vegan))"),
    (lambda: kb.Answer(duration=kb.one_of("weeks", "months")), "(answer (question duration) (value weeks|months))"),
    (lambda: kb.Answer(tingling=True), "(answer (question tingling) (value TRUE))"),
    (lambda: kb.Answer(both_sides=False), "(answer (question both_sides) (value FALSE))"),
    (lambda: kb.Answer(age=kb.at_least(65)), "(answer (question age) (value ?v1&:(integerp ?v1)&:(>= ?v1 65)))"),
    (lambda: kb.Answer(age=kb.below(16)), "(answer (question age) (value ?v1&:(integerp ?v1)&:(< ?v1 16)))"),
    (lambda: kb.Answer(age=kb.between(16, 64)),
     "(answer (question age) (value ?v1&:(integerp ?v1)&:(<= 16 ?v1 64)))"),
    (lambda: kb.Answer(supplements=kb.MATCH.nutrient), "(answer (question supplements) (value ?nutrient))"),
    (lambda: kb.Answer(age=kb.W()), "(answer (question age) (value ?))"),
    (lambda: kb.Answer(note="two words"), '(answer (question note) (value "two words"))'),
    (lambda: kb.Suspect(nutrient=kb.MATCH.nutrient), "(suspect (nutrient ?nutrient))"),
    (lambda: kb.RedFlag(id="x", kind=kb.W()), "(red-flag (id x) (kind ?))"),
    (lambda: kb.NOT(kb.Sign(name="poor_absorption")), "(not\n   (sign (name poor_absorption)))"),
])
def test_each_kind_of_condition_is_written_in_clips(clause, text):
    assert _pattern(clause()) == text


def test_any_and_all_become_or_and_and():
    clause = kb.OR(kb.Answer(numbness=True), kb.AND(kb.Answer(tingling=True), kb.Sign(name="any_symptom")))
    assert _pattern(clause) == ("(or\n   (answer (question numbness) (value TRUE))\n   (and\n"
                                "      (answer (question tingling) (value TRUE))\n      (sign (name any_symptom))))")


def test_an_opaque_python_test_cannot_be_exported():
    with pytest.raises(clips_kb.ExportError, match="rule r"):
        _pattern(kb.Answer(age=kb.P(lambda v: v > 1)))


def test_every_rule_is_exported_with_its_reason_source_salience_and_conclusion():
    text = clips_kb.export()
    rules = engine.collect_rules()
    assert len(re.findall(r"^\(defrule ", text, re.M)) == len(rules)
    for rule in rules:
        info = rule.info
        block = text[text.index(f";; {info.id} ("):text.index(f"(defrule {info.id}\n")]
        assert "reason: " in block and "source: " in block, info.id
        flat = " ".join(line[3:].strip() for line in block.splitlines())
        assert info.source.split()[0] in flat
    b12 = text[text.index("(defrule b12_vegan_diet\n"):]
    b12 = b12[:b12.index("\n\n")]
    assert "(answer (question diet) (value vegan))" in b12
    assert "(assert (evidence (nutrient vitamin_b12) (rule b12_vegan_diet) (cf 0.5) (kind risk)))" in b12
    salient = [r for r in rules if r.salience]
    assert salient and f"(declare (salience {salient[0].salience}))" in text
    assert "(deftemplate answer\n   (slot question)\n   (slot value))" in text


def test_cli_writes_the_export(invoke, tmp_path):
    result = invoke(["rules", "export", "--format", "clips"])
    assert result.exit_code == 0
    assert result.output == clips_kb.export()
    out = tmp_path / "kb.clp"
    result = invoke(["rules", "export", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text() == clips_kb.export()
    result = invoke(["rules", "export", "-o", str(tmp_path / "missing" / "kb.clp")])
    assert result.exit_code == 2 and "cannot write" in result.stderr and "Traceback" not in result.output


# --- with clipspy: CLIPS runs the export ------------------------------------

@pytest.fixture(scope="module")
def clips_engine():
    pytest.importorskip("clips")
    return clips_kb.ClipsEngine()


def _conclusions(result):
    return {k: sorted(map(repr, getattr(result, k)))
            for k in ("evidence", "suspects", "caps", "cautions", "red_flags", "concerns", "advice", "signs")}


def _agree(clips_engine, answers):
    ours = engine.screen(answers)
    theirs = clips_engine.screen(answers)
    assert sorted(ours.fired) == sorted(theirs.fired)  # the same rules, as often
    assert _conclusions(ours) == _conclusions(theirs)
    return ours


def test_the_exported_file_loads_into_clips_and_runs(tmp_path, invoke):
    pytest.importorskip("clips")
    path = tmp_path / "screener.clp"
    assert invoke(["rules", "export", "-o", str(path)]).exit_code == 0
    loaded = clips_kb.ClipsEngine(path=str(path))
    loaded.run({"tingling": True, "diet": "vegan", "supplements": ["vitamin_d"], "age": 78})
    evidence = {(f["nutrient"], f["rule"]) for cls, f in loaded.conclusions() if cls.__name__ == "Evidence"}
    assert ("vitamin_b12", "b12_vegan_diet") in evidence and ("vitamin_b12", "b12_older_age") in evidence


@pytest.mark.slow  # a long generated-case sweep: `pytest -m 'not slow'` skips it
def test_clips_agrees_with_screener_on_generated_cases(clips_engine):
    fired = set()
    for case in oracle.generated_cases(300, seed=5) + oracle.generated_cases(100, seed=6, density=0.3):
        fired.update(_agree(clips_engine, parse_case(case).answers).fired)
    assert len(fired) > len(engine.catalogue()) // 2


def test_clips_agrees_with_screener_on_every_example(clips_engine):
    paths = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".json", ".toml", ".jsonl"))
    cases = [c for c in iter_cases(paths) if hasattr(c, "answers")]
    assert len(cases) >= 10
    for case in cases:
        _agree(clips_engine, case.answers)
