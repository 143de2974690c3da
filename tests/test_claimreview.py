"""ClaimReview / Claim JSON-LD: schema.org shapes, appearances and first appearance."""

from __future__ import annotations

import json

import jsonschema
import pytest

from claimledger.build import build
from claimledger.claimreview import claimreview_document
from claimledger.demo import corpus_path
from claimledger.settings import Settings
from claimledger.store import Ledger

THING = {"type": "object", "required": ["@type", "name"],
         "properties": {"@type": {"enum": ["Person", "Organization"]}, "name": {"type": "string", "minLength": 1}}}
CREATIVE_WORK = {
    "type": "object", "required": ["@type", "headline"],
    "properties": {"@type": {"enum": ["NewsArticle", "CreativeWork"]}, "headline": {"type": "string"},
                   "url": {"type": "string", "format": "uri"}, "datePublished": {"type": "string", "format": "date"},
                   "publisher": THING},
}
# The shapes schema.org and Google's ClaimReview guidelines require.
CLAIM_REVIEW = {
    "type": "object",
    "required": ["@context", "@graph"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@graph": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["@type", "claimReviewed", "itemReviewed", "author", "reviewRating", "datePublished"],
            "properties": {
                "@type": {"const": "ClaimReview"},
                "claimReviewed": {"type": "string", "minLength": 1},
                "datePublished": {"type": "string", "format": "date"},
                "author": THING,
                "reviewRating": {"type": "object", "required": ["@type", "alternateName"],
                                 "properties": {"@type": {"const": "Rating"},
                                                "alternateName": {"type": "string", "minLength": 1}}},
                "itemReviewed": {
                    "type": "object", "required": ["@type", "appearance", "firstAppearance"],
                    "properties": {"@type": {"const": "Claim"}, "author": THING,
                                   "appearance": {"type": "array", "minItems": 1, "items": CREATIVE_WORK},
                                   "firstAppearance": CREATIVE_WORK,
                                   "datePublished": {"type": "string", "format": "date"}},
                },
            },
        }},
    },
}


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    ledger = Ledger(tmp_path_factory.mktemp("cr") / "demo.db")
    build([str(corpus_path())], ledger, Settings(workers=1))
    return claimreview_document(ledger)


def test_claimreview_validates_against_the_schema_org_shapes(document):
    jsonschema.validate(document, CLAIM_REVIEW, format_checker=jsonschema.FormatChecker())
    json.dumps(document)  # serialisable as JSON-LD


def test_copies_appear_under_one_claim_with_the_earliest_first(document):
    copied = [r for r in document["@graph"] if len(r["itemReviewed"]["appearance"]) > 1]
    assert copied
    for review in copied:
        item = review["itemReviewed"]
        dates = [a.get("datePublished", "9999") for a in item["appearance"]]
        assert item["firstAppearance"] == item["appearance"][0] and dates == sorted(dates)


def test_the_source_is_the_claims_author(document):
    authors = {r["itemReviewed"]["author"]["name"]: r["itemReviewed"]["author"]["@type"]
               for r in document["@graph"] if "author" in r["itemReviewed"]}
    assert authors["National Civil Protection Directorate"] == "Organization"
    assert authors["Ilsa Marrek"] == "Person"
