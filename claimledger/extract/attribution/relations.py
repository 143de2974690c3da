"""Attribution relations in one parsed sentence: reporting and stance verbs, "according
to X", owned figures and statements, speaker labels and dashes, and relays."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.extract import lexicons as lex
from claimledger.extract import vocab
from claimledger.extract.attribution.contents import (
    call_for,
    governing_clause,
    intends,
    introduces_quote,
    is_negated,
    naming,
    object_end,
    owner_of,
    put_at,
    puts_it,
    stance_clause,
    topic,
    verb_content,
    wraps_cue,
)
from claimledger.extract.attribution.intermediaries import (
    attach_intermediaries,
    is_intermediary_verb,
)
from claimledger.extract.attribution.records import Relation
from claimledger.extract.status import denies_a_claim
from claimledger.extract.attribution.subjects import (
    frames_cue,
    impersonal,
    reduced_passive,
    subject_of,
)
from claimledger.extract.attribution.syntax import (
    DASHES,
    NAME_LABELS,
    QUOTE_CHARS,
    QUOTING_VERBS,
    SUBJECT_DEPS,
    acts_as_verb,
    agent_of,
    breaks_phrase,
    clause_without,
    cue_lemma,
    cue_phrase,
    has_child,
    has_clause,
    is_agent,
    is_thing,
    marked_as,
    share_of_people,
    source_phrase,
    span_length,
    trim,
)

_NO_ONE = vocab.words("attribution", "no_one")
_TOPIC_VERBS = vocab.words("attribution", "topic_verbs")
_FRAMING_DOCUMENTS = vocab.words("attribution", "framing_documents")
_RAISING_CUES = vocab.words("attribution", "raising_cues")


def find_relations(sent: Doc) -> list[Relation]:
    """Every attribution relation of one parsed sentence, outer ones (longer content) first."""
    relations: list[Relation] = []
    relays: list[Token] = []  # "as reported by Y": no relation of its own, unless alone
    skipped: set[int] = set()
    for token in sent:
        if token.i in skipped:
            continue
        lemma = cue_lemma(token)
        relation = None
        if token.lower_ == "according" and token.i + 1 < len(sent) and token.nbor().lower_ == "to":
            relation = according_to(sent, token)
        elif (lemma in lex.CUE_CLASSES or lemma in lex.STANCE_VERBS) and acts_as_verb(token):
            if is_intermediary_verb(token):
                relays.append(token)
                skipped.update(range(token.left_edge.i, token.right_edge.i + 1))
                continue
            relation = verb_relation(token)
        elif (lemma in lex.DOCUMENT_NOUNS or lemma in lex.SPEECH_NOUNS) and token.pos_ == "NOUN":
            relation = noun_relation(token)
        elif token.text in DASHES:
            relation = dash_relation(token)
        elif token.lower_ == "in" and token.dep_ == "prep":
            relation = in_document(sent, token)
        if relation is not None:
            relations.append(relation)
    label = label_relation(sent)
    if label is not None:
        relations.append(label)
    if not relations:  # "500 houses were destroyed, as reported by the Sentinel"
        relations.extend(r for r in map(relayed, relays) if r is not None)
    _widen_according_to(sent, relations)
    attach_intermediaries(sent, relations)
    relations.sort(key=lambda r: -span_length(r.content))
    return relations


def raised(verb: Token, lemma: str) -> bool:
    """Whether a cue is a bare participle before "to" ("thought to have", "said to be"),
    whose subject is not its speaker but the one it speaks of."""
    if lemma not in _RAISING_CUES or verb.tag_ not in ("VBD", "VBN") or agent_of(verb):
        return False
    if any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children):
        return False  # "she was thought to", "they believed him to be": a subject of its own
    return any(c.dep_ == "xcomp" and c.i > verb.i and has_child(c, "aux")
               and not has_child(c, "nsubj") for c in verb.children)


def verb_relation(verb: Token) -> Relation | None:
    """The relation of a reporting or stance verb: source, content, negation."""
    lemma = cue_lemma(verb)
    if verb.dep_ == "amod" or wraps_cue(verb):
        return None  # "an estimated cost", "declined to say": the adjective or inner verb speaks
    if frames_cue(verb, lemma):
        return None  # "Speaking to reporters, Lind said ...": one statement, whose cue is "said"
    if lemma in QUOTING_VERBS and verb.tag_ == "VBG" and verb.dep_ != "ROOT":
        relation = citing(verb)
        if relation is not None:
            return relation
    stance = lemma not in lex.CUE_CLASSES
    cue_class = "claimed" if stance else lex.CUE_CLASSES[lemma]
    agent = agent_of(verb)
    passive = agent is not None or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if passive and agent is None and not impersonal(verb):
        return None  # "residents have been told ...": the speaker is not named
    if verb.dep_ == "acl" and agent is None and verb.tag_ != "VBG" and not has_clause(verb):
        return None  # "the reported cases": a participle without its agent names no one
    if raised(verb, lemma):
        return None  # "a bomb thought to have been planted": the noun is what is thought of
    if verb.tag_ == "VBN" and agent is None and marked_as(verb):
        return None  # "failed as predicted"
    if agent is None and lemma in lex.ADDRESSING_VERBS and reduced_passive(verb):
        # "Asked about the deal, Lind said ...": Lind was asked, by someone not named.
        return Relation(cue=lemma, cue_class=cue_class, cue_tokens=cue_phrase(verb),
                        source=None, source_tokens=None, content=None)
    source = agent if agent is not None else (None if passive else subject_of(verb))
    if source is None and not passive:
        return None  # "to find out which ...": no one speaks (an impersonal passive may)
    if source is not None and (source.lower_ in _NO_ONE or not is_agent(source)):
        return None  # "let's say": no one in particular; "the evidence shows": no one at all
    if lemma in lex.NAMING_CUES and verb.tag_ == "VBN" and agent is None \
            and not has_child(verb, "aux"):
        return None  # "a movie called 'Messenger'": naming, not speaking
    if stance:
        if source is None or not is_agent(source) or has_child(verb, "prt"):
            return None  # "Washington backed out": a phrasal verb is an action, not a stance
        content = stance_clause(verb)
    else:
        content = verb_content(verb, lemma, passive)
    if lemma in lex.NAMING_CUES:
        named = naming(verb)
        if named is not None:
            content, denied = named
            cue_class = "denied" if denied else cue_class
        elif lemma == "call":
            content = call_for(verb)
            if content is None or source is not None and not is_agent(source):
                return None  # "call the hotline"; "the protocol called for ..."
    elif lemma in _TOPIC_VERBS and content is None:
        content = topic(verb)
    elif lemma == "put":
        if puts_it(verb):
            content, cue_class = governing_clause(verb, aside=True), "reported"  # "as X put it"
        elif not put_at(verb):
            return None  # "put" reports a figure only as "put ... at N"
    if cue_class == "denied" and not denies_a_claim(verb):
        return None  # "rejected efforts to talk", "contested by three candidates": no claim denied
    if content is None and not stance:
        # A speaker whose words are in another sentence ("Graham asked.", "The governor
        # added:") is kept; a clause-only cue without its clause is another sense ("know
        # the area").
        if source is None or not is_agent(source):
            return None
        if lemma in lex.CLAUSE_ONLY_CUES and not (introduces_quote(verb)
                                                  or intends(verb, cue_class)):
            return None
    return Relation(
        cue=lemma, cue_class=cue_class, cue_tokens=cue_phrase(verb), source=source,
        source_tokens=source_phrase(source, verb) if source is not None else None,
        content=content, negated=is_negated(verb),
    )


def according_to(sent: Doc, according: Token) -> Relation | None:
    """"according to X": X is the source of the clause the phrase modifies."""
    to = sent[according.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        obj = next((t for t in sent[to.i + 1:] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if obj is None or obj.lemma_.lower() in lex.TRANSLATION_WORDS:
        return None  # "according to a translation by Y" only adds an intermediary
    if not is_agent(obj):
        return None  # "according to the evidence": no one stands behind it
    phrase = (according.i, max(obj.right_edge.i, to.i) + 1)
    return Relation(
        cue="according to", cue_class="reported", cue_tokens=(according.i, to.i + 1),
        source=obj, source_tokens=source_phrase(obj, None),
        content=clause_without(sent, according, phrase),
    )


def citing(verb: Token) -> Relation | None:
    """"Y reported, citing X, that ...": X is the source and Y, the citer, an intermediary;
    the content is the citer's (see ``attach_intermediaries``). When X is a reason rather
    than someone ("citing security concerns"), the verb is an ordinary cue."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "pobj")), None)
    if obj is None or not is_agent(obj):
        return None
    return Relation(
        cue="citing", cue_class="reported", cue_tokens=(verb.i, verb.i + 1),
        source=obj, source_tokens=source_phrase(obj, verb), content=None,
    )


