"""JSON lines and JSON files: one article per record, known field names mapped to the model.

Fields that are not mapped stay in ``Document.meta``. A bad record is rejected on its own;
the rest of the file goes on. JSON lines are streamed, so a file of any size can be read.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from functools import partial

from claimledger.dates import parse_date
from claimledger.errors import Errors, InputRejected
from claimledger.ingest.decode import decode, read_bytes
from claimledger.ingest.html import fragment_text, looks_like_html, with_headline
from claimledger.ingest.safety import bounded_markup, guarded, storable_json
from claimledger.ingest.sources import Source
from claimledger.model import Document, Rejection
from claimledger.settings import Settings

TEXT_FIELDS = ("text", "body", "content", "articleBody", "article", "maintext", "full_text")
FIELDS = {
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "published": ("published", "date", "published_at", "publish_date", "pubDate", "date_publish"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher", "source_domain"),
    "author": ("author", "authors", "byline"),
}
_CONTAINER_KEYS = ("articles", "documents", "items", "records", "data")
# Article records nest a few levels; deeper values would overflow recursive encoders later
# (the store, the web API), so such a record is refused when it is read.
MAX_NESTING = 64
_CHUNK = 1 << 20


def read_jsonl(source: Source, settings: Settings) -> Iterator[Document | Rejection]:
    limit = int(settings.max_document_mb * 1e6)
    opener = gzip.open if source.path.suffix.lower() == ".gz" else open
    try:
        with opener(source.path, "rb") as stream:
            for number, line in enumerate(_lines(stream, limit), start=1):
                if isinstance(line, int):
                    yield Rejection(source.label, "E006", Errors.E006.format(
                        size_mb=line / 1e6, limit_mb=limit / 1e6), f"line {number}")
                elif line.strip():
                    yield guarded(source.label, f"line {number}",
                                  partial(_line_document, source, line, number, settings))
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise InputRejected("E007", detail=str(error) or type(error).__name__) from error


def _lines(stream: io.BufferedIOBase, limit: int) -> Iterator[bytes | int]:
    """The lines of a stream, holding at most ``limit`` bytes of one; a longer line is read
    through in chunks and given as its size, so a decompression bomb never fills memory."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n") and (line := stream.readline(_CHUNK)):
            size += len(line)
        yield size


def _line_document(source: Source, line: bytes, number: int, settings: Settings) -> Document | Rejection:
    try:
        text = decode(line)
        record = storable_json(_parsed(text), text)
    except (InputRejected, ValueError) as error:
        detail = error.reason if isinstance(error, InputRejected) else str(error)
        return Rejection(source.label, "E012", Errors.E012.format(line=number, detail=detail),
                         f"line {number}")
    return _record_document(source, record, number, settings, key_fallback=str(number))


def read_json(source: Source, settings: Settings) -> Iterator[Document | Rejection]:
    data = read_bytes(source.path, limit_bytes=int(settings.max_document_mb * 1e6))
    text = decode(data)
    try:
        parsed = storable_json(_parsed(text), text)
    except ValueError as error:
        raise InputRejected("E012", line=getattr(error, "lineno", 1), detail=str(error))
    if isinstance(parsed, dict) and not _text_field(parsed):
        parsed = next((parsed[k] for k in _CONTAINER_KEYS if isinstance(parsed.get(k), list)), parsed)
    if isinstance(parsed, dict):
        yield guarded(source.label, "record 1",
                      partial(_record_document, source, parsed, 1, settings, key_fallback=None))
        return
    if not isinstance(parsed, list):
        raise InputRejected("E012", line=1, detail="expected an object or a list of objects")
    for index, record in enumerate(parsed, start=1):
        yield guarded(source.label, f"record {index}",
                      partial(_record_document, source, record, index, settings,
                              key_fallback=str(index)))


def _parsed(text: str) -> object:
    """The JSON value of a text; nesting deeper than MAX_NESTING is refused (ValueError)."""
    try:
        value = json.loads(text)
    except RecursionError as error:
        raise ValueError(f"nested deeper than {MAX_NESTING} levels") from error
    if _too_deep(value):
        raise ValueError(f"nested deeper than {MAX_NESTING} levels")
    return value


def _too_deep(value: object) -> bool:
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > MAX_NESTING:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


def _record_document(
    source: Source, record: object, number: int, settings: Settings, *, key_fallback: str | None
) -> Document | Rejection:
    where = f"record {number}"
    if not isinstance(record, dict):
        return Rejection(source.label, "E012",
                         Errors.E012.format(line=number, detail="not a JSON object"), where)
    text_field = _text_field(record)
    if not text_field:
        return Rejection(source.label, "E013",
                         Errors.E013.format(line=number, fields=", ".join(TEXT_FIELDS)), where)
    body = str(record[text_field])
    if looks_like_html(body):
        body = fragment_text(bounded_markup(body, settings))
    mapped = {name: _first(record, keys) for name, keys in FIELDS.items()}
    used = {text_field, *(k for keys in FIELDS.values() for k in keys if k in record)}
    key = record.get("id", key_fallback)
    return Document(
        doc=source.name if key is None else f"{source.name}#{key}",
        raw=with_headline(mapped["title"], body),
        format="json",
        path=source.label,
        title=mapped["title"],
        outlet=mapped["outlet"],
        published=_date(record, FIELDS["published"]),
        url=mapped["url"],
        author=mapped["author"],
        meta={k: v for k, v in record.items() if k not in used},
    )


def _text_field(record: dict) -> str | None:
    return next((k for k in TEXT_FIELDS if isinstance(record.get(k), str) and record[k].strip()), None)


def _first(record: dict, keys: Iterable[str]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        if value not in (None, ""):
            return str(value).strip()
    return None


def _date(record: dict, keys: Iterable[str]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
            try:
                return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()
            except (OverflowError, ValueError, OSError):  # out of the calendar's range
                continue
        if isinstance(value, str) and (iso := parse_date(value)):
            return iso
    return None

