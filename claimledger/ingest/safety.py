"""Keep one hostile input from stopping or stalling a batch.

Everything a reader yields passes through ``storable``: lone surrogates (from JSON escapes
or from file names that are not valid UTF-8) become U+FFFD, which every encoder and the
store accept. Text is bounded before cleaning and parsing (``bounded_text``), whose pattern
matching and tokenizer slow down badly on endless runs without a space or without a line
break; markup is bounded before lxml parses it (``bounded_markup``): elements with
thousands of attributes cost libxml2 quadratic time. An unexpected error while reading one
record of a container becomes that record's coded rejection (``guarded``), and the rest of
the file is still read.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import islice
from typing import TypeVar

from claimledger.errors import Errors, InputRejected
from claimledger.model import Rejection, Skipped
from claimledger.nlp import sentence_spans
from claimledger.settings import Settings

_Read = TypeVar("_Read")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_DETAIL_CHARS = 300
# Where a long line may break: the end of a run of end marks (possessive, from the run's
# start: linear on a line of dots).
_SENTENCE_STOP = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*+(?=\s|$)")


def error_detail(error: BaseException) -> str:
    """An exception as one short line: its type and the start of its message."""
    detail = f"{type(error).__name__}: {error}".strip().rstrip(":")
    if len(detail) > _DETAIL_CHARS:  # messages can quote the whole hostile input
        detail = detail[:_DETAIL_CHARS] + "…"
    return storable(detail)


def internal_error(stage: str, error: BaseException) -> str:
    """The E021 reason for an unexpected error in a stage."""
    return Errors.E021.format(stage=stage, detail=error_detail(error))


def guarded(path: str, where: str | None, read: Callable[[], _Read]) -> _Read | Rejection:
    """``read()`` for one record of a container (``where``: which one, or None for the
    whole file); any failure is that record's rejection."""
    try:
        return read()
    except InputRejected as error:
        return Rejection(path, error.code, error.reason, where)
    except Exception as error:  # a bug or a library failure on one record: the file goes on
        return Rejection(path, "E021", internal_error("read", error), where)


