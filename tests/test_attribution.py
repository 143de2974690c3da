"""Attribution rules, one family at a time, on hand-written news sentences: who stands behind
a figure, by which cue, and through whom it reached the page."""

from __future__ import annotations


import pytest

from claimledger.extract.attribution import (
    AttributionMention,
    DocumentSources,
    covering,
    quote_regions,
)
from claimledger.nlp import load_pipeline, split_sentences



def attribute(passage: str, *, outlet: str | None = None) -> list[list[AttributionMention]]:
    """The attributions DocumentSources gives each sentence of a passage."""
    sources = DocumentSources(passage, outlet=outlet)
    nlp = load_pipeline()
    return [sources.attributions(nlp(sentence.text), sentence.start)
            for sentence in split_sentences(passage)]


def behind(passage: str, figure: str, *, outlet: str | None = None) -> AttributionMention | None:
    """The attribution covering a figure (its last token) in the last sentence holding it."""
    sources = DocumentSources(passage, outlet=outlet)
    nlp = load_pipeline()
    found = None
    for sentence in split_sentences(passage):
        doc = nlp(sentence.text)
        mentions = sources.attributions(doc, sentence.start)
        at = sentence.text.find(figure)
        if at >= 0:
            span = doc.char_span(at, at + len(figure), alignment_mode="expand")
            found = covering(mentions, span[-1].i)
    return found


def source_of(passage: str, figure: str, **options) -> str | None:
    mention = behind(passage, figure, **options)
    return mention.source if mention else None


# 1. Reporting verbs: the subject of the cue is the source of its clause --------------------

@pytest.mark.parametrize("sentence, figure, source, cue, cue_class", [
    ("The health ministry said 312 people had been admitted to hospital.", "312",
     "health ministry", "say", "reported"),
    ("Fire chief Anna Reyes told reporters that 40 homes had burned.", "40", "Anna Reyes", "tell",
     "reported"),
    ("The rebels claimed they had shot down 3 helicopters.", "3", "rebels", "claim", "claimed"),
    ("The port authority stated that 1,200 containers were stranded.", "1,200", "port authority",
     "state", "reported"),
    ("The coastguard confirmed that 14 fishermen had been rescued.", "14", "coastguard", "confirm",
     "confirmed"),
    ("The army denied that 60 soldiers had deserted.", "60", "army", "deny", "denied"),
    ("The audit revealed that $2 million had gone missing.", "2", "audit", "reveal", "reported"),
    ("The insurer estimated that the storm caused $900 million in damage.", "900", "insurer",
     "estimate", "estimated"),
    ("Forecasters warned that 30 centimetres of snow could fall overnight.", "30", "forecasters",
     "warn", "reported"),
    ("The mayor added that 85 families were still in temporary housing.", "85", "mayor", "add",
     "reported"),
])
def test_reporting_verbs(sentence, figure, source, cue, cue_class):
    mention = behind(sentence, figure)
    assert (mention.source.lower(), mention.cue, mention.cue_class) == (
        source.lower(), cue, cue_class)


@pytest.mark.parametrize("sentence, figure, source", [
    ("At least 27 people died in the blaze, the regional governor said.", "27",
     "regional governor"),
    ("The toll, the governor said, had reached 27 by midnight.", "27", "governor"),
    ('"We have counted 19 bodies," said Tomas Berg, a police spokesman.', "19", "Tomas Berg"),
    ("About 700 workers walked out, says the union, which represents dock staff.", "700", "union"),
    ("Some 150 flights were cancelled on Monday, the airport operator said, "
     "but most had resumed by evening.", "150", "airport operator"),
])
def test_inverted_and_trailing_cues(sentence, figure, source):
    assert source_of(sentence, figure).lower() == source.lower()


def test_conjoined_cue_shares_the_subject():
    mention = behind("The agency confirmed 41 deaths on Friday and said 9 people were missing.",
                     "9")
    assert (mention.source, mention.cue) == ("agency", "say")


def test_passive_agent_is_the_source():
    mention = behind("Nineteen deaths have been confirmed by the county coroner.", "Nineteen")
    assert (mention.source, mention.cue_class) == ("county coroner", "confirmed")


def test_object_of_an_estimate_is_its_content():
    mention = behind("The bank puts the cost of the repairs at $3.5 billion.", "3.5")
    assert (mention.source, mention.cue, mention.cue_class) == ("bank", "put", "estimated")


