"""Quantities in one parsed sentence: every figure that is a claim, what it counts, who or
what it is about, and the predicate it belongs to.

The figure itself is read by ``numbers`` from the token texts. This module adds what needs
the parse:

1. Numbers that are not claims are dropped (``NOT_CLAIMS``): years, dates, clock times,
   numbers in names ("Route 9", "iPhone 11"), addresses, phone numbers and scores, ages of
   people, page furniture. Entity labels only break ties: the small English model calls many
   counts DATE.
2. "went up to 94" loses its "up to": a verb particle, not an approximation.
3. "rose from 50 to 60" is two levels, not a range.
4. A conversion in brackets ("87 mph (140 km/h)") says what the figure before it says.
5. The counted thing, the subject, the event and the direction of a change are read from the
   dependency tree.

Ages of people are not claims here, whether in an appositive ("Mira Dovan, 54,"), a compound
("a 19-year-old man") or after "aged": they describe who someone is, and would fill the ledger
with measures nobody disputes. Ages of things ("a 2,900-year-old site") are kept. Scores
("won 2-1") are not claims either: the two numbers are one result, not a quantity.
"""

from __future__ import annotations

import re

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimledger.dates import MONTHS
from claimledger.extract.numbers import (
    AT_LEAST, EXACT, FRACTION, MONEY, RANGE, TIME_UNITS, UP_TO, VAGUE, Figure, find_figures,
)  # fmt: skip
from claimledger.extract.vocab import table, words
from claimledger.model import Quantity

_REPORTING_VERBS = words("quantities", "reporting_verbs")
_UP_WORDS = words("quantities", "up_words")
_DOWN_WORDS = words("quantities", "down_words")
_NEUTRAL_CHANGE = words("quantities", "neutral_change")
_MOVE_VERBS = _NEUTRAL_CHANGE | _UP_WORDS | _DOWN_WORDS | words("quantities", "particle_verbs")
_LEVEL_VERBS = _MOVE_VERBS | words("quantities", "level_verbs")
_CONTROL_VERBS = words("quantities", "control_verbs")
_MEASURE_NOUNS = words("quantities", "measure_nouns")
_PRICE_NOUNS = words("quantities", "price_nouns")
_HUMAN_PREDICATES = words("quantities", "human_predicates")
_DROPPED_MODIFIERS = words("quantities", "dropped_modifiers")
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_NOUN_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "nmod", "quantmod", "appos",
                                 "npadvmod"})  # fmt: skip
_BEARINGS = words("quantities", "bearings")
_NOMINAL_DEPS = frozenset({"pobj", "nsubj", "nsubjpass", "dobj", "attr", "conj", "appos"})
# How a changed amount attaches to its change word: "rose 19%", "a 19% drop", "up 5%".
_CHANGE_DEPS = frozenset({"dobj", "npadvmod", "advmod", "attr", "oprd", "acomp", "quantmod",
                          "nmod", "dative", "compound", "amod", "nummod"})  # fmt: skip
_VALUE_PREPOSITIONS = words("quantities", "value_prepositions")
_LEVEL_PREPOSITIONS = words("quantities", "level_prepositions")
_CLOCK_WORDS = words("quantities", "clock_words")
_STREET_WORDS = words("quantities", "street_words")
_LABELS = words("quantities", "labels") | words("quantities", "rank_words")
_FURNITURE = words("quantities", "furniture")
_LISTICLE = words("quantities", "listicle")
_AGE_WORDS = words("quantities", "age_words")
_CURRENCY_TOKENS = words("quantities", "currency_tokens")
_NAME_ENTITIES = frozenset({"PRODUCT", "ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW"})
_PERSON_AGE_LIMIT = 130  # years: "a 19-year-old man" is a person, "a 2,900-year-old site" not
_YEARS = (1200, 2199)  # a bare four-digit number in here may be a year
_LIKELY_YEARS = (1900, 2100)  # ... and in here is one unless the sentence says otherwise
_ERAS = words("quantities", "eras")
_YEAR_PREPOSITIONS = words("quantities", "year_prepositions")


@dataclass(slots=True)
class QuantityMention:
    """One figure in a sentence: the quantity, the counted thing, its subject and event."""

    quantity: Quantity  # start/end are character offsets in the sentence Doc's text
    anchor: int  # token index of the figure's number token
    head: int | None  # token index of the counted noun
    counted: str | None
    subject: str | None
    event: str | None
    scope: str | None = None  # a place the figure is limited to: "in Lusk Ferry alone"


def find_quantities(sent: Doc) -> list[QuantityMention]:
    """Every figure in the sentence that is a claim, in order of appearance."""
    mentions: list[QuantityMention] = []
    previous: Figure | None = None
    for figure in find_figures([token.text for token in sent]):
        for level in _levels(sent, _as_metres(sent, _without_particle(sent, figure))):
            if any(rule(sent, level) for rule in NOT_CLAIMS):
                continue
            if previous is not None and _is_conversion(sent, previous, level):
                mentions.append(_converted(sent, mentions[-1], level))
            else:
                mentions.append(_describe(sent, level))
            previous = level
    _share_with_neighbours(sent, mentions)
    return mentions


_COUNT_VERBS = words("quantities", "count_verbs")


def _share_with_neighbours(sent: Doc, mentions: list[QuantityMention]) -> None:
    """Fill what one figure leaves open from the figure before it in the same sentence:
    "2,300 homes ... nearly 700 of them" (counted), "to 8,000, from 4,000" (event)."""
    for previous, mention in zip(mentions, mentions[1:]):
        if mention.counted is None and _of_them(sent, mention):
            mention.counted, mention.head = previous.counted, previous.head
        if mention.event in _COUNT_VERBS and previous.event not in _COUNT_VERBS and (
            mention.counted == previous.counted
        ):
            mention.event = previous.event


def _of_them(sent: Doc, mention: QuantityMention) -> bool:
    end = mention.quantity.end
    return bool(re.match(r"\s*of (?:them|those|these|which)\b", sent.text[end:]))


