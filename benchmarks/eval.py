"""Every accuracy measurement in one table, on the tuning and the check part of each data set.

    make eval        (or: .venv/bin/python benchmarks/eval.py [--skip polnear-train,rules,...])

Public data is read from ../shared/data at run time: NewsQuant dev (quantities), PolNeAR dev
and train (attribution), Emergent train headlines (status, through the CLI), FNC-1 bodies
with the project's gold annotations (the whole ledger, through the CLI); the demo corpus is
the project's own. Each data set is split by ``split.part_of`` of its texts: rules are
changed looking at tuning errors only, the check column is read as figures. A check figure
more than 3 points below its tuning twin is marked "!": that is overfitting to fix. The
anchor column gives the check-part aim of each measure the project has one for.
Published figures are shown beside ours where they exist; they were measured on other
splits (NewsQuant's full set, Emergent's test split), so they are anchors, not a contest.

After the table, the rules that fire on tuning data: the per-rule counters of the FNC-1
gold's tuning bodies built alone (``eval_fnc1.tuning_rules``), by family and count, each
rule that fires exactly once marked as a special case to question. No count is taken on
check data: a rule is judged by where it fires on tuning data only.
"""

from __future__ import annotations

import argparse
import time

from eval_answers import evaluate_answers
from eval_copies import evaluate_copies
from eval_demo import evaluate_demo
from eval_emergent import PUBLISHED_ACCURACY, evaluate_emergent
from eval_fnc1 import evaluate_fnc1, rule_lines, tuning_rules
from eval_fnc1 import table_rows as fnc1_rows
from eval_measures import evaluate_measures
from eval_newsquant import PUBLISHED, evaluate_newsquant
from eval_polnear import evaluate_polnear
from split import PARTS

BENCHMARKS = ("newsquant", "polnear-dev", "polnear-train", "emergent", "fnc1", "copies", "measures",
              "answers", "demo")
SECTIONS = (*BENCHMARKS, "rules")  # what --skip can leave out
GAP = 3.0  # points a check figure may trail its tuning twin
# The check-part figures the project aims at.
AIMS = {
    "source overlap F1, all attributions": 80, "source overlap F1, content with a figure": 80,
    "value F1": 94, "value+change F1": 90, "value+unit F1 (exported unit)": 88,
    "figure in attributed content: right source F1": 85, "stance accuracy (CLI export)": 80,
    "denial (against) F1 (CLI export)": 75, "rows precision (complete bodies)": 90,
    "rows recall": 90, "counted accuracy on matched rows": 90,
    "source accuracy on matched rows": 92, "status accuracy on matched rows": 90,
    "denial sentences found": 85, "copy-pair precision": 95, "copy-pair recall": 90,
    "measure pair F1": 85, "denial-link accuracy": 85, "flags justified": 90,
}  # fmt: skip


def _aim(measure: str, anchor: str) -> str:
    if measure not in AIMS:
        return anchor
    return f"aim {AIMS[measure]}" + ("" if anchor == "-" else f"; {anchor}")


def newsquant() -> list[tuple]:
    result = evaluate_newsquant()
    cqe, q3 = PUBLISHED["CQE"], PUBLISHED["quantulum3"]
    rows = []
    for name, label in (("value", "value F1"), ("value+change", "value+change F1"),
                        ("value+unit", "value+unit F1 (exported unit)"),
                        ("value+concept", "value+concept F1 (counted)"),
                        ("value+concept (counted+subject)", "value+concept F1 (counted+subject)")):
        anchor = (f"CQE {cqe[name]:.1f}" + (f", quantulum3 {q3[name]:.1f}" if name in q3 else "")
                  if name in cqe else "-")
        rows.append(("NewsQuant dev", label, _by_part(result, lambda r: r["scores"][name]["f1"]),
                     f"{result['gold']} quantities", anchor))
    return rows


def polnear(split: str) -> list[tuple]:
    result = evaluate_polnear(split)
    rows = []
    for subset, name in (("all", "all attributions"), ("figures", "content with a figure")):
        for measure in ("source exact", "source overlap", "cue exact", "cue overlap"):
            rows.append((f"PolNeAR {split}", f"{measure} F1, {name}",
                         _by_part(result, lambda r: r["scores"][subset][measure]["f1"]),
                         f"{result['articles']} articles", "-"))
    rows.append((f"PolNeAR {split}", "figure in attributed content: right source F1",
                 _by_part(result, lambda r: r["figure source"]["f1"]),
                 f"{result['figure source']['gold']} figures", "-"))
    return rows


def emergent() -> list[tuple]:
    result = evaluate_emergent()
    note = f"{result['headlines']} headlines"
    return [
        ("Emergent train", "stance accuracy (CLI export)", _by_part(result, lambda r: r["accuracy"]),
         note, f"published {100 * PUBLISHED_ACCURACY:.1f} (test split)"),
        ("Emergent train", "denial (against) F1 (CLI export)",
         _by_part(result, lambda r: r["denial"]["f1"]), note, "-"),
    ]


