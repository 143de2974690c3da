"""Logging: the library logs every drop and fallback through a logger per module (debug,
off by default), never prints; ``claimledger --verbose`` shows the log on stderr."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

from claimledger.cli import app
from claimledger.ingest.decode import decode

PACKAGE = Path(__file__).resolve().parents[1] / "claimledger"


def test_the_library_never_prints():
    printing = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                printing.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert printing == []


def test_an_encoding_fallback_is_logged(caplog):
    caplog.set_level(logging.DEBUG, logger="claimledger")
    assert decode("Caf\xe9 au lait, deux euros.".encode("cp1252")) == "Café au lait, deux euros."
    assert any("decoded as Windows-1252" in r.getMessage() and r.name == "claimledger.ingest.decode"
               for r in caplog.records)


def test_a_dropped_number_is_logged_with_the_rule_that_dropped_it(caplog):
    from claimledger.extract.quantities import find_quantities
    from claimledger.nlp import load_pipeline

    caplog.set_level(logging.DEBUG, logger="claimledger")
    sentence = load_pipeline("en_core_web_sm")("The harbour master, 61, said 40 boats were lost.")
    kept = [m.quantity.text for m in find_quantities(sentence)]
    assert "40" in " ".join(kept) and "61" not in " ".join(kept)
    dropped = [r.getMessage() for r in caplog.records if "dropped by not_claims." in r.getMessage()]
    assert dropped and "'61'" in dropped[0] and "is_person_age" in dropped[0]


def test_verbose_shows_the_log_on_stderr(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_bytes("Caf\xe9 owners said 12 shops shut.\n".encode("cp1252"))
    quiet = runner.invoke(app, ["build", str(folder), "--db", str(tmp_path / "a.db"), "-q"])
    loud = runner.invoke(app, ["--verbose", "build", str(folder), "--db", str(tmp_path / "b.db"), "-q"])
    assert quiet.exit_code == loud.exit_code == 0
    assert "Windows-1252" not in quiet.output and "Windows-1252" in loud.output
