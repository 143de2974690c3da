"""Schema migrations: small named steps, applied in order, each safe to run again.

A ledger records the names it has applied. Opening a ledger that records a name this
release does not know means a newer claimledger wrote it, and is refused (E101) rather than
half-understood.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Connection, inspect, select, text

from claimledger.errors import ClaimledgerError
from claimledger.store.schema import MIGRATION_TABLES, claims, schema_migrations


def _create_tables(name: str):
    def migrate(connection: Connection) -> None:
        for table in MIGRATION_TABLES[name]:
            table.create(connection, checkfirst=True)

    migrate.__name__ = f"migrate_{name}"
    return migrate


def _add_column(table, column_name: str):
    """Add a column that a later release defined, unless the table was created with it."""

    def migrate(connection: Connection) -> None:
        present = {c["name"] for c in inspect(connection).get_columns(table.name)}
        if column_name not in present:
            column = table.c[column_name]
            kind = column.type.compile(dialect=connection.dialect)
            connection.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column_name}" {kind}'))

    migrate.__name__ = f"migrate_add_{table.name}_{column_name}"
    return migrate


def _statements(*ddl: str):
    """Explicit DDL that both SQLite and PostgreSQL run, each statement safe to run again:
    a step that does not read the schema module means the same in every release."""

    def migrate(connection: Connection) -> None:
        for statement in ddl:
            connection.execute(text(statement))

    return migrate


MIGRATIONS = [(name, _create_tables(name)) for name in MIGRATION_TABLES] + [
    ("0004_claim_scope", _add_column(claims, "scope")),
    ("0005_claim_polarity", _add_column(claims, "polarity")),
    ("0006_claim_lookup_indexes", _statements(
        "CREATE INDEX IF NOT EXISTS ix_claims_origin ON claims (origin)",
        "CREATE INDEX IF NOT EXISTS ix_claims_doc ON claims (doc)")),
]


def migrate(connection: Connection, *, url: str) -> list[str]:
    """Apply the migrations this ledger lacks; returns the names applied."""
    schema_migrations.create(connection, checkfirst=True)
    applied = set(connection.execute(select(schema_migrations.c.name)).scalars())
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
            schema_migrations.insert().values(
                name=name, applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds")
            )
        )
        done.append(name)
    return done