def noun_relation(noun: Token) -> Relation | None:
    """"X's estimate of N", "by the directorate's estimate, ...", "raised its count to N",
    "Trump's claim that ...", "a Times report that ...": what belongs to someone."""
    head = noun.head
    if noun.dep_ in SUBJECT_DEPS and head.lemma_.lower() in lex.CUE_CLASSES:
        return None  # "the ministry's figures show": the verb's relation names the owner
    lemma = noun.lemma_.lower()
    if lemma in lex.QUANTIFIER_NOUNS and any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                             for c in noun.children):
        return None  # "a number of bodies" counts them; it is nobody's document
    owner = owner_of(noun)
    if owner is None or not is_agent(owner):
        return None
    doc = noun.doc
    if lemma not in lex.FIGURE_NOUNS:
        # (A clause hung from the verb whose object the noun is, "denied claims by the army
        # that ...", was tried as the noun's too: it gave PolNeAR more wrong figure sources.)
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
        if clause is None:
            return None  # "his comments" alone attribute nothing in particular
        return Relation(
            cue=lemma, cue_class=lex.SPEECH_NOUNS.get(lemma, "reported"),
            cue_tokens=(noun.i, noun.i + 1), source=owner, source_tokens=source_phrase(owner, noun),
            content=trim(doc, clause.left_edge.i, clause.right_edge.i + 1),
        )
    if noun.dep_ == "pobj" and head.lower_ in ("by", "in", "on") and head.i < noun.i:
        content = clause_without(doc, head, (head.i, noun.right_edge.i + 1))
    else:
        end = object_end(head) if noun.dep_ == "dobj" else noun.right_edge.i + 1
        content = trim(doc, noun.left_edge.i, end)
        if content is None or not any(t.like_num for t in doc[content[0]:content[1]]):
            return None  # "the IMF's last estimate": an owner but no figure
    return Relation(
        cue=lemma, cue_class="estimated" if lemma in lex.ESTIMATE_NOUNS else "reported",
        cue_tokens=(noun.i, noun.i + 1), source=owner, source_tokens=source_phrase(owner, noun),
        content=content,
    )


