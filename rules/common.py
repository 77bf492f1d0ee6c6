"""Rules shared by every nutrient: intermediate signs, the symptom gate,
supplements already taken, one-sided symptoms, competing causes and general
advice.

Competing causes (spec section 4, 2nd ed.) are advice rules listed in
``COMPETING_CAUSES``: the report names them, before the nutrients, under
``competing_causes`` with the reported symptoms each could explain.  A
competing cause never counts as a risk factor for a symptom it explains
(thiamine_diabetes and mg_diabetes need a symptom diabetes does not explain).

These show forward chaining at work: ``Answer`` facts produce ``Sign`` and
``Suspect`` facts, which other rules (in this and the nutrient modules) then
match on.
"""

from experta import MATCH

from screener.kb import CARDINAL
from screener.kb import NOT
from screener.kb import OR
from screener.kb import PROTECTIVE
from screener.kb import SUPPLEMENT
from screener.kb import SUPPORTING
from screener.kb import Answer
from screener.kb import Evidence
from screener.kb import Rule
from screener.kb import Sign
from screener.kb import Suspect
from screener.kb import advice
from screener.kb import evidence
from screener.kb import one_of
from screener.kb import sign
from screener.kb import suspect
from screener.rules.weights import LOWERS
from screener.rules.weights import SUPPLEMENT_CF
from screener.rules.weights import SUPPLEMENT_POOR_ABSORPTION_CF

SPEC = "screener spec (facts.md section 2)"
#: The muscle pattern (docs/knowledge.md 11b): weak legs on both sides with nothing sensory.
MYOPATHY = ("GPnotebook / Harrison's (AccessMedicine): a myopathy gives weakness without sensory loss; "
            "sensory loss suggests a neuropathy")
NOTHING_SENSORY = (NOT(Answer(numbness=True)), NOT(Answer(tingling=True)), NOT(Answer(burning_feet=True)))
#: Known to be only days old and not getting worse, and its negation as one OR (any one is enough).
SETTLING = (Answer(duration="days"), Answer(worsening=False))
NOT_SETTLING = OR(NOT(Answer(duration="days")), NOT(Answer(worsening=False)))
#: "unless known to have lasted weeks or months without getting worse" (the contract's test for a child's
#: motor symptoms; screener's own same-day combinations and the cancer competing cause use it too).
NOT_OLD_AND_STABLE = OR(NOT(Answer(duration=one_of("weeks", "months"))), NOT(Answer(worsening=False)))
#: The whole muscle pattern: weak legs, not known to be one-sided, nothing sensory, no clumsiness.
MUSCLE_PATTERN = (Answer(leg_weakness=True), NOT(Answer(both_sides=False)), NOT(Answer(poor_coordination=True)),
                  *NOTHING_SENSORY)

#: Competing-cause rules: rule id -> (cause id, the symptoms it can explain).
COMPETING_CAUSES = {
    "competing_diabetes": ("diabetes", ("numbness", "tingling", "burning_feet", "difficulty_walking",
                                        "poor_coordination")),
    "competing_statin": ("statin", ("muscle_aches", "muscle_cramps", "leg_weakness")),
    "competing_thyroid": ("thyroid", ("muscle_cramps", "muscle_aches", "fatigue", "numbness", "tingling")),
    "competing_trapped_nerve": ("trapped_nerve", ("leg_weakness", "numbness", "tingling", "burning_feet",
                                                  "difficulty_walking")),
    "competing_nerve_pressure": ("nerve_pressure", ("numbness", "tingling")),
    "competing_cancer_cord": ("cancer_cord", ("leg_weakness", "numbness", "tingling", "difficulty_walking",
                                              "poor_coordination")),
    "competing_alcohol": ("alcohol", ("numbness", "tingling", "burning_feet")),
}
#: Causes that show a symptom is not a shortage's at all (pins and needles that pass within minutes are
#: pressure on a nerve, not the lasting nerve damage a shortage causes): explained by one, a symptom no
#: longer points to any nutrient. A disease that competes (diabetes) leaves it pointing, because the
#: disease and the shortage often come together (metformin and B12).
NOT_A_SHORTAGE = ("nerve_pressure",)


