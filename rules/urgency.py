"""Urgency: when to see a doctor, apart from red flags.

screener spec (facts.md section 4): see_doctor for any neuro symptom (unless
known to be only days old, not worsening and in both legs), any symptom lasting
weeks or months or getting worse, and anyone under 16 with a symptom.  A
suggestion at level "high" also means see_doctor; that depends on combined
confidence, so the scoring step applies it, not a rule.
"""

from screener.kb import NOT
from screener.kb import OR
from screener.kb import Answer
from screener.kb import Rule
from screener.kb import Sign
from screener.kb import below
from screener.kb import concern
from screener.kb import one_of
from screener.kb import sign

SEE_DOCTOR = "see_doctor"
SPEC = "screener spec (facts.md section 4)"
NEUROPATHY = "NHS: peripheral neuropathy"


class UrgencyRules:
    # --- signs the red-flag combinations and urgency rules share ----------
    @Rule(OR(Answer(leg_weakness=True), Answer(difficulty_walking=True), Answer(poor_coordination=True)))
    @sign("motor_symptom", reason="leg weakness, walking or balance trouble, or clumsy movements are present",
          source="screener spec (facts.md section 2, 2nd ed.: motor symptoms)")
    def sign_motor_symptom(self):
        """A motor symptom: weakness, walking or coordination trouble."""

    @Rule(OR(Answer(alcohol="heavy"), Answer(stomach_surgery=True), Answer(recent_vomiting_diarrhea=True),
             Answer(eating_disorder=True)))
    @sign("wernicke_risk",
          reason="heavy drinking, stomach surgery, days of vomiting or an eating disorder can use up thiamine fast",
          source="knowledge/nutrients.md 9a (Wernicke encephalopathy); NICE CG100 (2010, updated 2017)")
    def sign_wernicke_risk(self):
        """A situation where thiamine can run out quickly (Wernicke's encephalopathy)."""

    @Rule(Sign(name="neuro_symptom"), NOT(Sign(name="brief_stable_symmetric")))
    @concern(SEE_DOCTOR,
             reason="nerve or weakness symptoms in the legs deserve a doctor's examination",
             source=f"{SPEC}; {NEUROPATHY}")
    def see_doctor_neuro_symptom(self):
        """Any neuro symptom, unless only days old, stable and on both sides."""

    @Rule(Sign(name="any_symptom"), Answer(duration=one_of("weeks", "months")))
    @concern(SEE_DOCTOR,
             reason="symptoms that have lasted weeks or months need a proper assessment and blood tests",
             source=f"{SPEC}; NICE NG239 (2024)")
    def see_doctor_lasting_symptoms(self):
        """Symptoms lasting weeks or months."""

    @Rule(Sign(name="any_symptom"), Answer(worsening=True))
    @concern(SEE_DOCTOR,
             reason="symptoms that are getting worse need a doctor's assessment",
             source=f"{SPEC}; {NEUROPATHY}")
    def see_doctor_worsening(self):
        """Symptoms getting worse."""

    @Rule(Sign(name="any_symptom"), Answer(age=below(16)))
    @concern(SEE_DOCTOR,
             reason="this tool is for adults: a child or teenager with symptoms should see a doctor",
             source=SPEC)
    def see_doctor_under_16(self):
        """Under 16 with any symptom."""
