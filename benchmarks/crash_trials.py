"""Kill -9 trials: a build killed at random moments recovers to exactly the ledger of an
uninterrupted build.

    .venv/bin/python benchmarks/crash_trials.py [--trials 10] [--seed 8] [--bodies 150]

The corpus: FNC-1 training bodies as text files (read from ../shared/data at run time), plus a
near-copy of some of them (a line added, the last paragraph dropped) so that the link stage
has reuse to find. First an uninterrupted reference build, whose ledger is polled to time
each stage; its exports are the expected ones. Then each trial builds the same corpus into a
fresh ledger in a process group of its own, waits until the ledger shows the trial's stage,
then a seeded random part of that stage's calibrated length, and sends SIGKILL to the whole
group (the build and its worker processes, as the OOM killer or a stopped service would).
After the kill: ``pragma integrity_check`` and ``pragma foreign_key_check``; then the same
build is run again to its end, and its exports are compared with the reference.

What must be identical: every row of the four exports (claims with ``--extra``, documents,
reuse, measures), field by field and in export order. The exports hold no row ids, build ids
or timestamps, so nothing is dropped before comparing; what legitimately differs between the
two ledgers (the builds table, the killed build left 'running', rejections logged twice, row
ids) is not exported.

Every build of a run uses one copy of the code, taken at the start (``freeze_code``): a
working tree edited while the trials run would otherwise change the exports between builds.

The stage at kill is read from the ledger the kill left: documents stored so far and their
stage columns ('start-up': no build recorded yet; 'finish': every document linked).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, _cli, fnc1_bodies, write_text_files

STAGES = ("start-up", "read", "clean", "extract", "link", "finish")
EXPORTS = (("claims", ["--extra"]), ("documents", []), ("reuse", []), ("measures", []))
# Where the trials aim: every stage, the long extract stage most, the link stage at least twice.
# ('finish', after the last document is linked, lasts too little to aim at.)
AIMS = ("start-up", "read", "clean", "extract", "extract", "extract", "extract", "link", "link",
        "link")
POLL_S = 0.01


@dataclass
class Trial:
    number: int
    aimed: str
    kill_s: float
    stage: str
    integrity: str
    identical: bool
    detail: str = ""


def write_corpus(folder: Path, *, bodies: int, copies: int) -> Path:
    """FNC-1 bodies as files, and a near-copy of the first ``copies`` of them."""
    rows = fnc1_bodies(bodies)
    write_text_files(rows, folder)
    for body_id, text in rows[:copies]:
        paragraphs = [p for p in text.split("\n") if p.strip()]
        kept = paragraphs[: max(2, len(paragraphs) - 1)]
        copy = "\n\n".join(["This report first appeared on a wire service."] + kept)
        (folder / f"copy-{int(body_id):05d}.txt").write_text(copy, encoding="utf-8")
    return folder


def freeze_code(folder: Path) -> Path:
    """Copy the claimledger package into ``folder`` and put it first on the path of every
    process started from here on; returns the copy's parent."""
    frozen = folder / "code"
    shutil.copytree(ROOT / "claimledger", frozen / "claimledger",
                    ignore=shutil.ignore_patterns("__pycache__"))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(frozen)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
    return frozen


def build_command(sources: list[Path], db: Path, *, workers: int | None = None) -> list[str]:
    command = [sys.executable, "-m", "claimledger", "build", *map(str, sources), "--db", str(db),
               "--quiet"]
    return command + (["--workers", str(workers)] if workers is not None else [])


def ledger_stage(db: Path, documents: int) -> str:
    """The stage a build has reached, from what its ledger holds (``documents``: how many the
    finished build stores)."""
    return stage_of(snapshot(db), documents)


