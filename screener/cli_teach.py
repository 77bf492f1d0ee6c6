"""Teaching commands: ``rules``, ``explain``, ``diff`` (click only; work in screener.teach)."""

import click

NUTRIENT_HELP = "vitamin_b12, vitamin_d, thiamine, folate, vitamin_e, iron, magnesium or potassium"


def _echo(text):
    if text:
        click.echo(text, nl=False)


@click.group()
def rules():
    """Browse the knowledge base: list rules, show one, draw the rule graph.

    \b
    Examples:
        screener rules list --nutrient vitamin_b12
        screener rules show b12_vegan_diet
        screener rules graph --nutrient iron --format mermaid
        screener rules export --format clips -o screener.clp
    """


@rules.command("list")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("-n", "--nutrient", metavar="NUTRIENT", help=f"Only the rules about one nutrient ({NUTRIENT_HELP}).")
def rules_list(fmt, nutrient):
    """List the rules: id, module, what they conclude, certainty factor,
    conditions, plain-language reason and source.

    \b
    Example:
        screener rules list --nutrient vitamin_d --format json
    """
    from screener import teach

    _echo(teach.rules_list_json(nutrient) if fmt == "json" else teach.rules_list_table(nutrient))


@rules.command("show")
@click.argument("rule_id", metavar="ID")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_show(rule_id, fmt):
    """Show one rule: its conditions (IF), conclusion (THEN), reason, source
    and Python source.

    \b
    Example:
        screener rules show b12_vegan_diet
    """
    from screener import teach

    if fmt == "json":
        import json

        click.echo(json.dumps(teach.rule_show_data(rule_id), indent=2, ensure_ascii=False))
    else:
        _echo(teach.rule_show_text(rule_id))


@rules.command("graph")
@click.option("-f", "--format", "fmt", type=click.Choice(["dot", "mermaid"]),
              help="Graphviz DOT or Mermaid. Default: from the --output name, else dot.")
@click.option("-n", "--nutrient", metavar="NUTRIENT", help="Only the rules leading to one nutrient.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to FILE: .dot/.gv/.mmd as text; .svg/.png/.pdf rendered with Graphviz.")
def rules_graph(fmt, nutrient, output):
    """Draw the knowledge base: answers and signs -> rules -> nutrients,
    red flags and urgency, with certainty factors on the edges (dashed:
    negated conditions, evidence against, caps).

    \b
    Examples:
        screener rules graph --nutrient vitamin_b12 > b12.dot
        screener rules graph --format mermaid --output kb.mmd
        screener rules graph --output kb.svg        # needs Graphviz
    """
    from screener import teach

    _echo(teach.graph_command(fmt, nutrient, output))


@rules.command("export")
@click.option("-f", "--format", "fmt", type=click.Choice(["clips"]), default="clips", show_default=True,
              help="The rule language to write.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of standard output.")
def rules_export(fmt, output):
    """Write the knowledge base in another rule language.

    CLIPS: deftemplates for the facts and one defrule per rule (salience,
    conditions, conclusion), each rule's reason and source as comments,
    generated from the same conditions the engine matches.  Load it in CLIPS
    with (load "screener.clp"), assert answer facts, (run), (facts).

    \b
    Example:
        screener rules export --format clips -o screener.clp
    """
    from screener import clips_kb

    text = clips_kb.export()
    if output is None:
        click.echo(text, nl=False)
        return
    from screener.options import InputError
    from screener.outfile import write_private

    try:
        write_private(output, text)
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None


@click.command()
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--how", "how", multiple=True, metavar="NUTRIENT",
              help="How this nutrient got its confidence: rules, answers, CF steps, caps. Repeatable.")
@click.option("--why-not", "why_not", multiple=True, metavar="NUTRIENT",
              help="What kept this nutrient low or unlisted, rule by rule. Repeatable.")
@click.option("--set", "overrides", multiple=True, metavar="QUESTION=VALUE",
              help="Override an answer first (what-if). Repeatable.")
@click.option("--input-format", type=click.Choice(["yaml", "json", "toml"]),
              help="Read FILE in this format instead of guessing from its name.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(file, how, why_not, overrides, input_format, fmt):
    """Explain the reasoning for one case, MYCIN-style: HOW a nutrient got
    its confidence and WHY NOT another was listed or ranked higher.

    Without --how or --why-not: HOW for every listed nutrient, and WHY NOT
    for every nutrient that had evidence but is not listed.

    \b
    Examples:
        screener explain examples/vegan_tingling.yaml --how vitamin_b12
        screener explain examples/vegan_tingling.yaml --why-not vitamin_d
    """
    from screener import teach

    case = teach.load_one(file, overrides, input_format)
    if fmt == "json":
        import json

        click.echo(json.dumps(teach.explain_data(case, how, why_not), indent=2, ensure_ascii=False))
    else:
        _echo(teach.explain_text(case, how, why_not))


@click.command()
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--set", "overrides", multiple=True, required=True, metavar="QUESTION=VALUE",
              help="The answer to change (validated like a fact file). Repeatable.")
@click.option("--input-format", type=click.Choice(["yaml", "json", "toml"]),
              help="Read FILE in this format instead of guessing from its name.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def diff(file, overrides, input_format, fmt):
    """What if? Show how the report changes when answers change: urgency,
    ranks and confidence, and which rules started or stopped firing.

    \b
    Example:
        screener diff examples/vegan_tingling.yaml --set diet=omnivore
    """
    from screener import teach

    case = teach.load_one(file, (), input_format)
    changes = teach.parse_overrides(overrides)
    data = teach.diff_data(case, changes)
    if fmt == "json":
        import json

        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _echo(teach.diff_text(data))
