"""Denials and confirmations linked to what they address, the denied flag naming the figures
contested, and ClaimReview ratings that follow them (sentences written for these tests)."""

from __future__ import annotations

import pytest

from claimledger.claimreview import _rating, answered_claims
from claimledger.link.answers import addressed, answered_measure, denied_outright, named_sources, source_index
from claimledger.link.flags import measure_flags


def figure(cid: str, sentence: str, number: str, *, doc: int = 1, at: int = 0, source=None,
           measure="m-count", event=None, status="reported", value=None) -> dict:
    start = at + sentence.index(number)
    return {"id": cid, "kind": "figure", "document_id": doc, "doc": f"d{doc}", "sentence": sentence,
            "sentence_start": at, "start": start, "end": start + len(number), "source": source,
            "measure": measure, "event": event, "status": status, "quantity_text": number,
            "value": value, "low": value, "high": value, "approx": "exact", "origin": cid,
            "published": None, "cue": "deny" if status == "denied" else None}


def answer(cid: str, sentence: str, target: str | None, *, doc: int = 1, at: int = 0, source=None,
           kind="denial", polarity="denies", measure=None) -> dict:
    return {"id": cid, "kind": kind, "document_id": doc, "doc": f"d{doc}", "sentence": sentence,
            "sentence_start": at, "start": at, "end": at + len(sentence), "target": target,
            "source": source, "polarity": polarity, "measure": measure, "status": "denied",
            "published": None}


TOLL = "Rescuers said 85 climbers were still unaccounted for on the ridge."


def test_a_figure_stated_as_the_denied_clause_is_addressed():
    sentence = "The army denied that 300 soldiers had been killed in the ambush."
    killed = figure("f", sentence, "300", source="army", event="kill", measure="m-killed")
    denial = answer("d", sentence, "300 soldiers had been killed in the ambush", source="army")
    assert answered_measure(denial, [killed]) == "m-killed"


def test_a_sent_figure_is_the_matter_of_a_denial_of_sending_it():
    sentence = "The ministry denied it had sent 4,000 engineers across the border."
    sent = figure("f", sentence, "4,000", source="ministry", event="send", measure="m-sent")
    denial = answer("d", sentence, "it had sent 4,000 engineers across the border")
    assert answered_measure(denial, [sent]) == "m-sent"


@pytest.mark.parametrize("sentence, target", [
    ("The rebels denied claims by the council that they had signed a truce and would free 40 hostages.",
     "claims by the council that they had signed a truce and would free 40 hostages"),
    ("The rebels rejected reports that their envoy had met mediators to discuss 40 hostages.",
     "reports that their envoy had met mediators to discuss 40 hostages"),
])
def test_a_figure_deep_in_a_denied_matter_is_a_detail_not_the_matter(sentence, target):
    hostages = figure("f", sentence, "40", source="council", event="free", measure="m-held")
    assert answered_measure(answer("d", sentence, target, source="rebels"), [hostages]) is None


def test_a_word_for_figures_addresses_the_nearest_figures_before_it():
    earlier = figure("f1", TOLL, "85", at=0, source="rescuers", value=85)
    far = figure("f2", "Last winter 12 huts were buried.", "12", at=5000, measure="m-huts")
    sentence = "The park authority rejected the tally as guesswork."
    denial = answer("d", sentence, "the tally as guesswork", at=200, source="park authority")
    assert answered_measure(denial, [far, earlier]) == "m-count"
    assert [c["id"] for c in addressed(denial, [earlier, far])] == ["f1"]


def test_a_source_named_with_its_figures_is_addressed_in_another_article():
    theirs = figure("f1", "The guild says 900 looms stand idle.", "900", doc=2, source="Weavers Guild")
    sentence = "The Weavers Guild, whose numbers the mayor called inflated, held a rally."
    denial = answer("d", sentence, "inflated", doc=3, source="mayor")
    index = source_index(["Weavers Guild", "mayor"])
    assert named_sources(denial, index) == {"Weavers Guild"}
    assert answered_measure(denial, [theirs]) == "m-count"


def test_a_document_rejected_whole_addresses_the_figures_the_document_gives():
    memo = figure("f1", "The memo put the cost of relining the tunnel at $5 million.", "$5 million",
                  source=None, measure="m-cost")
    crowd = figure("f2", "About 200 commuters queued outside.", "200", at=70, measure="m-crowd")
    sentence = "The operator dismissed the memo as a forgery."
    denial = answer("d", sentence, "the memo as a forgery", at=120, source="operator")
    assert answered_measure(denial, [crowd, memo]) == "m-cost"
    assert [c["id"] for c in addressed(denial, [crowd, memo])] == ["f1"]


