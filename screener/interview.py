"""The guided interview behind ``screener interview``.

The interview asks what :mod:`screener.flow` says comes next: every
emergency warning sign in grouped screens ("do any of these apply?"), the
symptoms as one checklist, the urgent warning signs that go with what was
reported, then one question at a time, only those whose answer could change
the outcome (:mod:`screener.outcome`), most outcome-changing first.  After
every answer it runs the engine to catch an emergency at once, and saves the
answers so far (atomically, mode 0600, in the fact-file format).  At the end
it builds the same report ``screener run`` gives for the saved answers.
Everyday answers ("a bit", "veggie", "a couple of months") are read through
:mod:`screener.vocabulary`.

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

from screener import flow
from screener import vocabulary
from screener.errors import InputError
from screener.facts import UNKNOWN
from screener.facts import Case
from screener.facts import read_one
from screener.kinds import LIST_SEPARATORS
from screener.kinds import ConversionError
from screener.kinds import suggest
from screener.questions import BY_ID
from screener.questions import CHOICE
from screener.questions import NUTRIENT_LIST
from screener.questions import NUTRIENT_NAMES
from screener.questions import NUTRIENTS
from screener.questions import QUESTIONS
from screener.questions import SECTIONS

SAVE_SUFFIXES = (".yaml", ".yml", ".json")
EXIT_INTERRUPTED = 130

DISCLAIMER = ("screener asks about leg weakness, numbness, tingling and cramps. It is a screening aid, "
              "not a diagnosis: if you feel very unwell, call emergency services now.")
HOW_TO_ANSWER = ("Answer yes, no or 'not sure'. Type ? to see why a question is asked, 'back' to undo "
                 "your last answer, 'quit' to stop (your answers are kept).")

# The words people use for yes, no, "not sure", "none" and the commands are
# in one vocabulary (screener.vocabulary).
#: After the report, any of these (or an empty line, or end of input) ends the explain prompt.
FINISHED = vocabulary.COMMANDS["quit"] | set(vocabulary.NO_LEADS) | {
    "n", "done", "finished", "nothing", "none", "no thanks", "no thank you", "thanks", "thank you", "bye", "end", "ok",
    "okay"}

SECTION_TITLES = dict(SECTIONS)

nutrient_aliases = vocabulary.nutrient_aliases
find_nutrient = vocabulary.find_nutrient


# --- parsing one answer ----------------------------------------------------

class AnswerError(ValueError):
    """The input is not an answer to this question; the message is a short hint."""


@dataclass
class Command:
    name: str  # why | back | quit | help


def command_or_not_sure(text: str) -> Command | str | None:
    """A command (why, back, quit, help) or UNKNOWN for "not sure", at any
    question, list or screen; None for anything else."""
    name = vocabulary.command(text)
    if name is not None:
        return Command(name)
    return UNKNOWN if vocabulary.norm(text) in vocabulary.NOT_SURE else None


def parse_answer(qid: str, text: str) -> Any:
    """Turn what the person typed into a normalised value (or a Command, or
    an AskBack: ask this and read the answer again).

    The question's kind converts the words (:mod:`screener.kinds`, as for
    fact files and ``--set``); the interview adds what only makes sense in a
    conversation: commands, the numbers and starts of the choices on the
    screen, phrases inside a sentence, asking back.  Raises AnswerError with
    a short hint (and a did-you-mean) otherwise.
    """
    q = BY_ID[qid]
    kind = q.type
    raw = text.strip()
    word = vocabulary.norm(raw)
    said = command_or_not_sure(raw)
    if said is not None:
        return said
    if not word:
        raise AnswerError(f"Please answer: {answer_hint(q)}.")
    if q.kind == CHOICE:
        # the label as shown ("1 days", "2 male"): the number must be that choice's
        m = re.fullmatch(r"(\d+)[.)]?\s+(.+)", word)
        if m and m.group(2) in q.choices and (not kind.menu or q.choices.index(m.group(2)) + 1 == int(m.group(1))):
            return m.group(2)
    try:
        return kind.convert(raw)
    except ConversionError as err:
        failed = err
    if failed.ask_back is not None:
        return failed.ask_back
    if q.kind == CHOICE:
        return _read_choice(q, raw, word, failed)
    if q.kind == NUTRIENT_LIST:
        return _read_nutrients(q, word)
    said = f"'{raw}' is {failed.problem}" if failed.problem.startswith("not ") else f"'{raw}': {failed.problem}"
    raise AnswerError(_hint(said, failed.suggestion, answer_hint(q)))


def _read_choice(q, raw: str, word: str, failed: ConversionError) -> Any:
    """A choice from a sentence, a number on the menu or the start of a choice."""
    lay = vocabulary.lay_choice(q.id, q.choices, word)
    if lay is not None:
        return lay
    if word.isdigit() and not q.type.menu:
        raise AnswerError(f"Please answer in words rather than a number: {answer_hint(q)}.")
    if word.isdigit():
        n = int(word)
        if 1 <= n <= len(q.choices):
            return q.choices[n - 1]
        raise AnswerError(f"There is no choice {n}: type a number from 1 to {len(q.choices)}, "
                          f"a choice, or 'not sure'.")
    if word in vocabulary.YES or word in vocabulary.NO:
        raise AnswerError(f"This question needs one of the choices: {answer_hint(q)}.")
    starts = [c for c in q.choices if c.startswith(word)]
    if len(starts) == 1:
        return starts[0]
    if len(starts) > 1:
        raise AnswerError(f"'{raw}' could be {' or '.join(starts)}: please type more of it.")
    raise AnswerError(_hint(f"'{raw}' is {failed.problem}", failed.suggestion, answer_hint(q)))


def _read_nutrients(q, word: str) -> tuple:
    """Nutrients typed as a list, by name or by their number on the screen."""
    out: list[str] = []
    for part in LIST_SEPARATORS.split(word):
        if not part:
            continue
        shown = re.fullmatch(r"(\d+)[.)]?\s+(.+)", part)  # the label as shown: "2 vitamin d"
        if part.isdigit() and 1 <= int(part) <= len(NUTRIENTS):
            part = NUTRIENTS[int(part) - 1]
        elif shown and find_nutrient(shown.group(2)) is not None:
            part = shown.group(2)
        try:
            nid = q.type.item(part)
        except ConversionError as err:
            raise AnswerError(_hint(f"'{part}' is not a nutrient I know", err.suggestion, answer_hint(q))) from None
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
    """What this question takes, for the interview's messages and help."""
    return q.type.describe("hint")


