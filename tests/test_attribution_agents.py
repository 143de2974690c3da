"""Who stands behind a figure: only an agent (a person, a body, an outlet, a document or a
data set), never an abstraction, a heading or the subject of the claim itself; roles and
pronouns resolved to the nearest compatible source; the merges of one source made visible."""

from __future__ import annotations

import pytest

from claimledger.extract.attribution import AttributionMention, DocumentSources
from claimledger.nlp import load_pipeline, split_sentences
from test_attribution import behind, source_of


def read(passage: str) -> tuple[DocumentSources, list[list[AttributionMention]]]:
    """The attributions of each sentence of a passage, and the state that named them."""
    sources = DocumentSources(passage)
    nlp = load_pipeline()
    found = [sources.attributions(nlp(sentence.text), sentence.start)
             for sentence in split_sentences(passage)]
    return sources, found


# Agents and what is not one ------------------------------------------------------------------

@pytest.mark.parametrize("sentence, figure", [
    ("Evidence shows that 300 homes were damaged.", "300"),
    ("The facts suggest 40 people died in the blaze.", "40"),
    ("Recent developments indicate 12 firms have left the town.", "12"),
    ("The final bit of the report says 30 percent of the funds were lost.", "30 percent"),
    ("Her smile said that 20 years of work had paid off.", "20"),
    ("That said, 40 shops have reopened.", "40"),
    ("Background: the quarry has employed 90 people since it opened.", "90"),
])
def test_an_abstraction_or_a_heading_is_no_source(sentence, figure):
    assert behind(sentence, figure) is None


@pytest.mark.parametrize("sentence, figure, source", [
    ("Court records show the company paid $2 million to the consultant.", "$2 million",
     "court records"),
    ("The coastguard confirmed that 14 fishermen had been rescued.", "14", "coastguard"),
    ("Rebels claimed they had shot down 3 helicopters.", "3", "Rebels"),
    ("One employee at the plant said 200 workers had been sent home.", "200", "one employee"),
    ("The lawsuit alleges that 45 tenants were evicted without notice.", "45", "lawsuit"),
])
def test_people_bodies_and_records_are_sources(sentence, figure, source):
    assert source_of(sentence, figure).lower() == source.lower()


@pytest.mark.parametrize("sentence, figure", [
    ("Thousands of volunteers will join the search on Sunday.", "Thousands"),
    ("Thousands of volunteers hope to join the search on Sunday.", "Thousands"),
    ("About 300 residents said they had lost power.", "300"),
])
def test_the_subject_of_the_claim_does_not_stand_behind_it(sentence, figure):
    assert behind(sentence, figure) is None


def test_a_subordinator_is_not_part_of_the_source():
    sentence = "While the ministry said 200 schools were closed, unions put the figure at 350."
    ministry, unions = behind(sentence, "200"), behind(sentence, "350")
    assert (ministry.source, ministry.mention) == ("ministry", "the ministry")
    assert unions.source == "unions"


@pytest.mark.parametrize("sentence, figure, source", [
    ("In a poll released Monday, 31 percent of voters said they were undecided.",
     "31 percent", "poll"),
    ("In the latest survey, support for the party fell to 22 percent.", "22 percent",
     "latest survey"),
    # After its verb the phrase places a standing, said by no one in particular.
    ("Support for the party fell to 22 percent in the latest survey.", "22 percent", None),
    # The clause's own speaker stands behind it, not the document it spoke in.
    ("In its annual report, the agency put the cost at $3 billion.", "$3 billion", "agency"),
])
def test_a_poll_or_study_the_clause_is_set_in(sentence, figure, source):
    assert source_of(sentence, figure) == source


# Pronouns and roles --------------------------------------------------------------------------

def test_pronoun_across_paragraphs():
    passage = ("Mayor Ana Cole visited the flooded school on Monday.\n\n"
               "Water still covered the playground.\n\n"
               "She said 40 homes were lost.")
    assert source_of(passage, "40") == "Ana Cole"


def test_role_resolves_to_the_nearest_named_person_without_one():
    passage = "Ana Cole said 40 homes were lost. The mayor said 9 roads were blocked."
    assert source_of(passage, "9") == "Ana Cole"


def test_role_spoken_of_before_is_someone_else():
    passage = ("Ana Cole visited the school with the mayor. "
               "The mayor said 9 roads were blocked.")
    assert source_of(passage, "9") != "Ana Cole"


def test_role_of_a_person_two_paragraphs_back_is_not_assumed():
    passage = ("Ana Cole said 40 homes were lost.\n\nThe river rose overnight.\n\n"
               "Rain fell again on Tuesday.\n\nThe mayor said 9 roads were blocked.")
    assert source_of(passage, "9") != "Ana Cole"


def test_a_first_name_the_entity_tagger_left_out_is_no_role():
    passage = ("Ana Cole said 40 homes were lost. Mayor Cole said 12 bridges were closed. "
               "The mayor said 9 roads were blocked.")
    assert [source_of(passage, figure) for figure in ("40", "12", "9")] == ["Ana Cole"] * 3


# Chains --------------------------------------------------------------------------------------

def test_translator_is_an_intermediary_of_the_speaker():
    mention = behind("The minister said, as translated by Kelm Radio, that 80 soldiers had "
                     "died.", "80")
    assert (mention.source, mention.via) == ("minister", ["Kelm Radio"])


def test_outlet_reporting_a_speaker_is_the_intermediary():
    mention = behind("The Harbour Gazette reported that Mayor Ana Cole said 40 homes were "
                     "lost.", "40")
    assert (mention.source, mention.via) == ("Ana Cole", ["Harbour Gazette"])


# Merges made visible -------------------------------------------------------------------------

def test_every_form_merged_into_one_source_is_recorded():
    passage = ("Ana Cole said 40 homes were lost. Mayor Cole said 12 bridges were closed. "
               "She said 3 schools were shut. The mayor said 9 roads were blocked.")
    sources, _ = read(passage)
    assert sources.merges() == {"Ana Cole": ["Ana Cole", "Mayor Cole", "She", "The mayor"]}


def test_a_source_written_one_way_is_no_merge():
    sources, _ = read("Ana Cole said 40 homes were lost. Ana Cole said 9 roads were shut.")
    assert sources.merges() == {}


@pytest.mark.parametrize("sentence, figure, mention", [
    ("A survey by the institute in March found Ms. Lind with a lead of 48 percent to 41 "
     "percent.", "48 percent", "A survey by the institute in March"),
    ("A 2014 examination by the watchdog found that 40 officers had been disciplined.", "40",
     "A 2014 examination by the watchdog"),
    ("Exit polling showed that Lind won 60 percent of young voters.", "60 percent",
     "Exit polling"),
])
def test_what_a_document_or_data_set_finds(sentence, figure, mention):
    assert behind(sentence, figure).mention == mention


# Spans ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, mention", [
    ("KELM, Veldania — Gov. Ana Cole said 40 homes were lost.", "Gov. Ana Cole"),
    ("KELM (Reuters) - Mayor Ana Cole said 40 homes were lost.", "Mayor Ana Cole"),
    ("Jean-Pierre Lund said 40 homes were lost.", "Jean-Pierre Lund"),
])
def test_a_dateline_is_no_part_of_the_source(sentence, mention):
    assert behind(sentence, "40").mention == mention


def test_speaker_label_after_a_digest_headline():
    mention = behind("VOTERS WERE NOT WRONG, JUST EARLY - Ana Cole and Bo Lind: “The polls "
                     "missed 12 percent of late deciders.”", "12 percent")
    assert (mention.mention, mention.cue) == ("Ana Cole and Bo Lind", ":")
