"""Vitamin E (alpha-tocopherol): an antioxidant that protects nerves.

knowledge/nutrients.md section 5; article: "Other Crucial B Vitamins" and the
comparison table.  A shortage from diet alone is almost unheard of in healthy
adults; it comes from fat malabsorption.  So vitamin E gets low prior weight:
without a malabsorption-type risk it stays capped at "low".
"""

from screener.kb import CARDINAL
from screener.kb import OR
from screener.kb import RISK
from screener.kb import SUPPORTING
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Suspect
from screener.kb import evidence
from screener.rules.weights import CARDINAL_CF
from screener.rules.weights import STRONG
from screener.rules.weights import SUPPORTING_CF
from screener.rules.weights import WEAK

NUTRIENT = "vitamin_e"
ODS = "NIH ODS, Vitamin E fact sheet"
ACCESS = "AccessMedicine: vitamin E deficiency"
SPECIFICITY = "knowledge/nutrients.md 11b (symptom specificity)"

PROFILE = {
    "tests": [
        "Serum or plasma alpha-tocopherol (read against blood fat levels)",
    ],
    "food_sources": [
        "Vegetable oils such as sunflower and wheat germ oil",
        "Nuts such as almonds, hazelnuts and peanuts",
        "Sunflower seeds",
        "Spinach and broccoli",
    ],
    "cautions": [
        "Vitamin E supplements can raise the risk of bleeding, especially with blood thinners such as "
        "warfarin or with aspirin: ask a doctor or pharmacist before taking them.",
    ],
}


class VitaminERules:
    # --- symptoms --------------------------------------------------------
    @Rule(Answer(poor_coordination=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="clumsy, poorly coordinated movement (ataxia) is the typical sign of low vitamin E",
              source=f"{ACCESS}; article: comparison table; {SPECIFICITY}")
    def e_poor_coordination(self):
        """Poor coordination points to vitamin E."""

    @Rule(OR(Answer(numbness=True), Answer(tingling=True)))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low vitamin E can damage the nerves of the legs",
              source=f"{ACCESS}; {SPECIFICITY}")
    def e_numbness_tingling(self):
        """Numbness or tingling supports vitamin E."""

    @Rule(Answer(difficulty_walking=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="unsteady walking can come from low vitamin E",
              source=f"{ACCESS}; {SPECIFICITY}")
    def e_difficulty_walking(self):
        """Difficulty walking supports vitamin E."""

    @Rule(Answer(leg_weakness=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low vitamin E can weaken muscles",
              source=f"article: Other Crucial B Vitamins; {SPECIFICITY}")
    def e_leg_weakness(self):
        """Leg weakness is shared by all eight nutrients."""

    # --- risk factors ----------------------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), Answer(malabsorption=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="coeliac disease, Crohn's or chronic pancreatitis can stop fat-soluble vitamin E being absorbed",
              source=f"{ACCESS}; {ODS}")
    def e_malabsorption(self):
        """Fat malabsorption is the main cause."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(stomach_surgery=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="weight-loss surgery that bypasses the gut reduces how much vitamin E is absorbed",
              source=ACCESS)
    def e_stomach_surgery(self):
        """Malabsorptive bariatric surgery is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(alcohol="heavy"))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="heavy drinking and liver disease can lower vitamin E",
              source="knowledge/nutrients.md 5 (weak)")
    def e_heavy_alcohol(self):
        """Heavy alcohol / liver disease is a weak risk."""
