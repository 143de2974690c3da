"""Copies share the outlet's own prose; shared quotations and one briefing retold are not copies."""

from __future__ import annotations

from claimledger.link.reuse import LinkDoc, compare, dice

SOURCE = """Flood barriers hold as river peaks at Dunmore

The river at Dunmore rose to its highest level in thirty years on Sunday, but the new flood barriers along the quay held, the regional water authority said.

Engineers had raised the barriers on Friday evening after two days of heavy rain in the hills upstream, and pumps ran through the night to clear water from the lower streets.

About 300 households in the Westfield estate were told to move their cars to higher ground, and the primary school on Canal Street stayed closed on Monday.

"We built these walls for exactly this kind of night, and they did their job," said Marta Quill, the authority's chief engineer. "The next forty-eight hours still matter, because the ground is saturated and more rain is coming."

The authority said water levels were expected to fall slowly from Tuesday.
"""

COPY = """River peaks but barriers hold

The river at Dunmore rose to its highest level in thirty years on Sunday, but the new flood barriers along the quay held, the regional water authority said.

Engineers had raised the barriers on Friday evening after two days of heavy rain in the hills upstream, and pumps ran through the night to clear water from the lower streets.

About 300 households in the Westfield estate were told to move their cars to higher ground, and the primary school on Canal Street stayed closed on Monday.
"""

REWORDED = """Dunmore barriers pass their first big test

New flood barriers along the Dunmore quay held on Sunday as the river rose to its highest level for thirty years, according to the regional water authority.

After two days of heavy rain upstream in the hills, engineers raised the barriers on Friday evening, and pumps worked through the night clearing water from the lower streets.

Some 300 households on the Westfield estate were asked to move their cars to higher ground, while the Canal Street primary school stayed shut on Monday.
"""

QUOTATION_ONLY = """Engineer warns rain is not over

Residents of the hill villages above Dunmore spent the weekend sandbagging doorways as farmland turned to lakes around them.

"We built these walls for exactly this kind of night, and they did their job," said Marta Quill, the authority's chief engineer. "The next forty-eight hours still matter, because the ground is saturated and more rain is coming."

Farmers in the valley said they had lost winter crops and expected insurance claims to take months.
"""

SAME_BRIEFING = """Quay walls keep Dunmore dry

Dunmore escaped the worst on Sunday. The water authority told reporters that its quay barriers, finished last spring, had kept the river out of the town centre at a thirty-year high.

Crews put the barriers up on Friday night once the forecast turned, the authority said, and ran pumps until morning in the low-lying streets.

Families on the Westfield estate, some 300 of them, had been asked to park on higher ground. Canal Street primary did not open on Monday.

Chief engineer Marta Quill said the walls had done what they were built for but warned that saturated ground and more rain meant the danger was not over.
"""


def reuse(a: str, b: str):
    return compare(LinkDoc(0, "a.txt", a), LinkDoc(1, "b.txt", b), threshold=0.6, min_sentences=2)


def test_verbatim_copy_of_prose_is_reuse_of_kind_prose():
    result = reuse(COPY, SOURCE)
    assert result is not None and result.score >= 0.9
    assert [p.kind for p in result.passages] == ["prose"]


def test_copy_reworded_sentence_by_sentence_is_reuse():
    result = reuse(REWORDED, SOURCE)
    assert result is not None
    assert all(p.kind == "prose" for p in result.passages)


def test_sharing_only_a_quotation_is_not_reuse():
    assert reuse(QUOTATION_ONLY, SOURCE) is None


def test_same_briefing_in_own_words_is_not_reuse():
    assert reuse(SAME_BRIEFING, SOURCE) is None


def test_a_quotation_shared_apart_from_copied_prose_is_marked_as_quotation():
    quote = SOURCE.split("\n\n")[4]
    text = (COPY + "\nThe town's football ground was flooded all the same.\n\n"
            "Volunteers filled sandbags at the fire station until dawn.\n\n" + quote + "\n")
    result = reuse(text, SOURCE)
    assert result is not None
    kinds = [(p.kind, text[p.a_start:p.a_end]) for p in result.passages]
    assert [kind for kind, _ in kinds] == ["prose", "quotation"]
    assert kinds[1][1].startswith('"We built these walls')


LONG = """Council approves harbour plan

The harbour board voted on Thursday to spend its reserve on a new breakwater at the mouth of the estuary, ending a long dispute with fishing crews, boatyard owners, harbour pilots and the ferry operator that had dragged on since the winter storms wrecked the old pier.

Work on the breakwater will begin in the spring and should take about eighteen months, the board's chairman told a packed public meeting in the town hall, where several speakers complained about noise, traffic and lost moorings.

The ferry will keep running during the work.
"""

CUT_DOWN = """Harbour plan approved

The harbour board voted on Thursday to spend its reserve on a new breakwater at the mouth of the estuary.

Work on the breakwater will begin in the spring and should take about eighteen months, the chairman said.

Local shops welcomed the decision.
"""


def test_sentences_cut_down_in_the_source_words_are_reuse():
    cut, long = (LinkDoc(0, "a.txt", CUT_DOWN), LinkDoc(1, "b.txt", LONG))
    # the shortened sentences no longer overlap enough by words alone
    assert all(dice(cut.units[i].tokens, long.units[i].tokens) < 0.6 for i in (1, 2))
    result = reuse(CUT_DOWN, LONG)
    assert result is not None and [p.kind for p in result.passages] == ["prose"]


def test_a_lone_copied_sentence_of_a_reuse_pair_is_a_passage_too():
    last = SOURCE.split("\n\n")[5]
    text = (COPY + "\nThe town's football ground was flooded all the same.\n\n"
            "Volunteers filled sandbags at the fire station until dawn.\n\n" + last)
    result = reuse(text, SOURCE)
    assert [text[p.a_start:p.a_end] for p in result.passages][-1] == last.strip()
