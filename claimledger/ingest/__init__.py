"""Ingest: one reader per format, all yielding the same Document model.

``read_sources`` is the whole stage: it discovers the files that arguments name and streams
documents, rejections (with a coded reason) and skipped inputs. A failure in one file never
stops the batch. Every document leaves with its outlet and date settled from the reader's
metadata, the page's own lines, a sidecar and the options, and where each came from
(``claimledger.ingest.metadata``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial

from claimledger.errors import Errors, InputRejected
from claimledger.ingest.feed import read_feed
from claimledger.ingest.html import read_html
from claimledger.ingest.metadata import Stated, settle
from claimledger.ingest.records import read_json, read_jsonl
from claimledger.ingest.safety import (
    bounded_text, first_sentences, guarded, internal_error, storable_report,
)
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


def read_source(
    source: Source, settings: Settings, *, stated: Stated | None = None
) -> Iterator[Document | Rejection | Skipped]:
    """The documents of one file; whatever goes wrong becomes a Rejection naming the file.
    ``stated``: the outlet and date the options give for every document of the run."""
    try:
        for item in READERS[source.format](source, settings):
            if not isinstance(item, Document):
                yield item
                continue
            finished = guarded(source.label, _record(item),
                               partial(_finished, item, settings, source=source, stated=stated))
            yield from (finished,) if isinstance(finished, Rejection) else filter(None, finished)
    except InputRejected as error:
        yield Rejection(source.label, error.code, error.reason)
    except PermissionError as error:
        yield Rejection(source.label, "E002", Errors.E002.format(detail=error.strerror))
    except OSError as error:
        detail = error.strerror or str(error)
        yield Rejection(source.label, "E016", Errors.E016.format(detail=detail))
    except Exception as error:  # a bug or a library failure in one file: the batch goes on
        yield Rejection(source.label, "E021", internal_error("read", error))


def _finished(
    doc: Document, settings: Settings, *, source: Source, stated: Stated | None
) -> tuple[Document, Rejection | None]:
    """The document with its outlet and date settled and its text bounded for the stages
    after reading, and the notice of what was cut past the sentence limit (E022); refused
    when it has no words (E019)."""
    doc = settle(doc, option=stated, entry=source.entry, folder=source.folder)
    raw = bounded_text(doc.raw, max_token=settings.max_token_chars,
                       max_line=settings.max_line_chars)
    raw, sentences = first_sentences(raw, settings.max_sentences)
    if not _WORD.search(raw):
        raise InputRejected("E019")
    notice = None
    if sentences > settings.max_sentences:
        reason = Errors.E022.format(what=f"{sentences} sentences", limit=settings.max_sentences,
                                    setting="max_sentences")
        notice = Rejection(doc.path or doc.doc, "E022", f"{reason}; the rest was not read",
                           _record(doc) or f"document {doc.doc}")
    return (doc if raw == doc.raw else replace(doc, raw=raw, content_hash="")), notice


def _record(doc: Document) -> str | None:
    record = doc.doc.partition("#")[2]
    return f"record {record}" if record else None


def read_sources(
    arguments: Iterable[str], settings: Settings, *, stated: Stated | None = None
) -> Iterator[Document | Rejection | Skipped]:
    for item in discover(arguments):
        if isinstance(item, Source):
            yield from read_source(item, settings, stated=stated)
        else:
            yield storable_report(item)


__all__ = ["READERS", "Source", "Stated", "discover", "read_source", "read_sources"]
