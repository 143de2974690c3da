"""Executors: the only place that knows how per-article work is spread.

A stage hands an executor a pure function and batches of documents; the executor returns
the results batch by batch, in order. ``local`` runs them in this process or in worker
processes on this machine; ``dask`` (optional extra) on a Dask cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol


class Executor(Protocol):
    def map(self, function: Callable[[list], list], batches: Iterable[list]) -> Iterator[list]:
        """function(batch) for every batch, results in the order of the batches."""
        ...

    def close(self) -> None: ...


def make_executor(name: str, *, workers: int, scheduler: str | None = None) -> Executor:
    """The executor a build asked for by name."""
    if name not in ("local", "dask"):
        from claimledger.errors import ClaimledgerError

        raise ClaimledgerError("E208", name=name)
    if name == "dask":
        from claimledger.run.dask import DaskExecutor

        return DaskExecutor(scheduler=scheduler, workers=workers)
    from claimledger.run.local import LocalExecutor

    return LocalExecutor(workers=workers)