@pytest.mark.parametrize("sentence, figure", [
    ("Hundreds of homes were still without power on Tuesday.", "Hundreds"),
    ("Residents have been told that 200 buses will take them to safety.", "200"),
    ("The governor criticised the $40 million plan.", "40"),
    ("Families cannot claim the $500 payment without an address.", "500"),
])
def test_no_one_stands_behind_an_asserted_figure(sentence, figure):
    assert source_of(sentence, figure) is None


@pytest.mark.parametrize("sentence, figure, cue", [
    ("The ministry did not confirm that 80 prisoners had escaped.", "80", "confirm"),
    ("A company spokesman declined to say whether 300 jobs would go.", "300", "say"),
])
def test_negated_cues(sentence, figure, cue):
    mention = behind(sentence, figure)
    assert (mention.cue, mention.negated) == (cue, True)


@pytest.mark.parametrize("sentence, source, cue", [
    ("Voters in the district prefer that the plant stay open.", "voters", "prefer"),
    ("The senator urged calm and thanked the volunteers who rebuilt 40 homes.", "senator",
     "thank"),
    ("The governor implied that 200 posts would be cut.", "governor", "imply"),
    ("Okafor congratulated the team that sold 4,000 tickets.", "Okafor", "congratulate"),
    ("The union is hoping that 2,000 members will join.", "union", "hope"),
])
def test_stance_and_reporting_verbs_of_everyday_speech(sentence, source, cue):
    mentions = attribute(sentence)[0]
    assert (source, cue) in [(m.source, m.cue) for m in mentions]


def test_hope_to_is_a_stance_without_content():
    mentions = attribute("The union hopes to sign up 2,000 new members this year.")[0]
    assert [(m.source, m.cue, len(m.content_tokens)) for m in mentions] == [("union", "hope", 0)]


@pytest.mark.parametrize("sentence, mentions", [
    ("In the survey, 58 percent support the plan.", ["the survey", "58 percent"]),
    ("A majority of residents oppose the new tower.", ["A majority of residents"]),
])
def test_share_of_those_polled_holds_a_view(sentence, mentions):
    assert [m.mention for m in attribute(sentence)[0]] == mentions


def test_subject_of_an_adjective_before_the_cue():
    mention = attribute("Rural voters were more likely to say the tax should be cut.")[0][0]
    assert (mention.mention, mention.cue) == ("Rural voters", "say")


def test_call_for_parsed_as_a_clause_marked_by_for():
    sentence = "Senator Ruth Calloway is calling for the state to double its spending on clinics."
    mention = attribute(sentence)[0][0]
    start, end = mention.content_span
    assert (mention.source, mention.cue) == ("Ruth Calloway", "call")
    assert sentence[start:end] == "the state to double its spending on clinics"


def test_name_given_in_quotes_parsed_as_an_apposition():
    sentence = "She called the council's budget “a disgrace to 4,000 teachers.”"
    mention = attribute(sentence)[0][0]
    start, end = mention.content_span
    assert mention.cue == "call" and "disgrace to 4,000 teachers" in sentence[start:end]


def test_dateline_is_not_the_speaker():
    mention = behind("WASHINGTON (Reuters) - Senator Dale Pruitt said on Monday that 300 jobs would "
                     "be lost.", "300")
    assert (mention.source, mention.mention) == ("Dale Pruitt", "Senator Dale Pruitt")


def test_who_is_told_is_not_the_speaker():
    mention = behind("Marlow defended the plan, telling CNN it would create 500 jobs.", "500")
    assert (mention.source, mention.cue) == ("Marlow", "tell")


@pytest.mark.parametrize("sentence, source", [
    ("“Never,” the minister answered.", "minister"),
    ("“Not now,” the woman shouted.", "woman"),
    ("“There is no money left,” Oyelaran notes.", "Oyelaran"),
])
def test_speaker_after_a_short_quote(sentence, source):
    assert [m.source for m in attribute(sentence)[0]] == [source]


def test_asked_names_who_was_asked_not_who_asked():
    mentions = attribute("Asked about the budget, Lind said 300 jobs would go.")[0]
    assert [(m.source, m.cue) for m in mentions] == [(None, "ask"), ("Lind", "say")]


def test_speaking_to_reporters_is_the_occasion_of_the_statement():
    mentions = attribute("Speaking to reporters on Monday, Lind said 300 jobs would go.")[0]
    assert [(m.source, m.cue) for m in mentions] == [("Lind", "say")]


@pytest.mark.parametrize("sentence, mention", [
    ("Lind, who chairs the budget panel, said 300 jobs would go.", "Lind"),
    ("Some of the delegates said they would walk out.", "Some of the delegates"),
])
def test_source_phrase_as_written(sentence, mention):
    assert attribute(sentence)[0][0].mention == mention


