"""Schema migrations: small named steps of explicit DDL, applied in order, each safe to run again.

Every step is frozen text that never reads ``schema.py``: a migration means the same in every
release, so a ledger written by any release reaches the same schema. ``schema.py`` describes the
result for the queries, and a test checks that migrating an empty ledger gives exactly its
tables, columns and indexes. A change to the schema is a new step here plus its description
there; an old step is never edited (ledgers record the names they have applied).

One DDL text serves SQLite and PostgreSQL: the two types they spell differently are written
``{serial}`` (an integer key the database numbers) and ``{blob}``. A ledger that records a name
this release does not know was written by a newer claimledger, and is refused (E101) rather
than half-understood.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import Connection, inspect, text

from claimledger.errors import ClaimledgerError

Step = Callable[[Connection], None]

DIALECT_TYPES = {
    "sqlite": {"serial": "INTEGER NOT NULL", "blob": "BLOB"},
    "postgresql": {"serial": "SERIAL NOT NULL", "blob": "BYTEA"},
}

SCHEMA_MIGRATIONS = """CREATE TABLE IF NOT EXISTS schema_migrations (
    name VARCHAR(128) NOT NULL,
    applied_at VARCHAR(32) NOT NULL,
    PRIMARY KEY (name))"""

# Any constant: PostgreSQL serialises the ledgers' migrations on it (two builds opening a new
# ledger at once would otherwise both create its tables).
MIGRATION_LOCK = 0x636C6D67


def _statements(*ddl: str) -> Step:
    """Explicit DDL (``CREATE ... IF NOT EXISTS`` and the like), run in order."""

    def migrate(connection: Connection) -> None:
        spelling = DIALECT_TYPES[connection.dialect.name]
        for statement in ddl:
            connection.execute(text(statement.format(**spelling)))

    return migrate


def _add_column(table: str, column: str, kind: str) -> Step:
    """``ALTER TABLE ... ADD COLUMN`` unless the table has it (SQLite has no ``IF NOT EXISTS``
    here; a ledger whose table was created by a release that already had the column has it)."""

    def migrate(connection: Connection) -> None:
        present = {c["name"] for c in inspect(connection).get_columns(table)}
        if column not in present:
            connection.execute(text(f'ALTER TABLE {table} ADD COLUMN "{column}" {kind}'))

    return migrate


MIGRATIONS: list[tuple[str, Step]] = [
    ("0001_documents", _statements(
        """CREATE TABLE IF NOT EXISTS builds (
            id {serial},
            started_at VARCHAR(32) NOT NULL,
            finished_at VARCHAR(32),
            arguments JSON NOT NULL,
            counts JSON,
            status VARCHAR(16) NOT NULL,
            PRIMARY KEY (id))""",
        """CREATE TABLE IF NOT EXISTS documents (
            id {serial},
            doc VARCHAR(512) NOT NULL,
            version INTEGER NOT NULL,
            is_current BOOLEAN NOT NULL,
            source_key VARCHAR(2048) NOT NULL,
            path TEXT,
            format VARCHAR(16) NOT NULL,
            content_hash VARCHAR(64) NOT NULL,
            title TEXT,
            outlet TEXT,
            published VARCHAR(32),
            url TEXT,
            author TEXT,
            meta JSON,
            raw TEXT NOT NULL,
            text TEXT,
            chars INTEGER,
            removed_chars INTEGER,
            stage VARCHAR(16) NOT NULL,
            build_id INTEGER,
            ingested_at VARCHAR(32) NOT NULL,
            PRIMARY KEY (id),
            CONSTRAINT uq_documents_doc_version UNIQUE (doc, version),
            FOREIGN KEY (build_id) REFERENCES builds (id))""",
        "CREATE INDEX IF NOT EXISTS ix_documents_doc ON documents (doc)",
        "CREATE INDEX IF NOT EXISTS ix_documents_source_key ON documents (source_key)",
        "CREATE INDEX IF NOT EXISTS ix_documents_content_hash ON documents (content_hash)",
        "CREATE INDEX IF NOT EXISTS ix_documents_stage ON documents (stage)",
        """CREATE TABLE IF NOT EXISTS removed_spans (
            id {serial},
            document_id INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            reason VARCHAR(32) NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE)""",
        "CREATE INDEX IF NOT EXISTS ix_removed_spans_document ON removed_spans (document_id)",
        """CREATE TABLE IF NOT EXISTS line_counts (
            grp VARCHAR(256) NOT NULL,
            line_key VARCHAR(32) NOT NULL,
            docs INTEGER NOT NULL,
            PRIMARY KEY (grp, line_key))""",
        """CREATE TABLE IF NOT EXISTS rejections (
            id {serial},
            build_id INTEGER,
            path TEXT NOT NULL,
            record TEXT,
            code VARCHAR(8) NOT NULL,
            reason TEXT NOT NULL,
            created_at VARCHAR(32) NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY (build_id) REFERENCES builds (id))""",
    )),
    ("0002_claims", _statements(
        """CREATE TABLE IF NOT EXISTS claims (
            id VARCHAR(32) NOT NULL,
            document_id INTEGER NOT NULL,
            doc VARCHAR(512) NOT NULL,
            kind VARCHAR(16) NOT NULL,
            sentence TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            value FLOAT,
            low FLOAT,
            high FLOAT,
            approx VARCHAR(16),
            trend VARCHAR(8),
            quantity_text TEXT,
            unit VARCHAR(64),
            counted TEXT,
            subject TEXT,
            event VARCHAR(128),
            source TEXT,
            source_mention TEXT,
            source_type VARCHAR(32),
            cue VARCHAR(64),
            via JSON NOT NULL,
            status VARCHAR(16) NOT NULL,
            published VARCHAR(32),
            event_date VARCHAR(32),
            target TEXT,
            measure VARCHAR(64),
            origin VARCHAR(64),
            PRIMARY KEY (id),
            FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE)""",
        "CREATE INDEX IF NOT EXISTS ix_claims_document ON claims (document_id)",
        "CREATE INDEX IF NOT EXISTS ix_claims_measure ON claims (measure)",
        "CREATE INDEX IF NOT EXISTS ix_claims_source ON claims (source)",
        """CREATE TABLE IF NOT EXISTS source_aliases (
            alias VARCHAR(512) NOT NULL,
            canonical VARCHAR(512) NOT NULL,
            source_type VARCHAR(32),
            PRIMARY KEY (alias))""",
        "CREATE INDEX IF NOT EXISTS ix_source_aliases_canonical ON source_aliases (canonical)",
    )),
    ("0003_links", _statements(
        """CREATE TABLE IF NOT EXISTS doc_windows (
            document_id INTEGER NOT NULL,
            number INTEGER NOT NULL,
            signature {blob} NOT NULL,
            PRIMARY KEY (document_id, number),
            FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE)""",
        """CREATE TABLE IF NOT EXISTS reuse (
            id {serial},
            document_a INTEGER NOT NULL,
            document_b INTEGER NOT NULL,
            doc_a VARCHAR(512) NOT NULL,
            doc_b VARCHAR(512) NOT NULL,
            direction VARCHAR(16) NOT NULL,
            score FLOAT NOT NULL,
            passages JSON NOT NULL,
            PRIMARY KEY (id),
            CONSTRAINT uq_reuse_pair UNIQUE (document_a, document_b),
            FOREIGN KEY (document_a) REFERENCES documents (id) ON DELETE CASCADE,
            FOREIGN KEY (document_b) REFERENCES documents (id) ON DELETE CASCADE)""",
        "CREATE INDEX IF NOT EXISTS ix_reuse_b ON reuse (document_b)",
        """CREATE TABLE IF NOT EXISTS measures (
            id VARCHAR(64) NOT NULL,
            "key" JSON NOT NULL,
            label TEXT NOT NULL,
            counted TEXT,
            unit VARCHAR(64),
            event VARCHAR(128),
            claims INTEGER NOT NULL,
            origins INTEGER NOT NULL,
            sources INTEGER NOT NULL,
            flags JSON NOT NULL,
            PRIMARY KEY (id))""",
    )),
    ("0004_claim_scope", _add_column("claims", "scope", "TEXT")),
    ("0005_claim_polarity", _add_column("claims", "polarity", "VARCHAR(16)")),
    ("0006_claim_lookup_indexes", _statements(
        "CREATE INDEX IF NOT EXISTS ix_claims_origin ON claims (origin)",
        "CREATE INDEX IF NOT EXISTS ix_claims_doc ON claims (doc)",
    )),
    # One row per content hash, enforced: two builds ingesting the same text at once store it
    # once. A copy stored by such a race before this step (a later row with an earlier row's
    # hash) holds nothing of its own (its claims' ids, made from the hash, were the earlier
    # row's), so it is removed with its spans, windows and reuse; a source it had made current
    # gets its previous version back, linked again by the next build.
    ("0007_unique_content_hash", _statements(
        "DROP TABLE IF EXISTS duplicate_documents",
        """CREATE TEMPORARY TABLE duplicate_documents AS
            SELECT copy.id AS id, copy.source_key AS source_key, copy.is_current AS is_current
            FROM documents AS copy
            WHERE EXISTS (SELECT 1 FROM documents AS first
                          WHERE first.content_hash = copy.content_hash AND first.id < copy.id)""",
        "DELETE FROM removed_spans WHERE document_id IN (SELECT id FROM duplicate_documents)",
        "DELETE FROM claims WHERE document_id IN (SELECT id FROM duplicate_documents)",
        "DELETE FROM doc_windows WHERE document_id IN (SELECT id FROM duplicate_documents)",
        """DELETE FROM reuse WHERE document_a IN (SELECT id FROM duplicate_documents)
            OR document_b IN (SELECT id FROM duplicate_documents)""",
        "DELETE FROM documents WHERE id IN (SELECT id FROM duplicate_documents)",
        """UPDATE documents
            SET is_current = TRUE,
                stage = CASE WHEN stage IN ('reused', 'linked') THEN 'extracted' ELSE stage END
            WHERE source_key IN (SELECT source_key FROM duplicate_documents WHERE is_current)
              AND NOT EXISTS (SELECT 1 FROM documents AS other
                              WHERE other.source_key = documents.source_key
                                AND (other.is_current OR other.version > documents.version))""",
        "DROP TABLE duplicate_documents",
        "DROP INDEX IF EXISTS ix_documents_content_hash",
        "CREATE UNIQUE INDEX IF NOT EXISTS uq_documents_content_hash ON documents (content_hash)",
    )),
]


def migrate(connection: Connection, *, url: str) -> list[str]:
    """Apply the migrations this ledger lacks; returns the names applied."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    connection.execute(text(SCHEMA_MIGRATIONS))
    applied = set(connection.execute(text("SELECT name FROM schema_migrations")).scalars())
    known = [name for name, _ in MIGRATIONS]
    unknown = applied - set(known)
    if unknown:
        raise ClaimledgerError("E101", url=url, found=max(unknown), known=known[-1])
    done = []
    for name, step in MIGRATIONS:
        if name in applied:
            continue
        step(connection)
        connection.execute(
            text("INSERT INTO schema_migrations (name, applied_at) VALUES (:name, :at)"
                 " ON CONFLICT (name) DO NOTHING"),
            {"name": name, "at": datetime.now(timezone.utc).isoformat(timespec="seconds")},
        )
        done.append(name)
    return done
