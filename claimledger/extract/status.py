"""How firmly a claim is put: asserted, reported, claimed, confirmed, estimated, speculative
or denied.

The evidence for a figure is read along its dependency chain — the figure's token, the
words that govern it, up to the reporting cue — together with the hedges, negations and
predicative words attached to that chain. A hedge on another clause ("X, who may run for
office, said 500 died") does not touch the figure. Precedence, strongest first:

1. denied: a denial cue ("denied", "rejected ... as fabricated") or a denial word in the
   chain ("the reports were false", "a hoax");
2. speculative: a modal or hedge in the chain ("could rise", "is expected to", "likely");
3. the attribution's cue class (confirmed, estimated, claimed, reported), whoever the source
   is: a neutral verb reports, a verb of claiming claims, a verb of belief speculates;
4. hearsay without a source: reported by a neutral word ("reportedly", "is said to"),
   claimed by one of claiming or doubt ("allegedly", "unconfirmed", "is rumoured to");
5. estimated: the outlet's own approximation ("an estimated 500", "some 500", "about 500");
6. asserted: the outlet states it itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from claimledger.extract import lexicons as lex
from claimledger.extract.vocab import table, word_list, words

STATUSES = ("asserted", "reported", "claimed", "confirmed", "estimated", "speculative", "denied")
NEGATIONS = words("status", "negations")
HEDGE_MODALS = words("status", "hedge_modals")
HEDGE_ADVERBS = words("status", "hedge_adverbs")
FORECAST_VERBS = words("status", "forecast_verbs")
INTENT_VERBS = words("status", "intent_verbs")
HEDGE_PARTICIPLES = words("status", "hedge_participles")
CONDITIONAL_MARKS = words("status", "conditional_marks")
PRESUPPOSING_MARKS = words("status", "presupposing_marks")
DEFINITE_DETERMINERS = words("status", "definite_determiners")
HEARSAY_WORDS = words("status", "hearsay_words")
NEUTRAL_HEARSAY = words("status", "neutral_hearsay")
BELIEF_CUES = words("status", "belief_cues")
TOLD_NOUNS: dict[str, str] = table("status", "told_nouns")
SENTENCE_HEARSAY = words("status", "sentence_hearsay")
HEARSAY_VERBS = words("status", "hearsay_verbs")
UNNAMED_SOURCES = words("status", "unnamed_sources")
DENIAL_WORDS = words("status", "denial_words") | lex.DENIAL_WORDS
# (verb lemma, particle) pairs.
DENIAL_PHRASES = frozenset(tuple(phrase.split()) for phrase in word_list("status", "denial_phrases"))
TRUTH_WORDS = words("status", "truth_words")
GROUND_NOUNS = words("status", "ground_nouns")
ERROR_WORDS = words("status", "error_words")
INNOCENCE_WORDS = words("status", "innocence_words")
INNOCENCE_PHRASES = word_list("status", "innocence_phrases")
DISOWNING_PHRASES = word_list("status", "disowning_phrases")
DERISION_VERBS = words("status", "derision_verbs")
LYING_FORMS = words("status", "lying_forms")
INVOLVEMENT_WORDS = words("status", "involvement_words")
DENIAL_NOUNS = words("status", "denial_nouns")
FALSE_NOUNS = words("status", "false_nouns")
NO_SUCH = words("status", "no_such")
RHETORICAL_QUESTIONS = tuple(tuple(p.split()) for p in word_list("status", "rhetorical_questions"))
ESTIMATE_WORDS = words("status", "estimate_words")
DENIAL_CUES = frozenset(cue for cue, cue_class in lex.CUE_CLASSES.items() if cue_class == "denied")
# Objects a denial can deny: a claim, its matter, a document of figures, a pronoun.
DENIED_NOUNS = words("status", "denied_nouns") | set(lex.SPEECH_NOUNS) | lex.DOCUMENT_NOUNS
NEGATIVE_SUBJECTS = words("status", "negative_subjects")
NEGATING_HEADS = words("status", "negating_heads")
IDENTITY_VERBS = words("status", "identity_verbs")
IDENTITY_PRONOUNS = words("status", "identity_pronouns")
DESIRE_VERBS = words("status", "desire_verbs")
SPEAKER_SUBJECTS = words("status", "speaker_subjects")
FIRST_PERSON = words("status", "first_person")
JUDGING_VERBS = words("status", "judging_verbs")
QUESTION_OPENERS = words("status", "question_openers")
QUESTION_SPEECH = words("status", "question_speech")
ACCUSING_VERBS = words("status", "accusing_verbs")
CLAIM_VERBS = words("status", "claim_verbs")
ASKING_VERBS = words("status", "asking_verbs")
HEADLINE_HEARSAY = words("status", "headline_hearsay")
HEADLINE_HEDGES = words("status", "headline_hedges")
REFUSED_NOUNS = words("status", "refused_nouns")
EVENT_DENIALS = words("status", "event_denials")
FUTURE_AUXILIARIES = words("status", "future_auxiliaries")
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


def is_denial(tokens: list[Token], *, headline: bool = False) -> bool:
    """A denial word or phrasal verb, a negated word of truth ("not true", "isn't real"), or
    no ground for a claim ("there is no truth in the reports").

    A negated denial ("did not deny that 40 died", "not a fake") lets the claim stand: it is
    no denial; nor is a denial verb whose object is no claim ("deny residents their safety")."""
    return (
        any(_denial_word(t, headline) and not negated(t) for t in tokens)
        or any(_negated_truth(t) or _groundless(t) or _called_false(t) or _in_error(t)
               for t in tokens)
        or any(
            (t.lemma_.lower(), c.lower_) in DENIAL_PHRASES and _names_a_claim(t, c)
            for t in tokens for c in t.children if c.dep_ in ("prt", "prep")
        )
    )


def _groundless(token: Token) -> bool:
    """No ground for a claim: "there is no truth in the reports", "the report has no basis",
    "the claims are without foundation"."""
    grounds = [token, *(c for c in token.children if c.dep_ in ("dobj", "attr"))]
    if any(t.lemma_.lower() in GROUND_NOUNS and any(
            c.dep_ == "det" and c.lower_ == "no" for c in t.children) for t in grounds):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "without" and any(
        o.dep_ == "pobj" and o.lemma_.lower() in GROUND_NOUNS for o in c.children)
        for c in token.children)


def _called_false(token: Token) -> bool:
    """A thing taken "as" false: "dismissed the video as a fake", "exposed as a hoax"."""
    return any(c.dep_ == "prep" and c.lower_ == "as" and any(
        forms(t) & DENIAL_WORDS and not negated(t) for t in c.subtree)
        or c.dep_ == "advcl" and forms(c) & DENIAL_WORDS and not negated(c)
        and any(a.lower_ == "as" for a in c.children)  # "dismissed the video as fake"
        for c in token.children)


def _in_error(token: Token) -> bool:
    """A claim, or "that"/"this"/"it", said to be wrong: "the report was wrong", "that is
    mistaken"; not "the wrong man" or "something went wrong"."""
    if token.lower_ not in ERROR_WORDS or token.dep_ not in ("acomp", "attr") or negated(token):
        return False
    return any(c.dep_ in _SUBJECTS and (c.lemma_.lower() in DENIED_NOUNS
                                         or c.lower_ in ("that", "this", "it"))
               for c in token.head.children)


