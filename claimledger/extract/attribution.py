"""Attribution: who stands behind each statement of a sentence, by which cue, and through
whom it reached the page ("X said, as translated by Y", "citing Z").

Per sentence, a fixed cascade of rules finds the attribution relations (source, cue,
content) on the spaCy parse of that sentence alone:

1. reporting verbs: the subject of a cue verb (or the agent of a passive one, or the
   subject it shares with a verb it is coordinated with or subordinate to) is the source;
   its clause, quote or, for a few verbs, object is the content. The content is also found
   when en_core_web_sm hangs the verb from the content clause instead of the other way
   round ("..., the agency said" parsed as parataxis or advcl), a common mis-parse;
2. "according to X", "by X's estimate", "X's estimate of N", "X's claim that ...", speaker
   labels ("NAME: ...") and a name after a dash that closes a quote;
3. intermediaries: "citing X" makes X the source and the citer an intermediary; "as
   translated by Y", "told state television Y", "in an interview with Y" and "as reported
   by Y" add Y; a cue inside another cue's content inherits that cue's chain ("Y reported
   that X said ...");
4. quotes are found by scanning the document's text, so a sentence that only continues a
   quote gets the speaker of that quote, named before it or right after it closes.

Verbs of stance and intention ("wants", "criticised", "backed") are attributions too, but
only a clause they govern is content: an intention or a judgement is not a claim of figures.

Sources are then named once per document: pronouns, roles ("the spokeswoman"), short forms
("the directorate") and acronyms resolve to the entity they stand for, whose name has its
determiner, possessive, title and appositive role removed; its type comes from the name,
the role and the entity label through the curated patterns of ``lexicons``.
``canonical_sources`` then merges names across a corpus.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claimledger.extract import lexicons as lex


@dataclass(slots=True)
class AttributionMention:
    """One attribution relation in one sentence; offsets are into the sentence Doc's text."""

    source: str | None  # the document-level canonical name; None when nobody is named
    source_type: str | None
    mention: str | None  # the source as written in this sentence
    cue: str | None  # normalised cue: a lemma, "according to", "citing", ":"
    cue_class: str  # reported | claimed | confirmed | estimated | denied
    via: list[str]  # intermediaries, the one closest to the page first
    source_span: tuple[int, int] | None
    cue_span: tuple[int, int] | None
    content_span: tuple[int, int] | None
    content_tokens: range
    negated: bool = False


@dataclass(slots=True)
class _Entity:
    """A source known in one document, under the name every later mention resolves to."""

    name: str
    kind: str  # person, org, group, document, anonymous, thing
    source_type: str
    role: str | None = None
    affiliation: _Entity | None = None
    gender: str | None = None
    outlet: bool = False
    seen: int = 0


@dataclass(slots=True)
class _Relation:
    """An attribution found in a sentence, before its source is named: token positions."""

    cue: str | None
    cue_class: str
    cue_tokens: tuple[int, int] | None
    source: Token | None
    source_tokens: tuple[int, int] | None
    content: tuple[int, int] | None
    negated: bool = False
    intermediaries: list[Token] = field(default_factory=list)
    outer: _Relation | None = None  # set when nesting is not read off the contents ("citing")
    entity: _Entity | None = None
    via: list[str] = field(default_factory=list)


Tokens = tuple[int, int]

_CONTENT_DEPS = {"ccomp", "parataxis", "csubj"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# "acomp": the adjective of "were more likely to say" shares the subject of "were".
_SHARED_SUBJECT_DEPS = {"conj", "xcomp", "advcl", "acomp"}
# "quoted as saying", "by telling them", "after saying": the gerund's subject is the clause's.
_SUBJECT_SHARING_PREPOSITIONS = {"as", "by", "after", "before", "while", "when", "in", "since"}
_NEGATING_VERBS = {"decline", "refuse", "fail"}
# Verbs whose complement carries the relation ("continued to insist", "wants to say").
_WRAPPER_VERBS = _NEGATING_VERBS | {
    "continue", "begin", "start", "want", "try", "go", "have", "need", "seem", "appear",
    "repeat", "seek", "plan", "hope", "intend", "expect", "use", "dare",
}  # fmt: skip
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_PRONOUNS = (set(lex.PERSON_PRONOUNS) | lex.THING_PRONOUNS | lex.GROUP_PRONOUNS
             | lex.SPEAKER_PRONOUNS)
_PERSONAL_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "rev"}
_POSSESSIVES = {"its", "his", "her", "their"}
_QUOTE_CHARS = {'"', "“", "”", "''", "``", "‘", "’", "'"}
_DASHES = {"―", "—", "--"}
# Words written with a cue: "has not yet confirmed", "called for", "pointed out".
_CUE_MODIFIERS = {"aux", "auxpass", "neg", "advmod"}
_CUE_PREPOSITIONS = {"for", "to", "of", "about", "on", "out"}
# Verbs that relay a statement through someone ("as reported by Y", "quoted by Y"), and the
# nouns for spoken words they may qualify ("remarks translated by Y").
_RELAY_VERBS = {"report", "quote", "cite", "broadcast", "carry", "publish", "air"}
_SPOKEN = {"remark", "comment", "word", "statement", "speech", "interview", "address", "answer"}

_ANONYMOUS = re.compile(lex.ANONYMOUS_PATTERN, re.IGNORECASE)
_SOURCE_TYPES = tuple((name, re.compile(pattern)) for name, pattern in lex.SOURCE_TYPE_PATTERNS)
_WORD = re.compile(r"[\w'’.&-]+")
_QUOTE_MARK = re.compile(r"[“”\"\n]")
# "the National Civil Protection Directorate (NCPD)": a name and its acronym in brackets.
_NAME_WORD = r"(?:[A-Z][\w'’&.-]*|of|for|and|the|on|in|de|du|des|&)"
_ACRONYM_DEFINITION = re.compile(
    rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,9}})[ \t]+\(([A-Z][A-Za-z&.]{{1,9}})\)"
)
# A speaker named right after a closing quote: '..." she said.', '..." said Ilsa Marrek, ...',
# '...” ― Sonya Herridge'.
_TAIL_VERBS = "|".join(lex.QUOTE_TAIL_VERBS)
_TAIL_BEFORE = re.compile(
    r"^[ \t]*,?[ \t]*(?P<source>[^\s,.!?“”\"―—][^,.!?“”\"\n]{0,60}?)"
    rf"[ \t]+(?P<verb>{_TAIL_VERBS})\b"
)
_TAIL_AFTER = re.compile(
    rf"^[ \t]*,?[ \t]*(?P<verb>{_TAIL_VERBS})[ \t]+(?P<source>[^,.!?“”\"\n]{{1,60}})"
)
_TAIL_DASH = re.compile(
    r"^[ \t]*[―—–][ \t]*(?P<source>[A-Z][^\n.!?“”\"]{1,60}?)[ \t]*$", re.MULTILINE
)


# 1. Relations in one sentence ----------------------------------------------------------------

def find_relations(sent: Doc) -> list[_Relation]:
    """Every attribution relation of one parsed sentence, outer ones (longer content) first."""
    relations: list[_Relation] = []
    relays: list[Token] = []  # "as reported by Y": no relation of its own, unless alone
    skipped: set[int] = set()
    for token in sent:
        if token.i in skipped:
            continue
        lemma = _lemma(token)
        relation = None
        if token.lower_ == "according" and token.i + 1 < len(sent) and token.nbor().lower_ == "to":
            relation = according_to(sent, token)
        elif (lemma in lex.CUE_CLASSES or lemma in lex.STANCE_VERBS) and _acts_as_verb(token):
            if _is_intermediary_verb(token):
                relays.append(token)
                skipped.update(range(token.left_edge.i, token.right_edge.i + 1))
                continue
            relation = verb_relation(token)
        elif (lemma in lex.DOCUMENT_NOUNS or lemma in lex.SPEECH_NOUNS) and token.pos_ == "NOUN":
            relation = noun_relation(token)
        elif token.text in _DASHES:
            relation = dash_relation(token)
        if relation is not None:
            relations.append(relation)
    label = label_relation(sent)
    if label is not None:
        relations.append(label)
    if not relations:  # "500 houses were destroyed, as reported by the Sentinel"
        relations.extend(r for r in map(relayed, relays) if r is not None)
    _widen_according_to(sent, relations)
    _attach_intermediaries(sent, relations)
    relations.sort(key=lambda r: -_length(r.content))
    return relations


