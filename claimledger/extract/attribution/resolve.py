"""Naming a source phrase: the document entity a name, a role, a short form, a pronoun or an
anonymous description stands for, created in the registry on first sight."""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.extract import lexicons as lex
from claimledger.extract import vocab
from claimledger.extract.attribution.contents import owner_of
from claimledger.extract.attribution.names import WORD, strip_article
from claimledger.extract.attribution.phrases import (
    affiliation_of,
    anonymous_description,
    antecedents_in_sentence,
    core_words,
    definite,
    honorific_of,
    name_head,
    name_text,
    role_words_of,
    words_of_name,
)
from claimledger.extract.attribution.quotes import Quotes
from claimledger.extract.attribution.records import Entity
from claimledger.extract.attribution.registry import Registry
from claimledger.extract.attribution.source_types import (
    gender_of,
    label_type,
    org_type,
    person_type,
    source_type_of,
)
from claimledger.extract.attribution.syntax import NAME_LABELS, PRONOUNS, is_document

_POSSESSIVES = vocab.words("attribution", "possessives")
_BODY_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}


class SourceResolver:
    """Resolves the source phrases of one document's sentences against its registry and the
    speakers of its quotes."""

    def __init__(self, registry: Registry, quotes: Quotes) -> None:
        self.registry = registry
        self.quotes = quotes

    def resolve(self, head: Token, start: int, depth: int = 0) -> Entity | None:
        """The document entity a source phrase stands for, created on first sight. ``depth``
        bounds the phrases resolved on the way (an owner, an affiliation, an antecedent)."""
        if depth > 3:
            return None
        lower = head.lower_
        clause = head.head
        relative = lower in lex.RELATIVE_PRONOUNS and clause.dep_ in ("relcl", "acl")
        if relative and clause.head != head:
            # "Corrinvale Hydro, which"; a name right before ", which" is the antecedent even
            # where the parse hangs the clause from a pronoun further back ("those of the
            # Geneva-based Institute, which said")
            return self.resolve(_named_antecedent(head) or clause.head, start, depth + 1)
        if head.pos_ == "PRON" or lower in PRONOUNS:
            return self._pronoun(head, start, depth)
        if is_document(head) and head.ent_type_ not in NAME_LABELS:
            owner = owner_of(head)  # "the ministry's figures show": the ministry
            if owner is None:
                return self._document(head)
            return self.resolve(owner, start, depth + 1)
        return self.resolve_phrase(head, start, depth)

    def resolve_phrase(self, head: Token, start: int, depth: int = 0) -> Entity | None:
        """A noun phrase: a name (with role and affiliation), a role, a short form, a group or
        an anonymous source."""
        name_token = name_head(head)
        role_words = role_words_of(head, name_token)
        affiliation = affiliation_of(head, name_token)
        affiliated = None if affiliation is None else self.resolve(affiliation, start, depth + 1)
        anonymous = anonymous_description(head, self.registry.abbreviation(affiliated))
        if anonymous is not None:
            return self.registry.get(anonymous, "anonymous", "anonymous")
        if name_token is not None:
            return self._named(name_token, role_words, affiliated)
        lemma = head.lemma_.lower()
        words = core_words(head)
        plural = head.tag_ in ("NNS", "NNPS")
        if lemma in lex.PERSON_ROLES and not plural:
            known = self.registry.find_role(lemma, affiliated) or (
                self.registry.role_holder(lemma) if definite(head) and affiliated is None
                else None)
            if known is not None:
                return known
            if lemma in lex.VOICE_ROLES and affiliated is not None:
                return affiliated  # an unnamed spokesman speaks for the organisation
        if lemma in lex.ORG_HEADS:
            known = self.registry.find_short_form(words, definite=definite(head))
            if known is not None:
                return known
        name = " ".join(words)
        if affiliated is not None and not affiliated.outlet:
            if lemma in lex.ORG_HEADS:
                name = f"{name} of {affiliated.name}"  # "her office", "the ministry's press office"
            elif lemma in lex.PERSON_ROLES and affiliation is not None \
                    and not head.i - len(words) < affiliation.i < head.i:
                # "NCPD rescuer"; "police officers" already names its body
                name = f"{self.registry.abbreviation(affiliated)} {name}"
        kind = "group" if plural else "person" if lemma in lex.PERSON_ROLES else \
            "org" if lemma in lex.ORG_HEADS else "thing"
        source_type = (source_type_of(" ".join(words + role_words).lower())
                       or (affiliated.source_type if affiliated is not None else None)
                       or label_type(head.ent_type_))
        return self.registry.get(name, kind, source_type, gender=gender_of(words),
                                 outlet=self.registry.is_outlet(words, head.ent_type_))

    def _named(self, name_token: Token, role_words: list[str],
               affiliated: Entity | None) -> Entity:
        """A named source: a person with their role, or an organisation or a place."""
        name_words = words_of_name(name_token)
        written = name_text(name_token)
        label = name_token.ent_type_ or None
        honorific = honorific_of(name_token)
        if self.registry.is_outlet(name_words, label):
            return self.registry.get(written, "org", "media", outlet=True)
        if len(name_words) == 1 and label != "PERSON" and not honorific:
            known = self.registry.known_organisation(written)  # "the Journal", "the Times"
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
        elif len(name_words) == 1 and name_words[0] not in self.registry.acronyms and \
                self.registry.known_person(name_words[0]) is not None:
            person = True
        else:
            # A name the tagger gave no label, or one for no body ("Ana Cole" as a PRODUCT), is
            # a person's when its last word is a surname of the text.
            person = label == "PERSON" or (
                label not in _BODY_LABELS
                and self.registry.known_person(name_words[-1]) is not None)
        if not person:
            name = (self.registry.acronyms.get(written) or self.registry.initials_of(written)
                    or written)
            source_type = org_type(name, " ".join([name] + role_words).lower(), label)
            return self.registry.get(name, "org", source_type, role=" ".join(role_words) or None)
        if len(name_words) == 1:
            written = self.registry.known_person(written) or written
        role = " ".join(role_words) or None
        return self.registry.get(written, "person", person_type(role, affiliated), role=role,
                                 affiliation=affiliated,
                                 gender=gender_of([honorific or ""] + role_words))

    def _document(self, head: Token) -> Entity:
        """A report, study or poll as a source: one mentioned before if this refers to it."""
        words = core_words(head)
        known = self.registry.find_short_form(words, kind="document", definite=definite(head))
        if known is not None:
            return known
        name = " ".join(words)
        return self.registry.get(name, "document", source_type_of(name.lower()))

    def _pronoun(self, token: Token, start: int, depth: int = 0) -> Entity | None:
        """A pronoun's referent: the speaker of the quote around "I" and "we", else the
        nearest compatible subject before it in its sentence, else the most recent entity."""
        word = token.lower_
        if word in lex.SPEAKER_PRONOUNS:
            return self.quotes.speaker_at(start + token.idx)
        kinds: tuple[str, ...]
        gender: str | None
        if word in lex.PERSON_PRONOUNS:
            kinds, gender = ("person",), lex.PERSON_PRONOUNS[word]
        elif word in lex.THING_PRONOUNS:
            kinds, gender = ("org", "document", "thing"), None
        elif word in lex.GROUP_PRONOUNS:
            kinds, gender = ("group", "org", "anonymous"), None
        else:
            return None
        for local in antecedents_in_sentence(token, kinds):
            entity = self.resolve_phrase(local, start, depth + 1)
            if entity is not None and entity.kind in kinds and (
                    not gender or entity.gender in (None, gender)):
                return entity
        entity = self.registry.last(kinds, gender)
        if entity is not None and gender and entity.gender is None:
            entity.gender = gender
        return entity

    def resolve_text(self, text: str) -> Entity | None:
        """A source named in plain text after a quote ("she", "the spokeswoman", "Ilsa
        Marrek, a spokeswoman for ..."), resolved without a parse."""
        name, _, role = text.partition(",")
        words = WORD.findall(name)
        lower = [w.lower() for w in words]
        if len(words) == 1 and lower[0] in lex.PERSON_PRONOUNS:
            return self.registry.last(("person",), lex.PERSON_PRONOUNS[lower[0]])
        if len(words) == 1 and lower[0] in lex.GROUP_PRONOUNS | lex.THING_PRONOUNS:
            return self.registry.last(("group", "org", "anonymous", "document"))
        while lower and (lower[0] in lex.FUNCTION_WORDS or lower[0] in _POSSESSIVES):
            words, lower = words[1:], lower[1:]
        if not words:
            return None
        names = [w for w in words if w[0].isupper() and w.lower().rstrip(".") not in lex.HONORIFICS]
        if not names:
            return (self.registry.find_role(lower[-1], None)
                    or self.registry.find_short_form(lower, definite=True))
        full = " ".join(names)
        if len(names) == 1:
            full = (self.registry.known_person(names[0]) or self.registry.acronyms.get(names[0])
                    or names[0])
        known = self.registry.known(full)
        if known is not None:
            return known
        role_words = strip_article(role.strip()).lower() or None
        if len(full.split()) >= 2 or lower[0].rstrip(".") in lex.HONORIFICS:
            return self.registry.get(full, "person", person_type(role_words, None), role=role_words)
        return self.registry.get(full, "org", org_type(full, full.lower(), None))


def _named_antecedent(relative: Token) -> Token | None:
    """The head of the name just before ", which/who", when the parse gave the relative
    clause to a pronoun ("those", "that", "one") instead."""
    antecedent = relative.head.head
    if antecedent.pos_ != "PRON" and antecedent.lower_ not in ("those", "that", "one", "ones"):
        return None
    before = relative.doc[relative.i - 1] if relative.i else None
    if before is None or before.text != "," or before.i == 0:
        return None
    name = relative.doc[before.i - 1]
    if name.ent_type_ not in ("ORG", "PERSON", "GPE", "NORP") and name.pos_ != "PROPN":
        return None
    while name.head.i != name.i and name.head.ent_type_ == name.ent_type_ and name.head.i < relative.i:
        name = name.head
    return name
