"""The command line: a thin Typer + Rich layer over library functions.

Exit status: 0 all went well, 1 an error stopped the command, 2 bad usage, 3 the command
finished but some inputs were rejected (each named, with its reason).
"""

from __future__ import annotations

import functools
import json
import inspect
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.progress import TaskID, TimeElapsedColumn
from rich.table import Table

from claimledger import __version__
from claimledger.errors import ClaimledgerError
from claimledger.settings import DEFAULT_DB, Settings, setting_infos, settings_toml

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
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log every drop and fallback (debug) to stderr.")
    ] = False,
) -> None:
    """claimledger: ingest articles, extract claims, link them across outlets."""
    _log_to_stderr(logging.DEBUG if verbose else logging.WARNING)


def _log_to_stderr(level: int) -> None:
    """The library only logs (a logger per module, under "claimledger"); the CLI shows it."""
    from rich.logging import RichHandler

    logger = logging.getLogger("claimledger")
    logger.handlers = [RichHandler(console=Console(stderr=True), show_path=False, markup=False)]
    logger.setLevel(level)


class _RichProgress:
    """Draws the build's stages as Rich progress bars, redrawn as the build advances (at most
    ten times a second) rather than by Rich's refresh thread: the build may fork worker
    processes, and a thread holding the console's lock at that moment would leave it held
    in the worker for good."""

    REDRAW_S = 0.1

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, TaskID] = {}
        self.drawn = 0.0

    def stage(self, name: str, total: int | None) -> None:
        self.tasks[name] = self.progress.add_task(name, total=total)
        self._redraw(force=True)

    def advance(self, name: str, amount: int = 1) -> None:
        self.progress.advance(self.tasks[name], amount)
        self._redraw()

    def _redraw(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.drawn >= self.REDRAW_S:
            self.progress.refresh()
            self.drawn = now


def _progress_bars(*, quiet: bool = False) -> Progress:
    """The bars a build draws through ``_RichProgress`` (no refresh thread: see there)."""
    return Progress(SpinnerColumn(), TextColumn("{task.description:>8}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=console, disable=quiet,
                    transient=False, auto_refresh=False)


def with_settings_options(command: Callable) -> Callable:
    """Give a command one option per setting (``--max-document-mb`` for
    ``max_document_mb``), its type, help, range and default read from ``Settings``; the
    command receives the values given as ``settings_given`` (None: not given, so the
    settings file or the default decides). A setting added to ``Settings`` is an option of
    every such command at once. Ranges are checked by ``Settings`` (a coded E209 naming
    the option), not by click, so a flag and a file entry are refused alike."""
    infos = setting_infos()
    own = [p for name, p in inspect.signature(command, eval_str=True).parameters.items()
           if name != "settings_given"]
    extra = [
        inspect.Parameter(info.name, inspect.Parameter.KEYWORD_ONLY, default=None,
                          annotation=Annotated[Optional[info.type], typer.Option(
                              help=_setting_help(info), rich_help_panel="Settings")])
        for info in infos
    ]

    @functools.wraps(command)
    def run(**values):
        given = {info.name: values.pop(info.name) for info in infos}
        return command(**values, settings_given=given)

    run.__signature__ = inspect.Signature(own + extra)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in own + extra}
    return run


def _setting_help(info) -> str:
    allowed = f"; {info.allowed}" if info.allowed else ""
    default = f"'{info.default}'" if isinstance(info.default, str) else info.default
    return f"{escape(info.help)} [dim](default {escape(str(default))}{escape(allowed)})[/dim]"


@app.command()
@with_settings_options
def build(
    sources: Annotated[list[str], typer.Argument(help="Files, directories (read recursively) and globs, mixed.")],
    db: DbOption = DEFAULT_DB,
    config: ConfigOption = None,
    outlet: Annotated[
        Optional[str],
        typer.Option(help="Outlet of every article read in this build (overrides what the "
                          "pages say; a folder's claimledger.meta.toml can set it per folder)."),
    ] = None,
    published: Annotated[
        Optional[str],
        typer.Option(help="Publication date of every article read in this build "
                          "(YYYY-MM-DD; overrides what the pages say)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    stats: Annotated[
        Optional[Path],
        typer.Option(help="Write the build's counts and per-rule counters (JSON) to this file."),
    ] = None,
    settings_given: Optional[dict] = None,
) -> None:
    """Read articles into the ledger: ingest, clean page chrome, extract claims, link them
    across articles (incremental: only new or changed articles are processed).

    Example: [bold]claimledger build articles/ feeds/*.xml crawl.warc.gz --db story.db[/bold]

    One outlet's saved pages: [bold]claimledger build saved/ --outlet "Harbour Gazette" --published 2024-05-02[/bold]

    On a Dask cluster: [bold]claimledger build articles/ --executor dask --scheduler tcp://10.0.0.5:8786[/bold]
    """
    from claimledger.build import build as run_build
    from claimledger.ingest import Stated
    from claimledger.store import Ledger

    settings = Settings.load(config, **(settings_given or {}))
    stated = None
    if outlet is not None or published is not None:
        stated = Stated.checked(outlet=outlet, published=published)
    ledger = Ledger(db)
    with _progress_bars(quiet=quiet) as bar:
        report = run_build(sources, ledger, settings, progress=_RichProgress(bar), stated=stated)
    _print_build_summary(report, db)
    if stats is not None:
        stats.write_text(json.dumps({"counts": dict(report.counts), "seconds": report.seconds,
                                     "rules": dict(sorted(report.rules.items()))}, indent=1),
                         encoding="utf-8")
    if not quiet:
        _print_story(ledger)
    if not report.ok:
        raise typer.Exit(EXIT_REJECTED)


def _print_story(ledger, *, top: int = 8) -> None:
    """The state of the story in a few lines: the measures that matter most."""
    from claimledger.report.views import story

    data = story(ledger, top_measures=top)
    if not data["measures"]:
        return
    table = Table(title=f"Story: {len(data['documents'])} articles, {len(data['outlets'])} outlets, "
                        f"{data['first'] or '?'} to {data['last'] or '?'}, {data['origins']} independent origins")
    table.add_column("measure")
    table.add_column("claims", justify="right")
    table.add_column("origins", justify="right")
    table.add_column("values", justify="right")
    table.add_column("flags")
    for measure in data["measures"]:
        table.add_row(escape(measure["label"]), str(measure["claims"]), str(measure["origins"]),
                      measure["range_text"], ", ".join(measure["flag_names"]))
    console.print(table)


def _print_build_summary(report, db: str) -> None:
    table = Table(title=f"Build {report.build_id} into {db}", show_header=True)
    table.add_column("outcome")
    table.add_column("documents", justify="right")
    for key in ("read", "new", "revised", "unchanged", "duplicate", "cleaned", "claims",
                "reuse pairs", "rejected", "skipped"):
        table.add_row(key, str(report.counts.get(key, 0)))
    console.print(table)
    if report.rules:
        families: dict[str, list[str]] = {}
        for name, n in sorted(report.rules.items(), key=lambda item: (-item[1], item[0])):
            family, rule = name.split(": ", 1)
            families.setdefault(family, []).append(f"{rule} {n}")
        for family, rules in families.items():
            console.print(f"{family}: " + ", ".join(rules), style="dim", markup=False, soft_wrap=True)
    if report.seconds:
        console.print("time: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.seconds.items()),
                      style="dim")
    for item in report.rejected:
        console.print(f"rejected {item}", style="red", markup=False, soft_wrap=True)
    for item in report.skipped:
        console.print(f"skipped {item.path}: {item.reason}", style="dim", markup=False, soft_wrap=True)


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="What to export: claims, documents, reuse or measures.")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv, parquet, or claimreview (claims as schema.org JSON-LD).")] = "jsonl",
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
    """Export a table of the ledger in an open format (schema v1), or claims as schema.org
    ClaimReview JSON-LD.

    Example: [bold]claimledger export claims --format csv -o claims.csv[/bold]
    """
    from claimledger.export import table_rows, write_rows
    from claimledger.store import Ledger

    ledger = Ledger(db, create=False)
    if format == "claimreview":
        _export_claimreview(ledger, table, output)
        return
    rows, schema = table_rows(ledger, table, all_versions=all_versions, extras=extra)
    count = write_rows(rows, table=table, fmt=format, out=str(output) if output else None,
                       schema=schema)
    if output:
        console.print(f"Wrote {count} {table} to {output}")


def _export_claimreview(ledger, table: str, output: Path | None) -> None:
    import json

    from claimledger.claimreview import claimreview_document

    if table != "claims":
        raise ClaimledgerError("E203", fmt="claimreview", table=table, choices="jsonl, csv, parquet")
    text = json.dumps(claimreview_document(ledger), ensure_ascii=False, indent=1)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
        console.print(f"Wrote {output}")
    else:
        sys.stdout.write(text + "\n")


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id, as in `export documents` (e.g. report-04.txt).")],
    db: DbOption = DEFAULT_DB,
    chrome: Annotated[bool, typer.Option("--chrome", help="Show the removed page chrome, with reasons.")] = False,
    trace: Annotated[bool, typer.Option("--trace", help="Explain the cleaned text: why each claim was or was not found (see `explain`).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --trace: the trace as JSON.")] = False,
    config: ConfigOption = None,
) -> None:
    """Show a document's cleaned text, what cleaning removed from it and why, or the trace
    of its claims.

    Example: [bold]claimledger show valley-courier-2025-03-14.txt --chrome[/bold]

    Why each row: [bold]claimledger show valley-courier-2025-03-14.txt --trace[/bold]
    """
    from claimledger.store import Ledger

    document = Ledger(db, create=False).find(doc)
    if trace:
        from claimledger.explain import explain_document

        model = Settings.load(config).spacy_model  # the build's model: the stored claims' ids
        _print_trace(explain_document(document, model=model), as_json=as_json)
        return
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
def explain(
    text: Annotated[str, typer.Argument(help="The text to explain: a sentence or more (lines are paragraphs).")],
    published: Annotated[Optional[str], typer.Option(help="Publication date (YYYY-MM-DD): dates such as 'on Tuesday' are read from it.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet that published the text: it is not taken for a source.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The trace as JSON.")] = False,
    parse: Annotated[bool, typer.Option(help="Show the parse, one token a line.")] = True,
    config: ConfigOption = None,
) -> None:
    """Explain what extraction finds in a text and why: per sentence the trigger that let it
    through, the parse, each number kept or dropped (with the rule that dropped it), the
    attribution path, and each claim's status cause, counted thing and measure key.

    Example: [bold]claimledger explain "At least 40 people died, police said." --published 2025-03-14[/bold]
    """
    from claimledger.explain import explain_text
    from claimledger.ingest import Stated

    stated = Stated.checked(outlet=outlet, published=published)  # a bad date: coded error
    trace = explain_text(text, published=stated.published, outlet=stated.outlet,
                         model=Settings.load(config).spacy_model)
    _print_trace(trace, as_json=as_json, parse=parse)


