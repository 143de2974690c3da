"""Each number of a parsed sentence: kept as a figure, or dropped, naming what dropped it.

The candidates are read as ``find_quantities`` reads them (``find_figures`` over the token
texts, then the same adjustments: a verb particle is no approximation, a glued "m" may be
metres, "from A to B" under a change verb is two levels); each is then put to the rules of
``NOT_CLAIMS`` in their order, and the first that fires is named. A number no figure
covers is reported too, as not read as a figure, so nothing vanishes from the trace.
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimledger.explain.trace import FigureTrace
from claimledger.extract import quantities
from claimledger.extract.not_claims import NOT_CLAIMS
from claimledger.extract.numbers import Figure, find_figures
from claimledger.extract.quantities import QuantityMention


def figure_traces(sent: Doc, found: list[QuantityMention]) -> list[FigureTrace]:
    """The kept and dropped numbers of the sentence, in order; ``found`` are the figures
    ``find_quantities`` returned for it."""
    kept = {(m.quantity.start, m.quantity.end): m for m in found}
    traces: list[FigureTrace] = []
    covered: set[int] = set()
    for figure in find_figures([token.text for token in sent]):
        covered.update(range(figure.start, figure.end))
        for level in _levels(sent, figure):
            traces.append(_trace(sent, level, kept))
    for token in sent:
        if token.i not in covered and (token.like_num or any(c.isdigit() for c in token.text)):
            traces.append(FigureTrace(token.text, token.idx, token.idx + len(token), kept=False,
                                      rule="numbers", reason="not read as a figure"))
    matched = {(t.start, t.end) for t in traces if t.kept}
    for (start, end), mention in kept.items():
        if (start, end) not in matched:  # a figure the trace did not rebuild: still shown
            traces.append(FigureTrace(mention.quantity.text, start, end, kept=True,
                                      reason=_kept_reason(mention)))
    return sorted(traces, key=lambda t: (t.start, t.end))


def _levels(sent: Doc, figure: Figure) -> tuple[Figure, ...]:
    # The adjustments of find_quantities, called read-only so both read a figure alike.
    adjusted = quantities._as_metres(sent, quantities._without_particle(sent, figure))
    return tuple(quantities._levels(sent, adjusted))


def _trace(sent: Doc, figure: Figure, kept: dict) -> FigureTrace:
    start = sent[figure.start].idx
    last = sent[max(figure.text_end, figure.start + 1) - 1]
    end = last.idx + len(last)
    rule = next((rule.__name__ for rule in NOT_CLAIMS if rule(sent, figure)), None)
    if rule is not None:
        return FigureTrace(sent.text[start:end], start, end, kept=False, rule=rule,
                           reason=(NOT_CLAIMS_DOCS.get(rule) or rule))
    mention = kept.get((start, end)) or kept.get((start, end - 1))
    if mention is None:
        return FigureTrace(sent.text[start:end], start, end, kept=False, rule="quantities",
                           reason="not a quantity the parser attaches to the sentence")
    quantity = mention.quantity
    return FigureTrace(quantity.text, quantity.start, quantity.end, kept=True,
                       reason=_kept_reason(mention))


def _kept_reason(mention: QuantityMention) -> str:
    quantity = mention.quantity
    value = quantity.value if quantity.value is not None else (quantity.low, quantity.high)
    parts = [f"value {value}", f"approx {quantity.approx}"]
    if quantity.unit:
        parts.append(f"unit {quantity.unit}")
    if quantity.trend:
        parts.append(f"trend {quantity.trend}")
    return ", ".join(parts)


def _summary(doc: str | None) -> str:
    return " ".join((doc or "").strip().split("\n\n")[0].split())


# The first paragraph of each rule's docstring: what it drops, in the rule's own words.
NOT_CLAIMS_DOCS = {rule.__name__: _summary(rule.__doc__) for rule in NOT_CLAIMS}
