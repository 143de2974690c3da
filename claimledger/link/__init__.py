"""Across articles: text reuse, independent origins, measures and their flags.

``link_pending`` is the stage. It is incremental: new documents are compared with the
stored window index (old documents are never re-read unless a new one looks like them),
origins are recomputed only for the documents that reuse connects to the new ones, and
measures only where new claims arrive.

The stage counts its decisions with ``extract.counters.count`` in the process that runs it
(figures by the parts of their measure key, figures that joined another or stood alone,
answers by the rule that linked them, flags by kind): ``counted(lambda: link_pending(...))``
returns them.
"""

from __future__ import annotations

from claimledger.extract.counters import count
from claimledger.link.answers import answered_measure, named_sources, source_index
from claimledger.link.flags import measure_flags
from claimledger.link.measures import key_rules, measure_id, measure_key, measure_label
from claimledger.link.origins import origins
from claimledger.link.reuse import LinkDoc, ReuseIndex, compare_many, window_signatures


def link_pending(ledger, settings, *, report, progress) -> None:
    new = ledger.pending("extracted")
    progress.stage("link", len(new))
    index = ReuseIndex(threshold=settings.reuse_threshold)
    for row_id, signatures in ledger.window_signatures():
        index.add(row_id, signatures)
    cache: dict[int, LinkDoc] = {}
    for row_id in new:
        document = _link_doc(ledger, row_id, cache)
        signatures = window_signatures(document.units)
        found = []
        partners = [_link_doc(ledger, other, cache) for other in sorted(index.candidates(signatures) - {row_id})]
        count("reuse", "candidate pairs aligned", len(partners))
        results = compare_many(document, partners, threshold=settings.reuse_sentence_similarity,
                               min_sentences=settings.reuse_min_sentences)
        for partner, result in zip(partners, results):
            if result is not None:
                found.append(_reuse_row(result, row_id, partner.row_id))
        ledger.save_reuse(row_id, signatures, found)
        index.add(row_id, signatures)
        report.counts["reuse pairs"] += len(found)
        progress.advance("link")
    reused = set(ledger.pending("reused"))
    if reused:
        component = _update_origins(ledger, reused)
        _update_measures(ledger, component, spread=settings.measure_spread)
        ledger.set_stage(sorted(reused), "linked")


def _link_doc(ledger, row_id: int, cache: dict[int, LinkDoc]) -> LinkDoc:
    if row_id not in cache:
        if len(cache) > 2000:  # bounded: old documents are only needed while they are compared
            cache.pop(next(iter(cache)))
        row = ledger.link_document(row_id)
        cache[row_id] = LinkDoc(row["id"], row["doc"], row["text"] or "", row["published"], row["outlet"])
    return cache[row_id]


def _reuse_row(result, row_id: int, other: int) -> dict:
    """Store each pair with the copy as document a when the direction is known, else in
    document-id order (so the row does not depend on which article arrived first)."""
    a, b, direction = row_id, other, result.direction
    doc_a, doc_b, passages = result.doc_a, result.doc_b, result.passages
    if direction == "b_from_a" or (direction == "unknown" and doc_a > doc_b):
        a, b, doc_a, doc_b = b, a, doc_b, doc_a
        direction = "unknown" if direction == "unknown" else "a_from_b"
        passages = [_swap(p) for p in passages]
    else:
        passages = [_passage(p) for p in passages]
    return {"document_a": a, "document_b": b, "doc_a": doc_a, "doc_b": doc_b,
            "direction": direction, "score": result.score, "passages": passages}


def _passage(p) -> dict:
    return {"a_start": p.a_start, "a_end": p.a_end, "b_start": p.b_start, "b_end": p.b_end,
            "similarity": p.similarity, "kind": p.kind}


def _swap(p) -> dict:
    return {"a_start": p.b_start, "a_end": p.b_end, "b_start": p.a_start, "b_end": p.a_end,
            "similarity": p.similarity, "kind": p.kind}


