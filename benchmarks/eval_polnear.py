"""Attribution quality on PolNeAR: source and cue spans against the annotators'.

    .venv/bin/python benchmarks/eval_polnear.py [--split dev|train] [--limit N]

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates 2016 US political news with
attribution relations: Source, Cue and Content spans in brat standoff, character offsets
into each article's text. The data is read from ../shared/data/polnear at run time.

How it is scored:

- Each article's whole text goes through ``split_sentences``, ``load_pipeline()`` and
  ``DocumentSources.attributions`` (every sentence, in order); spans are moved from
  sentence to document offsets.
- Articles with several annotators are scored against one: the first annotator id in
  sorted order.
- Predicted and gold relations are matched one to one (a maximum bipartite matching) for
  each measure separately: source span exact, source span overlap, cue span exact, cue
  span overlap. "Exact" compares offsets after trimming whitespace and punctuation at both
  ends; "overlap" means the spans share at least one word character (a token).
- Gold relations without a Source span ("Attribution-no-source", e.g. "It was reported
  that ...") are left out of the source measures: there is no span to find, and a system
  that names no source for them loses nothing. They count for the cue measures. A
  prediction that names a source for them is unmatched and counts against source
  precision. The table reports how many there are and how many of them were found by cue
  with no source span predicted.
- Subset "figures": gold relations whose content holds a figure (a digit or a number
  word); predictions whose own content holds one, or whose cue overlaps the cue of a gold
  relation of the subset.
- PolNeAR annotates no attribution nested in another's content (none of the 2,192 dev
  relations has its cue inside another relation's content), while claimledger keeps them
  ("Y reported that X said ..." gives X with Y as intermediary). The table therefore also
  scores the top-level predictions alone, leaving nested ones out; the first table counts
  every prediction.
- Figure source: the figure claims the build makes of each sentence (``sentence_claims``)
  that lie inside the content of a gold relation (the innermost one when several hold it).
  Gold items are those figures whose relation has a Source span; a figure we give a source
  is a prediction, right when our source mention overlaps the gold Source span or our
  source's name matches the Source text (``scoring.same_source``). A figure we give a source
  inside a relation without a Source span is a wrong prediction.
- Every score is given on all articles and on the tuning and check parts
  (``split.part_of`` of the article's text).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import SHARED_DATA
from scoring import matching, same_source
from split import PARTS, part_of

from claimledger.extract.attribution import DocumentSources
from claimledger.extract.claims import sentence_claims
from claimledger.model import Document
from claimledger.nlp import load_pipeline, parser_text, split_sentences

POLNEAR = SHARED_DATA / "polnear"
FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?)\b",
    re.IGNORECASE,
)
_EDGE = " \t\n.,;:!?\"'“”‘’()[]—–-"
_WORD_CHAR = re.compile(r"\w")
MEASURES = ("source exact", "source overlap", "cue exact", "cue overlap")

Span = tuple[int, int]


@dataclass
class Relation:
    """One attribution relation of an article: its spans in document offsets."""

    source: Span | None
    cue: Span | None
    content: list[Span] = field(default_factory=list)
    figure: bool = False
    nested: bool = False


@dataclass
class Figure:
    """A figure claim of ours: its span, and the source the ledger gives it."""

    span: Span
    source: str | None
    source_span: Span | None


def articles(split: str) -> list[tuple[str, Path, Path]]:
    """(name, text file, annotation file of the first annotator) for each article."""
    folder = POLNEAR / split
    if not folder.exists():
        sys.exit(f"PolNeAR not found at {folder}: place ../shared beside the checkout")
    chosen: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, path)
    return [(name, folder / "text" / f"{name}.txt", ann) for name, ann in sorted(chosen.items())]


def gold_relations(annotation: Path, text: str) -> list[Relation]:
    """The attribution relations of a brat standoff file."""
    spans: dict[str, list[Span]] = {}
    events = []
    for line in annotation.read_text(encoding="utf-8").splitlines():
        # A span's text may hold a line break: its continuation is not an annotation line.
        if not re.match(r"[TE]\d+\t", line):
            continue
        if line.startswith("T"):
            ident, middle, _ = line.split("\t", 2)
            kind, _, offsets = middle.partition(" ")
            spans[ident] = [tuple(map(int, part.split())) for part in offsets.split(";")]
        elif line.startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in line.split("\t")[1].split()))
    relations = []
    for event in events:
        content = spans.get(event.get("Content", ""), [])
        relations.append(Relation(
            source=_whole(spans.get(event.get("Source", ""))),
            cue=_whole(spans.get(event.get("Cue", ""))),
            content=content,
            figure=any(FIGURE.search(text[a:b]) for a, b in content),
        ))
    return relations


def _whole(parts: list[Span] | None) -> Span | None:
    return (parts[0][0], parts[-1][1]) if parts else None


def predicted_relations(
    text: str, nlp, outlet: str | None, timer: dict
) -> tuple[list[Relation], list[Figure]]:
    """Every attribution DocumentSources finds in the article, and the figure claims the
    build makes of its sentences, in document offsets."""
    sources = DocumentSources(text, outlet=outlet)
    document = Document(doc="article", raw=text, format="text", text=text, outlet=outlet)
    sentences = split_sentences(text)
    started = time.perf_counter()
    parsed = list(nlp.pipe(parser_text(s.text) for s in sentences))
    timer["parse"] += time.perf_counter() - started
    relations, figures = [], []
    for sentence, doc in zip(sentences, parsed):
        started = time.perf_counter()
        mentions = sources.attributions(doc, sentence.start)
        timer["attributions"] += time.perf_counter() - started
        timer["sentences"] += 1
        for mention in mentions:
            content = _shift(mention.content_span, sentence.start)
            relations.append(Relation(
                source=_shift(mention.source_span, sentence.start),
                cue=_shift(mention.cue_span, sentence.start),
                content=[content] if content else [],
                figure=bool(content and FIGURE.search(text[content[0]:content[1]])),
                nested=_nested(mention, mentions),
            ))
        if sentence.candidate:
            for claim in sentence_claims(document, sentence, doc, mentions):
                if claim.kind == "figure":
                    who = claim.attribution
                    figures.append(Figure((claim.start, claim.end), who.source,
                                          (who.source_start, who.source_end)
                                          if who.source_start is not None else None))
    return relations, figures


def _nested(mention, mentions) -> bool:
    """Whether a mention's cue lies inside another mention's content."""
    if mention.cue_span is None:
        return False
    cue = mention.cue_span[0]
    return any(other is not mention and other.content_span
               and other.content_span[0] <= cue < other.content_span[1] for other in mentions)


def _shift(span: Span | None, offset: int) -> Span | None:
    return (span[0] + offset, span[1] + offset) if span else None


def exact(text: str, a: Span, b: Span) -> bool:
    return _trimmed(text, a) == _trimmed(text, b)


def overlap(text: str, a: Span, b: Span) -> bool:
    """Spans that share a token (a word character), or are equal (a ":" cue has no word)."""
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return start < end and bool(_WORD_CHAR.search(text, start, end)) or exact(text, a, b)


def _trimmed(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


@dataclass
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def scores(self) -> dict[str, float]:
        precision = self.tp / self.predicted if self.predicted else 0.0
        recall = self.tp / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "tp": self.tp,
                "predicted": self.predicted, "gold": self.gold}


SUBSETS = ("all", "figures", "all, top-level", "figures, top-level")
NO_SOURCE_COUNTS = ("no source", "no source found by cue", "no source, none predicted")


def score_article(text: str, gold: list[Relation], predicted: list[Relation],
                  figures: list[Figure], totals: dict) -> None:
    """Add one article's matches to the running counts of each subset and measure."""
    totals["articles"] += 1
    figure_cues = [g.cue for g in gold if g.figure and g.cue]
    figure_gold = [g for g in gold if g.figure]
    figure_predicted = [p for p in predicted if p.figure or (
        p.cue and any(overlap(text, p.cue, cue) for cue in figure_cues))]
    subsets = {
        "all": (gold, predicted),
        "figures": (figure_gold, figure_predicted),
        "all, top-level": (gold, [p for p in predicted if not p.nested]),
        "figures, top-level": (figure_gold, [p for p in figure_predicted if not p.nested]),
    }
    for subset, (gold_part, predicted_part) in subsets.items():
        for measure in MEASURES:
            part, test = measure.split()
            compare = exact if test == "exact" else overlap
            gold_spans = [getattr(g, part) for g in gold_part if getattr(g, part)]
            predicted_spans = [getattr(p, part) for p in predicted_part if getattr(p, part)]
            counts = totals[subset][measure]
            counts.tp += len(matching(predicted_spans, gold_spans,
                                      lambda a, b, compare=compare: compare(text, a, b)))
            counts.predicted += len(predicted_spans)
            counts.gold += len(gold_spans)
    for relation in gold:
        if relation.source is None and relation.cue:
            totals["no source"] += 1
            found = [p for p in predicted if p.cue and overlap(text, p.cue, relation.cue)]
            totals["no source found by cue"] += bool(found)
            totals["no source, none predicted"] += any(p.source is None for p in found)
    _score_figure_sources(text, gold, figures, totals["figure source"])


