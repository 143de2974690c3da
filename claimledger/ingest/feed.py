"""RSS and Atom feed files: every entry with content (or a summary) becomes a document."""

from __future__ import annotations

import time
from collections.abc import Iterator

from claimledger.errors import Errors, InputRejected
from claimledger.ingest.decode import read_bytes
from claimledger.ingest.html import fragment_text, with_headline
from claimledger.model import Document, Rejection


def read_feed(source, settings) -> Iterator[Document | Rejection]:
    import feedparser

    data = read_bytes(source.path, limit_bytes=int(settings.max_document_mb * 1e6))
    parsed = feedparser.parse(data)
    bodies = [fragment_text(html) if (html := _entry_html(entry)) else "" for entry in parsed.entries]
    if not any(body.strip() for body in bodies) and (parsed.bozo or not parsed.entries):
        problem = parsed.get("bozo_exception")
        raise InputRejected("E011", detail=str(problem) if problem else "no entries in the feed")
    outlet = parsed.feed.get("title")
    for number, (entry, body) in enumerate(zip(parsed.entries, bodies), start=1):
        if not body.strip():
            yield Rejection(str(source.path), "E017", Errors.E017.format(record=number),
                            f"entry {number}")
            continue
        title = entry.get("title")
        yield Document(
            doc=f"{source.name}#{number}",
            raw=with_headline(title, body),
            format="feed",
            path=str(source.path),
            title=title,
            outlet=outlet,
            published=_entry_date(entry),
            url=entry.get("link"),
            author=entry.get("author"),
            meta=_entry_meta(entry),
        )


def _entry_meta(entry) -> dict:
    meta = {"id": entry["id"]} if entry.get("id") else {}
    if entry.get("tags"):
        meta["tags"] = [tag.get("term") for tag in entry["tags"]]
    return meta


def _entry_html(entry) -> str:
    contents = [c.get("value", "") for c in entry.get("content", [])]
    longest = max(contents, key=len, default="")
    summary = entry.get("summary", "")
    return longest if len(longest) >= len(summary) else summary


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None