def fnc1() -> list[tuple]:
    result = evaluate_fnc1()
    note = f"{result['bodies']} bodies"
    return [("FNC-1 gold", label, values, note, "-") for label, values, _ in fnc1_rows(result)]


def copies() -> list[tuple]:
    """Copy pairs of the gold stories; split by story (see eval_copies), not by body."""
    result = evaluate_copies()
    note = f"{result['check']['pairs']['gold']} + {result['tuning']['pairs']['gold']} copy pairs"
    return [("FNC-1 copies", f"copy-pair {name}", {part: result[part]["pairs"][name] for part in PARTS},
             note, "-") for name in ("precision", "recall")]


def measures() -> list[tuple]:
    """Pairs of matched figure claims that share a measure; split by story like copies."""
    result = evaluate_measures()
    note = f"{result['check']['gold']} + {result['tuning']['gold']} gold pairs"
    return [("FNC-1 measures", f"measure pair {label}", {part: result[part][name] for part in PARTS},
             note, "-") for name, label in (("precision", "precision"), ("recall", "recall"),
                                            ("f1", "F1"))]


def answers() -> list[tuple]:
    """Denials and confirmations linked to what they address, and flags the gold justifies
    (n/a where a part raises no flag); split by story like copies."""
    result = evaluate_answers()
    links = {part: result[part]["denial links"] for part in PARTS}
    flags = {part: result[part]["flags"] for part in PARTS}
    return [
        ("FNC-1 answers", "denial-link accuracy", {p: links[p]["accuracy"] for p in PARTS},
         f"{links['check']['found']} + {links['tuning']['found']} answers", "-"),
        ("FNC-1 answers", "flags justified", {p: flags[p]["justified"] for p in PARTS},
         f"{flags['check']['flags']} + {flags['tuning']['flags']} flags", "-"),
    ]


def demo() -> list[tuple]:
    result = evaluate_demo()
    rows = [("demo corpus", "figure claims precision",
             _by_part(result, lambda r: r["claims"].precision), "", "-"),
            ("demo corpus", "figure claims recall",
             _by_part(result, lambda r: r["claims"].recall), "", "-")]
    for name in ("counted", "source", "via", "status", "event_date"):
        rows.append(("demo corpus", f"{name} accuracy on matched claims",
                     _by_part(result, lambda r: r["claims"].accuracy(name)), "", "-"))
    for key in ("denials", "confirmations"):
        rows.append(("demo corpus", f"{key} found",
                     _by_part(result, lambda r: _share(r["statements"][key])), "", "-"))
    rows.append(("demo corpus", "non-claims not returned as figures",
                 _by_part(result, lambda r: 1 - _share((len(r["non_claims"]),
                                                        r["non_claims_total"]))),
                 f"{result['non_claims_total']} non-claims", "-"))
    return rows


def _by_part(result: dict, score) -> dict[str, float]:
    return {part: score(result["parts"][part]) for part in PARTS}


def _share(counts: tuple[int, int]) -> float:
    found, total = counts
    return found / total if total else 0.0


COLLECTORS = {"newsquant": newsquant, "polnear-dev": lambda: polnear("dev"),
              "polnear-train": lambda: polnear("train"), "emergent": emergent, "fnc1": fnc1, "copies": copies,
              "measures": measures, "answers": answers, "demo": demo}


def collect(skip=()) -> list[tuple[str, str, str, str, str, str, str]]:
    """(benchmark, measure, tuning, check, gap, n, anchor) rows as printed."""
    rows = []
    for name in BENCHMARKS:
        if name in skip:
            continue
        for benchmark, measure, values, note, anchor in COLLECTORS[name]():
            tuning, check = (None if values[part] is None else 100 * values[part] for part in PARTS)
            rows.append((benchmark, measure, _points(tuning), _points(check), _gap(tuning, check),
                         note, _aim(measure, anchor)))
    return rows


def _points(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _gap(tuning: float | None, check: float | None) -> str:
    if tuning is None or check is None:
        return "-"
    return f"{check - tuning:+.1f}" + (" !" if tuning - check > GAP else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", default="",
                        help=f"Comma-separated parts to leave out: {', '.join(SECTIONS)}.")
    args = parser.parse_args()
    skip = {name.strip() for name in args.skip.split(",") if name.strip()}
    if skip - set(SECTIONS):
        parser.error(f"unknown benchmark(s): {', '.join(sorted(skip - set(SECTIONS)))}")
    started = time.perf_counter()
    rows = collect(skip)
    header = ("benchmark", "measure", "tuning", "check", "check-tuning", "data", "anchor")
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))
    print("Scores in points (percent); the data column counts both parts together.")
    if "rules" not in skip:
        print()
        print("Rules fired on tuning data (FNC-1 gold tuning bodies, build --stats; "
              "check bodies are not counted):")
        print("\n".join(rule_lines(tuning_rules())))
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
