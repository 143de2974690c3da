"""The build: ingest -> clean (-> extract -> link), resumable stage by stage.

Every stage reads what the previous one stored and commits one document at a time, so a
build that is interrupted loses nothing already stored and the next run carries on where it
stopped: documents are found again by content hash (unchanged) and picked up by stage.
"""

from __future__ import annotations

import importlib
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from sqlalchemy.exc import OperationalError

from claimledger.clean import clean_document, line_keys
from claimledger.errors import ClaimledgerError, Errors
from claimledger.extract.counters import counted
from claimledger.ingest import Stated, read_sources
from claimledger.ingest.safety import error_detail, internal_error
from claimledger.link import link_pending
from claimledger.link.sources import canonical_sources
from claimledger.model import Document, Rejection, Skipped
from claimledger.run import Executor, make_executor
from claimledger.settings import Settings
from claimledger.store import Ledger, hashed_key, outlet_group

LOGGER = logging.getLogger(__name__)


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
    rules: Counter = field(default_factory=Counter)  # per-rule counters (extract/counters.py)
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
    stated: Stated | None = None,
) -> BuildReport:
    """Read the sources into the ledger and bring every stored document up to date.

    ``stated``: an outlet and a date for every document read in this build (they override
    what the pages say; documents already stored unchanged keep theirs)."""
    progress = progress or _Silent()
    sources = list(sources)
    started = time.perf_counter()
    executor = make_executor(settings.executor, workers=settings.worker_count,
                             scheduler=settings.scheduler or None)
    try:
        check_installation(settings, executor)
    except BaseException:
        executor.close()
        raise
    report = BuildReport(build_id=ledger.start_build(sources))
    report.seconds["load"] = time.perf_counter() - started
    stages: tuple[tuple[str, Callable[[], object]], ...] = (
        ("read", lambda: ingest(sources, ledger, settings, report=report, progress=progress,
                                stated=stated)),
        ("clean", lambda: clean_pending(ledger, settings, report=report, progress=progress)),
        ("extract", lambda: extract_pending(ledger, settings, executor, report=report,
                                            progress=progress)),
        ("link", lambda: link_counted(ledger, settings, report=report, progress=progress)),
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


# Packages the readers import when they meet their first file of a format: a broken install
# must stop the build before anything is read, not fail file by file.
READER_PACKAGES = ("charset_normalizer", "feedparser", "lxml.html", "trafilatura", "warcio")


def check_installation(settings: Settings, executor: Executor) -> None:
    """Import every reader's package here and load the spaCy model where extraction runs,
    raising a coded error (E304, E301, E305) for a missing package or a broken model."""
    for name in READER_PACKAGES:
        try:
            importlib.import_module(name)
        except Exception as error:  # ImportError, or any failure inside the package's import
            raise ClaimledgerError("E304", module=name, detail=error_detail(error)) from error
    # size=0: a local executor loads the model in this process, where forked workers share it
    for _ in executor.map(partial(load_extraction, model=settings.spacy_model), [[]], size=0):
        pass


def load_extraction(batch: list, *, model: str) -> list:
    """Import the extraction stage and load its spaCy model (in a worker: it stays loaded)."""
    try:
        from claimledger.extract.claims import extract_documents  # noqa: F401
    except Exception as error:
        raise ClaimledgerError("E304", module="claimledger.extract", detail=error_detail(error)) from error
    from claimledger.nlp import load_pipeline

    try:
        load_pipeline(model)
    except ClaimledgerError:
        raise
    except Exception as error:  # a model package that is there but cannot be loaded
        raise ClaimledgerError("E305", model=model, detail=error_detail(error)) from error
    return batch


def ingest(
    sources: list[str], ledger: Ledger, settings: Settings, *, report: BuildReport,
    progress: Progress, stated: Stated | None = None,
) -> None:
    progress.stage("read", None)
    for item in read_sources(sources, settings, stated=stated):
        if isinstance(item, Document):
            report.counts["read"] += 1
            _store(item, ledger, report)
        elif isinstance(item, Rejection):
            _reject(item, ledger, report)
        else:
            report.counts["skipped"] += 1
            report.skipped.append(item)
        progress.advance("read")


def _store(doc: Document, ledger: Ledger, report: BuildReport) -> None:
    """Store one document read; the same text from another source is reported as a duplicate."""
    try:
        status = ledger.ingest(doc, build_id=report.build_id, keys=line_keys(doc.raw))
        same = ledger.find_by_hash(doc.content_hash) if status == "unchanged" else None
    except OperationalError:
        raise  # the database itself failed (locked, full, gone): no document can be stored
    except Exception as error:  # a value the store refuses, or a bug: this document only
        _reject(_internal(doc, "store", error), ledger, report)
        return
    report.counts[status] += 1
    if same is not None and _source(same.doc, same.path) != _source(doc.doc, doc.path):
        report.counts["duplicate"] += 1  # of the unchanged: the text came from another source
        where = doc.path if doc.path and "#" not in doc.doc else f"{doc.path} ({doc.doc})"
        report.skipped.append(Skipped(where, f"duplicate of document '{same.doc}' (the same text)"))


def _source(doc: str, path: str | None) -> tuple[str, str]:
    """Where a document was read: its file and its record in the file."""
    return os.path.abspath(path) if path else doc, doc.partition("#")[2]


def _reject(rejection: Rejection, ledger: Ledger, report: BuildReport) -> None:
    LOGGER.debug("rejected %s (%s): %s", rejection.path, rejection.code, rejection.reason)
    report.rejected.append(rejection)
    report.counts["rejected"] += 1
    ledger.reject(report.build_id, rejection)


def _internal(doc: Document, stage: str, error: Exception) -> Rejection:
    """An unexpected error on one document in a stage, as its rejection (E021)."""
    return Rejection(doc.path or doc.doc, "E021", internal_error(stage, error), f"document {doc.doc}")


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
        try:
            clean_document(doc, is_repeated=lambda key: hashed_key(key) in repeated)
        except Exception as error:  # a bug on one document: it stays stored, the batch goes on
            _reject(_internal(doc, "clean", error), ledger, report)
        else:
            ledger.save_cleaned(row_id, doc)
            report.counts["cleaned"] += 1
        progress.advance("clean")


def extract_pending(
    ledger: Ledger, settings: Settings, executor: Executor, *, report: BuildReport, progress: Progress
) -> None:
    """Claims for every cleaned document, then source names made canonical corpus-wide."""
    pending = ledger.pending("cleaned")
    progress.stage("extract", len(pending))
    size = batch_length(len(pending), settings.documents_per_batch, settings.worker_count)
    batches = (pending[i : i + size] for i in range(0, len(pending), size))
    loaded = ([(row_id, ledger.load(row_id)) for row_id in batch] for batch in batches)
    task = partial(extract_batch, model=settings.spacy_model, batch_size=settings.batch_size)
    for batch_result in executor.map(task, loaded, size=len(pending)):
        for row_id, value, failure in batch_result:
            claims, rules = value if value is not None else (None, {})
            report.rules.update(rules)
            if failure is not None:
                _reject(Rejection(failure[0], "E020", Errors.E020.format(detail=failure[1])),
                        ledger, report)
            else:
                ledger.save_claims(row_id, claims)
                report.counts["claims"] += len(claims)
            progress.advance("extract")
    if pending or not ledger.sources_canonical():  # also after a kill between the two
        ledger.canonicalise_sources(canonical_sources(ledger.source_names()))


def link_counted(ledger: Ledger, settings: Settings, *, report: BuildReport,
                 progress: Progress) -> None:
    """The link stage, its rule counts added to the report. Extraction's counts come with
    each batch (``extract_batch``); ``counted`` takes differences, so a batch extracted in
    this process before linking is not counted again here."""
    _, rules = counted(lambda: link_pending(ledger, settings, report=report, progress=progress))
    report.rules.update(rules)


def batch_length(documents: int, most: int, workers: int) -> int:
    """Documents per batch: at most ``most``, in a number of batches that is a multiple of
    the workers, so that a small job keeps every worker busy to its end (10 documents on 2
    workers: 2 batches of 5, not 1 of 10; 40: 4 of 10, not 16, 16 and 8)."""
    rounds = max(1, -(-documents // (workers * most)))
    return max(1, -(-documents // (workers * rounds)))


def extract_batch(documents: list, *, model: str, batch_size: int) -> list[tuple]:
    """(row id, (claims, rule counts), failure) for each document of a batch: runs in a
    worker. The batch's rule counts (extract/counters.py) ride with its first document.

    The batch is parsed as one stream; if that fails, each document is retried alone so that
    one document's failure is reported with its name and the others still get their claims.
    """
    from claimledger.extract.claims import extract_documents

    try:
        found, rules = counted(lambda: extract_documents([doc for _, doc in documents], model=model,
                                                         batch_size=batch_size))
        return [(row_id, (claims, rules if i == 0 else {}), None)
                for i, ((row_id, _), claims) in enumerate(zip(documents, found))]
    except Exception:  # an extraction bug on one document must not stop the build
        LOGGER.debug("extraction failed on a batch: each document runs alone", exc_info=True)
        results: list[tuple] = []
        for row_id, doc in documents:
            try:
                (claims,), rules = counted(lambda: extract_documents([doc], model=model,
                                                                     batch_size=batch_size))
                results.append((row_id, (claims, rules), None))
            except Exception as error:
                results.append((row_id, None, (doc.doc, error_detail(error))))
        return results
