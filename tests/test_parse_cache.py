"""The cache of sentence parses: each distinct sentence parsed once, a repeat gets what a
fresh parse gives, and a ledger is the same with the cache and without it."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from claimledger.build import build
from claimledger.nlp import SentencePipeline, load_pipeline
from claimledger.settings import Settings
from claimledger.store import Ledger
from test_incremental import snapshot


class CountingPipeline:
    """Stands for a spaCy pipeline: tokenizes with a blank English one, records each text."""

    batch_size = 4

    def __init__(self) -> None:
        self.blank = spacy.blank("en")
        self.parsed: list[str] = []

    def pipe(self, texts, *, batch_size: int) -> list[Doc]:
        texts = list(texts)
        self.parsed.extend(texts)
        return [self.blank(text) for text in texts]


def test_a_repeated_sentence_is_parsed_once_within_a_batch_and_across_batches():
    counting = CountingPipeline()
    cached = SentencePipeline(counting)  # type: ignore[arg-type]
    texts = ["The dam held.", "Rain fell.", "The dam held.", "Roads shut.", "Rain fell.",
             "The dam held."]
    docs = list(cached.pipe(texts, batch_size=2))
    assert [doc.text for doc in docs] == texts
    assert counting.parsed == ["The dam held.", "Rain fell.", "Roads shut."]
    assert (cached.hits, cached.misses) == (3, 3)
    assert len({id(doc) for doc in docs}) == len(docs)  # a repeat is a copy, never shared


def test_context_rides_along_with_each_text_in_order():
    cached = SentencePipeline(CountingPipeline())  # type: ignore[arg-type]
    pairs = [("One.", "a"), ("Two.", "b"), ("One.", "c")]
    assert [(doc.text, context) for doc, context in cached.pipe(pairs, as_tuples=True)] == pairs


def test_the_least_recently_used_parses_go_first_when_the_cache_is_full():
    old, new, third = "Old news here.", "New news here.", "Third one here."  # 4 tokens each
    counting = CountingPipeline()
    cached = SentencePipeline(counting, max_tokens=6)  # type: ignore[arg-type]
    for text in [old, old, new, old]:
        list(cached.pipe([text]))
    assert counting.parsed == [old, new, old]  # room for one: the new one pushed the old out
    counting.parsed.clear()
    cached = SentencePipeline(counting, max_tokens=8)  # type: ignore[arg-type]
    for text in [old, new, old, third, old]:
        list(cached.pipe([text]))
    # room for two: "old" was used again after "new", so "third" pushes "new" out, not "old"
    assert counting.parsed == [old, new, third]


def test_a_cached_parse_equals_a_fresh_parse():
    nlp = load_pipeline()
    cached = SentencePipeline(nlp.nlp)
    text = "The harbour board said on Tuesday that 40 boats were lost in the storm."
    first, again = cached.pipe([text, text])
    fresh = nlp.nlp(text)
    assert cached.hits == 1

    def annotations(doc: Doc) -> list[tuple]:
        return [(t.text, t.idx, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_type_,
                 t.ent_iob_, t.morph.to_json()) for t in doc]

    assert annotations(again) == annotations(first) == annotations(fresh)


STORIES = {
    # the same sentence in two articles: "She" is a different person in each, named in the
    # sentence before, so the cached parse must not carry the first article's source
    "harbour-a.txt": "Flooding in the lower town\n\nMayor Ilsa Varnock toured the lower town "
                     "on Monday. She said 40 homes were flooded after the river rose.\n",
    "harbour-b.txt": "River rises again\n\nCouncil leader Ruth Obandi spoke to residents on "
                     "Tuesday. She said 40 homes were flooded after the river rose.\n",
    "harbour-c.txt": "Clean-up begins\n\nVolunteers cleared mud from 12 streets, the fire "
                     "service said. She said 40 homes were flooded after the river rose.\n",
}


def test_the_ledger_is_the_same_with_and_without_the_cache(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in STORIES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    nlp = load_pipeline().nlp
    ledgers = {}
    for name, pipeline in (("plain", nlp), ("cached", SentencePipeline(nlp))):
        monkeypatch.setattr("claimledger.extract.claims.load_pipeline", lambda model: pipeline)
        ledgers[name] = Ledger(tmp_path / f"{name}.db")
        build([str(corpus)], ledgers[name], Settings(workers=1))
        if name == "cached":
            assert pipeline.hits >= 2  # the repeated sentence came from the cache
    assert snapshot(ledgers["cached"]) == snapshot(ledgers["plain"])
    sources = {(row["doc"], row["source"]) for row in ledgers["cached"].claims()
               if "40 homes" in row["sentence"]}
    assert ("harbour-a.txt", "Ilsa Varnock") in sources
    assert ("harbour-b.txt", "Ruth Obandi") in sources
    for ledger in ledgers.values():
        ledger.close()