def verb_relation(verb: Token) -> _Relation | None:
    """The relation of a reporting or stance verb: source, content, negation."""
    lemma = _lemma(verb)
    if verb.dep_ == "amod" or _wraps_cue(verb):
        return None  # "an estimated cost", "declined to say": the adjective or inner verb speaks
    if _frames_cue(verb, lemma):
        return None  # "Speaking to reporters, Lind said ...": one statement, whose cue is "said"
    if lemma in ("cite", "quote") and verb.tag_ == "VBG" and verb.dep_ != "ROOT":
        relation = citing(verb)
        if relation is not None:
            return relation
    stance = lemma not in lex.CUE_CLASSES
    cue_class = "claimed" if stance else lex.CUE_CLASSES[lemma]
    agent = _agent(verb)
    passive = agent is not None or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if passive and agent is None and not _impersonal(verb):
        return None  # "residents have been told ...": the speaker is not named
    if verb.dep_ == "acl" and agent is None and verb.tag_ != "VBG" and not _has_clause(verb):
        return None  # "the reported cases": a participle without its agent names no one
    if verb.tag_ == "VBN" and agent is None and _marked_as(verb):
        return None  # "failed as predicted"
    if agent is None and lemma in lex.ADDRESSING_VERBS and _reduced_passive(verb):
        # "Asked about the deal, Lind said ...": Lind was asked, by someone not named.
        return _Relation(cue=lemma, cue_class=cue_class, cue_tokens=_cue_phrase(verb),
                         source=None, source_tokens=None, content=None)
    source = agent if agent is not None else (None if passive else _subject(verb))
    if source is None and not passive:
        return None  # "to find out which ...": no one speaks (an impersonal passive may)
    if source is not None and source.lower_ in ("'s", "’s", "you"):
        return None  # "let's say", "do you think": no one in particular
    if lemma in lex.NAMING_CUES and verb.tag_ == "VBN" and agent is None \
            and not _has_child(verb, "aux"):
        return None  # "a movie called 'Messenger'": naming, not speaking
    if stance:
        if source is None or not _can_hold_views(source) or _has_child(verb, "prt"):
            return None  # "Washington backed out": a phrasal verb is an action, not a stance
        content = _clause(verb)
    else:
        content = _verb_content(verb, lemma, passive)
    if lemma in lex.NAMING_CUES:
        named = _naming(verb)
        if named is not None:
            content, denied = named
            cue_class = "denied" if denied else cue_class
        elif lemma == "call":
            content = _call_for(verb)
            if content is None or source is not None and not _can_hold_views(source):
                return None  # "call the hotline"; "the protocol called for ..."
    elif lemma in ("speak", "talk", "point") and content is None:
        content = _topic(verb)
    elif lemma == "put":
        if _puts_it(verb):
            content, cue_class = _governing_clause(verb, aside=True), "reported"  # "as X put it"
        elif not _put_at(verb):
            return None  # "put" reports a figure only as "put ... at N"
    if content is None and not stance:
        # A speaker whose words are in another sentence ("Graham asked.", "The governor
        # added:") is kept; a clause-only cue without its clause is another sense ("know
        # the area").
        if source is None or not _can_hold_views(source):
            return None
        if lemma in lex.CLAUSE_ONLY_CUES and not (_introduces_quote(verb)
                                                  or _intends(verb, cue_class)):
            return None
    return _Relation(
        cue=lemma, cue_class=cue_class, cue_tokens=_cue_phrase(verb), source=source,
        source_tokens=_phrase(source, verb) if source is not None else None,
        content=content, negated=_negated(verb),
    )


