"""Verdicts on a measure, each with the claims that justify it and a note a reader can check.

Only independent origins count: copies are folded into the claim they were copied from
before anything is compared. A figure is an interval (``low``..``high``; a point when both
are its value; open-ended for "at least"/"up to"), widened by the normal spread of
estimates (``measure_spread``, relative) before intervals are compared.

- agreement: two or more independent origins whose intervals meet;
- disagreement: different sources whose intervals do not meet about the same period: both
  dated the same day, or, where either is undated, stated side by side in one article. Two
  undated figures of different articles may be of different days of the story: nothing
  says they are contemporary, so they are not set against each other;
- revision: one source moving from one figure to another, or the story's figures moving
  over time (the latest figures no longer meeting the earliest ones), between dated figures
  only: without dates there is no time order, so a ledger with no dates has no revision;
- denied: a denial addressing the measure (link/answers.py), with the figures it contests,
  or a figure denied outright; an affirmation by the subject is no denial of the figures;
- single-origin: every claim goes back to one origin, however many articles repeat it.

Each note names what justifies the flag: the sources, figures, articles and dates compared.

A figure the sentence itself places in the past ("up from 4,000", "initially put at 300",
"in the first days") is history, not a current statement: it counts for revisions but is
never set against today's figures as a disagreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from claimledger.extract.counters import count
from claimledger.extract.vocab import words
from claimledger.link.answers import addressed, denied_outright
from claimledger.model import Flag

CONTEMPORARY_DAYS = 0


@dataclass(slots=True)
class Point:
    """One independent origin's figure: the origin claim and the copies folded into it."""

    claim: dict
    copies: list[dict]

    @property
    def source(self) -> str:
        return self.claim.get("source") or f"({self.claim.get('outlet') or self.claim['doc']})"

    @property
    def day(self) -> str | None:
        return self.claim.get("event_date_point") or self.claim.get("published")


_RETROSPECTIVE = re.compile(
    r"\b(?:from|initially|originally|at first|earlier|previously|first days?|first hours?|"
    r"first reports?|had been put at|was first)\b[^.;]*$",
    re.IGNORECASE,
)


def retrospective(claim: dict) -> bool:
    """The sentence places the figure in the past: "up from 4,000", "initially 300"."""
    before = claim.get("sentence", "")[: max(0, claim.get("start", 0) - claim.get("sentence_start", 0))]
    return bool(before) and bool(_RETROSPECTIVE.search(before[-80:]))


def independent_points(claims: list[dict]) -> list[Point]:
    """Figures folded into their origins, in time order."""
    by_origin: dict[str, list[dict]] = {}
    for claim in claims:
        if claim.get("kind", "figure") == "figure" and claim.get("status") != "denied":
            by_origin.setdefault(claim.get("origin") or claim["id"], []).append(claim)
    points = []
    for origin, group in by_origin.items():
        first = next((c for c in group if c["id"] == origin), None) or min(group, key=_when)
        points.append(Point(first, [c for c in group if c is not first]))
    return sorted(points, key=lambda p: (_when(p.claim), p.claim["id"]))


def _when(claim: dict) -> str:
    return claim.get("event_date_point") or claim.get("published") or "9999-12-31"


_NEAR_BELOW = re.compile(r"^\s*(?:nearly|almost|close to|just under|just short of|approaching)\b", re.I)


def interval(claim: dict, spread: float) -> tuple[float, float] | None:
    """The figure as a closed interval, each end moved out by half the spread (so two
    figures meet when they differ by about the spread), or None without numbers.

    "at least N" is open above, "up to N" and "fewer than N" open below; "nearly N" is just
    under N (taken as 90-100% of it)."""
    low, high, value = claim.get("low"), claim.get("high"), claim.get("value")
    if low is None and high is None and value is None:
        return None
    approx = claim.get("approx")
    if low is None:
        near = approx == "at_most" and _NEAR_BELOW.match(claim.get("quantity_text") or "")
        low = 0.9 * value if near and value is not None else (
            0.0 if approx in ("up_to", "at_most") or value is None else value)
    if high is None:
        high = float("inf") if approx == "at_least" or value is None else value
    half = spread / 2
    return low * (1 - half), high * (1 + half)


