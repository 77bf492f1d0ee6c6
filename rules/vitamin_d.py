"""Vitamin D: the sunshine vitamin.

docs/knowledge.md section 2; article: "Vitamin D: The Sunshine Vitamin".
In adults a severe shortage softens bones (osteomalacia): bone pain, aching
muscles and weakness of the hips and thighs.  Sunlight on the skin is the
main source for most people.
"""

from screener.kb import CARDINAL
from screener.kb import MINOR
from screener.kb import NOT
from screener.kb import OR
from screener.kb import PROTECTIVE
from screener.kb import RISK
from screener.kb import SUPPORTING
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Suspect
from screener.kb import at_least
from screener.kb import below
from screener.kb import evidence
from screener.kb import one_of
from screener.rules.common import MUSCLE_PATTERN
from screener.rules.common import MYOPATHY
from screener.rules.common import NOT_SETTLING
from screener.rules.common import SETTLING
from screener.rules.weights import CARDINAL_CF
from screener.rules.weights import LOWERS
from screener.rules.weights import LOWERS_LITTLE
from screener.rules.weights import MINOR_CF
from screener.rules.weights import MODERATE
from screener.rules.weights import STRONG
from screener.rules.weights import SUPPORTING_CF
from screener.rules.weights import WEAK

NUTRIENT = "vitamin_d"
ODS = "NIH ODS, Vitamin D fact sheet"
IOM = "IOM 2011 (dietary reference intakes for calcium and vitamin D)"
PHE = "PHE/NHS 2016 vitamin D advice"
OSTEO = "Arthritis Research UK: osteomalacia"
INSIDIOUS = "GPnotebook: osteomalacia (clinical features: an insidious and vague course)"
SPECIFICITY = "docs/knowledge.md 11b (symptom specificity)"
OSTEOMALACIA = "NHS Highland vitamin D guideline: the main symptoms of osteomalacia are proximal muscle weakness, muscle pain and a waddling gait"
RICKETS = "NHS: rickets and osteomalacia (in children: delayed walking, bowed legs, bone pain, weak muscles)"
HYPOCALCAEMIA = ("NHS Lothian RefHelp: vitamin D deficiency in children (symptoms include those of low calcium: "
                 "tetany, seizures); Ladhani et al., Arch Dis Child 2004 (low calcium with symptoms was how "
                 "vitamin D deficiency showed in children under 3 and over 10, the ages of fast growth)")

PROFILE = {
    "tests": [
        "A vitamin D blood test (25-hydroxyvitamin D)",
        "Bone profile: calcium, phosphate and alkaline phosphatase (sometimes parathyroid hormone, PTH)",
    ],
    "food_sources": [
        "Oily fish such as salmon, mackerel and sardines",
        "Egg yolks",
        "Fortified milk, plant milks, spreads and breakfast cereals",
        "Red meat",
        "Sunlight on the skin (from about April to September in the UK)",
    ],
    "cautions": [
        "Too much vitamin D from supplements raises the calcium in your blood (sickness, thirst, confusion, "
        "kidney stones). Do not take more than the pack or your doctor says, and ask a doctor "
        "first with kidney disease or water tablets.",
    ],
}


