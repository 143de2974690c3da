"""Absolute dates, and relative ones resolved against the publication date."""

from __future__ import annotations

import pytest

from datetime import date

from claimledger.dates import (
    calendar_date, exact_date, find_date, parse_date, plausible_publication, time_expressions,
)


@pytest.mark.parametrize("text, expected", [
    ("Published 12 March 2025 08:15 GMT", "2025-03-12"),
    ("March 12, 2025", "2025-03-12"),
    ("Wednesday, June 5, 2024", "2024-06-05"),
    ("2024-04-04T10:00:00Z", "2024-04-04"),
    ("Mar. 3, 2024", "2024-03-03"),
    ("12th of March 2025", "2025-03-12"),
    ("31 February 2025", None),
    ("no date here", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("2024-03-03", "2024-03-03"),
    ("3 March 2024", "2024-03-03"),
    ("March 3, 2024", "2024-03-03"),
    ("Tuesday 4 March 2025 09:15", "2025-03-04"),
    ("2024-03-03T09:00:00Z", "2024-03-03"),
    ("3 March 2024 at 10:30 GMT", "2024-03-03"),
    ("2024-02-30", None),  # no such day
    ("0000-03-03", None),  # year 0
    ("Published 3 March 2024", None),  # more than a date
    ("2024-03-03 and then some", None),
    ("03/03/2024", None),  # day and month order unknown
    ("", None),
])
def test_exact_date_is_the_whole_text(text, expected):
    assert exact_date(text) == expected


def test_a_publication_date_is_not_after_tomorrow():
    today = date(2024, 6, 1)
    assert plausible_publication("2024-06-02", today=today)
    assert not plausible_publication("2024-06-03", today=today)
    assert plausible_publication("1998-01-01", today=today)
    assert not plausible_publication(None, today=today)


def test_calendar_date_without_a_year_is_nearest_the_anchor():
    assert calendar_date("December", "30", None, date(2025, 1, 2)) == "2024-12-30"
    assert calendar_date("March", "3", None, date(2025, 3, 5)) == "2025-03-03"
    assert calendar_date("March", "3", None, None) is None
    assert calendar_date("feb", "30", "2024", None) is None


def test_find_date_gives_position():
    iso, start, end = find_date("Filed on 4 March 2025 in Kelmar")
    assert (iso, "Filed on 4 March 2025 in Kelmar"[start:end]) == ("2025-03-04", "4 March 2025")


# 2025-03-05 is a Wednesday.
@pytest.mark.parametrize("text, future, expected", [
    ("the agency said on Tuesday", False, [("on Tuesday", "2025-03-04")]),
    ("the dam failed late on Sunday", False, [("late on Sunday", "2025-03-02")]),
    ("the talks resume on Friday", True, [("on Friday", "2025-03-07")]),
    ("it rained on Wednesday", False, [("on Wednesday", "2025-03-05")]),
    ("it rained last Wednesday", False, [("last Wednesday", "2025-02-26")]),
    ("they meet next Monday", False, [("next Monday", "2025-03-10")]),
    ("the mayor said yesterday", False, [("yesterday", "2025-03-04")]),
    ("from March 3 to 9", False, [("from March 3 to 9", "2025-03-03/2025-03-09")]),
    ("between 3 and 9 March", False, [("between 3 and 9 March", "2025-03-03/2025-03-09")]),
    ("on Dec. 30", False, [("Dec. 30", "2024-12-30")]),
    ("on 10 March 2024", False, [("10 March 2024", "2024-03-10")]),
])
def test_relative_dates_resolve_against_publication(text, future, expected):
    found = [(e.text, e.value) for e in time_expressions(text, "2025-03-05", future=future)]
    assert found == expected


def test_relative_dates_need_a_publication_date():
    assert [e.value for e in time_expressions("on Tuesday, and on 4 March 2025", None)] == [None, "2025-03-04"]