def prompt_suffix(q) -> str:
    return q.type.describe("prompt")


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
    """A new file in the state folder, reserved by creating it (O_EXCL): two
    interviews interrupted in the same second never share a name."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = state_dir()
    with contextlib.suppress(OSError):
        os.makedirs(folder, mode=0o700, exist_ok=True)
    n = 1
    while True:
        path = os.path.join(folder, f"interview-{stamp}.yaml" if n == 1 else f"interview-{stamp}-{n}.yaml")
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            return path
        except FileExistsError:
            n += 1
        except OSError:
            return path  # the folder cannot be written: the save says so


def save_case(case: Case, path: str) -> None:
    from screener.outfile import write_private

    write_private(path, dump_case(case, path))


def load_resume(path: str) -> Case:
    return read_one(path, takes="--resume takes one saved interview")


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
    trace: bool = False                   # show rule ids with '?'
    queue: list = field(default_factory=list)  # signs of a screen answered "not sure", asked one by one
    autosaved: str | None = None          # the state-folder file, once one is made
    stop: Any = None                      # signal state (_Stopping) while the interview runs

    def __post_init__(self):
        self.history = [[qid] for qid in ordered(self.case.answers)]

    @property
    def answers(self) -> dict:
        return self.case.answers

    # -- output --
    def say(self, text: str = "", **style) -> None:
        if style and not os.environ.get("NO_COLOR"):
            text = click.style(text, **style)
        click.echo(text, err=self.err)

    def tell(self, text: str = "", **style) -> None:
        """``say`` where the terminal may be gone (after a hang-up): never raises."""
        with contextlib.suppress(OSError, ValueError, AttributeError):
            self.say(text, **style)

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
        if self.stop is not None and self.stop.pending:
            raise Interrupted("interrupted")  # a signal came while the rules ran
        try:
            if sys.stdin.isatty():
                func = termui.visible_prompt_func
                with _ticking(self.stop):
                    if self.err:
                        with contextlib.redirect_stdout(sys.stderr):
                            return func(prompt)
                    _use_readline()
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
            path = self.autosaved or autosave_path()
            self.autosaved = path
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
    def progress(self, step) -> None:
        first = BY_ID[step.ids[0]]
        section = step.title if step.kind == "screen" else first.section
        if section != self.last_section:
            self.last_section = section
            self.say()
            heading = step.title if step.kind == "screen" else SECTION_TITLES.get(first.section, first.section)
            if step.kind == "screen":
                heading = "Warning signs: " + heading[0].lower() + heading[1:]
            self.say(heading, bold=True, underline=True)
        self.say(f"Question {self.asked + 1}", dim=True)

    def ask(self, qid: str, plain: bool = False, step=None) -> Any:
        """Ask until the person gives an answer or a command (why is handled here)."""
        q = BY_ID[qid]
        text = q.plain if plain and q.plain else q.text
        self.wrap(text, bold=True)
        if q.help:
            self.wrap(f"({q.help})", "  ")
        if q.kind == NUTRIENT_LIST:
            self.wrap("Nutrients: " + ", ".join(f"{n} {NUTRIENT_NAMES[x]}" for n, x in enumerate(NUTRIENTS, 1)),
                      "  ")
        prefix = ""
        while True:
            line = self.read(prompt_suffix(q) + " > ")
            try:
                value = parse_answer(qid, prefix + line if line.strip() and prefix else line)
            except AnswerError as exc:
                self.wrap(str(exc), "  ", fg="yellow")
                continue
            prefix = ""
            if isinstance(value, vocabulary.AskBack):
                self.wrap(value.question, "  ", fg="yellow")
                prefix = value.prefix
                continue
            if isinstance(value, Command):
                if value.name == "why":
                    self.why(qid, step)
                    continue
                if value.name == "help":
                    self.wrap(HOW_TO_ANSWER + f" For this question: {answer_hint(q)}.", "  ")
                    continue
            return value

    def show_list(self, ids) -> None:
        for n, qid in enumerate(ids, 1):
            self.wrap(f"{n:>2}  {item_label(qid)}", "  ", hang="    ")

    def ask_selection(self, step, prompt: str, question: str) -> Any:
        """Read a selection from a list (numbers or words), 'none', or a command."""
        self.wrap(question, bold=True)
        self.show_list(step.ids)
        while True:
            line = self.read(prompt)
            try:
                value = parse_selection(step.ids, line)
            except AnswerError as exc:
                self.wrap(str(exc), "  ", fg="yellow")
                continue
            if isinstance(value, Command) and value.name == "why":
                self.why(step.ids[0], step)
                continue
            if isinstance(value, Command) and value.name == "help":
                self.wrap("Type the numbers or the words of those that apply (for example: 1, 3), 'none', "
                          "or 'not sure'. 'back' undoes your last answer, 'quit' stops.", "  ")
                continue
            return value

    def ask_step(self, step) -> dict | Command:
        """Ask one step; returns the answers it gives (question id -> value) or a command."""
        if step.kind == "question":
            value = self.ask(step.qid, step=step)
            q = BY_ID[step.qid]
            if value == UNKNOWN and q.section == "red_flags" and q.plain:
                # A red flag answered "not sure" is asked once more, in plainer words.
                self.say("  Let me put that another way:", dim=True)
                value = self.ask(step.qid, plain=True, step=step)
            return value if isinstance(value, Command) else {step.qid: value}
        if step.kind == "checklist":
            value = self.ask_selection(step, "[numbers or words, or none] > ",
                                       flow.CHECKLIST_QUESTION if step.title == "Symptoms" else step.title)
            if isinstance(value, Command):
                return value
            if value == UNKNOWN:
                return dict.fromkeys(step.ids, UNKNOWN)
            return {qid: qid in value for qid in step.ids}
        # a screen: yes asks which; not sure asks each on its own
        self.wrap(flow.SCREEN_QUESTION, bold=True)
        self.show_list(step.ids)
        while True:
            line = self.read("[yes/no/not sure, or the numbers] > ")
            word = vocabulary.norm(line)
            answer = vocabulary.yes_no(word) if vocabulary.command(line) is None else None
            if isinstance(answer, vocabulary.AskBack):
                self.wrap(f"'{line.strip()}': if any of these might apply, say yes; if none do, say no.", "  ",
                          fg="yellow")
                continue
            if answer is False or word in vocabulary.NONE:
                return dict.fromkeys(step.ids, False)
            if answer == UNKNOWN:
                # each sign on its own, as single questions (each saved as it is answered)
                self.say("  Let me ask about each one on its own.", dim=True)
                return Command("one_by_one")
            if answer is True:
                value = self.ask_selection(step, "[numbers or words] > ", "Which of them? Type the numbers "
                                           "or words (for example: 1, 3).")
            else:
                try:
                    value = parse_selection(step.ids, line)
                except AnswerError as exc:
                    if re.search(r"\d", word) or len(word) > 12:
                        self.wrap(str(exc), "  ", fg="yellow")
                    else:
                        guess = suggest(word, vocabulary.ANSWER_WORDS)
                        self.wrap(_hint(f"'{line.strip()}' is not a yes/no answer", guess,
                                        "yes, no, not sure, or the numbers of those that apply"), "  ", fg="yellow")
                    continue
            if isinstance(value, Command):
                if value.name == "why":
                    self.why(step.ids[0], step)
                    continue
                if value.name == "help":
                    self.wrap("Answer yes if any of them applies (you will be asked which), no if none "
                              "does, or type their numbers.", "  ")
                    continue
                return value
            if value == UNKNOWN:
                return dict.fromkeys(step.ids, UNKNOWN)
            if answer is True and not value:
                self.wrap("You said yes but picked none of them: answer again (yes, no, not sure, or the "
                          "numbers).", "  ", fg="yellow")
                continue
            return {qid: qid in value for qid in step.ids}

    def why(self, qid: str, step=None) -> None:
        for indent, text in why_lines(qid, self.answers, self.rules, step=step, trace=self.trace):
            self.wrap(text, indent, hang="  " if text.startswith("- ") else "")

    def undo(self) -> list[tuple[str, Any]]:
        """Forget the last step's answers; returns [(question id, old value)]."""
        while self.history:
            ids = self.history.pop()
            undone = [(qid, self.answers.pop(qid)) for qid in ids if qid in self.answers]
            if undone:
                self.save()
                return undone
        return []

    def run(self) -> str:
        """Ask until done.  Returns 'done' or 'emergency'; raises Quit / Interrupted."""
        while True:
            result = self.screen()
            flags = self.emergency_flags(result)
            if flags:
                self.show_emergency(flags)
                return "emergency"
            self.show_new_urgent(result)
            self.queue = [q for q in self.queue if q not in self.answers]
            if self.queue:  # a screen answered "not sure": its signs one at a time
                step = flow.Step("question", (self.queue[0],), why=flow.EMERGENCY_WHY)
            else:
                step = flow.next_step(self.answers, result, self.rules)
            if step is None:
                return "done"
            self.progress(step)
            got = self.ask_step(step)
            if isinstance(got, Command) and got.name == "one_by_one":
                self.queue = list(step.ids)
                continue
            if isinstance(got, Command) and got.name == "quit":
                raise Quit()
            if isinstance(got, Command) and got.name == "back":
                self.go_back()
                continue
            self.answers.update(got)
            self.history.append(list(got))
            self.asked += 1
            self.save()

    def go_back(self) -> None:
        """'back': undo the last answer (a whole screen or checklist); it is asked again."""
        undone = self.undo()
        self.queue = []
        self.last_section = None
        if not undone:
            self.say("  Nothing to undo yet.", fg="yellow")
            return
        self.asked = max(0, self.asked - 1)
        words = "; ".join(f"{BY_ID[qid].label} (was {BY_ID[qid].type.to_words(value)})" for qid, value in undone[:3])
        more = f" and {len(undone) - 3} more" if len(undone) > 3 else ""
        self.say(f"  Undone: {words}{more}.", dim=True)


