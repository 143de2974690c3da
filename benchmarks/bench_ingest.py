"""Throughput and peak memory of `claimledger build` on FNC-1 saved as text files.

    .venv/bin/python benchmarks/bench_ingest.py [--limit N]

Each run is a fresh process on a fresh ledger, measured as a whole process (wall time, peak
resident memory). The corpus is read from ../shared/data at run time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from common import fnc1_bodies, measure, write_text_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="Use only the first N articles.")
    args = parser.parse_args()
    rows = fnc1_bodies(args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_text_files(rows, Path(tmp) / "fnc1")
        db = Path(tmp) / "bench.db"
        run = measure([sys.executable, "-m", "claimledger", "build", str(corpus), "--db", str(db), "-q"])
        if run.returncode != 0:
            sys.exit(f"build failed ({run.returncode}):\n{run.stderr}")
    print(f"articles            {len(rows)}")
    print(f"build wall time     {run.seconds:.2f} s")
    print(f"articles per second {len(rows) / run.seconds:.1f}")
    print(f"peak memory         {run.peak_mb:.0f} MB (whole process)")


if __name__ == "__main__":
    main()
