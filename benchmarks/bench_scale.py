"""Scale: a large synthetic archive built incrementally, batch after batch, into one ledger.

    .venv/bin/python benchmarks/bench_scale.py --articles 20000 --batch 2000
    .venv/bin/python benchmarks/bench_scale.py --articles 100000 --batch 10000
    .venv/bin/python benchmarks/bench_scale.py --dask-check 600 --dask-workers 3

The articles are real news text recombined: each takes a run of paragraphs from one FNC-1
body (read from ../shared/data at run time) and a paragraph or two from others, so every
article is new text with real claims in it. Some articles (``--copy-share``) also take
consecutive paragraphs of an article published earlier in the archive, verbatim or lightly
rewritten (a sentence left out, a reporting verb changed), as outlets copy each other; the
outlet names are invented (``Outlet 017``) and the dates advance with the article number.

Each batch is one ``claimledger build`` process on the same ledger, as a user adding a
day's crawl would run it. Per batch the benchmark prints wall time, time per article and its
ratio to the first batch's, the peak memory of the process and its workers, the stage
times (extract, link), the candidate pairs aligned and the copies found per new article, and the ledger's window
signature index (the one structure that grows with the archive: its rows and bytes per
article). The last batch costing no more per article than 1.3x the first is the linear
target; memory other than the signature index should stay flat.

``--dask-check N`` builds the first N articles once with the local executor and once on a
local Dask cluster of ``--dask-workers`` workers, and compares the two ledgers' exports.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from common import fnc1_bodies, measure

# Reporting verbs a rewriting outlet swaps for one another (a generic rewrite, no text of
# any data set).
_VERB_SWAPS = {" said ": " told reporters ", " says ": " told reporters ",
               " reported ": " said ", " told ": " said to "}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if len(line.strip()) > 40]


def rewrite(paragraph: str, rng: random.Random) -> str:
    """A light rewrite: one sentence of a longer paragraph left out, one verb swapped."""
    sentences = _SENTENCE_END.split(paragraph)
    if len(sentences) > 2:
        sentences.pop(rng.randrange(1, len(sentences)))
    text = " ".join(sentences)
    for old, new in _VERB_SWAPS.items():
        if old in text:
            return text.replace(old, new, 1)
    return text


def synthetic_articles(count: int, *, seed: int = 13, copy_share: float = 0.15,
                       outlets: int = 300) -> list[dict]:
    """``count`` JSON-lines records: id, outlet, published, title, text."""
    rng = random.Random(seed)
    bodies = [p for _, text in fnc1_bodies() if len(p := paragraphs(text)) >= 2]
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    made: list[list[str]] = []
    records = []
    for number in range(count):
        main = rng.choice(bodies)
        first = rng.randrange(0, max(1, len(main) - 2))
        taken = main[first:first + rng.randint(2, 6)]
        for _ in range(rng.randint(1, 2)):
            taken.insert(rng.randrange(0, len(taken) + 1), rng.choice(rng.choice(bodies)))
        if made and rng.random() < copy_share:
            source = made[rng.randrange(max(0, len(made) - 5000), len(made))]
            at = rng.randrange(0, max(1, len(source) - 2))
            copied = source[at:at + rng.randint(2, 3)]
            if rng.random() < 0.5:
                copied = [rewrite(p, rng) for p in copied]
            taken[1:1] = copied
        made.append(taken)
        records.append({
            "id": f"a{number:06d}",
            "outlet": f"Outlet {rng.randrange(outlets):03d}",
            "published": (start + timedelta(minutes=7 * number)).isoformat(timespec="minutes"),
            "title": f"Report {number}",
            "text": "\n\n".join(taken),
        })
    return records


def write_batch(records: list[dict], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def signature_index(db: Path) -> tuple[int, int]:
    """Rows and bytes of the ledger's window signature index."""
    with sqlite3.connect(db) as connection:
        table = next(name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")
            if "signature" in [c[1] for c in connection.execute(f"PRAGMA table_info({name})")])
        rows, size = connection.execute(
            f"SELECT COUNT(*), COALESCE(SUM(LENGTH(signature)), 0) FROM {table}").fetchone()
    return rows, size


