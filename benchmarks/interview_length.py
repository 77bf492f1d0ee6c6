"""How long the interview is, and how long the text report is.

    python benchmarks/interview_length.py [--width 100] [--verbose]

Replays every example (each case of every fact file in examples/) and a few
personas through the interview's question choice, answering each question
from the case's full answers (a question the case leaves out is answered
"not sure"), and prints the number of questions asked (median, maximum, and
the person with no symptoms), then the line count of the text report
(`screener run`, no colour) at the given width for every example.

A question is one prompt the person answers: a grouped warning-sign screen,
the symptom checklist and each single question count one each; a "which of
these?" follow-up after a screen answered yes, and a "3 days, weeks or
months?" asked back, count one more.  Re-asks after a bad or "not sure"
answer do not count.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

#: People who are not in the examples.
NO_SYMPTOMS = {
    **{q: False for q in (
        "rf_sudden_onset", "rf_face_arm_speech", "rf_saddle_numbness", "rf_bladder_bowel",
        "rf_rising_weakness", "rf_breathing_swallowing", "rf_new_confusion_eyes", "rf_fainting_seizure",
        "rf_cold_pale_leg", "rf_calf_swelling", "rf_injury", "rf_fever_back_pain", "rf_foot_wound",
        "rf_back_pain_night_weight", "rf_black_stools",
        "leg_weakness", "numbness", "tingling", "burning_feet", "difficulty_walking", "poor_coordination",
        "muscle_cramps", "twitches_spasms", "muscle_aches", "bone_pain", "restless_legs", "fatigue",
        "pale_or_breathless", "memory_or_mood", "sore_tongue", "palpitations", "back_pain",
        "pregnant", "breastfeeding", "heavy_periods", "blood_donation", "darker_skin", "covers_skin",
        "heavy_exercise", "restrictive_eating", "nitrous_oxide", "metformin", "acid_reducer", "diuretic",
        "potassium_raising_meds", "anticonvulsant", "malabsorption", "stomach_surgery", "kidney_disease",
        "diabetes", "known_cancer", "recent_vomiting_diarrhea", "dairy_or_fortified", "oily_fish",
        "leafy_greens", "fruit_veg", "nuts_seeds_wholegrains")},
    "dairy_or_fortified": True, "fruit_veg": True, "leafy_greens": True,
    "age": 40, "sex": "female", "diet": "omnivore", "sun_exposure": "daily", "alcohol": "moderate",
    "fluid_intake": "normal", "supplements": (),
}
THREE_SYMPTOMS = {
    **NO_SYMPTOMS, "numbness": True, "tingling": True, "muscle_cramps": True, "both_sides": True,
    "worsening": False, "duration": "months", "age": 58, "sex": "male", "metformin": True,
    "diabetes": True,
}
TIRED_VEGAN = {
    **NO_SYMPTOMS, "fatigue": True, "leg_weakness": True, "both_sides": True, "worsening": False,
    "duration": "weeks", "age": 27, "diet": "vegan", "heavy_periods": True, "dairy_or_fortified": False,
}
PERSONAS = {"persona: no symptoms": NO_SYMPTOMS, "persona: three symptoms (numb, tingling, cramps)":
            THREE_SYMPTOMS, "persona: tired vegan with weak legs": TIRED_VEGAN}


def example_cases():
    from screener.facts import Case
    from screener.facts import iter_cases

    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix.lower() not in (".yaml", ".yml", ".json", ".toml", ".jsonl"):
            continue
        for case in iter_cases([str(path)]):
            if isinstance(case, Case):
                yield case.source.replace(str(EXAMPLES) + "/", ""), case


def _known(answers: dict) -> dict:
    from screener.questions import BY_ID

    return {k: v for k, v in answers.items() if k in BY_ID}


def questions_asked(answers: dict) -> int:
    """Prompts a person with these answers is shown before the report."""
    try:  # the interview's own replay, when it has one
        from screener.flow import replay
    except ImportError:
        replay = None
    if replay is not None:
        return replay(_known(answers)).prompts
    from screener.engine import screen
    from screener.relevance import replay as relevance_replay

    def emergency(got):
        return any(f["urgency"] == "emergency" for f in screen(got).red_flags)

    return len(relevance_replay(_known(answers), stop=emergency)[1])


def report_lines(case, width: int) -> int:
    from screener.render import render_text
    from screener.report import report_for

    return len(ANSI.sub("", render_text(report_for(case), case, width=width)).splitlines())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--width", type=int, default=100)
    ap.add_argument("--verbose", action="store_true", help="one line per case")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from screener.facts import Case

    counts, lines = {}, {}
    for name, case in example_cases():
        counts[name] = questions_asked(case.answers)
        lines[name] = report_lines(case, args.width)
    persona = {}
    for name, answers in PERSONAS.items():
        persona[name] = questions_asked(answers)
        case = Case(answers=dict(answers), name=name.split(": ", 1)[1])
        lines[name] = report_lines(case, args.width)
    if args.verbose:
        for name in lines:
            asked = counts.get(name, persona.get(name))
            print(f"{name:60} questions {asked:3}  report lines {lines[name]:3}")
        print()
    ex = list(counts.values())
    print(f"examples replayed: {len(ex)}")
    print(f"questions asked: median {statistics.median(ex):g}, max {max(ex)}, min {min(ex)}")
    for name, n in persona.items():
        print(f"questions asked, {name}: {n}")
    ex_lines = [lines[n] for n in counts]
    print(f"text report lines at {args.width} columns over the examples: median "
          f"{statistics.median(ex_lines):g}, max {max(ex_lines)}, min {min(ex_lines)}")
    for name in persona:
        print(f"text report lines, {name}: {lines[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