def negated(token: Token) -> bool:
    """Negated itself, through the verb it completes ("is not a fake"), by a subject that is
    no one ("no official confirmed", "nobody denied"), or by the verb that governs it
    ("declined to confirm", "has yet to confirm")."""
    heads = [token]
    if token.dep_ in ("attr", "acomp", "oprd", "xcomp") or token.pos_ in ("NOUN", "ADJ"):
        heads.append(token.head)
    before = token.doc[token.i - 1] if token.i else None
    if token.dep_ == "xcomp" and (token.head.lemma_.lower() in NEGATING_HEADS
                                  or any(c.lower_ == "yet" for c in token.head.children)):
        return True  # "declined to confirm", "has yet to confirm"
    if token.dep_ == "conj" and any(c.lower_ == "neither" for c in token.head.children):
        return True  # "neither confirmed nor denied"
    return (before is not None and (before.norm_ in NEGATIONS or before.lower_ in ("no", "nor"))) or any(
        c.dep_ == "neg" or c.norm_ in NEGATIONS or c.lower_ == "neither"
        or (c.dep_ in _SUBJECTS and _no_one(c))
        for head in heads for c in head.children
    )


_SUBJECTS = ("nsubj", "nsubjpass")


def _no_one(token: Token) -> bool:
    return token.lower_ in NEGATIVE_SUBJECTS or any(
        c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def _negated_truth(token: Token) -> bool:
    """"not true", "never happened", "this is not the case": a noun of truth only as what
    something is said not to be ("the case was not heard" is no denial)."""
    if token.pos_ == "NOUN" and token.dep_ != "attr":
        return False
    return token.lower_ in TRUTH_WORDS and negated(token)


def _denial_word(token: Token, headline: bool = False) -> bool:
    """A word that calls a claim false, or a denial verb that denies one. A headline's
    verbs are often tagged as nouns or names ("Minister Rebuffs Claim"), so there any
    form of a denial verb counts."""
    found = forms(token)
    if token.pos_ == "VERB" and token.lemma_.lower() == "lie":
        return _lying(token)  # "they lied", not "the bodies lying in a field"
    if found & DENIAL_WORDS:
        return True
    verb = token.pos_ in ("VERB", "AUX") or headline
    return bool(found & DENIAL_CUES) and verb and denies_a_claim(token)


def _claim_object(verb: Token) -> bool:
    """The verb's object or passive subject is a noun for a claim ("the rumours")."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in DENIED_NOUNS
               for c in verb.children)


def _names_a_claim(verb: Token, particle: Token | None = None) -> bool:
    """A phrasal verb of denial is one only about a claim ("shot down the rumour", "the
    story was made up", "made it up"), not "made up 55% of sales" or "his mind is made up".
    A particle parsed as a preposition holds the claim itself ("laughed off the reports")."""
    if particle is not None and particle.dep_ == "prep":
        return any(o.dep_ == "pobj" and (o.lemma_.lower() in DENIED_NOUNS
                                         or o.lower_ in ("it", "that", "this", "them"))
                   for o in particle.children)
    return _claim_object(verb) or any(
        c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("it", "that", "this", "them")
        for c in verb.children)


def denies_a_claim(cue: Token) -> bool:
    """A denial verb denies a claim, unless it refuses someone something ("to deny residents
    their safety"), or its object is a person or a request ("dismissed the coach", "rejected
    the offer"), or a noun that is no claim for a verb other than "deny" (which denies an
    event too: "denied the attack"), or it is passive and what it refuses is no claim
    ("rejected by 30 clinics")."""
    children = list(cue.children)
    if any(c.dep_ == "dative" for c in children):
        return False  # "deny residents their safety"
    if _called_false(cue):
        return True  # "dismissed the video as a fake": whatever is named, it is called false
    if any(c.dep_ in ("ccomp", "xcomp", "pcomp", "csubj", "csubjpass") for c in children):
        return True
    objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [c for o in objects for c in o.conjuncts]
    passive = any(c.dep_ in ("agent", "auxpass") for c in children)
    if forms(cue) & DENIAL_CUES and not forms(cue) & EVENT_DENIALS and any(
            o.dep_ == "dobj" and o.lemma_.lower() not in DENIED_NOUNS and o.pos_ == "NOUN"
            for o in objects):
        return False  # "rejected efforts to talk", "contested the seat": no claim refused
    return not any(
        o.lemma_.lower() in REFUSED_NOUNS or o.lemma_.lower() in lex.PERSON_ROLES
        or o.lemma_.lower() in lex.HUMAN_NOUNS or o.lower_ in ("him", "her", "me", "us")
        or passive and o.dep_ == "nsubjpass" and o.lemma_.lower() not in DENIED_NOUNS
        for o in objects)


def is_question(doc: Doc) -> bool:
    """The sentence asks a question itself ("Is this the largest crab?", "A new rival?"),
    rather than reporting one ("asks doctors how it is going?") or quoting one."""
    for segment in _SEGMENT.split(doc.text):
        if "?" not in segment or _QUOTED_QUESTION.search(segment):
            continue
        segment_words = segment.replace("?", " ").lower().split()
        if not segment_words or set(segment_words) & QUESTION_SPEECH:
            continue
        if segment_words[0] in QUESTION_OPENERS or len(segment_words) <= 5:
            return True
    return False


_SEGMENT = re.compile(r"[.:;,–—]|\s-\s")
_QUOTED_QUESTION = re.compile(r"[\"“”‘’']")


def _passive_hearsay(tokens: list[Token]) -> str | None:
    """"X is said to be", "reported to have": a passive reporting verb with no agent, as
    its lemma."""
    # A headline's reduced relative ("firm rumoured to be buying") is a participle too.
    for t in tokens:
        if (t.tag_ == "VBN" or t.dep_ == "acl") and forms(t) & HEARSAY_VERBS \
                and not any(c.dep_ == "agent" for c in t.children) \
                and any(c.dep_ in ("xcomp", "auxpass", "ccomp") for c in t.children):
            return next(iter(sorted(forms(t) & HEARSAY_VERBS)))
    return None


# Why a claim has its status: the rule that decided it, by the name the per-rule counters
# ("status cause: <status> by <rule>") and the explain trace both print, and what it means.
STATUS_CAUSES = {
    # a figure: the stages of figure_status, in their order
    "denial cue": "the attribution's cue denies",
    "denial word": "a denial on the figure's path",
    "hedge": "a modal, hedge, forecast or condition governs the figure",
    "question": "the sentence asks a question",
    "belief cue": "the cue states a belief, not a fact",
    "refused cue": "a negated cue of confirming, reporting or denying: passed on, not vouched for",
    "cue class": "the class of the attribution's cue",
    "noun of telling": "a noun of telling governs the figure's clause",
    "hearsay": "a word of hearsay, with no source named",
    "approximation": "an approximate figure or a word of estimating, with no source behind it",
    "outlet": "no source, hedge or hearsay: the outlet states it",
    # a key statement: the rule of statement_status, unattributed_statement,
    # headline_statement or of the sentence (claims.sentence_claims) that found it
    "confirming cue": "the attribution's cue confirms",
    "negated denial word": "the content calls its matter not false",
    "innocence": "the speaker says it is innocent",
    "disowned part": "the speaker disowns a part in the matter",
    "judged true": "a verb of judgement finds its object true",
    "disowned conduct": "the speaker says it did not do it",
    "negated matter": "the content says the story's matter is not so",
    "no such matter": "the matter is denied outright (\"no such deal\")",
    "rhetorical question": "a question that denies its clause by asking who says it",
    "denial aside": "a denial verb or noun no attribution states rejects a claim",
    "innocence aside": "the speaker maintains its innocence",
    "false noun": "the outlet calls its matter a hoax or a fake",
    "passive belief": "a passive verb of belief without an agent",
    "headline denial": "the headline calls its matter false or says it did not happen",
    "headline hedge": "the headline asks or hedges",
    "headline source": "the headline ends with who says so",
    "headline hearsay": "the headline passes a claim on",
}


def figure_status(doc: Doc, anchor: int, attribution=None, *, cue_token: int | None = None,
                  approximate: bool = False) -> str:
    """The status of the figure at token ``anchor`` under its attribution (or none);
    ``approximate`` when the figure is given as an approximation ("some 500")."""
    return figure_status_cause(doc, anchor, attribution, cue_token=cue_token,
                               approximate=approximate)[0]


def figure_status_cause(doc: Doc, anchor: int, attribution=None, *,
                        cue_token: int | None = None, approximate: bool = False
                        ) -> tuple[str, str]:
    """The figure's status and the rule of ``STATUS_CAUSES`` that decided it."""
    path = chain(doc, anchor, stop=cue_token)
    evidence = markers(path)
    cue_class, cue_cause = _cue_class(doc, attribution, cue_token)
    if cue_class == "denied":
        return "denied", "denial cue"
    if is_denial(evidence):
        return "denied", "denial word"
    if is_hedged(markers(presupposed(path))):
        return "speculative", "hedge"
    if is_question(doc):
        return "speculative", "question"
    if cue_class:
        return cue_class, cue_cause
    told = _told_of(chain(doc, anchor, stop=cue_token))
    if told:
        return told, "noun of telling"
    hearsay = _hearsay(doc, evidence)
    if hearsay:
        return hearsay, "hearsay"
    if approximate or _estimated(doc, anchor) or any(
            t.lemma_.lower() == "estimate" and t.tag_ == "VBN" for t in path):
        # the outlet's own estimate ("is estimated to be worth $2m")
        return "estimated", "approximation"
    return "asserted", "outlet"


def presupposed(path: list[Token]) -> list[Token]:
    """The part of a figure's chain that a hedge above can reach: a relative clause, a
    clause of time or cause ("since the war began, leaving 80,000 dead") and a definite
    subject ("the bodies of 28 people, believed to be ...") are taken as given, so the chain
    ends there."""
    for end, token in enumerate(path):
        definite = token.dep_ in _SUBJECTS and any(
            c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS
            for c in token.children)
        given = token.dep_ == "relcl" or token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in PRESUPPOSING_MARKS for c in token.children)
        if definite and end or given:
            return path[: end + 1]
    return path


def _told_of(path: list[Token]) -> str | None:
    """The class of a noun of telling whose clause holds the figure ("reports that 90
    shops closed" is reported, "claims that 90 shops closed" claimed), claimed when the
    noun is doubted ("unconfirmed reports"); None when no such noun governs it."""
    for below, noun in zip(path, path[1:]):
        told = TOLD_NOUNS.get(noun.lemma_.lower()) or lex.SPEECH_NOUNS.get(noun.lemma_.lower())
        if told and noun.pos_ == "NOUN" and below.dep_ in ("acl", "relcl", "ccomp"):
            doubted = any(c.dep_ == "amod" and c.lower_ in HEARSAY_WORDS for c in noun.children)
            return "claimed" if doubted else told
    return None


def _hearsay(doc: Doc, evidence: list[Token]) -> str | None:
    """"reported" for hearsay passed on by a neutral word ("reportedly", "is said to"),
    "claimed" for hearsay of claiming or doubt ("allegedly", "unconfirmed", "is rumoured
    to"), None for none."""
    found = _words(evidence) & HEARSAY_WORDS | {t.lower_ for t in doc if t.lower_ in SENTENCE_HEARSAY}
    passive = _passive_hearsay(evidence)
    if passive:
        found.add(passive)
    if not found:
        return None
    return "reported" if found <= NEUTRAL_HEARSAY else "claimed"


def _cue_class(doc: Doc, attribution, cue_token: int | None) -> tuple[str | None, str]:
    """The attribution's class as it bears on its content, and its cause's name."""
    if attribution is None:
        return None, "outlet"
    cue = doc[cue_token] if cue_token is not None else None
    cue_class, cause = attribution.cue_class, "cue class"
    if attribution.cue in BELIEF_CUES:
        # "officials believe 40 died": a belief, not a statement
        cue_class, cause = "speculative", "belief cue"
    if cue_class in ("confirmed", "reported", "denied") and (
            attribution.negated or cue is not None and negated(cue)):
        # "would not confirm the figure", "no one has confirmed", "did not deny that 40
        # died": passed on, not vouched for, and not contested either
        return "claimed", "refused cue"
    if cue_class == "denied" and cue is not None and not denies_a_claim(cue):
        return None, "outlet"  # "rejected by 30 clinics": a refusal, not the denial of a claim
    return cue_class, cause


def _estimated(doc: Doc, anchor: int) -> bool:
    """"an estimated 500", "estimated at 500", "an estimate of 500"."""
    window = doc[max(0, anchor - 3) : anchor]
    return any(t.lower_ in ESTIMATE_WORDS for t in window)


def _hearsay_in_sentence(doc: Doc) -> bool:
    """A sentence-level hearsay adverb ("Reportedly, 500 ...") governs every clause."""
    return any(t.lower_ in SENTENCE_HEARSAY for t in doc)


@dataclass(frozen=True, slots=True)
class Statement:
    """What a key statement is: allegation, denial or confirmation; its status; and, for a
    denial or confirmation, whether it denies, confirms or affirms the reported claim.
    ``cause`` names the rule that found it (``STATUS_CAUSES``); two statements that differ
    only in cause are the same statement."""

    kind: str
    status: str
    polarity: str | None = None
    cause: str | None = field(default=None, compare=False)

    def because(self, cause: str) -> Statement:
        return replace(self, cause=cause)


DENIAL = Statement("denial", "denied", "denies")
CONFIRMATION = Statement("confirmation", "confirmed", "confirms")
INNOCENCE = Statement("denial", "denied", "affirms")


def statement_status(doc: Doc, attribution, root: Token | None, *,
                     cue_token: int | None = None) -> Statement | None:
    """The key statement an attribution makes about its content (whose syntactic head is
    ``root``), or None: a denial or confirmation by its cue or its words, else an
    allegation with the status its content is put with."""
    cue = doc[cue_token] if cue_token is not None else None
    refused = attribution.negated or (cue is not None and negated(cue))
    if attribution.cue_class in ("denied", "confirmed"):
        if refused:
            # "did not deny", "no one has confirmed": the claim is passed on, not settled
            return Statement("allegation", "claimed", cause="refused cue") \
                if root is not None else None
        if attribution.cue_class == "confirmed":
            return CONFIRMATION.because("confirming cue")
        return DENIAL.because("denial cue") if cue is None or denies_a_claim(cue) else None
    if root is None:
        return None
    content = [doc[i] for i in attribution.content_tokens]
    judged = [c for c in root.children if c.dep_ in ("dobj", "xcomp", "ccomp")] \
        if root.lemma_.lower() in JUDGING_VERBS else []
    if is_denial(markers([root]) + markers(judged)):
        # "the reports are false", "it was made up", "it appears to be a hoax"
        return DENIAL.because("denial word")
    status, cause = figure_status_cause(doc, root.i, attribution, cue_token=cue_token)
    if any(forms(t) & DENIAL_WORDS and negated(t) for t in content):
        return Statement("denial", status, "affirms", "negated denial word")  # "it is not a fake"
    if _innocent(root):
        return INNOCENCE.because("innocence")  # "he said he was innocent", "I have nothing to hide"
    if _disowns_part(root):
        # "it had nothing to do with the attack", "he was not responsible"
        return DENIAL.because("disowned part")
    if _judged_true(cue, content):
        return CONFIRMATION.because("judged true")
    if _denies_own_conduct(root):
        return DENIAL.because("disowned conduct")  # "“We never threatened anyone,” the group said"
    return Statement("allegation", status, cause=cause)


def says_it_is_not_so(root: Token, topics: frozenset[str] = frozenset()) -> bool:
    """A reported clause that says its matter is not so: a negated verb of identity or fact,
    a negated "be" of identity ("the remains are not those of the hikers"), the absence of
    the story's matter or its event negated (words of ``topics``: "there is no ceasefire",
    "the hostages have not been freed", "no bribes were paid"), in any clause joined to it,
    or a subject that is none ("the remains do not match", "none of the bodies belongs to them"), also
    under a further saying verb ("I can say the samples don't match"). Not a negated
    thought, wish or saying ("I don't think", "we don't want"), an inability ("could not
    identify") or a negative fact ("does not have the funds")."""
    said = [t for t in root.subtree if t.dep_ == "ccomp" and t.head.pos_ == "VERB"
            and lex.CUE_CLASSES.get(t.head.lemma_.lower()) == "reported" and not negated(t.head)]
    return any(_not_so(clause, topics) or _no_such(clause)
               for clause in (root, *root.conjuncts, *said))


def _no_such(root: Token) -> bool:
    """"there was no such agreement", "we made no such deal": the matter denied outright."""
    return any(t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children)
               and any(c.lower_ in NO_SUCH for c in t.children) for t in root.subtree)