# 2. "according to", owners of figures, speaker labels ----------------------------------------

@pytest.mark.parametrize("sentence, figure, source, cue, cue_class", [
    ("According to the weather service, 120 millimetres of rain fell in six hours.", "120",
     "weather service", "according to", "reported"),
    ("Unemployment rose to 7.4 per cent in March, according to the statistics office.", "7.4",
     "statistics office", "according to", "reported"),
    ("The transport ministry's figures show that 2,300 lorries crossed the border.", "2,300",
     "transport ministry", "show", "reported"),
    ("Figures from the Red Cross show 6,000 people in emergency shelters.", "6,000", "Red Cross",
     "show", "reported"),
    ("By the union's count, 4,500 members joined the strike.", "4,500", "union", "count",
     "estimated"),
    ("That is well above the treasury's estimate of $12 billion.", "12", "treasury", "estimate",
     "estimated"),
])
def test_according_to_and_owned_figures(sentence, figure, source, cue, cue_class):
    mention = behind(sentence, figure)
    assert (mention.source.lower(), mention.cue, mention.cue_class) == (
        source.lower(), cue, cue_class)


def test_speaker_label_before_a_colon():
    mention = behind("HARDING: We lost 3 boats in the storm.", "3")
    assert (mention.source, mention.cue) == ("HARDING", ":")


@pytest.mark.parametrize("sentence, source", [
    ("Lind: Budget Will Cut 300 Jobs.", "Lind"),
    ("Mayor Lind at the town hall: We will rebuild 300 homes.", "Mayor Lind"),
])
def test_headline_speaker_labels(sentence, source):
    mention = behind(sentence, "300")
    assert (mention.mention, mention.cue) == (source, ":")


def test_tally_after_a_colon_is_no_label():
    assert attribute("Okafor: 1,204.")[0] == []


# 3. Intermediaries -----------------------------------------------------------------------

@pytest.mark.parametrize("sentence, figure, source, via", [
    ("The Coastal Herald reported, citing port officials, that 16 ships had been diverted.", "16",
     "port officials", ["Coastal Herald"]),
    ("Mayor Ines Dorra said 900 homes had flooded, as translated by the Baltic News Agency.", "900",
     "Ines Dorra", ["Baltic News Agency"]),
    ("Governor Paul Artan told state television RTK that 2,000 troops had been deployed.", "2,000",
     "Paul Artan", ["RTK"]),
    ("Governor Paul Artan told reporters that 2,000 troops had been deployed.", "2,000",
     "Paul Artan", []),
    ("The Morning Ledger reported that the central bank had put losses at $4 billion.", "4",
     "central bank", ["Morning Ledger"]),
    ("Officials said 300 people had died, the newspaper reported, citing hospital records.", "300",
     "officials", ["newspaper", "hospital records"]),
])
def test_intermediaries(sentence, figure, source, via):
    mention = behind(sentence, figure)
    assert (mention.source, mention.via) == (source, via)


def test_outlet_that_reports_to_itself_is_no_intermediary():
    mention = behind("Captain Ola Strand told the Herald that 12 crew members were missing.", "12",
                     outlet="The Northern Herald")
    assert (mention.source, mention.via) == ("Ola Strand", [])


def test_interpreter_without_a_name_adds_nothing():
    mention = behind('"We lost 40 cows," Marta Novak told the Herald through an interpreter.', "40",
                     outlet="Northern Herald")
    assert (mention.source, mention.via) == ("Marta Novak", [])


def test_quoted_as_saying_through_an_agency():
    mention = behind("Officials were quoted by the agency as saying that 70 people had died.", "70")
    assert (mention.source, mention.cue, mention.via) == ("officials", "say", ["agency"])


def test_innermost_attribution_covers_the_figure():
    mentions = attribute("The Morning Ledger reported that the central bank had put losses at "
                         "$4 billion.")[0]
    outer = next(m for m in mentions if m.cue == "report")
    inner = next(m for m in mentions if m.cue == "put")
    assert outer.source == "Morning Ledger" and inner.via == ["Morning Ledger"]
    assert len(inner.content_tokens) < len(outer.content_tokens)


# 4. Quotes -------------------------------------------------------------------------------

