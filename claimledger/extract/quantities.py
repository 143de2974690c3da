"""Quantities in one parsed sentence: every figure that is a claim, what it counts, who or
what it is about, and the predicate it belongs to.

The figure itself is read by ``numbers`` from the token texts. This module adds what needs
the parse:

1. Numbers that are not claims are dropped by the rules of ``not_claims``: years, dates,
   relative times, codes, numbers in names, ages of people, page furniture, vague counts in
   the background, counts of speakers.
2. "went up to 94" loses its "up to": a verb particle, not an approximation; "a 37m yacht"
   is metres long.
3. "rose from 50 to 60" is two levels, not a range.
4. A conversion in brackets ("87 mph (140 km/h)") says what the figure before it says.
5. The counted thing, the subject, the event and the direction of a change are read from the
   dependency tree: the counted thing from the noun phrase the number quantifies, never the
   agent of the clause ("a farmer spent $15,000"); a distance that says where measures the
   distance from its place, a length or mass said of someone their height or weight.
6. A count that only says "people" ("but 219 remain missing") counts the group of people
   counted last before it in the paragraph ("300 pupils"), from ``earlier``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimledger.extract.counters import count
from claimledger.extract.numbers import (
    AT_LEAST, EXACT, MONEY, RANGE, TIME_UNITS, UP_TO, VAGUE, Figure, find_figures,
)  # fmt: skip
from claimledger.extract.not_claims import (
    HUMAN_PREDICATES, NOMINAL_DEPS, NOT_CLAIMS, PEOPLE_STATES, object_of,
)  # fmt: skip
from claimledger.extract.vocab import table, words
from claimledger.model import Quantity

LOGGER = logging.getLogger(__name__)

_REPORTING_VERBS = words("quantities", "reporting_verbs")
_UP_WORDS = words("quantities", "up_words")
_DOWN_WORDS = words("quantities", "down_words")
_NEUTRAL_CHANGE = words("quantities", "neutral_change")
_MOVE_VERBS = _NEUTRAL_CHANGE | _UP_WORDS | _DOWN_WORDS | words("quantities", "particle_verbs")
_LEVEL_VERBS = _MOVE_VERBS | words("quantities", "level_verbs")
_CONTROL_VERBS = words("quantities", "control_verbs")
_MEASURE_NOUNS = words("quantities", "measure_nouns")
_PRICE_NOUNS = words("quantities", "price_nouns")
_DROPPED_MODIFIERS = words("quantities", "dropped_modifiers")
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_NOUN_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "nmod", "quantmod", "appos",
                                 "npadvmod"})  # fmt: skip
_BEARINGS = words("quantities", "bearings")
# How a changed amount attaches to its change word: "rose 19%", "a 19% drop", "up 5%".
_CHANGE_DEPS = frozenset({"dobj", "npadvmod", "advmod", "attr", "oprd", "acomp", "quantmod",
                          "nmod", "dative", "compound", "amod", "nummod"})  # fmt: skip
_VALUE_PREPOSITIONS = words("quantities", "value_prepositions")
_LEVEL_PREPOSITIONS = words("quantities", "level_prepositions")
_CURRENCY_TOKENS = words("quantities", "currency_tokens")


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
    group: bool = False  # the counted thing is a named group of people: "276 pupils"


def find_quantities(sent: Doc, earlier: Sequence[QuantityMention] = ()) -> list[QuantityMention]:
    """Every figure in the sentence that is a claim, in order of appearance; ``earlier`` are
    the figures of the document's sentences before it, most recent last."""
    mentions: list[QuantityMention] = []
    previous: Figure | None = None
    for figure in find_figures([token.text for token in sent]):
        for level in _levels(sent, _as_metres(sent, _without_particle(sent, figure))):
            dropped_by = next((rule for rule in NOT_CLAIMS if rule(sent, level)), None)
            if dropped_by is not None:
                count("not a claim", dropped_by.__name__)
                if LOGGER.isEnabledFor(logging.DEBUG):
                    LOGGER.debug("number %r dropped by not_claims.%s in: %s",
                                 sent[level.start:level.end].text, dropped_by.__name__, sent.text)
                continue
            if previous is not None and _is_conversion(sent, previous, level):
                mentions.append(_converted(sent, mentions[-1], level))
            else:
                mentions.append(_describe(sent, level))
            previous = level
    _share_with_neighbours(sent, mentions)
    _name_the_group(mentions, earlier)
    return mentions


def _name_the_group(mentions: list[QuantityMention], earlier: Sequence[QuantityMention]) -> None:
    """"Some 300 pupils were taken. Many fled, but 219 remain missing": a count that only
    says "people" counts the group of people counted last before it, in this or an earlier
    sentence."""
    for index, mention in enumerate(mentions):
        if mention.counted != "people" or mention.head is not None:
            continue
        before = [*earlier, *mentions[:index]]
        # the last count of people decides: after "40 people were hurt", "people" it stays
        last = next((m for m in reversed(before) if m.group or m.counted == "people"), None)
        if last is not None and last.group:
            mention.counted, mention.group = last.counted, True