def rhetorical_denial(doc: Doc) -> bool:
    """A question that denies its clause by asking who says it ("Who says we are in
    talks?")."""
    opening = tuple(t.lower_ for t in doc if not t.is_punct)
    return "?" in doc.text and any(opening[:len(q)] == q for q in RHETORICAL_QUESTIONS)


def _not_so(root: Token, topics: frozenset[str] = frozenset()) -> bool:
    lemma = root.lemma_.lower()
    if lemma == "be" and any(c.dep_ == "expl" for c in root.children) and any(
            c.dep_ == "attr" and (c.lower_ in NEGATIVE_SUBJECTS or c.lower_ in topics and (any(
                d.dep_ == "det" and d.lower_ == "no" for d in c.children) or negated(root)))
            for c in root.children):
        # "there is no ceasefire", "there has never been any truce", of a story about one;
        # "there is nothing to it"
        return True
    if lemma in lex.CUE_CLASSES or lemma in lex.STANCE_VERBS:
        return False
    if any(c.dep_ == "aux" and c.lower_ in HEDGE_MODALS | FUTURE_AUXILIARIES for c in root.children):
        return False
    negated_here = any(c.dep_ == "neg" for c in root.children)
    identity = lemma in IDENTITY_VERBS or lemma == "be" and any(
        c.dep_ == "attr" and c.lower_ in IDENTITY_PRONOUNS for c in root.children)
    # the story's own event said not to have happened ("the hostages have not been freed"
    # in a story of their release); a verb of wanting or having states a negative fact
    matter = root.pos_ == "VERB" and root.lower_ in topics and lemma not in DESIRE_VERBS \
        or lemma == "be" and any(c.dep_ in ("acomp", "attr") and c.lower_ in topics
                                 for c in root.children) \
        or lemma == "be" and any(c.dep_ == "prep" and any(
            o.dep_ == "pobj" and o.lower_ in topics for o in c.children)
            for c in root.children)  # "the leader is not ill", "we are not in talks"
    identity = identity or matter
    # "no bribes were paid", of a story about bribes: the story's matter said not to exist
    no_matter = any(c.dep_ in _SUBJECTS and c.lower_ in topics and any(
        d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in root.children)
    return root.pos_ in ("VERB", "AUX") and (negated_here and identity or no_matter or any(
        c.dep_ in _SUBJECTS and c.lower_ in NEGATIVE_SUBJECTS for c in root.children))


def denial_aside(doc: Doc) -> Token | None:
    """A denial verb that no attribution states but that rejects a claim by its object
    ("..., contradicting army claims that", "dismissing reports of a deal"), a phrasal verb
    of denial with a claim as object ("those who make up rumours"), or "contrary to" a
    claim: its head word."""
    for token in doc:
        if token.lower_ == "contrary" and any(
                p.lower_ == "to" and any(o.lemma_.lower() in DENIED_NOUNS for o in p.children)
                for p in token.children):
            return token  # "contrary to claims by the army, ..."
        if any((token.lemma_.lower(), c.lower_) in DENIAL_PHRASES and (
                c.dep_ == "prt" and _claim_object(token) or c.dep_ == "prep" and _names_a_claim(token, c))
               for c in token.children) and not negated(token):
            return token  # "those who make up rumours of a coup", "laughed off the reports"
        if _denial_noun(token) or _false_claim(token) or _lying(token):
            return token  # "issued a flat denial", "angered by the false reports", "they lied"
        if token.lemma_.lower() in DERISION_VERBS and token.pos_ == "VERB" and not negated(token) \
                and (_claim_object(token) or any(p.dep_ == "prep" and _names_a_claim(token, p)
                                                 for p in token.children)):
            return token  # "mocked claims that he had died", "scoffed at the reports"
        if not forms(token) & DENIAL_CUES or negated(token):
            continue
        if token.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in DENIED_NOUNS
                or c.dep_ == "ccomp" and forms(c) & DENIED_NOUNS  # "claims" misread as a verb
                for c in token.children):
            return token
        if token.tag_ == "VBG" and token.dep_ in ("amod", "compound") \
                and token.head.lemma_.lower() in DENIED_NOUNS:
            return token  # "dismissing reports" misread as a modifier of its object
    return None


