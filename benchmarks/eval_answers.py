"""Denials and confirmations linked to what they address, and the flags the gold justifies,
on real FNC-1 stories (benchmarks/gold/fnc1/story-*.jsonl, copies.jsonl).

    .venv/bin/python benchmarks/eval_answers.py [--details]

The story files' bodies are saved as .txt files and built through the CLI (``claimledger
build``, ``export claims --extra``, ``export measures``), as a user would; each exported claim
is placed back in its raw body as eval_fnc1.py does. Parts are whole stories, as in
eval_copies.py: story-a and story-c are tuning, story-b and story-d check. ``--details``
prints the errors of the tuning stories alone.

- denial links: the gold denials and confirmations (any polarity) that the ledger found,
  that is, with a claim of kind denial or confirmation overlapping the gold sentence. A
  found one is linked right when
  - its gold ``addresses`` is the measure id of a gold figure of its story: some
    overlapping claim's measure holds a figure matched to a gold figure of that measure, and
    no overlapping claim's measure holds none;
  - it addresses another matter (an event, a deal, a person's role): no overlapping claim is
    in a measure at all (every measure groups figures, so any measure would be one the
    statement does not address).
  Gold ones the ledger did not find are counted apart (``not found``): extraction recall
  is eval_fnc1.py's business. ``polarity`` is the share of found ones whose claim has the
  gold polarity.
- flags justified: every disagreement, revision and denied flag of a measure holding a
  claim of these bodies. A figure claim maps to the gold figure it matches (span overlap and
  value, one to one per body, eval_fnc1's matching); a denial or confirmation to the gold
  statement it overlaps. A flag is justified when its figure claims all map to gold
  figures of one gold measure M and
  - denied: one of its statement claims maps to a gold denial addressing M, or one of its
    figures is a gold figure of status denied;
  - disagreement: two of its figures, of different gold sources and of bodies that the gold
    does not judge copies of each other, have gold values whose intervals (open ends as the
    gold gives them) do not meet when widened by the measure spread of the default settings;
  - revision: two of its figures of one gold source, both dated (the FNC-1 bodies carry no
    dates, so no revision on them can be justified), with different gold values.
  The share is None when the ledger raises no such flag on a part. Flags of a measure
  holding a claim of a story whose statements are not annotated (records with
  ``complete: false``, such as story-e) are not judged: its denials are unknown.

No gold denial or confirmation of the four stories addresses a figure's measure (they deny
a deal, talks, a role, a video's authenticity), so on them denial-link accuracy measures
the second case alone, and no denied flag can be justified but by a figure the gold marks
denied (none is).
"""

from __future__ import annotations

import argparse
from collections import Counter

from eval_copies import PART_OF_STORY, POSITIVE, load_pairs
from eval_fnc1 import GOLD, _overlaps, _same_row, body_texts, built_gold, load_gold
from eval_fnc1 import Row
from scoring import matching, same_source

from claimledger.settings import Settings

PARTS = ("tuning", "check")
ANSWERS = ("denial", "confirmation")
JUDGED = ("disagreement", "revision", "denied")


class Gold:
    """Where each exported claim lands in the gold: figures by matching, statements by span."""

    def __init__(self, records: list[dict], rows: dict[int, list[Row]]) -> None:
        self.story = {r["body_id"]: r["story"] for r in records}
        self.figure_of: dict[str, dict] = {}  # claim id -> gold figure (with its body)
        self.statements_of: dict[str, list[dict]] = {}  # claim id -> overlapping gold statements
        self.claims: dict[str, dict] = {}
        self.body_of: dict[str, int] = {}
        for record in records:
            body = record["body_id"]
            figures = [row for row in rows[body] if row.claim["kind"] == "figure"]
            gold = [dict(f, body=body) for f in record["figures"]]
            for g, p in matching(figures, gold, _same_row).items():
                self.figure_of[figures[p].claim["id"]] = gold[g]
            for row in rows[body]:
                self.claims[row.claim["id"]] = row.claim
                self.body_of[row.claim["id"]] = body
                if row.claim["kind"] != "figure":
                    self.statements_of[row.claim["id"]] = [
                        dict(s, body=body) for s in record["statements"] if _overlaps(row.span, s)]
        self.measures_of_story: dict[str, set[str]] = {}
        for record in records:
            self.measures_of_story.setdefault(record["story"], set()).update(
                f["measure"] for f in record["figures"])
        self.copies = {frozenset((p["body_a"], p["body_b"])) for p in load_pairs()
                       if p["relation"] in POSITIVE}


