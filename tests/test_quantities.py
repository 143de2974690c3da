"""Quantities in parsed sentences: which numbers are claims, what they count, who or what
they are about, the event, and whether they are a change. Sentences are hand-written."""

from __future__ import annotations

import pytest

from claimledger.extract.quantities import find_quantities
from claimledger.nlp import load_pipeline


def quantities(sentence: str):
    return find_quantities(load_pipeline()(sentence))


def mention_of(sentence: str, text: str):
    found = [m for m in quantities(sentence) if m.quantity.text == text]
    assert len(found) == 1, [m.quantity.text for m in quantities(sentence)]
    return found[0]


@pytest.mark.parametrize("sentence, text, value, low, high, approx", [
    ("Around 10,000 troops were moved to the border, the ministry said.", "Around 10,000",
     10000, 10000, 10000, "about"),
    ("More than 12,000 residents have left the coastal towns.", "More than 12,000",
     12000, 12000, None, "at_least"),
    ("Nearly 3,000 homes were without power on Sunday.", "Nearly 3,000", 3000, None, 3000,
     "at_most"),
    ("Officials said up to 400 people could still be trapped.", "up to 400", 400, None, 400,
     "up_to"),
    ("Between 3,000 and 5,000 hectares of farmland are under water.", "Between 3,000 and 5,000",
     None, 3000, 5000, "range"),
    ("Tens of thousands of dollars were raised for the shelter.",
     "Tens of thousands of dollars", None, 10000, 99999, "vague"),
    ("The council approved a $450 million flood barrier on Tuesday.", "$450 million",
     450e6, 450e6, 450e6, "exact"),
    ("Ticket prices rose 19 per cent over the summer.", "19 per cent", 19, 19, 19, "exact"),
])  # fmt: skip
def test_values_and_approximations(sentence, text, value, low, high, approx):
    quantity = mention_of(sentence, text).quantity
    assert (quantity.value, quantity.low, quantity.high, quantity.approx) == (
        value, low, high, approx
    )


def test_offsets_point_at_the_figure_text():
    sentence = "The agency said about 2,500 people had been moved to shelters."
    (mention,) = quantities(sentence)
    assert sentence[mention.quantity.start:mention.quantity.end] == "about 2,500"
    assert load_pipeline()(sentence)[mention.anchor].text == "2,500"


@pytest.mark.parametrize("sentence, text, counted", [
    ("Rescuers pulled 37 survivors from the rubble overnight.", "37", "survivors"),
    ("Police said 200 riot police officers were deployed in the city.", "200",
     "riot police officers"),
    ("Some 40 families spent the night in a school gym.", "Some 40", "families"),
    ("More than 600 of its homes were flooded, the mayor said.", "More than 600", "homes"),
    ("The fire destroyed 120 hectares of pine forest.", "120", "pine forest"),
    ("The plant supplies about 8 per cent of the country's electricity.", "about 8 per cent",
     "electricity"),
    ("Electricity demand fell 4 per cent in March.", "4 per cent", "Electricity demand"),
    ("The price of diesel rose 12 per cent in a week.", "12 per cent", "price of diesel"),
    ("Officials put the number of people displaced at 7,000.", "7,000", "people"),
    ("The death toll rose to 27 on Monday.", "27", "deaths"),
    ("At least nine were injured when the roof collapsed.", "At least nine", "people"),
    ("The ministry estimated the cost of the repairs at $3 million.", "$3 million", "repairs"),
    ("Each household will receive a payment of $250.", "$250", "payment"),
    ("The city announced a $40 million housing fund.", "$40 million", "housing fund"),
    ("Engineers recommended new pumps at an estimated cost of $2 million.", "$2 million",
     "new pumps"),
    ("Crews removed 300 tonnes of mud and debris from the streets.", "300", "mud and debris"),
    ("HARLEN, Veldania — Dizzy and coughing, 11 miners were rushed to a field hospital 50 "
     "miles north of the capital on Friday.", "50", "distance from capital"),
    ("The village lies 20 kilometres east of the border.", "20", "distance from border"),
])  # fmt: skip
def test_counted(sentence, text, counted):
    assert mention_of(sentence, text).counted == counted


@pytest.mark.parametrize("sentence, text, subject, event", [
    ("Norway has sent 250 engineers to the region, officials said.", "250", "Norway", "send"),
    ("About 1,200 people were evacuated from the valley, the agency said.", "About 1,200",
     None, "evacuate"),
    ("According to the police, 14 people were arrested outside the stadium.", "14", None,
     "arrest"),
    ("The governor said that 2,300 homes had been flooded across Dunmore county.", "2,300",
     None, "flood"),
    ("The utility, which employs 13,000 workers, plans to cut costs.", "13,000", "utility",
     "employ"),
    ("Nearly 700 of the homes would have to be demolished.", "Nearly 700", None, "demolish"),
    ("At least 60 were unaccounted for after the landslide.", "At least 60", None,
     "unaccounted"),
])  # fmt: skip
def test_subject_and_event(sentence, text, subject, event):
    mention = mention_of(sentence, text)
    assert (mention.subject, mention.event) == (subject, event)


