"""The PostgreSQL store: same schema, migrations and results as SQLite, and readers that
keep working while a build writes. Runs against a real server on loopback."""

from __future__ import annotations

import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from claimledger.build import build
from claimledger.demo import corpus_path
from claimledger.export import claim_record
from claimledger.settings import Settings
from claimledger.store import Ledger
from claimledger.store.migrations import MIGRATIONS
from claimledger.store.schema import metadata
from sqlalchemy import inspect

from postgres import PostgresServer
from test_incremental import snapshot

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def server():
    """A loopback server for the module; imported by the modules that test both databases."""
    pytest.importorskip("psycopg", reason="the 'postgres' extra is not installed")
    # Outside pytest's tmp_path: the server runs as another user and needs its own folder.
    root = Path(tempfile.mkdtemp(prefix="claimledger-pg-"))
    postgres = PostgresServer(root)
    postgres.start()
    yield postgres
    postgres.stop()


@pytest.fixture()
def database(server, request) -> str:
    return server.create_database(f"t_{request.node.name.lower()[:40]}_{time.time_ns() % 10**6}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_ledger_url(request, tmp_path):
    """A maker of new, empty ledger locations, on SQLite and (marked postgres) PostgreSQL: for
    the tests of other modules that must hold on both."""
    if request.param == "sqlite":
        numbers = itertools.count()
        return lambda: str(tmp_path / f"ledger-{next(numbers)}.db")
    postgres = request.getfixturevalue("server")
    return lambda: postgres.create_database(f"ledger_{time.time_ns()}")


def test_migrations_create_the_same_schema_as_sqlite(database, tmp_path):
    pg, lite = Ledger(database), Ledger(tmp_path / "lite.db")
    for store in (pg, lite):
        tables = set(inspect(store.engine).get_table_names())
        assert set(metadata.tables) <= tables
        columns = {c["name"] for c in inspect(store.engine).get_columns("claims")}
        assert columns == {c.name for c in metadata.tables["claims"].columns}
    with pg.engine.connect() as conn:
        applied = [row[0] for row in conn.exec_driver_sql(
            "SELECT name FROM schema_migrations ORDER BY name")]
    assert applied == sorted(name for name, _ in MIGRATIONS)
    pg.close()
    assert Ledger(database).counts()["documents"] == 0  # reopening applies nothing twice


def test_demo_build_on_postgres_equals_sqlite(database, tmp_path):
    pg, lite = Ledger(database), Ledger(tmp_path / "lite.db")
    build([str(corpus_path())], lite, Settings(workers=1))
    report = build([str(corpus_path())], pg, Settings(workers=1))
    assert report.counts["claims"] > 50
    assert snapshot(pg) == snapshot(lite)
    pg_claims = sorted(map(claim_record, pg.claims()), key=lambda c: c["id"])
    lite_claims = sorted(map(claim_record, lite.claims()), key=lambda c: c["id"])
    assert pg_claims == lite_claims
    # A second build of the same folder changes nothing.
    again = build([str(corpus_path())], pg, Settings(workers=1))
    assert again.counts["new"] == 0 and again.counts["unchanged"] == report.counts["read"]
    assert snapshot(pg) == snapshot(lite)


def test_readers_keep_working_while_a_build_writes(database):
    Ledger(database).close()  # migrated before the two processes start
    builder = subprocess.Popen(
        [sys.executable, "-m", "claimledger", "build", str(corpus_path()), "--db", database,
         "--workers", "1", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    reader = Ledger(database)
    seen = []
    while builder.poll() is None:
        counts = reader.counts()
        page, total = reader.find_claims(limit=5)
        seen.append((counts["documents"], total))
        time.sleep(0.05)
    output = builder.communicate()[0]
    assert builder.returncode == 0, output
    final = reader.counts()["documents"]
    assert len(seen) > 5 and final == 12
    documents_seen = [d for d, _ in seen]
    assert documents_seen == sorted(documents_seen)  # committed state only ever grows
    assert any(0 < d for d in documents_seen), "the reader saw nothing during the build"


def test_web_api_reads_a_postgres_ledger(database):
    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app

    build([str(corpus_path())], Ledger(database), Settings(workers=1))
    client = TestClient(create_app(database), base_url="http://127.0.0.1")
    claims = client.get("/api/claims", params={"status": "denied"}).json()
    assert claims["total"] >= 1 and all(c["status"] == "denied" for c in claims["claims"])
    assert client.get("/measures").status_code == 200