@pytest.mark.parametrize("sentence, target, polarity", [
    ("The harbour master denied that the ferry had left late.", "the ferry had left late", "denies"),
    ("The mayor denied reports that the vote had been postponed.",
     "reports that the vote had been postponed", "denies"),
    ("The accused skipper said he had nothing to hide.", "he had nothing to hide", "affirms"),
])
def test_a_denial_of_another_matter_or_an_affirmation_addresses_no_measure(sentence, target, polarity):
    nearby = figure("f", TOLL, "85", source="rescuers", value=85)
    denial = answer("d", sentence, target, at=100, source="mayor", polarity=polarity)
    assert answered_measure(denial, [nearby]) is None


def test_a_denied_figure_is_denied_outright_only_as_the_matter_of_its_clause():
    plain = "Officials denied that 60 fishermen had drowned."
    assert denied_outright(figure("f1", plain, "60", status="denied", event="drown"))
    buried = "The militia denied claims that it had agreed a truce and would release 60 fishermen."
    assert not denied_outright(figure("f2", buried, "60", status="denied", event="release"))
    assert not denied_outright(figure("f3", plain, "60", status="reported"))


def test_the_denied_flag_names_the_denial_and_the_figures_it_contests():
    guild = figure("g", "The guild says 900 looms stand idle.", "900", doc=2, source="Weavers Guild", value=900)
    city = figure("c", "The city says 880 looms stand idle.", "880", doc=4, source="city", value=880)
    denial = answer("d", "The Weavers Guild, whose numbers the mayor called inflated, held a rally.",
                    "inflated", doc=3, source="mayor", measure="m-count")
    affirmation = answer("a", "The guild said it had nothing to hide.", "it had nothing to hide",
                         doc=2, source="Weavers Guild", polarity="affirms", measure="m-count")
    flags = {f.kind: f for f in measure_flags([guild, city], [denial, affirmation], spread=0.25)}
    assert flags["denied"].claims == ["d", "g"]
    assert "mayor" in flags["denied"].note and "Weavers Guild 900 (d2" in flags["denied"].note
    only_affirmed = measure_flags([guild, city], [affirmation], spread=0.25)
    assert "denied" not in {f.kind for f in only_affirmed}


def test_ratings_follow_the_denial_a_contested_figure_is_never_consistent():
    guild = figure("g", "The guild says 900 looms stand idle.", "900", doc=2, source="Weavers Guild", value=900)
    city = figure("c", "The city says 880 looms stand idle.", "880", doc=4, source="city", value=880)
    denial = answer("d", "The Weavers Guild, whose numbers the mayor called inflated, held a rally.",
                    "inflated", doc=3, source="mayor", measure="m-count")
    claims = [guild, city, denial]
    flags = {"m-count": [{"flag": f.kind, "claims": f.claims, "note": f.note}
                         for f in measure_flags([guild, city], [denial], spread=0.25)]}
    answered = answered_claims(claims)
    assert _rating(guild, [guild], flags, answered) == "Denied by a source"
    assert _rating(city, [city], flags, answered) == "Consistent with other independent reports"


def test_a_confirmation_by_another_source_rates_the_figure_confirmed():
    missing = figure("f", TOLL, "85", source="rescuers", value=85)
    confirmation = answer("k", "Police confirmed the tally.", "the tally", at=80, source="police",
                          kind="confirmation", polarity="confirms", measure="m-count")
    answered = answered_claims([missing, confirmation])
    assert _rating(missing, [missing], {}, answered) == "Confirmed by a source"
    own = confirmation | {"source": "rescuers"}
    assert _rating(missing, [missing], {}, answered_claims([missing, own])).startswith("Not compared")


def test_the_report_says_time_order_is_unknown_only_when_nothing_is_dated(tmp_path):
    from claimledger.build import build
    from claimledger.demo import corpus_path
    from claimledger.report import render_report
    from claimledger.settings import Settings
    from claimledger.store import Ledger

    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "one.txt").write_text("Quarry fire\n\nThe fire service said 40 crews were at the "
                                    "quarry. Neighbours said 12 crews came.\n", encoding="utf-8")
    (folder / "two.txt").write_text("Quarry blaze\n\nThe council said 90 crews were sent to the "
                                    "quarry.\n", encoding="utf-8")
    undated = Ledger(tmp_path / "undated.db")
    build([str(folder)], undated, Settings(workers=1))
    assert "Time order unknown" in render_report(undated)
    undated.close()
    dated = Ledger(tmp_path / "demo.db")
    build([str(corpus_path())], dated, Settings(workers=1))
    assert "Time order unknown" not in render_report(dated)
    dated.close()
