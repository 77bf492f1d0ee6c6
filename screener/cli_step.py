"""``screener step`` command definition (click only; the work is in screener.step)."""

from __future__ import annotations

import click


@click.command()
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("-c", "--command", "commands", multiple=True, metavar="COMMAND",
              help="Run this command (repeatable, in order) and stop, without reading input: a scripted "
                   "lab. Each command is echoed after the prompt.")
@click.option("--echo/--no-echo", default=None,
              help="Echo each command after the prompt (default: on with --command, off otherwise).")
@click.option("--set", "overrides", multiple=True, metavar="QUESTION=VALUE",
              help="Override an answer first (validated like a fact file). Repeatable.")
@click.option("--input-format", type=click.Choice(["yaml", "json", "toml"]),
              help="Read FILE in this format instead of guessing from its name.")
def step(file, commands, echo, overrides, input_format):
    """Step through the inference on one case, as in CLIPS: run N firings,
    look at the agenda, the facts and a rule's partial matches, switch the
    conflict-resolution strategy, assert and retract facts, and ask WHY and
    HOW as in MYCIN.

    Commands are read one per line (type help); from a pipe there is no
    prompt, and end of input ends the session (exit status 0).

    \b
    Examples:
        screener step examples/vegan_tingling.yaml
        screener step examples/vegan_tingling.yaml -c 'run 2' -c agenda -c 'matches b12_vegan_diet'
        printf 'run 3\\nwhy\\nwhy\\n' | screener step examples/vegan_tingling.yaml
    """
    from screener import teach
    from screener.step import StepSession
    from screener.step import run_session

    if file == "-" and not commands:
        raise click.UsageError("the commands come from standard input, so FILE cannot be - (use --command)")
    case = teach.load_one(file, overrides, input_format, takes="step takes one case")
    session = StepSession(case, out=click.echo)
    run_session(session, list(commands) if commands else None,
                echo=bool(commands) if echo is None else echo,
                err=lambda text: click.echo(text, err=True))