def according_to(sent: Doc, according: Token) -> _Relation | None:
    """"according to X": X is the source of the clause the phrase modifies."""
    to = sent[according.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        obj = next((t for t in sent[to.i + 1:] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if obj is None or obj.lemma_.lower() in lex.TRANSLATION_WORDS:
        return None  # "according to a translation by Y" only adds an intermediary
    phrase = (according.i, max(obj.right_edge.i, to.i) + 1)
    return _Relation(
        cue="according to", cue_class="reported", cue_tokens=(according.i, to.i + 1),
        source=obj, source_tokens=_phrase(obj, None),
        content=_clause_without(sent, according, phrase),
    )


def citing(verb: Token) -> _Relation | None:
    """"Y reported, citing X, that ...": X is the source and Y, the citer, an intermediary;
    the content is the citer's (see ``_attach_intermediaries``). When X is a reason rather
    than someone ("citing security concerns"), the verb is an ordinary cue."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "pobj")), None)
    if obj is None or not _can_hold_views(obj):
        return None
    return _Relation(
        cue="citing", cue_class="reported", cue_tokens=(verb.i, verb.i + 1),
        source=obj, source_tokens=_phrase(obj, verb), content=None,
    )


def noun_relation(noun: Token) -> _Relation | None:
    """"X's estimate of N", "by the directorate's estimate, ...", "raised its count to N",
    "Trump's claim that ...", "a Times report that ...": what belongs to someone."""
    head = noun.head
    if noun.dep_ in _SUBJECT_DEPS and head.lemma_.lower() in lex.CUE_CLASSES:
        return None  # "the ministry's figures show": the verb's relation names the owner
    owner = _owner(noun)
    if owner is None:
        return None
    lemma = noun.lemma_.lower()
    doc = noun.doc
    if lemma not in lex.FIGURE_NOUNS:
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
        if clause is None:
            return None  # "his comments" alone attribute nothing in particular
        return _Relation(
            cue=lemma, cue_class=lex.SPEECH_NOUNS.get(lemma, "reported"),
            cue_tokens=(noun.i, noun.i + 1), source=owner, source_tokens=_phrase(owner, noun),
            content=_trim(doc, clause.left_edge.i, clause.right_edge.i + 1),
        )
    if noun.dep_ == "pobj" and head.lower_ in ("by", "in", "on") and head.i < noun.i:
        content = _clause_without(doc, head, (head.i, noun.right_edge.i + 1))
    else:
        end = _object_end(head) if noun.dep_ == "dobj" else noun.right_edge.i + 1
        content = _trim(doc, noun.left_edge.i, end)
        if content is None or not any(t.like_num for t in doc[content[0]:content[1]]):
            return None  # "the IMF's last estimate": an owner but no figure
    return _Relation(
        cue=lemma, cue_class="estimated" if lemma in lex.ESTIMATE_NOUNS else "reported",
        cue_tokens=(noun.i, noun.i + 1), source=owner, source_tokens=_phrase(owner, noun),
        content=content,
    )


def dash_relation(dash: Token) -> _Relation | None:
    """'...our greatest shame.” ― Sonya Herridge': a name after a dash closes a quote."""
    doc = dash.doc
    before = dash.i - 1
    while before >= 0 and doc[before].is_punct and doc[before].text not in _QUOTE_CHARS:
        before -= 1
    names = list(doc[dash.i + 1:])
    while names and names[-1].is_punct:
        names.pop()
    if before < 0 or doc[before].text not in _QUOTE_CHARS or not names or len(names) > 8:
        return None
    if not (names[0].pos_ == "PROPN" or names[0].ent_type_ in _NAME_LABELS):
        return None
    opening = next((t.i for t in reversed(doc[:before]) if t.text in _QUOTE_CHARS), -1)
    first, last = names[0].i, names[-1].i
    head = next((t for t in names if not first <= t.head.i <= last or t.head == t), names[0])
    return _Relation(
        cue=dash.text, cue_class="reported", cue_tokens=(dash.i, dash.i + 1), source=head,
        source_tokens=(first, last + 1), content=_trim(doc, opening + 1, before),
    )


def label_relation(sent: Doc) -> _Relation | None:
    """"WALLACE: Let's start ..." or "Pentagon: ...": a speaker label before a colon."""
    colon = next((t for t in sent[:7] if t.text == ":"), None)
    if colon is None or colon.i == 0 or colon.i + 1 >= len(sent):
        return None
    words = [t for t in sent[:colon.i] if not t.is_punct]
    # "Kessler at the convention:", "Kessler to the union:": the speaker before a preposition.
    words = words[:next((i for i, t in enumerate(words) if t.pos_ == "ADP" and i), len(words))]
    if not words or any(t.pos_ in ("VERB", "AUX", "ADP", "NUM", "PRON") for t in words):
        return None
    if any(t.lower_ in lex.NOT_SPEAKERS for t in words):
        return None  # "CLARIFICATION:", "Editor's note:", "WATCH:"
    head = words[-1]
    # A headline's speaker is capitalised whatever the tagger takes it for ("Lind: ...").
    named = all(t.ent_type_ in _NAME_LABELS or t.pos_ == "PROPN"
                or t.is_title and t.pos_ == "NOUN" for t in words) or all(
        t.is_upper and t.is_alpha and len(t) > 1 for t in words)
    if not named and head.lemma_.lower() not in lex.LABEL_HEADS:
        return None
    if not any(t.is_alpha for t in sent[colon.i + 1:]):
        return None  # "Lind: 46." is a tally, not words said
    return _Relation(
        cue=":", cue_class="reported", cue_tokens=(colon.i, colon.i + 1), source=head,
        source_tokens=(words[0].i, head.i + 1), content=_trim(sent, colon.i + 1, len(sent)),
    )


def relayed(verb: Token) -> _Relation | None:
    """"..., as reported by Y" when no one else in the sentence speaks: Y is the source."""
    agent = _agent(verb)
    if agent is None or verb.lemma_.lower() in lex.TRANSLATION_WORDS:
        return None
    return _Relation(
        cue=verb.lemma_.lower(), cue_class="reported", cue_tokens=(verb.i, verb.i + 1),
        source=agent, source_tokens=_phrase(agent, verb),
        content=_governing_clause(verb, aside=True),
    )


def _widen_according_to(sent: Doc, relations: list[_Relation]) -> None:
    """"Kim told Putin he would send troops, according to the spy agency": the phrase is
    parsed inside the reported clause but qualifies the whole report, which it then holds."""
    for according in (r for r in relations if r.cue == "according to" and r.content):
        phrase = according.cue_tokens[0]
        for other in relations:
            if other is according or other.content is None or other.cue_tokens is None:
                continue
            if other.content[0] < phrase < other.content[1] and other.cue_tokens[0] < phrase:
                other.content = trimmed = _trim(sent, other.content[0], phrase)
                first = other.source_tokens[0] if other.source_tokens else other.cue_tokens[0]
                start = min(first, other.cue_tokens[0], according.content[0])
                end = max(trimmed[1] if trimmed else phrase, according.content[1])
                according.content = (start, end)


def _lemma(token: Token) -> str:
    """A word's lemma, lower-cased, with the cue lemmas en_core_web_sm gets wrong put right
    ("hoping" is not a form of "hop")."""
    return lex.MISLEMMATISED.get(token.lower_) or token.lemma_.lower()


def _acts_as_verb(token: Token) -> bool:
    """A verb, or a cue the tagger took for a noun but parsed as a predicate ("..., the
    directorate estimates." with "estimates" a NOUN governing the clause)."""
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "NOUN" and token.tag_ == "NNS" and _has_child(token, "ccomp")


def _is_intermediary_verb(verb: Token) -> bool:
    """"as translated by Y", "in remarks translated by Y", "as reported by Y": no relation of
    their own; they add Y to the chain of the statement they qualify."""
    lemma = verb.lemma_.lower()
    if lemma in lex.TRANSLATION_WORDS:
        return True
    if lemma not in _RELAY_VERBS or verb.tag_ != "VBN" or _agent(verb) is None or _has_clause(verb):
        return False
    # "the figure of 12,000 reported by South Korean media" is a relation of its own, but
    # "the officials quoted by Gertz said" adds Gertz to the officials' statement.
    if verb.dep_ == "advcl":
        return True
    head = verb.head
    speaker = head.dep_ in _SUBJECT_DEPS and head.head.lemma_.lower() in lex.CUE_CLASSES
    return verb.dep_ == "acl" and (head.lemma_.lower() in _SPOKEN or speaker)


# Rule helpers: subjects ----------------------------------------------------------------------

def _subject(verb: Token) -> Token | None:
    """The subject of a cue, or of the verb it shares its subject with ("... and said",
    "saying", "declined to say", "was quoted as saying")."""
    for _ in range(5):
        subject = _nearest_subject(verb)
        if subject is not None and subject.i < verb.i and _quote_between(subject, verb):
            subject = _inverted_subject(verb, quoted=True)  # '"... mode," said Leslie Wimes'
        if subject is not None:
            if subject.dep_ == "nsubjpass" and not _is_quoting(verb):
                return None
            return subject
        found = _inverted_subject(verb) or _absorbed_subject(verb)
        if found is not None:
            return found
        if verb.dep_ == "acl" and (verb.tag_ == "VBG" or _has_clause(verb)):
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


def _nearest_subject(verb: Token) -> Token | None:
    """The verb's subject; of two, the nearer ("LONDON (AP) - The mayor said" can give both
    the dateline and the mayor as subjects of "said")."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
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
        close = max(t.i for t in doc[:verb.i] if t.text in _QUOTE_CHARS)
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
    quoted = any(t.text in _QUOTE_CHARS for t in doc[:verb.i])
    return after[0] if named and (quoted or _has_clause(verb)) else None


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
    if not _has_clause(verb) or verb.i == 0:
        return None
    index = verb.i - 1
    while index > 0 and doc[index].is_punct and doc[index].text not in _QUOTE_CHARS:
        index -= 1
    token = doc[index]
    hanging = token.pos_ in ("PROPN", "NOUN") and token.dep_ in ("appos", "conj", "pobj", "dobj")
    lemma = token.lemma_.lower()
    if hanging and (token.ent_type_ in _NAME_LABELS or lemma in lex.ORG_HEADS | lex.PERSON_ROLES):
        return token
    return None


def _agent(verb: Token) -> Token | None:
    """The pobj of "by" in a passive: "31 deaths have been confirmed by the directorate"."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def _can_hold_views(token: Token) -> bool:
    """Whether a phrase can be someone with a stance: a name, a pronoun, a person, a group,
    an organisation or a document ("the report criticised")."""
    lemma = token.lemma_.lower()
    return (token.pos_ in ("PROPN", "PRON") or token.ent_type_ in _NAME_LABELS
            or token.tag_ == "NNS" or lemma in lex.PERSON_ROLES or lemma in lex.ORG_HEADS
            or lemma in lex.GROUP_NOUNS or lemma in lex.ANONYMOUS_HEADS
            or lemma in lex.DOCUMENT_NOUNS or lemma in lex.HUMAN_NOUNS
            or _share_of_people(token))


def _share_of_people(token: Token) -> bool:
    """"55 percent said", "a majority of Republicans support", "about 4 in 10 say": a share
    of those polled, which speaks for them."""
    return token.like_num or token.lower_ in lex.SHARE_WORDS


def _is_quoting(verb: Token) -> bool:
    """"X was quoted as saying": the passive subject of quote or cite is the speaker."""
    return verb.lemma_.lower() in ("quote", "cite")


def _impersonal(verb: Token) -> bool:
    """"It was reported that ...": a passive cue with an expletive subject and a clause."""
    subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return passive and (subject is None or subject.lower_ == "it") and _has_clause(verb)


def _frames_cue(verb: Token, lemma: str) -> bool:
    """"Speaking to reporters, ..." or "talking on state radio, ..." before the cue of the
    statement: the occasion of that statement, not one of its own."""
    return (lemma in ("speak", "talk") and verb.tag_ == "VBG" and verb.dep_ == "advcl"
            and _lemma(verb.head) in lex.CUE_CLASSES)


def _reduced_passive(verb: Token) -> bool:
    """"Asked about the deal, ...", "when pressed": a participle without auxiliary or subject,
    whose subject is the clause's, and the one it was done to."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)


def _has_clause(verb: Token) -> bool:
    return any(c.dep_ in _CONTENT_DEPS for c in verb.children)


def _has_child(token: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in token.children)


def _marked_as(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _quote_between(first: Token, second: Token) -> bool:
    return any(t.text in _QUOTE_CHARS for t in first.doc[first.i + 1:second.i])


# Rule helpers: contents ----------------------------------------------------------------------

def _verb_content(verb: Token, lemma: str, passive: bool) -> Tokens | None:
    """The token range a reporting verb attributes, by the first rule that finds one."""
    doc = verb.doc
    # 1. Its clause: "said [that 500 died]", '"[500 died]," she said'; not a clause that
    # introduces it ("Estimates run higher: the bank puts the bill at ...").
    for child in verb.children:
        if child.dep_ in _CONTENT_DEPS and child.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN"):
            after = child.right_edge.i + 1
            if child.i < verb.i and after < len(doc) and doc[after].text in (":", ";"):
                continue
            return _trim(doc, child.left_edge.i, child.right_edge.i + 1)
    # 2. "quoted as saying ...", "expects the toll to climb".
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as" and _is_quoting(verb):
            return _trim(doc, child.i + 1, child.right_edge.i + 1)
        if child.dep_ == "xcomp" and child.lemma_.lower() not in lex.CUE_CLASSES \
                and lemma not in lex.CLAUSE_ONLY_CUES and lemma != "say":
            return _trim(doc, child.left_edge.i, child.right_edge.i + 1)
    # 3. The figure a few cues take as object or passive subject: "confirmed 31 deaths",
    # "31 deaths were confirmed by", "the toll was put at 86 by", "the $450 million it
    # announced", "... reported by Y".
    if lemma in lex.OBJECT_CUES:
        if passive:
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subject is not None and subject.lower_ != "it":
                return _trim(doc, subject.left_edge.i, max(subject.right_edge.i + 1,
                                                           _object_end(verb)))
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "pcomp")), None)
        if obj is not None:
            return _trim(doc, obj.left_edge.i, _object_end(verb))
        if verb.dep_ in ("relcl", "acl"):
            return _trim(doc, verb.head.left_edge.i, verb.left_edge.i)
    # 4. A quote right after the cue: 'She added: "We will not give up."', or closing right
    # before it and its subject: '"Really," she added', parsed with the quote as an adverb.
    quote = _adjacent_quote(verb) or _preceding_quote(verb)
    if quote is not None:
        return quote
    # 5. The mis-parse that hangs the cue from its content: "500 died, the agency said".
    return _governing_clause(verb)


def _clause(verb: Token) -> Tokens | None:
    """The clause a verb governs ("complained that ..."), if any."""
    child = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    return _trim(verb.doc, child.left_edge.i, child.right_edge.i + 1) if child is not None else None


def _object_end(verb: Token) -> int:
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


def _governing_clause(verb: Token, *, aside: bool = False) -> Tokens | None:
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
            return _trim(doc, end, head.right_edge.i + 1)
        return _trim(doc, head.left_edge.i, start)
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
        return _trim(doc, head.left_edge.i, head.right_edge.i + 1)
    return _trim(doc, head.left_edge.i, left)


def _adjacent_quote(verb: Token) -> Tokens | None:
    """'She added: "We will not give up."': a quote right after the cue (and its subject)."""
    doc = verb.doc
    index = verb.i + 1
    while index < len(doc) and (doc[index].dep_ in _SUBJECT_DEPS
                                or doc[index].is_punct and doc[index].text not in _QUOTE_CHARS):
        index += 1
    if index < len(doc) and doc[index].text in _QUOTE_CHARS:
        close = next((t.i for t in doc[index + 1:] if t.text in _QUOTE_CHARS), len(doc))
        return _trim(doc, index + 1, close)
    return None


def _preceding_quote(verb: Token) -> Tokens | None:
    """'"Denver," he answered': the quote that closes right before the cue and its subject."""
    doc = verb.doc
    subjects = [c.left_edge.i for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i < verb.i]
    index = min(subjects, default=verb.i) - 1
    while index >= 0 and doc[index].is_punct and doc[index].text not in _QUOTE_CHARS:
        index -= 1
    if index < 1 or doc[index].text not in _QUOTE_CHARS:
        return None
    opening = next((t.i for t in reversed(doc[:index]) if t.text in _QUOTE_CHARS), -1)
    return _trim(doc, opening + 1, index)


def _naming(verb: Token) -> tuple[Tokens, bool] | None:
    """"called the reports a hoax", "described the incident as a 'terrible situation'",
    "dismissed as fabricated a report": what is named and what it is called; a denial when
    the name says the thing is false."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubj") and c.i > verb.i), None)
    complements = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp")]
    for holder in (verb, obj) if obj is not None else (verb,):
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                complements.extend(child.children)
            elif holder == verb and child.dep_ == "advcl" and child.tag_ == "VBN":
                complements.append(child)
    if not complements and obj is not None:
        # 'called the plan "a reckless gamble"' parsed with the name as the object's apposition.
        complements = [c for c in obj.children if c.dep_ == "appos"]
    if not complements:
        return None
    edges = complements + ([obj] if obj is not None else [])
    start, end = min(t.left_edge.i for t in edges), max(t.right_edge.i for t in edges) + 1
    content = _trim(verb.doc, start, end)
    if content is None:
        return None
    return content, any({t.lower_ for t in c.subtree} & lex.DENIAL_WORDS for c in complements)


def _call_for(verb: Token) -> Tokens | None:
    """"called for a parliamentary inquiry", "called on X to resign", "called for the
    council to resign" (parsed as a clause marked by "for"): a demand."""
    for child in verb.children:
        if child.dep_ in ("prep", "prt") and child.lower_ == "for":
            return _trim(verb.doc, child.i + 1, max(child.right_edge.i, child.i) + 1)
        if child.dep_ == "advcl":
            mark = next((m for m in child.children if m.dep_ == "mark" and m.lower_ == "for"
                         and m.i > verb.i), None)
            if mark is not None:
                return _trim(verb.doc, mark.i + 1, child.right_edge.i + 1)
        if child.dep_ in ("prep", "prt") and child.lower_ == "on" and any(
                c.dep_ == "xcomp" for c in verb.children):
            return _trim(verb.doc, child.i + 1, verb.right_edge.i + 1)
    return None


def _topic(verb: Token) -> Tokens | None:
    """"spoke of 14 dead", "talked about the test", "pointed to reports that ...", "pointed
    out the gap": what was spoken of or pointed at."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "about", "to"):
            return _trim(verb.doc, child.i + 1, child.right_edge.i + 1)
        if child.dep_ == "dobj" and any(c.dep_ == "prt" and c.lower_ == "out"
                                        for c in verb.children):
            return _trim(verb.doc, child.left_edge.i, child.right_edge.i + 1)
    return None


def _puts_it(verb: Token) -> bool:
    """"as the minister put it, ...": the statement is the clause the aside qualifies."""
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children) and _marked_as(verb)


def _put_at(verb: Token) -> bool:
    """"puts the number ... at up to 400": an "at" somewhere after the verb in its clause."""
    return any(t.lower_ == "at" and t.i > verb.i for t in verb.subtree)


def _introduces_quote(verb: Token) -> bool:
    """'The governor added:' or 'Limbaugh continued:': a cue that opens a quote to come."""
    after = verb.i + 1
    return after < len(verb.doc) and verb.doc[after].text == ":"


def _intends(verb: Token, cue_class: str) -> bool:
    """"hopes to win", "expects to hire": a belief or estimate about what one will do is a
    stance of its subject, though the infinitive is an intention, not content."""
    return cue_class in ("claimed", "estimated") and any(
        c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and _has_child(c, "aux")
        for c in verb.children)


def _wraps_cue(verb: Token) -> bool:
    """"declined to say", "continued to insist": the inner verb carries the relation."""
    return verb.lemma_.lower() in _WRAPPER_VERBS and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in lex.CUE_CLASSES for c in verb.children)


def _negated(verb: Token) -> bool:
    """"did not confirm", "would not say", "declined to say"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and (head.lemma_.lower() in _NEGATING_VERBS
                                     or any(c.dep_ == "neg" for c in head.children))


def _owner(noun: Token) -> Token | None:
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
    return None


# Rule helpers: spans -------------------------------------------------------------------------

def _cue_phrase(verb: Token) -> Tokens:
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


def _phrase(head: Token, cue: Token | None) -> Tokens:
    """The token range of a source phrase as written, never reaching into its cue, nor into
    a clause set off by a comma ("Lind, who chairs the panel,", "Lind, speaking on radio,")."""
    if head.lower_ in lex.RELATIVE_PRONOUNS or head.lower_ in _PRONOUNS:
        return head.i, head.i + 1
    start, end = head.left_edge.i, head.right_edge.i + 1
    doc = head.doc
    aside = next((c for c in head.rights if c.dep_ in ("relcl", "acl")
                  and doc[c.left_edge.i - 1].text == ","), None)
    if aside is not None:
        end = aside.left_edge.i - 1
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


def _clause_without(doc: Doc, anchor: Token, phrase: Tokens) -> Tokens | None:
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
    return _trim(doc, start, end)


def _trim(doc: Doc, start: int, end: int) -> Tokens | None:
    """A token range without the punctuation and linking words at its edges."""
    while start < end and (doc[start].is_punct or doc[start].lower_ in ("and", "but", "that")
                           and doc[start].dep_ in ("cc", "mark")):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return (start, end) if end > start else None


def _length(tokens: Tokens | None) -> int:
    return tokens[1] - tokens[0] if tokens else 0


def _chars(sent: Doc, tokens: Tokens | None) -> tuple[int, int] | None:
    if tokens is None:
        return None
    first, last = sent[tokens[0]], sent[tokens[1] - 1]
    return first.idx, last.idx + len(last.text)


# Rule helpers: intermediaries ----------------------------------------------------------------

def _attach_intermediaries(sent: Doc, relations: list[_Relation]) -> None:
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
        if lemma in lex.TRANSLATION_WORDS or lemma in _RELAY_VERBS and _is_intermediary_verb(token):
            target = _agent(token) or _by_phrase(token)
        elif lemma == "interview" or (lemma in ("speak", "talk") and token.tag_ == "VBG"):
            target = _media_after(token)
        else:
            continue
        if target is not None and _names_someone(target):
            owner = _owning_relation(token, relations, by_cue)
            if owner is not None and owner.source != target:
                owner.intermediaries.append(target)
    for relation in relations:
        if relation.cue in ("tell", "say", "speak", "talk", "write", "explain", "add"):
            for child in _cue_verb(sent, relation).children:
                recipient = None
                if child.dep_ in ("dative", "dobj") and relation.cue == "tell":
                    recipient = child
                elif child.dep_ == "prep" and child.lower_ in ("to", "on"):
                    recipient = next((c for c in child.children if c.dep_ == "pobj"), None)
                if recipient is not None and _is_media(recipient):
                    relation.intermediaries.append(recipient)


def _cue_verb(sent: Doc, relation: _Relation) -> Token:
    """The word of a cue phrase that carries the relation ("has said" -> "said")."""
    start, end = relation.cue_tokens
    return next((t for t in sent[start:end] if _lemma(t) == relation.cue), sent[start])


def _nearest(relations: list[_Relation], relation: _Relation) -> _Relation | None:
    """The relation whose cue is closest to a "citing X" (its citer)."""
    position = relation.cue_tokens[0]
    candidates = [r for r in relations
                  if r.cue != "citing" and r.cue_tokens and r.source is not None]
    return min(candidates, key=lambda r: abs(r.cue_tokens[0] - position), default=None)


def _owning_relation(token: Token, relations: list[_Relation],
                     by_cue: dict[int, _Relation]) -> _Relation | None:
    """The relation an intermediary phrase qualifies: the cue it hangs from, else the nearest."""
    head = token
    for _ in range(6):
        if head.i in by_cue:
            return by_cue[head.i]
        if head.head == head:
            break
        head = head.head
    candidates = [r for r in relations if r.cue_tokens and r.cue != "citing"]
    return min(candidates, key=lambda r: abs(r.cue_tokens[0] - token.i), default=None)


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
    return token.pos_ == "PROPN" or token.ent_type_ in _NAME_LABELS or _is_media(token)


def _is_media(token: Token) -> bool:
    """A news organisation: "state television VTV", "the BBC", "the Kelmar Herald"."""
    words = {t.lower_ for t in token.subtree if t.dep_ not in ("relcl", "prep") and not t.is_punct}
    if words & lex.AUDIENCE_WORDS:
        return False
    if words & lex.MEDIA_WORDS or words & lex.MEDIA_NAMES:
        return True
    return token.ent_type_ == "ORG" and bool(words & lex.MEDIA_NAME_WORDS)


def _enclosing(relation: _Relation, relations: list[_Relation]) -> _Relation | None:
    """The innermost relation with a longer content that holds this relation's cue; of two
    with the same content, the one nested in the other ("citing X" in "Y reported")."""
    if relation.cue_tokens is None:
        return None
    cue = relation.cue_tokens[0]
    best = None
    for other in relations:
        if other.content is None or _length(other.content) <= _length(relation.content):
            continue
        if not other.content[0] <= cue < other.content[1]:
            continue
        if best is None or _length(other.content) < _length(best.content) or other.outer is best:
            best = other
    return best


# 2. Quotes in a document ---------------------------------------------------------------------

def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside double quotes. A quote left open runs to the end of its line,
    as a quote that goes on in the next paragraph does."""
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    straight = False
    for match in _QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        if mark == "\n":
            if opened is not None:
                regions.append((opened, at))
                opened = None
        elif mark == "“" or (mark == '"' and opened is None):
            if opened is not None and mark == "“":
                regions.append((opened, at))
            opened, straight = at + 1, mark == '"'
        elif opened is not None and (mark == "”" or straight):
            regions.append((opened, at))
            opened = None
    if opened is not None:
        regions.append((opened, len(text)))
    return regions


# 3. Sources in a document --------------------------------------------------------------------

class DocumentSources:
    """Per-document state: acronym definitions, the sources seen so far with their names and
    roles, the last quoted speaker."""

    def __init__(self, text: str, *, outlet: str | None = None) -> None:
        self._text = text
        self._outlet_words = set(_content_words(outlet or ""))
        self._acronyms = _acronym_definitions(text)
        self._regions = quote_regions(text)
        self._region_starts = [start for start, _ in self._regions]
        self._speakers: dict[int, tuple[_Entity, str | None]] = {}  # quote region -> speaker
        self._last_quote: tuple[_Entity, str | None, int] | None = None
        self._entities: dict[str, _Entity] = {}
        self._clock = 0
        self._full_names: dict[str, str | None] = {}

    def attributions(self, sent: Doc, start: int) -> list[AttributionMention]:
        """The attribution relations of one parsed sentence at offset ``start`` of the text."""
        relations = [r for r in find_relations(sent) if not self._quoted_aside(sent, start, r)]
        # Sources are named in reading order, except "I" and "we": they stand for the speaker
        # of the quote around them, whom a cue later in the sentence may name.
        for relation in sorted(relations, key=_reading_order):
            if relation.source is not None:
                relation.entity = self._resolve(relation.source, start)
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

    def _mention(self, sent: Doc, relation: _Relation) -> AttributionMention:
        entity = relation.entity
        named = entity is not None and not entity.outlet
        span, content = relation.source_tokens, relation.content
        return AttributionMention(
            source=entity.name if named else None,
            source_type=entity.source_type if named else None,
            mention=sent[span[0]:span[1]].text if span else None,
            cue=relation.cue,
            cue_class=relation.cue_class,
            via=relation.via,
            source_span=_chars(sent, span),
            cue_span=_chars(sent, relation.cue_tokens),
            content_span=_chars(sent, content),
            content_tokens=range(content[0], content[1]) if content else range(0),
            negated=relation.negated,
        )

    # Chains and quotes -----------------------------------------------------------------------

    def _quoted_aside(self, sent: Doc, start: int, relation: _Relation) -> bool:
        """A cue inside someone's quote ('“I think we can win,” she said') is part of what
        they said; it is kept only when it names a third source by name or as a body."""
        if relation.cue_tokens is None or relation.cue == ":":
            return False
        at = start + sent[relation.cue_tokens[0]].idx
        if not self._regions_between(at, at + 1):
            return False
        source = relation.source
        return source is None or not (
            source.pos_ == "PROPN" or source.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            or source.lemma_.lower() in lex.ORG_HEADS | lex.DOCUMENT_NOUNS)

    def _chain(self, relation: _Relation, relations: list[_Relation], start: int) -> None:
        """Intermediaries from the page down: the enclosing relation's chain and source, then
        this relation's own translators and media."""
        outer = relation.outer or _enclosing(relation, relations)
        via: list[str] = []
        if outer is not None and outer.cue_class != "denied":
            via.extend(outer.via)
            if outer.entity is not None and not outer.entity.outlet:
                via.append(outer.entity.name)
        for token in relation.intermediaries:
            entity = self._resolve(token, start)
            if entity is not None and not entity.outlet:
                via.append(entity.name)
        own = relation.entity.name if relation.entity is not None else None
        relation.via = [name for i, name in enumerate(via) if name != own and name not in via[:i]]

    def _note_quote(self, sent: Doc, start: int, relation: _Relation) -> None:
        """Remember who speaks the quotes a relation covers, for the sentences that go on."""
        if relation.entity is None or relation.content is None:
            return
        first = start + sent[relation.content[0]].idx
        last = start + sent[relation.content[1] - 1].idx + 1
        for index in self._regions_between(first, last):
            self._speakers.setdefault(index, (relation.entity, relation.cue))
            self._last_quote = (relation.entity, relation.cue, start + len(sent.text))

    def _regions_between(self, first: int, last: int) -> list[int]:
        """Indices of the quote regions that overlap [first, last)."""
        index = max(0, bisect.bisect_right(self._region_starts, first) - 1)
        found = []
        while index < len(self._regions) and self._regions[index][0] < last:
            if self._regions[index][1] > first:
                found.append(index)
            index += 1
        return found

    def _continuation(self, sent: Doc, start: int) -> AttributionMention | None:
        """A sentence that only continues a quote: '“Every house will be searched.”'. Its
        speaker is the quote's, else the one named right after the quote closes, else the
        speaker of the quote that ended right before it."""
        end = start + len(sent.text)
        regions = self._regions_between(start, end)
        if not regions:
            return None
        quoted = sum(min(end, self._regions[i][1]) - max(start, self._regions[i][0])
                     for i in regions)
        if quoted < 0.6 * len(sent.text.strip()):
            return None
        speaker = next((self._speakers[i] for i in regions if i in self._speakers), None)
        mention = None
        if speaker is None:
            speaker, mention = self._speaker_after(regions[-1])
        if speaker is None and self._last_quote is not None:
            entity, cue, previous_end = self._last_quote
            if not self._text[previous_end:start].strip():
                speaker = (entity, cue)
        if speaker is None:
            return None
        for index in regions:
            self._speakers.setdefault(index, speaker)
        entity, cue = speaker
        self._last_quote = (entity, cue, end)
        first = max(0, self._regions[regions[0]][0] - start)
        last = min(len(sent.text), self._regions[regions[-1]][1] - start)
        tokens = [t.i for t in sent if first <= t.idx < last and not t.is_punct]
        content = (tokens[0], tokens[-1] + 1) if tokens else None
        return AttributionMention(
            source=None if entity.outlet else entity.name,
            source_type=None if entity.outlet else entity.source_type,
            mention=mention, cue=cue, cue_class=lex.CUE_CLASSES.get(cue or "", "reported"),
            via=[], source_span=None, cue_span=None, content_span=_chars(sent, content),
            content_tokens=range(*content) if content else range(0),
        )

    def _speaker_after(self, region: int) -> tuple[tuple[_Entity, str | None] | None, str | None]:
        """The speaker named right after a quote closes, in a sentence not read yet
        ('..." she said.', '..." said Ilsa Marrek.', '...” ― Sonya Herridge')."""
        close = self._regions[region][1]
        tail = self._text[close + 1:close + 160]
        for pattern in (_TAIL_BEFORE, _TAIL_AFTER, _TAIL_DASH):
            match = pattern.match(tail)
            if match is None:
                continue
            text = match.group("source").strip()
            entity = self._resolve_text(text)
            if entity is not None:
                verb = match.groupdict().get("verb")
                return (entity, lex.QUOTE_TAIL_VERBS.get(verb) if verb else None), text
        return None, None

    def _speaker_at(self, offset: int) -> _Entity | None:
        """The known speaker of the quote around a character offset of the document."""
        for index in self._regions_between(offset, offset + 1):
            if index in self._speakers:
                return self._speakers[index][0]
        return None

    # Naming sources --------------------------------------------------------------------------

    def _resolve(self, head: Token, start: int, depth: int = 0) -> _Entity | None:
        """The document entity a source phrase stands for, created on first sight. ``depth``
        bounds the phrases resolved on the way (an owner, an affiliation, an antecedent)."""
        if depth > 3:
            return None
        lower = head.lower_
        clause = head.head
        relative = lower in lex.RELATIVE_PRONOUNS and clause.dep_ in ("relcl", "acl")
        if relative and clause.head != head:
            return self._resolve(clause.head, start, depth + 1)  # "Corrinvale Hydro, which"
        if head.pos_ == "PRON" or lower in _PRONOUNS:
            return self._pronoun(head, start, depth)
        if head.lemma_.lower() in lex.DOCUMENT_NOUNS and head.ent_type_ not in _NAME_LABELS:
            owner = _owner(head)  # "the ministry's figures show": the ministry
            if owner is None:
                return self._document(head)
            return self._resolve(owner, start, depth + 1)
        return self._resolve_phrase(head, start, depth)

    def _resolve_phrase(self, head: Token, start: int, depth: int = 0) -> _Entity | None:
        """A noun phrase: a name (with role and affiliation), a role, a short form, a group or
        an anonymous source."""
        name_token = _name_token(head)
        role_words = _role_words(head, name_token)
        affiliation = _affiliation(head, name_token)
        affiliated = None if affiliation is None else self._resolve(affiliation, start, depth + 1)
        anonymous = _anonymous_description(head, self._abbreviation(affiliated))
        if anonymous is not None:
            return self._get(anonymous, "anonymous", "anonymous")
        if name_token is not None:
            return self._named(name_token, role_words, affiliated)
        lemma = head.lemma_.lower()
        words = _core_words(head)
        plural = head.tag_ in ("NNS", "NNPS")
        if lemma in lex.PERSON_ROLES and not plural:
            known = self._find_role(lemma, affiliated)
            if known is not None:
                return known
            if lemma in lex.VOICE_ROLES and affiliated is not None:
                return affiliated  # an unnamed spokesman speaks for the organisation
        if lemma in lex.ORG_HEADS:
            known = self._find_short_form(words, definite=_definite(head))
            if known is not None:
                return known
        name = " ".join(words)
        if affiliated is not None and not affiliated.outlet:
            if lemma in lex.ORG_HEADS:
                name = f"{name} of {affiliated.name}"  # "her office", "the ministry's press office"
            elif lemma in lex.PERSON_ROLES:
                name = f"{self._abbreviation(affiliated)} {name}"  # "NCPD rescuer"
        kind = "group" if plural else "person" if lemma in lex.PERSON_ROLES else \
            "org" if lemma in lex.ORG_HEADS else "thing"
        source_type = (_source_type(" ".join(words + role_words).lower())
                       or (affiliated.source_type if affiliated is not None else None)
                       or _label_type(head.ent_type_))
        return self._get(name, kind, source_type, gender=_gender(words),
                         outlet=self._is_outlet(words, head.ent_type_))

    def _named(self, name_token: Token, role_words: list[str],
               affiliated: _Entity | None) -> _Entity:
        """A named source: a person with their role, or an organisation or a place."""
        name_words = _name_words(name_token)
        written = _name_text(name_token)
        label = name_token.ent_type_ or None
        honorific = _honorific(name_token)
        if self._is_outlet(name_words, label):
            return self._get(written, "org", "media", outlet=True)
        if len(name_words) == 1 and label != "PERSON" and not honorific:
            known = self._known_organisation(written)  # "the Journal", "the Times"
            if known is not None:
                return known
        # A title ("Mr", "port director") or a known surname makes a person whatever the
        # entity tagger says ("Osman said" tagged ORG after "Farid Osman" was introduced);
        # an organisation's role or name word makes an organisation ("Corrinvale Hydro, the
        # dam's operator", which the tagger often takes for a person).
        if honorific or role_words and role_words[-1] in lex.PERSON_ROLES:
            person = True
        elif role_words and role_words[-1] in lex.ORG_HEADS or (
                len(name_words) > 1 and name_words[-1].lower() in lex.ORG_NAME_WORDS):
            person = False
        elif len(name_words) == 1 and name_words[0] not in self._acronyms and \
                self._known_person(name_words[0]) is not None:
            person = True
        else:
            person = label == "PERSON" or (
                label is None and self._known_person(name_words[-1]) is not None)
        if not person:
            name = self._acronyms.get(written) or self._initials_of(written) or written
            source_type = _org_type(name, " ".join([name] + role_words).lower(), label)
            return self._get(name, "org", source_type, role=" ".join(role_words) or None)
        if len(name_words) == 1:
            written = self._known_person(written) or written
        role = " ".join(role_words) or None
        return self._get(written, "person", _person_type(role, affiliated), role=role,
                         affiliation=affiliated, gender=_gender([honorific or ""] + role_words))

    def _document(self, head: Token) -> _Entity:
        """A report, study or poll as a source: one mentioned before if this refers to it."""
        words = _core_words(head)
        known = self._find_short_form(words, kind="document", definite=_definite(head))
        if known is not None:
            return known
        name = " ".join(words)
        return self._get(name, "document", _source_type(name.lower()))

    def _pronoun(self, token: Token, start: int, depth: int = 0) -> _Entity | None:
        """A pronoun's referent: the speaker of the quote around "I" and "we", else the
        nearest compatible subject before it in its sentence, else the most recent entity."""
        word = token.lower_
        if word in lex.SPEAKER_PRONOUNS:
            return self._speaker_at(start + token.idx)
        if word in lex.PERSON_PRONOUNS:
            kinds, gender = ("person",), lex.PERSON_PRONOUNS[word]
        elif word in lex.THING_PRONOUNS:
            kinds, gender = ("org", "document", "thing"), None
        elif word in lex.GROUP_PRONOUNS:
            kinds, gender = ("group", "org", "anonymous"), None
        else:
            return None
        for local in _antecedents_in_sentence(token, kinds):
            entity = self._resolve_phrase(local, start, depth + 1)
            if entity is not None and entity.kind in kinds and (
                    not gender or entity.gender in (None, gender)):
                return entity
        entity = self._last(kinds, gender)
        if entity is not None and gender and entity.gender is None:
            entity.gender = gender
        return entity

    def _resolve_text(self, text: str) -> _Entity | None:
        """A source named in plain text after a quote ("she", "the spokeswoman", "Ilsa
        Marrek, a spokeswoman for ..."), resolved without a parse."""
        name, _, role = text.partition(",")
        words = _WORD.findall(name)
        lower = [w.lower() for w in words]
        if len(words) == 1 and lower[0] in lex.PERSON_PRONOUNS:
            return self._last(("person",), lex.PERSON_PRONOUNS[lower[0]])
        if len(words) == 1 and lower[0] in lex.GROUP_PRONOUNS | lex.THING_PRONOUNS:
            return self._last(("group", "org", "anonymous", "document"))
        while lower and (lower[0] in lex.FUNCTION_WORDS or lower[0] in _POSSESSIVES):
            words, lower = words[1:], lower[1:]
        if not words:
            return None
        names = [w for w in words if w[0].isupper() and w.lower().rstrip(".") not in lex.HONORIFICS]
        if not names:
            return self._find_role(lower[-1], None) or self._find_short_form(lower, definite=True)
        full = " ".join(names)
        if len(names) == 1:
            full = self._known_person(names[0]) or self._acronyms.get(names[0]) or names[0]
        known = self._entities.get(_key(full))
        if known is not None:
            return self._touch(known)
        role = _strip_article(role.strip()).lower() or None
        if len(full.split()) >= 2 or lower[0].rstrip(".") in lex.HONORIFICS:
            return self._get(full, "person", _person_type(role, None), role=role)
        return self._get(full, "org", _org_type(full, full.lower(), None))

    # The registry ----------------------------------------------------------------------------

    def _get(self, name: str, kind: str, source_type: str | None, **details) -> _Entity:
        """The entity with this name, created, or updated with what this mention adds."""
        key = _key(name)
        entity = self._entities.get(key)
        if entity is None:
            entity = self._entities[key] = _Entity(name, kind, source_type or "other", **details)
        else:
            for attribute, value in details.items():
                if value and not getattr(entity, attribute):
                    setattr(entity, attribute, value)
            if entity.source_type == "other" and source_type not in (None, "other"):
                entity.source_type = source_type
        return self._touch(entity)

    def _touch(self, entity: _Entity) -> _Entity:
        self._clock += 1
        entity.seen = self._clock
        return entity

    def _recent(self, kinds: tuple[str, ...]) -> list[_Entity]:
        return sorted((e for e in self._entities.values() if e.kind in kinds and not e.outlet),
                      key=lambda e: -e.seen)

    def _last(self, kinds: tuple[str, ...], gender: str | None = None) -> _Entity | None:
        """The most recent entity of these kinds (and gender, when both are known)."""
        for entity in self._recent(kinds):
            if not (gender and entity.gender and entity.gender != gender):
                return self._touch(entity)
        return None

    def _find_role(self, role: str, affiliated: _Entity | None) -> _Entity | None:
        """The most recent person with this role ("the spokeswoman" after "Ilsa Marrek, a
        spokeswoman for the NCPD"), of the same organisation when one is named."""
        for entity in self._recent(("person",)):
            if entity.role and role in entity.role.lower().split() and (
                    affiliated is None or entity.affiliation in (None, affiliated)):
                return self._touch(entity)
        return None

    def _find_short_form(self, words: list[str], *, kind: str = "org",
                         definite: bool) -> _Entity | None:
        """The one known organisation (or document) a description points to: "the
        directorate", "the country's civil protection agency", "the agency", "the report"."""
        words = [w.lower() for w in words if w.lower() not in lex.FUNCTION_WORDS]
        if not words:
            return None
        known = self._recent((kind,))
        candidates = known + self._defined_only(known) if kind == "org" else known
        head = words[-1]
        # 1. Every word of the description is in the name: "the directorate", "the civil
        # protection directorate"; 2. without a generic head: "civil protection agency".
        for wanted in (words, words[:-1] if head in lex.ORG_HEADS | lex.DOCUMENT_NOUNS else []):
            if not wanted:
                continue
            matches = [e for e in candidates if set(wanted) <= set(_content_words(e.name))]
            if matches and (len({m.name for m in matches}) == 1 or definite and wanted == words):
                return self._get(matches[0].name, kind, matches[0].source_type)
        # 3. A definite generic head alone ("the agency", "the company"): the most recent
        # organisation of the type the head implies.
        if definite and len(words) == 1 and head in lex.REFERRING_HEADS | lex.DOCUMENT_NOUNS:
            wanted_type = _source_type(head)
            for entity in known:
                if wanted_type is None or entity.source_type == wanted_type:
                    return self._touch(entity)
        return None

    def _defined_only(self, known: list[_Entity]) -> list[_Entity]:
        """Organisations the text defines with an acronym that no parsed sentence named yet
        (the full name may come after a short form of it)."""
        seen = {_key(e.name) for e in known}
        return [_Entity(name, "org", _org_type(name, name.lower(), "ORG"))
                for name in dict.fromkeys(self._acronyms.values()) if _key(name) not in seen]

    def _initials_of(self, acronym: str) -> str | None:
        """The known organisation an undefined acronym abbreviates, if exactly one does."""
        if not (acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 8):
            return None
        names = {e.name for e in self._recent(("org",)) if _initials(e.name) == acronym}
        return names.pop() if len(names) == 1 else None

    def _abbreviation(self, entity: _Entity | None) -> str | None:
        """An organisation's name as a modifier: its acronym when the text defines or uses
        one ("anonymous senior NCPD official"), else its name."""
        if entity is None or entity.outlet:
            return None
        defined = next((a for a, name in self._acronyms.items() if name == entity.name), None)
        if defined is not None:
            return defined
        initials = _initials(entity.name)
        if len(initials) >= 3 and re.search(rf"\b{initials}\b", self._text):
            return initials
        return entity.name

    def _known_organisation(self, word: str) -> _Entity | None:
        """The most recent organisation whose name ends in this word ("the Journal" after
        "The Wall Street Journal") or starts with it, when the word is distinctive
        ("Tidewater" after "Tidewater Lines", but not "National" after "National Grid")."""
        lowered = word.lower()
        for entity in self._recent(("org",)):
            words = entity.name.split()
            if len(words) < 2:
                continue
            if words[-1].lower() == lowered or (
                words[0].lower() == lowered and lowered not in _GENERIC_FIRST_WORDS
            ):
                return self._touch(entity)
        return None

    def _known_person(self, surname: str) -> str | None:
        """The full name of a person known by a surname: one seen so far, else one written
        anywhere in the document ("Marrek" -> "Ilsa Marrek")."""
        for entity in self._recent(("person",)):
            if " " in entity.name and entity.name.split()[-1] == surname:
                return entity.name
        if surname not in self._full_names:
            self._full_names[surname] = self._person_in_text(surname)
        return self._full_names[surname]

    def _person_in_text(self, surname: str) -> str | None:
        """A full name ending in this surname anywhere in the text, registered with the title
        written before it ("Prime Minister Odile Brannock"), for a person no parsed sentence
        has named."""
        if not (surname[:1].isupper() and surname.isalpha()) or \
                surname.lower() in lex.ORG_NAME_WORDS | lex.ORG_HEADS:
            return None
        pattern = re.compile(r"\b([A-Z][a-z][\w'’-]*)[ \t]+" + re.escape(surname) + r"\b")
        for match in pattern.finditer(self._text):
            first = match.group(1)
            if first.lower() in lex.HONORIFICS or first.lower() in lex.STOP_CAPITALS:
                continue
            before = self._text[max(0, match.start() - 30):match.start()].split()
            if before and before[-1][:1].isupper() and before[-1].isalpha() and \
                    before[-1].lower() not in lex.HONORIFICS | lex.PERSON_ROLES | lex.TITLE_WORDS:
                continue  # part of a longer name: "Wall Street Journal"
            title: list[str] = []
            for word in reversed(self._text[max(0, match.start() - 60):match.start()].split()[-4:]):
                if not word.isalpha() or not (
                        word[:1].isupper() or word.lower() in lex.PERSON_ROLES):
                    break
                title.insert(0, word.lower())
            role = " ".join(title) or None
            self._get(f"{first} {surname}", "person", _person_type(role, None), role=role)
            return f"{first} {surname}"
        return None

    def _is_outlet(self, words: Iterable[str], label: str | None) -> bool:
        """The outlet itself ("the Herald" in The Kelmar Herald): it asserts, it is no source."""
        if not self._outlet_words or label in ("GPE", "NORP"):
            return False
        content = set(_content_words(" ".join(words)))
        return bool(content) and content <= self._outlet_words

    def _remember(self, sent: Doc, start: int, relations: list[_Relation]) -> None:
        """Remember the people and organisations a sentence names, so that a later pronoun,
        role or short form can refer to them; its subject, then its speakers (the outermost
        last), count as the most recent."""
        for ent in sent.ents:
            if ent.label_ in ("PERSON", "ORG") and ent.root.dep_ != "compound":
                self._resolve_phrase(ent.root, start)
        root = sent[:].root
        subject = next((c for c in root.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN") and not relations:
            self._resolve(subject, start)
        for relation in sorted(relations, key=lambda r: _length(r.content)):
            if relation.entity is not None:
                self._touch(relation.entity)


# 4. Phrase analysis --------------------------------------------------------------------------

# First words that many organisation names share: they do not stand for one by themselves.
_GENERIC_FIRST_WORDS = lex.ORG_NAME_WORDS | lex.ORG_HEADS | {
    "the", "national", "state", "united", "new", "royal", "federal", "central", "general",
    "international", "first", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "great", "global", "american", "european", "british",
}


def _reading_order(relation: _Relation) -> tuple[bool, int]:
    source = relation.source
    if source is None:
        return False, 0
    return source.lower_ in lex.SPEAKER_PRONOUNS, source.i


def _definite(head: Token) -> bool:
    """"the agency", "its report": a phrase that refers back to something known."""
    return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another", "some")
               for c in head.children)


def _name_token(head: Token) -> Token | None:
    """The token naming the source: the head if it is a name, else a name in apposition
    ("its spokeswoman, Ilsa Marrek")."""
    if head.ent_type_ in _NAME_LABELS or head.pos_ == "PROPN":
        return head
    for child in head.children:
        if child.dep_ == "appos" and (child.ent_type_ in _NAME_LABELS or child.pos_ == "PROPN"):
            return child
    return None


def _name_span(token: Token) -> Tokens:
    """The tokens of the name a token is part of, without a determiner or the titles before
    it ("Prime Minister", "Mr") and without a bracketed acronym after it."""
    doc = token.doc
    start, end = token.i, token.i + 1
    if token.ent_type_:
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    else:
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
            start -= 1
    bracket = next((t.i for t in doc[token.i + 1:end] if t.text == "("), None)
    if bracket is not None:
        end = bracket  # "National Civil Protection Directorate (NCPD)"
    organisation = doc[end - 1].lower_ in lex.ORG_NAME_WORDS
    while end - start > 1 and (doc[start].lower_ in ("the", "a") or not organisation and (
            doc[start].lower_.rstrip(".") in lex.HONORIFICS | lex.PERSON_ROLES | lex.TITLE_WORDS)):
        start += 1
    return start, end


def _name_words(token: Token) -> list[str]:
    """The words of a name (see ``_name_span``)."""
    start, end = _name_span(token)
    return [t.text for t in token.doc[start:end] if t.tag_ != "POS"] or [token.text]


def _name_text(token: Token) -> str:
    """A name as written ("Jean-Pierre Henraux"), without a trailing possessive."""
    start, end = _name_span(token)
    while end - 1 > start and token.doc[end - 1].tag_ == "POS":
        end -= 1
    return token.doc[start:end].text


def _honorific(name_token: Token) -> str | None:
    """"Mr", "Ms.", "Dr" before a name (inside or outside spaCy's entity)."""
    doc = name_token.doc
    for index in range(name_token.i - 1, max(-1, name_token.i - 5), -1):
        word = doc[index].lower_.rstrip(".")
        if word in _PERSONAL_HONORIFICS:
            return word
        if doc[index].pos_ != "PROPN":
            break
    return None


def _role_words(head: Token, name_token: Token | None) -> list[str]:
    """The role a phrase gives its source, lower-cased: "interior minister" (a title before
    the name), "spokeswoman" (an apposition), "coordinator" ("the network's coordinator")."""
    words: list[str] = []
    role_head = head
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


def _affiliation(head: Token, name_token: Token | None) -> Token | None:
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


def _anonymous_description(head: Token, organisation: str | None) -> str | None:
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


def _antecedents_in_sentence(pronoun: Token, kinds: tuple[str, ...]) -> list[Token]:
    """What a pronoun may refer to in its own sentence, best first: the nearest subjects
    before it ("The directorate also raised its count"), then for a person any person named
    before it ("police arrested Baba Rampal when he refused")."""
    before = list(reversed(pronoun.doc[:pronoun.i]))
    found = [t for t in before if t.dep_ in _SUBJECT_DEPS and (
        "person" in kinds and t.ent_type_ == "PERSON"
        or "org" in kinds and (t.ent_type_ == "ORG" or t.lemma_.lower() in lex.ORG_HEADS))]
    if "person" in kinds:
        found += [t for t in before if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" or (
            t.ent_type_ == "PERSON" and t.head.ent_type_ != "PERSON") and t not in found]
    return found


def _core_words(head: Token) -> list[str]:
    """The head noun with its compounds and adjectives: "civil protection agency" for "the
    country's civil protection agency"."""
    doc = head.doc
    start = head.i
    while start > 0 and doc[start - 1].dep_ in ("compound", "amod", "nmod", "nummod") \
            and start - 1 <= doc[start - 1].head.i <= head.i:
        start -= 1
    return [t.text if t.pos_ == "PROPN" or t.ent_type_ else t.lower_ for t in doc[start:head.i + 1]]


# 5. Source types -----------------------------------------------------------------------------

def _source_type(description: str) -> str | None:
    """The first source type whose pattern the description matches; None if none does."""
    for name, pattern in _SOURCE_TYPES:
        if pattern.search(description):
            return name
    return None


def _org_type(name: str, described: str, label: str | None) -> str:
    """An organisation's type: state media, a news organisation by its name, then the
    patterns; a country or a nationality speaks as its government."""
    source_type = _source_type(described)
    if source_type == "state_media":
        return source_type
    if _media_name(name):
        return "media"
    return source_type or _label_type(label) or "other"


def _label_type(label: str | None) -> str | None:
    return "government" if label in ("GPE", "NORP") else None


def _person_type(role: str | None, affiliated: _Entity | None) -> str:
    """A person's type from their role (its head word first: a "military expert" is an
    expert, a "senior intelligence official" intelligence), or their organisation's when the
    role only speaks for it (a spokeswoman of a government directorate is government)."""
    head = role.split()[-1] if role else None
    voice = head in lex.VOICE_ROLES
    own = None
    if role:
        own = (head not in lex.GENERIC_ROLES and _source_type(head)) or _source_type(role)
    if affiliated is not None and (own is None or voice) and affiliated.source_type != "other":
        return affiliated.source_type
    return own or "other"


def _media_name(name: str) -> bool:
    words = {w.lower() for w in _WORD.findall(name)}
    return bool(words & lex.MEDIA_NAME_WORDS or words & lex.MEDIA_NAMES)


def _gender(words: Iterable[str]) -> str | None:
    lowered = {w.lower().rstrip(".") for w in words}
    if lowered & lex.FEMININE_WORDS:
        return "f"
    if lowered & lex.MASCULINE_WORDS:
        return "m"
    return None


# Names ---------------------------------------------------------------------------------------

def _key(name: str) -> str:
    """The form names are compared in: case, "the" and a possessive do not matter."""
    words = [w.removesuffix("'s").removesuffix("’s") for w in _WORD.findall(name.lower())]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(w for w in words if w)


def _content_words(name: str) -> list[str]:
    return [w for w in _key(name).split() if w not in lex.FUNCTION_WORDS]


def _strip_article(text: str) -> str:
    words = text.split()
    return " ".join(words[1:] if words and words[0].lower() in ("a", "an", "the") else words)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _plain(name: str) -> str:
    """A name without a leading "the" or a trailing possessive."""
    if name[:4].lower() == "the " and len(name) > 4:
        name = name[4:]
    return name.removesuffix("'s").removesuffix("’s")


def _acronym_definitions(text: str) -> dict[str, str]:
    """Acronyms defined in the text: "the National Civil Protection Directorate (NCPD)"."""
    found: dict[str, str] = {}
    for match in _ACRONYM_DEFINITION.finditer(text):
        words, acronym = match.group(1).split(), match.group(2).replace(".", "")
        for first in range(len(words)):
            candidate = words[first:]
            capitals = "".join(w[0] for w in candidate if w[:1].isupper())
            every = "".join(w[0] for w in candidate).upper()
            if candidate[0][:1].isupper() and acronym.upper() in (capitals.upper(), every):
                found.setdefault(acronym, " ".join(candidate))
                break
    return found


# 6. Coverage and corpus names ----------------------------------------------------------------

def covering(mentions: list[AttributionMention], token: int) -> AttributionMention | None:
    """The innermost attribution whose content covers token (a figure's token), or None."""
    # Of two with the same content, the one with the longer chain is the inner one.
    inside = [m for m in mentions if token in m.content_tokens]
    return min(inside, key=lambda m: (len(m.content_tokens), -len(m.via)), default=None)


def canonical_sources(names: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Map each (name, source_type) seen anywhere in the corpus to one canonical name: acronym
    ↔ expansion ("NCPD" ↔ "National Civil Protection Directorate"), with/without "the",
    possessives, a surname alone ↔ the full name of a person seen elsewhere, short forms ("the
    directorate") that match exactly one known organisation."""
    counts: Counter[str] = Counter()
    types: dict[str, set[str]] = {}
    for name, source_type in names:
        if name:
            counts[name] += 1
            types.setdefault(name, set()).add(source_type or "other")
    parent = {name: name for name in counts}

    def find(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    by_key: dict[str, str] = {}
    for name in counts:
        parent[name] = find(by_key.setdefault(_key(name), name))
    full = [n for n in by_key.values()
            if len(n.split()) > 1 and n[:1].isupper() and not n.startswith("anonymous")]
    expansions = _Expansions(full)
    full_names = set(full)
    for name in by_key.values():
        if name in full_names or name.startswith("anonymous"):
            continue
        matches = {find(f) for f in expansions(name) if _compatible(types[name], types[f])}
        if len(matches) == 1:
            parent[find(name)] = matches.pop()
    groups: dict[str, list[str]] = {}
    for name in counts:
        groups.setdefault(find(name), []).append(name)
    mapping: dict[str, str] = {}
    for members in groups.values():
        # The full form, capitalised, most often seen; written without "the" or "'s".
        best = max(members, key=lambda n: (not n.replace(".", "").isupper(), n[:1].isupper(),
                                           len(_key(n).split()), counts[n]))
        mapping.update((member, _plain(best)) for member in members)
    return mapping


class _Expansions:
    """The full names a short one may stand for: an acronym's, a surname's, a lower-case
    description's ("flood response directorate", "civil protection agency"). Indexed once,
    so canonicalising a corpus's names is linear in their number."""

    def __init__(self, full: list[str]) -> None:
        self.full = full
        self.by_initials: dict[str, list[str]] = {}
        self.by_last_word: dict[str, list[str]] = {}
        self.by_word: dict[str, set[str]] = {}
        for name in full:
            for initials in {_initials(name), "".join(w[0] for w in name.split()).upper()}:
                self.by_initials.setdefault(initials, []).append(name)
            self.by_last_word.setdefault(name.split()[-1], []).append(name)
            for word in set(_content_words(name)):
                self.by_word.setdefault(word, set()).add(name)

    def __call__(self, name: str) -> list[str]:
        bare = name.replace(".", "")
        if bare.isupper() and 2 <= len(bare) <= 8:
            return list(dict.fromkeys(self.by_initials.get(bare, [])))
        if len(name.split()) == 1 and name[:1].isupper():
            return self.by_last_word.get(name, [])
        if not name[:1].islower():
            return []
        words = set(_content_words(name))
        for wanted in (words, words - lex.ORG_HEADS):
            if wanted:
                found = set.intersection(*(self.by_word.get(w, set()) for w in wanted))
                if found:
                    return [f for f in self.full if f in found]
        return []


def _compatible(types: set[str], others: set[str]) -> bool:
    """Two names can be one source unless their types disagree ("other" agrees with all)."""
    return not (types - {"other"}) or not (others - {"other"}) or bool(types & others)


__all__ = ["AttributionMention", "DocumentSources", "canonical_sources", "covering",
           "find_relations", "quote_regions"]
