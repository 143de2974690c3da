"""The sidecar file: outlet and publication date for the articles of a folder.

A file named ``claimledger.meta.toml`` in a folder of articles::

    outlet = "Harbour Gazette"      # default for every file in this folder and below
    published = 2024-05-02          # a TOML date, or a string such as "2 May 2024"

    [files."strike-day-two.txt"]    # one file (a path relative to this folder)
    published = 2024-05-03

Folder defaults fill only what a page leaves open; an entry for a file overrides what the
page says (see ``claimledger.ingest.metadata``). A nested folder's sidecar overrides its
parents' defaults field by field. A sidecar that cannot be used is rejected with a coded
error naming it (E204 unreadable, E205 unknown key, E209 bad value); the folder's articles
are still read, without its values. The sidecar is not an article: discovery never reads it
as one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from claimledger.errors import ClaimledgerError
from claimledger.ingest.metadata import Stated

SIDECAR = "claimledger.meta.toml"
_FIELDS = ("outlet", "published")


@dataclass(frozen=True, slots=True)
class Sidecar:
    """One folder's sidecar: its defaults and its entries by path relative to the folder."""

    folder: Path
    defaults: Stated | None = None
    entries: dict[str, Stated] = field(default_factory=dict)


def read_sidecar(path: Path) -> Sidecar:
    """The sidecar at ``path``, checked; a coded error (E204, E205, E209) names the file."""
    where = str(path)
    try:
        with path.open("rb") as handle:
            values = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ClaimledgerError("E204", path=where, detail=str(error)) from error
    _known(values, (*_FIELDS, "files"), where)
    files = values.get("files", {})
    if not isinstance(files, dict):
        raise ClaimledgerError("E209", name="files", allowed="a table of file names",
                               got=files, origin=where)
    entries = {}
    for name, entry in files.items():
        if not isinstance(entry, dict):
            raise ClaimledgerError("E209", name=f"files.{name}", got=entry, origin=where,
                                   allowed="a table with outlet and/or published")
        _known(entry, _FIELDS, f"{where} [files.{name}]")
        entries[Path(name).as_posix()] = _stated(entry, f"{where} [files.{name}]", where)
    defaults = _stated(values, where, where) if any(k in values for k in _FIELDS) else None
    return Sidecar(path.parent, defaults, entries)


def _known(values: dict, known: tuple[str, ...], where: str) -> None:
    for name in values:
        if name not in known:
            raise ClaimledgerError("E205", name=name, path=where, known=", ".join(known))


def _stated(values: dict, where: str, origin: str) -> Stated:
    published = values.get("published")
    if isinstance(published, datetime):
        published = published.date()
    return Stated.checked(outlet=values.get("outlet"), published=published, origin=origin,
                          where=where)


def stated_for(path: Path, sidecars: tuple[Sidecar, ...]) -> tuple[Stated | None, Stated | None]:
    """(entry, folder defaults) for a file under ``sidecars`` (outermost first): the nearest
    entry naming it, and the defaults merged field by field, nearest first."""
    entry = None
    for sidecar in reversed(sidecars):
        name = path.relative_to(sidecar.folder).as_posix() if path.is_relative_to(sidecar.folder) else None
        if name in sidecar.entries:
            entry = sidecar.entries[name]
            break
    outlet = published = origin = None
    for sidecar in reversed(sidecars):
        defaults = sidecar.defaults
        if defaults is None:
            continue
        if outlet is None and defaults.outlet:
            outlet, origin = defaults.outlet, origin or defaults.origin
        if published is None and defaults.published:
            published, origin = defaults.published, origin or defaults.origin
    folder = Stated(outlet, published, origin) if origin else None
    return entry, folder
