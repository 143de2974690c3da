"""Which figures are claims, what each counts, and its unit: one hand-written sentence per
rule, each asserting what the rule changes."""

from __future__ import annotations

import pytest

from claimledger.extract.quantities import find_quantities
from claimledger.nlp import load_pipeline


def figures(sentence: str) -> dict[str, object]:
    return {m.quantity.text: m for m in find_quantities(load_pipeline()(sentence))}


@pytest.mark.parametrize("sentence, dropped, kept", [
    # vague counts in the background
    ("A feud that has killed thousands of people flared in 12 towns.", "thousands", "12"),
    ("Residents said hundreds of people were held in 3 camps.", "hundreds", "3"),
    ("The storm has cut power to hundreds of homes in 12 towns.", "hundreds", "12"),
    # dates and date ranges
    ("The fair runs from May 3 to 9 and drew 12,000 visitors.", "3 to 9", "12,000"),
    ("Talks were held on June 4 and 5 with 30 delegations.", "5", "30"),
    ("Talks were held on 4 and 5 June with 30 delegations.", "4", "30"),
    ("Sales in the first half of 2015 reached 9,000 cars.", "half", "9,000"),
    # relative times
    ("The bridge was shut two weeks ago after 14 cracks were found.", "two", "14"),
    ("Three days later the ferry sank with 40 crew on board.", "Three", "40"),
    ("In the last three months the agency hired 40 staff.", "three", "40"),
    ("Work has been the one constant of my life the last nine years, he told 30 guests.",
     "nine", "30"),
    ("Rents have climbed over three decades, a study of 900 flats found.", "over three", "900"),
    ("It was the second time in six years that 40 homes flooded.", "six", "40"),
    ("He hopes to win a second four-year term with 60 seats.", "four", "60"),
    ("The army's five-year war has cost 900 lives.", "five", "900"),
    ("Sales of 300 boats hit their highest level in 12 years.", "12", "300"),
    # ages as identity
    ("The mayor, 61, said 300 homes were flooded.", "61", "300"),
    ("By the time she was eight she had visited 20 countries.", "eight", "20"),
    ("The brothers were 6 and 9 respectively when 50 families left.", "9", "50"),
    ("Up to 12 jurors, all between the ages of 25 and 60, were chosen.", "60", "Up to 12"),
    ("The nurses, who ranged in age from 22 to over 50, treated 80 patients.", "over 50", "80"),
    ("The autopsy of the Dutch woman of 44 found 3 wounds.", "44", "3"),
    ("Two years younger at age 27, she runs 14 shops.", "Two", "14"),
    ("He plans to open 3 cafes when he turns 18.", "18", "3"),
    ("The driver, Tom Reyes, then 19, hit 4 parked cars.", "19", "4"),
    ("We are just two months away from opening 12 stores.", "two", "12"),
    ("Some 300 men and boys aged from infancy to 70 were taken.", "70", "Some 300"),
    ("The farmer, who owns 9 horses, hopes to live to 100.", "100", "9"),
    # counts of speakers
    ("Two guards at the gate told reporters that 14 cars were searched.", "Two", "14"),
    ("The bridge held 40 trucks, three engineers said.", "three", "40"),
    ("According to two local papers, 30 shops were shut.", "two", "30"),
    ("Two senators tweeted that 12 guards were hurt.", "Two", "12"),
    # phone and emergency numbers, radio, time zones, ids
    ("Residents called 112 when 60 houses caught fire.", "112", "60"),
    ("The station on 98.4 FM reaches 200,000 listeners.", "98.4", "200,000"),
    ("The alert went out at 09:15 -0500, reaching 5,000 phones.", "-0500", "5,000"),
    ("Claim 40517732 was one of 800 filed that week.", "40517732", "800"),
    # numbers inside names and compounds
    ("The farm has a two-headed calf and 90 cows.", "two", "90"),
    ("The Model 6 and 7 Plus phones sold 4 million units.", "7", "4 million"),
    ("The top 10 apps were downloaded 3 million times.", "10", "3 million times"),
    ("Police answered a 911 call from 2 neighbours.", "911", "2"),
    ("They stayed in a four and a half star hotel with 300 rooms.", "four and a half", "300"),
    # pronominal numbers
    ("The two met after 500 protesters gathered.", "two", "500"),
    ("No-one was hurt when 30 trees fell.", "one", "30"),
    ("He said he could not tell the two apart among 40 photos.", "two", "40"),
])  # fmt: skip
def test_not_a_claim(sentence, dropped, kept):
    found = figures(sentence)
    assert dropped not in found and kept in found, list(found)


