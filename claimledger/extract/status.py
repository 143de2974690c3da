"""How firmly a claim is put: asserted, reported, claimed, confirmed, estimated, speculative
or denied.

The evidence for a figure is read along its dependency chain — the figure's token, the
words that govern it, up to the reporting cue — together with the hedges, negations and
predicative words attached to that chain. A hedge on another clause ("X, who may run for
office, said 500 died") does not touch the figure. Precedence, strongest first:

1. denied: a denial cue ("denied", "rejected ... as fabricated") or a denial word in the
   chain ("the reports were false", "a hoax");
2. speculative: a modal or hedge in the chain ("could rise", "is expected to", "likely");
3. the attribution's cue class (confirmed, estimated, claimed, reported);
4. estimated: "an estimated 500";
5. claimed: hearsay without a named source ("reportedly", "allegedly", "said to be");
6. asserted: the outlet states it itself.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from claimledger.extract.vocab import word_list, words

STATUSES = ("asserted", "reported", "claimed", "confirmed", "estimated", "speculative", "denied")
NEGATIONS = words("status", "negations")
HEDGE_MODALS = words("status", "hedge_modals")
HEDGE_ADVERBS = words("status", "hedge_adverbs")
FORECAST_VERBS = words("status", "forecast_verbs")
INTENT_VERBS = words("status", "intent_verbs")
HEDGE_PARTICIPLES = words("status", "hedge_participles")
CONDITIONAL_MARKS = words("status", "conditional_marks")
HEARSAY_WORDS = words("status", "hearsay_words")
SENTENCE_HEARSAY = words("status", "sentence_hearsay")
HEARSAY_VERBS = words("status", "hearsay_verbs")
UNNAMED_SOURCES = words("status", "unnamed_sources")
DENIAL_WORDS = words("status", "denial_words")
# (verb lemma, particle) pairs.
DENIAL_PHRASES = frozenset(tuple(phrase.split()) for phrase in word_list("status", "denial_phrases"))
TRUTH_WORDS = words("status", "truth_words")
ESTIMATE_WORDS = words("status", "estimate_words")
# Dependents of a chain word that carry its hedges, negation and predicative judgement.
_MARKER_DEPS = {"aux", "auxpass", "advmod", "neg", "acomp", "attr", "oprd", "npadvmod", "mark"}


def chain(doc: Doc, token: int, *, stop: int | None = None) -> list[Token]:
    """The token and the words that govern it, up to (not including) ``stop`` or the root."""
    path, current = [], doc[token]
    while True:
        if current.i == stop:
            break
        path.append(current)
        if current.head.i == current.i:
            break
        current = current.head
    return path


def markers(tokens: list[Token]) -> list[Token]:
    """The chain's words and their hedging or judging dependents."""
    found = []
    for token in tokens:
        found.append(token)
        found.extend(child for child in token.children if child.dep_ in _MARKER_DEPS)
    return found


_INFLECTION = re.compile(r"(?:ies|ied)$|(?:es|ed|s|ing)$")


def forms(token: Token) -> set[str]:
    """The word, its lemma, and a light lemma of the lowercased word: spaCy takes Title
    Case headline words for names and leaves "Denies" unlemmatised."""
    lower = token.lower_
    light = _INFLECTION.sub(lambda m: "y" if m.group().startswith("ie") else "", lower)
    return {lower, token.lemma_.lower(), light, light + "e"}


def _words(tokens: list[Token]) -> set[str]:
    return set().union(*(forms(t) for t in tokens)) if tokens else set()


def is_hedged(tokens: list[Token]) -> bool:
    """A modal, hedging adverb, forecast or intention governs the chain."""
    for token in tokens:
        lemma, lower = token.lemma_.lower(), token.lower_
        if token.dep_ == "aux" and lower in HEDGE_MODALS:
            return True
        if lower in HEDGE_ADVERBS or (token.dep_ == "mark" and lower in CONDITIONAL_MARKS):
            return True
        if token.pos_ == "VERB" and lemma in FORECAST_VERBS:
            return True
        if token.pos_ in ("VERB", "ADJ") and lemma in INTENT_VERBS and _governs_infinitive(token):
            return True
        if lower in HEDGE_PARTICIPLES and token.dep_ in ("amod", "acomp", "oprd"):
            return True  # "12 feared dead", "the toll is feared"
        if any(_is_condition(child) for child in token.children):
            return True  # "If the dam fails, 20,000 people would be at risk"
    return _would_likely(tokens)


def _is_condition(token: Token) -> bool:
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children
    )


