"""Quality gates: scores on the check part of public data (../shared/data), on the project's
FNC-1 gold and on the demo corpus may not drop below the minimums reached when they were
pinned. A change that lowers one fails here.

The measurements are the same code as `make eval` (benchmarks/eval_*.py). The check parts
(benchmarks/split.py) are pinned: rules are changed looking at tuning errors only.
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

    scores = evaluate_newsquant()["parts"]["check"]["scores"]
    assert scores["value"]["f1"] >= 0.86
    assert scores["value+change"]["f1"] >= 0.78
    assert scores["value+unit"]["f1"] >= 0.81
    assert scores["value+concept"]["f1"] >= 0.41


@pytest.mark.slow
def test_polnear_attribution():
    shared_data("polnear", "dev")
    from eval_polnear import evaluate_polnear

    check = evaluate_polnear("dev")["parts"]["check"]
    scores = check["scores"]
    assert scores["all"]["source overlap"]["f1"] >= 0.72
    assert scores["figures"]["source overlap"]["f1"] >= 0.80
    assert scores["all"]["cue overlap"]["f1"] >= 0.71
    assert scores["figures"]["source exact"]["f1"] >= 0.75
    assert check["figure source"]["f1"] >= 0.71


@pytest.mark.slow
def test_emergent_headline_stance_through_the_cli():
    shared_data("emergent", "train.csv")
    from eval_emergent import evaluate_emergent

    check = evaluate_emergent()["parts"]["check"]
    assert check["accuracy"] >= 0.73
    assert check["denial"]["f1"] >= 0.76


@pytest.mark.slow
def test_fnc1_gold_ledger():
    shared_data("fnc1", "train_bodies.csv")
    from eval_fnc1 import evaluate_fnc1

    check = evaluate_fnc1()["parts"]["check"]
    assert check["rows"]["precision"] >= 0.91 and check["rows"]["recall"] >= 0.89
    # counted and status were pinned at 0.85 and 0.82 on the 66 bodies of stories a-d; the
    # gold now also holds story-e's figures (16 bodies, half of them in the check part), on
    # which the same code reached 0.826 and 0.813 before this pinning
    assert check["fields"]["counted"] >= 0.82
    assert check["fields"]["source"] >= 0.76
    assert check["fields"]["status"] >= 0.81
    assert check["denials"]["recall"] >= 0.58
    assert check["statements"]["allegation"]["recall"] >= 0.52


@pytest.mark.slow
def test_fnc1_copy_pairs():
    shared_data("fnc1", "train_bodies.csv")
    from eval_copies import evaluate_copies

    pairs = evaluate_copies()["check"]["pairs"]
    assert pairs["precision"] >= 0.95 and pairs["recall"] >= 0.75


@pytest.mark.slow
def test_fnc1_measures_and_answers():
    shared_data("fnc1", "train_bodies.csv")
    from eval_answers import evaluate_answers
    from eval_measures import evaluate_measures

    assert evaluate_measures()["check"]["f1"] >= 0.53
    assert evaluate_answers()["check"]["denial links"]["accuracy"] >= 0.91


def test_fnc1_gold_files_are_valid():
    shared_data("fnc1", "train_bodies.csv")
    from eval_fnc1 import GOLD, body_texts, load_gold

    load_gold(GOLD, body_texts())


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
    check = result["parts"]["check"]["claims"]
    assert check.precision >= 0.97 and check.recall >= 0.97
    assert check.accuracy("source") >= 0.85 and check.accuracy("status") >= 0.95


def test_code_passes_lint():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "claimledger", "tests",
                             "benchmarks", "scripts"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
