"""Measures: claims about the same quantity across articles, grouped by a transparent key.

A claim's key is (what is counted, what happened to it, unit, level or change):

- what is counted: the head noun of ``counted``, lightly lemmatised, folded through a small
  synonym lexicon (residents, villagers, civilians -> people; soldiers -> troops);
- what happened: the event class of the governing predicate and of the counted words (evacuate,
  flee, displace -> displaced; die, kill, death toll, bodies -> killed), else the event lemma;
- unit: currency, percent, a unit of measure, or a plain count;
- level or change: "rose 19 per cent" is not the same quantity as "19 per cent".

So "4,000 people evacuated", "more than 12,000 residents fled" and "15,000 people displaced"
share a measure, while "a town of 9,400 people" (population) and "600 rescue workers sent"
(deployed) do not. Keys are stable, so a new claim joins its measure without regrouping.

A denial without a figure is linked to the measure it contests: among the measures of the
claims near it in its article, the one whose source its target names, else the nearest.
"""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"[a-z][a-z'-]*")

CONCEPTS = {
    "people": {"people", "person", "resident", "inhabitant", "villager", "civilian", "individual",
               "citizen", "local", "man", "woman", "child", "adult", "survivor", "victim",
               "passenger", "patient", "tourist", "voter", "evacuee", "refugee"},
    "troops": {"troop", "soldier", "serviceman", "servicemen", "servicemember", "force"},
    "homes": {"home", "house", "household", "dwelling", "residence", "apartment", "property"},
    "families": {"family"},
    "deaths": {"death", "fatality", "toll", "body", "dead", "life"},
}
_CONCEPT_OF = {word: concept for concept, words in CONCEPTS.items() for word in words}

# Event classes, first match wins: the order puts outcomes (killed, missing) before the
# verbs that often accompany them (a body "recovered" is a death, not a recovery).
EVENT_CLASSES = (
    ("population", {"live", "inhabit", "reside", "population"}),
    ("killed", {"kill", "die", "dead", "death", "toll", "perish", "drown", "body", "fatality",
                "life", "lives", "dies", "died", "deaths", "bodies", "killed", "fatalities"}),
    ("missing", {"missing", "miss", "unaccounted", "disappear", "disappeared"}),
    ("injured", {"injure", "injured", "wound", "wounded", "hurt", "injury", "injuries"}),
    ("displaced", {"evacuate", "evacuated", "evacuee", "evacuation", "flee", "fled", "displace",
                   "displaced", "relocate", "relocated", "leave", "left", "homeless", "refugee",
                   "uproot", "move"}),
    ("sheltered", {"shelter", "shelters", "sheltered", "camp", "camps"}),
    ("hospitalised", {"hospitalise", "hospitalize", "hospitalised", "hospitalized"}),
    ("lacking", {"lack", "lacking", "without"}),
    ("arrested", {"arrest", "arrested", "detain", "detained", "detention", "jail", "jailed"}),
    ("deployed", {"send", "sent", "deploy", "deployed", "dispatch", "dispatched", "mobilise",
                  "mobilize", "station", "stationed", "arrive", "arrived", "transfer", "train"}),
    ("flooded", {"flood", "flooded", "inundate", "inundated", "submerge", "submerged"}),
    ("destroyed", {"destroy", "destroyed", "demolish", "demolished", "raze", "razed",
                   "collapse", "collapsed", "burn", "burned", "burnt"}),
    ("damaged", {"damage", "damaged"}),
)
# What happens to a thing can change which quantity it is ("rescue workers killed" is not
# "rescue workers deployed"); other verbs only report it ("water escaped", "poured out").
OUTCOME_CLASSES = {"population", "killed", "missing", "injured", "displaced", "sheltered",
                   "hospitalised", "lacking", "arrested", "flooded", "destroyed", "damaged"}
# Counted nouns too general to name a quantity without their event: "9,400 people" (a town)
# and "4,000 people" (evacuated) are different measures, "40 million cubic metres of water"
# escaping or pouring out are one.
GENERIC_CONCEPTS = {"people", "homes", "families", "troops", "unit", "thing", "case", "time"}
# Sums of money are told apart by what they pay for, not by a verb.
MONEY_CONCEPTS = {
    "damage cost": {"damage", "bill", "cost", "loss", "losses"},
    "payment": {"payment", "compensation", "grant", "aid", "handout", "allowance"},
    "fund": {"fund", "budget", "package", "investment", "programme", "program"},
}
_MONEY_OF = {word: concept for concept, words in MONEY_CONCEPTS.items() for word in words}
# Verbs that only say which way a figure moved: "rose 5%" and "fell 3%" measure one thing.
MOVEMENT_VERBS = {"rise", "fall", "increase", "decrease", "grow", "drop", "climb", "decline",
                  "jump", "slip", "surge", "plunge", "gain", "lose", "slide", "soar", "tumble",
                  "dip", "edge", "ease", "shrink", "expand", "double", "halve", "cut", "raise"}
