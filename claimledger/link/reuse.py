"""Text reuse: passages one article shares with another, copied verbatim or reworded.

Blocking, then alignment:

1. Every document is cut into windows of three sentences; each window's content words get a
   MinHash signature, and an LSH index returns the documents that share a window above a
   low Jaccard threshold. Only those pairs are compared — never all pairs of the corpus.
2. The two documents' sentences are aligned on content-word overlap (Dice), also against
   two consecutive sentences of the other side, because a rewrite merges and splits
   sentences; a long sentence cut down aligns when it keeps half its word trigrams. The
   best monotonic chain of aligned sentences is kept.
3. Each aligned pair is compared again on its narration alone, the words outside quotation
   marks (``quote_regions``): it is prose when the narration aligns and is most of each
   side's words, else shared quotation. Two outlets quoting the same person, even with the
   same attribution, share the quoted words and not their own.
4. Aligned sentences that follow each other (at most one sentence skipped on either side)
   form passages, each prose or quotation. A rewrite keeps the order and most of the
   sentences of its source; two articles that retell the same briefing share a few isolated
   sentences at best, so a pair is reuse only when a prose passage holds enough aligned
   prose sentences (a merge of two sentences counts once). Every aligned stretch of a reuse
   pair is then kept as a passage, quotation marked as such.

Direction comes from publication dates (the later one copied), else from one article naming
the other's outlet; otherwise it is ``unknown``.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

import numpy as np

from claimledger.extract.attribution.quotes import quote_regions
from claimledger.model import Passage, Reuse
from claimledger.nlp import split_sentences

NUM_PERM = 64
WINDOW = 3
MIN_UNIT_TOKENS = 3
# A sentence cut down from a longer one loses the Dice overlap of its words but keeps the
# other's phrasing: it aligns when it is long enough not to be a stock formula and half of
# its narration's word trigrams are in the other.
CUT_MIN_TRIGRAMS, CUT_SHARED = 10, 0.5
# A word in more sentences of the partner than this is not used to find the sentences a
# sentence may align with: without a bound, a document of 5,000 identical sentences has
# every pair compared (25 million). A news article has a few dozen sentences, so no pair
# of real articles loses a candidate; the cost per sentence stays bounded.
MAX_POSTINGS = 100
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d")
_SUFFIX = re.compile(r"(?:ies|es|s|ed|ing|ly)$")
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself said says say told tell according added adding mr mrs ms per cent percent""".split()
)


@dataclass(slots=True)
class Unit:
    """A sentence of a document, as the aligner sees it: all its content words, and those
    of its narration alone (outside quotation marks)."""

    start: int
    end: int
    tokens: frozenset
    prose: frozenset = frozenset()
    trigrams: frozenset = frozenset()  # of the narration's words in order, stopwords kept


@dataclass(slots=True)
class LinkDoc:
    """A document as the linking stages need it."""

    row_id: int
    doc: str
    text: str
    published: str | None = None
    outlet: str | None = None
    units: list[Unit] = field(default_factory=list)
    _postings: dict[str, list[int]] | None = None

    def __post_init__(self) -> None:
        if not self.units:
            self.units = units_of(self.text)

    @property
    def postings(self) -> dict[str, list[int]]:
        """Word -> the sentences holding it; built once, a partner is compared many times."""
        if self._postings is None:
            self._postings = {}
            for j, unit in enumerate(self.units):
                for token in unit.tokens:
                    self._postings.setdefault(token, []).append(j)
        return self._postings


def content_tokens(text: str) -> frozenset:
    """Lowercased content words, lightly stemmed, and numbers without separators."""
    tokens = set()
    for word in _WORD.findall(text):
        if word[0].isdigit():
            tokens.add(word.replace(",", ""))
            continue
        lowered = word.lower().replace("’", "'")
        if lowered in STOPWORDS:
            continue
        tokens.add(_SUFFIX.sub("", lowered) if len(lowered) > 4 else lowered)
    return frozenset(tokens)


