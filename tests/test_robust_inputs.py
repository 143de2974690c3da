"""Inputs that used to crash, hang or exhaust a build: each is read (bounded) or rejected
with a code, the good file beside it is stored, and nothing takes long."""

from __future__ import annotations

import gzip
import json
import os
import tracemalloc
from pathlib import Path

import pytest

from claimledger.build import build
from claimledger.cli import app
from claimledger.ingest import read_sources
from claimledger.model import Document, Rejection
from claimledger.settings import Settings

# Each case must finish well inside this; before the fixes they ran for minutes.
pytestmark = pytest.mark.timeout(120)

GOOD = "Ferry crossings resume\n\nCrossings to the island resumed on Monday with 2 sailings a day, the operator said.\n"
CLAIM = "The agency said 40 people were hurt in the flood."


def corpus(tmp_path: Path, name: str, data: bytes | str) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return folder


def read(path: Path, settings: Settings) -> tuple[list[Document], list[Rejection]]:
    items = list(read_sources([str(path)], settings))
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, Rejection)])


def texts(ledger) -> dict[str, str]:
    return {row["doc"]: row["text"] for row in ledger.documents()}


def test_a_file_name_that_is_not_utf8_is_read_stored_and_printed(tmp_path, runner):
    folder = corpus(tmp_path, "placeholder.txt", GOOD.replace("2 sailings", "4 sailings"))
    os.rename(folder / "placeholder.txt", os.path.join(os.fsencode(folder), b"caf\xe9-\xff.txt"))
    (folder / "empty.txt").write_bytes(b"")
    os.rename(folder / "empty.txt", os.path.join(os.fsencode(folder), b"vide-\xe9.txt"))
    db = tmp_path / "ledger.db"
    result = runner.invoke(app, ["build", str(folder), "--db", str(db), "-q", "--workers", "1"])
    assert result.exit_code == 3, result.output
    assert "vide-\ufffd.txt: [E003] empty file" in result.output
    exported = runner.invoke(app, ["export", "documents", "--db", str(db)])
    assert {json.loads(line)["doc"] for line in exported.output.splitlines()} == {
        "good.txt", "caf\ufffd-\ufffd.txt"}


def test_lone_surrogates_in_json_text_title_and_id(tmp_path, ledger, settings):
    record = ('{"id": "a\\ud800", "title": "Flood \\udc00 update", '
              '"text": "The agency said 40 people \\ud83d were hurt.", "tags": ["\\udfff"]}')
    folder = corpus(tmp_path, "records.jsonl", record + "\n")
    (folder / "one.json").write_text(record.replace("40 people", "41 people"), encoding="utf-8")
    report = build([str(folder)], ledger, settings)
    assert report.ok
    stored = texts(ledger)
    assert stored["records.jsonl#a\ufffd"].startswith("Flood \ufffd update")
    assert "40 people \ufffd were hurt" in stored["records.jsonl#a\ufffd"]
    assert ledger.find("one.json#a\ufffd").meta["tags"] == ["\ufffd"]


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_json_nested_5000_deep_is_refused_and_the_rest_is_read(tmp_path, settings, name):
    deep = "[" * 5000 + "]" * 5000
    path = tmp_path / name
    path.write_text(deep + "\n" + json.dumps({"text": CLAIM}) + "\n" if name.endswith("l") else deep)
    docs, rejected = read(path, settings)
    assert [r.code for r in rejected] == ["E012"]
    assert "nested deeper than 64 levels" in rejected[0].reason
    assert len(docs) == (1 if name.endswith("l") else 0)


def test_nesting_below_the_recursion_limit_but_too_deep_to_store_is_refused(tmp_path, settings):
    path = tmp_path / "deep.jsonl"
    path.write_text(json.dumps({"text": CLAIM, "extra": json.loads("[" * 500 + "]" * 500)}) + "\n")
    assert [r.code for r in read(path, settings)[1]] == ["E012"]


