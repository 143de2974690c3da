"""Helpers shared by the benchmarks: public data as files, and whole-process measurements."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
FNC1_BODIES = SHARED_DATA / "fnc1" / "train_bodies.csv"


@dataclass
class Measurement:
    seconds: float
    peak_mb: float
    returncode: int
    stderr: str


def require(path: Path) -> Path:
    """A path in ../shared/data, or a clear exit when the public data is not beside the checkout."""
    if not path.exists():
        sys.exit(f"public evaluation data not found at {path}: place ../shared beside the checkout")
    return path


def fnc1_bodies(limit: int | None = None) -> list[tuple[str, str]]:
    """(Body ID, text) of the FNC-1 training bodies, read from ../shared/data at run time."""
    with open(require(FNC1_BODIES), encoding="utf-8", newline="") as handle:
        rows = [(row["Body ID"], row["articleBody"]) for row in csv.DictReader(handle)]
    return rows[:limit] if limit else rows


def write_text_files(rows: list[tuple[str, str]], folder: Path) -> Path:
    """One .txt file per article, as a user who saved the articles would have them."""
    folder.mkdir(parents=True, exist_ok=True)
    for body_id, text in rows:
        (folder / f"fnc1-{int(body_id):05d}.txt").write_text(text, encoding="utf-8")
    return folder


def ledger_exports(sources: list[Path], folder: Path, *, workers: int | None = None,
                   tables: tuple[str, ...] = ("claims", "documents")) -> dict:
    """Build sources through the CLI as a user would and read back its exports (claims with
    the extra fields; by default claims and documents), as lists of dicts. The CLI runs in
    ``folder``, so no settings file of the current directory applies."""
    db = folder / "ledger.db"
    build = ["build", *map(str, sources), "--db", str(db), "--quiet"]
    _cli(build + (["--workers", str(workers)] if workers is not None else []), folder)
    exports = {}
    for table in tables:
        options = ["--extra"] if table == "claims" else []
        out = folder / f"{table}.jsonl"
        _cli(["export", table, "--db", str(db), "--format", "jsonl", "-o", str(out), *options],
             folder)
        with open(out, encoding="utf-8") as handle:
            exports[table] = [json.loads(line) for line in handle]
    return exports


def _cli(arguments: list[str], folder: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "claimledger", *arguments], cwd=folder,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"claimledger {arguments[0]} failed ({done.returncode}):\n{done.stderr[-4000:]}")


def write_jsonl(texts: list[str], path: Path) -> Path:
    """One JSON lines record per text (id = its index), so each text becomes one document."""
    with open(path, "w", encoding="utf-8") as handle:
        for index, text in enumerate(texts):
            handle.write(json.dumps({"id": index, "text": text}, ensure_ascii=False) + "\n")
    return path


def measure(command: list[str], *, env: dict | None = None, stdout=subprocess.DEVNULL,
            cwd: Path | None = None) -> Measurement:
    """Wall time and peak memory of a command as a whole: the process and every worker it
    starts, summed at each moment (sampled every 50 ms from /proc). Memory is the
    proportional set size: a page that forked workers share with their parent is counted
    once over them all, as the machine holds it once (the resident sizes of the processes
    would count it in each). ``env`` adds to this process's environment; a value of None
    removes that variable. ``cwd``: where it runs (``python -m`` finds a package in its
    working directory before any on PYTHONPATH)."""
    environment = {**os.environ, **(env or {})}
    with tempfile.TemporaryFile(mode="w+") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=stdout, stderr=errors, cwd=cwd,
            env={name: value for name, value in environment.items() if value is not None},
        )
        peak = [0]
        sampler = threading.Thread(target=_sample_tree, args=(process, peak), daemon=True)
        sampler.start()
        _, status, _ = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        sampler.join()
        errors.seek(0)
        return Measurement(seconds, peak[0] / 2**20, os.waitstatus_to_exitcode(status),
                           errors.read())


def _sample_tree(process: subprocess.Popen, peak: list[int]) -> None:
    # poll() could reap the process before measure's wait4 does; waitid with WNOWAIT only
    # looks (and fails once wait4 has reaped it)
    while True:
        try:
            if os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT):
                return
        except ChildProcessError:
            return
        peak[0] = max(peak[0], sum(_pss(pid) for pid in _tree(process.pid)))
        time.sleep(0.05)


def _tree(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                stack.extend(int(child) for child in task.read_text().split())
            except OSError:
                continue
    return found


def _pss(pid: int) -> int:
    """A process's proportional set size in bytes (its resident size where the kernel
    gives no PSS), 0 once it is gone."""
    for path, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
        except OSError:
            continue
    return 0
