"""Claim extraction: per sentence, figures with what they count, who stands behind them and
through whom, how firmly they are put, and when; denials and confirmations also without a
figure.

``extract_documents`` is the stage: a pure function of the documents it is given (it holds
no corpus state), so any executor can run it on any batch. Only the sentences that can hold
a claim are parsed, together with the sentence before one whose speaker may be named there.
"""

from __future__ import annotations

import hashlib
from spacy.tokens import Doc

from claimledger.dates import time_expressions
from claimledger.extract.attribution import AttributionMention, DocumentSources, covering
from claimledger.extract.quantities import QuantityMention, find_quantities
from claimledger.extract.status import (
    chain,
    figure_status,
    is_denial,
    markers,
    statement_status,
)
from claimledger.model import Attribution, Claim, Document, Quantity
from claimledger.nlp import Sentence, load_pipeline, parser_text, split_sentences

_FUTURE = {"will", "shall", "'ll"}


def extract_documents(
    documents: list[Document], *, model: str = "en_core_web_sm", batch_size: int = 64
) -> list[list[Claim]]:
    """The claims of each document (cleaned text required), parsing all their sentences in
    one stream so spaCy batches across documents."""
    plans = [[s for s in split_sentences(d.text or "") if s.candidate or s.context] for d in documents]
    stream = ((parser_text(s.text), (index, s)) for index, plan in enumerate(plans) for s in plan)
    nlp = load_pipeline(model)
    contexts = [DocumentSources(d.text or "", outlet=d.outlet) for d in documents]
    results: list[list[Claim]] = [[] for _ in documents]
    for parsed, (index, sentence) in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        mentions = contexts[index].attributions(parsed, sentence.start)
        if sentence.candidate:
            results[index].extend(sentence_claims(documents[index], sentence, parsed, mentions))
    # A claim id is its document, span and kind: two rules finding the same claim give one.
    return [list({claim.id: claim for claim in found}.values()) for found in results]


def sentence_claims(
    document: Document, sentence: Sentence, parsed: Doc, mentions: list[AttributionMention]
) -> list[Claim]:
    """The figure claims of one parsed sentence, then its figure-less key statements."""
    found = []
    anchors = set()
    for mention in find_quantities(parsed):
        anchors.add(mention.anchor)
        found.append(_figure_claim(document, sentence, parsed, mention, mentions))
    statuses = {
        id(a): statement_status(parsed, a)
        for a in mentions
        if not any(token in anchors for token in a.content_tokens)  # figures carry the status
    }
    stated = [a for a in mentions if statuses.get(id(a))]
    for attribution in stated:
        if _wraps_another(attribution, stated, parsed):
            continue  # "X denied it, its spokeswoman said": the statement is X's, once
        found.append(_statement_claim(document, sentence, parsed, attribution, statuses[id(attribution)]))
    if not mentions and not anchors and _unattributed_denial(parsed):
        found.append(_statement_claim(document, sentence, parsed, None, "denied"))
    return found


def _figure_claim(document, sentence, parsed, mention: QuantityMention, mentions) -> Claim:
    attribution = covering(mentions, mention.anchor)
    cue_token = _token_at(parsed, attribution.cue_span) if attribution and attribution.cue_span else None
    status = figure_status(parsed, mention.anchor, attribution, cue_token=cue_token)
    quantity = mention.quantity
    start, end = sentence.start + quantity.start, sentence.start + quantity.end
    return Claim(
        id=claim_id(document.content_hash, start, end, "figure"),
        doc=document.doc,
        sentence=sentence.text,
        sentence_start=sentence.start,
        start=start,
        end=end,
        status=status,
        kind="figure",
        quantity=Quantity(
            text=quantity.text, start=start, end=end, value=quantity.value, low=quantity.low,
            high=quantity.high, approx=quantity.approx, unit=quantity.unit, trend=quantity.trend,
        ),
        counted=mention.counted,
        subject=mention.subject,
        event=mention.event,
        scope=mention.scope,
        attribution=_attribution(sentence, attribution),
        published=document.published,
        event_date=figure_date(parsed, sentence, mention.anchor, cue_token, document.published),
    )


