"""Page-chrome removal: keep every body sentence, remove what the page put around it.

Plain text saved from a news page (copy-paste, scrapers) carries widgets, menus, banners,
share prompts, captions, "related" blocks and author blurbs. The method is general rather
than a list of known phrases:

1. Line features: word count, share of lowercase words, terminal punctuation. A line that
   reads as a sentence is body unless a strong pattern says otherwise.
2. A small set of pattern families (one regex each), split into *strong* ones that apply to
   any line (cookie banners, template placeholders, author bios after the body) and *weak*
   ones that apply only to lines that do not read as sentences (widgets, menus, captions).
3. Position: lines before the first and after the last body sentence that do not read as
   sentences are header and footer chrome; the headline is found and kept.
4. Repetition: a non-sentence line seen in several documents of the same outlet (or of the
   corpus when the outlet is unknown) is boilerplate. Copied articles share body sentences
   too, so repetition alone never removes a sentence.
5. Script: JavaScript, JSON and CSS that a scraper or an HTML extractor left in the text are
   found by their syntax (not by known snippets), whole blocks at a time, and removed even
   when a minified line is long and full of lowercase words.

Cleaning only deletes whole lines from the raw text, so every offset in the cleaned text maps
back to the raw text through the removed spans, which are kept with their reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from claimledger.dates import DATE_PATTERNS, parse_date
from claimledger.model import Document, RemovedSpan

_WORD = re.compile(r"[^\W\d_][\w’'.-]*")
_TERMINAL = re.compile(r"[.!?…:;][\"”’'»)\]]*\s*$|[\"”»]\s*$")
_KEY_JUNK = re.compile(r"[^\w]+")
_DIGITS = re.compile(r"\d+")
_MENU_SPLIT = re.compile(r"\s*(?:\||•|·|›|»|▸|\t|\s{2,})\s*")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.I)
_DATELINE_WORDS = {
    "published", "updated", "last", "posted", "modified", "on", "at", "gmt", "utc", "bst", "cet",
    "est", "edt", "pst", "local", "time", "am", "pm", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "first", "and", "|",
}  # fmt: skip
_QUOTED_OR_SAID = re.compile(r"[\"“”‘’]|\b(?:said|says|told|according)\b", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*–·▪])\s+\S")
_FRAGMENTS = re.compile(r"[.!|]+\s*")
_OUTLET_WORDS = re.compile(
    r"\b(?:herald|times|news|post|courier|tribune|gazette|journal|daily|chronicle|observer|"
    r"telegraph|press|agency|radio|tv|television|broadcast\w*|wire|online|today|review|mail|"
    r"star|sun|standard|guardian|independent|express|record|monitor|report|dispatch|"
    r"bulletin|inquirer|examiner|register|sentinel|network|service|weekly|magazine|media)\b",
    re.I,
)
_MENU_WORDS = {
    "home", "news", "world", "business", "sport", "sports", "opinion", "culture", "arts",
    "video", "videos", "weather", "politics", "science", "health", "tech", "technology",
    "travel", "lifestyle", "entertainment", "local", "national", "region", "regional", "live",
    "podcasts", "menu", "search", "login", "log", "in", "subscribe", "account", "more",
    "environment", "economy", "markets", "money", "features", "investigations", "sections",
    "latest", "europe", "africa", "asia", "americas", "obituaries", "letters", "editorial",
    "photos", "galleries", "newsletters", "contact", "about", "us", "&", "and",
}  # fmt: skip

# (reason, pattern, strong, max_words): strong patterns apply to any line, weak ones only
# to lines that do not read as sentences; max_words guards long body paragraphs.
_P = re.IGNORECASE
PATTERNS: tuple[tuple[str, re.Pattern, bool, int], ...] = (
    ("placeholder", re.compile(
        # Each opening mark ends the scan from the one before it (the tempered dot), so a
        # line of 10,000 "{{" costs one pass, not one pass for each of them.
        r"\{\{(?:(?!\{\{|\}\}).)*\}\}|\{%(?:(?!\{%|%\}).)*%\}|\[\[(?:(?!\[\[|\]\]).)*\]\]"
        r"|%[A-Z_]{3,}%|\$\{(?:(?!\$\{)[^}])*\}"
        r"|^\s*\[(?:ad|advert|advertisement|placeholder|image|embed|video|photo|insert)\b[^\]]*\]\s*$"
        r"|^\s*(?:lorem ipsum.*|undefined|null|nan|none|tbd|tk)\s*$", _P), True, 60),
    ("advert", re.compile(
        r"^\s*(?:advertisement|advertising|ad|sponsored(?: content)?|promoted(?: content)?|"
        r"paid (?:content|post)|partner content|story continues below(?: advertisement)?|"
        r"continue reading (?:below|the main story)|skip advert(?:isement)?)\s*[.:]?\s*$", _P),
        True, 6),
    ("advert", re.compile(
        r"^\s*\[(?:sponsored|advertisement|advert|ad|promoted|partner(?: content)?)\]", _P),
        True, 40),
    ("comments", re.compile(
        r"\blet us know in the comments\b|\bin the comments(?: below| section)?\s*[.!]?\s*$|"
        r"\btell us what you think\b|"
        r"^\s*(?:\d+\s+)?comments?\s*(?:\(\d+\))?\s*[.:]?\s*$|"
        r"\b(?:leave|post|add|view|show|read|see) (?:a |all |the |\d+ )?comments?\b|"
        r"\bsign in to (?:comment|reply)\b|\bjoin the (?:conversation|discussion|debate)\b|"
        r"^\s*\d+\s+(?:comments|replies|reactions|shares|responses)\b|"
        r"\bcomments? (?:are|is) (?:closed|open|moderated)\b|\bhave your say\b", _P), True, 14),
    ("newsletter", re.compile(
        r"\b(?:sign ?up|subscribe|register)\b.{0,60}\bnewsletters?\b|"
        r"\bnewsletters?\b.{0,60}\b(?:sign ?up|subscribe|inbox)\b|"
        r"\b(?:delivered|straight|sent|direct(?:ly)?) (?:straight |directly )?to your inbox\b|"
        r"\bin your inbox (?:every|each)\b|\benter your email\b", _P), True, 45),
    ("banner", re.compile(
        r"\b(?:we|this (?:site|website)|our (?:site|website|partners))\s+uses?\s+cookies\b|"
        r"\bcookies? (?:settings|policy|preferences|notice|consent)\b|"
        r"\b(?:accept|reject|manage|allow)(?: all| essential| necessary)? cookies\b|"
        r"\b(?:consent|privacy) (?:preferences|choices|settings)\b|"
        r"^\s*(?:subscribe(?: now| today)?|sign ?up(?: now| free)?|sign in|log ?in|register|"
        r"create (?:a|an|your)(?: free)? account|already (?:a subscriber|have an account)|"
        r"become a (?:member|subscriber|supporter)|support (?:our|independent|quality) "
        r"journalism|start (?:your|a) (?:free )?trial|unlock (?:this|full|unlimited))\b|"
        r"\byou have (?:\w+ )?(?:free )?articles? (?:left|remaining)\b|"
        r"\b(?:subscribers? only|for subscribers|subscribe (?:for|to (?:read|continue|get)))\b|"
        r"\bsubscription (?:offer|required)\b", _P), True, 45),
    ("share", re.compile(
        r"^(?:\s*(?:share(?: this| on| via)?(?: article| story| page| post)?|tweet|email|e-mail|"
        r"print|copy(?: link)?|save(?: article| for later)?|whatsapp|facebook|twitter|x|linkedin|"
        r"reddit|telegram|pinterest|flipboard|messenger|bluesky|threads|mastodon|gift (?:this )?"
        r"article|listen(?: to (?:this )?article)?)\s*[|•·/,:]?)+\s*$", _P), True, 12),
    ("social", re.compile(
        r"^\s*follow us\b|\bfollow (?:us|\w+) on (?:twitter|x|facebook|instagram|telegram|"
        r"bluesky|threads|linkedin|tiktok|youtube)\b|^\s*@\w+\s*$|\bjoin (?:us|our channel) on "
        r"(?:telegram|whatsapp)\b", _P), True, 20),
    ("caption", re.compile(
        r"^\s*(?:photo|photograph|picture|image|video|graphic|illustration|file photo|caption|"
        r"pictured|above|top|main image|header image)(?: credit)?\s*:|"
        r"\((?:photo|image|picture|credit)\b[^)]*\)\s*$|"
        r"\b(?:photo|image|picture|photograph)(?:s)?\s*(?:by|:|courtesy(?: of)?)\s+\S|"
        r"\bgetty images\b|\b(?:via|/)\s*(?:getty|shutterstock|alamy|afp|reuters|ap|epa)\b|"
        r"^\s*credit\s*:|\bphoto(?:graph)?\s*©", _P), False, 45),
    ("related", re.compile(
        r"^\s*(?:read (?:more|next|also)|also read|see also|related|more|watch|listen|recommended)"
        r"\s*:\s*\S", _P), True, 30),
    ("tags", re.compile(r"^\s*(?:tags|topics|filed under|categories|keywords)\s*:", _P), True, 40),
    ("footer", re.compile(r"©|\ball rights reserved\b|^\s*copyright\b", _P), True, 30),
    ("footer", re.compile(
        r"\bcopyright\b|^\s*(?:terms (?:of (?:use|service)|and "
        r"conditions)|privacy(?: policy| notice)?|contact us|about us|advertise(?: with us)?|"
        r"careers|accessibility|sitemap|back to top|cookie policy|help|faq)\s*$", _P), False, 25),
    ("widget", re.compile(
        r"-?\d{1,3}(?:\.\d)?\s?°\s?[CF]?\b|\b\d{1,3}\s?(?:degrees|deg)\s?[CF]\b|"
        r"\b(?:sunny|cloudy|overcast|showers|drizzle|thunderstorms?|fog|mist|clear skies|"
        r"partly cloudy|light rain|heavy rain|snow|sleet|humidity|wind \d+)\b.*\d|"
        r"^\s*(?:updated|last updated|posted)?:?\s*\d+\s+(?:secs?|seconds?|mins?|minutes?|hours?|"
        r"hrs?|days?)\s+ago\s*$|^\s*(?:listen|reading time|read time)\b.*\d+\s*min|"
        r"^\s*\d+\s*min(?:ute)?s?(?: read| listen)\s*$", _P), False, 10),
)
_RELATED_HEADING = re.compile(
    r"^\s*(?:related(?: articles| stories| coverage| content| news| topics| links| reading)?|"
    r"read (?:more|next|also)|see also|more (?:on this story|stories|news|like this|from [\w .]+|"
    r"in [\w ]+)|most (?:read|popular|viewed|shared|commented)|trending(?: now| stories)?|"
    r"recommended(?: for you| stories| reading)?|you (?:may|might) (?:also )?(?:like|be interested"
    r" in)|top stories|latest(?: news| stories| headlines)?|editor'?s picks|popular(?: now)?|"
    r"what to read next|in other news|elsewhere(?: on [\w ]+)?)\s*:?\s*$",
    _P,
)
_BYLINE = re.compile(
    r"^\s*(?i:by|written by|words by|reporting by|report by|story by)\s+"
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al|bin|da|di|del|la|le)){0,4})"
    r"(?:\s*(?:,|and|&|\||–|—|-|in)\s*.*)?$"
)
_BIO = re.compile(
    r"^\s*(?:[A-Z][\w.'’-]+\s+){1,4}(?:is|has been)\s+(?:a|an|the|our)\s+(?:[\w'’-]+\s+){0,4}"
    r"(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|producer|"
    r"analyst|author|photographer|presenter|fellow)\b|^\s*(?i:about the authors?)\b|"
    r"^\s*(?i:about) (?:us|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s*:|"
    r"^\s*(?:you can )?(?:contact|reach|email|follow) (?:the (?:author|reporter)|\w+ \w+|him|her|"
    r"them) (?:at|on|via)\b|^\s*(?:[A-Z][\w.'’-]+\s+){1,4}covers\s+\w+",
)


# Syntax that prose does not have: JavaScript statements, JSON members, CSS rules, markup.
# Every run is bounded ({1,200}): an unbounded one is scanned again from each place a match
# can start, which is quadratic on a long line of "if (" or "a.b(" (statements are short).
_CODE = re.compile(
    r"\bfunction\s*[\w$]{0,200}\s*\(|=>|\b(?:var|let|const)\s+[\w$]{1,200}\s*=|"
    r"\b(?:window|document|console|JSON|Math|navigator)\.[a-zA-Z]|\breturn\b[^.;]{0,200};|"
    r"\bnew\s+[A-Z][\w$]{0,200}\(|\b(?:if|for|while|switch)\s*\([^)]{0,200}\)\s*\{|\}\s*(?:else|catch)\b|"
    r"[\w$\])]\.[a-zA-Z_$][\w$]{0,200}\([^)]{0,200}\)\s*[;{,)]|(?<![\w$])[\w$]{1,200}\.[\w$.]{1,200}\s*=\s*[^;=]{1,80};|"
    r"\bthis\.[a-zA-Z_$]|===|!==|&&|\|\||"
    r"[\"'][\w@$.-]{1,200}[\"']\s*:\s*(?:[\"'{\[]|-?\d|true\b|false\b|null\b)|"
    r"[#.]?(?<![\w-])[\w-]{1,200}\s*\{\s*[\w-]{1,200}\s*:[^;{}]{1,200};|\b[a-z]{1,200}-[a-z-]{1,200}\s*:\s*[^;{}]{1,200};|"
    r"!important\b|@(?:media|import|font-face)\b|"
    r"</?(?:script|style|div|span|iframe|noscript|svg)\b|\b\w{1,200}\s*=\s*\{|\);\s*$|^\s*[{\[]\s*[\"'{\[]"
)
_CODE_CHARS = re.compile(r"[{}\[\]();=<>\"\\|&$]")
_BRACKETS_ONLY = re.compile(r"^[\s{}\[\]();,]+$")


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    words: int
    lower: float
    sentence: bool
    reason: str | None = None
    code: tuple[int, int] | None = None  # script inside a kept line, as offsets in the line


def line_key(text: str) -> str:
    """A line's identity for repetition counts: case, digits and punctuation folded."""
    return _KEY_JUNK.sub(" ", _DIGITS.sub("0", text.lower())).strip()


