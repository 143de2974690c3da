"""Frozen migrations: a ledger written by the oldest schema upgrades in place and reads back,
and migrating an empty ledger gives exactly the tables that ``schema.py`` describes. Each test
runs on SQLite and on a loopback PostgreSQL (``-m postgres``)."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, inspect, text

from claimledger.build import build
from claimledger.export import table_rows, write_rows
from claimledger.settings import Settings
from claimledger.store import Ledger, database_url
from claimledger.store.migrations import MIGRATIONS
from claimledger.store.schema import metadata

import test_postgres

# The PostgreSQL tests' fixtures, for the tests here that run on both databases.
server, new_ledger_url = test_postgres.server, test_postgres.new_ledger_url

# The tables of the first release as it wrote them, copied here once and never edited: what
# an old ledger on disk holds, whatever migrations.py says today.
OLDEST_DDL = """
CREATE TABLE schema_migrations (name VARCHAR(128) NOT NULL, applied_at VARCHAR(32) NOT NULL,
    PRIMARY KEY (name));
CREATE TABLE builds (id {serial}, started_at VARCHAR(32) NOT NULL, finished_at VARCHAR(32),
    arguments JSON NOT NULL, counts JSON, status VARCHAR(16) NOT NULL, PRIMARY KEY (id));
CREATE TABLE documents (id {serial}, doc VARCHAR(512) NOT NULL, version INTEGER NOT NULL,
    is_current BOOLEAN NOT NULL, source_key VARCHAR(2048) NOT NULL, path TEXT,
    format VARCHAR(16) NOT NULL, content_hash VARCHAR(64) NOT NULL, title TEXT, outlet TEXT,
    published VARCHAR(32), url TEXT, author TEXT, meta JSON, raw TEXT NOT NULL, text TEXT,
    chars INTEGER, removed_chars INTEGER, stage VARCHAR(16) NOT NULL, build_id INTEGER,
    ingested_at VARCHAR(32) NOT NULL, PRIMARY KEY (id),
    CONSTRAINT uq_documents_doc_version UNIQUE (doc, version),
    FOREIGN KEY(build_id) REFERENCES builds (id));
CREATE INDEX ix_documents_doc ON documents (doc);
CREATE INDEX ix_documents_source_key ON documents (source_key);
CREATE INDEX ix_documents_content_hash ON documents (content_hash);
CREATE INDEX ix_documents_stage ON documents (stage);
CREATE TABLE removed_spans (id {serial}, document_id INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, reason VARCHAR(32) NOT NULL, PRIMARY KEY (id),
    FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE);
CREATE INDEX ix_removed_spans_document ON removed_spans (document_id);
CREATE TABLE line_counts (grp VARCHAR(256) NOT NULL, line_key VARCHAR(32) NOT NULL,
    docs INTEGER NOT NULL, PRIMARY KEY (grp, line_key));
CREATE TABLE rejections (id {serial}, build_id INTEGER, path TEXT NOT NULL, record TEXT,
    code VARCHAR(8) NOT NULL, reason TEXT NOT NULL, created_at VARCHAR(32) NOT NULL,
    PRIMARY KEY (id), FOREIGN KEY(build_id) REFERENCES builds (id));
