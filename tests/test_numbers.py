"""Reading figures from token texts: digits, words, vague amounts, approximations, ranges and
units, one rule family at a time. Tokens come from spaCy's blank English tokenizer, the same
rules the full pipeline uses, so no model is loaded."""

from __future__ import annotations

import pytest
import spacy

from claimledger.extract.numbers import find_figures


@pytest.fixture(scope="module")
def tokenizer():
    return spacy.blank("en")


def figures(tokenizer, text: str) -> list[tuple]:
    """(text, value, low, high, approx, unit) of every figure in the text."""
    words = [token.text for token in tokenizer(text)]
    doc = tokenizer(text)
    found = []
    for figure in find_figures(words):
        span = doc[figure.start:figure.text_end].text
        found.append((span, figure.value, figure.low, figure.high, figure.approx, figure.unit))
    return found


def only(tokenizer, text: str) -> tuple:
    found = figures(tokenizer, text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, value", [
    ("The agency counted 10,000 applications.", 10000),
    ("Sales reached 1.28 million units.", 1_280_000),
    ("The club paid 5.7m for the striker.", 5_700_000),
    ("The deficit is 1.5bn this year.", 1_500_000_000),
    ("Ticket sales topped 25k on Monday.", 25_000),
    ("The rate stands at 0.25 after the cut.", 0.25),
    ("The probe reached a depth of 1,234,567 metres.", 1_234_567),
    ("Temperatures fell to -5 overnight.", -5),
    ("Temperatures fell to minus 12 degrees overnight.", -12),
])  # fmt: skip
def test_digits_with_separators_decimals_and_scales(tokenizer, text, value):
    assert only(tokenizer, text)[1] == pytest.approx(value)


@pytest.mark.parametrize("text, value, unit", [
    ("The ministry set aside $2.3 billion for repairs.", 2_300_000_000, "USD"),
    ("The club was sold for €40m last year.", 40_000_000, "EUR"),
    ("The fund holds £1.2bn in bonds.", 1_200_000_000, "GBP"),
    ("The contract is worth US$58.24 a barrel.", 58.24, "USD per barrel"),
    ("Revenue rose to HK $3.7 billion.", 3_700_000_000, "HKD"),
    ("The yacht was listed at USD10m.", 10_000_000, "USD"),
    ("Shares closed at RM23.50 on Friday.", 23.5, "MYR"),
    ("The deal is worth 92 million yuan.", 92_000_000, "CNY"),
    ("The phone sells for 7,199 Chinese yuan in Shanghai.", 7199, "CNY"),
    ("The club owes 5 million pounds to its lenders.", 5_000_000, "GBP"),
    ("The boxer weighed in at 208 pounds.", 208, "lb"),
    ("Stamp duty adds thousands of dollars to the price.", None, "USD"),
    ("Rent is $3,500 a month in the centre.", 3500, "USD per month"),
    ("Fares rose 19 per cent in January.", 19, "percent"),
    ("Turnout fell to 61% this year.", 61, "percent"),
    ("The bank raised rates by 25 basis points.", 25, "basis point"),
    ("Support slipped 3 percentage points in a week.", 3, "percentage point"),
])  # fmt: skip
def test_currencies_and_percent(tokenizer, text, value, unit):
    _, found_value, _, _, _, found_unit = only(tokenizer, text)
    assert found_value == (pytest.approx(value) if value is not None else None)
    assert found_unit == unit


@pytest.mark.parametrize("text, value, unit", [
    ("The fire spread over 120 hectares of forest.", 120, "hectare"),
    ("Gusts reached 90 mph on the coast.", 90, "mph"),
    ("The train ran at 300 km/h between the cities.", 300, "km/h"),
    ("Temperatures hit 41°C in the south.", 41, "celsius"),
    ("The phone has a 6.1-inch screen.", 6.1, "inch"),
    ("A 1.5m-high wall surrounds the site.", 1.5, "m"),
    ("About 40 million cubic metres of water escaped.", 40_000_000, "m3"),
    ("The storm dumped 300 millimetres of rain.", 300, "mm"),
    ("The engine makes 450 Nm of torque.", 450, "Nm"),
    ("The charger delivers 65W at most.", 65, "W"),
    ("The project took two decades to finish.", 2, "decade"),
    ("Output grew sixfold in a year.", 6, "times"),
    ("The refinery handles 52,000 barrel-a-day of crude.", 52_000, "barrel per day"),
])  # fmt: skip
def test_units_of_measure(tokenizer, text, value, unit):
    _, found_value, _, _, _, found_unit = only(tokenizer, text)
    assert found_value == pytest.approx(value)
    assert found_unit == unit