def line_keys(raw: str) -> set[str]:
    """The keys of every short line of a raw text, for the corpus repetition counts."""
    keys = set()
    for line in raw.split("\n"):
        words = len(_WORD.findall(line))
        if 0 < words <= 40:
            keys.add(line_key(line))
    return keys


def clean_document(doc: Document, *, is_repeated: Callable[[str], bool] | None = None) -> Document:
    """Fill ``doc.text`` and ``doc.removed`` (and missing title, author, date, outlet)."""
    lines = _split_lines(doc.raw)
    content = [i for i, line in enumerate(lines) if line.words or line.text.strip()]
    for i in content:
        lines[i].code = _code_span(lines[i].text)
        lines[i].reason = "script" if _is_code(lines[i].text) else _pattern_reason(lines[i])
        if lines[i].reason is None and i >= 0.6 * len(lines) and _BIO.search(lines[i].text):
            lines[i].reason = "bio"  # author blurbs sit at the end and read as sentences
    _mark_script_blocks(lines, content)
    _mark_related_blocks(lines, content)
    title = _find_title(lines, content, doc.title)
    body = [i for i in content if lines[i].sentence and lines[i].reason is None and i != title]
    first, last = (body[0], body[-1]) if body else (len(lines), len(lines))
    top = title if title is not None else first  # lines above the headline are page header
    _mark_captions(lines)
    for i in content:
        line = lines[i]
        if line.reason or i == title:
            continue
        if title is not None and i < title:
            line.reason = "site-name" if _is_site_name(line) else "header"
        elif line.sentence:
            continue
        elif i < top and _is_site_name(line):
            line.reason = "site-name"
        elif is_repeated and line.words <= 12 and is_repeated(line_key(line.text)):
            line.reason = "repeated"
        elif i < top and not _is_headline_like(line):
            line.reason = "header"
        elif i > last:
            line.reason = "footer"
    _fill_metadata(doc, lines, title)
    doc.removed = _removed_spans(lines, doc.raw)
    doc.text = _apply(doc.raw, doc.removed)
    return doc


