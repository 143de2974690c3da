"""The ledger store: plain dicts and model objects in and out, one transaction per document.

SQLite (one file) by default; a ``postgresql://`` URL selects PostgreSQL through the same
schema and migrations. Ingest is idempotent by content hash: the same article twice is one
document, and a changed article from the same source becomes a new version while the old
one is kept.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from sqlalchemy import Connection, create_engine, event, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from claimledger.errors import ClaimledgerError
from claimledger.model import Document, Rejection, RemovedSpan
from claimledger.store.migrations import migrate
from claimledger.store.schema import builds, documents, line_counts, rejections, removed_spans

STAGES = ("ingested", "cleaned", "extracted")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def database_url(db: str | os.PathLike) -> str:
    """A SQLAlchemy URL from a file path or a URL (``postgresql://…`` is used as given)."""
    text = str(db)
    if "://" in text:
        if text.startswith(("postgresql://", "postgres://")):
            return "postgresql+psycopg://" + text.split("://", 1)[1]
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


class Ledger:
    """An open ledger: the engine, migrated to this release's schema."""

    def __init__(self, db: str | os.PathLike = "claimledger.db", *, create: bool = True) -> None:
        self.url = database_url(db)
        self.label = str(db)
        if self.url.startswith("sqlite:///") and not create:
            if not Path(self.url.removeprefix("sqlite:///")).exists():
                raise ClaimledgerError("E104", url=self.label)
        self.engine = _engine(self.url, self.label)
        try:
            with self.engine.begin() as connection:
                migrate(connection, url=self.label)
        except OperationalError as error:
            raise ClaimledgerError("E102", url=self.label, detail=str(error.orig)) from error

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            yield connection

    def close(self) -> None:
        self.engine.dispose()

    # -- builds ------------------------------------------------------------------------------

    def start_build(self, arguments: list[str]) -> int:
        with self.transaction() as conn:
            result = conn.execute(
                builds.insert().values(started_at=now(), arguments=arguments, status="running")
            )
            return result.inserted_primary_key[0]

    def finish_build(self, build_id: int, counts: dict, *, status: str = "finished") -> None:
        with self.transaction() as conn:
            conn.execute(
                update(builds)
                .where(builds.c.id == build_id)
                .values(finished_at=now(), counts=counts, status=status)
            )

    def reject(self, build_id: int | None, rejection: Rejection) -> None:
        with self.transaction() as conn:
            conn.execute(
                rejections.insert().values(
                    build_id=build_id,
                    path=rejection.path,
                    record=rejection.record,
                    code=rejection.code,
                    reason=rejection.reason,
                    created_at=now(),
                )
            )

    # -- ingest ------------------------------------------------------------------------------

    def ingest(self, doc: Document, *, build_id: int | None, keys: set[str]) -> str:
        """Store a document read from a source: 'new', 'revised' (new version) or 'unchanged'.

        ``keys`` are the document's line keys, counted per outlet as repetition evidence.
        """
        with self.transaction() as conn:
            if conn.execute(
                select(documents.c.id).where(documents.c.content_hash == doc.content_hash).limit(1)
            ).first():
                return "unchanged"
            source_key = _source_key(doc)
            previous = conn.execute(
                select(documents.c.id, documents.c.doc, documents.c.version).where(
                    documents.c.source_key == source_key, documents.c.is_current.is_(True)
                )
            ).first()
            if previous:
                conn.execute(
                    update(documents).where(documents.c.id == previous.id).values(is_current=False)
                )
                doc_id, version, status = previous.doc, previous.version + 1, "revised"
            else:
                doc_id, version, status = _unique_doc_id(conn, doc), 1, "new"
            doc.doc = doc_id
            conn.execute(
                documents.insert().values(
                    doc=doc_id,
                    version=version,
                    is_current=True,
                    source_key=source_key,
                    path=doc.path,
                    format=doc.format,
                    content_hash=doc.content_hash,
                    title=doc.title,
                    outlet=doc.outlet,
                    published=doc.published,
                    url=doc.url,
                    author=doc.author,
                    meta=doc.meta,
                    raw=doc.raw,
                    stage="ingested",
                    build_id=build_id,
                    ingested_at=now(),
                )
            )
            _count_lines(conn, outlet_group(doc.outlet), keys, dialect=self.engine.dialect.name)
            return status

    def repeated_lines(self, group: str, minimum: int) -> set[str]:
        """Hashed keys of the lines seen in at least ``minimum`` documents of an outlet group."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(line_counts.c.line_key).where(
                    line_counts.c.grp == group, line_counts.c.docs >= minimum
                )
            )
            return set(rows.scalars())

    # -- stages ------------------------------------------------------------------------------

    def pending(self, stage: str) -> list[int]:
        """Ids of current documents that have reached ``stage`` and no further, in order."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(documents.c.id)
                .where(documents.c.stage == stage, documents.c.is_current.is_(True))
                .order_by(documents.c.id)
            )
            return list(rows.scalars())

    def load(self, row_id: int) -> Document:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == row_id)).mappings().one()
            spans = conn.execute(
                select(removed_spans.c.start, removed_spans.c.end, removed_spans.c.reason)
                .where(removed_spans.c.document_id == row_id)
                .order_by(removed_spans.c.start)
            ).all()
        return _document(row, [RemovedSpan(*span) for span in spans])

    def save_cleaned(self, row_id: int, doc: Document) -> None:
        with self.transaction() as conn:
            conn.execute(
                update(documents)
                .where(documents.c.id == row_id)
                .values(
                    text=doc.text,
                    title=doc.title,
                    outlet=doc.outlet,
                    published=doc.published,
                    author=doc.author,
                    chars=len(doc.text or ""),
                    removed_chars=doc.removed_chars,
                    stage="cleaned",
                )
            )
            conn.execute(removed_spans.delete().where(removed_spans.c.document_id == row_id))
            if doc.removed:
                conn.execute(
                    removed_spans.insert(),
                    [
                        {"document_id": row_id, "start": s.start, "end": s.end, "reason": s.reason}
                        for s in doc.removed
                    ],
                )

    # -- reading -----------------------------------------------------------------------------

    def documents(self, *, all_versions: bool = False) -> Iterator[dict]:
        """Documents as export rows (schema v1), current versions unless asked otherwise."""
        query = select(
            documents.c.doc,
            documents.c.version,
            documents.c.title,
            documents.c.outlet,
            documents.c.published,
            documents.c.url,
            documents.c.text,
            documents.c.chars,
            documents.c.removed_chars,
        ).order_by(documents.c.doc, documents.c.version)
        if not all_versions:
            query = query.where(documents.c.is_current.is_(True))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=200).execute(query).mappings():
                record = dict(row)
                if not all_versions:
                    record.pop("version")
                yield record

    def find(self, doc: str, *, version: int | None = None) -> Document:
        """A document by its id (the current version unless one is named)."""
        query = select(documents.c.id).where(documents.c.doc == doc)
        query = (
            query.where(documents.c.version == version)
            if version
            else query.where(documents.c.is_current.is_(True))
        )
        with self.engine.connect() as conn:
            row_id = conn.execute(query).scalar()
        if row_id is None:
            raise ClaimledgerError("E103", doc=doc)
        return self.load(row_id)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            total = conn.execute(
                select(func.count()).where(documents.c.is_current.is_(True))
            ).scalar()
            rejected = conn.execute(select(func.count()).select_from(rejections)).scalar()
        return {"documents": total, "rejections": rejected}

    def rejections(self, build_id: int | None = None) -> list[dict]:
        query = select(rejections).order_by(rejections.c.id)
        if build_id is not None:
            query = query.where(rejections.c.build_id == build_id)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]


