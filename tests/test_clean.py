"""Page-chrome removal: every body sentence survives, chrome lines go, offsets map back."""

from __future__ import annotations

import json
import re

import pytest

from claimledger.build import build
from claimledger.clean import clean_document, clean_to_raw, line_key
from claimledger.model import Document

from conftest import DATA

CHROME = DATA / "chrome"
TEMPLATES = json.loads((CHROME / "templates.json").read_text(encoding="utf-8"))["templates"]
BODIES = sorted(CHROME.glob("body-*.txt"))


def body_lines(path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def page(template: dict, body: list[str]) -> str:
    """A saved page: header chrome, headline, byline, body with inserts, footer chrome."""
    title, paragraphs = body[0], body[1:]
    middle = paragraphs[:2] + template["mid"] + paragraphs[2:]
    return "\n".join(template["header"] + [title] + template["byline"] + [""]
                     + [line for p in middle for line in (p, "")] + template["footer"]) + "\n"


def chrome_lines(template: dict) -> list[str]:
    return template["header"] + template["byline"] + template["mid"] + template["footer"]


def kept_lines(text: str) -> set[str]:
    return {line.strip() for line in text.splitlines()}


@pytest.mark.parametrize("outlet", sorted(TEMPLATES))
@pytest.mark.parametrize("body_path", BODIES, ids=lambda p: p.stem)
def test_body_survives_and_chrome_goes(outlet, body_path):
    template, body = TEMPLATES[outlet], body_lines(body_path)
    doc = clean_document(Document(doc="page.txt", raw=page(template, body), format="text"))
    kept = kept_lines(doc.text)
    assert [line for line in body if line not in kept] == []
    assert [line for line in chrome_lines(template) if line in kept] == []
    assert doc.title == body[0]


def test_metadata_comes_from_removed_header_lines():
    template, body = TEMPLATES["metro-wire"], body_lines(BODIES[0])
    doc = clean_document(Document(doc="p.txt", raw=page(template, body), format="text"))
    assert doc.author == "Sam O'Neill"
    assert doc.published == "2024-06-05"
    assert doc.outlet == "Metro Wire"


def test_removed_spans_carry_reasons_and_rebuild_the_raw_text():
    template, body = TEMPLATES["northern-star"], body_lines(BODIES[1])
    raw = page(template, body)
    doc = clean_document(Document(doc="p.txt", raw=raw, format="text"))
    reasons = {span.reason for span in doc.removed}
    assert {"menu", "widget", "banner", "byline", "advert", "caption", "share", "related",
            "bio", "newsletter", "footer"} <= reasons
    # Deleting the spans from the raw text gives the cleaned text, nothing else changed.
    pieces, cursor = [], 0
    for span in doc.removed:
        pieces.append(raw[cursor:span.start])
        cursor = span.end
    assert "".join(pieces) + raw[cursor:] == doc.text
    assert doc.removed_chars == len(raw) - len(doc.text)


@pytest.mark.parametrize("needle", ["3,200 hectares", "Schools are closed.", "14 homes"])
def test_cleaned_offsets_map_to_the_same_text_in_raw(needle):
    raw = page(TEMPLATES["valley-record"], body_lines(CHROME / "body-wildfire.txt"))
    doc = clean_document(Document(doc="p.txt", raw=raw, format="text"))
    start = doc.text.index(needle)
    raw_start = clean_to_raw(start, doc.removed)
    assert raw[raw_start:raw_start + len(needle)] == needle


def test_plain_article_without_chrome_is_untouched():
    text = "\n\n".join(body_lines(CHROME / "body-strike.txt"))
    doc = clean_document(Document(doc="a.txt", raw=text, format="text"))
    assert doc.text.strip() == text.strip()
    assert doc.removed_chars == 0


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, the water had receded from most streets.",
        "The company said it would subscribe to the new insurance scheme.",
        "Temperatures reached 41°C in the capital on Monday.",
        "The council's newsletter, sent to 9,000 homes, warned of delays.",
        "Share prices fell 3 per cent after the announcement.",
        "He said comments made by the minister were unhelpful.",
    ],
)
def test_body_sentences_that_look_like_chrome_are_kept(line):
    raw = f"Headline about the story today\n\nA first paragraph of the story, told in full.\n\n{line}\n\nA closing paragraph of the story, told in full.\n"
    doc = clean_document(Document(doc="a.txt", raw=raw, format="text"))
    assert line in kept_lines(doc.text)