def _split_lines(raw: str) -> list[_Line]:
    lines, offset = [], 0
    for text in raw.split("\n"):
        words = _WORD.findall(text)
        lower = sum(1 for w in words if w[0].islower()) / len(words) if words else 0.0
        sentence = bool(
            (_TERMINAL.search(text) and len(words) >= 2 and lower >= 0.25)
            or (len(words) >= 12 and lower >= 0.5)
        )
        lines.append(_Line(offset, offset + len(text), text, len(words), lower, sentence))
        offset += len(text) + 1
    return lines


def _pattern_reason(line: _Line) -> str | None:
    for reason, pattern, strong, max_words in PATTERNS:
        if line.words <= max_words and (strong or not line.sentence) and pattern.search(line.text):
            return reason
    if not line.sentence:
        if _is_menu(line.text):
            return "menu"
        if _is_dateline(line.text):
            return "dateline"
        if _BYLINE.match(line.text) and line.words <= 10 and line.lower <= 0.5:
            return "byline"
    return None


def _code_span(text: str) -> tuple[int, int] | None:
    """Where script, data or style sits in a line: from the first piece of code syntax to the
    last, when that stretch has two pieces or is dense with symbols. Prose around it stays."""
    hits = list(_CODE.finditer(text))
    if not hits:
        return None
    start = hits[0].start()
    while start > 0 and not text[start - 1].isspace():
        start -= 1  # the whole statement: "BF.queue.push(" from its first character
    end = hits[-1].end()
    while end < len(text) and text[end] in " ;)}]'\"":
        end += 1
    stretch = text[start:end].strip()
    density = len(_CODE_CHARS.findall(stretch)) / max(len(stretch), 1)
    if not (len(hits) >= 2 and density >= 0.03 or density >= 0.08 and len(stretch) >= 20):
        return None  # one short hit is prose: "called for his return; last night"
    return start, end


