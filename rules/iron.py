"""Iron: carries oxygen to the muscles.

knowledge/nutrients.md section 6; article: "Iron: Fueling Oxygen Delivery".
Low iron means tired, weak legs, restless legs and, when severe, cramps.
In men, after the menopause and over 60, low iron needs its cause found.
"""

from screener.kb import CARDINAL
from screener.kb import OR
from screener.kb import RISK
from screener.kb import SUPPORTING
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Suspect
from screener.kb import at_least
from screener.kb import caution
from screener.kb import evidence
from screener.kb import one_of
from screener.rules.weights import CARDINAL_CF
from screener.rules.weights import MODERATE
from screener.rules.weights import STRONG
from screener.rules.weights import SUPPORTING_CF
from screener.rules.weights import WEAK

NUTRIENT = "iron"
NHS = "NHS: iron deficiency anaemia (Cambridge University Hospitals)"
IOM = "IOM 2001 (dietary reference intakes: iron)"
CDC = "CDC: iron deficiency risk groups"
SPECIFICITY = "knowledge/nutrients.md 11b (symptom specificity)"

PROFILE = {
    "tests": [
        "Full blood count (haemoglobin and red cell size)",
        "Serum ferritin",
        "Transferrin saturation or serum iron, if needed",
    ],
    "food_sources": [
        "Beef and other red meat, and liver",
        "Lentils, chickpeas and beans",
        "Spinach and other dark leafy greens",
        "Fortified breakfast cereals",
        "Vitamin C-rich fruit and vegetables (citrus, berries) with meals, to help absorb plant iron",
    ],
    "cautions": [
        "Do not self-treat with iron: the cause of low iron (such as hidden bleeding) needs to be found "
        "first. Iron tablets are dangerous to children in overdose, so keep them out of reach, and people "
        "with haemochromatosis (iron overload) must not take them.",
    ],
}


class IronRules:
    # --- symptoms --------------------------------------------------------
    @Rule(Answer(restless_legs=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="restless legs, worse at night, are linked to low iron",
              source=f"{NHS}; article: Iron; {SPECIFICITY}")
    def iron_restless_legs(self):
        """Restless legs point to iron."""

    @Rule(Answer(pale_or_breathless=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="looking pale or getting out of breath easily are typical of iron-deficiency anaemia",
              source=f"{NHS}; {SPECIFICITY}")
    def iron_pale_breathless(self):
        """Pallor and breathlessness point to iron."""

    @Rule(Answer(sore_tongue=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="a sore or smooth tongue can come with low iron",
              source=f"{NHS}; {SPECIFICITY}")
    def iron_sore_tongue(self):
        """A sore tongue supports iron."""

    @Rule(Answer(palpitations=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="noticeable heartbeats (palpitations) can come with anaemia",
              source=f"{NHS}; {SPECIFICITY}")
    def iron_palpitations(self):
        """Palpitations support iron."""

    @Rule(Answer(muscle_cramps=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="painful lower-leg cramps can come with severe low iron",
              source=f"article: Iron; {SPECIFICITY}")
    def iron_muscle_cramps(self):
        """Cramps support iron."""

    @Rule(Answer(leg_weakness=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="tired, weak legs come from muscles getting too little oxygen",
              source=f"article: Iron; {SPECIFICITY}")
    def iron_leg_weakness(self):
        """Leg weakness is shared by all eight nutrients."""

    @Rule(Answer(fatigue=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="tiredness and lack of energy are the commonest sign of low iron",
              source=f"{NHS}; {SPECIFICITY}")
    def iron_fatigue(self):
        """Fatigue supports iron."""

    # --- risk factors ----------------------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), Answer(heavy_periods=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="heavy periods lose iron every month",
              source=NHS)
    def iron_heavy_periods(self):
        """Heavy menstrual bleeding is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(pregnant=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="pregnancy raises the need for iron (to 27 mg a day)",
              source=f"{IOM}; {CDC}")
    def iron_pregnancy(self):
        """Pregnancy is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(diet=one_of("vegan", "vegetarian")))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="iron from plants is absorbed less well, so a vegetarian or vegan diet needs almost twice as much",
              source=IOM)
    def iron_plant_based_diet(self):
        """A vegetarian or vegan diet is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(diet=one_of("vegan", "vegetarian")), Answer(fruit_veg=False))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="without much fruit and vegetables there is little vitamin C to help absorb plant iron",
              source="article: Creating a Nutrient-Rich Diet (vitamin C aids iron absorption); " + IOM)
    def iron_plant_diet_low_vitamin_c(self):
        """Plant iron without vitamin C is absorbed poorly."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(blood_donation=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="giving blood several times a year uses up iron stores",
              source="knowledge/nutrients.md 6 (frequent blood donation)")
    def iron_blood_donation(self):
        """Frequent blood donation is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), OR(Answer(malabsorption=True), Answer(stomach_surgery=True)))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="coeliac disease, Crohn's or stomach surgery reduce how much iron is absorbed",
              source=CDC)
    def iron_poor_absorption(self):
        """Malabsorption or stomach surgery is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(acid_reducer=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="long-term acid reducers lower the stomach acid that helps absorb iron",
              source=CDC)
    def iron_acid_reducer(self):
        """Long-term acid suppression is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(restrictive_eating=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="eating little can leave you short of iron",
              source="knowledge/nutrients.md 11 (restrictive eating)")
    def iron_restrictive_eating(self):
        """Poor intake is a weak risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(heavy_exercise=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="hard endurance exercise slightly increases iron losses",
              source="knowledge/nutrients.md 6 (endurance running; weak)")
    def iron_heavy_exercise(self):
        """Endurance exercise is a weak risk."""

    # --- cautions --------------------------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), OR(Answer(sex="male"), Answer(age=at_least(60))))
    @caution(NUTRIENT, "For men, and for anyone over 60 or past the menopause, low iron always needs its "
                       "cause looked for (for example bleeding from the gut): ask the doctor about this, "
                       "rather than just taking iron.",
             source="NICE NG12 (suspected cancer: iron-deficiency anaemia)")
    def iron_caution_find_cause(self):
        """Men and over-60s: find the cause of low iron."""
