"""What is said: the token range a cue attributes (its clause, object, quote or the clause
it is an aside of), and how the cue qualifies it (negated, a naming, a demand)."""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.extract import lexicons as lex
from claimledger.extract import vocab
from claimledger.extract.attribution.records import Tokens
from claimledger.extract.attribution.syntax import (
    CONTENT_DEPS,
    QUOTE_CHARS,
    SUBJECT_DEPS,
    has_child,
    is_document,
    is_quoting,
    marked_as,
    trim,
)

_NEGATING_VERBS = vocab.words("attribution", "negating_verbs")
_WRAPPER_VERBS = _NEGATING_VERBS | vocab.words("attribution", "wrapper_verbs")


def verb_content(verb: Token, lemma: str, passive: bool) -> Tokens | None:
    """The token range a reporting verb attributes, by the first rule that finds one."""
    doc = verb.doc
    # 1. Its clause: "said [that 500 died]", '"[500 died]," she said'; not a clause that
    # introduces it ("Estimates run higher: the bank puts the bill at ...").
    for child in verb.children:
        if child.dep_ in CONTENT_DEPS and child.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN"):
            after = child.right_edge.i + 1
            if child.i < verb.i and after < len(doc) and doc[after].text in (":", ";"):
                continue
            return trim(doc, child.left_edge.i, child.right_edge.i + 1)
    # 2. "quoted as saying ...", "expects the toll to climb".
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as" and is_quoting(verb):
            return trim(doc, child.i + 1, child.right_edge.i + 1)
        if child.dep_ == "xcomp" and child.lemma_.lower() not in lex.CUE_CLASSES \
                and lemma not in lex.CLAUSE_ONLY_CUES and lemma != "say":
            return trim(doc, child.left_edge.i, child.right_edge.i + 1)
    # 3. The figure a few cues, or any cue of a document, take as object or passive subject:
    # "confirmed 31 deaths", "the survey found Cole with a lead of 7 points",
    # "31 deaths were confirmed by", "the toll was put at 86 by", "the $450 million it
    # announced", "... reported by Y".
    if lemma in lex.OBJECT_CUES or _said_by_document(verb):
        if passive:
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subject is not None and subject.lower_ != "it":
                return trim(doc, subject.left_edge.i, max(subject.right_edge.i + 1,
                                                          object_end(verb)))
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "pcomp")), None)
        if obj is not None:
            return trim(doc, obj.left_edge.i, object_end(verb))
        if verb.dep_ in ("relcl", "acl"):
            return trim(doc, verb.head.left_edge.i, verb.left_edge.i)
    # 4. A quote right after the cue: 'She added: "We will not give up."', or closing right
    # before it and its subject: '"Really," she added', parsed with the quote as an adverb.
    quote = _adjacent_quote(verb) or _preceding_quote(verb)
    if quote is not None:
        return quote
    # 5. The mis-parse that hangs the cue from its content: "500 died, the agency said".
    return governing_clause(verb)


def stance_clause(verb: Token) -> Tokens | None:
    """The clause a verb governs ("complained that ..."), if any."""
    child = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    return trim(verb.doc, child.left_edge.i, child.right_edge.i + 1) if child is not None else None


def object_end(verb: Token) -> int:
    """Where a verb's object content ends: before a coordinated verb ("... and said ...")."""
    end = verb.i + 1
    for child in verb.rights:
        if child.dep_ in ("conj", "cc"):
            break
        if child.dep_ == "punct" or (child.dep_ in ("advcl", "parataxis")
                                     and child.lemma_.lower() in lex.CUE_CLASSES):
            continue
        end = child.right_edge.i + 1
    return end


def governing_clause(verb: Token, *, aside: bool = False) -> Tokens | None:
    """'500 died, the agency said' or 'The toll, he said, will rise' parsed with "said"
    under the content verb: the content is that verb's clause (around the cue when it is an
    ``aside`` such as "as X put it", which may open the sentence)."""
    head = verb.head
    if head == verb or verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj", "dep"):
        return None
    doc = verb.doc
    if aside:
        start, end = verb.left_edge.i, verb.right_edge.i + 1
        if start == head.left_edge.i:
            return trim(doc, end, head.right_edge.i + 1)
        return trim(doc, head.left_edge.i, start)
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() in lex.CUE_CLASSES:
        return None
    left, right = verb.left_edge.i, verb.right_edge.i
    while left < verb.i and doc[left].is_punct:
        left += 1
    while right > verb.i and doc[right].is_punct:
        right -= 1
    # An aside is set off by punctuation; "as officials said" is no content of its own.
    if left == 0 or not doc[left - 1].is_punct or any(c.dep_ == "mark" for c in verb.children):
        return None
    if right + 1 < len(doc) and not doc[right + 1].is_punct:
        return None
    if verb.i < head.i:  # "All of this, he acknowledges, could be undone"
        return trim(doc, head.left_edge.i, head.right_edge.i + 1)
    return trim(doc, head.left_edge.i, left)


