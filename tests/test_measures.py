"""Measure keys on hand-made claims: which figures are the same quantity, which are not."""

from __future__ import annotations

import pytest

from claimledger.link.measures import measure_key, measure_label


def figure(counted, event=None, unit=None, trend=None, scope=None) -> dict:
    return {"kind": "figure", "counted": counted, "event": event, "unit": unit,
            "trend": trend, "scope": scope}


def said(sentence: str, quantity: str, counted: str, event: str | None = None, unit=None) -> dict:
    """A figure claim of a sentence, placed as extraction places it (sentence at 100)."""
    at = 100 + sentence.index(quantity)
    return {**figure(counted, event, unit), "sentence": sentence, "sentence_start": 100,
            "start": at, "end": at + len(quantity)}


@pytest.mark.parametrize("a, b", [
    (figure("people", "evacuate"), figure("residents", "flee")),
    (figure("people", "displace"), figure("evacuees")),
    (figure("villagers", "die"), figure("deaths")),
    (figure("bodies", "recover"), figure("people", "kill")),
    (figure("soldiers", "deploy"), figure("troops", "send")),
    (figure("damage", None, "USD"), figure("repair bill", "put", "USD")),
    (figure("price of diesel", "rise", "percent", "up"), figure("price of diesel", "fall", "percent", "down")),
])  # fmt: skip
def test_same_quantity(a, b):
    assert measure_key(a) == measure_key(b)


@pytest.mark.parametrize("a, b", [
    (figure("people", "live"), figure("people", "evacuate")),  # a town's population
    (figure("rescue workers", "send"), figure("people", "evacuate")),
    (figure("people", "kill"), figure("people", "injure")),
    (figure("homes", "flood"), figure("homes", "destroy")),
    (figure("damage", None, "USD"), figure("emergency payment", None, "USD")),
    (figure("damage", None, "USD"), figure("damage", None, "EUR")),
    (figure("price of diesel", "rise", "percent", "up"), figure("price of diesel", "be", "percent")),
    (figure("people", "kill", scope="Lusk Ferry"), figure("people", "kill")),
])  # fmt: skip
def test_different_quantities(a, b):
    assert measure_key(a) != measure_key(b)


@pytest.mark.parametrize("claim", [
    figure(None, "cost", "USD"),  # "it cost $300,000": of what?
    figure(None, "be"),
    figure("21"),  # a number is not a thing counted
    {"kind": "denial", "counted": None},
])
def test_figures_that_name_no_quantity_join_no_measure(claim):
    assert measure_key(claim) is None


@pytest.mark.parametrize("a, b", [
    (figure("soldiers", "send"), figure("personnel", "deploy")),
    (figure("forces", "deploy"), figure("troops", "arrive")),
    (figure("North Korean soldiers", "send"), figure("North Korean troops", "deploy")),
    (figure("Koreans", "send"), figure("Korean troops", "deploy")),  # a nationality noun
    (figure("U.S. troops", "send"), figure("American soldiers", "deploy")),
    (figure("schoolgirls", "kidnap"), figure("girls", "release")),  # a group held, then freed
    (figure("missing schoolgirls"), figure("teenage girls")),  # with and without modifiers
    (figure("air strikes", "carry"), figure("airstrikes", "conduct")),
    (figure("supply packages", "drop"), figure("bundles of food", "deliver")),
    (figure("a contingent of troops", "send"), figure("soldiers", "deploy")),
    (figure("soldiers in the north", "send"), figure("troops", "deploy")),  # the head is first
    (figure("residents in shelters"), figure("people", "shelter")),  # what befalls them stays
    (said("More than 300 guards were held.", "More than 300", "guards", "hold"),
     said("Police held 310 guards.", "310", "guards", "hold")),  # "more than" is no increment
    (figure("ransom", None, "USD"), figure("ransom payment", "demand", "USD")),  # one payment
    (figure("compensation", None, "EUR"), figure("payments to families", "promise", "EUR")),
    (said("Two of the crates had drifted off course, the army said.", "Two", "crates", "say"),
     said("He said one crate missed its target.", "one", "crate", "miss")),
    (said("Rebels seized one of the 40 crates that the planes dropped.", "40", "crates", "seize"),
     said("The planes dropped 40 crates of food.", "40", "crates", "drop")),
    (said("One crate did not make it to the camp.", "One", "crate", "make"),
     said("One crate went astray.", "One", "crate", "go")),  # a thing that never arrived is lost
    # what the counted thing did to something else did not befall it
    (said("Jets flew six air strikes that destroyed two depots.", "six", "air strikes", "fly"),
     said("Jets flew six air strikes.", "six", "air strikes", "fly")),
    (figure("hostages", "execute"), figure("captives", "kill")),  # executed captives are killed
    (figure("reward", None, "USD"), figure("bounty", "offer", "USD")),
    # the clause of a crate reaches past its "of" complement
    (said("At least one crate of tinned food and bottled water dropped over the valley by "
          "night was seized by the rebels.", "one", "crate", "drop"),
     said("Rebels seized one crate.", "one", "crate", "seize")),
])  # fmt: skip
def test_same_quantity_worded_differently(a, b):
    assert measure_key(a) == measure_key(b)