def units_of(text: str) -> list[Unit]:
    """The sentences of a cleaned text with enough content words to be compared."""
    narration = without_quotations(text)
    units = []
    for sentence in split_sentences(text):
        tokens = content_tokens(sentence.text)
        if len(tokens) >= MIN_UNIT_TOKENS:
            own = narration[sentence.start : sentence.end]
            units.append(Unit(sentence.start, sentence.end, tokens, content_tokens(own), trigrams(own)))
    return units


def trigrams(text: str) -> frozenset:
    """Word trigrams of a text: a writer's own phrasing, which reports of the same facts in
    other words do not share."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    return frozenset(zip(words, words[1:], words[2:]))


def without_quotations(text: str) -> str:
    """The text with the words inside quotation marks blanked (offsets kept)."""
    chars = list(text)
    for start, end in quote_regions(text):
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# MinHash permutations h -> (a*h + b) mod p over 32-bit token hashes, fixed for ever: stored
# signatures stay comparable across runs and releases.
_PRIME = np.uint64(4294967311)
_RANDOM = np.random.RandomState(20241031)
_A = _RANDOM.randint(1, 2**31 - 1, size=NUM_PERM, dtype=np.uint64)
_B = _RANDOM.randint(0, 2**31 - 1, size=NUM_PERM, dtype=np.uint64)


def _unit_minhash(tokens: frozenset) -> np.ndarray:
    hashes = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64,
                         count=len(tokens))
    permuted = (hashes[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    return permuted.min(axis=0).astype(np.uint32)


def window_signatures(units: list[Unit]) -> list[np.ndarray]:
    """MinHash values of every window of WINDOW consecutive sentences (the element-wise
    minimum of its sentences' values, which is the MinHash of their union)."""
    if not units:
        return []
    per_unit = np.stack([_unit_minhash(u.tokens) for u in units])
    count = max(1, len(units) - WINDOW + 1)
    return [per_unit[i : i + WINDOW].min(axis=0) for i in range(count)]


def lsh_bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """Bands b and rows r (b*r <= num_perm) whose S-curve best separates pairs above the
    Jaccard threshold from those below: equal weight on the false-positive and the
    false-negative areas under the curve."""
    grid = np.linspace(0.0, 1.0, 1001)
    best, chosen = float("inf"), (1, num_perm)
    for bands in range(1, num_perm + 1):
        rows = num_perm // bands
        caught = 1 - (1 - grid**rows) ** bands
        false_positive = np.trapezoid(np.where(grid < threshold, caught, 0.0), grid)
        false_negative = np.trapezoid(np.where(grid >= threshold, 1 - caught, 0.0), grid)
        if false_positive + false_negative < best:
            best, chosen = false_positive + false_negative, (bands, rows)
    return chosen


class ReuseIndex:
    """Banded LSH over window signatures: which documents share a window with a given one.

    A window goes into one bucket per band (the bytes of its ``rows`` hash values); two
    windows meet when any band matches, which happens with probability 1-(1-J^r)^b for
    windows of Jaccard similarity J. A document becomes a candidate after at least two
    collisions over all its windows and bands: a single one is mostly chance between two
    articles on the same story (on FNC-1 it halves the pairs to compare, and the pairs it
    drops that would have aligned retell the same facts rather than copy them).
    """

    MIN_COLLISIONS = 2

    def __init__(self, *, threshold: float) -> None:
        self.bands, self.rows = lsh_bands(threshold)
        self.buckets: list[dict[bytes, list[int]]] = [{} for _ in range(self.bands)]

    def _keys(self, values: np.ndarray) -> list[bytes]:
        return [values[b * self.rows : (b + 1) * self.rows].tobytes() for b in range(self.bands)]

    def add(self, row_id: int, signatures: list[np.ndarray]) -> None:
        for values in signatures:
            for bucket, key in zip(self.buckets, self._keys(values)):
                bucket.setdefault(key, []).append(row_id)

    def candidates(self, signatures: list[np.ndarray]) -> set[int]:
        collisions: dict[int, int] = {}
        for values in signatures:
            for bucket, key in zip(self.buckets, self._keys(values)):
                for row_id in set(bucket.get(key, ())):
                    collisions[row_id] = collisions.get(row_id, 0) + 1
        return {row_id for row_id, count in collisions.items() if count >= self.MIN_COLLISIONS}


def dice(a: frozenset, b: frozenset) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass(slots=True)
class _Link:
    a0: int
    a1: int
    b0: int
    b1: int
    similarity: float
    prose: bool  # the narration of both sides aligns, not only the words they quote


def align(links: list[_Link]) -> list[_Link]:
    """The best monotonic chain of aligned sentences (or merged sentence pairs)."""
    links = sorted(links, key=lambda link: (link.a0, link.b0, link.a1, link.b1))
    best: list[float] = []
    previous: list[int] = []
    for index, link in enumerate(links):
        score, back = link.similarity, -1
        for earlier in range(index):
            other = links[earlier]
            if other.a1 < link.a0 and other.b1 < link.b0 and best[earlier] + link.similarity > score:
                score, back = best[earlier] + link.similarity, earlier
        best.append(score)
        previous.append(back)
    if not links:
        return []
    index = max(range(len(links)), key=best.__getitem__)
    chain = []
    while index != -1:
        chain.append(links[index])
        index = previous[index]
    return chain[::-1]


def candidate_links(a: list[Unit], b: list[Unit], postings: dict[str, list[int]],
                    threshold: float) -> list[_Link]:
    """Sentence pairs of a and b above the threshold, including one side's two consecutive
    sentences (a rewrite merges and splits sentences). ``postings``: b's word index."""
    links = []
    for i, unit in enumerate(a):
        shared: dict[int, int] = {}
        for token in unit.tokens:
            found = postings.get(token, ())
            if len(found) > MAX_POSTINGS:
                continue  # a word of most sentences finds no sentence in particular
            for j in found:
                shared[j] = shared.get(j, 0) + 1
        for j, count in shared.items():
            if count < 2:
                continue  # one shared word says nothing
            options = [_link(a, b, i, i, j, j, threshold)]
            if j + 1 < len(b):
                options.append(_link(a, b, i, i, j, j + 1, threshold))
            if i + 1 < len(a):
                options.append(_link(a, b, i, i + 1, j, j, threshold))
            best = max(options, key=lambda link: link.similarity)
            if best.similarity >= threshold:
                links.append(best)
    return _dedupe(links)


def _link(a: list[Unit], b: list[Unit], a0: int, a1: int, b0: int, b1: int,
          threshold: float) -> _Link:
    """Two stretches compared on all their words and on their narration alone: sentences
    that only quote the same words align on the first and not on the second."""
    prose_a = frozenset().union(*(u.prose for u in a[a0 : a1 + 1]))
    prose_b = frozenset().union(*(u.prose for u in b[b0 : b1 + 1]))
    words_a = frozenset().union(*(u.tokens for u in a[a0 : a1 + 1]))
    words_b = frozenset().union(*(u.tokens for u in b[b0 : b1 + 1]))
    narration = dice(prose_a, prose_b) if min(len(prose_a), len(prose_b)) >= MIN_UNIT_TOKENS else 0.0
    # A quotation with the same attribution ("..., said the chief engineer") is still the
    # speaker's words: narration must be most of each side's words to count as prose.
    own = 2 * len(prose_a) >= len(words_a) and 2 * len(prose_b) >= len(words_b)
    trigrams_a = frozenset().union(*(u.trigrams for u in a[a0 : a1 + 1]))
    trigrams_b = frozenset().union(*(u.trigrams for u in b[b0 : b1 + 1]))
    shorter = min(len(trigrams_a), len(trigrams_b))
    if shorter >= CUT_MIN_TRIGRAMS and len(trigrams_a & trigrams_b) >= CUT_SHARED * shorter:
        narration = max(narration, threshold)  # a sentence cut down, in the other's own words
    return _Link(a0, a1, b0, b1, max(dice(words_a, words_b), narration), own and narration >= threshold)


def _dedupe(links: list[_Link]) -> list[_Link]:
    best: dict[tuple, _Link] = {}
    for link in links:
        key = (link.a0, link.a1, link.b0, link.b1)
        if key not in best or best[key].similarity < link.similarity:
            best[key] = link
    return list(best.values())


def passages(chain: list[_Link], a: list[Unit], b: list[Unit], *, max_gap: int = 1) -> list[tuple[Passage, list[_Link]]]:
    """Runs of aligned sentences that follow each other, each with its links. A run is
    prose when any of its sentences aligns on narration, else shared quotation."""
    runs: list[list[_Link]] = []
    for link in chain:
        if runs and link.a0 - runs[-1][-1].a1 - 1 <= max_gap and link.b0 - runs[-1][-1].b1 - 1 <= max_gap:
            runs[-1].append(link)
        else:
            runs.append([link])
    result = []
    for run in runs:
        similarity = sum(link.similarity for link in run) / len(run)
        kind = "prose" if any(link.prose for link in run) else "quotation"
        passage = Passage(a[run[0].a0].start, a[run[-1].a1].end, b[run[0].b0].start,
                          b[run[-1].b1].end, round(similarity, 3), kind)
        result.append((passage, run))
    return result


def _sentences(links: list[_Link]) -> int:
    """Aligned sentences, a merge counted once: one sentence matched to two is one piece of
    evidence, and alone it must not make a passage."""
    return len(links)


def compare_many(a: LinkDoc, partners: list[LinkDoc], *, threshold: float,
                 min_sentences: int) -> list[Reuse | None]:
    """The reuse between a document and each of its candidate partners (None: they only
    share facts or quotations)."""
    return [
        _reuse(a, partner, candidate_links(a.units, partner.units, partner.postings, threshold),
               min_sentences)
        for partner in partners
    ]


def compare(a: LinkDoc, b: LinkDoc, *, threshold: float, min_sentences: int) -> Reuse | None:
    """The reuse between two documents, or None when they only share facts or quotations."""
    return compare_many(a, [b], threshold=threshold, min_sentences=min_sentences)[0]


def _reuse(a: LinkDoc, b: LinkDoc, links: list[_Link], min_sentences: int) -> Reuse | None:
    """Reuse when the two share a passage of narration of at least ``min_sentences``
    sentences; what else they share is kept, quotation marked as such."""
    if len(links) < min_sentences:
        return None
    found = passages(align(links), a.units, b.units)
    if not any(passage.kind == "prose" and _sentences([link for link in run if link.prose]) >= min_sentences
               for passage, run in found):
        return None
    # Once the pair is reuse, every stretch of its alignment is shared text, a single
    # sentence between two passages too.
    aligned = sum(_sentences(run) for _, run in found)
    score = round(aligned / max(1, min(len(a.units), len(b.units))), 3)
    return Reuse(a.doc, b.doc, direction(a, b), min(1.0, score), [p for p, _ in found])


def direction(a: LinkDoc, b: LinkDoc) -> str:
    """a_from_b when a copied from b: the later article copied; else the one naming the other."""
    if a.published and b.published and a.published != b.published:
        return "a_from_b" if a.published > b.published else "b_from_a"
    a_names_b = bool(b.outlet and b.outlet.lower() in a.text.lower())
    b_names_a = bool(a.outlet and a.outlet.lower() in b.text.lower())
    if a_names_b != b_names_a:
        return "a_from_b" if a_names_b else "b_from_a"
    return "unknown"
