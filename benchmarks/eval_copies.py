"""Copy pairs of real FNC-1 bodies against hand judgements (benchmarks/gold/fnc1/copies.jsonl).

    .venv/bin/python benchmarks/eval_copies.py [--direct] [--details]

Every body of the story files, and the further bodies copies.jsonl names, is saved as one
.txt file and built through the CLI (``claimledger build``, then ``claimledger export reuse``
and ``export documents``), as a user would. ``--direct`` runs cleaning and the reuse stage
in this process instead (seconds, not minutes; the same functions the link stage calls).

Parts are whole stories for this evaluation: story-a and story-c are tuning, story-b and
story-d are check (story-e, with no judged pairs, is left out). Read check figures only, never check errors (``--details`` prints the
wrong pairs of the tuning stories alone).

- pairs: a pair of bodies of one story is positive when the gold calls it ``copy`` or
  ``rewrite``; every other pair of bodies of that story is negative (gold ``independent``,
  or not listed: the screening found nothing shared). A system pair across two stories is
  a false positive of each part it touches.
- kinds: for each gold passage (prose of copy pairs, quotation of any pair) of a pair the
  system also found, the system passage overlapping it most on body_a's side; the share of
  those whose ``kind`` (prose or quotation) agrees, and the share of gold passages covered.
  Until the link stage stores each passage's kind, only ``--direct`` can score it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from common import ROOT, fnc1_bodies, write_text_files

GOLD = ROOT / "benchmarks" / "gold" / "fnc1"
# The split by story, shared by eval_measures and eval_answers. story-e has figures and
# measures only: no copy pairs were judged for it, so this evaluation leaves it out.
PART_OF_STORY = {"story-a": "tuning", "story-c": "tuning", "story-e": "tuning",
                 "story-b": "check", "story-d": "check"}
PARTS = ("tuning", "check")
POSITIVE = {"copy", "rewrite"}
CLI = ROOT / ".venv" / "bin" / "claimledger"


def load_stories(folder: Path = GOLD) -> dict[int, str]:
    """Body ID -> story, for the story files' bodies and those copies.jsonl adds; only the
    stories whose pairs were judged (an unjudged story's pairs are not negatives)."""
    stories = {}
    judged = {pair["story"] for pair in load_pairs(folder)}
    for path in sorted(p for p in folder.glob("story-*.jsonl") if p.stem in judged):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                stories[json.loads(line)["body_id"]] = path.stem
    for pair in load_pairs(folder):
        stories.setdefault(pair["body_a"], pair["story"])
        stories.setdefault(pair["body_b"], pair["story"])
    return stories


def load_pairs(folder: Path = GOLD) -> list[dict]:
    lines = (folder / "copies.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def body_id(doc: str) -> int:
    return int(Path(doc).stem.removeprefix("fnc1-"))


def system_reuse(bodies: dict[int, str], *, direct: bool) -> tuple[list[dict], dict[int, str]]:
    """Reuse rows (doc_a, doc_b, passages) and each body's cleaned text."""
    if direct:
        return _direct_reuse(bodies)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = write_text_files([(str(i), text) for i, text in bodies.items()], folder / "bodies")
        db = folder / "ledger.db"
        _run(["build", str(corpus), "--db", str(db), "--quiet"], folder)
        tables = {}
        for table in ("reuse", "documents"):
            out = folder / f"{table}.jsonl"
            _run(["export", table, "--db", str(db), "--format", "jsonl", "-o", str(out)], folder)
            tables[table] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    texts = {body_id(row["doc"]): row["text"] or "" for row in tables["documents"]}
    return tables["reuse"], texts


def _run(arguments: list[str], folder: Path) -> None:
    done = subprocess.run([str(CLI), *arguments], cwd=folder, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"claimledger {arguments[0]} failed ({done.returncode}):\n{done.stderr[-4000:]}")


def _direct_reuse(bodies: dict[int, str]) -> tuple[list[dict], dict[int, str]]:
    from claimledger.clean import clean_document
    from claimledger.link.reuse import LinkDoc, ReuseIndex, compare_many, window_signatures
    from claimledger.model import Document
    from claimledger.settings import Settings

    settings = Settings()
    docs = []
    for number, (key, text) in enumerate(sorted(bodies.items())):
        cleaned = clean_document(Document(doc=f"fnc1-{key:05d}.txt", raw=text, format="text"))
        docs.append(LinkDoc(number, cleaned.doc, cleaned.text or ""))
    index, rows = ReuseIndex(threshold=settings.reuse_threshold), []
    for doc in docs:
        signatures = window_signatures(doc.units)
        partners = [docs[i] for i in sorted(index.candidates(signatures))]
        results = compare_many(doc, partners, threshold=settings.reuse_sentence_similarity,
                               min_sentences=settings.reuse_min_sentences)
        for result in results:
            if result is not None:
                rows.append({"doc_a": result.doc_a, "doc_b": result.doc_b,
                             "passages": [_passage_row(p) for p in result.passages]})
        index.add(doc.row_id, signatures)
    return rows, {body_id(doc.doc): doc.text for doc in docs}


def _passage_row(p) -> dict:
    row = {"a_start": p.a_start, "a_end": p.a_end, "b_start": p.b_start, "b_end": p.b_end}
    if hasattr(p, "kind"):
        row["kind"] = p.kind
    return row


class RawOffsets:
    """Cleaned-text offsets -> raw-body offsets, matching the non-space characters."""

    def __init__(self, raw: str, cleaned: str) -> None:
        raw_solid = [i for i, char in enumerate(raw) if not char.isspace()]
        self.solid_before = []  # per cleaned offset: raw offset of its next solid character
        count = 0
        for char in cleaned:
            self.solid_before.append(raw_solid[min(count, len(raw_solid) - 1)] if raw_solid else 0)
            count += not char.isspace()
        self.solid_before.append(len(raw))

    def __call__(self, offset: int) -> int:
        return self.solid_before[min(offset, len(self.solid_before) - 1)]


def evaluate_copies(*, direct: bool = False, details: bool = False) -> dict[str, dict]:
    """Copy-pair precision and recall and passage-kind agreement, per part."""
    stories = load_stories()
    raw = dict((int(i), text) for i, text in fnc1_bodies() if int(i) in stories)
    rows, cleaned = system_reuse(raw, direct=direct)
    gold = {(p["body_a"], p["body_b"]): p for p in load_pairs()}
    found = {}
    for row in rows:
        a, b = body_id(row["doc_a"]), body_id(row["doc_b"])
        passages = row["passages"]
        if a > b:
            a, b = b, a
            passages = [{"a_start": p["b_start"], "a_end": p["b_end"], "b_start": p["a_start"],
                         "b_end": p["a_end"], "kind": p.get("kind")} for p in passages]
        found[(a, b)] = passages
    offsets = {i: RawOffsets(raw[i], cleaned.get(i, "")) for i in raw}
    tally = {part: Counter() for part in PARTS}
    wrong = []
    for (a, b), passages in found.items():
        parts = {PART_OF_STORY[stories[a]], PART_OF_STORY[stories[b]]}
        pair = gold.get((a, b)) if stories[a] == stories[b] else None
        positive = pair is not None and pair["relation"] in POSITIVE
        for part in parts:
            tally[part]["tp" if positive else "fp"] += 1
        if not positive:
            wrong.append(("false positive", stories[a], a, b, pair["relation"] if pair else "unlisted"))
    for (a, b), pair in gold.items():
        part = PART_OF_STORY[pair["story"]]
        if pair["relation"] in POSITIVE:
            tally[part]["gold"] += 1
            if (a, b) not in found:
                wrong.append(("missed", pair["story"], a, b, pair["relation"]))
        if (a, b) in found:
            _kinds(pair, found[(a, b)], offsets[a], tally[part])
    if details:
        for kind, story, a, b, relation in sorted(wrong, key=lambda w: (w[1], w[0], w[2], w[3])):
            if PART_OF_STORY[story] == "tuning":
                print(f"  {kind:15} {story} {a:5} {b:5} gold: {relation}")
    return {part: _scores(counts) for part, counts in tally.items()}


def _kinds(pair: dict, passages: list[dict], to_raw: RawOffsets, counts: Counter) -> None:
    spans = [(to_raw(p["a_start"]), to_raw(p["a_end"]), p.get("kind")) for p in passages]
    for gold in pair["passages"]:
        if gold["kind"] == "prose" and pair["relation"] not in POSITIVE:
            continue
        counts["gold passages"] += 1
        overlap = [(min(end, gold["a_end"]) - max(start, gold["a_start"]), kind)
                   for start, end, kind in spans]
        best = max(overlap, default=(0, None))
        if best[0] > 0:
            counts["covered"] += 1
            counts["kind agrees"] += best[1] == gold["kind"]
            counts["kind given"] += best[1] is not None


def _scores(counts: Counter) -> dict:
    predicted, gold = counts["tp"] + counts["fp"], counts["gold"]
    return {
        "pairs": {"precision": counts["tp"] / predicted if predicted else 0.0,
                  "recall": counts["tp"] / gold if gold else 0.0,
                  "found": predicted, "right": counts["tp"], "gold": gold},
        "passages": {"covered": counts["covered"] / counts["gold passages"] if counts["gold passages"] else 0.0,
                     "kind agreement": counts["kind agrees"] / counts["kind given"] if counts["kind given"] else None,
                     "gold": counts["gold passages"]},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--direct", action="store_true", help="reuse stage in this process")
    parser.add_argument("--details", action="store_true", help="wrong pairs of the tuning part")
    args = parser.parse_args()
    results = evaluate_copies(direct=args.direct, details=args.details)
    for part, figures in results.items():
        pairs, passages = figures["pairs"], figures["passages"]
        print(f"{part:7} copy pairs: precision {pairs['precision']:.3f} recall {pairs['recall']:.3f} "
              f"({pairs['right']} right of {pairs['found']} found, {pairs['gold']} gold) · "
              f"passages covered {passages['covered']:.3f}, kind agreement {_figure(passages['kind agreement'])} "
              f"({passages['gold']} gold)")


def _figure(value: float | None) -> str:
    return "n/a (no kind in the export)" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    main()
