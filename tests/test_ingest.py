"""Every reader on files written for these tests; discovery of files, folders and globs."""

from __future__ import annotations

import gzip
import shutil

import pytest

from claimledger.ingest import read_sources
from claimledger.ingest.html import fragment_text
from claimledger.ingest.sources import Source, discover
from claimledger.model import Document, Rejection, Skipped

from conftest import DATA
from warcs import page, write_warc

INGEST = DATA / "ingest"


def read(paths, settings) -> tuple[dict[str, Document], list[Rejection], list[Skipped]]:
    docs, rejected, skipped = {}, [], []
    for item in read_sources([str(p) for p in paths], settings):
        if isinstance(item, Document):
            docs[item.doc] = item
        elif isinstance(item, Rejection):
            rejected.append(item)
        else:
            skipped.append(item)
    return docs, rejected, skipped


def test_html_page_text_and_metadata(settings):
    docs, rejected, _ = read([INGEST / "page.html"], settings)
    doc = docs["page.html"]
    assert not rejected
    assert doc.title == "Ferry service to Orrin Island suspended after hull damage"
    assert doc.outlet == "Southport Ledger"
    assert doc.published == "2024-09-18"
    assert doc.author == "Claire Dunmore"
    assert doc.url == "https://southport-ledger.example/news/2024/09/18/orrin-ferry-suspended"
    assert "leaving about 900 islanders without a regular crossing" in doc.raw
    assert "“Safety has to come first.”" in doc.raw
    assert "Harbour festival dates announced" not in doc.raw  # the aside is not the article


def test_malformed_html_is_still_read(settings):
    docs, rejected, _ = read([INGEST / "broken.html"], settings)
    assert not rejected
    raw = docs["broken.html"].raw
    assert "The union estimated damage at £2.1 million across 38 farms." in raw
    assert "ask for emergency support" in raw


def test_declared_charset_is_honoured(settings):
    docs, _, _ = read([INGEST / "declared-cp1252.html"], settings)
    raw = docs["declared-cp1252.html"].raw
    assert "café owners’ association in Sallève" in raw
    assert "“We cannot go on like this,” said its chair, Amélie Roux" in raw


@pytest.mark.parametrize("name, expected", [
    ("cp1252.txt", "The café owners’ association said 12 members had closed since January."),
    ("utf16.txt", "All 34 schools in Vell reopened on Monday"),
])
def test_text_encodings_are_detected(settings, name, expected):
    docs, rejected, _ = read([INGEST / name], settings)
    assert not rejected
    assert expected in docs[name].raw


def test_rss_feed_entries_become_documents(settings):
    docs, rejected, _ = read([INGEST / "feed-rss.xml"], settings)
    first, second = docs["feed-rss.xml#1"], docs["feed-rss.xml#2"]
    assert first.outlet == "Lakeside Gazette" and first.author == "Owen Pryce"
    assert first.published == "2024-08-12"
    assert first.url == "https://lakeside-gazette.example/2024/08/merrow-levels"
    assert first.raw.startswith("Water levels at Merrow reservoir fall to 41 per cent\n\n")
    assert "A hosepipe ban covering about 230,000 homes will start on Friday." in first.raw
    assert "after a £400,000 roof repair" in second.raw  # escaped HTML in <description>
    assert [(r.record, r.code) for r in rejected] == [("entry 3", "E017")]


def test_atom_feed(settings):
    docs, rejected, _ = read([INGEST / "feed-atom.xml"], settings)
    doc = docs["feed-atom.xml#1"]
    assert not rejected
    assert (doc.outlet, doc.author, doc.published) == ("Upland Radio News", "Lena Marsh", "2024-10-02")
    assert "drifts of up to 40 centimetres" in doc.raw


def test_json_lines_map_fields_and_reject_bad_records(settings):
    docs, rejected, _ = read([INGEST / "records.jsonl"], settings)
    bridge = docs["records.jsonl#wx-101"]
    assert bridge.outlet == "Kessel Courier" and bridge.published == "2024-05-08"
    assert bridge.meta == {"id": "wx-101", "section": "transport", "wordcount": 37,
                           "outlet_from": "record field", "published_from": "record field"}
    library = docs["records.jsonl#2"]
    assert library.published == "2024-05-09" and library.outlet == "Kessel Courier"
    trams = docs["records.jsonl#7"]
    assert trams.published == "2024-06-01"  # epoch seconds
    assert "Tram fares will stay at £2.10 until next April.\n\nThe freeze costs" in trams.raw
    assert sorted((r.record, r.code) for r in rejected) == [("line 3", "E012"), ("record 4", "E013")]


