"""Source types (government, media, expert, ...) from a name, a role, an organisation and
the entity label, through the curated patterns of ``lexicons``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from claimledger.extract import lexicons as lex
from claimledger.extract.attribution.names import WORD
from claimledger.extract.attribution.records import Entity

_SOURCE_TYPES = tuple((name, re.compile(pattern)) for name, pattern in lex.SOURCE_TYPE_PATTERNS)


def source_type_of(description: str) -> str | None:
    """The first source type whose pattern the description matches; None if none does."""
    for name, pattern in _SOURCE_TYPES:
        if pattern.search(description):
            return name
    return None


def org_type(name: str, described: str, label: str | None) -> str:
    """An organisation's type: state media, a news organisation by its name, then the
    patterns; a country or a nationality speaks as its government."""
    source_type = source_type_of(described)
    if source_type == "state_media":
        return source_type
    if _media_name(name):
        return "media"
    return source_type or label_type(label) or "other"


def label_type(label: str | None) -> str | None:
    return "government" if label in ("GPE", "NORP") else None


def person_type(role: str | None, affiliated: Entity | None) -> str:
    """A person's type from their role (its head word first: a "military expert" is an
    expert, a "senior intelligence official" intelligence), or their organisation's when the
    role only speaks for it (a spokeswoman of a government directorate is government)."""
    head = role.split()[-1] if role else None
    voice = head in lex.VOICE_ROLES
    own = None
    if role and head:  # head is role's last word: never empty
        own = (head not in lex.GENERIC_ROLES and source_type_of(head)) or source_type_of(role)
    if affiliated is not None and (own is None or voice) and affiliated.source_type != "other":
        return affiliated.source_type
    return own or "other"


def _media_name(name: str) -> bool:
    words = {w.lower() for w in WORD.findall(name)}
    return bool(words & lex.MEDIA_NAME_WORDS)


def gender_of(words: Iterable[str]) -> str | None:
    lowered = {w.lower().rstrip(".") for w in words}
    if lowered & lex.FEMININE_WORDS:
        return "f"
    if lowered & lex.MASCULINE_WORDS:
        return "m"
    return None
