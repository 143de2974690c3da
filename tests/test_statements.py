"""Key statements and status on sentences written for these tests: allegations, denials and
confirmations with their source, target and polarity; what is none of them."""

from __future__ import annotations

import pytest

from claimledger.clean import clean_document
from claimledger.extract.claims import extract_documents
from claimledger.model import Document

# A story the test sentences can belong to: the surgeon, the clinic and the recording are
# its matter, named in more than one sentence.
STORY = ("The clinic has suspended the surgeon while the recording is examined. "
         "The surgeon and the clinic have not commented on the recording.")


def claims_of(sentence: str, *, headline: str | None = None) -> list:
    raw = (headline + "\n\n" if headline else "") + STORY + "\n\n" + sentence + "\n"
    document = clean_document(Document(doc="story.txt", raw=raw, format="text"))
    (found,) = extract_documents([document])
    return [c for c in found if c.sentence == sentence or headline and c.sentence in headline]


def statements(sentence: str, **options) -> list[tuple]:
    return [(c.kind, c.status, c.polarity) for c in claims_of(sentence, **options) if not c.quantity]


def only_statement(sentence: str):
    (claim,) = [c for c in claims_of(sentence) if not c.quantity]
    return claim


def test_a_gerund_of_witness_is_an_allegation():
    claim = only_statement("Nurses reported seeing the surgeon leave the clinic.")
    assert (claim.kind, claim.status) == ("allegation", "reported")


def test_an_allegation_carries_its_source_and_target():
    claim = only_statement("A nurse told investigators that the surgeon had left the room.")
    assert (claim.kind, claim.status, claim.polarity) == ("allegation", "reported", None)
    assert claim.attribution.source == "nurse" and claim.target == "the surgeon had left the room"


@pytest.mark.parametrize("sentence, status", [
    ("The patient's family claims the surgeon left the clinic early.", "claimed"),
    ("The surgeon reportedly left the clinic before the operation ended.", "reported"),
    ("The surgeon allegedly left the clinic before the operation ended.", "claimed"),
    ("The surgeon is believed to have left the clinic early.", "speculative"),
    ("The surgeon is said to have left the clinic early.", "reported"),
    ("The surgeon, who is believed to have left early, was suspended.", "speculative"),
])
def test_claims_and_hearsay_are_allegations_passed_on(sentence, status):
    assert statements(sentence) == [("allegation", status, None)]


@pytest.mark.parametrize("sentence", [
    "The director said she was delighted with the staff.",  # names nothing of the story
    "The director said the clinic would reopen in May.",  # a forecast, not a matter of fact
    "The director urged the surgeon to resign.",  # a wish
    "The director asked whether the surgeon had left?",  # a question
])
def test_not_every_said_sentence_is_an_allegation(sentence):
    assert statements(sentence) == []


def test_a_figure_carries_its_own_statement():
    found = claims_of("The director said 40 patients had been treated by the surgeon.")
    assert [(c.kind, c.status) for c in found] == [("figure", "reported")]


@pytest.mark.parametrize("sentence, source, target", [
    ("Officials judged the recording authentic.", "officials", "the recording authentic"),
    ("The health board confirmed that the surgeon had been suspended.", "health board",
     "the surgeon had been suspended"),
])
def test_confirmations_and_verifications(sentence, source, target):
    claim = only_statement(sentence)
    assert (claim.kind, claim.status, claim.polarity) == ("confirmation", "confirmed", "confirms")
    assert claim.attribution.source.lower().endswith(source) and claim.target == target