def test_json_file_with_article_list(settings):
    docs, rejected, _ = read([INGEST / "articles.json"], settings)
    assert not rejected
    assert sorted(docs) == ["articles.json#1", "articles.json#2"]
    assert docs["articles.json#2"].published == "2024-07-20"


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_html_responses_become_documents(tmp_path, settings, gzipped):
    suffix = ".warc.gz" if gzipped else ".warc"
    path = write_warc(tmp_path / f"crawl{suffix}", [
        ("https://news.example/a", "text/html; charset=utf-8", "200 OK",
         page("Quarry blast shakes Ellis village", ["A planned blast at the Ellis quarry broke windows in 23 homes on Thursday, residents said.", "The operator said the charge was within its licence."]),
         "2024-04-04T10:00:00Z"),
        ("https://news.example/logo.png", "image/png", "200 OK", b"\x89PNG\r\n\x1a\n", "2024-04-04T10:00:01Z"),
        ("https://news.example/gone", "text/html", "404 Not Found", page("Not found", ["No page here."]), "2024-04-04T10:00:02Z"),
        ("https://news.example/b", "text/html; charset=iso-8859-1", "200 OK",
         page("Caf\xe9 owners protest", ["Owners of 40 caf\xe9s closed their doors for an hour on Friday in protest at rents."], charset="iso-8859-1"),
         "2024-04-05T08:00:00Z"),
    ], gzip=gzipped)
    docs, rejected, skipped = read([path], settings)
    assert not rejected
    assert sorted(docs) == [f"crawl{suffix}#1", f"crawl{suffix}#3"]
    first = docs[f"crawl{suffix}#1"]
    assert first.url == "https://news.example/a" and first.published == "2024-04-04"
    assert "broke windows in 23 homes" in first.raw and "Contact us" not in first.raw
    assert "Owners of 40 cafés closed their doors" in docs[f"crawl{suffix}#3"].raw
    assert [s.reason for s in skipped] == ["HTTP status 404"]


def test_gzipped_text_and_jsonl(tmp_path, settings):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress("Headline here\n\nA body of 12 words.\n".encode()))
    shutil.copy(INGEST / "records.jsonl", tmp_path / "r.jsonl")
    with open(tmp_path / "r.jsonl", "rb") as src, gzip.open(tmp_path / "r.jsonl.gz", "wb") as dst:
        dst.write(src.read())
    (tmp_path / "r.jsonl").unlink()
    docs, _, _ = read([tmp_path], settings)
    assert "a.txt.gz" in docs and "r.jsonl.gz#wx-101" in docs


def test_discovery_mixes_files_directories_and_globs(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    for name in ("one.txt", "sub/two.html", "sub/deeper/three.jsonl", "sub/style.css", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    found = list(discover([str(tmp_path / "sub"), str(tmp_path / "*.txt")]))
    sources = [(s.name, s.format) for s in found if isinstance(s, Source)]
    assert sources == [("deeper/three.jsonl", "jsonl"), ("two.html", "html"), ("one.txt", "text")]
    assert [type(s).__name__ for s in found if not isinstance(s, Source)] == ["Skipped"]


def test_each_file_is_read_once_even_when_named_twice(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    found = [s for s in discover([str(tmp_path), str(tmp_path / "a.txt"), str(tmp_path / "*.txt")])
             if isinstance(s, Source)]
    assert len(found) == 1


def test_missing_path_and_empty_glob_are_rejected(tmp_path):
    found = list(discover([str(tmp_path / "nope.txt"), str(tmp_path / "*.warc")]))
    assert [(type(f).__name__, f.code) for f in found] == [("Rejection", "E001"), ("Rejection", "E202")]


def test_fragment_text_keeps_paragraphs_and_line_breaks():
    text = fragment_text("<div><p>One <b>bold</b>  claim.</p><p>Two<br>lines</p><script>x()</script></div>")
    assert text == "One bold claim.\n\nTwo\nlines"
