"""Open exports of the ledger: JSON lines, CSV and Parquet, in the stable schema v1.1.

Rows stream from the store to the writer, so an export of any size runs in flat memory.
Field order and types per table are fixed here; ``shared/DESIGN.md`` documents them.

CSV cells are neutralised against formula injection: a spreadsheet runs a cell starting
with = + - @ (or tab, CR) as a formula, and article text is untrusted. Such a text cell gets
a leading apostrophe (shown by spreadsheets, stripped by none), unless the whole cell is a
plain number ("-12", "+3.5e2"): a number cannot hold a formula, so negative numbers stay
numbers, in numeric columns (never touched: they are not text) and text columns alike.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, TYPE_CHECKING, Any, cast

from claimledger.errors import ClaimledgerError
from claimledger.store.rows import ClaimRow

if TYPE_CHECKING:
    from claimledger.store import Ledger

# Field name -> Arrow type name ("string", "int64", "float64", "list<string>", "json").
SCHEMAS: dict[str, dict[str, str]] = {
    "documents": {
        "doc": "string",
        "title": "string",
        "outlet": "string",
        "published": "string",
        "url": "string",
        "text": "string",
        "chars": "int64",
        "removed_chars": "int64",
    },
}
SCHEMAS["claims"] = {
    "id": "string",
    "doc": "string",
    "published": "string",
    "sentence": "string",
    "start": "int64",
    "end": "int64",
    "value": "float64",
    "low": "float64",
    "high": "float64",
    "approx": "string",
    "trend": "string",
    "quantity_text": "string",
    "counted": "string",
    "subject": "string",
    "event": "string",
    "source": "string",
    "source_type": "string",
    "via": "list<string>",
    "status": "string",
    "measure": "string",
    "origin": "string",
    # schema v1.1: fields are added at the end, never removed or renamed
    "unit": "string",
}
SCHEMAS["reuse"] = {
    "doc_a": "string",
    "doc_b": "string",
    "direction": "string",
    "score": "float64",
    "passages": "json",
}
SCHEMAS["measures"] = {
    "measure": "string",
    "label": "string",
    "counted": "string",
    "unit": "string",
    "claims": "json",
    "origins": "int64",
    "sources": "json",
    "values": "json",
    "flags": "json",
}
# Fields beyond the default schema, exported only on request (--extra).
CLAIM_EXTRAS = {
    "kind": "string",
    "cue": "string",
    "source_mention": "string",
    "event_date": "string",
    "target": "string",
    "scope": "string",
    "sentence_start": "int64",
    "polarity": "string",
}
FORMATS = ("jsonl", "csv", "parquet")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def table_rows(ledger: Ledger, table: str, *, all_versions: bool = False, extras: bool = False):
    """The rows of an export table and its schema (field -> type)."""
    if table == "documents":
        return ledger.documents(all_versions=all_versions), SCHEMAS["documents"]
    if table == "claims":
        schema = SCHEMAS["claims"] | (CLAIM_EXTRAS if extras else {})
        return (claim_record(row, extras=extras) for row in ledger.claims()), schema
    if table == "reuse":
        return ({name: row[name] for name in SCHEMAS["reuse"]} for row in ledger.reuse_rows()), SCHEMAS["reuse"]
    if table == "measures":
        return measure_records(ledger), SCHEMAS["measures"]
    raise ClaimledgerError("E203", fmt=table, table="export", choices=", ".join(SCHEMAS))


def measure_records(ledger: Ledger, rows: list[dict] | None = None) -> Iterator[dict[str, Any]]:
    """Measures with their claims, values by source and date (copies folded), and flags."""
    from claimledger.link.flags import timeline

    rows = ledger.measures() if rows is None else rows
    members: dict[str | None, list[ClaimRow]] = {}
    for claim in ledger.measure_claims({row["id"] for row in rows}):
        members.setdefault(claim["measure"], []).append(claim)
    for row in rows:
        claims = members.get(row["id"], [])
        figures = [c for c in claims if c["kind"] == "figure"]
        yield {
            "measure": row["id"],
            "label": row["label"],
            "counted": row["counted"],
            "unit": row["unit"],
            "claims": sorted(c["id"] for c in claims),
            "origins": row["origins"],
            "sources": sorted({c["source"] for c in figures if c["source"]}),
            "values": timeline(cast("list[dict]", figures)),  # link/ reads rows as dicts
            "flags": row["flags"],
        }


def claim_record(row: ClaimRow, *, extras: bool = False) -> dict[str, Any]:
    """A stored claim row as an export record: schema fields, whole numbers as integers."""
    fields = list(SCHEMAS["claims"]) + (list(CLAIM_EXTRAS) if extras else [])
    record: dict[str, Any] = {name: row.get(name) for name in fields}
    for name in ("value", "low", "high"):
        value = record[name]
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            record[name] = int(value)
    record["via"] = list(record["via"] or [])
    return record


def write_rows(
    rows: Iterable[dict],
    *,
    table: str,
    fmt: str,
    out: IO[str] | IO[bytes] | str | None = None,
    schema: dict[str, str] | None = None,
) -> int:
    """Write rows of an export table in a format; returns the number of rows written."""
    schema = schema or SCHEMAS[table]
    fields = list(schema)
    if fmt == "jsonl":
        return _with_text_output(out, lambda handle: _write_jsonl(rows, fields, handle))
    if fmt == "csv":
        return _with_text_output(out, lambda handle: _write_csv(rows, fields, handle))
    if fmt == "parquet":
        if out is None or out == "-":
            raise ClaimledgerError("E207")
        return _write_parquet(rows, schema, out)
    raise ClaimledgerError("E203", fmt=fmt, table=table, choices=", ".join(FORMATS))


def _with_text_output(out, write) -> int:
    if out is None or out == "-":
        return write(sys.stdout)
    if isinstance(out, (str, bytes)) or hasattr(out, "__fspath__"):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            return write(handle)
    return write(out)


def _ordered(row: dict, fields: list[str]) -> dict:
    return {name: row.get(name) for name in fields}


def _write_jsonl(rows: Iterable[dict], fields: list[str], handle: IO[str]) -> int:
    count = 0
    for row in rows:
        handle.write(json.dumps(_ordered(row, fields), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(rows: Iterable[dict], fields: list[str], handle: IO[str]) -> int:
    writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({key: csv_cell(value) for key, value in _ordered(row, fields).items()})
        count += 1
    return count


def csv_cell(value):
    """A value as a CSV cell: lists and dicts as JSON, text neutralised against formulas."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def arrow_schema(schema: dict[str, str]):
    import pyarrow as pa

    types: dict[str, pa.DataType] = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "list<string>": pa.list_(pa.string()),
        "json": pa.string(),
    }
    return pa.schema([(name, types[kind]) for name, kind in schema.items()])


def _write_parquet(rows: Iterable[dict], fields: dict[str, str], out) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(fields)
    json_fields = [name for name, kind in fields.items() if kind == "json"]
    count = 0
    iterator: Iterator[dict] = iter(rows)
    with pq.ParquetWriter(out, schema) as writer:
        while batch := list(islice(iterator, 2000)):
            for row in batch:
                for name in json_fields:
                    if row.get(name) is not None:
                        row[name] = json.dumps(row[name], ensure_ascii=False)
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