def _print_trace(trace, *, as_json: bool, parse: bool = True) -> None:
    from claimledger.explain import as_json as trace_json, render

    sys.stdout.write((trace_json(trace) if as_json else render(trace, parse=parse)) + "\n")


@app.command()
def demo(
    db: DbOption = DEFAULT_DB,
    config: ConfigOption = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the report.")] = Path(
        "claimledger-demo.html"),
) -> None:
    """Build the bundled demo corpus (a fictional evolving story, 12 articles in 4 formats)
    and write its report.

    Example: [bold]claimledger demo && claimledger measures[/bold]
    """
    from claimledger.build import build as run_build
    from claimledger.demo import corpus_path
    from claimledger.report import write_report
    from claimledger.store import Ledger

    ledger = Ledger(db)
    with _progress_bars() as bar:
        report = run_build([str(corpus_path())], ledger, Settings.load(config),
                           progress=_RichProgress(bar))
    _print_build_summary(report, db)
    _print_story(ledger)
    write_report(ledger, output, title="Demo story: the Corrin Ridge Dam collapse")
    console.print(f"Report: {output.resolve()}")
    console.print(f"Next: [bold]claimledger serve --db {escape(db)}[/bold] or "
                  f"[bold]claimledger export claims --db {escape(db)}[/bold]")
    if not report.ok:
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def settings(config: ConfigOption = None) -> None:
    """Print every setting as a settings file (TOML), each with its help, range and default;
    with --config, the values that file sets.

    Example: [bold]claimledger settings > claimledger.toml[/bold]
    """
    sys.stdout.write(settings_toml(Settings.load(config)))