def _score_figure_sources(text: str, gold: list[Relation], figures: list[Figure],
                          counts: Counts) -> None:
    for figure in figures:
        holders = [g for g in gold if any(a <= figure.span[0] and figure.span[1] <= b
                                          for a, b in g.content)]
        if not holders:
            continue
        holder = min(holders, key=lambda g: sum(b - a for a, b in g.content))
        counts.gold += holder.source is not None
        if figure.source is None:
            continue
        counts.predicted += 1
        counts.tp += holder.source is not None and (
            (figure.source_span is not None and overlap(text, figure.source_span, holder.source))
            or same_source(figure.source, text[holder.source[0]:holder.source[1]])
        )


def evaluate_polnear(split: str = "dev", *, limit: int | None = None) -> dict:
    """Precision, recall and F1 of source and cue spans on a PolNeAR split, for all
    attributions and for those whose content holds a figure, and of figure sources; on all
    articles and by part."""
    nlp = load_pipeline()
    publishers = _publishers()
    totals = {part: _new_totals() for part in ("all", *PARTS)}
    timer = {"parse": 0.0, "attributions": 0.0, "sentences": 0}
    chosen = articles(split)[:limit]
    for name, text_path, annotation in chosen:
        text = text_path.read_text(encoding="utf-8")
        gold = gold_relations(annotation, text)
        predicted, figures = predicted_relations(text, nlp, publishers.get(name), timer)
        for part in ("all", part_of(text)):
            score_article(text, gold, predicted, figures, totals[part])
    sentences = max(1, timer["sentences"])
    return {
        "split": split,
        **_results(totals["all"]),
        "parts": {part: _results(totals[part]) for part in PARTS},
        "timing": {
            "sentences": sentences,
            "parse ms per sentence": 1000 * timer["parse"] / sentences,
            "attributions ms per sentence": 1000 * timer["attributions"] / sentences,
        },
    }


