"""Iron: carries oxygen to the muscles.

docs/knowledge.md section 6; article: "Iron: Fueling Oxygen Delivery".
Low iron means tired, weak legs, restless legs and, when severe, cramps.
In men and in women aged 50 or over, low iron has no everyday explanation
(periods, pregnancy) and the commonest cause is slow bleeding from the gut, so
signs of anaemia there are themselves a reason to test (NICE CKS; BSG 2021),
and the cause must be found.
"""

from screener.kb import AND
from screener.kb import CARDINAL
from screener.kb import MINOR
from screener.kb import NOT
from screener.kb import OR
from screener.kb import RISK
from screener.kb import SUPPORTING
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Suspect
from screener.kb import at_least
from screener.kb import below
from screener.kb import caution
from screener.kb import evidence
from screener.kb import one_of
from screener.kb import sign
from screener.rules.common import NOT_SETTLING
from screener.rules.common import SETTLING
from screener.rules.weights import CARDINAL_CF
from screener.rules.weights import MINOR_CF
from screener.rules.weights import MODERATE
from screener.rules.weights import STRONG
from screener.rules.weights import SUPPORTING_CF
from screener.rules.weights import WEAK

NUTRIENT = "iron"
#: Where low iron has no everyday explanation (spec section 4, 2nd ed.: "a man, or a woman aged 50 or over"):
#: a man is an adult; in a boy, growth and diet explain low iron as they do in a girl (2026.12).
ADULT_MAN_OR_WOMAN_OVER_50 = (OR(Answer(sex="male"), AND(Answer(sex="female"), Answer(age=at_least(50)))),
                              NOT(Answer(age=below(16))))
NHS = "NHS: iron deficiency anaemia (Cambridge University Hospitals)"
IOM = "IOM 2001 (dietary reference intakes: iron)"
CDC = "CDC: iron deficiency risk groups"
SPECIFICITY = "docs/knowledge.md 11b (symptom specificity)"
CKS = "NICE CKS: anaemia - iron deficiency (2021)"
BSG = "BSG guidelines for iron deficiency anaemia in adults (Gut 2021)"

PROFILE = {
    "tests": [
        "Full blood count (haemoglobin and red cell size)",
        "Ferritin (the body's iron stores)",
        "Transferrin saturation or serum iron, if needed",
    ],
    "food_sources": [
        "Beef and other red meat (and liver, but not in pregnancy: it has too much vitamin A)",
        "Lentils, chickpeas and beans",
        "Spinach and other dark leafy greens",
        "Fortified breakfast cereals",
        "Vitamin C-rich fruit and vegetables (citrus, berries) with meals, to help absorb plant iron",
    ],
    "cautions": [
        "Take iron tablets only after a blood test and on a doctor's, nurse's or midwife's advice. Iron "
        "tablets are dangerous to children in overdose, so keep them out of reach, and people with "
        "haemochromatosis (iron overload) must not take them.",
    ],
}


