"""The bundled demo corpus (``corpus/``) and its hand-written expected results
(``expected.json``): the corpus ``claimledger demo`` builds."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def corpus_path() -> Path:
    return Path(str(files("claimledger") / "demo" / "corpus"))