def in_document(sent: Doc, preposition: Token) -> Relation | None:
    """"In a poll released Monday, 31 percent said ...": the poll or study is the source of
    the clause the phrase opens, unless someone in that clause speaks for it ("In its report,
    the agency said ..."). After its verb the phrase rather places a standing ("leads in
    the polls", "rose in the polls")."""
    document = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    if document is None or document.lemma_.lower() not in _FRAMING_DOCUMENTS:
        return None
    clause = preposition.head
    if clause.i < preposition.i:
        return None
    speaker = subject_of(clause) if cue_lemma(clause) in lex.CUE_CLASSES else None
    if speaker is not None and not share_of_people(speaker):
        return None  # the clause's own speaker stands behind it (those polled do not)
    phrase = (preposition.i, document.right_edge.i + 1)
    return Relation(
        cue=preposition.lower_, cue_class="reported", cue_tokens=(preposition.i, preposition.i + 1),
        source=document, source_tokens=source_phrase(document, None),
        content=clause_without(sent, preposition, phrase),
    )


def dash_relation(dash: Token) -> Relation | None:
    """'...our greatest shame.” ― Sonya Herridge': a name after a dash closes a quote."""
    doc = dash.doc
    before = dash.i - 1
    while before >= 0 and doc[before].is_punct and doc[before].text not in QUOTE_CHARS:
        before -= 1
    names = list(doc[dash.i + 1:])
    while names and names[-1].is_punct:
        names.pop()
    if before < 0 or doc[before].text not in QUOTE_CHARS or not names or len(names) > 8:
        return None
    if not (names[0].pos_ == "PROPN" or names[0].ent_type_ in NAME_LABELS):
        return None
    opening = next((t.i for t in reversed(doc[:before]) if t.text in QUOTE_CHARS), -1)
    first, last = names[0].i, names[-1].i
    head = next((t for t in names if not first <= t.head.i <= last or t.head == t), names[0])
    return Relation(
        cue=dash.text, cue_class="reported", cue_tokens=(dash.i, dash.i + 1), source=head,
        source_tokens=(first, last + 1), content=trim(doc, opening + 1, before),
    )


