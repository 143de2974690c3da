"""Claim extraction: per sentence, figures with what they count, who stands behind them and
through whom, how firmly they are put, and when; denials and confirmations also without a
figure.

``extract_documents`` is the stage: a pure function of the documents it is given (it holds
no corpus state), so any executor can run it on any batch. Only the sentences that can hold
a claim are parsed, together with the sentence before one whose speaker may be named there.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from spacy.tokens import Doc, Token

from claimledger.dates import time_expressions
from claimledger.extract.attribution import (
    AttributionMention,
    DocumentSources,
    covering,
    resolution_rule,
)
from claimledger.extract.counters import count
from claimledger.extract.quantities import QuantityMention, find_quantities
from claimledger.extract.lexicons import CUE_CLASSES
from claimledger.extract.numbers import ABOUT
from claimledger.extract.vocab import words
from claimledger.extract.status import (
    ACCUSING_VERBS,
    ASKING_VERBS,
    CLAIM_VERBS,
    FUTURE_AUXILIARIES,
    DENIAL,
    Statement,
    chain,
    denial_aside,
    figure_status_cause,
    INNOCENCE,
    headline_statement,
    innocence_aside,
    rhetorical_denial,
    says_it_is_not_so,
    statement_status,
    unattributed_statement,
)
from claimledger.model import Attribution, Claim, Document, Quantity
from claimledger.nlp import Sentence, load_pipeline, parser_text, split_sentences

_FUTURE = {"will", "shall", "'ll"}


def extract_documents(
    documents: list[Document], *, model: str = "en_core_web_sm", batch_size: int = 64
) -> list[list[Claim]]:
    """The claims of each document (cleaned text required), parsing all their sentences in
    one stream so spaCy batches across documents."""
    splits = [split_sentences(d.text or "") for d in documents]
    plans = [[s for s in sentences if s.candidate or s.context] for sentences in splits]
    for sentences in splits:
        for sentence in sentences:
            count("trigger", "candidate, parsed" if sentence.candidate
                  else "context, parsed" if sentence.context else "skipped")
    stream = ((parser_text(s.text), (index, s)) for index, plan in enumerate(plans) for s in plan)
    nlp = load_pipeline(model)
    contexts = [DocumentSources(d.text or "", outlet=d.outlet) for d in documents]
    topics = [topic_words(sentences) for sentences in splits]
    # the figures of each document's current paragraph so far: what a later "people" counts
    counted_before: list[tuple[int, list[QuantityMention]]] = [(-1, []) for _ in documents]
    results: list[list[Claim]] = [[] for _ in documents]
    causes: dict[str, str] = {}  # claim id -> the rule that decided its status
    for parsed, (index, sentence) in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        mentions = contexts[index].attributions(parsed, sentence.start)
        count_attributions(mentions)
        if counted_before[index][0] != sentence.paragraph:
            counted_before[index] = (sentence.paragraph, [])
        if sentence.candidate:
            results[index].extend(
                sentence_claims(documents[index], sentence, parsed, mentions, topics[index],
                                counted_before[index][1], causes))
    # A claim id is its document, span and kind: two rules finding the same claim give one.
    unique = [list({claim.id: claim for claim in found}.values()) for found in results]
    for claim in (c for found in unique for c in found):
        count("kind", claim.kind)
        count("status", claim.status)
        count("status cause", f"{claim.status} by {causes[claim.id]}")
    return unique


def sentence_claims(
    document: Document, sentence: Sentence, parsed: Doc, mentions: list[AttributionMention],
    topics: frozenset[str] | None = None, earlier: list[QuantityMention] | None = None,
    causes: dict[str, str] | None = None,
) -> list[Claim]:
    """The figure claims of one parsed sentence, then its key statements; ``earlier`` holds
    the figures of the sentences before it in its paragraph and gains this sentence's;
    ``causes`` gains each claim's id with the rule that decided its status (a name of
    ``status.STATUS_CAUSES``; of two claims with one id, the later's, as extraction keeps)."""
    quantities = find_quantities(parsed, earlier or ())
    if earlier is not None:
        earlier.extend(quantities)
    found = [_figure_claim(document, sentence, parsed, mention, mentions) for mention in quantities]
    anchors = {mention.anchor for mention in quantities}
    stated = []
    for attribution in mentions:
        cue = _token_at(parsed, attribution.cue_span) if attribution.cue_span else None
        root = _content_root(parsed, attribution)
        statement = statement_status(parsed, attribution, root, cue_token=cue)
        settled = attribution.cue_class in ("denied", "confirmed")  # "has not confirmed whether"
        if statement is None:
            continue
        # (an allegation is made of a content with a root: statement_status gives none without)
        if statement.kind == "allegation" and not settled and root is not None:
            if says_it_is_not_so(root, topics or frozenset()) \
                    and not _asks(parsed, attribution, root):
                statement = DENIAL.because("negated matter")  # a source says the story's matter is not so
            elif not _alleges(parsed, attribution, root, topics, anchors):
                continue
        stated.append((attribution, statement))
    aside = denial_aside(parsed) if DENIAL not in {s for _, s in stated} else None
    if aside is not None:  # "X said ..., contradicting claims that ...": the denial is X's
        speaker = next((a for a in mentions if a.cue_span
                        and _token_at(parsed, a.cue_span) in {t.i for t in aside.ancestors}), None)
        found.append(_statement_claim(document, sentence, parsed, speaker,
                                      DENIAL.because("denial aside"), root=aside))
    innocent = innocence_aside(parsed) if INNOCENCE not in {s for _, s in stated} else None
    if innocent is not None:  # "he has maintained his innocence"
        speaker = next((a for a in mentions if a.cue_span
                        and _token_at(parsed, a.cue_span) == innocent.i), None)
        found.append(_statement_claim(document, sentence, parsed, speaker,
                                      INNOCENCE.because("innocence aside"), root=innocent))
    if aside is None and DENIAL not in {s for _, s in stated} and rhetorical_denial(parsed):
        # "“Who says we are in talks?” the group asked": the speaker is the one named after
        # the question, not its "who"
        mark = next(t.idx for t in parsed if t.text == "?")
        speaker = next((a for a in mentions if a.cue_span and a.cue_span[0] > mark), None)
        root = next(t for t in parsed if t.head.i == t.i)
        found.append(_statement_claim(document, sentence, parsed, speaker,
                                      DENIAL.because("rhetorical question"), root=root))
        stated = [(a, s) for a, s in stated if a is speaker or s.kind != "allegation"]
    for attribution, statement in stated:
        relays = attribution.cue_class not in ("denied", "confirmed")
        if relays and _wraps_another(attribution, [a for a, _ in stated], parsed):
            continue  # "X denied it, its spokeswoman said": the statement is X's, once
        found.append(_statement_claim(document, sentence, parsed, attribution, statement))
    if sentence.headline:
        statement = headline_statement(parsed, mentions)
        if statement is not None and statement not in {s for _, s in stated}:
            root = next(t for t in parsed if t.head.i == t.i)
            found.append(_statement_claim(document, sentence, parsed, None, statement, root=root))
    elif not mentions:
        unattributed = unattributed_statement(parsed, topics or frozenset())
        if unattributed is not None:
            statement, root = unattributed
            found.append(_statement_claim(document, sentence, parsed, None, statement, root=root))
    if causes is not None:
        causes.update((claim.id, cause) for claim, cause in found)
    return [claim for claim, _ in found]