_COUNT_VERBS = words("quantities", "count_verbs")
_PART_PREPOSITIONS = words("quantities", "part_prepositions")
_PEOPLE_EVENTS = words("quantities", "people_events")
_NEEDING_VERBS = words("quantities", "needing_verbs")


def _share_with_neighbours(sent: Doc, mentions: list[QuantityMention]) -> None:
    """Fill what one figure leaves open from the figure before it in the same sentence:
    "2,300 homes ... nearly 700 of them", "two crates ... one was" (counted), "to 8,000, from
    4,000" (event); a count of only "people" is named by ``_name_the_group``."""
    for previous, mention in zip(mentions, mentions[1:]):
        if mention.counted is None and (_of_them(sent, mention) or _bare_count(sent, previous, mention)):
            mention.counted, mention.head, mention.group = previous.counted, previous.head, previous.group
        if mention.event in _COUNT_VERBS and previous.event not in _COUNT_VERBS and (
            mention.counted == previous.counted
        ):
            mention.event = previous.event


def _bare_count(sent: Doc, previous: QuantityMention, mention: QuantityMention) -> bool:
    """"Two of the crates missed, but one was destroyed", "40 crates, including 12 lost at
    sea": a plain number standing alone as subject, object or the part of a whole counts
    what the count before it counted."""
    anchor = sent[mention.anchor]
    part = anchor.dep_ == "pobj" and anchor.head.lower_ in _PART_PREPOSITIONS
    return mention.quantity.unit is None and previous.quantity.unit is None and (
        previous.counted is not None and (anchor.dep_ in ("nsubj", "nsubjpass", "dobj") or part)
    )


def _of_them(sent: Doc, mention: QuantityMention) -> bool:
    end = mention.quantity.end
    return bool(re.match(r"\s*of (?:them|those|these|which)\b", sent.text[end:]))


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


def _people_state(sent: Doc, figure: Figure) -> str | None:
    after = figure.text_end
    if figure.unit is not None or after >= len(sent) or sent[after].lower_ not in PEOPLE_STATES:
        return None
    if after + 1 < len(sent) and sent[after + 1].pos_ in ("NOUN", "PROPN"):
        return None  # "14 dead fish": the adjective modifies a noun of its own
    return PEOPLE_STATES[sent[after].lower_]


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
        group=counted_token is not None and _is_group(counted_token),
    )


