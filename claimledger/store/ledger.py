"""The ledger store: plain dicts (claims as the typed ``ClaimRow`` of rows.py) and model objects
in and out, one transaction per document.

SQLite (one file) by default; a ``postgresql://`` URL selects PostgreSQL through the same
schema and migrations. Ingest is idempotent by content hash, also when two builds store at
once (the hash is unique; see ``Ledger.ingest``): the same article twice is one
document, and a changed article from the same source becomes a new version while the old
one is kept.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

import numpy as np
from sqlalchemy import ColumnElement, Connection, bindparam, create_engine, event, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from claimledger.errors import ClaimledgerError
from claimledger.model import Claim, Document, Rejection, RemovedSpan
from claimledger.store.migrations import migrate
from claimledger.store.rows import CLAIM_COLUMNS, CLAIM_SOURCE, ClaimRow, read_claim
from claimledger.store.schema import (
    builds,
    claims,
    doc_windows,
    documents,
    line_counts,
    measures,
    rejections,
    removed_spans,
    reuse,
    source_aliases,
)

LOGGER = logging.getLogger(__name__)

# How many times a document is stored again after another build stored a clashing row.
INGEST_ATTEMPTS = 3

# How far the pipeline has taken a document; the link stage works in two resumable steps.
STAGES = ("ingested", "cleaned", "extracted", "reused", "linked")
DONE = STAGES[-1]


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
            key = result.inserted_primary_key
            assert key is not None, "an INSERT of one row has its primary key"
            return int(key[0])

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
        Two builds may store the same text, or a version of the same source, at once: the
        database refuses the second row (unique content hash, unique id and version), and the
        slower build runs its transaction again, now seeing the faster one's row.
        """
        attempt = 1
        while True:
            try:
                return self._ingest_once(doc, build_id=build_id, keys=keys)
            except IntegrityError:
                if attempt == INGEST_ATTEMPTS:
                    raise
                LOGGER.debug("%s: a clashing row was stored by another build, again", doc.doc)
                attempt += 1

    def _ingest_once(self, doc: Document, *, build_id: int | None, keys: set[str]) -> str:
        with self.transaction() as conn:
            status, doc_id = _insert_document(conn, doc, build_id)
            if status != "unchanged":
                _count_lines(conn, outlet_group(doc.outlet), keys, dialect=self.engine.dialect.name)
        doc.doc = doc_id  # only once stored: a second attempt starts from the id as read
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
                    meta=doc.meta,  # where cleaning found a missing outlet or date
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

    def save_claims(self, row_id: int, found: list[Claim]) -> None:
        """Replace a document's claims and mark it extracted, in one transaction."""
        with self.transaction() as conn:
            conn.execute(claims.delete().where(claims.c.document_id == row_id))
            if found:
                conn.execute(claims.insert(), [claim_row(row_id, claim) for claim in found])
            conn.execute(update(documents).where(documents.c.id == row_id).values(stage="extracted"))

    def source_names(self) -> list[tuple[str, str | None]]:
        """Every (source, source type) the current claims name, for canonicalisation, in
        code-point order: canonicalisation keeps the first spelling it meets, so the order
        must not depend on the database (PostgreSQL returns DISTINCT rows in any order, and
        sorts by its locale)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(claims.c.source, claims.c.source_type)
                .where(claims.c.source.is_not(None))
                .distinct()
            )
            return sorted(((row.source, row.source_type) for row in rows),
                          key=lambda pair: (pair[0], pair[1] or ""))

    def sources_canonical(self) -> bool:
        """Whether every claim's source is a name the last canonicalisation gave. False when
        claims were stored after it: a build killed between storing the last document's
        claims and canonicalising finds its sources still to do."""
        stale = (
            select(claims.c.id)
            .where(claims.c.source.is_not(None), claims.c.source != "",
                   claims.c.source.not_in(select(source_aliases.c.canonical)))
            .limit(1)
        )
        with self.engine.connect() as conn:
            return conn.execute(stale).first() is None

    def canonicalise_sources(self, mapping: dict[str, str]) -> int:
        """Rename sources to their corpus-wide canonical names; remember every alias."""
        changed = 0
        with self.transaction() as conn:
            for alias, canonical in mapping.items():
                if alias != canonical:
                    changed += conn.execute(
                        update(claims).where(claims.c.source == alias).values(source=canonical)
                    ).rowcount
            known = set(conn.execute(select(source_aliases.c.alias)).scalars())
            for alias, canonical in mapping.items():
                values = {"canonical": canonical}
                if alias in known:
                    conn.execute(
                        update(source_aliases).where(source_aliases.c.alias == alias).values(**values)
                    )
                else:
                    conn.execute(source_aliases.insert().values(alias=alias, **values))
        return changed

    # -- linking -----------------------------------------------------------------------------

    def window_signatures(self) -> Iterator[tuple[int, list[np.ndarray]]]:
        """(document row id, window MinHash values) of every current document that has them."""
        query = (
            select(doc_windows.c.document_id, doc_windows.c.signature)
            .join(documents, documents.c.id == doc_windows.c.document_id)
            .where(documents.c.is_current.is_(True))
            .order_by(doc_windows.c.document_id, doc_windows.c.number)
        )
        with self.engine.connect() as conn:
            current: int | None = None
            values: list[np.ndarray] = []
            for row in conn.execution_options(yield_per=2000).execute(query):
                if row.document_id != current and current is not None:
                    yield current, values
                    values = []
                current = row.document_id
                values.append(np.frombuffer(row.signature, dtype=np.uint32))
            if current is not None:
                yield current, values

    def link_document(self, row_id: int) -> dict:
        """What linking needs of a document: id, text, date, outlet."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(documents.c.id, documents.c.doc, documents.c.text, documents.c.published,
                       documents.c.outlet).where(documents.c.id == row_id)
            ).mappings().one()
        return dict(row)

    def save_reuse(self, row_id: int, signatures: list[np.ndarray], found: list[dict]) -> None:
        """A document's window signatures and the reuse it takes part in, in one transaction."""
        with self.transaction() as conn:
            conn.execute(doc_windows.delete().where(doc_windows.c.document_id == row_id))
            if signatures:
                conn.execute(doc_windows.insert(), [
                    {"document_id": row_id, "number": n, "signature": values.astype(np.uint32).tobytes()}
                    for n, values in enumerate(signatures)
                ])
            for row in found:
                conn.execute(reuse.delete().where(
                    reuse.c.document_a == row["document_a"], reuse.c.document_b == row["document_b"]))
            if found:
                conn.execute(reuse.insert(), found)
            conn.execute(update(documents).where(documents.c.id == row_id).values(stage="reused"))

    def reuse_rows(self, row_ids: set[int] | None = None) -> list[dict]:
        """Reuse between current documents (touching the given ones, if named)."""
        a, b = documents.alias("a"), documents.alias("b")
        query = (
            select(reuse)
            .join(a, a.c.id == reuse.c.document_a)
            .join(b, b.c.id == reuse.c.document_b)
            .where(a.c.is_current.is_(True), b.c.is_current.is_(True))
            .order_by(reuse.c.doc_a, reuse.c.doc_b)
        )
        if row_ids is not None:
            query = query.where(reuse.c.document_a.in_(row_ids) | reuse.c.document_b.in_(row_ids))
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def claims_of(self, row_ids: set[int]) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(claims).where(claims.c.document_id.in_(row_ids)))
            return [dict(row) for row in rows.mappings()]

    def published_of(self, row_ids: set[int]) -> dict[int, str | None]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(documents.c.id, documents.c.published).where(documents.c.id.in_(row_ids)))
            return {row.id: row.published for row in rows}

    def set_origins(self, origins: dict[str, str]) -> None:
        self._set_claim_column("origin", origins)

    def _set_claim_column(self, column: str, values: Mapping[str, str | None]) -> None:
        """Set one column of many claims in one executemany statement."""
        if not values:
            return
        statement = (update(claims).where(claims.c.id == bindparam("claim_id"))
                     .values({column: bindparam("new_value")}))
        with self.transaction() as conn:
            conn.execute(statement, [{"claim_id": k, "new_value": v} for k, v in values.items()])

    def assign_measures(self, assignment: dict[str, str | None]) -> None:
        self._set_claim_column("measure", assignment)

    def measure_claims(self, measure_ids: set[str]) -> list[ClaimRow]:
        """Claims of current documents in the given measures."""
        query = (
            select(*CLAIM_COLUMNS).select_from(CLAIM_SOURCE)
            .where(documents.c.is_current.is_(True), claims.c.measure.in_(measure_ids))
        )
        with self.engine.connect() as conn:
            return [read_claim(row) for row in conn.execute(query).mappings()]

    def save_measures(self, rows: list[dict], emptied: set[str]) -> None:
        """Replace the given measures' rows; drop measures that no claim belongs to any more."""
        with self.transaction() as conn:
            ids = [row["id"] for row in rows] + list(emptied)
            if ids:
                conn.execute(measures.delete().where(measures.c.id.in_(ids)))
            if rows:
                conn.execute(measures.insert(), rows)

    def measures(self, *, limit: int | None = None, offset: int = 0) -> list[dict]:
        """Measures, most claims first (a page of them when ``limit`` is given)."""
        query = select(measures).order_by(measures.c.claims.desc(), measures.c.label, measures.c.id)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def measure_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(measures)).scalar_one()

    def set_stage(self, row_ids: list[int], stage: str) -> None:
        with self.transaction() as conn:
            conn.execute(update(documents).where(documents.c.id.in_(row_ids)).values(stage=stage))

    # -- reading -----------------------------------------------------------------------------

    def claims(self, *, where: ColumnElement[bool] | None = None) -> Iterator[ClaimRow]:
        """Claims of current documents, in document order."""
        query = (
            select(*CLAIM_COLUMNS).select_from(CLAIM_SOURCE)
            .where(documents.c.is_current.is_(True))
            .order_by(claims.c.doc, claims.c.start, claims.c.id)
        )
        if where is not None:
            query = query.where(where)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=500).execute(query).mappings():
                yield read_claim(row)

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

    def find_by_hash(self, content_hash: str) -> Document | None:
        """The first stored document (any version) with this content hash, or None: the
        document a re-read text is the same as."""
        query = (select(documents.c.id).where(documents.c.content_hash == content_hash)
                 .order_by(documents.c.id).limit(1))
        with self.engine.connect() as conn:
            row_id = conn.execute(query).scalar()
        return None if row_id is None else self.load(row_id)

    def document_rows(self) -> list[dict]:
        """Current documents' metadata (no text), in id order."""
        query = select(
            documents.c.id, documents.c.doc, documents.c.title, documents.c.outlet,
            documents.c.published, documents.c.url, documents.c.author, documents.c.format,
            documents.c.chars, documents.c.removed_chars,
        ).where(documents.c.is_current.is_(True)).order_by(documents.c.published, documents.c.doc)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def find_claims(
        self,
        *,
        measure: str | None = None,
        source: str | None = None,
        status: str | None = None,
        outlet: str | None = None,
        kind: str | None = None,
        doc: str | None = None,
        origin: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        value_min: float | None = None,
        value_max: float | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[list[ClaimRow], int]:
        """Claims of current documents matching every given filter, and how many match."""
        conditions: list[ColumnElement[bool]] = [documents.c.is_current.is_(True)]
        for column, value in ((claims.c.measure, measure), (claims.c.source, source),
                              (claims.c.status, status), (documents.c.outlet, outlet),
                              (claims.c.kind, kind), (claims.c.doc, doc), (claims.c.origin, origin)):
            if value:
                conditions.append(column == value)
        day = func.coalesce(claims.c.event_date, claims.c.published)
        if date_from:
            conditions.append(day >= date_from)
        if date_to:
            conditions.append(day <= date_to + "~")  # a range "a/b" starting on date_to counts
        if value_min is not None:
            conditions.append(func.coalesce(claims.c.high, claims.c.value, claims.c.low) >= value_min)
        if value_max is not None:
            conditions.append(func.coalesce(claims.c.low, claims.c.value, claims.c.high) <= value_max)
        if text:
            conditions.append(claims.c.sentence.ilike(f"%{text}%"))
        query = (
            select(*CLAIM_COLUMNS).select_from(CLAIM_SOURCE)
            .where(*conditions)
            .order_by(day, claims.c.doc, claims.c.start)
        )
        joined = claims.join(documents, documents.c.id == claims.c.document_id)
        total_query = select(func.count()).select_from(joined).where(*conditions)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            rows = [read_claim(row) for row in conn.execute(query).mappings()]
            total = conn.execute(total_query).scalar_one()
        return rows, total

    def claim(self, claim_id: str) -> ClaimRow | None:
        """A claim by its id, of any version of its document."""
        query = select(*CLAIM_COLUMNS).select_from(CLAIM_SOURCE).where(claims.c.id == claim_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return read_claim(row) if row else None

    def measure(self, measure_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(measures).where(measures.c.id == measure_id)).mappings().first()
        return dict(row) if row else None

    def source_rows(self) -> list[dict]:
        """Every canonical source: its type, how many claims, and its statuses."""
        query = (
            select(claims.c.source, claims.c.source_type, claims.c.status, func.count().label("n"))
            .join(documents, documents.c.id == claims.c.document_id)
            .where(documents.c.is_current.is_(True), claims.c.source.is_not(None))
            .group_by(claims.c.source, claims.c.source_type, claims.c.status)
        )
        sources: dict[str, dict] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                entry = sources.setdefault(row.source, {"source": row.source, "types": {},
                                                        "claims": 0, "statuses": {}})
                entry["claims"] += row.n
                entry["statuses"][row.status] = entry["statuses"].get(row.status, 0) + row.n
                if row.source_type:
                    entry["types"][row.source_type] = entry["types"].get(row.source_type, 0) + row.n
        for entry in sources.values():
            entry["type"] = max(entry["types"], key=entry["types"].get) if entry["types"] else None
        return sorted(sources.values(), key=lambda e: (-e["claims"], e["source"]))

    def state(self) -> tuple:
        """What changes whenever a build changes the ledger: the latest build and its end."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(builds.c.id, builds.c.finished_at, builds.c.status)
                .order_by(builds.c.id.desc()).limit(1)
            ).first()
        return tuple(row) if row else ()

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            total = conn.execute(
                select(func.count()).where(documents.c.is_current.is_(True))
            ).scalar_one()
            rejected = conn.execute(select(func.count()).select_from(rejections)).scalar_one()
        return {"documents": total, "rejections": rejected}

    def rejections(self, build_id: int | None = None) -> list[dict]:
        query = select(rejections).order_by(rejections.c.id)
        if build_id is not None:
            query = query.where(rejections.c.build_id == build_id)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]


def claim_row(row_id: int, claim: Claim) -> dict:
    """A claim as a row of the claims table."""
    quantity, attribution = claim.quantity, claim.attribution
    return {
        "id": claim.id,
        "document_id": row_id,
        "doc": claim.doc,
        "kind": claim.kind,
        "sentence": claim.sentence,
        "sentence_start": claim.sentence_start,
        "start": claim.start,
        "end": claim.end,
        "value": quantity.value if quantity else None,
        "low": quantity.low if quantity else None,
        "high": quantity.high if quantity else None,
        "approx": quantity.approx if quantity else None,
        "trend": quantity.trend if quantity else None,
        "quantity_text": quantity.text if quantity else None,
        "unit": quantity.unit if quantity else None,
        "counted": claim.counted,
        "subject": claim.subject,
        "event": claim.event,
        "source": attribution.source,
        "source_mention": attribution.mention,
        "source_type": attribution.source_type,
        "cue": attribution.cue,
        "via": list(attribution.via),
        "status": claim.status,
        "published": claim.published,
        "event_date": claim.event_date,
        "target": claim.target,
        "scope": claim.scope,
        "polarity": claim.polarity,
        "measure": claim.measure,
        "origin": claim.origin or claim.id,
    }


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
    # check_same_thread off: the web app reads from a pool of threads, one connection each.
    engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets readers (report, web app) work while a build writes.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def _insert_document(conn: Connection, doc: Document, build_id: int | None) -> tuple[str, str]:
    """Insert the document unless its text is stored: (status, the id it is stored under)."""
    if conn.execute(
        select(documents.c.id).where(documents.c.content_hash == doc.content_hash).limit(1)
    ).first():
        return "unchanged", doc.doc
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
    return status, doc_id


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
    # In key order: two builds upserting the same lines in different orders would deadlock.
    rows = [{"grp": group, "line_key": line_key, "docs": 1}
            for line_key in sorted({hashed_key(key) for key in keys})]
    statement = (postgresql.insert(line_counts) if dialect == "postgresql"
                 else sqlite.insert(line_counts))
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
