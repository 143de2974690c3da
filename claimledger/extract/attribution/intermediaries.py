"""Through whom a statement reached the page: citers ("citing X"), translators, outlets that
reported or quoted it and media it was told to, and the relation each one qualifies."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.extract import lexicons as lex
from claimledger.extract import vocab
from claimledger.extract.attribution.records import Relation
from claimledger.extract.attribution.syntax import (
    NAME_LABELS,
    SUBJECT_DEPS,
    agent_of,
    cue_lemma,
    has_clause,
    span_length,
)

_RELAY_VERBS = vocab.words("attribution", "relay_verbs")
_SPOKEN = vocab.words("attribution", "spoken_nouns")
_RECIPIENT_CUES = vocab.words("attribution", "recipient_cues")
_OCCASION_VERBS = vocab.words("attribution", "occasion_verbs")
# What puts a name in a statement's chain, by the name the per-rule counters ("chain: ...")
# and the explain trace print.
CHAIN_RULES = {
    "citing": "the citer of \"citing X\"",
    "nested cue": "the source of the statement this one is reported in (\"Y reported X said\")",
    "translated by": "a translator (\"as translated by Y\")",
    "relayed by": "an outlet that reported or quoted it (\"as reported by Y\")",
    "interview with": "the medium of an interview or an occasion (\"in an interview with Y\")",
    "told to media": "the medium it was told to (\"told state television\")",
}


def is_intermediary_verb(verb: Token) -> bool:
    """"as translated by Y", "in remarks translated by Y", "as reported by Y": no relation of
    their own; they add Y to the chain of the statement they qualify."""
    lemma = verb.lemma_.lower()
    if lemma in lex.TRANSLATION_WORDS:
        return True
    if lemma not in _RELAY_VERBS or verb.tag_ != "VBN" or agent_of(verb) is None \
            or has_clause(verb):
        return False
    # "the figure of 12,000 reported by South Korean media" is a relation of its own, but
    # "the officials quoted by Gertz said" adds Gertz to the officials' statement.
    if verb.dep_ == "advcl":
        return True
    head = verb.head
    speaker = head.dep_ in SUBJECT_DEPS and head.head.lemma_.lower() in lex.CUE_CLASSES
    return verb.dep_ == "acl" and (head.lemma_.lower() in _SPOKEN or speaker)


def attach_intermediaries(sent: Doc, relations: list[Relation]) -> None:
    """Give each relation the intermediaries its sentence names: the citer of "citing X",
    translators, outlets that reported or quoted it, and media it was told to."""
    for relation in relations:
        if relation.cue == "citing":
            citer = _nearest(relations, relation)
            if citer is not None:
                relation.outer, relation.content = citer, citer.content
    by_cue = {_cue_verb(sent, r).i: r for r in relations if r.cue_tokens and r.cue != "citing"}
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma in lex.TRANSLATION_WORDS or lemma in _RELAY_VERBS and is_intermediary_verb(token):
            target = agent_of(token) or _by_phrase(token)
            rule = "translated by" if lemma in lex.TRANSLATION_WORDS else "relayed by"
        elif lemma == "interview" or (lemma in _OCCASION_VERBS and token.tag_ == "VBG"):
            target, rule = _media_after(token), "interview with"
        else:
            continue
        if target is not None and _names_someone(target):
            owner = _owning_relation(token, relations, by_cue)
            if owner is not None and owner.source != target:
                owner.intermediaries.append((target, rule))
    for relation in relations:
        if relation.cue in _RECIPIENT_CUES:
            for child in _cue_verb(sent, relation).children:
                recipient = None
                if child.dep_ in ("dative", "dobj") and relation.cue == "tell":
                    recipient = child
                elif child.dep_ == "prep" and child.lower_ in ("to", "on"):
                    recipient = next((c for c in child.children if c.dep_ == "pobj"), None)
                if recipient is not None and _is_media(recipient):
                    relation.intermediaries.append((recipient, "told to media"))


def _cue_verb(sent: Doc, relation: Relation) -> Token:
    """The word of a cue phrase that carries the relation ("has said" -> "said")."""
    assert relation.cue_tokens is not None  # asked only of relations with a cue
    start, end = relation.cue_tokens
    return next((t for t in sent[start:end] if cue_lemma(t) == relation.cue), sent[start])


def _nearest(relations: list[Relation], relation: Relation) -> Relation | None:
    """The relation whose cue is closest to a "citing X" (its citer)."""
    assert relation.cue_tokens is not None  # "citing" is a cue of the sentence
    position = relation.cue_tokens[0]
    return _closest([r for r in relations if r.cue != "citing" and r.source is not None], position)


def _closest(relations: list[Relation], position: int) -> Relation | None:
    """The relation with a cue nearest the token ``position``, the first of a tie."""
    cues = [(r.cue_tokens[0], r) for r in relations if r.cue_tokens]
    nearest = min(cues, key=lambda cue: abs(cue[0] - position), default=None)
    return nearest[1] if nearest is not None else None


def _owning_relation(token: Token, relations: list[Relation],
                     by_cue: dict[int, Relation]) -> Relation | None:
    """The relation an intermediary phrase qualifies: the cue it hangs from, else the nearest."""
    head = token
    for _ in range(6):
        if head.i in by_cue:
            return by_cue[head.i]
        if head.head == head:
            break
        head = head.head
    return _closest([r for r in relations if r.cue != "citing"], token.i)


def _by_phrase(token: Token) -> Token | None:
    """The Y of "a translation by Y" or "Y's translation"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "poss":
            return child
    return None


def _media_after(token: Token) -> Token | None:
    """The outlet in "in an interview with Y", "speaking to Y", "said on Y"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "to", "on"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and _is_media(obj):
                return obj
    return None


def _names_someone(token: Token) -> bool:
    """An intermediary must be named: "an interpreter" adds nothing."""
    return token.pos_ == "PROPN" or token.ent_type_ in NAME_LABELS or _is_media(token)


def _is_media(token: Token) -> bool:
    """A news organisation: "state television VTV", "the BBC", "the Kelmar Herald"."""
    words = {t.lower_ for t in token.subtree if t.dep_ not in ("relcl", "prep") and not t.is_punct}
    if words & lex.AUDIENCE_WORDS:
        return False
    if words & lex.MEDIA_WORDS:
        return True
    return token.ent_type_ == "ORG" and bool(words & lex.MEDIA_NAME_WORDS)


def enclosing(relation: Relation, relations: list[Relation]) -> Relation | None:
    """The innermost relation with a longer content that holds this relation's cue; of two
    with the same content, the one nested in the other ("citing X" in "Y reported")."""
    if relation.cue_tokens is None:
        return None
    cue = relation.cue_tokens[0]
    best = None
    for other in relations:
        if other.content is None or span_length(other.content) <= span_length(relation.content):
            continue
        if not other.content[0] <= cue < other.content[1]:
            continue
        if best is None or other.outer is best \
                or span_length(other.content) < span_length(best.content):
            best = other
    return best