@pytest.mark.parametrize("sentence, text, trend", [
    ("Ticket prices rose 19 per cent over the summer.", "19 per cent", "up"),
    ("The number of people in shelters fell by 3,000 over the weekend.", "3,000", "down"),
    ("The council reported an increase of 200 in rough sleepers.", "200", "up"),
    ("The shares were up 5% at midday.", "5%", "up"),
    ("The budget for road repairs was cut by half.", "half", "down"),
    ("Analysts expect a 7% drop in exports.", "7%", "down"),
    ("The index edged down 0.2% in early trade.", "0.2%", "down"),
    ("Employment grew by 12,500 jobs in May.", "12,500", "up"),
    ("The death toll rose to 94 on Friday.", "94", None),
    ("Turnout climbed to 64 per cent, up from 58 per cent in 2019.", "58 per cent", None),
    ("The plant employs 900 people.", "900", None),
])  # fmt: skip
def test_trend_only_for_changes(sentence, text, trend):
    assert mention_of(sentence, text).quantity.trend == trend


def test_an_equivalent_figure_shares_the_change():
    found = quantities("The index lost 310 points, or 1.2%, on Thursday.")
    assert [(m.quantity.text, m.quantity.trend) for m in found] == [
        ("310 points", "down"), ("1.2%", "down")
    ]


def test_from_to_under_a_change_verb_is_two_levels():
    found = quantities("The toll rose from 12 to 19 overnight, police said.")
    assert [(m.quantity.value, m.quantity.approx) for m in found] == [(12, "exact"), (19, "exact")]


def test_from_to_elsewhere_is_a_range():
    (mention,) = quantities("Tickets range from $25 to $90 depending on the seat.")
    assert (mention.quantity.low, mention.quantity.high, mention.quantity.approx) == (
        25, 90, "range"
    )


@pytest.mark.parametrize("sentence, text", [
    ("The official estimate was later revised up to 8,000.", "8,000"),
    ("The toll went up to 94 on Friday.", "94"),
])  # fmt: skip
def test_a_verb_particle_is_no_approximation(sentence, text):
    quantity = mention_of(sentence, text).quantity
    assert (quantity.approx, quantity.value, quantity.high) == ("exact", quantity.value,
                                                                  quantity.value)


def test_a_conversion_in_brackets_takes_the_approximation():
    found = quantities("The debris spread over about 40 miles (64 km) of coastline.")
    assert [(m.quantity.value, m.quantity.approx, m.quantity.unit) for m in found] == [
        (40, "about", "mile"), (64, "about", "km")
    ]


@pytest.mark.parametrize("sentence, text, unit", [
    ("Gusts of 90 mph battered the coast.", "90", "mph"),
    ("The club posted a loss of €12m.", "€12m", "EUR"),
    ("The fire burned 4,200 hectares of scrub.", "4,200", "hectare"),
    ("The bridge is 300 years old.", "300", "year"),
    ("A 300-year-old bridge was swept away.", "300", "year"),
    ("Rescuers counted 37 survivors.", "37", None),
])  # fmt: skip
def test_units(sentence, text, unit):
    assert mention_of(sentence, text).quantity.unit == unit


@pytest.mark.parametrize("sentence, kept", [
    # years
    ("The dam was built in 1987 and upgraded in 2019.", []),
    ("The 2021 report warned of cracks in the spillway.", []),
    ("Inspections between 2014 and 2017 found no faults.", []),
    ("The walls were raised around 120 AD by the legion.", []),
    ("Attendance has doubled since 2016, when 2000 people came.", ["2000"]),
    ("Revenue for the 2019-20 season was flat.", []),
    # dates
    ("The strike began on 14 March and ended on March 20.", []),
    ("The report is dated Aug. 3, the ministry said.", []),
    # clock times
    ("The alarm sounded at 23:40 and crews arrived at 10 a.m.", []),
    ("Polls close at 8pm on Thursday.", []),
    # ordinals and decades
    ("She finished 3rd, her first podium since the 1990s.", []),
    # numbers inside names
    ("Traffic on Route 9 and Highway 12 was diverted.", []),
    ("The Boeing 737 landed safely at Gate 3.", []),
    ("Flight KA 417 was cancelled.", []),
    ("The iPhone 11 sold well, as did the F-16 model kit.", []),
    ("The G7 met to discuss Covid-19 vaccines.", []),
    ("The Big 12 title game drew a record crowd.", []),
    ("The S&P 500 index closed higher.", []),
    ("The prime minister returned to No. 10 on Monday.", []),
    ("The app still runs on the iPhone 4S.", []),
    ("The firm is rolling out 5G across the region.", []),
    ("The details are on page 2 of the report.", []),
    ("Doctors traced patient zero to a market stall.", []),
    ("Crews worked at ground zero for 300 days.", ["300"]),
    ("The clinic reported zero new cases.", ["zero"]),
    # addresses, phone numbers, scores
    ("The office at 12 Quay Road has closed.", []),
    ("Families can call 0800 555 0199 for help.", []),
    ("United won 2-1 after extra time.", []),
    ("Posted 12-29-2014 12-23-46 PM", []),
    ("Updated 29-12-2014, 10:30", []),
    # page furniture and list numbering
    ("12 comments", []),
    ("3 min read", []),
    ("10 things to pack in an emergency bag", []),
    ("3.", []),
    ("Kelmar 9°C Light rain", []),
    # ages of people, not of things
    ("Mira Dovan, 54, said the water rose quickly.", []),
    ("Mr Halloran, 68, said he had never seen the river so high.", []),
    ("The singer died at the age of 57.", []),
    ("A 19-year-old man was arrested at the scene.", []),
    ("The survey covered women aged 25 to 54.", []),
    ("A 300-year-old bridge was swept away.", ["300"]),
    # "one" as a pronoun
    ("It was one of the largest floods on record.", []),
    ("One resident said the water came up to the windows.", []),
    ("At one point the queue stretched around the block.", []),
    ("One person died and 12 were injured.", ["One", "12"]),
])  # fmt: skip
def test_numbers_that_are_not_claims(sentence, kept):
    assert [m.quantity.text for m in quantities(sentence)] == kept


