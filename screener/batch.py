"""``screener run``: read cases, screen them (optionally in parallel), print reports.

Reports are built in order; with ``--jobs N`` a process pool builds them
(each worker builds its engine once) and ``imap`` keeps the output order.
"""

from __future__ import annotations

import itertools
import os
import sys

import click

from screener.errors import InputError
from screener.facts import Case
from screener.facts import FactError
from screener.facts import iter_cases
from screener.facts import parse_override

#: Below this many cases a process pool costs more than it saves.
MIN_PARALLEL = 8
PROGRESS_AFTER = 50


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


def _render_job(args):
    """In a worker: one item (a Case or a FactError) -> its rendered report (or None)."""
    item, region, fmt = args
    if isinstance(item, FactError):
        return None
    from screener.report import report_for

    return render(report_for(item, region), item, fmt)


def _run_chunk(args):
    chunk, region, fmt = args
    return [_render_job((item, region, fmt)) for item in chunk]


def _ignore_interrupt():  # pragma: no cover - runs in the workers
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _screened(items, region, fmt, jobs, tracer):
    """Yield (item, rendered report or None) in input order, one at a time.

    Memory stays flat in the number of cases: items are read lazily, and
    with ``--jobs N`` at most a few chunks per worker are in flight (each
    chunk goes to a worker as it is read; results come back in order).
    """
    if tracer is None and jobs > 1:
        head = []
        for item in items:
            head.append(item)
            if len(head) >= MIN_PARALLEL:
                break
        if len(head) >= MIN_PARALLEL:
            yield from _parallel(itertools.chain(head, items), region, fmt, jobs)
            return
        items = iter(head)
    for item in items:
        if isinstance(item, FactError):
            yield item, None
            continue
        from screener.report import report_for

        report = report_for(item, region, tracer=tracer(item) if tracer is not None else None)
        yield item, render(report, item, fmt)


def _parallel(items, region, fmt, jobs):
    import collections
    import multiprocessing
    import signal

    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    # Workers ignore Ctrl-C (the parent stops them): no traceback from each one.
    blocked = hasattr(signal, "pthread_sigmask")
    if blocked:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = ctx.Pool(jobs, initializer=_ignore_interrupt)
    finally:
        if blocked:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
    try:
        pending: collections.deque = collections.deque()
        for chunk in _chunks_growing(items):
            pending.append((chunk, pool.apply_async(_run_chunk, ((chunk, region, fmt),))))
            # Write what is ready at once (the first report comes quickly); wait
            # only when enough chunks are in flight to keep every worker busy.
            while pending and (len(pending) > jobs * 3 or pending[0][1].ready()):
                chunk, result = pending.popleft()
                yield from zip(chunk, result.get())
        while pending:
            chunk, result = pending.popleft()
            yield from zip(chunk, result.get())
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _chunks_growing(items):
    """Chunks of 1, 2, 4 ... up to 32 items: the first report comes at once,
    later ones in chunks large enough to keep the workers busy cheaply."""
    size = 1
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
            size = min(size * 2, 32)
    if chunk:
        yield chunk


def run_command(files, *, fmt="text", output=None, region=None, input_format=None, overrides=(),
                jobs=1, tracer=None) -> None:
    """Screen FILES case by case: each report is written as soon as it is
    ready (to stdout, or to a temporary file renamed over ``output`` at the
    end), each bad case is reported on stderr as it is met."""
    from screener.outfile import PrivateFile
    from screener.outfile import check_not_input

    fixed = dict(parse_override(o) for o in overrides)
    is_batch = (len(files) > 1 or input_format == "jsonl"
                or any(f.lower().endswith(".jsonl") for f in files))
    if output:
        try:
            check_not_input(output, [("an input", f) for f in files])
        except ValueError as exc:
            raise InputError(str(exc)) from None
    items = iter_cases(files, input_format)
    if not is_batch:
        # One case: checked before anything is written.
        first = list(items)
        for item in first:
            if isinstance(item, FactError):
                raise item
        items = iter(first)
    sink = None
    if output:
        try:
            sink = PrivateFile(output)
        except OSError as exc:
            raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None

    # Progress only on a terminal, and not interleaved with reports on that same terminal.
    show_progress = sys.stderr.isatty() and (output is not None or not sys.stdout.isatty())
    good = bad = 0
    try:
        stream = (apply_overrides(i, fixed) if isinstance(i, Case) else i for i in items)
        for item, text in _screened(stream, region, fmt, jobs, tracer):
            if isinstance(item, FactError):
                bad += 1
                click.echo(f"Error: {item.message}", err=True)
            else:
                if is_batch and fmt == "text" and not item.name:
                    text = f"Case {item.source}\n" + text  # a batch section is headed by its name or file
                if is_batch and fmt == "text" and good:
                    text = "\n" + "=" * 40 + "\n\n" + text
                elif is_batch and fmt in ("markdown", "reasoning") and good:
                    text = "\n" + text
                good += 1
                if sink is not None:
                    sink.write(click.unstyle(text))
                else:
                    click.echo(text, nl=False)
            if show_progress and (good + bad) % 25 == 0 and good + bad >= PROGRESS_AFTER:
                click.echo(f"\rscreened {good + bad}", err=True, nl=False)
        if show_progress and good + bad >= PROGRESS_AFTER:
            click.echo(f"\rscreened {good + bad}/{good + bad}", err=True)
        if sink is not None and good:
            try:
                sink.commit()
            except OSError as exc:
                raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        if sink is not None:
            sink.discard()  # nothing good to write: an old report stays as it was
    if bad:
        noun = "case" if bad == 1 else "cases"
        kept = f"; {output} not written" if output and not good else ""
        raise InputError(f"{bad} bad {noun} skipped (see above); {good} reported{kept}")
