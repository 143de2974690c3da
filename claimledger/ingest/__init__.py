"""Ingest: one reader per format, all yielding the same Document model.

``read_sources`` is the whole stage: it discovers the files that arguments name and streams
documents, rejections (with a coded reason) and skipped inputs. A failure in one file never
stops the batch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from claimledger.errors import Errors, InputRejected
from claimledger.ingest.feed import read_feed
from claimledger.ingest.html import read_html
from claimledger.ingest.records import read_json, read_jsonl
from claimledger.ingest.sources import Source, discover
from claimledger.ingest.text import read_text
from claimledger.ingest.warc import read_warc
from claimledger.model import Document, Rejection, Skipped
from claimledger.settings import Settings

READERS = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "json": read_json,
    "warc": read_warc,
    "feed": read_feed,
}


_WORD = re.compile(r"[^\W\d_]{2,}")


def read_source(source: Source, settings: Settings) -> Iterator[Document | Rejection | Skipped]:
    """The documents of one file; whatever goes wrong becomes a Rejection naming the file."""
    try:
        for item in READERS[source.format](source, settings):
            if isinstance(item, Document) and not _WORD.search(item.raw):
                record = item.doc.partition("#")[2] or None
                yield Rejection(str(source.path), "E019", Errors.E019, record and f"record {record}")
            else:
                yield item
    except InputRejected as error:
        yield Rejection(str(source.path), error.code, error.reason)
    except PermissionError as error:
        yield Rejection(str(source.path), "E002", Errors.E002.format(detail=error.strerror))
    except OSError as error:
        detail = error.strerror or str(error)
        yield Rejection(str(source.path), "E016", Errors.E016.format(detail=detail))


def read_sources(
    arguments: Iterable[str], settings: Settings
) -> Iterator[Document | Rejection | Skipped]:
    for item in discover(arguments):
        if isinstance(item, Source):
            yield from read_source(item, settings)
        else:
            yield item


__all__ = ["READERS", "Source", "discover", "read_source", "read_sources"]