# --- 1. figures that are not claims -----------------------------------------------------------
def is_year(sent: Doc, figure: Figure) -> bool:
    """"in 2019", "the 2021 report", "between 2014 and 2017", "198 AD", "the first half of
    2015"; not "2000 people"."""
    after_of = _tokens_at(sent, figure.end, 2)
    if figure.unit == FRACTION and len(after_of) == 2 and after_of[0].lower_ == "of" and (
        _year_like(after_of[1])
    ):
        return True  # a part of a year is a time, not a share of something
    if figure.unit or figure.approx == VAGUE:
        return False
    before = sent[figure.start - 1].lower_ if figure.start else ""
    after = sent[figure.end].lower_ if figure.end < len(sent) else ""
    if before in _ERAS or after in _ERAS:
        return True
    anchor = sent[figure.anchor]
    ends = [anchor] if figure.approx != RANGE else [anchor, sent[figure.text_end - 1]]
    if not all(_year_like(token) for token in ends):
        return _after_year(sent, figure.anchor)
    head = anchor.head
    if anchor.dep_ == "nummod" and head.tag_ in ("NNS", "NNPS") and head.i > anchor.i:
        return False  # "2000 people", "1500 workers"
    if before in _YEAR_PREPOSITIONS or anchor.ent_type_ == "DATE":
        return True
    if head.i > anchor.i and head.tag_ in ("NN", "NNP"):
        return True  # "the 2021 inspection report"
    likely = _LIKELY_YEARS[0] <= int(anchor.text) <= _LIKELY_YEARS[1]
    return likely or anchor.ent_type_ not in ("CARDINAL", "QUANTITY", "MONEY")


def _year_like(token: Token) -> bool:
    text = token.text
    return len(text) == 4 and text.isdigit() and _YEARS[0] <= int(text) <= _YEARS[1]


def _after_year(sent: Doc, i: int) -> bool:
    """"2019-20": the second half of a season or fiscal year."""
    return i >= 2 and sent[i - 1].text in ("-", "/", "–") and _year_like(sent[i - 2])


def is_date(sent: Doc, figure: Figure) -> bool:
    """"14 March", "March 14", "Aug. 14", "14 of March", "from May 3 to 9", "on June 4 and 5":
    days next to a month name, or next to a day that is."""
    ends = (figure.value,) if figure.approx == EXACT else (figure.low, figure.high)
    if figure.unit or figure.approx not in (EXACT, RANGE) or not all(map(_is_day, ends)):
        return False
    return (
        _month_after(sent, figure.end) or _month_before(sent, figure.start)
        or _next_to_a_date(sent, figure.start - 1, -1) or _next_to_a_date(sent, figure.end, 1)
    )


def _is_day(value: float | None) -> bool:
    return value is not None and 1 <= value <= 31 and value == int(value)


def _month_after(sent: Doc, i: int) -> bool:
    after = _tokens_at(sent, i, 2)
    return bool(after) and (_is_month(after[0]) or (
        len(after) == 2 and after[0].lower_ == "of" and _is_month(after[1])
    ))


def _month_before(sent: Doc, i: int) -> bool:
    before = sent[max(i - 2, 0):i]
    return len(before) > 0 and (
        _is_month(before[-1]) or (before[-1].text == "." and _is_month(before[0]))
    )


def _next_to_a_date(sent: Doc, i: int, step: int) -> bool:
    """The other day of "June 4 and 5" or "4 and 5 June": a conjunction, a dated day."""
    day = i + step
    if not (0 <= i < len(sent) and 0 <= day < len(sent)) or sent[i].lower_ not in _DAY_LINKS:
        return False
    token = sent[day]
    if not (token.text.isdigit() and _is_day(int(token.text))):
        return False
    return _month_before(sent, day) if step == -1 else _month_after(sent, day + 1)


_DAY_LINKS = frozenset({"and", "or", "to", "through", "-", "–", "&", ","})


def _is_month(token: Token) -> bool:
    return token.is_title and token.lower_.rstrip(".") in MONTHS


def is_clock_time(sent: Doc, figure: Figure) -> bool:
    """"10 a.m.", "8 pm", "0401 GMT"."""
    after = _tokens_at(sent, figure.text_end, 1)
    return figure.unit is None and bool(after) and after[0].lower_ in _CLOCK_WORDS


def is_number_code(sent: Doc, figure: Figure) -> bool:
    """Phone numbers, scores and codes: "0800 555 0199", "won 2-1", "+44", a leading zero."""
    text = sent[figure.anchor].text
    if figure.approx == RANGE:
        # "12-29-2014", "12-23-46 PM": a third number glued on makes a date or a code
        return _glued_number(sent, figure.end, 1) or _glued_number(sent, figure.start - 1, -1)
    if figure.unit is not None:
        return False  # "87 mph (140 km/h)" a conversion, "+4.5%" a change: not codes
    if text.startswith("+") or (len(text) > 1 and text[0] == "0" and text[1].isdigit()):
        return True
    if _TIME_ZONE.match(text) or _LONG_ID.match(text):
        return True  # "-0500" an offset from UTC; "40517732" an account or case number
    after = _tokens_at(sent, figure.text_end, 1)
    if after and after[0].lower_ in _RADIO_BANDS:
        return True  # "98.4 FM"
    return _joined_number(sent, figure.start - 1, -1) or _joined_number(sent, figure.end, 1)


_TIME_ZONE = re.compile(r"[-+−](?:0\d|1[0-4])[0-5]\d$")
_LONG_ID = re.compile(r"\d{7,}$")  # seven digits or more with no thousands separator
_RADIO_BANDS = words("quantities", "radio_bands")
_PHONE_VERBS = words("quantities", "phone_verbs")
_PHONE_NOUNS = words("quantities", "phone_nouns")


def is_phone_number(sent: Doc, figure: Figure) -> bool:
    """"called 112", "dial 999", "a 911 call": a number that is called, not a count."""
    anchor = sent[figure.anchor]
    if figure.unit is not None or figure.approx != EXACT:
        return False
    before = sent[figure.start - 1] if figure.start else None
    head = anchor.head.lemma_.lower()
    if anchor.dep_ in ("nummod", "compound") and anchor.head.tag_ == "NN" and head in _PHONE_NOUNS:
        return True  # "a 911 call", "the 101 hotline"
    if anchor.dep_ == "nummod":
        return False  # "called 30 witnesses": a count of what was called
    return head in _PHONE_VERBS and anchor.dep_ in ("dobj", "npadvmod") or (
        before is not None and before.lemma_.lower() in _PHONE_VERBS and before.pos_ == "VERB"
    )


def _glued_number(sent: Doc, i: int, step: int) -> bool:
    """A dash or slash at ``i``, no space on either side, and a number beyond it."""
    if not (1 <= i < len(sent) - 1) or sent[i].text not in ("-", "/"):
        return False
    glued = not sent[i - 1].whitespace_ and not sent[i].whitespace_
    return glued and sent[i + step].like_num