@app.command()
def report(
    db: DbOption = DEFAULT_DB,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("report.html"),
    title: Annotated[Optional[str], typer.Option(help="Title of the report.")] = None,
) -> None:
    """Write the story report: one self-contained HTML file that works offline and prints.

    Example: [bold]claimledger report --db story.db -o story.html[/bold]
    """
    from claimledger.report import write_report
    from claimledger.store import Ledger

    path = write_report(Ledger(db, create=False), output, title=title)
    console.print(f"Wrote {path.resolve()} ({path.stat().st_size / 1e3:.0f} kB)")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind; the default serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    writable: Annotated[bool, typer.Option(help="Allow adding articles through POST /api/articles "
                                                "(each POST needs the token printed at start-up).")] = False,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server worker processes.")] = 1,
) -> None:
    """Serve the ledger as a web app: story, measures, claims with filters, documents, copy
    map, sources, and a JSON API (OpenAPI at /openapi.json). It answers loopback names only
    unless --host names another address, and warns when it listens beyond this machine.

    Example: [bold]claimledger serve --db story.db --port 8000[/bold]
    """
    from claimledger.web import serve as serve_web

    serve_web(db, host=host, port=port, writable=writable, workers=workers,
              say=lambda line: console.print(escape(line)))


# The flags link/flags.py sets on a measure.
FLAG_NAMES = ("agreement", "disagreement", "revision", "denied", "single-origin")


