"""A worker process that dies costs one document, and a build killed at any moment recovers.

The worker tests use functions of this module as the per-batch work: a worker (forked on
Linux, spawned elsewhere, where it imports this module by name) runs a function here that
kills its own process on a marked item, as the OOM killer or a segfault in a native library
would. The module imports little at the top, so that a spawned worker starts quickly; the
build is imported where a test needs it.
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimledger.run.local import POOL_MIN_ITEMS, LocalExecutor, start_method

MARK = "Quillborough"  # a made-up word: the document that kills its worker names it


@dataclass
class Item:
    doc: str
    text: str


def square_or_die(batch: list) -> list:
    """(key, key squared, None) per item; the process dies on an item whose text is marked."""
    results = []
    for key, item in batch:
        if item.text.startswith("die"):
            os.kill(os.getpid(), signal.SIGSEGV if item.text == "die-segv" else signal.SIGKILL)
        if item.text.startswith("once:"):  # dies the first time only: a passing shortage
            flag = Path(item.text.removeprefix("once:"))
            if not flag.exists():
                flag.write_text("died once", encoding="utf-8")
                os.kill(os.getpid(), signal.SIGKILL)
        results.append((key, key * key, None))
    return results


# The build's own extract_batch, kept by a test that patches it with extract_or_die: a forked
# worker sees the patch, a spawned one imports the build afresh.
REAL: dict = {}


def extract_or_die(documents: list, **options) -> list:
    """The build's extraction, except that the process dies on a document naming MARK."""
    from claimledger.build import extract_batch

    if any(MARK in (doc.text or "") for _, doc in documents):
        os.kill(os.getpid(), signal.SIGKILL)
    return REAL.get("extract_batch", extract_batch)(documents, **options)


def batches_of(texts: list[str], size: int) -> list[list]:
    items = [(key, Item(f"doc-{key}", text)) for key, text in enumerate(texts)]
    return [items[i : i + size] for i in range(0, len(items), size)]


@pytest.fixture()
def executor():
    pool = LocalExecutor(workers=2)
    yield pool
    pool.close()


def test_a_killed_worker_costs_only_the_item_it_died_on(executor):
    texts = ["ok"] * 14
    texts[9] = "die"
    results = [row for batch in executor.map(square_or_die, batches_of(texts, 4)) for row in batch]
    assert [key for key, _, _ in results] == list(range(14))  # every item, in order
    good = [(key, value) for key, value, failure in results if failure is None]
    assert good == [(key, key * key) for key in range(14) if key != 9]
    [(key, value, failure)] = [row for row in results if row[2] is not None]
    assert (key, value, failure[0]) == (9, None, "doc-9")
    assert "killed by SIGKILL" in failure[1]
    assert executor.restarts >= 2  # the pool broke, then the batch alone broke again


def test_a_segfault_is_named_in_the_failure(executor):
    results = [row for batch in executor.map(square_or_die, batches_of(["ok", "die-segv"], 2))
               for row in batch]
    assert [(key, failure is None) for key, _, failure in results] == [(0, True), (1, False)]
    assert "killed by SIGSEGV" in results[1][2][1]


def test_a_batch_that_dies_once_passes_when_run_again(executor, tmp_path):
    texts = ["ok", "ok", f"once:{tmp_path / 'flag'}", "ok", "ok", "ok"]
    results = [row for batch in executor.map(square_or_die, batches_of(texts, 2)) for row in batch]
    assert results == [(key, key * key, None) for key in range(6)]
    assert executor.restarts == 1


@pytest.mark.slow  # a local cluster whose workers die and are restarted
@pytest.mark.timeout(300)
def test_a_dask_worker_that_dies_costs_only_the_item_it_died_on():
    pytest.importorskip("distributed", reason="the 'dask' extra is not installed")
    import dask

    from claimledger.run import make_executor

    texts = ["ok", "ok", "ok", "die", "ok"]
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        executor = make_executor("dask", workers=2)
        try:
            results = [row for batch in executor.map(square_or_die, batches_of(texts, 2))
                       for row in batch]
        finally:
            executor.close()
    assert [(key, value) for key, value, failure in results if failure is None] == [
        (0, 0), (1, 1), (2, 4), (4, 16)]
    [(key, value, failure)] = [row for row in results if row[2] is not None]
    assert (key, value, failure[0]) == (3, None, "doc-3")
    assert "worker process" in failure[1]


