"""Magnesium: muscle relaxation and nerve signalling.

docs/knowledge.md section 7; article: "Magnesium and Potassium".
Cramps, twitches and spasms are the typical signs.  The commonest medicine
cause is a long-term acid reducer (FDA 2011); heavy drinking, diarrhoea and
water tablets also drain it.
"""

from screener.kb import CARDINAL
from screener.kb import NOT
from screener.kb import OR
from screener.kb import PROTECTIVE
from screener.kb import RISK
from screener.kb import SUPPORTING
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Suspect
from screener.kb import at_least
from screener.kb import caution
from screener.kb import evidence
from screener.kb import sign
from screener.rules.weights import CARDINAL_CF
from screener.rules.weights import LOWERS_LITTLE
from screener.rules.weights import MODERATE
from screener.rules.weights import STRONG
from screener.rules.weights import SUPPORTING_CF
from screener.rules.weights import WEAK

NUTRIENT = "magnesium"
ODS = "NIH ODS, Magnesium fact sheet"
FDA = "FDA 2011 (PPIs and magnesium)"
FDA_MONITOR = ("FDA drug safety communication, 2 March 2011: low magnesium with long-term PPI use (for patients "
               "expected to take PPIs for long periods, consider checking magnesium before starting and "
               "periodically)")
SPECIFICITY = "docs/knowledge.md 11b (symptom specificity)"
MEDLINEPLUS = "MedlinePlus (A.D.A.M.): hypomagnesemia (muscle spasms or cramps, weakness, numbness)"
MOVEMENT = ("Neurol Clin Pract 2023;13(6):e200202 (PubMed 37795503): movement disorders in hypomagnesemia, "
            "ataxia in most of 60 reported patients; proton pump inhibitors the commonest cause")

PROFILE = {
    "tests": [
        "A magnesium blood test (a normal result does not rule out low stores)",
        "Potassium and calcium, which are often low at the same time",
    ],
    "food_sources": [
        "Spinach and other leafy greens",
        "Nuts such as almonds and cashews",
        "Pumpkin and other seeds",
        "Whole grains such as brown rice and oats",
        "Beans and lentils",
    ],
    "cautions": [
        "Magnesium supplements above the daily upper limit cause diarrhoea, feeling sick and stomach cramps, and magnesium "
        "laxatives and antacids count too: ask a pharmacist before adding more.",
    ],
}


