"""Schema migrations: small named steps, applied in order, each safe to run again.

A ledger records the names it has applied. Opening a ledger that records a name this
release does not know means a newer claimledger wrote it, and is refused (E101) rather than
half-understood.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Connection, inspect, select

from claimledger.errors import ClaimledgerError
from claimledger.store.schema import MIGRATION_TABLES, schema_migrations


def _create_tables(name: str):
    def migrate(connection: Connection) -> None:
        for table in MIGRATION_TABLES[name]:
            table.create(connection, checkfirst=True)

    migrate.__name__ = f"migrate_{name}"
    return migrate


MIGRATIONS = [(name, _create_tables(name)) for name in MIGRATION_TABLES]


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


def table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())