"""
SERIAL = {"sqlite": "INTEGER NOT NULL", "postgresql": "SERIAL NOT NULL"}

# Articles written for this test: (doc, version, current, raw text).
OLD_DOCUMENTS = [
    ("harbour.txt", 1, False,
     "Harbour works begin\n\nAbout 40 workers started on the pier on Monday, the council said.\n"),
    ("harbour.txt", 2, True,
     "Harbour works begin\n\nAbout 60 workers started on the pier on Monday, the council said.\n"),
    ("orchard.txt", 1, True,
     "Orchard fair\n\nMore than 2,000 visitors came to the orchard fair, organisers said.\n"),
]


def write_oldest_ledger(url: str) -> None:
    """The ledger as the first release left it: its tables, one build, documents ingested."""
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        for statement in OLDEST_DDL.format(serial=SERIAL[engine.dialect.name]).split(";"):
            if statement.strip():
                conn.execute(text(statement))
        conn.execute(text("INSERT INTO schema_migrations VALUES ('0001_documents', '2026-01-05')"))
        conn.execute(text(
            "INSERT INTO builds (started_at, arguments, status)"
            " VALUES ('2026-01-05T09:00:00', '[\"old\"]', 'interrupted')"))
        for number, (doc, version, current, raw) in enumerate(OLD_DOCUMENTS):
            conn.execute(text(
                "INSERT INTO documents (doc, version, is_current, source_key, path, format,"
                " content_hash, title, outlet, published, meta, raw, stage, build_id, ingested_at)"
                " VALUES (:doc, :version, :current, :key, NULL, 'text', :hash, NULL,"
                " 'Coast Courier', '2026-01-05', '{}', :raw, 'ingested', 1, '2026-01-05T09:00:01')"),
                {"doc": doc, "version": version, "current": current, "key": doc,
                 "hash": f"{number:064d}", "raw": raw})
    engine.dispose()


def test_a_ledger_of_the_oldest_schema_migrates_and_reads_back(new_ledger_url, tmp_path):
    url = new_ledger_url()
    write_oldest_ledger(url)
    ledger = Ledger(url)
    with ledger.engine.connect() as conn:
        applied = list(conn.execute(text("SELECT name FROM schema_migrations ORDER BY name")).scalars())
    assert applied == [name for name, _ in MIGRATIONS]
    build([], ledger, Settings(workers=1))  # the old documents go through every stage

    documents = list(ledger.documents())
    assert [(d["doc"], d["outlet"], d["published"]) for d in documents] == [
        ("harbour.txt", "Coast Courier", "2026-01-05"), ("orchard.txt", "Coast Courier", "2026-01-05")]
    assert "About 60 workers" in documents[0]["text"]
    assert [d["doc"] for d in ledger.documents(all_versions=True)].count("harbour.txt") == 2

    figures = {(c["doc"], c["value"], c["approx"], c["source"], c["status"])
               for c in ledger.claims() if c["kind"] == "figure"}
    assert ("harbour.txt", 60, "about", "council", "reported") in figures
    assert ("orchard.txt", 2000, "at_least", "organisers", "reported") in figures
    assert not any(doc == "harbour.txt" and value == 40 for doc, value, *_ in figures)
    assert all(c["scope"] is None and c["polarity"] is None for c in ledger.claims()
               if c["kind"] == "figure")  # the columns that later migrations added

    rows, schema = table_rows(ledger, "claims")
    out = tmp_path / "claims.jsonl"
    assert write_rows(rows, table="claims", fmt="jsonl", out=out, schema=schema) == len(
        list(ledger.claims()))
    exported = [json.loads(line) for line in out.read_text().splitlines()]
    assert {(r["doc"], r["value"]) for r in exported} >= {("harbour.txt", 60), ("orchard.txt", 2000)}
    ledger.close()


def schema_of(engine) -> dict:
    """Every table's columns, primary key, unique constraints, foreign keys and indexes.
    Columns by name: a column added by ``ALTER TABLE`` comes last, and no query depends on
    where a column stands."""
    found = inspect(engine)
    return {
        table: {
            "columns": sorted((c["name"], str(c["type"]), c["nullable"])
                              for c in found.get_columns(table)),
            "primary_key": found.get_pk_constraint(table)["constrained_columns"],
            "unique": sorted((u["name"], tuple(u["column_names"]))
                             for u in found.get_unique_constraints(table)),
            "foreign_keys": sorted((tuple(f["constrained_columns"]), f["referred_table"],
                                    tuple(f["referred_columns"]), f["options"].get("ondelete"))
                                   for f in found.get_foreign_keys(table)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                              for i in found.get_indexes(table)),
        }
        for table in sorted(found.get_table_names())
    }


def test_migrating_an_empty_ledger_gives_the_tables_of_the_schema_module(new_ledger_url):
    migrated = Ledger(new_ledger_url())
    described = create_engine(database_url(new_ledger_url()))
    metadata.create_all(described)
    assert set(schema_of(migrated.engine)) == set(metadata.tables)
    assert schema_of(migrated.engine) == schema_of(described)
    migrated.close()
    described.dispose()


def test_copies_stored_by_concurrent_builds_before_the_unique_hash_are_removed(new_ledger_url):
    url = new_ledger_url()
    Ledger(url).close()
    engine = create_engine(database_url(url))
    rows = [  # (doc, version, current, source, hash): the 2nd row of 'second' and 'third'
        ("first.txt", 1, True, "/a/first.txt", "1"),  # are copies of 'first' (hash 1)
        ("second.txt", 1, False, "/a/second.txt", "2"),
        ("second.txt", 2, True, "/a/second.txt", "1"),
        ("third.txt", 1, True, "/b/third.txt", "1"),
    ]
    with engine.begin() as conn:  # as a release before 0007 let two racing builds leave it
        conn.execute(text("DROP INDEX uq_documents_content_hash"))
        conn.execute(text("DELETE FROM schema_migrations WHERE name = '0007_unique_content_hash'"))
        for doc, version, current, source, content in rows:
            conn.execute(text(
                "INSERT INTO documents (doc, version, is_current, source_key, format, content_hash,"
                " raw, stage, ingested_at) VALUES (:doc, :version, :current, :source, 'text',"
                " :hash, 'text', 'linked', '2026-01-05')"),
                {"doc": doc, "version": version, "current": current, "source": source,
                 "hash": content * 64})
        conn.execute(text("INSERT INTO removed_spans (document_id, start, \"end\", reason)"
                          " VALUES (3, 0, 4, 'share')"))
    engine.dispose()
    ledger = Ledger(url)
    with ledger.engine.connect() as conn:
        left = conn.execute(text("SELECT doc, version, is_current, stage FROM documents"
                                 " ORDER BY id")).all()
        spans = conn.execute(text("SELECT count(*) FROM removed_spans")).scalar()
    assert [(doc, version, bool(current), stage) for doc, version, current, stage in left] == [
        ("first.txt", 1, True, "linked"),
        ("second.txt", 1, True, "extracted"),  # current again, to be linked by the next build
    ]
    assert spans == 0
    indexes = {i["name"]: i["unique"] for i in inspect(ledger.engine).get_indexes("documents")}
    assert indexes["uq_documents_content_hash"] and "ix_documents_content_hash" not in indexes
    ledger.close()
