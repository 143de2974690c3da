"""Calendar dates in news text: absolute forms ("12 March 2025", "March 12, 2025",
"2025-03-12") as ISO strings.

Relative forms ("last week", "on Friday") are resolved in the extraction stage against the
publication date, with the helpers here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
DATE_PATTERNS = (
    re.compile(r"\b" + _YEAR + r"-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(r"\b" + _WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I),
)


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first absolute calendar date in the text: (ISO date, start, end)."""
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _to_iso(match)
            if iso:
                found.append((match.start(), match.end(), iso))
                break
    if not found:
        return None
    start, end, iso = min(found)
    return iso, start, end


def parse_date(text: str | None) -> str | None:
    """An ISO date from a date string in any common form, or None."""
    if not text:
        return None
    found = find_date(text)
    return found[0] if found else None


_CLOCK = re.compile(
    r"(?:[T\s,|]+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?\s*", re.I)


def exact_date(text: str | None) -> str | None:
    """The ISO date when the whole text is one calendar date, with at most a clock time
    ("2024-03-03", "Tuesday 3 March 2024 09:15", "March 3, 2024", "2024-03-03T09:00Z"), else
    None: a value a user gives, or a line that is only a date."""
    text = (text or "").strip()
    found = find_date(text)
    if not found or found[1] != 0:
        return None
    return found[0] if _CLOCK.fullmatch(text[found[2]:]) else None


def plausible_publication(iso: str | None, *, today: date | None = None) -> bool:
    """A page's date can be a publication date: not after tomorrow (time zones), so a date
    the page only mentions ("the contract runs to 2031") or a template error is refused."""
    if not iso:
        return False
    return date.fromisoformat(iso[:10]) <= (today or date.today()) + timedelta(days=1)


def _to_iso(match: re.Match) -> str | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
    try:
        return date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return None


# -- relative and partial dates, resolved against the publication date ---------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_MONTH_NAME = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_NUMBER = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_OPTIONAL_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
TIME_EXPRESSIONS = re.compile(
    "|".join(
        (
            # "from March 3 to 9", "March 3-9", "between 3 and 9 March"
            r"(?P<range>(?:from\s+|between\s+)?(?:"
            r"(?P<rmonth1>" + "|".join(MONTHS) + r")\.?\s+(?P<rday1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and|until)\s*(?:(?P<rmonth2>" + "|".join(MONTHS) + r")\.?\s+)?(?P<rday2>[0-3]?\d)(?:st|nd|rd|th)?"
            r"|(?P<rday3>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and|until)\s*(?P<rday4>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<rmonth3>" + "|".join(MONTHS) + r")\.?"
            r")(?:,?\s+(?P<ryear>(?:19|20)\d\d))?)",
            r"(?P<md>" + _MONTH_NAME + r"\s+" + _DAY_NUMBER + _OPTIONAL_YEAR + r")",
            r"(?P<dm>" + _DAY_NUMBER.replace("day>", "day2>") + r"\s+(?:of\s+)?"
            + _MONTH_NAME.replace("month>", "month2>") + _OPTIONAL_YEAR.replace("year>", "year2>") + r")",
            r"(?P<weekday>(?:(?:late|early)\s+)?(?:on\s+)?(?:(?P<which>last|this|next|past)\s+)?"
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)" + _PART_OF_DAY + r")",
            r"(?P<deictic>today|tonight|yesterday|tomorrow|last night|this (?:morning|afternoon|evening)"
            r"|(?:the )?day before yesterday)",
        )
    ),
    re.IGNORECASE,
)
_DEICTIC_SHIFT = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
                  "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
                  "day before yesterday": -2, "the day before yesterday": -2}


@dataclass(slots=True)
class TimeExpression:
    """A date in a sentence: where it is and what it resolves to (ISO date, or start/end)."""

    start: int
    end: int
    text: str
    value: str | None


def time_expressions(text: str, published: str | None, *, future: bool = False) -> list[TimeExpression]:
    """Dates in a sentence, relative ones resolved against the publication date.

    A weekday names the latest such day on or before publication ("on Friday" in a Sunday
    paper is two days earlier), or the next one when the sentence speaks of the future.
    """
    anchor = date.fromisoformat(published) if published else None
    found = []
    for match in TIME_EXPRESSIONS.finditer(text):
        found.append(TimeExpression(match.start(), match.end(), match.group(),
                                    _resolve(match, anchor, future=future)))
    return found


def _resolve(match: re.Match, anchor: date | None, *, future: bool) -> str | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    if "range" in groups:
        first_month = groups.get("rmonth1") or groups.get("rmonth3")
        second_month = groups.get("rmonth2") or first_month
        first_day = groups.get("rday1") or groups.get("rday3")
        second_day = groups.get("rday2") or groups.get("rday4")
        start = calendar_date(first_month, first_day, groups.get("ryear"), anchor)
        end = calendar_date(second_month, second_day, groups.get("ryear"), anchor)
        return f"{start}/{end}" if start and end else None
    if "md" in groups:
        return calendar_date(groups["month"], groups["day"], groups.get("year"), anchor)
    if "dm" in groups:
        return calendar_date(groups["month2"], groups["day2"], groups.get("year2"), anchor)
    if anchor is None:
        return None
    if "weekday" in groups:
        target = WEEKDAYS.index(groups["wd"].lower())
        which = (groups.get("which") or "").lower()
        if which == "next" or (future and which != "last"):
            shift = (target - anchor.weekday()) % 7 or 7
        else:
            shift = -((anchor.weekday() - target) % 7)
            if which == "last" and shift == 0:
                shift = -7
        return (anchor + timedelta(days=shift)).isoformat()
    phrase = " ".join(groups["deictic"].lower().split())
    return (anchor + timedelta(days=_DEICTIC_SHIFT[phrase])).isoformat()


def calendar_date(month: str | None, day: str | None, year: str | None, anchor: date | None) -> str | None:
    """A calendar date; without a year, the one nearest the anchor (the publication date)."""
    if not month or not day:
        return None
    month_number = MONTHS[month.lower().rstrip(".")]
    if year:
        candidates = [int(year)]
    elif anchor:
        candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    else:
        return None
    dates = []
    for candidate in candidates:
        try:
            dates.append(date(candidate, month_number, int(day)))
        except ValueError:
            continue
    if not dates:
        return None
    best = min(dates, key=lambda d: abs((d - anchor).days)) if anchor and not year else dates[0]
    return best.isoformat()