def test_dates_of_year_zero_and_absurd_timestamps_are_left_empty(tmp_path, settings):
    records = [{"id": "zero", "text": CLAIM, "date": "0000-01-01"},
               {"id": "huge", "text": CLAIM, "published": 1e20},
               {"id": "negative", "text": CLAIM, "published": -1e18},
               {"id": "year-10000", "text": CLAIM, "published": 253402300800000}]
    path = tmp_path / "dates.jsonl"
    path.write_text("\n".join(map(json.dumps, records)) + '\n{"id": "nan", "text": "' + CLAIM + '", "date": NaN}\n')
    docs, rejected = read(path, settings)
    assert not rejected
    assert {doc.doc: doc.published for doc in docs} == {
        f"dates.jsonl#{key}": None for key in ("zero", "huge", "negative", "year-10000", "nan")}


def test_feed_entries_with_none_fields_and_impossible_dates(tmp_path, settings, monkeypatch):
    import feedparser

    entries = [
        feedparser.FeedParserDict(title=None, summary=None, content=[None, {"value": None}],
                                  tags=[None, {"term": None}], link=None, id=None,
                                  published_parsed=(0, 1, 1, 0, 0, 0, 0, 1, 0)),
        feedparser.FeedParserDict(title="Power cut", summary=f"<p>{CLAIM}</p>", content=None,
                                  tags=None, author=None, updated_parsed=(2025, 2, 30, 0, 0, 0, 0, 1, 0)),
    ]
    parsed = feedparser.FeedParserDict(entries=entries, feed=feedparser.FeedParserDict(title=None),
                                       bozo=False)
    monkeypatch.setattr(feedparser, "parse", lambda data: parsed)
    path = tmp_path / "feed.xml"
    path.write_text("<?xml version='1.0'?><rss><channel></channel></rss>")
    docs, rejected = read(path, settings)
    assert [(r.code, r.record) for r in rejected] == [("E017", "entry 1")]
    [doc] = docs
    assert (doc.title, doc.published, doc.outlet, doc.meta) == ("Power cut", None, None, {})


def test_a_feed_with_character_references_to_surrogates(tmp_path, settings):
    path = tmp_path / "feed.rss"
    path.write_text("<?xml version='1.0'?><rss><channel><title>Radio &#xD800;</title><item>"
                    f"<title>Cut &#55296;</title><description>{CLAIM} &#xdfff;</description>"
                    "</item></channel></rss>")
    [doc], rejected = read(path, settings)
    assert not rejected and doc.title == "Cut \ufffd" and doc.raw.endswith("flood. \ufffd")


def test_a_feed_of_100000_entries_reads_the_first_ones(tmp_path, settings):
    items = "".join(f"<item><title>Story {n}</title><description>Story {n} says {n} homes "
                    "flooded.</description></item>" for n in range(100_000))
    path = tmp_path / "feed.rss"
    path.write_text(f"<?xml version='1.0'?><rss><channel><title>Wire</title>{items}</channel></rss>")
    docs, rejected = read(path, Settings(workers=1, max_feed_entries=50))
    assert len(docs) == 50 and docs[-1].title == "Story 49"
    assert [(r.code, r.record) for r in rejected] == [("E022", "entries 51 to 100000")]
    assert rejected[0].reason == "100000 entries over the limit of 50 (setting max_feed_entries)"


def test_a_64kb_word_a_long_url_and_runs_of_braces_are_cut(tmp_path, ledger, settings):
    folder = corpus(tmp_path, "word.txt", f"Flood update\n\n{CLAIM} " + "a" * 65536 + " more.\n")
    (folder / "url.txt").write_text("Links\n\nhttps://example.org/" + "a1/" * 300_000 + "\n")
    (folder / "braces.txt").write_text("Template\n\n" + CLAIM.replace("40", "41") + " " + "{" * 100_000
                                       + "\n" + "{{ " * 50_000 + "%\n" + "${" * 50_000 + "\n")
    report = build([str(folder)], ledger, settings)
    assert report.ok
    stored = {row["doc"]: row for row in ledger.documents()}
    assert set(stored) == {"good.txt", "word.txt", "url.txt", "braces.txt"}
    for doc in ("word.txt", "url.txt", "braces.txt"):
        raw = ledger.find(doc).raw
        assert max(len(word) for word in raw.split()) <= settings.max_token_chars
        assert max(len(line) for line in raw.split("\n")) <= settings.max_line_chars


