"""Turn command-line arguments (files, directories, globs, mixed) into a stream of sources.

Directories are walked recursively in sorted order, following symlinks but refusing a link
that points back to one of its own ancestors. Inside a directory, files of unsupported types
are reported as skipped rather than rejected: a saved web page folder holds stylesheets and
images that are nobody's mistake. A folder's sidecar file (``claimledger.meta.toml``, see
``claimledger.ingest.sidecar``) is read on the way and handed to the sources below it; a file
named on its own gets its folder's sidecar.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimledger.errors import ClaimledgerError, Errors
from claimledger.ingest.metadata import Stated
from claimledger.ingest.safety import storable
from claimledger.ingest.sidecar import SIDECAR, Sidecar, read_sidecar, stated_for
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
    """A file to read: where it is, the document id it gives, its format, and what a sidecar
    states for it (its entry, and the folder defaults)."""

    path: Path
    name: str
    format: str
    entry: Stated | None = None
    folder: Stated | None = None

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
    """Every source the arguments name, in a stable order, each real file once; a sidecar
    that cannot be used is reported once, as a rejection naming it."""
    seen: set[tuple[int, int]] = set()
    folders: dict[Path, Sidecar | None] = {}
    for argument in arguments:
        path = Path(argument).expanduser()
        if not path.exists() and not path.is_symlink() and glob.has_magic(argument):
            matches = sorted(glob.glob(os.path.expanduser(argument), recursive=True))
            if not matches:
                yield Rejection(argument, "E202", Errors.E202.format(pattern=argument))
            paths = [Path(match) for match in matches]
        else:
            paths = [path]
        for path in paths:
            sidecars: tuple[Sidecar, ...] = ()
            if not path.is_dir() and path.name != SIDECAR:  # a file alone: its folder's sidecar
                if path.parent not in folders:
                    folders[path.parent] = yield from _sidecar(path.parent)
                sidecars = tuple(filter(None, [folders[path.parent]]))
            yield from _from_path(path, path.name, seen, explicit=True, sidecars=sidecars)


def _sidecar(folder: Path) -> Generator[Rejection, None, Sidecar | None]:
    """The folder's sidecar (None without one); a bad one is yielded as its rejection."""
    path = folder / SIDECAR
    if not path.is_file():
        return None
    try:
        return read_sidecar(path)
    except ClaimledgerError as error:
        yield Rejection(str(path), error.code, error.reason)
        return None


def _from_path(
    path: Path, name: str, seen: set, *, explicit: bool, sidecars: tuple[Sidecar, ...] = ()
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
        yield from _walk(path, seen, ancestors=(), root=path, sidecars=())
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
        yield Source(path, name, fmt, *stated_for(path, sidecars))
    elif explicit:
        yield Rejection(
            str(path), "E014", Errors.E014.format(suffix=path.suffix, supported=SUPPORTED)
        )
    else:
        yield Skipped(str(path), f"unsupported file type '{path.suffix}'")


def _walk(
    directory: Path, seen: set, *, ancestors: tuple, root: Path, sidecars: tuple[Sidecar, ...]
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
    if any(entry.name == SIDECAR for entry in entries):
        sidecar = yield from _sidecar(directory)
        sidecars = (*sidecars, sidecar) if sidecar else sidecars
    for entry in entries:
        if entry.name.startswith(".") or entry.name == SIDECAR:
            continue  # hidden files and folders (.git, .DS_Store) are not articles
        child = Path(entry.path)
        if _is_dir(child):
            yield from _walk(child, seen, ancestors=(*ancestors, key), root=root,
                             sidecars=sidecars)
        else:
            name = child.relative_to(root).as_posix()
            yield from _from_path(child, name, seen, explicit=False, sidecars=sidecars)


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
