"""Vitamin B12 (cobalamin): the nerve protector.

docs/knowledge.md section 1; article: "Vitamin B12: The Nerve Protector".
Nerve symptoms can come without anaemia, and late treatment can leave lasting
damage, so symptoms plus a risk factor are worth a blood test (NICE NG239).
"""

from screener.kb import CARDINAL
from screener.kb import NOT
from screener.kb import OR
from screener.kb import PROTECTIVE
from screener.kb import RISK
from screener.kb import SUPPORTING
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Sign
from screener.kb import Suspect
from screener.kb import at_least
from screener.kb import caution
from screener.kb import evidence
from screener.kb import one_of
from screener.kb import sign
from screener.rules.common import MYOPATHY
from screener.rules.common import NOT_SETTLING
from screener.rules.common import SETTLING
from screener.rules.weights import CARDINAL_CF
from screener.rules.weights import LOWERS
from screener.rules.weights import MODERATE
from screener.rules.weights import STRONG
from screener.rules.weights import SUPPORTING_CF
from screener.rules.weights import WEAK

NUTRIENT = "vitamin_b12"
ODS = "NIH ODS, Vitamin B12 fact sheet"
NHS = "NHS: vitamin B12 or folate deficiency anaemia"
SPECIFICITY = "docs/knowledge.md 11b (symptom specificity)"
SCD = ("StatPearls: subacute combined degeneration (symmetric numbness and tingling come first, then "
       "unsteadiness from lost position sense; weakness later); Healton et al., Medicine 1991 (tingling and "
       "numbness the commonest first symptom of B12 neuropathy)")

PROFILE = {
    "tests": [
        "A vitamin B12 blood test (serum B12, or active B12: holotranscobalamin)",
        "Methylmalonic acid (MMA) or homocysteine if the B12 result is borderline, or normal despite nitrous oxide",
        "Full blood count (looks for large red blood cells)",
    ],
    "food_sources": [
        "Meat, fish and shellfish",
        "Milk, yogurt and cheese",
        "Eggs",
        "Fortified breakfast cereals, plant milks and yeast extract",
    ],
    "cautions": [],
}