@pytest.mark.parametrize("sentence", [
    "The clinic issued a statement denying the report.",
    "The recording later proved a hoax.",
    "“We never threatened anyone,” the clinic said.",
    "The clinic disputed the account of the recording.",
    "The clinic brushed aside the claims about the surgeon.",
    "The director called the recording a lie.",
    "The clinic said the records did not match the surgeon's account.",
    "The director said none of the patients had seen the surgeon leave.",
    "The board said tests show that the voice on the recording is not that of the surgeon.",
    "“I can tell you the signatures don't match the surgeon's,” the director said.",
    "The surgeon said he had been on leave, contradicting clinic claims about the recording.",
    "The director spoke for an hour, dismissing reports that the surgeon had left.",
    "There is no truth in the reports about the surgeon, the clinic said.",
    "The clinic said it had not suspended the surgeon.",
    "The surgeon said he never left the clinic during the operation.",
    "The clinic said the account of the recording was incorrect.",
    # a quoted speaker's own words, with no speaker named in the sentence
    "We never signed any agreement with the surgeon.",
    "We don't know anybody by the name of Ortez.",
    "I have never taken money from the clinic.",
    "The board said there was no recording of the operation.",  # the story's matter is absent
    "“There is no recording of the operation.”",
    "Contrary to claims by the board, the surgeon stayed in the room.",
    "The clinic rubbished the reports about the surgeon.",
    "The board said the clinic had not suspended the surgeon.",  # the story's event denied
    "The board said there was no sign that the surgeon had left.",
    "A statement from the board dispelled the rumours about the surgeon.",
    "The paper ran a column mocking those who make up stories about the surgeon.",
    "The board said the man in the picture was not the surgeon.",
    "The board said nothing had happened in the operating room.",
    # dismissals, nominal denials, groundless claims, claims called wrong
    "The clinic branded it a hoax.",
    "The clinic branded the account a smear.",
    "Inspectors have dismissed the recording as fake.",
    "The recording was later exposed as a hoax.",
    "The director laughed off the reports about the surgeon.",
    "The clinic downplayed the reports about the surgeon.",
    "The clinic issued a flat denial of the allegations.",
    "In a denial posted on Monday, the clinic said the surgeon had stayed.",
    "The clinic said the claims about the surgeon were without foundation.",
    "The director said the account of the recording had no basis.",
    "The board said the account of the recording was wrong.",
    "“This is simply not the case,” the director said.",
    "The surgeon said he was angered by the false reports about the clinic.",
    "“We made no such recording,” the clinic said.",
    "“Who says the surgeon left the room?” the director asked.",
    "The board said the recording was genuine and no surgeon had left.",
    "The surgeon scoffed at the reports about the clinic.",
    "The board poured scorn on the account of the recording.",
    "The board mocked claims that the surgeon had left.",
    "The director said the patient's family was lying about the surgeon.",
    "The clinic said it had nothing to do with the recording.",
    "The surgeon said he was not responsible for the recording.",
    "The tests found no match with the voice of the surgeon.",
    "The recording appears to have been a hoax, the board said.",
    "The hoax about the surgeon spread quickly on social media.",
    "The board ruled out any link between the surgeon and the recording.",
    "The clinic released a statement that the account of the recording was false.",
])
def test_denials(sentence):
    assert ("denial", "denied", "denies") in statements(sentence)


@pytest.mark.parametrize("sentence, expected", [
    # a negated denial lets the claim stand: passed on, contested by no one
    ("The clinic did not deny that the surgeon had left.", [("allegation", "claimed", None)]),
    # a denial of doubt affirms the claim
    ("The recording is not a fake, the clinic said.", [("denial", "reported", "affirms")]),
    # refusals deny no claim
    ("Her application was rejected by the clinic in March.", []),
    ("The new rota would deny patients their rest.", []),
    ("The clinic rejected efforts by the surgeon to discuss the recording.", []),
    ("The surgeon disputed the seat on the clinic board.", []),
])
def test_what_is_not_a_denial(sentence, expected):
    assert statements(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The director said she did not think the surgeon was to blame.",
    "The director said the clinic could not identify the patient.",
    "The clinic neither confirmed nor denied the account of the recording.",
    "The director said the clinic did not have the funds to hire the surgeon.",
    "The director expects the surgeon to make up half of the staff rota.",
    "“We don't know where the surgeon went,” the clinic said.",
    "The director said no one at the clinic saw the surgeon leave.",
    "The surgeon said he would not leave the clinic.",
    "The clinic said there was no room for the surgeon's patients.",
    "We don't know where the surgeon went.",
    "We do not want any trouble with the clinic.",
    "I will not leave the clinic.",
    "The board said there were no injuries during the operation.",  # a fact, not the matter
    "The board said the nurses had not slept for a day.",  # an event of no other sentence
    "Police quelled the protest outside the clinic.",  # a protest is no claim
    "The director said the surgeon had chosen the wrong patient.",  # "wrong" of no claim
    "Something went wrong with the recording, the clinic said.",
    "The case of the surgeon was not heard in court, the board said.",  # "case" of no truth
    "The clinic faced a denial of service attack on its website.",
    "The board announced the rejection of the offer by the surgeon.",
    "The surgeon said the false ceiling of the clinic had collapsed.",
    "The director played down her chances in the clinic election.",
    "Two bodies were found lying in a field near the clinic, the board said.",
    "The director mocked the surgeon on television.",
    "The clinic said it was behind schedule with the recording.",
    "What don't we know about the recording?",  # a question, not a denial
    "The board said the surgeon was innocent until proven guilty.",  # a principle
])
def test_negated_thoughts_inabilities_and_non_answers_deny_nothing(sentence):
    assert not any(status == "denied" for _, status, _ in statements(sentence))