def build_batch(batch: Path, db: Path, stats: Path, *, workers: int, extra: list[str]) -> dict:
    command = [sys.executable, "-m", "claimledger", "build", str(batch), "--db", str(db),
               "--quiet", "--stats", str(stats), "--workers", str(workers), *extra]
    run = measure(command)
    if run.returncode not in (0, 1):  # 1: some inputs rejected, the rest built
        sys.exit(f"build failed ({run.returncode}):\n{run.stderr[-3000:]}")
    built = json.loads(stats.read_text(encoding="utf-8"))
    return {**built, "wall": run.seconds, "peak_mb": run.peak_mb}


def scale(articles: int, batch_size: int, *, workers: int, copy_share: float) -> None:
    records = synthetic_articles(articles, copy_share=copy_share)
    print(f"{articles:,} synthetic articles in batches of {batch_size:,}, {workers} workers")
    print("| batch | articles | s | ms/article | ratio | peak MB | extract s | link s "
          "| candidates/new | copies/new | index rows | index KB/article |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    first = None
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        db = work / "ledger.db"
        for number, at in enumerate(range(0, articles, batch_size), start=1):
            part = records[at:at + batch_size]
            batch = write_batch(part, work / f"batch-{number:03d}.jsonl")
            result = build_batch(batch, db, work / "stats.json", workers=workers, extra=[])
            batch.unlink()
            per_article = result["wall"] / len(part)
            first = first or per_article
            rows, size = signature_index(db)
            total = at + len(part)
            pairs = result["rules"].get("reuse: candidate pairs aligned", 0) / len(part)
            found = result["counts"].get("reuse pairs", 0) / len(part)
            print(f"| {number} | {total:,} | {result['wall']:.1f} | {1000 * per_article:.1f} "
                  f"| {per_article / first:.2f} | {result['peak_mb']:.0f} "
                  f"| {result['seconds'].get('extract', 0):.1f} "
                  f"| {result['seconds'].get('link', 0):.1f} "
                  f"| {pairs:.1f} | {found:.2f} | {rows:,} | {size / total / 1024:.1f} |", flush=True)


def dask_check(articles: int, dask_workers: int) -> None:
    """The same articles built locally and on a local Dask cluster give the same ledger."""
    records = synthetic_articles(articles)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        batch = write_batch(records, work / "articles.jsonl")
        exported = {}
        for name, extra, workers in (("local", [], 2), ("dask", ["--executor", "dask"], dask_workers)):
            db = work / f"{name}.db"
            result = build_batch(batch, db, work / f"{name}.json", workers=workers, extra=extra)
            tables = {}
            for table in ("claims", "documents", "reuse", "measures"):
                out = work / f"{name}-{table}.jsonl"
                subprocess.run([sys.executable, "-m", "claimledger", "export", table, "--db",
                                str(db), "-o", str(out)], check=True, capture_output=True)
                tables[table] = sorted(out.read_text(encoding="utf-8").splitlines())
            exported[name] = tables
            print(f"{name}: {articles:,} articles, {workers} workers, {result['wall']:.1f} s, "
                  f"peak {result['peak_mb']:.0f} MB, {len(tables['claims']):,} claims")
        for table, rows in exported["local"].items():
            same = rows == exported["dask"][table]
            print(f"{table}: {len(rows):,} rows, {'identical' if same else 'DIFFERENT'}")
            if not same:
                sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=2_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--copy-share", type=float, default=0.15)
    parser.add_argument("--dask-check", type=int, default=0, metavar="N")
    parser.add_argument("--dask-workers", type=int, default=3)
    options = parser.parse_args()
    if options.dask_check:
        dask_check(options.dask_check, options.dask_workers)
    else:
        scale(options.articles, options.batch, workers=options.workers,
              copy_share=options.copy_share)


if __name__ == "__main__":
    main()
