"""The ledger of real FNC-1 bodies against hand annotations (benchmarks/gold/fnc1/).

    .venv/bin/python benchmarks/eval_fnc1.py [--gold FOLDER] [--details] [--validate] [--rules]

Every body named in a gold file is saved as one .txt file and built through the CLI
(``claimledger build``, then ``claimledger export claims --extra``), as a user would. Each
exported claim is placed back in the raw body: its sentence is found in the body ignoring
whitespace (and quote and dash variants), the occurrence nearest the claim's cleaned offset
when there are several; claims whose sentence is not found are counted as "unlocated" and
match nothing.

Scored on all bodies and on the tuning and check parts (``split.part_of`` of the body):

- rows: a figure claim matches a gold figure when their spans overlap and the value
  agrees (the point value; for a gold range without one, both bounds), one to one (a
  maximum matching). Precision counts the bodies marked ``complete`` only; recall all.
- fields, on matched rows: counted (the gold phrase's head word, its last word before a
  preposition or relative pronoun, is among our words, plurals reduced; ``scoring.
  same_counted``), source (``scoring.same_source``: words without case, articles, 's and
  accents, in the singular; a name whose words are all in the other's, its initials or a
  contraction of its words is the same source), status
  (equal), unit (equal after ``scoring.unit_name``: "%" is percent, "$" USD, ...), value
  (value equal, and each bound the gold gives equal). Missing on both sides is right.
- denials: the share of gold denial statements for which the ledger has a denied claim
  (figure or not) overlapping that sentence.
- statements: for each kind (denial, confirmation, allegation), the share of gold
  statements with a claim of ours of that kind, not a figure, overlapping the sentence.

``--rules`` also prints which rules fire on the tuning bodies (``tuning_rules``: the
per-rule counters of ``build --stats`` over the tuning bodies built alone; nothing is
counted on the check bodies), marking those that fire once: special cases to question.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from common import ROOT, _cli, fnc1_bodies, ledger_exports, write_text_files
from scoring import matching, same_counted, same_number, same_source, unit_name
from split import PARTS, part_of

GOLD = ROOT / "benchmarks" / "gold" / "fnc1"
STATUSES = ("asserted", "reported", "claimed", "confirmed", "estimated", "speculative", "denied")
KINDS = ("denial", "confirmation", "allegation")
POLARITIES = ("denies", "confirms", "affirms")
FIELDS = ("counted", "source", "status", "unit", "value")
RECORD_KEYS = {"body_id": int, "story": str, "annotator": str, "complete": bool,
               "figures": list, "statements": list}
OPTIONAL_KEYS = {"not_claims": list}
ITEM_KEYS = {
    "figures": ("start", "end", "value", "low", "high", "unit", "counted", "source", "status",
                "measure"),
    "statements": ("kind", "start", "end", "cue_start", "cue_end", "source", "status",
                   "addresses", "polarity"),
    "not_claims": ("start", "end", "reason"),
}
LABELS = ("counted", "source", "measure", "addresses", "unit", "reason")
LABEL_WORDS = 8  # labels are short normalised phrases, never sentences of the body
# Characters that cleaning or an annotator's copy may write differently, compared as one.
_SAME_CHAR = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


class GoldError(ValueError):
    """Gold files that do not follow benchmarks/gold/fnc1/README.md, every problem listed."""


def body_texts() -> dict[int, str]:
    """FNC-1 train bodies by Body ID, read from ../shared/data."""
    return {int(body_id): text for body_id, text in fnc1_bodies()}


def load_gold(folder: Path, bodies: dict[int, str]) -> list[dict]:
    """The records of every story-*.jsonl in a folder, validated against the bodies."""
    records, problems = [], []
    first: dict = {}  # body id, and body text, -> where it was first annotated
    for path in sorted(folder.glob("story-*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except ValueError as error:
                problems.append(f"{where}: not JSON ({error})")
                continue
            found = validate(record, bodies, story=path.stem)
            body_id = record.get("body_id") if isinstance(record, dict) else None
            if isinstance(body_id, int) and body_id in bodies:
                # The ledger keeps one document per text: a second copy would get no claims.
                text = " ".join(bodies[body_id].split())
                if first.setdefault(body_id, where) != where:
                    found.append(f"body {body_id} is annotated twice (also {first[body_id]})")
                elif first.setdefault(text, where) != where:
                    found.append(f"body {body_id} has the same text as the body of "
                                 f"{first[text]}: annotate one of them")
            problems.extend(f"{where}: {problem}" for problem in found)
            records.append(record)
    if problems:
        raise GoldError("invalid gold annotations:\n" + "\n".join(problems))
    return records


def validate(record, bodies: dict[int, str], *, story: str | None = None) -> list[str]:
    """Every problem of one gold record: keys, types, labels and offsets into its body."""
    if not isinstance(record, dict):
        return ["a record must be a JSON object"]
    problems = [f"unknown field {key!r}" for key in record
                if key not in RECORD_KEYS and key not in OPTIONAL_KEYS]
    for key, kind in (RECORD_KEYS | OPTIONAL_KEYS).items():
        if key not in record:
            if key in RECORD_KEYS:
                problems.append(f"missing field {key!r}")
        elif not isinstance(record[key], kind) or (kind is int and isinstance(record[key], bool)):
            problems.append(f"{key!r} must be {kind.__name__}")
    if problems:
        return problems
    if story is not None and record["story"] != story:
        problems.append(f"story {record['story']!r} differs from the file name {story!r}")
    body = bodies.get(record["body_id"])
    if body is None:
        return problems + [f"body {record['body_id']} is not in train_bodies.csv"]
    for group, keys in ITEM_KEYS.items():
        for index, item in enumerate(record.get(group, [])):
            where = f"body {record['body_id']} {group}[{index}]"
            problems.extend(f"{where}: {problem}" for problem in _item_problems(group, item, keys, body))
    return problems


def _item_problems(group: str, item, keys: tuple[str, ...], body: str) -> list[str]:
    if not isinstance(item, dict):
        return ["must be a JSON object"]
    problems = [f"missing field {key!r}" for key in keys if key not in item]
    problems += [f"unknown field {key!r}" for key in item if key not in keys]
    if problems:
        return problems
    for pair in (("start", "end"), ("cue_start", "cue_end")):
        if pair[0] in item:
            problems += _span_problems(item, *pair, len(body))
    if group == "statements" and not problems and not (
            item["start"] <= item["cue_start"] and item["cue_end"] <= item["end"]):
        problems.append("the cue span lies outside the statement span")
    if group == "figures":
        numbers = [item[key] for key in ("value", "low", "high")]
        if any(n is not None and (not isinstance(n, (int, float)) or isinstance(n, bool))
               for n in numbers):
            problems.append("value, low and high must be numbers or null")
        elif all(n is None for n in numbers):
            problems.append("a figure needs a value or a bound")
        elif None not in numbers[1:] and numbers[1] > numbers[2]:
            problems.append("low is above high")
    if "status" in item and item["status"] not in STATUSES:
        problems.append(f"status {item['status']!r} is not one of {', '.join(STATUSES)}")
    if group == "statements":
        if item["kind"] not in KINDS:
            problems.append(f"kind {item['kind']!r} is not one of {', '.join(KINDS)}")
        if item["polarity"] not in (*POLARITIES, None):
            problems.append(f"polarity {item['polarity']!r} is not one of "
                            f"{', '.join(POLARITIES)} or null")
    for key in LABELS:
        label = item.get(key)
        if label is not None and not isinstance(label, str):
            problems.append(f"{key} must be a string or null")
        elif label is not None and len(label.split()) > LABEL_WORDS:
            problems.append(f"{key} has {len(label.split())} words: labels are short phrases, "
                            "never sentences of the body")
    return problems


def _span_problems(item: dict, start: str, end: str, length: int) -> list[str]:
    a, b = item[start], item[end]
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (a, b)):
        return [f"{start} and {end} must be integers"]
    if not 0 <= a < b <= length:
        return [f"{start}..{end} = {a}..{b} is not a span of the body ({length} characters)"]
    return []


@dataclass
class Row:
    """An exported claim placed in the raw body (span None when its sentence is not found)."""

    claim: dict
    span: tuple[int, int] | None


def located_claims(bodies: dict[int, str], *, workers: int | None = None) -> dict[int, list[Row]]:
    """Build the bodies through the CLI; every exported claim, placed in its raw body."""
    return built_gold(bodies, workers=workers)[0]


_BUILT: dict[tuple, tuple[dict[int, list[Row]], list[dict]]] = {}


def built_gold(bodies: dict[int, str], *, workers: int | None = None
               ) -> tuple[dict[int, list[Row]], list[dict]]:
    """The bodies built through the CLI: each body's exported claims placed in its raw text,
    and the exported measures. Built once per process for the same bodies (``make eval``
    scores rows, measures and answers on one build); each caller gets its own copy."""
    key = (tuple(sorted(bodies.items())), workers)
    if key not in _BUILT:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            corpus = write_text_files([(str(i), text) for i, text in bodies.items()], folder / "bodies")
            exports = ledger_exports([corpus], folder, workers=workers, tables=("claims", "measures"))
        rows: dict[int, list[Row]] = {body_id: [] for body_id in bodies}
        aligners = {body_id: Aligner(text) for body_id, text in bodies.items()}
        for claim in exports["claims"]:
            body_id = int(claim["doc"].removeprefix("fnc1-").removesuffix(".txt"))
            rows[body_id].append(Row(claim, aligners[body_id].place(claim)))
        _BUILT[key] = (rows, exports["measures"])
    return copy.deepcopy(_BUILT[key])


_RULES: dict[tuple, dict[str, int]] = {}


def tuning_rules(folder: Path = GOLD, *, bodies: dict[int, str] | None = None,
                 workers: int | None = None) -> dict[str, int]:
    """The per-rule counters of the gold's tuning bodies, built alone through the CLI
    (``build --stats``): which rules fire on tuning data, and how often. The check bodies
    are never built here, so no count of theirs can be read. Built once per process."""
    bodies = body_texts() if bodies is None else bodies
    tuning = {r["body_id"]: bodies[r["body_id"]] for r in load_gold(folder, bodies)
              if part_of(bodies[r["body_id"]]) == "tuning"}
    key = (tuple(sorted(tuning.items())), workers)
    if key not in _RULES:
        with tempfile.TemporaryDirectory() as tmp:
            where = Path(tmp)
            corpus = write_text_files([(str(i), text) for i, text in tuning.items()],
                                      where / "bodies")
            stats = where / "stats.json"
            _cli(["build", str(corpus), "--db", str(where / "ledger.db"), "--quiet",
                  "--stats", str(stats)] + (["--workers", str(workers)] if workers else []),
                 where)
            _RULES[key] = json.loads(stats.read_text(encoding="utf-8"))["rules"]
    return dict(_RULES[key])


def rule_lines(rules: dict[str, int]) -> list[str]:
    """The counters by family, the most frequent rule first; a rule that fired exactly
    once is marked as a special case to question."""
    def order(item):
        family, _, rule = item[0].partition(": ")
        return family, -item[1], rule
    return [f"{n:>7}  {name}" + ("   <- fired once: a special case to question" if n == 1 else "")
            for name, n in sorted(rules.items(), key=order)]


class Aligner:
    """Finds cleaned sentences in a raw body, comparing the non-space characters only."""

    def __init__(self, raw: str) -> None:
        self.positions = [i for i, char in enumerate(raw) if not char.isspace()]
        self.squeezed = "".join(raw[i] for i in self.positions).translate(_SAME_CHAR)

    def place(self, claim: dict) -> tuple[int, int] | None:
        """The claim's span in raw offsets."""
        sentence = claim["sentence"]
        wanted = "".join(sentence.split()).translate(_SAME_CHAR)
        starts = self._occurrences(wanted)
        if not starts:
            return None
        offset = claim["sentence_start"]
        # Cleaning removes whole lines: the sentence is where it was, or a little further.
        found = min(starts, key=lambda s: abs(self.positions[s] - offset))
        first = _solid(sentence[:claim["start"] - offset])
        last = _solid(sentence[:claim["end"] - offset])
        if last <= first:
            return None
        return self.positions[found + first], self.positions[found + last - 1] + 1

    def _occurrences(self, wanted: str) -> list[int]:
        starts, at = [], self.squeezed.find(wanted)
        while wanted and at >= 0:
            starts.append(at)
            at = self.squeezed.find(wanted, at + 1)
        return starts