def storable(text: str) -> str:
    """The text with every lone surrogate replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def storable_report(item: Rejection | Skipped) -> Rejection | Skipped:
    """A rejected or skipped input with its path, reason and record storable."""
    path, reason = storable(item.path), storable(item.reason)
    if isinstance(item, Skipped):
        return dataclasses.replace(item, path=path, reason=reason)
    record = storable(item.record) if item.record else item.record
    return dataclasses.replace(item, path=path, reason=reason, record=record)


def storable_json(value: object, text: str) -> object:
    """A parsed JSON value with lone surrogates replaced; ``text`` is the JSON it was parsed
    from, in which they can only be written as escapes (``\\ud800``)."""
    if not _SURROGATE_ESCAPE.search(text):
        return value
    return json.loads(storable(json.dumps(value, ensure_ascii=False)))


def bounded_text(text: str, *, max_token: int, max_line: int) -> str:
    """The text with runs without a space cut to ``max_token`` characters and lines longer
    than ``max_line`` broken at a sentence end, else at a space (linear time)."""
    text = _long_run(max_token).sub(lambda match: match.group()[:max_token], text)
    return _long_line(max_line).sub(lambda match: _wrap(match.group(), max_line), text)


def first_sentences(text: str, limit: int) -> tuple[str, int]:
    """The text up to the end of the line that holds its ``limit``-th sentence, and how
    many sentences it has.

    The sentences within the limit are the splitter's own (so the stages after reading see
    the sentences the limit counted); those past it are only counted, by their end marks and
    lines, ten times faster on a document of megabytes (an abbreviation counts as an end).
    """
    last = next(islice(sentence_spans(text), limit - 1, None), None)
    if last is None:
        return text, sum(1 for _ in sentence_spans(text))
    line_end = text.find("\n", last[1])
    rest = 0 if line_end < 0 else _rough_count(text, line_end)
    rest += sum(1 for _ in sentence_spans(text[last[1]:line_end if line_end >= 0 else None]))
    if not rest:
        return text, limit
    return (text if line_end < 0 else text[:line_end]), limit + rest


def _rough_count(text: str, start: int) -> int:
    """Sentences from ``start`` on: ends of sentences before a capital, plus lines."""
    ends = sum(1 for _ in _SENTENCE_BOUNDARY.finditer(text, start))
    return ends + sum(1 for _ in _TEXT_LINE.finditer(text, start))


_SENTENCE_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*+(?=[ \t]+[\"“‘'(\[]?[A-Z0-9])")
_TEXT_LINE = re.compile(r"^[ \t]*\S", re.MULTILINE)


@lru_cache(maxsize=8)
def _long_run(limit: int) -> re.Pattern:
    # Anchored at the start of a run, so each run is scanned once: linear in the text.
    return re.compile(r"(?<!\S)\S{%d,}" % (limit + 1))


@lru_cache(maxsize=8)
def _long_line(limit: int) -> re.Pattern:
    return re.compile(r"(?<![^\n])[^\n]{%d,}" % (limit + 1))


def _wrap(line: str, limit: int) -> str:
    """A long line as lines of at most ``limit`` characters: breaking at a sentence end keeps
    sentences whole (they never cross a line); a space only keeps words whole."""
    pieces, start = [], 0
    while len(line) - start > limit:
        window = line[start : start + limit + 1]
        ends = [end for match in _SENTENCE_STOP.finditer(window, limit // 2)
                if (end := match.end()) < len(window)]
        cut = ends[-1] if ends else max(window.rfind(" "), window.rfind("\t"))
        if cut <= 0:
            pieces.append(line[start : start + limit])
            start += limit
            continue
        pieces.append(line[start : start + cut])
        start += cut + 1  # the space at the break becomes the line break
    pieces.append(line[start:])
    return "\n".join(pieces)


_START_TAG = re.compile(r"<[A-Za-z][^<>]*")
_ATTRIBUTE = re.compile(r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?""")
_TAG_NAME = re.compile(r"<[A-Za-z][^\s/<>]*")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^<>]*?(/?)>")
# Elements that never hold others, or that the next one of their kind closes ("<p>a<p>b"):
# neither deepens the tree, however many a page leaves open.
_FLAT = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th option thead tbody tfoot colgroup rp rt".split()
)


def bounded_markup(html: str, settings: Settings) -> str:
    """The markup with an element of too many attributes stripped of them, and elements
    nested too deeply turned into their text, before lxml parses it (linear time)."""
    limit = settings.max_html_attributes
    html = _long_tag(limit).sub(lambda match: _fewer_attributes(match.group(), limit), html)
    return _shallower(html, settings.max_html_depth)


@lru_cache(maxsize=8)
def _long_tag(max_attributes: int) -> re.Pattern:
    # An element with more attributes than the limit has at least two characters for each.
    return re.compile(r"<[A-Za-z][^<>]{%d,}" % (2 * max_attributes))


def _fewer_attributes(tag: str, limit: int) -> str:
    name = _TAG_NAME.match(tag)
    assert name is not None, "_long_tag matches from '<' and a letter, as _TAG_NAME does"
    return tag if len(_ATTRIBUTE.findall(tag, name.end())) <= limit else name.group()


def _shallower(html: str, max_depth: int) -> str:
    """Drop the tags (keeping the text) of elements opened below ``max_depth`` open ones."""
    if all(depth <= max_depth for _, depth in _nesting(html)):
        return html
    pieces, last = [], 0
    for match, depth in _nesting(html):
        if depth > max_depth:
            pieces.append(html[last : match.start()])
            last = match.end()
    pieces.append(html[last:])
    return "".join(pieces)


def _nesting(html: str) -> Iterator[tuple[re.Match, int]]:
    """(tag, depth inside the element) for the start and end tag of every nesting element.

    Depth counts start tags minus end tags, as a tree builder does on markup that closes
    its elements; a page whose depth stays under the limit that way is left as it is.
    """
    depth = 0
    for match in _TAG.finditer(html):
        closing, name, selfclosing = match.groups()
        if selfclosing or name.lower() in _FLAT:
            continue
        if closing:
            yield match, depth
            depth = max(0, depth - 1)
        else:
            depth += 1
            yield match, depth
