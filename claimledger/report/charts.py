"""Inline SVG charts: a measure's values over time, one colour per source.

Hand-written SVG keeps the report one self-contained file that renders offline, prints,
and needs no plotting library. Each independent origin is a mark (copies folded into it
make the mark larger); a range ("between 15,000 and 20,000") is a vertical bar, an open
figure ("at least 12,000", "up to 400") a bar with an arrow, a vague amount a dashed bar.
Figures spanning more than two orders of magnitude use a logarithmic axis. Every text
that comes from an article is escaped.
"""

from __future__ import annotations

import math
from datetime import date

from markupsafe import escape

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#7f7f7f", "#bcbd22")
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 70, 170, 16, 36


def source_colours(sources: list[str]) -> dict[str, str]:
    return {source: PALETTE[i % len(PALETTE)] for i, source in enumerate(sources)}


def _bounds(entry: dict) -> tuple[float | None, float | None]:
    low, high, value = entry.get("low"), entry.get("high"), entry.get("value")
    return (low if low is not None else value), (high if high is not None else value)


def timeline_svg(entries: list[dict], *, title: str, unit: str | None = None) -> str:
    """An SVG chart of timeline entries (date, source, value/low/high, approx, copies)."""
    dated = [e for e in entries if e.get("date") and any(v is not None for v in _bounds(e))]
    if not dated:
        return ""
    days = [date.fromisoformat(e["date"][:10]) for e in dated]
    first, last = min(days), max(days)
    span = max(1, (last - first).days)
    numbers = [v for e in dated for v in _bounds(e) if v is not None and v > 0]
    low_value, high_value = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
    logarithmic = low_value > 0 and high_value / low_value > 100
    scale = _log_scale if logarithmic else _linear_scale
    y_of, ticks = scale(low_value, high_value)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(day: date) -> float:
        return LEFT + (day - first).days / span * plot_w if span else LEFT + plot_w / 2

    def y_px(value: float) -> float:
        return TOP + plot_h * (1 - y_of(value))

    sources = sorted({e.get("source") or "outlet itself" for e in dated})
    colours = source_colours(sources)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" class="axis"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" class="axis"/>',
    ]
    for value in ticks:
        y = y_px(value)
        parts.append(f'<line x1="{LEFT - 4}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">{_short(value)}</text>')
    for day in sorted(set(days)) if len(set(days)) <= 8 else [first, last]:
        parts.append(f'<text x="{x_of(day):.1f}" y="{HEIGHT - 14}" class="tick" text-anchor="middle">'
                     f'{day.strftime("%d %b")}</text>')
    for entry, day in zip(dated, days):
        parts.append(_mark(entry, x_of(day), y_px, colours[entry.get("source") or "outlet itself"],
                           top=TOP, bottom=TOP + plot_h))
    for i, source in enumerate(sources):
        y = TOP + 8 + i * 16
        parts.append(f'<circle cx="{WIDTH - RIGHT + 14}" cy="{y}" r="5" fill="{colours[source]}"/>')
        parts.append(f'<text x="{WIDTH - RIGHT + 24}" y="{y + 4}" class="legend">{escape(_clip(source, 24))}</text>')
    if unit:
        parts.append(f'<text x="6" y="{TOP + 10}" class="tick">{escape(unit)}</text>')
    if logarithmic:
        parts.append(f'<text x="{LEFT + 4}" y="{TOP + 10}" class="tick">log scale</text>')
    parts.append("</svg>")
    return "".join(parts)


def _mark(entry: dict, x: float, y_px, colour: str, *, top: float, bottom: float) -> str:
    low, high = _bounds(entry)
    approx = entry.get("approx")
    copies = len(entry.get("copies") or [])
    radius = 4 + min(6, 1.5 * copies)
    tip = escape(f"{entry.get('source') or 'outlet itself'}, {entry.get('date')}: "
                 f"{_describe(entry)}" + (f" (+{copies} copies)" if copies else ""))
    pieces = [f'<g class="mark" data-claim="{escape(entry.get("claim", ""))}"><title>{tip}</title>']
    dash = ' stroke-dasharray="3 2"' if approx == "vague" else ""
    if low is not None and high is not None and low != high:
        pieces.append(f'<line x1="{x:.1f}" y1="{y_px(low):.1f}" x2="{x:.1f}" y2="{y_px(high):.1f}" '
                      f'stroke="{colour}" stroke-width="4"{dash}/>')
    elif approx == "at_least" and low is not None:
        y = y_px(low)
        pieces.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{max(top, y - 24):.1f}" '
                      f'stroke="{colour}" stroke-width="2"/>')
        pieces.append(_arrow(x, max(top, y - 24), colour, up=True))
    elif approx in ("up_to", "at_most") and high is not None:
        y = y_px(high)
        pieces.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{min(bottom, y + 24):.1f}" '
                      f'stroke="{colour}" stroke-width="2"/>')
        pieces.append(_arrow(x, min(bottom, y + 24), colour, up=False))
    point = entry.get("value") if entry.get("value") is not None else (low if low is not None else high)
    if point is not None:
        fill = "white" if entry.get("status") in ("speculative", "claimed") else colour
        pieces.append(f'<circle cx="{x:.1f}" cy="{y_px(point):.1f}" r="{radius:.1f}" fill="{fill}" '
                      f'stroke="{colour}" stroke-width="2"/>')
    pieces.append("</g>")
    return "".join(pieces)


def _arrow(x: float, y: float, colour: str, *, up: bool) -> str:
    tip = -6 if up else 6
    return (f'<path d="M{x - 4:.1f},{y:.1f} L{x:.1f},{y + tip:.1f} L{x + 4:.1f},{y:.1f} Z" '
            f'fill="{colour}"/>')


def _describe(entry: dict) -> str:
    low, high = _bounds(entry)
    approx = entry.get("approx")
    if approx == "range" or (low is not None and high is not None and low != high):
        return f"{_short(low)}–{_short(high)}"
    if approx == "at_least":
        return f"at least {_short(low)}"
    if approx in ("up_to", "at_most"):
        return f"up to {_short(high)}"
    value = entry.get("value")
    return ("about " if approx == "about" else "") + (_short(value) if value is not None else "?")


def _linear_scale(low: float, high: float):
    step = _nice(high * 1.1 / 5) if high > 0 else 0.2
    top = step * math.ceil(high * 1.05 / step) if high > 0 else 1.0
    ticks = [step * i for i in range(int(round(top / step)) + 1)]
    return (lambda v: max(0.0, min(1.0, v / top))), ticks


def _log_scale(low: float, high: float):
    lo, hi = math.floor(math.log10(low)), math.ceil(math.log10(high))
    hi = hi if hi > lo else lo + 1
    ticks = [10.0**k for k in range(lo, hi + 1)]
    return (lambda v: (math.log10(max(v, 10.0**lo)) - lo) / (hi - lo)), ticks


def _nice(value: float) -> float:
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _short(value: float | None) -> str:
    if value is None:
        return "?"
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            number = value / size
            return f"{number:.1f}".rstrip("0").rstrip(".") + suffix
    return f"{value:g}"


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