def _said_by_document(verb: Token) -> bool:
    """"The survey found Cole with a lead of 7 points": what a document's cue takes as its
    object is what the document reports."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and is_document(subject)


def _adjacent_quote(verb: Token) -> Tokens | None:
    """'She added: "We will not give up."': a quote right after the cue (and its subject)."""
    doc = verb.doc
    index = verb.i + 1
    while index < len(doc) and (doc[index].dep_ in SUBJECT_DEPS
                                or doc[index].is_punct and doc[index].text not in QUOTE_CHARS):
        index += 1
    if index < len(doc) and doc[index].text in QUOTE_CHARS:
        close = next((t.i for t in doc[index + 1:] if t.text in QUOTE_CHARS), len(doc))
        return trim(doc, index + 1, close)
    return None


def _preceding_quote(verb: Token) -> Tokens | None:
    """'"Denver," he answered': the quote that closes right before the cue and its subject."""
    doc = verb.doc
    subjects = [c.left_edge.i for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i]
    index = min(subjects, default=verb.i) - 1
    while index >= 0 and doc[index].is_punct and doc[index].text not in QUOTE_CHARS:
        index -= 1
    if index < 1 or doc[index].text not in QUOTE_CHARS:
        return None
    opening = next((t.i for t in reversed(doc[:index]) if t.text in QUOTE_CHARS), -1)
    return trim(doc, opening + 1, index)


def naming(verb: Token) -> tuple[Tokens, bool] | None:
    """"called the reports a hoax", "described the incident as a 'terrible situation'",
    "dismissed as fabricated a report": what is named and what it is called; a denial when
    the name says the thing is false."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubj") and c.i > verb.i), None)
    complements = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp")]
    for holder in (verb, obj) if obj is not None else (verb,):
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                complements.extend(child.children)
            elif holder == verb and child.dep_ == "advcl" and (
                    child.tag_ == "VBN" or any(c.lower_ == "as" for c in child.children)):
                complements.append(child)  # "dismissed as fabricated", "dismissed it as fake"
    if not complements and obj is not None:
        # 'called the plan "a reckless gamble"' parsed with the name as the object's apposition,
        # "branded it a hoax" with the name as a second object.
        complements = [c for c in obj.children if c.dep_ == "appos"] + [
            c for c in verb.children if c.dep_ in ("dobj", "npadvmod") and c.i > obj.i]
    if not complements:
        return None
    edges = complements + ([obj] if obj is not None else [])
    start, end = min(t.left_edge.i for t in edges), max(t.right_edge.i for t in edges) + 1
    content = trim(verb.doc, start, end)
    if content is None:
        return None
    return content, any({t.lower_ for t in c.subtree} & lex.DENIAL_WORDS for c in complements)


def call_for(verb: Token) -> Tokens | None:
    """"called for a parliamentary inquiry", "called on X to resign", "called for the
    council to resign" (parsed as a clause marked by "for"): a demand."""
    for child in verb.children:
        if child.dep_ in ("prep", "prt") and child.lower_ == "for":
            return trim(verb.doc, child.i + 1, max(child.right_edge.i, child.i) + 1)
        if child.dep_ == "advcl":
            mark = next((m for m in child.children if m.dep_ == "mark" and m.lower_ == "for"
                         and m.i > verb.i), None)
            if mark is not None:
                return trim(verb.doc, mark.i + 1, child.right_edge.i + 1)
        if child.dep_ in ("prep", "prt") and child.lower_ == "on" and any(
                c.dep_ == "xcomp" for c in verb.children):
            return trim(verb.doc, child.i + 1, verb.right_edge.i + 1)
    return None


def topic(verb: Token) -> Tokens | None:
    """"spoke of 14 dead", "talked about the test", "pointed to reports that ...", "pointed
    out the gap": what was spoken of or pointed at."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "about", "to"):
            return trim(verb.doc, child.i + 1, child.right_edge.i + 1)
        if child.dep_ == "dobj" and any(c.dep_ == "prt" and c.lower_ == "out"
                                        for c in verb.children):
            return trim(verb.doc, child.left_edge.i, child.right_edge.i + 1)
    return None


def puts_it(verb: Token) -> bool:
    """"as the minister put it, ...": the statement is the clause the aside qualifies."""
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children) and marked_as(verb)


def put_at(verb: Token) -> bool:
    """"puts the number ... at up to 400": an "at" somewhere after the verb in its clause."""
    return any(t.lower_ == "at" and t.i > verb.i for t in verb.subtree)


def introduces_quote(verb: Token) -> bool:
    """'The governor added:' or 'Limbaugh continued:': a cue that opens a quote to come."""
    after = verb.i + 1
    return after < len(verb.doc) and verb.doc[after].text == ":"


def intends(verb: Token, cue_class: str) -> bool:
    """"hopes to win", "expects to hire": a belief or estimate about what one will do is a
    stance of its subject, though the infinitive is an intention, not content."""
    return cue_class in ("claimed", "estimated") and any(
        c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and has_child(c, "aux")
        for c in verb.children)


def wraps_cue(verb: Token) -> bool:
    """"declined to say", "continued to insist": the inner verb carries the relation."""
    return verb.lemma_.lower() in _WRAPPER_VERBS and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in lex.CUE_CLASSES for c in verb.children)


def is_negated(verb: Token) -> bool:
    """"did not confirm", "would not say", "declined to say"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and (head.lemma_.lower() in _NEGATING_VERBS
                                     or any(c.dep_ == "neg" for c in head.children))


def owner_of(noun: Token) -> Token | None:
    """Who a figure or document belongs to: "the ministry's", "from the NCPD", "by Harvard",
    "Pentagon figures"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")
                                    or obj.lemma_.lower() in lex.ORG_HEADS | lex.PERSON_ROLES):
                return obj
    for child in noun.lefts:
        if child.dep_ == "compound" and child.ent_type_ in ("ORG", "PERSON", "NORP", "GPE"):
            return child
    # en_core_web_sm often loses a possessive ("far above the Ministry of Water and Energy's
    # preliminary estimate"): take the word right before "'s".
    doc = noun.doc
    index = noun.i - 1
    while index >= 0 and doc[index].dep_ in ("amod", "compound"):
        index -= 1
    if index >= 1 and doc[index].tag_ == "POS":
        return doc[index - 1]
    if noun.dep_ == "dobj" and noun.lemma_.lower() in lex.SPEECH_NOUNS \
            and noun.head.lemma_.lower() in lex.ISSUING_VERBS:
        # "the ministry released a statement that ...": the one who issues it
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return None