def _would_likely(tokens: list[Token]) -> bool:
    """"would" with a hedging adverb ("would likely", "would probably") is speculative."""
    lowered = {t.lower_ for t in tokens}
    return "would" in lowered and bool(lowered & HEDGE_ADVERBS)


def _governs_infinitive(token: Token) -> bool:
    return any(child.dep_ in ("xcomp", "ccomp", "oprd") for child in token.children) or (
        token.dep_ in ("acomp", "oprd") or any(c.dep_ == "auxpass" for c in token.children)
    )


def is_denial(tokens: list[Token]) -> bool:
    """A denial word or phrasal verb, or a negated word of truth ("not true", "isn't real").

    A negated denial ("did not deny that 40 died", "never disputed the figure") lets the
    figure stand: it is no denial."""
    return (
        bool(_words([t for t in tokens if not _negated(t)]) & DENIAL_WORDS)
        or any(_negated_truth(t) for t in tokens)
        or any(
            (t.lemma_.lower(), c.lower_) in DENIAL_PHRASES
            for t in tokens for c in t.children if c.dep_ == "prt"
        )
    )




def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.norm_ in NEGATIONS for c in token.children)


def _negated_truth(token: Token) -> bool:
    if token.lower_ not in TRUTH_WORDS:
        return False
    before = token.doc[token.i - 1] if token.i else None
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "neg" for c in token.head.children
    ) or (before is not None and before.norm_ in NEGATIONS)




def unnamed(attribution) -> bool:
    """The source is anonymous or a bare description ("reports", "Rumor", "a newspaper")."""
    if attribution is None:
        return False
    if attribution.source_type == "anonymous":
        return True
    words = (attribution.source or attribution.mention or "").lower().split()
    return bool(words) and words[-1].strip(".,:") in UNNAMED_SOURCES


def _passive_hearsay(tokens: list[Token]) -> bool:
    """"X is said to be", "reported to have": a passive reporting verb with no agent."""
    # A headline's reduced relative ("firm rumoured to be buying") is a participle too.
    return any(
        (t.tag_ == "VBN" or t.dep_ == "acl") and forms(t) & HEARSAY_VERBS
        and not any(c.dep_ == "agent" for c in t.children)
        and any(c.dep_ in ("xcomp", "auxpass", "ccomp") for c in t.children)
        for t in tokens
    )


def figure_status(doc: Doc, anchor: int, attribution=None, *, cue_token: int | None = None) -> str:
    """The status of the figure at token ``anchor`` under its attribution (or none)."""
    evidence = markers(chain(doc, anchor, stop=cue_token))
    cue_class = attribution.cue_class if attribution is not None else None
    if cue_class == "reported" and unnamed(attribution):
        cue_class = "claimed"  # passed on from nobody in particular: hearsay
    if attribution is not None and attribution.negated and cue_class in ("confirmed", "reported",
                                                                         "denied"):
        # "would not confirm the figure", "did not deny that 40 died": passed on, not vouched
        # for, and not contested either
        cue_class = "claimed"
    if cue_class == "denied":
        return "denied"
    if is_denial(evidence):
        return "denied"
    if is_hedged(evidence):
        return "speculative"
    if cue_class:
        return cue_class
    if _estimated(doc, anchor):
        return "estimated"
    if _words(evidence) & HEARSAY_WORDS or _hearsay_in_sentence(doc) or _passive_hearsay(evidence):
        return "claimed"
    return "asserted"


def _estimated(doc: Doc, anchor: int) -> bool:
    """"an estimated 500", "estimated at 500", "an estimate of 500"."""
    window = doc[max(0, anchor - 3) : anchor]
    return any(t.lower_ in ESTIMATE_WORDS for t in window)


def _hearsay_in_sentence(doc: Doc) -> bool:
    """A sentence-level hearsay adverb ("Reportedly, 500 ...") governs every clause."""
    return any(t.lower_ in SENTENCE_HEARSAY for t in doc)


def statement_status(doc: Doc, attribution) -> str | None:
    """Denied or confirmed for a statement without a figure, else None (not a key statement)."""
    content = [doc[i] for i in attribution.content_tokens] if attribution.content_tokens else []
    if attribution.negated and attribution.cue_class in ("denied", "confirmed"):
        return None  # "did not confirm or deny": a non-answer is no key statement
    if attribution.cue_class == "denied":
        return "denied"
    if attribution.cue_class == "confirmed":
        return "confirmed"
    if content and is_denial(markers(list({t.head for t in content} | set(content)))):
        return "denied"
    return None