class IronRules:
    # --- symptoms --------------------------------------------------------
    @Rule(Answer(restless_legs=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low iron can cause restless legs, worse at night",
              source=f"{NHS}; article: Iron; {SPECIFICITY}")
    def iron_restless_legs(self):
        """Restless legs point to iron."""

    @Rule(Answer(pale_or_breathless=True))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low iron can cause anaemia, which makes you look pale or get out of breath easily",
              source=f"{NHS}; {SPECIFICITY}")
    def iron_pale_breathless(self):
        """Pallor and breathlessness point to iron."""

    @Rule(Answer(sore_tongue=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low iron can make the tongue sore or smooth",
              source=f"{NHS}; {SPECIFICITY}")
    def iron_sore_tongue(self):
        """A sore tongue supports iron."""

    @Rule(Answer(palpitations=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="anaemia from low iron can make you notice your heartbeat, though palpitations have many causes",
              source=f"{NHS}; {SPECIFICITY}")
    def iron_palpitations(self):
        """Palpitations support iron."""

    @Rule(Answer(muscle_cramps=True))
    @evidence(NUTRIENT, MINOR_CF, MINOR,
              reason="low iron can cause cramps, but only when it is severe, and most cramps have other causes",
              source=f"article: Iron; {SPECIFICITY}")
    def iron_muscle_cramps(self):
        """Cramps support iron."""

    @Rule(Answer(leg_weakness=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low iron can leave the leg muscles short of oxygen and make them tired and weak",
              source=f"article: Iron; {SPECIFICITY}")
    def iron_leg_weakness(self):
        """Leg weakness is shared by all eight nutrients."""

    @Rule(Answer(fatigue=True), NOT_SETTLING)
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low iron commonly causes tiredness and lack of energy, though tiredness has many "
                     "other causes",
              source=f"{NHS} (tiredness listed first); NICE CKS: anaemia - iron deficiency; {SPECIFICITY}")
    def iron_fatigue(self):
        """Fatigue supports iron."""

    @Rule(Answer(fatigue=True), *SETTLING)
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low iron can cause tiredness, but the tiredness of anaemia builds up over weeks; tiredness "
                     "only days old and not getting worse more often has an everyday cause, such as a recent "
                     "infection",
              source=f"{NHS}; NHS: tiredness and fatigue (see a GP when tired for a few weeks; a recent "
                     "infection is a common cause); docs/knowledge.md 11b")
    def iron_recent_tiredness(self):
        """Tiredness known to be days old and settling fits anaemia's slow course poorly: shared, not telling."""

    # --- risk factors ----------------------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), Answer(heavy_periods=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="heavy periods lose iron every month",
              source=NHS)
    def iron_heavy_periods(self):
        """Heavy menstrual bleeding is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(pregnant=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="pregnancy raises the need for iron, especially in the later months",
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
              source="docs/knowledge.md 6 (frequent blood donation); " + CKS)
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

    @Rule(Suspect(nutrient=NUTRIENT), Answer(nsaid_or_blood_thinner=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="regular aspirin, anti-inflammatory painkillers or blood thinners can cause slow, unseen "
                     "bleeding from the gut, which drains iron",
              source=f"{CKS} (aspirin and NSAIDs among the gut causes); {BSG}")
    def iron_nsaid_blood_thinner(self):
        """Regular NSAIDs, aspirin or anticoagulants: moderate (gut blood loss)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(rf_black_stools=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="black, tarry stools or blood in the stool or vomit can mean bleeding from the gut, "
                     "which drains iron (and needs a doctor today in its own right)",
              source=f"{CKS} (gut blood loss); {BSG}; docs/knowledge.md 6")
    def iron_black_stools(self):
        """Signs of gut bleeding are a strong iron risk (the urgent red flag is rf_black_stools)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(age=below(5)))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="young children grow fast and need a lot of iron, and a diet heavy in milk gives little, so "
                     "low iron is common at this age",
              source=f"{CDC} (infants and young children); WHO (anaemia is commonest in children under five); "
                     f"{CKS} (causes in children: diet, cow's milk)")
    def iron_young_child(self):
        """A child under five is a moderate iron risk (fast growth; milk-heavy diets)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(eating_disorder=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="an eating disorder often means too little iron from food",
              source="Miller et al., Arch Intern Med 2005 (anorexia nervosa outpatients: anaemia in over a third) and EM Cases")
    def iron_eating_disorder(self):
        """An eating disorder is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(pale_or_breathless=True), *ADULT_MAN_OR_WOMAN_OVER_50)
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="in men and in women aged 50 or over, slow bleeding from the gut is the commonest cause "
                     "of low iron, so looking pale or getting breathless is worth a blood count",
              source=f"{CKS} (gut blood loss the commonest cause in men and after the menopause); {BSG}; "
                     "NICE NG12 (iron-deficiency anaemia as a cancer warning sign)")
    def iron_unexplained_anaemia(self):
        """The iron alarm (spec section 4): no ordinary cause, so the symptom itself is the reason to test."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(restrictive_eating=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="eating little can leave you short of iron",
              source="docs/knowledge.md 11 (restrictive eating); " + CKS + " (diet rarely the only cause)")
    def iron_restrictive_eating(self):
        """Poor intake is a weak risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(heavy_exercise=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="hard endurance exercise slightly increases iron losses",
              source="docs/knowledge.md 6 (endurance running; weak)")
    def iron_heavy_exercise(self):
        """Endurance exercise is a weak risk."""

    # --- the iron alarm (spec section 4, 2nd ed.) -------------------------
    @Rule(OR(Answer(pale_or_breathless=True), Answer(fatigue=True)), *ADULT_MAN_OR_WOMAN_OVER_50)
    @sign("iron_alarm",
          reason="in a man, or a woman aged 50 or over, low iron has no everyday explanation, so iron is not "
                 "held at low for want of a risk factor: its cause must be found",
          source=f"screener spec (facts.md section 4, 2nd ed.); {CKS}; {BSG}")
    def sign_iron_alarm(self):
        """Pallor, breathlessness or tiredness where low iron itself is the alarm."""

    @Rule(Answer(restless_legs=True))
    @sign("iron_test_advised",
          reason="guidelines advise an iron test (ferritin) for everyone with restless legs, because low iron "
                 "stores are a common cause that can be treated, so an iron test is worth discussing even without "
                 "a risk factor",
          source="AASM 2024 clinical practice guideline for restless legs syndrome (check iron studies in "
                 "everyone with restless legs); NICE CKS: restless legs syndrome (check serum ferritin)")
    def sign_iron_test_advised(self):
        """Restless legs: the guidelines test iron in everyone."""

    # --- cautions --------------------------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT),
          OR(Answer(sex="male"), Answer(age=at_least(60)), AND(Answer(sex="female"), Answer(age=at_least(50)))),
          NOT(Answer(age=below(16))))
    @caution(NUTRIENT, "For men, and for women aged 50 or over, low iron must have its cause found (most "
                       "often slow bleeding from the gut): ask the doctor about this, rather than just "
                       "taking iron.",
             source=f"NICE NG12 (suspected cancer: iron-deficiency anaemia); {CKS}; {BSG}")
    def iron_caution_find_cause(self):
        """Men, women 50 and over, anyone over 60 (not children): the cause of low iron must be found."""

    @Rule(Suspect(nutrient=NUTRIENT), NOT(Answer(pregnant=True)), NOT(Answer(sex="male")),
          NOT(Answer(age=at_least(50))), NOT(Answer(age=below(16))))
    @caution(NUTRIENT, "If a blood test shows low iron, the doctor will also look for its cause (such as "
                       "heavy periods, diet or, less often, bleeding from the gut).",
             source=f"{CKS}; {BSG}")
    def iron_caution_cause_younger(self):
        """Younger women and others, not pregnant: the cause is looked for too (not shown in pregnancy,
        where the growing baby explains it)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(age=below(16)))
    @caution(NUTRIENT, "In a child, the doctor will look for the cause of low iron too: most often fast growth, "
                       "a diet with little iron (or a lot of cow's milk in a toddler) or, in girls, periods.",
             source=f"{CDC}; NICE CKS: anaemia - iron deficiency (children: diet, growth and cow's milk); "
                    "WHO (adolescent girls)")
    def iron_caution_cause_child(self):
        """Children: the cause is looked for too, and it is rarely bleeding from the gut (growth, diet, milk)."""