def meet(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)


def measure_flags(claims: list[dict], denials: list[dict], *, spread: float) -> list[Flag]:
    """The flags of one measure from its claims and the denials linked to it, each counted
    by kind ("flag: <kind>")."""
    points = independent_points(claims)
    flags = []
    agreeing: set[str] = set()
    disagreeing: set[str] = set()
    apart: list[tuple[Point, Point]] = []
    for a, b in combinations(points, 2):
        ia, ib = interval(a.claim, spread), interval(b.claim, spread)
        if meet(ia, ib):
            agreeing.update((a.claim["id"], b.claim["id"]))
        elif a.source == b.source:
            continue  # one source changing its figure is a revision
        elif ia is not None and ib is not None and not (retrospective(a.claim) or retrospective(b.claim)):
            if _same_period(a, b):
                disagreeing.update((a.claim["id"], b.claim["id"]))
                apart.append((a, b))
    if agreeing:
        sources = {p.source for p in points if p.claim["id"] in agreeing}
        flags.append(Flag("agreement", sorted(agreeing),
                          f"{len(agreeing)} independent reports from {len(sources)} "
                          f"source{'s' if len(sources) > 1 else ''} agree within ±{spread:.0%}"))
    if disagreeing:
        flags.append(Flag("disagreement", sorted(disagreeing),
                          f"{len(disagreeing)} figures from different sources do not overlap "
                          f"within ±{spread:.0%}, stated {_period(apart)}: "
                          + _pairs_note(apart, " vs ")))
    revision = _revisions(points, spread)
    if revision:
        flags.append(revision)
    denied = _denied(claims, denials)
    if denied:
        flags.append(denied)
    origins = {c.get("origin") or c["id"] for c in claims if c.get("kind", "figure") == "figure"}
    if len(origins) == 1 and claims:
        flags.append(Flag("single-origin", sorted(c["id"] for c in claims),
                          f"{len(claims)} claims in {len({c['doc'] for c in claims})} articles go "
                          "back to one origin"))
    for flag in flags:
        count("flag", flag.kind)
    return flags


# Words by which an article sets its sources' figures against each other ("But the network
# says more than 12,000"). An article does not contradict itself silently: two figures of
# one article with none of these are more likely of two quantities than one in dispute.
CONTRAST_WORDS = words("links", "contrast_words")
_WORDS = re.compile(r"[a-z]+")


def _same_period(a: Point, b: Point) -> bool:
    """Both dated the same day, or (either undated) side by side in one article. Within one
    article, the outlet's own figure and a source's are parts of one account, not a
    dispute: both must be attributed, and the article must set them against each other."""
    one_article = a.claim.get("doc") is not None and a.claim.get("doc") == b.claim.get("doc")
    if one_article and not (a.claim.get("source") and b.claim.get("source") and _contrasted(a, b)):
        return False
    apart = _days_apart(a.day, b.day)
    return one_article if apart is None else apart <= CONTEMPORARY_DAYS


def _contrasted(a: Point, b: Point) -> bool:
    """A contrast word outside the figures' own quantity text, in either sentence."""
    for claim in (a.claim, b.claim):
        sentence = (claim.get("sentence") or "").lower()
        quantity = (claim.get("quantity_text") or "").lower()
        if set(_WORDS.findall(sentence.replace(quantity, " ", 1) if quantity else sentence)) & CONTRAST_WORDS:
            return True
    return False


def _period(pairs: list[tuple[Point, Point]]) -> str:
    if all(a.day and b.day for a, b in pairs):
        return "on the same day"
    if not any(a.day and b.day for a, b in pairs):
        return "side by side in one article (no dates: nothing else is compared)"
    return "on the same day or side by side in one article"


def describe(claim: dict) -> str:
    """One claim as a note names it: source, figure, article and date."""
    value = claim.get("quantity_text") or _figure(claim)
    day = claim.get("event_date_point") or claim.get("published") or "undated"
    return f"{claim.get('source') or 'the outlet'} {value} ({claim.get('doc')}, {day})"