def _joined_number(sent: Doc, i: int, step: int) -> bool:
    """A bare number reached from ``i`` over nothing but brackets, dashes and dots."""
    while 0 <= i < len(sent) and sent[i].text in ("(", ")", "-", "–", ".", "/"):
        if sent[i].text == "." and step == 1:
            return False  # the full stop that ends "won 2-1."
        i += step
    if not (0 <= i < len(sent) and sent[i].text.replace(",", "").isdigit()):
        return False
    # Going left, "2" in "2-1" is joined; "said 4,000" after a full stop is not.
    return step == 1 or bool(sent[i].whitespace_) or sent[i + 1].text != "."


def is_name_part(sent: Doc, figure: Figure) -> bool:
    """Numbers in names: "Route 9", "Boeing 737", "iPhone 11", "Covid -19", "5G", "No. 10"."""
    if figure.approx not in (EXACT, RANGE) or figure.unit is not None:
        return False  # a unit makes it a measure: "Tylenol 500mg", "a 640bhp V10"
    after = _tokens_at(sent, figure.end, 1)
    if after and not sent[figure.end - 1].whitespace_ and after[0].is_alpha:
        return True  # "5G", "3D": letters glued to the digits
    if figure.start and sent[figure.start:figure.end].text.lower() == "zero" and (
        sent[figure.start - 1].pos_ in ("NOUN", "PROPN")
        or (sent[figure.start - 1].pos_ == "ADJ" and sent[figure.start - 1].dep_ in _NOMINAL_DEPS)
    ):
        return True  # "patient zero", "ground zero": a noun named by the word
    if figure.start and _names_the_number(sent[figure.start - 1]):
        return True
    anchor = sent[figure.anchor]
    if anchor.ent_type_ not in _NAME_ENTITIES:
        return False
    # "the 787 Dreamliner" tagged as a product: a capitalised name word shares the entity
    entity = next((ent for ent in sent.ents if ent.start <= anchor.i < ent.end), ())
    return any(
        token.pos_ == "PROPN" and token.is_title and not figure.start <= token.i < figure.end
        for token in entity
    )


def _names_the_number(before: Token) -> bool:
    """The word before a number makes it a name: capitalised ("Gate 3"), a label ("page 2")."""
    if before.lower_ in _LABELS:
        return True
    if before.text == "." and before.i and before.nbor(-1).lower_ == "no":
        return True  # "No. 10"
    camel = before.is_alpha and any(char.isupper() for char in before.text[1:])
    if camel or (before.is_upper and before.is_alpha and len(before) > 1):
        return before.lower_ not in ("us", "u.s.")  # "iPhone 11", "KA 417", "COVID -19"
    if not before.is_title or before.lower_ in ("i", "a", "an", "the") or _is_month(before):
        return False
    return before.pos_ in ("PROPN", "NOUN", "X") or (before.pos_ == "ADJ" and before.i > 0)


def is_address(sent: Doc, figure: Figure) -> bool:
    """"14 Harbour Street", "22 Quay Road": a house number before a street name."""
    if figure.unit or figure.approx != EXACT:
        return False
    after = _tokens_at(sent, figure.end, 4)
    for token in after:
        if not token.is_title:
            return False
        if token.i != after[0].i and token.lower_.rstrip(".") in _STREET_WORDS:
            return True
    return False


def is_page_furniture(sent: Doc, figure: Figure) -> bool:
    """"42 comments", "3 min read", "Kelmar 9°C", "10 things to pack", list numbering."""
    after = [token.lower_ for token in _tokens_at(sent, figure.end, 1)]
    if figure.unit == "minute" and after == ["read"]:
        return True
    furniture_word = bool(after) and after[0] in _FURNITURE
    # a label and its reading, as in a weather widget: "Kelmar 9°C Light rain"
    label = figure.start > 0 and sent[figure.start - 1].pos_ == "PROPN"
    if (furniture_word or label) and not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return True
    if figure.start == 0 and figure.unit is None:
        # "1. Pack water", a line that is only "3.", "10 things to pack"
        return not after or after[0] in (".", ")") or after[0] in _LISTICLE
    return False


def is_person_age(sent: Doc, figure: Figure) -> bool:
    """Ages of people: "a 19-year-old man", "Mira Dovan, 54,", "aged 25 to 54"."""
    low = figure.low if figure.low is not None else figure.value
    if low is None or low >= _PERSON_AGE_LIMIT:
        return False
    before = [token.lower_ for token in sent[max(figure.start - 6, 0):figure.start]]
    if _after_age_word(before):
        return True  # "aged 25 to 54", "at the age of 57", "between the ages of 39 and 74"
    after = [token.lower_ for token in _tokens_at(sent, figure.end, 2)]
    if figure.unit in ("year", "month", "week", "day") and _AGE_AFTER & set(after):
        return True  # "a 19-year-old", "four years younger"
    if figure.unit or figure.approx != EXACT or figure.start < 2 or low != int(low):
        return False
    # "Mira Dovan, 54, said", "the mayor, 61,": entity labels are no help here, the model
    # often calls the name a place and the age a date
    closed = not after or after[0] in (",", ")", ";")
    opener = figure.start - 1
    if sent[opener].pos_ == "ADV" and opener > 1:
        opener -= 1  # "Casey Dean, then 14,"
    named = sent[opener - 1]
    if sent[opener].text in (",", "(") and closed and (
        named.pos_ == "PROPN" or (named.pos_ == "NOUN" and named.tag_ == "NN")
    ):
        return True
    if sent[opener].lower_ == "of" and named.lemma_.lower() in _ONE_PEOPLE and (
        figure.end >= len(sent) or sent[figure.end].pos_ not in ("NOUN", "PROPN")
    ):
        return True  # "a man of 31"
    return _age_as_predicate(sent, figure)


_AGE_AFTER = frozenset({"old", "olds", "younger", "older"})


def _after_age_word(before: list[str]) -> bool:
    """"aged 25", "age of 57", "ages of 39 and 74", "in age from 17 to over 40": an age word,
    then only prepositions, a determiner and the other end of the ages."""
    for word in reversed(before):
        if word in _AGE_WORDS:
            return True
        if word not in _AGE_LINKS and not word.replace(".", "").isdigit():
            return False
    return False


_AGE_LINKS = frozenset({"of", "from", "between", "the", "and", "to", "or", "over", "under"})


# Pronouns of one person, whose bare number after "is" is an age: "she was eight".
_PERSON_PRONOUNS = frozenset({"he", "she", "i", "you"})


