"""Reading is linear in the size of the input, hostile shapes included: eight times the
bytes may not take more than twelve times as long (a ratio, so it holds on any machine)."""

from __future__ import annotations

import json
import time

import pytest

from claimledger.ingest import read_sources
from claimledger.settings import Settings

SENTENCE = "The agency said 40 people were hurt in the flood. "


def long_line(size: int) -> str:
    return "Flood\n\n" + SENTENCE * (size // len(SENTENCE)) + "\n"


def long_runs(size: int) -> str:
    return "Flood\n\n" + (SENTENCE + "x" * 3000 + " " + "{" * 3000 + " ") * (size // 6100)


def many_attributes(size: int) -> str:
    attributes = " ".join(f'a{n}="1"' for n in range(size // 8))
    return f"<html><body><article><p {attributes}>{SENTENCE}</p></article></body></html>"


def deep_nesting(size: int) -> str:
    depth = size // 11
    return "<html><body>" + "<div>" * depth + f"<p>{SENTENCE}</p>" + "</div>" * depth + "</body></html>"


def records(size: int) -> str:
    line = json.dumps({"title": "Flood", "text": SENTENCE * 20}) + "\n"
    return line * (size // len(line))


def feed(size: int) -> str:
    item = f"<item><title>Flood</title><description>{SENTENCE}</description></item>"
    return f"<?xml version='1.0'?><rss><channel><title>Wire</title>{item * (size // len(item))}</channel></rss>"


# (shape, bytes of the smaller input): large enough that fixed costs do not dominate.
CASES = {
    "line.txt": (long_line, 1_000_000),
    "runs.txt": (long_runs, 400_000),
    "attributes.html": (many_attributes, 200_000),
    "nesting.html": (deep_nesting, 200_000),
    "records.jsonl": (records, 1_000_000),
    "feed.rss": (feed, 50_000),  # feedparser reads about 1 MB/s
}


def reading_time(path, settings: Settings) -> float:
    best = float("inf")
    for _ in range(3):  # the best of three: the machine is shared
        started = time.perf_counter()
        for _item in read_sources([str(path)], settings):
            pass
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("name", sorted(CASES))
def test_reading_time_grows_linearly(tmp_path, name):
    settings = Settings(workers=1, max_feed_entries=1_000_000, max_sentences=10_000_000)
    shape, size = CASES[name]
    times = []
    for n in (size, 8 * size):
        path = tmp_path / f"{n}-{name}"
        path.write_text(shape(n), encoding="utf-8")
        times.append(reading_time(path, settings))
    assert times[1] / max(times[0], 1e-3) < 12, times
