"""The ledger store: idempotent ingest, versions, migrations, and builds that are cut short."""

from __future__ import annotations

import multiprocessing
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import pytest
from sqlalchemy import select

from claimledger.build import build
from claimledger.errors import ClaimledgerError
from claimledger.model import Document
from claimledger.store import Ledger
from claimledger.store.ledger import DONE, Ledger as LedgerClass
from claimledger.store.rows import CLAIM_COLUMNS, CLAIM_SOURCE, ClaimRow, read_claim
from claimledger.store.schema import claims, documents, line_counts, schema_migrations

import test_postgres

# The PostgreSQL tests' fixtures, for the tests here that run on both databases.
server, new_ledger_url = test_postgres.server, test_postgres.new_ledger_url

ARTICLE = "Headline number {n} about the valley\n\nAbout {n}00 people gathered in the square on Friday, the organisers said.\n\nThe crowd left peacefully.\n"


def write_articles(folder, count: int, *, start: int = 0):
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"article-{n:04d}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    return folder


def stored(ledger: Ledger) -> list[tuple]:
    with ledger.engine.connect() as conn:
        return conn.execute(
            select(documents.c.doc, documents.c.version, documents.c.is_current, documents.c.stage)
            .order_by(documents.c.doc, documents.c.version)
        ).all()


def test_building_twice_stores_each_article_once(tmp_path, ledger, settings):
    corpus = write_articles(tmp_path / "c", 5)
    first = build([str(corpus)], ledger, settings)
    second = build([str(corpus)], ledger, settings)
    assert (first.counts["new"], second.counts["unchanged"], second.counts["new"]) == (5, 5, 0)
    assert len(stored(ledger)) == 5


def test_same_article_under_another_name_is_one_document(tmp_path, ledger, settings):
    corpus = write_articles(tmp_path / "c", 1)
    (tmp_path / "copy.txt").write_text(
        (corpus / "article-0000.txt").read_text().replace("\n\n", "\r\n\r\n"), encoding="utf-8")
    report = build([str(corpus), str(tmp_path / "copy.txt")], ledger, settings)
    assert (report.counts["new"], report.counts["unchanged"]) == (1, 1)


def test_changed_article_becomes_a_new_version_and_the_old_one_is_kept(tmp_path, ledger, settings):
    corpus = write_articles(tmp_path / "c", 2)
    build([str(corpus)], ledger, settings)
    path = corpus / "article-0001.txt"
    path.write_text(path.read_text().replace("About 100 people", "About 150 people"))
    report = build([str(corpus)], ledger, settings)
    assert (report.counts["revised"], report.counts["unchanged"]) == (1, 1)
    assert stored(ledger) == [
        ("article-0000.txt", 1, True, DONE),
        ("article-0001.txt", 1, False, DONE),
        ("article-0001.txt", 2, True, DONE),
    ]
    current = {row["doc"]: row["text"] for row in ledger.documents()}
    assert "About 150 people" in current["article-0001.txt"]
    versions = [row for row in ledger.documents(all_versions=True) if row["doc"] == "article-0001.txt"]
    assert ["About 100 people" in versions[0]["text"], "About 150 people" in versions[1]["text"]] == [True, True]


def test_same_file_name_in_two_folders_gets_two_ids(tmp_path, ledger, settings):
    write_articles(tmp_path / "monday", 1)
    write_articles(tmp_path / "tuesday", 1, start=1)
    (tmp_path / "tuesday" / "article-0001.txt").rename(tmp_path / "tuesday" / "article-0000.txt")
    report = build([str(tmp_path / "monday" / "article-0000.txt"),
                    str(tmp_path / "tuesday" / "article-0000.txt")], ledger, settings)
    assert report.counts["new"] == 2
    assert [row[0] for row in stored(ledger)] == ["article-0000.txt", "tuesday/article-0000.txt"]


def test_interrupted_ingest_loses_nothing_and_rerun_completes(tmp_path, ledger, settings, monkeypatch):
    corpus = write_articles(tmp_path / "c", 6)
    real_ingest, calls = LedgerClass.ingest, []

    def failing_ingest(self, doc, **kwargs):
        if len(calls) == 3:
            raise KeyboardInterrupt
        calls.append(doc.doc)
        return real_ingest(self, doc, **kwargs)

    monkeypatch.setattr(LedgerClass, "ingest", failing_ingest)
    with pytest.raises(KeyboardInterrupt):
        build([str(corpus)], ledger, settings)
    assert [row[0] for row in stored(ledger)] == calls
    monkeypatch.setattr(LedgerClass, "ingest", real_ingest)
    report = build([str(corpus)], ledger, settings)
    assert (report.counts["unchanged"], report.counts["new"], report.counts["cleaned"]) == (3, 3, 6)
    assert [row[3] for row in stored(ledger)] == [DONE] * 6