def _solid(text: str) -> int:
    return sum(not char.isspace() for char in text)


@dataclass
class Tally:
    """Counts of one part, turned into scores by ``scores``."""

    bodies: int = 0
    gold: int = 0
    matched: int = 0
    predicted_complete: int = 0
    matched_complete: int = 0
    unlocated: int = 0
    correct: Counter = field(default_factory=Counter)
    denials: list[int] = field(default_factory=lambda: [0, 0])
    statements: dict = field(default_factory=lambda: {kind: [0, 0] for kind in KINDS})
    wrong: list = field(default_factory=list)
    missed: list = field(default_factory=list)

    def scores(self) -> dict:
        precision = self.matched_complete / self.predicted_complete if self.predicted_complete else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "bodies": self.bodies,
            "rows": {"precision": precision, "recall": recall, "f1": f1, "gold": self.gold,
                     "matched": self.matched, "predicted (complete bodies)": self.predicted_complete},
            "fields": {name: self.correct[name] / self.matched if self.matched else 0.0
                       for name in FIELDS},
            "denials": _share(*self.denials),
            "statements": {kind: _share(*counts) for kind, counts in self.statements.items()},
            "unlocated": self.unlocated,
        }


def _share(found: int, total: int) -> dict:
    return {"found": found, "total": total, "recall": found / total if total else 0.0}