def _is_code(text: str) -> bool:
    """A line that is script, data or style, leaving no prose of two words or more."""
    span = _code_span(text)
    return span is not None and len(_WORD.findall(text[: span[0]] + " " + text[span[1]:])) < 2


def _mark_script_blocks(lines: list[_Line], content: list[int]) -> None:
    """Brackets and short statements between or around script lines belong to the block."""
    for step in (1, -1):
        inside = False
        for i in content if step == 1 else reversed(content):
            line = lines[i]
            if line.reason == "script":
                inside = True
            elif inside and line.reason is None and _in_a_block(line):
                line.reason = "script"
            else:
                inside = False


def _in_a_block(line: _Line) -> bool:
    """"});", "]": brackets alone; or a line with code syntax that the two-hit rule missed."""
    text = line.text
    return bool(_BRACKETS_ONLY.match(text)) or (not line.sentence and bool(_CODE.search(text)))


def _is_menu(text: str) -> bool:
    parts = [p for p in _MENU_SPLIT.split(text.strip()) if p]
    if len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts):
        return True
    words = [w.lower() for w in re.findall(r"[\w&]+", text)]
    return bool(words) and len(words) <= 4 and all(w in _MENU_WORDS for w in words)


def _is_dateline(text: str) -> bool:
    rest = text
    for pattern in DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    if rest == text:
        return False
    rest = _TIME.sub(" ", rest)
    leftover = [w for w in re.findall(r"[\w|]+", rest.lower()) if w not in _DATELINE_WORDS]
    return len(leftover) <= 2


