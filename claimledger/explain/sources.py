"""Who stands behind a claim and why its status is what it is, said in words.

Attributions are read off ``DocumentSources.attributions`` as extraction gets them; the
resolution is told from the source as written against the name the document gives it
(a pronoun, a role or short form, a name, or a quote's speaker). A figure's status cause
names the first stage of ``figure_status``'s cascade that agrees with the status the real
extraction gave, and the words on the figure's path that made it so; the status itself
is always the extraction's, never recomputed here.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.explain.trace import AttributionTrace
from claimledger.extract.attribution import AttributionMention, covering
from claimledger.extract.lexicons import SPEAKER_PRONOUNS
from claimledger.extract.status import (
    chain,
    is_denial,
    is_hedged,
    is_question,
    markers,
    presupposed,
)
from claimledger.model import Claim

_PRONOUNS = SPEAKER_PRONOUNS | {"he", "she", "it", "they", "we", "i", "his", "her", "their"}


def attribution_trace(sent: Doc, mention: AttributionMention) -> AttributionTrace:
    content = sent.text[slice(*mention.content_span)] if mention.content_span else None
    return AttributionTrace(
        cue=mention.cue, cue_class=mention.cue_class, mention=mention.mention,
        source=mention.source, source_type=mention.source_type,
        resolution=resolution(mention), via=list(mention.via), content=content)


def resolution(mention: AttributionMention) -> str:
    """How the speaker as written became the document's source."""
    written, named = mention.mention, mention.source
    via = " ← ".join(mention.via)
    chain_text = f"; via {via} (nearest the page first)" if via else ""
    if mention.cue_span is None and mention.cue != ":":
        how = f"continues a quote: its speaker {named!r}" if named else "continues a quote"
    elif named is None and written and written.lower() in _PRONOUNS:
        how = f"pronoun {written!r} unresolved: no one named before it"
    elif named is None:
        how = (f"{written!r} names no source (the outlet or nobody)" if written
               else "no source named")
    elif written is None or _bare(written) == named.lower():
        how = f"named: {named!r}"
    elif written.lower() in _PRONOUNS:
        how = f"pronoun {written!r} resolved to {named!r}"
    elif written.split()[0].lower() in ("the", "a", "an", "its", "his", "her", "their"):
        how = f"role or short form {written!r} resolved to {named!r}"
    else:
        how = f"name {written!r} resolved to {named!r}"
    return how + chain_text


def _bare(written: str) -> str:
    """The words as written without a leading determiner, lower-case: "The ministry" is
    the source "ministry" named, not resolved."""
    words = written.lower().split()
    return " ".join(words[1:] if words[:1] and words[0] in _DETERMINERS else words)


_DETERMINERS = frozenset({"the", "a", "an"})


def figure_anchor(sent: Doc, claim: Claim) -> int | None:
    """The token of the figure's number (the first number token of its span)."""
    span = sent.char_span(claim.start - claim.sentence_start, claim.end - claim.sentence_start,
                          alignment_mode="expand")
    if span is None or not len(span):
        return None
    return next((t.i for t in span if t.like_num or any(c.isdigit() for c in t.text)), span.root.i)


def status_cause(sent: Doc, claim: Claim, mentions: list[AttributionMention]) -> str:
    """Why the claim has its status, in the terms of the status cascade."""
    cue, cue_class = claim.attribution.cue, _cue_class(mentions, claim)
    if claim.kind != "figure":
        if claim.attribution.source is None and claim.attribution.cue is None:
            return f"{claim.kind} with no attribution: the sentence itself says so"
        return f"{claim.kind} under cue {cue!r} ({cue_class or 'no class'})"
    anchor = figure_anchor(sent, claim)
    if anchor is None:
        return claim.status
    attribution = covering(mentions, anchor)
    cue_token = None
    if attribution is not None and attribution.cue_span is not None:
        span = sent.char_span(*attribution.cue_span, alignment_mode="expand")
        cue_token = span.root.i if span is not None and len(span) else None
    path = chain(sent, anchor, stop=cue_token)
    evidence = markers(path)
    status = claim.status
    if status == "denied":
        if cue_class == "denied":
            return f"the cue {cue!r} denies"
        return f"a denial on the figure's path ({_words(evidence, is_denial) or 'negation'})"
    if status == "speculative":
        hedges = _words(markers(presupposed(path)), is_hedged)
        if hedges:
            return f"hedged by {hedges}"
        return "the sentence asks a question" if is_question(sent) else "hedged"
    if cue_class == status and cue:
        return f"the class of the cue {cue!r}"
    if status == "estimated":
        return "an approximate figure or a word of estimating, with no source behind it"
    if status == "asserted":
        return "no source, hedge or hearsay: the outlet states it"
    path_words = " ".join(t.text for t in path[1:4])
    return f"hearsay or a noun of telling above the figure ({path_words})"


def _cue_class(mentions: list[AttributionMention], claim: Claim) -> str | None:
    cue = claim.attribution.cue
    source = claim.attribution.source
    found = next((m for m in mentions if m.cue == cue and m.source == source), None)
    return found.cue_class if found is not None else None


def _words(tokens, test) -> str:
    """The tokens that pass ``test`` alone: the words that decided."""
    return ", ".join(dict.fromkeys(t.text for t in tokens if test([t])))
