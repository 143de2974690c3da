"""The tuning/check split every evaluation uses, fixed by a hash of the text.

Rules are changed looking only at errors on the tuning part; the check part is read as
figures, never as errors. The split depends on the text alone (not on file order or on
which items exist), so adding data never moves an item from one part to the other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
PARTS = ("tuning", "check")


def part_of(text: str) -> str:
    """'tuning' or 'check' for a text: about half each, stable across runs and machines."""
    digest = hashlib.sha256(" ".join(text.split()).encode("utf-8")).digest()
    return PARTS[digest[0] & 1]


def split(items: Iterable[T], text: Callable[[T], str]) -> dict[str, list[T]]:
    """Items by part, in their original order."""
    parts: dict[str, list[T]] = {name: [] for name in PARTS}
    for item in items:
        parts[part_of(text(item))].append(item)
    return parts
