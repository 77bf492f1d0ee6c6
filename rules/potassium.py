"""Potassium: electrolyte balance for nerves and muscles.

docs/knowledge.md section 8; article: "Magnesium and Potassium".
Low potassium is rare from diet alone; water tablets and vomiting or
diarrhoea are the usual causes.  With kidney disease or medicines that raise
potassium, the danger is potassium that is too HIGH: never push potassium
there (capped at moderate, no food push, ask the kidney team or doctor).
"""

from screener.kb import CARDINAL
from screener.kb import MINOR
from screener.kb import NOT
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
from screener.rules.common import MYOPATHY
from screener.rules.common import NOTHING_SENSORY
from screener.rules.weights import CARDINAL_CF
from screener.rules.weights import MINOR_CF
from screener.rules.weights import MODERATE
from screener.rules.weights import STRONG
from screener.rules.weights import SUPPORTING_CF
from screener.rules.weights import WEAK

NUTRIENT = "potassium"
ODS = "NIH ODS, Potassium fact sheet"
HYPOK = "Hypokalaemia clinical summaries (Medscape, RxList)"
CCJM = "Cleveland Clinic J Med 2019 (ACE inhibitors, ARBs and potassium)"
SPECIFICITY = "docs/knowledge.md 11b (symptom specificity)"
STATPEARLS = "StatPearls: hypokalemia (muscle weakness, fatigue, cramps, palpitations)"

PROFILE = {
    "tests": [
        "A potassium blood test, with kidney function (U&E)",
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
              reason="low potassium can cause cramps, but most cramps have other causes",
              source=f"{HYPOK}; article: Magnesium and Potassium; {SPECIFICITY}")
    def k_muscle_cramps(self):
        """Cramps point to potassium."""

    @Rule(Answer(palpitations=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low potassium can upset the heart rhythm and cause palpitations",
              source=f"{HYPOK}; {SPECIFICITY}")
    def k_palpitations(self):
        """Palpitations point to potassium."""

    @Rule(Answer(twitches_spasms=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low potassium can cause muscle twitching",
              source=f"{HYPOK}; {SPECIFICITY}")
    def k_twitches_spasms(self):
        """Twitches support potassium."""

    @Rule(OR(Answer(numbness=True), Answer(tingling=True)))
    @evidence(NUTRIENT, MINOR_CF, MINOR,
              reason="tingling can come with low potassium, but its usual leg signs are weakness and cramps",
              source=f"{HYPOK}; article: comparison table; {SPECIFICITY}")
    def k_numbness_tingling(self):
        """Numbness or tingling supports potassium."""

    @Rule(Answer(leg_weakness=True), NOT(Answer(both_sides=False)),
          *NOTHING_SENSORY)
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low potassium commonly weakens the muscles, often the legs first, and weak legs on both "
                     "sides without numbness or tingling fit that pattern of a muscle problem",
              source=f"{HYPOK}; {STATPEARLS}; {MYOPATHY}; {SPECIFICITY}")
    def k_muscle_weakness(self):
        """Weak legs in the pattern of a muscle problem (a myopathy) point to potassium."""

    @Rule(Answer(fatigue=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low potassium can make you tired, but tiredness has many other causes",
              source=f"{STATPEARLS}; {SPECIFICITY}")
    def k_fatigue(self):
        """Tiredness supports potassium."""

    @Rule(Answer(leg_weakness=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low potassium can weaken the muscles, often the legs first",
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
              reason="eating very little can lower potassium",
              source=HYPOK)
    def k_restrictive_eating(self):
        """Poor intake is a weak risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(malabsorption=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="bowel conditions with diarrhoea can lose potassium",
              source=HYPOK)
    def k_malabsorption(self):
        """IBD with diarrhoea is a weak risk here (moderate with diarrhoea, asked separately)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(laxatives=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="regular laxatives make the bowel lose potassium",
              source=f"{ODS}; {HYPOK} (laxative misuse); Miller et al., Arch Intern Med 2005 (low potassium common with laxative "
                     "misuse)")
    def k_laxatives(self):
        """Regular laxatives are a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(liquorice=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="real liquorice eaten most days makes the kidneys lose potassium (and raises blood pressure)",
              source="Ceccuzzi et al., Nutrients 2023 (liquorice toxicity: 104 case reports, mostly low "
                     "potassium); Clin Med 2017;17:43 (liquorice tea and low potassium)")
    def k_liquorice(self):
        """Liquorice (glycyrrhizin) is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(steroids=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="some steroid tablets make the kidneys lose a little potassium, mostly at high doses",
              source="Mayo Clinic: corticosteroids and low potassium (high doses of some steroids; usually mild)")
    def k_steroids(self):
        """Long-term steroids are a weak risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(eating_disorder=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="an eating disorder, especially with vomiting or laxatives, can lower potassium",
              source="J Eat Disord 2021 (low potassium in anorexia, linked to bingeing and purging); "
                     f"{HYPOK}. Graded moderate, not the strong first proposed: the question does not say "
                     "whether there is vomiting or laxative use")
    def k_eating_disorder(self):
        """An eating disorder is a moderate risk (strong with purging, which is not asked)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(heavy_exercise=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="heavy sweating loses a little potassium",
              source="docs/knowledge.md 11 (heavy exercise; our judgement)")
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
                       "your diet. Weakness or palpitations can even mean potassium is too high.",
             source=f"{CCJM}; {ODS}", withhold_foods=True)
    def k_caution_kidney_or_meds(self):
        """Kidney disease or potassium-raising medicines: no potassium push."""

    @Rule(Answer(potassium_raising_meds=True), OR(Answer(palpitations=True), Answer(leg_weakness=True)))
    @advice("You take a medicine that can raise potassium: weakness or palpitations may mean potassium "
            "is too high rather than too low, so ask your doctor for a potassium blood test rather than "
            "eating more potassium. If you faint, or have chest pain or breathlessness with a racing "
            "heartbeat, call {number}.",
            source=CCJM)
    def k_advice_high_potassium(self):
        """On potassium-raising medicines, symptoms may mean HIGH potassium."""

    @Rule(Suspect(nutrient=NUTRIENT), NOT(Answer(kidney_disease=True)), NOT(Answer(potassium_raising_meds=True)),
          OR(NOT(Answer(kidney_disease=False)), NOT(Answer(potassium_raising_meds=False))))
    @caution(NUTRIENT, "Before eating more potassium-rich foods, ask your doctor: with weak kidneys or some "
                       "blood-pressure medicines (such as ramipril or spironolactone), potassium can build up.",
             source=f"screener spec (facts.md section 4, 2nd ed.); {CCJM}; {ODS}", withhold_foods=True)
    def k_caution_kidney_unknown(self):
        """Kidney function or potassium-raising medicines unknown: no potassium food push."""
