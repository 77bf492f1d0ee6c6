"""Question kinds: how an answer of each kind is read, described and said.

In the spirit of click's ``ParamType``, each kind of question (yes/no,
choice, age, nutrient list) is a small class with

- one :meth:`Kind.convert`, used by every way an answer comes in: fact files
  (:func:`screener.facts.normalise`), ``--set`` overrides
  (:func:`screener.facts.parse_override`) and the interview
  (:func:`screener.interview.parse_answer`), so ``yep`` means yes in all three;
  it returns the normalised value or raises :class:`ConversionError`;
- one :meth:`Kind.describe`, what the kind accepts, in the style each reader
  needs: ``allowed`` (error messages, the question table), ``values`` (data),
  ``hint`` and ``prompt`` (the interview), ``schema`` (the JSON Schema);
- one :meth:`Kind.to_words`, an answer in words (yes, no, not sure, nutrient
  names).

``convert`` reads *words*: the contract's values and the vocabulary's words
for them (:mod:`screener.vocabulary`: yes/no, "not sure", "veggie", "b12"),
in any case.  The interview reads more on top, what only makes sense in a
conversation: the number of a choice on the screen, the start of a shown
choice, a phrase inside a sentence ("I'm vegan", "a glass of wine at
weekends") or relative to today ("since the summer"), and words that need
asking back ("a bit", a bare "3").  No click here: library code raises plain
exceptions, and only the command line turns them into usage errors.
"""

from __future__ import annotations

import re
from typing import Any

from screener import vocabulary
from screener.vocabulary import UNKNOWN


class ConversionError(ValueError):
    """A value a question kind does not accept.

    ``problem`` says what is wrong ("not a yes/no answer"), ``suggestion`` is
    a did-you-mean, ``ask_back`` (a :class:`vocabulary.AskBack`) what to ask
    when the words are not enough, ``item`` the bad item of a list."""

    def __init__(self, problem: str, *, suggestion: str | None = None, ask_back: Any = None,
                 item: Any = None, has_item: bool = False):
        super().__init__(problem)
        self.problem = problem
        self.suggestion = suggestion
        self.ask_back = ask_back
        self.item = item
        self.has_item = has_item


