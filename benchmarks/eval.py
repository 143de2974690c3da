"""Every accuracy measurement in one table: quantities, attribution, status, demo claims.

    make eval        (or: .venv/bin/python benchmarks/eval.py)

Public data is read from ../shared/data at run time: NewsQuant dev (quantities), PolNeAR
dev (attribution), Emergent train headlines (status); the demo corpus is the project's own.
Published figures are shown beside ours where they exist; they were measured on other
splits (NewsQuant's full set, Emergent's test split), so they are anchors, not a contest.
"""

from __future__ import annotations

import time

from eval_demo import evaluate_demo
from eval_emergent import PUBLISHED_ACCURACY, evaluate_emergent
from eval_newsquant import PUBLISHED, evaluate_newsquant
from eval_polnear import evaluate_polnear


def collect() -> list[tuple[str, str, str, str]]:
    """(benchmark, measure, ours, anchor) rows."""
    rows = []
    quantities = evaluate_newsquant()
    scores, cqe, q3 = quantities["scores"], PUBLISHED["CQE"], PUBLISHED["quantulum3"]
    for name, label in (("value", "value F1"), ("value+change", "value+change F1"),
                        ("value+unit", "value+unit F1"), ("value+concept", "value+concept F1 (counted)")):
        anchor = f"CQE {cqe[name]:.1f}" + (f", quantulum3 {q3[name]:.1f}" if name in q3 else "")
        rows.append(("NewsQuant dev", label, f"{100 * scores[name]['f1']:.1f}", anchor))
    rows.append(("NewsQuant dev", "value+concept F1 (counted+subject)",
                 f"{100 * scores['value+concept (counted+subject)']['f1']:.1f}", "-"))
    attribution = evaluate_polnear("dev")["scores"]
    for subset, name in (("all", "all attributions"), ("figures", "content with a figure")):
        for measure in ("source exact", "source overlap", "cue exact", "cue overlap"):
            anchor = "aim 0.80" if measure == "source overlap" else "-"
            rows.append(("PolNeAR dev", f"{measure} F1, {name}",
                         f"{attribution[subset][measure]['f1']:.3f}", anchor))
    status = evaluate_emergent()
    rows.append(("Emergent train", "headline status accuracy", f"{100 * status['accuracy']:.1f}%",
                 f"{100 * PUBLISHED_ACCURACY:.1f}% (test split)"))
    demo = evaluate_demo()
    claims = demo["claims"]
    rows.append(("demo corpus", "figure claims precision / recall",
                 f"{claims.precision:.3f} / {claims.recall:.3f}", "-"))
    for name in ("counted", "source", "via", "status", "event_date"):
        rows.append(("demo corpus", f"{name} accuracy on matched claims", f"{claims.accuracy(name):.3f}", "-"))
    found, total = demo["statements"]["denials"]
    rows.append(("demo corpus", "denials found", f"{found}/{total}", "-"))
    rows.append(("demo corpus", "non-claims returned as figures",
                 f"{len(demo['non_claims'])}/{demo['non_claims_total']}", "-"))
    return rows


def main() -> None:
    started = time.perf_counter()
    rows = collect()
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    header = ("benchmark", "measure", "ours", "anchor")
    widths = [max(w, len(h)) for w, h in zip(widths, header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
