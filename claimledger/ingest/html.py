"""HTML pages through trafilatura (main text and metadata), and HTML fragments (feed
entries, JSON fields) through a small block-aware text conversion.

The date is read from the markup only (meta tags, JSON-LD, <time>, the URL: htmldate with
``extensive_search`` off). trafilatura's default also searches the body text, which gives
any date the article mentions (the date of an earlier flood) as its publication date; a date
the text states in a "Published" line or a dateline is read afterwards, by
``claimledger.ingest.metadata``, and says so.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from claimledger.dates import parse_date
from claimledger.errors import InputRejected
from claimledger.ingest.decode import declared_charset, decode, read_bytes
from claimledger.ingest.metadata import OUTLET_FROM, PUBLISHED_FROM
from claimledger.ingest.safety import bounded_markup
from claimledger.ingest.sources import Source
from claimledger.model import Document
from claimledger.settings import Settings

if TYPE_CHECKING:
    import lxml.html
    from trafilatura.settings import Document as Page

LOGGER = logging.getLogger(__name__)

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "ol", "p", "pre", "section", "table", "tr", "ul",
}  # fmt: skip
_PARAGRAPH = "\x00"
_LINE = "\x01"
_DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.I)
_SPACE_RUN = re.compile(r"[ \t\n\r\f\v\xa0]+")


def read_html(source: Source, settings: Settings) -> Iterator[Document]:
    data = read_bytes(source.path, limit_bytes=int(settings.max_document_mb * 1e6))
    html = bounded_markup(decode(data, declared=declared_charset(data)), settings)
    yield page_document(html, doc=source.name, path=source.label, fmt="html")


def page_document(
    html: str,
    *,
    doc: str,
    path: str,
    fmt: str,
    url: str | None = None,
    published: str | None = None,
    meta: dict | None = None,
) -> Document:
    """A Document from a whole web page: trafilatura's main text, title, date and site name.
    ``published``: the date the container gives (a WARC record's crawl date), used when the
    markup has none."""
    import trafilatura
    from trafilatura.settings import Document as Page

    try:
        page = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            deduplicate=False,
            date_extraction_params=_date_params(),
        )
    except Exception as error:  # lxml and trafilatura raise many types on broken markup
        raise InputRejected("E008", detail=f"{type(error).__name__}: {error}") from error
    # A Page unless the call asks for a dict (it does not); None without main text.
    if isinstance(page, Page) and page.text and page.text.strip():
        document = Document(doc=doc, raw=with_headline(page.title, page.text), format=fmt,
                            path=path, title=page.title, meta=dict(meta or {}))
        metadata: Page | None = page
    else:
        # trafilatura wants a minimum of main text; a short page still has its paragraphs.
        document = _fallback_document(html, doc=doc, path=path, fmt=fmt, url=url, meta=meta)
        metadata = _page_metadata(html, url)
    if metadata is not None:
        _take_metadata(document, metadata)
    if not document.published and published:
        document.published = published
        document.meta[PUBLISHED_FROM] = "crawl date"
    return document


def _date_params() -> dict:
    """htmldate on the markup only, for the first publication, not after tomorrow."""
    latest = date.today() + timedelta(days=1)
    return {"original_date": True, "extensive_search": False, "max_date": latest.isoformat()}


def _page_metadata(html: str, url: str | None) -> Page | None:
    """trafilatura's metadata of a page whose main text it could not find, or None."""
    from trafilatura import extract_metadata

    try:
        return extract_metadata(html, default_url=url, date_config=_date_params())
    except Exception:  # a library failure on odd markup: the text is read all the same
        LOGGER.debug("no metadata from a page read by the fallback", exc_info=True)
        return None


def _take_metadata(document: Document, page: Page) -> None:
    """Title, author, URL, outlet and date from the page's metadata, with their origin: the
    site name (og:site_name, the JSON-LD publisher) is the outlet; the host only without it."""
    document.title = document.title or page.title
    document.author = page.author
    document.url = page.url or document.url
    if outlet := page.sitename or page.hostname:
        domain = bool(_DOMAIN.fullmatch(outlet))  # trafilatura falls back on the URL's host
        document.outlet = outlet
        document.meta[OUTLET_FROM] = "url" if domain else "html metadata"
    if published := parse_date(page.date):
        document.published = published
        document.meta[PUBLISHED_FROM] = "html metadata"


def _fallback_document(
    html: str, *, doc: str, path: str, fmt: str, url: str | None, meta: dict | None
) -> Document:
    """The visible text of a page's body, without navigation and page furniture."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.document_fromstring(html)
    except (ParserError, ValueError) as error:
        raise InputRejected("E008", detail=str(error)) from error
    for element in tree.xpath(
        "//script|//style|//noscript|//nav|//header|//footer|//aside|//form|//template"
    ):
        element.drop_tree()
    title = (tree.findtext(".//title") or "").strip() or None
    body = tree.find(".//body")
    parts: list[str] = []
    _collect(body if body is not None else tree, parts)
    text = _paragraphs("".join(parts))
    if not text.strip():
        raise InputRejected("E009")
    return Document(doc=doc, raw=with_headline(title, text), format=fmt, path=path, title=title,
                    url=url, meta=dict(meta or {}))


def with_headline(title: str | None, body: str) -> str:
    """The body with its headline as the first paragraph, as a reader sees the article."""
    body = body.strip()
    if not title or body.startswith(title.strip()):
        return body
    return f"{title.strip()}\n\n{body}"


def fragment_text(fragment: str) -> str:
    """Readable text from an HTML fragment: blocks become paragraphs, <br> a line break."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment
    for element in root.xpath("//script|//style|//noscript"):
        element.drop_tree()
    parts: list[str] = []
    _collect(root, parts)
    return _paragraphs("".join(parts))


def _paragraphs(marked: str) -> str:
    text = _SPACE_RUN.sub(" ", marked)
    paragraphs = ("\n".join(line.strip() for line in p.split(_LINE)) for p in text.split(_PARAGRAPH))
    return "\n\n".join(p.strip() for p in paragraphs if p.strip())


def _collect(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "br":
        parts.append(_LINE)
    elif tag in _BLOCK_TAGS:
        parts.append(_PARAGRAPH)
    if element.text and tag != "br":
        parts.append(element.text)
    for child in element:
        _collect(child, parts)
        if child.tail:
            parts.append(child.tail)
    if tag in _BLOCK_TAGS:
        parts.append(_PARAGRAPH)


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"</(?:p|div|span|a|br|li|h[1-6])\s*>|<br\s*/?>", text[:20000], re.I))
