"""Adding articles to an existing ledger: the same result as building everything at once,
without extracting or re-comparing what was already there."""

from __future__ import annotations

import shutil

from claimledger.build import build
from claimledger.demo import corpus_path
from claimledger.export import claim_record
from claimledger.link import reuse as reuse_module
from claimledger.settings import Settings
from claimledger.store import Ledger

# Each outlet's articles stay in one half: cleaning learns an outlet's boilerplate from its
# articles seen so far, and articles already stored are never re-cleaned (their offsets are
# stable), so an outlet split across builds may be cleaned slightly differently.
FIRST_HALF = ("kestrel-wire-2025-03-09.xml", "kelmar-herald-2025-03-04.txt",
              "kelmar-herald-2025-03-11.txt", "veldania-today-2025-03-08.html",
              "veldan-press-agency-2025-03-10.warc")


def snapshot(ledger: Ledger) -> dict:
    claims = sorted((c["id"], c["measure"], c["origin"], c["source"], c["status"])
                    for c in map(claim_record, ledger.claims()))
    reuse = sorted((r["doc_a"], r["doc_b"], r["direction"], r["score"]) for r in ledger.reuse_rows())
    measures = sorted((m["id"], m["label"], m["claims"], m["origins"],
                       tuple(sorted((f["flag"], tuple(f["claims"])) for f in m["flags"])))
                      for m in ledger.measures())
    return {"claims": claims, "reuse": reuse, "measures": measures}


def test_building_in_two_steps_equals_building_at_once(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    for path in corpus_path().iterdir():
        shutil.copy(path, (first if path.name in FIRST_HALF else second) / path.name)
    settings = Settings(workers=1)

    at_once = Ledger(tmp_path / "once.db")
    build([str(first), str(second)], at_once, settings)

    stepwise = Ledger(tmp_path / "steps.db")
    build([str(first)], stepwise, settings)
    compared = []
    real_compare = reuse_module.compare_many

    def counting_compare(a, partners, **kwargs):
        compared.extend((a.doc, b.doc) for b in partners)
        return real_compare(a, partners, **kwargs)

    monkeypatch.setattr("claimledger.link.compare_many", counting_compare)
    report = build([str(first), str(second)], stepwise, settings)

    # The feed and the crawl hold two articles each: 7 stored before, 5 new.
    assert report.counts["unchanged"] == 7 and report.counts["new"] == 5
    assert report.counts["cleaned"] == 5  # only the new articles went through the stages
    # every comparison involves a new article: stored pairs are never compared again
    assert compared and all(not (a.startswith(FIRST_HALF) and b.startswith(FIRST_HALF))
                            for a, b in compared)
    assert snapshot(stepwise) == snapshot(at_once)


def test_worker_processes_give_the_same_ledger_as_one_process(tmp_path):
    one, two = Ledger(tmp_path / "one.db"), Ledger(tmp_path / "two.db")
    build([str(corpus_path())], one, Settings(workers=1))
    build([str(corpus_path())], two, Settings(workers=2, documents_per_batch=3))
    assert snapshot(one) == snapshot(two)