def test_repeated_outlet_lines_are_removed_but_repeated_sentences_kept():
    repeated = {line_key("Kelmar Evening Post"), line_key("Live updates"),
                line_key("The road is closed.")}
    raw = ("Kelmar Evening Post\nLive updates\nFloodwater rises in the old town overnight\n\n"
           "Water rose by a metre in the old town overnight, the council said.\n\n"
           "The road is closed.\n")
    doc = clean_document(Document(doc="a.txt", raw=raw, format="text"),
                         is_repeated=lambda key: key in repeated)
    kept = kept_lines(doc.text)
    assert "Kelmar Evening Post" not in kept and "Live updates" not in kept
    assert "The road is closed." in kept
    assert "Floodwater rises in the old town overnight" in kept


def test_build_uses_repetition_across_a_corpus_of_copies(tmp_path, ledger, settings):
    """Every body appears under four outlets' chrome: bodies must survive their repetition."""
    for outlet, template in TEMPLATES.items():
        for body_path in BODIES:
            (tmp_path / f"{outlet}-{body_path.stem}.txt").write_text(
                page(template, body_lines(body_path)), encoding="utf-8")
    report = build([str(tmp_path)], ledger, settings)
    assert report.counts["new"] == len(TEMPLATES) * len(BODIES)
    texts = {row["doc"]: row["text"] for row in ledger.documents()}
    for outlet, template in TEMPLATES.items():
        for body_path in BODIES:
            kept = kept_lines(texts[f"{outlet}-{body_path.stem}.txt"])
            assert [l for l in body_lines(body_path) if l not in kept] == []
            assert [l for l in chrome_lines(template) if l in kept] == []


def test_demo_corpus_chrome_removed_and_short_sentences_kept(tmp_path, demo_corpus, demo_expected, settings):
    from claimledger.store import Ledger

    ledger = Ledger(tmp_path / "demo.db")
    build([str(demo_corpus)], ledger, settings)
    texts = {row["doc"]: row["text"] for row in ledger.documents()}
    for item in demo_expected["chrome"]:
        assert item["text"] not in texts[item["doc"]], item
    for item in demo_expected["short_body_sentences"]:
        assert item["text"] in texts[item["doc"]], item
    for claim in demo_expected["claims"]:
        assert re.sub(r"\s+", " ", claim["sentence"]) in re.sub(r"\s+", " ", texts[claim["doc"]]), claim


SCRIPT_PAGE = """Harbour wall to be rebuilt after storm

The council said on Monday that repairs to the harbour wall would cost $4 million.
var pageConfig = window.pageConfig || {}; pageConfig.section = "local"; pageConfig.id = 88;
(function() {
  var s = document.createElement("script"); s.async = true;
  document.head.appendChild(s);
})();
{"@type": "NewsArticle", "headline": "Harbour wall", "wordCount": 412, "isFree": true}
.story-body p { font-size: 17px; line-height: 1.6; }
Work will start in May (weather permitting); the quay stays open.
Fishermen welcomed the plan. queue.push(function () { render("clock-7", {format: "short"}); });
"""


def test_script_json_and_css_are_chrome_with_a_reason():
    doc = clean_document(Document(doc="p.txt", raw=SCRIPT_PAGE, format="text"))
    removed = [SCRIPT_PAGE[span.start:span.end] for span in doc.removed if span.reason == "script"]
    assert any("pageConfig" in text for text in removed)
    assert any('"@type"' in text for text in removed)
    assert any("font-size" in text for text in removed)
    for code in ("pageConfig", "createElement", "appendChild", "})();", "@type", "font-size",
                 "render("):
        assert code not in doc.text
    assert "repairs to the harbour wall would cost $4 million." in doc.text
    assert "Work will start in May (weather permitting); the quay stays open." in doc.text


def test_script_glued_to_a_paragraph_goes_and_the_paragraph_stays():
    doc = clean_document(Document(doc="p.txt", raw=SCRIPT_PAGE, format="text"))
    assert "Fishermen welcomed the plan." in doc.text
    start = doc.text.index("Fishermen")
    assert SCRIPT_PAGE[clean_to_raw(start, doc.removed):].startswith("Fishermen welcomed")


@pytest.mark.parametrize("line", [
    "The mayor called for his return; last night the family thanked volunteers.",
    "Rainfall (in mm) was double the average; the river rose 2 m = a record.",
    "Asked whether \"the plan\" would work, she said: \"We will see.\"",
])  # fmt: skip
def test_prose_with_symbols_is_not_script(line):
    raw = f"Storm update\n\n{line}\n"
    doc = clean_document(Document(doc="p.txt", raw=raw, format="text"))
    assert line in doc.text
