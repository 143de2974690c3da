"""Names as strings: the key they are compared by, their content words and initials, and
the acronyms a text defines."""

from __future__ import annotations

import re
import unicodedata

from claimledger.extract import lexicons as lex
from claimledger.extract import vocab

WORD = re.compile(r"[\w'’.&-]+")
# "the National Civil Protection Directorate (NCPD)": a name and its acronym in brackets.
_CONNECTORS = "|".join(re.escape(w) for w in vocab.word_list("attribution", "name_connectors"))
_NAME_WORD = rf"(?:[A-Z][\w'’&.-]*|{_CONNECTORS})"
_ACRONYM_DEFINITION = re.compile(
    rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,9}})[ \t]+\(([A-Z][A-Za-z&.]{{1,9}})\)"
)


def name_key(name: str) -> str:
    """The form names are compared in: case, accents, "the" and a possessive do not matter."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.lower())
                     if not unicodedata.combining(c))
    words = [w.removesuffix("'s").removesuffix("’s") for w in WORD.findall(folded)]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(w for w in words if w)


def content_words(name: str) -> list[str]:
    return [w for w in name_key(name).split() if w not in lex.FUNCTION_WORDS]


def strip_article(text: str) -> str:
    words = text.split()
    return " ".join(words[1:] if words and words[0].lower() in ("a", "an", "the") else words)


def name_initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def plain_name(name: str) -> str:
    """A name without a leading "the" or a trailing possessive."""
    if name[:4].lower() == "the " and len(name) > 4:
        name = name[4:]
    return name.removesuffix("'s").removesuffix("’s")


def acronym_definitions(text: str) -> dict[str, str]:
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
