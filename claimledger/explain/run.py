"""Explain a text: run the real extraction, then re-run its public pieces sentence by
sentence and record what each decided.

The claims of a trace are exactly those ``extract_documents`` returns for the text (each is
put under the sentence it was found in); only the annotations around them (trigger, parse,
numbers kept and dropped, attribution paths, causes) come from re-running the stages, in
the same order and with the same per-document state, so a pronoun resolves as it did. Each
claim's status rule is the one ``sentence_claims`` reports for it on that re-run.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.explain.figures import figure_traces
from claimledger.explain.sources import attribution_trace, status_cause
from claimledger.explain.trace import ClaimTrace, SentenceTrace, TokenRow, Trace
from claimledger.explain.trigger import trigger_hit
from claimledger.extract.attribution import AttributionMention, DocumentSources
from claimledger.extract.claims import extract_documents, sentence_claims, topic_words
from claimledger.extract.quantities import QuantityMention
from claimledger.link.measures import measure_id, measure_key
from claimledger.model import Claim, Document
from claimledger.nlp import Sentence, load_pipeline, parser_text, split_sentences


def explain_text(text: str, *, published: str | None = None, outlet: str | None = None,
                 doc: str = "explain", model: str = "en_core_web_sm") -> Trace:
    """The trace of a text given on its own (as one document)."""
    document = Document(doc=doc, raw=text, format="text", text=text, outlet=outlet,
                        published=published)
    return explain_document(document, model=model)


def explain_document(document: Document, *, model: str = "en_core_web_sm") -> Trace:
    """The trace of a document's cleaned text, with the claims extraction gives it."""
    text = document.text or ""
    claims = extract_documents([document], model=model)[0]
    nlp = load_pipeline(model)
    sources = DocumentSources(text, outlet=document.outlet)
    trace = Trace(doc=document.doc, published=document.published, outlet=document.outlet)
    earlier: list[QuantityMention] = []
    paragraph = -1
    sentences = split_sentences(text)
    topics = topic_words(sentences)
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            paragraph, earlier = sentence.paragraph, []
        mine = [c for c in claims if c.sentence_start == sentence.start]
        if not (sentence.candidate or sentence.context):
            trace.sentences.append(_skipped(sentence))
            continue
        parsed = nlp(parser_text(sentence.text))
        mentions = sources.attributions(parsed, sentence.start)
        trace.sentences.append(_sentence_trace(document, sentence, parsed, mentions, mine,
                                               topics, earlier))
    return trace


def trace_for_claim(ledger, claim_id: str, *,
                    model: str = "en_core_web_sm") -> SentenceTrace | None:
    """Why a stored claim is what it is: the trace of its sentence, re-run in its document,
    holding only that claim (an empty ``claims`` when today's rules no longer find it);
    None for an unknown claim id. For the web app's claim page."""
    row = ledger.claim(claim_id)
    if row is None:
        return None
    trace = explain_document(ledger.find(row["doc"]), model=model)
    sentence = next((s for s in trace.sentences if s.start == row["sentence_start"]), None)
    if sentence is not None:
        sentence.claims = [c for c in sentence.claims if c.id == claim_id]
    return sentence


def _skipped(sentence: Sentence) -> SentenceTrace:
    return SentenceTrace(sentence.start, sentence.end, sentence.text, parsed=False,
                         role="skipped", trigger=None)


def _sentence_trace(document: Document, sentence: Sentence, parsed: Doc,
                    mentions: list[AttributionMention], claims: list[Claim],
                    topics: frozenset[str], earlier: list[QuantityMention]) -> SentenceTrace:
    role = "mined" if sentence.candidate else "context"
    trace = SentenceTrace(sentence.start, sentence.end, sentence.text, parsed=True, role=role,
                          trigger=trigger_hit(sentence) if sentence.candidate else None,
                          parse=[TokenRow(t.i, t.text, t.dep_, t.head.i, t.pos_, t.ent_type_)
                                 for t in parsed],
                          attributions=[attribution_trace(parsed, m) for m in mentions])
    causes: dict[str, str] = {}
    if sentence.candidate:
        before = len(earlier)
        sentence_claims(document, sentence, parsed, mentions, topics, earlier, causes)
        trace.figures = figure_traces(parsed, earlier[before:])
    trace.claims = [_claim_trace(parsed, claim, causes[claim.id], mentions)
                    for claim in claims]
    return trace


def _claim_trace(parsed: Doc, claim: Claim, cause: str,
                 mentions: list[AttributionMention]) -> ClaimTrace:
    from claimledger.store.ledger import claim_row  # the claim as stored, as linking reads it

    key = measure_key(claim_row(0, claim))
    text = claim.quantity.text if claim.quantity else (claim.target or claim.sentence)
    attribution = claim.attribution
    return ClaimTrace(
        id=claim.id, kind=claim.kind, text=text, status=claim.status, status_rule=cause,
        status_cause=status_cause(parsed, claim, cause, mentions), counted=claim.counted,
        subject=claim.subject, event=claim.event, source=attribution.source,
        cue=attribution.cue, via=list(attribution.via),
        measure_key=list(key) if key else None, measure=measure_id(key) if key else None)
