"""The claims export schema v1.1: every v1 field kept in order, `unit` added by default."""

from __future__ import annotations

import json

from claimledger.cli import app
from claimledger.export import CLAIM_EXTRAS, SCHEMAS, claim_record

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
