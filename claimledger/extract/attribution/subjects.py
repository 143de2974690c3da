"""Who speaks: the subject of a cue verb, found also where the parse hides it (a shared
subject, an inverted quote tail, a speaker stranded after the content)."""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.extract import lexicons as lex
from claimledger.extract import vocab
from claimledger.extract.attribution.syntax import (
    NAME_LABELS,
    QUOTE_CHARS,
    SUBJECT_DEPS,
    breaks_phrase,
    cue_lemma,
    has_clause,
    is_quoting,
    quote_between,
)

# "acomp": the adjective of "were more likely to say" shares the subject of "were".
_SHARED_SUBJECT_DEPS = {"conj", "xcomp", "advcl", "acomp"}
_SUBJECT_SHARING_PREPOSITIONS = vocab.words("attribution", "subject_sharing_prepositions")
_OCCASION_VERBS = vocab.words("attribution", "occasion_verbs")


def subject_of(verb: Token) -> Token | None:
    """The subject of a cue, or of the verb it shares its subject with ("... and said",
    "saying", "declined to say", "was quoted as saying")."""
    for _ in range(5):
        subject = _nearest_subject(verb)
        if subject is not None and subject.i < verb.i and quote_between(subject, verb):
            subject = _inverted_subject(verb, quoted=True)  # '"... mode," said Leslie Wimes'
        if subject is not None:
            if subject.dep_ == "nsubjpass" and not is_quoting(verb):
                return None
            return _past_dateline(subject, verb)
        found = _inverted_subject(verb) or _absorbed_subject(verb)
        if found is not None:
            return found
        if verb.dep_ == "acl" and (verb.tag_ == "VBG" or has_clause(verb)):
            return verb.head  # "a statement saying that ...", "The bank ..., estimated that"
        if verb.dep_ == "pcomp" and verb.head.lower_ in _SUBJECT_SHARING_PREPOSITIONS:
            verb = verb.head.head
            continue
        if verb.dep_ not in _SHARED_SUBJECT_DEPS or verb.head == verb:
            return _stranded_subject(verb)
        if verb.dep_ == "advcl" and verb.tag_ not in ("VBG", "VBN"):
            return None  # a finite subordinate clause has a subject of its own
        verb = verb.head
    return None


def _past_dateline(subject: Token, verb: Token) -> Token:
    """'KELM, Veldania — Gov. Ana Cole said' parsed with the dateline as the subject and the
    speaker hanging from it: the speaker is the phrase between the dash and the cue."""
    doc = subject.doc
    if subject.left_edge.i != 0 or subject.i > verb.i:
        return subject
    dash = next((t for t in doc[subject.i + 1:verb.i] if breaks_phrase(t)), None)
    if dash is None:
        return subject
    after = doc[dash.i + 1:verb.i]
    return next((t for t in after if not dash.i < t.head.i < verb.i
                 and t.pos_ in ("PROPN", "NOUN", "PRON")), subject)


def _nearest_subject(verb: Token) -> Token | None:
    """The verb's subject; of two, the nearer ("LONDON (AP) - The mayor said" can give both
    the dateline and the mayor as subjects of "said")."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return min(subjects, key=lambda c: abs(c.i - verb.i), default=None)


def _inverted_subject(verb: Token, *, quoted: bool = False) -> Token | None:
    """'"...," said Ilsa Marrek': spaCy sometimes makes the speaker an object of "said", or
    takes a word inside the quote for the subject (``quoted``)."""
    lemma = verb.lemma_.lower()
    if lemma not in lex.QUOTE_TAIL_VERBS.values():
        return None
    doc = verb.doc
    told = lemma == "tell"  # the name after "told" is who was told: '..." told AFP'
    if quoted:
        # The speaker sits between the closing quote and the verb, else right after it.
        close = max(t.i for t in doc[:verb.i] if t.text in QUOTE_CHARS)
        between = [t for t in doc[close + 1:verb.i] if t.pos_ in ("PROPN", "NOUN", "PRON")]
        if between:
            return next((t for t in between if not close < t.head.i < verb.i), between[-1])
        if told:
            return None
        return next((t for t in doc[verb.i + 1:verb.i + 5] if t.pos_ in ("PROPN", "NOUN", "PRON")
                     and t.dep_ != "npadvmod" and t.ent_type_ not in ("DATE", "TIME")), None)
    after = [c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod", "appos", "dative")]
    if told or not after or after[0].i > verb.i + 4:
        return None
    named = after[0].pos_ == "PROPN" or after[0].ent_type_ == "PERSON"
    quoted = any(t.text in QUOTE_CHARS for t in doc[:verb.i])
    return after[0] if named and (quoted or has_clause(verb)) else None


def _absorbed_subject(verb: Token) -> Token | None:
    """"..., the directorate estimates." tagged as a noun phrase: the subject is the noun
    or adjective the tagger attached to the cue; '..." Lind notes.' parsed with the name as
    a compound of the verb."""
    deps = ("compound", "amod", "nmod") if verb.pos_ == "NOUN" else ("compound",)
    return next((c for c in reversed(list(verb.lefts)) if c.dep_ in deps), None)


def _stranded_subject(verb: Token) -> Token | None:
    """'..., the town's mayor, Grigor Palassi, said.' parsed with the speaker hanging from
    the content clause: the name right before a sentence-final cue."""
    doc = verb.doc
    if not has_clause(verb) or verb.i == 0:
        return None
    index = verb.i - 1
    while index > 0 and doc[index].is_punct and doc[index].text not in QUOTE_CHARS:
        index -= 1
    token = doc[index]
    hanging = token.pos_ in ("PROPN", "NOUN") and token.dep_ in ("appos", "conj", "pobj", "dobj")
    lemma = token.lemma_.lower()
    if hanging and (token.ent_type_ in NAME_LABELS or lemma in lex.ORG_HEADS | lex.PERSON_ROLES):
        return token
    return None


def impersonal(verb: Token) -> bool:
    """"It was reported that ...": a passive cue with an expletive subject and a clause."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return passive and (subject is None or subject.lower_ == "it") and has_clause(verb)


def frames_cue(verb: Token, lemma: str) -> bool:
    """"Speaking to reporters, ..." or "talking on state radio, ..." before the cue of the
    statement: the occasion of that statement, not one of its own."""
    return (lemma in _OCCASION_VERBS and verb.tag_ == "VBG" and verb.dep_ == "advcl"
            and cue_lemma(verb.head) in lex.CUE_CLASSES)


def reduced_passive(verb: Token) -> bool:
    """"Asked about the deal, ...", "when pressed": a participle without auxiliary or subject,
    whose subject is the clause's, and the one it was done to."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