@pytest.mark.slow  # several fresh workers, each loading the spaCy model
def test_the_build_rejects_the_document_that_kills_its_worker_and_goes_on(tmp_path, monkeypatch):
    import claimledger.build
    from claimledger.settings import Settings
    from claimledger.store import Ledger

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    stories = {
        "bridge.txt": "Bridge reopens\n\nThe bridge reopened on Monday after 3 weeks of repairs, "
                      "the roads office said.\n",
        "ferry.txt": "Ferry route added\n\nA second ferry will carry 400 passengers a day, the "
                     "harbour board said.\n",
        "marked.txt": f"Hall closes\n\nThe {MARK} hall closed for 2 months of work, the council "
                      "said.\n",
        "school.txt": "School expands\n\nThe school will add 5 classrooms next year, its head "
                      "teacher said.\n",
    }
    for name, text in stories.items():
        (corpus / name).write_text(text, encoding="utf-8")
    real = claimledger.build.extract_batch
    monkeypatch.setitem(REAL, "extract_batch", real)
    monkeypatch.setattr(claimledger.build, "extract_batch", extract_or_die)
    # four documents in worker processes however small a job the pool would take alone
    monkeypatch.setitem(POOL_MIN_ITEMS, start_method(), 1)
    ledger = Ledger(tmp_path / "ledger.db")
    report = claimledger.build.build([str(corpus)], ledger, Settings(workers=2, documents_per_batch=2))
    [rejection] = report.rejected
    assert (rejection.path, rejection.code) == ("marked.txt", "E020")
    assert "killed by SIGKILL" in rejection.reason
    claimed = {row["doc"] for row in ledger.claims()}
    assert claimed == {"bridge.txt", "ferry.txt", "school.txt"}
    [left] = ledger.pending("cleaned")  # stored and cleaned: the next build tries it again
    assert ledger.load(left).doc == "marked.txt"
    monkeypatch.setattr(claimledger.build, "extract_batch", real)
    again = claimledger.build.build([str(corpus)], ledger, Settings(workers=1))
    assert again.ok and "marked.txt" in {row["doc"] for row in ledger.claims()}
    ledger.close()


@pytest.mark.slow
def test_a_build_killed_at_any_stage_recovers_to_the_same_exports(tmp_path):
    """Kill -9 trials on the demo corpus (benchmarks/crash_trials.py on a small scale)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from crash_trials import build_command, calibrate, exports, run_trial, stage_lengths

    from claimledger.demo import corpus_path

    sources = [corpus_path()]
    began, documents = calibrate(build_command(sources, tmp_path / "reference.db", workers=1),
                                 tmp_path / "reference.db")
    expected = exports(tmp_path / "reference.db", tmp_path)
    lengths = stage_lengths(began)
    trials = [run_trial(number, aim, part * lengths[aim], sources=sources, folder=tmp_path,
                        documents=documents, expected=expected, workers=1)
              for number, (aim, part) in enumerate((("read", 0.5), ("extract", 0.5),
                                                    ("link", 0.0)), start=1)]
    assert [(t.integrity, t.identical, t.detail) for t in trials] == [("ok", True, "")] * 3
    assert all(t.stage != "ended" for t in trials)  # each kill met a running build


class Killed(BaseException):
    """Stands for SIGKILL at one exact moment: nothing after it runs."""


def test_a_build_killed_before_canonicalising_sources_canonicalises_them_on_the_rerun(
        tmp_path, monkeypatch):
    from claimledger.build import build
    from claimledger.demo import corpus_path
    from claimledger.settings import Settings
    from claimledger.store import Ledger

    sources, settings = [str(corpus_path())], Settings(workers=1)
    whole = Ledger(tmp_path / "whole.db")
    build(sources, whole, settings)
    assert whole.sources_canonical()

    def killed(self, mapping):
        raise Killed()  # after the last document's claims, before their sources are renamed

    killed_once = Ledger(tmp_path / "killed.db")
    with monkeypatch.context() as patch:
        patch.setattr(Ledger, "canonicalise_sources", killed)
        with pytest.raises(Killed):
            build(sources, killed_once, settings)
    assert not killed_once.sources_canonical()
    build(sources, killed_once, settings)
    assert [row["source"] for row in killed_once.claims()] == [row["source"] for row in whole.claims()]
