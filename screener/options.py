"""Options and errors shared by the commands (click only: cheap to import)."""

from __future__ import annotations

import contextlib
import sys

import click

from screener.errors import InputError

FORMATS = ("text", "json", "markdown", "reasoning")


class UsageFailure(click.ClickException):
    """Bad input, as click shows it: ``Error: ...`` and exit status 2."""

    exit_code = 2


@contextlib.contextmanager
def usage_errors():
    """The one place where the library's plain errors (:class:`InputError`:
    a bad fact file, answer or option value) become usage errors."""
    try:
        yield
    except InputError as exc:
        raise UsageFailure(exc.message) from None


class Group(click.Group):
    """A command group whose commands' bad input ends in a usage error (exit 2), not a traceback.

    ``lazy`` names commands by where they live (``"module:attribute"``, the
    attribute a command or a function that makes one); each is imported only
    when it is run or listed (``--help``), so ``screener run`` does not pay for
    the interview, the teaching tools or ``validate`` at start-up.
    """

    def __init__(self, *args, lazy: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx, name):
        if name in self.lazy and name not in self.commands:
            module, attribute = self.lazy[name].split(":")
            made = getattr(__import__(module, fromlist=[attribute]), attribute)
            self.add_command(made if isinstance(made, click.Command) else made(), name)
        return super().get_command(ctx, name)

    def resolve_command(self, ctx, args):
        # A misspelt command gets a did-you-mean from every command, loaded or lazy, whatever click's version
        # (click 8.4+ suggests only from those already loaded; 8.1, on Python 3.9, not at all).
        name = args[0] if args else ""
        if (name and not name.startswith("-") and ctx.token_normalize_func is None and not ctx.resilient_parsing
                and self.get_command(ctx, name) is None):
            from difflib import get_close_matches

            close = get_close_matches(name, self.list_commands(ctx), n=1)
            ctx.fail(f"No such command {name!r}." + (f" Did you mean {close[0]!r}?" if close else ""))
        return super().resolve_command(ctx, args)

    def invoke(self, ctx):
        with usage_errors():
            return super().invoke(ctx)


class _Region(click.Choice):
    """The region choice; a bad SCREENER_REGION is named as such (not as --region)."""

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            source = ctx.get_parameter_source(param.name) if ctx is not None and param is not None else None
            if source is not None and source.name == "ENVIRONMENT":
                from screener.facts import brief

                raise InputError(f"the environment variable SCREENER_REGION is {brief(value)}, which is not a "
                                 "region; set it to uk, us or eu, or unset it") from None
            raise


def region_option(fn):
    return click.option(
        "--region", type=_Region(["uk", "us", "eu"], case_sensitive=False), envvar="SCREENER_REGION",
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
def open_trace(trace, trace_format, trace_file, inputs=()):
    """Yield a tracer factory (case -> callback) or None when not tracing.

    A trace file is health data like a report: written atomically (mode
    0600, regular files only), never over one of ``inputs`` (pairs of
    (what, path)), and an old file is replaced only once the trace is
    written (a bad input leaves it untouched).
    """
    if not (trace or trace_file):
        yield None
        return
    from screener.trace import make_tracer

    if trace_file:
        from screener.outfile import PrivateFile
        from screener.outfile import check_not_input

        try:
            check_not_input(trace_file, inputs, "--trace-file")
        except ValueError as exc:
            raise InputError(str(exc)) from None
        try:
            out = PrivateFile(trace_file)
        except OSError as exc:
            raise InputError(f"cannot write trace file {trace_file}: {exc.strerror or exc}") from None
        with out:
            try:
                yield make_tracer(trace_format, out.stream)
            except BaseException:
                if out.stream.tell() > 0:  # a batch with bad cases: keep the trace of the good ones
                    _commit_trace(out, trace_file)
                raise
            _commit_trace(out, trace_file)
    else:
        yield make_tracer(trace_format, sys.stderr)


def _commit_trace(out, trace_file) -> None:
    try:
        out.commit()
    except OSError as exc:
        raise InputError(f"cannot write trace file {trace_file}: {exc.strerror or exc}") from None
