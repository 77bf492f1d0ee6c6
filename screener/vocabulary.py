"""The words people use, mapped to the contract's values (one place).

Words: yes and no (:data:`YES`, :data:`NO`, :func:`yes_no`), "not sure"
(:data:`NOT_SURE`), "none" (:data:`NONE`), everyday words for a choice
(:func:`word_value`: "veggie" -> ``vegetarian``), for a nutrient
(:func:`find_nutrient`: "b12", "folic acid") and the interview's commands
(:func:`command`).  The question kinds (:mod:`screener.kinds`) read answers
through these, the same way for fact files, ``--set`` and the interview.

Sentences, which only the interview reads (:func:`lay_choice`): a phrase
inside one ("I'm vegan"), an amount ("a glass of wine at weekends" ->
``moderate``), a time relative to today ("a couple of months", "since the
summer" -> ``weeks``), or what to ask back (:class:`AskBack`) when the words
are not enough ("a bit" to a yes/no question; a bare "3" for how long).
Nothing here guesses silently between two readings: a quantity typed as a
bare number is never taken as a menu choice.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

UNKNOWN = "unknown"

#: "Not sure", in the ways people say it.
NOT_SURE = {"not sure", "not_sure", "notsure", "not-sure", "unsure", "unknown", "don't know", "dont know", "do not know",
            "i don't know", "i dont know", "i do not know", "idk", "dk", "dunno", "no idea", "ns", "skip", "pass",
            "n/s", "can't say", "cant say", "can't remember", "cant remember", "not certain", "no clue",
            "who knows", "?!"}
YES = {"yes", "y", "yeah", "yea", "yep", "yup", "yes please", "true", "definitely", "certainly", "of course",
       "i do", "i am", "i have", "correct", "right", "affirmative", "ja", "oui", "si", "sure", "absolutely",
       "a lot", "lots", "very much", "all the time", "always", "most days", "often", "usually"}
NO = {"no", "n", "nope", "nah", "false", "not really", "never", "i don't", "i dont", "i am not", "i'm not",
      "i haven't", "i havent", "none", "non", "nein", "not at all", "no never", "definitely not", "rarely"}
#: Answers between yes and no: asked back as yes/no with a hint.
IN_BETWEEN = {"a bit", "a little", "a little bit", "bit", "sometimes", "some times", "kind of", "kinda",
              "sort of", "sorta", "maybe", "perhaps", "occasionally", "now and then", "now and again",
              "on and off", "off and on", "slightly", "somewhat", "a little sometimes", "not much",
              "hardly", "hardly ever", "possibly", "probably", "probably not", "i think so", "i guess",
              "mildly", "mild", "comes and goes", "partly"}

#: The interview's commands, in the words people type for them (any question, list or screen).
COMMANDS = {
    "why": {"?", "why", "why?", "w"},
    "back": {"back", "undo", "b", "<"},
    "quit": {"quit", "exit", "q", "stop", ":q"},
    "help": {"help", "h", "commands"},
}
#: "None of them", for a list of nutrients or of signs.
NONE = {"none", "no", "nothing", "nil", "-", "[]", "n", "0 none", "none of them", "none of these", "neither",
        "nope", "nah", "no none", "no, none"}

#: The answers a yes/no question offers, for a did-you-mean.
ANSWER_WORDS = ("yes", "no", "not sure")
#: Words that start a longer yes or no ("yes, a little", "no, never").
YES_LEADS = ("yes", "yeah", "yep", "y")
NO_LEADS = ("no", "nope", "nah")
YES_NO_LEADS = (*YES_LEADS, *NO_LEADS)

YES_NO_HINT = ("please answer yes or no: if you notice it often enough that it bothers you or it is new, "
               "say yes; if you are really not sure, say 'not sure'")


@dataclass(frozen=True)
class AskBack:
    """The words are not enough: ask this and read the answer again.

    ``prefix`` is put before the follow-up answer ("3" then "weeks" reads
    "3 weeks")."""

    question: str
    prefix: str = ""


def norm(text: str) -> str:
    """Lower case, single spaces, no trailing full stop or exclamation mark."""
    return " ".join(text.strip().lower().replace("\u2019", "'").split()).rstrip(".!")


def command(text: str) -> str | None:
    """The command a person typed (why, back, quit, help), or None."""
    word = norm(text)
    if text.strip() == "?":
        return "why"
    return next((name for name, words in COMMANDS.items() if word in words), None)


# --- yes/no -------------------------------------------------------------------

def yes_no(word: str):
    """True, False, UNKNOWN, an AskBack, or None (not a yes/no answer)."""
    if word in NOT_SURE:
        return UNKNOWN
    if word in YES:
        return True
    if word in NO:
        return False
    if word in IN_BETWEEN:
        return AskBack(f"'{word}': {YES_NO_HINT}.")
    first = word.split(" ", 1)[0].rstrip(",")
    if first in YES_LEADS and len(word) > len(first):
        return True  # "yes, a little", "yes sometimes"
    if first in NO_LEADS and len(word) > len(first):
        return False
    return None


# --- how long -----------------------------------------------------------------

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a couple": 2,
            "couple of": 2, "couple": 2, "a few": 3, "few": 3, "several": 4, "half a": 0.5, "a half": 0.5,
            "some": 3, "many": 6}
_UNITS = {"minute": "minutes", "min": "minutes", "hour": "hours", "hr": "hours", "day": "days", "night": "days",
          "week": "weeks", "wk": "weeks", "fortnight": "fortnights", "month": "months", "mo": "months",
          "year": "years", "yr": "years"}
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12, "christmas": 12,
                 "easter": 4, "new year": 1}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
         "this morning", "last night", "the weekend", "the week end", "last week")
_LONG = ("ages", "a long time", "a long while", "years", "forever", "for ever", "as long as i can remember",
         "a while", "long time", "since childhood", "since i was a child")
_PASSING = ("comes and goes in minutes", "only for minutes", "a few minutes at a time", "passes in minutes",
            "after sitting", "when i sit", "when i cross my legs")


def _days_of(amount: float, unit: str) -> float:
    return amount * {"minutes": 1 / 1440, "hours": 1 / 24, "days": 1, "weeks": 7, "fortnights": 14,
                     "months": 30.4, "years": 365}[unit]


def duration_band(days: float, choices: tuple[str, ...]) -> str:
    """The contract's band for a length in days: minutes (passing), days
    (< 2 weeks), weeks (2 weeks to 3 months), months (longer)."""
    if days < 1 / 24 and "minutes" in choices:
        return "minutes"
    if days < 14:
        return "days"
    if days <= 92:
        return "weeks"
    return "months"


def _months_since(month: int, today: datetime.date) -> float:
    back = (today.month - month) % 12
    return back + today.day / 30.4


def duration(word: str, choices: tuple[str, ...], today: datetime.date | None = None):
    """A duration band from words ("3 days", "a couple of months", "since the
    summer"), an AskBack for a bare number, or None."""
    today = today or datetime.date.today()
    if word in choices:
        return word
    if any(p in word for p in _PASSING) and "minutes" in choices:
        return "minutes"
    m = re.fullmatch(r"(?:about |around |roughly |nearly |almost |over |more than |less than |under |for )?"
                     r"(\d+(?:\.\d+)?|[a-z]+(?: [a-z]+)?(?: of)?)?\s*-?\s*"
                     r"(minute|min|hour|hr|day|night|week|wk|fortnight|month|mo|year|yr)s?(?: or so| ago| now)?",
                     word)
    if m:
        amount_text, unit = m.group(1), _UNITS[m.group(2)]
        if amount_text is None:
            amount = 1.0
        elif amount_text.replace(".", "", 1).isdigit():
            amount = float(amount_text)
        elif amount_text in _NUMBERS:
            amount = float(_NUMBERS[amount_text])
        else:
            return None
        days = _days_of(amount, unit)
        if word.startswith(("less than ", "under ")):
            days -= 1e-6
        return duration_band(days, choices)
    bare = re.fullmatch(r"(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple)", word)
    if bare:
        shown = bare.group(1)
        units = [c for c in choices if c != "minutes"]
        return AskBack(f"{shown} {', '.join(units[:-1])} or {units[-1]}?", prefix=shown + " ")
    if word.startswith("since "):
        when = word[len("since "):].removeprefix("the ").removeprefix("last ")
        for name, month in _SEASON_START.items():
            if when == name:
                return duration_band(_months_since(month, today) * 30.4, choices)
        for n, name in enumerate(_MONTHS, 1):
            if when in (name, name[:3]):
                return duration_band(_months_since(n, today) * 30.4, choices)
        if any(when == d or when.startswith(d) for d in _DAYS):
            return "days"
    if word in _LONG or word.endswith(" years") or word.startswith("years"):
        return "months"
    if word in ("yesterday", "today", "this morning", "last night", "this week", "a day or two",
                "a couple of days", "the last few days"):
        return "days"
    if word in ("a week or two", "a few weeks", "the last few weeks"):
        return "weeks"
    return None


# --- the other quantities -----------------------------------------------------

_DIET = {
    "veggie": "vegetarian", "vegetarian": "vegetarian", "lacto-ovo": "vegetarian", "lacto ovo": "vegetarian",
    "ovo-lacto": "vegetarian", "no meat": "vegetarian", "no meat or fish": "vegetarian",
    "i don't eat meat": "vegetarian", "meat-free": "vegetarian", "meat free": "vegetarian",
    "plant-based": "vegan", "plant based": "vegan", "plants only": "vegan", "wfpb": "vegan",
    "no animal products": "vegan", "strict vegetarian": "vegan", "vegan": "vegan",
    "pescetarian": "pescatarian", "pescatarian": "pescatarian", "fish but no meat": "pescatarian",
    "fish, no meat": "pescatarian", "fish and veg": "pescatarian", "no meat but fish": "pescatarian",
    "everything": "omnivore", "anything": "omnivore", "normal": "omnivore", "mixed": "omnivore",
    "meat": "omnivore", "meat eater": "omnivore", "i eat meat": "omnivore", "meat and veg": "omnivore",
    "meat and fish": "omnivore", "omnivorous": "omnivore", "regular": "omnivore", "ordinary": "omnivore",
    "flexitarian": "omnivore", "a bit of everything": "omnivore", "standard": "omnivore",
}
_ALCOHOL = {
    "none": "none", "never": "none", "no": "none", "nothing": "none", "teetotal": "none", "teetotaller": "none",
    "i don't drink": "none", "i dont drink": "none", "don't drink": "none", "dont drink": "none", "0": "none",
    "not at all": "none", "sober": "none",
    "a little": "moderate", "a bit": "moderate", "some": "moderate", "socially": "moderate",
    "social": "moderate", "occasionally": "moderate", "sometimes": "moderate", "light": "moderate",
    "not much": "moderate", "rarely": "moderate", "at weekends": "moderate", "weekends": "moderate",
    "a few a week": "moderate", "moderately": "moderate", "moderate": "moderate", "now and then": "moderate",
    "a lot": "heavy", "lots": "heavy", "loads": "heavy", "heavily": "heavy", "heavy": "heavy",
    "every day": "heavy", "daily": "heavy", "too much": "heavy", "binge": "heavy", "bingeing": "heavy",
    "binge drinking": "heavy",
}
_SUN = {
    "every day": "daily", "everyday": "daily", "daily": "daily", "most days": "daily", "a lot": "daily",
    "lots": "daily", "outdoors a lot": "daily", "i work outside": "daily", "always": "daily", "often": "daily",
    "sometimes": "sometimes", "weekends": "sometimes", "at weekends": "sometimes", "now and then": "sometimes",
    "occasionally": "sometimes", "a bit": "sometimes", "a little": "sometimes", "some": "sometimes",
    "in summer": "sometimes", "summer only": "sometimes", "on holiday": "sometimes", "a few times a week":
    "sometimes",
    "rarely": "rarely", "never": "rarely", "hardly ever": "rarely", "hardly": "rarely", "not much": "rarely",
    "not often": "rarely", "seldom": "rarely", "housebound": "rarely", "i stay in": "rarely",
    "i stay indoors": "rarely", "indoors": "rarely", "no": "rarely", "none": "rarely",
}
_FLUID = {"not much": "low", "little": "low", "a little": "low", "not enough": "low", "hardly any": "low",
          "low": "low", "less than i should": "low", "normal": "normal", "enough": "normal", "plenty": "normal",
          "a lot": "normal", "lots": "normal", "ok": "normal", "fine": "normal", "average": "normal"}
_SEX = {"f": "female", "woman": "female", "girl": "female", "female": "female", "m": "male", "man": "male",
        "boy": "male", "male": "male", "intersex": "other", "other": "other", "prefer not to say": UNKNOWN}

_VOCAB = {"diet": _DIET, "alcohol": _ALCOHOL, "sun_exposure": _SUN, "fluid_intake": _FLUID, "sex": _SEX}
#: Choices that are quantities: offered as words, never as a numbered menu.
QUANTITIES = ("duration", "alcohol", "sun_exposure", "fluid_intake")


def word_value(qid: str, word: str, choices: tuple[str, ...]):
    """The choice a word stands for ("veggie" -> vegetarian), UNKNOWN, or None:
    the words of the tables, whole (a phrase inside a sentence is the interview's)."""
    value = _VOCAB.get(qid, {}).get(word)
    return value if value in choices or value == UNKNOWN else None


def words_for(qid: str, choices: tuple[str, ...]) -> set[str]:
    """Every word :func:`word_value` reads for a question."""
    return {w for w, value in _VOCAB.get(qid, {}).items() if value in choices or value == UNKNOWN}


# --- checklist items ----------------------------------------------------------

#: Everyday words for the items of a checklist or screen ("pins and needles" -> tingling).
SYMPTOM_WORDS = {
    "numb": "numbness", "tingly": "tingling", "tingles": "tingling", "pins and needles": "tingling",
    "pins & needles": "tingling", "weak legs": "leg_weakness", "weakness": "leg_weakness", "weak": "leg_weakness",
    "burning": "burning_feet", "hot feet": "burning_feet", "balance": "difficulty_walking",
    "walking": "difficulty_walking", "unsteady": "difficulty_walking", "wobbly": "difficulty_walking",
    "clumsy": "poor_coordination", "coordination": "poor_coordination", "cramp": "muscle_cramps",
    "cramps": "muscle_cramps", "twitches": "twitches_spasms", "twitching": "twitches_spasms",
    "spasms": "twitches_spasms", "aches": "muscle_aches", "aching": "muscle_aches", "sore muscles": "muscle_aches",
    "restless": "restless_legs", "tired": "fatigue", "tiredness": "fatigue", "exhausted": "fatigue",
    "pale": "pale_or_breathless", "breathless": "pale_or_breathless", "memory": "memory_or_mood",
    "mood": "memory_or_mood", "low mood": "memory_or_mood", "concentration": "memory_or_mood",
    "tongue": "sore_tongue", "mouth ulcers": "sore_tongue", "heart": "palpitations", "pounding": "palpitations",
    "back": "back_pain", "sciatica": "back_pain", "bones": "bone_pain",
    "omeprazole": "acid_reducer", "lansoprazole": "acid_reducer", "ppi": "acid_reducer",
    "water tablets": "diuretic", "furosemide": "diuretic", "ramipril": "potassium_raising_meds",
    "lisinopril": "potassium_raising_meds", "losartan": "potassium_raising_meds",
    "spironolactone": "potassium_raising_meds", "epilepsy": "anticonvulsant", "coeliac": "malabsorption",
    "celiac": "malabsorption", "crohn's": "malabsorption", "crohns": "malabsorption",
    "dairy": "dairy_or_fortified", "milk": "dairy_or_fortified", "fish": "oily_fish",
    "greens": "leafy_greens", "vegetables": "fruit_veg", "fruit": "fruit_veg", "nuts": "nuts_seeds_wholegrains",
    "wholegrains": "nuts_seeds_wholegrains", "whole grains": "nuts_seeds_wholegrains",
    "periods": "heavy_periods", "pregnant": "pregnant", "blood": "blood_donation",
}


# --- nutrients ----------------------------------------------------------------

#: Common names of nutrients (ids, "vitamin d" and the names in the question bank are added).
_NUTRIENT_WORDS = {
    "b12": "vitamin_b12", "vit b12": "vitamin_b12", "cobalamin": "vitamin_b12", "cyanocobalamin": "vitamin_b12",
    "methylcobalamin": "vitamin_b12",
    "d": "vitamin_d", "vit d": "vitamin_d", "d3": "vitamin_d", "vitamin d3": "vitamin_d",
    "cholecalciferol": "vitamin_d",
    "b1": "thiamine", "vitamin b1": "thiamine", "thiamin": "thiamine",
    "b9": "folate", "vitamin b9": "folate", "folic acid": "folate", "folic": "folate",
    "e": "vitamin_e", "vit e": "vitamin_e",
    "fe": "iron", "ferrous sulfate": "iron", "ferrous sulphate": "iron",
    "mg": "magnesium", "k": "potassium",
}
_NUTRIENT_TABLE: dict[str, str] = {}


def nutrient_aliases() -> dict[str, str]:
    """Every word for a nutrient (lower case) -> its id."""
    if not _NUTRIENT_TABLE:
        from screener.questions import NUTRIENT_NAMES
        from screener.questions import NUTRIENTS

        table = dict(_NUTRIENT_WORDS)
        for nid in NUTRIENTS:
            table[nid] = nid
            table[nid.replace("_", " ")] = nid
            name = NUTRIENT_NAMES[nid].lower()
            table[name] = nid
            table[re.sub(r"\s*\(.*\)", "", name)] = nid
        _NUTRIENT_TABLE.update(table)
    return _NUTRIENT_TABLE


def find_nutrient(text: str) -> str | None:
    """A nutrient id from an id, a name or a common name (case-insensitive)."""
    word = " ".join(text.strip().lower().replace("-", " ").split())
    table = nutrient_aliases()
    if word in table:
        return table[word]
    if word.replace(" ", "_") in table:
        return table[word.replace(" ", "_")]
    return None


def _alcohol_words(word: str):
    """'a glass of wine at weekends' -> moderate; '4 pints a day' -> heavy."""
    m = re.search(r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|a|an)\s+"
                  r"(?:small |large |big )?(?:glass|glasses|pint|pints|drink|drinks|beer|beers|can|cans|unit|units|"
                  r"bottle|bottles|shot|shots|wine|wines)", word)
    per_day = re.search(r"\b(a|per|each|every) (day|night|evening)\b|\bdaily\b|\bevery day\b|\bnightly\b", word)
    if m:
        amount = m.group(1)
        n = float(_NUMBERS.get(amount, amount)) if not amount.isdigit() else float(amount)
        if "bottle" in m.group(0) and "wine" in word or "bottle" in m.group(0) and "spirit" in word:
            n *= 6
        if per_day:
            return "heavy" if n > 2 else "moderate"
        return "moderate"
    if per_day and any(w in word for w in ("wine", "beer", "pint", "drink", "spirit", "vodka", "whisky", "gin")):
        return "moderate"
    if any(w in word for w in ("weekend", "occasion", "social", "special", "christmas", "now and then",
                                "once a week", "twice a week", "at parties", "dinner")):
        return "moderate"
    return None


