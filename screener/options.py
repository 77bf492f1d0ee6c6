"""Options and errors shared by the commands (click only: cheap to import)."""

from __future__ import annotations

import contextlib
import sys

import click

FORMATS = ("text", "json", "markdown", "reasoning")


class InputError(click.ClickException):
    """Bad input (fact file, answer, option value): exit status 2."""

    exit_code = 2


def region_option(fn):
    return click.option(
        "--region", type=click.Choice(["uk", "us", "eu"], case_sensitive=False), envvar="SCREENER_REGION",
        help="Where you are, for the emergency number (999 uk, 911 us, 112 eu). Default: all three. "
             "Env: SCREENER_REGION.")(fn)


def output_option(fn):
    return click.option("-o", "--output", type=click.Path(dir_okay=False, writable=False),
                        help="Write the report to FILE (atomically, readable only by you).")(fn)


def format_option(fn):
    return click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
                        help="Report format (reasoning: the fired rules, CF steps, caps and conclusions "
                             "only, for studying the engine).")(fn)


def trace_options(fn):
    for decorator in reversed((
        click.option("--trace", is_flag=True, help="Show the inference as it happens (CLIPS-style), on stderr."),
        click.option("--trace-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
                     help="Trace as readable lines, or one JSON event per line."),
        click.option("--trace-file", type=click.Path(dir_okay=False),
                     help="Write the trace to FILE instead of stderr (implies --trace)."),
    )):
        fn = decorator(fn)
    return fn


@contextlib.contextmanager
def open_trace(trace, trace_format, trace_file):
    """Yield a tracer factory (case -> callback) or None when not tracing."""
    if not (trace or trace_file):
        yield None
        return
    from screener.trace import make_tracer

    if trace_file:
        try:
            stream = open(trace_file, "w", encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write trace file {trace_file}: {exc.strerror or exc}") from None
        with stream:
            yield make_tracer(trace_format, stream)
    else:
        yield make_tracer(trace_format, sys.stderr)