def test_a_10mb_line_is_broken_at_sentence_ends(tmp_path, settings):
    sentence = "Officials walked along the river bank to look at the damage. "
    path = tmp_path / "line.txt"
    path.write_text(sentence * (10_000_000 // len(sentence)) + "\n")
    [doc], _ = read(path, settings)
    lines = doc.raw.split("\n")
    assert max(map(len, lines)) <= settings.max_line_chars
    assert all(line.rstrip().endswith("damage.") for line in lines if line)


def test_a_10mb_line_of_claims_is_cut_at_the_sentence_limit(tmp_path, ledger):
    count = 10_000_000 // (len(CLAIM) + 1)
    folder = corpus(tmp_path, "claims.txt", (CLAIM + " ") * count)
    report = build([str(folder)], ledger, Settings(workers=1, max_sentences=300))
    [notice] = report.rejected
    assert (notice.code, notice.record) == ("E022", "document claims.txt")
    assert notice.reason.startswith(f"{count} sentences over the limit of 300 (setting max_sentences)")
    kept = ledger.find("claims.txt").raw.count(CLAIM)
    per_line = Settings().max_line_chars // (len(CLAIM) + 1) + 1  # the cut is at a line end
    assert 300 <= kept <= 300 + per_line
    assert "good.txt" in texts(ledger)


def test_a_1mb_line_builds(tmp_path, ledger):
    # Sentences without a figure or a cue are not parsed: this is cleaning and splitting.
    sentence = "Officials walked along the river bank to look at the damage. "
    folder = corpus(tmp_path, "line.txt", sentence * (1_000_000 // len(sentence)) + "\n")
    report = build([str(folder)], ledger, Settings(workers=1))
    assert [r.code for r in report.rejected] == ["E022"]  # past the 2,000 sentences read
    assert report.counts["new"] == 2


def test_an_element_with_100000_attributes(tmp_path, ledger, settings):
    attributes = " ".join(f'data-a{n}="{n}"' for n in range(100_000))
    page = (f"<html><head><title>Flood</title></head><body><article><h1>Flood</h1>"
            f"<p {attributes}>{CLAIM}</p><p>Roads were closed, police said.</p></article></body></html>")
    report = build([str(corpus(tmp_path, "attributes.html", page))], ledger, settings)
    assert report.ok
    assert CLAIM in texts(ledger)["attributes.html"]


def test_html_nested_100000_deep_keeps_its_text(tmp_path, settings):
    page = ("<html><body>" + "<div>" * 100_000 + f"<p>{CLAIM}</p>" + "</div>" * 100_000
            + "</body></html>")
    path = tmp_path / "deep.html"
    path.write_text(page)
    [doc], rejected = read(path, settings)
    assert not rejected and CLAIM in doc.raw


def test_a_gzip_bomb_in_jsonl_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as stream:
        stream.write(json.dumps({"text": CLAIM}).encode() + b"\n")
        block = b" " * (1 << 20)
        for _ in range(300):  # 300 MB of one line, 300 kB on disk
            stream.write(block)
        stream.write(b"\n" + json.dumps({"text": CLAIM.replace("40", "41")}).encode() + b"\n")
    settings = Settings(workers=1, max_document_mb=5)
    tracemalloc.start()
    try:
        docs, rejected = read(path, settings)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(docs) == 2
    assert [(r.code, r.record) for r in rejected] == [("E006", "line 2")]
    assert "315 MB is over the 5 MB limit" in rejected[0].reason
    assert peak < 40e6  # a few buffers of the 5 MB limit, never the 300 MB line


# Found by the fuzz suite (tests/test_fuzz.py).

@pytest.mark.parametrize("declaration", [b'<?encoding="\x00"?>', b'<?xml version="1.0" encoding="utf\xe9"?>'])
def test_a_feed_declaring_an_encoding_name_python_cannot_look_up(tmp_path, settings, declaration):
    path = tmp_path / "feed.rss"
    path.write_bytes(declaration + f"<rss><channel><item><title>Flood</title><description>{CLAIM}"
                     "</description></item></channel></rss>".encode())
    [doc], rejected = read(path, settings)
    assert not rejected and doc.raw.endswith(CLAIM)


def test_a_feed_with_a_byte_order_mark_is_read_and_cut_at_the_entry_limit(tmp_path):
    items = "".join(f"<item><title>Story {n}</title><description>Story {n} says {n} homes "
                    "flooded.</description></item>" for n in range(5))
    path = tmp_path / "feed.rss"
    path.write_bytes(f"<?xml version='1.0' encoding='utf-16'?><rss><channel>{items}</channel></rss>"
                     .encode("utf-16"))
    docs, rejected = read(path, Settings(workers=1, max_feed_entries=3))
    assert [doc.title for doc in docs] == ["Story 0", "Story 1", "Story 2"]
    assert [(r.code, r.record) for r in rejected] == [("E022", "entries 4 to 5")]


def test_a_warc_response_declaring_a_charset_with_a_nul_byte(tmp_path, settings):
    page = f"<html><body><article><p>{CLAIM}</p></article></body></html>".encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf\x00-8\r\n\r\n" + page
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n"
                     b"Content-Type: application/http; msgtype=response\r\n"
                     + f"Content-Length: {len(http)}\r\n\r\n".encode() + http + b"\r\n\r\n")
    [doc], rejected = read(path, settings)
    assert not rejected and CLAIM in doc.raw


def test_lines_without_end_punctuation_count_as_sentences_at_the_limit(tmp_path):
    # The limit counts what the sentence splitter finds: a line without a full stop is a
    # sentence too, so 100,000 menu lines are cut like 100,000 sentences.
    path = tmp_path / "menu.txt"
    path.write_text(f"{CLAIM}\n" + "Home | News | Sport\n" * 100_000)
    [doc], [notice] = read(path, Settings(workers=1, max_sentences=300))
    assert (notice.code, notice.record) == ("E022", "document menu.txt")
    assert notice.reason.startswith("100001 sentences over the limit of 300")
    assert doc.raw.startswith(CLAIM) and doc.raw.count("\n") == 299


@pytest.mark.parametrize("length, codes, found", [(b"", [], [True]),
                                                  (b"Content-Length: many\r\n", ["E010"], [])])
def test_a_warc_record_without_a_usable_content_length(tmp_path, settings, length, codes, found):
    # Without one the record reads to the end of the file (it used to raise AttributeError);
    # one that is not a number leaves warcio lost in the block: the archive is malformed.
    page = f"<html><body><article><p>{CLAIM}</p></article></body></html>".encode()
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n"
                     b"Content-Type: application/http; msgtype=response\r\n" + length + b"\r\n"
                     b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page)
    docs, rejected = read(path, settings)
    assert [r.code for r in rejected] == codes and [CLAIM in doc.raw for doc in docs] == found


def test_a_feed_whose_namespace_name_holds_a_space_once_decoded(tmp_path, settings):
    # Not UTF-8, so read as Windows-1252, where \xa0 is a no-break space: feedparser's strict
    # parser raised ValueError splitting the namespace from the element name.
    path = tmp_path / "feed.rss"
    path.write_bytes(b'<?xml version="1.0"?><rss xmlns:dc="http://pu\xed\xa0\x80rl.org/dc/">'
                     + f"<channel><item><title>Flood</title><description>{CLAIM}</description>"
                       "</item></channel></rss>".encode())
    [doc], rejected = read(path, settings)
    assert not rejected and doc.raw.endswith(CLAIM)


def test_a_run_of_markup_without_sentence_ends_is_parsed_in_pieces():
    # A fuzzed text of feed items pasted on one line: a "sentence" of 10,000 characters,
    # which extraction took 9 s to read.
    from claimledger.nlp import MAX_SENTENCE_CHARS, split_sentences

    text = "Roads\n\n" + "<item><title>T</title><description>The council said 3 roads shut.</description></item>" * 110
    sentences = split_sentences(text)
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS < len(text)
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert " ".join(s.text for s in sentences[1:]) == text.split("\n\n")[1]  # cut at spaces: nothing lost
