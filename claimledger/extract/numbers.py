"""Reading figures from tokens: how much a run of words denotes, how exactly, and in what.

The reader works on the texts of a sentence's tokens (spaCy's English tokenization) and knows
nothing of syntax: "around 10,000", "$2.3bn", "tens of thousands of dollars", "between 3,000
and 5,000 hectares", "two-thirds", "19 per cent". Whether a figure is a claim at all (a year,
a date, "Route 9") and what it counts is decided with the parse, in ``quantities``.

Conventions for amounts that are not exact:
- "about N" (around, some, roughly, close to, an estimated, "a dozen"): value = low = high = N.
- "more than N" (over, at least, upwards of, N or more, N-plus): value = low = N, high open.
- "nearly N" (almost, just under, fewer than, under): value = high = N, low open, ``at_most``.
- "up to N" (as many as, as much as, a maximum of): value = high = N, low open, ``up_to``.
- ranges ("between A and B", "A to B", "A-B", "A or B"): low A, high B, no value.
- vague plurals have inclusive integer bounds and no value: "hundreds" 100-999, "thousands"
  1000-9999, "tens of thousands" 10000-99999, "hundreds of thousands" 100000-999999,
  "millions" 1e6 up to 1e7-1 and so on; "several/a few thousand" 2000-9999; "tens" 10-99;
  "dozens" 24-143 (at least two dozen, fewer than a gross) and "scores" 40-199.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimledger.extract.vocab import table, word_list, words

EXACT, ABOUT, AT_LEAST, AT_MOST, UP_TO, RANGE, VAGUE = (
    "exact", "about", "at_least", "at_most", "up_to", "range", "vague"
)
FRACTION = "fraction"
TIMES = "times"


def _phrases(key: str) -> dict[tuple[str, ...], str]:
    """A table of ``units.toml`` keyed by phrases, as token tuples: "or more" -> ("or", "more")."""
    return {tuple(phrase.split()): value for phrase, value in table("units", key).items()}


# --- number words -------------------------------------------------------------------------
_ONES = table("units", "ones")
_TENS = table("units", "tens")
_SCALES = table("units", "scales")
_SCALE_ABBREVIATIONS = table("units", "scale_abbreviations")
_SCALE_SUFFIXES = table("units", "scale_suffixes")
_FRACTIONS = table("units", "fractions")
_VAGUE_PLURALS = table("units", "vague_plurals")
_FEW = words("units", "few")
_DETERMINERS_AFTER_FRACTION = words("units", "determiners_after_fraction")

# --- approximation words ------------------------------------------------------------------
_PREFIXES = table("units", "approximation_prefixes")
_APPROX_PHRASES = {
    tuple(phrase.split()): approx for approx, phrases in _PREFIXES.items() for phrase in phrases
}
_APPROX_LONGEST = max(len(key) for key in _APPROX_PHRASES)
_POSTFIXES = _phrases("approximation_postfixes")

# --- currencies ---------------------------------------------------------------------------
_CURRENCY_SYMBOLS = table("units", "currency_symbols")
_CURRENCY_CODES = word_list("units", "currency_codes")
_CURRENCY_PREFIXES = {**_CURRENCY_SYMBOLS, **{code: code for code in _CURRENCY_CODES}}
_DOLLAR_COUNTRIES = table("units", "dollar_countries")
_DOLLAR_AFTER_SIGN = table("units", "dollar_after_sign")
_CURRENCY_WORDS = table("units", "currency_words")
_NATIONAL_CURRENCIES = _phrases("national_currencies")
MONEY = frozenset(_CURRENCY_PREFIXES.values()) | frozenset(_CURRENCY_WORDS.values()) | frozenset(
    _NATIONAL_CURRENCIES.values()
)

# --- units of measure ---------------------------------------------------------------------
_UNIT_NAMES = table("units", "unit_names")
_GLUED_ONLY = words("units", "glued_only")
_LETTER_UNITS = table("units", "letter_units")
_LETTER_UNITS_APART = table("units", "letter_units_apart")
_UNITS: dict[tuple[str, ...], str] = {}
for _unit, _names in _UNIT_NAMES.items():
    for _name in _names:
        _UNITS[tuple(_name.lower().split())] = _unit
_UNITS.update({(word,): code for word, code in _CURRENCY_WORDS.items()})
_UNITS.update(_NATIONAL_CURRENCIES)
_UNIT_LONGEST = max(len(key) for key in _UNITS)
_CASED_UNITS = table("units", "cased_units")
# Units written into a figure's text, as its currency or percent ("$450 million", "19 per cent").
_IN_TEXT = MONEY | {"percent", "percentage point", "basis point", "point", "times", FRACTION}
TIME_UNITS = words("units", "time_units")
_RATE_NOUNS = {
    **{name: unit for unit in TIME_UNITS for name in _UNIT_NAMES[unit]},
    **table("units", "rate_nouns"),
}
_RATE_WORDS = words("units", "rate_words")
_UNIT_ADJECTIVES = words("units", "unit_adjectives")
_TIME_NAMES = frozenset(name for unit in TIME_UNITS for name in _UNIT_NAMES[unit])
_PER_ITEM = words("units", "per_item")
_NOT_RATE_AFTER = words("units", "not_rate_after")
_DIMENSIONS = words("units", "dimensions")

_PREFIX_PATTERN = "|".join(
    re.escape(prefix) for prefix in sorted(_CURRENCY_PREFIXES, key=len, reverse=True)
)
_COUNTRY_PATTERN = "|".join(sorted(_DOLLAR_AFTER_SIGN, key=len, reverse=True))
# One token that is a number: sign, "~" or "sub-", a glued currency ("USD10", "RM23.50") or
# the country letters of "$A450,000", digits with thousands separators and decimals, a glued
# suffix ("bn", "km", "%"), and the dash of "7- or 8-inch".
_NUMERAL = re.compile(
    r"(?P<sign>[-−+~]|minus-|sub-)?"
    rf"(?:(?P<currency>{_PREFIX_PATTERN}|US)|(?P<country>{_COUNTRY_PATTERN}))?"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<suffix>[^\W\d_]+(?:/[^\W\d_]+)?[23²³]?|%|°[CF]?)?(?P<dash>-)?$"
)
# "3/4 of the voters": a share written with a slash; larger denominators are dates ("9/11").
_SLASH_FRACTION = re.compile(r"(?P<count>[1-9])/(?P<parts>[2-9]|10)$")
_HAS_DIGIT = re.compile(r"\d")
# Words a figure can begin with, besides digits: approximations, openers, currencies, numbers.
_STARTERS = frozenset(
    {phrase[0] for phrase in _APPROX_PHRASES} | {"between", "from", "minus", "a", "an", "half"}
    | set(_CURRENCY_PREFIXES) | {word.lower() for word in _CURRENCY_PREFIXES}
    | {word.lower() for word in _DOLLAR_COUNTRIES} | set(_ONES) | set(_TENS)
    | set(_VAGUE_PLURALS) | _FEW
)
_POSTFIX_LONGEST = 2
# A bare "A to B" whose ends are further apart than this is two figures, not a range.
_RANGE_RATIO = 1000


@dataclass(slots=True)
class Figure:
    """A figure found in a run of tokens; ``start``/``end`` are token indices (end exclusive)."""

    start: int
    end: int
    anchor: int
    value: float | None
    low: float | None
    high: float | None
    approx: str
    unit: str | None = None
    # The figure's own text stops before a unit of measure ("more than 300" millimetres) but
    # keeps currency and percent ("$450 million", "19 per cent").
    text_end: int = 0
    # The two ends of "from A to B", which a change verb turns into two levels.
    parts: tuple[Figure, Figure] | None = None


@dataclass(slots=True)
class _Amount:
    """The number itself, before approximation words and ranges are applied."""

    lead: int  # first token, a currency prefix included
    start: int  # the number's first token
    end: int
    value: float | None
    low: float
    high: float
    vague: bool = False
    about: bool = False
    below: bool = False  # "sub-7 nanometre chips": under the amount
    dangling: bool = False  # "7-" in "7- or 8-inch": the unit comes after the other end
    unit: str | None = None
    scale: float = 1.0
    text_end: int = 0


def find_figures(words: Sequence[str]) -> list[Figure]:
    """Every figure in the token texts, left to right, none overlapping."""
    lower = [word.lower() for word in words]
    figures = []
    i = 0
    while i < len(words):
        # Most tokens cannot start a figure; a set lookup rules them out cheaply.
        if lower[i] not in _STARTERS and not _HAS_DIGIT.search(words[i]) and not (
            lower[i].endswith("fold")
        ):
            i += 1
            continue
        figure = _read_figure(words, lower, i)
        if figure is None:
            i += 1
        else:
            figures.append(figure)
            i = figure.end
    return _feet_and_inches(lower, figures)


_FOOT_INCHES = re.compile(r"-?(?:foot|feet|ft)-?(\d{1,2})")


def _feet_and_inches(lower: Sequence[str], figures: list[Figure]) -> list[Figure]:
    """"5-foot-9", "5 feet 9 inches", "5 ft 4 in": one length in inches, not two figures."""
    merged: list[Figure] = []
    for figure in figures:
        previous = merged[-1] if merged else None
        if previous is not None and previous.unit == "foot" and previous.end == figure.start and (
            figure.approx == EXACT and figure.value is not None and figure.value < 12
            and (figure.unit == "inch" or _at(lower, figure.end) in ("in", "in."))
        ):
            end = figure.end + (figure.unit != "inch")  # the "in" the reader left over
            merged[-1] = _in_inches(merged[-1], figure.value, end)
            continue
        if figure.unit is None and figure.value is not None:
            for size in (1, 2, 3):
                found = _FOOT_INCHES.fullmatch("".join(lower[figure.end:figure.end + size]))
                if found and int(found[1]) < 12:
                    figure = _in_inches(figure, float(found[1]), figure.end + size)
                    break
        merged.append(figure)
    return merged


def _in_inches(feet: Figure, inches: float, end: int) -> Figure:
    value, low, high = (None if n is None else n * 12 + inches for n in (feet.value, feet.low, feet.high))
    return Figure(feet.start, end, feet.anchor, value, low, high, feet.approx, "inch", text_end=end)


def _read_figure(words: Sequence[str], lower: Sequence[str], i: int) -> Figure | None:
    """The figure that starts at token ``i``, approximation words and range included."""
    approx, j = _read_prefix(lower, i)
    opener = lower[j] if j < len(lower) and lower[j] in ("between", "from") else None
    first = _read_measure(words, lower, j + 1 if opener else j)
    if first is None:
        return None
    second = _read_range_end(words, lower, first, opener)
    if second is not None:
        return _range(i, first, second, from_to=opener == "from")
    if opener:
        # "from 4,000 on Tuesday": the preposition is not part of a lone figure.
        return _read_figure(words, lower, j + 1) if approx == EXACT else None
    approx, end = _read_postfix(lower, first.end, approx)
    return _figure(i, end, first, approx)


def _read_prefix(lower: Sequence[str], i: int) -> tuple[str, int]:
    for size in range(min(_APPROX_LONGEST, len(lower) - i), 0, -1):
        approx = _APPROX_PHRASES.get(tuple(lower[i:i + size]))
        if approx:
            return approx, i + size
    return EXACT, i


def _read_postfix(lower: Sequence[str], i: int, approx: str) -> tuple[str, int]:
    if approx != EXACT:
        return approx, i
    for size in range(_POSTFIX_LONGEST, 0, -1):
        found = _POSTFIXES.get(tuple(lower[i:i + size]))
        if found:
            return found, i + size
    return approx, i


def _read_measure(words: Sequence[str], lower: Sequence[str], i: int) -> _Amount | None:
    """Currency before, the amount, a unit or currency after: "$450 million", "19 per cent"."""
    lead = i
    negative = _at(lower, i) == "minus"
    currency, i = _read_currency_prefix(words, i + negative)
    amount = _read_amount(words, lower, i)
    if amount is None:
        return None
    amount.lead = lead
    if negative and amount.value is not None:
        amount.value = amount.low = amount.high = -amount.value
    amount.text_end = amount.end
    if currency and not (currency == "USD" and amount.unit in _DOLLAR_AFTER_SIGN.values()):
        amount.unit = currency  # "$" with "A450,000" after it is Australian
    elif amount.unit is None:
        amount.unit, amount.end = _read_unit(words, lower, amount.end, amount)
        if amount.unit in _IN_TEXT:
            amount.text_end = amount.end
    if amount.unit:
        amount.unit, amount.end = _read_rate(lower, amount.end, amount.unit)
    return amount


def _read_currency_prefix(words: Sequence[str], i: int) -> tuple[str | None, int]:
    if i < len(words) and words[i] in _CURRENCY_PREFIXES:
        return _CURRENCY_PREFIXES[words[i]], i + 1
    if i + 1 < len(words) and words[i + 1] == "$" and words[i] in _DOLLAR_COUNTRIES:
        return _DOLLAR_COUNTRIES[words[i]], i + 2
    return None, i


def _read_amount(words: Sequence[str], lower: Sequence[str], i: int) -> _Amount | None:
    if i >= len(words):
        return None
    if _HAS_DIGIT.search(words[i]):
        share = _SLASH_FRACTION.match(words[i])
        if share is not None and int(share["count"]) < int(share["parts"]):
            value = int(share["count"]) / int(share["parts"])
            return _Amount(i, i, i + 1, value, value, value, unit=FRACTION)
        return _read_numeral(words, lower, i)
    return _read_vague(lower, i) or _read_number_words(lower, i)


def _read_numeral(words: Sequence[str], lower: Sequence[str], i: int) -> _Amount | None:
    """Digits, with what is glued to them and the scale words after ("1.28 million")."""
    match = _NUMERAL.match(words[i])
    if match is None:
        return None
    value = float(match["digits"].replace(",", ""))
    if match["sign"] in ("-", "−", "minus-"):
        value = -value
    amount = _Amount(i, i, i + 1, value, value, value, about=match["sign"] == "~",
                     below=match["sign"] == "sub-")
    if match["currency"]:
        amount.unit = _CURRENCY_PREFIXES.get(match["currency"], "USD")
    elif match["country"]:
        if i == 0 or words[i - 1] != "$":
            return None  # "A320", "S5": letters and digits that are a name
        amount.unit = _DOLLAR_AFTER_SIGN[match["country"]]
    amount.dangling = bool(match["dash"])
    suffix = match["suffix"]
    if suffix and not _read_suffix(amount, suffix, match["digits"], lower):
        return None
    if amount.scale == 1:
        _read_scale_words(lower, amount)
    return amount


def _read_suffix(amount: _Amount, suffix: str, digits: str, lower: Sequence[str]) -> bool:
    """Apply a suffix glued to digits; False when it makes the token no amount ("3rd", "1990s")."""
    if suffix in _SCALE_SUFFIXES:
        if suffix == "m" and _followed_by_dimension(lower, amount.end):
            amount.unit = "m"  # "a 1.5m-high wall" is metres, not millions
        else:
            _scale(amount, _SCALE_SUFFIXES[suffix])
        return True
    if suffix == "s" and "." not in digits:
        return False  # "1990s", "in their 30s": decades, not seconds
    unit = _unit_word(suffix, glued=True)
    if unit is None:
        return False  # ordinals ("3rd"), clock times ("8pm"), names ("5G", "3D")
    amount.unit = amount.unit or unit
    return True


def _followed_by_dimension(lower: Sequence[str], i: int) -> bool:
    if _at(lower, i) == "-":
        i += 1
    return _at(lower, i) in _DIMENSIONS


def _read_scale_words(lower: Sequence[str], amount: _Amount) -> None:
    """Scale words after digits: "1.5 million", "5.7 m", "two dozen", "3 thousand"."""
    i = amount.end
    while i < len(lower):
        word = lower[i]
        scale: float | None
        if word == "dozen":
            amount.about = True
            scale = 12.0
        elif word == "hundred":
            scale = 100.0
        else:
            # "USD10 m." at the end of a sentence keeps its full stop on the abbreviation
            scale = _SCALES.get(word) or (
                _SCALE_ABBREVIATIONS.get(word.rstrip(".")) if amount.scale == 1 else None
            )
        if scale is None or (word == "m" and _followed_by_dimension(lower, i + 1)):
            break
        _scale(amount, scale)
        i += 1
    amount.end = i


def _scale(amount: _Amount, scale: float) -> None:
    assert amount.value is not None  # only digits are scaled, and digits have a value
    amount.value *= scale
    amount.low = amount.high = amount.value
    amount.scale *= scale


def _read_number_words(lower: Sequence[str], i: int) -> _Amount | None:
    """Numbers in words: "four", "twenty-five", "a dozen", "half a million", "two-thirds"."""
    word = lower[i]
    if word == "half":
        return _read_half(lower, i)
    if word in ("a", "an"):
        return _read_a(lower, i)
    if word.endswith("fold") and word[:-4] in _ONES:
        value = _ONES[word[:-4]]
        return _Amount(i, i, i + 1, value, value, value, unit=TIMES)  # "sixfold"
    if word not in _ONES and word not in _TENS:
        return None
    return _read_word_sequence(lower, i, i, 0.0)


def _read_a(lower: Sequence[str], i: int) -> _Amount | None:
    """"a dozen", "a hundred", "a million", "a third of", "a couple of"."""
    following = _at(lower, i + 1)
    if following == "couple" and _at(lower, i + 2) == "of":
        scale = _SCALES.get(_at(lower, i + 3) or "") or (100 if _at(lower, i + 3) == "hundred" else 1)
        end = i + 3 if scale == 1 else i + 4
        return _Amount(i, i, end, 2 * scale, 2 * scale, 2 * scale, about=True)
    if following in _FRACTIONS and _FRACTIONS[following] > 2 and not following.endswith("s"):
        return _fraction(lower, i, i + 2, 1, _FRACTIONS[following])
    if following in _SCALES or following in ("hundred", "dozen"):
        return _read_word_sequence(lower, i, i + 1, 1.0)
    return None


def _read_word_sequence(lower: Sequence[str], i: int, j: int, current: float) -> _Amount | None:
    """Add up number words from ``j``: "two hundred and fifty thousand", "twenty-five"."""
    total = 0.0
    about = False
    previous = None
    while j < len(lower):
        word = lower[j]
        following = _at(lower, j + 1)
        if word in _ONES or word in _TENS:
            # "twenty-five" and "two hundred (and) fifty", but not "five six".
            if previous in _ONES or (previous in _TENS and _ONES.get(word, 10) >= 10):
                break
            current += _ONES.get(word) or _TENS.get(word, 0)
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0.0
        elif word == "dozen":
            current, about = (current or 1) * 12, True
        elif word == "-" and previous in _TENS and following in _ONES:
            j += 1
            continue
        elif previous in _ONES and (word == "-" and following in _FRACTIONS):
            return _fraction(lower, i, j + 2, total + current, _FRACTIONS[following])
        elif previous in _ONES and word in _FRACTIONS and following == "of":
            return _fraction(lower, i, j + 1, total + current, _FRACTIONS[word])
        elif word == "and" and previous in ("hundred", *_SCALES) and (
            following in _ONES or following in _TENS
        ):
            j += 1
            continue
        elif word == "and" and previous is not None and lower[j + 1:j + 3] == ["a", "half"]:
            current += 0.5  # "two and a half years", "one and a half million"
            j += 3
            previous = "half"
            continue
        else:
            break
        previous = word
        j += 1
    value = total + current
    return _Amount(i, i, j, value, value, value, about=about)


def _read_half(lower: Sequence[str], i: int) -> _Amount | None:
    """"half a million" is 500,000; "half of" and "half the" are the fraction one half."""
    following = _at(lower, i + 1)
    scale_word = _at(lower, i + 2)
    if following in ("a", "an") and (scale_word in _SCALES or scale_word in ("hundred", "dozen")):
        value = 0.5 * (_SCALES.get(scale_word) or (100 if scale_word == "hundred" else 12))
        return _Amount(i, i, i + 3, value, value, value, about=scale_word == "dozen")
    if following in ("a", "an"):
        return _Amount(i, i, i + 2, 0.5, 0.5, 0.5)  # "half an hour": half of the unit after
    if following in _DETERMINERS_AFTER_FRACTION or _at(lower, i - 1) in ("by", "in"):
        return _Amount(i, i, i + 1, 0.5, 0.5, 0.5, unit=FRACTION)
    return None


def _fraction(
    lower: Sequence[str], start: int, end: int, count: float, parts: int
) -> _Amount | None:
    """"two-thirds", "a quarter of": a share of a whole, kept as a fraction (0.667)."""
    written_as_fraction = lower[end - 2] == "-" or _at(lower, end) in _DETERMINERS_AFTER_FRACTION
    if count <= 0 or count >= parts or not written_as_fraction:
        return None
    value = count / parts
    return _Amount(start, start, end, value, value, value, unit=FRACTION)


def _read_vague(lower: Sequence[str], i: int) -> _Amount | None:
    """"thousands", "tens of thousands", "several hundred", "dozens": bounds without a value."""
    word = lower[i]
    if word in _VAGUE_PLURALS:
        low, factor = _VAGUE_PLURALS[word]
        end = i + 1
        if word in ("tens", "hundreds") and _at(lower, i + 1) == "of" and (
            _at(lower, i + 2) in ("thousands", "millions", "billions", "trillions")
        ):
            # "tens of thousands" is 10-99 thousands; "hundreds of millions" 100-999 millions
            low *= _VAGUE_PLURALS[lower[i + 2]][0]
            end = i + 3
        elif word in ("tens", "scores") and _at(lower, i + 1) != "of":
            return None  # "test scores", "the tens digit"
        return _Amount(i, i, end, None, low, low * factor - 1, vague=True)
    if word not in _FEW and not (word == "a" and _at(lower, i + 1) == "few"):
        return None
    j = i + 2 if word == "a" else i + 1
    base = _SCALES.get(_at(lower, j) or "") or {"hundred": 100, "dozen": 12}.get(_at(lower, j) or "")
    if base is None:
        return None
    low, high = base * (1 if word == "many" else 2), base * 10 - 1
    j += 1
    while _at(lower, j) in _SCALES:  # "several hundred thousand"
        low, high = low * _SCALES[lower[j]], (high + 1) * _SCALES[lower[j]] - 1
        j += 1
    return _Amount(i, i, j, None, low, high, vague=True)


def _read_unit(
    words: Sequence[str], lower: Sequence[str], i: int, amount: _Amount
) -> tuple[str | None, int]:
    """The unit or currency written after an amount, longest phrase first ("per cent")."""
    start = i
    if _at(lower, i) == "-":
        i += 1  # "6.1-inch", "a 5-mpg boost"
    elif amount.vague and _at(lower, i) == "of":
        i += 1  # "thousands of dollars", "hundreds of miles"
    elif _at(lower, i) in _UNIT_ADJECTIVES and _at(lower, i + 1) in _TIME_NAMES:
        i += 1  # "9 straight years", "three consecutive days"
    for size in range(min(_UNIT_LONGEST, len(lower) - i), 0, -1):
        key = tuple(lower[i:i + size])
        unit = _unit_word(words[i], glued=False) if size == 1 else _UNITS.get(key)
        if unit is None or (key == ("point",) and lower[amount.start] in ("one", "a")):
            continue  # "at one point" is an idiom, not a score
        end = i + size
        if len(words[i]) == 1 and _at(lower, end) in ("'s", "’s", "'", "’"):
            continue  # "the 3 C's": a letter named, not a unit
        if unit == "lb" and (amount.scale > 1 or amount.vague or _at(lower, end) == "sterling"):
            # "5 million pounds" and "thousands of pounds" are money; "208 pounds" is weight
            return "GBP", end + (_at(lower, end) == "sterling")
        return unit, end
    return None, start


def _unit_word(word: str, *, glued: bool) -> str | None:
    """The unit one word names, glued to digits ("5kW") or written apart ("5 kW")."""
    if len(word) == 1 and word.isalpha():
        return _LETTER_UNITS.get(word) if glued else _LETTER_UNITS_APART.get(word)
    if word in _CASED_UNITS:
        return _CASED_UNITS[word]
    lower = word.lower().rstrip("-")  # "287 miles- and": a dash left glued by the writer
    if not glued and lower in _GLUED_ONLY:
        return None
    over, slash, under = lower.partition("/")
    if slash and over and under and (over,) in _UNITS and (under,) in _UNITS and (
        lower not in ("km/h", "m/s")  # speeds with names of their own
    ):
        return f"{_UNITS[(over,)]} per {_UNITS[(under,)]}"  # "10 kV/cm", "$4/kg"
    return _UNITS.get((lower,))


def _read_rate(lower: Sequence[str], i: int, unit: str) -> tuple[str, int]:
    """"$3,500 a month", "$2.24 per mmBTU", "a 52,000 barrel-a-day refinery": a unit per thing."""
    hyphenated = _at(lower, i) == "-" and _at(lower, i + 2) == "-"
    word_at = i + 1 if hyphenated else i
    rate_word, noun = _at(lower, word_at), _at(lower, word_at + 1 + hyphenated)
    if rate_word == "/" and noun is not None and noun not in _RATE_NOUNS and (
        _unit_word(noun, glued=False) is not None and not hyphenated
    ):
        return f"{unit} per {_unit_word(noun, glued=False)}", word_at + 2  # "10 kV/cm"
    if rate_word not in _RATE_WORDS or noun not in _RATE_NOUNS:
        return unit, i
    end = word_at + 2 + hyphenated
    if _at(lower, end) in _NOT_RATE_AFTER:
        return unit, i
    denominator = _RATE_NOUNS[noun]
    if rate_word in ("a", "an") and denominator not in TIME_UNITS | _PER_ITEM:
        return unit, i  # "$5 a bag" may be a price per bag, but "5 km a wall" is not a rate
    return f"{unit} per {denominator}", end


def _read_range_end(
    words: Sequence[str], lower: Sequence[str], first: _Amount, opener: str | None
) -> _Amount | None:
    """The upper end of "A to B", "A-B", "between A and B", "A or B", when one follows."""
    connector = _at(lower, first.end)
    dash = int(connector == "-")
    if (first.dangling or dash) and _at(lower, first.end + dash) in ("or", "to"):
        # "7- or 8-inch", "5 - to 10-year": the first end's dash waits for the unit
        first.end += dash
        connector = _at(lower, first.end)
    if connector not in ("to", "-", "–", "—", "and", "or"):
        return None
    if connector == "and" and opener != "between":
        return None  # "5 and 6" is two figures unless "between" opened them
    if opener == "between" and connector not in ("and", "to"):
        return None
    if first.vague or first.value is None:
        return None
    if opener is None and connector == "to" and _at(lower, first.lead - 1) == "by":
        return None  # "increased by $43.6 billion to $419.2 billion": a change, then a level
    second = _read_measure(words, lower, first.end + 1)
    if second is None or second.vague or second.value is None:  # only a vague amount has none
        return None
    if first.unit and second.unit is None:
        return None  # "rose 0.7 per cent to 6,327.80": a change, then a level
    if first.unit and second.unit and _base(first.unit) != _base(second.unit):
        return None
    low = first.value
    if second.scale > first.scale and low * second.scale / first.scale <= second.value:
        low *= second.scale / first.scale  # "between 3 and 5 million", "$10 to $15 billion"
    if not low < second.value:
        return None  # "2-1" is a score, "from 4.8 to 4.7" a fall
    if opener is None and low > 0 and second.value / low > _RANGE_RATIO:
        return None  # "in 2018 to 3.9 million": two figures side by side, not one range
    first.value = first.low = first.high = low
    first.unit = second.unit if second.unit else first.unit  # "$48,000 and $90,000 a year"
    return second


def _base(unit: str) -> str:
    """The unit without its rate: "USD" for "USD per year"."""
    return unit.partition(" per ")[0]


def _range(start: int, first: _Amount, second: _Amount, *, from_to: bool) -> Figure:
    figure = Figure(start, second.end, first.start, None, first.value, second.value, RANGE,
                    first.unit, second.text_end)
    if from_to:
        figure.parts = (_figure(first.lead, first.end, first, EXACT),
                        _figure(second.lead, second.end, second, EXACT))
    return figure


def _figure(start: int, end: int, amount: _Amount, approx: str) -> Figure:
    # "10,000 or more" and "40-odd": a postfix belongs to the text when nothing came between
    text_end = end if end > amount.end and amount.text_end == amount.end else amount.text_end
    if amount.vague:
        return Figure(start, end, amount.start, None, amount.low, amount.high, VAGUE, amount.unit,
                      text_end)
    if approx == EXACT and amount.about:
        approx = ABOUT
    elif approx == EXACT and amount.below:
        approx = AT_MOST
    value = amount.value
    low = value if approx in (EXACT, ABOUT, AT_LEAST) else None
    high = value if approx in (EXACT, ABOUT, AT_MOST, UP_TO) else None
    return Figure(start, end, amount.start, value, low, high, approx, amount.unit, text_end)


def _at(lower: Sequence[str], i: int) -> str | None:
    return lower[i] if 0 <= i < len(lower) else None
