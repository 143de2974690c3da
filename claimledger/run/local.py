"""Run per-article stages here: in this process, or in a pool of worker processes.

Which of the two is chosen by the size of the job: a pool pays for itself only when the work
outweighs starting it, so a job of fewer than ``pool_min_items`` items runs in this process
(measured: ``POOL_MIN_ITEMS``; forked workers pay from one document, spawned ones from about
60). Where the platform allows it (Linux), workers are forked from this process after the
stage's set-up has run here (a job of size 0, such as the build's model check): they start
in milliseconds with the spaCy pipeline already loaded, and its memory is shared
copy-on-write (``gc.freeze`` first, so that the collector does not touch every inherited
object and copy its page). Elsewhere they are spawned (a clean interpreter each) and load
the pipeline themselves. Either way a worker keeps its pipeline between batches, and at most
two batches per worker are in flight, so memory stays flat however large the corpus.

A forked worker inherits this process's open database handles and threads' locks: it never
touches the ledger, and the command line draws its progress without a refresh thread, so no
lock can be held by a thread that the worker lacks.

A worker process that dies (killed by the OOM killer, a segfault in a native library) breaks
the whole pool, and every batch in flight fails with it, so which batch killed it is not
known. The pool is started afresh and each of those batches is run again alone: a batch
that was only in flight with the culprit, or met a passing shortage of memory, now passes.
A batch that kills its process a second time is split in halves, each run alone, down to
the one item that kills its process; that item gets the crash result of
``claimledger.run.crashed`` (for the extraction stage: a coded rejection of the document,
which stays stored for the next build) and the rest of the build goes on. Work that runs in
this process (``workers=1``, or a job below the pool's size) cannot be isolated that way.

The other way round, a build killed with SIGKILL cannot stop its workers, which would wait
for work forever holding their pipelines' memory: each worker watches its parent and exits
within a second of the parent's end (``_exit_with_parent``).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

from claimledger.run import crashed, in_order

LOGGER = logging.getLogger(__name__)

# Parallel work comes from processes. A numerical library that also starts a thread per core
# in every worker oversubscribes the machine: spaCy parses about 30% slower that way even
# in one process. Explicit settings in the environment win.
SINGLE_THREADED = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def single_threaded_numerics() -> None:
    for name in SINGLE_THREADED:
        os.environ.setdefault(name, "1")


PARENT_CHECK_S = 1.0


def _exit_with_parent(parent: int) -> None:
    """Worker start-up: a daemon thread that ends the worker once its parent is gone (the
    worker is then adopted, and its parent id changes)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


class _Done:
    """A batch whose result is already known (it was run again alone after a crash)."""

    def __init__(self, value: list) -> None:
        self.value = value

    def result(self) -> list:
        return self.value


def start_method() -> str:
    """"fork" where forking a process that holds a loaded pipeline is safe (Linux), else
    "spawn" (macOS and Windows: system libraries there are not safe across a fork)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


# The smallest job (in documents) that runs in a pool, by start method. Forked workers cost
# next to nothing: on 2 cores shared with other work, medians of 5 whole builds of FNC-1
# bodies, this process vs 2 forked workers, 1 document 1.91 vs 1.90 s, 4 documents 2.02 vs
# 2.10 s, 8 documents 3.14 vs 2.83 s (fastest of 3). So every job is forked, and keeps the
# isolation of a document that kills its process (a job run here dies with it, and a build
# would fail on that document at every run). Spawned workers each import spaCy and load the
# model: they break even between 40 documents (7.7 vs 6.9 s, 9.4 vs 9.7 s) and 80 (10.9 vs
# 10.8 s, 12.3 vs 14.9 s), and a smaller job runs here.
POOL_MIN_ITEMS = {"fork": 1, "spawn": 64}


class LocalExecutor:
    def __init__(self, *, workers: int = 1, pool_min_items: int | None = None) -> None:
        self.workers = max(1, workers)
        self.method = start_method()
        self.pool_min_items = (POOL_MIN_ITEMS[self.method] if pool_min_items is None
                               else pool_min_items)
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0  # pools started again after a worker died: for tests and reports

    def map(self, function: Callable[[list], list], batches: Iterable[list], *,
            size: int | None = None) -> Iterator[list]:
        """``function(batch)`` for every batch, in this process when there is one worker or
        the job holds fewer than ``pool_min_items`` items (``size``, when known)."""
        if self.workers == 1 or (size is not None and size < self.pool_min_items):
            for batch in batches:
                yield function(batch)
            return
        yield from in_order(lambda batch: self._ensure_pool().submit(function, batch), batches,
                            in_flight=2 * self.workers, collect=partial(self._collect, function))

    def _collect(self, function: Callable[[list], list], batch: list, future, pending: deque
                 ) -> list:
        """A batch's result. When the pool broke, this batch and every other one in flight
        is run again alone, in order (their results are kept for when they are collected)."""
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart()
        value = self._alone(function, batch)
        for index, (other, other_future) in enumerate(pending):
            pending[index] = (other, _Done(self._known_or_alone(function, other, other_future)))
        return value

    def _known_or_alone(self, function, batch: list, future) -> list:
        if isinstance(future, _Done):
            return future.result()
        if future.done() and not future.cancelled() and future.exception() is None:
            return future.result()  # finished before the pool broke
        return self._alone(function, batch)

    def _alone(self, function, batch: list) -> list:
        """``function(batch)`` with nothing else in flight, so that a crash is this batch's
        own; after one, its halves alone, down to the item whose process dies."""
        try:
            return self._ensure_pool().submit(function, batch).result()
        except BrokenProcessPool:
            detail = self._restart()
        if len(batch) <= 1:
            if not batch:  # nothing to isolate: the function itself kills its process
                raise BrokenProcessPool(f"a worker process died on an empty batch ({detail})")
            return [crashed(batch[0], detail)]
        half = len(batch) // 2
        return (self._alone(function, batch[:half])
                + self._alone(function, batch[half:]))

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            single_threaded_numerics()  # spawned workers inherit the environment
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context(self.method),
                initializer=_exit_with_parent, initargs=(os.getpid(),),
            )
            if self.method == "fork":
                # A forking pool starts all its workers at its first task: freeze what this
                # process holds now (the pipeline, the modules) so that the workers' collector
                # leaves those pages shared, then let this process collect them again.
                gc.freeze()
                try:
                    self._pool.submit(os.getpid).result()
                finally:
                    gc.unfreeze()
        return self._pool

    def _restart(self) -> str:
        """Drop a broken pool (the next batch starts a fresh one); how its worker died."""
        pool, self._pool = self._pool, None
        if pool is None:
            return "its worker process died"
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=True, cancel_futures=True)
        self.restarts += 1
        died = _how_it_died([process.exitcode for process in processes])
        LOGGER.warning("a worker process died (%s): its batches run again, alone", died)
        return died

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _how_it_died(exit_codes: list[int | None]) -> str:
    """'killed by SIGKILL', 'exit status 3': the first worker that did not end by the
    SIGTERM the broken pool sends the others."""
    for code in exit_codes:
        if code is not None and code != -signal.SIGTERM and code != 0:
            if code < 0:
                try:
                    return f"its worker process was killed by {signal.Signals(-code).name}"
                except ValueError:
                    return f"its worker process was killed by signal {-code}"
            return f"its worker process exited with status {code}"
    return "its worker process died"
