"""Shared fixtures: a fresh ledger per test, the test data folders, the CLI runner."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.settings import Settings
from claimledger.store import Ledger

DATA = Path(__file__).parent / "data"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEMO = Path(str(files("claimledger") / "demo"))


@pytest.fixture()
def ledger(tmp_path) -> Ledger:
    store = Ledger(tmp_path / "ledger.db")
    yield store
    store.close()


@pytest.fixture()
def settings() -> Settings:
    """Per-article stages in this process: fast to start, and patchable by tests."""
    return Settings(workers=1)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def demo_expected() -> dict:
    return json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo corpus built once per test session, for tests that only read it."""
    from claimledger.build import build
    from claimledger.demo import corpus_path

    db = tmp_path_factory.mktemp("demo-ledger") / "demo.db"
    ledger = Ledger(db)
    build([str(corpus_path())], ledger, Settings(workers=1))
    ledger.close()
    return db


@pytest.fixture(scope="session")
def demo_corpus() -> Path:
    return DEMO / "corpus"


def shared_data(*parts: str) -> Path:
    """A path in ../shared/data; tests that need it skip with a clear reason when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"public evaluation data not found at {path}")
    return path
