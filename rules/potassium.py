"""Potassium: electrolyte balance for nerves and muscles.

knowledge/nutrients.md section 8; article: "Magnesium and Potassium".
Low potassium is rare from diet alone; water tablets and vomiting or
diarrhoea are the usual causes.  With kidney disease or medicines that raise
potassium, the danger is potassium that is too HIGH: never push potassium
there (capped at moderate, no food push, ask the kidney team or doctor).
"""

from screener.kb import CARDINAL
from screener.kb import OR
from screener.kb import RISK
from screener.kb import SUPPORTING
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Suspect
from screener.kb import advice
from screener.kb import cap
from screener.kb import caution
from screener.kb import evidence
from screener.rules.weights import CARDINAL_CF
from screener.rules.weights import MODERATE
from screener.rules.weights import STRONG
from screener.rules.weights import SUPPORTING_CF
from screener.rules.weights import WEAK

NUTRIENT = "potassium"
ODS = "NIH ODS, Potassium fact sheet"
HYPOK = "Hypokalaemia clinical summaries (Medscape, RxList)"
CCJM = "Cleveland Clinic J Med 2019 (ACE inhibitors, ARBs and potassium)"
SPECIFICITY = "knowledge/nutrients.md 11b (symptom specificity)"

PROFILE = {
    "tests": [
        "Serum potassium, usually with kidney function (U&E)",
        "Magnesium, often low at the same time",
        "An ECG (heart tracing) when there are palpitations",
    ],
    "food_sources": [
        "Bananas",
        "Oranges and orange juice",
        "Potatoes and sweet potatoes",
        "Spinach and tomatoes",
        "Beans, lentils and dried apricots",
    ],
    "cautions": [
        "Do not take potassium supplements or potassium salt substitutes unless a doctor prescribes them: "
        "too much potassium can upset the heart rhythm.",
    ],
}


class PotassiumRules:
    # --- symptoms --------------------------------------------------------
    @Rule(Answer(muscle_cramps=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="muscle cramps are typical of low potassium",
              source=f"{HYPOK}; article: Magnesium and Potassium; {SPECIFICITY}")
    def k_muscle_cramps(self):
        """Cramps point to potassium."""

    @Rule(Answer(palpitations=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="palpitations or an irregular heartbeat are typical of low potassium",
              source=f"{HYPOK}; {SPECIFICITY}")
    def k_palpitations(self):
        """Palpitations point to potassium."""

    @Rule(Answer(twitches_spasms=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="muscle twitching can come with low potassium",
              source=f"{HYPOK}; {SPECIFICITY}")
    def k_twitches_spasms(self):
        """Twitches support potassium."""

    @Rule(OR(Answer(numbness=True), Answer(tingling=True)))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="numbness and tingling can come with low potassium",
              source=f"{HYPOK}; article: comparison table; {SPECIFICITY}")
    def k_numbness_tingling(self):
        """Numbness or tingling supports potassium."""

    @Rule(Answer(leg_weakness=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="muscle weakness, often in the legs first, can come with low potassium",
              source=f"{HYPOK}; article: Magnesium and Potassium; {SPECIFICITY}")
    def k_leg_weakness(self):
        """Leg weakness is shared by all eight nutrients."""

    # --- risk factors ----------------------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), Answer(diuretic=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="water tablets (loop or thiazide diuretics) make the kidneys lose potassium",
              source=f"{HYPOK}; {ODS}")
    def k_diuretic(self):
        """Loop and thiazide diuretics are a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(recent_vomiting_diarrhea=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="days of vomiting or diarrhoea lose a lot of potassium",
              source=f"{ODS}; {HYPOK}")
    def k_vomiting_diarrhea(self):
        """Prolonged vomiting or diarrhoea is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(alcohol="heavy"))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="heavy drinking can lower potassium",
              source=HYPOK)
    def k_heavy_alcohol(self):
        """Heavy alcohol is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(restrictive_eating=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="eating very little, or an eating disorder, can lower potassium",
              source=HYPOK)
    def k_restrictive_eating(self):
        """Poor intake is a weak risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(malabsorption=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="bowel conditions with diarrhoea can lose potassium",
              source=HYPOK)
    def k_malabsorption(self):
        """IBD with diarrhoea is a weak risk here (moderate with diarrhoea, asked separately)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(heavy_exercise=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="heavy sweating loses a little potassium",
              source="knowledge/nutrients.md 11 (heavy exercise; our judgement)")
    def k_heavy_exercise(self):
        """Heavy sweating is a weak risk."""

    # --- caps, cautions and advice -----------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), OR(Answer(kidney_disease=True), Answer(potassium_raising_meds=True)))
    @cap(NUTRIENT, 0.59,
         reason="with kidney disease or medicines that raise potassium, potassium is never rated high: "
                "it is more likely to be too high than too low",
         source=f"{CCJM}; screener spec (facts.md section 4)")
    def k_cap_kidney_or_meds(self):
        """Kidney disease or potassium-raising medicines: cap potassium at moderate."""

    @Rule(Suspect(nutrient=NUTRIENT), OR(Answer(kidney_disease=True), Answer(potassium_raising_meds=True)))
    @caution(NUTRIENT, "With kidney disease or medicines that raise potassium (ACE inhibitors, ARBs, "
                       "spironolactone, amiloride...), potassium can rise dangerously: no potassium "
                       "supplements or salt substitutes, and ask your kidney team or doctor before changing "
                       "your diet. Weakness or palpitations can even mean potassium is too HIGH.",
             source=f"{CCJM}; {ODS}", withhold_foods=True)
    def k_caution_kidney_or_meds(self):
        """Kidney disease or potassium-raising medicines: no potassium push."""

    @Rule(Answer(potassium_raising_meds=True), OR(Answer(palpitations=True), Answer(leg_weakness=True)))
    @advice("You take a medicine that can raise potassium: weakness or palpitations may mean potassium "
            "is too high rather than too low, so ask your doctor for a potassium blood test rather than "
            "eating more potassium. If palpitations come with cramps or weakness, or you feel faint, get "
            "seen the same day.",
            source=CCJM)
    def k_advice_high_potassium(self):
        """On potassium-raising medicines, symptoms may mean HIGH potassium."""
