"""Turn command-line arguments (files, directories, globs, mixed) into a stream of sources.

Directories are walked recursively in sorted order, following symlinks but refusing a link
that points back to one of its own ancestors. Inside a directory, files of unsupported types
are reported as skipped rather than rejected: a saved web page folder holds stylesheets and
images that are nobody's mistake.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import Errors
from claimledger.ingest.safety import storable
from claimledger.model import Rejection, Skipped

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".warc": "warc",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
SUPPORTED = ", ".join(sorted(FORMATS)) + " (each also gzipped, e.g. .warc.gz)"


@dataclass(slots=True)
class Source:
    """A file to read: where it is, the document id it gives, and its format."""

    path: Path
    name: str
    format: str

    def __post_init__(self) -> None:
        self.name = storable(self.name)  # a file name that is not UTF-8 has surrogate escapes

    @property
    def label(self) -> str:
        """The path as text that can be printed and stored (undecodable bytes as U+FFFD)."""
        return storable(str(self.path))


def format_of(path: Path) -> str | None:
    """The reader for a path from its suffixes (``.warc.gz`` -> warc), or None."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return FORMATS.get(suffixes[-1]) if suffixes else None


def discover(arguments: Iterable[str]) -> Iterator[Source | Rejection | Skipped]:
    """Every source the arguments name, in a stable order, each real file once."""
    seen: set[tuple[int, int]] = set()
    for argument in arguments:
        path = Path(argument).expanduser()
        if not path.exists() and not path.is_symlink() and glob.has_magic(argument):
            matches = sorted(glob.glob(os.path.expanduser(argument), recursive=True))
            if not matches:
                yield Rejection(argument, "E202", Errors.E202.format(pattern=argument))
            for match in matches:
                yield from _from_path(Path(match), Path(match).name, seen, explicit=True)
        else:
            yield from _from_path(path, path.name, seen, explicit=True)


def _from_path(
    path: Path, name: str, seen: set, *, explicit: bool
) -> Iterator[Source | Rejection | Skipped]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        yield Rejection(str(path), "E001", Errors.E001)
        return
    except PermissionError as error:
        yield Rejection(str(path), "E002", Errors.E002.format(detail=error.strerror))
        return
    except OSError as error:  # ELOOP for a self-referencing link, among others
        yield Rejection(str(path), "E016", Errors.E016.format(detail=error.strerror or error))
        return
    if path.is_dir():
        yield from _walk(path, seen, ancestors=(), root=path)
        return
    if not path.is_file():
        yield Rejection(str(path), "E018", Errors.E018)
        return
    key = (stat.st_dev, stat.st_ino)
    if key in seen:
        return
    seen.add(key)
    fmt = format_of(path) or (_sniff_format(path) if not path.suffix else None)
    if fmt:
        yield Source(path, name, fmt)
    elif explicit:
        yield Rejection(
            str(path), "E014", Errors.E014.format(suffix=path.suffix, supported=SUPPORTED)
        )
    else:
        yield Skipped(str(path), f"unsupported file type '{path.suffix}'")


def _walk(
    directory: Path, seen: set, *, ancestors: tuple, root: Path
) -> Iterator[Source | Rejection | Skipped]:
    stat = directory.stat()
    key = (stat.st_dev, stat.st_ino)
    if key in ancestors:
        target = os.path.realpath(directory)
        yield Rejection(str(directory), "E015", Errors.E015.format(path=directory, target=target))
        return
    if key in seen:
        return  # reached twice through links: its files are read once
    seen.add(key)
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except PermissionError as error:
        yield Rejection(str(directory), "E002", Errors.E002.format(detail=error.strerror))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files and folders (.git, .DS_Store) are not articles
        child = Path(entry.path)
        if _is_dir(child):
            yield from _walk(child, seen, ancestors=(*ancestors, key), root=root)
        else:
            name = child.relative_to(root).as_posix()
            yield from _from_path(child, name, seen, explicit=False)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _sniff_format(path: Path) -> str | None:
    """The format of a file without a suffix, from its first bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(2048).lstrip().lower()
    except OSError:
        return None
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head):
        return "feed"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"
