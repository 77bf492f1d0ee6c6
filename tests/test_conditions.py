"""The condition model and its one interpreter, pinned to what experta does.

``kb.matches`` / ``kb.check`` decide, for what is known, whether each rule's
conditions hold; relevance, why-not, the report's "because you ..." and the
graph all read conditions through them.  These tests hold the interpreter to
the engine: for random answer sets, it says a rule is met exactly when
experta fired it, for every rule (with the same bindings), and a rule with a
wildcard field works end to end.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from screener import engine
from screener import kb
from screener import relevance
from screener import teach
from screener.engine import Result
from screener.engine import catalogue
from screener.explain import Analysis
from screener.explain import how
from screener.explain import how_data
from screener.explain import why_not_data
from screener.facts import Case
from screener.questions import AGE
from screener.questions import BY_ID
from screener.questions import CHOICE
from screener.questions import NUTRIENT_LIST
from screener.questions import NUTRIENTS
from screener.questions import QUESTIONS
from screener.questions import SYMPTOMS
from screener.report import build_report
from screener.report import report_for
from screener.scoring import shown

CAT = catalogue()


def value_of(q):
    if q.kind == AGE:
        return st.sampled_from([10, 15, 16, 40, 59, 60, 64, 65, 80])
    if q.kind == CHOICE:
        return st.sampled_from(list(q.choices))
    if q.kind == NUTRIENT_LIST:
        return st.lists(st.sampled_from(NUTRIENTS), max_size=3, unique=True).map(tuple)
    if q.section == "red_flags":
        return st.booleans().map(lambda b: b and False)  # a red flag stops the screen: mostly no
    return st.booleans()


@st.composite
def answer_sets(draw):
    answers = {}
    for q in QUESTIONS:
        state = draw(st.sampled_from(["absent", "unknown", "value", "value"]))
        if state == "unknown":
            answers[q.id] = "unknown"
        elif state == "value":
            answers[q.id] = draw(value_of(q))
    if draw(st.booleans()):  # sometimes one red flag, or a combination's ingredients
        flag = draw(st.sampled_from([q.id for q in QUESTIONS if q.section == "red_flags"]))
        answers[flag] = True
    return answers


def nutrients_concluded(result: Result, rid: str) -> set:
    found = {e["nutrient"] for e in result.evidence if e["rule"] == rid}
    if CAT[rid].effect == "suspect":
        found = set(result.suspects)
    return found


#: Examples per property: a quick run, and the long sweep (marked slow; the full suite runs both).
def sweep(quick: int, full: int) -> list:
    return [pytest.param(quick, id="quick"), pytest.param(full, id="sweep", marks=pytest.mark.slow)]


@pytest.mark.parametrize("n", sweep(12, 40))
def test_interpreter_says_met_exactly_when_experta_fired(n):
    @settings(max_examples=n, deadline=None)
    @given(answers=answer_sets())
    def check(answers):
        an = Analysis(Case(answers=answers))
        fired = set(an.result.fired)
        for rid, info in CAT.items():
            outcomes = kb.matches(info.clauses, an.known)
            met = [o for o in outcomes if o.met]
            assert bool(met) == (rid in fired), (rid, kb.describe(info.clauses))
            if info.concern == "*" and met:  # generic rules: the same nutrients bound
                assert {o.bindings["nutrient"] for o in met} == nutrients_concluded(an.result, rid), rid
            for o in outcomes:  # a finished run has nothing left to wait for but unanswered questions
                assert o.status != kb.WAITING or o.waiting <= {q for q in BY_ID if q not in answers}

    check()


@pytest.mark.parametrize("n", sweep(5, 15))
def test_answers_asserted_in_any_order_give_the_same_report(monkeypatch, n):
    """Rules that test a conclusion's absence run after every rule that can
    conclude it (strata), so the order the answers arrive in does not matter."""
    in_bank_order = engine.answer_facts

    @settings(max_examples=n, deadline=None)
    @given(answers=answer_sets(), seed=st.integers(0, 10_000))
    def check(answers, seed):
        case = Case(answers=answers, name="order")
        monkeypatch.setattr(engine, "answer_facts", in_bank_order)
        expected = same_conclusions(report_for(case))

        def shuffled(values):
            facts = in_bank_order(values)
            random.Random(seed).shuffle(facts)
            return facts

        monkeypatch.setattr(engine, "answer_facts", shuffled)
        assert same_conclusions(report_for(case)) == expected
        monkeypatch.setattr(engine, "answer_facts", lambda values: list(reversed(in_bank_order(values))))
        assert same_conclusions(report_for(case)) == expected

    check()


def same_conclusions(report: dict) -> dict:
    """The report, with ``fired`` (the firing order, which follows the order
    facts arrived in by design of the depth strategy) as a sorted list."""
    if "fired" in report:
        report = {**report, "fired": sorted(report["fired"])}
    return report


def test_the_minimal_order_dependent_case_of_the_issue(monkeypatch):
    """Tingling, malabsorption and a B12 supplement, answers reversed: once
    gave both -0.4 and -0.1 for B12."""
    case = Case(answers={"tingling": True, "malabsorption": True, "supplements": ("vitamin_b12",)})
    in_bank_order = engine.answer_facts
    monkeypatch.setattr(engine, "answer_facts", lambda values: list(reversed(in_bank_order(values))))
    result = engine.screen(case.answers)
    supplement_rules = {e["rule"] for e in result.evidence if e["kind"] == "supplement"}
    assert supplement_rules == {"supplement_taken_poor_absorption"}


def test_strata_are_computed_from_the_conditions():
    levels = kb.strata(list(CAT.values()))
    assert {rid for rid, level in levels.items() if level} == {"supplement_already_taken",
                                                               "see_doctor_neuro_symptom"}
    assert CAT["supplement_already_taken"].salience < CAT["sign_poor_absorption"].salience
    assert CAT["see_doctor_neuro_symptom"].salience < CAT["sign_brief_stable_symmetric"].salience
    red_flag = next(i for i in CAT.values() if i.effect == "red_flag")
    assert red_flag.salience == red_flag.declared_salience > 0  # within its stratum, still first


def test_a_cycle_through_not_has_no_strata():
    class Loop:
        @kb.Rule(kb.Answer(fatigue=True), kb.NOT(kb.Sign(name="b")))
        @kb.sign("a", reason="r", source="s")
        def loop_a(self):
            "a"

        @kb.Rule(kb.Sign(name="a"))
        @kb.sign("b", reason="r", source="s")
        def loop_b(self):
            "b"
    rules = [Loop.__dict__["loop_a"], Loop.__dict__["loop_b"]]
    for name, rule in zip(("loop_a", "loop_b"), rules):
        kb.compile_info(rule, name)
    with pytest.raises(ValueError, match="absence"):
        kb.stratify(rules)


# --- the model --------------------------------------------------------------------

def test_conditions_data_is_the_view_of_the_compiled_model():
    for info in CAT.values():
        assert info.conditions == [c.to_data() for c in info.clauses]
        assert all(isinstance(c, (kb.AnswerClause, kb.FactClause, kb.Not, kb.AnyOf, kb.AllOf))
                   for c in info.clauses)


def test_any_value_and_one_of_clauses_have_different_keys():
    clause = kb.compile_pattern(kb.Answer(age=kb.W()))
    assert clause == kb.AnswerClause("age", kb.Anything())
    assert clause.to_data() == {"fact": "Answer", "question": "age", "wildcard": True}
    either = kb.compile_pattern(kb.OR(kb.Answer(numbness=True), kb.Answer(tingling=True)))
    assert set(either.to_data()) == {"any"}


def test_three_values_and_the_deciding_leaf():
    clause = kb.compile_pattern(kb.AND(kb.Answer(diet="vegan"), kb.Answer(fatigue=True)))
    assert kb.check(clause, kb.Known({"diet": "vegan", "fatigue": True})).status == kb.MET
    failed = kb.check(clause, kb.Known({"diet": "omnivore", "fatigue": "unknown"}))
    assert failed.status == kb.FAILED and failed.leaf == kb.AnswerClause("diet", kb.Literal(("vegan",)))
    blocked = kb.check(clause, kb.Known({"diet": "vegan", "fatigue": "unknown"}))
    assert blocked.status == kb.BLOCKED and blocked.blocked == {"fatigue"}
    waiting = kb.check(clause, kb.Known({"diet": "vegan"}))
    assert waiting.status == kb.WAITING and waiting.waiting == {"fatigue"}
    assert waiting.leaf.question == "fatigue"


def test_not_holds_for_an_absent_or_unsure_answer_as_in_experta():
    clause = kb.compile_pattern(kb.NOT(kb.Answer(fatigue=True)))
    assert kb.check(clause, kb.Known({"fatigue": "unknown"})).met
    assert kb.check(clause, kb.Known({"fatigue": False})).met
    assert kb.check(clause, kb.Known({"fatigue": True})).status == kb.FAILED
    assert kb.check(clause, kb.Known({})).status == kb.WAITING


def test_variables_bind_across_clauses():
    info = CAT["supplement_already_taken"]
    known = kb.Known({"supplements": ("iron", "vitamin_d")},
                     {"Suspect": [{"nutrient": "iron"}, {"nutrient": "folate"}]})
    met = [o.bindings for o in kb.matches(info.clauses, known) if o.met]
    assert met == [{"nutrient": "iron"}]


def test_an_unknown_question_id_fails_the_build_naming_rule_and_id():
    class Typo:
        @kb.Rule(kb.Answer(exmple_med=True))
        @kb.advice("text", source="s")
        def typo_rule(self):
            "typo"
    with pytest.raises(ValueError, match=r"typo_rule.*exmple_med"):
        kb.compile_info(Typo.__dict__["typo_rule"], "typo_rule")


# --- a wildcard rule, end to end --------------------------------------------------------

class WildcardRules:
    @kb.Rule(kb.Suspect(nutrient="vitamin_d"), kb.Answer(age=kb.W()))
    @kb.evidence("vitamin_d", 0.15, kb.RISK, reason="a test rule: any age answered",
                 source="tests/test_conditions.py")
    def test_age_answered(self):
        "Any age at all."


@pytest.fixture
def wildcard_kb(monkeypatch):
    mixins = engine.rule_mixins()
    monkeypatch.setattr(engine, "rule_mixins", lambda: [*mixins, WildcardRules])
    monkeypatch.setattr(engine, "_CATALOGUE", None)
    monkeypatch.setattr(engine, "_ENGINE", None)
    yield
    engine._CATALOGUE = None  # rebuilt without the test rule (monkeypatch restores the old ones)


def test_a_wildcard_rule_works_in_run_explain_relevance_and_graph(wildcard_kb):
    answers = {"bone_pain": True, "age": 40}
    result = engine.screen(answers)
    assert "test_age_answered" in result.fired
    report = build_report(Case(answers=answers), result)
    (vit_d,) = [s for s in report["suggestions"] if s["nutrient"] == "vitamin_d"]
    assert "test_age_answered" in [b["rule"] for b in vit_d["because"]]

    steps = how_data(Case(answers=answers), "vitamin_d")["steps"]
    (step,) = [s for s in steps if s["rule"] == "test_age_answered"]
    assert step["matched"] == ["vitamin_d suspected (a compatible symptom)", "age answered"]
    not_fired = why_not_data(Case(answers={"bone_pain": True}), "vitamin_d")["not_fired"]
    (row,) = [r for r in not_fired if r["rule"] == "test_age_answered"]
    assert row["blocking"] == [{"condition": "age answered", "status": "unknown",
                                "detail": "age was not answered"}]

    rel = relevance.analyse({"bone_pain": True})
    assert "test_age_answered" in rel.waiting["age"]
    no_symptoms = dict.fromkeys(SYMPTOMS, False)  # the gate stays closed: nothing waits on it
    assert "test_age_answered" not in relevance.analyse(no_symptoms).waiting.get("age", [])

    edges = teach.graph_model("vitamin_d")["edges"]
    assert {"from": "q_age", "to": "r_test_age_answered", "label": "answered", "negated": False} in edges


# --- one place for a confidence's level --------------------------------------------------

def _sweep(lo, hi):
    return [round(lo + i * 0.0005, 4) for i in range(int(round((hi - lo) / 0.0005)) + 1)]


@pytest.mark.parametrize("confidence", _sweep(0.295, 0.305) + _sweep(0.595, 0.605))
def test_explain_and_run_agree_on_level_at_every_rounding_boundary(confidence):
    case = Case(answers={"fatigue": True}, name="boundary")
    result = Result(answers=case.answers, fired=["r"], suspects=["iron"],
                    evidence=[{"nutrient": "iron", "rule": "iron_blood_donation", "cf": confidence,
                               "kind": "risk"}])
    (suggestion,) = build_report(case, result)["suggestions"]
    an = Analysis(case, result)
    data = how_data(case, "iron", an)
    assert data["level"] == suggestion["level"]
    assert f"Confidence {suggestion['confidence']:.2f} ({suggestion['level']})" in how(case, "iron", an)
    for reason in why_not_data(case, "iron", an)["reasons"]:
        if reason["kind"] == "low":
            assert suggestion["level"] != "high"
            assert reason["text"].endswith(f"{shown(confidence):.2f}")


def test_the_vegan_case_of_the_issue_reads_high_everywhere():
    # The issue's case ({diet: vegan, leg_weakness: yes, fatigue: yes}) sat at 0.595 before 2026.12; tiredness
    # now points to B12 (0.69), so this one sits on the same boundary: vegan (0.5), numbness diabetes
    # explains (0.3 counted as 0.1) and clumsiness (0.1) combine to 0.595, shown as 0.60. (Since 2026.12 an
    # under-active thyroid is itself a B12 risk and explains nothing away for it, so diabetes stands in.)
    case = Case(answers={"diet": "vegan", "numbness": True, "poor_coordination": True, "diabetes": True,
                         "both_sides": True})
    (b12,) = [s for s in report_for(case)["suggestions"] if s["nutrient"] == "vitamin_b12"]
    assert (b12["confidence"], b12["level"]) == (0.6, "high")
    assert "Confidence 0.60 (high)" in how(case, "vitamin_b12")
    assert not [r for r in why_not_data(case, "vitamin_b12")["reasons"] if r["kind"] == "low"]


# --- one yes/no vocabulary ---------------------------------------------------------

@pytest.mark.parametrize("word, value", [("yep", True), ("Nope.", False), ("not sure", "unknown"),
                                         ("dunno", "unknown"), ("YES", True)])
def test_fact_files_set_and_the_interview_read_yes_no_alike(word, value):
    from jsonschema import Draft202012Validator

    from screener.facts import normalise
    from screener.facts import parse_override
    from screener.interview import parse_answer
    from screener.schema import facts_schema

    assert normalise("numbness", word) == value
    assert parse_override(f"numbness={word}") == ("numbness", value)
    assert parse_answer("numbness", word) == value
    assert Draft202012Validator(facts_schema()).is_valid({"answers": {"numbness": word}})


def test_each_how_step_names_the_mycin_case_it_used():
    case = Case(answers={"tingling": True, "malabsorption": True, "supplements": ("vitamin_b12",), "diet": "vegan"})
    steps = how_data(case, "vitamin_b12")["steps"]
    for step in steps:
        before, cf = step["before"], step["cf"]
        expected = ("both for" if before >= 0 and cf >= 0 else "both against" if before < 0 and cf < 0
                    else "opposite signs")
        assert step["case"].startswith(expected), step
    assert {s["case"].split(":")[0] for s in steps} >= {"both for", "opposite signs"}
    assert "(opposite signs: (a + b) / (1 - min(|a|, |b|)))" in how(case, "vitamin_b12")


# --- the teaching views tell the truth ------------------------------------------------

def test_the_trace_ends_with_the_caps_scoring_applies(runner):
    from screener.cli import cli

    result = runner.invoke(cli, ["run", "-", "--trace"], input="answers: {tingling: yes, numbness: yes}\n")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert "CAP vitamin_b12: 0.30 -> 0.29 (cap_no_risk_factor, after combining)" in lines
    assert lines.index("CAP vitamin_b12: 0.30 -> 0.29 (cap_no_risk_factor, after combining)") < len(lines) - 1
    assert lines[-1].startswith(";; ")


def test_a_checkout_imports_the_knowledge_base_from_its_rules_folder():
    import screener.rules

    assert screener.rules.MODULES  # found in the installed copy, or in rules/ beside a checkout


def test_rules_show_works_for_every_cap_and_the_graph_draws_the_gate(runner):
    from screener.cli import cli
    from screener.scoring import SCORING_CAPS

    caps = [rid for rid, info in CAT.items() if info.effect == "cap"] + [c["id"] for c in SCORING_CAPS]
    for rid in caps:
        result = runner.invoke(cli, ["rules", "show", rid])
        assert result.exit_code == 0, (rid, result.output)
        assert f"Rule {rid}" in result.stdout
    listed = runner.invoke(cli, ["rules", "list", "--nutrient", "iron"]).stdout
    assert "\ncap_no_risk_factor " in listed

    model = teach.graph_model("vitamin_b12")
    edges = {(e["from"], e["to"]) for e in model["edges"]}
    # b12_vegan_diet reads the gate, which symptom evidence for B12 opens
    assert ("g_vitamin_b12", "r_b12_vegan_diet") in edges
    assert ("r_gate_compatible_symptom", "g_vitamin_b12") in edges
    assert ("n_vitamin_b12", "r_gate_compatible_symptom") in edges
    assert ("r_b12_numbness_tingling", "n_vitamin_b12") in edges
    dot = teach.graph_dot(model)
    assert all("decorate=true" in line for line in dot.splitlines() if "label=" in line and "->" in line)


def test_rendering_does_not_pull_in_the_engine():
    import subprocess
    import sys

    code = "import sys, screener.render, screener.report; print('experta' in sys.modules, 'screener.engine' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
