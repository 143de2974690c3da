"""Figures scored on NewsQuant (dev half), beside the published CQE and quantulum3.

    .venv/bin/python benchmarks/eval_newsquant.py

The data is read from ../shared/data at run time and never copied into the project. Each
sentence becomes one document (a JSON lines record); ``claimledger build`` and ``claimledger
export claims --extra`` run as a user would run them, and the exported figure claims of a
sentence are its predictions: value, low/high, approx, trend, ``unit`` and ``counted`` are
read from the export. Scores are given on all sentences and on the tuning and check parts
(``split.part_of`` of the sentence).

Scoring, micro-averaged over the sentences: per sentence, predicted and gold quantities are
matched greedily one to one (predictions in order, each to the first free gold quantity that
satisfies the criterion). P = matched / predicted, R = matched / gold.

- value: equal within 1e-6 relative. A gold range "A-B" (in either order) is compared with our
  low/high; for our vague amounts ("thousands": 1000-9999) the gold's exclusive upper bound
  (1000-10000) also counts as equal.
- value+change: the value, and our approximation or trend projected onto NewsQuant's one
  label the way its annotators write it: about "~", at_least ">", at_most/up_to "<" first
  ("lost more than 60%" is ">"), else trend up/down, else "=" (exact, and also range and
  vague: 47 of the 50 dev ranges are "="). The literal mapping (trend first, range and vague
  "~") is scored on a second line.
- value+unit: the value, and our exported ``unit`` (or, for a plain count, the lemma of the
  root of our ``counted`` phrase) against the gold normalised unit, both through one normalisation table; for counts
  the head words are compared. Gold "-" means no unit: it matches a count with no counted noun.
- value+concept: the value, and any shared content word (lowercased lemma) between the gold
  referred concepts and our ``counted`` (the partial-overlap measure of the CQE paper). Gold
  "-" (no concept) matches when we give no counted thing either. The same with ``counted``
  and ``subject`` together is reported for information.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from common import SHARED_DATA, ledger_exports, write_jsonl
from scoring import prf
from split import PARTS, part_of

from claimledger.nlp import load_pipeline

NEWSQUANT_DEV = SHARED_DATA / "newsquant" / "NewsQuant-dev.json"
# Published F1 on the full NewsQuant set (Almasian et al., EMNLP 2023).
PUBLISHED = {
    "CQE": {"value": 92.0, "value+unit": 85.6, "value+change": 88.1, "value+concept": 76.1},
    "quantulum3": {"value": 73.0, "value+unit": 47.2},
}
CHANGE = {"exact": "=", "about": "~", "vague": "=", "range": "=", "at_least": ">",
          "at_most": "<", "up_to": "<"}  # fmt: skip
CHANGE_LITERAL = {**CHANGE, "vague": "~", "range": "~"}
# One name per unit for both sides: our codes and the gold's normalised names. Aliases are
# lowercase except our "Nm" (newton metre), which differs from "nm" (nanometre) only in case.
UNIT_NAMES = {
    "percentage": ("%", "percent", "per cent", "percentage"),
    "dollar": ("$", "usd", "dollar", "dollars", "us$", "united states dollar"),
    "euro": ("eur", "euro", "euros"), "pound sterling": ("gbp", "£", "pound sterling"),
    "japanese yen": ("jpy", "yen"), "chinese yuan": ("cny", "yuan"),
    "hong kong dollar": ("hkd",), "malaysian ringgit": ("myr", "ringgit"),
    "shekel": ("ils", "new israeli shekel"), "indian rupee": ("inr",),
    "australian dollar": ("aud",), "canadian dollar": ("cad",), "cent": ("cent", "cents"),
    "kilometre": ("km",), "metre": ("m",), "centimetre": ("cm",), "millimetre": ("mm",),
    "micrometre": ("um",), "nanometre": ("nm",), "square kilometre": ("km2",),
    "square metre": ("m2",), "square foot": ("sq ft", "square feet"), "kilogram": ("kg",),
    "gram": ("g",), "milligram": ("mg",), "pound-mass": ("lb",), "ounce": ("oz",),
    "mile per hour": ("mph",), "kilometre per hour": ("km/h",), "metre per second": ("m/s",),
    "watt": ("w",), "kilowatt": ("kw",), "megawatt": ("mw",), "gigawatt": ("gw",),
    "kilowatt hour": ("kwh",), "gigawatt hour": ("gwh",),
    "horsepower": ("hp", "brake horsepower"), "volt": ("v",),
    "milliampere-hour": ("mah",), "gigabyte": ("gb",), "gigahertz": ("ghz",), "hertz": ("hz",),
    "decibel": ("db",), "part per million": ("ppm",), "parts-per-billion": ("ppb",),
    "revolutions per minute": ("rpm",), "newton metre": ("Nm",),
    "pound-foot": ("lb-ft", "foot pound-force"), "mile per gallon": ("mpg",),
    "count": ("times",), "square mile": ("sq mile",), "cubic metre": ("m3",),
    "cubic foot": ("cu ft",), "kilocalorie": ("kcal",),
}  # fmt: skip
_UNIT_ALIASES = {alias: name for name, aliases in UNIT_NAMES.items() for alias in aliases}
_RANGE = re.compile(
    r"^\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*-\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*$"
)


def evaluate_newsquant(path: Path = NEWSQUANT_DEV, *, workers: int | None = None) -> dict:
    """Precision, recall and F1 for value, value+change, value+unit and value+concept, on all
    sentences and by part."""
    if not path.exists():
        raise FileNotFoundError(f"NewsQuant dev set not found at {path}")
    records = json.loads(path.read_text(encoding="utf-8"))
    predictions = _exported_figures([record["text"] for record in records], workers)
    lemmas = _Lemmas(load_pipeline())
    criteria: dict[str, Callable[[dict, dict], bool]] = {
        "value": lambda gold, claim: True,
        "value+change": lambda gold, claim: _change(claim) == gold["change"],
        "value+change (trend first, range ~)": lambda gold, claim: (
            _change_literal(claim) == gold["change"]
        ),
        "value+unit": lambda gold, claim: _same_unit(gold, claim, lemmas),
        "value+concept": lambda gold, claim: lemmas.overlap(
            gold["referred_concepts"], claim["counted"]
        ),
        "value+concept (counted+subject)": lambda gold, claim: lemmas.overlap(
            gold["referred_concepts"], " ".join(filter(None, (claim["counted"], claim["subject"])))
        ),
    }
    pairs = list(zip(records, predictions))
    result = {**_scores(pairs, criteria), "published": PUBLISHED}
    result["parts"] = {part: _scores([(r, p) for r, p in pairs if part_of(r["text"]) == part],
                                     criteria) for part in PARTS}
    return result


def _exported_figures(texts: list[str], workers: int | None) -> list[list[dict]]:
    """The figure claims the CLI exports for each text, in text order."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        claims = ledger_exports([write_jsonl(texts, folder / "sentences.jsonl")], folder,
                                workers=workers)["claims"]
    found: list[list[dict]] = [[] for _ in texts]
    for claim in sorted(claims, key=lambda c: c["start"]):
        if claim["kind"] == "figure":
            found[int(claim["doc"].rsplit("#", 1)[1])].append(claim)
    return found


