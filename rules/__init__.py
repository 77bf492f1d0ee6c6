"""The knowledge base: one module per nutrient or concern.

Each module defines one mixin class of experta rules (``...Rules``); the engine
is ``class Screener(*mixins, KnowledgeEngine)``.  Nutrient modules also define
``NUTRIENT`` and ``PROFILE`` (blood tests, food sources, standing cautions).
Installed as ``screener.rules`` (the top-level name ``rules`` belongs to
another PyPI package).
"""

from screener.rules import common
from screener.rules import folate
from screener.rules import iron
from screener.rules import magnesium
from screener.rules import potassium
from screener.rules import red_flags
from screener.rules import thiamine
from screener.rules import urgency
from screener.rules import vitamin_b12
from screener.rules import vitamin_d
from screener.rules import vitamin_e

#: Rule modules, in the order the catalogue lists them.
MODULES = (red_flags, urgency, common, vitamin_b12, vitamin_d, thiamine, folate, vitamin_e, iron,
           magnesium, potassium)

NUTRIENT_MODULES = {m.NUTRIENT: m for m in MODULES if hasattr(m, "NUTRIENT")}
