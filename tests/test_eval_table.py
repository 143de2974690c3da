"""The `make eval` table: a tuning and a check column for every row, overfitting marked."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import eval as table  # noqa: E402


def test_a_check_figure_far_below_its_tuning_twin_is_marked(monkeypatch):
    rows = [("set", "close", {"tuning": 0.90, "check": 0.88}, "n", "-"),
            ("set", "far", {"tuning": 0.90, "check": 0.80}, "n", "-")]
    monkeypatch.setattr(table, "COLLECTORS", {name: lambda: rows for name in table.BENCHMARKS})
    printed = table.collect(skip=set(table.BENCHMARKS) - {"demo"})
    assert [row[2:5] for row in printed] == [("90.0", "88.0", "-2.0"), ("90.0", "80.0", "-10.0 !")]

