"""Naming sources: one canonical name per source within an article (acronyms, short forms,
surnames, pronouns, roles), source types, and one name per source across a corpus."""

from __future__ import annotations

import pytest

from claimledger.extract.attribution import DocumentSources
from claimledger.link.sources import canonical_sources
from claimledger.nlp import load_pipeline, split_sentences


def sources(passage: str, *, outlet: str | None = None) -> list[tuple[str | None, str | None]]:
    """(source, source_type) of every attribution in a passage, in order."""
    found = DocumentSources(passage, outlet=outlet)
    nlp = load_pipeline()
    return [(m.source, m.source_type)
            for sentence in split_sentences(passage)
            for m in found.attributions(nlp(sentence.text), sentence.start)]


def names(passage: str, **options) -> list[str | None]:
    return [name for name, _ in sources(passage, **options)]


# Within an article --------------------------------------------------------------------------

def test_organisation_acronym_and_short_form_are_one_source():
    passage = ("The National Flood Response Directorate (NFRD) said 300 homes were flooded. "
               "The NFRD said 40 roads were closed. "
               "The directorate said 12 bridges were unsafe.")
    assert names(passage) == ["National Flood Response Directorate"] * 3


def test_person_full_name_surname_pronoun_and_role_are_one_source():
    passage = ("Ilona Brask, the directorate's spokeswoman, said 300 homes were flooded. "
               "Brask said 40 roads were closed. "
               "She said 12 bridges were unsafe. "
               "The spokeswoman said 5 schools were shut.")
    assert names(passage) == ["Ilona Brask"] * 4


def test_surname_of_a_person_named_in_a_sentence_that_was_not_parsed():
    found = DocumentSources("Prime Minister Alma Torvik visited the camp on Monday. "
                            "Torvik said 2,000 tents had arrived.")
    nlp = load_pipeline()
    sentence = split_sentences("Prime Minister Alma Torvik visited the camp on Monday. "
                               "Torvik said 2,000 tents had arrived.")[1]
    mention = found.attributions(nlp(sentence.text), sentence.start)[0]
    assert (mention.source, mention.source_type) == ("Alma Torvik", "government")


@pytest.mark.parametrize("passage, name", [
    ("The Harbour Authority's figures show 61 ships waiting.", "Harbour Authority"),
    ("Dunmore Water Company, the region's largest supplier, said 9,000 homes had no water.",
     "Dunmore Water Company"),
    ("Interior Minister Pavel Rusu said 80 officers were injured.", "Pavel Rusu"),
    ("Mr. Rusu said 80 officers were injured.", "Rusu"),
    ("Lena Okafor, a spokeswoman for the National Grid Agency, said 40,000 homes had no power.",
     "Lena Okafor"),
])
def test_names_lose_determiners_possessives_titles_and_roles(passage, name):
    assert names(passage) == [name]


def test_unnamed_spokesman_speaks_for_the_organisation():
    passage = ("The Coastal Ferry Company suspended all crossings. "
               "A spokesman for the company said 14 sailings were cancelled.")
    assert names(passage) == ["Coastal Ferry Company"]


def test_outlet_speaking_for_itself_is_no_source():
    passage = "The Valley Courier has learned that 25 staff were dismissed."
    assert names(passage, outlet="Valley Courier") == [None]
    assert names(passage) == ["Valley Courier"]


def test_relative_pronoun_refers_to_its_antecedent():
    passage = "Harbin Steel, which employs 4,000 people, said 600 jobs would go."
    assert names(passage) == ["Harbin Steel"]


# Source types ------------------------------------------------------------------------------

