"""The claim as the read side sees it: one typed row, built in one place.

Every read of claims (``Ledger.claims``, ``find_claims``, ``claim``, ``measure_claims``)
selects ``CLAIM_COLUMNS`` from ``CLAIM_SOURCE`` and turns each row into a ``ClaimRow`` with
``read_claim``, so the web app, the report and the exports see the same keys, and the
values derived from stored columns are computed here once, never set by a caller.
"""

from __future__ import annotations

from typing import TypedDict, cast

from sqlalchemy import RowMapping, select

from claimledger.store.schema import claims, documents, measures


class ClaimRow(TypedDict):
    """A stored claim of a current or earlier document, with its document's outlet and
    title, its measure's label, and its date as one day.

    A TypedDict rather than a frozen dataclass: the row stays the plain dict the store hands
    out (datasette's "dicts in and out"), so it goes to JSON, to the templates and to
    ``export.claim_record`` as it is, and the linking code, which reads claim rows with
    ``[]`` and ``.get``, takes it unchanged; mypy still checks every key a reader names.
    """

    id: str
    document_id: int
    doc: str
    kind: str
    sentence: str
    sentence_start: int
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    approx: str | None
    trend: str | None
    quantity_text: str | None
    unit: str | None
    counted: str | None
    subject: str | None
    event: str | None
    source: str | None
    source_mention: str | None
    source_type: str | None
    cue: str | None
    via: list[str]
    status: str
    published: str | None
    event_date: str | None
    target: str | None
    scope: str | None
    polarity: str | None
    measure: str | None
    origin: str | None
    # Of the claim's document and measure (joined):
    outlet: str | None
    title: str | None
    measure_label: str | None
    # Derived from the columns above:
    event_date_point: str | None  # the day an event date names, its first for a range "a/b"
    day: str | None  # the day the claim speaks of: its event date's, else its article's


# The measure's label as a subquery, not a join: a join changes the plan, and with it the
# order of the rows of the one query that sets no order (``measure_claims``), on which the
# linking of measures depends.
CLAIM_COLUMNS = (
    claims, documents.c.outlet, documents.c.title,
    select(measures.c.label).where(measures.c.id == claims.c.measure)
    .scalar_subquery().label("measure_label"),
)
CLAIM_SOURCE = claims.join(documents, documents.c.id == claims.c.document_id)


def read_claim(row: RowMapping) -> ClaimRow:
    """A row selected as ``CLAIM_COLUMNS`` as a ``ClaimRow``, derived values added."""
    claim = dict(row)
    event_date = claim["event_date"]
    point = event_date.split("/")[0] if event_date else None
    claim["event_date_point"] = point
    claim["day"] = point or (claim["published"] or "")[:10] or None
    claim["via"] = list(claim["via"] or [])
    return cast(ClaimRow, claim)