class MagnesiumRules:
    # --- symptoms --------------------------------------------------------
    @Rule(Answer(twitches_spasms=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low magnesium can cause muscle twitches and spasms",
              source=f"{ODS}; article: Magnesium and Potassium; {SPECIFICITY}")
    def mg_twitches_spasms(self):
        """Twitches and spasms point to magnesium."""

    @Rule(Answer(muscle_cramps=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low magnesium can cause cramps, but most cramps have other causes",
              source=f"{ODS}; article: Magnesium and Potassium; {SPECIFICITY}")
    def mg_muscle_cramps(self):
        """Cramps point to magnesium."""

    @Rule(OR(Answer(numbness=True), Answer(tingling=True)))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low magnesium can cause numbness and tingling, but most numbness has other causes",
              source=f"{ODS}; {MEDLINEPLUS}; article: Magnesium and Potassium; {SPECIFICITY}")
    def mg_numbness_tingling(self):
        """Numbness or tingling supports magnesium."""

    @Rule(Answer(difficulty_walking=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low magnesium can upset balance and make walking unsteady, but this has many other causes",
              source=f"{MOVEMENT}; {SPECIFICITY}")
    def mg_difficulty_walking(self):
        """Unsteady walking (ataxia) supports magnesium."""

    @Rule(Answer(restless_legs=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low magnesium is sometimes linked to restless legs",
              source=SPECIFICITY)
    def mg_restless_legs(self):
        """Restless legs support magnesium."""

    @Rule(Answer(muscle_aches=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low magnesium can make muscles ache",
              source=SPECIFICITY)
    def mg_muscle_aches(self):
        """Aches support magnesium."""

    @Rule(Answer(palpitations=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low magnesium can upset the heartbeat",
              source=f"{FDA}; {SPECIFICITY}")
    def mg_palpitations(self):
        """Palpitations support magnesium."""

    @Rule(Answer(fatigue=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="tiredness can be an early sign of low magnesium, but tiredness has many other causes",
              source=f"{ODS} (early signs: loss of appetite, nausea, vomiting, tiredness and weakness); "
                     f"{SPECIFICITY}")
    def mg_fatigue(self):
        """Tiredness supports magnesium."""

    @Rule(Answer(leg_weakness=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low magnesium can weaken muscles, but weak legs have many causes",
              source=f"article: Magnesium and Potassium; {SPECIFICITY}")
    def mg_leg_weakness(self):
        """Leg weakness is shared by all eight nutrients."""

    # --- a test the regulator advises (lifts the caps, like restless legs for iron) -------------------
    @Rule(Answer(acid_reducer=True))
    @sign("magnesium_test_advised",
          reason="the FDA advises doctors to consider checking magnesium now and then in anyone taking a proton "
                 "pump inhibitor long term, so with a symptom that fits, a magnesium test is worth discussing",
          source=f"{FDA_MONITOR}; docs/knowledge.md 10 (rule 8: the exceptions)")
    def sign_magnesium_test_advised(self):
        """Long-term acid reducer: the FDA advises periodic magnesium checks."""

    # --- risk and protective factors ----------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), Answer(acid_reducer=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="taking a proton pump inhibitor (omeprazole, lansoprazole and similar) for over a year can lower "
                     "magnesium (the FDA has warned about this; famotidine and similar acid reducers are not known to)",
              source=f"{FDA}; Srinutta et al. 2019 (meta-analysis)")
    def mg_acid_reducer(self):
        """Long-term PPIs are the commonest medicine cause."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(alcohol="heavy"))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="heavy drinking makes the kidneys lose magnesium",
              source=ODS)
    def mg_heavy_alcohol(self):
        """Chronic heavy alcohol is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(malabsorption=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="coeliac or Crohn's disease and chronic diarrhoea lose magnesium",
              source=ODS)
    def mg_malabsorption(self):
        """Malabsorption is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(recent_vomiting_diarrhea=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="days of vomiting or diarrhoea lose magnesium",
              source=ODS)
    def mg_vomiting_diarrhea(self):
        """Prolonged vomiting or diarrhoea is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(diuretic=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="water tablets (loop and thiazide diuretics) increase magnesium lost in urine",
              source="Liamis et al. 2014; Begley et al. 2016 (BJCP)")
    def mg_diuretic(self):
        """Loop and thiazide diuretics are a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(diabetes=True),
          OR(Answer(twitches_spasms=True), Answer(muscle_cramps=True), Answer(restless_legs=True),
             Answer(muscle_aches=True), Answer(palpitations=True), Answer(leg_weakness=True)))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="diabetes, especially type 2, increases the magnesium lost in urine",
              source=f"{ODS}; screener spec (facts.md section 4: a competing cause never counts for the "
                     "symptoms it explains)")
    def mg_diabetes(self):
        """Diabetes is a moderate risk, but only with a symptom diabetes itself does not explain."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(eating_disorder=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="an eating disorder, with vomiting or laxatives, loses magnesium, and restarting eating "
                     "can lower it further",
              source="eTG: nutritional replenishment for anorexia nervosa (refeeding lowers magnesium); "
                     + ODS)
    def mg_eating_disorder(self):
        """An eating disorder is a moderate risk.  (Regular laxatives are not a magnesium rule: many
        laxatives contain magnesium and raise it, and no source found grades the loss.)"""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(age=at_least(65)))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="older people absorb less magnesium and lose more in urine",
              source=ODS)
    def mg_older_age(self):
        """Older age is a weak risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(leafy_greens=False), Answer(nuts_seeds_wholegrains=False))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="you rarely eat leafy greens, nuts, seeds or whole grains, the main sources of magnesium",
              source=f"{ODS}; article: Creating a Nutrient-Rich Diet")
    def mg_low_intake(self):
        """Low intake is a weak risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(heavy_exercise=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="heavy sweating loses a little magnesium",
              source="docs/knowledge.md 11 (heavy exercise; our judgement)")
    def mg_heavy_exercise(self):
        """Heavy sweating is a weak risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(leafy_greens=True), Answer(nuts_seeds_wholegrains=True))
    @evidence(NUTRIENT, LOWERS_LITTLE, PROTECTIVE,
              reason="you eat leafy greens and nuts, seeds or whole grains most days, good sources of magnesium",
              source="article: Creating a Nutrient-Rich Diet")
    def mg_good_intake(self):
        """A magnesium-rich diet lowers the odds a little."""

    # --- cautions --------------------------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), OR(Answer(kidney_disease=True), Answer(potassium_raising_meds=True)))
    @caution(NUTRIENT, "With kidney disease or medicines that raise potassium, magnesium can build up: do "
                       "not take magnesium supplements or change your diet for it without asking your "
                       "kidney team or doctor.",
             source="NIH ODS, Magnesium fact sheet (safety); screener spec (facts.md section 4)",
             withhold_foods=True)
    def mg_caution_kidney(self):
        """Kidney disease: no magnesium push."""

    @Rule(Suspect(nutrient=NUTRIENT), NOT(Answer(kidney_disease=True)), NOT(Answer(potassium_raising_meds=True)),
          OR(NOT(Answer(kidney_disease=False)), NOT(Answer(potassium_raising_meds=False))))
    @caution(NUTRIENT, "Before adding magnesium-rich foods or supplements, ask your doctor whether your kidneys "
                       "work normally: with weak kidneys magnesium can build up.",
             source="NIH ODS, Magnesium fact sheet (safety); screener spec (facts.md section 4, 2nd ed.)",
             withhold_foods=True)
    def mg_caution_kidney_unknown(self):
        """Kidney function or potassium-raising medicines unknown: no magnesium food push."""