def _denial_noun(token: Token) -> bool:
    """A denial issued, made or given, or spoken in ("issued a denial", "in a denial, the
    board said"): not "no denial", "a denial of service" or the denial of a thing that is
    no claim."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in DENIAL_NOUNS or token.dep_ == "compound":
        return False
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children) or negated(token.head):
        return False
    objects = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
               for o in p.children if o.dep_ == "pobj"]
    if any(o.lemma_.lower() not in DENIED_NOUNS and o.pos_ == "NOUN" for o in objects):
        return False  # "the rejection of the offer", "a denial of service"
    return token.dep_ in ("dobj", "nsubj", "nsubjpass", "appos") or (
        token.dep_ == "pobj" and token.head.lower_ == "in")


def _false_claim(token: Token) -> bool:
    """A claim called false by its own adjective ("the false reports", "these baseless
    claims"), not negated ("not false rumours")."""
    return token.dep_ == "amod" and token.head.lemma_.lower() in DENIED_NOUNS \
        and bool(forms(token) & DENIAL_WORDS) and token.pos_ in ("ADJ", "VERB") \
        and not negated(token)


def _lying(token: Token) -> bool:
    """"the ministry is lying", "they lied about it": someone tells lies (not "lying in the
    field", a place)."""
    return token.lower_ in LYING_FORMS and token.pos_ == "VERB" and not negated(token) and not any(
        c.dep_ == "prep" and c.lower_ not in ("about", "to") or c.dep_ == "advmod" and c.lower_ in (
            "there", "here", "down", "low") for c in token.children) and (
        token.dep_ in ("ROOT", "ccomp", "pcomp", "conj") or token.head.lower_ == "of")


def _innocent(root: Token) -> bool:
    """A speaker who says it is innocent or has "nothing to hide", or who maintains its
    innocence: a denial that affirms something of itself."""
    text = " ".join(t.lower_ for t in root.subtree)
    if any(phrase in text for phrase in INNOCENCE_PHRASES):
        return True
    return any(t.lower_ in INNOCENCE_WORDS and not negated(t) and not _maxim(t)
               and t.dep_ in ("acomp", "attr", "dobj", "ROOT", "ccomp") for t in [root, *root.children])


def _maxim(token: Token) -> bool:
    """"innocent until proven guilty": the principle, no one's plea."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return after is not None and after.lower_ == "until"


def _disowns_part(root: Token) -> bool:
    """"had nothing to do with the attack", "was not involved", "is not responsible for the
    fire", "we are not behind it": a part in the matter disowned."""
    text = " ".join(t.lower_ for t in root.subtree)
    if any(phrase in text for phrase in DISOWNING_PHRASES):
        return True
    parts = [c for c in root.children if c.dep_ in ("acomp", "prep", "attr") and c.lower_ in INVOLVEMENT_WORDS]
    return root.lemma_.lower() == "be" and bool(parts) and negated(root) or (
        root.lower_ in INVOLVEMENT_WORDS and root.tag_ == "VBN" and negated(root))


def innocence_aside(doc: Doc) -> Token | None:
    """A speaker's innocence as the object of its verb ("maintained his innocence",
    "protested her innocence"): the verb, not negated."""
    for token in doc:
        if token.lower_ in INNOCENCE_WORDS and token.dep_ == "dobj" and token.head.pos_ == "VERB" \
                and not negated(token.head):
            return token.head
    return None


def _denies_own_conduct(root: Token) -> bool:
    """The speaker says it did not do something ("we never threatened anyone", "I did not
    take the money", "the board said it had not sold the land": in reported speech a
    singular pronoun subject is the speaker's own): a denial of what it is accused of. A promise ("we will not give up")
    or an inability ("I cannot say") is none."""
    subjects = [c for c in root.children if c.dep_ in _SUBJECTS]
    auxiliaries = {c.lower_ for c in root.children if c.dep_ == "aux"}
    lemma = root.lemma_.lower()
    if lemma in lex.CUE_CLASSES or lemma in DESIRE_VERBS:
        return False  # "we don't know", "I don't want": a negated thought or wish
    return (root.pos_ == "VERB" and any(s.lower_ in SPEAKER_SUBJECTS for s in subjects)
            and any(c.dep_ == "neg" for c in root.children)
            and not auxiliaries & (FUTURE_AUXILIARIES | HEDGE_MODALS | {"can", "ca"}))


def unattributed_statement(doc: Doc, topics: frozenset[str] = frozenset()
                           ) -> tuple[Statement, Token] | None:
    """The key statement of a sentence no one is named for, with its main verb: a quoted
    speaker denies in the first person, the outlet calls a claim false ("reports of a second breach were false", "the video proved a
    hoax") or true ("the recording appeared authentic"), or passes it on as hearsay
    ("reportedly", "is believed to have")."""
    asks = doc.text.rstrip(" \"”’'").endswith("?")  # "What don't we know?" denies nothing
    for root in (t for t in doc if t.head.i == t.i):
        speaks = _speaks_for_itself(root)
        # a speaker's own words, quoted on: "We never agreed to it."
        if speaks and not asks and _denies_own_conduct(root):
            return DENIAL.because("disowned conduct"), root
        if speaks and not asks and (_not_so(root, topics) or _disowns(root)):
            return DENIAL.because("negated matter"), root
        if speaks and _innocent(root):
            return INNOCENCE.because("innocence"), root  # "I am innocent."
        if speaks and _disowns_part(root):
            return DENIAL.because("disowned part"), root  # "We had nothing to do with it."
        if speaks and _no_such(root):
            return DENIAL.because("no such matter"), root  # "We made no such deal."
        if rhetorical_denial(doc):
            return DENIAL.because("rhetorical question"), root  # "Who says we are in talks?"
        evidence = markers([root])
        judged = [c for c in root.children if c.dep_ in ("dobj", "xcomp", "ccomp")] \
            if root.lemma_.lower() in JUDGING_VERBS else []
        if is_denial(evidence + markers(judged)):
            return DENIAL.because("denial word"), root
        if _judged_true(root, [root, *evidence, *markers(judged)]):
            return CONFIRMATION.because("judged true"), root
        status, cause = figure_status_cause(doc, root.i)
        hearsay = _hearsay(doc, evidence) or _passive_belief(root)
        if status != "asserted" and hearsay:
            return Statement("allegation", status, cause=cause), root
    for token in doc:  # "the death hoax spread online": the outlet calls its matter false
        if token.pos_ == "NOUN" and token.lemma_.lower() in FALSE_NOUNS and not negated(token) \
                and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "ROOT"):
            return DENIAL.because("false noun"), token
    for token in doc:  # "the students, who are feared to have been killed, ..."
        if token.head.i != token.i and _passive_belief(token):
            return Statement("allegation", "speculative", cause="passive belief"), token
    return None