class VitaminB12Rules:
    # --- symptoms --------------------------------------------------------
    @Rule(OR(Answer(numbness=True), Answer(tingling=True)))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low B12 can cause numbness or pins and needles in the legs and feet, one of its commonest nerve signs",
              source=f"{ODS}; article: Vitamin B12; {SPECIFICITY}")
    def b12_numbness_tingling(self):
        """Numbness or tingling points to B12 first."""

    @Rule(Answer(difficulty_walking=True), Sign(name="unsteady_walking"))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low B12 can damage the nerves and spinal cord that keep you steady, making walking unsteady",
              source=f"{NHS}; article: Vitamin B12; {SPECIFICITY}")
    def b12_difficulty_walking(self):
        """Difficulty walking, staggering or balance problems: B12's unsteadiness (a sensory ataxia)."""

    @Rule(Answer(difficulty_walking=True), Sign(name="muscle_pattern"))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low B12 can make walking unsteady, but its nerve damage usually starts with numbness or "
                     "tingling; weak legs on both sides without them fit a muscle problem better",
              source=f"{SCD}; {MYOPATHY}; {SPECIFICITY}")
    def b12_walking_with_weak_legs(self):
        """Trouble walking in the muscle pattern (weak legs on both sides, nothing sensory, no clumsiness)
        is the weakness itself rather than B12's sensory unsteadiness: shared, not telling."""

    @Rule(Answer(memory_or_mood=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low B12 can cause memory, concentration or mood problems",
              source=f"{NHS}; {SPECIFICITY}")
    def b12_memory_mood(self):
        """Memory problems or low mood."""

    @Rule(Answer(sore_tongue=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low B12 can make the tongue sore, red or smooth and cause mouth ulcers",
              source=f"{NHS}; {SPECIFICITY}")
    def b12_sore_tongue(self):
        """Glossitis or mouth ulcers."""

    @Rule(Answer(poor_coordination=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low B12 can make movements clumsy, though clumsiness has many other causes",
              source=f"{ODS}; {SPECIFICITY}")
    def b12_poor_coordination(self):
        """Poor coordination supports B12."""

    @Rule(Answer(burning_feet=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low B12 can cause burning feet, though other causes are commoner",
              source=SPECIFICITY)
    def b12_burning_feet(self):
        """Burning feet support B12."""

    @Rule(Answer(pale_or_breathless=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low B12 can cause anaemia, which makes you look pale or get breathless",
              source=f"{NHS}; {SPECIFICITY}")
    def b12_pale_breathless(self):
        """Signs of anaemia support B12."""

    @Rule(Answer(leg_weakness=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low B12 can make the legs weak, but so can most other shortages and many other causes",
              source=f"article: Vitamin B12; {SPECIFICITY}")
    def b12_leg_weakness(self):
        """Leg weakness is shared by all eight nutrients."""

    @Rule(Answer(fatigue=True), NOT_SETTLING)
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low B12 commonly causes extreme tiredness (through anaemia), though tiredness has many "
                     "other causes",
              source=f"{NHS} (extreme tiredness listed first); NICE NG239; {SPECIFICITY}")
    def b12_fatigue(self):
        """Fatigue supports B12."""

    @Rule(Answer(fatigue=True), *SETTLING)
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low B12 can cause tiredness, but the tiredness of anaemia builds up over weeks; tiredness "
                     "only days old and not getting worse more often has an everyday cause, such as a recent "
                     "infection",
              source=f"{NHS}; NHS: tiredness and fatigue (see a GP when tired for a few weeks; a recent "
                     "infection is a common cause); docs/knowledge.md 11b")
    def b12_recent_tiredness(self):
        """Tiredness known to be days old and settling fits anaemia's slow course poorly: shared, not telling."""

    # --- risk factors (count only once a compatible symptom is present) ----
    @Rule(Suspect(nutrient=NUTRIENT), Answer(diet="vegan"))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="you eat a vegan diet, and B12 comes almost only from animal foods or fortified foods",
              source=f"{ODS}; {NHS}")
    def b12_vegan_diet(self):
        """A vegan diet is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(diet="vegetarian"))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="you eat a vegetarian diet, which has less B12 than one with meat or fish",
              source="MHRA 2022 via MIMS; docs/knowledge.md 1")
    def b12_vegetarian_diet(self):
        """A vegetarian diet is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(diet=one_of("vegan", "vegetarian")), Answer(dairy_or_fortified=True))
    @evidence(NUTRIENT, LOWERS, PROTECTIVE,
              reason="you eat dairy or fortified foods most days, which supply some B12",
              source=ODS)
    def b12_fortified_foods(self):
        """Dairy or fortified foods offset a plant-based diet a little."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(stomach_surgery=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="stomach or weight-loss surgery reduces how much B12 the body can absorb",
              source=f"{ODS}; MHRA 2022 via MIMS")
    def b12_stomach_surgery(self):
        """Gastric or bariatric surgery is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(malabsorption=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="coeliac or Crohn's disease can stop B12 being absorbed",
              source=f"{ODS}; NICE NG239 (2024)")
    def b12_malabsorption(self):
        """Coeliac disease, Crohn's: moderate (strong when the ileum is involved)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(nitrous_oxide=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="recreational nitrous oxide inactivates vitamin B12",
              source="NICE NG239 (2024)")
    def b12_nitrous_oxide(self):
        """Nitrous oxide is a strong risk (and standard tests may miss it)."""

    # --- a test the guideline advises (lifts the telling cap, like an acid reducer for magnesium) -----
    @Rule(Answer(nitrous_oxide=True), Sign(name="neuro_symptom"))
    @sign("b12_test_advised",
          reason="with nitrous oxide use, any nerve symptom in the legs (even weakness alone) is treated as "
                 "B12 damage until shown otherwise, so a B12 test is worth discussing even with weakness alone",
          source="NICE NG239 (2024: nitrous oxide causes B12-related nerve and spinal cord damage, with normal "
                 "tests); UK emergency medicine guidance on recreational nitrous oxide (treat before results); "
                 "docs/knowledge.md 10 (rule 8: the exceptions)")
    def sign_b12_test_advised(self):
        """Nitrous oxide with a nerve symptom: B12 treatment is started before results."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(metformin=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="long-term metformin can lower B12, more so at higher doses and after several years",
              source="MHRA 2022 (metformin)")
    def b12_metformin(self):
        """Metformin is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(acid_reducer=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="taking an acid reducer for over a year lowers the stomach acid needed to absorb B12",
              source="NICE NG239 (2024); MHRA 2022 via MIMS")
    def b12_acid_reducer(self):
        """Long-term PPIs and H2 blockers are a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(age=at_least(75)))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="from 75, the stomach often absorbs B12 less well, and low B12 becomes common",
              source=f"{ODS}; {NHS}; NICE NG239 (context: about 1 in 20 aged 65 to 74 and more than 1 in 10 aged "
                     "75 and over)")
    def b12_older_age(self):
        """75 and over is a moderate risk (NG239: more than 1 in 10 run low)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(age=at_least(65)), NOT(Answer(age=at_least(75))))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="low B12 becomes a little more common from the age of 65",
              source="NICE NG239 (context: about 1 in 20 aged 65 to 74, more than 1 in 10 aged 75 and over); "
                     "docs/knowledge.md 0 (grades) and 1")
    def b12_age_65_to_74(self):
        """65 to 74 is a weak B12 risk; 75 and over, moderate (NG239's figures)."""

    @Rule(Suspect(nutrient=NUTRIENT), OR(Answer(autoimmune=True), Answer(thyroid=True)))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="autoimmune gastritis (pernicious anaemia), the commonest cause of low B12 in the UK, is "
                     "more common in people with thyroid disease, type 1 diabetes, vitiligo or another "
                     "autoimmune condition",
              source="NICE NG239 (2024); NICE CKS: anaemia, B12 and folate deficiency (other autoimmune "
                     "conditions)")
    def b12_autoimmune(self):
        """Another autoimmune condition is a moderate risk (pernicious anaemia clusters with them).  An
        under-active thyroid counts too: the autoimmune question names thyroid disease, and most under-active
        thyroids are autoimmune (Hashimoto's), so the thyroid, a competing cause for cramps and tingling, explains
        nothing away for B12 (scoring.risk_questions), as diabetes explains nothing away for thiamine."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(breastfeeding=True), Answer(diet="vegan"))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="breastfeeding raises your own need for B12, while a vegan diet supplies little",
              source="IOM 1998 (B12 needs are higher while breastfeeding); CDC: breastfeeding and vitamin B12 "
                     "(infants of vegan mothers at risk). Graded weak, not the moderate first used: the vegan "
                     "diet itself is already counted (b12_vegan_diet), and the baby's risk is a caution")
    def b12_breastfeeding_vegan(self):
        """Breastfeeding on a vegan diet adds a little to the vegan risk (the baby's risk is a caution)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(anticonvulsant=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="some epilepsy medicines can lower B12",
              source=f"NICE NG239 (2024); {NHS}")
    def b12_anticonvulsant(self):
        """Some anticonvulsants are a weak risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(alcohol="heavy"))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="heavy drinking can lower B12 a little",
              source="docs/knowledge.md 1 (weak; lower-authority sources)")
    def b12_heavy_alcohol(self):
        """Heavy alcohol is a weak risk."""

    # --- cautions --------------------------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), Answer(nitrous_oxide=True))
    @caution(NUTRIENT, "Tell the doctor about nitrous oxide use: a standard B12 test can look normal even "
                       "when nitrous oxide has stopped B12 working.",
             source="NICE NG239 (2024)")
    def b12_caution_nitrous_oxide(self):
        """Standard B12 tests may miss nitrous-oxide damage."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(breastfeeding=True), Answer(diet="vegan"))
    @caution(NUTRIENT, "A baby breastfed by a mother on a vegan diet can also run low on B12: ask your doctor "
                       "or health visitor about B12 for you both.",
             source="CDC: breastfeeding and vitamin B12")
    def b12_caution_breastfeeding_vegan(self):
        """The breastfed baby of a vegan mother is at risk too."""
