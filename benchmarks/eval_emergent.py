"""Status of a reported claim, scored on Emergent's training headlines.

    .venv/bin/python benchmarks/eval_emergent.py

Each headline is parsed, its attributions found, and its status (sentence_status) mapped to
Emergent's stance: reported/confirmed/asserted -> for, denied -> against, claimed/speculative
-> observing (estimated, which Emergent has no stance for, counts as observing). The
published system scored 73.1% accuracy on the test split.
"""

from __future__ import annotations

import csv
from collections import Counter

from common import SHARED_DATA, require

STANCE = {
    "reported": "for",
    "confirmed": "for",
    "asserted": "for",
    "denied": "against",
    "claimed": "observing",
    "speculative": "observing",
    "estimated": "observing",
}
PUBLISHED_ACCURACY = 0.731


def evaluate_emergent() -> dict:
    from claimledger.extract.attribution import DocumentSources
    from claimledger.extract.status import sentence_status
    from claimledger.nlp import load_pipeline, parser_text

    path = require(SHARED_DATA / "emergent" / "train.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    nlp = load_pipeline()
    confusion: Counter = Counter()
    statuses: Counter = Counter()
    headlines = [row["articleHeadline"] for row in rows]
    for row, parsed in zip(rows, nlp.pipe(map(parser_text, headlines), batch_size=128)):
        mentions = DocumentSources(parsed.text).attributions(parsed, 0)
        status = sentence_status(parsed, mentions)
        statuses[(row["articleHeadlineStance"], status)] += 1
        confusion[(row["articleHeadlineStance"], STANCE[status])] += 1
    correct = sum(n for (gold, pred), n in confusion.items() if gold == pred)
    return {"headlines": len(rows), "accuracy": correct / len(rows), "confusion": confusion,
            "statuses": statuses}


def main() -> None:
    result = evaluate_emergent()
    print(f"Emergent train headlines: {result['headlines']}")
    print(f"accuracy {result['accuracy']:.3f}   (published system, test split: {PUBLISHED_ACCURACY:.3f})")
    stances = ("for", "against", "observing")
    print("gold \\ predicted " + " ".join(f"{s:>10}" for s in stances))
    for gold in stances:
        print(f"{gold:>16} " + " ".join(f"{result['confusion'][(gold, p)]:>10}" for p in stances))


if __name__ == "__main__":
    main()