def label_relation(sent: Doc) -> Relation | None:
    """"WALLACE: Let's start ...", "Pentagon: ..." or, after a digest's headline, "POLLS
    WERE RIGHT - Lind and Berg: “...”": a speaker label before a colon."""
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is None or colon.i == 0 or colon.i + 1 >= len(sent):
        return None
    dash = next((t.i for t in reversed(sent[:colon.i]) if breaks_phrase(t)), -1)
    if colon.i - dash > 7:
        return None
    words = [t for t in sent[dash + 1:colon.i] if not t.is_punct]
    # "Kessler at the convention:", "Kessler to the union:": the speaker before a preposition.
    words = words[:next((i for i, t in enumerate(words) if t.pos_ == "ADP" and i), len(words))]
    if not words or any(t.pos_ in ("VERB", "AUX", "ADP", "NUM", "PRON") for t in words):
        return None
    if any(t.lower_ in lex.NOT_SPEAKERS for t in words):
        return None  # "CLARIFICATION:", "Editor's note:", "WATCH:"
    head = words[-1]
    # A headline's speaker is capitalised whatever the tagger takes it for ("Lind: ...").
    named = all(t.ent_type_ in NAME_LABELS or t.pos_ in ("PROPN", "CCONJ")
                or t.is_title and t.pos_ == "NOUN" for t in words) or all(
        t.is_upper and t.is_alpha and len(t) > 1 for t in words)
    if not named and head.lemma_.lower() not in lex.LABEL_HEADS or is_thing(head):
        return None  # "Background:", "The situation:": a heading, not a speaker
    if not any(t.is_alpha for t in sent[colon.i + 1:]):
        return None  # "Lind: 46." is a tally, not words said
    return Relation(
        cue=":", cue_class="reported", cue_tokens=(colon.i, colon.i + 1), source=head,
        source_tokens=(words[0].i, head.i + 1), content=trim(sent, colon.i + 1, len(sent)),
    )


def relayed(verb: Token) -> Relation | None:
    """"..., as reported by Y" when no one else in the sentence speaks: Y is the source."""
    agent = agent_of(verb)
    if agent is None or verb.lemma_.lower() in lex.TRANSLATION_WORDS or not is_agent(agent):
        return None
    return Relation(
        cue=verb.lemma_.lower(), cue_class="reported", cue_tokens=(verb.i, verb.i + 1),
        source=agent, source_tokens=source_phrase(agent, verb),
        content=governing_clause(verb, aside=True),
    )


def _widen_according_to(sent: Doc, relations: list[Relation]) -> None:
    """"Kim told Putin he would send troops, according to the spy agency": the phrase is
    parsed inside the reported clause but qualifies the whole report, which it then holds."""
    for according in relations:
        if according.cue != "according to" or not according.content \
                or according.cue_tokens is None:
            continue
        phrase = according.cue_tokens[0]
        for other in relations:
            if other is according or other.content is None or other.cue_tokens is None:
                continue
            if other.content[0] < phrase < other.content[1] and other.cue_tokens[0] < phrase:
                other.content = trimmed = trim(sent, other.content[0], phrase)
                first = other.source_tokens[0] if other.source_tokens else other.cue_tokens[0]
                start = min(first, other.cue_tokens[0], according.content[0])
                end = max(trimmed[1] if trimmed else phrase, according.content[1])
                according.content = (start, end)