def score_body(record: dict, rows: list[Row], tally: Tally) -> None:
    """Add one annotated body's rows, fields and statements to a part's counts."""
    tally.bodies += 1
    tally.unlocated += sum(row.span is None for row in rows)
    figures = [row for row in rows if row.claim["kind"] == "figure"]
    gold = record["figures"]
    pairs = matching(figures, gold, _same_row)
    tally.gold += len(gold)
    tally.matched += len(pairs)
    if record["complete"]:
        tally.predicted_complete += len(figures)
        tally.matched_complete += len(pairs)
    for g, p in pairs.items():
        claim, wanted = figures[p].claim, gold[g]
        for name in FIELDS:
            if _field_right(name, claim, wanted):
                tally.correct[name] += 1
            else:
                tally.wrong.append((record["body_id"], name, wanted, claim))
    for statement in record["statements"]:
        inside = [row.claim for row in rows if _overlaps(row.span, statement)]
        if statement["kind"] == "denial":
            tally.denials[1] += 1
            tally.denials[0] += any(claim["status"] == "denied" for claim in inside)
        counts = tally.statements[statement["kind"]]
        counts[1] += 1
        found = any(claim["kind"] == statement["kind"] for claim in inside)
        counts[0] += found
        if not found:
            tally.missed.append((record["body_id"], statement, inside))