def _mark_captions(lines: list[_Line]) -> None:
    """A short descriptive line set as one block with the photo credit under it is a caption."""
    for i, line in enumerate(lines[2:], start=2):
        caption, before = lines[i - 1], lines[i - 2]
        if (
            line.reason == "caption"
            and caption.reason is None
            and 0 < caption.words <= 20
            and not before.text.strip()
            and not _QUOTED_OR_SAID.search(caption.text)
        ):
            caption.reason = "caption"


def _mark_related_blocks(lines: list[_Line], content: list[int]) -> None:
    """A "Related articles" heading and the headline list under it, up to the next sentence."""
    inside, items = False, 0
    for i in content:
        line = lines[i]
        if _RELATED_HEADING.match(line.text):
            line.reason, inside, items = "related", True, 0
        elif inside and items < 15 and line.reason in (None, "related") and _is_list_entry(line):
            line.reason, items = "related", items + 1
        elif inside and line.reason is None:
            inside = False


def _is_list_entry(line: _Line) -> bool:
    """A headline in a list: no full stop at the end, or a numbered or bulleted item."""
    if _LIST_ITEM.match(line.text):
        return line.words <= 25
    return not line.sentence or (line.words <= 16 and not line.text.rstrip().endswith("."))


def _is_tagline(line: _Line) -> bool:
    """A slogan such as "Your valley. Your news. Since 1952": short fragments, no sentence."""
    fragments = [f for f in _FRAGMENTS.split(line.text.strip()) if f]
    return 2 <= len(fragments) <= 4 and line.words <= 10 and all(
        len(f.split()) <= 4 for f in fragments
    )


