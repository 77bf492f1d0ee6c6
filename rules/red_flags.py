"""Red flags: warning signs that need emergency or same-day care.

docs/knowledge.md section 13; docs/contract.md (red flags and combinations).  A red
flag always wins over nutrients: in an emergency the report lists no nutrient
suggestions at all.  Rules here have high salience so that, in a trace, the
red flags are concluded first, as the interview asks them first.

``{number}`` in a text is filled in with the local emergency number(s).
"""

from screener.kb import AND
from screener.kb import NOT
from screener.kb import OR
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Sign
from screener.kb import below
from screener.kb import one_of
from screener.kb import red_flag
from screener.rules.common import NOT_OLD_AND_STABLE
from screener.rules.urgency import DURATIONS

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
BACK_URGENT = ("NHS: back pain (ask for an urgent GP appointment or call 111 with back pain and weight loss "
               "without trying, or pain much worse at night and not eased by rest)")
GUT_BLEED = "NHS: bleeding from the bottom (black or dark red poo: urgent GP appointment or 111); NHS: vomiting blood"
NEW_MOTOR = "docs/knowledge.md 13b (new difficulty walking in the last few days: same-day assessment)"
WERNICKE_EARLY = ("NICE CG100 (2010, updated 2017): offer thiamine to harmful drinkers at risk, and treat suspected "
                  "Wernicke's encephalopathy without delay; " + WERNICKE)
NITROUS = ("NICE NG239 (2024): nitrous oxide can cause B12-related nerve damage with normal tests; UK emergency "
           "medicine guidance on recreational nitrous oxide: start treatment before results if toxicity is suspected")
HIGH_POTASSIUM = ("Cleveland Clinic J Med 2019 (ACE inhibitors, ARBs and potassium); NHS Highland: hyperkalaemia "
                  "guidelines (muscle weakness, palpitations)")
LOW_SALTS = ("hypokalaemia clinical summaries (vomiting and diarrhoea lose potassium; weakness and cramps); "
             "FDA 2011 (low magnesium: spasms)")

CALL = "Call {number} now."
#: The same, where going straight to an emergency department is as good (the spine emergencies).
CALL_OR_GO = "Call {number} now, or have someone take you straight to an emergency department (A&E)."


