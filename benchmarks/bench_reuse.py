"""Text-reuse detection on FNC-1 (1,683 real bodies): pairs found, cost, and how the cost grows.

    .venv/bin/python benchmarks/bench_reuse.py [--sample 30 --sample-file pairs.txt]

Each size (25%, 50%, 100% of the bodies, in file order) runs in a fresh process that cleans
the bodies, cuts them into sentences, computes window signatures, indexes them with LSH and
compares the candidate pairs. Wall time and peak memory are whole-process figures; the ratios
are against the 25% run, next to the ratio a linear cost would have. ``--sample`` writes that
many random pairs of the full run, with their aligned passages, for reading by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from common import fnc1_bodies, measure

FRACTIONS = (0.25, 0.5, 1.0)


def run_once(limit: int, sample_file: str | None, sample: int) -> dict:
    """The reuse stage alone, timed step by step (this runs inside the measured process)."""
    from claimledger.clean import clean_document
    from claimledger.link.reuse import LinkDoc, ReuseIndex, compare_many, window_signatures
    from claimledger.model import Document
    from claimledger.settings import Settings

    settings = Settings()
    steps, started = {}, time.perf_counter()
    rows = fnc1_bodies(limit)
    docs = []
    for number, (body_id, text) in enumerate(rows):
        cleaned = clean_document(Document(doc=f"fnc1-{body_id}", raw=text, format="text"))
        docs.append(LinkDoc(number, cleaned.doc, cleaned.text or ""))
    steps["clean + sentences"] = time.perf_counter() - started
    mark = time.perf_counter()
    signatures = [window_signatures(doc.units) for doc in docs]
    steps["signatures"] = time.perf_counter() - mark
    mark = time.perf_counter()
    index = ReuseIndex(threshold=settings.reuse_threshold)
    partners: dict[int, list[int]] = {}
    for doc, values in zip(docs, signatures):
        partners[doc.row_id] = sorted(index.candidates(values))
        index.add(doc.row_id, values)
    candidates = sum(len(others) for others in partners.values())
    steps["LSH blocking"] = time.perf_counter() - mark
    mark = time.perf_counter()
    found = []
    for doc in docs:
        others = [docs[o] for o in partners[doc.row_id]]
        results = compare_many(doc, others, threshold=settings.reuse_sentence_similarity,
                               min_sentences=settings.reuse_min_sentences)
        found.extend((doc.row_id, other.row_id, r) for other, r in zip(others, results) if r)
    steps["alignment"] = time.perf_counter() - mark
    if sample_file:
        _write_sample(Path(sample_file), docs, found, sample)
    return {"documents": len(docs), "all pairs": len(docs) * (len(docs) - 1) // 2,
            "candidates": candidates, "pairs": len(found), "steps": steps}


def _write_sample(path: Path, docs, found, sample: int) -> None:
    chosen = random.Random(20241031).sample(found, min(sample, len(found)))
    with path.open("w", encoding="utf-8") as out:
        for number, (a, b, result) in enumerate(chosen, start=1):
            out.write(f"=== pair {number}: {docs[a].doc} / {docs[b].doc}  score {result.score}\n")
            for passage in result.passages:
                out.write(f"  [{passage.similarity}] A: {docs[a].text[passage.a_start:passage.a_end]!r}\n")
                out.write(f"           B: {docs[b].text[passage.b_start:passage.b_end]!r}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="Random pairs to write for reading.")
    parser.add_argument("--sample-file", default=None, help="Where to write them.")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run_once(args.child, args.sample_file, args.sample)))
        return
    total = len(fnc1_bodies())
    results = []
    for fraction in FRACTIONS:
        limit = round(total * fraction)
        sample_args = ["--sample", str(args.sample), "--sample-file", args.sample_file] if (
            fraction == 1.0 and args.sample_file) else []
        with open(Path("/tmp") / f"bench-reuse-{limit}.json", "w") as out:
            run = measure([sys.executable, __file__, "--child", str(limit), *sample_args],
                          stdout=out)
        if run.returncode != 0:
            sys.exit(f"reuse run failed:\n{run.stderr}")
        data = json.loads((Path("/tmp") / f"bench-reuse-{limit}.json").read_text())
        results.append((fraction, run, data))
    base_fraction, base_run, _ = results[0]
    print(f"{'corpus':>7} {'docs':>6} {'all pairs':>10} {'candidates':>11} {'reuse pairs':>12} "
          f"{'wall s':>7} {'peak MB':>8} {'time ratio':>11} {'linear':>7} {'memory ratio':>13}")
    for fraction, run, data in results:
        print(f"{fraction:>7.0%} {data['documents']:>6} {data['all pairs']:>10} {data['candidates']:>11} "
              f"{data['pairs']:>12} {run.seconds:>7.1f} {run.peak_mb:>8.0f} "
              f"{run.seconds / base_run.seconds:>11.2f} {fraction / base_fraction:>7.2f} "
              f"{run.peak_mb / base_run.peak_mb:>13.2f}")
    print("steps of the full run (s): " + ", ".join(
        f"{name} {seconds:.1f}" for name, seconds in results[-1][2]["steps"].items()))


if __name__ == "__main__":
    main()
