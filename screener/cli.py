"""The ``screener`` command line.

This module stays light: it imports click and the question bank only, so
``screener --help`` and ``--version`` never pay for experta.  Each command
imports the engine inside its body.
"""

from __future__ import annotations

import errno
import os
import sys

import click

from screener import __version__
from screener.options import Group
from screener.options import format_option
from screener.options import open_trace
from screener.options import output_option
from screener.options import region_option
from screener.options import trace_options

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


#: Commands imported only when run or listed (see :class:`screener.options.Group`).
LAZY_COMMANDS = {
    "interview": "screener.cli_interview:interview",
    "step": "screener.cli_step:step",
    "validate": "screener.validate:make_command",
    "rules": "screener.cli_teach:rules",
    "explain": "screener.cli_teach:explain",
    "diff": "screener.cli_teach:diff",
}


@click.group(cls=Group, context_settings=CONTEXT_SETTINGS, lazy=LAZY_COMMANDS)
@click.version_option(__version__, "-V", "--version", prog_name="screener")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(ctx, debug):
    """Screen yourself for nutrient shortages behind leg weakness, numbness,
    tingling and cramps, and see what to discuss with a doctor.

    It screens; it does not diagnose. Warning signs that need emergency or
    same-day care always come first.

    \b
    Examples:
        screener run examples/vegan_tingling.yaml
        screener run examples/*.yaml --format json
        screener questions
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, dir_okay=False))
@format_option
@output_option
@region_option
@click.option("--input-format", type=click.Choice(["yaml", "json", "toml", "jsonl"]),
              help="Read FILES (or - for stdin) in this format instead of guessing from the name.")
@click.option("--set", "overrides", multiple=True, metavar="QUESTION=VALUE",
              help="Override an answer (validated like a fact file). Repeatable.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Spread a large batch over N processes (output order is kept).")
@trace_options
def run(files, fmt, output, region, input_format, overrides, jobs, trace, trace_format, trace_file):
    """Screen the answers in fact FILES (YAML, JSON, TOML, JSON Lines; - for stdin).

    One report per case; several files or a .jsonl file make a batch
    (JSON Lines with --format json).  A bad case is reported on stderr
    with exit status 2; the good cases of a batch still get reports.

    \b
    Examples:
        screener run examples/vegan_tingling.yaml
        screener run examples/*.yaml --format json > reports.jsonl
        cat case.json | screener run - --format markdown -o summary.md
    """
    from screener.batch import run_command

    inputs = [("an input", f) for f in files] + [("the --output file", output)]
    with open_trace(trace, trace_format, trace_file, inputs) as tracer:
        run_command(files, fmt=fmt, output=output, region=region, input_format=input_format,
                    overrides=overrides, jobs=jobs, tracer=tracer)


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def questions(fmt):
    """List the question bank: ids, questions, allowed values and what each informs.

    \b
    Example:
        screener questions --format json
    """
    from screener.catalog import questions_data
    from screener.catalog import questions_table

    if fmt == "json":
        import json

        click.echo(json.dumps(questions_data(), indent=2, ensure_ascii=False))
    else:
        click.echo(questions_table())


@cli.command()
@click.argument("which", type=click.Choice(["facts", "report"]))
def schema(which):
    """Print the JSON Schema of a fact file or of a report (JSON, draft 2020-12).

    \b
    Examples:
        screener schema facts > facts.schema.json
        screener schema report
    """
    import json

    from screener.schema import SCHEMAS

    click.echo(json.dumps(SCHEMAS[which](), indent=2))


def main(argv=None):
    """Console-script entry point: colour policy, quiet pipes, clean errors."""
    _prepare_streams()
    try:
        code = _run(argv)
    except SystemExit as exc:  # interview hand-offs and the like
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            click.echo(exc.code, err=True)
    _exit(code)


def _run(argv) -> int:
    """Run the command line; return the exit status."""
    color = False if not use_colour() else None
    debug = "--debug" in (sys.argv[1:] if argv is None else argv)
    try:
        rv = cli.main(args=argv, prog_name="screener", color=color, standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except BrokenPipeError:
        _quiet_pipe()
        return 0
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    except OSError as exc:  # the environment (disk full, a closed stream), not a bug
        if exc.errno == errno.EPIPE:
            _quiet_pipe()
            return 0
        _say_error(exc)
        return 2
    except SystemExit:
        # click answers a write to a closed pipe (EPIPE) by wrapping stdout in
        # PacifyFlushWrapper and exiting 1; for `screener run ... | head` that
        # is not an error: end quietly.
        if type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
            _quiet_pipe()
            return 0
        raise
    except Exception as exc:  # a bug: say how to report it, no traceback
        if debug:
            raise
        click.echo(f"Internal error: {type(exc).__name__}: {exc}\n"
                   "This is a bug in screener. Please report it with the command you ran "
                   "(run again with --debug for details).", err=True)
        return 1
    return rv if isinstance(rv, int) else 0


def _exit(code: int) -> None:
    """Flush and leave without tearing down the interpreter.

    Freeing the Rete network object by object at exit costs about 15 ms, a
    sixth of a one-case run.  Every file the commands write is closed before
    they return, so after flushing the standard streams there is nothing left
    for the interpreter's teardown to do.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError) as exc:  # a closed pipe: nothing more to say
            if stream is sys.stdout:
                _quiet_pipe()
                if getattr(exc, "errno", None) not in (None, errno.EPIPE, errno.EIO):
                    _say_error(exc)  # disk full: the report was not written
                    code = code or 2
    os._exit(code)


def use_colour() -> bool:
    """No colour or bold for NO_COLOR, or a terminal that cannot show it (TERM=dumb)."""
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _say_error(exc: OSError) -> None:
    what = exc.strerror or str(exc)
    where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
    try:
        click.echo(f"Error: cannot write the output: {what}{where}. This is a problem of the system "
                   "(disk, terminal or pipe), not of screener.", err=True)
    except (OSError, ValueError):
        pass


class _ClosedStream:
    """Stands in for a standard stream that was closed (``>&-``): writing to
    it is an OSError (EBADF) the command line reports, not a traceback."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text):
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        raise OSError(errno.EBADF, "standard output is closed")


def _prepare_streams() -> None:
    """Closed standard streams and non-UTF-8 terminals, before any command.

    A closed stdout makes writing an error (exit 2); a closed stderr drops
    messages (the exit status still tells).  In a locale that cannot encode
    a name like 日本語, characters it cannot show are written as \\u escapes
    instead of crashing every format.
    """
    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding and encoding not in ("utf8", "utf8sig") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (OSError, ValueError):
                pass


def _quiet_pipe():
    """Stop Python complaining when it flushes stdout into a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
