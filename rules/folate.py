"""Folate (vitamin B9): works with B12 to make red blood cells.

docs/knowledge.md section 4; article: "Other Crucial B Vitamins".
Leg symptoms mostly come indirectly, through anaemia; a neuropathy from
folate alone is uncommon.  Always check B12 too: folic acid can hide a B12
shortage while its nerve damage goes on.
"""

from screener.kb import CARDINAL
from screener.kb import MINOR
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
from screener.rules.common import NOT_SETTLING
from screener.rules.common import SETTLING
from screener.rules.weights import CARDINAL_CF
from screener.rules.weights import LOWERS
from screener.rules.weights import MINOR_CF
from screener.rules.weights import MODERATE
from screener.rules.weights import STRONG
from screener.rules.weights import SUPPORTING_CF
from screener.rules.weights import WEAK

NUTRIENT = "folate"
MERCK = "Merck Manual Professional: folate deficiency"
ODS = "NIH ODS, Folate fact sheet"
NHS = "NHS: vitamin B12 or folate deficiency anaemia"
SPECIFICITY = "docs/knowledge.md 11b (symptom specificity)"

PROFILE = {
    "tests": [
        "A folate blood test (serum folate; red-cell folate shows longer-term levels)",
        "Full blood count (looks for large red blood cells)",
        "Vitamin B12, always alongside folate",
    ],
    "food_sources": [
        "Dark green leafy vegetables such as spinach and kale",
        "Broccoli and peas",
        "Beans and lentils",
        "Peanuts and sunflower seeds",
        "Oranges and other citrus fruit",
        "Fortified bread and breakfast cereals",
    ],
    "cautions": [
        "Have vitamin B12 checked before starting folic acid of your own accord: folic acid can hide a B12 "
        "shortage while its nerve damage goes on. Folic acid a doctor or midwife advised (in pregnancy, or "
        "with methotrexate) is different: keep taking it as advised.",
    ],
}


class FolateRules:
    # --- symptoms --------------------------------------------------------
    @Rule(Answer(sore_tongue=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low folate can make the tongue sore and red and cause mouth ulcers",
              source=f"{ODS}; {SPECIFICITY}")
    def folate_sore_tongue(self):
        """A sore tongue points to folate (and B12)."""

    @Rule(OR(Answer(numbness=True), Answer(tingling=True)))
    @evidence(NUTRIENT, MINOR_CF, MINOR,
              reason="low folate can cause pins and needles, but a nerve problem from low folate alone is uncommon",
              source=f"{NHS}; {SPECIFICITY}")
    def folate_numbness_tingling(self):
        """Numbness or tingling supports folate (weaker than for B12)."""

    @Rule(Answer(memory_or_mood=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low folate can cause trouble concentrating and irritability",
              source=f"{ODS}; {SPECIFICITY}")
    def folate_memory_mood(self):
        """Memory or mood problems support folate."""

    @Rule(Answer(pale_or_breathless=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low folate can cause anaemia, which makes you look pale or get breathless",
              source=f"{MERCK}; {SPECIFICITY}")
    def folate_pale_breathless(self):
        """Signs of anaemia support folate."""

    @Rule(Answer(leg_weakness=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="anaemia from low folate can make the legs feel weak and heavy, but weak legs have many causes",
              source=f"article: Other Crucial B Vitamins; {SPECIFICITY}")
    def folate_leg_weakness(self):
        """Leg weakness is shared by all eight nutrients."""

    @Rule(Answer(fatigue=True), NOT_SETTLING)
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low folate commonly causes tiredness (through anaemia), though tiredness has many "
                     "other causes",
              source=f"{NHS} (extreme tiredness listed first); {SPECIFICITY}")
    def folate_fatigue(self):
        """Fatigue supports folate."""

    @Rule(Answer(fatigue=True), *SETTLING)
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low folate can cause tiredness, but the tiredness of anaemia builds up over weeks; tiredness "
                     "only days old and not getting worse more often has an everyday cause, such as a recent "
                     "infection",
              source=f"{NHS}; NHS: tiredness and fatigue (see a GP when tired for a few weeks; a recent "
                     "infection is a common cause); docs/knowledge.md 11b")
    def folate_recent_tiredness(self):
        """Tiredness known to be days old and settling fits anaemia's slow course poorly: shared, not telling."""

    # --- risk and protective factors ----------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), Answer(alcohol="heavy"))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="heavy drinking reduces folate absorption and speeds its loss",
              source=f"{ODS}; {MERCK}")
    def folate_heavy_alcohol(self):
        """Heavy alcohol is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(malabsorption=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="coeliac or Crohn's disease can stop folate being absorbed",
              source=MERCK)
    def folate_malabsorption(self):
        """Malabsorption is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(leafy_greens=False), Answer(fruit_veg=False))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="you rarely eat leafy greens or fruit and vegetables, the main sources of folate",
              source=f"{NHS}; article: Creating a Nutrient-Rich Diet")
    def folate_poor_diet(self):
        """A diet with few vegetables is a risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(restrictive_eating=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="dieting, a poor appetite or skipping meals can leave you short of folate",
              source=NHS)
    def folate_restrictive_eating(self):
        """Poor intake is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(pregnant=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="pregnancy raises the need for folate by half",
              source=ODS)
    def folate_pregnancy(self):
        """Pregnancy is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(breastfeeding=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="breastfeeding raises the need for folate a little",
              source=f"{ODS} (recommended amount 500 instead of 400 micrograms a day). Graded weak, not the "
                     "moderate given to pregnancy: the rise is a quarter")
    def folate_breastfeeding(self):
        """Breastfeeding is a weak risk (split from pregnancy in 2026.12)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(methotrexate=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="methotrexate works by blocking folate, so it can run folate down (which is why folic acid "
                     "is usually prescribed with it)",
              source="ACR/AAD guidance on methotrexate (folic acid given with it to prevent folate-related "
                     "side effects); NHS: methotrexate (folic acid is taken with it). Graded strong, like nitrous "
                     "oxide for B12: a medicine that blocks the nutrient itself")
    def folate_methotrexate(self):
        """Methotrexate, a folate antagonist, is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(eating_disorder=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="an eating disorder often means too little folate from food",
              source=f"{NHS}; Miller et al., Arch Intern Med 2005 (medical findings in outpatients with anorexia nervosa)")
    def folate_eating_disorder(self):
        """An eating disorder is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(weight_loss=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="losing weight without trying can mean eating too little to keep up folate",
              source=f"{NHS} (poor diet); our judgement: weak, as weight loss has many causes")
    def folate_weight_loss(self):
        """Unplanned weight loss is a weak risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(anticonvulsant=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="some epilepsy medicines lower folate",
              source=NHS)
    def folate_anticonvulsant(self):
        """Anticonvulsants are a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(age=at_least(65)))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="folate shortage is more common in older people",
              source=NHS)
    def folate_older_age(self):
        """Older age is a weak risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(leafy_greens=True))
    @evidence(NUTRIENT, LOWERS, PROTECTIVE,
              reason="you eat leafy greens most days, a rich source of folate",
              source="article: Creating a Nutrient-Rich Diet")
    def folate_leafy_greens(self):
        """Leafy greens most days lower the odds."""

    # --- cautions --------------------------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), Answer(methotrexate=True))
    @caution(NUTRIENT, "People taking methotrexate are usually prescribed folic acid to go with it: keep taking "
                       "it exactly as prescribed, and do not add or change folic acid without your doctor.",
             source="ACR/AAD guidance on methotrexate and folic acid")
    def folate_caution_methotrexate(self):
        """Methotrexate: folic acid is part of the prescription."""
