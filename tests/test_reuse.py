"""Text reuse: verbatim and reworded copies are found, same facts in other words are not."""

from __future__ import annotations


import pytest

from claimledger.link.reuse import (
    LinkDoc,
    ReuseIndex,
    compare,
    content_tokens,
    direction,
    window_signatures,
    without_quotations,
)

from conftest import DATA

REUSE = DATA / "reuse"


def document(name: str, *, row_id: int = 0, published: str | None = None, outlet: str | None = None) -> LinkDoc:
    return LinkDoc(row_id, f"{name}.txt", (REUSE / f"{name}.txt").read_text(encoding="utf-8"),
                   published, outlet)


def reuse_of(copy: str, source: str):
    return compare(document(copy), document(source), threshold=0.6, min_sentences=2)


def test_verbatim_copy_is_found_whole():
    result = reuse_of("verbatim", "original")
    assert result is not None and result.score == 1.0
    copy, source = document("verbatim").text, document("original").text
    (passage,) = result.passages
    assert copy[passage.a_start:passage.a_end] == source[passage.b_start:passage.b_end].strip() or \
        "forcing the evacuation of 140 nearby homes" in copy[passage.a_start:passage.a_end]
    assert passage.similarity == 1.0


def test_reworded_copy_is_found_sentence_by_sentence():
    result = reuse_of("reworded", "original")
    assert result is not None and result.score >= 0.6
    copy = document("reworded").text
    covered = "".join(copy[p.a_start:p.a_end] for p in result.passages)
    assert "Calder Logistics, which owns the depot" in covered
    assert "No one was hurt." in covered


@pytest.mark.parametrize("name", ["independent", "quotes"])
def test_same_facts_or_shared_quotes_are_not_reuse(name):
    assert reuse_of(name, "original") is None


def test_reuse_is_symmetric_in_finding_pairs():
    assert compare(document("original"), document("reworded"), threshold=0.6, min_sentences=2) is not None


@pytest.mark.parametrize("a_date, b_date, expected", [
    ("2024-05-02", "2024-05-01", "a_from_b"),
    ("2024-05-01", "2024-05-02", "b_from_a"),
    ("2024-05-01", "2024-05-01", "unknown"),
    (None, "2024-05-01", "unknown"),
])
def test_direction_from_dates(a_date, b_date, expected):
    a = document("reworded", published=a_date)
    b = document("original", published=b_date)
    assert direction(a, b) == expected


def test_direction_from_naming_the_other_outlet_when_dates_tie():
    a = LinkDoc(0, "a", "As the Harbour Wire reported, the pier closed.", "2024-05-01", "Town Post")
    b = LinkDoc(1, "b", "The pier closed on Monday.", "2024-05-01", "Harbour Wire")
    assert direction(a, b) == "a_from_b"


def test_lsh_blocking_pairs_copies_and_not_unrelated_text():
    names = ["original", "verbatim", "reworded", "independent", "quotes"]
    docs = [document(name, row_id=i) for i, name in enumerate(names)]
    unrelated = LinkDoc(9, "u.txt", "\n\n".join(
        (DATA / "chrome" / "body-transfer.txt").read_text().splitlines()))
    index = ReuseIndex(threshold=0.3)
    for doc in [*docs, unrelated]:
        index.add(doc.row_id, window_signatures(doc.units))
    found = index.candidates(window_signatures(docs[0].units))
    assert {0, 1, 2} <= found and 9 not in found


def test_content_tokens_fold_case_stopwords_plurals_and_separators():
    assert content_tokens("The 1,500 Troops were sent to the borders") == {"1500", "troop", "sent", "border"}


def test_without_quotations_blanks_quoted_words_and_keeps_offsets():
    text = '“Yes,” she said. "No."\nplain'
    narration = without_quotations(text)
    assert len(narration) == len(text)
    assert narration.split() == ["“", "”", "she", "said.", '"', '"', "plain"]


def test_passages_say_whether_they_are_prose_or_shared_quotation():
    result = reuse_of("verbatim", "original")
    assert {p.kind for p in result.passages} == {"prose"}
