"""Web app response times on a ledger of the whole FNC-1 training corpus.

    .venv/bin/python benchmarks/bench_web.py --db fnc1.db   (build it first with
    `claimledger build <FNC-1 as text files> --db fnc1.db`, or let --build do it)

Every page is requested once to warm the app (the first overview computes the story and
caches it until the next build), then REPEAT times; the table gives the median and 90th
percentile per page. The server runs on 127.0.0.1 in this process (the tests' LiveServer);
the client is httpx.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from common import fnc1_bodies, write_text_files

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import LiveServer  # noqa: E402  (the web app on loopback, as the tests run it)

REPEAT = 25
TARGET_MS = 200


def pages(client, base: str) -> list[str]:
    """A realistic visit: overview, lists, filters, one of each detail page."""
    measures = client.get(base + "/api/measures", params={"limit": 1}).json()["measures"]
    claims = client.get(base + "/api/claims", params={"limit": 1, "kind": "figure"}).json()["claims"]
    documents = client.get(base + "/api/documents").json()["documents"]
    return [
        "/", "/measures", f"/measures/{quote(measures[0]['measure'])}", "/claims",
        "/claims?status=denied", "/claims?value_min=1000&date_from=2014-01-01", "/claims?text=police",
        f"/claims/{quote(claims[0]['id'])}", "/documents", f"/documents/{quote(documents[0]['doc'], safe='')}",
        "/sources", "/copies", "/api/claims?limit=100", "/api/measures?limit=20",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="A ledger of FNC-1 (built with claimledger build).")
    parser.add_argument("--build", action="store_true", help="Build the FNC-1 ledger first.")
    args = parser.parse_args()
    import httpx

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if args.build or not db:
            from claimledger.build import build
            from claimledger.settings import Settings
            from claimledger.store import Ledger

            db = str(Path(tmp) / "fnc1.db")
            build([str(write_text_files(fnc1_bodies(), Path(tmp) / "fnc1"))], Ledger(db), Settings())
        with LiveServer(db) as server, httpx.Client(timeout=60) as client:
            base = server.url
            paths = pages(client, base)
            first = {}
            for path in paths:
                started = time.perf_counter()
                response = client.get(base + path)
                first[path] = 1000 * (time.perf_counter() - started)
                if response.status_code != 200:
                    sys.exit(f"{path}: HTTP {response.status_code}")
            timings = {path: [] for path in paths}
            for _ in range(REPEAT):
                for path in paths:
                    started = time.perf_counter()
                    client.get(base + path)
                    timings[path].append(1000 * (time.perf_counter() - started))
    print(f"{'page':<48} {'first ms':>9} {'median ms':>10} {'p90 ms':>8}")
    medians = []
    for path, values in timings.items():
        values.sort()
        medians.append(statistics.median(values))
        print(f"{path[:48]:<48} {first[path]:>9.0f} {statistics.median(values):>10.1f} "
              f"{values[int(0.9 * len(values)) - 1]:>8.1f}")
    overall = statistics.median(medians)
    print(f"median over pages: {overall:.1f} ms; slowest page median {max(medians):.1f} ms "
          f"(target {TARGET_MS} ms median)")


if __name__ == "__main__":
    main()
