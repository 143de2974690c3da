"""The sources one document names, each under one name: the registry every mention of a
person, organisation or document resolves to, with the lookups that find one again (a role, a
short form, an acronym, a surname)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from claimledger.extract import lexicons as lex
from claimledger.extract import vocab
from claimledger.extract.attribution.names import (
    acronym_definitions,
    content_words,
    name_initials,
    name_key,
)
from claimledger.extract.attribution.records import Entity
from claimledger.extract.attribution.source_types import (
    gender_of,
    org_type,
    person_type,
    source_type_of,
)

_LINE_BREAKS = re.compile(r"\n\s*")
# First words that many organisation names share: they do not stand for one by themselves.
_GENERIC_FIRST_WORDS = (lex.ORG_NAME_WORDS | lex.ORG_HEADS
                        | vocab.words("attribution", "generic_first_words"))


class Registry:
    """The entities of one document by name, the acronyms its text defines, and which was
    mentioned most recently."""

    def __init__(self, text: str, *, outlet: str | None = None) -> None:
        self.text = text
        self.acronyms = acronym_definitions(text)
        self._outlet_words = set(content_words(outlet or ""))
        self._entities: dict[str, Entity] = {}
        self._clock = 0
        self._full_names: dict[str, str | None] = {}
        self._written: dict[str, dict[str, None]] = {}  # name -> the forms it was written in
        self.position = 0  # the offset of the sentence being read

    def known(self, name: str) -> Entity | None:
        """The entity already registered under this name, touched as the most recent."""
        entity = self._entities.get(name_key(name))
        return self.touch(entity) if entity is not None else None

    def get(self, name: str, kind: str, source_type: str | None, **details) -> Entity:
        """The entity with this name, created, or updated with what this mention adds."""
        key = name_key(name)
        entity = self._entities.get(key)
        if entity is None:
            entity = self._entities[key] = Entity(name, kind, source_type or "other", **details)
        else:
            for attribute, value in details.items():
                if value and not getattr(entity, attribute):
                    setattr(entity, attribute, value)
            if entity.source_type == "other" and source_type not in (None, "other"):
                entity.source_type = source_type
        return self.touch(entity)

    def touch(self, entity: Entity) -> Entity:
        self._clock += 1
        entity.seen, entity.at = self._clock, self.position
        return entity

    def note_written(self, entity: Entity, written: str) -> None:
        """Remember a form a source was written in, so that merges can be shown."""
        self._written.setdefault(entity.name, {})[written] = None

    def merges(self) -> dict[str, list[str]]:
        """Each source written in more than one way, with every form that resolved to it."""
        return {name: list(forms) for name, forms in self._written.items()
                if len(forms) > 1 or name not in forms}

    def recent(self, kinds: tuple[str, ...]) -> list[Entity]:
        return sorted((e for e in self._entities.values() if e.kind in kinds and not e.outlet),
                      key=lambda e: -e.seen)

    def last(self, kinds: tuple[str, ...], gender: str | None = None) -> Entity | None:
        """The most recent entity of these kinds (and gender, when both are known)."""
        for entity in self.recent(kinds):
            if not (gender and entity.gender and entity.gender != gender):
                return self.touch(entity)
        return None

    def find_role(self, role: str, affiliated: Entity | None) -> Entity | None:
        """The most recent person with this role ("the spokeswoman" after "Ilsa Marrek, a
        spokeswoman for the NCPD"), of the same organisation when one is named."""
        for entity in self.recent(("person",)):
            if entity.role and role in entity.role.lower().split() and (
                    affiliated is None or entity.affiliation in (None, affiliated)):
                return self.touch(entity)
        return None

    def role_holder(self, role: str) -> Entity | None:
        """The nearest person named in this paragraph or the one before whose role was not
        given, for a role no one holds yet ("Ana Cole said ... The mayor added"); no one when
        the text spoke of that role before, as of someone else ("Cole met the mayor")."""
        if re.search(rf"\b{re.escape(role)}\b", self.text[:self.position], re.IGNORECASE):
            return None
        since = _paragraph_before(self.text, self.position)
        gender = gender_of([role])
        for entity in self.recent(("person",)):
            if entity.at < since:
                break
            if entity.role is None and not (gender and entity.gender not in (None, gender)):
                entity.role = role
                return self.touch(entity)
        return None

    def find_short_form(self, words: list[str], *, kind: str = "org",
                        definite: bool) -> Entity | None:
        """The one known organisation (or document) a description points to: "the
        directorate", "the country's civil protection agency", "the agency", "the report"."""
        words = [w.lower() for w in words if w.lower() not in lex.FUNCTION_WORDS]
        if not words:
            return None
        known = self.recent((kind,))
        candidates = known + self._defined_only(known) if kind == "org" else known
        head = words[-1]
        # 1. Every word of the description is in the name: "the directorate", "the civil
        # protection directorate"; 2. without a generic head: "civil protection agency".
        for wanted in (words, words[:-1] if head in lex.ORG_HEADS | lex.DOCUMENT_NOUNS else []):
            if not wanted:
                continue
            matches = [e for e in candidates if set(wanted) <= set(content_words(e.name))]
            if matches and (len({m.name for m in matches}) == 1 or definite and wanted == words):
                return self.get(matches[0].name, kind, matches[0].source_type)
        # 3. A definite generic head alone ("the agency", "the company"): the most recent
        # organisation of the type the head implies.
        if definite and len(words) == 1 and head in lex.REFERRING_HEADS | lex.DOCUMENT_NOUNS:
            wanted_type = source_type_of(head)
            for entity in known:
                if wanted_type is None or entity.source_type == wanted_type:
                    return self.touch(entity)
        return None

    def _defined_only(self, known: list[Entity]) -> list[Entity]:
        """Organisations the text defines with an acronym that no parsed sentence named yet
        (the full name may come after a short form of it)."""
        seen = {name_key(e.name) for e in known}
        return [Entity(name, "org", org_type(name, name.lower(), "ORG"))
                for name in dict.fromkeys(self.acronyms.values()) if name_key(name) not in seen]

    def initials_of(self, acronym: str) -> str | None:
        """The known organisation an undefined acronym abbreviates, if exactly one does."""
        if not (acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 8):
            return None
        names = {e.name for e in self.recent(("org",)) if name_initials(e.name) == acronym}
        return names.pop() if len(names) == 1 else None

    def abbreviation(self, entity: Entity | None) -> str | None:
        """An organisation's name as a modifier: its acronym when the text defines or uses
        one ("anonymous senior NCPD official"), else its name."""
        if entity is None or entity.outlet:
            return None
        defined = next((a for a, name in self.acronyms.items() if name == entity.name), None)
        if defined is not None:
            return defined
        initials = name_initials(entity.name)
        if len(initials) >= 3 and re.search(rf"\b{initials}\b", self.text):
            return initials
        return entity.name

    def known_organisation(self, word: str) -> Entity | None:
        """The most recent organisation whose name ends in this word ("the Journal" after
        "The Wall Street Journal") or starts with it, when the word is distinctive
        ("Tidewater" after "Tidewater Lines", but not "National" after "National Grid")."""
        lowered = word.lower()
        for entity in self.recent(("org",)):
            words = entity.name.split()
            if len(words) < 2:
                continue
            if words[-1].lower() == lowered or (
                words[0].lower() == lowered and lowered not in _GENERIC_FIRST_WORDS
            ):
                return self.touch(entity)
        return None

    def known_person(self, surname: str) -> str | None:
        """The full name of a person known by a surname: one seen so far, else one written
        anywhere in the document ("Marrek" -> "Ilsa Marrek")."""
        for entity in self.recent(("person",)):
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
        for match in pattern.finditer(self.text):
            first = match.group(1)
            if first.lower() in lex.HONORIFICS or first.lower() in lex.STOP_CAPITALS:
                continue
            before = self.text[max(0, match.start() - 30):match.start()].split()
            if before and before[-1][:1].isupper() and before[-1].isalpha() and \
                    before[-1].lower() not in lex.HONORIFICS | lex.PERSON_ROLES | lex.TITLE_WORDS:
                continue  # part of a longer name: "Wall Street Journal"
            title: list[str] = []
            for word in reversed(self.text[max(0, match.start() - 60):match.start()].split()[-4:]):
                if not word.isalpha() or not (
                        word[:1].isupper() or word.lower() in lex.PERSON_ROLES):
                    break
                title.insert(0, word.lower())
            role = " ".join(title) or None
            self.get(f"{first} {surname}", "person", person_type(role, None), role=role)
            return f"{first} {surname}"
        return None

    def is_outlet(self, words: Iterable[str], label: str | None) -> bool:
        """The outlet itself ("the Herald" in The Kelmar Herald): it asserts, it is no source."""
        if not self._outlet_words or label in ("GPE", "NORP"):
            return False
        content = set(content_words(" ".join(words)))
        return bool(content) and content <= self._outlet_words


def _paragraph_before(text: str, offset: int) -> int:
    """Where the paragraph before the one holding ``offset`` starts (0 for the first two)."""
    starts = [0] + [match.end() for match in _LINE_BREAKS.finditer(text, 0, offset)]
    return starts[-2] if len(starts) > 1 else 0
