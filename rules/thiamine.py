"""Thiamine (vitamin B1): turns carbohydrate into energy for nerves and muscles.

docs/knowledge.md section 3; article: "Other Crucial B Vitamins".
"Dry beriberi" is a symmetrical neuropathy of both lower legs: burning feet,
pins and needles, cramps and weakness.  Body stores are small, so heavy
drinking, vomiting or eating very little can run them down within weeks.
"""

from screener.kb import CARDINAL
from screener.kb import NOT
from screener.kb import OR
from screener.kb import RISK
from screener.kb import SUPPORTING
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Suspect
from screener.kb import at_least
from screener.kb import caution
from screener.kb import evidence
from screener.rules.weights import CARDINAL_CF
from screener.rules.weights import MODERATE
from screener.rules.weights import STRONG
from screener.rules.weights import SUPPORTING_CF
from screener.rules.weights import WEAK

NUTRIENT = "thiamine"
MEDSCAPE = "Medscape: beriberi (clinical presentation)"
IOM = "IOM 1998 (dietary reference intakes: thiamin)"
ALCOHOL = "Thomson et al. / Carlat Report: alcohol use disorder and thiamine"
SPECIFICITY = "docs/knowledge.md 11b (symptom specificity)"
BERIBERI = "MedlinePlus: beriberi (dry beriberi: tingling or loss of feeling in the feet, weak legs, difficulty walking)"

PROFILE = {
    "tests": [
        "Whole-blood thiamine (thiamine diphosphate)",
        "Transketolase test on red cells",
    ],
    "food_sources": [
        "Pork",
        "Whole grains, and fortified bread, cereals, rice and pasta",
        "Beans and lentils",
        "Nuts and seeds",
        "Fish",
    ],
    "cautions": [
        "Thiamine tests are slow and not always conclusive, so doctors often treat on suspicion: tell them "
        "about drinking, vomiting or eating very little.",
    ],
}


