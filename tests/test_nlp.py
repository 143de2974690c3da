"""Sentence splitting and the choice of sentences to parse."""

from __future__ import annotations

import pytest

from claimledger.nlp import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("Mr. Okafor signed on Monday. He cost £31 million.",
     ["Mr. Okafor signed on Monday.", "He cost £31 million."]),
    ("U.S. officials said 1,500 left on Jan. 3. Others stayed.",
     ["U.S. officials said 1,500 left on Jan. 3.", "Others stayed."]),
    ("“We are searching,” she said. “Every house will be checked.”",
     ["“We are searching,” she said.", "“Every house will be checked.”"]),
    ("Is it safe? Nobody knows!", ["Is it safe?", "Nobody knows!"]),
    ("The rate was 3.5 per cent. It fell.", ["The rate was 3.5 per cent.", "It fell."]),
    ("J. R. Doe agreed. So did Dr. Lee.", ["J. R. Doe agreed.", "So did Dr. Lee."]),
])
def test_split_sentences(text, expected):
    assert texts(text) == expected


def test_sentences_never_cross_lines_and_offsets_are_exact():
    text = "Headline with 12 figures\n\nFirst paragraph. Second sentence has 3.\nAnother line"
    sentences = split_sentences(text)
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_candidates_hold_figures_or_cues_and_context_is_the_sentence_before():
    sentences = split_sentences(
        "Ilsa Marrek arrived in Penvarro on Monday. She said 31 people had died. "
        "The weather was calm. The ministry denied the report. Nobody was hurt."
    )
    # "She" and "the ministry" may be named in the sentence before: it is parsed too.
    assert [(s.candidate, s.context) for s in sentences] == [
        (False, True), (True, False), (False, True), (True, False), (False, False)]


@pytest.mark.parametrize("text, word, lemma, dep", [
    ("There’s a 40% chance of rain.", "'s", "be", None),
    ("We’ve counted 300 boats.", "'ve", "have", None),
    ("The minister didn’t confirm the 300 arrests.", "n't", "not", "neg"),
    ("The company’s 300 staff were sent home.", "'s", "'s", "case"),  # possessive stays
])
def test_curly_apostrophes_are_parsed_like_straight_ones(text, word, lemma, dep):
    from claimledger.nlp import load_pipeline, parser_text

    assert len(parser_text(text)) == len(text)  # offsets are unchanged
    token = next(t for t in load_pipeline()(parser_text(text)) if t.text == word)
    assert token.lemma_ == lemma and (dep is None or token.dep_ == dep)
