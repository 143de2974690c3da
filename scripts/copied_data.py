"""Find text copied from the evaluation data into the repository.

    .venv/bin/python scripts/copied_data.py

Every run of 10 or more consecutive words of a text file in the checkout (tracked, or new
and not ignored) that also occurs in ../shared/data (FNC-1 bodies, NewsQuant sentences,
PolNeAR articles, Emergent headlines and claims) is listed as file:line. Words are compared
lower-case, punctuation and spacing ignored. The data must never be copied into code,
docstrings, tests, the demo corpus or docs: evaluation on it would no longer be honest.
"""

from __future__ import annotations

import bisect
import csv
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RUN = 10  # words: long enough that a shared run is a copy, not a common phrase
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Hit:
    """A run of words of a repository file that also occurs in the evaluation data."""

    path: str
    line: int
    words: int
    preview: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.words} words copied ({self.preview} ...)"


def data_texts(data: Path = DATA) -> Iterator[str]:
    """Every text of the evaluation data sets, read at run time."""
    with open(data / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        yield from (row["articleBody"] for row in csv.DictReader(handle))
    for record in json.loads((data / "newsquant" / "NewsQuant-dev.json").read_text("utf-8")):
        yield record["text"]
    for path in sorted((data / "polnear").glob("*/text/*.txt")):
        yield path.read_text(encoding="utf-8")
    with open(data / "emergent" / "train.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["claimHeadline"]
            yield row["articleHeadline"]


def repository_files(root: Path = ROOT) -> Iterator[tuple[str, str]]:
    """(path, text) of every text file of the checkout: tracked, or new and not ignored."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=root, capture_output=True, check=True).stdout
    for name in sorted(set(filter(None, listed.decode("utf-8").split("\0")))):
        path = root / name
        if not path.is_file():
            continue  # deleted in the working tree
        data = path.read_bytes()
        if b"\0" in data:
            continue
        try:
            yield name, data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # binary: images, compressed archives


def copied_runs(files: Iterator[tuple[str, str]], texts: Iterator[str]) -> list[Hit]:
    """Runs of RUN or more words of the files that occur in the texts, one hit per run."""
    shingles: dict[int, list[tuple[int, int]]] = {}
    parsed = []
    for index, (name, text) in enumerate(files):
        matches = list(_WORD.finditer(text.lower()))
        parsed.append((name, text, matches))
        for position, key in enumerate(_shingles([m.group() for m in matches])):
            shingles.setdefault(key, []).append((index, position))
    found: dict[int, set[int]] = {}
    for text in texts:
        for key in _shingles(_WORD.findall(text.lower())):
            for index, position in shingles.get(key, ()):
                found.setdefault(index, set()).add(position)
    hits = []
    for index, positions in sorted(found.items()):
        name, text, matches = parsed[index]
        line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
        for first, last in _runs(sorted(positions)):
            start = matches[first].start()
            line = bisect.bisect_right(line_starts, start)
            preview = " ".join(m.group() for m in matches[first:first + 6])
            hits.append(Hit(name, line, last - first + RUN, preview))
    return hits


def _shingles(words: list[str]) -> Iterator[int]:
    keys = [hash(word) for word in words]
    for start in range(len(keys) - RUN + 1):
        yield hash(tuple(keys[start:start + RUN]))


def _runs(positions: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive shingle positions merged: (first, last) of each run."""
    first = last = positions[0]
    for position in positions[1:]:
        if position > last + 1:
            yield first, last
            first = position
        last = position
    yield first, last


def main() -> None:
    if not DATA.exists():
        sys.exit(f"evaluation data not found at {DATA}")
    hits = copied_runs(repository_files(), data_texts())
    for hit in hits:
        print(hit)
    print(f"{len(hits)} copied runs of {RUN}+ words")
    sys.exit(1 if hits else 0)


if __name__ == "__main__":
    main()