def denial_links(records: list[dict], rows: dict[int, list[Row]], gold: Gold,
                 measure_figures: dict[str, set[str]], tally: dict[str, Counter], wrong: list) -> None:
    """Score each gold denial or confirmation (see the module docstring)."""
    for record in records:
        part = PART_OF_STORY[record["story"]]
        for statement in (s for s in record["statements"] if s["kind"] in ANSWERS):
            counts = tally[part]
            counts["gold"] += 1
            found = [row.claim for row in rows[record["body_id"]]
                     if row.claim["kind"] in ANSWERS and _overlaps(row.span, statement)]
            if not found:
                counts["not found"] += 1
                continue
            counts["found"] += 1
            counts["polarity"] += any(c.get("polarity") == statement["polarity"] for c in found)
            addressed = statement["addresses"]
            if addressed in gold.measures_of_story[record["story"]]:
                counts["about a figure"] += 1
                right = [c for c in found if _holds(measure_figures, c["measure"], addressed, gold)]
                ok = bool(right) and all(c["measure"] is None or c in right for c in found)
            else:
                ok = all(c["measure"] is None for c in found)
            counts["right"] += ok
            if not ok:
                wrong.append((part, "link", record["body_id"], statement,
                              [(c["id"], c["measure"]) for c in found]))


def _holds(measure_figures: dict[str, set[str]], measure: str | None, wanted: str, gold: Gold) -> bool:
    return measure is not None and any(
        gold.figure_of.get(cid, {}).get("measure") == wanted for cid in measure_figures.get(measure, ()))


def _in_stories(measure: dict, gold: Gold, stories: set[str]) -> bool:
    return any(gold.story[gold.body_of[c]] in stories for c in measure["claims"] if c in gold.claims)


def judge_flags(measures: list[dict], gold: Gold, spread: float, tally: dict[str, Counter],
                wrong: list) -> None:
    """Score each disagreement, revision and denied flag (see the module docstring)."""
    for measure in measures:
        members = [c for c in measure["claims"] if c in gold.claims]
        if not members:
            continue
        part = PART_OF_STORY[gold.story[gold.body_of[members[0]]]]
        for flag in measure["flags"]:
            if flag["flag"] not in JUDGED:
                continue
            ok, why = _justified(flag, gold, spread)
            tally[part][flag["flag"]] += 1
            tally[part][f"{flag['flag']} justified"] += ok
            tally[part]["flags"] += 1
            tally[part]["justified"] += ok
            if not ok:
                wrong.append((part, "flag", measure["label"], flag, why))


def _justified(flag: dict, gold: Gold, spread: float) -> tuple[bool, str]:
    claims = [gold.claims[c] for c in flag["claims"] if c in gold.claims]
    figures = [c for c in claims if c["kind"] == "figure"]
    mapped = [gold.figure_of.get(c["id"]) for c in figures]
    if None in mapped:
        return False, "a figure of the flag is no gold figure"
    measures = {g["measure"] for g in mapped}
    if len(measures) != 1:
        return False, f"figures of {len(measures)} gold measures: {sorted(measures)}"
    (measure,) = measures
    if flag["flag"] == "denied":
        statements = [s for c in claims if c["kind"] != "figure" for s in gold.statements_of.get(c["id"], [])]
        if any(s["kind"] == "denial" and s["addresses"] == measure for s in statements) or any(
                g["status"] == "denied" for g in mapped):
            return True, ""
        return False, "no gold denial addresses " + measure + " (" + ", ".join(
            sorted({s["addresses"] for s in statements})) + ")"
    pairs = [(a, b) for i, a in enumerate(mapped) for b in mapped[i + 1:]]
    if flag["flag"] == "disagreement":
        for a, b in pairs:
            independent = not same_source(a["source"], b["source"]) and (
                a["body"] == b["body"] or frozenset((a["body"], b["body"])) not in gold.copies)
            if independent:
                if not _meet(_interval(a, spread), _interval(b, spread)):
                    return True, ""
        return False, "no independent gold figures apart beyond the spread"
    return False, "the gold bodies carry no dates"  # revision: see the module docstring


