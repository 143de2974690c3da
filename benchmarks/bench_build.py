"""`claimledger build` against plain spaCy on FNC-1 (1,683 real bodies), as whole processes.

    make bench      (or: .venv/bin/python benchmarks/bench_build.py [--workers N])

In one run: articles per second and peak memory of `claimledger build` (ingest, clean,
extract, link; the process and its workers together); the same for plain spaCy
en_core_web_sm `nlp.pipe` over the same texts; their ratios; and how build time and memory
grow from 25% to 50% to 100% of the corpus, against a linear cost. Each run is a fresh
process on a fresh ledger; the corpus is read from ../shared/data at run time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from common import fnc1_bodies, measure, write_text_files

FRACTIONS = (0.25, 0.5, 1.0)
HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=0, help="Build workers (0: one per core).")
    args = parser.parse_args()
    rows = fnc1_bodies()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fraction in FRACTIONS:
            count = round(len(rows) * fraction)
            folder = write_text_files(rows[:count], Path(tmp) / f"fnc1-{count}")
            run = measure([sys.executable, "-m", "claimledger", "build", str(folder), "--db",
                           str(Path(tmp) / f"build-{count}.db"), "-q", "--workers", str(args.workers)])
            if run.returncode not in (0, 3):
                sys.exit(f"build failed:\n{run.stderr}")
            results[fraction] = (count, run)
        baseline = measure([sys.executable, str(HERE / "baseline_spacy.py"), str(folder)])
        if baseline.returncode != 0:
            sys.exit(f"baseline failed:\n{baseline.stderr}")
    count, full = results[1.0]
    print(f"{'run':<34} {'articles':>8} {'seconds':>8} {'articles/s':>11} {'peak MB':>8}")
    print(f"{'claimledger build (all stages)':<34} {count:>8} {full.seconds:>8.1f} "
          f"{count / full.seconds:>11.1f} {full.peak_mb:>8.0f}")
    print(f"{'plain spaCy nlp.pipe (parse only)':<34} {count:>8} {baseline.seconds:>8.1f} "
          f"{count / baseline.seconds:>11.1f} {baseline.peak_mb:>8.0f}")
    print(f"speed: build is {baseline.seconds / full.seconds:.2f}x faster than the plain parse; "
          f"peak memory {full.peak_mb / baseline.peak_mb:.2f}x the plain parse's")
    print(f"\n{'corpus':>7} {'articles':>8} {'seconds':>8} {'time ratio':>10} {'linear':>7} "
          f"{'vs linear':>9} {'peak MB':>8} {'memory ratio':>12}")
    base_count, base = results[FRACTIONS[0]]
    for fraction in FRACTIONS:
        count, run = results[fraction]
        ratio, linear = run.seconds / base.seconds, count / base_count
        print(f"{fraction:>7.0%} {count:>8} {run.seconds:>8.1f} {ratio:>10.2f} {linear:>7.2f} "
              f"{ratio / linear:>8.2f}x {run.peak_mb:>8.0f} {run.peak_mb / base.peak_mb:>12.2f}")


if __name__ == "__main__":
    main()
