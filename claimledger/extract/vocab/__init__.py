"""The extraction vocabulary: every cue list and closed word set, as data files in this
folder, each loaded once.

One TOML file per family of words (`reporting.toml`, `quantities.toml`, ...). A value is a
whitespace-separated string of single words (a TOML multi-line string), a list of strings
(for phrases with spaces), or a table (a mapping, such as a cue's class). Words are written
as they are matched: lower-case lemmas unless the key's comment in the file says otherwise.
The rules import names from the modules that own them; only this loader reads the files.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def vocabulary(name: str) -> dict[str, Any]:
    """The whole data file `name.toml`, parsed once per process."""
    return tomllib.loads(files(__package__).joinpath(f"{name}.toml").read_text("utf-8"))


def words(name: str, key: str) -> frozenset[str]:
    """A closed set of words or phrases from `name.toml`."""
    return frozenset(word_list(name, key))


def word_list(name: str, key: str) -> tuple[str, ...]:
    """The words or phrases of `name.toml`'s `key`, in the order written."""
    value = vocabulary(name)[key]
    if isinstance(value, str):
        return tuple(value.split())
    return tuple(value)


def table(name: str, key: str) -> dict[str, Any]:
    """A mapping from `name.toml`, such as each cue's class."""
    return dict(vocabulary(name)[key])


def files_in_vocabulary() -> list[str]:
    """The names of every data file, for tests that check each cue reaches the trigger."""
    return sorted(path.name.removesuffix(".toml") for path in files(__package__).iterdir()
                  if path.name.endswith(".toml"))


def entry(path: str) -> tuple[str, ...]:
    """The words of a dotted entry, "file.key" or "file.table.key": a string's words, a
    list's items, a table's keys."""
    name, *keys = path.split(".")
    value: Any = vocabulary(name)
    for key in keys:
        value = value[key]
    if isinstance(value, str):
        return tuple(value.split())
    return tuple(value)
