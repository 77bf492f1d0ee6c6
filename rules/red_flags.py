"""Red flags: warning signs that need emergency or same-day care.

knowledge/nutrients.md section 9; screener spec (facts.md section 2).  A red
flag always wins over nutrients: in an emergency the report lists no nutrient
suggestions at all.  Rules here have high salience so that, in a trace, the
red flags are concluded first, as the interview asks them first.

``{number}`` in a text is filled in with the local emergency number(s).
"""

from screener.kb import OR
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Sign
from screener.kb import red_flag

# Red flags fire before everything else (salience > 0), so a trace shows the
# escalation first, mirroring the interview's order.
FIRST = 100

EMERGENCY = "emergency"
URGENT = "urgent"
QUESTION = "question"
COMBINATION = "combination"

STROKE = "NHS / NWAS: stroke, act F.A.S.T."
CES = "NHS: cauda equina syndrome (GIRFT/BACKES warning signs)"
GBS = "NHS: Guillain-Barre syndrome"
DVT = "NHS / UCLH: deep vein thrombosis"
MSCC = "NICE NG234 (2023): metastatic spinal cord compression"
LIMB = "NHS: acute limb ischaemia"
BACK = "NHS: back pain red flags"
WERNICKE = "RCEM: thiamine deficiency (Wernicke's encephalopathy)"
ELECTROLYTE = "FDA 2011 (PPIs and magnesium); hypokalaemia clinical summaries"
FOOT = "NHS: peripheral neuropathy (diabetic foot care)"

CALL = "Call {number} now."


