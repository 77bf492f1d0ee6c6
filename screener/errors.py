"""The errors library code raises for bad input (no click here).

Library code (reading fact files, converting answers, the interview, the
teaching tools) raises plain exceptions; only the command line turns them
into usage errors (exit status 2), in one place
(:func:`screener.options.usage_errors`).
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad input from the person (a fact file, an answer, an option's value,
    a file that cannot be written): the command line shows ``message`` and
    exits with status 2."""

    @property
    def message(self) -> str:
        return str(self)
