"""Which form of the claim trigger let a sentence through.

``claimledger.nlp.Trigger.fires`` answers only yes or no; this module asks the same
questions of the same vocabulary (the trigger's own word sets, read, never changed) in the
same order, and names the first form that matched. If the two ever disagree (the trigger
learnt a form this module does not know), the sentence is reported as fired by an
untraced form rather than silently not at all.
"""

from __future__ import annotations

import re

from claimledger.explain.trace import TriggerHit
from claimledger.nlp import CLAIM_TRIGGER, Sentence, Trigger

_DIGIT = re.compile(r"\S*\d\S*")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def trigger_hit(sentence: Sentence, trigger: Trigger = CLAIM_TRIGGER) -> TriggerHit | None:
    """The form that made the sentence a candidate, or None when it is not one."""
    hit = _form(sentence.text, trigger)
    if hit is None and sentence.headline:
        return TriggerHit("headline", "the first line reads as a title: mined without a cue")
    if hit is None and trigger.fires(sentence.text):
        return TriggerHit("untraced", "the trigger fired on a form this trace does not name")
    return hit


def _form(text: str, trigger: Trigger) -> TriggerHit | None:
    digit = _DIGIT.search(text)
    if digit:
        return TriggerHit("digit", digit.group().strip(".,;:!?)(\"'”’“‘"))
    tokens = _WORD.findall(text.lower().replace("\u2019", "'"))
    word = next((t for t in tokens if t in trigger.words), None)
    if word is not None:
        return TriggerHit("cue word", word)
    negation = next((t for t in tokens if t in trigger.negations or t.endswith("n't")), None)
    negated = next((t for t in tokens if t in trigger.negated), None)
    if negation and negated:
        return TriggerHit("negated cue", f"{negation} … {negated}")
    for i in range(len(tokens)):
        phrase = _phrase_at(tokens, i, trigger)
        if phrase:
            return TriggerHit("cue phrase", " ".join(phrase))
        if trigger._counted_one(tokens, i):  # read-only: the trigger's own test of "one"
            return TriggerHit("counted one", " ".join(tokens[max(0, i - 2) : i + 3]))
    return None


def _phrase_at(tokens: list[str], i: int, trigger: Trigger) -> list[str] | None:
    """The words of a cue phrase starting at ``i`` (the trigger's window rule: each next
    word at most two words after the last), or None."""
    for first, rest in trigger.phrases:
        if tokens[i] not in first:
            continue
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
