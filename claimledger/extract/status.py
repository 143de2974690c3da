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

STATUSES = ("asserted", "reported", "claimed", "confirmed", "estimated", "speculative", "denied")
# Compared with a token's norm: "n't" and "n’t" (curly apostrophe) both normalise to "not".
NEGATIONS = {"not", "never"}

# Epistemic modals only: "can" (ability) and "should" (obligation) do not hedge a figure.
HEDGE_MODALS = {"may", "might", "could"}
HEDGE_ADVERBS = {
    "likely", "unlikely", "possibly", "perhaps", "probably", "maybe", "potentially",
    "conceivably", "presumably", "reputedly",
}  # fmt: skip
# Verbs that make what they govern a forecast, whatever the construction ("expects 24M sales").
FORECAST_VERBS = {"predict", "forecast", "expect", "project", "anticipate", "speculate"}
# Verbs that make a following infinitive an intention or a belief ("plans to hire 400",
# "are feared to have died", "is set to rise"), but not their objects ("set up 12 shelters").
INTENT_VERBS = {
    "plan", "intend", "aim", "prepare", "threaten", "set", "poise", "hope", "seek", "want",
    "believe", "think", "fear", "suspect", "presume", "assume", "rumor", "rumour", "tip",
    "appear", "seem",
}  # fmt: skip
CONDITIONAL_MARKS = {"if", "whether", "unless"}
# Hearsay markers: adverbs and participles only. Nouns such as "rumours" or "claims" name
# what a sentence may be rejecting ("found alive after death rumours"), not its own footing.
HEARSAY_WORDS = {
    "reportedly", "allegedly", "purportedly", "supposedly", "ostensibly", "unconfirmed",
    "unverified",
}  # fmt: skip
# Phrasal verbs of denial: verb lemma and particle ("shot down the claim", "made it up").
DENIAL_PHRASES = {("shoot", "down"), ("make", "up"), ("knock", "down"), ("play", "down")}
DENIAL_WORDS = {
    "deny", "denial", "reject", "dismiss", "refute", "rebut", "debunk", "false", "falsely",
    "untrue", "baseless", "groundless", "unfounded", "fabricate", "fabricated", "fabrication",
    "hoax", "fake", "bogus", "nonsense", "lie", "lies", "myth", "inaccurate", "misleading",
    "disinformation", "propaganda", "doctored", "doubt", "doubts", "nope", "exaggerated",
}  # fmt: skip
ESTIMATE_WORDS = {"estimated", "estimate", "estimates", "approximately", "calculated"}
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
        if lower in {"feared", "believed", "thought", "presumed"} and token.dep_ in ("amod", "acomp", "oprd"):
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


TRUTH_WORDS = {"true", "real", "genuine", "authentic", "accurate", "correct", "happening",
               "exist", "exists", "existed", "happen", "happened", "occur", "occurred"}


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.norm_ in NEGATIONS for c in token.children)


def _negated_truth(token: Token) -> bool:
    if token.lower_ not in TRUTH_WORDS:
        return False
    before = token.doc[token.i - 1] if token.i else None
    return any(c.dep_ == "neg" for c in token.children) or any(
        c.dep_ == "neg" for c in token.head.children
    ) or (before is not None and before.norm_ in NEGATIONS)


# Heads of source phrases that name nobody: a claim passed on from them is hearsay.
UNNAMED_SOURCES = {
    "report", "reports", "media", "source", "sources", "newspaper", "paper", "outlet", "outlets",
    "website", "site", "sites", "tabloid", "rumour", "rumor", "rumours", "rumors", "insider",
    "insiders", "post", "posts", "account", "accounts", "user", "users", "blog", "blogs",
}  # fmt: skip
# Reporting verbs that, passive and without an agent, pass on hearsay ("is said to be").
HEARSAY_VERBS = {"say", "report", "claim", "allege", "rumor", "rumour", "understand", "tip"}


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
    return any(t.lower_ in {"reportedly", "allegedly", "purportedly", "supposedly"} for t in doc)


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