def _speaks_for_itself(root: Token) -> bool:
    """A quoted speaker's words, not the outlet's: the sentence opens a quotation, or its
    clause has a first-person subject."""
    first = root.doc[0]
    return first.is_quote and first.is_left_punct or first.text in _OPENING_QUOTES or any(
        c.dep_ in _SUBJECTS and c.lower_ in FIRST_PERSON for c in root.children)


_OPENING_QUOTES = ("\"", "“", "‘")


def _disowns(root: Token) -> bool:
    """"We don't know anybody by that name", "I never knew him": a speaker denying that it
    knows a person, not a negated thought ("we don't know where he went")."""
    return root.lemma_.lower() == "know" and negated(root) and any(
        c.dep_ == "dobj" and (c.pos_ in ("PRON", "PROPN") or c.lemma_.lower() in lex.HUMAN_NOUNS)
        for c in root.children)


def _judged_true(cue: Token | None, content: list[Token]) -> bool:
    """A verb of judgement that finds its object true ("judged the recording authentic")."""
    return cue is not None and cue.lemma_.lower() in JUDGING_VERBS and any(
        t.lower_ in TRUTH_WORDS and not negated(t) for t in content)


def _passive_belief(token: Token) -> bool:
    """"are believed to have", "is suspected of", "bodies believed to be": a passive verb of
    belief without an agent."""
    passive = any(c.dep_ == "auxpass" for c in token.children) or (
        token.dep_ == "acl" and token.tag_ == "VBN" and any(c.dep_ == "xcomp" for c in token.children))
    return token.lemma_.lower() in INTENT_VERBS and passive \
        and not any(c.dep_ == "agent" for c in token.children)