LABELS = {
    ("people", "population"): "Population",
    ("people", "killed"): "People killed",
    ("deaths", "killed"): "People killed",
    ("people", "missing"): "People missing",
    ("people", "injured"): "People injured",
    ("people", "displaced"): "People displaced or evacuated",
    ("people", "sheltered"): "People in shelters",
    ("people", "hospitalised"): "People in hospital",
    ("people", "lacking"): "People without",
    ("people", "arrested"): "People arrested",
    ("troops", "deployed"): "Troops deployed",
    ("homes", "flooded"): "Homes flooded",
    ("homes", "destroyed"): "Homes destroyed",
    ("homes", "damaged"): "Homes damaged",
}
CURRENCIES = {"USD", "EUR", "GBP", "JPY", "CNY", "INR", "RUB", "KRW", "CHF", "AUD", "CAD"}
# Nouns by which a denial contests figures ("rejected the figures", "denied the report").
CONTESTED_WORDS = {"figure", "figures", "number", "numbers", "count", "counts", "tally", "toll",
                   "estimate", "estimates", "statistic", "statistics", "data", "information",
                   "document", "documents", "report", "assessment", "assessments", "claim",
                   "claims", "total", "totals"}


def lemma(word: str) -> str:
    """A light English lemma for nouns and verbs: enough to fold plurals and past forms."""
    for suffix, replacement in (("ies", "y"), ("ves", "f"), ("ches", "ch"), ("shes", "sh"),
                                ("sses", "ss"), ("men", "man"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and not word.endswith("ss"):
            return word[: -len(suffix)] + replacement
    return word


def _words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower())


def measure_key(claim: dict) -> tuple[str, ...] | None:
    """The key of the quantity a figure claim is about, or None for statements:
    (counted concept, event, unit, level or change, scope)."""
    if claim.get("kind", "figure") != "figure":
        return None
    counted = _words(claim.get("counted"))
    if not counted:
        # A bare figure ("it cost $300,000", "the number is 21") says nothing of what it
        # measures: grouping every such figure into one "amount" would set unrelated numbers
        # against each other as disagreements. It stays a claim, in no measure.
        return None
    head = lemma(counted[-1])
    unit = claim.get("unit")
    change = "change" if claim.get("trend") else "level"
    scope = claim.get("scope") or ""
    if unit in CURRENCIES:
        concept = next((_MONEY_OF[w] for w in map(lemma, reversed(counted)) if w in _MONEY_OF), head)
        return concept, "-", f"money:{unit}", change, scope
    concept = _CONCEPT_OF.get(head, head)
    event = claim.get("event")
    if change == "change" and event in MOVEMENT_VERBS:
        event = None
    words = {lemma(w) for w in counted} | set(counted) | set(_words(event))
    event_class = next((name for name, cue in EVENT_CLASSES if words & cue), None)
    if concept == "deaths":
        concept, event_class = "people", "killed"
    if concept not in GENERIC_CONCEPTS and event_class not in OUTCOME_CLASSES:
        event_class, event = None, None  # a specific thing names its quantity by itself
    return concept, event_class or event or "-", unit or "count", change, scope


def measure_id(key: tuple) -> str:
    return "m-" + hashlib.sha1("|".join(key).encode("utf-8")).hexdigest()[:10]


def measure_label(key: tuple, counted_examples: list[str]) -> str:
    """A readable name: from the lexicon when it knows the pair, else built from the key."""
    concept, event_class, unit_kind, change, scope = key
    label = LABELS.get((concept, event_class))
    if label is None:
        thing = max(counted_examples, key=counted_examples.count) if counted_examples else concept
        thing = concept if unit_kind.startswith("money:") and concept in MONEY_CONCEPTS else thing
        label = thing[:1].upper() + thing[1:]
        if event_class not in ("-", None):
            label += f" ({event_class})"
    if unit_kind.startswith("money:"):
        label += f", {unit_kind.split(':')[1]}"
    elif unit_kind not in ("count",):
        label += f", {unit_kind}"
    if scope:
        label += f" in {scope}"
    return label + (" — change" if change == "change" else "")


def contested_measure(denial: dict, candidates: list[dict]) -> str | None:
    """The measure a denial contests, or None.

    ``candidates``: figure claims in the order they qualify — those of a source the denial
    names ("rejected the network's figures") first, else those stated near it, before it
    first. A denial that names no source is linked only when it rejects figures, a count or
    a document at all; a denial of an event ("denied that searches had stopped") is not.
    """
    named = any(c.get("source") and _name_used(c["source"], denial) for c in candidates[:1])
    target = set(_words(denial.get("target") or denial.get("sentence")))
    if named or target & CONTESTED_WORDS:
        return next((c["measure"] for c in candidates if c.get("measure")), None)
    return None


def _name_used(source: str, denial: dict) -> bool:
    text = f"{denial.get('target') or ''} {denial.get('sentence') or ''}".lower()
    return any(len(w) > 3 and w in text for w in source.lower().split())
