"""Which form of the claim trigger let a sentence through: ``Trigger.why`` (claimledger.nlp),
the same test the trigger makes, named; a headline is mined without a cue."""

from __future__ import annotations

from claimledger.explain.trace import TriggerHit
from claimledger.nlp import CLAIM_TRIGGER, Sentence, Trigger


def trigger_hit(sentence: Sentence, trigger: Trigger = CLAIM_TRIGGER) -> TriggerHit | None:
    """The form that made the sentence a candidate, or None when it is not one."""
    found = trigger.why(sentence.text)
    if found is not None:
        return TriggerHit(*found)
    if sentence.headline:
        return TriggerHit("headline", "the first line reads as a title: mined without a cue")
    return None