def test_mentions_come_in_order_of_appearance():
    found = quantities("About 4,000 people were moved, 31 died and 300 homes flooded.")
    assert [m.quantity.text for m in found] == ["About 4,000", "31", "300"]
    assert [m.quantity.start for m in found] == sorted(m.quantity.start for m in found)


@pytest.mark.parametrize("sentence, counted, event", [
    ("Ferry capsizes off the coast, at least 14 dead", "people", "die"),
    ("Three injured as tram leaves the rails", "people", "injure"),
    ("Storm batters islands, 12 missing", "people", "miss"),
])
def test_state_adjectives_stand_for_people(sentence, counted, event):
    (mention,) = find_quantities(load_pipeline()(sentence))
    assert (mention.counted, mention.event) == (counted, event)


def test_state_adjective_before_a_noun_is_not_people():
    (mention,) = find_quantities(load_pipeline()("Workers cleared 300 dead fish from the lake."))
    assert mention.counted != "people"


@pytest.mark.parametrize("sentence, expected", [
    ("One thing led to another, and the talks collapsed.", []),
    ("At one point the crowd surged towards the gate.", []),
    ("One source said the plan was dropped.", []),
    ("The band played one song before leaving.", []),
    ("One person was killed and two were injured.", ["One", "two"]),
    ("At least one cache of weapons was seized.", ["At least one"]),
    ("Only one school stayed open.", ["one"]),
    ("Officials said one of the crates drifted into the lake.", ["one"]),
    ("Two of the crates missed, but one was burned by the crew.", ["Two", "one"]),
    ("One can see the hills from the bridge.", []),
])
def test_indefinite_one_is_no_figure(sentence, expected):
    assert [m.quantity.text for m in find_quantities(load_pipeline()(sentence))] == expected


def counted_in_turn(*sentences: str) -> list[list[str | None]]:
    """The counted things of sentences read in order, each knowing the figures before it."""
    earlier: list = []
    found = []
    for sentence in sentences:
        mentions = find_quantities(load_pipeline()(sentence), earlier)
        earlier.extend(mentions)
        found.append([m.counted for m in mentions])
    return found


def test_a_count_of_people_names_the_group_counted_before():
    assert counted_in_turn(
        "About 300 pupils were taken from a boarding school in March.",
        "Dozens fled on the first night, but 190 are still missing.",
    ) == [["pupils"], ["pupils", "pupils"]]


def test_a_later_count_of_people_ends_the_group():
    assert counted_in_turn(
        "Rebels freed 40 hostages on Monday.",
        "The storm left 40 people homeless.",
        "The army said 60 were unaccounted for.",
    ) == [["hostages"], ["people"], ["people"]]


def test_a_group_of_things_is_no_group_of_people():
    assert counted_in_turn(
        "The flood destroyed 300 homes.",
        "At least 12 died.",
    ) == [["homes"], ["people"]]


def test_a_part_of_a_whole_counts_the_whole():
    (_, part, _) = find_quantities(load_pipeline()(
        "More than 500 farmers have been detained since May, including 60 arrested in two towns."))
    assert part.counted == "farmers"


def test_a_number_befallen_by_an_event_counts_people_of_the_group_before():
    assert counted_in_turn(
        "Police said 14 more officers were held after the earlier arrests of at least 20.",
        "The release of 12 tonnes of grain was delayed.",
    ) == [["officers", "officers"], ["grain"]]


@pytest.mark.parametrize("sentence, counted", [
    ("Engineers say they will need at least 10 days for the repair work.", "repair work"),
    ("They waited two hours for the bus.", None),
])
def test_a_span_a_task_needs_measures_the_task(sentence, counted):
    (mention,) = quantities(sentence)
    assert mention.counted == counted