def _figure(claim: dict) -> str:
    low, high, value = claim.get("low"), claim.get("high"), claim.get("value")
    if value is not None:
        return f"{value:g}"
    return f"{low if low is not None else '?'}–{high if high is not None else '?'}"


NOTE_PAIRS = 3  # pairs spelled out in a note; the flag's claims list all of them


def _pairs_note(pairs: list[tuple[Point, Point]], joint: str) -> str:
    shown = "; ".join(f"{describe(a.claim)}{joint}{describe(b.claim)}" for a, b in pairs[:NOTE_PAIRS])
    more = len(pairs) - NOTE_PAIRS
    return shown + (f"; and {more} more pair{'s' if more > 1 else ''}" if more > 0 else "")


def _denied(claims: list[dict], denials: list[dict]) -> Flag | None:
    """Figures denied outright, and each denial with the figures it contests."""
    figures = [c for c in claims if c.get("kind", "figure") == "figure"]
    ids = [c["id"] for c in figures if denied_outright(c)]
    notes = [f"{describe(c)} is itself denied" for c in figures if denied_outright(c)]
    for denial in denials:
        if denial.get("polarity") == "affirms":
            continue
        contested = addressed(denial, figures)
        ids.append(denial["id"])
        ids.extend(c["id"] for c in contested)
        who = f"{denial.get('source') or 'the outlet'} ({denial.get('doc')}, {denial.get('published') or 'undated'})"
        notes.append(f"{who} denies " + (", ".join(describe(c) for c in contested[:NOTE_PAIRS])
                                         + (f" and {len(contested) - NOTE_PAIRS} more" if len(contested) > NOTE_PAIRS else "")
                                         if contested else "the figures of this measure"))
    if not ids:
        return None
    count = sum(1 for d in denials if d.get("polarity") != "affirms")
    return Flag("denied", sorted(set(ids)),
                f"{count} denial{'s' if count != 1 else ''} contest this measure: " + "; ".join(notes))


def _revisions(points: list[Point], spread: float) -> Flag | None:
    """Figures that move: one source changing its figure, or the story's first and latest
    figures no longer meeting. Undated figures have no place in time and take no part."""
    steps: list[tuple[Point, Point]] = []
    by_source: dict[str, dict[str, list[Point]]] = {}
    for point in points:
        if point.day:  # an undated figure has no place in time
            by_source.setdefault(point.source, {}).setdefault(point.day, []).append(point)
    for days in by_source.values():
        # Day by day, so the order of figures within one day does not matter: a figure that
        # meets none of the source's figures of its previous day is a move.
        series = [days[day] for day in sorted(days)]
        for earlier, later in zip(series, series[1:]):
            for point in later:
                if not any(meet(interval(e.claim, 0.0), interval(point.claim, 0.0)) for e in earlier):
                    steps.extend((e, point) for e in earlier)
    dated = [p for p in points if p.day]
    story_moved = False
    if len(dated) >= 2:
        first, last = dated[0], dated[-1]
        if first.day != last.day and not meet(interval(first.claim, spread), interval(last.claim, spread)):
            steps.append((first, last))
            story_moved = True
    if not steps:
        return None
    ids = sorted({p.claim["id"] for step in steps for p in step})
    note = f"figures change over time across {len(ids)} dated claims: " + _pairs_note(steps, " → ")
    if story_moved:
        note += " (the story's earliest and latest figures no longer meet)"
    return Flag("revision", ids, note)


def timeline(claims: list[dict]) -> list[dict]:
    """Values by source and date, copies folded into their origin: one entry per origin."""
    entries = []
    for point in independent_points(claims):
        claim = point.claim
        entries.append({
            "date": point.day,
            "source": claim.get("source"),
            "value": claim.get("value"),
            "low": claim.get("low"),
            "high": claim.get("high"),
            "approx": claim.get("approx"),
            "status": claim.get("status"),
            "claim": claim["id"],
            "doc": claim["doc"],
            "copies": [c["id"] for c in point.copies],
        })
    return entries
