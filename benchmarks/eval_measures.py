"""Measures of real FNC-1 bodies against the gold's measure ids (benchmarks/gold/fnc1/).

    .venv/bin/python benchmarks/eval_measures.py [--details]

The story files' bodies are built through the CLI and their claims placed back in the raw
bodies exactly as ``eval_fnc1`` does (``located_claims``); each gold figure is matched to an
exported figure claim the same way (spans overlap, value agrees, one to one).

Scored on PAIRS of matched claims within one story: a pair is positive in the gold when both
figures carry the same gold ``measure``, positive in the ledger when both claims carry the
same (non-empty) measure. Pair precision, recall and F1 per part and per story. Parts are
whole stories, as in ``eval_copies`` (``PART_OF_STORY``): story-a, story-c and story-e are
tuning, story-b and story-d are check. Read
check figures only, never check errors (``--details`` lists the tuning stories' wrong pairs:
split, one gold measure over two ledger measures or none; merged, two gold measures in one).
Gold figures the ledger has no claim for are outside the pairs: rows recall is eval_fnc1's.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from itertools import combinations

from eval_copies import PART_OF_STORY, PARTS
from eval_fnc1 import GOLD, Row, _same_row, body_texts, load_gold, located_claims
from scoring import matching, prf

from claimledger.link.measures import measure_id, measure_key

GOLD_AND_CLAIM = tuple[str, dict, dict]  # (gold measure, gold figure, exported claim)


def ledger_measure(claim: dict) -> str | None:
    """The measure the ledger stored for a claim."""
    return claim.get("measure")


def keyed_measure(claim: dict) -> str | None:
    """The measure today's ``measure_key`` gives an exported claim, without a rebuild."""
    key = measure_key(claim)
    return measure_id(key) if key else None


def matched_figures(records: list[dict],
                    rows: dict[int, list[Row]]) -> dict[str, list[GOLD_AND_CLAIM]]:
    """Per story, each gold figure that an exported figure claim matches, with that claim."""
    stories: dict[str, list[GOLD_AND_CLAIM]] = {}
    for record in records:
        figures = [row for row in rows[record["body_id"]] if row.claim["kind"] == "figure"]
        pairs = matching(figures, record["figures"], _same_row)
        found = stories.setdefault(record["story"], [])
        for g, p in sorted(pairs.items()):
            wanted = record["figures"][g]
            found.append((wanted["measure"], {**wanted, "body_id": record["body_id"]},
                          figures[p].claim))
    return stories


def score_pairs(stories: dict[str, list[GOLD_AND_CLAIM]],
                system: Callable[[dict], str | None] = ledger_measure) -> tuple[dict, list]:
    """Pair scores per part and per story, and the wrong pairs as (story, kind, one, other)."""
    counts = {name: {"tp": 0, "predicted": 0, "gold": 0, "claims": 0}
              for name in (*PARTS, *sorted(stories))}
    wrong = []
    for story, items in sorted(stories.items()):
        tallies = (counts[PART_OF_STORY[story]], counts[story])
        for tally in tallies:
            tally["claims"] += len(items)
        for one, other in combinations(items, 2):
            in_gold = one[0] == other[0]
            ours = system(one[2])
            in_system = ours is not None and ours == system(other[2])
            for tally in tallies:
                tally["gold"] += in_gold
                tally["predicted"] += in_system
                tally["tp"] += in_gold and in_system
            if in_gold != in_system:
                wrong.append((story, "split" if in_gold else "merged", one, other))
    scores = {}
    for part, tally in counts.items():
        scores[part] = {**prf(tally["tp"], tally["predicted"], tally["gold"]),
                        "claims": tally["claims"]}
    return scores, wrong


def evaluate_measures(*, details: bool = False,
                      system: Callable[[dict], str | None] = ledger_measure) -> dict[str, dict]:
    """Measure pair precision, recall and F1 with their counts, for "tuning" and "check" and
    for each story."""
    bodies = body_texts()
    records = load_gold(GOLD, bodies)
    annotated = {r["body_id"]: bodies[r["body_id"]] for r in records}
    scores, wrong = score_pairs(matched_figures(records, located_claims(annotated)), system)
    if details:
        print_errors(wrong, system)
    return scores


def print_errors(wrong: list, system: Callable[[dict], str | None]) -> None:
    """The tuning stories' wrong pairs, with what each side counts and its key."""
    for story, kind, one, other in wrong:
        if PART_OF_STORY[story] != "tuning":
            continue
        print(f"{kind:6} {story} gold {one[0]!r} / {other[0]!r}")
        for _, wanted, claim in (one, other):
            key = measure_key(claim)
            print(f"    body {wanted['body_id']:5} {wanted['start']:5} gold counted "
                  f"{wanted['counted']!r}; ours {claim.get('quantity_text')!r} "
                  f"counted {claim.get('counted')!r} event {claim.get('event')!r} -> "
                  f"{system(claim)} {key}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true",
                        help="List the wrong pairs of the tuning stories.")
    args = parser.parse_args()
    results = evaluate_measures(details=args.details)
    print(f"{'measure pairs':14} {'precision':>9} {'recall':>7} {'F1':>6} {'right':>6} "
          f"{'found':>6} {'gold':>6} {'claims':>6}")
    for part in results:
        r = results[part]
        print(f"{part:14} {r['precision']:9.3f} {r['recall']:7.3f} {r['f1']:6.3f} "
              f"{r['matched']:6} {r['predicted']:6} {r['gold']:6} {r['claims']:6}")


if __name__ == "__main__":
    main()