@pytest.mark.parametrize("text, quantity_text", [
    ("The storm dumped more than 300 millimetres of rain.", "more than 300"),
    ("Fares rose 19 per cent in January.", "19 per cent"),
    ("The ministry set aside $450 million.", "$450 million"),
    ("Between 3,000 and 5,000 hectares of farmland flooded.", "Between 3,000 and 5,000"),
    ("Tens of thousands of people marched.", "Tens of thousands"),
    ("The phone has a 6.1-inch screen.", "6.1"),
])  # fmt: skip
def test_text_keeps_currency_and_percent_but_not_units_of_measure(tokenizer, text, quantity_text):
    assert only(tokenizer, text)[0] == quantity_text


@pytest.mark.parametrize("text, value, approx", [
    ("Four people were rescued from the roof.", 4, "exact"),
    ("Twenty-five firefighters fought the blaze.", 25, "exact"),
    ("Crews found two hundred and fifty sheep.", 250, "exact"),
    ("A dozen boats joined the search.", 12, "about"),
    ("Half a dozen houses were damaged.", 6, "about"),
    ("A hundred volunteers turned up.", 100, "exact"),
    ("Half a million people lost power.", 500_000, "exact"),
    ("The trial lasted two and a half years.", 2.5, "exact"),
    ("It took a couple of weeks to clear the road.", 2, "about"),
    ("One hundred thousand tickets were sold.", 100_000, "exact"),
])  # fmt: skip
def test_number_words(tokenizer, text, value, approx):
    _, found_value, _, _, found_approx, _ = only(tokenizer, text)
    assert found_value == pytest.approx(value)
    assert found_approx == approx


@pytest.mark.parametrize("text, value", [
    ("Three-quarters of the town lost power.", 0.75),
    ("Two-thirds of voters backed the plan.", 2 / 3),
    ("A third of the staff work from home.", 1 / 3),
    ("Half of the bridges need repairs.", 0.5),
    ("The budget was cut by half.", 0.5),
    ("One fourth of the fleet is grounded.", 0.25),
])  # fmt: skip
def test_fractions(tokenizer, text, value):
    _, found_value, _, _, _, unit = only(tokenizer, text)
    assert found_value == pytest.approx(value)
    assert unit == "fraction"


@pytest.mark.parametrize("text, low, high", [
    ("Thousands of people fled the city.", 1000, 9999),
    ("Tens of thousands of people marched.", 10_000, 99_999),
    ("Hundreds of thousands of homes lost power.", 100_000, 999_999),
    ("Hundreds of homes were flooded.", 100, 999),
    ("Dozens of shops were looted.", 24, 143),
    ("Millions of viewers watched the final.", 1_000_000, 9_999_999),
    ("Tens of millions of dollars were lost.", 10_000_000, 99_999_999),
    ("Several hundred workers walked out.", 200, 999),
    ("A few thousand fans waited outside.", 2000, 9999),
    ("Scores of people gathered at the gate.", 40, 199),
])  # fmt: skip
def test_vague_amounts_have_bounds_and_no_value(tokenizer, text, low, high):
    _, value, found_low, found_high, approx, _ = only(tokenizer, text)
    assert (value, found_low, found_high, approx) == (None, low, high, "vague")