def _age_as_predicate(sent: Doc, figure: Figure) -> bool:
    """"By the time she was eight", "Mira is now 19", "the children were 6 and 5 respectively":
    a bare number said of a person with "be" (or "turns") is their age."""
    # "is now 19", "were, at that time, 6 and 5": adverbs, asides and the other ages between
    between = sent[max(figure.start - 8, 0):figure.start]
    verb = next((t for t in reversed(between) if t.pos_ in ("AUX", "VERB")), None)
    if verb is None:
        return False
    turns = verb.lemma_ == "turn" and verb.i == figure.start - 1  # "when he turns 18"
    is_ = verb.lemma_ == "be" and verb.pos_ == "AUX" and not any(
        t.lower_ in ("not", "n't") for t in sent[verb.i:figure.start]
    )
    if not (turns or is_):
        return False
    i = verb.i
    if figure.end < len(sent) and sent[figure.end].tag_ in ("NNS", "NNPS"):
        return False  # "the victims were 12 children": a count
    subject = next((c for c in sent[i].children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    one = subject.lower_ in _PERSON_PRONOUNS or (
        subject.tag_ == "NNP" and subject.ent_type_ in ("PERSON", "")
    ) or (subject.tag_ == "NN" and subject.lemma_.lower() in _ONE_PEOPLE)
    several = subject.tag_ == "NNS" and subject.lemma_.lower() in _ONE_PEOPLE and any(
        token.lower_ == "respectively" for token in sent
    )
    return one or several


def is_pronominal_number(sent: Doc, figure: Figure) -> bool:
    """"The two met", "conflate the two": a number standing for people or things named before,
    not a count of them."""
    anchor = sent[figure.anchor]
    if figure.unit or figure.approx != EXACT or figure.start == 0 or (
        sent[figure.start - 1].lower_ not in _ANAPHORIC_DETERMINERS
    ):
        return False
    if anchor.dep_ in ("nummod", "quantmod", "compound") or (
        figure.end < len(sent) and sent[figure.end].pos_ in ("NOUN", "PROPN")
    ):
        return False  # "the two ministers": it counts its noun
    of_noun = next((_object_of(c) for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return of_noun is None or of_noun.pos_ == "PRON"  # "the two of them"; not "the two of our ships"


_ANAPHORIC_DETERMINERS = frozenset({"the", "these", "those"})


def is_relative_time(sent: Doc, figure: Figure) -> bool:
    """"two weeks ago", "three days later", "in the last three months", "over three decades":
    a time reckoned from another moment frames a claim; it is not one."""
    if figure.unit not in TIME_UNITS:
        return False
    noun = sent[figure.end - 1]
    after = _tokens_at(sent, figure.end, 1)
    lasting = figure.start > 0 and sent[figure.start - 1].lower_ == "for"
    if after and after[0].lower_ in _RELATIVE_AFTER and not lasting and (
        after[0].lower_ not in ("before", "after") or noun.head.i == after[0].i
    ):
        # "two weeks ago", "three days before the vote"; not "stranded for three days after
        # the crash" or "lasted ten minutes before landing"
        return True
    before = sent[figure.start - 1].lower_ if figure.start else ""
    if before in _TIME_FRAMES and noun.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr"):
        return True  # "in the last three months"; not "has spent the last 200 days"
    first = sent[figure.start]
    spanned = noun.dep_ == "pobj" and noun.head.lower_ in _SPAN_PREPOSITIONS
    return spanned or (first.lower_ in _SPAN_PREPOSITIONS and first.dep_ == "prep")


_RELATIVE_AFTER = words("quantities", "relative_after")
_TIME_FRAMES = words("quantities", "time_frames")
_SPAN_PREPOSITIONS = words("quantities", "span_prepositions")


def is_compound_word(sent: Doc, figure: Figure) -> bool:
    """Numbers inside words and names: "two-headed", "a one-eyed cat"; "1 WTC offices" (one
    with a plural is no count); "a five star hotel" (a rating); "iPhone 6 and 6 Plus" (the
    other of two named numbers)."""
    if figure.unit is not None or figure.approx != EXACT:
        return False
    after = _tokens_at(sent, figure.end, 2)
    if len(after) == 2 and after[0].text == "-" and not sent[figure.end - 1].whitespace_ and (
        not after[0].whitespace_ and after[1].tag_ in ("JJ", "VBN") and after[1].lower_.endswith("ed")
    ):
        return True
    anchor = sent[figure.anchor]
    if figure.value == 1 and anchor.dep_ == "nummod" and anchor.head.tag_ in ("NNS", "NNPS") and (
        anchor.head.i > anchor.i + 1
    ):
        return True
    following = sent[figure.end] if figure.end < len(sent) else None
    if following is not None and following.tag_ == "NN" and (
        following.lemma_.lower() in _RATING_NOUNS
    ):
        return True  # "a four and a half star hotel": a rating, not a count of stars
    before = sent[max(figure.start - 3, 0):figure.start]
    return len(before) == 3 and before[2].lower_ in ("and", "or", ",") and before[1].like_num and (
        _names_the_number(before[0])
    )


_RATING_NOUNS = words("quantities", "rating_nouns")
_ONE_PEOPLE = words("quantities", "one_people")


def is_pronoun_one(sent: Doc, figure: Figure) -> bool:
    """A bare "one" that counts nothing: "one of the best", "no one", "one official said",
    "one day", "one song". English uses "one" mostly as an indefinite; it is a figure when
    hedged ("at least one", "only one") or when it counts people an outcome befell ("one
    person was killed", "one injured")."""
    anchor = sent[figure.anchor]
    if anchor.lower_ != "one" or figure.unit or figure.approx != EXACT:
        return False
    if figure.start > 0 and sent[figure.start - 1].lower_ in ("only", "just", "single"):
        return False
    if figure.start > 0 and sent[figure.start - 1].lower_ in ("no-", "no") or (
        figure.start > 1 and sent[figure.start - 1].text == "-"
        and sent[figure.start - 2].lower_ == "no"
    ):
        return True  # "no one", "No-one was hurt": nobody
    noun = anchor.head if anchor.dep_ in ("nummod", "quantmod") else anchor
    outcome = _HUMAN_PREDICATES & {noun.head.lemma_.lower(), *(c.lemma_.lower() for c in noun.children)}
    nxt = sent[figure.text_end].lower_ if figure.text_end < len(sent) else ""
    counts_people = noun.lemma_.lower() in _ONE_PEOPLE or noun is anchor
    return not (counts_people and (outcome or nxt in _PEOPLE_STATES))


NOT_CLAIMS: tuple[Callable[[Doc, Figure], bool], ...] = (
    is_year, is_date, is_clock_time, is_number_code, is_name_part, is_address,
    is_page_furniture, is_person_age, is_pronoun_one, is_pronominal_number, is_relative_time,
    is_phone_number, is_compound_word,
)  # fmt: skip


# --- 2.-4. adjusting the figure to its sentence -----------------------------------------------
def _as_metres(sent: Doc, figure: Figure) -> Figure:
    """"a 37m yacht": one thing with a glued "m" is metres long, not 37 million of it; "37m
    phones" and "£37m" stay millions."""
    glued = sent[figure.anchor:figure.end].text
    if figure.unit is not None or figure.value is None or not re.fullmatch(r"[\d.,]+m", glued) or (
        figure.start == 0 or sent[figure.start - 1].lower_ not in ("a", "an")
    ):
        return figure
    noun = sent[figure.end] if figure.end < len(sent) else None
    if noun is None or noun.tag_ != "NN" or not any(
        token.head.i == noun.i for token in sent[figure.anchor:figure.end]
    ):
        return figure
    value = figure.value / 1e6
    return Figure(figure.start, figure.end, figure.anchor, value, value, value, figure.approx,
                  "m", figure.text_end)


def _without_particle(sent: Doc, figure: Figure) -> Figure:
    """"went up to 94", "handed over 300 weapons": a verb particle is no approximation."""
    first = sent[figure.start]
    if figure.approx not in (UP_TO, AT_LEAST) or first.lower_ not in ("up", "over"):
        return figure
    attached_outside = first.head.pos_ == "VERB" and not figure.start <= first.head.i < figure.end
    before = sent[figure.start - 1] if figure.start else first
    if before.lower_ == "back" and before.i:
        before = before.nbor(-1)  # "inching back up to 4.8 percent"
    after_verb = first.lower_ == "up" and before.pos_ == "VERB" and before.lemma_ in _MOVE_VERBS
    if not (after_verb or (first.dep_ in ("prt", "advmod") and attached_outside)):
        return figure
    start = figure.anchor - 1 if sent[figure.anchor - 1].text in _CURRENCY_TOKENS else (
        figure.anchor
    )
    value = figure.value if figure.value is not None else figure.low
    return Figure(start, figure.end, figure.anchor, value, value, value, EXACT, figure.unit,
                  figure.text_end)


def _levels(sent: Doc, figure: Figure) -> Iterable[Figure]:
    """"rose from 50 to 60": under a change verb "from A to B" is two levels, not a range."""
    if figure.parts is not None and sent[figure.start].head.lemma_ in _LEVEL_VERBS:
        return figure.parts
    return (figure,)


def _is_conversion(sent: Doc, previous: Figure, figure: Figure) -> bool:
    """"87 mph (140 km/h)", "224 kW / 300 PS": the same amount in another unit."""
    between = sent[previous.end:figure.start]
    return (
        figure.unit is not None and previous.unit is not None and figure.unit != previous.unit
        and len(between) == 1 and between[0].text in ("(", "/")
    )


def _converted(sent: Doc, original: QuantityMention, figure: Figure) -> QuantityMention:
    """A conversion says what the figure before it says: approximation, counted, event."""
    mention = _describe(sent, figure)
    before = original.quantity
    quantity = mention.quantity
    if before.approx not in (EXACT, RANGE, VAGUE) and quantity.approx == EXACT:
        quantity.approx = before.approx
        quantity.low = quantity.value if before.low is not None else None
        quantity.high = quantity.value if before.high is not None else None
    quantity.trend = quantity.trend or before.trend
    mention.head, mention.counted = original.head, original.counted
    mention.subject, mention.event = original.subject, original.event
    return mention


# --- 5. reading the figure from the tree ------------------------------------------------------
_PEOPLE_STATES = table("quantities", "people_states")


def _people_state(sent: Doc, figure: Figure) -> str | None:
    after = figure.text_end
    if figure.unit is not None or after >= len(sent) or sent[after].lower_ not in _PEOPLE_STATES:
        return None
    if after + 1 < len(sent) and sent[after + 1].pos_ in ("NOUN", "PROPN"):
        return None  # "14 dead fish": the adjective modifies a noun of its own
    return _PEOPLE_STATES[sent[after].lower_]


_SETTLEMENTS = words("quantities", "settlements")
_LIVES = words("quantities", "lives")
_SCOPE_PREPOSITIONS = words("quantities", "scope_prepositions")


def _event(sent: Doc, figure: Figure, predicate: Token | None, counted_token: Token | None) -> str | None:
    """The lemma of what happened to the counted thing, with idioms the parse hides."""
    if counted_token is not None and _in_a_settlement(counted_token):
        return "live"
    after = figure.text_end
    if after < len(sent) and sent[after].lemma_ == "be" and sent[after].pos_ == "AUX":
        # "and at least 60 were unaccounted for": the predicate follows the bare number
        adjective = next((c for c in sent[after].children if c.dep_ in ("acomp", "attr")), None)
        if adjective is not None:
            return adjective.lemma_.lower()
    described = _described_by_clause(counted_token)
    if predicate is None:
        # A bare copula governs: "thousands of people are without safe drinking water"
        predicate = next((t for t in sent[figure.anchor].ancestors if t.lemma_ == "be"), None)
        if predicate is None:
            return described
    if described and predicate.lemma_.lower() in _STATE_VERBS:
        return described  # "the number of people who had fled ... could be closer to 10,000"
    lemma = predicate.lemma_.lower()
    if lemma == "lose" and any(c.lemma_.lower() in _LIVES for c in predicate.children if c.dep_ == "dobj"):
        return "die"  # "31 people lost their lives"
    if lemma == "have" and any(
        c.dep_ == "dobj" and any(d.lower_ == "no" for d in c.children) for c in predicate.children
    ):
        return "lack"  # "tens of thousands of people have no safe drinking water"
    if lemma in _STATE_VERBS:
        if any(c.dep_ == "prep" and c.lower_ == "without" for c in predicate.children):
            return "lack"  # "... are without safe drinking water"
        return _state(predicate) or lemma
    return lemma


def _state(verb: Token) -> str | None:
    """The state a verb of being puts its subject in: "remain missing", "remain in shelters"."""
    state = next((c for c in verb.children if c.dep_ in ("acomp", "oprd")), None)
    if state is not None:
        return state.lemma_.lower()
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        place = next((c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"), None)
        where = " ".join(filter(None, (prep.lower_, place)))
        if where in _STATE_PLACES:
            return _STATE_PLACES[where]
    return None


def _described_by_clause(noun: Token | None) -> str | None:
    """The verb of a clause that says what happened to the counted noun: "people who fled",
    "people evacuated from the valley"."""
    if noun is None:
        return None
    verb = next((c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"), None)
    return verb.lemma_.lower() if verb is not None else None


_STATE_VERBS = words("quantities", "state_verbs")
_STATE_PLACES = table("quantities", "state_places")


def _in_a_settlement(noun: Token) -> bool:
    """The counted noun is a place's population: "a town of N people", "home to N"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("of", "to") and (
        head.head.lemma_.lower() in _SETTLEMENTS or (head.lower_ == "to" and head.head.lower_ == "home")
    ):
        return True
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    return owner is not None and owner.lemma_.lower() in _SETTLEMENTS and noun.lemma_.lower() in (
        "resident", "inhabitant", "people", "population", "citizen")


def _scope(counted_token: Token | None) -> str | None:
    """A place the figure is explicitly limited to: "the toll in Lusk Ferry alone"."""
    if counted_token is None:
        return None
    for prep in counted_token.children:
        if prep.dep_ != "prep" or prep.lower_ not in _SCOPE_PREPOSITIONS:
            continue
        place = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if place is None or place.pos_ != "PROPN":
            continue
        limited = any(c.lower_ in ("alone", "only") for c in place.children) or (
            place.i + 1 < len(place.doc) and place.doc[place.i + 1].lower_ in ("alone", "only"))
        if limited:
            return " ".join(t.text for t in place.subtree if t.pos_ == "PROPN")
    return None


def _describe(sent: Doc, figure: Figure) -> QuantityMention:
    root = _coordinated(_root(sent, figure))
    predicate = _predicate(root)
    counted_token, counted = _counted(sent, figure, root)
    state = _people_state(sent, figure)
    after_preposition = figure.start and sent[figure.start - 1].lower_ in _LEVEL_PREPOSITIONS
    start = sent[figure.start].idx
    last = sent[figure.text_end - 1]
    # "for €12m." at the end of a sentence: the full stop stays on the abbreviation token
    stop = len(last) > 1 and last.text[-1] == "." and last.text[-2].isalpha()
    end = last.idx + len(last) - stop
    quantity = Quantity(
        text=sent.text[start:end],
        start=start,
        end=end,
        value=figure.value,
        low=figure.low,
        high=figure.high,
        approx=figure.approx,
        unit=figure.unit,
        # "rose to 94", "up from 50": a figure after these prepositions is a level
        trend=None if after_preposition else _trend(_phrase_root(root, figure)),
    )
    if state is not None:
        return QuantityMention(quantity=quantity, anchor=figure.anchor, head=None,
                               counted="people", subject=None, event=state)
    return QuantityMention(
        quantity=quantity,
        anchor=figure.anchor,
        head=counted_token.i if counted_token is not None else None,
        counted=counted,
        subject=_subject(predicate, counted_token, figure),
        event=_event(sent, figure, predicate, counted_token),
        scope=_scope(counted_token),
    )


def _root(sent: Doc, figure: Figure) -> Token:
    """The figure's token that attaches it to the rest of the sentence (the unit, if any)."""
    inside = range(figure.start, figure.end)
    candidates = [
        token for token in sent[figure.start:figure.end]
        if token.head.i not in inside or token.head.i == token.i
    ]
    nominal = [t for t in candidates if t.pos_ in ("NOUN", "PROPN", "NUM", "SYM", "ADJ", "X")]
    if nominal:
        return nominal[-1]
    return candidates[0] if candidates else sent[figure.anchor]


def _coordinated(root: Token) -> Token:
    """"190 points, or 0.6%": a figure given as another's equivalent shares its attachment."""
    if root.dep_ in ("conj", "appos") and any(
        child.like_num or child.dep_ == "nummod" for child in root.head.children
    ):
        return root.head
    return root


def _phrase_root(root: Token, figure: Figure) -> Token:
    """Where a count attaches through its noun: "grew by 125,600 positions"."""
    if root.dep_ == "nummod" and figure.unit is None and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    return root


def _governor(root: Token) -> tuple[str | None, Token]:
    """The word the figure depends on, through a preposition: ("by", fell) for "fell by 3,000"."""
    head = root.head
    if root.dep_ == "pobj" and head.pos_ == "ADP":
        return head.lower_, head.head
    return None, head


def _trend(root: Token) -> str | None:
    """"up"/"down" when the figure is a change ("rose 19 per cent", "fell by 3,000")."""
    if root.head.i == root.i:
        return None
    preposition, governor = _governor(root)
    if preposition == "by" or (preposition == "of" and governor.pos_ == "NOUN"):
        return _direction(governor)  # "fell by 3,000", "cut by half", "an increase of 200"
    if preposition is None and root.dep_ in _CHANGE_DEPS:
        return _direction(governor)  # "rose 19%", "a 19% drop", "up 5%", "0.7% higher"
    return None


def _direction(word: Token) -> str | None:
    lemma = word.lemma_.lower()
    if lemma in _UP_WORDS or word.lower_ in _UP_WORDS:
        return "up"
    if lemma in _DOWN_WORDS or word.lower_ in _DOWN_WORDS:
        return "down"
    if lemma in _NEUTRAL_CHANGE:
        for child in word.children:
            if child.dep_ in ("prt", "advmod") and child.lower_ in ("up", "higher"):
                return "up"
            if child.dep_ in ("prt", "advmod") and child.lower_ in ("down", "lower"):
                return "down"
    return None


def _predicate(root: Token) -> Token | None:
    """The content predicate that governs the figure, climbing past reporting verbs."""
    token = root
    while token.head.i != token.i:
        token = token.head
        candidate = token
        if token.lemma_ == "be":
            # "60 were unaccounted for", "210 people are missing": the adjective predicates
            candidate = next((c for c in token.children if c.dep_ == "acomp"), token)
        if candidate.pos_ == "VERB" and candidate.lemma_.lower() not in _REPORTING_VERBS:
            return _main_verb(candidate)
        if candidate.pos_ == "ADJ" and candidate.lemma_.lower() in _HUMAN_PREDICATES and (
            candidate.dep_ not in _NOMINAL_DEPS  # "14 dead" names the counted, not the event
        ):
            return candidate
    return None


def _main_verb(verb: Token) -> Token:
    """"would have to be demolished": the verb a control verb hands its subject to."""
    while verb.lemma_.lower() in _CONTROL_VERBS:
        governed = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if governed is None:
            break
        verb = governed
    return verb


def _says_where(sent: Doc, figure: Figure) -> bool:
    """A distance followed by a bearing ("50 miles north"), or by "away" or "from" ("hundreds
    of miles from the border"), after any conversion in brackets ("70 km (45 miles) south")."""
    i = figure.end
    if i < len(sent) and sent[i].text == "(":
        i = next((t.i + 1 for t in sent[i:i + 6] if t.text == ")"), i)
    elif i < len(sent) and sent[i].text == ")":
        i += 1  # the conversion itself
    if i >= len(sent):
        return False
    word = sent[i].lower_
    return word in _BEARINGS or (figure.unit in _LENGTH_UNITS and word in _PLACE_WORDS)


_LENGTH_UNITS = words("units", "length_units")
_PLACE_WORDS = frozenset({"away", "apart", "from"})


def _counted(sent: Doc, figure: Figure, root: Token) -> tuple[Token | None, str | None]:
    """What the figure counts or measures, as (head token, phrase)."""
    inside = range(figure.start, figure.end)
    if _says_where(sent, figure):
        return None, None  # "a hospital 50 miles north of the capital": where, not what
    # its own complement: "hundreds of homes", "cubic metres of water", "8% of electricity"
    for token in sent[figure.start:figure.end]:
        for child in token.children:
            if child.dep_ == "prep" and child.i not in inside and (
                child.lower_ == "of" or (child.lower_ == "in" and figure.unit in MONEY)
            ):
                noun = _object_of(child)
                if noun is not None:
                    return _measured(noun, figure, inside)
    # the noun it modifies: "4,000 people", "a $500 payment", "a 6.1-inch display"
    head = root.head
    if root.dep_ in _NOUN_MODIFIER_DEPS and head.i > root.i and head.i not in inside and (
        head.pos_ in ("NOUN", "PROPN") or (head.pos_ == "ADJ" and head.dep_ in _NOMINAL_DEPS)
    ):
        return _changed(head, inside) if _direction(head) else _measured(head, figure, inside)
    preposition, governor = _governor(root)
    # "a payment of $500", "an estimated cost of $12 million", "an increase of 200"
    if preposition == "of" and governor.pos_ == "NOUN":
        if _direction(governor):
            return _changed(governor, inside)
        return _measured(governor, figure, inside)
    # a clause around it: "the toll stands at 86", "output fell 19%", "put the cost at"
    return _from_clause(root, governor, preposition, figure, inside)


def _from_clause(
    root: Token, governor: Token, preposition: str | None, figure: Figure, inside: range
) -> tuple[Token | None, str | None]:
    verb = governor
    while verb.pos_ in ("ADV", "ADJ", "ADP") and verb.head.i != verb.i and (
        verb.lower_ in ("up", "down", "higher", "lower") or verb.dep_ in ("acomp", "advmod")
    ):
        verb = verb.head  # "was up 9.4%", "is 72.7 metres long"
    if preposition in _VALUE_PREPOSITIONS and verb.pos_ in ("NOUN", "PROPN"):
        if _is_quantity(verb):
            return None, None  # "rose 0.7 percent to 6,327.80": attached to the other figure
        return _measured(verb, figure, inside)  # "the damage at $780 million", "homes from $1m"
    if verb.pos_ not in ("VERB", "AUX", "ADJ"):
        return None, None
    if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "dobj" and root.pos_ == "NUM"):
        # a bare number as subject or object: "at least 60 were unaccounted for", "police
        # arrested 40"
        predicate = _predicate(root)
        human = predicate is not None and (
            predicate.lemma_.lower() in _HUMAN_PREDICATES
            # "219 remain in custody": a state only people are in
            or (predicate.lemma_.lower() in _STATE_VERBS and _state(predicate) in _HUMAN_PREDICATES)
        )
        if human and figure.unit is None:
            return None, "people"
        if root.dep_ != "dobj":
            return None, None
    if preposition in ("at", "to", "for", "from") and verb.lemma_.lower() not in _NEUTRAL_CHANGE and (
        preposition != "for" or figure.unit in MONEY  # "store wine for 20 years": how long
    ):
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.i not in inside]
        if objects and not _is_quantity(objects[0]):
            # "put the cost of X at", "raised its count to", "is selling the phone for"
            return _measured(objects[0], figure, inside)
    if verb.lemma_.lower() not in _VALUING_VERBS and verb.dep_ != "acl":
        # "A farmer spent $15,000": the farmer paid, and is not what is counted; a participle
        # still describes its noun ("people displaced at 7,000")
        return None, None
    if preposition not in (None, "at", "to", "from", "by") and not (
        preposition == "for" and figure.unit in MONEY
    ):
        return None, None  # "reached 80 km/h in 8 seconds": a time or place around the claim
    subject = _clause_subject(verb)
    if subject is None or subject.i in inside:
        return None, None
    return _measured(subject, figure, inside)


# Verbs whose subject is what the figure measures: "repairs cost $12 million", "the toll
# stands at 86", "demand fell 4%"; other verbs' subjects are agents ("police arrested 40").
_VALUING_VERBS = _LEVEL_VERBS | words("quantities", "valuing_verbs")


def _is_quantity(noun: Token) -> bool:
    """A noun that heads a figure of its own: "190 points", "450 Nm", "a volley of four"."""
    return noun.like_num or any(
        (c.dep_ == "nummod" and c.like_num)
        or (c.dep_ == "prep" and c.lower_ == "of" and any(o.like_num for o in c.children))
        for c in noun.children
    )


def _clause_subject(verb: Token) -> Token | None:
    """The subject of a verb, inherited along xcomp and conj chains; a csubj's object."""
    for _ in range(4):
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "repairs costing $12 million", "people evacuated ... to 8,000"
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                    return verb.head  # "Ford, which has 13,000 workers"
                return None if child.pos_ == "PRON" else child
            if child.dep_ == "csubj":
                # "repairing the damage would cost ...": what the clause acts on
                return next((c for c in child.children if c.dep_ == "dobj"), None)
        if verb.dep_ not in ("xcomp", "conj", "ccomp") or verb.head.i == verb.i:
            return None
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _REPORTING_VERBS:
            return None  # "there will be dozens more, Hunter said": the speaker is no subject
        verb = verb.head
    return None


def _object_of(preposition: Token) -> Token | None:
    return next((child for child in preposition.children if child.dep_ == "pobj"), None)


def _measured(noun: Token, figure: Figure, inside: range) -> tuple[Token | None, str | None]:
    """Look through nouns that only stand for a quantity: "the number of people" -> people."""
    lemma = noun.lemma_.lower()
    complement = next(
        (_object_of(c) for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "for")),
        None,
    )
    if complement is not None and complement.i in inside:
        complement = None  # "an estimate of $450 million": the figure itself
    if lemma == "toll" and complement is None:
        return noun, "deaths"  # "the death toll", "the toll": in news, deaths
    money = figure.unit in MONEY
    if complement is not None and (lemma in _MEASURE_NOUNS or (lemma in _PRICE_NOUNS and money)):
        return _measured(complement, figure, inside)
    if lemma in _PRICE_NOUNS and money and noun.dep_ == "pobj" and noun.head.lower_ == "at":
        # "repairs at an estimated cost of $12 million": what the cost is of
        owner = noun.head.head
        if owner.pos_ == "VERB":
            owner = next((c for c in owner.children if c.dep_ == "dobj"), owner)
        if owner.pos_ in ("NOUN", "PROPN"):
            return owner, _phrase(owner, inside)
    if noun.pos_ == "PRON" or (lemma in _MEASURE_NOUNS and complement is None):
        return None, None
    # "the price of bottled water rose 40%": a measured attribute keeps what it is of
    with_of = noun.i < figure.start and figure.unit is not None
    return noun, _phrase(noun, inside, with_of=with_of)


def _changed(noun: Token, inside: range) -> tuple[Token | None, str | None]:
    """"a 19% drop in the index": the thing that changes, when the sentence names it."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "for", "of"):
            target = _object_of(child)
            if target is not None and target.i not in inside:
                return target, _phrase(target, inside)
    return None, None


def _phrase(noun: Token, inside: range, *, with_of: bool = False) -> str:
    """The noun with its compounds, adjectives and conjuncts, without determiners or figures."""
    tokens = sorted(_modifiers(noun, inside) + [noun], key=lambda token: token.i)
    text = _join(tokens)
    for child in noun.children:
        if child.i in inside:
            continue
        if with_of and child.dep_ == "prep" and child.lower_ == "of":
            target = _object_of(child)
            if target is not None and target.i not in inside and target.pos_ != "PRON":
                text = f"{text} of {_phrase(target, inside)}"
        elif child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") and not _is_quantity(child):
            # "mud and debris"; but "2.1 million soldiers, 900,000 reservists and 4 million
            # militia" are three figures, each counting its own noun
            conjunction = next((c.text for c in noun.children if c.dep_ == "cc"), "and")
            text = f"{text} {conjunction} {_phrase(child, inside)}"
    return text


def _modifiers(noun: Token, inside: range) -> list[Token]:
    found = []
    for child in noun.children:
        if child.i in inside:
            continue
        if child.like_num and noun.pos_ == "PROPN" and child.i == noun.i + 1:
            found.append(child)  # a number in a name: "S&P 500"
        elif child.i < noun.i and child.dep_ in _MODIFIER_DEPS and not _has_digit(child) and (
            child.pos_ not in ("DET", "PRON", "PUNCT", "NUM")
            and child.lower_ not in _DROPPED_MODIFIERS
        ):
            found.extend(_modifiers(child, inside))
            found.append(child)
    return found


def _has_digit(token: Token) -> bool:
    """A number or a piece of one ("4.3M", "30s"): never part of what is counted."""
    if token.like_num or any(char.isdigit() for char in token.text):
        return True
    before = token.nbor(-1) if token.i else None  # the "M" of "4.3 M" read as one figure
    return before is not None and not before.whitespace_ and before.like_num


def _join(tokens: list[Token]) -> str:
    """Token texts with the sentence's own spacing where they are adjacent, each hyphenated
    word whole: "low-flying helicopters", not "flying helicopters"."""
    whole = sorted({part for token in tokens for part in _hyphenated(token)}, key=lambda t: t.i)
    tokens = whole or tokens
    parts = []
    for token, following in zip(tokens, tokens[1:]):
        parts.append(token.text + (token.whitespace_ if following.i == token.i + 1 else " "))
    parts.append(tokens[-1].text)
    return "".join(parts).strip()


def _hyphenated(token: Token) -> list[Token]:
    """The tokens of the hyphenated word a token is part of ("loan-to-value"); none when the
    word holds a number ("13-inch", "20-year-old"): that is another figure, not the thing."""
    doc, start, end = token.doc, token.i, token.i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and (
        not doc[start - 1].whitespace_
    ):
        start -= 2
    while end + 2 < len(doc) and doc[end + 1].text == "-" and not doc[end].whitespace_ and (
        not doc[end + 1].whitespace_
    ):
        end += 2
    word = list(doc[start:end + 1])
    if len(word) > 1 and any(_has_digit(part) for part in word if part.text != "-"):
        return []
    return word


def _subject(predicate: Token | None, counted: Token | None, figure: Figure) -> str | None:
    """Who or what the claim is about: the predicate's subject or agent, else a possessor or a
    named place."""
    inside = range(figure.start, figure.end)
    if predicate is not None:
        subject = _clause_subject(predicate) or _agent(predicate)
        if subject is not None and subject.i not in inside and (
            counted is None or subject.i != counted.i
        ):
            return _phrase(subject, inside)
    if counted is not None:
        for child in counted.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                return _phrase(child, inside)
    return _location(predicate, counted, inside)


def _agent(verb: Token) -> Token | None:
    agent = next((child for child in verb.children if child.dep_ == "agent"), None)
    return _object_of(agent) if agent is not None else None


def _location(predicate: Token | None, counted: Token | None, inside: range) -> str | None:
    """A named place the clause happens in: "flooded across Dunmarra province"."""
    for word in (counted, predicate):
        if word is None:
            continue
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "across", "throughout", "from"):
                place = _object_of(child)
                if place is not None and place.i not in inside and (
                    place.ent_type_ in ("GPE", "LOC", "FAC")
                ):
                    return _phrase(place, inside)
    return None


def _tokens_at(sent: Doc, start: int, count: int) -> list[Token]:
    start = max(start, 0)
    return [sent[i] for i in range(start, min(start + count, len(sent)))]