def lay_choice(qid: str, choices: tuple[str, ...], word: str, today: datetime.date | None = None):
    """What a sentence (already :func:`norm`-ed) means for a choice question:
    a choice, UNKNOWN, an AskBack, or None when it is not understood."""
    if word in NOT_SURE:
        return UNKNOWN
    if qid == "duration":
        return duration(word, choices, today)
    table = _VOCAB.get(qid, {})
    if word_value(qid, word, choices) is not None:
        return word_value(qid, word, choices)
    if qid == "alcohol":
        value = _alcohol_words(word)
        if value in choices:
            return value
    # "I'm vegan", "mostly vegetarian", "we eat everything"; never "not vegan" or "not a lot"
    for phrase, value in sorted(table.items(), key=lambda kv: -len(kv[0])):
        if len(phrase) <= 3 or value not in choices:
            continue
        m = re.search(rf"\b{re.escape(phrase)}\b", word)
        if m and not _NEGATED.search(word[:m.start()]):
            return value
    return None


#: A phrase right after these words is denied, not said ("not vegan", "I don't eat meat", "not a lot").
_NEGATED = re.compile(r"\b(?:not|never|no longer|don't|dont|doesn't|isn't|aren't|hardly|barely)\s+"
                      r"(?:(?:eat|drink|get|have|take|do|go|really|very|so|that|a|an|any)\s+)*$")
