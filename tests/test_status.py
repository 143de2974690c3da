"""Status rules on hand-written sentences: the chain from a figure to its cue decides."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from claimledger.extract.status import figure_status
from claimledger.nlp import load_pipeline


@dataclass
class Cue:
    """An attribution as the status rules see it."""

    cue_class: str
    negated: bool = False
    cue: str = "say"
    content_tokens: range = range(0)
    source: str | None = "Harbour Authority"
    source_type: str | None = "government"
    mention: str | None = "the Harbour Authority"


def status_of(sentence: str, figure: str, attribution=None) -> str:
    doc = load_pipeline()(sentence)
    anchor = next(t.i for t in doc if t.text == figure)
    return figure_status(doc, anchor, attribution)


@pytest.mark.parametrize("sentence, figure, expected", [
    ("Police arrested 40 people on Friday.", "40", "asserted"),
    ("The toll could rise to 50 by the weekend.", "50", "speculative"),
    ("At least 12 people are feared dead after the landslide.", "12", "speculative"),
    ("The company plans to hire up to 400 people next year.", "400", "speculative"),
    ("The council is set to approve 300 new homes.", "300", "speculative"),
    ("Analysts expect 24 million units to be sold this year.", "24", "speculative"),
    ("If the embankment gives way, 20,000 people would be at risk.", "20,000", "speculative"),
    ("The ministry set up 12 shelters in the valley.", "12", "asserted"),
    ("An estimated 500 people left their homes.", "500", "estimated"),
    ("Reportedly, 500 people left their homes before dawn.", "500", "reported"),
    ("Allegedly, 500 people left their homes before dawn.", "500", "claimed"),
    ("The convoy is said to carry 30 tonnes of flour.", "30", "reported"),
    ("The club is alleged to owe 30 million pounds.", "30", "claimed"),
    ("There were reports that 90 shops had closed.", "90", "reported"),
    ("There were unconfirmed accounts that 90 shops had closed.", "90", "claimed"),
    ("Reports that 10,000 troops had crossed the border were false.", "10,000", "denied"),
    ("The mayor, who may stand again, said 500 homes had flooded.", "500", "asserted"),
    # a definite subject, a relative clause and a clause of time are given: the hedge above
    # them bears on something else
    ("The remains of 14 sailors, thought to be from the lost ferry, were found at dawn.", "14",
     "asserted"),
    ("The bridge could reopen soon after engineers repaired 12 cracks in its deck.", "12",
     "asserted"),
    ("The ferry that carried 300 passengers may have sunk.", "300", "asserted"),
    ("Up to 300 passengers may have drowned.", "300", "speculative"),
])
def test_figure_status_from_the_sentence(sentence, figure, expected):
    assert status_of(sentence, figure) == expected


@pytest.mark.parametrize("cue, expected", [
    (Cue("reported"), "reported"),
    (Cue("confirmed"), "confirmed"),
    (Cue("confirmed", negated=True), "claimed"),
    (Cue("estimated"), "estimated"),
    (Cue("claimed"), "claimed"),
    (Cue("denied"), "denied"),
])
def test_attribution_class_sets_the_status(cue, expected):
    assert status_of("Some 800 homes lost power overnight.", "800", cue) == expected


def test_what_a_source_believes_is_speculative():
    believed = Cue("claimed", cue="believe")
    assert status_of("Some 800 homes lost power overnight.", "800", believed) == "speculative"


@pytest.mark.parametrize("sentence, figure, approximate, expected", [
    ("Some 800 homes lost power overnight.", "800", True, "estimated"),
    ("Roughly 800 homes lost power overnight.", "800", True, "estimated"),
    ("Exactly 800 homes lost power overnight.", "800", False, "asserted"),
    ("Reportedly, some 800 homes lost power overnight.", "800", True, "reported"),
])
def test_an_approximation_without_a_source_is_the_outlets_estimate(
        sentence, figure, approximate, expected):
    doc = load_pipeline()(sentence)
    anchor = next(t.i for t in doc if t.text == figure)
    assert figure_status(doc, anchor, approximate=approximate) == expected


def test_hedge_in_the_content_outranks_a_neutral_cue():
    assert status_of("The toll could rise to 50 by the weekend.", "50", Cue("reported")) == "speculative"


def test_a_negated_denial_does_not_contest_the_figure():
    sentence = "The ministry did not deny that 40 soldiers died in the raid."
    assert status_of(sentence, "40", Cue("denied", negated=True)) == "claimed"
    assert status_of(sentence, "40", Cue("denied")) == "denied"
    quoted = "The ministry never disputed that 40 soldiers died, a spokesman said."
    assert status_of(quoted, "40", Cue("reported")) == "reported"


@pytest.mark.parametrize("source, source_type, mention, expected", [
    ("Harbour Authority", "government", "the Harbour Authority", "reported"),
    ("anonymous official", "anonymous", "an official", "reported"),
    ("reports", "media", "reports", "reported"),
    (None, None, "a local newspaper", "reported"),
])
def test_a_neutral_verb_reports_whoever_the_source_is(source, source_type, mention, expected):
    cue = Cue("reported", source=source, source_type=source_type, mention=mention)
    assert status_of("Some 800 homes lost power overnight.", "800", cue) == expected