@pytest.mark.parametrize("sentence", [
    "“I am innocent,” the surgeon said.",
    "The surgeon said he had nothing to hide.",
    "The surgeon has maintained his innocence.",
])
def test_a_speaker_affirming_its_innocence_denies_the_accusation(sentence):
    assert ("denial", "denied", "affirms") in statements(sentence)


@pytest.mark.parametrize("sentence", [
    "No family members have confirmed the account of the surgeon.",
    "The clinic has not confirmed whether the surgeon left.",
    "The clinic has yet to confirm whether the surgeon left.",
    "The clinic declined to confirm the account of the surgeon.",
])
def test_a_negated_confirmation_confirms_nothing(sentence):
    assert ("confirmation", "confirmed", "confirms") not in statements(sentence)


@pytest.mark.parametrize("sentence, status", [
    ("Her application was rejected by 30 clinics.", "asserted"),
    ("Troops are preparing to leave 40 villages.", "asserted"),
    ("Approximately 300 people attended the vigil.", "estimated"),
    ("The clinic is estimated to be worth $40 million.", "estimated"),
    ("Approximately 300 people attended the vigil, the police said.", "reported"),
    ("Did 400 patients really see the surgeon?", "speculative"),
    ("No official has confirmed that 12 patients were hurt.", "claimed"),
    ("The recording showing 12 patients is not a fake, the clinic said.", "reported"),
])
def test_figure_status_on_real_constructions(sentence, status):
    (figure,) = [c for c in claims_of(sentence) if c.quantity]
    assert figure.status == status


@pytest.mark.parametrize("headline, expected", [
    ("No, the clinic has not closed", ("denial", "denied", "denies")),
    ("Surgeon did not leave the room, clinic says", ("denial", "denied", "denies")),
    ("Could the clinic close by winter?", ("allegation", "speculative", None)),
    ("Clinic may lose its licence", ("allegation", "speculative", None)),
    ("Surgeon to be suspended: report", ("allegation", "claimed", None)),
    ("Surgeon rumoured to be leaving the clinic", ("allegation", "speculative", None)),
    ("Surgeon Possibly Moved To Another Clinic", ("allegation", "speculative", None)),
    ("Clinic May Lose Its Licence", ("allegation", "speculative", None)),  # title case
    ("Police probe claims of neglect at the clinic", ("allegation", "claimed", None)),
    ("Is the clinic safe? Inspectors disagree", ("allegation", "speculative", None)),
    ("Nurses fear closure of the clinic", ("allegation", "speculative", None)),
    ("Surgeon hurt in apparent attack outside the clinic", ("allegation", "speculative", None)),
    ("Possible Leak At Clinic Pharmacy", ("allegation", "speculative", None)),
    ("Surgeon believed hurt in clinic blaze", ("allegation", "speculative", None)),
    ("Surgeon reported to join a rival clinic", ("allegation", "claimed", None)),
    ("Unverified recording shows surgeon leaving the room", ("allegation", "claimed", None)),
])
def test_a_headline_states_its_story(headline, expected):
    assert expected in statements("The board met on Monday.", headline=headline)


@pytest.mark.parametrize("headline", [
    "Clinic suspends surgeon",
    "Clinic to reopen in May",
    "Nurses chant “don't close” outside the clinic",
])
def test_a_headline_that_asserts_its_story_adds_no_statement(headline):
    assert statements("The board met on Monday.", headline=headline) == []