@pytest.mark.parametrize("sentence, text", [
    ("Police called 30 witnesses to the inquiry.", "30"),
    ("She has spent the last 200 days in orbit.", "200"),
    ("The crew was stranded for three days after the crash.", "three"),
    ("The bridge will be built in four years.", "four"),
    ("The judge handed him a 10-year sentence.", "10"),
    ("He spoke of 3 hostages in the 20-minute speech.", "20"),
    ("The test flights lasted five to 10 minutes before landing.", "five to 10"),
    ("The victims were 12 children from the village.", "12"),
    ("The two ministers signed the deal.", "two"),
    ("Some 5,000 tenants reported damp in their flats.", "Some 5,000"),
    ("Hundreds of farms were still cut off on Friday.", "Hundreds"),
    ("Thousands flee coastal towns as storm nears", "Thousands"),
    ("She wrote a 300 page report and took 40 calls.", "40"),
])  # fmt: skip
def test_still_a_claim(sentence, text):
    assert text in figures(sentence)


@pytest.mark.parametrize("sentence, text, counted", [
    ("About 4,000 Sudanese refugees reached the camp.", "About 4,000", "Sudanese refugees"),
    ("Some 8,000 Ukrainians have applied for visas.", "Some 8,000", "Ukrainians"),
    ("A farmer spent $15,000 on the pump.", "$15,000", None),
    ("Shops sold a 13-inch model for $900 and 40 old-style radios.", "40", "old-style radios"),
    ("Police arrested 40 after the match.", "40", "people"),
    ("There will be 30 more cases, the minister said.", "30", "cases"),
    ("There will be 30 more, the minister said.", "30", None),
    ("Guards said 31 fled and 90 remain in custody.", "90", "people"),
    ("The repairs cost $12 million, the council said.", "$12 million", "repairs"),
    ("The ash cloud extends hundreds of miles to the east.", "hundreds", "ash cloud"),
    ("All four of our low-flying helicopters took fire.", "four", "low-flying helicopters"),
    ("Her earnings fell to an all-time low of $62 million.", "$62 million", None),
    ("They were trapped for the better part of 3 days.", "3", None),
    ("The car reached 80 km/h in 8 seconds.", "8", None),
    ("The truck ended up thousands of miles away in a port.", "thousands", "distance"),
    ("The camp is 70 km (45 miles) south of the border.", "45", "distance from border"),
    ("That raid was hundreds of miles from the capital.", "hundreds", "distance from capital"),
    ("The ferry sank 30 miles off the coast of Vell.", "30", "distance from coast of Vell"),
    ("The 13-inch model costs $999.", "$999", "model"),
    ("Customs seized $3 million worth of stolen watches.", "$3 million", "stolen watches"),
    ("The goalkeeper is around 190 cm tall.", "around 190", "height of goalkeeper"),
    ("The old ram is thought to weigh over 15 stone.", "over 15", "weight of old ram"),
    ("Vasko had ballooned to more than 120 kg by May.", "more than 120", "weight of Vasko"),
    ("Exports rose to 300 tonnes.", "300", "Exports"),
    ("Vasko, who is about 6-foot-2, stood by.", "about 6-foot-2", "height of Vasko"),
    ("The navy said in a report on Monday that one airdropped crate had missed its target.",
     "one", "airdropped crate"),
    ("The firm sold 300 cars and 20 were returned.", "20", "cars"),
    ("Some 40 of the students got out, but 12 remain missing.", "12", "students"),
    ("The storm wrecked 300 homes and 12 died.", "12", "people"),
    ("They hold millions of dollars-worth of old rifles.", "millions of dollars", "old rifles"),
    ("They bought the 13-inch laptops and 30 tablets.", "30", "tablets"),
    ("The cellar keeps its wine for 20 years.", "20", None),
    ("The S&P 500 rose 64.1 points on Friday.", "64.1 points", "S&P 500"),
    ("Lenders offer 95 per cent loan-to-value mortgages.", "95 per cent",
     "loan-to-value mortgages"),
])  # fmt: skip
def test_counted(sentence, text, counted):
    assert figures(sentence)[text].counted == counted


