"""The claims export schema v1.1 (every v1 field kept in order, `unit` added by default), and
CSV cells neutralised against formula injection."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from claimledger.cli import app
from claimledger.export import CLAIM_EXTRAS, SCHEMAS, claim_record, csv_cell, table_rows, write_rows
from claimledger.store import Ledger

V1_CLAIM_FIELDS = [
    "id", "doc", "published", "sentence", "start", "end", "value", "low", "high", "approx",
    "trend", "quantity_text", "counted", "subject", "event", "source", "source_type", "via",
    "status", "measure", "origin",
]  # fmt: skip


def test_v1_1_keeps_every_v1_field_in_order_and_adds_unit_at_the_end():
    fields = list(SCHEMAS["claims"])
    assert fields[: len(V1_CLAIM_FIELDS)] == V1_CLAIM_FIELDS
    assert fields[len(V1_CLAIM_FIELDS):] == ["unit"]
    assert "unit" not in CLAIM_EXTRAS  # written once, also with --extra


def test_claim_record_carries_the_unit():
    row = {"id": "c1", "value": 450000000.0, "unit": "USD", "via": None, "kind": "figure"}
    record = claim_record(row)
    assert record["unit"] == "USD" and record["value"] == 450000000
    assert list(record) == list(SCHEMAS["claims"])
    assert list(claim_record(row, extras=True)).count("unit") == 1


def test_default_claims_export_has_the_unit(runner, tmp_path):
    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text(
        "Flood repairs will cost $12 million, the council said on Monday.\n\n"
        "About 2,500 people were moved to shelters.\n", encoding="utf-8")
    db = str(tmp_path / "ledger.db")
    assert runner.invoke(app, ["build", str(story), "--db", db, "-q"]).exit_code == 0
    result = runner.invoke(app, ["export", "claims", "--db", db])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    units = {row["quantity_text"]: row["unit"] for row in rows}
    assert units == {"$12 million": "USD", "About 2,500": None}
    assert all(list(row) == list(SCHEMAS["claims"]) for row in rows)


@pytest.mark.parametrize(("text", "cell"), [
    ("=HYPERLINK(\"http://example.org\")", "'=HYPERLINK(\"http://example.org\")"),
    ("+1+cmd", "'+1+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("-", "'-"),
    ("-12", "-12"), ("+3.5e2", "+3.5e2"), ("-0.25", "-0.25"),  # plain numbers stay numbers
    ("The council said so.", "The council said so."), ("", ""), ("a=b", "a=b"),
])
def test_csv_text_cells_that_a_spreadsheet_would_run_are_neutralised(text, cell):
    assert csv_cell(text) == cell


@pytest.mark.parametrize("value", [-12, -0.5, 0, 3.25, None])
def test_csv_numeric_cells_are_never_touched(value):
    assert csv_cell(value) is value


def test_claims_csv_keeps_negative_numbers_and_neutralises_formula_text():
    row = {"id": "c1", "sentence": "=1+1 was written on the wall, the police said.", "value": -3.0,
           "low": -4.5, "high": None, "quantity_text": "-3", "subject": "@everyone", "via": ["-x"]}
    out = io.StringIO()
    assert write_rows([claim_record(row)], table="claims", fmt="csv", out=out) == 1
    written = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert written["sentence"] == "'=1+1 was written on the wall, the police said."
    assert written["subject"] == "'@everyone"
    assert (written["value"], written["low"], written["quantity_text"]) == ("-3", "-4.5", "-3")
    assert json.loads(written["via"]) == ["-x"]  # a JSON list starts with "[": safe as it is


def test_the_demo_exports_are_the_stored_columns_byte_for_byte(demo_db, tmp_path):
    """The claims (with --extra) and documents exports of the demo ledger equal the stored
    columns read with sqlite3 alone: nothing the read side joins or derives reaches them, and
    no field changes its form."""
    ledger = Ledger(demo_db, create=False)
    connection = sqlite3.connect(demo_db)
    connection.row_factory = sqlite3.Row
    current = "JOIN documents ON documents.id = claims.document_id WHERE documents.is_current"
    stored = {
        "claims": connection.execute(
            f"SELECT claims.* FROM claims {current} ORDER BY claims.doc, claims.start, claims.id"),
        "documents": connection.execute(
            "SELECT * FROM documents WHERE is_current ORDER BY doc, version"),
    }
    for table, rows in stored.items():
        records, schema = table_rows(ledger, table, extras=True)
        out = tmp_path / f"{table}.jsonl"
        write_rows(records, table=table, fmt="jsonl", out=out, schema=schema)
        expected = "".join(
            json.dumps({name: _as_exported(name, row[name]) for name in schema}, ensure_ascii=False)
            + "\n" for row in rows)
        assert out.read_text(encoding="utf-8") == expected, table


def _as_exported(name: str, value):
    if name == "via":
        return json.loads(value)
    if name in ("value", "low", "high") and isinstance(value, float) and value.is_integer():
        return int(value)
    return value
