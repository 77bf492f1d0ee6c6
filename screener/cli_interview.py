"""``screener interview`` command definition (click only; the work is in screener.interview)."""

from __future__ import annotations

import click

from screener.options import format_option
from screener.options import open_trace
from screener.options import output_option
from screener.options import region_option
from screener.options import trace_options

SAVE_SUFFIXES = (".yaml", ".yml", ".json")


def _check_save(ctx, param, value):
    if value is not None and not value.lower().endswith(SAVE_SUFFIXES):
        raise click.BadParameter(f"{value}: the file name must end in .yaml, .yml or .json")
    return value


@click.command()
@click.option("--save", type=click.Path(dir_okay=False), callback=_check_save, metavar="FILE",
              help="Save the answers to FILE (.yaml, .yml or .json) after every answer, readable only by you.")
@click.option("--resume", type=click.Path(dir_okay=False, exists=True), metavar="FILE",
              help="Continue an interview from a saved FILE (or any fact file); questions already "
                   "answered, even 'not sure', are not asked again.")
@format_option
@output_option
@region_option
@trace_options
@click.option("--step", is_flag=True,
              help="Before the report, step through the rules on your answers as in CLIPS (run, agenda, "
                   "matches, why, how; see screener step).")
def interview(save, resume, fmt, output, region, trace, trace_format, trace_file, step):
    """Answer questions one at a time and get an explained report.

    Warning signs come first: a yes to an emergency sign stops the interview
    and tells you what to do now.  After that, only the questions the rules
    still need are asked.  At any question you can answer 'not sure', type
    ? (why is this asked?), back (undo the last answer) or quit.  After the
    report, ask 'how NUTRIENT' or 'why-not NUTRIENT'.

    Ctrl-C or end of input saves your answers (to --save FILE, or to
    $XDG_STATE_HOME/screener/) and prints how to resume (exit status 130).
    Answers can also be piped in, one per line.

    \b
    Examples:
        screener interview
        screener interview --save my-answers.yaml
        screener interview --resume my-answers.yaml --format markdown -o report.md
        printf 'no\\n...' | screener interview --format json
    """
    from screener.interview import interview_command

    inputs = [("the --save file", save), ("the --resume file", resume), ("the --output file", output)]
    with open_trace(trace, trace_format, trace_file, inputs) as factory:
        status = interview_command(save=save, resume=resume, fmt=fmt, output=output, region=region,
                                   tracer_factory=factory, step=step)
    ctx = click.get_current_context()
    ctx.exit(status)