def snapshot(db: Path) -> tuple[dict[str, int], bool] | None:
    """Current documents by stage, and whether every claim's source is canonical; None
    before the build is recorded."""
    if not db.exists():
        return None
    connection = sqlite3.connect(db, timeout=30)
    try:
        if not connection.execute("select count(*) from builds").fetchone()[0]:
            return None
        stages = dict(connection.execute(
            "select stage, count(*) from documents where is_current group by stage").fetchall())
        canonical = not connection.execute(
            "select 1 from claims where source is not null and source != '' and source not in"
            " (select canonical from source_aliases) limit 1").fetchone()
    except sqlite3.OperationalError:  # tables not created yet
        return None
    finally:
        connection.close()
    return stages, canonical


def stage_of(seen: tuple[dict[str, int], bool] | None, documents: int) -> str:
    if seen is None:
        return "start-up"
    stages, canonical = seen
    if sum(stages.values()) < documents:
        return "read"
    if stages.get("ingested"):
        return "clean"
    if stages.get("cleaned") or not canonical:
        return "extract"
    if stages.get("extracted") or stages.get("reused"):
        return "link"
    return "finish"


def check_integrity(db: Path) -> str:
    """'ok' when SQLite finds the file sound and every foreign key resolves."""
    connection = sqlite3.connect(db)
    try:
        result = ", ".join(row[0] for row in connection.execute("pragma integrity_check"))
        broken = connection.execute("pragma foreign_key_check").fetchall()
    finally:
        connection.close()
    return result if not broken else f"{result}; {len(broken)} broken foreign keys"


def exports(db: Path, folder: Path) -> dict[str, str]:
    """The four exports of a ledger as JSON lines text, by table."""
    texts = {}
    for table, options in EXPORTS:
        out = folder / f"{db.stem}-{table}.jsonl"
        _cli(["export", table, "--db", str(db), "--format", "jsonl", "-o", str(out), *options],
             folder)
        texts[table] = out.read_text(encoding="utf-8")
    return texts


def differences(found: dict[str, str], expected: dict[str, str]) -> str:
    """'' when identical, else which exports differ and by how many lines."""
    notes = []
    for table, text in expected.items():
        if found[table] != text:
            mine, theirs = found[table].splitlines(), text.splitlines()
            changed = sum(a != b for a, b in zip(mine, theirs)) + abs(len(mine) - len(theirs))
            notes.append(f"{table}: {changed} of {len(theirs)} rows differ")
    return "; ".join(notes)


def calibrate(command: list[str], db: Path) -> tuple[dict[str, float], int]:
    """Run the build uninterrupted, polling its ledger: when each stage began (seconds after
    the start; 'end' when the process ended), and how many documents it stored."""
    seen: list[tuple[float, tuple | None]] = []
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while process.poll() is None:
        seen.append((time.perf_counter() - started, snapshot(db)))
        time.sleep(POLL_S)
    total = time.perf_counter() - started
    if process.returncode not in (0, 3):
        raise RuntimeError(f"the reference build failed ({process.returncode}):\n"
                           f"{process.stderr.read()[-4000:]}")
    stages, _ = snapshot(db)
    documents = sum(stages.values())
    began: dict[str, float] = {}
    for moment, state in seen:
        began.setdefault(stage_of(state, documents), moment)
    began["end"] = total
    return began, documents


def stage_lengths(began: dict[str, float]) -> dict[str, float]:
    """Seconds each stage lasted in the reference build (a stage not seen lasts 0)."""
    order = [stage for stage in STAGES if stage in began] + ["end"]
    lengths = {stage: 0.0 for stage in STAGES}
    for stage, following in zip(order, order[1:]):
        lengths[stage] = began[following] - began[stage]
    return lengths


