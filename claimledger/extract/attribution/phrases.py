"""Reading a source phrase: its name, title, role, affiliation, whether it is definite or
anonymous, and what a pronoun in its sentence may refer to."""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimledger.extract import lexicons as lex
from claimledger.extract import vocab
from claimledger.extract.attribution.records import Tokens
from claimledger.extract.attribution.syntax import NAME_LABELS, SUBJECT_DEPS

_PERSONAL_HONORIFICS = vocab.words("attribution", "personal_honorifics")
_INDEFINITE = vocab.words("attribution", "indefinite_determiners")
_ANONYMOUS = re.compile(lex.ANONYMOUS_PATTERN, re.IGNORECASE)


def definite(head: Token) -> bool:
    """"the agency", "its report": a phrase that refers back to something known."""
    return any(c.dep_ in ("det", "poss") and c.lower_ not in _INDEFINITE
               for c in head.children)


def name_head(head: Token) -> Token | None:
    """The token naming the source: the head if it is a name, else a name in apposition
    ("its spokeswoman, Ilsa Marrek")."""
    if head.ent_type_ in NAME_LABELS or head.pos_ == "PROPN":
        return head
    for child in head.children:
        if child.dep_ == "appos" and (child.ent_type_ in NAME_LABELS or child.pos_ == "PROPN"):
            return child
    return None


def _name_span(token: Token) -> Tokens:
    """The tokens of the name a token is part of, without a determiner or the titles before
    it ("Prime Minister", "Mr") and without a bracketed acronym after it."""
    doc = token.doc
    start, end = token.i, token.i + 1
    titles = lex.HONORIFICS | lex.PERSON_ROLES | lex.TITLE_WORDS
    if token.ent_type_:
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        # A first name the entity tagger left out ("Ana" of "Ana Cole" tagged apart).
        while start > 0 and _untagged_first_name(doc[start - 1], titles):
            start -= 1
    else:
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
            start -= 1
    bracket = next((t.i for t in doc[token.i + 1:end] if t.text == "("), None)
    if bracket is not None:
        end = bracket  # "National Civil Protection Directorate (NCPD)"
    organisation = doc[end - 1].lower_ in lex.ORG_NAME_WORDS
    while end - start > 1 and (doc[start].lower_ in ("the", "a") or not organisation and (
            doc[start].lower_.rstrip(".") in titles)):
        start += 1
    return start, end


def _untagged_first_name(token: Token, titles: frozenset[str]) -> bool:
    return (token.pos_ == "PROPN" and token.dep_ == "compound" and not token.ent_type_
            and token.lower_.rstrip(".") not in titles)


def words_of_name(token: Token) -> list[str]:
    """The words of a name (see ``_name_span``)."""
    start, end = _name_span(token)
    return [t.text for t in token.doc[start:end] if t.tag_ != "POS"] or [token.text]


def name_text(token: Token) -> str:
    """A name as written ("Jean-Pierre Henraux"), without a trailing possessive."""
    start, end = _name_span(token)
    while end - 1 > start and token.doc[end - 1].tag_ == "POS":
        end -= 1
    return token.doc[start:end].text


def honorific_of(name_token: Token) -> str | None:
    """"Mr", "Ms.", "Dr" before a name (inside or outside spaCy's entity)."""
    doc = name_token.doc
    for index in range(name_token.i - 1, max(-1, name_token.i - 5), -1):
        word = doc[index].lower_.rstrip(".")
        if word in _PERSONAL_HONORIFICS:
            return word
        if doc[index].pos_ != "PROPN":
            break
    return None


def role_words_of(head: Token, name_token: Token | None) -> list[str]:
    """The role a phrase gives its source, lower-cased: "interior minister" (a title before
    the name), "spokeswoman" (an apposition), "coordinator" ("the network's coordinator")."""
    words: list[str] = []
    role_head: Token | None = head
    if name_token is not None:
        name_start = _name_span(name_token)[0]
        words.extend(t.lower_ for t in name_token.doc[name_token.left_edge.i:name_start]
                     if t.pos_ in ("NOUN", "ADJ", "PROPN") and t.ent_type_ not in ("ORG", "GPE")
                     and t.lower_.rstrip(".") not in _PERSONAL_HONORIFICS)
        holders = [name_token, name_token.head] if name_token.dep_ == "appos" else [name_token]
        # An apposition of the name, or beside it ("Lusk Ferry, the town's mayor, Grigor Palassi").
        appositions = [c for h in holders for c in h.children
                       if c.dep_ == "appos" and c.pos_ == "NOUN"]
        role_head = head if head != name_token else next(iter(appositions), None)
    if role_head is not None and (name_token is None or role_head != name_token):
        words.extend(t.lower_ for t in role_head.lefts if t.dep_ in ("compound", "amod")
                     and t.ent_type_ not in ("ORG", "GPE", "PERSON"))
        words.append(role_head.lower_)
    return words


