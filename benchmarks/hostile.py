"""Hostile inputs and big batches, measured (issue 12's "Done when").

    python benchmarks/hostile.py [--screener PATH] [--lines 100000] [--seconds 60]

1. The alias bomb (a ~440-byte YAML file, 9 levels of aliases) and
   ``screener run - < /dev/zero``: wall time, exit status, message size.
2. A JSON Lines batch of ``--lines`` cases (~860 bytes a line, as in the
   issue): the time until the first report reaches stdout, and the peak
   resident memory of the whole process tree (workers included), sampled
   every 0.1 s for ``--seconds`` (or to the end with ``--seconds 0``),
   for ``-f json``, ``-f json -o FILE`` and ``-f json -o FILE --jobs 2``.

Not a test: timings depend on the machine.  Run the installed script
(``pip install .``); ``--screener`` points at another one (e.g. an older
checkout's virtualenv) for before/after figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCREENER = str(Path(sys.executable).parent / "screener")


def alias_bomb(levels: int = 9) -> str:
    lines = ["x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    prev = "a"
    for n in range(1, levels):
        name = chr(ord("a") + n)
        lines.append(f"x-{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    lines.append(f"answers: {{tingling: *{prev}}}")
    return "\n".join(lines) + "\n"


def timed(cmd, stdin=None, timeout=120) -> tuple[float, int, int]:
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        return time.perf_counter() - start, -1, len(exc.stderr or b"")
    return time.perf_counter() - start, proc.returncode, len(proc.stderr)


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def make_batch(path: Path, n: int, seed: int = 12) -> None:
    sys.path.insert(0, str(HERE.parent))
    from screener.questions import QUESTIONS

    rng = random.Random(seed)
    with open(path, "w") as fh:
        for i in range(n):
            answers = {}
            for q in QUESTIONS:
                if q.section == "red_flags":
                    answers[q.id] = "no"
                elif q.kind == "yesno":
                    answers[q.id] = rng.choice(["yes", "no", "unknown"])
                elif q.kind == "choice":
                    answers[q.id] = rng.choice(q.choices)
                elif q.kind == "age":
                    answers[q.id] = rng.randint(18, 90)
                else:
                    answers[q.id] = rng.sample(["vitamin_d", "iron", "magnesium"], rng.randint(0, 2))
            fh.write(json.dumps({"name": f"case {i}", "x-note": "generated " * 4, "answers": answers}) + "\n")


def batch_run(cmd, seconds: float) -> dict:
    """Start the batch; time to its first stdout byte; peak tree RSS over the window."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    os.set_blocking(proc.stdout.fileno(), False)
    first = None
    peak = 0
    samples = []
    while True:
        now = time.perf_counter() - start
        try:
            chunk = proc.stdout.read(1 << 16)
        except (BlockingIOError, TypeError):
            chunk = None
        if chunk and first is None:
            first = now
        rss = tree_rss_kb(proc.pid)
        peak = max(peak, rss)
        samples.append((now, rss))
        if proc.poll() is not None:
            proc.stdout.read()
            break
        if seconds and now > seconds:
            proc.kill()
            proc.wait()
            break
        time.sleep(0.1)
    end = time.perf_counter() - start
    early = max((r for t, r in samples if t <= min(10, end / 2)), default=0)
    return {"first_report_s": first, "peak_mb": peak / 1024, "early_peak_mb": early / 1024, "ran_s": end,
            "finished": proc.returncode is not None and proc.returncode >= 0, "status": proc.returncode}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--screener", default=SCREENER)
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=60.0, help="measuring window per batch run (0: to the end)")
    ap.add_argument("--batch-only", action="store_true",
                    help="skip the alias bomb and /dev/zero (an unfixed screener would exhaust memory)")
    args = ap.parse_args()
    exe = args.screener
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if not args.batch_only:
            bomb = tmp / "bomb.yaml"
            bomb.write_text(alias_bomb())
            t, rc, size = timed([exe, "run", str(bomb)])
            print(f"alias bomb ({bomb.stat().st_size} bytes): {t:.2f} s, exit {rc}, message {size} bytes")
            with open("/dev/zero", "rb") as zero:
                t, rc, size = timed([exe, "run", "-"], stdin=zero)
            print(f"run - < /dev/zero: {t:.2f} s, exit {rc}, message {size} bytes")

        batch = tmp / "batch.jsonl"
        make_batch(batch, args.lines)
        print(f"batch: {args.lines} lines, {batch.stat().st_size / 1e6:.0f} MB; window {args.seconds or 'to the end'} s")
        out = tmp / "out.jsonl"
        for label, extra in (("-f json > pipe", []), ("-f json -o FILE", ["-o", str(out)]),
                             ("-f json -o FILE --jobs 2", ["-o", str(out), "--jobs", "2"])):
            r = batch_run([exe, "run", str(batch), "-f", "json", *extra], args.seconds)
            first = "n/a (-o)" if extra else (f"{r['first_report_s']:.2f} s" if r["first_report_s"] else "none")
            print(f"  {label:28} first report {first:10} peak memory {r['peak_mb']:7.0f} MB "
                  f"(first 10 s: {r['early_peak_mb']:.0f} MB) over {r['ran_s']:.0f} s"
                  f"{', finished' if r['finished'] else ', stopped'}")


if __name__ == "__main__":
    main()
