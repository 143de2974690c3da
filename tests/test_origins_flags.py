"""Origins across copied passages, and each flag of a measure with its justifying claims."""

from __future__ import annotations

import pytest

from claimledger.link.flags import independent_points, measure_flags, timeline
from claimledger.link.origins import origins


def figure(cid: str, doc: int, *, value, start=0, source=None, published="2025-03-04", origin=None,
           approx="exact", low=None, high=None, status="reported", kind="figure", unit=None):
    low = value if low is None and approx == "exact" else low
    high = value if high is None and approx == "exact" else high
    return {"id": cid, "document_id": doc, "doc": f"d{doc}", "start": start, "value": value,
            "low": low, "high": high, "approx": approx, "source": source, "published": published,
            "origin": origin or cid, "status": status, "kind": kind, "unit": unit}


def edge(a: int, b: int, *, a_span=(0, 100), b_span=(0, 100)) -> dict:
    return {"document_a": a, "document_b": b, "passages": [
        {"a_start": a_span[0], "a_end": a_span[1], "b_start": b_span[0], "b_end": b_span[1]}]}


def test_claims_in_copied_passages_share_the_source_claims_origin():
    claims = [figure("src", 1, value=2500, start=10), figure("copy", 2, value=2500, start=40),
              figure("other", 2, value=60, start=300), figure("third", 3, value=2500, start=5)]
    mapping = origins(claims, [edge(2, 1), edge(3, 2)], {1: "2025-03-03", 2: "2025-03-04", 3: "2025-03-05"})
    assert mapping == {"src": "src", "copy": "src", "third": "src", "other": "other"}


def test_claims_outside_passages_or_with_other_figures_stay_independent():
    claims = [figure("a", 1, value=2500, start=10), figure("b", 2, value=2600, start=10),
              figure("c", 2, value=2500, start=500)]
    mapping = origins(claims, [edge(2, 1, a_span=(0, 100))], {1: None, 2: None})
    assert mapping == {"a": "a", "b": "b", "c": "c"}


def test_earliest_document_is_the_origin_whichever_way_the_edge_points():
    claims = [figure("early", 1, value=14), figure("late", 2, value=14)]
    mapping = origins(claims, [edge(1, 2)], {1: "2025-03-03", 2: "2025-03-09"})
    assert mapping == {"early": "early", "late": "early"}


def kinds(flags) -> dict[str, list[str]]:
    return {flag.kind: flag.claims for flag in flags}


def test_agreement_between_independent_sources_within_the_spread():
    claims = [figure("a", 1, value=10000, source="Pentagon"),
              figure("b", 2, value=11000, source="NIS", approx="about", low=11000, high=11000)]
    assert kinds(measure_flags(claims, [], spread=0.25)) == {"agreement": ["a", "b"]}


def test_disagreement_between_contemporary_sources_that_do_not_overlap():
    claims = [figure("gov", 1, value=4000, source="Directorate"),
              figure("ngo", 2, value=12000, approx="at_least", low=12000, high=None, source="Relief Network")]
    assert kinds(measure_flags(claims, [], spread=0.25)) == {"disagreement": ["gov", "ngo"]}


def test_same_source_moving_figures_is_a_revision_not_a_disagreement():
    claims = [figure("t1", 1, value=300, source="Agency", published="2025-03-03"),
              figure("t2", 2, value=1200, source="Agency", published="2025-03-10")]
    assert kinds(measure_flags(claims, [], spread=0.25)) == {"revision": ["t1", "t2"]}


def test_story_moving_over_time_across_sources_is_a_revision():
    claims = [figure("early", 1, value=14, source="Agency", published="2025-03-03"),
              figure("late", 2, value=112, source="Ministry", published="2025-03-14")]
    flags = kinds(measure_flags(claims, [], spread=0.25))
    assert flags == {"revision": ["early", "late"]}


def test_denials_and_denied_figures_flag_the_measure():
    claims = [figure("a", 1, value=50000, source="Journalist"),
              figure("b", 2, value=50000, source="Blogger", status="denied")]
    denial = {"id": "kremlin", "doc": "d3", "kind": "denial", "status": "denied"}
    assert kinds(measure_flags(claims, [denial], spread=0.25))["denied"] == ["b", "kremlin"]


def test_copies_of_one_wire_story_are_single_origin_not_agreement():
    claims = [figure("wire", 1, value=2500, source="Directorate"),
              figure("copy1", 2, value=2500, source="Directorate", origin="wire"),
              figure("copy2", 3, value=2500, source="Directorate", origin="wire")]
    flags = kinds(measure_flags(claims, [], spread=0.25))
    assert flags == {"single-origin": ["copy1", "copy2", "wire"]}


