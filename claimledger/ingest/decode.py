"""Bytes to text: read within a size limit, refuse binary content, find the encoding.

The cascade for the encoding: (1) a byte-order mark, (2) the charset the container
declares (HTML meta, XML declaration, HTTP header), (3) strict UTF-8, (4) statistical
detection with charset-normalizer. Text that still looks like noise after decoding is
refused rather than stored as garbage.
"""

from __future__ import annotations

import codecs
import gzip
import logging
import re
import zlib
from pathlib import Path

from claimledger.errors import InputRejected

LOGGER = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# File signatures of common binary formats that end up with a text extension.
_MAGIC = {
    b"\x89PNG": "PNG image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (or .docx/.xlsx)",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x7fELF": "executable",
    b"\x1f\x8b": "gzip data without a .gz extension",
    b"SQLite format 3": "SQLite database",
}
_CHARSET_DECLARATION = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["']|charset=)([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_CHUNK = 1 << 20
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")
_NOISE = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def read_bytes(path: Path, *, limit_bytes: int) -> bytes:
    """The file's bytes (decompressed when it ends in .gz), refusing more than the limit."""
    if path.suffix.lower() == ".gz":
        return _read_gzip(path, limit_bytes)
    size = path.stat().st_size
    if size > limit_bytes:
        raise InputRejected("E006", size_mb=size / 1e6, limit_mb=limit_bytes / 1e6)
    return path.read_bytes()


def _read_gzip(path: Path, limit_bytes: int) -> bytes:
    chunks, total = [], 0
    try:
        with gzip.open(path, "rb") as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > limit_bytes:
                    raise InputRejected("E006", size_mb=total / 1e6, limit_mb=limit_bytes / 1e6)
                chunks.append(chunk)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise InputRejected("E007", detail=str(error) or type(error).__name__) from error
    return b"".join(chunks)


def declared_charset(data: bytes) -> str | None:
    """The charset a page or XML document declares in its first bytes, if it is a known codec."""
    match = _CHARSET_DECLARATION.search(data[:4096])
    return known_codec(match.group(1).decode("ascii")) if match else None


def known_codec(name: str | None) -> str | None:
    """The codec's canonical name, or None for a name Python does not know (one with a NUL
    byte raises ValueError in ``codecs.lookup``: declared names come from hostile files)."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return None


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of the data names."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Text from bytes, newlines normalised to \\n; raises InputRejected for binary or empty input."""
    if not data.strip():
        raise InputRejected("E003")
    marked = bom_encoding(data)
    if marked is None:
        _refuse_binary(data)
    text = _decode_cascade(data, marked or known_codec(declared))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise InputRejected("E003")
    if _noise_ratio(text) > 0.1:
        raise InputRejected(
            "E004", detail="the decoded text is mostly control or replacement characters"
        )
    return text


def _refuse_binary(data: bytes) -> None:
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise InputRejected("E004", detail=f"looks like a {kind}")
    head = data[:65536]
    if b"\x00" in head:
        raise InputRejected("E004", detail="NUL bytes in the first 64 KB")
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > 0.05 * len(head):
        raise InputRejected("E004", detail=f"{controls} control bytes in the first {len(head)}")


def _decode_cascade(data: bytes, declared: str | None) -> str:
    for encoding in dict.fromkeys(filter(None, (declared, "utf-8"))):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    western = _western(data)
    if western is not None:
        LOGGER.debug("not valid %s: decoded as Windows-1252", declared or "UTF-8")
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputRejected(
            "E005",
            detail=f"not valid {declared or 'UTF-8'} and no other encoding fits the bytes",
        )
    LOGGER.debug("not valid %s: decoded as %s by statistical detection", declared or "UTF-8",
                 best.encoding)
    return str(best)


# Characters that Windows-1252 text in a Western language is made of beyond ASCII.
_WESTERN = re.compile(r"[\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013-\u2026\u20ac\u2122]")


def _western(data: bytes) -> str | None:
    """The text as Windows-1252 when every non-ASCII character it gives is plausible.

    Statistical detection guesses poorly on short texts; legacy news text in English and
    other Western languages is overwhelmingly Windows-1252, so it is preferred when it fits.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    extended = [ch for ch in text if ord(ch) > 127]
    if extended and all(_WESTERN.match(ch) for ch in extended):
        return text
    return None


def _noise_ratio(text: str) -> float:
    sample = text[:65536]
    return len(_NOISE.findall(sample)) / max(1, len(sample))