def _statement_claim(document, sentence, parsed, attribution, status: str) -> Claim:
    start, end = sentence.start, sentence.end
    kind = "confirmation" if status == "confirmed" else "denial"
    target = None
    if attribution is not None and attribution.content_span:
        target = parsed.text[attribution.content_span[0] : attribution.content_span[1]].strip()
    return Claim(
        id=claim_id(document.content_hash, start, end, kind),
        doc=document.doc,
        sentence=sentence.text,
        sentence_start=sentence.start,
        start=start,
        end=end,
        status=status if kind == "denial" else "confirmed",
        kind=kind,
        event=attribution.cue if attribution else None,
        attribution=_attribution(sentence, attribution),
        published=document.published,
        event_date=_statement_date(sentence, document.published),
        target=target,
    )


def _wraps_another(attribution: AttributionMention, mentions, parsed: Doc) -> bool:
    """The attribution's content holds another attribution's cue: it only relays it."""
    content = set(attribution.content_tokens)
    for other in mentions:
        if other is not attribution and other.cue_span:
            cue = _token_at(parsed, other.cue_span)
            if cue is not None and cue in content:
                return True
    return False


def _unattributed_denial(parsed: Doc) -> bool:
    """"Reports of a second breach were false": the outlet itself rejects a claim."""
    roots = [t for t in parsed if t.head.i == t.i]
    return any(is_denial(markers([root])) for root in roots)


def _attribution(sentence: Sentence, mention: AttributionMention | None) -> Attribution:
    if mention is None:
        return Attribution(source=None)

    def shifted(span):
        return (sentence.start + span[0], sentence.start + span[1]) if span else (None, None)

    source_start, source_end = shifted(mention.source_span)
    cue_start, cue_end = shifted(mention.cue_span)
    return Attribution(
        source=mention.source,
        source_type=mention.source_type,
        cue=mention.cue,
        via=list(mention.via),
        source_start=source_start,
        source_end=source_end,
        cue_start=cue_start,
        cue_end=cue_end,
        mention=mention.mention,
    )


def figure_date(parsed: Doc, sentence: Sentence, anchor: int, cue: int | None, published):
    """The date a figure was given: the statement's date ("the agency said on Tuesday that
    ... since Sunday") when the sentence has one, else a date in the figure's own clause.

    A ledger compares figures as they were stated; "86 dead since 2 March", said on 9 March,
    is the 9 March figure."""
    figure_chain = chain(parsed, anchor)
    on_chain = {t.i for t in figure_chain}
    future = any(c.lower_ in _FUTURE for t in figure_chain for c in t.children if c.dep_ == "aux")
    below_cue = {t.i for t in chain(parsed, anchor, stop=cue)}
    content_date = None
    for expression in time_expressions(sentence.text, published, future=future):
        if expression.value is None:
            continue
        token = _token_at(parsed, (expression.start, expression.end))
        if token is None:
            continue
        meeting = next((t.i for t in chain(parsed, token) if t.i in on_chain), None)
        if cue is not None and meeting is not None and meeting not in below_cue:
            return expression.value  # attached at or above the cue: when it was said
        content_date = content_date or expression.value
    return content_date


def _statement_date(sentence: Sentence, published):
    expressions = [e for e in time_expressions(sentence.text, published) if e.value]
    return expressions[0].value if expressions else None


def _token_at(parsed: Doc, span: tuple[int, int]) -> int | None:
    """The syntactic root token of a character span of the sentence."""
    chars = parsed.char_span(span[0], span[1], alignment_mode="expand")
    return chars.root.i if chars is not None and len(chars) else None


def claim_id(content_hash: str, start: int, end: int, kind: str) -> str:
    """A stable id: the same claim in the same text always gets the same id."""
    return hashlib.sha1(f"{content_hash}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


__all__ = ["claim_id", "extract_documents", "sentence_claims"]
