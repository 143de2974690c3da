"""Sources in a document: the attributions of each sentence, in reading order, with their
sources named once per document and their chains of intermediaries."""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.extract import lexicons as lex
from claimledger.extract.attribution.intermediaries import enclosing
from claimledger.extract.attribution.quotes import Quotes
from claimledger.extract.attribution.records import AttributionMention, Relation
from claimledger.extract.attribution.registry import Registry
from claimledger.extract.attribution.relations import find_relations
from claimledger.extract.attribution.resolve import SourceResolver
from claimledger.extract.attribution.syntax import SUBJECT_DEPS, char_span, span_length


class DocumentSources:
    """Per-document state: the sources seen so far with their names and roles (the
    registry), and who speaks each quote."""

    def __init__(self, text: str, *, outlet: str | None = None) -> None:
        self._text = text
        self._registry = Registry(text, outlet=outlet)
        self._quotes = Quotes(text)
        self._resolver = SourceResolver(self._registry, self._quotes)

    def attributions(self, sent: Doc, start: int) -> list[AttributionMention]:
        """The attribution relations of one parsed sentence at offset ``start`` of the text."""
        self._registry.position = start
        relations = [r for r in find_relations(sent) if not self._quoted_aside(sent, start, r)]
        # Sources are named in reading order, except "I" and "we": they stand for the speaker
        # of the quote around them, whom a cue later in the sentence may name.
        for relation in sorted(relations, key=_reading_order):
            if relation.source is not None:
                relation.entity = self._resolver.resolve(relation.source, start)
                if relation.entity is not None and relation.source_tokens is not None:
                    written = sent[relation.source_tokens[0]:relation.source_tokens[1]].text
                    self._registry.note_written(relation.entity, written)
            self._note_quote(sent, start, relation)
        for relation in relations:  # outer relations first: inner ones inherit their chain
            self._chain(relation, relations, start)
        mentions = [self._mention(sent, relation) for relation in relations]
        if not relations:
            continuation = self._continuation(sent, start)
            if continuation is not None:
                mentions.append(continuation)
        self._remember(sent, start, relations)
        mentions.sort(key=lambda m: (m.cue_span or m.content_span or (0, 0))[0])
        return mentions

    def merges(self) -> dict[str, list[str]]:
        """Each source of the document so far that was written in more than one way, with
        every form that was merged into it ("Ana Cole": ["Ana Cole", "Mayor Cole", "She"])."""
        return self._registry.merges()

    def _mention(self, sent: Doc, relation: Relation) -> AttributionMention:
        entity = relation.entity
        named = entity if entity is not None and not entity.outlet else None
        span, content = relation.source_tokens, relation.content
        return AttributionMention(
            source=named.name if named is not None else None,
            source_type=named.source_type if named is not None else None,
            mention=sent[span[0]:span[1]].text if span else None,
            cue=relation.cue,
            cue_class=relation.cue_class,
            via=relation.via,
            via_rules=relation.via_rules,
            source_span=char_span(sent, span),
            cue_span=char_span(sent, relation.cue_tokens),
            content_span=char_span(sent, content),
            content_tokens=range(content[0], content[1]) if content else range(0),
            negated=relation.negated,
        )

    def _quoted_aside(self, sent: Doc, start: int, relation: Relation) -> bool:
        """A cue inside someone's quote ('“I think we can win,” she said') is part of what
        they said; it is kept only when it names a third source by name or as a body."""
        if relation.cue_tokens is None or relation.cue == ":":
            return False
        at = start + sent[relation.cue_tokens[0]].idx
        if not self._quotes.between(at, at + 1):
            return False
        source = relation.source
        return source is None or not (
            source.pos_ == "PROPN" or source.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            or source.lemma_.lower() in lex.ORG_HEADS | lex.DOCUMENT_NOUNS)

    def _chain(self, relation: Relation, relations: list[Relation], start: int) -> None:
        """Intermediaries from the page down: the enclosing relation's chain and source, then
        this relation's own translators and media."""
        outer = relation.outer or enclosing(relation, relations)
        via: list[tuple[str, str]] = []  # (name, the chain rule that put it there)
        if outer is not None and outer.cue_class != "denied":
            via.extend(zip(outer.via, outer.via_rules))
            if outer.entity is not None and not outer.entity.outlet:
                via.append((outer.entity.name, "citing" if relation.cue == "citing" else "nested cue"))
        for token, rule in relation.intermediaries:
            entity = self._resolver.resolve(token, start)
            if entity is not None and not entity.outlet:
                via.append((entity.name, rule))
        own = relation.entity.name if relation.entity is not None else None
        names = [name for name, _ in via]
        kept = [(name, rule) for i, (name, rule) in enumerate(via)
                if name != own and name not in names[:i]]
        relation.via = [name for name, _ in kept]
        relation.via_rules = [rule for _, rule in kept]

    def _note_quote(self, sent: Doc, start: int, relation: Relation) -> None:
        """Remember who speaks the quotes a relation covers, for the sentences that go on."""
        if relation.entity is None or relation.content is None:
            return
        first = start + sent[relation.content[0]].idx
        last = start + sent[relation.content[1] - 1].idx + 1
        self._quotes.note(self._quotes.between(first, last), (relation.entity, relation.cue),
                          start + len(sent.text))

    def _continuation(self, sent: Doc, start: int) -> AttributionMention | None:
        """A sentence that only continues a quote: '“Every house will be searched.”'. Its
        speaker is the quote's, else the one named right after the quote closes, else the
        speaker of the quote that ended right before it."""
        quotes = self._quotes
        end = start + len(sent.text)
        regions = quotes.between(start, end)
        if not regions:
            return None
        quoted = sum(min(end, quotes.regions[i][1]) - max(start, quotes.regions[i][0])
                     for i in regions)
        if quoted < 0.6 * len(sent.text.strip()):
            return None
        speaker = next((quotes.speakers[i] for i in regions if i in quotes.speakers), None)
        mention = None
        if speaker is None:
            for text, cue in quotes.tails(regions[-1]):
                entity = self._resolver.resolve_text(text)
                if entity is not None:
                    speaker, mention = (entity, cue), text
                    break
        if speaker is None and quotes.last is not None:
            entity, cue, previous_end = quotes.last
            if not self._text[previous_end:start].strip():
                speaker = (entity, cue)
        if speaker is None:
            return None
        quotes.note(regions, speaker, end)
        entity, cue = speaker
        if mention is not None:
            self._registry.note_written(entity, mention)
        first = max(0, quotes.regions[regions[0]][0] - start)
        last = min(len(sent.text), quotes.regions[regions[-1]][1] - start)
        tokens = [t.i for t in sent if first <= t.idx < last and not t.is_punct]
        content = (tokens[0], tokens[-1] + 1) if tokens else None
        return AttributionMention(
            source=None if entity.outlet else entity.name,
            source_type=None if entity.outlet else entity.source_type,
            mention=mention, cue=cue, cue_class=lex.CUE_CLASSES.get(cue or "", "reported"),
            via=[], source_span=None, cue_span=None, content_span=char_span(sent, content),
            content_tokens=range(*content) if content else range(0),
        )

    def _remember(self, sent: Doc, start: int, relations: list[Relation]) -> None:
        """Remember the people and organisations a sentence names, so that a later pronoun,
        role or short form can refer to them; its subject, then its speakers (the outermost
        last), count as the most recent."""
        for ent in sent.ents:
            if ent.label_ in ("PERSON", "ORG") and ent.root.dep_ != "compound":
                self._resolver.resolve_phrase(ent.root, start)
        root = sent[:].root
        subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN") and not relations:
            self._resolver.resolve(subject, start)
        for relation in sorted(relations, key=lambda r: span_length(r.content)):
            if relation.entity is not None:
                self._registry.touch(relation.entity)


def _reading_order(relation: Relation) -> tuple[bool, int]:
    source = relation.source
    if source is None:
        return False, 0
    return source.lower_ in lex.SPEAKER_PRONOUNS, source.i


def covering(mentions: list[AttributionMention], token: int) -> AttributionMention | None:
    """The innermost attribution whose content covers token (a figure's token), or None."""
    # Of two with the same content, the one with the longer chain is the inner one.
    inside = [m for m in mentions if token in m.content_tokens]
    return min(inside, key=lambda m: (len(m.content_tokens), -len(m.via)), default=None)