def test_interrupted_cleaning_resumes_on_the_next_run(tmp_path, ledger, settings, monkeypatch):
    corpus = write_articles(tmp_path / "c", 4)
    real_save, saved = LedgerClass.save_cleaned, []

    def failing_save(self, row_id, doc):
        if len(saved) == 2:
            raise KeyboardInterrupt
        saved.append(row_id)
        return real_save(self, row_id, doc)

    monkeypatch.setattr(LedgerClass, "save_cleaned", failing_save)
    with pytest.raises(KeyboardInterrupt):
        build([str(corpus)], ledger, settings)
    assert sorted(row[3] for row in stored(ledger)) == ["cleaned", "cleaned", "ingested", "ingested"]
    monkeypatch.setattr(LedgerClass, "save_cleaned", real_save)
    report = build([str(corpus)], ledger, settings)
    assert report.counts["cleaned"] == 2
    assert [row[3] for row in stored(ledger)] == [DONE] * 4


@pytest.mark.slow
def test_build_killed_midway_then_rerun_has_no_loss_and_no_duplicates(tmp_path):
    corpus = write_articles(tmp_path / "c", 400)
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "claimledger", "build", str(corpus), "--db", str(db), "-q"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        if db.exists() and _count(db) >= 20:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    before = _count(db)
    assert 20 <= before < 400, "the kill must land in the middle of the build"
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rerun = subprocess.run(command, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT count(*), count(DISTINCT content_hash) FROM documents").fetchone() == (400, 400)
    assert connection.execute("SELECT count(*) FROM documents WHERE stage != ?", (DONE,)).fetchone() == (0,)


def _count(db) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # tables not created yet


def test_migrations_are_recorded_and_safe_to_rerun(tmp_path):
    first = Ledger(tmp_path / "l.db")
    with first.engine.connect() as conn:
        names = list(conn.execute(select(schema_migrations.c.name)).scalars())
    first.close()
    again = Ledger(tmp_path / "l.db")
    with again.engine.connect() as conn:
        assert list(conn.execute(select(schema_migrations.c.name)).scalars()) == names
    assert names and names == sorted(names)


def test_ledger_from_a_newer_release_is_refused(tmp_path):
    Ledger(tmp_path / "l.db").close()
    connection = sqlite3.connect(tmp_path / "l.db")
    connection.execute("INSERT INTO schema_migrations VALUES ('9999_future', '2030-01-01')")
    connection.commit()
    connection.close()
    with pytest.raises(ClaimledgerError) as raised:
        Ledger(tmp_path / "l.db")
    assert raised.value.code == "E101"


def test_opening_a_missing_ledger_for_reading_is_an_error(tmp_path):
    with pytest.raises(ClaimledgerError) as raised:
        Ledger(tmp_path / "absent.db", create=False)
    assert raised.value.code == "E104"
    assert not (tmp_path / "absent.db").exists()


def test_a_column_added_by_a_later_release_is_added_to_an_old_ledger(tmp_path):
    path = tmp_path / "old.db"
    Ledger(path).close()
    connection = sqlite3.connect(path)
    connection.execute("ALTER TABLE claims DROP COLUMN scope")  # as the 0002 release made it
    connection.execute("DELETE FROM schema_migrations WHERE name = '0004_claim_scope'")
    connection.commit()
    connection.close()
    Ledger(path).close()
    columns = {row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(claims)")}
    assert "scope" in columns


def test_lookup_indexes_reach_a_ledger_made_before_them(tmp_path):
    path = tmp_path / "old.db"
    Ledger(path).close()
    connection = sqlite3.connect(path)
    connection.execute("DROP INDEX ix_claims_origin")
    connection.execute("DROP INDEX ix_claims_doc")
    connection.execute("DELETE FROM schema_migrations WHERE name = '0006_claim_lookup_indexes'")
    connection.commit()
    connection.close()
    Ledger(path).close()
    indexes = {row[1] for row in sqlite3.connect(path).execute("PRAGMA index_list(claims)")}
    assert {"ix_claims_origin", "ix_claims_doc"} <= indexes
    plan = " ".join(str(row) for row in sqlite3.connect(path).execute(
        "EXPLAIN QUERY PLAN SELECT id FROM claims WHERE origin = 'x'"))
    assert "ix_claims_origin" in plan


def test_extraction_failure_on_one_document_is_reported_and_the_rest_goes_on(
        tmp_path, ledger, settings, monkeypatch):
    from claimledger.extract import claims as claims_module

    corpus = write_articles(tmp_path / "c", 3)
    real = claims_module.sentence_claims

    def failing(document, *args):
        if document.doc == "article-0001.txt":
            raise ValueError("parser produced an impossible tree")
        return real(document, *args)

    monkeypatch.setattr(claims_module, "sentence_claims", failing)
    report = build([str(corpus)], ledger, settings)
    assert [(r.path, r.code) for r in report.rejected] == [("article-0001.txt", "E020")]
    assert "impossible tree" in report.rejected[0].reason
    stages = {row[0]: row[3] for row in stored(ledger)}
    assert stages["article-0001.txt"] == "cleaned" and stages["article-0000.txt"] == DONE
    monkeypatch.setattr(claims_module, "sentence_claims", real)
    again = build([str(corpus)], ledger, settings)
    assert again.ok and {row[3] for row in stored(ledger)} == {DONE}


def test_a_document_is_found_by_its_content_hash(tmp_path, ledger, settings):
    corpus = write_articles(tmp_path / "c", 2)
    build([str(corpus)], ledger, settings)
    second = ledger.find("article-0001.txt")
    found = ledger.find_by_hash(second.content_hash)
    assert (found.doc, found.path, found.raw) == (second.doc, second.path, second.raw)
    assert ledger.find_by_hash("0" * 64) is None


def test_claims_stored_after_canonicalisation_leave_the_sources_to_do(tmp_path, ledger, settings):
    corpus = write_articles(tmp_path / "c", 3)
    build([str(corpus)], ledger, settings)
    assert ledger.sources_canonical()
    with ledger.transaction() as conn:  # as if a build stored claims and was killed then
        conn.execute(claims.update().where(claims.c.doc == "article-0001.txt")
                     .values(source="the Organisers"))
    assert not ledger.sources_canonical()
    ledger.canonicalise_sources({"the Organisers": "organisers"})
    assert ledger.sources_canonical()
    assert {row["source"] for row in ledger.claims() if row["doc"] == "article-0001.txt"} == {"organisers"}


def _ingest_all(url: str, texts: list[str], start, folder: str) -> list[str]:
    """One of two builds: its own ledger (engine), all the texts once the other is ready too."""
    ledger = Ledger(url)
    start.wait()
    statuses = []
    for n, raw in enumerate(texts):
        document = Document(doc=f"story-{n:03d}.txt", raw=raw, format="text",
                            path=f"/{folder}/story-{n:03d}.txt", outlet="Coast Courier")
        statuses.append(ledger.ingest(document, build_id=None, keys=set(raw.splitlines())))
    ledger.close()
    return statuses


@pytest.mark.parametrize("folders", [("story", "story"), ("story", "copy")],
                         ids=["same files", "copies of the files"])
def test_two_builds_ingesting_the_same_documents_at_once_store_each_once(new_ledger_url, folders):
    url = new_ledger_url()
    Ledger(url).close()  # migrated before the two builds start
    texts = [ARTICLE.format(n=n) + "Share this article\n" for n in range(40)]
    context = multiprocessing.get_context("spawn")  # separate processes, each its own hash seed
    with context.Manager() as manager, ProcessPoolExecutor(2, mp_context=context) as pool:
        start = manager.Barrier(2)
        runs = [pool.submit(_ingest_all, url, texts, start, folder) for folder in folders]
        statuses = [run.result(timeout=300) for run in runs]
    assert [sorted(pair) for pair in zip(*statuses)] == [["new", "unchanged"]] * len(texts)
    ledger = Ledger(url)
    with ledger.engine.connect() as conn:
        rows = conn.execute(select(documents.c.doc, documents.c.content_hash)).all()
        counted = conn.execute(select(line_counts.c.docs)).scalars().all()
    ledger.close()
    assert len(rows) == len(texts)
    assert len({content for _, content in rows}) == len(texts)
    assert max(counted) == len(texts)  # the shared line, counted once per stored document


def test_every_read_of_claims_gives_the_same_typed_row(demo_db):
    ledger = Ledger(demo_db, create=False)
    first = next(ledger.claims())
    in_a_measure = next(c for c in ledger.claims() if c["measure_label"])
    reads = {
        "claims": first,
        "claim": ledger.claim(first["id"]),
        "find_claims": ledger.find_claims(limit=1)[0][0],
        "measure_claims": ledger.measure_claims({in_a_measure["measure"]})[0],
    }
    assert {name: set(row) for name, row in reads.items()} == {
        name: set(ClaimRow.__required_keys__) for name in reads}
    assert reads["claim"] == first
    labels = {m["id"]: m["label"] for m in ledger.measures()}
    assert all(c["measure_label"] == labels.get(c["measure"]) for c in ledger.claims())
    outlets = {d["doc"]: d["outlet"] for d in ledger.document_rows()}
    assert all(c["outlet"] == outlets[c["doc"]] for c in ledger.claims())


@pytest.mark.parametrize("event_date, published, point, day", [
    ("2026-03-02/2026-03-04", "2026-03-05", "2026-03-02", "2026-03-02"),
    ("2026-03-02", "2026-03-05", "2026-03-02", "2026-03-02"),
    (None, "2026-03-05", None, "2026-03-05"),
    (None, None, None, None),
])
def test_a_claims_day_is_derived_once_from_its_dates(demo_db, event_date, published, point, day):
    ledger = Ledger(demo_db, create=False)
    with ledger.engine.connect() as conn:
        stored = conn.execute(select(*CLAIM_COLUMNS).select_from(CLAIM_SOURCE).limit(1)).mappings().one()
    claim = read_claim({**stored, "event_date": event_date, "published": published})
    assert (claim["event_date_point"], claim["day"]) == (point, day)