@pytest.mark.parametrize("text, value, low, high, approx", [
    ("Around 10,000 troops were deployed.", 10000, 10000, 10000, "about"),
    ("Some 2,500 workers remain on site.", 2500, 2500, 2500, "about"),
    ("An estimated 40,000 people attended.", 40000, 40000, 40000, "about"),
    ("Closer to 9,000 may have left.", 9000, 9000, 9000, "about"),
    ("More than 12,000 people fled.", 12000, 12000, None, "at_least"),
    ("Over 300 homes were damaged.", 300, 300, None, "at_least"),
    ("At least 14 people died.", 14, 14, None, "at_least"),
    ("Upwards of 5,000 fans travelled.", 5000, 5000, None, "at_least"),
    ("Rescuers saved 10,000 or more animals.", 10000, 10000, None, "at_least"),
    ("The march drew 10,000-plus people.", 10000, 10000, None, "at_least"),
    ("Nearly 3,000 homes flooded.", 3000, None, 3000, "at_most"),
    ("Almost 700 jobs will go.", 700, None, 700, "at_most"),
    ("Just under 300 staff were hired.", 300, None, 300, "at_most"),
    ("Fewer than 50 people voted.", 50, None, 50, "at_most"),
    ("The plant makes sub-7 nanometre chips.", 7, None, 7, "at_most"),
    ("Up to 400 people may be missing.", 400, None, 400, "up_to"),
    ("As many as 2,000 could lose their jobs.", 2000, None, 2000, "up_to"),
])  # fmt: skip
def test_approximation_words(tokenizer, text, value, low, high, approx):
    _, found_value, found_low, found_high, found_approx, _ = only(tokenizer, text)
    assert (found_value, found_low, found_high, found_approx) == (value, low, high, approx)


@pytest.mark.parametrize("text, low, high, unit", [
    ("Between 15,000 and 20,000 people were displaced.", 15000, 20000, None),
    ("Repairs will cost between $900 million and $1.4 billion.", 900e6, 1.4e9, "USD"),
    ("Between 3 and 5 million people lack water.", 3e6, 5e6, None),
    ("Talks could last three to four weeks.", 3, 4, "week"),
    ("Winds of 15-22 mph are expected.", 15, 22, "mph"),
    ("The laser draws 5-10W of power.", 5, 10, "W"),
    ("Households with incomes between $48,000 and $90,000 a year can apply.", 48000, 90000,
     "USD per year"),
    ("Homes from $750,000 to $1 million sell fastest.", 750_000, 1_000_000, "USD"),
    ("Two or three people were hurt.", 2, 3, None),
])  # fmt: skip
def test_ranges(tokenizer, text, low, high, unit):
    _, value, found_low, found_high, approx, found_unit = only(tokenizer, text)
    assert (value, approx, found_unit) == (None, "range", unit)
    assert (found_low, found_high) == (pytest.approx(low), pytest.approx(high))


def test_from_to_keeps_both_ends_for_levels(tokenizer):
    words = [token.text for token in tokenizer("The toll rose from 31 to 58 overnight.")]
    (figure,) = find_figures(words)
    assert figure.parts is not None
    assert [part.value for part in figure.parts] == [31, 58]


@pytest.mark.parametrize("text, values", [
    ("Rangers won 2-1 at home.", [2, 1]),  # a score, not a range
    ("The index rose 0.7 percent to 6,327.80.", [0.7, 6327.8]),  # a change, then a level
    ("The deficit grew by $43.6 billion to $419.2 billion.", [43.6e9, 419.2e9]),
    ("Weight fell from 208 pounds to 193.", [208, 193]),  # falling: not a range
    ("Sales rose 60% in 2018 to 3.9 million.", [60, 2018, 3.9e6]),
])  # fmt: skip
def test_adjacent_figures_that_are_not_ranges(tokenizer, text, values):
    assert [found[1] for found in figures(tokenizer, text)] == [pytest.approx(v) for v in values]


@pytest.mark.parametrize("text", [
    "He finished 3rd in the final.",
    "Music from the 1990s is back in fashion.",
    "The service is open 24/7.",
    "The first train left at 10.45pm.",
    "Nobody came to the meeting.",
])  # fmt: skip
def test_ordinals_decades_codes_and_clock_times_are_no_amounts(tokenizer, text):
    assert figures(tokenizer, text) == []