def _find_title(lines: list[_Line], content: list[int], known: str | None) -> int | None:
    """The headline's line: the known title, else the first headline-like header line."""
    for i in content[:12]:
        line = lines[i]
        if known and line.text.strip() == known.strip():
            return i
        if line.reason or known:
            continue
        if line.sentence and line.words > 25:
            return None  # the body starts before any headline-like line
        if (
            line.words >= 3
            and len(line.text) <= 250
            and not _is_site_name(line)
            and not _is_tagline(line)
        ):
            return i
    return None


def _is_site_name(line: _Line) -> bool:
    return (
        line.words <= 4
        and line.lower <= 0.25
        and not re.search(r"[:…|/]", line.text)
        and bool(_OUTLET_WORDS.search(line.text))
    )


def _is_headline_like(line: _Line) -> bool:
    """A line that reads as a headline or standfirst rather than as page furniture."""
    return line.words >= 5 and line.lower >= 0.3


# Removed lines whose date, if they hold one, is the publication date (a dateline first).
_DATED_REASONS = ("dateline", "byline", "placeholder", "header", "widget")


def _fill_metadata(doc: Document, lines: list[_Line], title: int | None) -> None:
    if title is not None and not doc.title:
        doc.title = lines[title].text.strip()
    for line in lines:
        if line.reason == "byline" and not doc.author:
            match = _BYLINE.match(line.text)
            doc.author = match.group("name") if match else None
        elif line.reason == "site-name" and not doc.outlet:
            name = line.text.strip()
            doc.outlet = name.title() if name.isupper() else name  # a masthead in capitals
            doc.meta["outlet_from"] = "masthead"
    if not doc.published:
        for reason in _DATED_REASONS:
            dated = (parse_date(line.text) for line in lines if line.reason == reason)
            doc.published = next((iso for iso in dated if iso), None)
            if doc.published:
                doc.meta["published_from"] = f"removed {reason} line"
                break


def _removed_spans(lines: list[_Line], raw: str) -> list[RemovedSpan]:
    """Spans of removed lines with their newline, plus blank lines left doubled by removal."""
    spans: list[RemovedSpan] = []
    kept = [i for i, line in enumerate(lines) if line.reason is None and line.text.strip()]
    for line in lines[kept[-1] + 1 if kept else 0 :]:
        line.reason = line.reason or "blank"  # blank lines at the very end go too
    last_kept_blank = True  # and so do those at the very top
    for line in lines:
        blank = not line.text.strip()
        if line.reason is None and blank and last_kept_blank:
            line.reason = "blank"
        if line.reason is None:
            last_kept_blank = blank
            continue
        start, end = line.start, min(line.end + 1, len(raw))
        previous = spans[-1] if spans else None
        if (previous is not None and previous.end == start
                and (previous.reason == line.reason or "blank" in (previous.reason, line.reason))):
            previous.end = end
            if previous.reason == "blank":
                previous.reason = line.reason
        else:
            spans.append(RemovedSpan(start, end, line.reason))
    # script glued to a body paragraph in one line goes, the paragraph stays
    inline = [RemovedSpan(line.start + line.code[0], line.start + line.code[1], "script")
              for line in lines if line.reason is None and line.code is not None]
    return sorted(spans + inline, key=lambda span: span.start) if inline else spans


def _apply(raw: str, spans: list[RemovedSpan]) -> str:
    pieces, cursor = [], 0
    for span in spans:
        pieces.append(raw[cursor : span.start])
        cursor = max(cursor, span.end)
    pieces.append(raw[cursor:])
    return "".join(pieces)


def clean_to_raw(offset: int, spans: list[RemovedSpan]) -> int:
    """The raw-text offset of a cleaned-text offset (spans sorted, as cleaning made them)."""
    position = offset
    for span in spans:
        if span.start <= position:
            position += span.end - span.start
        else:
            break
    return position
