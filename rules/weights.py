"""Certainty factors used across the knowledge base (our judgement).

docs/knowledge.md section 0 grades risk factors strong / moderate /
weak; section 11b calls symptoms cardinal (a strong pointer) or supporting
(compatible but shared).  One grade, one number, so the scale is uniform and
tunable in one place.  A symptom alone stays low (a nutrient with no risk
factor is capped at 0.29); a cardinal symptom plus a strong risk factor
reaches "high" (0.3 + 0.5 x 0.7 = 0.65), as NICE NG239 asks for at least one
symptom and one risk factor before testing.
"""

STRONG = 0.5
MODERATE = 0.3
WEAK = 0.15

CARDINAL_CF = 0.3
SUPPORTING_CF = 0.1
#: A symptom the sources list only in severe or uncommon cases (docs/knowledge.md 11b): it adds a
#: little, but does not open the gate, so it never lets risk factors count by itself.
MINOR_CF = 0.05

#: Protective factors and supplements lower the odds.
LOWERS = -0.2
LOWERS_LITTLE = -0.1
SUPPLEMENT_CF = -0.4
SUPPLEMENT_POOR_ABSORPTION_CF = -0.1
