"""Web app under load while a build writes: 16 clients on loopback for 30 s over the main
pages and the JSON API, on a ledger of the FNC-1 training bodies, while a second
`claimledger build` adds more bodies to the same ledger.

    .venv/bin/python benchmarks/bench_load.py                  (all 1,683 bodies: the last
                                                                 --writer-bodies are written
                                                                 during the load)
    .venv/bin/python benchmarks/bench_load.py --bodies 400 --baseline

The ledger is built first through the CLI from the first (bodies - writer-bodies) bodies;
the server is `claimledger serve` in its own process on 127.0.0.1 (--workers processes);
the writer is a second
`claimledger build` process started with the load. Each client is a thread with its own
keep-alive connection, requesting the pages of bench_web.py plus one of each API detail
route in turn, as fast as answers come. An error is any answer other than 200 or a failed
request. --baseline runs the same load first without the writer, for comparison.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from bench_web import pages
from common import _tree, fnc1_bodies, write_text_files

TARGET_P99_MS = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=None, help="FNC-1 bodies in all (default: every one).")
    parser.add_argument("--writer-bodies", type=int, default=400,
                        help="Of those, how many the writer adds (0: the load without a writer only).")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--baseline", action="store_true", help="Run the load once without the writer first.")
    parser.add_argument("--keep", type=Path, help="Keep the built base ledger here (and reuse it if present).")
    parser.add_argument("--workers", type=int, default=1, help="Server worker processes.")
    args = parser.parse_args()
    rows = fnc1_bodies(args.bodies)
    base_rows, writer_rows = rows[: len(rows) - args.writer_bodies], rows[len(rows) - args.writer_bodies :]
    if args.writer_bodies == 0:
        writer_rows, args.baseline = [], True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "fnc1.db"
        if args.keep and args.keep.exists():
            shutil.copyfile(args.keep, db)
        else:
            started = time.perf_counter()
            cli("build", str(write_text_files(base_rows, folder / "base")), "--db", str(db), "--quiet")
            print(f"built the base ledger: {len(base_rows)} bodies in {time.perf_counter() - started:.0f} s")
            if args.keep:
                shutil.copyfile(db, args.keep)
        more = write_text_files(writer_rows, folder / "more")
        with Server(db, workers=args.workers) as server:
            paths = visit(server.url)
            if args.baseline:
                report("without a writer", load(server, paths, args.clients, args.seconds), None)
            if not writer_rows:
                return
            before = documents(server.url)
            log = open(folder / "writer.log", "w+", encoding="utf-8")  # noqa: SIM115 (closed below)
            writer = subprocess.Popen([sys.executable, "-m", "claimledger", "build", str(more), "--db", str(db),
                                       "--quiet"], cwd=folder, stdout=log, stderr=log)
            # The load starts once the writer has stored its first document, not while it
            # loads its model: every request then meets a build that writes.
            while documents(server.url) == before and writer.poll() is None:
                time.sleep(0.5)
            before = documents(server.url)
            results = load(server, paths, args.clients, args.seconds)
            during = documents(server.url) - before
            running = writer.poll() is None
            writer_note = (f"the writer stored {during} of its {len(writer_rows)} bodies during the load "
                           f"({'still running at its end' if running else f'exit {writer.returncode} before its end'})")
            report(f"while a build writes ({len(base_rows)} bodies, +{len(writer_rows)})", results, writer_note)
            if writer.poll() is None:  # its ledger is thrown away: no need to wait for its end
                writer.terminate()
                print("the writer was stopped after the load")
            elif writer.wait() not in (0, 3):
                log.seek(0)
                print(f"the writer failed (exit {writer.returncode}):\n{log.read()[-4000:]}")
            writer.wait()
            log.close()


def cli(*arguments: str) -> None:
    done = subprocess.run([sys.executable, "-m", "claimledger", *arguments], capture_output=True, text=True)
    if done.returncode not in (0, 3):
        sys.exit(f"claimledger {arguments[0]} failed ({done.returncode}):\n{done.stderr[-4000:]}")


class Server:
    """`claimledger serve` on a free loopback port in its own process (through
    claimledger.web.serve, which takes the number of worker processes)."""

    def __init__(self, db: Path, *, workers: int = 1) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        start = (f"from claimledger.web import serve; serve({str(db)!r}, port={self.port}, "
                 f"workers={workers}, say=print)")
        self.command = [sys.executable, "-c", start]

    def __enter__(self) -> "Server":
        import httpx

        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env={**os.environ, "PYTHONUNBUFFERED": "1"})
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                httpx.get(self.url + "/api", timeout=5)
                return self
            except httpx.TransportError:
                time.sleep(0.2)
        self.process.kill()
        sys.exit("the web app did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def visit(base: str) -> list[str]:
    """bench_web's pages plus one of each API detail route; each fetched once (warm-up)."""
    import httpx

    with httpx.Client(timeout=120) as client:
        paths = pages(client, base)
        claim = client.get(base + "/api/claims", params={"limit": 1, "kind": "figure"}).json()["claims"][0]
        measure = client.get(base + "/api/measures", params={"limit": 1}).json()["measures"][0]
        paths += [f"/api/claims/{quote(claim['id'], safe='')}", f"/api/measures/{quote(measure['measure'])}",
                  f"/api/documents/{quote(claim['doc'], safe='')}", "/api/reuse"]
        for path in paths:
            if client.get(base + path).status_code != 200:
                sys.exit(f"{path} does not answer 200 before the load")
    return paths