def _update_origins(ledger, new: set[int]) -> set[int]:
    """Recompute origins over the documents reuse connects to the new ones; returns them."""
    component, frontier = set(new), set(new)
    edges: dict[int, dict] = {}
    while frontier:
        rows = ledger.reuse_rows(frontier)
        edges.update((row["id"], row) for row in rows)
        reached = {r["document_a"] for r in rows} | {r["document_b"] for r in rows}
        frontier = reached - component
        component |= reached
    mapping = origins(ledger.claims_of(component), edges.values(), ledger.published_of(component))
    ledger.set_origins(mapping)
    return component


def _update_measures(ledger, documents: set[int], *, spread: float) -> None:
    """Give the documents' claims their measures; recompute every measure they touch."""
    found = ledger.claims_of(documents)
    touched = {c["measure"] for c in found if c["measure"]}
    assignment: dict[str, str | None] = {}
    for claim in found:
        key = measure_key(claim)
        if key is not None:
            claim["measure"] = assignment[claim["id"]] = measure_id(key)
            for rule in key_rules(key):
                count("measure key", rule)
        elif claim["kind"] == "figure":
            count("measure", "none (nothing counted)")  # as the explain trace says it
    names = source_index([row["source"] for row in ledger.source_rows()])
    figures_by_document: dict[int, list[dict]] = {}
    figures_by_source: dict[str, list[dict]] = {}
    for claim in found:
        if claim["kind"] == "figure":
            figures_by_document.setdefault(claim["document_id"], []).append(claim)
            figures_by_source.setdefault(claim["source"], []).append(claim)
    # Denials and confirmations join the measure they address (link/answers.py); an
    # allegation stands alone.
    for answer in (c for c in found if c["kind"] in _ANSWERS):
        article = figures_by_document.get(answer["document_id"], [])
        named = named_sources(answer, names)
        elsewhere = _claims_of_sources(named, article, figures_by_source, ledger) if named else []
        seen = {c["id"] for c in article}
        answer["measure"] = assignment[answer["id"]] = answered_measure(
            answer, article + [c for c in elsewhere if c["id"] not in seen])
    ledger.assign_measures(assignment)
    touched |= {m for m in assignment.values() if m}
    rows, emptied = [], set()
    members: dict[str, list[dict]] = {}
    for claim in ledger.measure_claims(touched):
        members.setdefault(claim["measure"], []).append(claim)
    for measure in touched:
        claims = members.get(measure, [])
        figures = [c for c in claims if c["kind"] == "figure"]
        if not figures:
            emptied.add(measure)
            continue
        count("measure", "figure stood alone" if len(figures) == 1 else "figures joined",
              len(figures))
        statements = [c for c in claims if c["kind"] in _ANSWERS]
        rows.append(_measure_row(measure, figures, statements, spread))
    ledger.save_measures(rows, emptied)


_ANSWERS = ("denial", "confirmation")


def _claims_of_sources(named: set[str], article: list[dict], by_source: dict[str, list[dict]],
                       ledger) -> list[dict]:
    """Figures of the named sources: in the denial's article, else among the claims being
    linked (their measures are fresh), else anywhere in the ledger."""
    chosen = [c for c in article if c["source"] in named] or [
        c for source in sorted(named) for c in by_source.get(source, [])]
    if chosen:
        return chosen
    stored = []
    for source in named:
        stored.extend(ledger.find_claims(kind="figure", source=source)[0])
    return stored


def _measure_row(measure: str, figures: list[dict], statements: list[dict], spread: float) -> dict:
    denials = [c for c in statements if c["kind"] == "denial"]
    for claim in figures:
        if claim.get("event_date"):
            claim["event_date_point"] = claim["event_date"].split("/")[0]
    key = measure_key(figures[0])
    assert key is not None  # a figure joins a measure by its key
    counted = [c["counted"] for c in figures if c["counted"]]
    flags = measure_flags(figures, denials, spread=spread)
    return {
        "id": measure,
        "key": list(key),
        "label": measure_label(key, counted),
        "counted": max(counted, key=counted.count) if counted else None,
        "unit": figures[0]["unit"],
        "event": key[1],
        "claims": len(figures) + len(statements),
        "origins": len({c["origin"] or c["id"] for c in figures}),
        "sources": len({c["source"] for c in figures if c["source"]}),
        "flags": [{"flag": f.kind, "claims": f.claims, "note": f.note} for f in flags],
    }
