"""What the report and the web app show, gathered from the ledger as plain dicts.

Both front ends render the same views with the same templates, so a figure looks the same
in the static report and in the web app. Article text is never trusted: it reaches the
templates as plain strings (escaped by Jinja2's autoescape) or as ``Markup`` built here
with every piece of text escaped.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from markupsafe import Markup, escape

from claimledger.link.flags import timeline
from claimledger.report.charts import timeline_svg
from claimledger.store.rows import ClaimRow

if TYPE_CHECKING:
    from claimledger.store import Ledger

FLAG_ORDER = ("disagreement", "denied", "revision", "agreement", "single-origin")
FLAG_HELP = {
    "agreement": "independent sources give figures within the normal spread of estimates",
    "disagreement": "independent sources give figures that do not overlap",
    "revision": "the figure moved over time, for one source or for the story",
    "denied": "someone denies the figures or the reports behind them",
    "single-origin": "every claim goes back to one origin, however many articles repeat it",
}


TIME_UNKNOWN = ("Time order unknown: no article or figure in this ledger carries a date, so no "
                "revision is computed and figures of different articles are not compared as "
                "disagreements; only figures stated side by side in one article are. Give dates "
                "with build --published or a sidecar file to compare across articles.")


def anchor(prefix: str, key: str) -> str:
    """A stable HTML id for any ledger id (doc ids hold '#', '/', '.')."""
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def describe_value(claim: Mapping[str, Any]) -> str:
    """A claim's figure in words: "12,000", "at least 12,000", "15,000–20,000"."""
    value, low, high, approx = claim.get("value"), claim.get("low"), claim.get("high"), claim.get("approx")
    unit = claim.get("unit")
    if claim.get("quantity_text") is None:
        return ""
    if approx == "range" or (approx == "vague" and low is not None and high is not None):
        text = f"{_number(low)}–{_number(high)}"
    elif approx == "at_least":
        text = f"≥ {_number(low if low is not None else value)}"
    elif approx in ("up_to", "at_most"):
        text = f"≤ {_number(high if high is not None else value)}"
    else:
        text = ("~" if approx == "about" else "") + _number(value)
    if unit == "percent":
        text += "%"
    elif unit:
        text += f" {unit}"
    if claim.get("trend"):
        text = ("+" if claim["trend"] == "up" else "−") + text
    return text


def _number(value) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _compact(value: float) -> str:
    """Large figures in short form for overviews: 450m, 1.4bn; smaller ones in full."""
    for size, suffix in ((1e9, "bn"), (1e6, "m")):
        if abs(value) >= size:
            return f"{value / size:.1f}".rstrip("0").rstrip(".") + suffix
    return _number(value)


def highlight(text: str, spans: list[tuple[int, int, str]], *, base: int = 0) -> Markup:
    """Text with some stretches wrapped in <mark> (each with an escaped title)."""
    pieces, cursor = [], 0
    for start, end, title in sorted(spans):
        start, end = start - base, end - base
        if start < cursor or start < 0 or end > len(text):
            continue
        pieces.append(escape(text[cursor:start]))
        pieces.append(Markup('<mark title="{}">{}</mark>').format(title, text[start:end]))
        cursor = end
    pieces.append(escape(text[cursor:]))
    return Markup("").join(pieces)


def claim_row(claim: Mapping[str, Any]) -> dict[str, Any]:
    """A claim (a ``ClaimRow``, or a row made here) as a table row: its figure, provenance and
    the sentence with the figure marked."""
    spans = [(claim["start"], claim["end"], claim.get("quantity_text") or "")] if claim.get("quantity_text") else []
    return {
        **claim,
        "anchor": anchor("claim", claim["id"]),
        "doc_anchor": anchor("doc", claim["doc"]),
        "measure_anchor": anchor("measure", claim["measure"]) if claim.get("measure") else None,
        "figure": describe_value(claim),
        "day": claim["day"] or "",
        "via_text": " ← ".join(claim.get("via") or []),
        "sentence_html": highlight(claim["sentence"], spans, base=claim["sentence_start"]),
    }


