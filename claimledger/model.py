"""The data model: plain slotted dataclasses pointing into a document's text by offsets.

Every stage takes and returns these objects; spaCy objects never leave the NLP and
extraction stages. Offsets of claims and passages are character offsets into
``Document.text`` (the cleaned text); offsets of removed page chrome are into
``Document.raw`` (the text as read, before cleaning).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field


@dataclass(slots=True)
class RemovedSpan:
    """A stretch of the raw text that cleaning removed, and why."""

    start: int
    end: int
    reason: str


@dataclass(slots=True)
class Rejection:
    """An input (a file, or one record of a container) that could not become a document."""

    path: str
    code: str
    reason: str
    record: str | None = None

    def __str__(self) -> str:
        where = f"{self.path} ({self.record})" if self.record else self.path
        return f"{where}: [{self.code}] {self.reason}"


@dataclass(slots=True)
class Skipped:
    """An input passed over on purpose (a stylesheet in a saved page folder, a 404 in a crawl)."""

    path: str
    reason: str


@dataclass(slots=True)
class Document:
    """One article: its text as read, its cleaned text and its metadata."""

    doc: str
    raw: str
    format: str
    path: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    meta: dict = field(default_factory=dict)
    text: str | None = None
    removed: list[RemovedSpan] = field(default_factory=list)
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.raw)

    @property
    def removed_chars(self) -> int:
        return sum(span.end - span.start for span in self.removed)


def content_hash(text: str) -> str:
    """Hash of the text with Unicode and whitespace normalised, so re-saves compare equal."""
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Quantity:
    """A figure as written and as numbers: "around 10,000" -> value 10000, approx "about"."""

    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approx: str
    unit: str | None = None
    trend: str | None = None


@dataclass(slots=True)
class Attribution:
    """Who stands behind a claim, and the chain through which it reached the page."""

    source: str | None
    source_type: str | None = None
    cue: str | None = None
    via: list[str] = field(default_factory=list)
    source_start: int | None = None
    source_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    mention: str | None = None


@dataclass(slots=True)
class Claim:
    """One figure or key statement in one sentence of one document."""

    id: str
    doc: str
    sentence: str
    sentence_start: int
    start: int
    end: int
    status: str
    kind: str = "figure"
    quantity: Quantity | None = None
    counted: str | None = None
    subject: str | None = None
    event: str | None = None
    attribution: Attribution = field(default_factory=lambda: Attribution(source=None))
    published: str | None = None
    event_date: str | None = None
    target: str | None = None
    scope: str | None = None
    measure: str | None = None
    origin: str | None = None
    polarity: str | None = None  # of a denial or confirmation: denies, confirms or affirms


@dataclass(slots=True)
class Passage:
    """An aligned stretch of two documents: offsets into each one's cleaned text."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float
    kind: str = "prose"  # prose: the outlets' own words; quotation: only the words they quote


@dataclass(slots=True)
class Reuse:
    """Text one document shares with another, with the direction of copying when known."""

    doc_a: str
    doc_b: str
    direction: str
    score: float
    passages: list[Passage] = field(default_factory=list)


@dataclass(slots=True)
class Flag:
    """A verdict on a measure, with the claims that justify it."""

    kind: str
    claims: list[str]
    note: str


@dataclass(slots=True)
class Measure:
    """Claims about the same quantity across articles."""

    id: str
    label: str
    counted: str | None
    unit: str | None
    claims: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
