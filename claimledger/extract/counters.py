"""Per-rule counters of the extraction stage, datatrove-style: how often each decision fires.

Extraction runs in worker processes, so the counts live in the process that extracts
(``RULES``); the stage takes the difference before and after each batch (``counted``) and
returns it with the batch's claims, and the build adds them up in its report
(``BuildReport.rules``, ``build --stats FILE``). Names are "<family>: <rule>":

- ``trigger``: sentences parsed as candidates, parsed only as context, skipped;
- ``not a claim``: numbers dropped, by the ``not_claims`` rule that dropped them;
- ``attribution``: relations found, by cue class (and how many were negated);
- ``source``: relations by how their source was reached (``attribution.RESOLUTIONS``:
  named, pronoun resolved, role or short form resolved, quote continued, outlet or nobody);
- ``chain``: names put in a statement's chain, by rule (``intermediaries.CHAIN_RULES``:
  citing, nested cue, translated by, relayed by, interview with, told to media);
- ``status``: claims by status; ``status cause``: by status and the rule that decided it
  ("reported by cue class", ``status.STATUS_CAUSES``); ``kind``: claims by kind.

The link stage counts in the process that links, with the same ``count``
(``link/__init__.py``): ``measure key`` and ``measure`` (figures by the parts of the key
they were grouped by, and how many joined another figure or stood alone), ``answer``
(denials and confirmations by the rule that linked them, ``link/answers.py``) and
``flag`` (flags raised, by kind). The rule names are those the explain trace prints.

A rule that fires once on a whole corpus is a special case to question.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TypeVar

RULES: Counter = Counter()

T = TypeVar("T")


def count(family: str, rule: str, amount: int = 1) -> None:
    RULES[f"{family}: {rule}"] += amount


def counted(work: Callable[[], T]) -> tuple[T, dict[str, int]]:
    """``work()`` and the rule counts it added in this process."""
    before = RULES.copy()
    result = work()
    after = RULES.copy()
    after.subtract(before)
    return result, {name: n for name, n in after.items() if n}
