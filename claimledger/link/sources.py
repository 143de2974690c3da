"""Source names across a corpus: one canonical name for each source, whatever name each
article gave it (an acronym, a short form, a surname, with or without "the")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from claimledger.extract import lexicons as lex
from claimledger.extract.attribution.names import (
    content_words,
    name_initials,
    name_key,
    plain_name,
)


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
        parent[name] = find(by_key.setdefault(name_key(name), name))
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
                                           len(name_key(n).split()), counts[n]))
        mapping.update((member, plain_name(best)) for member in members)
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
            for initials in {name_initials(name), "".join(w[0] for w in name.split()).upper()}:
                self.by_initials.setdefault(initials, []).append(name)
            self.by_last_word.setdefault(name.split()[-1], []).append(name)
            for word in set(content_words(name)):
                self.by_word.setdefault(word, set()).add(name)

    def __call__(self, name: str) -> list[str]:
        bare = name.replace(".", "")
        if bare.isupper() and 2 <= len(bare) <= 8:
            return list(dict.fromkeys(self.by_initials.get(bare, [])))
        if len(name.split()) == 1 and name[:1].isupper():
            return self.by_last_word.get(name, [])
        if not name[:1].islower():
            return []
        words = set(content_words(name))
        for wanted in (words, words - lex.ORG_HEADS):
            if wanted:
                found = set.intersection(*(self.by_word.get(w, set()) for w in wanted))
                if found:
                    return [f for f in self.full if f in found]
        return []


def _compatible(types: set[str], others: set[str]) -> bool:
    """Two names can be one source unless their types disagree ("other" agrees with all)."""
    return not (types - {"other"}) or not (others - {"other"}) or bool(types & others)
