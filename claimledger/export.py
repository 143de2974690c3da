"""Open exports of the ledger: JSON lines, CSV and Parquet, in the stable schema v1.

Rows stream from the store to the writer, so an export of any size runs in flat memory.
Field order and types per table are fixed here; ``shared/DESIGN.md`` documents them.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO

from claimledger.errors import ClaimledgerError

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
FORMATS = ("jsonl", "csv", "parquet")


def write_rows(
    rows: Iterable[dict], *, table: str, fmt: str, out: IO[str] | IO[bytes] | str | None = None
) -> int:
    """Write rows of an export table in a format; returns the number of rows written."""
    fields = list(SCHEMAS[table])
    if fmt == "jsonl":
        return _with_text_output(out, lambda handle: _write_jsonl(rows, fields, handle))
    if fmt == "csv":
        return _with_text_output(out, lambda handle: _write_csv(rows, fields, handle))
    if fmt == "parquet":
        if out is None or out == "-":
            raise ClaimledgerError("E207")
        return _write_parquet(rows, table, out)
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
        writer.writerow({key: _csv_cell(value) for key, value in _ordered(row, fields).items()})
        count += 1
    return count


def _csv_cell(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def arrow_schema(table: str):
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "list<string>": pa.list_(pa.string()),
        "json": pa.string(),
    }
    return pa.schema([(name, types[kind]) for name, kind in SCHEMAS[table].items()])


def _write_parquet(rows: Iterable[dict], table: str, out) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    json_fields = [name for name, kind in SCHEMAS[table].items() if kind == "json"]
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


def to_text(rows: Iterable[dict], *, table: str, fmt: str) -> str:
    """An export as a string (for small tables and tests)."""
    buffer = io.StringIO()
    write_rows(rows, table=table, fmt=fmt, out=buffer)
    return buffer.getvalue()
