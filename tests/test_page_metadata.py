"""Outlet and publication date from the page itself, a sidecar file and the build options,
each with where it came from; nothing invented where the page says nothing."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from claimledger.cli import app
from claimledger.errors import ClaimledgerError
from claimledger.ingest import read_sources
from claimledger.ingest.metadata import Stated, page_lines, settle
from claimledger.ingest.sidecar import SIDECAR
from claimledger.model import Document, Rejection, Skipped

from conftest import DATA

METADATA = DATA / "metadata"


def read(paths, settings, stated=None):
    docs, rejected, skipped = {}, [], []
    for item in read_sources([str(p) for p in paths], settings, stated=stated):
        if isinstance(item, Document):
            docs[item.doc] = item
        elif isinstance(item, Rejection):
            rejected.append(item)
        else:
            assert isinstance(item, Skipped)
            skipped.append(item)
    return docs, rejected, skipped


def facts(doc: Document) -> tuple:
    return doc.outlet, doc.meta.get("outlet_from"), doc.published, doc.meta.get("published_from")


@pytest.mark.parametrize("name, expected", [
    # the agency of a dateline wrote the story, it need not publish the page: no outlet
    ("dateline-first.txt", (None, None, "2024-05-06", "dateline")),
    ("published-at-end.txt", ("Selwick Valley Echo", "copyright line", "2024-05-02", "published line")),
    # a dateline without a year takes the year of the copyright line
    ("bare-dateline.txt", ("Keston Daily Post", "copyright line", "2023-03-03", "dateline")),
    ("page.html", ("Vale Evening Standard", "html metadata", "2024-08-21", "html metadata")),
])
def test_outlet_and_date_from_the_page(settings, name, expected):
    docs, rejected, _ = read([METADATA / "loose" / name], settings)
    assert not rejected
    assert facts(docs[name]) == expected


def test_the_dateline_agency_is_kept_as_the_wire(settings):
    docs, _, _ = read([METADATA / "loose"], settings)
    assert docs["dateline-first.txt"].meta["wire"] == "Tidewater Wire"
    assert "wire" not in docs["published-at-end.txt"].meta


@pytest.mark.parametrize("name", ["no-metadata.txt", "page-no-meta.html"])
def test_a_page_without_metadata_gets_none(settings, name):
    """The body mentions an earlier date; it is no publication date, and no outlet is made up."""
    docs, _, _ = read([METADATA / "loose" / name], settings)
    doc = docs[name]
    assert (doc.outlet, doc.published) == (None, None)
    assert "outlet_from" not in doc.meta and "published_from" not in doc.meta


def test_json_records_fields_first_then_their_text(settings):
    docs, _, _ = read([METADATA / "loose" / "records.jsonl"], settings)
    assert facts(docs["records.jsonl#r1"]) == ("Corvale Courant", "record field", "2024-07-09", "record field")
    assert facts(docs["records.jsonl#r2"]) == ("Penhallow Tide Review", "source line", "2024-07-12", "published line")
    assert facts(docs["records.jsonl#r3"]) == (None, None, None, None)


@pytest.mark.parametrize("text, expected", [
    ("LONDON, March 3, 2024 (Example Wire) - The council voted on Monday to close two schools.", ("Example Wire", "2024-03-03")),
    ("NEW YORK/PARIS, 12 June 2023 — Shares fell sharply in early trading after the report was released.", (None, "2023-06-12")),
    ("SPRINGVALE, Ore. (Example Press) — A wildfire forced about 300 people from their homes overnight.", ("Example Press", None)),
    # capitals followed by a dash, with neither a date nor an agency, is no dateline
    ("WARNING - The following article describes scenes some readers may find upsetting.", (None, None)),
    # a place in ordinary case is a sentence, not a dateline
    ("London, March 3, 2024 - was the day the council voted to close two schools.", (None, None)),
])
def test_dateline_shapes(text, expected):
    page = page_lines(text)
    found = (page.wire, next((d.value for d in page.dates if d.origin == "dateline"), None))
    assert found == expected


@pytest.mark.parametrize("line, expected", [
    ("Published 3 March 2024, 10:30 GMT", ("2024-03-03", "published line")),
    ("By Jane Roe | Published March 3, 2024 | Updated March 4, 2024", ("2024-03-03", "published line")),
    ("Last updated: 5 March 2024", ("2024-03-05", "updated line")),
    ("By Jane Roe, 3 March 2024", ("2024-03-03", "byline")),
    ("Posted by {{author_name}} | March 6, 2025 | 3 min read", ("2025-03-06", "byline")),
    ("Tuesday 4 March 2025 09:15", ("2025-03-04", "date line")),
    ("Source: Example Harbour News, 7 March 2024", ("2024-03-07", "source line")),
    ("https://news.example/local/2024/03/08/market-hall-roof", ("2024-03-08", "url")),
    # sentences that hold a date are body text, not stamps
    ("Published on 3 March 2024, the report found that the river had risen.", None),
    ("By March 3, 2024, the river had risen two metres.", None),
])
def test_stamp_lines(line, expected):
    dates = page_lines(line + "\n\nA body paragraph that says nothing about when it was written.").dates
    best = dates[0] if dates else None
    assert ((best.value, best.origin) if best else None) == expected


def test_a_date_after_tomorrow_is_no_publication_date():
    future = (date.today() + timedelta(days=3 * 365)).isoformat()
    assert page_lines(f"Published {future}\n\nA body paragraph.").dates == []


def test_source_and_url_lines_give_the_outlet():
    page = page_lines("A body paragraph.\n\nSource: Example Harbour News\nhttps://www.harbour.example/a/b")
    assert [(o.value, o.origin) for o in page.outlets] == [
        ("Example Harbour News", "source line"), ("harbour.example", "url")]
    assert page.url == "https://www.harbour.example/a/b"


@pytest.mark.parametrize("line", ["https://poll.example.org.", "Details at https://poll.example.org/",
                                  "https://poll.example.org/results/2024/03/01/table."])
def test_a_link_in_the_text_is_not_the_page_address(line):
    """A bare site, a link inside a sentence, a URL ending a sentence: links, not the page."""
    page = page_lines("A body paragraph about a poll.\n\nOnline:\n\n" + line)
    assert (page.url, page.outlets, page.dates) == (None, [], [])


def test_options_win_and_the_page_values_are_kept_as_conflicts(settings):
    stated = Stated.checked(outlet="Example Override Daily", published="2024-05-09")
    docs, _, _ = read([METADATA / "loose" / "published-at-end.txt"], settings, stated=stated)
    doc = docs["published-at-end.txt"]
    assert facts(doc) == ("Example Override Daily", "option", "2024-05-09", "option")
    assert doc.meta["published_conflicts"] == [{"value": "2024-05-02", "from": "published line"}]
    assert doc.meta["outlet_conflicts"] == [{"value": "Selwick Valley Echo", "from": "copyright line"}]


@pytest.mark.parametrize("kwargs, named", [
    ({"outlet": None, "published": "2024-02-30"}, "--published"),
    ({"outlet": None, "published": "next Tuesday"}, "--published"),
    ({"outlet": "  ", "published": None}, "--outlet"),
])
def test_bad_option_values_are_coded_errors_naming_the_option(kwargs, named):
    with pytest.raises(ClaimledgerError) as error:
        Stated.checked(**kwargs)
    assert error.value.code == "E209" and named in error.value.reason


def test_sidecar_defaults_entries_and_the_page_own_date(settings):
    docs, rejected, skipped = read([METADATA / "folder"], settings)
    assert not rejected and not skipped  # the sidecar is neither an article nor skipped
    sidecar = str(METADATA / "folder" / SIDECAR)
    first, second, own = docs["first-day.txt"], docs["second-day.txt"], docs["own-date.txt"]
    assert facts(first) == ("Hollin Ridge Gazette", "sidecar", "2024-09-03", "sidecar")
    assert first.meta["sidecar"] == sidecar
    assert facts(second) == ("Hollin Ridge Gazette", "sidecar", "2024-09-04", "sidecar")  # its entry
    # folder defaults only fill gaps: the page's own Published line stands
    assert facts(own) == ("Hollin Ridge Gazette", "sidecar", "2024-09-06", "published line")


def test_a_file_named_alone_gets_its_folder_sidecar(settings):
    docs, _, _ = read([METADATA / "folder" / "second-day.txt"], settings)
    assert docs["second-day.txt"].published == "2024-09-04"


def test_nested_sidecar_overrides_field_by_field(tmp_path, settings):
    (tmp_path / "inner").mkdir()
    (tmp_path / SIDECAR).write_text('outlet = "Example Outer Post"\npublished = 2024-01-10\n')
    (tmp_path / "inner" / SIDECAR).write_text('published = "12 January 2024"\n')
    shutil.copy(METADATA / "loose" / "no-metadata.txt", tmp_path / "inner" / "story.txt")
    docs, rejected, _ = read([tmp_path], settings)
    assert not rejected
    assert (docs["inner/story.txt"].outlet, docs["inner/story.txt"].published) == ("Example Outer Post", "2024-01-12")


@pytest.mark.parametrize("content, code", [
    ('published = "the day after the storm"\n', "E209"),
    ('outlet = "Example Post"\nsection = "local"\n', "E205"),
    ('outlet = "Example Post\n', "E204"),
    ('[files."story.txt"]\npublished = 2024-13-01\n', "E204"),  # not a TOML date
    ('[files."story.txt"]\npublished = "2024-02-30"\n', "E209"),
])
def test_a_bad_sidecar_is_rejected_by_name_and_the_batch_goes_on(tmp_path, settings, content, code):
    (tmp_path / SIDECAR).write_text(content)
    shutil.copy(METADATA / "loose" / "no-metadata.txt", tmp_path / "story.txt")
    shutil.copy(METADATA / "loose" / "published-at-end.txt", tmp_path / "other.txt")
    docs, rejected, _ = read([tmp_path], settings)
    assert [(r.path, r.code) for r in rejected] == [(str(tmp_path / SIDECAR), code)]
    assert sorted(docs) == ["other.txt", "story.txt"]
    assert docs["story.txt"].published is None and docs["other.txt"].published == "2024-05-02"


def test_settle_keeps_a_crawl_date_below_the_page_own_date():
    doc = Document(doc="crawl.warc#1", raw="Headline\n\nPublished 4 May 2024\n\nBody text here.",
                   format="warc", published="2024-06-30", meta={"published_from": "crawl date"})
    settled = settle(doc)
    assert (settled.published, settled.meta["published_from"]) == ("2024-05-04", "published line")


def test_the_file_name_date_is_a_last_resort_and_not_for_container_records():
    raw = "Headline\n\nA body paragraph without any date in it at all."
    alone = settle(Document(doc="story-2024-04-02.txt", raw=raw, format="text", path="story-2024-04-02.txt"))
    record = settle(Document(doc="feed-2024-04-02.xml#3", raw=raw, format="feed", path="feed-2024-04-02.xml"))
    assert (alone.published, alone.meta["published_from"]) == ("2024-04-02", "file name")
    assert record.published is None


def test_build_options_reach_the_ledger_and_the_overview(runner, tmp_path):
    from claimledger.report.views import story
    from claimledger.store import Ledger

    db = tmp_path / "ledger.db"
    result = runner.invoke(app, ["build", str(METADATA / "loose"), "--db", str(db), "-q",
                                 "--published", "2024-05-10"])
    assert result.exit_code == 0, result.output
    ledger = Ledger(db, create=False)
    rows = {d.doc: d for d in map(ledger.find, ["page.html", "no-metadata.txt"])}
    assert rows["page.html"].published == "2024-05-10"
    assert rows["page.html"].meta["published_from"] == "option"
    assert rows["page.html"].meta["outlet_from"] == "html metadata"  # not overridden
    assert rows["no-metadata.txt"].outlet is None
    overview = story(ledger)
    assert overview["first"] == "2024-05-10" and "Vale Evening Standard" in overview["outlets"]
    ledger.close()


def test_build_refuses_a_bad_published_option(runner, tmp_path):
    result = runner.invoke(app, ["build", str(METADATA / "loose"), "--db", str(tmp_path / "x.db"),
                                 "-q", "--published", "31/02/2024"])
    assert isinstance(result.exception, ClaimledgerError) and result.exception.code == "E209"
    assert "--published" in result.exception.reason
    assert not (tmp_path / "x.db").exists()  # refused before anything is read


def test_a_page_read_by_the_fallback_keeps_its_markup_metadata(monkeypatch):
    """When trafilatura finds no main text, the page's own paragraphs are read, and its
    metadata still comes from the markup (and only the markup)."""
    import trafilatura

    from claimledger.ingest.html import page_document

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    html = ('<html><head><meta property="og:site_name" content="Example Quay Bulletin">'
            '<meta property="article:published_time" content="2024-04-11T06:00:00Z">'
            '<title>Quay closed for repairs</title></head><body><p>The north quay is closed '
            'for repairs until the end of the month, the harbour master said.</p></body></html>')
    doc = page_document(html, doc="quay.html", path="quay.html", fmt="html")
    assert "The north quay is closed" in doc.raw
    assert facts(doc) == ("Example Quay Bulletin", "html metadata", "2024-04-11", "html metadata")


def test_a_warc_crawl_date_is_used_only_when_the_markup_has_none():
    from claimledger.ingest.html import page_document

    html = ("<html><head><title>Quay closed for repairs</title></head><body><article><p>The north "
            "quay is closed for repairs until the end of the month, the harbour master said on "
            "Monday, and boats are sent to the south basin meanwhile.</p></article></body></html>")
    doc = page_document(html, doc="c.warc#1", path="c.warc", fmt="warc", published="2024-04-15")
    assert (doc.published, doc.meta["published_from"]) == ("2024-04-15", "crawl date")


def test_every_outlet_and_date_of_the_demo_says_where_it_came_from(demo_db):
    from claimledger.store import Ledger

    ledger = Ledger(demo_db, create=False)
    stored = [ledger.find(row["doc"]) for row in ledger.document_rows()]
    ledger.close()
    assert len(stored) == 12
    for document in stored:
        assert not document.outlet or document.meta.get("outlet_from"), document.doc
        assert not document.published or document.meta.get("published_from"), document.doc


def test_a_masthead_or_removed_date_line_found_by_cleaning_says_so():
    from claimledger.clean import _fill_metadata, _Line
    from claimledger.model import Document

    doc = Document(doc="saved.txt", raw="", format="text")
    lines = [_Line(0, 14, "THE LOCH POST", 3, 0.0, False, reason="site-name"),
             _Line(15, 40, "Updated 4 May 2023 09:12", 5, 0.5, False, reason="header")]
    _fill_metadata(doc, lines, None)
    assert (doc.outlet, doc.meta["outlet_from"]) == ("The Loch Post", "masthead")
    assert (doc.published, doc.meta["published_from"]) == ("2023-05-04", "removed header line")
