"""The local executor: small jobs here, larger ones in forked workers that share what this
process loaded; batches sized to keep every worker busy; link rule counts in the report."""

from __future__ import annotations

import os
import sys

import pytest

from claimledger.build import batch_length, build
from claimledger.demo import corpus_path
from claimledger.run.local import LocalExecutor, start_method
from claimledger.settings import Settings
from claimledger.store import Ledger

LOADED: dict[str, str] = {}  # set by a test after import: a spawned worker would not see it


def pid_and_loaded(batch: list) -> list:
    return [(item, os.getpid(), LOADED.get("model")) for item in batch]


def test_a_job_below_the_pool_size_runs_in_this_process():
    executor = LocalExecutor(workers=2, pool_min_items=10)
    try:
        rows = [row for batch in executor.map(pid_and_loaded, [[1, 2], [3]], size=3)
                for row in batch]
        assert {pid for _, pid, _ in rows} == {os.getpid()}
        assert executor._pool is None
    finally:
        executor.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
def test_forked_workers_share_what_this_process_loaded(monkeypatch):
    assert start_method() == "fork"
    monkeypatch.setitem(LOADED, "model", "loaded here")
    executor = LocalExecutor(workers=2, pool_min_items=2)
    try:
        rows = [row for batch in executor.map(pid_and_loaded, [[1], [2], [3], [4]], size=4)
                for row in batch]
    finally:
        executor.close()
    assert [item for item, _, _ in rows] == [1, 2, 3, 4]
    assert os.getpid() not in {pid for _, pid, _ in rows}
    assert {loaded for _, _, loaded in rows} == {"loaded here"}


@pytest.mark.parametrize("documents, most, workers, expected", [
    (10, 16, 2, 5),     # two batches, one per worker, instead of one batch of 10
    (40, 16, 2, 10),    # four of 10 instead of 16, 16 and 8
    (1683, 16, 2, 16),  # a large job keeps the most per batch
    (3, 16, 4, 1),
    (40, 16, 1, 14),
])
def test_batches_are_a_multiple_of_the_workers(documents, most, workers, expected):
    size = batch_length(documents, most, workers)
    assert size == expected and size <= most
    batches = -(-documents // size)
    assert batches % workers == 0 or batches == documents


def test_link_counts_are_added_once_and_extraction_counts_are_not_counted_twice(
        tmp_path, monkeypatch):
    import claimledger.build
    from claimledger.extract.counters import count

    real_link = claimledger.build.link_pending

    def counting_link(ledger, settings, **kwargs):
        count("link", "documents linked", len(ledger.pending("extracted")))
        return real_link(ledger, settings, **kwargs)

    monkeypatch.setattr(claimledger.build, "link_pending", counting_link)
    here = build([str(corpus_path())], Ledger(tmp_path / "here.db"), Settings(workers=1))
    pooled = build([str(corpus_path())], Ledger(tmp_path / "pool.db"),
                   Settings(workers=2, documents_per_batch=3))
    assert here.rules["link: documents linked"] == here.counts["cleaned"] > 0
    assert here.rules["trigger: candidate, parsed"] > 0
    # extraction ran in this process for the first build and in workers for the second;
    # parses differ only in how many came from the cache (the workers forked with it full)
    def rules(report) -> dict:
        return {name: n for name, n in report.rules.items() if not name.startswith("parse:")}

    assert rules(here) == rules(pooled)
    assert sum(n for name, n in here.rules.items() if name.startswith("parse:")) == sum(
        n for name, n in pooled.rules.items() if name.startswith("parse:"))
