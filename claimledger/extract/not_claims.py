"""Numbers in a sentence that are not claims: years, dates, times of day, relative times
and spans in a known thing's name, codes, phone numbers, numbers in names and compounds,
addresses, page furniture, ages of people, vague counts in the background, counts of
speakers, and numbers that stand for something named before.

Each rule is a function ``(sentence, figure) -> bool``; ``NOT_CLAIMS`` lists them in the
order ``quantities`` applies them. Entity labels only break ties: the small English model
calls many counts DATE. Ages of people describe who someone is ("Mira Dovan, 54,", "a
19-year-old man"), so they would fill the ledger with measures nobody disputes; ages of
things ("a 2,900-year-old site") are kept. Scores ("won 2-1") are one result, not a quantity.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from claimledger.dates import MONTHS
from claimledger.extract.numbers import EXACT, FRACTION, RANGE, TIME_UNITS, VAGUE, Figure
from claimledger.extract.vocab import table, words

_CLOCK_WORDS = words("quantities", "clock_words")
_STREET_WORDS = words("quantities", "street_words")
_LABELS = words("quantities", "labels") | words("quantities", "rank_words")
_FURNITURE = words("quantities", "furniture")
_LISTICLE = words("quantities", "listicle")
_AGE_WORDS = words("quantities", "age_words")
_NAME_ENTITIES = frozenset({"PRODUCT", "ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW"})
_PERSON_AGE_LIMIT = 130  # years: "a 19-year-old man" is a person, "a 2,900-year-old site" not
_YEARS = (1200, 2199)  # a bare four-digit number in here may be a year
_LIKELY_YEARS = (1900, 2100)  # ... and in here is one unless the sentence says otherwise
_ERAS = words("quantities", "eras")
_YEAR_PREPOSITIONS = words("quantities", "year_prepositions")
# Shared with ``quantities``: predicates whose bare numeric subject is people, the
# dependencies of a noun phrase in a clause, and "14 dead"-style states of people.
HUMAN_PREDICATES = words("quantities", "human_predicates")
NOMINAL_DEPS = frozenset({"pobj", "nsubj", "nsubjpass", "dobj", "attr", "conj", "appos"})
PEOPLE_STATES = table("quantities", "people_states")


def is_year(sent: Doc, figure: Figure) -> bool:
    """"in 2019", "the 2021 report", "between 2014 and 2017", "198 AD", "the first half of
    2015"; not "2000 people"."""
    after_of = tokens_at(sent, figure.end, 2)
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
    after = tokens_at(sent, i, 2)
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
    after = tokens_at(sent, figure.text_end, 1)
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
    after = tokens_at(sent, figure.text_end, 1)
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
    after = tokens_at(sent, figure.end, 1)
    if after and not sent[figure.end - 1].whitespace_ and after[0].is_alpha:
        return True  # "5G", "3D": letters glued to the digits
    if figure.start and sent[figure.start:figure.end].text.lower() == "zero" and (
        sent[figure.start - 1].pos_ in ("NOUN", "PROPN")
        or (sent[figure.start - 1].pos_ == "ADJ" and sent[figure.start - 1].dep_ in NOMINAL_DEPS)
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
    after = tokens_at(sent, figure.end, 4)
    for token in after:
        if not token.is_title:
            return False
        if token.i != after[0].i and token.lower_.rstrip(".") in _STREET_WORDS:
            return True
    return False


def is_page_furniture(sent: Doc, figure: Figure) -> bool:
    """"42 comments", "3 min read", "Kelmar 9°C", "10 things to pack", list numbering."""
    after = [token.lower_ for token in tokens_at(sent, figure.end, 1)]
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
    if _after_age_word(before) or _under_age_word(sent[figure.anchor]):
        return True  # "aged 25 to 54", "at the age of 57", "between the ages of 39 and 74"
    after = [token.lower_ for token in tokens_at(sent, figure.end, 2)]
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


def _under_age_word(anchor: Token) -> bool:
    """The parse's way to an age word or an age verb over words between: "aged from infancy
    to 65" (the 65 is the object of "to", under "aged"), "hopes to live to 100"."""
    token = anchor
    for _ in range(4):
        if token.dep_ not in ("pobj", "prep", "conj"):
            return False
        child, token = token, token.head
        if token.lower_ in _AGE_WORDS or (
            child.lower_ == "to" and token.lemma_.lower() in _AGE_VERBS
        ):
            return True
    return False


_AGE_VERBS = words("quantities", "age_verbs")
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
    of_noun = next((object_of(c) for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return of_noun is None or of_noun.pos_ == "PRON"  # "the two of them"; not "the two of our ships"


_ANAPHORIC_DETERMINERS = frozenset({"the", "these", "those"})


def is_relative_time(sent: Doc, figure: Figure) -> bool:
    """"two weeks ago", "three days later", "in the last three months", "over three decades":
    a time reckoned from another moment frames a claim; it is not one."""
    if figure.unit not in TIME_UNITS:
        return False
    noun = sent[figure.end - 1]
    after = tokens_at(sent, figure.end, 1)
    lasting = figure.start > 0 and sent[figure.start - 1].lower_ == "for"
    if after and after[0].lower_ in _RELATIVE_AFTER and not lasting and (
        after[0].lower_ not in ("before", "after")
        or (noun.head.i == after[0].i and after[0].head.lemma_.lower() not in _DURATION_VERBS)
    ):
        # "two weeks ago", "three days before the vote"; not "stranded for three days after
        # the crash" or "lasted ten minutes before landing"
        return True
    before = sent[figure.start - 1].lower_ if figure.start else ""
    if before in _TIME_FRAMES and noun.dep_ not in ("dobj", "nsubj", "nsubjpass", "attr"):
        return True  # "in the last three months"; not "has spent the last 200 days"
    first = sent[figure.start]
    spanned = noun.dep_ == "pobj" and noun.head.lower_ in _SPAN_PREPOSITIONS
    return spanned or (first.lower_ in _SPAN_PREPOSITIONS and first.dep_ == "prep") or (
        _record_frame(noun)
    )


def is_known_span(sent: Doc, figure: Figure) -> bool:
    """"a second four-year term", "the army's five-year war": a span of time written into
    the name of a thing already known (owned, or counted by an ordinal) describes it; "a
    10-year sentence" and "the 13-minute speech" still say how long."""
    unit = sent[figure.end - 1]
    if figure.unit not in TIME_UNITS or figure.end - figure.anchor != 3 or (
        sent[figure.anchor + 1].text != "-" or unit.dep_ not in ("compound", "amod")
    ):
        return False
    thing = unit.head
    return thing.i > unit.i and any(
        child.dep_ == "poss" or child.ent_type_ == "ORDINAL"
        for child in thing.children if child.i < unit.i
    )


def _record_frame(noun: Token) -> bool:
    """"the third time in four years", "the worst drought in 50 years", "their highest level
    in 12 years": the span a first or a record is reckoned over frames it."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "in":
        return False
    owner = noun.head.head
    ranked = [owner, *(c for c in owner.children if c.dep_ in ("dobj", "attr"))]
    return any(child.tag_ in ("JJS", "RBS") or child.ent_type_ == "ORDINAL"
               for token in ranked for child in token.children)


_RELATIVE_AFTER = words("quantities", "relative_after")
_DURATION_VERBS = words("quantities", "duration_verbs")
_TIME_FRAMES = words("quantities", "time_frames")
_SPAN_PREPOSITIONS = words("quantities", "span_prepositions")


def is_compound_word(sent: Doc, figure: Figure) -> bool:
    """Numbers inside words and names: "two-headed", "a one-eyed cat"; "1 WTC offices" (one
    with a plural is no count); "a five star hotel" (a rating); "iPhone 6 and 6 Plus" (the
    other of two named numbers)."""
    if figure.unit is not None or figure.approx != EXACT:
        return False
    after = tokens_at(sent, figure.end, 2)
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


def is_vague_count(sent: Doc, figure: Figure) -> bool:
    """"an insurgency that has killed thousands of people", "protected by scores of troops":
    a vague count in the background of a sentence gives the size of a crowd, not a figure to
    check. As the subject of the main clause it is what the sentence reports ("Thousands
    flee the valley"), and a vague measure in a unit ("hundreds of miles") says a magnitude."""
    if figure.approx != VAGUE or figure.unit is not None:
        return False
    inside = range(figure.start, figure.end)
    top = next((t for t in sent[figure.start:figure.end] if t.head.i not in inside), sent[figure.anchor])
    verb = top.head
    main = verb.dep_ == "ROOT" or (verb.tag_ in ("VBP", "VBZ", "VBD") and verb.dep_ not in _CLAUSES)
    return not (top.dep_ in ("nsubj", "nsubjpass") and main)  # a headline's verb may be misparsed


_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp", "csubj", "conj"})


def is_count_of_speakers(sent: Doc, figure: Figure) -> bool:
    """"two officers at the scene told reporters the site was sealed", "..., three witnesses
    said", "according to three outlets": how many give a statement is who says it, not what
    is claimed."""
    anchor = sent[figure.anchor]
    if figure.unit is not None or figure.approx != EXACT or anchor.dep_ != "nummod":
        return False
    noun, verb = anchor.head, anchor.head.head
    if noun.dep_ == "pobj" and verb.lower_ == "to" and verb.i > 0 and (
        sent[verb.i - 1].lower_ == "according"
    ):
        return True  # "according to three witnesses"
    return noun.dep_ == "nsubj" and verb.lemma_.lower() in _SPEAKING_VERBS and any(
        child.dep_ == "ccomp" for child in verb.children
    )


_SPEAKING_VERBS = words("quantities", "reporting_verbs")


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
    outcome = HUMAN_PREDICATES & {noun.head.lemma_.lower(), *(c.lemma_.lower() for c in noun.children)}
    nxt = sent[figure.text_end].lower_ if figure.text_end < len(sent) else ""
    counts_people = noun.lemma_.lower() in _ONE_PEOPLE or noun is anchor
    return not (counts_people and (outcome or nxt in PEOPLE_STATES)) and not _one_did(noun)


def _one_did(noun: Token) -> bool:
    """"one crate missed its target", "one of the crates drifted off", "one was destroyed":
    one thing an event befell is the count of it. Not "one source said", "one thing led to
    another", nor the generic "one can see"."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX") or (
        verb.lemma_.lower() in _NOT_EVENTS
    ):
        return False
    if noun.lemma_.lower() in _GENERIC_NOUNS:
        return False
    bare = noun.lower_ == "one" and not any(c.dep_ in ("prep", "amod", "det") for c in noun.children)
    return not (bare and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children))


_NOT_EVENTS = words("quantities", "reporting_verbs") | words("quantities", "not_events")
_GENERIC_NOUNS = words("quantities", "generic_nouns")


NOT_CLAIMS: tuple[Callable[[Doc, Figure], bool], ...] = (
    is_year, is_date, is_clock_time, is_number_code, is_name_part, is_address,
    is_page_furniture, is_person_age, is_vague_count, is_count_of_speakers,
    is_pronoun_one, is_pronominal_number, is_relative_time, is_known_span,
    is_phone_number, is_compound_word,
)  # fmt: skip


def object_of(preposition: Token) -> Token | None:
    return next((child for child in preposition.children if child.dep_ == "pobj"), None)


def tokens_at(sent: Doc, start: int, count: int) -> list[Token]:
    start = max(start, 0)
    return [sent[i] for i in range(start, min(start + count, len(sent)))]
