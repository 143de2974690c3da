"""The build: ingest -> clean (-> extract -> link), resumable stage by stage.

Every stage reads what the previous one stored and commits one document at a time, so a
build that is interrupted loses nothing already stored and the next run carries on where it
stopped: documents are found again by content hash (unchanged) and picked up by stage.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from functools import partial

from claimledger.clean import clean_document, line_keys
from claimledger.link.sources import canonical_sources
from claimledger.ingest import read_sources
from claimledger.link import link_pending
from claimledger.errors import Errors
from claimledger.model import Document, Rejection, Skipped
from claimledger.run import Executor, make_executor
from claimledger.settings import Settings
from claimledger.store import Ledger, hashed_key, outlet_group


class Progress(Protocol):
    """What a build reports as it goes; the CLI draws it, the library never prints."""

    def stage(self, name: str, total: int | None) -> None: ...

    def advance(self, name: str, amount: int = 1) -> None: ...


class _Silent:
    def stage(self, name: str, total: int | None) -> None:
        pass

    def advance(self, name: str, amount: int = 1) -> None:
        pass


@dataclass
class BuildReport:
    """What a build did: counts per outcome, and every rejected or skipped input."""

    build_id: int
    counts: Counter = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


def build(
    sources: Iterable[str],
    ledger: Ledger,
    settings: Settings,
    *,
    progress: Progress | None = None,
) -> BuildReport:
    """Read the sources into the ledger and bring every stored document up to date."""
    progress = progress or _Silent()
    sources = list(sources)
    report = BuildReport(build_id=ledger.start_build(sources))
    executor = make_executor(settings.executor, workers=settings.worker_count,
                             scheduler=settings.scheduler or None)
    stages = (
        ("read", lambda: ingest(sources, ledger, settings, report=report, progress=progress)),
        ("clean", lambda: clean_pending(ledger, settings, report=report, progress=progress)),
        ("extract", lambda: extract_pending(ledger, settings, executor, report=report, progress=progress)),
        ("link", lambda: link_pending(ledger, settings, report=report, progress=progress)),
    )
    try:
        for name, run in stages:
            started = time.perf_counter()
            run()
            report.seconds[name] = time.perf_counter() - started
    except BaseException:
        ledger.finish_build(report.build_id, dict(report.counts), status="interrupted")
        raise
    finally:
        executor.close()
    ledger.finish_build(report.build_id, dict(report.counts))
    return report


def ingest(
    sources: list[str], ledger: Ledger, settings: Settings, *, report: BuildReport, progress: Progress
) -> None:
    progress.stage("read", None)
    for item in read_sources(sources, settings):
        if isinstance(item, Document):
            report.counts["read"] += 1
            status = ledger.ingest(item, build_id=report.build_id, keys=line_keys(item.raw))
            report.counts[status] += 1
        elif isinstance(item, Rejection):
            report.counts["rejected"] += 1
            report.rejected.append(item)
            ledger.reject(report.build_id, item)
        else:
            report.counts["skipped"] += 1
            report.skipped.append(item)
        progress.advance("read")


def clean_pending(
    ledger: Ledger, settings: Settings, *, report: BuildReport, progress: Progress
) -> None:
    pending = ledger.pending("ingested")
    progress.stage("clean", len(pending))
    repeated_by_group: dict[str, set[str]] = {}
    for row_id in pending:
        doc = ledger.load(row_id)
        group = outlet_group(doc.outlet)
        if group not in repeated_by_group:
            repeated_by_group[group] = ledger.repeated_lines(group, settings.chrome_repeat_min)
        repeated = repeated_by_group[group]
        clean_document(doc, is_repeated=lambda key: hashed_key(key) in repeated)
        ledger.save_cleaned(row_id, doc)
        report.counts["cleaned"] += 1
        progress.advance("clean")


def extract_pending(
    ledger: Ledger, settings: Settings, executor: Executor, *, report: BuildReport, progress: Progress
) -> None:
    """Claims for every cleaned document, then source names made canonical corpus-wide."""
    pending = ledger.pending("cleaned")
    progress.stage("extract", len(pending))
    batches = (pending[i : i + settings.documents_per_batch]
               for i in range(0, len(pending), settings.documents_per_batch))
    loaded = ([(row_id, ledger.load(row_id)) for row_id in batch] for batch in batches)
    task = partial(extract_batch, model=settings.spacy_model, batch_size=settings.batch_size)
    for batch_result in executor.map(task, loaded):
        for row_id, claims, failure in batch_result:
            if failure is not None:
                rejection = Rejection(failure[0], "E020", Errors.E020.format(detail=failure[1]))
                report.rejected.append(rejection)
                report.counts["rejected"] += 1
                ledger.reject(report.build_id, rejection)
            else:
                ledger.save_claims(row_id, claims)
                report.counts["claims"] += len(claims)
            progress.advance("extract")
    if pending:
        ledger.canonicalise_sources(canonical_sources(ledger.source_names()))


def extract_batch(documents: list, *, model: str, batch_size: int) -> list[tuple]:
    """(row id, claims, failure) for each document of a batch: runs in a worker.

    The batch is parsed as one stream; if that fails, each document is retried alone so that
    one document's failure is reported with its name and the others still get their claims.
    """
    from claimledger.extract.claims import extract_documents

    try:
        found = extract_documents([doc for _, doc in documents], model=model, batch_size=batch_size)
        return [(row_id, claims, None) for (row_id, _), claims in zip(documents, found)]
    except Exception:  # an extraction bug on one document must not stop the build
        results = []
        for row_id, doc in documents:
            try:
                (claims,) = extract_documents([doc], model=model, batch_size=batch_size)
                results.append((row_id, claims, None))
            except Exception as error:
                results.append((row_id, None, (doc.doc, f"{type(error).__name__}: {error}")))
        return results
