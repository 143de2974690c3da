"""`claimledger build` against spaCy on FNC-1 (1,683 real bodies), as whole processes.

    make bench      (or: .venv/bin/python benchmarks/bench_build.py [--quick] [--scaling]
                         [--full-baseline] [--repeat N] [--workers N])

One run prints, each figure beside a baseline run in the same run:

1. small builds: 1, 10 and 40 articles, whole processes from start to exit, with the time
   spent outside the stages (interpreter, imports, ledger, model load, exit), against plain
   spaCy ``nlp.pipe`` over the same 40 texts including its start-up and model load (the
   median of ``--repeat`` runs each, taken in turn);
2. 400 bodies: the build against the plain spaCy full parse (defaults) and against a tuned
   spaCy (one BLAS thread, the best of a few batch sizes, its start-up and model load
   counted once); the trigger's precision (the share of the sentences parsed as candidates
   that yield a claim) and the sentences that came from the parse cache;
3. all 1,683 bodies (not with ``--quick``): articles per second and peak memory; with
   ``--scaling`` also 25% and 50% against a linear cost; with ``--full-baseline`` the plain
   parse of them all (about 4 minutes more).

Each build is a fresh process on a fresh ledger; the corpus is read from ../shared/data at
run time. Memory is the peak proportional set size of the process and its workers together
(common.measure). Every command runs with Python's byte-code caches (in a temporary folder,
warmed by a first untimed run), as an installed package has them: without them each process
compiles about a thousand modules first (some 2 s here).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import Measurement, fnc1_bodies, measure, write_text_files

HERE = Path(__file__).resolve().parent
SMALL = (1, 10, 40)
SUBSET = 400
FRACTIONS = (0.25, 0.5)
TUNED_BATCH_SIZES = (16, 64, 256)
BLAS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


@dataclass
class Build:
    articles: int
    run: Measurement
    stats: dict
    claimed_sentences: int

    @property
    def stage_seconds(self) -> float:
        return sum(self.stats["seconds"].get(s, 0.0) for s in ("read", "clean", "extract", "link"))

    def rule(self, name: str) -> int:
        return self.stats["rules"].get(name, 0)


class Bench:
    def __init__(self, folder: Path, *, workers: int) -> None:
        self.folder = folder
        self.workers = workers
        # byte-code caches outside the checkout and the virtual environment
        self.env = {"PYTHONPYCACHEPREFIX": str(folder / "pycache"), "PYTHONDONTWRITEBYTECODE": None}
        self.builds = 0

    def corpus(self, rows: list, name: str) -> Path:
        return write_text_files(rows, self.folder / name)

    def build(self, corpus: Path, *, claims: bool = False) -> Build:
        self.builds += 1
        db, stats = self.folder / f"build-{self.builds}.db", self.folder / f"stats-{self.builds}.json"
        run = measure([sys.executable, "-m", "claimledger", "build", str(corpus), "--db", str(db),
                       "-q", "--workers", str(self.workers), "--stats", str(stats)], env=self.env)
        if run.returncode not in (0, 3):
            sys.exit(f"build failed:\n{run.stderr}")
        articles = len(list(corpus.glob("*.txt")))
        data = json.loads(stats.read_text(encoding="utf-8"))
        return Build(articles, run, data, self._claimed_sentences(db) if claims else 0)

    def _claimed_sentences(self, db: Path) -> int:
        out = self.folder / "claims.jsonl"
        subprocess.run([sys.executable, "-m", "claimledger", "export", "claims", "--db", str(db),
                        "--format", "jsonl", "--extra", "-o", str(out)], check=True,
                       capture_output=True)
        with open(out, encoding="utf-8") as handle:
            return len({(row["doc"], row["sentence_start"]) for row in map(json.loads, handle)})

    def plain(self, corpus: Path) -> Measurement:
        # spaCy's defaults, numerical libraries included: whatever threads they start
        run = measure([sys.executable, str(HERE / "baseline_spacy.py"), str(corpus)],
                      env={**self.env, **dict.fromkeys(BLAS)})
        if run.returncode != 0:
            sys.exit(f"baseline failed:\n{run.stderr}")
        return run

    def tuned(self, corpus: Path) -> tuple[float, int, Measurement]:
        """The tuned baseline's seconds (start-up and load once, the best parse), its best
        batch size, and the whole run."""
        out = self.folder / "tuned.json"
        with open(out, "w", encoding="utf-8") as handle:
            run = measure([sys.executable, str(HERE / "baseline_spacy.py"), str(corpus),
                           "--batch-sizes", ",".join(map(str, TUNED_BATCH_SIZES))],
                          env={**self.env, **dict.fromkeys(BLAS, "1")}, stdout=handle)
        if run.returncode != 0:
            sys.exit(f"tuned baseline failed:\n{run.stderr}")
        parses = {int(k): v for k, v in
                  json.loads(out.read_text(encoding="utf-8"))["parse_seconds"].items()}
        best = min(parses, key=parses.__getitem__)
        return run.seconds - sum(parses.values()) + parses[best], best, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=0, help="Build workers (0: one per core).")
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each small build.")
    parser.add_argument("--quick", action="store_true", help="Stop after the 400 bodies.")
    parser.add_argument("--scaling", action="store_true", help="Also 25%% and 50%% of the corpus.")
    parser.add_argument("--full-baseline", action="store_true",
                        help="Also the plain spaCy parse of all the bodies.")
    args = parser.parse_args()
    rows = fnc1_bodies()
    with tempfile.TemporaryDirectory() as tmp:
        bench = Bench(Path(tmp), workers=args.workers)
        small = {n: bench.corpus(rows[:n], f"fnc1-{n}") for n in SMALL}
        bench.build(small[1]), bench.plain(small[1])  # warm the byte-code caches
        small_builds(bench, small, repeat=args.repeat)
        subset(bench, bench.corpus(rows[:SUBSET], f"fnc1-{SUBSET}"))
        if not args.quick:
            whole(bench, rows, scaling=args.scaling, baseline=args.full_baseline)


def small_builds(bench: Bench, corpora: dict[int, Path], *, repeat: int) -> None:
    print(f"1. Small builds (median of {repeat} runs each, whole processes)")
    print(f"{'run':<38} {'seconds':>8} {'outside stages':>15} {'model load':>11} {'peak MB':>8}")
    runs: dict[int, list[Build]] = {n: [] for n in corpora}
    plain: list[Measurement] = []
    for _ in range(repeat):
        for n, corpus in corpora.items():
            runs[n].append(bench.build(corpus))
        plain.append(bench.plain(corpora[SMALL[-1]]))
    for n in corpora:
        median = statistics.median(b.run.seconds for b in runs[n])
        outside = statistics.median(b.run.seconds - b.stage_seconds for b in runs[n])
        load = statistics.median(b.stats["seconds"]["load"] for b in runs[n])
        peak = max(b.run.peak_mb for b in runs[n])
        print(f"{f'claimledger build, {n} articles':<38} {median:>8.2f} {outside:>15.2f} "
              f"{load:>11.2f} {peak:>8.0f}")
    plain_seconds = statistics.median(p.seconds for p in plain)
    print(f"{f'plain spaCy, {SMALL[-1]} texts (load included)':<38} {plain_seconds:>8.2f} "
          f"{'':>15} {'':>11} {max(p.peak_mb for p in plain):>8.0f}")
    build_seconds = statistics.median(b.run.seconds for b in runs[SMALL[-1]])
    print(f"{SMALL[-1]} articles: the whole build takes {build_seconds / plain_seconds:.2f}x the "
          f"plain spaCy parse's time (target <= 0.50x)\n")


def subset(bench: Bench, corpus: Path) -> None:
    print(f"2. {SUBSET} bodies (one run each)")
    build = bench.build(corpus, claims=True)
    plain = bench.plain(corpus)
    tuned_seconds, best, tuned = bench.tuned(corpus)
    print(f"{'run':<44} {'seconds':>8} {'articles/s':>11} {'peak MB':>8}")
    for label, seconds, peak in (("claimledger build (all stages)", build.run.seconds,
                                  build.run.peak_mb),
                                 ("plain spaCy nlp.pipe (defaults)", plain.seconds, plain.peak_mb),
                                 (f"tuned spaCy (1 BLAS thread, batch {best})", tuned_seconds,
                                  tuned.peak_mb)):
        print(f"{label:<44} {seconds:>8.1f} {SUBSET / seconds:>11.1f} {peak:>8.0f}")
    print(f"build: {plain.seconds / build.run.seconds:.2f}x faster than the plain parse "
          f"(target >= 4x), {tuned_seconds / build.run.seconds:.2f}x faster than the tuned "
          f"parse (target >= 2x)")
    candidates = build.rule("trigger: candidate, parsed")
    parsed = build.rule("parse: parsed")
    cached = build.rule("parse: from the cache")
    print(f"trigger: {candidates} of {candidates + build.rule('trigger: skipped') + build.rule('trigger: context, parsed')} "
          f"sentences parsed as candidates, {build.claimed_sentences} of them yield a claim: "
          f"precision {build.claimed_sentences / max(1, candidates):.3f}; "
          f"{cached} of {parsed + cached} parses came from the cache\n")


def whole(bench: Bench, rows: list, *, scaling: bool, baseline: bool) -> None:
    print(f"3. All {len(rows)} bodies")
    fractions = (*FRACTIONS, 1.0) if scaling else (1.0,)
    results = {}
    for fraction in fractions:
        count = round(len(rows) * fraction)
        results[fraction] = bench.build(bench.corpus(rows[:count], f"fnc1-all-{count}"))
    full = results[1.0]
    print(f"{'run':<34} {'articles':>8} {'seconds':>8} {'articles/s':>11} {'peak MB':>8}")
    print(f"{'claimledger build (all stages)':<34} {full.articles:>8} {full.run.seconds:>8.1f} "
          f"{full.articles / full.run.seconds:>11.1f} {full.run.peak_mb:>8.0f}")
    print("targets: >= 28 articles/s, peak <= 700 MB")
    if baseline:
        plain = bench.plain(bench.folder / f"fnc1-all-{len(rows)}")
        print(f"{'plain spaCy nlp.pipe (parse only)':<34} {full.articles:>8} {plain.seconds:>8.1f} "
              f"{full.articles / plain.seconds:>11.1f} {plain.peak_mb:>8.0f}")
        print(f"build: {plain.seconds / full.run.seconds:.2f}x faster than the plain parse; "
              f"peak memory {full.run.peak_mb / plain.peak_mb:.2f}x the plain parse's")
    if scaling:
        print(f"\n{'corpus':>7} {'articles':>8} {'seconds':>8} {'time ratio':>10} {'linear':>7} "
              f"{'vs linear':>9} {'peak MB':>8} {'memory ratio':>12}")
        base = results[fractions[0]]
        for fraction in fractions:
            run = results[fraction]
            ratio, linear = run.run.seconds / base.run.seconds, run.articles / base.articles
            print(f"{fraction:>7.0%} {run.articles:>8} {run.run.seconds:>8.1f} {ratio:>10.2f} "
                  f"{linear:>7.2f} {ratio / linear:>8.2f}x {run.run.peak_mb:>8.0f} "
                  f"{run.run.peak_mb / base.run.peak_mb:>12.2f}")


if __name__ == "__main__":
    main()