def test_counted_holds_no_piece_of_another_figure():
    found = figures("Nearly two-thirds of the 4.3M online and shop sales were albums.")
    assert found["Nearly two-thirds"].counted.split()[-1] == "sales"
    assert "M" not in found["Nearly two-thirds"].counted.split()


def test_a_conjunct_with_a_number_after_it_is_its_own_figure():
    found = figures("Witnesses heard the first seven blasts and then a final volley of four.")
    assert found["seven"].counted == "blasts" and found["four"].counted == "final volley"


def test_coordinated_figures_each_count_their_own_noun():
    found = figures("The navy has 2,100 sailors, about 900 reservists and 40 ships.")
    assert {text: m.counted for text, m in found.items()} == {
        "2,100": "sailors", "about 900": "reservists", "40": "ships"}


def test_a_34_year_old_is_no_figure_and_no_fragment():
    assert figures("A 34-year-old was arrested after 12 cars were damaged.").keys() == {"12"}


@pytest.mark.parametrize("sentence, text, unit, value, low, high", [
    ("The engine holds 1.0l of oil.", "1.0l", "litre", 1.0, 1.0, 1.0),
    ("The guard, who is about 6-foot-2, stood by.", "about 6-foot-2", "inch", 74, 74, 74),
    ("The guard is 5 feet 9 inches tall.", "5 feet 9 inches", "inch", 69, 69, 69),
    ("The wall is 9 feet high.", "9", "foot", 9, 9, 9),
    ("The flat measures 32m2 in all.", "32m2", "m2", 32, 32, 32),
    ("The ship is a 37m yacht.", "37m", "m", 37, 37, 37),
    ("The firm sold 37m phones.", "37m", None, 37e6, 37e6, 37e6),
    ("The house sold for $A450,000.", "$A450,000", "AUD", 450000, 450000, 450000),
    ("The club paid S$2 million for the land.", "S$2 million", "SGD", 2e6, 2e6, 2e6),
    ("The club paid RM40 million for the land.", "RM40 million", "MYR", 40e6, 40e6, 40e6),
    ("Tickets cost £12 at the gate.", "£12", "GBP", 12, 12, 12),
    ("Tickets cost ¥1,500 at the gate.", "¥1,500", "JPY", 1500, 1500, 1500),
    ("Imports rose +4.5% in March.", "+4.5%", "percent", 4.5, 4.5, 4.5),
    ("Exports fell -3.2% in March.", "-3.2%", "percent", -3.2, -3.2, -3.2),
    ("About 3/4 of the voters backed the plan.", "About 3/4", "fraction", 0.75, 0.75, 0.75),
    ("The screen is 7- or 8-inch, the maker said.", "7- or 8", "inch", None, 7, 8),
    ("Beef sold at $4/kg at the market.", "$4", "USD per kg", 4, 4, 4),
    ("Fields reached 12 kV/cm in the chamber.", "12", "kV per cm", 12, 12, 12),
    ("He swept the yard for 9 straight years.", "9", "year", 9, 9, 9),
    ("The phone comes with a 5 W charger.", "5", "W", 5, 5, 5),
    ("It was 12 C in the shade at noon.", "12", "celsius", 12, 12, 12),
    ("Strength fell lower than 8.5 MPa in the test.", "lower than 8.5", "MPa", 8.5, None, 8.5),
    ("Rents are higher than $900 a month.", "higher than $900", "USD per month", 900, 900, None),
])  # fmt: skip
def test_units(sentence, text, unit, value, low, high):
    quantity = figures(sentence)[text].quantity
    assert (quantity.unit, quantity.value, quantity.low, quantity.high) == (unit, value, low, high)


def test_a_letter_named_is_no_unit():
    assert figures("The 3 C's of the plan were cost, care and time.")["3"].quantity.unit is None


def test_numbers_with_letters_after_no_dollar_sign_are_names():
    assert "A320" not in figures("The A320 carried 180 passengers.")
    assert "9/11" not in figures("The 9/11 memorial drew 3,000 people.")