@pytest.mark.parametrize("passage, source_type", [
    ("The Ministry of Transport said 45 trains were cancelled.", "government"),
    ("Provincial governor Mira Sand said 45 trains were cancelled.", "government"),
    ("Police said 45 people were arrested.", "government"),
    ("Officials said 45 trains were cancelled.", "government"),
    ("The army said 45 soldiers were wounded.", "military"),
    ("General Ivo Dren, the army commander, said 45 soldiers were wounded.", "military"),
    ("The Pentagon said 45 soldiers were wounded.", "military"),
    ("The country's intelligence agency said 45 agents had been expelled.", "intelligence"),
    ("State television said 45 protesters were detained.", "state_media"),
    ("The state news agency said 45 protesters were detained.", "state_media"),
    ("The Morning Ledger reported that 45 protesters were detained.", "media"),
    ("Local newspapers said 45 protesters were detained.", "media"),
    ("Journalist Petra Holm said 45 protesters were detained.", "journalist"),
    ("A reporter at the scene said 45 protesters were detained.", "journalist"),
    ("Tomas Ek, an economist at Nordbank, said prices would rise 4 per cent.", "expert"),
    ("Professor Anja Rudd said prices would rise 4 per cent.", "expert"),
    ("Analysts said prices would rise 4 per cent.", "expert"),
    ("Sources said 45 protesters were detained.", "anonymous"),
    ("Residents said 45 houses were destroyed.", "other"),
    ("Witnesses said 45 houses were destroyed.", "other"),
    ("The charity Shelter Now said 45 families were homeless.", "other"),
    ("Kelso Mining Ltd said 45 miners were trapped.", "other"),
])
def test_source_types(passage, source_type):
    assert sources(passage)[0][1] == source_type


def test_spokeswoman_takes_the_type_of_her_organisation():
    passage = "Ilona Brask, a spokeswoman for the Interior Ministry, said 300 homes were flooded."
    assert sources(passage) == [("Ilona Brask", "government")]


# Across a corpus ---------------------------------------------------------------------------

def test_canonical_sources_across_documents():
    seen = [
        ("National Flood Response Directorate", "government"),
        ("NFRD", "other"),
        ("the National Flood Response Directorate", "government"),
        ("flood response directorate", "government"),
        ("Ilona Brask", "government"),
        ("Brask", "other"),
        ("Harbour Authority's", "government"),
        ("Harbour Authority", "government"),
        ("officials", "government"),
    ]
    mapping = canonical_sources(seen)
    assert mapping["NFRD"] == "National Flood Response Directorate"
    assert mapping["the National Flood Response Directorate"] == mapping["NFRD"]
    assert mapping["flood response directorate"] == "National Flood Response Directorate"
    assert mapping["Brask"] == "Ilona Brask"
    assert mapping["Harbour Authority's"] == "Harbour Authority"
    assert mapping["officials"] == "officials"


def test_ambiguous_short_forms_stay_apart():
    mapping = canonical_sources([("Ministry of Health", "government"),
                                 ("Ministry of Finance", "government"),
                                 ("ministry", "government"),
                                 ("Anna Berg", "other"), ("Lars Berg", "other"), ("Berg", "other")])
    assert mapping["ministry"] == "ministry"
    assert mapping["Berg"] == "Berg"


def test_short_name_of_a_known_organisation():
    passage = ("The Coastal Evening Journal reported that 30 ferries were idle. "
               "According to the Journal, 300 sailors had not been paid.")
    assert names(passage) == ["Coastal Evening Journal"] * 2


def test_person_pronoun_refers_to_the_person_named_in_its_sentence():
    passage = ("Councillor Rhea Dunn spoke first. "
               "Police arrested Tomas Weller after he said 40 people had been paid to riot.")
    assert names(passage) == ["Tomas Weller"]


def test_spellings_of_one_person_are_one_source():
    mapping = canonical_sources([("Ana Cole", "government"), ("A. Cole", "other"),
                                 ("Anna Cole", "other"), ("Ana M. Cole", "other"),
                                 ("Cole", "other"), ("José Ruiz", "other"), ("Jose Ruiz", "other"),
                                 ("Mohammed Salim", "other"), ("Muhammad Salim", "other")])
    assert len({mapping[n] for n in ("Ana Cole", "A. Cole", "Anna Cole", "Ana M. Cole",
                                     "Cole")}) == 1
    assert mapping["Jose Ruiz"] == mapping["José Ruiz"]
    assert mapping["Muhammad Salim"] == mapping["Mohammed Salim"]


def test_different_first_names_or_an_ambiguous_initial_stay_apart():
    mapping = canonical_sources([("Dan Moss", "other"), ("Don Moss", "other"),
                                 ("B. Lind", "other"), ("Bo Lind", "other"),
                                 ("Bea Lind", "other")])
    assert mapping["Dan Moss"] != mapping["Don Moss"]
    assert len({mapping["B. Lind"], mapping["Bo Lind"], mapping["Bea Lind"]}) == 3


def test_accents_do_not_split_a_source_within_an_article():
    passage = "José Ruiz said 40 homes were lost. Jose Ruiz said 12 bridges were closed."
    assert names(passage) == ["José Ruiz", "José Ruiz"]
