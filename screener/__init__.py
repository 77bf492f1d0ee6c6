"""screener: a rule-based screen for nutrient deficiencies behind leg symptoms.

It screens; it does not diagnose.  The public API is :func:`screener.engine.screen`.
Importing this package is cheap: experta is imported only by the engine.
"""

import os as _os

from screener import _compat  # noqa: F401  (lets experta 1.9.4 import on Python 3.10+)

# The knowledge base lives in the checkout's top-level ``rules/`` folder (the
# project's layout) and is installed as ``screener.rules``.  Imported from a
# checkout (``python -m pytest`` at the root, whatever is installed), this
# package has no ``rules`` subfolder: find ``screener.rules`` in ``rules/``
# beside it, so a checkout imports the same package an installed copy does.
_HERE = _os.path.dirname(_os.path.abspath(__file__))
if not _os.path.isdir(_os.path.join(_HERE, "rules")) and \
        _os.path.isfile(_os.path.join(_HERE, _os.pardir, "rules", "__init__.py")):
    __path__.append(_os.path.normpath(_os.path.join(_HERE, _os.pardir)))  # type: ignore[name-defined]

__version__ = "1.0.0"
#: Bumped whenever the clinical content of the rules changes.
KNOWLEDGE_VERSION = "2026.12"