class CommonRules:
    # --- intermediate signs ------------------------------------------------
    @Rule(OR(Answer(leg_weakness=True), Answer(numbness=True), Answer(tingling=True),
             Answer(burning_feet=True), Answer(difficulty_walking=True), Answer(poor_coordination=True)))
    @sign("neuro_symptom", reason="at least one nerve or muscle-strength symptom is present", source=SPEC)
    def sign_neuro_symptom(self):
        """Any neuro symptom (weakness, numbness, tingling, burning, walking, coordination)."""

    @Rule(OR(Sign(name="neuro_symptom"), Answer(muscle_cramps=True), Answer(twitches_spasms=True),
             Answer(muscle_aches=True), Answer(bone_pain=True), Answer(restless_legs=True),
             Answer(fatigue=True), Answer(pale_or_breathless=True), Answer(memory_or_mood=True),
             Answer(sore_tongue=True), Answer(palpitations=True), Answer(back_pain=True)))
    @sign("any_symptom", reason="at least one symptom is present", source=SPEC)
    def sign_any_symptom(self):
        """Any symptom at all."""

    @Rule(Answer(duration="days"), Answer(worsening=False), Answer(both_sides=True))
    @sign("brief_stable_symmetric",
          reason="symptoms known to be only days old, not getting worse, and in both legs",
          source=SPEC + "; NHS: peripheral neuropathy")
    def sign_brief_stable_symmetric(self):
        """Only days, stable and on both sides: the one case a neuro symptom may wait."""

    @Rule(*MUSCLE_PATTERN)
    @sign("muscle_pattern",
          reason="weak legs on both sides with no numbness, tingling, burning or clumsiness: the pattern of a "
                 "muscle problem, in which trouble walking is the weakness itself rather than unsteadiness",
          source=f"{MYOPATHY}; docs/knowledge.md 11b")
    def sign_muscle_pattern(self):
        """The muscle pattern (a myopathy): trouble walking then reads as weakness, not as an ataxia."""

    @Rule(Answer(difficulty_walking=True),
          OR(NOT(Answer(leg_weakness=True)), Answer(both_sides=False), Answer(poor_coordination=True),
             Answer(numbness=True), Answer(tingling=True), Answer(burning_feet=True)))
    @sign("unsteady_walking",
          reason="trouble walking or balancing outside the muscle pattern (no weak legs, or weakness on one "
                 "side, or with numbness, tingling, burning or clumsiness): it may be unsteadiness (an ataxia)",
          source=f"{MYOPATHY}; docs/knowledge.md 11b")
    def sign_unsteady_walking(self):
        """Trouble walking that may be an ataxia: exactly when it is not in the muscle pattern."""

    @Rule(OR(Answer(malabsorption=True), Answer(stomach_surgery=True), Answer(nitrous_oxide=True)))
    @sign("poor_absorption",
          reason="a gut condition, stomach surgery or nitrous oxide stops supplements working as well",
          source="docs/knowledge.md 11b; NICE NG239 (2024)")
    def sign_poor_absorption(self):
        """Absorption (or, for nitrous oxide, use) of nutrients is impaired."""

    @Rule(OR(Answer(diuretic=True), Answer(acid_reducer=True), Answer(recent_vomiting_diarrhea=True),
             Answer(potassium_raising_meds=True), Answer(kidney_disease=True)))
    @sign("electrolyte_risk",
          reason="a medicine, illness or kidney problem that can upset potassium or magnesium",
          source="FDA 2011 (PPIs and magnesium); NIH ODS, Potassium fact sheet")
    def sign_electrolyte_risk(self):
        """Something that can shift potassium or magnesium levels."""

    @Rule(OR(Answer(muscle_cramps=True), Answer(twitches_spasms=True), Answer(leg_weakness=True)))
    @sign("cramp_or_weakness", reason="cramps, twitches or leg weakness are present", source=SPEC)
    def sign_cramp_or_weakness(self):
        """Cramps, twitches or weakness."""

    # --- the gate --------------------------------------------------------
    @Rule(Evidence(nutrient=MATCH.nutrient, kind=one_of(CARDINAL, SUPPORTING)))
    @suspect(reason="a symptom that fits this nutrient is present, so its risk factors now count",
             source="NICE NG239 (2024): test when there is a symptom and a risk factor")
    def gate_compatible_symptom(self, nutrient):
        """Open the gate: risk factors only count once a compatible symptom is present."""

    # --- supplements already taken ----------------------------------------
    @Rule(Suspect(nutrient=MATCH.nutrient), Answer(supplements=MATCH.nutrient),
          NOT(Sign(name="poor_absorption")))
    @evidence(None, SUPPLEMENT_CF, SUPPLEMENT,
              reason="you already take it as a supplement, which makes a shortage less likely",
              source="docs/knowledge.md 11b")
    def supplement_already_taken(self, nutrient):
        """A supplement already taken lowers the odds."""

    @Rule(Suspect(nutrient=MATCH.nutrient), Answer(supplements=MATCH.nutrient), Sign(name="poor_absorption"))
    @evidence(None, SUPPLEMENT_POOR_ABSORPTION_CF, SUPPLEMENT,
              reason="you already take it, but with a gut condition or stomach surgery (which stop supplements "
                     "being absorbed well) or nitrous oxide (which stops B12 working), a supplement may not be "
                     "enough, so this lowers the odds only a little",
              source="docs/knowledge.md 11b; NICE NG239 (2024)")
    def supplement_taken_poor_absorption(self, nutrient):
        """A supplement helps less when absorption is the problem."""

    # --- one-sided symptoms ----------------------------------------------
    @Rule(Suspect(nutrient=MATCH.nutrient), Answer(both_sides=False))
    @evidence(None, LOWERS, PROTECTIVE,
              reason="your symptoms are in one leg, while a shortage usually affects both legs alike",
              source="Medscape: beriberi (symmetrical neuropathy); docs/knowledge.md 9 (engine notes 3-4)")
    def one_sided_symptoms(self, nutrient):
        """Deficiencies cause symmetrical symptoms; one-sided ones point elsewhere."""

    # --- general advice ----------------------------------------------------
    @Rule(Answer(both_sides=False), Sign(name="neuro_symptom"), NOT(Answer(back_pain=True)))
    @advice("Symptoms in one leg only are more often caused by a trapped nerve, a back problem or a "
            "circulation problem than by a shortage of a nutrient: a doctor can examine you.",
            source="docs/knowledge.md 9 (rule-engine notes 3-4); NHS: peripheral neuropathy")
    def advice_one_sided(self):
        """One-sided symptoms need an examination."""

    @Rule(Answer(fluid_intake="low"), OR(Answer(muscle_cramps=True), Answer(leg_weakness=True),
                                         Answer(muscle_aches=True)))
    @advice("Drinking too little can add to cramps and tired muscles: aim to drink regularly through "
            "the day.", source="article: Creating a Nutrient-Rich Diet (stay well hydrated)")
    def advice_hydration(self):
        """Low fluid intake with muscle symptoms: hydrate."""

    @Rule(Answer(heavy_exercise=True), Answer(muscle_cramps=True))
    @advice("Hard exercise and heavy sweating lose fluid and salts: drink during and after exercise, and "
            "mention the cramps if they keep coming back.",
            source="docs/knowledge.md 11 (heavy exercise; our judgement)")
    def advice_exercise_cramps(self):
        """Exercise-related cramps: fluids and salts."""

    # --- competing causes (named before the nutrients; spec section 4) -------
    @Rule(Answer(diabetes=True), OR(Answer(numbness=True), Answer(tingling=True), Answer(burning_feet=True),
                                    Answer(difficulty_walking=True), Answer(poor_coordination=True)))
    @advice("With diabetes, numb, tingling or burning feet, and the unsteadiness that lost feeling brings, are "
            "often caused by the diabetes itself (diabetic neuropathy). A shortage can add to it (metformin, for "
            "example, can lower B12), so a doctor checks both: keep up your regular foot checks and tell your "
            "diabetes team.",
            source="NHS: peripheral neuropathy (numbness and tingling, burning pain, loss of balance and "
                   "co-ordination); NICE NG19 (diabetic foot problems); docs/knowledge.md 9")
    def competing_diabetes(self):
        """Diabetes is itself a cause of neuropathy."""

    @Rule(Answer(alcohol="heavy"), OR(Answer(numbness=True), Answer(tingling=True), Answer(burning_feet=True)))
    @advice("Heavy drinking can itself damage the nerves in the feet (alcohol-related neuropathy): tell the "
            "doctor how much you drink, since cutting down matters as much as any vitamin.",
            source="NHS: peripheral neuropathy (causes: drinking too much alcohol); NHS: alcohol misuse (risks); "
                   "docs/knowledge.md 9")
    def competing_alcohol(self):
        """Heavy drinking is itself a cause of neuropathy (and a risk for thiamine, folate, B12, magnesium and
        potassium, for which it therefore explains nothing away)."""

    @Rule(Answer(statin=True), OR(Answer(muscle_aches=True), Answer(muscle_cramps=True),
                                  Answer(leg_weakness=True)))
    @advice("Statins can cause muscle aches, cramps or weakness. Do not stop your statin on your own: tell "
            "the doctor who prescribes it, who can check your muscles with a blood test and change the dose "
            "or the medicine if needed.",
            source="NHS: statins (side effects); BMJ clinical review: statin-induced myopathy; "
                   "docs/knowledge.md 9")
    def competing_statin(self):
        """Statin myopathy competes with the nutrients behind aches, cramps and weakness."""

    @Rule(Answer(thyroid=True), OR(Answer(muscle_cramps=True), Answer(muscle_aches=True), Answer(fatigue=True),
                                   Answer(numbness=True), Answer(tingling=True)))
    @advice("An under-active thyroid can itself cause cramps, aching muscles, tiredness, and numbness or "
            "tingling: ask your doctor whether your thyroid treatment needs checking.",
            source="NHS: underactive thyroid (symptoms); docs/knowledge.md 9")
    def competing_thyroid(self):
        """Hypothyroidism competes with the nutrients behind cramps, aches, tiredness and numbness."""

    @Rule(Answer(both_sides=False), Answer(back_pain=True), Sign(name="neuro_symptom"))
    @advice("Symptoms in one leg together with back pain are most often caused by a trapped nerve in the back "
            "(sciatica) rather than by a shortage of a nutrient: a doctor can examine you.",
            source="NHS: sciatica; docs/knowledge.md 9 (one-sided symptoms point away from a shortage)")
    def competing_trapped_nerve(self):
        """One-sided symptoms with back pain: a trapped nerve."""

    @Rule(Answer(duration="minutes"), OR(Answer(numbness=True), Answer(tingling=True)))
    @advice("Pins and needles or numbness that pass within minutes, for example after sitting or lying in one "
            "position, usually come from pressure on a nerve rather than from a shortage of a nutrient. See a "
            "GP if they keep coming back, stop passing, or spread.",
            source="NHS: pins and needles (common and usually harmless when from sitting or lying on a limb; "
                   "see a GP if they keep coming back or do not go away); docs/knowledge.md 9")
    def competing_nerve_pressure(self):
        """Pins and needles that pass within minutes: pressure on a nerve, not a shortage."""

    @Rule(Answer(known_cancer=True), OR(Answer(leg_weakness=True), Answer(numbness=True), Answer(tingling=True),
                                        Answer(difficulty_walking=True), Answer(poor_coordination=True)),
          NOT_OLD_AND_STABLE)
    @advice("With cancer now or in the past, weakness, numbness or walking trouble in the legs that may be new "
            "or changing can come from the cancer pressing on the spinal cord, which doctors check for before "
            "anything else: tell them about the cancer.",
            source="NICE NG234 (2023): metastatic spinal cord compression (limb weakness, walking trouble or "
                   "sensory change in a person with cancer); docs/knowledge.md 9")
    def competing_cancer_cord(self):
        """Cancer with new or changing leg symptoms: pressure on the spinal cord competes with every nutrient."""

    # --- other advice ------------------------------------------------------
    @Rule(Answer(eating_disorder=True), Sign(name="any_symptom"))
    @advice("For an eating disorder, now or suspected, your GP can help, and in the UK the charity Beat "
            "offers support. After a long time of eating very little, restart eating with medical "
            "help: eating normally again too fast can upset salts and thiamine in the body.",
            source="NICE NG69 (eating disorders); EM Cases / eTG: refeeding syndrome; docs/knowledge.md 11")
    def advice_eating_disorder(self):
        """Eating disorder: signpost support; refeeding needs medical help."""

    @Rule(Answer(liquorice=True), Sign(name="any_symptom"))
    @advice("Real liquorice (in sweets, teas or herbal remedies) makes the body lose potassium and can raise blood "
            "pressure: stop eating it, and tell the doctor how much you have had and for how long.",
            source="FDA consumer update (black licorice: with muscle weakness or an irregular heartbeat, stop "
                   "eating it and contact a doctor); NHS: liquorice (high blood pressure and low potassium); "
                   "StatPearls: hypokalemia")
    def advice_liquorice(self):
        """Liquorice with any symptom: stop it (its potassium effect wears off over weeks)."""

    @Rule(Answer(recent_vomiting_diarrhea=True), Sign(name="any_symptom"))
    @advice("Keep sipping fluids: an oral rehydration solution from a pharmacy replaces the salts you lose. If "
            "you cannot keep fluids down, or pass very little urine, get help today.",
            source="NHS: diarrhoea and vomiting (drink fluids, oral rehydration sachets; get help if you cannot "
                   "keep fluids down or show signs of dehydration)")
    def advice_fluids_vomiting(self):
        """Days of vomiting or diarrhoea: fluids and salts, and when to get help."""

    @Rule(Answer(muscle_cramps=True))
    @advice("To ease a cramp, stretch the muscle: pull your toes up towards your knee, or walk about. Gentle calf "
            "stretches before bed can make night cramps less frequent.",
            source="NHS: leg cramps (stretch and massage the muscle; calf stretches before bed)")
    def advice_cramp_stretch(self):
        """Cramps: how to ease them (whatever their cause)."""

    @Rule(Answer(nitrous_oxide=True))
    @advice("Nitrous oxide (laughing gas) stops vitamin B12 working and can damage nerves even when a B12 "
            "blood test looks normal, so tell the doctor about it: they may also check homocysteine or "
            "methylmalonic acid (MMA), which show blocked B12 when the B12 level itself looks normal. Stopping "
            "is the most important step.",
            source="NICE NG239 (2024)")
    def advice_nitrous_oxide(self):
        """Nitrous oxide: tell the doctor, standard tests can miss it."""

    @Rule(Answer(alcohol="heavy"))
    @advice("If you drink heavily, do not stop suddenly without medical help: withdrawal can cause fits. "
            "Your doctor can help you cut down safely.",
            source="docs/knowledge.md 11b (heavy alcohol); NICE CG115 (alcohol withdrawal)")
    def advice_alcohol_withdrawal(self):
        """Never advise stopping heavy drinking suddenly."""