def _interval(figure: dict, spread: float) -> tuple[float, float]:
    value, low, high = figure["value"], figure["low"], figure["high"]
    if low is None and high is None:
        low = high = value
    elif high is None:
        high = float("inf")
    elif low is None:
        low = 0.0
    return low * (1 - spread / 2), high * (1 + spread / 2)


def _meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def evaluate_answers(*, details: bool = False) -> dict[str, dict]:
    """Denial-link accuracy and the share of flags justified, for the tuning and check part."""
    bodies = body_texts()
    records = load_gold(GOLD, bodies)
    rows, measures = built_gold({r["body_id"]: bodies[r["body_id"]] for r in records})
    gold = Gold(records, rows)
    measure_figures: dict[str, set[str]] = {}
    for claim in gold.claims.values():
        if claim["kind"] == "figure" and claim["measure"]:
            measure_figures.setdefault(claim["measure"], set()).add(claim["id"])
    links = {part: Counter() for part in PARTS}
    flags = {part: Counter() for part in PARTS}
    wrong: list = []
    denial_links(records, rows, gold, measure_figures, links, wrong)
    # a story whose statements are not annotated (complete: false) cannot justify a flag
    unjudged = {r["story"] for r in records if not r.get("complete")}
    judge_flags([m for m in measures if not _in_stories(m, gold, unjudged)], gold,
                Settings().measure_spread, flags, wrong)
    if details:
        _print_details([w for w in wrong if w[0] == "tuning"], gold)
    return {part: _scores(links[part], flags[part]) for part in PARTS}


def _scores(links: Counter, flags: Counter) -> dict:
    found = links["found"]
    return {
        "denial links": {"accuracy": links["right"] / found if found else 0.0,
                         "right": links["right"], "found": found, "gold": links["gold"],
                         "not found": links["not found"], "about a figure": links["about a figure"],
                         "polarity": links["polarity"] / found if found else 0.0},
        "flags": {"justified": flags["justified"] / flags["flags"] if flags["flags"] else None,
                  "flags": flags["flags"],
                  **{kind: {"flags": flags[kind], "justified": flags[f"{kind} justified"]}
                     for kind in JUDGED}},
    }


def _print_details(wrong: list, gold: Gold) -> None:
    for _, what, *rest in wrong:
        if what == "link":
            body, statement, found = rest
            print(f"  LINK body {body} {statement['start']}-{statement['end']} {statement['kind']} "
                  f"addresses {statement['addresses']!r}: ours {found}")
        else:
            label, flag, why = rest
            named = [f"{c}@{gold.body_of.get(c)}" for c in flag["claims"]]
            print(f"  FLAG {flag['flag']} on {label!r}: {why}\n       claims {named}\n       note {flag['note']!r}")


def _share(value: float | None) -> str:
    return "n/a (no flag)" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="errors of the tuning stories")
    args = parser.parse_args()
    for part, result in evaluate_answers(details=args.details).items():
        links, flags = result["denial links"], result["flags"]
        print(f"{part:7} denial links right {links['accuracy']:.3f} ({links['right']} of "
              f"{links['found']} found, {links['gold']} gold, {links['about a figure']} about a "
              f"figure) polarity {links['polarity']:.3f} · flags justified {_share(flags['justified'])} ("
              + ", ".join(f"{kind} {flags[kind]['justified']}/{flags[kind]['flags']}" for kind in JUDGED)
              + ")")


if __name__ == "__main__":
    main()
