"""Executors: the only place that knows how per-article work is spread.

A stage hands an executor a pure function and batches of documents; the executor returns
the results batch by batch, in order. ``local`` runs them in this process or in worker
processes on this machine (chosen by the size of the job); ``dask`` (optional extra) on a
Dask cluster, whatever the size.

A batch is a list of items ``(key, document)``; the function returns one result per item,
``(key, value, failure)``, where failure is None or ``(document name, detail)`` for an item
that failed (the extraction stage turns it into a coded rejection, E020). An item whose
worker process dies, run alone, gets that failure from the executor (``crashed``), so one
document that kills its process costs that document only.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol


class Executor(Protocol):
    def map(self, function: Callable[[list], list], batches: Iterable[list], *,
            size: int | None = None) -> Iterator[list]:
        """function(batch) for every batch, results in the order of the batches. ``size``,
        the items the batches hold in all when known, lets an executor run a small job where
        it is instead of shipping it to workers."""
        ...

    def close(self) -> None: ...


def crashed(item, detail: str) -> tuple:
    """The result of an item whose worker process died on it: a failure naming its document."""
    key, document = item
    name = getattr(document, "doc", None) or str(key)
    return key, None, (name, detail)


def in_order(submit: Callable[[list], object], batches: Iterable[list], *, in_flight: int,
             collect: Callable[[list, object, deque], list] | None = None) -> Iterator[list]:
    """Results of ``submit(batch)`` futures in the order of the batches, with at most
    ``in_flight`` batches submitted and not yet collected, so memory stays flat.

    ``collect(batch, future, pending)`` gives the result of the batch taken off the queue
    (default: its future's), with the (batch, future) pairs still in flight after it: an
    executor whose worker died runs the batch again once nothing else is in flight."""
    pending: deque = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= in_flight:
            yield _collect(collect, pending)
    while pending:
        yield _collect(collect, pending)


def _collect(collect, pending: deque) -> list:
    batch, future = pending.popleft()
    return collect(batch, future, pending) if collect else future.result()


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
