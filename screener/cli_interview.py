"""``screener interview`` command definition (click only; the work is in screener.interview)."""

import click


@click.command()
def interview():
    """Guided, adaptive interview (not yet built)."""
    raise click.UsageError("the interview is not built yet")