def _scores(pairs: list[tuple[dict, list[dict]]], criteria) -> dict:
    gold_total = sum(len(record["quantities"]) for record, _ in pairs)
    predicted_total = sum(len(claims) for _, claims in pairs)
    scores = {}
    for name, criterion in criteria.items():
        matched = sum(_match(record["quantities"], claims, criterion) for record, claims in pairs)
        scores[name] = prf(matched, predicted_total, gold_total)
    return {"sentences": len(pairs), "gold": gold_total, "predicted": predicted_total,
            "scores": scores}


def _match(golds: list[dict], claims: list[dict], criterion) -> int:
    free = list(golds)
    matched = 0
    for claim in claims:
        for gold in free:
            if _same_value(gold["value"], claim) and criterion(gold, claim):
                free.remove(gold)
                matched += 1
                break
    return matched


def _same_value(text: str, claim: dict) -> bool:
    bounds = _RANGE.match(text)
    if bounds is None:
        return claim["value"] is not None and _close(float(text), claim["value"])
    low, high = sorted((float(bounds[1]), float(bounds[2])))
    if claim["low"] is None or claim["high"] is None or claim["value"] is not None:
        return False
    upper_ok = _close(high, claim["high"]) or (
        claim["approx"] == "vague" and _close(high, claim["high"] + 1)
    )
    return _close(low, claim["low"]) and upper_ok


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _change(claim: dict) -> str:
    label = CHANGE[claim["approx"]]
    return label if label != "=" else claim["trend"] or label


