"""Quotes in a document: where they are, and who speaks each, so that a sentence that only
continues a quote gets its speaker, named before it or right after it closes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from claimledger.extract import lexicons as lex
from claimledger.extract.attribution.records import Entity

_QUOTE_MARK = re.compile(r"[“”\"\n]")
# A speaker named right after a closing quote: '..." she said.', '..." said Ilsa Marrek, ...',
# '...” ― Sonya Herridge'.
_TAIL_VERBS = "|".join(lex.QUOTE_TAIL_VERBS)
_TAIL_BEFORE = re.compile(
    r"^[ \t]*,?[ \t]*(?P<source>[^\s,.!?“”\"―—][^,.!?“”\"\n]{0,60}?)"
    rf"[ \t]+(?P<verb>{_TAIL_VERBS})\b"
)
_TAIL_AFTER = re.compile(
    rf"^[ \t]*,?[ \t]*(?P<verb>{_TAIL_VERBS})[ \t]+(?P<source>[^,.!?“”\"\n]{{1,60}})"
)
_TAIL_DASH = re.compile(
    r"^[ \t]*[―—–][ \t]*(?P<source>[A-Z][^\n.!?“”\"]{1,60}?)[ \t]*$", re.MULTILINE
)

Speaker = tuple[Entity, str | None]  # who speaks a quote, and by which cue


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside double quotes. A quote left open runs to the end of its line,
    as a quote that goes on in the next paragraph does."""
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    straight = False
    for match in _QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        if mark == "\n":
            if opened is not None:
                regions.append((opened, at))
                opened = None
        elif mark == "“" or (mark == '"' and opened is None):
            if opened is not None and mark == "“":
                regions.append((opened, at))
            opened, straight = at + 1, mark == '"'
        elif opened is not None and (mark == "”" or straight):
            regions.append((opened, at))
            opened = None
    if opened is not None:
        regions.append((opened, len(text)))
    return regions


class Quotes:
    """The quote regions of one document, the speaker known for each, and the last quote
    whose speaker was known (with where its sentence ended)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.regions = quote_regions(text)
        self._starts = [start for start, _ in self.regions]
        self.speakers: dict[int, Speaker] = {}
        self.last: tuple[Entity, str | None, int] | None = None

    def between(self, first: int, last: int) -> list[int]:
        """Indices of the quote regions that overlap [first, last)."""
        index = max(0, bisect.bisect_right(self._starts, first) - 1)
        found = []
        while index < len(self.regions) and self.regions[index][0] < last:
            if self.regions[index][1] > first:
                found.append(index)
            index += 1
        return found

    def note(self, regions: list[int], speaker: Speaker, end: int) -> None:
        """Give these regions a speaker unless they have one; it is the last one known."""
        for index in regions:
            self.speakers.setdefault(index, speaker)
        if regions:
            self.last = (*speaker, end)

    def speaker_at(self, offset: int) -> Entity | None:
        """The known speaker of the quote around a character offset of the document."""
        for index in self.between(offset, offset + 1):
            if index in self.speakers:
                return self.speakers[index][0]
        return None

    def tails(self, region: int) -> Iterator[tuple[str, str | None]]:
        """Who may be named right after a quote closes, in a sentence not read yet ('..." she
        said.', '..." said Ilsa Marrek.', '...” ― Sonya Herridge'): (the text, its cue)."""
        close = self.regions[region][1]
        tail = self.text[close + 1:close + 160]
        for pattern in (_TAIL_BEFORE, _TAIL_AFTER, _TAIL_DASH):
            match = pattern.match(tail)
            if match is not None:
                verb = match.groupdict().get("verb")
                cue = lex.QUOTE_TAIL_VERBS.get(verb) if verb else None
                yield match.group("source").strip(), cue
