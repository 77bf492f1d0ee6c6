"""Teaching commands: ``rules``, ``explain``, ``diff`` (click only; work in screener.teach)."""

import click


@click.group()
def rules():
    """Browse the knowledge base (not yet built)."""


COMMANDS = [rules]