def _new_totals() -> dict:
    totals: dict = {subset: {m: Counts() for m in MEASURES} for subset in SUBSETS}
    totals.update(dict.fromkeys(NO_SOURCE_COUNTS, 0))
    totals["articles"] = 0
    totals["figure source"] = Counts()
    return totals


def _results(totals: dict) -> dict:
    return {
        "articles": totals["articles"],
        "scores": {subset: {m: totals[subset][m].scores() for m in MEASURES}
                   for subset in SUBSETS},
        "figure source": totals["figure source"].scores(),
        "gold without source": {key: totals[key] for key in NO_SOURCE_COUNTS},
    }


def _publishers() -> dict[str, str]:
    """Article name -> publisher, the outlet whose own voice is no source."""
    path = POLNEAR / "metadata.tsv"
    if not path.exists():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    return {row["filename"]: row["publisher"].replace("-", " ")
            for row in rows if "filename" in row}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", help="PolNeAR split to score (dev or train).")
    parser.add_argument("--limit", type=int, default=None,
                        help="Score only the first N articles.")
    args = parser.parse_args()
    result = evaluate_polnear(args.split, limit=args.limit)
    print(f"PolNeAR {result['split']}: {result['articles']} articles ("
          + ", ".join(f"{part} {result['parts'][part]['articles']}" for part in PARTS) + ")")
    print(f"{'subset':19} {'measure':15} {'part':7} {'P':>6} {'R':>6} {'F1':>6} {'pred':>6} "
          f"{'gold':>6}")
    for subset, measures in result["scores"].items():
        for measure in measures:
            for part, scores in (("all", result), *result["parts"].items()):
                s = scores["scores"][subset][measure]
                print(f"{subset:19} {measure:15} {part:7} {s['precision']:6.3f} "
                      f"{s['recall']:6.3f} {s['f1']:6.3f} {s['predicted']:6d} {s['gold']:6d}")
    for part, scores in (("all", result), *result["parts"].items()):
        s = scores["figure source"]
        print(f"{'figure source':35} {part:7} {s['precision']:6.3f} {s['recall']:6.3f} "
              f"{s['f1']:6.3f} {s['predicted']:6d} {s['gold']:6d}")
    missing = result["gold without source"]
    print(f"gold relations without a source span: {missing['no source']} (left out of the source "
          f"measures); found by cue: {missing['no source found by cue']}, of which with no source "
          f"predicted: {missing['no source, none predicted']}")
    timing = result["timing"]
    print(f"{timing['sentences']} sentences: parse {timing['parse ms per sentence']:.2f} ms, "
          f"attributions() {timing['attributions ms per sentence']:.3f} ms per sentence")


if __name__ == "__main__":
    main()