def kill_during(command: list[str], db: Path, documents: int, aim: str, delay: float
                ) -> tuple[float, bool]:
    """Start the build, wait until its ledger shows stage ``aim`` (or a later one), then
    ``delay`` seconds, and SIGKILL its whole process group. Returns the seconds from start to
    kill, and whether the build was still running when killed."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    target = STAGES.index(aim)
    while process.poll() is None and STAGES.index(ledger_stage(db, documents)) < target:
        time.sleep(POLL_S)
    deadline = time.perf_counter() + delay
    while process.poll() is None and time.perf_counter() < deadline:
        time.sleep(min(POLL_S, max(0.0, deadline - time.perf_counter())))
    killed_at = time.perf_counter() - started
    running = process.poll() is None
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
    _wait_group_gone(process.pid)
    return killed_at, running


def _wait_group_gone(group: int, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise RuntimeError(f"processes of group {group} still running after SIGKILL")


def run_trial(number: int, aim: str, delay: float, *, sources: list[Path], folder: Path,
              documents: int, expected: dict[str, str], workers: int | None = None) -> Trial:
    """One kill at ``aim`` + ``delay`` seconds, then the checks and the re-run."""
    db = folder / f"trial-{number:02d}.db"
    command = build_command(sources, db, workers=workers)
    killed_at, running = kill_during(command, db, documents, aim, delay)
    stage = ledger_stage(db, documents) if running else "ended"
    integrity = check_integrity(db) if db.exists() else "ok (no file yet)"
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 3):
        return Trial(number, aim, killed_at, stage, integrity, False,
                     f"re-run failed ({done.returncode}): {done.stderr[-400:]}")
    detail = differences(exports(db, folder), expected)
    return Trial(number, aim, killed_at, stage, integrity, not detail, detail)


def plan(seed: int, trials: int, lengths: dict[str, float]) -> list[tuple[str, float]]:
    """(stage aimed at, seconds into it) for each trial: the aims cycled and shuffled, each
    moment a uniform random point of the stage's calibrated length (seeded)."""
    chooser = random.Random(seed)
    aims = [AIMS[i % len(AIMS)] for i in range(trials)]
    chooser.shuffle(aims)
    return [(aim, chooser.uniform(0.0, 0.9) * lengths[aim]) for aim in aims]


def format_table(trials: list[Trial]) -> str:
    lines = [f"{'trial':>5} {'kill s':>7} {'aimed':<9} {'stage at kill':<14} {'integrity':<10} "
             f"{'identical exports':<17}"]
    for t in trials:
        lines.append(f"{t.number:>5} {t.kill_s:>7.2f} {t.aimed:<9} {t.stage:<14} {t.integrity:<10} "
                     f"{'yes' if t.identical else 'NO: ' + t.detail:<17}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--bodies", type=int, default=150, help="FNC-1 bodies in the corpus.")
    parser.add_argument("--copies", type=int, default=40, help="Near-copies among them.")
    parser.add_argument("--workers", type=int, default=None, help="Build workers (default: the setting's).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        freeze_code(folder)
        corpus = write_corpus(folder / "corpus", bodies=args.bodies, copies=args.copies)
        reference = folder / "reference.db"
        began, documents = calibrate(build_command([corpus], reference, workers=args.workers),
                                     reference)
        lengths = stage_lengths(began)
        expected = exports(reference, folder)
        print(f"corpus: {documents} documents; reference build {began['end']:.1f} s; stages: "
              + ", ".join(f"{stage} {lengths[stage]:.1f} s" for stage in STAGES))
        print("reference exports: " + ", ".join(
            f"{len(text.splitlines())} {table}" for table, text in expected.items()))
        results = []
        for number, (aim, delay) in enumerate(plan(args.seed, args.trials, lengths), start=1):
            results.append(run_trial(number, aim, delay, sources=[corpus], folder=folder,
                                     documents=documents, expected=expected, workers=args.workers))
            print(format_table(results[-1:]).splitlines()[1], flush=True)
        print()
        print(format_table(results))
        recovered = sum(t.identical and t.integrity.startswith("ok") for t in results)
        in_link = sum(t.stage == "link" for t in results)
        print(f"\n{recovered} of {len(results)} recovered with identical exports "
              f"({in_link} killed during the link stage)")
        sys.exit(0 if recovered == len(results) else 1)


if __name__ == "__main__":
    main()