def _statuses() -> tuple[str, ...]:
    from claimledger.extract.status import STATUSES

    return STATUSES


def _one_of(choices: Callable[[], tuple[str, ...]]) -> Callable[[Optional[str]], Optional[str]]:
    """An option callback that refuses a value outside ``choices()``, listing them (exit 2)."""

    def check(value: Optional[str]) -> Optional[str]:
        if value is not None and value not in (allowed := choices()):
            raise typer.BadParameter(f"'{value}' is not one of: {', '.join(allowed)}")
        return value

    return check


FilterStatus = Annotated[Optional[str], typer.Option(
    help="asserted, reported, claimed, confirmed, estimated, speculative or denied.",
    callback=_one_of(_statuses))]


@app.command()
def claims(
    db: DbOption = DEFAULT_DB,
    measure: Annotated[Optional[str], typer.Option(help="Measure id (see `claimledger measures`).")] = None,
    source: Annotated[Optional[str], typer.Option(help="Canonical source name.")] = None,
    status: FilterStatus = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet name.")] = None,
    since: Annotated[Optional[str], typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    min_value: Annotated[Optional[float], typer.Option(help="Figures of at least this value.")] = None,
    max_value: Annotated[Optional[float], typer.Option(help="Figures of at most this value.")] = None,
    text: Annotated[Optional[str], typer.Option(help="Words the sentence contains.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
) -> None:
    """List claims as a table, with filters.

    Example: [bold]claimledger claims --status denied --since 2025-03-05[/bold]
    """
    from claimledger.report.views import claim_row
    from claimledger.store import Ledger

    rows, total = Ledger(db, create=False).find_claims(
        measure=measure, source=source, status=status, outlet=outlet, date_from=since,
        date_to=until, value_min=min_value, value_max=max_value, text=text, limit=limit)
    table = Table(title=f"{total} claims" + (f" (first {limit})" if total > limit else ""))
    for column in ("figure", "counted", "source", "via", "status", "outlet", "date", "doc"):
        table.add_column(column, overflow="fold")
    for row in map(claim_row, rows):
        table.add_row(escape(row["figure"] or row["kind"]), escape(row["counted"] or ""),
                      escape(row["source"] or "—"), escape(row["via_text"]), row["status"],
                      escape(row["outlet"] or ""), row["day"], escape(row["doc"]))
    Console().print(table)


@app.command()
def measures(
    db: DbOption = DEFAULT_DB,
    flag: Annotated[Optional[str], typer.Option(
        help="Only measures with this flag (agreement, disagreement, revision, denied, single-origin).",
        callback=_one_of(lambda: FLAG_NAMES))] = None,
    text: Annotated[Optional[str], typer.Option(help="Words the label contains.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 30,
) -> None:
    """List measures (claims about one quantity across articles), most important first.

    Example: [bold]claimledger measures --flag disagreement[/bold]
    """
    from claimledger.report.views import story
    from claimledger.store import Ledger

    rows = story(Ledger(db, create=False))["measures"]
    if flag:
        rows = [m for m in rows if flag in m["flag_names"]]
    if text:
        rows = [m for m in rows if text.lower() in m["label"].lower()]
    table = Table(title=f"{len(rows)} measures" + (f" (first {limit})" if len(rows) > limit else ""))
    for column in ("measure", "label", "claims", "origins", "sources", "values", "flags"):
        table.add_column(column, overflow="fold")
    for row in rows[:limit]:
        table.add_row(row["id"], escape(row["label"]), str(row["claims"]), str(row["origins"]),
                      str(row["sources"]), row["range_text"], ", ".join(row["flag_names"]))
    Console().print(table)


def main() -> None:
    """Console-script entry point: runs the app, turning library errors into coded messages."""
    from claimledger.run.local import single_threaded_numerics

    single_threaded_numerics()  # before numpy loads: see claimledger/run/local.py
    try:
        app()  # click handles usage errors (exit 2) and typer.Exit codes itself
    except ClaimledgerError as error:
        console.print(f"[bold red]Error[/bold red] [{error.code}] {escape(error.reason)}")
        sys.exit(1)
