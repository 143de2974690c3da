"""schema.org ClaimReview / Claim JSON-LD: the interchange format of fact-checkers.

One ClaimReview per independent origin: the Claim's ``appearance`` lists every article that
carries it (the origin and its copies), ``firstAppearance`` the earliest, and the claim's
source is the Claim's ``author``. The ledger does not judge truth, so the review's rating
states what the ledger found about the figure (denied, disputed, revised, confirmed,
consistent, single origin) in ``alternateName``, never a true/false verdict.

Ratings follow the denials and confirmations linked to the figure (link/answers.py): a
figure that a denial of another source contests is "Denied by a source", whatever else
agrees with it, so a denied figure is never "Consistent with other independent reports";
a figure that a confirmation of another source addresses is "Confirmed by a source" unless
it is also disputed or revised. Every claim of the origin counts: a copy contested is the
origin contested.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

from claimledger import __version__
from claimledger.link.answers import addressed
from claimledger.store.rows import ClaimRow

if TYPE_CHECKING:
    from claimledger.store import Ledger

PERSON_TYPES = {"journalist", "expert"}
RATINGS = (  # the first flag a claim's measure has decides the wording
    ("denied", "Denied by a source"),
    ("disagreement", "Disputed: independent sources give figures that do not overlap"),
    ("revision", "Revised over time"),
    ("confirmed", "Confirmed by a source"),
    ("agreement", "Consistent with other independent reports"),
    ("single-origin", "Single origin: every report goes back to one source"),
)


def claimreview_document(ledger: Ledger, *, reviewer: str = "claimledger") -> dict[str, Any]:
    """The whole ledger as one JSON-LD document with a ClaimReview per origin."""
    documents = {d["doc"]: d for d in ledger.document_rows()}
    claims = list(ledger.claims())
    flags = {m["id"]: m["flags"] for m in ledger.measures()}
    answered = answered_claims(claims)
    groups: dict[str, list[ClaimRow]] = {}
    for claim in claims:
        groups.setdefault(claim["origin"] or claim["id"], []).append(claim)
    graph = [
        _review(origin, members, documents, flags, answered, reviewer)
        for origin, members in sorted(groups.items())
    ]
    return {"@context": "https://schema.org", "@graph": graph}


def answered_claims(claims: list[ClaimRow]) -> dict[str, set[str]]:
    """Figure claim id -> "denied" / "confirmed": the answers of other sources that
    address it, among those linked to its measure."""
    figures: dict[str | None, list[ClaimRow]] = {}
    answers: list[ClaimRow] = []
    for claim in claims:
        if claim["measure"] and claim["kind"] == "figure":
            figures.setdefault(claim["measure"], []).append(claim)
        elif claim["measure"] and claim["kind"] in ("denial", "confirmation"):
            answers.append(claim)
    found: dict[str, set[str]] = {}
    for answer in answers:
        verdict = "denied" if answer["kind"] == "denial" else "confirmed"
        # link/ reads rows as dicts
        for figure in addressed(cast(dict, answer), cast("list[dict]", figures.get(answer["measure"], []))):
            if figure["source"] != answer["source"] or not figure["source"]:
                found.setdefault(figure["id"], set()).add(verdict)
    return found


def _review(origin: str, claims: list[ClaimRow], documents: dict, flags: dict,
            answered: dict[str, set[str]], reviewer: str) -> dict[str, Any]:
    claims = sorted(claims, key=lambda c: (c["published"] or "9999", c["doc"]))
    first = next((c for c in claims if c["id"] == origin), claims[0])
    appearances = [_appearance(documents[c["doc"]]) for c in claims if c["doc"] in documents]
    item: dict[str, Any] = {
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
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "identifier": origin,
        "claimReviewed": first["sentence"],
        "itemReviewed": {k: v for k, v in item.items() if v is not None},
        "author": {"@type": "Organization", "name": reviewer},
        "datePublished": date.today().isoformat(),
        "reviewRating": {"@type": "Rating", "alternateName": _rating(first, claims, flags, answered)},
        "sdPublisher": {"@type": "Organization", "name": f"claimledger {__version__}"},
    }
    if first.get("quantity_text"):
        review["about"] = {"@type": "Thing", "name": first["quantity_text"],
                           "description": first.get("counted") or ""}
    return review


def _appearance(document: dict) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "NewsArticle", "headline": document["title"] or document["doc"]}
    if document.get("url"):
        work["url"] = document["url"]
    if document.get("published"):
        work["datePublished"] = document["published"]
    if document.get("outlet"):
        work["publisher"] = {"@type": "Organization", "name": document["outlet"]}
    work["identifier"] = document["doc"]
    return work


def _rating(first: ClaimRow, claims: list[ClaimRow], flags: dict,
            answered: dict[str, set[str]]) -> str:
    """What the ledger found about this origin: its own status when denied, else the
    answers addressing any of its claims and the first flag of its measure naming one."""
    if first["status"] == "denied":
        return "Denied by its source" if first["kind"] != "figure" else "Denied by a source"
    ids = {c["id"] for c in claims}
    naming = {f["flag"] for f in flags.get(first["measure"], []) if ids & set(f["claims"])}
    naming |= set().union(*(answered.get(i, set()) for i in ids))
    return next((text for flag, text in RATINGS if flag in naming), f"Not compared ({first['status']})")


def _looks_like_person(claim: ClaimRow) -> bool:
    """Two or three capitalised words and no organisation word: "Ilsa Marrek"."""
    words = (claim["source"] or "").split()
    org_words = {"ministry", "agency", "directorate", "network", "bank", "office", "service",
                 "government", "police", "council", "company", "group", "hydro", "utility"}
    return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not (
        {w.lower() for w in words} & org_words)