def _is_group(noun: Token) -> bool:
    """A noun for a kind of people more telling than "people": "pupils", "schoolgirls"."""
    lemma = noun.lemma_.lower()
    return lemma not in _GENERIC_PEOPLE and (noun.ent_type_ == "NORP" or lemma in _GROUPS or any(
        lemma.endswith(person) for person in _ONE_PEOPLE))


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
        if candidate.pos_ == "ADJ" and candidate.lemma_.lower() in HUMAN_PREDICATES and (
            candidate.dep_ not in NOMINAL_DEPS  # "14 dead" names the counted, not the event
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


def _says_where(sent: Doc, figure: Figure) -> Token | None:
    """The word after a distance that says where: a bearing ("50 miles north"), or "away" or
    "from" or "off" ("hundreds of miles from the border"), after any conversion in brackets ("70 km
    (45 miles) south")."""
    i = figure.end
    if i < len(sent) and sent[i].text == "(":
        i = next((t.i + 1 for t in sent[i:i + 6] if t.text == ")"), i)
    elif i < len(sent) and sent[i].text == ")":
        i += 1  # the conversion itself
    if i >= len(sent):
        return None
    word = sent[i].lower_
    if word in _BEARINGS or (figure.unit in _LENGTH_UNITS and word in _PLACE_WORDS):
        return sent[i]
    return None


def _distance(where: Token, inside: range) -> str:
    """What a distance that says where measures: "distance from the capital" for "50 miles
    north of the capital", "20 km from the border"; "distance" alone for "50 miles away"."""
    if where.lower_ in ("from", "off"):
        place = object_of(where)
    else:
        place = next((object_of(c) for c in where.children
                      if c.dep_ == "prep" and c.lower_ in ("of", "from")), None)
    if place is None or place.pos_ == "PRON":
        return "distance"
    return f"distance from {_phrase(place, inside, with_of=True)}"


_LENGTH_UNITS = words("units", "length_units")
_PLACE_WORDS = frozenset({"away", "apart", "from", "off"})


def _counted(sent: Doc, figure: Figure, root: Token) -> tuple[Token | None, str | None]:
    """What the figure counts or measures, as (head token, phrase)."""
    inside = range(figure.start, figure.end)
    where = _says_where(sent, figure)
    if where is not None:  # "a hospital 50 miles north of the capital": where, not what
        return None, _distance(where, inside)
    worth = _worth_of(sent, figure)
    if worth is not None:
        return _measured(worth, figure, inside)
    # its own complement: "hundreds of homes", "cubic metres of water", "8% of electricity"
    for token in sent[figure.start:figure.end]:
        for child in token.children:
            if child.dep_ == "prep" and child.i not in inside and (
                child.lower_ == "of" or (child.lower_ == "in" and figure.unit in MONEY)
            ):
                noun = object_of(child)
                if noun is not None:
                    return _measured(noun, figure, inside)
    # the noun it modifies: "4,000 people", "a $500 payment", "a 6.1-inch display"
    head, modifier = root.head, root.dep_ in _NOUN_MODIFIER_DEPS
    if head.i == root.i + 1 and head.dep_ in ("amod", "compound") and head.head.i > head.i and (
        head.head.pos_ == "NOUN"
    ):
        # "one airdropped crate", parsed with the number under the participle
        head, modifier = head.head, True
    if modifier and head.i > root.i and head.i not in inside and (
        head.pos_ in ("NOUN", "PROPN") or (head.pos_ == "ADJ" and head.dep_ in NOMINAL_DEPS)
    ):
        return _changed(head, inside) if _direction(head) else _measured(head, figure, inside)
    preposition, governor = _governor(root)
    # "a payment of $500", "an estimated cost of $12 million", "an increase of 200"
    if preposition == "of" and governor.pos_ == "NOUN":
        if _direction(governor):
            return _changed(governor, inside)
        if governor.lemma_.lower() in _PEOPLE_EVENTS and figure.unit is None:
            return None, "people"  # "the arrests of 20": of people, named by the group before
        return _measured(governor, figure, inside)
    # a clause around it: "the toll stands at 86", "output fell 19%", "put the cost at"
    return _from_clause(root, governor, preposition, figure, inside)


def _worth_of(sent: Doc, figure: Figure) -> Token | None:
    """"$3 million worth of rifles", "millions of dollars-worth of rifles": money that values
    a thing measures the thing."""
    if figure.unit not in MONEY:
        return None
    i = figure.end + (figure.end < len(sent) and sent[figure.end].text == "-")
    if i >= len(sent) or sent[i].lower_ != "worth":
        return None
    return next((object_of(c) for c in sent[i].children if c.dep_ == "prep" and c.lower_ == "of"), None)


def _from_clause(
    root: Token, governor: Token, preposition: str | None, figure: Figure, inside: range
) -> tuple[Token | None, str | None]:
    verb = governor
    dimension = _DIMENSION_NOUNS.get(verb.lower_)
    while verb.pos_ in ("ADV", "ADJ", "ADP") and verb.head.i != verb.i and (
        verb.lower_ in ("up", "down", "higher", "lower") or verb.dep_ in ("acomp", "advmod")
    ):
        verb = verb.head  # "was up 9.4%", "is 72.7 metres long"
        dimension = dimension or _DIMENSION_NOUNS.get(verb.lower_)
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
            predicate.lemma_.lower() in HUMAN_PREDICATES
            # "219 remain in custody": a state only people are in
            or (predicate.lemma_.lower() in _STATE_VERBS and _state(predicate) in HUMAN_PREDICATES)
        )
        if human and figure.unit is None:
            return None, "people"
        if root.dep_ != "dobj":
            return None, None
    aim = next((object_of(c) for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    if figure.unit in TIME_UNITS and root.dep_ == "dobj" and verb.lemma_.lower() in _NEEDING_VERBS and (
        aim is not None and aim.pos_ == "NOUN"
    ):
        return _measured(aim, figure, inside)  # "need 15 days for the repairs": how long they take
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
    person = subject.pos_ == "PROPN" or subject.lemma_.lower() in _ONE_PEOPLE
    dimension = dimension or _DIMENSION_NOUNS.get(verb.lemma_.lower()) or (
        "weight" if figure.unit in _MASS_UNITS and person else None  # not "exports rose to"
    ) or ("height" if figure.unit in _LENGTH_UNITS and person and verb.lemma_ == "be" else None)
    if dimension is not None and subject.pos_ in ("NOUN", "PROPN"):
        # "she is 180 cm tall", "Dee ballooned to 130 kg", "Dee, who is 6-foot-2": the
        # measure of the subject, not it
        return subject, f"{dimension} of {_phrase(subject, inside)}"
    return _measured(subject, figure, inside)


_DIMENSION_NOUNS = table("quantities", "dimension_nouns")
_MASS_UNITS = words("units", "mass_units")
_ONE_PEOPLE = words("quantities", "one_people")
_GENERIC_PEOPLE = words("quantities", "generic_people")
_GROUPS = words("quantities", "people_groups")


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


def _measured(noun: Token, figure: Figure, inside: range) -> tuple[Token | None, str | None]:
    """Look through nouns that only stand for a quantity: "the number of people" -> people."""
    lemma = noun.lemma_.lower()
    complement = next(
        (object_of(c) for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "for")),
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
            target = object_of(child)
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
            target = object_of(child)
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
    return object_of(agent) if agent is not None else None


def _location(predicate: Token | None, counted: Token | None, inside: range) -> str | None:
    """A named place the clause happens in: "flooded across Dunmarra province"."""
    for word in (counted, predicate):
        if word is None:
            continue
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "across", "throughout", "from"):
                place = object_of(child)
                if place is not None and place.i not in inside and (
                    place.ent_type_ in ("GPE", "LOC", "FAC")
                ):
                    return _phrase(place, inside)
    return None
