"""Denials and confirmations linked to what they answer: the measure and the figures.

An answer (a claim of kind denial or confirmation) addresses figures in one of three ways,
tried in this order:

1. it states the figure: the figure lies in the answered clause and is that clause's
   matter, with at most a subject and its own verb before it ("confirmed 31 deaths",
   "denied that 300 soldiers were killed", "denied it had sent 10,000 troops"). A figure
   deep in a clause about something else ("denied claims that it had signed a truce and
   would free 40 hostages") is a detail of another matter: the answer is about the truce;
2. it names the figures: a word for figures ("rejected the figures", "the toll is false")
   in the answered clause, or, when the clause names none, in a sentence that names the
   figures' source ("the Network, whose figures ministers called exaggerated");
3. it rejects a document as a whole ("dismissed the document as a fabrication", "the
   so-called report does not exist"): the figures that a document stands behind. A
   document word that opens a clause of what it says ("reports that searches had
   stopped", "claims by the government that ...") is no reference to figures: that clause
   is the matter, and it is read as in 1.

Which figures: those of a source the answer names (not the answerer itself), else the
nearest ones of its article, before it first. An affirmation by the subject (polarity
``affirms``: "I have nothing to hide" said by the accused) answers an accusation, not a
reported figure: it addresses nothing here. Everything else, a denial of an event or of a
person's role, addresses no measure. The same function picks the measure a new answer joins
and, at every recomputation of that measure, the figures its denied flag names: nothing is
stored beyond the answer's ``measure``, so an incremental build gives the same flags.
"""

from __future__ import annotations

import re

from claimledger.extract.counters import count
from claimledger.extract.vocab import words

_WORD = re.compile(r"[a-z][a-z'-]*")

# The word sets live in the vocabulary (extract/vocab/links.toml).
QUANTITY_WORDS = words("links", "quantity_words")
DOCUMENT_WORDS = words("links", "document_words")
FUNCTION_WORDS = words("links", "clause_function_words")
COORDINATORS = words("links", "coordinators")
STATED_CONTENT_WORDS = 2  # a subject and the figure's verb
# A document word opens a clause of what it says when "that" follows it this closely.
CLAUSE_WINDOW = 5
RELATIVES = words("links", "relatives")
GENERIC_NAME_WORDS = words("links", "generic_name_words")
# An answer refers to figures stated a few sentences before it, or just after it.
BEFORE_CHARS, AFTER_CHARS = 700, 300


def _words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower().replace("’", "'"))


def name_words(source: str | None) -> set[str]:
    """Distinctive words of a source's name: "Riverlands Relief Network" -> riverlands,
    relief, network."""
    return {w for w in _words(source) if len(w) > 3 and w not in GENERIC_NAME_WORDS}


def source_index(sources) -> dict[str, set[str]]:
    """Distinctive name word -> the sources whose names hold it."""
    index: dict[str, set[str]] = {}
    for source in sources:
        for word in name_words(source):
            index.setdefault(word, set()).add(source)
    return index


def named_sources(answer: dict, index: dict[str, set[str]]) -> set[str]:
    """Sources, other than the answerer, whose distinctive name words the answered clause
    (else its sentence) uses."""
    for text in (answer.get("target"), answer.get("sentence")):
        found = set().union(*(index.get(word, set()) for word in _words(text)))
        found -= {answer.get("source")}
        if found:
            return found
    return set()


def names_source(answer: dict, source: str | None) -> bool:
    """The answer's clause or sentence names the source (and the source is not the answerer)."""
    if not source or source == answer.get("source"):
        return False
    text = set(_words(f"{answer.get('target') or ''} {answer.get('sentence') or ''}"))
    return bool(name_words(source) & text)


# The rules by which an answer addresses figures, by the name the per-rule counters
# ("answer: <kind> <rule>") print; the first three link it.
ANSWER_RULES = {
    "states the figure": "the figure is the matter of the answered clause",
    "names the figures": "a word for figures in the answered clause",
    "names their source": "the sentence names the figures' source and a word for figures",
    "rejects a document": "the answer rejects a document as a whole",
    "affirms": "an affirmation by the subject answers an accusation, no figure",
    "addresses nothing": "no figure stated, named or behind a rejected document",
}


def answered_measure(answer: dict, figures: list[dict]) -> str | None:
    """The measure an answer addresses, or None; ``figures``: those of its article and of
    the sources it names, in any order. Counted by the rule that linked it (or that it
    found figures with no measure, or none)."""
    found, rule = addressed_by(answer, figures)
    measure = next((c["measure"] for c in found if c.get("measure")), None)
    linking = rule not in ("affirms", "addresses nothing")
    count("answer", f"{answer.get('kind')} {rule}" + (
        ", no figure in a measure" if linking and measure is None else ""))
    return measure


