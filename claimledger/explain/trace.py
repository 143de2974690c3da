"""The records of a trace: what each stage decided for one text, as a tree of dataclasses
(a text's sentences; per sentence its trigger, parse, figures, attributions and claims).

Every record is plain data (strings, numbers, lists), so ``as_dict`` gives the JSON form the
CLI prints with ``--json`` and a web page can show as "why this row".
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(slots=True)
class TriggerHit:
    """Why the trigger let a sentence through: the form (digit, cue word, cue phrase,
    negated cue, counted "one", headline) and the words that matched."""

    form: str
    match: str


@dataclass(slots=True)
class TokenRow:
    """One token of the parse: index, text, dependency, head index, part of speech, entity."""

    i: int
    text: str
    dep: str
    head: int
    pos: str
    ent: str = ""


@dataclass(slots=True)
class FigureTrace:
    """A number the sentence holds: kept as a figure, or dropped with the rule that dropped
    it (a ``not_claims`` rule by its function name, or the stage that left it out)."""

    text: str
    start: int  # character offsets in the sentence
    end: int
    kept: bool
    rule: str | None = None
    reason: str = ""


@dataclass(slots=True)
class AttributionTrace:
    """One attribution relation: the cue, who speaks as written and as named for the
    document, how the name was reached, and the chain of intermediaries."""

    cue: str | None
    cue_class: str
    mention: str | None
    source: str | None
    source_type: str | None
    rule: str  # how the source was reached: a name of extract.attribution.RESOLUTIONS
    resolution: str
    via: list[str] = field(default_factory=list)
    via_rules: list[str] = field(default_factory=list)  # intermediaries.CHAIN_RULES names
    content: str | None = None


@dataclass(slots=True)
class ClaimTrace:
    """One claim of the real extraction with what decided it."""

    id: str
    kind: str
    text: str
    status: str
    status_rule: str  # the rule that decided it: a name of extract.status.STATUS_CAUSES
    status_cause: str
    counted: str | None
    subject: str | None
    event: str | None
    source: str | None
    cue: str | None
    via: list[str]
    measure_key: list[str] | None
    measure: str | None


@dataclass(slots=True)
class SentenceTrace:
    """One sentence: whether it was parsed and why, and what each stage found in it."""

    start: int
    end: int
    text: str
    parsed: bool
    role: str  # mined | context (parsed for a later sentence's speaker) | skipped
    trigger: TriggerHit | None
    parse: list[TokenRow] = field(default_factory=list)
    figures: list[FigureTrace] = field(default_factory=list)
    attributions: list[AttributionTrace] = field(default_factory=list)
    claims: list[ClaimTrace] = field(default_factory=list)


@dataclass(slots=True)
class Trace:
    """The trace of one text: its sentences in order."""

    doc: str
    published: str | None
    outlet: str | None
    sentences: list[SentenceTrace] = field(default_factory=list)

    @property
    def claims(self) -> list[ClaimTrace]:
        return [claim for sentence in self.sentences for claim in sentence.claims]


def as_dict(record) -> dict:
    """A trace record (any node of the tree) as plain JSON-ready data."""
    return asdict(record)


def as_json(record, *, indent: int | None = 1) -> str:
    return json.dumps(as_dict(record), ensure_ascii=False, indent=indent)