class ThiamineRules:
    # --- symptoms --------------------------------------------------------
    @Rule(Answer(burning_feet=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low thiamine can damage the nerves of the feet and make them burn (dry beriberi)",
              source=f"{MEDSCAPE}; {SPECIFICITY}")
    def thiamine_burning_feet(self):
        """Burning feet point to thiamine."""

    @Rule(OR(Answer(numbness=True), Answer(tingling=True)))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low thiamine commonly damages the nerves of both lower legs (dry beriberi), "
                     "causing numbness and pins and needles",
              source=f"{MEDSCAPE}; {BERIBERI}; {SPECIFICITY}")
    def thiamine_numbness_tingling(self):
        """Numbness or tingling (the neuropathy of dry beriberi) points to thiamine."""

    @Rule(Answer(difficulty_walking=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low thiamine commonly makes walking difficult or unsteady: it weakens the calves "
                     "and, when severe, upsets balance",
              source=f"{MEDSCAPE}; {BERIBERI}; {SPECIFICITY}")
    def thiamine_difficulty_walking(self):
        """Difficulty walking (dry beriberi, the ataxia of Wernicke's) points to thiamine."""

    @Rule(Answer(memory_or_mood=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low thiamine can cause poor memory and irritability",
              source=f"{MEDSCAPE}; {SPECIFICITY}")
    def thiamine_memory_mood(self):
        """Memory or mood problems support thiamine."""

    @Rule(Answer(muscle_cramps=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low thiamine can cause leg cramps and sore calves, but most cramps have other causes",
              source=f"article: Other Crucial B Vitamins; {SPECIFICITY}")
    def thiamine_muscle_cramps(self):
        """Cramps support thiamine."""

    @Rule(Answer(leg_weakness=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low thiamine can make the legs weak, but so can most other shortages and many other causes",
              source=f"article: Other Crucial B Vitamins; {SPECIFICITY}")
    def thiamine_leg_weakness(self):
        """Leg weakness is shared by all eight nutrients."""

    @Rule(Answer(fatigue=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low thiamine can make you tired, but tiredness has many other causes",
              source=f"article: Other Crucial B Vitamins; {SPECIFICITY}")
    def thiamine_fatigue(self):
        """Fatigue supports thiamine."""

    # --- risk factors ----------------------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), Answer(alcohol="heavy"))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="heavy drinking reduces how much thiamine is absorbed and stored, and low thiamine is common in heavy drinkers",
              source=ALCOHOL)
    def thiamine_heavy_alcohol(self):
        """Heavy alcohol is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(recent_vomiting_diarrhea=True), NOT(Answer(pregnant=True)))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="days of vomiting or diarrhoea can quickly run down the body's small thiamine store",
              source=MEDSCAPE)
    def thiamine_vomiting(self):
        """Prolonged vomiting (strong); the question also covers diarrhoea, so moderate."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(recent_vomiting_diarrhea=True), Answer(pregnant=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="days of vomiting in pregnancy (hyperemesis) run down thiamine while pregnancy needs more "
                     "of it: doctors give thiamine to women treated for long spells of vomiting",
              source="RCOG Green-top Guideline 69 (2016: thiamine for all women admitted with prolonged "
                     "vomiting in pregnancy); docs/knowledge.md 3 (days of vomiting in pregnancy: "
                     "strong)")
    def thiamine_hyperemesis(self):
        """Vomiting in pregnancy (hyperemesis) is a strong risk; elsewhere days of vomiting are moderate."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(stomach_surgery=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="weight-loss surgery reduces how much thiamine you can eat and absorb",
              source=MEDSCAPE)
    def thiamine_stomach_surgery(self):
        """Bariatric surgery is a risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(stomach_surgery=True), Answer(recent_vomiting_diarrhea=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="vomiting after stomach surgery is a well-known route to a sudden thiamine shortage",
              source=MEDSCAPE)
    def thiamine_surgery_with_vomiting(self):
        """Surgery plus vomiting: strong together."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(restrictive_eating=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="eating very little can run down the body's thiamine within weeks",
              source=f"{MEDSCAPE}; {IOM}")
    def thiamine_restrictive_eating(self):
        """Poor intake is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(eating_disorder=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="an eating disorder (starving, or vomiting) can run down the body's small thiamine store, "
                     "and restarting eating uses up what is left",
              source=f"{MEDSCAPE} (starvation, anorexia); EM Cases/oscepass: refeeding syndrome (rapid "
                     "thiamine depletion); hospital eating-disorder pathways give thiamine on admission")
    def thiamine_eating_disorder(self):
        """An eating disorder is a strong risk (starvation, vomiting, refeeding)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(weight_loss=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="losing weight without trying can mean eating too little to keep up thiamine",
              source=f"{MEDSCAPE} (malnutrition); our judgement: weak, as weight loss has many causes")
    def thiamine_weight_loss(self):
        """Unplanned weight loss is a weak risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(malabsorption=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="gut conditions such as Crohn's can reduce how much thiamine is absorbed",
              source=IOM)
    def thiamine_malabsorption(self):
        """Malabsorption is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(diabetes=True),
          OR(Answer(memory_or_mood=True), Answer(muscle_cramps=True), Answer(leg_weakness=True),
             Answer(fatigue=True)))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="diabetes increases the thiamine lost in urine",
              source=f"{MEDSCAPE}; screener spec (facts.md section 4: a competing cause never counts for the "
                     "symptoms it explains)")
    def thiamine_diabetes(self):
        """Diabetes is a moderate risk, but only with a symptom diabetes itself does not explain
        (numb, tingling or burning feet are diabetic neuropathy's own)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(diuretic=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="long-term water tablets, especially high doses of furosemide, increase the thiamine lost "
                     "in urine",
              source="MedlinePlus: beriberi (high doses of diuretics among the causes); NIH ODS, Thiamin fact "
                     "sheet (furosemide can lower thiamine). Kept weak: the question covers every water tablet, "
                     "and thiazides, the commonest, have little effect")
    def thiamine_diuretic(self):
        """Water tablets are a weak risk (high-dose loop diuretics more; the question cannot tell them apart)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(age=at_least(65)))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="older people, especially those who eat little, can run low on thiamine",
              source="Whitfield et al. 2018 (thiamine deficiency disorders)")
    def thiamine_older_age(self):
        """Older age with poor intake is a weak risk."""

    # --- cautions --------------------------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), Answer(alcohol="heavy"))
    @caution(NUTRIENT, "If new confusion or drowsiness, or double vision, appear, call {number}: very low "
                       "thiamine (Wernicke's encephalopathy) needs hospital treatment. If new unsteadiness "
                       "appears, see a doctor the same day.",
             source="docs/knowledge.md 11b; RCEM: thiamine deficiency (Wernicke's)")
    def thiamine_caution_alcohol(self):
        """Heavy alcohol: no sudden stop; Wernicke signs, if they appear, are an emergency."""
