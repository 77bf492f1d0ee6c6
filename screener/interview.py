"""The guided interview behind ``screener interview``.

The interview asks one question at a time, red flags first; after every
answer it asks :mod:`screener.relevance` for the next question the rules
still need, runs the engine to catch an emergency at once, and saves the
answers so far (atomically, mode 0600, in the fact-file format).  At the
end it builds the same report ``screener run`` gives for the saved answers.

Input and output go through click, so ``CliRunner(input=...)``, a pipe and a
real terminal all work the same way.  With ``--format json`` every prompt and
message goes to stderr and stdout carries only the report.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import json
import os
import re
import shlex
import signal
import sys
from dataclasses import dataclass
from dataclasses import field
from typing import Any

import click
from click import termui

from screener.facts import UNKNOWN
from screener.facts import Case
from screener.facts import FactError
from screener.facts import in_words
from screener.facts import iter_cases
from screener.facts import suggest
from screener.options import InputError
from screener.questions import AGE
from screener.questions import BY_ID
from screener.questions import CHOICE
from screener.questions import NUTRIENT_LIST
from screener.questions import NUTRIENT_NAMES
from screener.questions import NUTRIENTS
from screener.questions import QUESTIONS
from screener.questions import SECTIONS
from screener.questions import YESNO

SAVE_SUFFIXES = (".yaml", ".yml", ".json")
EXIT_INTERRUPTED = 130

DISCLAIMER = ("screener asks about leg weakness, numbness, tingling and cramps. It is a screening aid, "
              "not a diagnosis: if you feel very unwell, call emergency services now.")
HOW_TO_ANSWER = ("Answer yes, no or 'not sure'. Type ? to see why a question is asked, 'back' to undo "
                 "your last answer, 'quit' to stop (your answers are kept).")

NOT_SURE = {"not sure", "notsure", "not-sure", "unsure", "unknown", "don't know", "dont know", "do not know",
            "idk", "dk", "ns", "skip", "pass", "?!", "n/s", "maybe"}
YES = {"yes", "y", "yeah", "yep", "yup", "true", "ja", "oui", "si"}
NO = {"no", "n", "nope", "nah", "false", "non", "nein"}
WHY = {"?", "why", "why?", "w"}
BACK = {"back", "undo", "b", "<"}
QUIT = {"quit", "exit", "q", "stop", ":q"}
#: After the report, any of these (or an empty line, or end of input) ends the explain prompt.
FINISHED = QUIT | {"no", "n", "nope", "nah", "done", "finished", "nothing", "none", "no thanks", "no thank you",
                   "thanks", "thank you", "bye", "end", "ok", "okay"}
HELP = {"help", "h", "commands"}
NONE = {"none", "no", "nothing", "nil", "-", "[]", "n", "0 none"}

SECTION_TITLES = dict(SECTIONS)

# Extra ways people write nutrient names (ids and NUTRIENT_NAMES are added below).
_ALIASES = {
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


def nutrient_aliases() -> dict[str, str]:
    table = dict(_ALIASES)
    for nid in NUTRIENTS:
        table[nid] = nid
        table[nid.replace("_", " ")] = nid
        name = NUTRIENT_NAMES[nid].lower()
        table[name] = nid
        table[re.sub(r"\s*\(.*\)", "", name)] = nid
    return table


def find_nutrient(text: str) -> str | None:
    """A nutrient id from an id, a name or a common alias (case-insensitive)."""
    word = " ".join(text.strip().lower().replace("-", " ").split())
    table = nutrient_aliases()
    if word in table:
        return table[word]
    if word.replace(" ", "_") in table:
        return table[word.replace(" ", "_")]
    return None


# --- parsing one answer ----------------------------------------------------

class AnswerError(ValueError):
    """The input is not an answer to this question; the message is a short hint."""


@dataclass
class Command:
    name: str  # why | back | quit | help


def parse_answer(qid: str, text: str) -> Any:
    """Turn what the person typed into a normalised value (or a Command).

    Raises AnswerError with a short hint (and a did-you-mean) otherwise.
    """
    q = BY_ID[qid]
    raw = text.strip()
    word = " ".join(raw.lower().split()).rstrip(".!")
    if word in WHY or raw == "?":
        return Command("why")
    if word in BACK:
        return Command("back")
    if word in QUIT:
        return Command("quit")
    if word in HELP:
        return Command("help")
    if word in NOT_SURE:
        return UNKNOWN
    if not word:
        raise AnswerError(f"Please answer: {answer_hint(q)}.")
    if q.kind == YESNO:
        if word in YES:
            return True
        if word in NO:
            return False
        guess = suggest(word, ["yes", "no", "not sure"])
        raise AnswerError(_hint(f"'{raw}' is not a yes/no answer", guess, answer_hint(q)))
    if q.kind == CHOICE:
        if not q.numbered and re.match(r"\d", word):
            raise AnswerError(f"Please answer in words rather than a number: {answer_hint(q)}.")
        if word.isdigit():
            n = int(word)
            if 1 <= n <= len(q.choices):
                return q.choices[n - 1]
            raise AnswerError(f"There is no choice {n}: type a number from 1 to {len(q.choices)}, "
                              f"a choice, or 'not sure'.")
        if word in q.choices:
            return word
        if word in YES or word in NO:
            raise AnswerError(f"This question needs one of the choices: {answer_hint(q)}.")
        starts = [c for c in q.choices if c.startswith(word)]
        if len(starts) == 1:
            return starts[0]
        guess = suggest(word, q.choices)
        if len(starts) > 1:
            raise AnswerError(f"'{raw}' could be {' or '.join(starts)}: please type more of it.")
        raise AnswerError(_hint(f"'{raw}' is not one of the choices", guess, answer_hint(q)))
    if q.kind == AGE:
        m = re.fullmatch(r"(\d{1,3})\s*(?:years?(?: old)?|yrs?|y)?", word)
        if not m:
            raise AnswerError("Please type your age as a whole number of years (for example 42), or 'not sure'.")
        age = int(m.group(1))
        if not 1 <= age <= 120:
            raise AnswerError("Please type an age from 1 to 120, or 'not sure'.")
        return age
    assert q.kind == NUTRIENT_LIST  # the bank has no other kinds
    if word in NONE:
        return ()
    out: list[str] = []
    for part in re.split(r"\s*(?:,|;|\band\b|\+|&)\s*", word):
        if not part:
            continue
        nid = None
        if part.isdigit() and 1 <= int(part) <= len(NUTRIENTS):
            nid = NUTRIENTS[int(part) - 1]
        else:
            nid = find_nutrient(part)
        if nid is None:
            guess = suggest(part.replace(" ", "_"), NUTRIENTS) or suggest(part, nutrient_aliases())
            if guess is not None:
                guess = nutrient_aliases().get(guess, guess)
            raise AnswerError(_hint(f"'{part}' is not a nutrient I know", guess, answer_hint(q)))
        if nid not in out:
            out.append(nid)
    if not out:
        raise AnswerError(f"Please answer: {answer_hint(q)}.")
    return tuple(out)


def _hint(problem: str, guess: str | None, allowed: str) -> str:
    text = problem
    if guess:
        text += f". Did you mean '{guess}'?"
    else:
        text += "."
    return text + f" Answer {allowed}."


def answer_hint(q) -> str:
    if q.kind == YESNO:
        return "yes, no or not sure"
    if q.kind == CHOICE and not q.numbered:
        return ", ".join(q.choices) + ", or not sure"
    if q.kind == CHOICE:
        return ", ".join(f"{n} {c}" for n, c in enumerate(q.choices, 1)) + " (a number or a word), or not sure"
    if q.kind == AGE:
        return "your age in years, or not sure"
    return ("a comma-separated list of nutrients (" + ", ".join(f"{n} {NUTRIENT_NAMES[x]}"
            for n, x in enumerate(NUTRIENTS, 1)) + "), none, or not sure")


def prompt_suffix(q) -> str:
    if q.kind == YESNO:
        return "[yes/no/not sure]"
    if q.kind == CHOICE and not q.numbered:
        return "[" + ", ".join(q.choices) + ", not sure]"
    if q.kind == CHOICE:
        return "[" + ", ".join(f"{n} {c}" for n, c in enumerate(q.choices, 1)) + ", not sure]"
    if q.kind == AGE:
        return "[years, or not sure]"
    return "[list, none, or not sure]"


# --- saving ----------------------------------------------------------------

def ordered(answers: dict) -> dict:
    return {q.id: answers[q.id] for q in QUESTIONS if q.id in answers}


def dump_case(case: Case, path: str) -> str:
    """The fact-file text for a case (JSON for .json, else YAML)."""
    data = case.to_data()
    if path.lower().endswith(".json"):
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    import yaml

    header = ("# screener interview answers (a fact file).\n"
              f"# Continue: screener interview --resume {shlex.quote(path)}\n"
              f"# Report:   screener run {shlex.quote(path)}\n")
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
    # Yes/no answers read best bare (YAML reads a bare yes/no as a boolean,
    # which the fact-file format accepts); choice values never are yes/no.
    text = re.sub(r"^(  [a-z0-9_]+): '(yes|no)'$", r"\1: \2", text, flags=re.M)
    return header + text


def state_dir() -> str:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return os.path.join(base, "screener")


def autosave_path() -> str:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = state_dir()
    path = os.path.join(folder, f"interview-{stamp}.yaml")
    n = 1
    while os.path.exists(path):
        n += 1
        path = os.path.join(folder, f"interview-{stamp}-{n}.yaml")
    return path


def save_case(case: Case, path: str) -> None:
    from screener.outfile import write_private

    write_private(path, dump_case(case, path))


def check_save_path(path: str) -> None:
    if not path.lower().endswith(SAVE_SUFFIXES):
        raise click.BadParameter("the file name must end in .yaml, .yml or .json", param_hint="'--save'")


def load_resume(path: str) -> Case:
    items = list(iter_cases([path]))
    if len(items) != 1:
        raise InputError(f"{path}: --resume takes one saved interview (one case), found {len(items)}")
    item = items[0]
    if isinstance(item, FactError):
        raise InputError(item.message)
    return item


# --- the session -------------------------------------------------------------

class Interrupted(Exception):
    """Ctrl-C, end of input or a hang-up before the report."""

    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


class Quit(Exception):
    """The person typed quit."""


@dataclass
class Session:
    """One interview: its answers, the order they were given, where they are saved."""

    case: Case
    save_path: str | None = None
    err: bool = False                     # prompts and messages on stderr (--format json)
    rules: Any = None                     # for tests: a custom rule set
    history: list = field(default_factory=list)
    shown_flags: set = field(default_factory=set)
    asked: int = 0                        # questions answered in this session
    last_section: str | None = None
    out: Any = None                       # stream for the report (None: stdout)

    def __post_init__(self):
        self.history = [qid for qid in ordered(self.case.answers)]

    @property
    def answers(self) -> dict:
        return self.case.answers

    # -- output --
    def say(self, text: str = "", **style) -> None:
        if style and not os.environ.get("NO_COLOR"):
            text = click.style(text, **style)
        click.echo(text, err=self.err)

    def wrap(self, text: str, indent: str = "", hang: str = "", **style) -> None:
        import shutil
        import textwrap

        width = max(40, min(shutil.get_terminal_size((88, 24)).columns, 100))
        for line in textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent + hang,
                                  break_on_hyphens=False) or [""]:
            self.say(line, **style)

    def read(self, prompt: str) -> str:
        """One line of input; raises Interrupted on Ctrl-C or end of input.

        At a terminal, the prompt function click uses (``input``: line
        editing works).  Otherwise (piped answers, tests), read the line
        ourselves: an empty read is end of input on every click version
        (click 8.1's test runner would return "" forever), and the answer is
        echoed so a scripted transcript reads like a conversation.
        """
        try:
            if sys.stdin.isatty():
                func = termui.visible_prompt_func
                if self.err:
                    with contextlib.redirect_stdout(sys.stderr):
                        return func(prompt)
                return func(prompt)
            click.echo(prompt, nl=False, err=self.err)
            raw = sys.stdin.readline()
            if not raw:
                raise EOFError
            line = raw.rstrip("\r\n")
            click.echo(line, err=self.err)
            return line
        except EOFError:
            click.echo("", err=self.err)
            raise Interrupted("end of input") from None
        except KeyboardInterrupt:
            click.echo("", err=self.err)
            raise Interrupted("interrupted") from None

    # -- saving --
    def save(self) -> None:
        if self.save_path:
            save_case(self.case, self.save_path)

    def save_somewhere(self) -> str | None:
        """Save for an interruption: --save/--resume file, else the state folder."""
        path = self.save_path
        if path is None:
            path = autosave_path()
            try:
                os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
            except OSError:
                pass
        try:
            save_case(self.case, path)
        except OSError as exc:
            self.say(f"Could not save your answers to {path}: {exc.strerror or exc}.", fg="red")
            self.say("Here they are; copy them into a file ending in .yaml and resume with "
                     "'screener interview --resume FILE':")
            self.say(dump_case(self.case, "answers.yaml"))
            return None
        return path

    # -- the engine --
    def screen(self):
        from screener.engine import screen

        return screen(self.answers)

    def emergency_flags(self, result) -> list[dict]:
        return [f for f in result.red_flags if f["urgency"] == "emergency"]

    def flag_text(self, flag: dict) -> str:
        from screener.engine import catalogue
        from screener.report import fill_number

        return fill_number(catalogue()[flag["rule"]].text, self.case.region)

    def show_new_urgent(self, result) -> None:
        current = {f["rule"] for f in result.red_flags}
        self.shown_flags &= current  # after 'back', a flag can be shown again
        for flag in result.red_flags:
            if flag["urgency"] == "urgent" and flag["rule"] not in self.shown_flags:
                self.shown_flags.add(flag["rule"])
                self.say()
                self.say("Important: see a doctor today.", fg="red", bold=True)
                self.wrap(self.flag_text(flag), "  ")
                self.wrap("You can carry on to finish the screen, but do not wait for it to get help.", "  ")
                self.say()

    def show_emergency(self, flags: list[dict]) -> None:
        from screener.report import emergency_number

        number = emergency_number(self.case.region)
        self.say()
        self.say("STOP: this needs emergency help now.", fg="red", bold=True)
        for flag in flags:
            self.wrap(self.flag_text(flag), "  ", fg="red")
        self.wrap(f"Call {number} now, or ask someone to call for you. Do not drive yourself.", "  ",
                  bold=True)
        self.wrap("The interview stops here: the other questions can wait.", "  ")
        self.say()

    # -- asking --
    def progress(self, qid: str, remaining: int) -> None:
        q = BY_ID[qid]
        if q.section != self.last_section:
            self.last_section = q.section
            self.say()
            self.say(SECTION_TITLES.get(q.section, q.section), bold=True, underline=True)
        n = len(self.answers) + 1
        more = remaining - 1
        tail = "the last question" if more == 0 else f"at most {more} more"
        self.say(f"Question {n} ({tail})", dim=True)

    def ask(self, qid: str, plain: bool = False) -> Any:
        """Ask until the person gives an answer or a command (why is handled here)."""
        q = BY_ID[qid]
        text = q.plain if plain and q.plain else q.text
        self.wrap(text, bold=True)
        if q.help:
            self.wrap(f"({q.help})", "  ")
        if q.kind == NUTRIENT_LIST:
            self.wrap("Nutrients: " + ", ".join(f"{n} {NUTRIENT_NAMES[x]}" for n, x in enumerate(NUTRIENTS, 1)),
                      "  ")
        while True:
            line = self.read(prompt_suffix(q) + " > ")
            try:
                value = parse_answer(qid, line)
            except AnswerError as exc:
                self.wrap(str(exc), "  ", fg="yellow")
                continue
            if isinstance(value, Command):
                if value.name == "why":
                    self.why(qid)
                    continue
                if value.name == "help":
                    self.wrap(HOW_TO_ANSWER + f" For this question: {answer_hint(q)}.", "  ")
                    continue
            return value

    def why(self, qid: str) -> None:
        for indent, text in why_lines(qid, self.answers, self.rules):
            self.wrap(text, indent, hang="  " if text.startswith("- ") else "")

    def undo(self) -> tuple[str, Any] | None:
        """Forget the last answer; returns (question id, old value) or None."""
        while self.history:
            qid = self.history.pop()
            if qid in self.answers:
                value = self.answers.pop(qid)
                self.save()
                return qid, value
        return None

    def run(self) -> str:
        """Ask until done.  Returns 'done' or 'emergency'; raises Quit / Interrupted."""
        from screener.relevance import analyse

        pending: str | None = None
        while True:
            result = self.screen()
            flags = self.emergency_flags(result)
            if flags:
                self.show_emergency(flags)
                return "emergency"
            self.show_new_urgent(result)
            rel = analyse(self.answers, self.rules)
            todo = rel.relevant()
            qid = pending if pending is not None else (todo[0] if todo else None)
            pending = None
            if qid is None:
                return "done"
            self.progress(qid, len(todo) if qid in todo else len(todo) + 1)
            value = self.ask(qid)
            if isinstance(value, Command) and value.name == "quit":
                raise Quit()
            if isinstance(value, Command) and value.name == "back":
                pending = self.go_back(qid)
                continue
            q = BY_ID[qid]
            if value == UNKNOWN and q.section == "red_flags" and q.plain:
                # A red flag answered "not sure" is asked once more, in plainer words.
                self.say("  Let me put that another way:", dim=True)
                value = self.ask(qid, plain=True)
                if isinstance(value, Command) and value.name == "quit":
                    raise Quit()
                if isinstance(value, Command) and value.name == "back":
                    pending = self.go_back(qid)
                    continue
            self.answers[qid] = value
            self.history.append(qid)
            self.asked += 1
            self.save()

    def go_back(self, current: str) -> str:
        """'back': undo the last answer; that question is asked next."""
        undone = self.undo()
        self.last_section = None
        if undone is None:
            self.say("  Nothing to undo yet.", fg="yellow")
            return current
        qid, value = undone
        self.say(f"  Undone: {BY_ID[qid].label} (was {in_words(value)}).", dim=True)
        return qid


def why_lines(qid: str, answers: dict, rules=None) -> list[tuple[str, str]]:
    """MYCIN's WHY: what this question bears on, and the rules waiting on it."""
    from screener.relevance import ALWAYS
    from screener.relevance import NOT_WHEN
    from screener.relevance import analyse

    q = BY_ID[qid]
    rel = analyse(answers, rules)
    out: list[tuple[str, str]] = [("  ", f"Why I ask about {q.label}:")]
    if q.section == "red_flags":
        level = "emergency help" if q.urgency == "emergency" else "seeing a doctor today"
        out.append(("    ", f"It is a warning sign: a yes means {level}, before anything else. "
                           "Warning signs are always asked first."))
    nutrients = rel.nutrients_for(qid)
    if nutrients:
        out.append(("    ", "It bears on: " + ", ".join(NUTRIENT_NAMES[n] for n in nutrients) + "."))
    waiting = rel.waiting.get(qid, [])
    if waiting:
        out.append(("    ", "Rules waiting on this answer:"))
        for rid in waiting[:8]:
            rule = rel.rules[rid]
            gate = " (counts because a compatible symptom was reported)" if _gated(rule) else ""
            out.append(("      ", f"- {rid}: {rule.reason}{gate}"))
        if len(waiting) > 8:
            out.append(("      ", f"- and {len(waiting) - 8} more (see 'screener rules')"))
    dependants = [d for d, deps in NOT_WHEN.items() if qid in deps and d not in answers]
    if dependants:
        out.append(("    ", "It also decides whether to ask about: "
                    + ", ".join(BY_ID[d].label for d in dependants) + "."))
    if qid in ALWAYS and q.section != "red_flags" and not waiting:
        out.append(("    ", "It is always asked: the report uses it directly (for example, for anyone "
                           "under 16 it gives no adult amounts)."))
    return out


def _gated(rule) -> bool:
    return any(c.get("fact") == "Suspect" for c in rule.conditions)


# --- after the report --------------------------------------------------------

def explain_loop(session: Session) -> None:
    """``how NUTRIENT`` / ``why-not NUTRIENT`` until quit or end of input."""
    session.say()
    session.wrap("Want to know more? Type 'how NUTRIENT' (which answers led there) or 'why-not NUTRIENT' "
                 "(what kept it low), for example 'how b12'. Press Enter or type 'no' to finish.", dim=True)
    while True:
        try:
            line = session.read("explain > ")
        except Interrupted:
            return
        word = " ".join(line.strip().lower().split()).rstrip(".!")
        if not word or word in FINISHED:
            return
        if word in HELP or word in WHY:
            session.wrap("Commands: how NUTRIENT, why-not NUTRIENT; Enter, 'no' or 'quit' to finish. Nutrients: "
                         + ", ".join(NUTRIENTS) + ".", "  ")
            continue
        m = re.fullmatch(r"(how|why[- _]?not|whynot)\s+(.+)", word)
        if not m:
            close = difflib.get_close_matches(word.split()[0], ["how", "why-not", "no"], n=1, cutoff=0.75)
            guess = close[0] if close else None
            session.wrap(_hint(f"'{line.strip()}' is not something I can explain", guess,
                               "'how NUTRIENT', 'why-not NUTRIENT', or press Enter to finish"), "  ", fg="yellow")
            continue
        nid = find_nutrient(m.group(2))
        if nid is None:
            guess = suggest(m.group(2).replace(" ", "_"), NUTRIENTS)
            session.wrap(_hint(f"'{m.group(2)}' is not a nutrient I know", guess, "one of " + ", ".join(NUTRIENTS)),
                         "  ", fg="yellow")
            continue
        session.say(explain(session.case, "how" if m.group(1) == "how" else "why-not", nid).rstrip("\n"))


def explain(case: Case, what: str, nutrient: str) -> str:
    try:
        from screener import explain as ex
    except ImportError:  # pragma: no cover - explain.py ships with the package
        return _fallback_explain(case, what, nutrient)
    return ex.how(case, nutrient) if what == "how" else ex.why_not(case, nutrient)


def _fallback_explain(case: Case, what: str, nutrient: str) -> str:
    from screener.report import report_for

    report = report_for(case)
    for s in report["suggestions"]:
        if s["nutrient"] == nutrient:
            lines = [f"{s['name']}: {s['level']} (confidence {s['confidence']:.2f})"]
            lines += [f"  {item['rule']} ({item['cf']:+.2f}): {item['text']}" for item in s["because"]]
            return "\n".join(lines) + "\n"
    return f"{NUTRIENT_NAMES[nutrient]} is not listed: no compatible symptom or no net evidence for it.\n"


# --- the command ---------------------------------------------------------------

def interview_command(*, save: str | None, resume: str | None, fmt: str, output: str | None,
                      region: str | None, tracer_factory=None, rules=None, step: bool = False) -> int:
    """Run the interview; returns the exit status (0 report or quit, 130 interrupted)."""
    # Prompts go to stderr when stdout carries data: --format json, or a
    # person at a terminal redirecting the report into a file.
    err = fmt == "json" or (_isatty(sys.stdin) and not _isatty(sys.stdout))
    if resume:
        case = load_resume(resume)
        case.source = ""
    else:
        case = Case(answers={})
    if region and not case.region:
        case.region = region
    save_path = save
    if save_path is None and resume and resume.lower().endswith(SAVE_SUFFIXES):
        save_path = resume  # keep saving where the answers came from
    if output:
        folder = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
            raise InputError(f"cannot write --output {output}: the folder does not exist or is not writable")
    session = Session(case=case, save_path=save_path, err=err, rules=rules)
    if save_path:
        try:
            session.save()  # fail early, before any question, if the file cannot be written
        except OSError as exc:
            raise InputError(f"cannot write --save {save_path}: {exc.strerror or exc}") from None

    session.wrap(DISCLAIMER, bold=True)
    session.wrap(HOW_TO_ANSWER, dim=True)
    if resume:
        n = len(case.answers)
        session.say(f"Resuming from {resume}: {n} answer{'s' if n != 1 else ''} already given.", dim=True)

    with _hangup_as_interrupt():
        try:
            try:
                outcome = session.run()
            except KeyboardInterrupt:  # outside a prompt (while the rules run)
                raise Interrupted("interrupted") from None
        except Quit:
            path = session.save_somewhere()
            session.say()
            if path:
                session.say(f"Stopped. Your answers are saved in {path}.")
                session.say(f"To continue later: screener interview --resume {shlex.quote(path)}")
            return 0
        except Interrupted as exc:
            path = session.save_somewhere()
            session.say()
            word = "End of input" if exc.why == "end of input" else "Interrupted"
            if path:
                session.say(f"{word}: your answers so far are saved in {path}.")
                session.say(f"To continue: screener interview --resume {shlex.quote(path)}")
            else:
                session.say(f"{word}.")
            return EXIT_INTERRUPTED

    # The report: exactly what `screener run` gives for the saved answers.
    from screener.batch import render
    from screener.report import report_for

    case.answers = ordered(case.answers)
    case.source = save_path or ""
    if step and outcome != "emergency":  # an emergency report never waits
        step_through(session, case)
    tracer = tracer_factory(case) if tracer_factory is not None else None
    report = report_for(case, region, tracer=tracer)
    text = render(report, case, fmt)
    if outcome == "done":
        session.say()
        n = len(case.answers)
        session.say(f"Thank you: {n} question{'s' if n != 1 else ''} answered. "
                    "Here is your report.", bold=True)
        session.say()
    if output:
        from screener.outfile import write_private

        try:
            write_private(output, text)
        except OSError as exc:
            path = session.save_somewhere()
            saved = f" Your answers are saved in {path}." if path else ""
            raise InputError(f"cannot write {output}: {exc.strerror or exc}.{saved}") from None
        session.say(f"Report written to {output}.")
    else:
        click.echo(text, nl=False)
    if save_path:
        session.say(f"Your answers are saved in {save_path} (screener run {shlex.quote(save_path)} "
                    "shows this report again).", dim=True)
    if outcome == "emergency":
        return 0
    explain_loop(session)
    return 0


def step_through(session: Session, case: Case) -> None:
    """``--step``: the CLIPS-style stepping session (screener.step) on the answers, before the report."""
    from screener.step import StepSession
    from screener.step import run_session

    def read(prompt: str) -> str:
        try:
            return session.read(prompt)
        except Interrupted:
            raise EOFError from None

    session.say()
    session.wrap("Step through the rules on your answers, as in CLIPS: 'run 1', 'agenda', 'why', "
                 "'help'. Type 'quit' to see your report.", dim=True)
    steps = StepSession(case, out=lambda text: click.echo(text, err=session.err))
    run_session(steps, read=read, err=lambda text: click.echo(text, err=True))


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def _hangup_as_interrupt():
    """A closed terminal (SIGHUP) or a polite kill (SIGTERM) saves like Ctrl-C."""

    def handler(signum, frame):
        raise KeyboardInterrupt

    old = {}
    try:
        for name in ("SIGHUP", "SIGTERM"):
            sig = getattr(signal, name, None)
            if sig is not None:
                with contextlib.suppress(ValueError, OSError):  # not the main thread
                    old[sig] = signal.signal(sig, handler)
        yield
    finally:
        for sig, prev in old.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(sig, prev)