def item_label(qid: str) -> str:
    """A question as an item of a screen or checklist: its words, with examples where the bank has them."""
    q = BY_ID[qid]
    return q.label


def parse_selection(ids, text: str) -> Any:
    """Items picked from a numbered list: a set of question ids, UNKNOWN, or a Command.

    Numbers, the words shown (or part of them, or an everyday word for
    them), separated by commas, 'and' or spaces between numbers; 'none'."""
    raw = text.strip()
    word = vocabulary.norm(raw)
    said = command_or_not_sure(raw)
    if said is not None:
        return said
    if word in vocabulary.NONE:
        return set()
    if not word:
        raise AnswerError("Please type the numbers or words of those that apply, or 'none'.")
    chosen: set = set()
    parts = re.split(r"\s*(?:,|;|\band\b|&|\+|/)\s*", word)
    if re.fullmatch(r"[\d\s]+", word):
        parts = word.split()
    for part in parts:
        if not part:
            continue
        m = re.fullmatch(r"(\d+)[.)]?(?:\s+(.*))?", part)
        if m:
            n = int(m.group(1))
            if not 1 <= n <= len(ids):
                raise AnswerError(f"There is no number {n} here: type numbers from 1 to {len(ids)}, or 'none'.")
            chosen.add(ids[n - 1])
            continue
        qid = _find_item(ids, part)
        if qid is None:
            labels = {item_label(i).lower(): i for i in ids}
            guess = suggest(part, labels)
            hint = f" Did you mean '{guess}'?" if guess else ""
            raise AnswerError(f"'{part}' is not on the list.{hint} Type the numbers or words of those that "
                              "apply, or 'none'.")
        chosen.add(qid)
    return chosen


