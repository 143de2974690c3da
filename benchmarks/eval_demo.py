"""Claims on the bundled demo corpus against its hand-written expected results.

    .venv/bin/python benchmarks/eval_demo.py [--details]

Claims, statements and non-claims are also scored on the tuning and check parts: the
articles split by ``split.part_of`` of their cleaned text.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from split import PARTS, part_of


def evaluate_demo(*, workers: int = 1) -> dict:
    from demo_scoring import (
        load_expected,
        non_claims_returned,
        score_claims,
        score_measures,
        score_statements,
    )

    from claimledger.build import build
    from claimledger.demo import corpus_path
    from claimledger.export import claim_record
    from claimledger.settings import Settings
    from claimledger.store import Ledger

    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger(Path(tmp) / "demo.db")
        build([str(corpus_path())], ledger, Settings(workers=workers))
        claims = [claim_record(row) for row in ledger.claims()]
        texts = {row["doc"]: row["text"] for row in ledger.documents()}
        measures = ledger.measures()
        reuse = ledger.reuse_rows()
        ledger.close()
    expected = load_expected()
    parts = {}
    for part in PARTS:
        docs = {doc for doc, text in texts.items() if part_of(text) == part}
        mine = {key: [item for item in expected[key] if item["doc"] in docs]
                for key in ("claims", "denials", "confirmations", "non_claims")}
        chosen = [claim for claim in claims if claim["doc"] in docs]
        parts[part] = {"documents": len(docs), "claims": score_claims(chosen, mine),
                       "statements": score_statements(chosen, mine),
                       "non_claims": non_claims_returned(chosen, mine),
                       "non_claims_total": len(mine["non_claims"])}
    return {
        "claims": score_claims(claims, expected),
        "statements": score_statements(claims, expected),
        "non_claims": non_claims_returned(claims, expected),
        "non_claims_total": len(expected["non_claims"]),
        "measures": score_measures(claims, measures, expected),
        "reuse": {(r["doc_a"], r["doc_b"], r["direction"]) for r in reuse},
        "parts": parts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="List misses and wrong fields of the tuning part.")
    args = parser.parse_args()
    result = evaluate_demo()
    score = result["claims"]
    print(f"figure claims: precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}"
          f"  ({score.matched} matched of {score.expected} expected, {score.predicted} extracted)")
    for name in sorted(score.field_correct | {f: 0 for f in ("value", "approx", "counted", "source", "via", "status")}):
        print(f"  {name:<12} {score.accuracy(name):.3f}")
    for key, (found, total) in result["statements"].items():
        print(f"{key}: {found}/{total} found")
    print(f"non-claims returned as figures: {len(result['non_claims'])}/{result['non_claims_total']}")
    for part, scores in result["parts"].items():
        claims = scores["claims"]
        print(f"{part} part ({scores['documents']} articles): precision {claims.precision:.3f} "
              f"recall {claims.recall:.3f}; " + ", ".join(
                  f"{name} {claims.accuracy(name):.3f}" for name in ("counted", "source", "status"))
              + "; " + ", ".join(f"{key} {found}/{total}"
                                 for key, (found, total) in scores["statements"].items()))
    measures = result["measures"]
    print(f"measures: {measures['purity']:.3f} of expected claims grouped with their measure; "
          f"{measures['flags_exact']}/{measures['measures']} measures with exactly the expected flags")
    print(f"reuse pairs: {len(result['reuse'])}")
    if args.details:
        # Errors of the tuning part only: check-part errors are not read while changing rules.
        tuning = result["parts"]["tuning"]
        score = tuning["claims"]
        for wanted in score.misses:
            print("MISS", wanted["doc"], "|", wanted["quantity_text"], "|", wanted["sentence"])
        for claim in score.spurious:
            print("EXTRA", claim["doc"], "|", claim["quantity_text"], "|", claim["sentence"][:120])
        for name, wanted, got in score.wrong:
            print(f"WRONG {name}: expected {wanted.get(name)!r} got {got.get(name)!r} | {wanted['sentence'][:90]}")
        for item in tuning["non_claims"]:
            print("NONCLAIM", item)


if __name__ == "__main__":
    main()