def _same_row(row: Row, wanted: dict) -> bool:
    return _overlaps(row.span, wanted) and _same_value(row.claim, wanted)


def _overlaps(span: tuple[int, int] | None, wanted: dict) -> bool:
    return span is not None and max(span[0], wanted["start"]) < min(span[1], wanted["end"])


def _same_value(claim: dict, wanted: dict) -> bool:
    if wanted["value"] is not None:
        return claim["value"] is not None and same_number(claim["value"], wanted["value"])
    return same_number(claim["low"], wanted["low"]) and same_number(claim["high"], wanted["high"])


def _field_right(name: str, claim: dict, wanted: dict) -> bool:
    if name == "counted":
        return same_counted(claim["counted"], wanted["counted"])
    if name == "source":
        return same_source(claim["source"], wanted["source"])
    if name == "unit":
        return unit_name(claim.get("unit")) == unit_name(wanted["unit"])
    if name == "value":
        return same_number(claim["value"], wanted["value"]) and all(
            wanted[bound] is None or same_number(claim[bound], wanted[bound])
            for bound in ("low", "high"))
    return claim[name] == wanted[name]


def evaluate_fnc1(folder: Path = GOLD, *, bodies: dict[int, str] | None = None,
                  workers: int | None = None) -> dict:
    """Rows, fields, denials and statements of the ledger against the gold, by part."""
    bodies = body_texts() if bodies is None else bodies
    records = load_gold(folder, bodies)
    annotated = {record["body_id"]: bodies[record["body_id"]] for record in records}
    rows = located_claims(annotated, workers=workers) if annotated else {}
    tallies = {part: Tally() for part in ("all", *PARTS)}
    for record in records:
        for part in ("all", part_of(annotated[record["body_id"]])):
            score_body(record, rows[record["body_id"]], tallies[part])
    return {**tallies["all"].scores(), "stories": len({r["story"] for r in records}),
            "parts": {part: tallies[part].scores() for part in PARTS},
            "tuning errors": tallies["tuning"].wrong,
            "tuning misses": tallies["tuning"].missed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="Folder of story-*.jsonl files.")
    parser.add_argument("--details", action="store_true",
                        help="List wrong fields of matched rows and missed statements in the tuning part.")
    parser.add_argument("--validate", action="store_true",
                        help="Only check the gold files against the bodies, building nothing.")
    parser.add_argument("--rules", action="store_true",
                        help="Also print the rules that fire on the tuning bodies, with counts.")
    args = parser.parse_args()
    try:
        if args.validate:
            records = load_gold(args.gold, body_texts())
            print(f"{len(records)} gold records valid in {args.gold}")
            return
        result = evaluate_fnc1(args.gold)
    except GoldError as error:
        sys.exit(str(error))
    print(f"FNC-1 gold: {result['bodies']} bodies, {result['stories']} stories ("
          + ", ".join(f"{part} {result['parts'][part]['bodies']}" for part in PARTS) + ")")
    print(f"{'measure':34} " + " ".join(f"{part:>8} {'of':>5}" for part in PARTS))
    for label, values, counts in table_rows(result):
        print(f"{label:34} " + " ".join(f"{values[part]:8.3f} {counts[part]:>5}" for part in PARTS))
    print("claims not placed in their raw body: "
          + ", ".join(f"{part} {result['parts'][part]['unlocated']}" for part in PARTS))
    if args.details:
        for body_id, name, wanted, claim in result["tuning errors"]:
            print(f"WRONG {name} body {body_id} {wanted['start']}-{wanted['end']}: expected "
                  f"{wanted.get(name)!r} got {claim.get(name)!r}")
        for body_id, statement, inside in result["tuning misses"]:
            print(f"MISSED {statement['kind']} body {body_id} {statement['start']}-"
                  f"{statement['end']}: got {sorted({c['kind'] for c in inside}) or 'nothing'}")
    if args.rules:
        print("rules fired on the tuning bodies (build --stats; the check bodies are not counted):")
        print("\n".join(rule_lines(tuning_rules(args.gold))))


def table_rows(result: dict) -> list[tuple[str, dict[str, float], dict[str, str]]]:
    """(measure, score by part, counts by part) of the FNC-1 scores, as eval.py prints too."""
    parts = {part: result["parts"][part] for part in PARTS}
    lines = [
        ("rows precision (complete bodies)", {k: p["rows"]["precision"] for k, p in parts.items()},
         {k: str(p["rows"]["predicted (complete bodies)"]) for k, p in parts.items()}),
        ("rows recall", {k: p["rows"]["recall"] for k, p in parts.items()},
         {k: str(p["rows"]["gold"]) for k, p in parts.items()}),
    ]
    lines += [(f"{name} accuracy on matched rows", {k: p["fields"][name] for k, p in parts.items()},
               {k: str(p["rows"]["matched"]) for k, p in parts.items()}) for name in FIELDS]
    shares = [("denial sentences found", lambda p: p["denials"])]
    shares += [(f"{kind} statements found", lambda p, kind=kind: p["statements"][kind])
               for kind in KINDS]
    for label, share in shares:
        lines.append((label, {k: share(p)["recall"] for k, p in parts.items()},
                      {k: str(share(p)["total"]) for k, p in parts.items()}))
    return lines


if __name__ == "__main__":
    main()