def _find_item(ids, part: str) -> str | None:
    part = part.strip()
    for qid in ids:
        if part in (qid, qid.replace("_", " "), item_label(qid).lower()):
            return qid
    if part in vocabulary.SYMPTOM_WORDS and vocabulary.SYMPTOM_WORDS[part] in ids:
        return vocabulary.SYMPTOM_WORDS[part]
    hits = [qid for qid in ids if len(part) >= 3 and re.search(rf"\b{re.escape(part)}", item_label(qid).lower())]
    if len(hits) == 1:
        return hits[0]
    for syn, qid in vocabulary.SYMPTOM_WORDS.items():
        if qid in ids and re.search(rf"\b{re.escape(syn)}\b", part):
            return qid
    return None


def why_lines(qid: str, answers: dict, rules=None, step=None, trace: bool = False) -> list[tuple[str, str]]:
    """Why this question: one plain sentence for this person (the rules behind it with --trace)."""
    q = BY_ID[qid]
    if step is None:
        step = flow.next_step(answers, None, rules)
        if step is None or qid not in step.ids:
            step = flow.Step("question", (qid,))
    if q.section == "red_flags" and step.kind != "checklist":
        level = "emergency help" if q.urgency == "emergency" else "seeing a doctor today"
        sentence = step.why or f"It is a warning sign: a yes means {level}, before anything else."
    else:
        sentence = step.why or "It could change what the report says."
    out: list[tuple[str, str]] = [("  ", sentence)]
    if trace and step.rules:
        from screener.engine import catalogue

        cat = catalogue()
        out.append(("    ", "Rules behind this question:"))
        for rid in list(dict.fromkeys(step.rules))[:8]:
            reason = cat[rid].reason if rid in cat else ""
            out.append(("      ", f"- {rid}: {reason}"))
    return out