def test_timeline_folds_copies_into_their_origin():
    claims = [figure("wire", 1, value=2500, source="Directorate", published="2025-03-03"),
              figure("copy", 2, value=2500, source="Directorate", origin="wire", published="2025-03-04"),
              figure("later", 3, value=4000, source="Directorate", published="2025-03-05")]
    entries = timeline(claims)
    assert [(e["claim"], e["copies"], e["value"]) for e in entries] == [
        ("wire", ["copy"], 2500), ("later", [], 4000)]
    assert len(independent_points(claims)) == 2


@pytest.mark.parametrize("approx, low, high, other, meets", [
    ("at_least", 12000, None, 50000, True),
    ("up_to", None, 400, 210, True),
    ("range", 15000, 20000, 17000, True),
    ("range", 15000, 20000, 8000, False),
])
def test_open_and_ranged_figures_compare_as_intervals(approx, low, high, other, meets):
    claims = [figure("a", 1, value=None, approx=approx, low=low, high=high, source="A"),
              figure("b", 2, value=other, source="B")]
    flags = kinds(measure_flags(claims, [], spread=0.0))
    assert ("agreement" in flags) is meets and ("disagreement" in flags) is not meets


def test_only_a_denial_among_the_statements_of_a_measure_makes_it_denied():
    from claimledger.link import _measure_row

    figures = [figure("f1", 1, value=300, source="Ministry", status="reported")
               | {"event_date": None, "counted": "troops", "event": "send", "scope": None}]
    statement = figure("s1", 2, value=None, source="Agency", kind="confirmation",
                       status="confirmed")
    confirmed = _measure_row("m1", [dict(c) for c in figures], [statement], spread=0.25)
    assert "denied" not in {f["flag"] for f in confirmed["flags"]}
    assert confirmed["claims"] == 2
    denial = statement | {"id": "s2", "kind": "denial", "status": "denied"}
    denied = _measure_row("m1", [dict(c) for c in figures], [statement, denial], spread=0.25)
    flag = next(f for f in denied["flags"] if f["flag"] == "denied")
    assert flag["claims"] == ["s2"]


@pytest.mark.parametrize("later_order", [(450, 780), (780, 450)])
def test_a_source_moving_to_a_new_figure_is_a_revision_whatever_the_order_within_a_day(later_order):
    claims = [figure("d1", 1, value=450, source="Ministry", published="2025-03-08")]
    claims += [figure(f"d2-{value}", 2, value=value, start=index * 50, source="Ministry",
                      published="2025-03-11") for index, value in enumerate(later_order)]
    found = {f.kind: f.claims for f in measure_flags(claims, [], spread=0.25)}
    assert "d2-780" in found["revision"] and "d1" in found["revision"]


def test_undated_figures_of_one_source_are_no_revision():
    claims = [figure("a", 1, value=450, source="Ministry", published=None),
              figure("b", 2, value=780, source="Ministry", published=None)]
    assert "revision" not in {f.kind for f in measure_flags(claims, [], spread=0.25)}


def test_undated_figures_of_different_articles_are_no_disagreement():
    claims = [figure("gov", 1, value=4000, source="Directorate", published=None),
              figure("ngo", 2, value=12000, source="Relief Network", published=None)]
    assert "disagreement" not in kinds(measure_flags(claims, [], spread=0.25))


def test_undated_sources_set_against_each_other_in_one_article_disagree_and_the_note_says_why():
    gov = figure("gov", 1, value=4000, source="Directorate", published=None) | {
        "sentence": "The directorate counts 4,000 evacuees."}
    ngo = figure("ngo", 1, value=12000, start=90, source="Relief Network", published=None) | {
        "sentence": "But the network says 12,000 people have left."}
    flag = next(f for f in measure_flags([gov, ngo], [], spread=0.25) if f.kind == "disagreement")
    assert flag.claims == ["gov", "ngo"]
    assert "Directorate" in flag.note and "Relief Network" in flag.note and "d1" in flag.note
    assert "one article" in flag.note
    plain = ngo | {"sentence": "The network says 12,000 people have left."}
    assert "disagreement" not in kinds(measure_flags([gov, plain], [], spread=0.25))


def test_the_outlets_own_figure_beside_a_sources_in_one_article_is_no_dispute():
    claims = [figure("own", 1, value=60, source=None, published=None),
              figure("ngo", 1, value=500, start=90, source="Watchdog", published=None)]
    assert "disagreement" not in kinds(measure_flags(claims, [], spread=0.25))


def test_dated_sources_on_different_days_are_no_disagreement_and_a_revision_note_gives_dates():
    claims = [figure("t1", 1, value=300, source="Agency", published="2025-03-03"),
              figure("t2", 2, value=1200, source="Agency", published="2025-03-10"),
              figure("o", 3, value=5000, source="Observers", published="2025-03-05")]
    flags = {f.kind: f for f in measure_flags(claims, [], spread=0.25)}
    assert "disagreement" not in flags
    assert "2025-03-03" in flags["revision"].note and "2025-03-10" in flags["revision"].note