def documents(base: str) -> int:
    import httpx

    return len(httpx.get(base + "/api/documents", timeout=120).json()["documents"])


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by a process and its children (the server's workers)."""
    total = 0
    for member in _tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def load(server: Server, paths: list[str], clients: int, seconds: float) -> dict:
    """Each client requests the paths in turn (each from its own starting point) until the
    time is up: per path, the latencies in ms; every error seen; the server's CPU time."""
    import httpx

    base = server.url

    latencies: dict[str, list[float]] = {path: [] for path in paths}
    errors: list[str] = []
    lock = threading.Lock()
    end = time.perf_counter() + seconds

    def client(number: int) -> None:
        turn = number
        with httpx.Client(base_url=base, timeout=60) as session:
            while time.perf_counter() < end:
                path = paths[turn % len(paths)]
                turn += 1
                started = time.perf_counter()
                try:
                    status = session.get(path).status_code
                except httpx.HTTPError as error:
                    status = type(error).__name__
                took = 1000 * (time.perf_counter() - started)
                with lock:
                    latencies[path].append(took)
                    if status != 200:
                        errors.append(f"{path}: {status}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    cpu = cpu_seconds(server.process.pid)
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # The machine's load (runnable processes, 1-minute average) says how much CPU was free.
    return {"latencies": latencies, "errors": errors, "seconds": time.perf_counter() - started,
            "clients": clients, "load": os.getloadavg()[0], "cores": os.cpu_count(),
            "server_cpu": cpu_seconds(server.process.pid) - cpu}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report(title: str, results: dict, note: str | None) -> None:
    every = [v for values in results["latencies"].values() for v in values]
    print(f"\n{results['clients']} clients, {results['seconds']:.0f} s, {title}; machine load "
          f"{results['load']:.1f} on {results['cores']} cores at the end")
    if note:
        print(note)
    print(f"{'path':<48} {'requests':>8} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7}")
    for path, values in results["latencies"].items():
        print(f"{path[:48]:<48} {len(values):>8} {statistics.median(values):>7.0f} "
              f"{percentile(values, 0.99):>7.0f} {max(values):>7.0f}")
    p99 = percentile(every, 0.99)
    print(f"all: {len(every)} requests, {len(every) / results['seconds']:.1f} requests/s, "
          f"p50 {statistics.median(every):.0f} ms, p90 {percentile(every, 0.9):.0f} ms, p99 {p99:.0f} ms, "
          f"max {max(every):.0f} ms, errors {len(results['errors'])}; server CPU "
          f"{1000 * results['server_cpu'] / len(every):.1f} ms per request "
          f"(target p99 < {TARGET_P99_MS} ms with 0 errors: {'met' if p99 < TARGET_P99_MS and not results['errors'] else 'NOT met'})")
    for error in sorted(set(results["errors"]))[:10]:
        print(f"  error: {error} (x{results['errors'].count(error)})")


if __name__ == "__main__":
    main()
