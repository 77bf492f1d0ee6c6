"""Speed of screener, measured side by side in one run (medians).

    python benchmarks/bench.py [--runs 15] [--cases 1000] [--no-check]

Prints, in one run:

* whole processes (wall and CPU time): a bare interpreter, ``import click``,
  the import floor (``import click, yaml, experta``), ``screener --help``,
  ``--version`` and ``screener run`` on one example, and the ratios;
* per case in one process, on generated cases: screener's engine
  (``engine.screen``, the network compiled before timing), and CLIPS on the
  exported rules (when clipspy is installed), and their ratio; with the
  check (default), the same cases through unmodified experta, which must fire
  the same rules in the same order and leave the same facts, and through
  CLIPS, which must fire the same rules and reach the same conclusions;
* interview latency per answer: each example replayed through the
  interview's own loop (``Session.run``: screen, relevance, autosave) in a
  fresh process, the time from one answer to the next question;
* the generated cases as a ``.jsonl`` batch through ``screener run --jobs 1``
  and ``--jobs 2``.

Uses the ``screener`` script next to this interpreter: install first
(``pip install .``; an editable install adds import-hook time to every
process).  On a shared machine take the medians, and read the CPU-time
ratios next to the wall-time ones: they move less with other people's load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "vegan_tingling.yaml"
SCREENER = str(Path(sys.executable).parent / "screener")
ENV = {**os.environ, "NO_COLOR": "1"}


def wall(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of a whole process, in seconds."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def per_case(cases: list[dict], check: bool) -> dict:
    """Per-case cost of screener's engine and of CLIPS, in one process (CPU time)."""
    from screener import engine
    from screener.facts import parse_case

    answers = [parse_case(c).answers for c in cases]
    out: dict = {"cases": len(answers)}
    engine.catalogue()  # imports the rules
    start = time.process_time()
    eng = engine.get_engine()
    out["engine_build_ms"] = (time.process_time() - start) * 1000
    for a in answers[:20]:  # warm up
        engine.screen(a, engine=eng)
    times = []
    for a in answers:
        t = time.process_time()
        engine.screen(a, engine=eng)
        times.append(time.process_time() - t)
    out["screener_ms"] = statistics.mean(times) * 1000
    out["screener_median_ms"] = statistics.median(times) * 1000
    try:
        from screener.clips_kb import ClipsEngine

        clips_engine = ClipsEngine()
    except ImportError:
        clips_engine = None
    if clips_engine is not None:
        for a in answers[:20]:
            clips_engine.screen(a)
        times = []
        for a in answers:
            t = time.process_time()
            clips_engine.screen(a)
            times.append(time.process_time() - t)
        out["clips_ms"] = statistics.mean(times) * 1000
        out["clips_median_ms"] = statistics.median(times) * 1000
    if check:
        from screener import oracle

        same = agree = 0
        times = []
        for a in answers:
            result = engine.screen(a, engine=eng)
            facts = oracle.outcome(eng)
            t = time.process_time()
            fired, ref_facts = oracle.reference_screen(a)
            times.append(time.process_time() - t)
            same += fired == result.fired and ref_facts == facts
            if clips_engine is not None:
                theirs = clips_engine.screen(a)
                agree += sorted(theirs.fired) == sorted(result.fired) and all(
                    sorted(map(repr, getattr(theirs, k))) == sorted(map(repr, getattr(result, k)))
                    for k in ("evidence", "suspects", "caps", "cautions", "red_flags", "concerns", "advice", "signs"))
        out["experta_ms"] = statistics.mean(times) * 1000
        out["same_as_experta"] = same
        if clips_engine is not None:
            out["same_as_clips"] = agree
    return out


def _replay(path: str) -> list[float]:
    """One example through the interview loop (in this process), typed as a person with its answers would
    type them (``flow.replay``: grouped warning-sign screens, symptom lists, words); seconds from each
    answer to the next prompt."""
    from screener import flow
    from screener.facts import Case
    from screener.facts import iter_cases
    from screener.interview import Session

    (case,) = [c for c in iter_cases([path]) if isinstance(c, Case)]
    typed = [line for _, lines in flow.replay(dict(case.answers)).steps for line in lines]
    latencies: list[float] = []
    marks: list[float] = []

    class Replay(Session):
        def read(self, prompt):
            now = time.perf_counter()
            if marks:
                latencies.append(now - marks[-1])
            if not typed:
                raise RuntimeError(f"{path}: the interview asked more than flow.replay typed ({prompt!r})")
            line = typed.pop(0)
            marks.append(time.perf_counter())
            return line

        def say(self, text="", **style):
            pass

    with tempfile.TemporaryDirectory() as tmp:
        session = Replay(case=Case(name=case.name, answers={}, region=case.region),
                         save_path=os.path.join(tmp, "answers.yaml"))
        session.run()
        if typed:
            raise RuntimeError(f"{path}: the interview ended with {len(typed)} typed lines left")
        if marks:  # the last answer: until the interview knows it is done
            latencies.append(time.perf_counter() - marks[-1])
    return latencies


