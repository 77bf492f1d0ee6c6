"""Urgency: when to see a doctor, apart from red flags.

screener spec (facts.md section 4, 2nd ed.): see_doctor for
- any motor symptom (leg weakness, walking or coordination trouble);
- any sensory symptom (numbness, tingling, burning feet) unless it passes
  within minutes, or is known to be days old, not worsening and in both legs;
- any symptom lasting weeks or months, getting worse, or of unknown
  duration (unknown is not "brief");
- anyone under 16 with a symptom;
- diabetes with numb, tingling or burning feet (docs/knowledge.md 13c);
- any suggestion at level moderate or high: that depends on the combined,
  capped confidence, so the report builder applies it after scoring
  (``screener.report.urgency_of``), not a rule.
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
DURATIONS = ("minutes", "days", "weeks", "months")


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
          source="docs/knowledge.md 13a (Wernicke encephalopathy); NICE CG100 (2010, updated 2017)")
    def sign_wernicke_risk(self):
        """A situation where thiamine can run out quickly (Wernicke's encephalopathy)."""

    @Rule(Answer(duration="minutes"))
    @sign("brief_episodes",
          reason="each episode passes within minutes, like pins and needles after sitting still",
          source=f"{SPEC} (2nd ed.); NHS: pins and needles")
    def sign_brief_episodes(self):
        """Episodes that pass within minutes: a sensory symptom may wait."""

    # --- see a doctor -------------------------------------------------------
    @Rule(Sign(name="neuro_symptom"), NOT(Sign(name="brief_stable_symmetric")), NOT(Sign(name="brief_episodes")))
    @concern(SEE_DOCTOR,
             reason="nerve or weakness symptoms in the legs deserve a doctor's examination",
             source=f"{SPEC}; {NEUROPATHY}")
    def see_doctor_neuro_symptom(self):
        """Any neuro symptom, unless it passes within minutes, or is only days old, stable and on both sides."""

    @Rule(Sign(name="motor_symptom"))
    @concern(SEE_DOCTOR,
             reason="weak legs, trouble walking or balancing, or clumsy movements always need a doctor's "
                    "examination",
             source=f"{SPEC} (2nd ed.: self-care only for sensory symptoms); {NEUROPATHY}")
    def see_doctor_motor_symptom(self):
        """A motor symptom never waits (only sensory ones may)."""

    @Rule(Sign(name="any_symptom"), Answer(duration=one_of("weeks", "months")))
    @concern(SEE_DOCTOR,
             reason="symptoms that have lasted weeks or months are worth a doctor's assessment",
             source=f"{SPEC}; NICE NG239 (2024)")
    def see_doctor_lasting_symptoms(self):
        """Symptoms lasting weeks or months."""

    @Rule(Sign(name="any_symptom"), Answer(worsening=True))
    @concern(SEE_DOCTOR,
             reason="symptoms that are getting worse need a doctor's assessment",
             source=f"{SPEC}; {NEUROPATHY}")
    def see_doctor_worsening(self):
        """Symptoms getting worse."""

    @Rule(Sign(name="any_symptom"), NOT(Answer(duration=one_of(*DURATIONS))))
    @concern(SEE_DOCTOR,
             reason="it is not known how long the symptoms have lasted, so they cannot be taken as brief",
             source=f"{SPEC} (2nd ed.: unknown duration is not brief)")
    def see_doctor_unknown_duration(self):
        """Symptoms of unknown duration are not 'brief'."""

    @Rule(Sign(name="any_symptom"), Answer(age=below(16)))
    @concern(SEE_DOCTOR,
             reason="a child or teenager with these symptoms should always be examined by a doctor",
             source=SPEC)
    def see_doctor_under_16(self):
        """Under 16 with any symptom."""

    @Rule(Answer(diabetes=True), OR(Answer(numbness=True), Answer(tingling=True), Answer(burning_feet=True)),
          NOT(Answer(duration="minutes")))
    @concern(SEE_DOCTOR,
             reason="with diabetes, numb, tingling or burning feet need a doctor's check, because diabetes "
                    "itself is the commonest cause",
             source="docs/knowledge.md 13c (diabetes with numb or tingling feet: book a GP); " + NEUROPATHY +
                    "; NHS: pins and needles (those that pass within minutes are pressure on a nerve)")
    def see_doctor_diabetes_feet(self):
        """Diabetes with sensory symptoms in the feet that do not pass within minutes: a routine doctor's check."""

    @Rule(Answer(potassium_raising_meds=True), OR(Answer(palpitations=True), Answer(leg_weakness=True)))
    @concern(SEE_DOCTOR,
             reason="on a medicine that raises potassium, palpitations or weakness need a potassium blood test",
             source="Cleveland Clinic J Med 2019 (ACE inhibitors, ARBs and potassium); NHS Highland: "
                    "hyperkalaemia guidelines")
    def see_doctor_potassium_raising_meds(self):
        """The report asks for a potassium test, so it is never self-care."""