def headline_statement(doc: Doc, attributions: list) -> Statement | None:
    """The key statement of a headline, which states its story's matter: denied when it
    calls the matter false or says it did not happen ("No, the bridge has not collapsed",
    "Minister did not resign"); speculative when it asks or hedges ("Could the port
    close?"); claimed when it passes on a claim ("...: report", "Firm rumoured to buy
    rival", "Woman claims to have ...", "Police probe claims of fraud"). None for a headline
    that asserts its matter."""
    tokens = list(doc)
    clause = _main_clause(doc)
    if is_denial(tokens, headline=True) or _denial_opening(doc) or _negated_message(doc):
        return DENIAL.because("headline denial")
    roots = [t for t in doc if t.head.i == t.i]
    if is_question(doc) or is_hedged(clause) or _hedge_word(doc) \
            or any(r.lemma_.lower() in BELIEF_CUES for r in roots):  # "Villagers fear ..."
        return Statement("allegation", "speculative", cause="headline hedge")
    trailing = _TRAILING_SOURCE.search(doc.text)
    if trailing and not attributions:
        unnamed_source = trailing.group("who").lower().split()[-1] in UNNAMED_SOURCES
        return Statement("allegation", "claimed" if unnamed_source else "reported",
                         cause="headline source")
    if _words(clause) & (HEARSAY_WORDS | CLAIM_VERBS) or _passive_hearsay(tokens) \
            or _hearsay_in_sentence(doc) or any(t.lower_ in HEADLINE_HEARSAY for t in doc) \
            or any(_reduced_hearsay(r) for r in roots):
        return Statement("allegation", "claimed", cause="headline hearsay")
    return None