class RedFlagRules:
    # --- emergency questions ---------------------------------------------
    @Rule(Answer(rf_sudden_onset=True), salience=FIRST)
    @red_flag("rf_sudden_onset", EMERGENCY, QUESTION,
              text="Weakness, numbness or loss of balance that came on suddenly can be a stroke, and if it "
                   "has gone away it can be a mini-stroke (TIA), a warning that a stroke may follow. " + CALL
                   + " Note the time it started.",
              reason="sudden weakness, numbness or loss of balance in the last few days, even if it went away",
              source=STROKE + "; NHS: transient ischaemic attack (call 999 even if the symptoms pass)")
    def rf_sudden_onset_rule(self):
        """Sudden weakness or numbness: possible stroke."""

    @Rule(Answer(rf_face_arm_speech=True), salience=FIRST)
    @red_flag("rf_face_arm_speech", EMERGENCY, QUESTION,
              text="Face drooping, arm weakness or speech problems are signs of a stroke, or of a mini-stroke "
                   "(TIA) if they went away. " + CALL,
              reason="face drooping, arm weakness or slurred speech, even if it went away",
              source=STROKE + "; NHS: transient ischaemic attack (call 999 even if the symptoms pass)")
    def rf_face_arm_speech_rule(self):
        """FAST signs: possible stroke."""

    @Rule(Answer(rf_saddle_numbness=True), salience=FIRST)
    @red_flag("rf_saddle_numbness", EMERGENCY, QUESTION,
              text="Numbness around the genitals or buttocks can mean the nerves at the base of the spine "
                   "are being squeezed (cauda equina syndrome). " + CALL_OR_GO,
              reason="numbness around the genitals, buttocks or inner thighs", source=CES)
    def rf_saddle_numbness_rule(self):
        """Saddle numbness: possible cauda equina syndrome."""

    @Rule(Answer(rf_bladder_bowel=True), salience=FIRST)
    @red_flag("rf_bladder_bowel", EMERGENCY, QUESTION,
              text="New trouble controlling or passing urine or stool can mean the nerves at the base of "
                   "the spine are being squeezed. " + CALL_OR_GO,
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
              text="New trouble breathing or swallowing, or sudden breathlessness or chest pain, needs help "
                   "now. " + CALL,
              reason="new trouble breathing or swallowing, or sudden breathlessness or chest pain",
              source=f"{GBS}; {DVT}")
    def rf_breathing_swallowing_rule(self):
        """Breathing or swallowing trouble: possible GBS or pulmonary embolism."""

    @Rule(Answer(rf_new_confusion_eyes=True), salience=FIRST)
    @red_flag("rf_new_confusion_eyes", EMERGENCY, QUESTION,
              text="New confusion, drowsiness or eye-movement problems can be Wernicke's encephalopathy "
                   "(very low thiamine) or a stroke, which need hospital treatment. " + CALL + " Tell them about any heavy "
                   "drinking, vomiting, not eating or stomach surgery: very low thiamine is treated with "
                   "injections straight away.",
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
              text="A leg or foot that suddenly became cold and pale, blue or mottled may have lost its blood "
                   "supply. " + CALL,
              reason="a leg or foot that suddenly became cold and pale, blue or mottled", source=LIMB)
    def rf_cold_pale_leg_rule(self):
        """Cold pale leg: possible acute limb ischaemia."""

    # --- urgent questions ------------------------------------------------
    @Rule(Answer(rf_calf_swelling=True), salience=FIRST)
    @red_flag("rf_calf_swelling", URGENT, QUESTION,
              text="One swollen leg that is also painful, warm or red can be a blood clot (DVT): get an urgent "
                   "appointment today (in the UK, call 111). If you become breathless or have chest pain, "
                   "call {number}.",
              reason="one swollen leg that is also painful, warm or red", source=DVT)
    def rf_calf_swelling_rule(self):
        """One swollen leg: possible DVT."""

    @Rule(Answer(rf_injury=True), salience=FIRST)
    @red_flag("rf_injury", URGENT, QUESTION,
              text="Symptoms that began after a fall, accident or back injury need a doctor today (in the "
                   "UK, call 111 or go to urgent care).",
              reason="symptoms that began within days of a fall or injury", source=BACK)
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

    @Rule(Answer(rf_back_pain_night_weight=True), salience=FIRST)
    @red_flag("rf_back_pain_night_weight", URGENT, QUESTION,
              text="Back pain that is worse at night or at rest, or comes with weight loss you cannot explain, "
                   "can have a serious cause such as an infection or a growth near the spine: see a doctor today "
                   "(in the UK, call 111 or ask for an urgent GP appointment). If leg weakness or numbness "
                   "appears or gets worse, or you have bladder or bowel trouble, call {number}.",
              reason="back pain worse at night or at rest, or with weight loss you cannot explain",
              source=BACK_URGENT)
    def rf_back_pain_night_weight_rule(self):
        """Night pain or weight loss with back pain: possible infection or cancer in the spine."""

    @Rule(Answer(rf_black_stools=True), salience=FIRST)
    @red_flag("rf_black_stools", URGENT, QUESTION,
              text="Black, tarry stools, or blood in the stool or vomit, can mean bleeding inside the gut: see a "
                   "doctor today (in the UK, call 111 or ask for an urgent GP appointment). If there is a lot of "
                   "blood, or you feel faint, dizzy or breathless, call {number}.",
              reason="black, tarry stools or blood in the stool or vomit", source=GUT_BLEED)
    def rf_black_stools_rule(self):
        """Black stools or blood: possible bleeding in the gut."""

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
                   "spinal cord. " + CALL_OR_GO,
              reason="fever and back pain with leg weakness or numbness", source=BACK)
    def combo_fever_back_neuro(self):
        """Fever, back pain and neuro signs: possible epidural abscess."""

    @Rule(Answer(known_cancer=True), Answer(back_pain=True),
          OR(Answer(leg_weakness=True), Answer(numbness=True), Answer(difficulty_walking=True)),
          salience=FIRST)
    @red_flag("combo_cancer_back_neuro", EMERGENCY, COMBINATION,
              text="With cancer now or in the past, back pain with leg weakness, numbness or walking "
                   "problems can mean the spinal cord is being squeezed. " + CALL
                   + " Then tell your cancer team (or its urgent line) what has happened.",
              reason="cancer history with back pain and leg weakness, numbness or walking problems",
              source=MSCC)
    def combo_cancer_back_neuro(self):
        """Cancer, back pain and neuro signs: possible spinal cord compression."""

    @Rule(Answer(rf_black_stools=True), Answer(pale_or_breathless=True), salience=FIRST)
    @red_flag("combo_bleeding_pale_breathless", EMERGENCY, COMBINATION,
              text="Black, tarry stools or blood in the stool or vomit, while you look pale or get breathless, can "
                   "mean you are losing a lot of blood inside the gut. " + CALL_OR_GO,
              reason="black stools or blood in the stool or vomit, with looking pale or getting breathless",
              source="NICE CKS: gastrointestinal bleeding (arrange emergency admission for melaena or vomiting "
                     "blood with signs of a large blood loss); NICE CG141 (acute upper gastrointestinal "
                     "bleeding: assess for shock); " + GUT_BLEED + "; docs/knowledge.md 13a (when in doubt, "
                     "escalate)")
    def combo_bleeding_pale_breathless(self):
        """Gut bleeding with pallor or breathlessness: a large blood loss, an emergency (the black-stools
        question alone is same-day; its own text says to call the emergency number if faint or breathless,
        which this person has already said)."""

    @Rule(Answer(palpitations=True), Sign(name="electrolyte_risk"), Sign(name="cramp_or_weakness"),
          salience=FIRST)
    @red_flag("combo_palpitations_electrolytes", URGENT, COMBINATION,
              text="Palpitations with cramps or weakness, while on water tablets, a long-term acid reducer or a "
                   "medicine that raises potassium, or with kidney disease or after days of vomiting or "
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

    # --- combinations added in the contract's 2nd edition ---------------------
    @Rule(Sign(name="motor_symptom"), Answer(duration="days"), salience=FIRST)
    @red_flag("combo_new_motor_symptom", URGENT, COMBINATION,
              text="Weakness, walking or balance problems that began in the last two weeks need a doctor today: "
                   "they can be the start of a nerve condition such as Guillain-Barre syndrome, which is treated "
                   "in hospital. If they spread up your body or affect breathing or swallowing, call {number}.",
              reason="leg weakness, walking or balance problems that began in the last two weeks",
              source=f"{GBS} (see a GP with early symptoms); {NEW_MOTOR}")
    def combo_new_motor_symptom(self):
        """A new motor symptom (days): possible early Guillain-Barre syndrome."""

    @Rule(Sign(name="wernicke_risk"), OR(Answer(difficulty_walking=True), Answer(poor_coordination=True)),
          # new (days or weeks) or worsening; or, since an unknown duration is not taken as old, a duration not
          # known and worsening not known to be "no"
          OR(Answer(duration=one_of("days", "weeks")), Answer(worsening=True),
             AND(NOT(Answer(duration=one_of(*DURATIONS))), NOT(Answer(worsening=False)))),
          salience=FIRST)
    @red_flag("combo_wernicke_risk_unsteady", URGENT, COMBINATION,
              text="Unsteady walking or clumsy movements that are new or getting worse, together with heavy "
                   "drinking, stomach surgery, an eating disorder or days of vomiting, can be an early sign of "
                   "very low thiamine (Wernicke's encephalopathy). It needs thiamine by injection, not tablets: "
                   "see a doctor today and say this. If you become confused or very drowsy, or see "
                   "double, call {number}.",
              reason="new or worsening unsteadiness with heavy drinking, stomach surgery, an eating disorder or "
                     "days of vomiting or diarrhoea",
              source=WERNICKE_EARLY)
    def combo_wernicke_risk_unsteady(self):
        """Wernicke risk with new or worsening unsteadiness: thiamine soon.  An unknown duration is not taken
        as old (as it is not taken as brief, spec section 4): unless the unsteadiness is known to be months old
        or not getting worse, it may be new (2026.12, screener's reading; when in doubt, escalate)."""

    @Rule(Answer(recent_vomiting_diarrhea=True), OR(Answer(leg_weakness=True), Answer(twitches_spasms=True)),
          salience=FIRST)
    @red_flag("combo_vomiting_weakness", URGENT, COMBINATION,
              text="Days of vomiting or diarrhoea with weak legs or muscle spasms can mean potassium or "
                   "magnesium has fallen too low: get a blood test today. If you faint, have a fit, or your heart "
                   "races with chest pain, call {number}.",
              reason="vomiting or diarrhoea with leg weakness or muscle spasms", source=LOW_SALTS)
    def combo_vomiting_weakness(self):
        """Vomiting or diarrhoea with weakness or spasms: low potassium or magnesium."""

    @Rule(Answer(nitrous_oxide=True), Sign(name="neuro_symptom"), salience=FIRST)
    @red_flag("combo_nitrous_oxide_neuro", URGENT, COMBINATION,
              text="Numbness, tingling, weakness or unsteadiness in someone who uses nitrous oxide can be damage "
                   "to the nerves or spinal cord from blocked vitamin B12. Doctors start treatment without waiting "
                   "for test results, and the sooner the better: see a doctor today and say you use it.",
              reason="nerve symptoms with nitrous oxide use", source=NITROUS)
    def combo_nitrous_oxide_neuro(self):
        """Nitrous oxide with nerve symptoms: treat before results."""

    @Rule(OR(Answer(kidney_disease=True), Answer(potassium_raising_meds=True)), Answer(leg_weakness=True),
          OR(Answer(duration="days"), Answer(worsening=True)), salience=FIRST)
    @red_flag("combo_kidney_new_weakness", URGENT, COMBINATION,
              text="With kidney disease or a medicine that raises potassium, leg weakness that is new or getting "
                   "worse can mean potassium is too high (or too low): get a blood test today. If you faint, have a "
                   "fit, or have chest pain or breathlessness with a racing heartbeat, call {number}.",
              reason="new or worsening leg weakness with kidney disease or a medicine that raises potassium",
              source=HIGH_POTASSIUM)
    def combo_kidney_new_weakness(self):
        """Kidney disease or potassium-raising medicines with new weakness: potassium may be too high."""

    @Rule(OR(Answer(diuretic=True), Answer(liquorice=True), Answer(laxatives=True)), Answer(leg_weakness=True),
          NOT_OLD_AND_STABLE, salience=FIRST)
    @red_flag("combo_potassium_loss_weakness", URGENT, COMBINATION,
              text="Water tablets, liquorice or laxatives make the body lose potassium, and leg weakness can mean "
                   "it has fallen too low: get a blood test today. If you faint, have chest pain or breathlessness "
                   "with a racing heartbeat, or the weakness spreads quickly, call {number}.",
              reason="leg weakness with water tablets, liquorice or laxatives, unless known to have lasted weeks "
                     "or months without getting worse",
              source=LOW_SALTS + "; StatPearls: hypokalemia (weakness is its main sign; severe cases paralyse "
                     "and upset the heart rhythm); docs/knowledge.md 13b (when in doubt, escalate)")
    def combo_potassium_loss_weakness(self):
        """Potassium-losing medicine or liquorice with weakness not known to be old and stable: potassium today."""

    @Rule(Answer(stomach_surgery=True), Answer(recent_vomiting_diarrhea=True), Sign(name="any_symptom"),
          salience=FIRST)
    @red_flag("combo_vomiting_after_stomach_surgery", URGENT, COMBINATION,
              text="Days of vomiting or diarrhoea after weight-loss or other stomach surgery can use up the body's "
                   "small store of thiamine (vitamin B1) within weeks, and vomiting can also mean a narrowing that "
                   "the surgical team needs to see: contact your doctor or surgical team today and ask about "
                   "thiamine. If you become confused or very drowsy, or see double, call {number}.",
              reason="days of vomiting or diarrhoea after weight-loss or stomach surgery, with any symptom",
              source="ASMBS integrated health nutritional guidelines (Parrott et al., Surg Obes Relat Dis 2017: "
                     "persistent vomiting after bariatric surgery puts thiamine at risk; treat promptly); "
                     "Bariatric Times 2013 (thiamine deficiency in the bariatric patient: it can develop within "
                     "weeks); docs/knowledge.md 13b (when in doubt, escalate)")
    def combo_vomiting_after_stomach_surgery(self):
        """Vomiting after stomach surgery with any symptom (tiredness is enough), before any sign of the nerves
        or brain: thiamine, and the cause, today.  (Without a symptom the tool asks no risk factor at all.)"""

    @Rule(Answer(recent_vomiting_diarrhea=True),
          OR(Answer(diuretic=True), Answer(potassium_raising_meds=True), Answer(kidney_disease=True)),
          Sign(name="any_symptom"), salience=FIRST)
    @red_flag("combo_vomiting_sick_day_medicines", URGENT, COMBINATION,
              text="Days of vomiting or diarrhoea while taking water tablets or medicines that raise potassium "
                   "(such as ramipril, losartan or spironolactone), or with kidney disease, can upset the body's "
                   "salts and harm the kidneys: speak to your doctor today for a blood test, and ask which "
                   "medicines to pause until you are eating and drinking normally again. If you faint, have a fit, "
                   "or have chest pain or breathlessness with a racing heartbeat, call {number}.",
              reason="days of vomiting or diarrhoea with water tablets, potassium-raising medicines or kidney "
                     "disease, with any symptom",
              source="NHS medicine sick day guidance (Think Kidneys; NHS trust and GP leaflets: speak to a GP, "
                     "who may check the kidneys with a blood test, after more than 48 hours of vomiting or "
                     "diarrhoea on these medicines); NICE NG148 (acute kidney injury: dehydration with these "
                     "medicines and chronic kidney disease are risk factors); docs/knowledge.md 13b")
    def combo_vomiting_sick_day_medicines(self):
        """Vomiting or diarrhoea for days on water tablets or potassium-raising medicines, or with kidney
        disease, and any symptom: salts and kidneys, same day (sick day rules)."""

    @Rule(Answer(palpitations=True), Answer(leg_weakness=True), NOT_OLD_AND_STABLE, salience=FIRST)
    @red_flag("combo_palpitations_weakness", URGENT, COMBINATION,
              text="A pounding, racing or irregular heartbeat together with weak legs can mean the blood's potassium "
                   "is too low or too high, which upsets the heart as well as the muscles: see a doctor today for a "
                   "blood test and a heart tracing (in the UK, call 111 if your surgery is closed). If you have "
                   "chest pain, faint, are breathless at rest, or your legs get much weaker, call {number}.",
              reason="palpitations with leg weakness not known to be old and stable",
              source="Mayo Clinic: hypokalemia (an irregular heart rhythm needs care at once); StatPearls: "
                     "hypokalemia and hyperkalemia (both weaken the muscles and upset the heart rhythm); "
                     "docs/knowledge.md 13b (when in doubt, escalate)")
    def combo_palpitations_weakness(self):
        """Palpitations with weak legs, whatever the cause: a same-day potassium test and ECG."""

    @Rule(Answer(statin=True), OR(Answer(muscle_aches=True), Answer(leg_weakness=True)), salience=FIRST)
    @red_flag("combo_statin_muscle", URGENT, COMBINATION,
              text="On a statin, muscle pain or weakness you cannot explain can be a sign that the medicine is "
                   "damaging the muscles, which can harm the kidneys: contact your doctor today (in the UK, call "
                   "111 if they are closed) and ask whether to stop it. If your urine turns dark brown or you "
                   "feel very unwell, call {number}.",
              reason="muscle aches or weakness on a statin: the NHS says to call a doctor straight away, "
                     "however long they have lasted",
              source="NHS: statins (call a doctor or 111 straight away with unexplained muscle pain, tenderness "
                     "or weakness: a sign of muscle breakdown and kidney damage); MHRA: statins and "
                     "myopathy; docs/knowledge.md 13b")
    def combo_statin_muscle(self):
        """A statin with new muscle pain or weakness: possible muscle breakdown, same day."""

    @Rule(Answer(known_cancer=True), OR(Answer(leg_weakness=True), Answer(difficulty_walking=True)),
          NOT_OLD_AND_STABLE, salience=FIRST)
    @red_flag("combo_cancer_new_weakness", URGENT, COMBINATION,
              text="With cancer now or in the past, leg weakness or walking trouble that is new or getting worse "
                   "needs a doctor or your cancer team today, even without back pain: cancer can press on the "
                   "spinal cord. If your legs get much weaker, numbness spreads up your legs, or you have bladder or "
                   "bowel trouble, "
                   "call {number}.",
              reason="new or worsening leg weakness or walking trouble with cancer now or in the past",
              source=MSCC + " (limb weakness or difficulty walking in a person with cancer: contact the MSCC "
                     "team the same day, with or without pain); docs/knowledge.md 13b")
    def combo_cancer_new_weakness(self):
        """Cancer with new or worsening weakness: possible cord compression, same day."""

    @Rule(Answer(known_cancer=True), Answer(back_pain=True), salience=FIRST)
    @red_flag("combo_cancer_back_pain", URGENT, COMBINATION,
              text="With cancer now or in the past, back pain needs checking by a doctor or your cancer team "
                   "today, because cancer can spread to the spine. If your legs become weak or numb, walking "
                   "gets hard, or you have bladder or bowel trouble, call {number}.",
              reason="back pain with cancer now or in the past",
              source=MSCC + " (pain suggesting spinal metastases: contact the MSCC team within 24 hours)")
    def combo_cancer_back_pain(self):
        """Cancer and back pain: possible spread to the spine."""

    @Rule(Answer(age=below(16)), Sign(name="motor_symptom"),
          NOT_OLD_AND_STABLE, salience=FIRST)
    @red_flag("combo_child_motor_symptom", URGENT, COMBINATION,
              text="In a child or teenager, leg weakness, walking or balance problems need a doctor today, unless "
                   "they are known to have been there for weeks without getting worse. If they spread quickly "
                   "or affect breathing or swallowing, call {number}.",
              reason="a child or teenager with leg weakness, walking or balance problems not known to be "
                     "long-standing and stable",
              source=f"screener spec (facts.md section 2, 2nd ed.); {GBS}")
    def combo_child_motor_symptom(self):
        """Under 16 with a motor symptom that may be new or changing."""

    @Rule(Answer(age=below(16)), Answer(twitches_spasms=True), OR(Answer(tingling=True), Answer(numbness=True)),
          NOT_OLD_AND_STABLE, salience=FIRST)
    @red_flag("combo_child_spasms_tingling", URGENT, COMBINATION,
              text="In a child or teenager, muscle spasms with pins and needles or numbness can be a sign of low "
                   "calcium, often from very low vitamin D, which can lead to fits: see a doctor today for a blood "
                   "test. If the child has a fit, or becomes floppy or hard to wake, call {number}.",
              reason="a child or teenager with muscle spasms and pins and needles or numbness (the pattern of low "
                     "calcium, tetany), not known to be long-standing and stable",
              source="Ladhani et al., Arch Dis Child 2004 (vitamin D deficiency showing as low calcium with "
                     "symptoms, including fits, in babies and teenagers); Basatemur and Sutcliffe 2015 (British "
                     "Paediatric Surveillance Unit: fits from low calcium in children with low vitamin D); NHS "
                     "Lothian RefHelp: vitamin D deficiency in children; docs/knowledge.md 13b (when in doubt, "
                     "escalate)")
    def combo_child_spasms_tingling(self):
        """Under 16 with spasms and tingling (tetany) that may be new or changing: calcium today."""

    @Rule(Answer(back_pain=True), Answer(weight_loss=True), salience=FIRST)
    @red_flag("combo_back_pain_weight_loss", URGENT, COMBINATION,
              text="Back pain together with weight loss you cannot explain can have a serious cause near the "
                   "spine: see a doctor today (in the UK, call 111 or ask for an urgent GP appointment). If leg "
                   "weakness or numbness appears or gets worse, or you have bladder or bowel trouble, call "
                   "{number}.",
              reason="back pain with weight loss you cannot explain",
              source=BACK_URGENT)
    def combo_back_pain_weight_loss(self):
        """Back pain and unexplained weight loss, asked apart: the same warning sign."""

    @Rule(Answer(methotrexate=True), Answer(sore_tongue=True), salience=FIRST)
    @red_flag("combo_methotrexate_mouth_sores", URGENT, COMBINATION,
              text="On methotrexate, new mouth ulcers or a sore mouth can be an early sign that the medicine is "
                   "affecting your blood counts: contact your doctor or specialist team today (in the UK, call "
                   "111 if they are closed), and do not take the next dose until you have spoken to them. If you "
                   "have a fever, bleeding or bruising you cannot explain, or feel very unwell, call {number}.",
              reason="mouth ulcers or a sore mouth while taking methotrexate",
              source="Versus Arthritis: methotrexate (tell your doctor straight away about a sore throat, fever, "
                     "mouth ulcers, unexplained bruising or bleeding); NHS: methotrexate; MHRA once-weekly "
                     "methotrexate patient alert card; docs/knowledge.md 13b")
    def combo_methotrexate_mouth_sores(self):
        """Methotrexate with mouth ulcers: possible marrow toxicity, same day."""

    @Rule(Answer(eating_disorder=True), Answer(recent_vomiting_diarrhea=True), Sign(name="any_symptom"),
          salience=FIRST)
    @red_flag("combo_eating_disorder_vomiting", URGENT, COMBINATION,
              text="With an eating disorder, days of vomiting or diarrhoea can make potassium and other salts "
                   "fall to dangerous levels and use up thiamine quickly: get a blood test today, and tell the "
                   "doctor about the eating disorder. If you faint, have a fit, have chest pain or breathlessness "
                   "with a racing heartbeat, or become confused, call {number}.",
              reason="an eating disorder with days of vomiting or diarrhoea, and symptoms",
              source="Royal College of Psychiatrists, MEED 2022 (Medical emergencies in eating disorders: "
                     "purging and electrolyte disturbance); docs/knowledge.md 13b (eating disorder: "
                     "potassium, thiamine, refeeding risk)")
    def combo_eating_disorder_vomiting(self):
        """Eating disorder with vomiting or diarrhoea and a symptom: salts and thiamine, same day."""