def count_attributions(mentions: list[AttributionMention]) -> None:
    """Count one sentence's attributions by cue class, by how the source was named
    (``resolution_rule``, the explain trace's words) and by each link of its chain."""
    for mention in mentions:
        count("attribution", mention.cue_class + (" (negated)" if mention.negated else ""))
        count("source", resolution_rule(mention))
        for rule in mention.via_rules:
            count("chain", rule)


def topic_words(sentences: list[Sentence]) -> frozenset[str]:
    """The words of a document's matter: those of more than one sentence, and every word of
    a document of one sentence (a headline is its own matter)."""
    counts: Counter = Counter()
    for sentence in sentences:
        counts.update(set(_WORD.findall(sentence.text.lower())))
    return frozenset(w for w, n in counts.items() if n > 1 or len(sentences) == 1)


_WORD = re.compile(r"[^\W\d_]{3,}")


def _alleges(parsed: Doc, attribution: AttributionMention, root: Token | None,
             topics: frozenset[str] | None, anchors: set[int]) -> bool:
    """An allegation is a reported statement of fact about the story: a cue of saying,
    claiming or accusing (not a wish or a judgement: "urged", "criticised") whose content is
    a clause with its own subject and verb (or what one "claims to have" done), of at least
    three words, not a question, not a forecast, a promise or advice ("would help", "vowed
    to", "should play a role"), without a figure (a figure's row carries its source and
    status already), and
    naming a thing or a person of the story's matter (a noun or name that the article uses
    in another sentence too: "he said he was delighted" names none)."""
    content = [parsed[i] for i in attribution.content_tokens if not parsed[i].is_punct]
    if root is None or len(content) < 3 or _asks(parsed, attribution, root):
        return False
    if attribution.cue not in CUE_CLASSES and attribution.cue not in ACCUSING_VERBS:
        return False
    if anchors & set(attribution.content_tokens):
        return False
    clause = root.pos_ in ("VERB", "AUX") and (
        any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children)
        or root.dep_ == "xcomp" and attribution.cue in CLAIM_VERBS
        or root.tag_ == "VBG" and root.dep_ in ("xcomp", "ccomp")  # "reported seeing them"
        or attribution.cue in ACCUSING_VERBS)
    if not clause or any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in root.children):
        return False
    return topics is None or any(t.pos_ in ("NOUN", "PROPN") and t.lower_ in topics for t in content)