def outlet_group(outlet: str | None) -> str:
    """The repetition-count group of a document: its outlet, folded, or '' when unknown."""
    return " ".join((outlet or "").lower().split())[:256]


def hashed_key(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _engine(url: str, label: str) -> Engine:
    if url.startswith("postgresql"):
        try:
            import psycopg  # noqa: F401
        except ImportError as error:
            raise ClaimledgerError("E105", extra="postgres") from error
        return create_engine(url, pool_pre_ping=True)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets readers (report, web app) work while a build writes.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def _source_key(doc: Document) -> str:
    record = doc.doc.partition("#")[2]
    location = os.path.abspath(doc.path) if doc.path else doc.doc
    return f"{location}#{record}" if record else location


def _unique_doc_id(conn: Connection, doc: Document) -> str:
    """The document's id, lengthened with parent folders when another source holds it."""

    def taken(candidate: str) -> bool:
        return conn.execute(
            select(documents.c.id).where(documents.c.doc == candidate).limit(1)
        ).first() is not None

    if not taken(doc.doc):
        return doc.doc
    base, sep, record = doc.doc.partition("#")
    parts = Path(os.path.abspath(doc.path)).parts if doc.path else ()
    for depth in range(len(PurePosixPath(base).parts) + 1, len(parts) + 1):
        candidate = "/".join(parts[-depth:]).lstrip("/") + sep + record
        if not taken(candidate):
            return candidate
    number = 2
    while taken(f"{doc.doc}~{number}"):
        number += 1
    return f"{doc.doc}~{number}"


def _count_lines(conn: Connection, group: str, keys: set[str], *, dialect: str) -> None:
    if not keys:
        return
    rows = [{"grp": group, "line_key": hashed_key(key), "docs": 1} for key in keys]
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(line_counts)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["grp", "line_key"], set_={"docs": line_counts.c.docs + 1}
        ),
        rows,
    )


def _document(row, removed: list[RemovedSpan]) -> Document:
    return Document(
        doc=row["doc"],
        raw=row["raw"],
        format=row["format"],
        path=row["path"],
        title=row["title"],
        outlet=row["outlet"],
        published=row["published"],
        url=row["url"],
        author=row["author"],
        meta=row["meta"] or {},
        text=row["text"],
        removed=removed,
        content_hash=row["content_hash"],
    )