def _change_literal(claim: dict) -> str:
    return claim["trend"] or CHANGE_LITERAL[claim["approx"]]


def _same_unit(gold: dict, claim: dict, lemmas: _Lemmas) -> bool:
    ours = _our_unit(claim, lemmas)
    theirs = gold["normalized_unit"].strip()
    if theirs in ("-", ""):
        return ours is None
    if ours is None:
        return False
    if theirs.startswith("%") and " " in theirs:
        theirs = "fraction"  # NewsQuant writes "a third of those screened" as "% those screened"
    theirs = _unit_name(theirs)
    if claim["unit"] is None:
        # counts: the head noun of the gold unit ("test" in "test per day", "category" in
        # "category of products") against the head of our counted phrase
        head = theirs.split(" per ")[0].split(" of ")[0].split()[-1]
        return ours == head or ours in lemmas.words(head)
    surface = _unit_name(gold["unit"].strip())
    return ours in (theirs, surface, theirs.split(" of ")[0])


def _our_unit(claim: dict, lemmas: _Lemmas) -> str | None:
    if claim["unit"] is not None:
        return " per ".join(_unit_name(part) for part in claim["unit"].split(" per "))
    return lemmas.root(claim["counted"]) if claim["counted"] else None


def _unit_name(unit: str) -> str:
    if " per " in unit:
        return " per ".join(_unit_name(part) for part in unit.split(" per "))
    return _UNIT_ALIASES.get(unit) or _UNIT_ALIASES.get(unit.lower(), unit.lower())


class _Lemmas:
    """Content-word lemmas of short phrases, parsed once each."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.docs: dict = {}

    def _parsed(self, text: str):
        if text not in self.docs:
            self.docs[text] = self.nlp(text)
        return self.docs[text]

    def words(self, text: str) -> frozenset[str]:
        return frozenset(token.lemma_.lower() for token in self._parsed(text)
                         if not token.is_stop and (token.is_alpha or token.like_num))

    def root(self, phrase: str) -> str:
        """The lemma of a noun phrase's syntactic head ("refugee" in "refugees in camps")."""
        return self._parsed(phrase)[:].root.lemma_.lower()

    def overlap(self, gold: str, ours: str | None) -> bool:
        if gold.strip() in ("-", ""):
            return not ours
        return bool(ours) and bool(self.words(gold) & self.words(ours))


def main() -> None:
    result = evaluate_newsquant()
    print(f"NewsQuant dev: {result['sentences']} sentences, {result['gold']} gold quantities, "
          f"{result['predicted']} predicted")
    print(f"{'criterion':36} {'part':7} {'P':>6} {'R':>6} {'F1':>6} {'matched':>8}   CQE  "
          "quantulum3")
    for name in result["scores"]:
        cqe = PUBLISHED["CQE"].get(name)
        q3 = PUBLISHED["quantulum3"].get(name)
        for part, scores in (("all", result), *result["parts"].items()):
            score = scores["scores"][name]
            anchors = f"{cqe if cqe is not None else '-':>4}  {q3 if q3 is not None else '-':>5}"
            print(f"{name:36} {part:7} {100 * score['precision']:6.1f} "
                  f"{100 * score['recall']:6.1f} {100 * score['f1']:6.1f} {score['matched']:8d}"
                  f"   {anchors if part == 'all' else ''}")
    print("Published figures are F1 on the full NewsQuant set; ours are on its dev half.")


if __name__ == "__main__":
    main()
