"""Source names across a corpus: one canonical name for each source, whatever name each
article gave it (an acronym, a short form, a surname, with or without "the")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import combinations

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
    possessives, spellings of one person's name ("A. Cole", "Anna Cole", "Ana M. Cole" ↔ "Ana
    Cole"), a surname alone ↔ the full name of a person seen elsewhere, short forms ("the
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
    for name, variant in _spelling_variants(full):
        if _compatible(types[name], types[variant]):
            parent[find(variant)] = find(name)
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


def _spelling_variants(full: list[str]) -> Iterator[tuple[str, str]]:
    """Pairs of full names that write one person's name two ways: the same surname, first
    names that are one spelling or an initial of one, and no middle names that disagree. A
    name whose variants are not all variants of each other ("A. Cole" beside "Ana Cole" and
    "Alan Cole") is left alone."""
    buckets: dict[tuple[str, str], list[list[str]]] = {}
    for name in full:
        words = name.split()
        if len(words) <= 4 and all(w[:1].isupper() for w in words) and not name.isupper():
            buckets.setdefault((words[0][0], name_key(words[-1])), []).append(words)
    for bucket in buckets.values():
        same = {(" ".join(a), " ".join(b)) for a, b in combinations(bucket, 2) if _one_name(a, b)}
        partners: dict[str, set[str]] = {}
        for a, b in same:
            partners.setdefault(a, {a}).add(b)
            partners.setdefault(b, {b}).add(a)
        for a, b in sorted(same):
            if partners[a] == partners[b]:
                yield a, b


def _one_name(words: list[str], others: list[str]) -> bool:
    """Whether two names of one surname can be one person's ("A. Cole", "Anna Cole")."""
    first, other = (w.rstrip(".").lower() for w in (words[0], others[0]))
    middle, other_middle = words[1:-1], others[1:-1]
    if middle and other_middle and [w[0] for w in middle] != [w[0] for w in other_middle]:
        return False
    if len(first) == 1 or len(other) == 1:
        return True
    # "Ana"/"Anna", "Mohamed"/"Mohammed", "Muhammad"/"Mohammad": short names by one added
    # letter only ("Dan" and "Don" are two people), long ones by two edits.
    if min(len(first), len(other)) < 6:
        return abs(len(first) - len(other)) == 1 and _edits(first, other) == 1 or first == other
    return _edits(first, other) <= 2


def _edits(a: str, b: str) -> int:
    """The Levenshtein distance between two words."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


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
