"""screener: a rule-based screen for nutrient deficiencies behind leg symptoms.

It screens; it does not diagnose.  The public API is :func:`screener.engine.screen`.
Importing this package is cheap: experta is imported only by the engine.
"""

from screener import _compat  # noqa: F401  (lets experta 1.9.4 import on Python 3.10+)

__version__ = "1.0.0"
#: Bumped whenever the clinical content of the rules changes.
KNOWLEDGE_VERSION = "2026.11"