@pytest.mark.parametrize("passage, figure, source", [
    ('"Nobody expected 500 people to turn up," said Lena Fisk, the event organiser.', "500",
     "Lena Fisk"),
    ("“We found 11 survivors under the rubble,” Captain Omar Haddad said.", "11",
     "Omar Haddad"),
    ("The minister promised that “every one of the 6,000 families will be rehoused”.", "6,000",
     "minister"),
    ("Sara Lind, the fire chief, said: “We saved 80 houses last night.”", "80", "Sara Lind"),
])
def test_direct_indirect_and_mixed_quotes(passage, figure, source):
    assert source_of(passage, figure) == source


def test_quote_continued_in_the_next_sentence():
    passage = ("“We are clearing the roads around the clock,” the spokeswoman, Eva Rusk, said. "
               "“Another 30 trucks arrive tomorrow.”")
    assert source_of(passage, "30") == "Eva Rusk"


def test_quote_spanning_two_sentences_with_the_speaker_after_it():
    passage = ("Karl Meno runs the shelter on Dock Street. “The first night we had 90 people. "
               "By Friday it was 400,” he said.")
    assert source_of(passage, "90") == "Karl Meno"
    assert source_of(passage, "400") == "Karl Meno"


def test_straight_quotes_over_two_paragraphs():
    passage = ('Port director Hanna Ilves said the backlog was easing.\n'
               '"We moved 2,000 containers on Sunday. We expect to clear the rest by Thursday," '
               'she said.')
    assert source_of(passage, "2,000") == "Hanna Ilves"


def test_first_person_inside_a_quote_is_the_speaker_and_adds_no_relation():
    mentions = attribute('"I think we can rebuild 300 homes by spring," Mayor Ivo Kant said.')[0]
    assert [m.source for m in mentions] == ["Ivo Kant"]


def test_quote_regions_curly_straight_and_open_at_line_end():
    text = 'He said “yes”. She said "no".\n“Still open\nNext'
    regions = [text[a:b] for a, b in quote_regions(text)]
    assert regions == ["yes", "no", "Still open"]


# 5. Sources named earlier -----------------------------------------------------------------

@pytest.mark.parametrize("passage, figure, source", [
    ("Nora Vidal is the agency's spokeswoman. She said 75 roads were closed.", "75", "Nora Vidal"),
    ("Nora Vidal, a spokeswoman for the agency, spoke on Monday. The spokeswoman said 75 roads "
     "were closed.", "75", "Nora Vidal"),
    ("Farid Osman, the harbour master, met the press. Osman said 12 cranes were damaged.", "12",
     "Farid Osman"),
    ("The Northern Rail Company cancelled all trains. It said 240 services would not run.", "240",
     "Northern Rail Company"),
    ("The Northern Rail Company cancelled all trains. The company said 240 services would not run.",
     "240", "Northern Rail Company"),
    ("The Federal Water Agency (FWA) opened three sluices. The agency said 40 villages were at "
     "risk.", "40", "Federal Water Agency"),
    ("The Federal Water Agency (FWA) opened three sluices. The FWA said 40 villages were at risk.",
     "40", "Federal Water Agency"),
    ("The Ministry of Health issued a warning on Sunday. The ministry said 1,500 cases had been "
     "recorded.", "1,500", "Ministry of Health"),
])
def test_pronouns_roles_and_short_forms(passage, figure, source):
    assert source_of(passage, figure) == source


def test_short_form_before_the_full_name_is_defined():
    passage = ("Floods cut the town off on Friday, killing 9 people, the country's disaster "
               "agency said. The National Disaster Management Agency (NDMA) said 400 people were "
               "evacuated.")
    assert source_of(passage, "9") == "National Disaster Management Agency"


@pytest.mark.parametrize("passage, figure, source", [
    ("A senior official at the ministry, who spoke on condition of anonymity, said 2,000 troops "
     "were on standby.", "2,000", "anonymous senior ministry official"),
    ("Sources said the company would cut 800 jobs.", "800", "anonymous sources"),
    ("People familiar with the matter said the deal was worth $6 billion.", "6",
     "anonymous sources"),
])
def test_anonymous_sources(passage, figure, source):
    mention = behind(passage, figure)
    assert mention.source.startswith(source) and mention.source_type == "anonymous"


def test_anonymous_source_keeps_its_organisation():
    passage = ("The Federal Water Agency (FWA) opened three sluices. A senior official at the "
               "agency, who was not authorised to speak publicly, said 40 villages were at risk.")
    assert source_of(passage, "40") == "anonymous senior FWA official"


# 6. Denials, confirmations and stances ------------------------------------------------------

