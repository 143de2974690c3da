"""Run per-article stages here: in this process, or in a pool of worker processes.

Workers are started with "spawn" (a clean interpreter each; no database handles or threads
inherited) and keep their spaCy pipeline loaded between batches. At most two batches per
worker are in flight, so memory stays flat however large the corpus.

A worker process that dies (killed by the OOM killer, a segfault in a native library) breaks
the whole pool, and every batch in flight fails with it, so which batch killed it is not
known. The pool is started afresh and each of those batches is run again alone: a batch
that was only in flight with the culprit, or met a passing shortage of memory, now passes.
A batch that kills its process a second time is split in halves, each run alone, down to
the one item that kills its process; that item gets the crash result of
``claimledger.run.crashed`` (for the extraction stage: a coded rejection of the document,
which stays stored for the next build) and the rest of the build goes on. A lone worker
(``workers=1``) runs in the build's own process, where nothing can be isolated.

The other way round, a build killed with SIGKILL cannot stop its workers, which would wait
for work forever holding their pipelines' memory: each worker watches its parent and exits
within a second of the parent's end (``_exit_with_parent``).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from concurrent.futures.process import BrokenProcessPool

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


class LocalExecutor:
    def __init__(self, *, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._pool = None
        self.restarts = 0  # pools started again after a worker died: for tests and reports

    def map(self, function: Callable[[list], list], batches: Iterable[list]) -> Iterator[list]:
        if self.workers == 1:
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

    def _ensure_pool(self):
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            single_threaded_numerics()  # spawned workers inherit the environment
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent, initargs=(os.getpid(),),
            )
        return self._pool

    def _restart(self) -> str:
        """Drop a broken pool (the next batch starts a fresh one); how its worker died."""
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None
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