# A headline's trailing attribution: "...: report", "... -- analyst", "..., paper says".
_TRAILING_SOURCE = re.compile(
    r"(?:[:|]|\s[-–—]{1,2})\s*(?P<who>(?:[A-Za-z.'’]+\s+){0,3}[A-Za-z.'’]+)\s*$"
)


def _reduced_hearsay(root: Token) -> bool:
    """A headline's passive without its auxiliary: "Actor reported to play the lead"."""
    return bool(forms(root) & HEARSAY_VERBS) and root.lower_.endswith("ed") and not any(
        c.dep_ in ("aux", "auxpass") for c in root.children) and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in root.children)


def _hedge_word(doc: Doc) -> bool:
    """A hedge anywhere in a headline, whose title case the tagger misreads ("Film May Get
    Early Release", "Reporter Possibly Captured", "Possible Tornado Hits Town"); "May" is a
    month next to a number or after a preposition of time."""
    for token in doc:
        if token.lower_ in HEDGE_ADVERBS:
            return True
        if token.lower_ in HEADLINE_HEDGES and token.dep_ in ("amod", "compound", "acl"):
            return True
        if token.lower_ in HEDGE_MODALS and token.i + 1 < len(doc) and token.i:
            before, after = doc[token.i - 1], doc[token.i + 1]
            if after.is_alpha and not before.like_num and before.lower_ not in _BEFORE_MONTHS:
                return True
    return False