# --- after the report --------------------------------------------------------

def explain_loop(session: Session) -> None:
    """``how NUTRIENT`` / ``why-not NUTRIENT`` until quit or end of input."""
    session.say()
    session.wrap("Want to know more? Type 'how NUTRIENT' (which answers led there) or 'why-not NUTRIENT' "
                 "(what kept it low), for example 'how b12'. Press Enter or type 'no' to finish.", dim=True)
    while True:
        try:
            line = session.read("explain > ")
        except Interrupted as exc:
            if exc.why == "end of input":
                return
            raise
        word = " ".join(line.strip().lower().split()).rstrip(".!")
        if not word or word in FINISHED:
            return
        if vocabulary.command(line) in ("help", "why"):
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
    from screener import explain as ex

    return ex.how(case, nutrient) if what == "how" else ex.why_not(case, nutrient)


# --- the command ---------------------------------------------------------------

def interview_command(*, save: str | None, resume: str | None, fmt: str, output: str | None,
                      region: str | None, tracer_factory=None, rules=None, step: bool = False) -> int:
    """Run the interview; returns the exit status (0 report or quit, 130 interrupted).

    From the first answer to the last word, Ctrl-C, SIGTERM and SIGHUP
    (a closed terminal) save the answers (0600) and end with status 130:
    at a question, while the report is built, and at the explain prompt.
    """
    if sys.stdin is None or getattr(sys.stdin, "closed", False):
        raise InputError("standard input is closed: the interview needs answers (type them, or pipe them in)")
    # Prompts go to stderr only when stdout carries data to a file or a pipe:
    # --format json, or a person at a terminal redirecting the report.
    err = not _isatty(sys.stdout) and (fmt == "json" or _isatty(sys.stdin))
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
        from screener.outfile import check_not_input
        from screener.outfile import check_target

        try:
            check_not_input(output, [("the --save file", save_path), ("the --resume file", resume)])
        except ValueError as exc:
            raise InputError(str(exc)) from None
        folder = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
            raise InputError(f"cannot write --output {output}: the folder does not exist or is not writable")
        try:
            check_target(output)
        except OSError as exc:
            raise InputError(f"cannot write --output {output}: {exc.strerror}") from None
    session = Session(case=case, save_path=save_path, err=err, rules=rules, trace=tracer_factory is not None)
    with _save_lock(save_path), _signals_as_interrupt() as stopping:
        session.stop = stopping
        if save_path:
            try:
                session.save()  # fail early, before any question, if the file cannot be written
            except OSError as exc:
                raise InputError(f"cannot write --save {save_path}: {exc.strerror or exc}") from None
        try:
            return _interview(session, resume=resume, fmt=fmt, output=output, region=region,
                              tracer_factory=tracer_factory, step=step)
        except (KeyboardInterrupt, Interrupted) as exc:
            return _stopped(session, stopping, getattr(exc, "why", "interrupted"))
        except Exception:
            if not stopping.pending:
                raise
            # A signal raised inside C code can surface as another error
            # (SystemError "returned a result with an exception set"): it is
            # still the interruption.
            return _stopped(session, stopping, "interrupted")


