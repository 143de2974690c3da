"""Outlet and publication date of a document, and where each came from.

A page saved as plain text keeps its outlet and date in its first and last lines: a wire
dateline ("CITY, March 3 (Agency) -"), a "Published" / "Posted" / "Updated" line, a byline
with a date, a source or copyright line, a URL line. ``page_lines`` reads those by their
shape (no outlet names anywhere). ``settle`` then picks one value per field from every
candidate, by a fixed precedence, and records the choice in ``Document.meta``:

- ``outlet_from`` / ``published_from``: where the value came from (see ``OUTLET_RANK`` and
  ``PUBLISHED_RANK`` for the names, best first);
- ``outlet_conflicts`` / ``published_conflicts``: the other values found, with theirs, when
  they differ from the one kept, so an override never hides what the page said;
- ``sidecar``: the sidecar file that stated a value;
- ``wire``: the agency a dateline names (the story's writer, not necessarily its outlet).

Decisions: what the user states wins over the page (``--outlet``/``--published`` for the
run, then a sidecar's entry for the file); a sidecar's folder defaults only fill what the
page leaves open. A crawl date (WARC header) and a date in the file name are last resorts.
A date the page gives is kept only if it can be a publication date (not after tomorrow).
Nothing is invented: a document whose lines say nothing keeps None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePath
from urllib.parse import urlparse

from claimledger.dates import (
    MONTHS, calendar_date, exact_date, find_date, parse_date, plausible_publication,
)
from claimledger.errors import ClaimledgerError
from claimledger.model import Document

OUTLET_FROM, PUBLISHED_FROM = "outlet_from", "published_from"

# Best first. "record field": a JSON record's field; "html metadata": the page's markup
# (meta tags, JSON-LD, <time>, via trafilatura and htmldate); "feed entry": RSS/Atom fields.
OUTLET_RANK = ("option", "sidecar entry", "html metadata", "record field", "feed entry",
               "source line", "copyright line", "sidecar", "url")
PUBLISHED_RANK = ("option", "sidecar entry", "html metadata", "record field", "feed entry",
                  "published line", "dateline", "date line", "byline", "source line",
                  "updated line",
                  "sidecar", "url", "crawl date", "file name")
# What a reader's own value is called when the reader did not say (by source format).
READER_ORIGIN = {"html": "html metadata", "json": "record field", "feed": "feed entry",
                 "warc": "html metadata"}

HEAD_LINES, TAIL_LINES = 15, 10  # non-blank lines read at each end of the text
_REACH = 20_000  # characters read at each end: a long text is not split whole
_LONGEST = 400  # characters of a stamp, source, copyright or URL line
_SHORT = 16  # words: a stamp, byline or source line is short; a body sentence is not

_MONTHS = "|".join(sorted(MONTHS, key=len, reverse=True))
_STAMP = re.compile(
    r"(?:^|[|•·]\s*)(?P<kind>first published|published|posted|last updated|updated|"
    r"last modified|modified)\b(?:\s+(?:on|at))?\s*:?\s*(?P<rest>[^|•·]*)", re.I)
_BYLINE = re.compile(r"^\s*(?:posted |written |words |reporting |story )?by\s+(?!(?:" + _MONTHS
                     + r")\b)[A-Z{]", re.I)
_WORDS = re.compile(r"[^\W\d_]+")
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z'’.-]*(?:[ /][A-Z][A-Z'’.-]*){0,3})"  # LONDON, NEW YORK
    r"(?:,\s*(?!(?:" + _MONTHS + r")\.?\s)[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)?)?"  # , Ill. / , Ukraine
    r"(?:,\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?P<date>"
    r"(?P<month>" + _MONTHS + r")\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    r"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month2>" + _MONTHS + r")\.?)"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?)?"
    r"\s*(?:\((?P<agency>[A-Z][^()\n]{1,40})\))?"
    r"\s*[-–—]{1,2}\s+\S.{20,}", re.I)
_CAPS_PLACE = re.compile(r"^[^a-z]+$")
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright\b)\s*©?\s*(?:(?P<year>(?:19|20)\d\d)(?:\s*[-–]\s*(?:19|20)\d\d)?)?"
    r"\s*,?\s*(?P<name>.*?)\s*,?\s*(?P<year2>(?:19|20)\d\d)?\s*"
    r"(?:(?:\.\s+|[|•·]|\s-\s|\ball rights reserved\b).*|\.)?$", re.I)
_SOURCE = re.compile(
    r"^\s*(?:source|originally published (?:by|in|on|at)|first published (?:by|in|on|at))"
    r"\s*:?\s*(?P<name>.+?)\s*$", re.I)
# A page's own address has a path: a bare site ("Online: https://example.org.") is a link.
_URL_LINE = re.compile(r"^\s*(?:(?:url|link|source|permalink)\s*:\s*)?<?"
                       r"(?P<url>https?://[^\s<>/]+/[^\s<>]*[^\s<>.,;)])>?\s*$", re.I)
_PATH_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[-_/.]?)(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)(?!\d)")
_COMPANY = re.compile(r"[\s,]+(?:ltd|limited|inc|llc|plc|gmbh|s\.a|co)\.?$", re.I)
_NAME = re.compile(r"^(?:the\s+)?[A-Z0-9][\w&'’.-]*(?:\s+[\w&'’.-]+){0,5}$")


@dataclass(frozen=True, slots=True)
class Stated:
    """An outlet and a date the user states (an option or a sidecar), checked on creation."""

    outlet: str | None = None
    published: str | None = None
    origin: str = "option"  # where it was stated: "option" or the sidecar file's path

    @classmethod
    def checked(
        cls, *, outlet: object, published: object, origin: str = "option", where: str | None = None
    ) -> Stated:
        """Refuse a blank outlet or a value that is no calendar date (E209), naming ``where``
        (the file and entry), or the option (--outlet, --published) when it is None."""
        if outlet is not None and not (isinstance(outlet, str) and outlet.strip()):
            raise ClaimledgerError("E209", name="outlet", allowed="a non-empty name",
                                   got=outlet, origin=where or "--outlet")
        iso = None
        if published is not None:
            iso = published.isoformat() if isinstance(published, date) else exact_date(
                published if isinstance(published, str) else "")
            if iso is None:
                raise ClaimledgerError(
                    "E209", name="published", got=published, origin=where or "--published",
                    allowed="a calendar date (2024-03-03, 3 March 2024 or March 3, 2024)")
        return cls(outlet.strip() if isinstance(outlet, str) else None, iso, origin)


@dataclass(frozen=True, slots=True)
class _Found:
    value: str
    origin: str


@dataclass(frozen=True, slots=True)
class PageLines:
    """What the first and last lines say. ``wire``: the agency of a dateline
    ("CITY, March 3 (Agency) -"), which wrote the story but need not publish the page (a
    paper carries wire copy), so it is kept beside the outlet, never as the outlet."""

    outlets: list[_Found]
    dates: list[_Found]
    url: str | None
    wire: str | None


def page_lines(text: str, *, file_name: str | None = None) -> PageLines:
    """The outlet and date candidates, the URL and the wire that the first and last lines
    give."""
    head, tail = _lines(text[:_REACH])[:HEAD_LINES], _lines(text[-_REACH:])[-TAIL_LINES:]
    outlets: list[_Found] = []
    dates: list[_Found] = []
    url = None
    year_hint = None
    dateline = None
    head_set = set(head)
    for line in dict.fromkeys(head + tail):  # each line once, head first
        if dateline is None and line in head_set and (match := _DATELINE.match(line)):
            if _CAPS_PLACE.match(match.group("place")) and (match.group("date") or match.group("agency")):
                dateline = match
        if len(line) > _LONGEST or len(line.split()) > _SHORT:
            continue  # a body paragraph: only a dateline starts one
        _stamps(line, dates)
        if line in head_set and (iso := exact_date(line)):
            dates.append(_Found(iso, "date line"))
        if match := _SOURCE.match(line):
            _source(match.group("name"), outlets, dates)
        if url is None and (match := _URL_LINE.match(line)):
            url = match.group("url")
    for line in tail:
        if len(line) <= _LONGEST and (match := _COPYRIGHT.match(line)) and len(line.split()) <= _SHORT:
            if name := _outlet_name(match.group("name")):
                outlets.append(_Found(name, "copyright line"))
            year_hint = year_hint or match.group("year") or match.group("year2")
    if url:
        host = (urlparse(url).hostname or "").removeprefix("www.")
        if host:
            outlets.append(_Found(host, "url"))
        if iso := _path_date(urlparse(url).path):
            dates.append(_Found(iso, "url"))
    if file_name and (iso := _path_date(PurePath(file_name).name)):
        dates.append(_Found(iso, "file name"))
    wire = None
    if dateline is not None:
        wire = _outlet_name(dateline.group("agency"))
        if dateline.group("date") and (iso := _dateline_date(dateline, dates, year_hint)):
            dates.append(_Found(iso, "dateline"))
    return PageLines(outlets, [d for d in dates if plausible_publication(d.value)], url, wire)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _stamps(line: str, dates: list[_Found]) -> None:
    """Dates of "Published ..." / "Updated ..." segments, and of a byline that holds one."""
    stamped = False
    for match in _STAMP.finditer(line):
        if iso := _date_with_few_words(match.group("rest"), 3):
            kind = match.group("kind").lower()
            origin = "updated line" if "updated" in kind or "modified" in kind else "published line"
            dates.append(_Found(iso, origin))
            stamped = True
    if not stamped and _BYLINE.match(line) and (iso := _date_with_few_words(line, 8)):
        dates.append(_Found(iso, "byline"))  # "By NAME | 3 March 2024", "Posted by NAME, ..."


def _date_with_few_words(text: str, most: int) -> str | None:
    """The date in a stamp or byline, not in a sentence: at most ``most`` words besides it
    ("Published 3 March 2024, 10:30 GMT", not "Published on 3 March 2024, the report ...")."""
    found = find_date(text)
    if found is None:
        return None
    iso, start, end = found
    return iso if len(_WORDS.findall(text[:start] + " " + text[end:])) <= most else None


def _source(value: str, outlets: list[_Found], dates: list[_Found]) -> None:
    """A "Source: NAME[, DATE]" line: the name and the date (a URL is read as the URL line)."""
    if _URL_LINE.match(value):
        return
    if iso := parse_date(value):
        dates.append(_Found(iso, "source line"))
    name = re.split(r"\s*[,|–—(]\s*|\s+-\s+", value, maxsplit=1)[0]
    if name := _outlet_name(name):
        outlets.append(_Found(name, "source line"))


def _outlet_name(text: str | None) -> str | None:
    """A name as a page writes an outlet: a few words, capitalised, no sentence."""
    name = _COMPANY.sub("", (text or "").strip().strip(".,;:|"))
    return name if name and _NAME.match(name) and not parse_date(name) else None


def _path_date(text: str) -> str | None:
    match = _PATH_DATE.search(text)
    if not match or (not match.group("sep") and len(match.group()) != 8):
        return None
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day"))).isoformat()
    except ValueError:
        return None


def _dateline_date(match: re.Match, dates: list[_Found], year_hint: str | None) -> str | None:
    """The dateline's date; without a year, the one nearest another date of the page, or in
    the copyright year. With neither, no date: the year is not guessed."""
    month = match.group("month") or match.group("month2")
    day = match.group("day") or match.group("day2")
    if match.group("year"):
        return calendar_date(month, day, match.group("year"), None)
    anchors = sorted((d for d in dates if plausible_publication(d.value)),
                     key=lambda d: PUBLISHED_RANK.index(d.origin))
    if anchors:
        return calendar_date(month, day, None, date.fromisoformat(anchors[0].value))
    return calendar_date(month, day, year_hint, None) if year_hint else None


def settle(doc: Document, *, option: Stated | None = None, entry: Stated | None = None,
           folder: Stated | None = None) -> Document:
    """The document with one outlet and one date chosen from every candidate, and where
    each came from recorded in its meta (see the module docstring for the precedence).

    ``entry`` is the sidecar's entry for this file, ``folder`` the sidecar's defaults."""
    meta = dict(doc.meta)
    # A container's file name (a feed, a WARC, JSON lines) dates the file, not its records.
    page = page_lines(doc.raw, file_name=None if "#" in doc.doc else doc.path)
    outlets, dates = page.outlets, page.dates
    if page.wire:
        meta["wire"] = page.wire
    reader = READER_ORIGIN.get(doc.format, "record field")
    if doc.outlet:
        outlets.append(_Found(doc.outlet, meta.get(OUTLET_FROM) or reader))
    if doc.published and plausible_publication(doc.published):
        dates.append(_Found(doc.published, meta.get(PUBLISHED_FROM) or reader))
    stated = {"option": option, "sidecar entry": entry, "sidecar": folder}
    for origin, given in stated.items():
        if given is not None and given.outlet:
            outlets.append(_Found(given.outlet, origin))
        if given is not None and given.published:
            dates.append(_Found(given.published, origin))
    outlet = _choose(outlets, OUTLET_RANK, OUTLET_FROM, meta)
    published = _choose(dates, PUBLISHED_RANK, PUBLISHED_FROM, meta)
    for key in (OUTLET_FROM, PUBLISHED_FROM):
        if (given := stated.get(meta.get(key, ""))) is not None and meta[key] != "option":
            meta["sidecar"] = given.origin
            meta[key] = "sidecar"
    return replace(doc, outlet=outlet, published=published, url=doc.url or page.url, meta=meta)


def _choose(found: list[_Found], rank: tuple[str, ...], key: str, meta: dict) -> str | None:
    """The best-ranked value; the differing values are kept as conflicts in the meta."""
    meta.pop(key, None)
    if not found:
        return None
    best, *rest = sorted(found, key=lambda f: rank.index(f.origin) if f.origin in rank else len(rank))
    meta[key] = best.origin
    others = dict.fromkeys((f.value, f.origin) for f in rest if f.value != best.value)
    if others:
        meta[key.replace("_from", "_conflicts")] = [
            {"value": value, "from": origin.replace("sidecar entry", "sidecar")}
            for value, origin in others]
    return best.value