class VitaminDRules:
    # --- symptoms --------------------------------------------------------
    @Rule(Answer(bone_pain=True), NOT_SETTLING)
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low vitamin D can soften the bones, which makes them ache, especially in the hips, legs and lower back",
              source=f"{OSTEO}; article: Vitamin D; {SPECIFICITY}")
    def d_bone_pain(self):
        """Bone pain points to vitamin D."""

    @Rule(Answer(muscle_aches=True), NOT_SETTLING)
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low vitamin D can make muscles ache",
              source=f"{OSTEO}; article: Vitamin D; {SPECIFICITY}")
    def d_muscle_aches(self):
        """Muscle aches point to vitamin D."""

    @Rule(OR(Answer(bone_pain=True), Answer(muscle_aches=True)), *SETTLING)
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low vitamin D can make bones and muscles ache, but that builds up slowly over months; "
                     "aches only days old and not getting worse more often have an everyday cause, such as "
                     "exercise you are not used to",
              source=f"{INSIDIOUS}; {OSTEO}; {SPECIFICITY}")
    def d_recent_aches(self):
        """Aches known to be days old and settling fit vitamin D's slow shortage poorly: shared, not telling."""

    @Rule(*MUSCLE_PATTERN, NOT(Answer(duration=one_of("minutes", "days"))))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="low vitamin D commonly weakens the hip and thigh muscles, slowly over months, and weak legs "
                     "on both sides without numbness, tingling or clumsiness fit that pattern of a muscle problem",
              source=f"{OSTEOMALACIA}; {INSIDIOUS}; {MYOPATHY}; {SPECIFICITY}")
    def d_muscle_weakness(self):
        """Weak legs in the pattern of a muscle problem (a myopathy) point to vitamin D, unless known to be only
        days old: vitamin D's weakness creeps up over months (an insidious course), so weakness that began days
        ago points to a faster cause (potassium, an infection) and stays shared (``d_leg_weakness``)."""

    @Rule(Answer(difficulty_walking=True), Answer(age=below(5)))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="in a young child, low vitamin D (rickets: soft bones and weak muscles) commonly makes "
                     "walking late or difficult",
              source=f"{RICKETS}; {SPECIFICITY}")
    def d_child_walking(self):
        """A young child's difficulty walking (rickets) points to vitamin D."""

    @Rule(Answer(twitches_spasms=True), Answer(age=below(16)))
    @evidence(NUTRIENT, CARDINAL_CF, CARDINAL,
              reason="in babies and teenagers, who grow fast, very low vitamin D can lower calcium enough to "
                     "cause muscle spasms",
              source=f"{HYPOCALCAEMIA}; {SPECIFICITY}")
    def d_child_spasms(self):
        """A child's muscle spasms (tetany from low calcium) point to vitamin D."""

    @Rule(Answer(difficulty_walking=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low vitamin D can weaken the hip and thigh muscles, making walking and stairs harder",
              source=f"{OSTEO}; {SPECIFICITY}")
    def d_difficulty_walking(self):
        """Proximal weakness makes walking hard."""

    @Rule(Answer(muscle_cramps=True))
    @evidence(NUTRIENT, MINOR_CF, MINOR,
              reason="very low vitamin D can cause cramps through low calcium, but most cramps have other causes",
              source=f"article: Vitamin D; {SPECIFICITY}")
    def d_muscle_cramps(self):
        """Cramps support vitamin D."""

    @Rule(Answer(leg_weakness=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low vitamin D can weaken the legs, especially the thighs, but weak legs have many causes",
              source=f"article: Vitamin D; {SPECIFICITY}")
    def d_leg_weakness(self):
        """Leg weakness is shared by all eight nutrients."""

    @Rule(Answer(fatigue=True))
    @evidence(NUTRIENT, SUPPORTING_CF, SUPPORTING,
              reason="low vitamin D can make you tired, but tiredness has many other causes",
              source=f"{OSTEO}; {SPECIFICITY}")
    def d_fatigue(self):
        """Fatigue supports vitamin D."""

    # --- risk and protective factors ----------------------------------------
    @Rule(Suspect(nutrient=NUTRIENT), Answer(sun_exposure="rarely"))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="sunlight rarely reaches your skin, and the skin makes most of our vitamin D from sunlight",
              source=f"{IOM}; {PHE}")
    def d_rare_sun(self):
        """Little sun on the skin is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(sun_exposure="sometimes"))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="sunlight reaches your skin only sometimes, which may not be enough, especially in winter",
              source=PHE)
    def d_some_sun(self):
        """Some sun: a weak risk (winter at UK latitudes gives too little)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(sun_exposure="daily"))
    @evidence(NUTRIENT, LOWERS, PROTECTIVE,
              reason="sunlight reaches your skin daily, the main way the body gets vitamin D",
              source=f"{PHE}; article: Creating a Nutrient-Rich Diet")
    def d_daily_sun(self):
        """Daily sun lowers the odds."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(covers_skin=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="you cover most of your skin outdoors, so little sunlight reaches it",
              source=f"{IOM}; {PHE}")
    def d_covers_skin(self):
        """Covering the skin outdoors is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(darker_skin=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="darker skin makes less vitamin D from the same sunlight, which matters away from the tropics",
              source=f"{PHE}; {OSTEO}")
    def d_darker_skin(self):
        """Darker skin (strong at high latitude; latitude unknown, so moderate)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(malabsorption=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="coeliac disease, Crohn's or pancreatitis can stop fat-soluble vitamin D being absorbed",
              source=IOM)
    def d_malabsorption(self):
        """Fat malabsorption is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(stomach_surgery=True))
    @evidence(NUTRIENT, STRONG, RISK,
              reason="weight-loss or stomach surgery reduces how much vitamin D is absorbed",
              source=IOM)
    def d_stomach_surgery(self):
        """Gastric bypass is a strong risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(age=at_least(65)))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="older skin makes less vitamin D, and older people often spend more time indoors",
              source=IOM)
    def d_older_age(self):
        """Older age is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(diet="vegan"))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="a vegan diet leaves out oily fish, eggs and dairy, the main food sources of vitamin D",
              source=OSTEO)
    def d_vegan_diet(self):
        """A vegan diet is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), OR(Answer(oily_fish=False), Answer(diet=one_of("vegetarian", "vegan"))),
          Answer(dairy_or_fortified=False), NOT(Answer(age=below(16))))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="you rarely or never eat oily fish, and rarely have fortified foods: the few good food "
                     "sources of vitamin D",
              source=f"{OSTEO}; article: Vitamin D")
    def d_low_dietary_intake(self):
        """Little oily fish and no fortified foods (not in a child: ``d_child_no_dairy`` counts the same diet)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(age=below(16)), Answer(dairy_or_fortified=False))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="a growing child who rarely has milk, dairy or fortified foods gets little of the calcium and "
                     "vitamin D that growing bones need, the commonest food cause of rickets",
              source="Munns et al., Global Consensus Recommendations on Prevention and Management of Nutritional "
                     "Rickets, JCEM 2016 (low calcium intake and low vitamin D, alone or together, cause "
                     "nutritional rickets; fortified foods and dairy are the usual sources); WHO 2019, Nutritional "
                     "rickets: a review of disease burden, causes, diagnosis, prevention and treatment")
    def d_child_no_dairy(self):
        """A child with no dairy or fortified foods: moderate (calcium and vitamin D for growing bones).  In an
        adult, the same answer is weak and needs little oily fish too (``d_low_dietary_intake``)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(oily_fish=True))
    @evidence(NUTRIENT, LOWERS_LITTLE, PROTECTIVE,
              reason="you eat oily fish weekly, one of the best food sources of vitamin D",
              source="article: Vitamin D; " + ODS)
    def d_oily_fish(self):
        """Oily fish lowers the odds a little."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(liver_disease=True))
    @evidence(NUTRIENT, MODERATE, RISK,
              reason="long-term liver or bile-duct disease reduces how well vitamin D is absorbed and activated",
              source="Munoz et al., Hepatology 1989 (23% of people with PBC low in vitamin D); Venu et al., "
                     "Liver Transpl 2013 (low vitamin D in 81% of people assessed for liver transplant)")
    def d_liver_disease(self):
        """Chronic liver or bile-duct disease is a moderate risk."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(steroids=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="long-term steroid tablets weaken bones and lower calcium absorption, so vitamin D is part "
                     "of the bone check; on their own they lower vitamin D levels only a little",
              source="ACR 2017 guideline (glucocorticoid-induced osteoporosis: calcium and vitamin D for all); "
                     "Davidson et al., JCEM 2012 (meta-analysis: steroid users' vitamin D barely lower). Graded "
                     "weak, not the moderate first proposed: no source shows steroids cause a shortage")
    def d_steroids(self):
        """Long-term steroids: weak (bone protection matters; a shortage itself is not shown)."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(eating_disorder=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="an eating disorder can leave little vitamin D in the diet, and bones are often thin",
              source="Miller et al., Arch Intern Med 2005 (anorexia nervosa: osteoporosis in about a third). Graded "
                     "weak, not the moderate first proposed: bone loss in anorexia is mainly hormonal")
    def d_eating_disorder(self):
        """Eating disorder: weak for vitamin D."""

    @Rule(Suspect(nutrient=NUTRIENT), Answer(kidney_disease=True))
    @evidence(NUTRIENT, WEAK, RISK,
              reason="kidney disease often goes with low vitamin D, and the kidneys are needed to make its "
                     "active form",
              source="KDIGO 2017 CKD-MBD guideline update (measure vitamin D from moderate kidney disease and "
                     "correct a shortage); NIH ODS, Vitamin D fact sheet. Kept weak: the guideline is about "
                     "kidney disease care, and a leg symptom is more often the kidney disease itself")
    def d_kidney_disease(self):
        """Kidney disease goes with low vitamin D (weak)."""