def _stopped(session: Session, stopping, why: str) -> int:
    """After a signal or end of input: save the answers, say where, status 130."""
    stopping.set()  # a second signal now is ignored: the answers are being saved
    path = session.save_somewhere()
    session.tell()
    word = "End of input" if why == "end of input" else "Interrupted"
    if path:
        session.tell(f"{word}: your answers so far are saved in {path}.")
        session.tell(f"To continue: screener interview --resume {shlex.quote(path)}")
    else:
        session.tell(f"{word}.")
    return EXIT_INTERRUPTED


def _interview(session: Session, *, resume, fmt, output, region, tracer_factory, step=False) -> int:
    case = session.case
    save_path = session.save_path
    session.wrap(DISCLAIMER, bold=True)
    session.wrap(HOW_TO_ANSWER, dim=True)
    if resume:
        n = len(case.answers)
        session.say(f"Resuming from {resume}: {n} answer{'s' if n != 1 else ''} already given.", dim=True)

    try:
        outcome = session.run()
    except Quit:
        path = session.save_somewhere()
        session.say()
        if path:
            session.say(f"Stopped. Your answers are saved in {path}.")
            session.say(f"To continue later: screener interview --resume {shlex.quote(path)}")
        return 0

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
        n = session.asked
        session.say(f"Thank you: {n} question{'s' if n != 1 else ''} answered. "
                    "Here is your report.", bold=True)
        session.say()
    if output:
        from screener.outfile import write_private

        try:
            write_private(output, click.unstyle(text))
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
    if session.stop is not None and session.stop.pending:
        raise Interrupted("interrupted")
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


