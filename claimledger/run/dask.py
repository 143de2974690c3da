"""Run per-article stages on a Dask cluster: a scheduler you name, or a local cluster.

The executor only spreads pure per-article work (``function(batch)`` for each batch of
documents); everything that reads or writes the ledger, and every cross-article stage
(cleaning against repeated lines, reuse, origins, measures, flags), stays in the build's
own process. So the ledger is written by one process whichever executor runs, and the
results are the same as with the local executor.

Batches are submitted with at most two per worker in flight and collected in submission
order, so memory in the client stays flat however large the corpus. Each Dask worker loads
its spaCy pipeline once (the pipeline cache in ``claimledger.nlp`` lives in the worker
process) and keeps it between batches.

A worker process that dies is restarted by its nanny and its task run again elsewhere; a
task that has killed ``distributed.scheduler.allowed-failures`` workers fails with
KilledWorker. That batch is then split in halves, each submitted alone, down to the item
that kills its worker, which gets the crash result of ``claimledger.run.crashed``; the other
items keep their results and the build goes on, as with the local executor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial

from claimledger.errors import ClaimledgerError
from claimledger.run import crashed, in_order
from claimledger.run.local import single_threaded_numerics


class DaskExecutor:
    def __init__(self, *, scheduler: str | None = None, workers: int = 1) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as error:
            raise ClaimledgerError("E302") from error
        self.scheduler = scheduler or None
        self._cluster = None
        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout="20s")
            except (OSError, TimeoutError) as error:
                raise ClaimledgerError("E303", address=self.scheduler, detail=str(error)) from error
        else:
            single_threaded_numerics()  # worker processes inherit the environment
            self._cluster = LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            self._client = Client(self._cluster)

    @property
    def workers(self) -> int:
        return max(1, len(self._client.scheduler_info().get("workers", {})))

    def map(self, function: Callable[[list], list], batches: Iterable[list], *,
            size: int | None = None) -> Iterator[list]:
        """Every batch on the cluster, whatever ``size``: a build that names Dask wants its
        work there, and the set-up check must load the model where the work will run."""
        # pure=False: two identical batches (a re-run) are still computed, never shared.
        submit = partial(self._client.submit, function, pure=False)
        yield from in_order(submit, batches, in_flight=2 * self.workers,
                            collect=partial(self._collect, function))

    def _collect(self, function: Callable[[list], list], batch: list, future, pending) -> list:
        """A batch's result. A batch that kept killing its workers is tried again once the
        batches in flight beside it have ended (a task only queued on a dying worker counts
        as a suspect too), then split down to its culprit, each part alone."""
        from distributed import KilledWorker, wait

        try:
            return future.result()
        except KilledWorker:
            wait([other for _, other in pending])
        return self._alone(function, batch)

    def _alone(self, function: Callable[[list], list], batch: list) -> list:
        from distributed import KilledWorker

        try:
            return self._client.submit(function, batch, pure=False).result()
        except KilledWorker:
            if len(batch) <= 1:
                if not batch:
                    raise
                return [crashed(batch[0], "every worker process that ran it died")]
        half = len(batch) // 2
        return self._alone(function, batch[:half]) + self._alone(function, batch[half:])

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
