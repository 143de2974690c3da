"""The FNC-1 gold harness on bodies and annotations written for these tests: gold
validation, placing cleaned claims back in the raw body, row matching and field rules."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from eval_fnc1 import Aligner, GoldError, Row, Tally, evaluate_fnc1, load_gold, score_body  # noqa: E402
from scoring import head_word, same_counted, same_source, unit_name  # noqa: E402

STORM = ("Officials raise toll after storm\n\nShare this article\n\n"
         "The regional health office said 42 people were injured in the storm.  The harbour "
         "authority   denied that the bridge had collapsed.\n"
         "The repairs will cost about $3 million, the council estimated.\n")
FAIR = "Organisers said 1,200 visitors came to the fair on its first day.\n"


def _at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _figure(text, phrase, value, **fields) -> dict:
    start, end = _at(text, phrase)
    return {"start": start, "end": end, "value": value, "low": None, "high": None, "unit": None,
            "counted": None, "source": None, "status": "asserted", "measure": None} | fields


def _denial(text, sentence, cue, **fields) -> dict:
    (start, end), (cue_start, cue_end) = _at(text, sentence), _at(text, cue)
    return {"kind": "denial", "start": start, "end": end, "cue_start": cue_start,
            "cue_end": cue_end, "source": None, "status": "denied", "addresses": "collapse",
            "polarity": "denies"} | fields


def _record(body_id, figures=(), statements=(), **fields) -> dict:
    return {"body_id": body_id, "story": "story-z", "annotator": "T", "complete": True,
            "figures": list(figures), "statements": list(statements)} | fields


def _write(folder: Path, records: list, name: str = "story-z.jsonl") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


def test_gold_problems_are_all_listed_with_file_and_line(tmp_path):
    bodies = {1: STORM, 2: FAIR, 4: FAIR.replace(" ", "  ")}
    records = [
        _record(1, [_figure(STORM, "42", 42) | {"end": 9999}]),
        _record(2, [_figure(FAIR, "1,200", 1200, status="rumoured")]),
        _record(3),
        _record(2, [_figure(FAIR, "1,200", 1200, counted="visitors who came to the fair on its "
                                                         "very first day")]),
        _record(1, story="story-y"),
        _record(4),
    ]
    _write(tmp_path, records)
    with pytest.raises(GoldError) as caught:
        load_gold(tmp_path, bodies)
    message = str(caught.value)
    assert "story-z.jsonl:1: body 1 figures[0]: start..end" in message
    assert "story-z.jsonl:2:" in message and "'rumoured' is not one of" in message
    assert "story-z.jsonl:3: body 3 is not in train_bodies.csv" in message
    assert "story-z.jsonl:4:" in message and "labels are short phrases" in message
    assert "story-z.jsonl:4: body 2 is annotated twice" in message
    assert "story-z.jsonl:5:" in message and "differs from the file name" in message
    assert "story-z.jsonl:6: body 4 has the same text as the body of story-z.jsonl:2" in message


def test_a_statement_cue_must_lie_in_its_sentence(tmp_path):
    sentence = "The harbour authority   denied that the bridge had collapsed."
    statement = _denial(STORM, sentence, "denied") | {"cue_start": 0, "cue_end": 5}
    _write(tmp_path, [_record(1, statements=[statement])])
    with pytest.raises(GoldError, match="cue span lies outside"):
        load_gold(tmp_path, {1: STORM})


def test_a_cleaned_sentence_is_placed_back_in_the_raw_body():
    sentence = "The harbour authority denied that the bridge had collapsed."
    # Offsets as the cleaned text has them: chrome removed, whitespace collapsed.
    claim = {"sentence": sentence, "sentence_start": 120, "start": 120 + sentence.index("denied"),
             "end": 120 + sentence.index("denied") + len("denied")}
    assert Aligner(STORM).place(claim) == _at(STORM, "denied")
    assert Aligner(FAIR).place(claim) is None


def test_rows_match_by_overlap_and_value_and_fields_are_scored():
    figures = [_figure(FAIR, "1,200", 1200, counted="visitors", source="organisers",
                       status="reported")]
    claim = {"kind": "figure", "value": 1200, "low": 1200, "high": 1200, "unit": None,
             "counted": "visitors", "source": "Organisers", "status": "claimed"}
    wrong_value = claim | {"value": 1300}
    tally = Tally()
    score_body(_record(2, figures), [Row(wrong_value, _at(FAIR, "1,200")),
                                     Row(claim, _at(FAIR, "1,200 visitors"))], tally)
    scores = tally.scores()
    assert scores["rows"]["precision"] == 0.5 and scores["rows"]["recall"] == 1.0
    assert scores["fields"]["counted"] == 1.0 and scores["fields"]["source"] == 1.0
    assert scores["fields"]["status"] == 0.0


def test_precision_counts_complete_bodies_only():
    tally = Tally()
    claim = {"kind": "figure", "value": 5, "low": 5, "high": 5}
    score_body(_record(2, complete=False), [Row(claim, (0, 3))], tally)
    assert tally.scores()["rows"]["predicted (complete bodies)"] == 0


@pytest.mark.parametrize(("ours", "gold", "same"), [
    ("the Pentagon", "Pentagon", True),
    ("Zelensky", "President Volodymyr Zelensky", True),
    ("NIS", "National Intelligence Service", True),
    ("Kremlin's spokesman", "Kremlin", True),
    ("evidence", "Kremlin", False),
    (None, None, True),
    ("Reuters", None, False),
])
def test_source_rule(ours, gold, same):
    assert same_source(ours, gold) is same


@pytest.mark.parametrize(("ours", "gold", "same"), [
    ("refugees", "Sudanese refugees", True),
    ("Sudanese", "Sudanese refugees", False),
    ("people in the camps", "people", True),
    ("old", "years", False),
    (None, None, True),
])
def test_counted_rule(ours, gold, same):
    assert same_counted(ours, gold) is same


def test_head_word_and_units():
    assert head_word("cities of the north") == "city"
    assert unit_name("%") == unit_name("percent") == unit_name("per cent")
    assert unit_name("$") == "USD" and unit_name(None) is None


def test_bodies_built_through_the_cli_are_scored_on_both_parts(tmp_path):
    sentence = "The harbour authority   denied that the bridge had collapsed."
    records = [
        _record(1, [_figure(STORM, "42", 42, counted="people", source="regional health office",
                            status="reported")],
                [_denial(STORM, sentence, "denied", source="harbour authority")]),
        _record(2, [_figure(FAIR, "1,200", 1200, counted="visitors", source="organisers",
                            status="reported")]),
    ]
    result = evaluate_fnc1(_write(tmp_path / "gold", records), bodies={1: STORM, 2: FAIR},
                           workers=1)
    assert result["bodies"] == 2 and result["rows"]["recall"] == 1.0
    assert result["unlocated"] == 0
    assert result["denials"] == {"found": 1, "total": 1, "recall": 1.0}
    assert sum(result["parts"][part]["bodies"] for part in ("tuning", "check")) == 2
    assert sum(result["parts"][part]["rows"]["gold"] for part in ("tuning", "check")) == 2
