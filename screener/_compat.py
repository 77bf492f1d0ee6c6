"""Make experta 1.9.4 importable on Python 3.10+.

experta pins frozendict 1.2, which subclasses ``collections.Mapping``; that
alias was removed in Python 3.10.  Restore it before experta is imported.
"""

import collections
import collections.abc

if "Mapping" not in vars(collections):  # vars(): hasattr() itself warns on 3.9
    collections.Mapping = collections.abc.Mapping  # type: ignore[attr-defined]
