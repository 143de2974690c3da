"""Independent origins: a claim repeated in copied passages shares one origin with its source.

Within each aligned passage of a reuse link, a claim of the copy is joined to the claim of
the source that states the same figure (or, for a denial or confirmation, the same kind of
statement). Joined claims form groups; a group's origin is the claim of the earliest
document (by publication date, then by the order the ledger received them). Counting
distinct origins instead of articles is what keeps ten copies of one wire story from
looking like ten confirmations.
"""

from __future__ import annotations

from collections.abc import Iterable


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def origins(claims: Iterable[dict], edges: Iterable[dict], published: dict[int, str | None]) -> dict[str, str]:
    """claim id -> origin claim id, for every given claim (alone: its own origin)."""
    by_document: dict[int, list[dict]] = {}
    for claim in claims:
        by_document.setdefault(claim["document_id"], []).append(claim)
    groups = _UnionFind()
    for claims_of_document in by_document.values():
        for claim in claims_of_document:
            groups.find(claim["id"])
    for edge in edges:
        for passage in edge["passages"]:
            copies = _within(by_document.get(edge["document_a"], []), passage["a_start"], passage["a_end"])
            sources = _within(by_document.get(edge["document_b"], []), passage["b_start"], passage["b_end"])
            for copy, source in _pairs(copies, sources):
                groups.union(copy["id"], source["id"])
    members: dict[str, list[dict]] = {}
    for claims_of_document in by_document.values():
        for claim in claims_of_document:
            members.setdefault(groups.find(claim["id"]), []).append(claim)
    result = {}
    for group in members.values():
        # earliest article first; ties broken by document id, never by storage order
        first = min(group, key=lambda c: (published.get(c["document_id"]) or "9999", c["doc"], c["start"]))
        for claim in group:
            result[claim["id"]] = first["id"]
    return result


def _within(claims: list[dict], start: int, end: int) -> list[dict]:
    return sorted((c for c in claims if start <= c["start"] < end), key=lambda c: c["start"])


def _pairs(copies: list[dict], sources: list[dict]) -> list[tuple[dict, dict]]:
    """Claims stating the same figure (or statement kind), matched in order, each once."""
    unused = list(sources)
    matched = []
    for copy in copies:
        partner = next((s for s in unused if _same(copy, s)), None)
        if partner is not None:
            unused.remove(partner)
            matched.append((copy, partner))
    return matched


def _same(a: dict, b: dict) -> bool:
    if a["kind"] != b["kind"]:
        return False
    if a["kind"] != "figure":
        return a["status"] == b["status"]
    return (a["value"], a["low"], a["high"]) == (b["value"], b["low"], b["high"]) and (
        a["unit"] == b["unit"]
    )
