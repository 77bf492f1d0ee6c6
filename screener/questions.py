"""The question bank: every question id of the public contract (spec section 2).

Pure data, no experta: ``--help``, ``questions`` and fact-file validation use
it without paying for the engine.  The rules say which questions matter; this
module only says how each question is asked and which values it accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

from screener import kinds

NUTRIENTS = (
    "vitamin_b12",
    "vitamin_d",
    "thiamine",
    "folate",
    "vitamin_e",
    "iron",
    "magnesium",
    "potassium",
)

NUTRIENT_NAMES = {
    "vitamin_b12": "Vitamin B12",
    "vitamin_d": "Vitamin D",
    "thiamine": "Thiamine (vitamin B1)",
    "folate": "Folate (vitamin B9)",
    "vitamin_e": "Vitamin E",
    "iron": "Iron",
    "magnesium": "Magnesium",
    "potassium": "Potassium",
}

YESNO = kinds.YESNO
CHOICE = kinds.CHOICE
AGE = kinds.AGE
NUTRIENT_LIST = kinds.NUTRIENT_LIST

#: Sections, in the order the interview walks them.
SECTIONS = (
    ("red_flags", "Warning signs"),
    ("symptoms", "Symptoms"),
    ("person", "About you"),
    ("diet", "Diet and lifestyle"),
    ("medical", "Medicines and health conditions"),
)


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: str
    section: str
    choices: tuple[str, ...] = ()
    #: Red flags: the urgency a "yes" gives; plain: a simpler re-wording,
    #: asked once more when the person answers "not sure".
    urgency: str | None = None
    plain: str | None = None
    #: Short label used in reports ("tingling (pins and needles)").
    label: str = ""
    help: str = ""
    choice_help: dict = field(default_factory=dict)
    #: Choices may be picked by their number in the list.  False for a
    #: quantity (duration): a person typing "3" may mean three days, so the
    #: choices are offered, and must be answered, as words (spec section 2).
    numbered: bool = True

    @property
    def type(self) -> kinds.Kind:
        """The question's kind (:mod:`screener.kinds`): convert, describe, to_words."""
        key = (self.id, self.kind, self.choices, self.numbered)
        if key not in _TYPES:
            _TYPES[key] = _make_type(self)
        return _TYPES[key]

    @property
    def allowed(self) -> str:
        """What is allowed, in words, for error messages and tables."""
        return self.type.describe("allowed")

    @property
    def values(self) -> list:
        """Allowed values as data (for JSON output and the schema)."""
        return self.type.describe("values")


_TYPES: dict[tuple, kinds.Kind] = {}


def _make_type(q: Question) -> kinds.Kind:
    from screener.vocabulary import QUANTITIES

    if q.kind == YESNO:
        return kinds.YesNo()
    if q.kind == CHOICE:
        return kinds.Choice(q.id, q.choices, menu=q.numbered and q.id not in QUANTITIES)
    if q.kind == AGE:
        return kinds.Age()
    if q.kind == NUTRIENT_LIST:
        return kinds.NutrientList(NUTRIENTS, NUTRIENT_NAMES)
    raise ValueError(f"question {q.id}: unknown kind {q.kind!r}")


def _q(id, text, kind=YESNO, section="symptoms", **kw) -> Question:
    kw.setdefault("label", id.replace("_", " "))
    return Question(id=id, text=text, kind=kind, section=section, **kw)


def _rf(id, text, urgency, plain, label) -> Question:
    return _q(id, text, section="red_flags", urgency=urgency, plain=plain, label=label)


