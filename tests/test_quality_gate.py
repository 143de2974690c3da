"""Quality gates: scores on public data (../shared/data) and on the demo corpus may not drop
below the minimums reached when they were pinned. A change that lowers one fails here.

The measurements are the same code as `make eval` (benchmarks/eval_*.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared_data

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.mark.slow
def test_newsquant_quantity_extraction():
    shared_data("newsquant", "NewsQuant-dev.json")
    from eval_newsquant import evaluate_newsquant

    scores = evaluate_newsquant()["scores"]
    assert scores["value"]["f1"] >= 0.905
    assert scores["value+change"]["f1"] >= 0.815
    assert scores["value+unit"]["f1"] >= 0.81
    assert scores["value+concept"]["f1"] >= 0.47


@pytest.mark.slow
def test_polnear_attribution():
    shared_data("polnear", "dev")
    from eval_polnear import evaluate_polnear

    scores = evaluate_polnear("dev")["scores"]
    assert scores["all"]["source overlap"]["f1"] >= 0.73
    assert scores["figures"]["source overlap"]["f1"] >= 0.80
    assert scores["all"]["cue overlap"]["f1"] >= 0.72
    assert scores["figures"]["source exact"]["f1"] >= 0.75


@pytest.mark.slow
def test_emergent_headline_status():
    shared_data("emergent", "train.csv")
    from eval_emergent import evaluate_emergent

    assert evaluate_emergent()["accuracy"] >= 0.69


def test_demo_corpus_claims():
    from eval_demo import evaluate_demo

    result = evaluate_demo()
    claims = result["claims"]
    assert claims.precision >= 0.97 and claims.recall >= 0.97
    assert claims.accuracy("value") == 1.0 and claims.accuracy("approx") == 1.0
    assert claims.accuracy("counted") >= 0.95
    assert claims.accuracy("source") >= 0.92
    assert claims.accuracy("via") >= 0.97
    assert claims.accuracy("status") >= 0.92
    assert claims.accuracy("event_date") >= 0.8
    assert result["statements"]["denials"][0] >= 8
    assert result["statements"]["confirmations"][0] >= 7
    assert result["non_claims"] == []


def test_code_passes_lint():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "claimledger", "tests",
                             "benchmarks", "scripts"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
