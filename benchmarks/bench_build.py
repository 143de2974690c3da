"""`claimledger build` against spaCy on FNC-1 (1,683 real bodies), as whole processes.

    make bench      (or: .venv/bin/python benchmarks/bench_build.py [--quick] [--scaling]
                         [--full-baseline] [--repeat N] [--workers N] [--against DIR])

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

``--against DIR`` also runs the small builds and the 400 bodies with the claimledger package
found in DIR (an earlier checkout), in the same run, for a before-and-after.

Each build is a fresh process on a fresh ledger; the corpus is read from ../shared/data at
run time. Memory is the peak proportional set size of the process and its workers together
(common.measure). Every command runs with Python's byte-code caches (in a temporary folder,
warmed by a first untimed run), as an installed package has them: without them each process
compiles about a thousand modules first (some 2 s here).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, Measurement, fnc1_bodies, measure, write_text_files

HERE = Path(__file__).resolve().parent
SMALL = (1, 10, 40)
SUBSET = 400
FRACTIONS = (0.25, 0.5)
TUNED_BATCH_SIZES = (16, 64, 256)
BUILDS = itertools.count(1)  # numbers the builds' ledgers of every Bench in the run
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
    def __init__(self, folder: Path, *, workers: int, package: Path | None = None) -> None:
        self.folder = folder
        self.workers = workers
        # byte-code caches outside the checkout and the virtual environment
        self.env = {"PYTHONPYCACHEPREFIX": str(folder / "pycache"), "PYTHONDONTWRITEBYTECODE": None}
        # this checkout's package unless told otherwise; builds run in the scratch folder, so
        # the package is the one on PYTHONPATH and no ./claimledger.toml applies
        self.build_env = {**self.env, "PYTHONPATH": str(package or ROOT)}
        self.label = f"claimledger build ({package.name})" if package else "claimledger build"

    def corpus(self, rows: list, name: str) -> Path:
        return write_text_files(rows, self.folder / name)

    def build(self, corpus: Path, *, claims: bool = False) -> Build:
        number = next(BUILDS)
        db, stats = self.folder / f"build-{number}.db", self.folder / f"stats-{number}.json"
        run = measure([sys.executable, "-m", "claimledger", "build", str(corpus), "--db", str(db),
                       "-q", "--workers", str(self.workers), "--stats", str(stats)],
                      env=self.build_env, cwd=self.folder)
        if run.returncode not in (0, 3):
            sys.exit(f"build failed:\n{run.stderr}")
        articles = len(list(corpus.glob("*.txt")))
        data = json.loads(stats.read_text(encoding="utf-8"))
        return Build(articles, run, data, self._claimed_sentences(db) if claims else 0)

    def _claimed_sentences(self, db: Path) -> int:
        out = self.folder / "claims.jsonl"
        subprocess.run([sys.executable, "-m", "claimledger", "export", "claims", "--db", str(db),
                        "--format", "jsonl", "--extra", "-o", str(out)], check=True,
                       capture_output=True, cwd=self.folder,
                       env={**os.environ, "PYTHONPATH": self.build_env["PYTHONPATH"]})
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
    parser.add_argument("--against", type=Path, help="A folder holding an earlier claimledger "
                        "package: its small builds and 400 bodies too.")
    args = parser.parse_args()
    rows = fnc1_bodies()
    with tempfile.TemporaryDirectory() as tmp:
        bench = Bench(Path(tmp), workers=args.workers)
        small = {n: bench.corpus(rows[:n], f"fnc1-{n}") for n in SMALL}
        subset_corpus = bench.corpus(rows[:SUBSET], f"fnc1-{SUBSET}")
        benches = [bench]
        if args.against:
            benches.append(Bench(Path(tmp), workers=args.workers, package=args.against.resolve()))
        for each in benches:
            each.build(small[1])  # warm the byte-code caches
        bench.plain(small[1])
        small_builds(benches, small, repeat=args.repeat)
        subset(benches, subset_corpus)
        if not args.quick:
            whole(bench, rows, scaling=args.scaling, baseline=args.full_baseline)


def small_builds(benches: list[Bench], corpora: dict[int, Path], *, repeat: int) -> None:
    print(f"1. Small builds (median of {repeat} runs each, whole processes)")
    print(f"{'run':<50} {'seconds':>8} {'outside stages':>15} {'model load':>11} {'peak MB':>8}")
    runs: dict[tuple[int, int], list[Build]] = {}
    plain: list[Measurement] = []
    for _ in range(repeat):  # in turn, so that a busy moment of the machine hits them all
        for index, bench in enumerate(benches):
            for n, corpus in corpora.items():
                runs.setdefault((index, n), []).append(bench.build(corpus))
        plain.append(benches[0].plain(corpora[SMALL[-1]]))
    for (index, n), builds in runs.items():
        median = statistics.median(b.run.seconds for b in builds)
        outside = statistics.median(b.run.seconds - b.stage_seconds for b in builds)
        load = statistics.median(b.stats["seconds"].get("load", 0.0) for b in builds)
        peak = max(b.run.peak_mb for b in builds)
        print(f"{f'{benches[index].label}, {n} articles':<50} {median:>8.2f} {outside:>15.2f} "
              f"{load:>11.2f} {peak:>8.0f}")
    plain_seconds = statistics.median(p.seconds for p in plain)
    print(f"{f'plain spaCy, {SMALL[-1]} texts (load included)':<50} {plain_seconds:>8.2f} "
          f"{'':>15} {'':>11} {max(p.peak_mb for p in plain):>8.0f}")
    for index, bench in enumerate(benches):
        build_seconds = statistics.median(b.run.seconds for b in runs[(index, SMALL[-1])])
        print(f"{SMALL[-1]} articles: {bench.label} takes {build_seconds / plain_seconds:.2f}x "
              f"the plain spaCy parse's time (target <= 0.50x)")
    print()


def subset(benches: list[Bench], corpus: Path) -> None:
    print(f"2. {SUBSET} bodies (one run each)")
    builds = [bench.build(corpus, claims=True) for bench in benches]
    plain = benches[0].plain(corpus)
    tuned_seconds, best, tuned = benches[0].tuned(corpus)
    print(f"{'run':<50} {'seconds':>8} {'articles/s':>11} {'peak MB':>8}")
    rows = [(bench.label, build.run.seconds, build.run.peak_mb)
            for bench, build in zip(benches, builds)]
    rows += [("plain spaCy nlp.pipe (defaults)", plain.seconds, plain.peak_mb),
             (f"tuned spaCy (1 BLAS thread, batch {best})", tuned_seconds, tuned.peak_mb)]
    for label, seconds, peak in rows:
        print(f"{label:<50} {seconds:>8.1f} {SUBSET / seconds:>11.1f} {peak:>8.0f}")
    for bench, build in zip(benches, builds):
        print(f"{bench.label}: {plain.seconds / build.run.seconds:.2f}x faster than the plain "
              f"parse (target >= 4x), {tuned_seconds / build.run.seconds:.2f}x faster than the "
              f"tuned parse (target >= 2x)")
    build = builds[0]
    candidates = build.rule("trigger: candidate, parsed")
    sentences = candidates + build.rule("trigger: skipped") + build.rule("trigger: context, parsed")
    parsed, cached = build.rule("parse: parsed"), build.rule("parse: from the cache")
    print(f"trigger: {candidates} of {sentences} sentences parsed as candidates, "
          f"{build.claimed_sentences} of them yield a claim: precision "
          f"{build.claimed_sentences / max(1, candidates):.3f}; {cached} of {parsed + cached} "
          f"parses came from the cache\n")


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