class RedFlagRules:
    # --- emergency questions ---------------------------------------------
    @Rule(Answer(rf_sudden_onset=True), salience=FIRST)
    @red_flag("rf_sudden_onset", EMERGENCY, QUESTION,
              text="Weakness or numbness that came on suddenly can be a stroke. " + CALL
                   + " Note the time it started.",
              reason="sudden weakness or numbness that has not gone away", source=STROKE)
    def rf_sudden_onset_rule(self):
        """Sudden weakness or numbness: possible stroke."""

    @Rule(Answer(rf_face_arm_speech=True), salience=FIRST)
    @red_flag("rf_face_arm_speech", EMERGENCY, QUESTION,
              text="Face drooping, arm weakness or speech problems are signs of a stroke. " + CALL,
              reason="face drooping, arm weakness or slurred speech", source=STROKE)
    def rf_face_arm_speech_rule(self):
        """FAST signs: possible stroke."""

    @Rule(Answer(rf_saddle_numbness=True), salience=FIRST)
    @red_flag("rf_saddle_numbness", EMERGENCY, QUESTION,
              text="Numbness around the genitals or buttocks can mean the nerves at the base of the spine "
                   "are being squeezed (cauda equina syndrome). " + CALL + " or go to A&E.",
              reason="numbness around the genitals, buttocks or inner thighs", source=CES)
    def rf_saddle_numbness_rule(self):
        """Saddle numbness: possible cauda equina syndrome."""

    @Rule(Answer(rf_bladder_bowel=True), salience=FIRST)
    @red_flag("rf_bladder_bowel", EMERGENCY, QUESTION,
              text="New trouble controlling or passing urine or stool can mean the nerves at the base of "
                   "the spine are being squeezed. " + CALL + " or go to A&E.",
              reason="new bladder or bowel trouble", source=CES)
    def rf_bladder_bowel_rule(self):
        """Bladder or bowel change: possible cauda equina syndrome."""

    @Rule(Answer(rf_rising_weakness=True), salience=FIRST)
    @red_flag("rf_rising_weakness", EMERGENCY, QUESTION,
              text="Weakness or tingling spreading up from the feet over hours or days can be "
                   "Guillain-Barre syndrome, which can affect breathing. " + CALL,
              reason="weakness or tingling rising from the feet", source=GBS)
    def rf_rising_weakness_rule(self):
        """Rising weakness: possible Guillain-Barre syndrome."""

    @Rule(Answer(rf_breathing_swallowing=True), salience=FIRST)
    @red_flag("rf_breathing_swallowing", EMERGENCY, QUESTION,
              text="Trouble breathing or swallowing, or sudden breathlessness or chest pain, needs help "
                   "now. " + CALL,
              reason="trouble breathing or swallowing, or chest pain", source=f"{GBS}; {DVT}")
    def rf_breathing_swallowing_rule(self):
        """Breathing or swallowing trouble: possible GBS or pulmonary embolism."""

    @Rule(Answer(rf_new_confusion_eyes=True), salience=FIRST)
    @red_flag("rf_new_confusion_eyes", EMERGENCY, QUESTION,
              text="New confusion, drowsiness or eye-movement problems can be Wernicke's encephalopathy "
                   "(very low thiamine) or a stroke, which need hospital treatment. " + CALL,
              reason="new confusion, drowsiness or eye-movement problems", source=f"{WERNICKE}; {STROKE}")
    def rf_new_confusion_eyes_rule(self):
        """Confusion or eye signs: possible Wernicke's encephalopathy."""

    @Rule(Answer(rf_fainting_seizure=True), salience=FIRST)
    @red_flag("rf_fainting_seizure", EMERGENCY, QUESTION,
              text="Fainting, a fit, or a racing heartbeat with chest pain or breathlessness can be a "
                   "dangerous heart rhythm or salt imbalance. " + CALL,
              reason="fainting, a fit, or a racing heartbeat with chest pain", source=ELECTROLYTE)
    def rf_fainting_seizure_rule(self):
        """Fainting or seizure: possible severe electrolyte disturbance."""

    @Rule(Answer(rf_cold_pale_leg=True), salience=FIRST)
    @red_flag("rf_cold_pale_leg", EMERGENCY, QUESTION,
              text="A leg or foot that is suddenly cold, pale or blue and painful may have lost its blood "
                   "supply. " + CALL,
              reason="a suddenly cold, pale or painful leg", source=LIMB)
    def rf_cold_pale_leg_rule(self):
        """Cold pale leg: possible acute limb ischaemia."""

    # --- urgent questions ------------------------------------------------
    @Rule(Answer(rf_calf_swelling=True), salience=FIRST)
    @red_flag("rf_calf_swelling", URGENT, QUESTION,
              text="One swollen, painful, warm or red leg can be a blood clot (DVT): get an urgent "
                   "appointment today (in the UK, call 111). If you become breathless or have chest pain, "
                   "call {number}.",
              reason="one swollen, painful, warm or red leg", source=DVT)
    def rf_calf_swelling_rule(self):
        """One swollen leg: possible DVT."""

    @Rule(Answer(rf_injury=True), salience=FIRST)
    @red_flag("rf_injury", URGENT, QUESTION,
              text="Symptoms that began after a fall, accident or back injury need a doctor today (in the "
                   "UK, call 111 or go to urgent care).",
              reason="symptoms that began after a fall or injury", source=BACK)
    def rf_injury_rule(self):
        """Symptoms after an injury."""

    @Rule(Answer(rf_fever_back_pain=True), salience=FIRST)
    @red_flag("rf_fever_back_pain", URGENT, QUESTION,
              text="Fever with back pain can be an infection near the spine: see a doctor today (in the UK, "
                   "call 111).",
              reason="fever with back pain", source=BACK)
    def rf_fever_back_pain_rule(self):
        """Fever and back pain: possible spinal infection."""

    @Rule(Answer(rf_foot_wound=True), salience=FIRST)
    @red_flag("rf_foot_wound", URGENT, QUESTION,
              text="A new wound, ulcer, redness or warmth on a numb foot can get infected quickly without "
                   "you feeling it: see a doctor or foot service today.",
              reason="a new wound or redness on a numb foot", source=FOOT)
    def rf_foot_wound_rule(self):
        """Wound on a numb foot: possible diabetic foot infection."""

    # --- combinations that escalate ----------------------------------------
    @Rule(Answer(rf_injury=True), OR(Answer(leg_weakness=True), Answer(numbness=True), Answer(tingling=True)),
          salience=FIRST)
    @red_flag("combo_injury_neuro", EMERGENCY, COMBINATION,
              text="New weakness, numbness or tingling after a fall or injury can mean a spinal injury. "
                   "Do not move more than you must. " + CALL,
              reason="weakness, numbness or tingling after an injury", source=f"{BACK}; {MSCC}")
    def combo_injury_neuro(self):
        """Injury plus neuro symptoms: possible spinal injury."""

    @Rule(Answer(rf_fever_back_pain=True), OR(Answer(leg_weakness=True), Answer(numbness=True)),
          salience=FIRST)
    @red_flag("combo_fever_back_neuro", EMERGENCY, COMBINATION,
              text="Fever and back pain with leg weakness or numbness can be an abscess pressing on the "
                   "spinal cord. " + CALL + " or go to A&E.",
              reason="fever and back pain with leg weakness or numbness", source=BACK)
    def combo_fever_back_neuro(self):
        """Fever, back pain and neuro signs: possible epidural abscess."""

    @Rule(Answer(known_cancer=True), Answer(back_pain=True),
          OR(Answer(leg_weakness=True), Answer(numbness=True), Answer(difficulty_walking=True)),
          salience=FIRST)
    @red_flag("combo_cancer_back_neuro", EMERGENCY, COMBINATION,
              text="With cancer now or in the past, back pain with leg weakness, numbness or walking "
                   "problems can mean the spinal cord is being squeezed. " + CALL
                   + " or contact your cancer team's urgent line now.",
              reason="cancer history with back pain and leg weakness, numbness or walking problems",
              source=MSCC)
    def combo_cancer_back_neuro(self):
        """Cancer, back pain and neuro signs: possible spinal cord compression."""

    @Rule(Answer(palpitations=True), Sign(name="electrolyte_risk"), Sign(name="cramp_or_weakness"),
          salience=FIRST)
    @red_flag("combo_palpitations_electrolytes", URGENT, COMBINATION,
              text="Palpitations with cramps or weakness, while on these medicines or after vomiting or "
                   "diarrhoea, can mean potassium or magnesium is too low or too high: get a blood test "
                   "today. If you faint or have chest pain, call {number}.",
              reason="palpitations with cramps or weakness and a medicine or illness that upsets salts",
              source=ELECTROLYTE)
    def combo_palpitations_electrolytes(self):
        """Palpitations with electrolyte risk: same-day blood test."""

    @Rule(Answer(back_pain=True), Answer(both_sides=True), Answer(worsening=True),
          OR(Answer(leg_weakness=True), Answer(numbness=True)), salience=FIRST)
    @red_flag("combo_back_both_legs_worsening", URGENT, COMBINATION,
              text="Back pain with weakness or numbness in both legs that is getting worse needs a doctor "
                   "today. If you notice numbness around the genitals or bladder or bowel trouble, call "
                   "{number}.",
              reason="back pain with worsening weakness or numbness in both legs", source=CES)
    def combo_back_both_legs_worsening(self):
        """Back pain and worsening symptoms in both legs: possible early cauda equina."""

    @Rule(Answer(worsening=True), Answer(duration="days"), Sign(name="neuro_symptom"), salience=FIRST)
    @red_flag("combo_worsening_over_days", URGENT, COMBINATION,
              text="Nerve or weakness symptoms that are getting worse over days need a doctor today. If "
                   "they spread up your legs or affect breathing, call {number}.",
              reason="nerve symptoms getting worse over days", source=GBS)
    def combo_worsening_over_days(self):
        """Worsening neuro symptoms over days: possible early GBS."""
