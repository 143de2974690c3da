"""How a source as written became the document's source: the rule that named it, by the
name the per-rule counters ("source: ...") and the explain trace both print.

Told from the mention itself, after the document's sources are named: the source as
written against the name the document gives it (a pronoun, a role or short form, a name,
or a quote's speaker); a mention with no named source is the outlet's or nobody's.
"""

from __future__ import annotations

from claimledger.extract.attribution.records import AttributionMention
from claimledger.extract.lexicons import SPEAKER_PRONOUNS

RESOLUTIONS = {
    "quote continued": "continues a quote: its speaker",
    "pronoun unresolved": "a pronoun with no one named before it",
    "outlet or nobody": "the words name no source (the outlet or nobody)",
    "no source": "no source named",
    "named": "named as written",
    "pronoun resolved": "a pronoun resolved to the person or body named before it",
    "role or short form resolved": "a role or short form resolved to the source it stands for",
    "name resolved": "a name resolved to the document's fuller name for it",
}
PRONOUNS = SPEAKER_PRONOUNS | {"he", "she", "it", "they", "we", "i", "his", "her", "their"}
_DETERMINERS = frozenset({"the", "a", "an"})
_ROLE_OPENERS = frozenset({"the", "a", "an", "its", "his", "her", "their"})


def resolution_rule(mention: AttributionMention) -> str:
    """The name, in ``RESOLUTIONS``, of how the mention's source was reached."""
    written, named = mention.mention, mention.source
    if mention.cue_span is None and mention.cue != ":":
        return "quote continued"
    if named is None and written and written.lower() in PRONOUNS:
        return "pronoun unresolved"
    if named is None:
        return "outlet or nobody" if written else "no source"
    if written is None or _bare(written) == named.lower():
        return "named"
    if written.lower() in PRONOUNS:
        return "pronoun resolved"
    if written.split()[0].lower() in _ROLE_OPENERS:
        return "role or short form resolved"
    return "name resolved"


def _bare(written: str) -> str:
    """The words as written without a leading determiner, lower-case: "The ministry" is
    the source "ministry" named, not resolved."""
    words = written.lower().split()
    return " ".join(words[1:] if words[:1] and words[0] in _DETERMINERS else words)
