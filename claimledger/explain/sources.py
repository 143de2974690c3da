"""Who stands behind a claim and why its status is what it is, said in words.

Attributions are read off ``DocumentSources.attributions`` as extraction gets them; how
each source was reached is ``resolution_rule``'s name for it (the one the "source"
counters use), said with the words of the mention. A claim's status cause is the rule
extraction itself reported for it (``sentence_claims``' causes, the names of
``status.STATUS_CAUSES`` that the "status cause" counters use), with the words on the
figure's path that made it so; neither the status nor its rule is recomputed here.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.explain.trace import AttributionTrace
from claimledger.extract.attribution import AttributionMention, covering, resolution_rule
from claimledger.extract.status import (
    STATUS_CAUSES,
    chain,
    is_denial,
    is_hedged,
    markers,
    presupposed,
)
from claimledger.model import Claim


def attribution_trace(sent: Doc, mention: AttributionMention) -> AttributionTrace:
    content = sent.text[slice(*mention.content_span)] if mention.content_span else None
    return AttributionTrace(
        cue=mention.cue, cue_class=mention.cue_class, mention=mention.mention,
        source=mention.source, source_type=mention.source_type,
        rule=resolution_rule(mention), resolution=resolution(mention), via=list(mention.via),
        via_rules=list(mention.via_rules), content=content)


def resolution(mention: AttributionMention) -> str:
    """How the speaker as written became the document's source, in words."""
    written, named = mention.mention, mention.source
    via = " ← ".join(f"{name} ({rule})" for name, rule in zip(mention.via, mention.via_rules))
    chain_text = f"; via {via} (nearest the page first)" if via else ""
    how = {
        "quote continued": (f"continues a quote: its speaker {named!r}" if named
                            else "continues a quote"),
        "pronoun unresolved": f"pronoun {written!r} unresolved: no one named before it",
        "outlet or nobody": f"{written!r} names no source (the outlet or nobody)",
        "no source": "no source named",
        "named": f"named: {named!r}",
        "pronoun resolved": f"pronoun {written!r} resolved to {named!r}",
        "role or short form resolved": f"role or short form {written!r} resolved to {named!r}",
        "name resolved": f"name {written!r} resolved to {named!r}",
    }[resolution_rule(mention)]
    return how + chain_text


def figure_anchor(sent: Doc, claim: Claim) -> int | None:
    """The token of the figure's number (the first number token of its span)."""
    span = sent.char_span(claim.start - claim.sentence_start, claim.end - claim.sentence_start,
                          alignment_mode="expand")
    if span is None or not len(span):
        return None
    return next((t.i for t in span if t.like_num or any(c.isdigit() for c in t.text)), span.root.i)


# Causes whose evidence is the cue, and those whose evidence is words on the figure's path.
_CUE_CAUSES = frozenset({"denial cue", "confirming cue", "belief cue", "refused cue", "cue class"})
_PATH_TESTS = {"denial word": is_denial, "hedge": is_hedged}


def status_cause(sent: Doc, claim: Claim, cause: str, mentions: list[AttributionMention]) -> str:
    """What the rule ``cause`` that decided the claim's status means, and its evidence: the
    cue, or the words on the figure's path that passed the rule's test."""
    said = STATUS_CAUSES.get(cause, cause)
    if cause in _CUE_CAUSES and claim.attribution.cue:
        return f"{said} ({claim.attribution.cue!r})"
    anchor = figure_anchor(sent, claim) if claim.kind == "figure" else None
    if cause not in _PATH_TESTS or anchor is None:
        return said
    attribution = covering(mentions, anchor)
    cue_token = None
    if attribution is not None and attribution.cue_span is not None:
        span = sent.char_span(*attribution.cue_span, alignment_mode="expand")
        cue_token = span.root.i if span is not None and len(span) else None
    path = chain(sent, anchor, stop=cue_token)
    reach = markers(presupposed(path) if cause == "hedge" else path)
    found = _words(reach, _PATH_TESTS[cause])
    return f"{said} ({found})" if found else said


def _words(tokens, test) -> str:
    """The tokens that pass ``test`` alone: the words that decided."""
    return ", ".join(dict.fromkeys(t.text for t in tokens if test([t])))