_BEFORE_MONTHS = words("status", "before_months")


def _main_clause(doc: Doc) -> list[Token]:
    roots = [t for t in doc if t.head.i == t.i]
    return markers([*roots, *(c for r in roots for c in r.children
                              if c.dep_ in ("ccomp", "xcomp", "conj", "parataxis"))])


def _negated_message(doc: Doc) -> bool:
    """A headline whose main predicate is negated ("X did not resign", "No troops at border").

    Headlines state news in the positive; a negated main clause reports that something
    claimed did not happen. In body text a negation is just a fact, so only headlines use this.
    """
    roots = [t for t in doc if t.head.i == t.i]
    main = [*roots, *(c for r in roots for c in r.children
                      if c.dep_ in ("ccomp", "xcomp", "conj", "parataxis", "appos", "acomp"))]
    heads = {t.i for t in main}
    quoted = _quoted(doc)
    if any(t.norm_ in NEGATIONS and (t.dep_ == "neg" or t.head.i in heads) and t.i not in quoted
           for t in doc):
        return True  # not a negation in a quote ("hands up, don't shoot")
    for token in main:
        subjects = [token] + [c for c in token.children if c.dep_ in _SUBJECTS]
        if any(c.dep_ == "det" and c.lower_ == "no" for s in subjects for c in s.children):
            return True
    return False


def _quoted(doc: Doc) -> set[int]:
    """Tokens inside quotation marks, and those of an imperative quoted without them (a
    root with no subject: "hands up, don't shoot")."""
    inside, positions = False, set()
    for token in doc:
        if token.is_quote:
            inside = not inside
        elif inside:
            positions.add(token.i)
    for token in doc:
        if token.dep_ in ("ROOT", "parataxis", "conj") and token.pos_ == "VERB" and not any(
                c.dep_ in _SUBJECTS or c.dep_ == "expl" for c in token.children) and token.tag_ == "VB":
            positions |= {c.i for c in token.children if c.dep_ in ("neg", "aux")}
    return positions


def _denial_opening(doc: Doc) -> bool:
    """"No, the minister did not resign": a sentence opening with a flat no."""
    first = [t for t in doc if not t.is_punct][:2]
    return len(first) > 1 and first[0].lower_ in ("no", "nope") and doc[first[0].i + 1].is_punct
