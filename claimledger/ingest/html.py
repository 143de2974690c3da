"""HTML pages through trafilatura (main text and metadata), and HTML fragments (feed
entries, JSON fields) through a small block-aware text conversion."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from claimledger.dates import parse_date
from claimledger.errors import InputRejected
from claimledger.ingest.decode import declared_charset, decode, read_bytes
from claimledger.ingest.safety import bounded_markup
from claimledger.model import Document

LOGGER = logging.getLogger(__name__)

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "ol", "p", "pre", "section", "table", "tr", "ul",
}  # fmt: skip
_PARAGRAPH = "\x00"
_LINE = "\x01"
_SPACE_RUN = re.compile(r"[ \t\n\r\f\v\xa0]+")


def read_html(source, settings) -> Iterator[Document]:
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
    """A Document from a whole web page: trafilatura's main text, title, date and site name."""
    import trafilatura

    try:
        page = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            deduplicate=False,
        )
    except Exception as error:  # lxml and trafilatura raise many types on broken markup
        raise InputRejected("E008", detail=f"{type(error).__name__}: {error}") from error
    if page is None or not (page.text or "").strip():
        # trafilatura wants a minimum of main text; a short page still has its paragraphs.
        return _fallback_document(html, doc=doc, path=path, fmt=fmt, url=url,
                                  published=published, meta=meta)
    return Document(
        doc=doc,
        raw=with_headline(page.title, page.text),
        format=fmt,
        path=path,
        title=page.title,
        outlet=page.sitename or page.hostname,
        published=parse_date(page.date) or published,
        url=page.url or url,
        author=page.author,
        meta=dict(meta or {}),
    )


def _fallback_document(html: str, *, doc, path, fmt, url, published, meta) -> Document:
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
                    url=url, published=published, meta=dict(meta or {}))


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


def _collect(element, parts: list[str]) -> None:
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
