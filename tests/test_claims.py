"""Claims end to end on short articles written for these tests: figures with their source,
chain, status and date; denials and confirmations without figures; stable ids."""

from __future__ import annotations

import pytest

from claimledger.clean import clean_document
from claimledger.extract.claims import extract_documents
from claimledger.model import Document

ARTICLE = """Ferry operator halves timetable after engine failure

The Orrin Island ferry will run half its usual crossings until the end of the month, the operator Tidewater Lines said on Tuesday.
Tidewater's operations manager, Gareth Lowe, said about 900 islanders relied on the service. He said repairs could cost up to £400,000.
The county council said, citing figures from the harbour office, that 12,000 passengers had used the ferry last summer.
The mayor of Orrin, speaking through an interpreter, said 40 families had already moved to the mainland, as translated by Island Radio.
Tidewater denied reports that the vessel had failed two safety inspections.
The harbour office confirmed the inspection dates.
Reports that 300 crossings had been cancelled were false.
"""


@pytest.fixture(scope="module")
def claims():
    document = clean_document(Document(doc="ferry.txt", raw=ARTICLE, format="text",
                                       published="2024-09-18", outlet="Southport Ledger"))
    (found,) = extract_documents([document])
    return {c.quantity.text if c.quantity else c.kind + ":" + c.sentence[:20]: c for c in found}


def test_figure_with_named_source_and_role(claims):
    claim = claims["about 900"]
    assert (claim.quantity.value, claim.quantity.approx, claim.counted) == (900, "about", "islanders")
    assert claim.attribution.source == "Gareth Lowe" and claim.status == "reported"


def test_pronoun_speaker_and_hedged_figure(claims):
    claim = claims["up to £400,000"]
    assert claim.attribution.source == "Gareth Lowe"
    assert (claim.quantity.high, claim.quantity.unit, claim.status) == (400000, "GBP", "speculative")


def test_citing_makes_the_cited_party_the_source_and_the_citer_an_intermediary(claims):
    claim = claims["12,000"]
    assert claim.attribution.source.lower().endswith("harbour office")
    assert [v.lower() for v in claim.attribution.via] == ["county council"]


def test_translation_chain(claims):
    claim = claims["40"]
    assert claim.attribution.via == ["Island Radio"]
    assert claim.counted == "families"


def test_denial_of_a_figure_and_confirmation_without_one(claims):
    denied = claims["two"]  # "Tidewater denied reports that the vessel had failed two ..."
    assert denied.status == "denied" and denied.attribution.source == "Tidewater Lines"
    confirmation = next(c for c in claims.values() if c.kind == "confirmation")
    assert confirmation.status == "confirmed" and confirmation.target == "the inspection dates"
    assert confirmation.attribution.source.lower().endswith("harbour office")


def test_denial_without_a_figure_is_a_statement_claim():
    document = clean_document(Document(
        doc="d.txt", raw="Quarry owner rejects reports\n\nThe quarry owner rejected the reports as "
        "baseless, its spokeswoman Ines Varga said.\n", format="text"))
    (found,) = extract_documents([document])
    headline, denial = sorted((c for c in found if c.kind == "denial"), key=lambda c: c.sentence_start)
    assert denial.status == "denied" and denial.quantity is None and denial.polarity == "denies"
    assert denial.attribution.source is not None and denial.target.startswith("the reports")
    assert headline.sentence == "Quarry owner rejects reports" and headline.status == "denied"


def test_curly_apostrophes_keep_negation_and_sentence_text():
    raw = ("Ferry firm disputes toll\n\nThe ferry company’s director said the claim that 40 "
           "passengers were hurt isn’t true.\n")
    document = clean_document(Document(doc="curly.txt", raw=raw, format="text"))
    (found,) = extract_documents([document])
    (figure,) = [c for c in found if c.quantity]
    assert figure.status == "denied"
    assert "company’s" in figure.sentence and document.text[figure.start:figure.end] == "40"


def test_figure_in_a_sentence_that_calls_it_false_is_denied(claims):
    assert claims["300"].status == "denied"


def test_statement_date_resolves_against_publication(claims):
    # "said on Tuesday" in an article of Wednesday 18 September 2024.
    first = min(claims.values(), key=lambda c: c.sentence_start)
    assert first.published == "2024-09-18"
    assert claims["about 900"].event_date is None or claims["about 900"].event_date <= "2024-09-18"


def test_offsets_point_at_the_figure_in_the_cleaned_text(claims):
    document = clean_document(Document(doc="ferry.txt", raw=ARTICLE, format="text"))
    for claim in claims.values():
        if claim.quantity:
            assert document.text[claim.start:claim.end] == claim.quantity.text


def test_claim_ids_are_stable_across_runs():
    document = clean_document(Document(doc="ferry.txt", raw=ARTICLE, format="text"))
    first = [c.id for c in extract_documents([document])[0]]
    second = [c.id for c in extract_documents([document])[0]]
    assert first == second and len(set(first)) == len(first)


def test_a_distance_that_places_somewhere_is_the_outlets_background():
    from claimledger.clean import clean_document
    from claimledger.extract.claims import extract_documents
    from claimledger.model import Document

    text = "Graves were found outside the village, 90 kilometers north of Lima, two farmers said.\n"
    document = clean_document(Document(doc="place.txt", raw=text, format="text"))
    (claims,) = extract_documents([document])
    (distance,) = [c for c in claims if c.quantity and c.quantity.value == 90]
    assert distance.attribution.source is None and distance.status == "asserted"
