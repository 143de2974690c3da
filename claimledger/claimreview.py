"""schema.org ClaimReview / Claim JSON-LD: the interchange format of fact-checkers.

One ClaimReview per independent origin: the Claim's ``appearance`` lists every article that
carries it (the origin and its copies), ``firstAppearance`` the earliest, and the claim's
source is the Claim's ``author``. The ledger does not judge truth, so the review's rating
states what the ledger found about the figure (disputed, denied, revised, consistent,
single origin) in ``alternateName``, never a true/false verdict.
"""

from __future__ import annotations

from datetime import date

from claimledger import __version__

PERSON_TYPES = {"journalist", "expert"}
RATINGS = (  # the first flag a claim's measure has decides the wording
    ("denied", "Denied by a source"),
    ("disagreement", "Disputed: independent sources give figures that do not overlap"),
    ("revision", "Revised over time"),
    ("agreement", "Consistent with other independent reports"),
    ("single-origin", "Single origin: every report goes back to one source"),
)


def claimreview_document(ledger, *, reviewer: str = "claimledger") -> dict:
    """The whole ledger as one JSON-LD document with a ClaimReview per origin."""
    documents = {d["doc"]: d for d in ledger.document_rows()}
    flags = {m["id"]: m["flags"] for m in ledger.measures()}
    groups: dict[str, list[dict]] = {}
    for claim in ledger.claims():
        groups.setdefault(claim["origin"] or claim["id"], []).append(claim)
    graph = [
        _review(origin, claims, documents, flags, reviewer)
        for origin, claims in sorted(groups.items())
    ]
    return {"@context": "https://schema.org", "@graph": graph}


def _review(origin: str, claims: list[dict], documents: dict, flags: dict, reviewer: str) -> dict:
    claims = sorted(claims, key=lambda c: (c["published"] or "9999", c["doc"]))
    first = next((c for c in claims if c["id"] == origin), claims[0])
    appearances = [_appearance(documents[c["doc"]]) for c in claims if c["doc"] in documents]
    item = {
        "@type": "Claim",
        "text": first["sentence"],
        "appearance": appearances,
        "firstAppearance": _appearance(documents[first["doc"]]) if first["doc"] in documents else None,
    }
    if first["source"]:
        kind = "Person" if (first["source_type"] in PERSON_TYPES or _looks_like_person(first)) else "Organization"
        item["author"] = {"@type": kind, "name": first["source"]}
    elif first["doc"] in documents and documents[first["doc"]]["outlet"]:
        item["author"] = {"@type": "Organization", "name": documents[first["doc"]]["outlet"]}
    if first["published"]:
        item["datePublished"] = first["published"]
    review = {
        "@type": "ClaimReview",
        "identifier": origin,
        "claimReviewed": first["sentence"],
        "itemReviewed": {k: v for k, v in item.items() if v is not None},
        "author": {"@type": "Organization", "name": reviewer},
        "datePublished": date.today().isoformat(),
        "reviewRating": {"@type": "Rating", "alternateName": _rating(first, flags)},
        "sdPublisher": {"@type": "Organization", "name": f"claimledger {__version__}"},
    }
    if first.get("quantity_text"):
        review["about"] = {"@type": "Thing", "name": first["quantity_text"],
                           "description": first.get("counted") or ""}
    return review


def _appearance(document: dict) -> dict:
    work = {"@type": "NewsArticle", "headline": document["title"] or document["doc"]}
    if document.get("url"):
        work["url"] = document["url"]
    if document.get("published"):
        work["datePublished"] = document["published"]
    if document.get("outlet"):
        work["publisher"] = {"@type": "Organization", "name": document["outlet"]}
    work["identifier"] = document["doc"]
    return work


def _rating(claim: dict, flags: dict) -> str:
    """What the ledger found about this claim: the first flag of its measure naming it."""
    if claim["status"] == "denied":
        return "Denied by its source" if claim["kind"] != "figure" else "Denied by a source"
    naming = {f["flag"] for f in flags.get(claim["measure"], []) if claim["id"] in f["claims"]}
    return next((text for flag, text in RATINGS if flag in naming), f"Not compared ({claim['status']})")


def _looks_like_person(claim: dict) -> bool:
    """Two or three capitalised words and no organisation word: "Ilsa Marrek"."""
    words = (claim["source"] or "").split()
    org_words = {"ministry", "agency", "directorate", "network", "bank", "office", "service",
                 "government", "police", "council", "company", "group", "hydro", "utility"}
    return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not (
        {w.lower() for w in words} & org_words)