def affiliation_of(head: Token, name_token: Token | None) -> Token | None:
    """The body a source belongs to: "for the NCPD", "at the directorate", "its", "the
    network's", "of Kelmar Technical University", "a company spokesman", "her office"."""
    holders = [head] if name_token is None or name_token == head else [head, name_token]
    holders += [c for h in list(holders) for c in h.children
                if c.dep_ == "appos" and c != name_token]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ in ("for", "at", "of", "with", "from"):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and (obj.ent_type_ == "ORG"
                                        or obj.lemma_.lower() in lex.ORG_HEADS):
                    return obj
        for child in holder.lefts:
            if child.dep_ != "compound" or child.lower_.rstrip(".") in lex.HONORIFICS:
                continue
            if child.pos_ == "PROPN" and holder.pos_ == "PROPN" and not child.is_upper:
                continue  # part of the name itself ("Hanna" in "Hanna Ilves")
            if child.ent_type_ == "ORG" or child.lemma_.lower() in lex.ORG_HEADS or (
                    child.is_upper and child.is_alpha and len(child) > 1):
                return child
    return None


def anonymous_description(head: Token, organisation: str | None) -> str | None:
    """"anonymous senior NCPD official" for "a senior official at the directorate, who spoke
    on condition of anonymity"; "anonymous sources" for "sources" or "people familiar with
    the matter"."""
    if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG"):
        return None
    lemma = head.lemma_.lower()
    modifiers = {t.lower_ for t in head.lefts}
    described = head.doc[head.i:head.right_edge.i + 1].text
    if not (lemma in lex.ANONYMOUS_HEADS or modifiers & lex.ANONYMOUS_MODIFIERS or (
            lemma in lex.PERSON_ROLES | lex.PEOPLE_NOUNS and _ANONYMOUS.search(described))):
        return None
    if lemma in lex.PEOPLE_NOUNS:
        return "anonymous sources"
    words = [t.lower_ for t in head.lefts if t.dep_ in ("amod", "compound")
             and t.lower_ not in lex.ANONYMOUS_MODIFIERS and t.lower_ not in ("other", "another")]
    return "anonymous " + " ".join(words + ([organisation] if organisation else []) + [head.lower_])


def antecedents_in_sentence(pronoun: Token, kinds: tuple[str, ...]) -> list[Token]:
    """What a pronoun may refer to in its own sentence, best first: the nearest subjects
    before it ("The directorate also raised its count"), then for a person any person named
    before it ("police arrested Baba Rampal when he refused")."""
    before = list(reversed(pronoun.doc[:pronoun.i]))
    found = [t for t in before if t.dep_ in SUBJECT_DEPS and (
        "person" in kinds and t.ent_type_ == "PERSON"
        or "org" in kinds and (t.ent_type_ == "ORG" or t.lemma_.lower() in lex.ORG_HEADS))]
    if "person" in kinds:
        found += [t for t in before if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" or (
            t.ent_type_ == "PERSON" and t.head.ent_type_ != "PERSON") and t not in found]
    return found


def core_words(head: Token) -> list[str]:
    """The head noun with its compounds and adjectives: "civil protection agency" for "the
    country's civil protection agency"."""
    doc = head.doc
    start = head.i
    while start > 0 and doc[start - 1].dep_ in ("compound", "amod", "nmod", "nummod") \
            and start - 1 <= doc[start - 1].head.i <= head.i:
        start -= 1
    while start < head.i and doc[start].dep_ == "nummod" and head.tag_ in ("NNS", "NNPS"):
        start += 1  # "two police officers": how many spoke is no part of who they are
    return [t.text if t.pos_ == "PROPN" or t.ent_type_ else t.lower_ for t in doc[start:head.i + 1]]