_READLINE: list = []


def _use_readline() -> None:
    """Line editing and history at a terminal prompt: once the standard
    ``readline`` module is loaded, ``input()`` edits the line (arrow keys
    move, they do not become part of the answer) and shows the prompt on
    stdout, not stderr.  Missing on some platforms: then plain input."""
    if _READLINE:
        return
    _READLINE.append(True)
    try:
        import readline  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the platform
        pass


@contextlib.contextmanager
def _save_lock(path: str | None):
    """Hold a lock beside the --save file for the whole interview: a second
    interview with the same file is refused instead of silently overwriting."""
    if not path:
        yield
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    folder, name = os.path.split(os.path.abspath(path))
    lock_path = os.path.join(folder, f".{name}.lock")
    try:
        fd = os.open(lock_path, os.O_WRONLY | os.O_CREAT, 0o600)
    except OSError:
        yield  # an unwritable folder: saving says so
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise InputError(f"{path} is in use by another screener interview; finish that one first, "
                             "or choose another --save file") from None
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.unlink(lock_path)
    finally:
        os.close(fd)


class _Stopping:
    """What the signal handler knows: a signal came (``pending``), and the
    answers are being saved after one (``saving``: more signals wait)."""

    def __init__(self):
        self.pending = False
        self.saving = False

    def set(self) -> None:
        self.saving = True
        _rearm(0)


@contextlib.contextmanager
def _ticking(stop):
    """While waiting at a terminal prompt, wake every half second (SIGALRM).

    GNU readline catches signals while it sets up a prompt or reads a key
    and hands them back to Python by re-raising them: Python notes the
    signal but stays blocked waiting for a key, so a SIGTERM there would be
    handled only after the next keystroke.  The tick interrupts that wait,
    and Python then runs the handler that saves the answers.
    """
    if stop is None or not hasattr(signal, "setitimer"):
        yield
        return
    with contextlib.suppress(ValueError, OSError):
        signal.setitimer(signal.ITIMER_REAL, 0.5, 0.5)
    try:
        yield
    finally:
        _rearm(0.05 if stop.pending and not stop.saving else 0)


def _rearm(seconds: float) -> None:
    if hasattr(signal, "setitimer"):
        with contextlib.suppress(ValueError, OSError):
            signal.setitimer(signal.ITIMER_REAL, seconds)


@contextlib.contextmanager
def _signals_as_interrupt():
    """Ctrl-C, a closed terminal (SIGHUP) and a polite kill (SIGTERM) all
    raise KeyboardInterrupt; while the answers are being saved after one,
    more signals are ignored.

    A KeyboardInterrupt can be swallowed on its way: ``input()`` clears an
    error raised while it flushes the streams, then blocks at the prompt.
    So a signal also arms a short timer (SIGALRM) that raises again, every
    50 ms, until the interview is saving.
    """
    stopping = _Stopping()

    def handler(signum, frame):
        if stopping.saving:
            return
        if signum != getattr(signal, "SIGALRM", None) or stopping.pending:
            stopping.pending = True
            _rearm(0.05)
            raise KeyboardInterrupt

    old = {}
    try:
        for name in ("SIGINT", "SIGHUP", "SIGTERM", "SIGALRM"):
            sig = getattr(signal, name, None)
            if sig is not None:
                with contextlib.suppress(ValueError, OSError):  # not the main thread
                    old[sig] = signal.signal(sig, handler)
        yield stopping
    finally:
        _rearm(0)
        for sig, prev in old.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, prev)
