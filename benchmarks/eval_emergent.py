"""Status of a reported claim, scored on Emergent's training headlines through the CLI.

    .venv/bin/python benchmarks/eval_emergent.py

Each distinct headline becomes one document (a JSON lines record whose text is the
headline); ``claimledger build`` and ``claimledger export claims --extra`` run as a user
would run them, and each headline's stance is read from the claims exported for it:

- against: some claim of the headline is denied;
- observing: otherwise, some claim is claimed, speculative or estimated (a source's claim,
  a hedge, an estimate: the headline passes it on without vouching for it);
- for: otherwise, the claims are asserted, reported or confirmed, or there is none (the
  headline states its matter itself).

Accuracy and the F1 of "against" (denials) are reported on all headlines and on the tuning
and check parts (``split.part_of`` of the headline). The published system scored 73.1%
accuracy on the test split.
"""

from __future__ import annotations

import csv
import tempfile
from collections import Counter
from pathlib import Path

from common import SHARED_DATA, ledger_exports, require, write_jsonl
from scoring import prf
from split import PARTS, part_of

STANCE = {
    "denied": "against",
    "claimed": "observing",
    "speculative": "observing",
    "estimated": "observing",
    "reported": "for",
    "confirmed": "for",
    "asserted": "for",
}
STANCES = ("for", "against", "observing")
PUBLISHED_ACCURACY = 0.731


def evaluate_emergent(*, workers: int | None = None) -> dict:
    """Stance accuracy and denial F1 of the CLI's claims on Emergent train, by part."""
    path = require(SHARED_DATA / "emergent" / "train.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    headlines = list(dict.fromkeys(_key(row["articleHeadline"]) for row in rows))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = write_jsonl(headlines, folder / "headlines.jsonl")
        claims = ledger_exports([source], folder, workers=workers)["claims"]
    statuses: dict[str, list[str]] = {}
    for claim in claims:
        statuses.setdefault(headlines[int(claim["doc"].rsplit("#", 1)[1])], []).append(claim["status"])
    scored = [(row["articleHeadline"], row["articleHeadlineStance"],
               stance(statuses.get(_key(row["articleHeadline"]), []))) for row in rows]
    result = _scores([(gold, predicted) for _, gold, predicted in scored])
    result["parts"] = {part: _scores([(gold, predicted) for text, gold, predicted in scored
                                      if part_of(text) == part]) for part in PARTS}
    return result


def stance(statuses: list[str]) -> str:
    """Emergent's stance of a headline from the statuses of its exported claims."""
    stances = {STANCE[status] for status in statuses}
    return next((s for s in ("against", "observing") if s in stances), "for")


def _key(headline: str) -> str:
    # The ledger keeps one document per text with whitespace normalised (model.content_hash).
    return " ".join(headline.split())


def _scores(pairs: list[tuple[str, str]]) -> dict:
    confusion = Counter(pairs)
    correct = sum(n for (gold, predicted), n in confusion.items() if gold == predicted)
    denials = prf(confusion[("against", "against")],
                  sum(n for (_, predicted), n in confusion.items() if predicted == "against"),
                  sum(n for (gold, _), n in confusion.items() if gold == "against"))
    return {"headlines": len(pairs), "accuracy": correct / len(pairs) if pairs else 0.0,
            "denial": denials, "confusion": confusion}


def main() -> None:
    result = evaluate_emergent()
    print(f"Emergent train headlines: {result['headlines']} (published system, test split: "
          f"accuracy {PUBLISHED_ACCURACY:.3f})")
    print(f"{'part':8} {'headlines':>9} {'accuracy':>9} {'denial P':>9} {'denial R':>9} "
          f"{'denial F1':>9}")
    for part, scores in (("all", result), *result["parts"].items()):
        denial = scores["denial"]
        print(f"{part:8} {scores['headlines']:9d} {scores['accuracy']:9.3f} "
              f"{denial['precision']:9.3f} {denial['recall']:9.3f} {denial['f1']:9.3f}")
    print("gold \\ predicted (tuning part) " + " ".join(f"{s:>10}" for s in STANCES))
    confusion = result["parts"]["tuning"]["confusion"]
    for gold in STANCES:
        print(f"{gold:>30} " + " ".join(f"{confusion[(gold, p)]:>10}" for p in STANCES))


if __name__ == "__main__":
    main()
