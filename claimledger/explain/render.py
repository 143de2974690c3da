"""A trace as plain text, one block per sentence, for the terminal."""

from __future__ import annotations

from claimledger.explain.trace import SentenceTrace, Trace
from claimledger.link.measures import KEY_PARTS


def render(trace: Trace, *, parse: bool = True) -> str:
    """The trace as lines of text; ``parse=False`` leaves the token table out."""
    lines = [f"document {trace.doc}  published {trace.published or '?'}  "
             f"outlet {trace.outlet or '?'}"]
    for number, sentence in enumerate(trace.sentences, 1):
        lines.append("")
        lines.extend(render_sentence(sentence, number=number, parse=parse))
    lines.append("")
    lines.append(f"{len(trace.claims)} claims")
    return "\n".join(lines)


def render_sentence(sentence: SentenceTrace, *, number: int = 1, parse: bool = True) -> list[str]:
    lines = [f"[{number}] {sentence.start}-{sentence.end}  {sentence.text}"]
    if not sentence.parsed:
        lines.append("  skipped: no digit, number word or cue (not parsed)")
        return lines
    if sentence.trigger is None:
        lines.append("  parsed for context only: a later sentence's speaker may be named here")
    else:
        lines.append(f"  trigger: {sentence.trigger.form} {sentence.trigger.match!r}")
    if parse:
        lines.append("  parse:")
        lines.extend(f"    {t.i:>3} {t.text:<14} {t.dep:<10} <-{t.head:<3} {t.pos:<6} "
                     f"{t.ent}".rstrip() for t in sentence.parse)
    for figure in sentence.figures:
        if figure.kept:
            lines.append(f"  figure kept: {figure.text!r} ({figure.reason})")
        else:
            lines.append(f"  number dropped: {figure.text!r} by {figure.rule}: {figure.reason}")
    for attribution in sentence.attributions:
        lines.append(f"  attribution: cue {attribution.cue!r} ({attribution.cue_class}); "
                     f"{attribution.resolution}")
    for claim in sentence.claims:
        lines.append(f"  claim {claim.id} {claim.kind} {claim.text!r}")
        lines.append(f"    status {claim.status} by {claim.status_rule}: {claim.status_cause}")
        via = f" via {', '.join(claim.via)}" if claim.via else ""
        lines.append(f"    source {claim.source or '—'}{via}  cue {claim.cue or '—'}")
        if claim.kind == "figure":
            lines.append(f"    counted {claim.counted or '—'}  event {claim.event or '—'}")
            key = (" | ".join(f"{name} {part or '-'}" for name, part
                              in zip(KEY_PARTS, claim.measure_key)) if claim.measure_key
                   else "none (nothing counted)")
            lines.append(f"    measure {claim.measure or '—'}  key {key}")
    return lines
