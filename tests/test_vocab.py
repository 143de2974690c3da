"""The vocabulary as data: every data file loads, the modules expose it under the names the
rules use, and every cue reaches the parser through the sentence trigger."""

from __future__ import annotations

import pytest

from claimledger.extract import lexicons as lex
from claimledger.extract import status
from claimledger.extract.vocab import files_in_vocabulary, vocabulary
from claimledger.nlp import CLAIM_TRIGGER, inflections


def fires(text: str) -> bool:
    return CLAIM_TRIGGER.fires(text)


def test_every_data_file_parses():
    assert {"reporting", "sources", "status", "trigger"} <= set(files_in_vocabulary())
    for name in files_in_vocabulary():
        assert vocabulary(name)


def test_lexicons_are_plain_data():
    for name in (n for n in dir(lex) if n.isupper()):
        value = getattr(lex, name)
        assert isinstance(value, (frozenset, dict, tuple, str)), name
        assert value, name
    assert lex.CUE_CLASSES["dispute"] == "denied" and lex.CUE_CLASSES["according to"] == "reported"
    assert dict(lex.SOURCE_TYPE_PATTERNS)["military"].count("|") > 5


CUES = sorted(
    set(lex.CUE_CLASSES) | set(lex.SPEECH_NOUNS) | lex.NAMING_CUES | lex.DENIAL_WORDS
    | status.DENIAL_WORDS | status.HEARSAY_WORDS | {" ".join(p) for p in status.DENIAL_PHRASES}
)


@pytest.mark.parametrize("cue", CUES)
def test_every_cue_fires_the_trigger(cue):
    assert fires(f"Yesterday the harbour board {cue} it.")


@pytest.mark.parametrize("cue", sorted(c for c in lex.CUE_CLASSES if " " not in c))
def test_every_inflection_of_a_cue_verb_fires(cue):
    for form in inflections(cue):
        assert fires(f"The harbour board {form} it.")


@pytest.mark.parametrize("sentence", [
    "The ministry disputed the account.",
    "The club contests the version of events.",
    "Her statement contradicts the earlier one.",
    "The party disavowed the leaflet.",
    "The minister brushed aside the reports.",
    "Officials discounted the story.",
    "That is a lie.",
    "He called it nonsense.",
    "The channel spread propaganda.",
    "The firm is denying everything.",
    "She admitted it in court.",
    "The board rebutted it point by point.",
    "The video was verified by the agency.",
    "The surgeon allegedly left the room.",
    "A nurse told investigators the surgeon had left.",
    "The mayor wrote to residents last week.",
    "The spokesman shot the story down.",
    "The report was not true.",
    "None of it happened, he insists.",
    "The rumour isn't accurate.",
    "At least one was killed.",
    "One soldier was hurt.",
    "Twenty-five boats left port.",
])
def test_cue_sentences_fire(sentence):
    assert fires(sentence)


@pytest.mark.parametrize("sentence", [
    "The road was quiet.",
    "The photo is real.",  # a truth word fires only with a negation
    "One day the river rose.",
    "Rain fell over the hills all afternoon.",
])
def test_other_sentences_do_not(sentence):
    assert not fires(sentence)


def test_inflections_are_regular_forms():
    assert {"denies", "denied", "denying"} <= inflections("deny")
    assert {"admits", "admitted", "admitting"} <= inflections("admit")
    assert {"lies", "lied", "lying"} <= inflections("lie")
    assert {"dismisses", "dismissed"} <= inflections("dismiss")
