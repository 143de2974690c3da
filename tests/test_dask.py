"""The Dask executor: same ledger as the local executor, on a local cluster and on a
scheduler given by address (a real scheduler process on loopback)."""

from __future__ import annotations

import pytest

from claimledger.build import build
from claimledger.demo import corpus_path
from claimledger.errors import ClaimledgerError
from claimledger.run import make_executor
from claimledger.settings import Settings
from claimledger.store import Ledger
from test_incremental import snapshot

pytest.importorskip("distributed", reason="the 'dask' extra is not installed")


def test_dask_local_cluster_gives_the_same_ledger_as_the_local_executor(tmp_path):
    local, dask = Ledger(tmp_path / "local.db"), Ledger(tmp_path / "dask.db")
    build([str(corpus_path())], local, Settings(workers=1))
    report = build([str(corpus_path())], dask,
                   Settings(workers=2, executor="dask", documents_per_batch=2))
    assert report.counts["claims"] > 50
    assert snapshot(dask) == snapshot(local)


def test_dask_scheduler_by_address(tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        local, remote = Ledger(tmp_path / "local.db"), Ledger(tmp_path / "remote.db")
        build([str(corpus_path())], local, Settings(workers=1))
        build([str(corpus_path())], remote,
              Settings(executor="dask", scheduler=cluster.scheduler_address))
        assert snapshot(remote) == snapshot(local)


def test_results_come_back_in_batch_order():
    executor = make_executor("dask", workers=2)
    try:
        batches = [[i, i + 1] for i in range(0, 20, 2)]
        assert list(executor.map(_double, batches)) == [[2 * x for x in b] for b in batches]
    finally:
        executor.close()


def test_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(ClaimledgerError) as caught:
        make_executor("dask", workers=1, scheduler="tcp://127.0.0.1:9")
    assert caught.value.code == "E303" and "127.0.0.1:9" in str(caught.value)


def test_unknown_executor_is_refused():
    with pytest.raises(ClaimledgerError) as caught:
        make_executor("spark", workers=1)
    assert caught.value.code == "E208"


def _double(batch: list) -> list:
    return [2 * x for x in batch]