def addressed(answer: dict, figures: list[dict]) -> list[dict]:
    """The figures among ``figures`` that an answer addresses, nearest first (see the module
    docstring for the order of the tests)."""
    return addressed_by(answer, figures)[0]


def addressed_by(answer: dict, figures: list[dict]) -> tuple[list[dict], str]:
    """The figures an answer addresses and the rule of ``ANSWER_RULES`` that decided."""
    if answer.get("polarity") == "affirms":
        return [], "affirms"
    stated = stated_figures(answer, figures)
    if stated:
        return stated, "states the figure"
    target = _words(answer.get("target") or answer.get("sentence"))
    named = [c for c in figures if names_source(answer, c.get("source"))]
    in_clause = bool(set(target) & QUANTITY_WORDS)
    quantity = in_clause or bool(named) and bool(
        set(_words(answer.get("sentence"))) & QUANTITY_WORDS)
    document = not quantity and _rejects_document(target)
    if not (quantity or document):
        return [], "addresses nothing"
    pool = _nearest(answer, named) if named else _before_then_after(answer, figures)
    if document:
        return [c for c in pool if _document_behind(c)], "rejects a document"
    return pool, "names the figures" if in_clause else "names their source"


def stated_figures(answer: dict, figures: list[dict]) -> list[dict]:
    """Figures of the answer's own sentence that its clause is about."""
    sentence, target = answer.get("sentence") or "", answer.get("target") or ""
    at = sentence.find(target) if target else -1
    if at < 0:
        return []
    begin = answer.get("sentence_start", 0) + at
    found = []
    for claim in figures:
        if claim.get("document_id") != answer.get("document_id") or not (
                begin <= claim.get("start", -1) < begin + len(target)):
            continue
        if _is_matter(_words(target[: claim["start"] - begin]), claim):
            found.append(claim)
    return found


def denied_outright(claim: dict) -> bool:
    """A figure of status denied that is the matter of the denied clause ("denied that 300
    soldiers died"), not a detail of another matter denied around it ("denied claims that
    it had signed a truce and would free 40 hostages")."""
    if claim.get("status") != "denied":
        return False
    sentence = claim.get("sentence") or ""
    before = _words(sentence[: max(0, claim.get("start", 0) - claim.get("sentence_start", 0))])
    cue = _words(claim.get("cue"))
    at = max((i for i, w in enumerate(before) if cue and w[:3] == cue[0][:3]), default=-1)
    return _is_matter(before[at + 1:], claim)


def _is_matter(before: list[str], claim: dict) -> bool:
    """The words of a clause before a figure leave it the clause's matter: no coordinated
    matter, and at most a subject and the figure's own verb."""
    own = set(_words(claim.get("event")))
    content = [w for w in before if w not in FUNCTION_WORDS and w not in own
               and not any(len(w) > 3 and w[:3] == e[:3] for e in own if len(e) > 3)]
    return not (set(before) & COORDINATORS) and len(content) <= STATED_CONTENT_WORDS


def _rejects_document(words: list[str]) -> bool:
    """A document word in the clause that is not followed closely by "that" (what the
    document says), unless a relative pronoun comes first ("a report, which said that")."""
    for at, word in enumerate(words):
        if word not in DOCUMENT_WORDS:
            continue
        after = words[at + 1: at + 1 + CLAUSE_WINDOW]
        clause = next((w for w in after if w == "that" or w in RELATIVES), None)
        if clause != "that":
            return True
    return False


def _document_behind(claim: dict) -> bool:
    """The figure is given by a document: its source, or its sentence before it, names one."""
    before = (claim.get("sentence") or "")[: max(0, claim.get("start", 0) - claim.get("sentence_start", 0))]
    words = _words(f"{claim.get('source') or ''} {claim.get('source_mention') or ''} {before}")
    return bool(set(words) & DOCUMENT_WORDS)


def _before_then_after(answer: dict, figures: list[dict]) -> list[dict]:
    at = answer.get("sentence_start", 0)
    article = [c for c in figures if c.get("document_id") == answer.get("document_id")]
    before = [c for c in article if 0 <= at - c.get("sentence_start", 0) <= BEFORE_CHARS]
    after = [c for c in article if 0 < c.get("sentence_start", 0) - at <= AFTER_CHARS]
    return _nearest(answer, before) + _nearest(answer, after)


def _nearest(answer: dict, claims: list[dict]) -> list[dict]:
    """Claims of the answer's article first, each group by distance."""
    return sorted(claims, key=lambda c: (c.get("document_id") != answer.get("document_id"),
                                         abs(c.get("sentence_start", 0) - answer.get("sentence_start", 0))))
