"""Plain text and Markdown files: one article each, page chrome and all (cleaning removes it)."""

from __future__ import annotations

from collections.abc import Iterator

from claimledger.ingest.decode import decode, read_bytes
from claimledger.ingest.sources import Source
from claimledger.model import Document
from claimledger.settings import Settings


def read_text(source: Source, settings: Settings) -> Iterator[Document]:
    data = read_bytes(source.path, limit_bytes=int(settings.max_document_mb * 1e6))
    yield Document(doc=source.name, raw=decode(data), format="text", path=source.label)
