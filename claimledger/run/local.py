"""Run per-article stages here: in this process, or in a pool of worker processes.

Workers are started with "spawn" (a clean interpreter each; no database handles or threads
inherited) and keep their spaCy pipeline loaded between batches. At most two batches per
worker are in flight, so memory stays flat however large the corpus.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from claimledger.run import in_order

# Parallel work comes from processes. A numerical library that also starts a thread per core
# in every worker oversubscribes the machine: spaCy parses about 30% slower that way even
# in one process. Explicit settings in the environment win.
SINGLE_THREADED = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def single_threaded_numerics() -> None:
    for name in SINGLE_THREADED:
        os.environ.setdefault(name, "1")


class LocalExecutor:
    def __init__(self, *, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._pool = None

    def map(self, function: Callable[[list], list], batches: Iterable[list]) -> Iterator[list]:
        if self.workers == 1:
            for batch in batches:
                yield function(batch)
            return
        pool = self._ensure_pool()
        yield from in_order(partial(pool.submit, function), batches, in_flight=2 * self.workers)

    def _ensure_pool(self):
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            single_threaded_numerics()  # spawned workers inherit the environment
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
