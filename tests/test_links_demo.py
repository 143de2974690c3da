"""Across articles on the demo corpus: copies found with their passages and direction, no
false pair, origins shared through copies, measures grouped, each flag present and justified."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from claimledger.build import build
from claimledger.demo import corpus_path
from claimledger.export import claim_record
from claimledger.settings import Settings
from claimledger.store import Ledger

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from demo_scoring import load_expected, measure_mapping, normalise  # noqa: E402


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ledger = Ledger(tmp_path_factory.mktemp("demo") / "demo.db")
    build([str(corpus_path())], ledger, Settings(workers=1))
    claims = [claim_record(row, extras=True) for row in ledger.claims()]
    texts = {row["doc"]: row["text"] for row in ledger.documents()}
    result = {"claims": claims, "measures": ledger.measures(), "reuse": ledger.reuse_rows(),
              "texts": texts, "expected": load_expected()}
    ledger.close()
    return result


def test_verbatim_and_reworded_copies_found_with_passages_and_direction(demo):
    found = {(r["doc_a"], r["doc_b"]): r for r in demo["reuse"]}
    for wanted in demo["expected"]["reuse"]:
        pair = found.get((wanted["doc_a"], wanted["doc_b"]))
        assert pair is not None, wanted
        assert pair["direction"] == wanted["direction"]
        copy = demo["texts"][wanted["doc_a"]]
        covered = " ".join(copy[p["a_start"]:p["a_end"]] for p in pair["passages"])
        if wanted["kind"] == "verbatim":
            assert normalise(wanted["passage_a"]) in normalise(covered), wanted["passage_a"]


def test_no_false_pairs_among_articles_that_only_share_facts(demo):
    expected_pairs = {frozenset((r["doc_a"], r["doc_b"])) for r in demo["expected"]["reuse"]}
    found = {frozenset((r["doc_a"], r["doc_b"])) for r in demo["reuse"]}
    assert found == expected_pairs
    for a, b in demo["expected"]["independent_pairs"]:
        assert frozenset((a, b)) not in found


def test_claims_of_copies_share_their_source_claims_origin(demo):
    by_doc: dict[str, list[dict]] = {}
    for claim in demo["claims"]:
        by_doc.setdefault(claim["doc"], []).append(claim)
    for pair in demo["reuse"]:
        copies = [c for c in by_doc[pair["doc_a"]] if c["kind"] == "figure"
                  and any(p["a_start"] <= c["start"] < p["a_end"] for p in pair["passages"])]
        originals = {c["id"] for c in by_doc[pair["doc_b"]]}
        assert copies and sum(c["origin"] in originals for c in copies) >= 0.8 * len(copies)


def test_claims_of_one_expected_measure_are_grouped_and_measures_kept_apart(demo):
    mapping = measure_mapping(demo["claims"], demo["expected"])
    dominant = {}
    for key, counter in mapping.items():
        measure, count = counter.most_common(1)[0]
        if sum(counter.values()) >= 2:
            assert count >= 0.66 * sum(counter.values()), (key, counter)
        dominant.setdefault(measure, []).append(key)
    # negative pairs: evacuees, the town's population and the rescue workers sent are apart
    assert len({mapping[k].most_common(1)[0][0] for k in
                ("evacuated", "lusk_ferry_population", "rescue_workers", "dead", "missing")}) == 5


def flags(demo, key: str) -> dict[str, list[str]]:
    measure = measure_mapping(demo["claims"], demo["expected"])[key].most_common(1)[0][0]
    row = next(m for m in demo["measures"] if m["id"] == measure)
    return {f["flag"]: f["claims"] for f in row["flags"]}


def test_evacuees_disagree_are_revised_and_denied_with_justifying_claims(demo):
    found = flags(demo, "evacuated")
    assert {"disagreement", "revision", "denied", "agreement"} <= set(found)
    by_id = {c["id"]: c for c in demo["claims"]}
    assert len({by_id[i]["source"] for i in found["disagreement"]}) >= 2
    assert any(by_id[i]["kind"] == "denial" for i in found["denied"])
    values = {by_id[i]["value"] or by_id[i]["low"] for i in found["revision"]}
    assert len(values) >= 2


def test_death_toll_is_revised_not_disputed(demo):
    found = flags(demo, "dead")
    assert "revision" in found and "disagreement" not in found


def test_damage_estimates_disagree_and_the_leaked_report_is_denied(demo):
    assert {"disagreement", "revision"} <= set(flags(demo, "damage_cost"))
    assert "denied" in flags(demo, "gate_repair_cost")


def test_single_figures_are_single_origin(demo):
    for key in ("helicopters", "debris_cleared", "reconstruction_fund"):
        assert "single-origin" in flags(demo, key)