def measure_view(measure: dict, claims: Sequence[ClaimRow]) -> dict:
    """A measure with its claims, chart, timeline and flags (each flag's claims resolved)."""
    figures = [c for c in claims if c["kind"] == "figure"]
    entries = timeline(cast("list[dict]", figures))  # link/ reads rows as dicts
    rows = [claim_row(c) for c in sorted(claims, key=lambda c: (c.get("event_date") or c.get("published") or "", c["doc"], c["start"]))]
    by_id = {row["id"]: row for row in rows}
    flags = sorted(measure["flags"], key=lambda f: FLAG_ORDER.index(f["flag"]) if f["flag"] in FLAG_ORDER else 9)
    numbers = [v for c in figures for v in (c.get("low"), c.get("value"), c.get("high")) if v is not None]
    return {
        **measure,
        "anchor": anchor("measure", measure["id"]),
        "rows": rows,
        "timeline": entries,
        "chart": Markup(timeline_svg(entries, title=measure["label"], unit=measure.get("unit"))),
        "flags": [{**f, "help": FLAG_HELP.get(f["flag"], ""),
                   "rows": [by_id[i] for i in f["claims"] if i in by_id]} for f in flags],
        "flag_names": [f["flag"] for f in flags],
        "range": (min(numbers), max(numbers)) if numbers else None,
        "range_text": f"{_compact(min(numbers))} – {_compact(max(numbers))}" if numbers else "",
        "outlets": sorted({c.get("outlet") or "?" for c in figures}),
        "importance": importance(measure),
    }


def importance(measure: dict) -> float:
    """How much a measure matters: independent origins and claims, contested ones first."""
    flags = {f["flag"] for f in measure["flags"]}
    return (2 * measure["origins"] + measure["claims"] + 4 * ("disagreement" in flags)
            + 3 * ("denied" in flags) + 2 * ("revision" in flags))


def story(ledger: Ledger, *, top_measures: int | None = None) -> dict:
    """Everything the overview needs: documents, outlets, dates, origins, ranked measures."""
    documents = ledger.document_rows()
    claims, _ = ledger.find_claims()
    by_measure: dict[str, list[ClaimRow]] = {}
    for claim in claims:
        if claim["measure"]:
            by_measure.setdefault(claim["measure"], []).append(claim)
    measures = [measure_view(m, by_measure.get(m["id"], [])) for m in ledger.measures()]
    measures.sort(key=lambda m: (-m["importance"], m["label"]))
    days = sorted(d["published"] for d in documents if d["published"])
    figures = [c for c in claims if c["kind"] == "figure"]
    statements = [claim_row(c) for c in claims if c["kind"] != "figure"]
    dated = bool(days) or any(c["event_date"] for c in claims)
    return {
        "documents": documents,
        "outlets": sorted({d["outlet"] for d in documents if d["outlet"]}),
        "first": days[0] if days else None,
        # Without any date, articles and figures have no time order: no revision is
        # computed and undated figures of different articles are never set against each other.
        "dated": dated,
        "time_note": None if dated else TIME_UNKNOWN,
        "last": days[-1] if days else None,
        "claims": len(claims),
        "figures": len(figures),
        "origins": len({c["origin"] or c["id"] for c in figures}),
        "sources": ledger.source_rows(),
        "measures": measures[:top_measures] if top_measures else measures,
        "measure_count": len(measures),
        "statements": statements,
        "statuses": Counter(c["status"] for c in claims),
    }


def reuse_views(rows: list[dict], texts: dict[str, str]) -> list[dict]:
    """Copy map: each reuse pair with its aligned passages side by side."""
    views = []
    for row in rows:
        a, b = texts.get(row["doc_a"], ""), texts.get(row["doc_b"], "")
        views.append({
            **row,
            "anchor_a": anchor("doc", row["doc_a"]),
            "anchor_b": anchor("doc", row["doc_b"]),
            "pairs": [{**p, "a_text": a[p["a_start"]:p["a_end"]], "b_text": b[p["b_start"]:p["b_end"]]}
                      for p in row["passages"]],
        })
    return sorted(views, key=lambda v: -v["score"])


def document_view(document, claims: Sequence[Mapping[str, Any]]) -> dict:
    """A document's cleaned text with its claims marked, and the removed chrome with reasons."""
    spans = [(c["start"], c["end"], f"{c['status']}: {c.get('quantity_text') or c['kind']}")
             for c in claims if c["kind"] == "figure"]
    paragraphs = []
    offset = 0
    for line in (document.text or "").split("\n"):
        if line.strip():
            inside = [s for s in spans if offset <= s[0] and s[1] <= offset + len(line)]
            paragraphs.append(highlight(line, inside, base=offset))
        offset += len(line) + 1
    removed = [{"start": s.start, "end": s.end, "reason": s.reason,
                "text": document.raw[s.start:s.end].strip()}
               for s in document.removed if s.reason != "blank"]
    return {
        "doc": document.doc,
        "anchor": anchor("doc", document.doc),
        "title": document.title,
        "outlet": document.outlet,
        "published": document.published,
        "url": document.url,
        "author": document.author,
        "paragraphs": paragraphs,
        "removed": removed,
        "claims": [claim_row(c) for c in sorted(claims, key=lambda c: c["start"])],
    }
