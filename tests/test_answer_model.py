"""The one answer model: question kinds (convert / describe / to_words), the
interview's command words, and what a rule concludes (one table, two styles)."""

from __future__ import annotations

import pytest

from screener import kb
from screener import vocabulary

# --- the interview's commands: one table ------------------------------------------

@pytest.mark.parametrize("text,name", [("?", "why"), (" Why? ", "why"), ("w", "why"), ("BACK", "back"),
                                       ("undo", "back"), ("<", "back"), ("quit.", "quit"), (":q", "quit"),
                                       ("exit", "quit"), ("help", "help"), ("commands", "help")])
def test_command_words(text, name):
    assert vocabulary.command(text) == name


@pytest.mark.parametrize("text", ["yes", "no", "not sure", "", "backwards", "why not"])
def test_not_a_command(text):
    assert vocabulary.command(text) is None


def test_every_prompt_reads_commands_and_not_sure_the_same_way():
    from screener.interview import Command
    from screener.interview import parse_answer
    from screener.interview import parse_selection

    for text, name in [("?", "why"), ("back", "back"), ("quit", "quit"), ("help", "help")]:
        assert parse_answer("numbness", text) == Command(name)
        assert parse_answer("supplements", text) == Command(name)
        assert parse_selection(("numbness", "tingling"), text) == Command(name)
    for text in ("not sure", "dunno", "I don\u2019t know"):
        assert parse_answer("age", text) == "unknown"
        assert parse_selection(("numbness", "tingling"), text) == "unknown"


# --- what a rule concludes: one table ------------------------------------------------

def _info(effect, **kw):
    kw.setdefault("concern", "iron")
    return kb.RuleInfo(effect, reason="r", source="s", id="a_rule", **kw)


@pytest.mark.parametrize("info,summary,step,code", [
    (_info("evidence", cf=0.3, kind="risk"), "evidence for iron, certainty factor +0.30 (risk)",
     "evidence for iron (+0.30, risk)", "Evidence(nutrient='iron', rule='a_rule', cf=0.3, kind='risk')"),
    (_info("evidence", concern="*", cf=-0.1, kind="protective"),
     "evidence against the matched nutrient, certainty factor -0.10 (protective)",
     "evidence against ?nutrient (-0.10, protective)",
     "Evidence(nutrient=?nutrient, rule='a_rule', cf=-0.1, kind='protective')"),
    (_info("suspect", concern="*"), "suspect the matched nutrient (opens the gate for its risk factors)",
     "Suspect(nutrient='?nutrient') (the gate)", "Suspect(nutrient=?nutrient)"),
    (_info("sign", concern="neuro_symptom"), "sign neuro_symptom (an intermediate conclusion other rules match on)",
     "Sign(name='neuro_symptom')", "Sign(name='neuro_symptom')"),
    (_info("cap", limit=0.3), "cap iron at 0.30", "a cap on iron at 0.30",
     "Cap(nutrient='iron', limit=0.3, rule='a_rule')"),
    (_info("caution", withhold_foods=True), "caution for iron (no food suggestions)", "a caution for iron",
     "Caution(nutrient='iron', rule='a_rule')"),
    (_info("red_flag", concern="rf_injury", urgency="urgent", kind="question"),
     "red flag rf_injury: urgent (question)", "red flag rf_injury (urgent)",
     "RedFlag(id='rf_injury', kind='question', urgency='urgent', rule='a_rule')"),
    (_info("concern", concern="see_doctor"), "urgency at least see_doctor", "urgency at least see_doctor",
     "Concern(level='see_doctor', rule='a_rule')"),
    (_info("advice", concern="general"), "general advice", "general advice", "Advice(rule='a_rule')"),
])
def test_conclusion_text_styles(info, summary, step, code):
    assert kb.conclusion_text(info) == summary
    assert kb.conclusion_text(info, "step") == step
    assert kb.conclusion_text(info, "code") == code


def test_step_style_fills_in_the_matched_nutrient():
    info = _info("evidence", concern="*", cf=0.15, kind="weak")
    assert kb.conclusion_text(info, "step", "vitamin_d") == "evidence for vitamin_d (+0.15, weak)"


def test_scoring_cap_is_not_a_fact():
    info = _info("cap", concern="*", limit=0.29)
    info.module = "scoring"
    assert kb.conclusion_text(info) == "cap any nutrient at 0.29, applied by scoring after its evidence is combined"
    assert kb.conclusion_text(info, "code") == ("confidence <= 0.29 (scoring.assess, not a fact: applied after "
                                                "the engine)")


def test_every_rule_of_the_knowledge_base_has_words_for_its_conclusion():
    from screener import teach

    for info in teach._all_rules().values():
        for style in ("summary", "code"):
            assert kb.conclusion_text(info, style)