QUESTIONS: tuple[Question, ...] = (
    # --- red flags (spec section 2, 2nd ed.: each names its time window;
    # "and" where a sign needs two parts) ---------------------------------
    _rf("rf_sudden_onset",
        "In the last few days, did weakness, numbness or loss of balance come on suddenly (within minutes "
        "to hours), even if it has since gone away?",
        "emergency",
        "Were you fine one moment and weak, numb or unsteady soon after, at any time in the last few days, "
        "even if it got better again?",
        "weakness, numbness or loss of balance that came on suddenly, even if it went away"),
    _rf("rf_face_arm_speech",
        "Now or in the last few days, has your face drooped, an arm gone weak, or your speech become "
        "slurred or confused, even if it went away?",
        "emergency",
        "Look in a mirror and smile: does one side of your face droop? Can you lift both arms? Is your "
        "speech clear? Did any of these happen in the last few days, even for a short time?",
        "face drooping, arm weakness or slurred speech, even if it went away"),
    _rf("rf_saddle_numbness",
        "Now or in the last few days, have you had numbness around your genitals, buttocks or inner thighs?",
        "emergency",
        "When you wipe after the toilet, does the skin feel numb or different from usual?",
        "numbness around the genitals, buttocks or inner thighs"),
    _rf("rf_bladder_bowel",
        "In the last few days or weeks, have you had new trouble controlling or passing urine or stool?",
        "emergency",
        "Is it new that you cannot pee, leak urine or stool, or do not feel when your bladder is full?",
        "new trouble controlling or passing urine or stool"),
    _rf("rf_rising_weakness",
        "Over the last hours or days, has weakness or tingling been spreading up from your feet, or have your "
        "legs been getting much weaker?",
        "emergency",
        "Since yesterday or the day before, has the tingling or weakness moved higher up your legs, or can you "
        "do much less than before?",
        "weakness or tingling spreading up from the feet, or legs getting much weaker, over hours or days"),
    _rf("rf_breathing_swallowing",
        "In the last few days, have you had new trouble breathing or swallowing, or sudden breathlessness or "
        "chest pain?",
        "emergency",
        "Since a few days ago, is it newly hard to catch your breath or to swallow, or have you had pain in "
        "your chest?",
        "new trouble breathing or swallowing, or sudden breathlessness or chest pain"),
    _rf("rf_new_confusion_eyes",
        "In the last few days, have you had new confusion or drowsiness, or double vision or jerky eye movements?",
        "emergency",
        "In the last few days, have people said you seem muddled or unusually sleepy, or do you see double?",
        "new confusion, drowsiness or eye movement problems"),
    _rf("rf_fainting_seizure",
        "In the last few days, have you fainted or blacked out, had a fit, or had a racing or irregular "
        "heartbeat with chest pain or breathlessness?",
        "emergency",
        "In the last few days, have you passed out or had a seizure, or has your heart raced or jumped about "
        "while your chest hurt or you were short of breath?",
        "fainting, a fit, or a racing heartbeat with chest pain or breathlessness"),
    _rf("rf_cold_pale_leg",
        "In the last few hours or days, has a leg or foot suddenly become cold and also pale, blue or mottled "
        "(often painful, numb or hard to move)?",
        "emergency",
        "Compare your two feet: did one of them suddenly become colder than the other and also paler, bluer "
        "or blotchy?",
        "a leg or foot that suddenly became cold and pale, blue or mottled"),
    _rf("rf_calf_swelling",
        "Right now, is one calf or leg swollen (bigger than the other) and also painful, warm or red?",
        "urgent",
        "Compare your two legs: is one of them bigger than the other, and is that one also sore, warmer or "
        "redder?",
        "one swollen leg that is also painful, warm or red"),
    _rf("rf_injury",
        "Did your symptoms begin within a few days of a fall, an accident or a back injury?",
        "urgent",
        "Did this start in the days after you fell, were in an accident, or hurt your back?",
        "symptoms that began within days of a fall or injury"),
    _rf("rf_fever_back_pain",
        "In the last few days, have you had a fever together with back pain?",
        "urgent",
        "In the last few days, have you felt hot or shivery, or had a high temperature, and also had back pain?",
        "fever together with back pain"),
    _rf("rf_foot_wound",
        "In the last few days or weeks, has a new wound, ulcer, redness or warmth appeared on a foot that "
        "feels numb?",
        "urgent",
        "Look at both feet: is there a sore, blister, cut, red or warm patch that was not there a few weeks "
        "ago?",
        "a new wound or redness on a numb foot"),
    _rf("rf_back_pain_night_weight",
        "In the last few weeks, have you had back pain that is worse at night or when resting, or back pain "
        "together with weight loss you cannot explain?",
        "urgent",
        "Does your back pain wake you at night or not ease when you rest, or have you lost weight without "
        "trying while you had it?",
        "back pain that is worse at night or at rest, or comes with weight loss you cannot explain"),
    _rf("rf_black_stools",
        "In the last few days, have you had black, tarry stools (poo), or blood in your stool or vomit?",
        "urgent",
        "In the last few days, has your poo been black and sticky like tar, or have you seen blood in it or "
        "when you were sick?",
        "black, tarry stools or blood in the stool or vomit"),
    # --- symptoms --------------------------------------------------------
    _q("leg_weakness", "Do your legs feel weak?", label="leg weakness"),
    _q("numbness", "Do you have numbness in your legs or feet?", label="numbness"),
    _q("tingling", "Do you have tingling or pins and needles in your legs or feet?",
       label="tingling (pins and needles)"),
    _q("burning_feet", "Do your feet burn or feel painfully hot?", label="burning feet"),
    _q("difficulty_walking", "Do you have difficulty walking, staggering, or balance problems?",
       label="difficulty walking or balance problems"),
    _q("poor_coordination", "Are your movements clumsy or poorly coordinated?", label="clumsy movements"),
    _q("muscle_cramps", "Do you get muscle cramps in your legs?", label="muscle cramps"),
    _q("twitches_spasms", "Do you have muscle twitches or brief spasms (not fits)?",
       label="muscle twitches or spasms"),
    _q("muscle_aches", "Do your muscles ache?", label="aching muscles"),
    _q("bone_pain", "Do you have bone pain, for example in your hips, legs or lower back?", label="bone pain"),
    _q("restless_legs", "Do you have an urge to move your legs, worse in the evening or at night?",
       label="restless legs"),
    _q("fatigue", "Do you feel unusually tired most of the time?", label="tiredness"),
    _q("pale_or_breathless",
       "Do others say you look pale, or do you get out of breath more easily than usual?",
       label="looking pale or getting breathless"),
    _q("memory_or_mood",
       "Over weeks or months, have you had memory problems, poor concentration or low mood?",
       label="memory, concentration or mood problems"),
    _q("sore_tongue", "Do you have a sore, red or smooth tongue, or mouth ulcers?",
       label="a sore or smooth tongue"),
    _q("palpitations", "Do you notice your heart pounding, fluttering or skipping beats?",
       label="palpitations"),
    _q("back_pain", "Do you have back pain, or pain shooting down a leg?", label="back pain"),
    _q("both_sides", "Are the symptoms in both legs rather than one?", label="symptoms in both legs"),
    _q("worsening", "Have the symptoms been getting worse since they started?", label="getting worse"),
    _q("duration", "How long have you had these symptoms?", CHOICE,
       choices=("minutes", "days", "weeks", "months"), label="how long", numbered=False,
       help="minutes: each episode passes within minutes, for example pins and needles after sitting still; "
            "days: less than two weeks; weeks: two weeks to three months; months: longer than that"),
    # --- about the person -------------------------------------------------
    _q("age", "How old are you (in whole years)?", AGE, section="person", label="age"),
    _q("sex", "What sex were you assigned at birth?", CHOICE, section="person",
       choices=("female", "male", "other"), label="sex"),
    _q("pregnant", "Are you pregnant?", section="person", label="pregnant"),
    _q("breastfeeding", "Are you breastfeeding?", section="person", label="breastfeeding"),
    _q("heavy_periods", "Do you have heavy periods?", section="person", label="heavy periods"),
    _q("blood_donation", "Do you give blood several times a year?", section="person",
       label="frequent blood donation"),
    _q("family_ataxia",
       "Does a parent, brother or sister have balance or walking problems that began when they were young?",
       section="person", label="balance or walking problems in the family that began young"),
    _q("weight_loss", "Have you lost weight without trying in the last few months?", section="person",
       label="weight loss without trying"),
    # --- diet and lifestyle ----------------------------------------------
    _q("diet", "Which best describes your diet?", CHOICE, section="diet",
       choices=("omnivore", "pescatarian", "vegetarian", "vegan"), label="diet"),
    _q("dairy_or_fortified", "Do you have dairy, or fortified plant milk or cereal, most days?",
       section="diet", label="dairy or fortified foods most days"),
    _q("oily_fish", "Do you eat oily fish (salmon, mackerel, sardines) at least once a week?",
       section="diet", label="oily fish weekly"),
    _q("leafy_greens", "Do you eat leafy green vegetables most days?", section="diet",
       label="leafy greens most days"),
    _q("fruit_veg", "Do you eat several portions of fruit and vegetables a day?", section="diet",
       label="fruit and vegetables daily"),
    _q("nuts_seeds_wholegrains", "Do you eat nuts, seeds or whole grains most days?", section="diet",
       label="nuts, seeds or whole grains most days"),
    _q("sun_exposure", "How often does sunlight reach your skin outdoors?", CHOICE, section="diet",
       choices=("daily", "sometimes", "rarely"), label="sun on the skin"),
    _q("darker_skin", "Do you have darker skin (for example African, Caribbean or South Asian heritage)?",
       section="diet", label="darker skin"),
    _q("covers_skin", "Do you cover most of your skin when outdoors?", section="diet",
       label="covers most skin outdoors"),
    _q("alcohol", "How much alcohol do you drink?", CHOICE, section="diet",
       choices=("none", "moderate", "heavy"), label="alcohol",
       help="heavy: more than about 2 drinks a day on most days, or regular binges"),
    _q("fluid_intake", "How much do you usually drink (water and other fluids)?", CHOICE, section="diet",
       choices=("low", "normal"), label="fluid intake"),
    _q("heavy_exercise", "Do you do hard exercise or sweat heavily most days?", section="diet",
       label="hard exercise or heavy sweating"),
    _q("restrictive_eating", "Are you dieting, eating little, or often skipping meals?", section="diet",
       label="restrictive eating"),
    _q("eating_disorder", "Do you have anorexia, bulimia or another eating disorder, now or recently?",
       section="diet", label="an eating disorder"),
    _q("nitrous_oxide", 'Do you use recreational nitrous oxide ("laughing gas", "nos")?', section="diet",
       label="nitrous oxide use"),
    _q("liquorice", "Do you eat real liquorice (or drink liquorice tea) most days?", section="diet",
       label="real liquorice most days"),
    # --- medicines and conditions ----------------------------------------
    _q("metformin", "Do you take metformin (a diabetes medicine)?", section="medical", label="metformin"),
    _q("acid_reducer",
       "Have you taken an acid reducer for more than a year (omeprazole, lansoprazole, esomeprazole, pantoprazole, famotidine...)?",
       section="medical", label="long-term acid reducer"),
    _q("diuretic",
       'Do you take "water tablets" (furosemide, bumetanide, bendroflumethiazide, indapamide, hydrochlorothiazide...)?',
       section="medical", label="water tablets (diuretic)"),
    _q("potassium_raising_meds",
       "Do you take an ACE inhibitor (ramipril, lisinopril...), an ARB (losartan, candesartan...), spironolactone, eplerenone, amiloride or triamterene?",
       section="medical", label="medicine that raises potassium"),
    _q("anticonvulsant", "Do you take medicine for epilepsy or seizures (an anticonvulsant)?",
       section="medical", label="anticonvulsant"),
    _q("statin", "Do you take a statin for cholesterol (atorvastatin, simvastatin, rosuvastatin...)?",
       section="medical", label="a statin"),
    _q("nsaid_or_blood_thinner",
       "Do you regularly take aspirin, ibuprofen-type painkillers, or a blood thinner (warfarin, apixaban...)?",
       section="medical", label="regular aspirin, anti-inflammatory painkillers or blood thinners"),
    _q("methotrexate", "Do you take methotrexate?", section="medical", label="methotrexate"),
    _q("laxatives", "Do you take laxatives regularly?", section="medical", label="regular laxatives"),
    _q("steroids", "Have you taken steroid tablets (such as prednisolone) for more than three months?",
       section="medical", label="long-term steroid tablets"),
    _q("malabsorption", "Do you have coeliac disease, Crohn's disease, chronic pancreatitis or cystic fibrosis?",
       section="medical", label="a gut condition that affects absorption"),
    _q("stomach_surgery", "Have you had weight-loss surgery or other stomach surgery?", section="medical",
       label="stomach or weight-loss surgery"),
    _q("kidney_disease", "Do you have kidney disease?", section="medical", label="kidney disease"),
    _q("diabetes", "Do you have diabetes?", section="medical", label="diabetes"),
    _q("liver_disease",
       "Do you have long-term liver disease, or a bile-duct disease such as primary biliary cholangitis (PBC)?",
       section="medical", label="long-term liver or bile-duct disease"),
    _q("autoimmune",
       "Do you have thyroid disease, type 1 diabetes, vitiligo or another autoimmune condition?",
       section="medical", label="an autoimmune condition"),
    _q("thyroid", "Do you have an under-active thyroid (hypothyroidism)?", section="medical",
       label="an under-active thyroid"),
    _q("known_cancer", "Do you have cancer now, or have you had it in the past?", section="medical",
       label="cancer now or in the past"),
    _q("recent_vomiting_diarrhea",
       "Recently, have you had vomiting or diarrhoea on most days for more than 2 or 3 days?",
       section="medical", label="recent vomiting or diarrhoea"),
    _q("supplements",
       "Which of these do you already take regularly as a supplement? (list them, or none)",
       NUTRIENT_LIST, section="medical", label="supplements taken"),
)

BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}
RED_FLAGS: tuple[Question, ...] = tuple(q for q in QUESTIONS if q.section == "red_flags")

NEURO_SYMPTOMS = ("leg_weakness", "numbness", "tingling", "burning_feet", "difficulty_walking",
                  "poor_coordination")
#: Everything the person can report as a symptom (for "any symptom").
SYMPTOMS = (*NEURO_SYMPTOMS, "muscle_cramps", "twitches_spasms", "muscle_aches", "bone_pain",
            "restless_legs", "fatigue", "pale_or_breathless", "memory_or_mood", "sore_tongue",
            "palpitations", "back_pain")

URGENCIES = ("self_care", "see_doctor", "urgent", "emergency")  # lowest first
EMERGENCY_NUMBERS = {"uk": "999", "us": "911", "eu": "112"}
REGIONS = tuple(EMERGENCY_NUMBERS)


#: How an answer reads in "because you ..." (yes/no answers: the "yes" phrase;
#: choices: one phrase per value).  Anything missing falls back to the label.
_YOU = {
    "leg_weakness": "reported weak legs", "numbness": "reported numbness", "tingling": "reported tingling (pins and needles)",
    "burning_feet": "reported burning feet", "difficulty_walking": "reported difficulty walking or balancing",
    "poor_coordination": "reported clumsy movements", "muscle_cramps": "reported muscle cramps",
    "twitches_spasms": "reported muscle twitches or spasms", "muscle_aches": "reported aching muscles",
    "bone_pain": "reported bone pain", "restless_legs": "reported restless legs", "fatigue": "reported unusual tiredness",
    "pale_or_breathless": "reported looking pale or getting breathless",
    "memory_or_mood": "reported memory, concentration or mood problems", "sore_tongue": "reported a sore tongue",
    "palpitations": "reported palpitations", "back_pain": "reported back pain", "both_sides": "reported symptoms in both legs",
    "worsening": "reported symptoms getting worse", "pregnant": "are pregnant", "breastfeeding": "are breastfeeding", "heavy_periods": "reported heavy periods",
    "blood_donation": "give blood several times a year", "dairy_or_fortified": "eat dairy or fortified foods most days",
    "oily_fish": "eat oily fish weekly", "leafy_greens": "eat leafy greens most days",
    "fruit_veg": "eat several portions of fruit and vegetables a day",
    "nuts_seeds_wholegrains": "eat nuts, seeds or whole grains most days", "darker_skin": "reported darker skin",
    "covers_skin": "cover most of your skin outdoors", "heavy_exercise": "exercise hard or sweat heavily most days",
    "restrictive_eating": "are eating little or skipping meals",
    "eating_disorder": "mentioned an eating disorder", "weight_loss": "lost weight without trying", "nitrous_oxide": "use nitrous oxide",
    "metformin": "take metformin", "acid_reducer": "took an acid reducer for over a year",
    "diuretic": "take water tablets", "potassium_raising_meds": "take a medicine that raises potassium",
    "anticonvulsant": "take an epilepsy medicine", "malabsorption": "mentioned a gut condition such as coeliac or Crohn's",
    "stomach_surgery": "had stomach or weight-loss surgery", "kidney_disease": "mentioned kidney disease",
    "diabetes": "mentioned diabetes", "known_cancer": "mentioned cancer, now or in the past",
    "recent_vomiting_diarrhea": "had days of vomiting or diarrhoea recently",
    "family_ataxia": "have family members whose balance problems began young",
    "liquorice": "eat real liquorice most days", "statin": "take a statin",
    "nsaid_or_blood_thinner": "take aspirin, anti-inflammatory painkillers or a blood thinner regularly",
    "methotrexate": "take methotrexate", "laxatives": "take laxatives regularly",
    "steroids": "take long-term steroid tablets", "liver_disease": "mentioned liver or bile-duct disease",
    "autoimmune": "mentioned an autoimmune condition", "thyroid": "mentioned an under-active thyroid",
}
_YOU_NOT = {
    "both_sides": "reported symptoms in one leg only", "worsening": "reported symptoms not getting worse",
    "dairy_or_fortified": "rarely have dairy or fortified foods", "oily_fish": "rarely eat oily fish",
    "leafy_greens": "rarely eat leafy greens", "fruit_veg": "eat little fruit and veg",
    "nuts_seeds_wholegrains": "rarely eat nuts, seeds or whole grains",
}
_YOU_CHOICE = {
    ("diet", "vegan"): "eat a vegan diet", ("diet", "vegetarian"): "eat a vegetarian diet",
    ("diet", "pescatarian"): "eat a pescatarian diet", ("diet", "omnivore"): "eat meat and fish",
    ("sun_exposure", "rarely"): "rarely get sun on your skin",
    ("sun_exposure", "sometimes"): "get sun on your skin only sometimes",
    ("sun_exposure", "daily"): "get sun on your skin daily", ("alcohol", "heavy"): "drink heavily",
    ("alcohol", "moderate"): "drink moderately", ("alcohol", "none"): "do not drink alcohol",
    ("fluid_intake", "low"): "drink little fluid", ("duration", "days"): "reported symptoms lasting days",
    ("duration", "minutes"): "reported symptoms that pass within minutes",
    ("duration", "weeks"): "reported symptoms lasting weeks", ("duration", "months"): "reported symptoms lasting months",
}


def you_phrase(qid: str, value) -> str:
    """An answer as words after "you": ``you_phrase("diet", "vegan") == "eat a vegan diet"``."""
    if value is True and qid in _YOU:
        return _YOU[qid]
    if value is False and qid in _YOU_NOT:
        return _YOU_NOT[qid]
    if qid == "age" and isinstance(value, int):
        return f"are {value}"
    if isinstance(value, str) and (qid, value) in _YOU_CHOICE:
        return _YOU_CHOICE[(qid, value)]
    question = BY_ID[qid]
    if isinstance(value, bool):
        return f"answered {question.type.to_words(value)} to: {question.label}"
    return f"gave {question.label}: {value}"


def merge_reported(phrases: list[str]) -> list[str]:
    """Fold "reported A", "reported B" into one "reported A and B" (kept at the first one's place)."""
    reported = [p[len("reported "):] for p in phrases if p.startswith("reported ")]
    out, done = [], False
    for p in phrases:
        if not p.startswith("reported "):
            out.append(p)
        elif not done:
            out.append("reported " + join_words(reported))
            done = True
    return out


def join_words(items: list[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
