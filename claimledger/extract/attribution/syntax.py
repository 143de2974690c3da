"""Syntax helpers the attribution rules share: what a token is (a cue verb, someone who can
hold a view) and the token ranges of sources, cues and contents."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.extract import lexicons as lex
from claimledger.extract.attribution.records import Tokens
from claimledger.extract import vocab

CONTENT_DEPS = {"ccomp", "parataxis", "csubj"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
PRONOUNS = (set(lex.PERSON_PRONOUNS) | lex.THING_PRONOUNS | lex.GROUP_PRONOUNS
            | lex.SPEAKER_PRONOUNS)
QUOTE_CHARS = {'"', "“", "”", "''", "``", "‘", "’", "'"}
DASHES = {"―", "—", "--"}
QUOTING_VERBS = vocab.words("attribution", "quoting_verbs")
# Words written with a cue: "has not yet confirmed", "called for", "pointed out".
_CUE_MODIFIERS = {"aux", "auxpass", "neg", "advmod"}
_CUE_PREPOSITIONS = vocab.words("attribution", "cue_prepositions")
_DEMONSTRATIVES = vocab.words("attribution", "demonstratives")
_AGENT_NOUNS = (lex.PERSON_ROLES | lex.ORG_HEADS | lex.GROUP_NOUNS | lex.ANONYMOUS_HEADS
                | lex.HUMAN_NOUNS | lex.PEOPLE_NOUNS | lex.MEDIA_WORDS
                | vocab.words("attribution", "agent_nouns"))
_DOCUMENT_HEADS = lex.DOCUMENT_NOUNS | vocab.words("attribution", "document_heads")
_THING_SUFFIXES = vocab.word_list("attribution", "thing_suffixes")
_THING_NOUNS = vocab.words("attribution", "thing_nouns")


def cue_lemma(token: Token) -> str:
    """A word's lemma, lower-cased, with the cue lemmas en_core_web_sm gets wrong put right
    ("hoping" is not a form of "hop")."""
    return lex.MISLEMMATISED.get(token.lower_) or token.lemma_.lower()


def acts_as_verb(token: Token) -> bool:
    """A verb, or a cue the tagger took for a noun but parsed as a predicate ("..., the
    directorate estimates." with "estimates" a NOUN governing the clause)."""
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "NOUN" and token.tag_ == "NNS" and has_child(token, "ccomp")


def agent_of(verb: Token) -> Token | None:
    """The pobj of "by" in a passive: "31 deaths have been confirmed by the directorate"."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def is_agent(token: Token) -> bool:
    """Whether a phrase can stand behind a statement: a person, a group of people, an
    organisation, an outlet, a government body, a document or data set, or a pronoun for one;
    not a thing or an abstraction ("the evidence shows", "the facts suggest", "that said")."""
    lemma = token.lemma_.lower()
    if lemma in lex.RELATIVE_PRONOUNS and token.head.dep_ in ("relcl", "acl"):
        return is_agent(token.head.head)  # "a poll that shows": its antecedent's
    if token.pos_ == "PRON" or token.lower_ in PRONOUNS:
        return not (token.tag_ == "DT" and lemma in _DEMONSTRATIVES)
    if token.pos_ == "PROPN" or token.ent_type_ in NAME_LABELS or share_of_people(token):
        return True
    if lemma in _AGENT_NOUNS or is_document(token):
        return True
    if is_thing(token):
        return False
    # Other plurals mostly name people ("rebels", "troops"); a singular noun needs its
    # determiner to be someone ("the coastguard", "one employee"): one without is a mass
    # noun ("crime", "precedent").
    return token.tag_ == "NNS" or any(c.dep_ in ("det", "poss", "nummod", "predet")
                                      for c in token.children)


def is_document(token: Token) -> bool:
    """A report, a poll, a record, a filing: a document or data set that can be a source."""
    return token.lemma_.lower() in _DOCUMENT_HEADS


def is_thing(token: Token) -> bool:
    """An abstraction, an event or a circumstance, by its ending or its class
    ("developments", "revelations", "the facts", "Background:"), never someone."""
    lemma = token.lemma_.lower()
    if lemma in _AGENT_NOUNS or is_document(token):
        return False
    common = token.pos_ != "PROPN" and not token.is_upper  # "HARDING" is no gerund
    return lemma in _THING_NOUNS or common and lemma.endswith(_THING_SUFFIXES)


def share_of_people(token: Token) -> bool:
    """"55 percent said", "a majority of Republicans support", "about 4 in 10 say": a share
    of those polled, which speaks for them."""
    return token.like_num or token.lower_ in lex.SHARE_WORDS


def is_quoting(verb: Token) -> bool:
    """"X was quoted as saying": the passive subject of quote or cite is the speaker."""
    return verb.lemma_.lower() in QUOTING_VERBS


def has_clause(verb: Token) -> bool:
    return any(c.dep_ in CONTENT_DEPS for c in verb.children)


def has_child(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


def marked_as(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def quote_between(first: Token, second: Token) -> bool:
    return any(t.text in QUOTE_CHARS for t in first.doc[first.i + 1:second.i])


# Spans ---------------------------------------------------------------------------------------

def cue_phrase(verb: Token) -> Tokens:
    """The cue as written: the verb with the auxiliaries, negation and adverbs right before
    it ("has not yet confirmed") and its particle or preposition ("called for")."""
    doc = verb.doc
    start, end = verb.i, verb.i + 1
    while start > 0 and doc[start - 1].head == verb and doc[start - 1].dep_ in _CUE_MODIFIERS:
        start -= 1
    while end < len(doc) and doc[end].head == verb and (doc[end].dep_ == "prt" or (
            doc[end].dep_ == "prep" and doc[end].lower_ in _CUE_PREPOSITIONS)):
        end += 1
    return start, end


def source_phrase(head: Token, cue: Token | None) -> Tokens:
    """The token range of a source phrase as written, never reaching into its cue, nor into
    a clause set off by a comma ("Lind, who chairs the panel,", "Lind, speaking on radio,")."""
    if head.lower_ in lex.RELATIVE_PRONOUNS or head.lower_ in PRONOUNS:
        return head.i, head.i + 1
    start, end = head.left_edge.i, head.right_edge.i + 1
    doc = head.doc
    aside = next((c for c in head.rights if c.dep_ in ("relcl", "acl")
                  and doc[c.left_edge.i - 1].text == ","), None)
    if aside is not None:
        end = aside.left_edge.i - 1
    # A dateline or a label before the name is no part of it ("LONDON (AP) — The mayor"),
    # nor what follows a colon after it ("Lind: ‘We will ...").
    breaks = [t.i for t in doc[start:head.i] if breaks_phrase(t)]
    if breaks:
        start = breaks[-1] + 1
    end = next((t.i for t in doc[head.i + 1:end] if t.text == ":"), end)
    if cue is not None and start <= cue.i < end:
        if cue.i < head.i:
            start = cue.i + 1
        else:
            end = cue.i
    while end > start + 1 and (doc[end - 1].is_punct and doc[end - 1].text != ")"
                               or doc[end - 1].dep_ in ("cc", "case")):
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return start, end


def breaks_phrase(token: Token) -> bool:
    """A dash or colon that ends a dateline or label: a hyphen only with spaces around it
    ("Reuters - The mayor"), never inside a name ("Jean-Pierre")."""
    if token.text in DASHES or token.text in ("–", ":"):
        return True
    return token.text == "-" and bool(token.whitespace_) and token.i > 0 \
        and bool(token.doc[token.i - 1].whitespace_)


def clause_without(doc: Doc, anchor: Token, phrase: Tokens) -> Tokens | None:
    """The clause a phrase modifies, less the phrase where it sits at the clause's edge."""
    head = anchor.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX") or head.head == head:
            break
        head = head.head
    start, end = head.left_edge.i, head.right_edge.i + 1
    if phrase[0] <= head.i < phrase[1]:
        start, end = 0, len(doc)
    if phrase[0] <= start:
        start = max(start, phrase[1])
    elif phrase[1] >= end:
        end = min(end, phrase[0])
    return trim(doc, start, end)


def trim(doc: Doc, start: int, end: int) -> Tokens | None:
    """A token range without the punctuation and linking words at its edges."""
    while start < end and (doc[start].is_punct or doc[start].lower_ in ("and", "but", "that")
                           and doc[start].dep_ in ("cc", "mark")):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return (start, end) if end > start else None


def span_length(tokens: Tokens | None) -> int:
    return tokens[1] - tokens[0] if tokens else 0


def char_span(sent: Doc, tokens: Tokens | None) -> tuple[int, int] | None:
    if tokens is None:
        return None
    first, last = sent[tokens[0]], sent[tokens[1] - 1]
    return first.idx, last.idx + len(last.text)
