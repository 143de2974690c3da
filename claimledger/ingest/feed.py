"""RSS and Atom feed files: every entry with content (or a summary) becomes a document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING

from claimledger.errors import Errors, InputRejected
from claimledger.ingest.decode import bom_encoding, known_codec, read_bytes
from claimledger.ingest.html import fragment_text, with_headline
from claimledger.ingest.safety import bounded_markup, guarded
from claimledger.ingest.sources import Source
from claimledger.model import Document, Rejection
from claimledger.settings import Settings

if TYPE_CHECKING:
    from feedparser.util import FeedParserDict

# feedparser's own pattern for the encoding of an XML declaration
_DECLARED_ENCODING = re.compile(rb"^<\?.*encoding=['\"](.*?)['\"].*\?>")
_NAMESPACE = re.compile(rb"""(xmlns(?::[^\s=<>"']*)?\s*=\s*)("[^"<>]*"|'[^'<>]*')""")
_NOT_URI = re.compile(rb"[^\x21-\x7e]")  # a namespace name is a URI: printable ASCII
_ENTRY_END = re.compile(rb"</(?:[\w-]+:)?(?:item|entry)\s*>", re.IGNORECASE)
# &#xD800; to &#xDFFF; and &#55296; to &#57343;
_SURROGATE_REFERENCE = re.compile(
    rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*(?:5529[6-9]|55[3-9]\d\d|56\d{3}|57[0-2]\d\d|573[0-3]\d|5734[0-3]));"
)


def read_feed(source: Source, settings: Settings) -> Iterator[Document | Rejection]:
    import feedparser

    data = read_bytes(source.path, limit_bytes=int(settings.max_document_mb * 1e6))
    data, total = _first_entries(_plain_namespaces(_plain_declaration(data)), settings.max_feed_entries)
    # feedparser fails on character references to surrogates, which no text may hold.
    parsed = feedparser.parse(_SURROGATE_REFERENCE.sub(b"&#xFFFD;", data))
    entries = parsed.entries[: settings.max_feed_entries]
    htmls = [_entry_html(entry) for entry in entries]
    if not any(html.strip() for html in htmls) and (parsed.bozo or not entries):
        problem = parsed.get("bozo_exception")
        raise InputRejected("E011", detail=str(problem) if problem else "no entries in the feed")
    outlet = _text(parsed.feed.get("title"))
    for number, (entry, html) in enumerate(zip(entries, htmls), start=1):
        yield guarded(source.label, f"entry {number}",
                      partial(_entry_document, source, entry, html, number, outlet, settings))
    if total > settings.max_feed_entries:
        yield Rejection(source.label, "E022", Errors.E022.format(
            what=f"{total} entries", limit=settings.max_feed_entries, setting="max_feed_entries"),
            f"entries {settings.max_feed_entries + 1} to {total}")


def _plain_declaration(data: bytes) -> bytes:
    """The feed with an encoding its XML declaration names that Python does not know made
    UTF-8, and a feed with a byte-order mark transcoded to UTF-8 first.

    feedparser decodes by the declared name and raises (ValueError, UnicodeDecodeError)
    instead of falling back when the name holds a NUL byte or bytes that are not UTF-8.
    """
    marked = bom_encoding(data)
    if marked:
        try:
            data = data.decode(marked).encode("utf-8")
        except UnicodeDecodeError:
            return data  # feedparser ignores the declaration of a feed it cannot decode
    match = _DECLARED_ENCODING.match(data)
    if match and (marked or not (match.group(1).isascii() and known_codec(match.group(1).decode()))):
        data = data[: match.start(1)] + b"utf-8" + data[match.end(1):]
    return data


def _plain_namespaces(data: bytes) -> bytes:
    """The feed with every byte that is not printable ASCII dropped from its namespace
    names: feedparser's strict parser splits "namespace name" pairs at any whitespace and
    raises ValueError on a namespace holding one (a no-break space read as Windows-1252)."""
    return _NAMESPACE.sub(lambda m: m.group(1) + _NOT_URI.sub(b"", m.group(2)), data)


def _first_entries(data: bytes, limit: int) -> tuple[bytes, int]:
    """The feed cut after its first ``limit`` entries, and how many it holds.

    feedparser parses a whole feed before giving any entry (a minute for 100,000); a feed
    cut after an entry's end tag is still read, by its lenient parser.
    """
    ends = [match.end() for match in islice(_ENTRY_END.finditer(data), limit)]
    if len(ends) < limit:
        return data, len(ends)
    rest = len(_ENTRY_END.findall(data, ends[-1]))
    return (data[: ends[-1]] if rest else data), limit + rest


def _entry_document(
    source: Source, entry: FeedParserDict, html: str, number: int, outlet: str | None,
    settings: Settings,
) -> Document | Rejection:
    body = fragment_text(bounded_markup(html, settings))
    if not body.strip():
        return Rejection(source.label, "E017", Errors.E017.format(record=number),
                         f"entry {number}")
    title = _text(entry.get("title"))
    return Document(
        doc=f"{source.name}#{number}",
        raw=with_headline(title, body),
        format="feed",
        path=source.label,
        title=title,
        outlet=outlet,
        published=_entry_date(entry),
        url=_text(entry.get("link")),
        author=_text(entry.get("author")),
        meta=_entry_meta(entry),
    )


def _text(value: object) -> str | None:
    """A feed field as text: feedparser leaves a field None or of another type on odd input."""
    return value if isinstance(value, str) and value else None


def _entry_meta(entry: FeedParserDict) -> dict:
    meta: dict[str, str | list[str]] = {}
    if entry_id := _text(entry.get("id")):
        meta["id"] = entry_id
    tags = [_text(tag.get("term")) for tag in entry.get("tags") or () if isinstance(tag, dict)]
    if any(tags):
        meta["tags"] = [tag for tag in tags if tag]
    return meta


def _entry_html(entry: FeedParserDict) -> str:
    contents = [c.get("value") for c in entry.get("content") or () if isinstance(c, dict)]
    longest = max(filter(None, map(_text, contents)), key=len, default="")
    summary = _text(entry.get("summary")) or ""
    return longest if len(longest) >= len(summary) else summary


def _entry_date(entry: FeedParserDict) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        try:
            return date(*value[:3]).isoformat()
        except (TypeError, ValueError, OverflowError):  # absent, or not a calendar date
            continue
    return None
