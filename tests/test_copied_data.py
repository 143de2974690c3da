"""No run of 10+ words of the evaluation data (../shared/data) in the repository's text files:
code, docstrings, tests, the demo corpus and docs are written by the project."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import shared_data

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from copied_data import RUN, copied_runs, data_texts, repository_files  # noqa: E402

def test_no_evaluation_data_is_copied_into_the_repository():
    data = shared_data()
    hits = [str(hit) for hit in copied_runs(repository_files(), data_texts(data))]
    assert not hits, f"runs of {RUN}+ words copied from ../shared/data:\n" + "\n".join(hits)


def test_a_copied_run_is_found_once_with_its_line():
    words = " ".join(f"word{i}" for i in range(14))
    files = iter([("notes.md", f"title\n\nintro {words} outro\n"), ("other.py", "x = 1\n")])
    hits = copied_runs(files, iter([f"Before {words.upper()}, after."]))
    assert [(hit.path, hit.line, hit.words) for hit in hits] == [("notes.md", 3, 14)]
    assert copied_runs(iter([("a.md", " ".join(words.split()[:RUN - 1]))]), iter([words])) == []
