"""The command line: a thin Typer + Rich layer over library functions.

Exit status: 0 all went well, 1 an error stopped the command, 2 bad usage, 3 the command
finished but some inputs were rejected (each named, with its reason).
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.progress import TimeElapsedColumn
from rich.table import Table

from claimledger import __version__
from claimledger.errors import ClaimledgerError
from claimledger.settings import DEFAULT_DB, Settings

EXIT_REJECTED = 3

app = typer.Typer(
    name="claimledger",
    help="A ledger of the figures and statements in many news reports of one story: who "
    "claims what, through whom, how firmly, and which reports are copies.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
)
console = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="CLAIMLEDGER_DB",
        help="Ledger: a SQLite file path or a postgresql:// URL.",
        show_default=True,
    ),
]
ConfigOption = Annotated[
    Optional[Path],
    typer.Option("--config", help="Settings file (TOML); default ./claimledger.toml if present."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimledger {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """claimledger: ingest articles, extract claims, link them across outlets."""


class _RichProgress:
    """Draws the build's stages as Rich progress bars."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, int] = {}

    def stage(self, name: str, total: int | None) -> None:
        self.tasks[name] = self.progress.add_task(name, total=total)

    def advance(self, name: str, amount: int = 1) -> None:
        self.progress.advance(self.tasks[name], amount)


@app.command()
def build(
    sources: Annotated[list[str], typer.Argument(help="Files, directories (read recursively) and globs, mixed.")],
    db: DbOption = DEFAULT_DB,
    config: ConfigOption = None,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes; 0 = one per core.")] = None,
    max_document_mb: Annotated[
        Optional[float], typer.Option(help="Largest document accepted, in MB of text.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Read articles into the ledger: ingest, clean page chrome, store (incremental).

    Example: [bold]claimledger build articles/ feeds/*.xml crawl.warc.gz --db story.db[/bold]
    """
    from claimledger.build import build as run_build
    from claimledger.store import Ledger

    settings = Settings.load(config, workers=workers, max_document_mb=max_document_mb)
    ledger = Ledger(db)
    columns = (SpinnerColumn(), TextColumn("{task.description:>8}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, disable=quiet, transient=False) as bar:
        report = run_build(sources, ledger, settings, progress=_RichProgress(bar))
    _print_build_summary(report, db)
    if not report.ok:
        raise typer.Exit(EXIT_REJECTED)


def _print_build_summary(report, db: str) -> None:
    table = Table(title=f"Build {report.build_id} into {db}", show_header=True)
    table.add_column("outcome")
    table.add_column("documents", justify="right")
    for key in ("read", "new", "revised", "unchanged", "cleaned", "rejected", "skipped"):
        table.add_row(key, str(report.counts.get(key, 0)))
    console.print(table)
    for item in report.rejected:
        console.print(f"rejected {item}", style="red", markup=False, soft_wrap=True)
    for item in report.skipped:
        console.print(f"skipped {item.path}: {item.reason}", style="dim", markup=False, soft_wrap=True)


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="What to export: claims, documents, reuse or measures.")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Output file; default standard output.")
    ] = None,
    all_versions: Annotated[
        bool, typer.Option(help="Documents: include earlier versions of revised documents.")
    ] = False,
    extra: Annotated[
        bool, typer.Option(help="Claims: add fields beyond schema v1 (kind, unit, cue, event_date, ...).")
    ] = False,
) -> None:
    """Export a table of the ledger in an open format (schema v1).

    Example: [bold]claimledger export claims --format csv -o claims.csv[/bold]
    """
    from claimledger.export import table_rows, write_rows
    from claimledger.store import Ledger

    ledger = Ledger(db, create=False)
    rows, schema = table_rows(ledger, table, all_versions=all_versions, extras=extra)
    count = write_rows(rows, table=table, fmt=format, out=str(output) if output else None,
                       schema=schema)
    if output:
        console.print(f"Wrote {count} {table} to {output}")


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id, as in `export documents` (e.g. report-04.txt).")],
    db: DbOption = DEFAULT_DB,
    chrome: Annotated[bool, typer.Option("--chrome", help="Show the removed page chrome, with reasons.")] = False,
) -> None:
    """Show a document's cleaned text, or what cleaning removed from it and why.

    Example: [bold]claimledger show valley-courier-2025-03-14.txt --chrome[/bold]
    """
    from claimledger.store import Ledger

    document = Ledger(db, create=False).find(doc)
    out = Console(highlight=False)
    out.rule(f"{document.doc} — {document.title or '(untitled)'}")
    out.print(f"outlet: {document.outlet}  published: {document.published}  url: {document.url}",
              markup=False)
    if not chrome:
        out.print(document.text or "", markup=False)
        return
    table = Table(show_header=True)
    table.add_column("offsets", justify="right")
    table.add_column("reason")
    table.add_column("removed text", overflow="fold")
    for span in document.removed:
        table.add_row(f"{span.start}-{span.end}", span.reason, document.raw[span.start:span.end].rstrip("\n"))
    out.print(table)


@app.command()
def demo(db: DbOption = DEFAULT_DB) -> None:
    """Build the bundled demo corpus (a fictional evolving story, 12 articles in 5 formats).

    Example: [bold]claimledger demo && claimledger export documents[/bold]
    """
    from claimledger.build import build as run_build
    from claimledger.store import Ledger

    corpus = files("claimledger") / "demo" / "corpus"
    ledger = Ledger(db)
    with Progress(SpinnerColumn(), TextColumn("{task.description:>8}"), BarColumn(),
                  MofNCompleteColumn(), console=console) as bar:
        report = run_build([str(corpus)], ledger, Settings.load(), progress=_RichProgress(bar))
    _print_build_summary(report, db)
    console.print(f"Next: [bold]claimledger export documents --db {db}[/bold]")
    if not report.ok:
        raise typer.Exit(EXIT_REJECTED)


def main() -> None:
    """Console-script entry point: runs the app, turning library errors into coded messages."""
    try:
        app()  # click handles usage errors (exit 2) and typer.Exit codes itself
    except ClaimledgerError as error:
        console.print(f"[bold red]Error[/bold red] [{error.code}] {escape(error.reason)}")
        sys.exit(1)
