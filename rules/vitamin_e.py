"""Vitamin E (alpha-tocopherol): an antioxidant that protects nerves.

docs/knowledge.md section 5; article: "Other Crucial B Vitamins" and the
comparison table.  A shortage from diet alone is almost unheard of in healthy
adults; it comes from fat malabsorption (coeliac, Crohn's, pancreatic
disease, cystic fibrosis, bypass surgery), long-term cholestatic liver disease,
or a rare inherited condition (ataxia with vitamin E deficiency).  So vitamin E
gets low prior weight: without one of these it stays capped at "low".  Heavy
drinking alone is not a vitamin E risk here (it was, weakly, before 2026.12;
alcoholic cirrhosis showed no vitamin E deficiency in Munoz et al. 1989): the
liver disease it may cause is asked as liver_disease.
"""

from screener.kb import CARDINAL
from screener.kb import OR
from screener.kb import RISK
from screener.kb import SUPPORTING
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Sign
from screener.kb import Suspect
from screener.kb import evidence
from screener.rules.common import MYOPATHY
from screener.rules.weights import CARDINAL_CF
from screener.rules.weights import MODERATE
from screener.rules.weights import STRONG
from screener.rules.weights import SUPPORTING_CF

NUTRIENT = "vitamin_e"
ODS = "NIH ODS, Vitamin E fact sheet"
ACCESS = "AccessMedicine: vitamin E deficiency"
SPECIFICITY = "docs/knowledge.md 11b (symptom specificity)"
CHOLESTASIS = ("Munoz et al., Hepatology 1989 (vitamin E deficiency in 13% of people with primary biliary "
               "cirrhosis); Gastroenterology 1989;96:479 (vitamin E malabsorption in PBC, 27% deficient)")
AVED = "GeneReviews: ataxia with vitamin E deficiency (NCBI Bookshelf, updated 2023)"

PROFILE = {
    "tests": [
        "A vitamin E blood test (alpha-tocopherol), read against blood fat levels",
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
              reason="low vitamin E can damage the nerves that coordinate movement, making movements clumsy (ataxia)",
              source=f"{ACCESS}; article: comparison table; {SPECIFICITY}")
    def e_poor_coordination(self):
        """Poor coordination points to vitamin E."""

    @Rule(OR(Answer(numbness=True), Answer(tingling=True)))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low vitamin E can damage the nerves of the legs and cause numbness",
              source=f"{ACCESS}; {SPECIFICITY}")
    def e_numbness_tingling(self):
        """Numbness or tingling supports vitamin E."""

    @Rule(Answer(difficulty_walking=True), Sign(name="unsteady_walking"))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low vitamin E can make walking unsteady (ataxia, its main nerve sign), though unsteadiness "
                     "has many other causes",
              source=f"{ACCESS}; {ODS}; {SPECIFICITY}")
    def e_difficulty_walking(self):
        """Unsteady walking (ataxia) points to vitamin E."""

    @Rule(Answer(difficulty_walking=True), Sign(name="muscle_pattern"))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low vitamin E can make walking unsteady, but that usually comes with clumsiness or loss of "
                     "feeling; weak legs on both sides without them fit a muscle problem better",
              source=f"{ACCESS}; {MYOPATHY}; {SPECIFICITY}")
    def e_walking_with_weak_legs(self):
        """Trouble walking in the muscle pattern is the weakness itself, not vitamin E's ataxia: shared."""

    @Rule(Answer(leg_weakness=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low vitamin E can weaken muscles, but weak legs have many causes",
              source=f"article: Other Crucial B Vitamins; {SPECIFICITY}")
    def e_leg_weakness(self):
        """Leg weakness is shared by all eight nutrients."""

    # --- risk factors ----------------------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), Answer(malabsorption=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="coeliac disease, Crohn's, chronic pancreatitis or cystic fibrosis can stop fat-soluble "
                     "vitamin E being absorbed",
              source=f"{ACCESS}; {ODS}; Cystic Fibrosis Journal 2017 (pancreatic insufficiency in 85% of "
                     "people with cystic fibrosis)")
    def e_malabsorption(self):
        """Fat malabsorption is the main cause."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(stomach_surgery=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="weight-loss surgery, especially an operation that bypasses part of the gut, can reduce how "
                     "much vitamin E is absorbed, though a shortage after it is uncommon",
              source=f"{ACCESS}; ASMBS integrated health nutritional guidelines, 2016 update (Parrott et al., Surg "
                     "Obes Relat Dis 2017: fat-soluble vitamins after malabsorptive operations); Krzizek et al., "
                     "Obes Facts 2021 (no vitamin E deficiency in 485 people one to three years after sleeve, "
                     "bypass or band). Graded moderate, not the strong first used: a guideline names it, but few "
                     "run low")
    def e_stomach_surgery(self):
        """Malabsorptive bariatric surgery is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(liver_disease=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="long-term liver or bile-duct disease (such as PBC) reduces the bile needed to absorb "
                     "vitamin E; a minority of people with it run low",
              source=CHOLESTASIS)
    def e_liver_disease(self):
        """Cholestatic liver disease is a moderate risk (13-27% deficient in PBC studies)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(family_ataxia=True),
          OR(Answer(difficulty_walking=True), Answer(poor_coordination=True)))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="balance problems that began young in a parent, brother or sister can be inherited; a "
                     "rare inherited form (ataxia with vitamin E deficiency) can be treated, so it is worth a test",
              source=AVED)
    def e_family_ataxia(self):
        """An inherited ataxia in the family, with unsteadiness or clumsiness: AVED is treatable."""
