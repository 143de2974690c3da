"""WARC archives (.warc, .warc.gz): every HTML response record becomes a document.

Records are streamed, so a crawl of any size can be read. Document ids count the HTML
response records in file order (``crawl.warc#3``); other records (requests, images,
robots.txt) are passed over silently, and error pages are reported as skipped.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, BinaryIO

from claimledger.dates import parse_date
from claimledger.errors import Errors, InputRejected
from claimledger.ingest.decode import declared_charset, decode
from claimledger.ingest.html import page_document
from claimledger.ingest.safety import bounded_markup, guarded
from claimledger.ingest.sources import Source
from claimledger.model import Document, Rejection, Skipped
from claimledger.settings import Settings

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer
    from warcio.recordloader import ArcWarcRecord

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 16


def read_warc(source: Source, settings: Settings) -> Iterator[Document | Rejection | Skipped]:
    from warcio.archiveiterator import ArchiveIterator

    number = 0
    record = None
    try:
        with source.path.open("rb") as handle:
            # warcio stops quietly at a cut gzip stream; this reader keeps the error.
            gzipped = _GzipMembers(handle) if source.path.suffix.lower() == ".gz" else None
            reader = handle if gzipped is None else io.BufferedReader(gzipped)
            if not reader.peek(16).lstrip().startswith((b"WARC/", b"filedesc://")):
                raise InputRejected("E010", detail="the file does not start with a WARC (or ARC) header")
            for record in ArchiveIterator(reader, arc2warc=True):
                content_type = _content_type(record)
                if record.rec_type != "response" or not content_type.startswith(_HTML_TYPES):
                    continue
                number += 1
                yield guarded(source.label, f"record {number}",
                              partial(_html_record, source, record, number, content_type, settings))
            if gzipped is not None and gzipped.error:
                raise gzipped.error
        if record is not None and _missing_bytes(record):
            raise EOFError("the last record is cut short")
    except InputRejected:
        raise
    except Exception as error:  # warcio raises many types (even AttributeError) on bad archives
        detail = f"{type(error).__name__}: {error}".strip().rstrip(":")
        if number == 0:
            raise InputRejected("E010", detail=detail) from error
        yield Rejection(
            source.label, "E010",
            Errors.E010.format(detail=f"stopped after {number} HTML records: {detail}"),
        )


def _html_record(
    source: Source, record: ArcWarcRecord, number: int, content_type: str, settings: Settings
) -> Document | Rejection | Skipped:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"record {number} {uri or ''}".strip()
    status = record.http_headers.get_statuscode() if record.http_headers else "200"
    if not str(status).startswith("2"):
        return Skipped(f"{source.path} ({where})", f"HTTP status {status}")
    limit = int(settings.max_document_mb * 1e6)
    data = record.content_stream().read(limit + 1)
    try:
        if len(data) > limit:
            raise InputRejected("E006", size_mb=len(data) / 1e6, limit_mb=limit / 1e6)
        if _missing_bytes(record):
            raise InputRejected("E010", detail="the record is cut short")
        html = decode(data, declared=_charset(content_type) or declared_charset(data))
        html = bounded_markup(html, settings)
        return page_document(
            html,
            doc=f"{source.name}#{number}",
            path=source.label,
            fmt="warc",
            url=uri,
            published=parse_date(record.rec_headers.get_header("WARC-Date")),
            meta={"warc_record_id": record.rec_headers.get_header("WARC-Record-ID")},
        )
    except InputRejected as error:
        return Rejection(source.label, error.code, error.reason, where)


def _missing_bytes(record: ArcWarcRecord) -> int:
    """Bytes of the record's block that its Content-Length promised and the file lacks.

    warcio counts them down in a LimitReader; a record without a usable Content-Length
    reads to the end of the file and has no such reader (nothing is missing).
    """
    return max(0, getattr(record.raw_stream, "limit", 0))


class _GzipMembers(io.RawIOBase):
    """Decompress concatenated gzip members as a stream, remembering a cut or corrupt end."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.decompressor = zlib.decompressobj(wbits=31)
        self.pending = b""
        self.error: Exception | None = None
        self.done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        while not self.pending and not self.done:
            self._fill()
        view = memoryview(buffer).cast("B")
        size = min(len(view), len(self.pending))
        view[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size

    def _fill(self) -> None:
        # At most _CHUNK bytes are inflated at a time, so a member that expands a thousandfold
        # (a decompression bomb) is read in bounded steps, never held whole.
        inflater = self.decompressor
        if inflater.eof:
            data = inflater.unused_data or self.handle.read(_CHUNK)
            if data:  # the next member of a multi-member file
                self.decompressor = inflater = zlib.decompressobj(wbits=31)
        else:
            data = inflater.unconsumed_tail or self.handle.read(_CHUNK)
        if not data:
            if not inflater.eof:
                self.error = EOFError("the gzip stream ends in the middle of a member")
            self.done = True
            return
        try:
            self.pending += inflater.decompress(data, _CHUNK)
        except zlib.error as error:
            self.error, self.done = error, True


def _content_type(record: ArcWarcRecord) -> str:
    headers = record.http_headers if record.http_headers else record.rec_headers
    return (headers.get_header("Content-Type") or "").lower()


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        name, _, value = part.strip().partition("=")
        if name == "charset" and value:
            return value.strip("\"' ")
    return None