@pytest.mark.parametrize("sentence, cue, cue_class", [
    ("The Kremlin called the reports a hoax.", "call", "denied"),
    ("The operator dismissed the leaked memo as a fabrication.", "dismiss", "denied"),
    ("The minister rejected the charity's figures as exaggerated.", "reject", "denied"),
    ("The airline brushed aside claims that 50 flights were unsafe.", "brush", "denied"),
    ("The utility confirmed that a second turbine had failed.", "confirm", "confirmed"),
])
def test_denials_and_confirmations_without_figures(sentence, cue, cue_class):
    mentions = attribute(sentence)[0]
    assert any((m.cue, m.cue_class) == (cue, cue_class) for m in mentions)


def test_stance_names_its_source_but_covers_no_figure():
    mentions = attribute("The governor wants to hire 400 more firefighters.")[0]
    assert [(m.source, m.cue, len(m.content_tokens)) for m in mentions] == [("governor", "want", 0)]


# 7. Robustness to the parses of long news sentences -----------------------------------------

def test_trailing_according_to_qualifies_the_whole_report():
    mention = behind("The envoy told the minister that 5,000 troops would stay, according to "
                     "the foreign ministry.", "5,000")
    assert (mention.source, mention.via) == ("envoy", ["foreign ministry"])


def test_relay_is_the_source_when_no_one_else_speaks():
    mention = behind("About 500 houses were destroyed, as reported by the Daily Sentinel.", "500")
    assert (mention.source, mention.source_type, mention.cue) == ("Daily Sentinel", "media",
                                                                  "report")


def test_figure_reported_by_someone_is_theirs():
    mention = behind("Nobody has confirmed the figure of 12,000 reported by local media.", "12,000")
    assert (mention.source, mention.source_type) == ("local media", "media")


def test_speaker_quoted_by_a_reporter_keeps_the_reporter_as_intermediary():
    mention = behind("The engineers quoted by Ana Ruiz said 14 bridges were unsafe.", "14")
    assert (mention.source, mention.via) == ("engineers", ["Ana Ruiz"])


def test_naming_participle_is_no_attribution():
    assert attribute("The festival, called Harbour Lights, drew 20,000 visitors.")[0] == []


@pytest.mark.parametrize("sentence, source", [
    ("Three police officers at the depot said 40 trucks were lost.", "police officers"),
    ("Two company engineers said 14 bridges were unsafe.", "company engineers"),
])
def test_a_group_is_named_without_its_count_or_a_repeated_body(sentence, source):
    assert source_of(sentence, sentence.split(" said ")[1].split()[0]) == source


@pytest.mark.parametrize("sentence", [
    "A fire thought to have been started by arsonists destroyed 30 homes, the police said.",
    "A gunman believed to be a former guard shot 4 people, the police said.",
])
def test_a_noun_thought_to_have_done_something_is_not_its_speaker(sentence):
    assert [m.source for m in attribute(sentence)[0]] == ["police"]


# Acts and refusals are no statements ----------------------------------------------------------

@pytest.mark.parametrize("passage, figure, source", [
    # "agreed to" an act: the figure is the spokeswoman's, not the rebels'
    ("A spokeswoman said the rebels had agreed to free 40 hostages.", "40", "spokeswoman"),
    # a denial verb whose object is no claim denies nothing: the diplomat speaks
    ("A diplomat said the junta had rejected efforts to discuss the 12 detainees.", "12", "diplomat"),
])
def test_an_act_or_a_refusal_does_not_take_over_the_speaker(passage, figure, source):
    mention = behind(passage, figure)
    assert (mention.source, mention.cue) == (source, "say")


@pytest.mark.parametrize("passage, figure", [
    ("The seats will be contested by four candidates from the north.", "four"),
    ("Divers recovered a number of boats near the 3 piers.", "3"),
])
def test_a_contest_or_a_number_of_things_names_no_source(passage, figure):
    assert source_of(passage, figure) is None


@pytest.mark.parametrize("passage, figure, source", [
    ("The rebels denied claims by the army that it had killed 40 fighters.", "40", "army"),
    ("The rebels denied the army's claims that it had killed 40 fighters.", "40", "army"),
])
def test_a_denied_claim_is_its_owners(passage, figure, source):
    mention = behind(passage, figure)
    assert (mention.source, mention.cue, mention.cue_class) == (source, "claim", "claimed")


def test_a_name_right_before_which_is_the_antecedent():
    passage = ("The figures match those of the Oslo-based Centre for Conflict Studies, which said "
               "the rebels had seized at least 12 depots.")
    assert source_of(passage, "12") == "Centre for Conflict Studies"
