"""The ledger's tables as the queries see them, one definition for SQLite and PostgreSQL
(SQLAlchemy Core).

The tables are made by the frozen DDL of ``migrations.py``, never from here: a change is a new
migration plus its description here, and a test checks that the two give the same tables,
columns and indexes.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("applied_at", String(32), nullable=False),
)

builds = Table(
    "builds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("arguments", JSON, nullable=False),
    Column("counts", JSON),
    Column("status", String(16), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc", String(512), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("source_key", String(2048), nullable=False, index=True),
    Column("path", Text),
    Column("format", String(16), nullable=False),
    # Unique: two builds ingesting the same text at once store it once (migration 0007).
    Column("content_hash", String(64), nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", String(32)),
    Column("url", Text),
    Column("author", Text),
    Column("meta", JSON),
    Column("raw", Text, nullable=False),
    Column("text", Text),
    Column("chars", Integer),
    Column("removed_chars", Integer),
    # How far the pipeline has taken the document: ingested -> cleaned -> extracted.
    Column("stage", String(16), nullable=False, index=True),
    Column("build_id", Integer, ForeignKey("builds.id")),
    Column("ingested_at", String(32), nullable=False),
    UniqueConstraint("doc", "version", name="uq_documents_doc_version"),
    Index("uq_documents_content_hash", "content_hash", unique=True),
)

removed_spans = Table(
    "removed_spans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("reason", String(32), nullable=False),
    Index("ix_removed_spans_document", "document_id"),
)

# How many documents of an outlet (grp) contain a line: the repetition evidence of cleaning.
line_counts = Table(
    "line_counts",
    metadata,
    Column("grp", String(256), primary_key=True),
    Column("line_key", String(32), primary_key=True),
    Column("docs", Integer, nullable=False),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("build_id", Integer, ForeignKey("builds.id")),
    Column("path", Text, nullable=False),
    Column("record", Text),
    Column("code", String(8), nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("doc", String(512), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("sentence", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("approx", String(16)),
    Column("trend", String(8)),
    Column("quantity_text", Text),
    Column("unit", String(64)),
    Column("counted", Text),
    Column("subject", Text),
    Column("event", String(128)),
    Column("source", Text),
    Column("source_mention", Text),
    Column("source_type", String(32)),
    Column("cue", String(64)),
    Column("via", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("published", String(32)),
    Column("event_date", String(32)),
    Column("target", Text),
    Column("scope", Text),
    Column("polarity", String(16)),
    Column("measure", String(64)),
    Column("origin", String(64)),
    Index("ix_claims_document", "document_id"),
    Index("ix_claims_measure", "measure"),
    Index("ix_claims_source", "source"),
    Index("ix_claims_origin", "origin"),  # a claim page's copies
    Index("ix_claims_doc", "doc"),  # a document page's claims
)

# Canonical sources across the corpus: every name a source was seen under maps to one.
source_aliases = Table(
    "source_aliases",
    metadata,
    Column("alias", String(512), primary_key=True),
    Column("canonical", String(512), nullable=False, index=True),
    Column("source_type", String(32)),
)

# MinHash values of each document's three-sentence windows: the persistent half of the
# reuse index, so that linking new documents never re-reads the old ones' text.
doc_windows = Table(
    "doc_windows",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

reuse = Table(
    "reuse",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_a", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("document_b", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("doc_a", String(512), nullable=False),
    Column("doc_b", String(512), nullable=False),
    Column("direction", String(16), nullable=False),
    Column("score", Float, nullable=False),
    Column("passages", JSON, nullable=False),
    UniqueConstraint("document_a", "document_b", name="uq_reuse_pair"),
    Index("ix_reuse_b", "document_b"),
)

measures = Table(
    "measures",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("key", JSON, nullable=False),
    Column("label", Text, nullable=False),
    Column("counted", Text),
    Column("unit", String(64)),
    Column("event", String(128)),
    Column("claims", Integer, nullable=False),
    Column("origins", Integer, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("flags", JSON, nullable=False),
)