def interview_latency() -> dict:
    paths = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in (".yaml", ".yml", ".json", ".toml"))
    latencies: list[float] = []
    for path in paths:
        out = subprocess.run([sys.executable, __file__, "--replay", path], capture_output=True, text=True, env=ENV,
                             check=True)
        latencies.extend(json.loads(out.stdout))
    return {"examples": len(paths), "answers": len(latencies), "median_ms": statistics.median(latencies) * 1000,
            "p90_ms": sorted(latencies)[int(len(latencies) * 0.9)] * 1000, "worst_ms": max(latencies) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--no-check", dest="check", action="store_false",
                        help="Skip the comparison with unmodified experta and CLIPS.")
    parser.add_argument("--replay", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.replay:
        print(json.dumps(_replay(args.replay)))
        return
    import screener  # noqa: F401  (experta's compat alias)
    from screener.oracle import generated_cases

    py = sys.executable
    rows = [
        ("python -c pass", [py, "-c", "pass"]),
        ("python -c 'import click'", [py, "-c", "import click"]),
        ("import floor: click, yaml, experta",
         [py, "-c", "import collections, collections.abc; collections.Mapping = collections.abc.Mapping; "
                    "import click, yaml, experta"]),
        ("screener --help", [SCREENER, "--help"]),
        ("screener --version", [SCREENER, "--version"]),
        ("screener run (one example, text)", [SCREENER, "run", str(EXAMPLE)]),
        ("screener run (one example, json)", [SCREENER, "run", str(EXAMPLE), "--format", "json"]),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load:.1f} at start; "
          f"medians of {args.runs} runs")
    print()
    print(f"{'whole process':42} {'wall s':>8} {'CPU s':>8}")
    results = {}
    for label, cmd in rows:
        results[label] = wall(cmd, args.runs)
        print(f"{label:42} {results[label][0]:8.3f} {results[label][1]:8.3f}")
    click_t = results["python -c 'import click'"]
    floor = results["import floor: click, yaml, experta"]
    run = results["screener run (one example, text)"]
    print()
    print(f"--help / import click:          {results['screener --help'][0] / click_t[0]:5.2f}x wall, "
          f"{results['screener --help'][1] / click_t[1]:5.2f}x CPU  (floor: <= 1.4x)")
    print(f"run one example / import floor: {run[0] / floor[0]:5.2f}x wall, {run[1] / floor[1]:5.2f}x CPU  "
          f"(floor: <= 1.5x)")

    cases = generated_cases(args.cases)
    stats = per_case(cases, args.check)
    print()
    print(f"per case in one process ({args.cases} generated cases, CPU time, engine built once, reset() per case)")
    print(f"  engine build (all rules)        {stats['engine_build_ms']:8.1f} ms")
    print(f"  screener (engine.screen)        {stats['screener_ms']:8.2f} ms   median {stats['screener_median_ms']:.2f}")
    if "clips_ms" in stats:
        print(f"  CLIPS on the exported rules     {stats['clips_ms']:8.2f} ms   median {stats['clips_median_ms']:.2f}"
              f"   (reset, assert, run, collect)")
        print(f"  screener / CLIPS                {stats['screener_ms'] / stats['clips_ms']:8.1f}x     (floor: <= 20x)")
    else:
        print("  CLIPS: clipspy is not installed (pip install '.[clips]')")
    if args.check:
        print(f"  unmodified experta, same cases  {stats['experta_ms']:8.2f} ms   "
              f"({stats['experta_ms'] / stats['screener_ms']:.1f}x screener's time)")
        print(f"  same fired rules (in order) and facts as unmodified experta: "
              f"{stats['same_as_experta']}/{stats['cases']}")
        if "same_as_clips" in stats:
            print(f"  same fired rules and conclusions as CLIPS: {stats['same_as_clips']}/{stats['cases']}")

    latency = interview_latency()
    print()
    print(f"interview latency per answer ({latency['answers']} answers, {latency['examples']} examples replayed "
          f"through Session.run, a fresh process each)")
    print(f"  median {latency['median_ms']:6.1f} ms   90th percentile {latency['p90_ms']:6.1f} ms   "
          f"worst {latency['worst_ms']:6.1f} ms   (floor: median < 50 ms)")

    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        batch.write_text("".join(json.dumps(c) + "\n" for c in cases))
        runs = max(3, args.runs // 5)
        t1 = wall([SCREENER, "run", str(batch), "--format", "json", "--jobs", "1"], runs)[0]
        t2 = wall([SCREENER, "run", str(batch), "--format", "json", "--jobs", "2"], runs)[0]
    print()
    print(f"screener run on {args.cases} cases (.jsonl, json output, median of {runs})")
    print(f"  --jobs 1                {t1:8.3f} s   {args.cases / t1:8.1f} cases/s")
    print(f"  --jobs 2                {t2:8.3f} s   {args.cases / t2:8.1f} cases/s")
    print(f"  speed-up                {t2 and t1 / t2:8.2f}x     (floor: >= 1.6x on 2 cores, when they are free)")


if __name__ == "__main__":
    main()
