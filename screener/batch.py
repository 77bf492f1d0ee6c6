"""``screener run``: read cases, screen them (optionally in parallel), print reports.

Reports are built in order; with ``--jobs N`` a process pool builds them
(each worker builds its engine once) and ``imap`` keeps the output order.
"""

from __future__ import annotations

import os
import sys

import click

from screener.facts import Case
from screener.facts import FactError
from screener.facts import iter_cases
from screener.facts import parse_override

#: Below this many cases a process pool costs more than it saves.
MIN_PARALLEL = 8
PROGRESS_AFTER = 50


def _input_error(message: str):
    from screener.options import InputError

    return InputError(message)


def apply_overrides(case: Case, overrides: dict) -> Case:
    if overrides:
        case.answers = {**case.answers, **overrides}
    return case


def render(report: dict, case: Case, fmt: str, width: int | None = None) -> str:
    from screener import render as r

    if fmt == "json":
        return r.to_json(report) + "\n"
    if fmt == "markdown":
        return r.render_markdown(report, case)
    if fmt == "reasoning":
        from screener.reasoning import render_reasoning

        return render_reasoning(case, report)
    return r.render_text(report, case, width=width)


def _report_job(args):
    case, region = args
    from screener.report import report_for

    return report_for(case, region)


def _reports(cases, region, jobs, progress):
    from screener.report import report_for

    if jobs > 1 and len(cases) >= MIN_PARALLEL:
        import multiprocessing

        ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        chunk = max(1, min(64, len(cases) // (jobs * 4) or 1))
        with ctx.Pool(jobs) as pool:
            for n, report in enumerate(pool.imap(_report_job, [(c, region) for c in cases], chunksize=chunk), 1):
                progress(n)
                yield report
        return
    for n, case in enumerate(cases, 1):
        progress(n)
        yield report_for(case, region)


def run_command(files, *, fmt="text", output=None, region=None, input_format=None, overrides=(),
                jobs=1, tracer=None) -> None:
    try:
        fixed = dict(parse_override(o) for o in overrides)
    except FactError as err:
        raise _input_error(err.message) from None
    items = list(iter_cases(files, input_format))
    is_batch = (len(files) > 1 or input_format == "jsonl"
                or any(f.lower().endswith(".jsonl") for f in files))
    errors = [i for i in items if isinstance(i, FactError)]
    cases = [apply_overrides(i, fixed) for i in items if isinstance(i, Case)]
    if not is_batch and errors:
        raise _input_error(errors[0].message)
    for err in errors:
        click.echo(f"Error: {err.message}", err=True)

    # Progress only on a terminal, and not interleaved with reports on that same terminal.
    show_progress = (len(cases) >= PROGRESS_AFTER and sys.stderr.isatty()
                     and (output is not None or not sys.stdout.isatty()))

    def progress(n):
        if show_progress and (n % 25 == 0 or n == len(cases)):
            click.echo(f"\rscreened {n}/{len(cases)}", err=True, nl=n == len(cases))

    chunks = []
    if tracer is not None:
        from screener.report import report_for

        reports = (report_for(c, region, tracer=tracer(c)) for c in cases)
    else:
        reports = _reports(cases, region, jobs, progress)
    for n, (case, report) in enumerate(zip(cases, reports)):
        text = render(report, case, fmt)
        if is_batch and fmt == "text" and not report.get("name"):
            text = f"Case {case.source}\n" + text  # a batch section is headed by its name or file
        if is_batch and fmt == "text" and n:
            text = "\n" + "=" * 40 + "\n\n" + text
        elif is_batch and fmt in ("markdown", "reasoning") and n:
            text = "\n" + text
        if output:
            chunks.append(text)
        else:
            click.echo(text, nl=False)
    if output:
        from screener.outfile import write_private

        try:
            write_private(output, "".join(chunks))
        except OSError as exc:
            raise _input_error(f"cannot write {output}: {exc.strerror or exc}") from None
    if errors:
        noun = "case" if len(errors) == 1 else "cases"
        raise _input_error(f"{len(errors)} bad {noun} skipped (see above); {len(cases)} reported")