def _asks(parsed: Doc, attribution: AttributionMention, root: Token) -> bool:
    """The cue asks or promises, or the content is a question, asked or reported."""
    if attribution.cue in ASKING_VERBS:
        return True
    after = attribution.content_tokens[-1] + 1 if attribution.content_tokens else len(parsed)
    return after < len(parsed) and parsed[after].text == "?" or any(
        c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in root.children)


def _content_root(parsed: Doc, attribution: AttributionMention) -> Token | None:
    """The syntactic head of the attribution's content: its clause's verb."""
    if attribution.content_span:
        span = parsed.char_span(*attribution.content_span, alignment_mode="expand")
        if span is not None and len(span):
            return span.root
    return None


_LOCATING = words("attribution", "locating_words")
_DISTANCES = {"km", "mi", "m", "mile", "kilometre", "kilometer", "metre", "meter", "yard", "foot"}


def background_aside(parsed: Doc, anchor: int) -> bool:
    """The figure is background the outlet adds inside someone's words, so no one else stands
    behind it: a distance that places somewhere ("found outside the town, 200 km south of
    the capital, police said"). (A figure in a non-restrictive relative clause, "the leader,
    who has not been seen for six weeks, had surgery, a lawmaker said", was tried as
    background too and lowered status on the check bodies: such asides are as often the
    speaker's.)"""
    token = parsed[anchor]
    unit = token.head if token.head.i != token.i else token
    if (unit.lemma_.lower() in _DISTANCES or unit.lower_ in _DISTANCES) and any(
            t.lower_ in _LOCATING for t in parsed[unit.i + 1 : unit.i + 3]) and any(
            t.dep_ == "pobj" and t.ent_type_ in ("GPE", "LOC", "FAC") for t in unit.head.subtree):
        return True
    return False


def _figure_claim(document, sentence, parsed, mention: QuantityMention,
                  mentions) -> tuple[Claim, str]:
    attribution = covering(mentions, mention.anchor)
    if attribution is not None and background_aside(parsed, mention.anchor):
        attribution = None
    cue_token = _token_at(parsed, attribution.cue_span) if attribution and attribution.cue_span else None
    quantity = mention.quantity
    status, cause = figure_status_cause(parsed, mention.anchor, attribution, cue_token=cue_token,
                                        approximate=quantity.approx == ABOUT)
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
    ), cause


def _statement_claim(document, sentence, parsed, attribution, statement: Statement, *,
                     root: Token | None = None) -> tuple[Claim, str]:
    """A key statement, with its cause: it spans what it asserts, confirms or denies (its
    target): the subtree of ``root`` when given, else the attribution's content, else its
    sentence."""
    span = attribution.content_span if attribution is not None and root is None else None
    target_span = span
    if target_span is None and root is not None:
        subtree = list(root.subtree)
        target_span = (subtree[0].idx, subtree[-1].idx + len(subtree[-1]))
    target = parsed.text[target_span[0] : target_span[1]].strip() if target_span else None
    start, end = (sentence.start + span[0], sentence.start + span[1]) if span else (sentence.start, sentence.end)
    return Claim(
        id=claim_id(document.content_hash, start, end, statement.kind),
        doc=document.doc,
        sentence=sentence.text,
        sentence_start=sentence.start,
        start=start,
        end=end,
        status=statement.status,
        kind=statement.kind,
        event=attribution.cue if attribution else None,
        attribution=_attribution(sentence, attribution),
        published=document.published,
        event_date=_statement_date(sentence, document.published),
        target=target,
        polarity=statement.polarity,
    ), statement.cause or statement.kind


def _wraps_another(attribution: AttributionMention, mentions, parsed: Doc) -> bool:
    """The attribution's content holds another attribution's cue: it only relays it."""
    content = set(attribution.content_tokens)
    for other in mentions:
        if other is not attribution and other.cue_span:
            cue = _token_at(parsed, other.cue_span)
            if cue is not None and cue in content:
                return True
    return False


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