def suggest(word: str, options) -> str | None:
    """The closest of ``options`` to ``word`` (a did-you-mean), or None."""
    import difflib  # only for a bad answer's "did you mean" (not on the start-up path)

    close = difflib.get_close_matches(str(word).lower(), list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def to_words(value: Any, names: bool = True) -> str:
    """An answer in words: yes, no, not sure, nutrient names (ids with
    ``names=False``, as a condition or a typed answer reads them), none."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (tuple, list)):
        from screener.questions import NUTRIENT_NAMES

        return ", ".join(NUTRIENT_NAMES.get(v, v) if names else v for v in value) or "none"
    if value == UNKNOWN:
        return "not sure"
    return str(value)


def _type_name(value: Any) -> str:
    return type(value).__name__


# --- JSON Schema patterns ----------------------------------------------------------

def _word_pattern(word: str, space: str = r"\s+") -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else (space if c == " " else re.escape(c))
                   for c in word)


def ci_pattern(words) -> str:
    """A regex matching any of the words, in any case, with spaces around
    (and any run of spaces, or a trailing full stop, as the vocabulary reads them)."""
    return r"^\s*(?:" + "|".join(_word_pattern(w) for w in words) + r")[.!]*\s*$"


UNKNOWN_WORDS = tuple(sorted(vocabulary.NOT_SURE))


class Kind:
    """One kind of question.  Subclasses give ``name`` and ``_convert``."""

    name = ""

    def convert(self, value: Any) -> Any:
        """The normalised value of an answer (UNKNOWN for none or "not sure"),
        or ConversionError."""
        if value is None:
            return UNKNOWN
        if isinstance(value, str) and (vocabulary.norm(value) in vocabulary.NOT_SURE
                                       or value.strip().lower() in vocabulary.NOT_SURE):  # "?!"
            return UNKNOWN
        return self._convert(value)

    def _convert(self, value: Any) -> Any:  # pragma: no cover - every kind overrides it
        raise NotImplementedError

    def describe(self, style: str = "allowed") -> Any:
        """What the kind accepts: ``allowed`` (words, for errors and tables),
        ``values`` (data), ``hint`` (the interview's help), ``prompt`` (the
        interview's prompt), ``schema`` (JSON Schema alternatives)."""
        return getattr(self, "_" + style)()

    def to_words(self, value: Any) -> str:
        """An answer for people: yes, no, not sure, nutrient names."""
        return to_words(value)

    def candidates(self) -> list:
        """The answers worth trying when asking "could this answer change the outcome?"."""
        return []

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class YesNo(Kind):
    """Yes or no: ``true``/``false``, or the vocabulary's words (yes, yep, nope...)."""

    name = "yesno"
    PROBLEM = "not a yes/no answer"

    def _convert(self, value: Any) -> Any:
        if isinstance(value, bool):
            return value
        if not isinstance(value, str):
            raise ConversionError(f"{self.PROBLEM} (got {_type_name(value)})")
        word = vocabulary.norm(value)
        answer = vocabulary.yes_no(word)
        if isinstance(answer, vocabulary.AskBack):
            raise ConversionError(self.PROBLEM, ask_back=answer)
        if answer is None:
            raise ConversionError(self.PROBLEM, suggestion=suggest(word, vocabulary.ANSWER_WORDS))
        return answer

    def candidates(self) -> list:
        return [True, False]

    def _allowed(self) -> str:
        return "yes, no or unknown"

    def _values(self) -> list:
        return ["yes", "no", UNKNOWN]

    def _hint(self) -> str:
        return "yes, no or not sure"

    def _prompt(self) -> str:
        return "[yes/no/not sure]"

    def _schema(self) -> list:
        words = tuple(sorted(vocabulary.YES | vocabulary.NO))
        leads = "|".join(_word_pattern(w) for w in vocabulary.YES_NO_LEADS)
        return [{"type": "boolean"},
                {"type": "string", "pattern": ci_pattern((*words, *UNKNOWN_WORDS))},
                {"type": "string", "pattern": rf"^\s*(?:{leads})(?:,|,?\s+\S.*)$",
                 "description": "yes or no followed by more words: 'yes, a little'"}]


class Choice(Kind):
    """One of the question's choices, or the vocabulary's word for one ("veggie")."""

    name = "choice"

    def __init__(self, qid: str, choices: tuple[str, ...], menu: bool = True):
        self.qid = qid
        self.choices = tuple(choices)
        #: Offered as a numbered menu; False for a quantity (a bare "3" may mean three days).
        self.menu = menu

    def _convert(self, value: Any) -> Any:
        if isinstance(value, bool):
            raise ConversionError("not one of the choices (got a yes/no value)")
        if not isinstance(value, str):
            raise ConversionError(f"not one of the choices (got {_type_name(value)})")
        word = vocabulary.norm(value)
        if word in self.choices:
            return word
        lay = vocabulary.word_value(self.qid, word, self.choices)
        if lay is not None:
            return lay
        raise ConversionError("not one of the choices", suggestion=suggest(word, self.choices))

    def candidates(self) -> list:
        return list(self.choices)

    def _allowed(self) -> str:
        return ", ".join(self.choices) + " or unknown"

    def _values(self) -> list:
        return [*self.choices, UNKNOWN]

    def _hint(self) -> str:
        if self.qid == "duration":
            return "in words, for example '3 days', 'a couple of months', or 'not sure'"
        if not self.menu:
            return ", ".join(self.choices) + " (in words), or not sure"
        return ", ".join(f"{n} {c}" for n, c in enumerate(self.choices, 1)) + " (a number or a word), or not sure"

    def _prompt(self) -> str:
        if not self.menu:
            return "[" + ", ".join(self.choices) + ", not sure]"
        return "[" + ", ".join(f"{n} {c}" for n, c in enumerate(self.choices, 1)) + ", not sure]"

    def _schema(self) -> list:
        words = sorted(vocabulary.words_for(self.qid, self.choices))
        return [{"type": "string", "pattern": ci_pattern((*self.choices, *words, *UNKNOWN_WORDS))}]

    def __repr__(self) -> str:
        return f"Choice({self.qid!r}, {self.choices!r})"


class Age(Kind):
    """A whole number of years, 1 to 120 ("42", 42, "42 years")."""

    name = "age"
    LOW, HIGH = 1, 120
    _TEXT = re.compile(r"([0-9]+)\s*(?:years?(?: old)?|yrs?|y)?")

    def _convert(self, value: Any) -> Any:
        if isinstance(value, bool):
            raise ConversionError("age must be a whole number, not yes/no")
        if isinstance(value, float):
            if not value.is_integer():
                raise ConversionError("age must be a whole number of years")
            value = int(value)
        if isinstance(value, str):
            m = self._TEXT.fullmatch(vocabulary.norm(value))
            if not m:
                raise ConversionError("age must be a whole number of years")
            value = int(m.group(1))
        if not isinstance(value, int):
            raise ConversionError(f"age must be a whole number (got {_type_name(value)})")
        if not self.LOW <= value <= self.HIGH:
            raise ConversionError(f"age out of range ({self.LOW} to {self.HIGH})")
        return value

    def _allowed(self) -> str:
        return f"a whole number of years from {self.LOW} to {self.HIGH}, or unknown"

    def _values(self) -> list:
        return [f"{self.LOW}..{self.HIGH}", UNKNOWN]

    def _hint(self) -> str:
        return "your age in years, or not sure"

    def _prompt(self) -> str:
        return "[years, or not sure]"

    def _schema(self) -> list:
        years = r"(?:\s*(?:[yY][eE][aA][rR][sS]?(?:\s+[oO][lL][dD])?|[yY][rR][sS]?|[yY]))?"
        return [{"type": "integer", "minimum": self.LOW, "maximum": self.HIGH},
                {"type": "string", "pattern": r"^\s*0*(?:[1-9]|[1-9][0-9]|1[01][0-9]|120)" + years + r"[.!]*\s*$"},
                {"type": "string", "pattern": ci_pattern(UNKNOWN_WORDS)}]


#: What separates the items of a list typed as one line: "iron, b12 and d".
LIST_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|\+|&)\s*")


class NutrientList(Kind):
    """Nutrients: a list of ids, names or common names ("b12", "folic acid"), or none."""

    name = "nutrients"

    def __init__(self, nutrients: tuple[str, ...], names: dict[str, str]):
        self.nutrients = tuple(nutrients)
        self.names = names

    def _convert(self, value: Any) -> Any:
        items = value
        if isinstance(value, str):
            word = vocabulary.norm(value)
            if word in vocabulary.NONE or word == "":
                return ()
            items = [part for part in LIST_SEPARATORS.split(word) if part]
        if isinstance(items, bool) or not isinstance(items, (list, tuple)):
            raise ConversionError(f"supplements must be a list of nutrient ids (got {_type_name(value)})")
        out: list[str] = []
        for item in items:
            nid = self.item(item)
            if nid not in out:
                out.append(nid)
        return tuple(out)

    def item(self, item: Any) -> str:
        """One nutrient: its id from an id, a name or a common name, or ConversionError."""
        nid = vocabulary.find_nutrient(item) if isinstance(item, str) else None
        if nid is None:
            text = vocabulary.norm(item) if isinstance(item, str) else ""
            guess = suggest(text.replace(" ", "_"), self.nutrients) or suggest(text, vocabulary.nutrient_aliases())
            if guess is not None:
                guess = vocabulary.nutrient_aliases().get(guess, guess)
            raise ConversionError("not a nutrient id", suggestion=guess, item=item, has_item=True)
        return nid

    def candidates(self) -> list:
        return [(n,) for n in self.nutrients]

    def _allowed(self) -> str:
        return "a list of nutrient ids (" + ", ".join(self.nutrients) + "), [] for none, or unknown"

    def _values(self) -> list:
        return [*self.nutrients, UNKNOWN]

    def _hint(self) -> str:
        return ("a comma-separated list of nutrients (" + ", ".join(f"{n} {self.names[x]}"
                for n, x in enumerate(self.nutrients, 1)) + "), none, or not sure")

    def _prompt(self) -> str:
        return "[list, none, or not sure]"

    def _schema(self) -> list:
        names = sorted(vocabulary.nutrient_aliases(), key=lambda w: (-len(w), w))
        one = "(?:" + "|".join(_word_pattern(w, r"[\s_-]+") for w in names) + ")"
        listed = rf"^\s*{one}(?:\s*(?:,|;|\s[aA][nN][dD]\s|\+|&)\s*{one})*[.!]*\s*$"
        return [{"type": "array", "items": {"type": "string", "pattern": ci_pattern(names)}},
                {"type": "string", "pattern": listed},
                {"type": "string", "pattern": ci_pattern(("", *sorted(vocabulary.NONE), *UNKNOWN_WORDS))}]

    def __repr__(self) -> str:
        return "NutrientList()"


YESNO = YesNo.name
CHOICE = Choice.name
AGE = Age.name
NUTRIENT_LIST = NutrientList.name
