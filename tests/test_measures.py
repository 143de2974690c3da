"""Measure keys on hand-made claims: which figures are the same quantity, which are not."""

from __future__ import annotations

import pytest

from claimledger.link.measures import measure_key, measure_label


def figure(counted, event=None, unit=None, trend=None, scope=None) -> dict:
    return {"kind": "figure", "counted": counted, "event": event, "unit": unit,
            "trend": trend, "scope": scope}


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


def test_labels_read_as_the_quantity():
    assert measure_label(measure_key(figure("residents", "flee")), ["residents"]) == \
        "People displaced or evacuated"
    assert measure_label(measure_key(figure("damage", None, "USD")), ["damage"]) == \
        "Damage cost, USD"
    assert measure_label(measure_key(figure("people", "kill", scope="Lusk Ferry")), ["people"]) \
        == "People killed in Lusk Ferry"
