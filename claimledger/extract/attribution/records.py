"""The records of attribution: a relation found in one sentence, the document entity its
source resolves to, and the mention handed on to claim extraction."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

@dataclass(slots=True)
class AttributionMention:
    """One attribution relation in one sentence; offsets are into the sentence Doc's text."""

    source: str | None  # the document-level canonical name; None when nobody is named
    source_type: str | None
    mention: str | None  # the source as written in this sentence
    cue: str | None  # normalised cue: a lemma, "according to", "citing", ":"
    cue_class: str  # reported | claimed | confirmed | estimated | denied
    via: list[str]  # intermediaries, the one closest to the page first
    source_span: tuple[int, int] | None
    cue_span: tuple[int, int] | None
    content_span: tuple[int, int] | None
    content_tokens: range
    negated: bool = False
    via_rules: list[str] = field(default_factory=list)  # what put each of ``via`` there


@dataclass(slots=True)
class Entity:
    """A source known in one document, under the name every later mention resolves to."""

    name: str
    kind: str  # person, org, group, document, anonymous, thing
    source_type: str
    role: str | None = None
    affiliation: Entity | None = None
    gender: str | None = None
    outlet: bool = False
    seen: int = 0  # when last mentioned, in mentions
    at: int = 0  # where last mentioned: the offset of its sentence


@dataclass(slots=True)
class Relation:
    """An attribution found in a sentence, before its source is named: token positions."""

    cue: str | None
    cue_class: str
    cue_tokens: tuple[int, int] | None
    source: Token | None
    source_tokens: tuple[int, int] | None
    content: tuple[int, int] | None
    negated: bool = False
    # each with the chain rule that found it (``intermediaries.CHAIN_RULES``)
    intermediaries: list[tuple[Token, str]] = field(default_factory=list)
    outer: Relation | None = None  # set when nesting is not read off the contents ("citing")
    entity: Entity | None = None
    via: list[str] = field(default_factory=list)
    via_rules: list[str] = field(default_factory=list)


Tokens = tuple[int, int]