def sentence_status(doc: Doc, attributions: list) -> str:
    """The status of a short sentence taken as a whole, such as a headline."""
    tokens = list(doc)
    clause = _main_clause(doc)
    main = _main_attribution(doc, attributions)
    if (
        (main is not None and main.cue_class == "denied")
        or is_denial(tokens)
        or _denial_opening(doc)
        or _negated_message(doc)
    ):
        return "denied"
    if _asks(doc) or is_hedged(clause):
        return "speculative"
    trailing = _TRAILING_SOURCE.search(doc.text)
    if main is not None:
        if main.negated and main.cue_class == "confirmed":
            return "claimed"
        return "claimed" if main.cue_class == "reported" and unnamed(main) else main.cue_class
    if trailing:
        return "claimed" if trailing.group("who").lower().split()[-1] in UNNAMED_SOURCES else "reported"
    if _words(clause) & (HEARSAY_WORDS | CLAIM_VERBS) or _passive_hearsay(tokens):
        return "claimed"
    return "asserted"


# Verbs of claiming in a main clause ("woman claims to have ...") pass on an unverified claim.
CLAIM_VERBS = {"claim", "allege", "purport", "insist"}
# A headline's trailing attribution: "...: report", "... -- analyst", "..., paper says".
_TRAILING_SOURCE = re.compile(
    r"(?:[:|]|\s[-–—]{1,2})\s*(?P<who>(?:[A-Za-z.'’]+\s+){0,3}[A-Za-z.'’]+)\s*$"
)
_QUESTION_OPENERS = {
    "is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should",
    "has", "have", "had", "who", "what", "why", "how", "when", "where", "which", "whose",
}  # fmt: skip
_SPEECH_VERBS = {"ask", "asks", "asked", "wonder", "wonders", "wondered", "say", "says", "said"}
_SEGMENT = re.compile(r"[.:;,–—]|\s-\s")


def _main_clause(doc: Doc) -> list[Token]:
    roots = [t for t in doc if t.head.i == t.i]
    return markers([*roots, *(c for r in roots for c in r.children
                              if c.dep_ in ("ccomp", "xcomp", "conj", "parataxis"))])


def _asks(doc: Doc) -> bool:
    """The headline itself asks a question ("Is this the largest crab?", "Kimye's fault?"),
    rather than reporting someone's question ("asks doctors how it is going?")."""
    for segment in _SEGMENT.split(doc.text):
        if "?" not in segment:
            continue
        words = segment.replace("?", " ").lower().split()
        if not words or set(words) & _SPEECH_VERBS:
            continue
        if words[0] in _QUESTION_OPENERS or len(words) <= 5:
            return True
    return False


def _main_attribution(doc: Doc, attributions: list):
    """The attribution whose content covers the most of the sentence."""
    return max(attributions, key=lambda a: len(a.content_tokens), default=None)




def _negated_message(doc: Doc) -> bool:
    """A headline whose main predicate is negated ("X did not resign", "No troops at border").

    Headlines state news in the positive; a negated main clause reports that something
    claimed did not happen. In body text a negation is just a fact, so only headlines use this.
    """
    roots = [t for t in doc if t.head.i == t.i]
    main = [*roots, *(c for r in roots for c in r.children
                      if c.dep_ in ("ccomp", "xcomp", "conj", "parataxis", "appos", "acomp"))]
    heads = {t.i for t in main}
    if any(t.norm_ in NEGATIONS and (t.dep_ == "neg" or t.head.i in heads) for t in doc):
        return True
    for token in main:
        subjects = [token] + [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(c.dep_ == "det" and c.lower_ == "no" for s in subjects for c in s.children):
            return True
    return False


def _denial_opening(doc: Doc) -> bool:
    """"No, the minister did not resign": a sentence opening with a flat no."""
    first = [t for t in doc if not t.is_punct][:2]
    return bool(first) and first[0].lower_ in {"no", "nope"} and len(first) > 1 and doc[first[0].i + 1].is_punct