@pytest.mark.parametrize("a, b", [
    (figure("Russian soldiers", "kill"), figure("Ukrainian soldiers", "kill")),
    (figure("active troops", "have"), figure("reservists", "have")),
    (figure("active soldiers", "serve"), figure("soldiers", "serve")),
    (said("The first 2,000 troops arrived on Monday.", "2,000", "troops", "arrive"),
     said("In all 9,000 troops arrived.", "9,000", "troops", "arrive")),
    (said("Police held another 14 guards on Friday.", "14", "guards", "hold"),
     said("Police have held 36 guards.", "36", "guards", "hold")),  # an increment
    (said("Police held 14 more guards.", "14", "guards", "hold"),
     said("Police have held 36 guards.", "36", "guards", "hold")),
    (figure("troops", "send"), figure("troops", "kill")),
    (figure("women and girls", "hold"), figure("girls", "hold")),  # a coordination counts both
    (figure("workers", "kill"), figure("workers", "hire")),
    (said("One of the crates went astray.", "One", "crates", "go"),
     said("Rebels seized one crate.", "one", "crate", "seize")),  # lost is not captured
    (said("One crate fell into the hands of the rebels.", "One", "crate", "fall"),
     said("The planes dropped 40 crates of food.", "40", "crates", "drop")),
    (figure("ransom", None, "USD"), figure("damage", None, "USD")),
    (figure("hostages", "execute"), figure("hostages", "take")),  # those killed of those taken
])  # fmt: skip
def test_different_scope_or_kind(a, b):
    assert measure_key(a) != measure_key(b)


def test_reports_of_one_quantity_share_an_order_of_magnitude():
    day = said("Jets flew four air strikes on Sunday.", "four", "air strikes", "fly")
    campaign = said("Jets have flown 135 air strikes.", "135", "air strikes", "fly")
    assert measure_key({**day, "value": 4}) != measure_key({**campaign, "value": 135})
    near = said("More than 200 guards were held.", "More than 200", "guards", "hold")
    exact = said("Police held 219 guards.", "219", "guards", "hold")
    assert measure_key({**near, "value": None, "low": 200}) == measure_key({**exact, "value": 219})
    assert measure_key({**exact, "value": None}) == measure_key(exact)  # no number: no band
    assert measure_key({**exact, "value": 29}) == measure_key({**exact, "value": 31})


def test_an_outcome_revised_tenfold_stays_one_measure():
    first = said("At least 8 people were killed.", "At least 8", "people", "kill")
    later = said("The toll rose to 140 dead.", "140", "dead", "die")
    assert measure_key({**first, "value": 8}) == measure_key({**later, "value": 140})


def test_keys_depend_on_the_claim_alone():
    # A new claim joins its measure without regrouping: the key reads nothing but the claim.
    one = said("Two of the crates had drifted off course.", "Two", "crates", "drift")
    assert measure_key(one) == measure_key(dict(one)) == measure_key({**one, "id": "other"})


def test_labels_say_what_is_counted_and_its_part():
    first = said("The first 2,000 troops arrived on Monday.", "2,000", "troops", "arrive")
    assert measure_label(measure_key(first), ["troops"]) == "Troops deployed, first part"
    korean = figure("North Korean soldiers", "send")
    assert measure_label(measure_key(korean), ["North Korean soldiers"]) == \
        "North Korean soldiers (deployed)"


def test_labels_read_as_the_quantity():
    assert measure_label(measure_key(figure("residents", "flee")), ["residents"]) == \
        "People displaced or evacuated"
    assert measure_label(measure_key(figure("damage", None, "USD")), ["damage"]) == \
        "Damage cost, USD"
    assert measure_label(measure_key(figure("people", "kill", scope="Lusk Ferry")), ["people"]) \
        == "People killed in Lusk Ferry"
