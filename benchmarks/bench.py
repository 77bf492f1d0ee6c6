"""Speed of screener, measured side by side in one run (medians).

    python benchmarks/bench.py [--runs 9] [--cases 1000]

Prints whole-process wall times for a bare interpreter, `import click`, the
import floor (`import click, yaml, experta`), `screener --help`,
`screener --version` and `screener run` on one example; the engine build
time; cases per second for a generated batch in one process (engine built
once, reused with reset()); and the batch through `screener run --jobs 1/2`.
Uses the `screener` script next to this interpreter (install first).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "vegan_tingling.yaml"
SCREENER = str(Path(sys.executable).parent / "screener")
ENV = {**os.environ, "NO_COLOR": "1"}


def wall(cmd: list[str], runs: int, stdin: bytes | None = None) -> float:
    """Median wall time of a whole process, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV,
                       check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def generated_cases(n: int, seed: int = 7) -> list[dict]:
    """Random but valid cases: every question answered, unknown or absent."""
    from screener.questions import AGE
    from screener.questions import CHOICE
    from screener.questions import NUTRIENTS
    from screener.questions import QUESTIONS
    from screener.questions import YESNO

    rng = random.Random(seed)
    cases = []
    for i in range(n):
        answers = {}
        for q in QUESTIONS:
            roll = rng.random()
            if roll < 0.15:
                continue
            if roll < 0.2:
                answers[q.id] = "unknown"
            elif q.kind == YESNO:
                # red flags are rare, symptoms common
                answers[q.id] = rng.random() < (0.02 if q.section == "red_flags" else 0.3)
            elif q.kind == CHOICE:
                answers[q.id] = rng.choice(q.choices)
            elif q.kind == AGE:
                answers[q.id] = rng.randint(16, 95)
            else:
                answers[q.id] = rng.sample(NUTRIENTS, rng.randint(0, 2))
        cases.append({"name": f"generated {i}", "answers": answers})
    return cases


def in_process(cases: list[dict]) -> dict:
    from screener.facts import parse_case

    start = time.perf_counter()
    from screener import engine
    from screener.report import build_report

    imported = time.perf_counter()
    eng = engine.get_engine()
    built = time.perf_counter()
    parsed = [parse_case(c) for c in cases]
    start_cases = time.perf_counter()
    for case in parsed:
        build_report(case, engine.screen(case.answers, engine=eng))
    done = time.perf_counter()
    return {
        "import_engine_s": imported - start,
        "engine_build_s": built - imported,
        "per_case_ms": (done - start_cases) / len(parsed) * 1000,
        "cases_per_s": len(parsed) / (done - start_cases),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--cases", type=int, default=1000)
    args = parser.parse_args()
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
    results = {}
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {args.runs} runs")
    print()
    print(f"{'whole process':42} {'seconds':>8}")
    for label, cmd in rows:
        results[label] = wall(cmd, args.runs)
        print(f"{label:42} {results[label]:8.3f}")
    click_t = results["python -c 'import click'"]
    floor = results["import floor: click, yaml, experta"]
    print()
    print(f"--help / import click:          {results['screener --help'] / click_t:5.2f}x  (floor: <= 1.4x)")
    print(f"run one example / import floor: {results['screener run (one example, text)'] / floor:5.2f}x  "
          f"(floor: <= 2.0x)")

    cases = generated_cases(args.cases)
    stats = in_process(cases)
    print()
    print(f"in one process ({args.cases} generated cases, engine built once, reset() per case)")
    print(f"  import engine + rules   {stats['import_engine_s'] * 1000:8.1f} ms")
    print(f"  engine build            {stats['engine_build_s'] * 1000:8.1f} ms")
    print(f"  per case                {stats['per_case_ms']:8.2f} ms")
    print(f"  cases per second        {stats['cases_per_s']:8.1f}      (floor: >= 25)")

    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        batch.write_text("".join(json.dumps(c) + "\n" for c in cases))
        runs = max(3, args.runs // 3)
        t1 = wall([SCREENER, "run", str(batch), "--format", "json", "--jobs", "1"], runs)
        t2 = wall([SCREENER, "run", str(batch), "--format", "json", "--jobs", "2"], runs)
    print()
    print(f"screener run on {args.cases} cases (.jsonl, json output, median of {runs})")
    print(f"  --jobs 1                {t1:8.3f} s   {args.cases / t1:8.1f} cases/s")
    print(f"  --jobs 2                {t2:8.3f} s   {args.cases / t2:8.1f} cases/s")
    print(f"  speed-up                {t1 / t2:8.2f}x     (floor: >= 1.6x on 2 cores)")


if __name__ == "__main__":
    main()
