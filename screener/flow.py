"""What the interview asks next: grouped warning-sign screens, the symptom
checklist, then one question at a time, only those that could change the
outcome (:mod:`screener.outcome`).

1. Every emergency warning sign, for everyone, as grouped screens shown in
   words ("Do any of these apply to you now, or in the last few days?"); a
   yes asks which.  The saved file records each sign's own answer.
2. The symptoms as one checklist (numbers or words, or "none").
3. The urgent warning signs that bear on what was reported (the foot-wound
   sign with numb feet, the calf sign with leg pain or cramps, the back-pain
   signs with back pain), as one more screen.  Which symptoms a sign bears
   on is read from the rules that combine the sign with a symptom, plus
   :data:`URGENT_WHEN` for signs no rule combines; a sign in neither is
   asked of anyone with a symptom.
4. One question at a time, most outcome-changing first; nothing else.

:func:`next_step` is a pure function of the answers so far; the interview
(:mod:`screener.interview`) asks the step, and :func:`replay` answers it
from a complete set of answers (for the tests and the benchmark).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

from screener.kinds import to_words
from screener.questions import BY_ID
from screener.questions import QUESTIONS
from screener.questions import RED_FLAGS
from screener.questions import SYMPTOMS

UNKNOWN = "unknown"

SCREEN_QUESTION = "Do any of these apply to you now, or in the last few days?"
EMERGENCY_WHY = "These are warning signs that need emergency help: everyone is asked about them."
CHECKLIST_QUESTION = "Which of these do you have at the moment?"

#: How the emergency signs are grouped on screen (any sign not listed joins the last group).
EMERGENCY_GROUPS = (
    ("Sudden or spreading signs", ("rf_sudden_onset", "rf_face_arm_speech", "rf_new_confusion_eyes",
                                   "rf_breathing_swallowing", "rf_fainting_seizure")),
    ("Back, bladder and legs", ("rf_saddle_numbness", "rf_bladder_bowel", "rf_rising_weakness",
                                "rf_cold_pale_leg")),
)
#: Urgent signs and the symptoms they bear on, where no rule says so (clinical
#: sense: a foot wound matters on a numb foot, a swollen calf with leg pain).
URGENT_WHEN = {
    "rf_foot_wound": ("numbness", "tingling", "burning_feet"),
    "rf_calf_swelling": ("muscle_cramps", "muscle_aches", "leg_weakness", "restless_legs"),
    "rf_injury": ("back_pain",),
    "rf_fever_back_pain": ("back_pain",),
    "rf_back_pain_night_weight": ("back_pain",),
    "rf_black_stools": ("fatigue", "pale_or_breathless"),
}


#: Yes/no questions asked together as one checklist when more than one of a
#: group could change the outcome.  A question in no group joins its section's.
GROUPS = (
    ("medicines", "Do you take any of these medicines?",
     ("metformin", "acid_reducer", "diuretic", "potassium_raising_meds", "anticonvulsant", "statin",
      "nsaid_or_blood_thinner", "methotrexate", "laxatives", "steroids")),
    ("foods", "Which of these do you eat regularly?",
     ("dairy_or_fortified", "oily_fish", "leafy_greens", "fruit_veg", "nuts_seeds_wholegrains", "liquorice")),
    ("medical", "Do you have, or have you had, any of these?", ()),
    ("diet", "Do any of these apply to you?", ()),
    ("person", "Do any of these apply to you?", ()),
)


def group_of(qid: str) -> str:
    for name, _, ids in GROUPS:
        if qid in ids:
            return name
    return BY_ID[qid].section


def group_question(name: str) -> str:
    for group, text, _ in GROUPS:
        if group == name:
            return text
    return "Do any of these apply to you?"


@dataclass(frozen=True)
class Step:
    """One thing to ask: a screen (several warning signs), the checklist, or one question."""

    kind: str                     # screen | checklist | question
    ids: tuple[str, ...]
    title: str = ""
    why: str = ""                 # one plain sentence: why this matters for this person
    rules: tuple[str, ...] = ()   # the rules behind it (shown with --trace or in explain)

    @property
    def qid(self) -> str:
        return self.ids[0]


def emergency_flags() -> list[str]:
    return [q.id for q in RED_FLAGS if q.urgency == "emergency"]


def urgent_flags() -> list[str]:
    return [q.id for q in RED_FLAGS if q.urgency != "emergency"]


def emergency_groups() -> list[tuple[str, tuple[str, ...]]]:
    known = set(emergency_flags())
    groups = [(title, tuple(i for i in ids if i in known)) for title, ids in EMERGENCY_GROUPS]
    listed = {i for _, ids in groups for i in ids}
    rest = tuple(i for i in emergency_flags() if i not in listed)
    if rest:
        title, ids = groups[-1]
        groups[-1] = (title, ids + rest)
    return [(t, ids) for t, ids in groups if ids]


_BEARS: dict[str, set] | None = None


def bears_on() -> dict[str, set]:
    """Urgent sign -> the symptoms it bears on: URGENT_WHEN, plus every
    symptom a rule combines with the sign."""
    global _BEARS
    if _BEARS is None:
        from screener import kb
        from screener.engine import catalogue

        out = {q: set(URGENT_WHEN.get(q, ())) for q in urgent_flags()}
        for info in catalogue().values():
            asked = {leaf.question for leaf, neg in kb.walk(info.clauses)
                     if not neg and isinstance(leaf, kb.AnswerClause)}
            for flag in asked & set(out):
                out[flag] |= asked & set(SYMPTOMS)
        _BEARS = out
    return _BEARS


def _reported(answers) -> set:
    return {s for s in SYMPTOMS if answers.get(s) is True}


def urgent_to_ask(answers) -> list[str]:
    reported = _reported(answers)
    if not reported:
        return []
    out = []
    for flag, symptoms in bears_on().items():
        if flag in answers:
            continue
        if not symptoms or symptoms & reported:
            out.append(flag)
    return [q.id for q in RED_FLAGS if q.id in out]


def next_step(answers: dict[str, Any], result=None, rules=None) -> Step | None:
    """The next thing to ask, or None when the interview is done."""
    for title, ids in emergency_groups():
        todo = tuple(i for i in ids if i not in answers)
        if todo:
            return Step("screen", todo, title, why=EMERGENCY_WHY)
    symptoms = tuple(s for s in SYMPTOMS if s in BY_ID and s not in answers)
    if symptoms:
        return Step("checklist", symptoms, "Symptoms",
                    why="Your symptoms decide which nutrients are worth thinking about at all.")
    urgent = tuple(urgent_to_ask(answers))
    if urgent:
        return Step("screen", urgent, "Those that go with your symptoms",
                    why="With the symptoms you reported, these signs would mean seeing a doctor today.")
    return next_question(answers, result, rules)


def next_question(answers, result=None, rules=None) -> Step | None:
    from screener.engine import screen
    from screener.outcome import search
    from screener.relevance import ALWAYS
    from screener.relevance import NOT_WHEN
    from screener.relevance import analyse
    from screener.relevance import applies

    if result is None:
        result = screen(answers)
    rel = analyse(answers, rules)
    found = search(answers, result, rel)
    wanted = [q for q in ALWAYS if q in BY_ID and BY_ID[q].section != "red_flags" and q not in answers]
    wanted += [q for q in found.ranked() if q not in wanted and BY_ID[q].section != "red_flags"]
    for qid in wanted:
        if not applies(qid, answers):
            continue
        for dep in NOT_WHEN.get(qid, {}):  # sex before pregnancy
            if dep not in answers:
                return Step("question", (dep,), why=f"It decides whether the question about "
                            f"{BY_ID[qid].label} applies to you.")
        change = found.scores.get(qid)
        if BY_ID[qid].kind == "yesno" and BY_ID[qid].section != "symptoms":
            # the other yes/no questions of its group that could change the outcome: one checklist
            group = group_of(qid)
            ids = [q for q in wanted if q != qid and BY_ID[q].kind == "yesno" and group_of(q) == group
                   and BY_ID[q].section != "symptoms" and applies(q, answers)
                   and all(dep in answers for dep in NOT_WHEN.get(q, {}))]
            if ids:
                ids = [qid, *ids]
                order = {q.id: n for n, q in enumerate(QUESTIONS)}
                ids.sort(key=order.get)
                rules = tuple(r for q in ids for r in found.because.get(q, ()))
                return Step("checklist", tuple(ids), group_question(group),
                            why=why_sentence(qid, change, found.because.get(qid, [])), rules=rules)
        return Step("question", (qid,), why=why_sentence(qid, change, found.because.get(qid, [])),
                    rules=tuple(found.because.get(qid, ())))
    return None


def why_sentence(qid: str, change, rules: list[str]) -> str:
    """One plain sentence: why this question matters for this person."""
    from screener.engine import catalogue
    from screener.questions import NUTRIENT_NAMES

    if change is None:
        if qid == "age":
            return "Your age changes what is likely and what advice is safe (for example, under 16)."
        return "The report uses it directly."
    cat = catalogue()
    nutrients = []
    for rid in rules:
        info = cat.get(rid)
        if info is not None and info.concern in NUTRIENT_NAMES and info.concern not in nutrients:
            nutrients.append(info.concern)
    if change.urgency:
        return "It decides how soon you should see a doctor."
    if nutrients:
        from screener.render import SHORT_NAMES

        names = [SHORT_NAMES[n] for n in nutrients[:2]]
        what = " or ".join(names)
        if change.levels:
            return f"It decides whether {what} is worth testing."
        return f"It decides whether {what} comes first among the checks."
    return f"It could change {change.words()}."


# --- answering from a complete set of answers --------------------------------------

@dataclass
class Replay:
    answers: dict = field(default_factory=dict)   # what the interview would save
    steps: list = field(default_factory=list)      # (Step, [lines typed])
    prompts: int = 0                                # questions asked (re-asks not counted)
    emergency: bool = False

    @property
    def lines(self) -> list[str]:
        return [line for _, typed in self.steps for line in typed]


def replay(full: dict[str, Any], rules=None) -> Replay:
    """Answer the interview as a person with these answers would.

    A warning sign the answers leave out is answered "no" (a person who has
    it says so); one given as ``unknown`` is "not sure", which asks each
    sign of the screen on its own (and once more in plainer words).  A
    symptom left out is not ticked.  Any other question left out is
    answered "not sure".
    """
    from screener.engine import screen

    out = Replay()
    got = out.answers
    queue: list[str] = []
    while True:
        result = screen(got)
        if any(f["urgency"] == "emergency" for f in result.red_flags):
            out.emergency = True
            return out
        queue = [q for q in queue if q not in got]
        if queue:  # a screen answered "not sure": each sign on its own, in plainer words if still not sure
            qid, value = queue[0], full.get(queue[0], False)
            out.steps.append((Step("question", (qid,)), ["not sure", "not sure"] if value == UNKNOWN
                              else [to_words(value, names=False)]))
            out.prompts += 1
            got[qid] = value
            continue
        step = next_step(got, result, rules)
        if step is None:
            return out
        if step.kind == "screen":
            values = {i: full.get(i, False) for i in step.ids}
            chosen = [i for i in step.ids if values[i] is True]
            if chosen:
                which = ", ".join(str(step.ids.index(i) + 1) for i in chosen)
                out.steps.append((step, ["yes", which]))
                out.prompts += 2
                for i in step.ids:
                    got[i] = i in chosen
            elif any(values[i] == UNKNOWN for i in step.ids):
                out.steps.append((step, ["not sure"]))
                out.prompts += 1
                queue = list(step.ids)
            else:
                out.steps.append((step, ["no"]))
                out.prompts += 1
                for i in step.ids:
                    got[i] = False
        elif step.kind == "checklist":
            chosen = [s for s in step.ids if full.get(s) is True]
            typed = ", ".join(str(step.ids.index(s) + 1) for s in chosen) or "none"
            out.steps.append((step, [typed]))
            out.prompts += 1
            for s in step.ids:
                got[s] = s in chosen
        else:
            value = full.get(step.qid, UNKNOWN)
            out.steps.append((step, [to_words(value, names=False)]))
            out.prompts += 1
            got[step.qid] = value


__all__ = ["Step", "Replay", "next_step", "replay", "emergency_groups", "urgent_to_ask", "bears_on",
           "QUESTIONS"]
