"""Scoring of a ledger's claims against the demo corpus's hand-written expected results
(``claimledger/demo/expected.json``)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from scoring import same_number

from claimledger.demo import corpus_path

CLAIM_FIELDS = ("value", "low", "high", "approx", "trend", "counted", "source", "source_type",
                "via", "status", "event_date")


def load_expected() -> dict:
    return json.loads((corpus_path().parent / "expected.json").read_text("utf-8"))


@dataclass
class ClaimScore:
    """Precision and recall of figure claims, and per-field accuracy over matched pairs."""

    expected: int = 0
    predicted: int = 0
    matched: int = 0
    field_correct: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)
    spurious: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        return self.field_correct[name] / self.matched if self.matched else 0.0


def normalise(text: str | None) -> str:
    """Lower case, single spaces, straight quotes."""
    return " ".join((text or "").replace("’", "'").replace("“", '"').replace("”", '"').split()).lower()


def _tokens(text: str | None) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", normalise(text))) - {"the", "of", "a", "an", "in", "and"}


def _field_ok(name: str, predicted, expected) -> bool:
    if name in ("value", "low", "high"):
        return same_number(predicted, expected)
    if name == "counted":
        return bool(_tokens(predicted) & _tokens(expected)) or predicted == expected
    if name == "source":
        return normalise(predicted) == normalise(expected)
    if name == "via":
        return {normalise(v) for v in predicted or []} == {normalise(v) for v in expected or []}
    return predicted == expected


def _matches(claim: dict, expected: dict) -> bool:
    """Same sentence, and the same figure by its words or by its numbers."""
    if normalise(expected["sentence"]) not in normalise(claim["sentence"]):
        return False
    want = set(normalise(expected.get("quantity_text")).split())
    got = set(normalise(claim.get("quantity_text")).split())
    if want and got and (want <= got or got <= want):
        return True
    if expected.get("value") is not None and same_number(claim.get("value"), expected["value"]):
        return True
    return same_number(claim.get("low"), expected.get("low")) and same_number(
        claim.get("high"), expected.get("high")
    )


def score_claims(claims: list[dict], expected: dict) -> ClaimScore:
    """Score exported claims (schema v1 dicts) against the expected figure claims."""
    figures = [c for c in claims if c.get("quantity_text")]
    score = ClaimScore(expected=len(expected["claims"]), predicted=len(figures))
    unused = list(figures)
    for wanted in expected["claims"]:
        match = next((c for c in unused if c["doc"] == wanted["doc"] and _matches(c, wanted)), None)
        if match is None:
            score.misses.append(wanted)
            continue
        unused.remove(match)
        score.matched += 1
        for name in CLAIM_FIELDS:
            if _field_ok(name, match.get(name), wanted.get(name)):
                score.field_correct[name] += 1
            else:
                score.wrong.append((name, wanted, match))
    score.spurious = unused
    return score


def score_statements(claims: list[dict], expected: dict) -> dict[str, tuple[int, int]]:
    """(found, expected) for denials and confirmations: a claim in the sentence with that status."""
    result = {}
    for key, status in (("denials", "denied"), ("confirmations", "confirmed")):
        wanted = expected[key]
        found = sum(
            any(c["doc"] == w["doc"] and normalise(w["sentence"]) in normalise(c["sentence"])
                and c["status"] == status for c in claims)
            for w in wanted
        )
        result[key] = (found, len(wanted))
    return result


def non_claims_returned(claims: list[dict], expected: dict) -> list[dict]:
    """Expected non-claims (years, phone numbers, names with numbers) returned as figures."""
    wrong = []
    for item in expected["non_claims"]:
        text = normalise(item["text"])
        for claim in claims:
            quantity = normalise(claim.get("quantity_text"))
            if claim["doc"] == item["doc"] and quantity and (quantity in text or text in quantity) \
                    and _digits(quantity) & _digits(text):
                wrong.append({"non_claim": item, "claim": claim["quantity_text"]})
                break
    return wrong


def _digits(text: str) -> set[str]:
    return set(re.findall(r"\d[\d,.]*", text))


def measure_mapping(claims: list[dict], expected: dict) -> dict[str, Counter]:
    """For each expected measure key, how many of its claims fell into each of our measures."""
    mapping: dict[str, Counter] = {}
    unused = [c for c in claims if c.get("quantity_text")]
    for wanted in expected["claims"]:
        match = next((c for c in unused if c["doc"] == wanted["doc"] and _matches(c, wanted)), None)
        if match is not None:
            unused.remove(match)
            mapping.setdefault(wanted["measure"], Counter())[match["measure"]] += 1
    return mapping


def score_measures(claims: list[dict], measures: list[dict], expected: dict) -> dict:
    """Grouping purity (claims of an expected measure in its dominant measure of ours) and
    how many expected measures get exactly the expected flags."""
    flags_of = {m["id"]: sorted(f["flag"] for f in m["flags"]) for m in measures}
    mapping = measure_mapping(claims, expected)
    grouped = sum(counter.most_common(1)[0][1] for counter in mapping.values())
    total = sum(sum(counter.values()) for counter in mapping.values())
    same_flags = [m["key"] for m in expected["measures"] if m["key"] in mapping
                  and flags_of.get(mapping[m["key"]].most_common(1)[0][0]) == sorted(m["flags"])]
    return {"purity": grouped / total if total else 0.0, "flags_exact": len(same_flags),
            "measures": len(expected["measures"]), "mapping": mapping, "flags_of": flags_of}
