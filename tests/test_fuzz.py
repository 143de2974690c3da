"""Fuzzed inputs through the build: no input may crash, hang or exhaust a batch.

Each format gets mutations of the test fixtures (truncations, bit flips, splices with other
fixtures), random bytes, odd encodings and pathological structure, and each example is
built beside one good article into a fresh ledger. Whatever the input, no exception
escapes, no unexpected error is caught on the way (E021 would be a reader's bug),
every rejection names the fuzzed file (and its record inside a container), and the good
article is stored and cleaned.

Two budgets: the test suite runs a few derandomised examples per format (the ``suite``
profile); ``make fuzz`` runs this module as a script, thousands of examples per format
(the ``fuzz`` profile), with a watchdog on every example and the process's peak memory
measured. Reading and cleaning are fuzzed in full; parsing claims with the spaCy model
costs far more per document, so the whole build (the CLI's ``build``, exit code 0 or 3)
gets a smaller budget of the same inputs.
"""

from __future__ import annotations

import argparse
import faulthandler
import functools
import gzip
import os
import re
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings as hypothesis_settings
from hypothesis import strategies as st

from claimledger.build import BuildReport, clean_pending, ingest
from claimledger.ingest.safety import storable
from claimledger.model import Rejection
from claimledger.settings import Settings
from claimledger.store import Ledger

TESTS = Path(__file__).parent
FIXTURES = [TESTS / "fixtures" / "formats", TESTS / "data" / "ingest", TESTS / "data" / "hostile"]
GOOD = ("Harbour works finish early\n\nThe port authority said the new quay opened on "
        "Tuesday, three weeks ahead of plan, and 12 ferries a day now use it.\n")

# format -> (file name of the fuzzed input, the fixtures it starts from, gzipped)
FORMATS = {
    "text": ("story.txt", (".txt",), False),
    "html": ("page.html", (".html",), False),
    "json": ("article.json", (".json",), False),
    "jsonl": ("records.jsonl", (".jsonl",), False),
    "warc": ("crawl.warc", (".warc",), False),
    "rss": ("feed.rss", (".rss", "feed-rss.xml"), False),
    "atom": ("feed.atom", (".atom", "feed-atom.xml"), False),
    "jsonl.gz": ("records.jsonl.gz", (".jsonl",), True),
    "warc.gz": ("crawl.warc.gz", (".warc",), True),
}
# Codes a container gives per record: such a rejection must say which record.
RECORD_CODES = {"E013", "E017"}
CONTAINERS = {"json", "jsonl", "warc", "rss", "atom", "jsonl.gz", "warc.gz"}

hypothesis_settings.register_profile(
    "suite", max_examples=25, deadline=None, derandomize=True, database=None,
    suppress_health_check=list(HealthCheck),
)
# No shrinking nor explaining: on inputs of megabytes either can take many minutes (the
# explain phase traces every line run, and the watchdog would take it for a hang). The
# failing input is saved as it was generated; the suite's profile shrinks.
hypothesis_settings.register_profile(
    "fuzz", max_examples=2000, deadline=None, database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target],
)


def _fixtures() -> dict[str, bytes]:
    found = {}
    for folder in FIXTURES:
        for path in sorted(folder.iterdir()):
            found[f"{folder.name}/{path.name}"] = path.read_bytes()
    return found


ALL_FIXTURES = _fixtures()


def seeds(fmt: str) -> list[bytes]:
    endings = FORMATS[fmt][1]
    return [data for name, data in ALL_FIXTURES.items() if name.endswith(endings)]


# Pathological pieces: deep nesting, many attributes, huge single tokens, runs of the
# characters that patterns and parsers treat specially. Each is built from a drawn count.
PIECES = {
    "word": lambda n: "x" * n,
    "url": lambda n: "https://example.org/" + "a1/" * n,
    "braces": lambda n: "{" * n,
    "placeholders": lambda n: "{{ " * n,
    "template": lambda n: "{%" * n,
    "dollar": lambda n: "${" * n,
    "wiki": lambda n: "[[" * n,
    "percent": lambda n: "%ABC" * n,
    "code": lambda n: "if (a.b(return x " * n,
    "css": lambda n: "a-b: c " * n,
    "dots": lambda n: "." * n,
    "stops": lambda n: "A. " * n,
    "spaces": lambda n: " " * n + "x",
    "newlines": lambda n: "\n" * n,
    "lines": lambda n: "Menu | Home | News\n" * n,
    "sentences": lambda n: "The agency said 40 people were hurt. " * n,
    "quotes": lambda n: "\u201c" * n,
    "div": lambda n: "<div>" * n + "<p>Text here.</p>" + "</div>" * n,
    "open-div": lambda n: "<div>" * n,
    "attributes": lambda n: "<p " + " ".join(f'a{i}="{i}"' for i in range(n)) + ">Text.</p>",
    "comments": lambda n: "<!--" * n,
    "tags": lambda n: "<" * n,
    "entities": lambda n: "&#" * n + "&amp;" * n,
    "table": lambda n: "<table><tr><td>" * n,
    "cdata": lambda n: "<![CDATA[" * n,
    "items": lambda n: "<item><title>T</title><description>The council said 3 roads shut."
                       "</description></item>" * n,
    "entries": lambda n: "<entry><title>T</title><content>Text.</content></entry>" * n,
    "nested-items": lambda n: "<item>" * n,
    "json-deep": lambda n: "[" * n + "]" * n,
    "json-open": lambda n: '{"a":' * n,
    "json-keys": lambda n: "{" + ",".join(f'"k{i}": {i}' for i in range(n)) + ', "text": "Words here."}',
    "json-surrogates": lambda n: '{"id": "\\ud800", "title": "\\udfff", "text": "Say \\ud83d' + "\\udc00" * n + '"}',
    "json-numbers": lambda n: '{"text": "Words.", "published": ' + "9" * n + "}",
    "warc-headers": lambda n: "WARC/1.0\r\n" + "WARC-Type: response\r\n" * n + "\r\n",
    "warc-length": lambda n: f"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: {10 ** (n % 30)}\r\n\r\n",
}
ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis",
             "euc-jp", "koi8-r", "gb18030", "utf-8-sig")
NON_ASCII = ("é", "ü", "—", "’", "日本語", "Привет", "€", "\u00a0", "\ufeff", "\u200b", "😀")
RAW_BYTES = (b"\xed\xa0\x80", b"\xff\xfe", b"\xef\xbb\xbf", b"\x00", b"\x1b[0m", b"\xc3", b"\r")


@st.composite
def truncated(draw, pool):
    data = draw(st.sampled_from(pool))
    return data[: draw(st.integers(0, len(data)))]


@st.composite
def flipped(draw, pool):
    data = bytearray(draw(st.sampled_from(pool)))
    for position in draw(st.lists(st.integers(0, max(0, len(data) - 1)), min_size=1, max_size=8)):
        if data:
            data[position] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


@st.composite
def spliced(draw, pool):
    first, second = draw(st.sampled_from(pool)), draw(st.sampled_from(list(ALL_FIXTURES.values())))
    return first[: draw(st.integers(0, len(first)))] + second[draw(st.integers(0, len(second))):]


@st.composite
def encoded(draw, pool):
    text = draw(st.sampled_from(pool)).decode("utf-8", "replace")
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(NON_ASCII)) + text[at:]
    return text.encode(draw(st.sampled_from(ENCODINGS)), "replace")


@st.composite
def with_piece(draw, pool):
    data = draw(st.sampled_from(pool))
    piece = PIECES[draw(st.sampled_from(sorted(PIECES)))](draw(st.integers(1, 2_000))).encode()
    at = draw(st.integers(0, len(data)))
    return data[:at] + piece + data[at:]


@st.composite
def with_bytes(draw, pool):
    data = draw(st.sampled_from(pool))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(RAW_BYTES)) + data[at:]
    return data


@st.composite
def gzipped(draw, content):
    """Compressed content, sometimes cut or damaged after compression."""
    data = gzip.compress(draw(content), compresslevel=1)
    damage = draw(st.sampled_from(("none", "cut", "flip", "twice")))
    if damage == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "flip":
        position = draw(st.integers(0, len(data) - 1))
        data = data[:position] + bytes([data[position] ^ 0xFF]) + data[position + 1:]
    elif damage == "twice":
        data = data + data  # two members
    return data


def inputs(fmt: str) -> st.SearchStrategy[bytes]:
    """The fuzzed file's bytes for one format."""
    pool = seeds(fmt)
    content = st.one_of(
        truncated(pool), flipped(pool), spliced(pool), encoded(pool), with_piece(pool),
        with_bytes(pool), st.binary(max_size=2048), st.sampled_from(pool),
    )
    return gzipped(content) if FORMATS[fmt][2] else content


# A file name that is not valid UTF-8 (surrogate escapes on the way in) now and then.
NAMES = st.sampled_from((b"", b"caf\xe9-", b"\xff\xfe-", "r\u00e9sum\u00e9-".encode()))


@dataclass
class Tally:
    """What one format's fuzzing saw."""

    examples: int = 0
    slowest: float = 0.0
    slowest_input: bytes = b""
    codes: dict[str, int] = field(default_factory=dict)


def write_corpus(root: Path, fmt: str, data: bytes, prefix: bytes) -> tuple[Path, str]:
    """A folder of the good article and the fuzzed file; returns it and the file's label."""
    folder = root / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    path = os.path.join(os.fsencode(folder), prefix + FORMATS[fmt][0].encode())
    with open(path, "wb") as handle:
        handle.write(data)
    return folder, storable(os.fsdecode(path))


def check_rejections(rejected: list[Rejection], fmt: str, label: str) -> None:
    for rejection in rejected:
        assert rejection.path == label, rejection  # the good article is never rejected
        assert re.fullmatch(r"E\d{3}", rejection.code) and rejection.reason, rejection
        assert rejection.code != "E021", rejection  # an exception a reader did not expect
        if fmt in CONTAINERS and rejection.code in RECORD_CODES:
            assert rejection.record, rejection


def scratch() -> tempfile.TemporaryDirectory:
    """A scratch folder in memory where the system has one: thousands of small ledgers."""
    return tempfile.TemporaryDirectory(dir=SCRATCH if os.path.isdir(SCRATCH) else None)


SCRATCH = "/dev/shm"


@functools.cache
def empty_ledger() -> bytes:
    """The bytes of a new ledger's database, made once: migrating one costs more than an example."""
    with scratch() as tmp:
        Ledger(Path(tmp) / "empty.db").close()
        return (Path(tmp) / "empty.db").read_bytes()


def fresh_ledger(folder: Path) -> Ledger:
    path = folder / "ledger.db"
    path.write_bytes(empty_ledger())
    return Ledger(path)


def read_and_clean(fmt: str, data: bytes, prefix: bytes = b"") -> BuildReport:
    """One example through the build's read and clean stages, into a fresh ledger."""
    with scratch() as tmp:
        folder, label = write_corpus(Path(tmp), fmt, data, prefix)
        ledger = fresh_ledger(Path(tmp))
        try:
            settings = Settings(workers=1)
            report = BuildReport(build_id=ledger.start_build([str(folder)]))
            ingest([str(folder)], ledger, settings, report=report, progress=_QUIET)
            clean_pending(ledger, settings, report=report, progress=_QUIET)
            check_rejections(report.rejected, fmt, label)
            good = ledger.find("good.txt")
            assert good is not None and "new quay opened" in (good.text or "")
        finally:
            ledger.close()
    return report


def full_build(fmt: str, data: bytes, prefix: bytes = b"") -> int:
    """One example through the CLI's whole build; returns the exit code."""
    from typer.testing import CliRunner

    from claimledger.cli import app

    with scratch() as tmp:
        folder, label = write_corpus(Path(tmp), fmt, data, prefix)
        db = str(Path(tmp) / "ledger.db")
        fresh_ledger(Path(tmp)).close()
        result = CliRunner().invoke(app, ["build", str(folder), "--db", db, "-q", "--workers", "1"])
        assert result.exit_code in (0, 3), (result.output, result.exception)
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
        rejected = [line for line in result.output.splitlines() if line.startswith("rejected ")]
        assert all(line.startswith(f"rejected {label}") for line in rejected), rejected
        assert "[E021]" not in result.output, result.output
        assert (result.exit_code == 3) == bool(rejected), result.output
        ledger = Ledger(db)
        try:
            good = ledger.find("good.txt")
            assert good is not None and "new quay opened" in (good.text or "")
        finally:
            ledger.close()
    return result.exit_code


class _Quiet:
    def stage(self, name, total):
        pass

    def advance(self, name, amount=1):
        pass


_QUIET = _Quiet()


def fuzz(fmt: str, stage, *, profile: str, examples: int | None = None,
         watchdog: Watchdog | None = None) -> Tally:
    """Run ``stage`` on generated inputs of one format; returns what was seen."""
    tally = Tally()
    chosen = hypothesis_settings.get_profile(profile)
    if examples is not None:
        chosen = hypothesis_settings(chosen, max_examples=examples)

    @chosen
    @given(data=inputs(fmt), prefix=NAMES)
    def run(data: bytes, prefix: bytes) -> None:
        started = time.perf_counter()
        if watchdog:
            watchdog.begin(fmt, data)
        outcome = stage(fmt, data, prefix)
        elapsed = time.perf_counter() - started
        if watchdog:
            watchdog.end()
        tally.examples += 1
        if elapsed > tally.slowest:
            tally.slowest, tally.slowest_input = elapsed, data
        codes = [r.code for r in outcome.rejected] if isinstance(outcome, BuildReport) else [str(outcome)]
        for code in codes:
            tally.codes[code] = tally.codes.get(code, 0) + 1

    run()
    return tally


@pytest.mark.timeout(300)
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_fuzzed_inputs_are_read_and_cleaned_beside_a_good_article(fmt):
    tally = fuzz(fmt, read_and_clean, profile="suite")
    assert tally.examples >= 20


@pytest.mark.timeout(300)
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_fuzzed_inputs_build_with_exit_code_0_or_3(fmt):
    tally = fuzz(fmt, full_build, profile="suite", examples=3)
    assert set(tally.codes) <= {"0", "3"} and tally.examples >= 1


# --- make fuzz: the long run, as a script ---------------------------------------------

HANG_SECONDS = 10.0
MEMORY_LIMIT = 1 << 30


class Watchdog:
    """Ends the process when one example takes longer than the limit, with every thread's
    stack on stderr and the input left in ``fuzz-running-<format>.bin``. faulthandler's
    timer runs in C without the interpreter lock, so it fires even while a regular
    expression or a parser holds the lock (a thread of Python would wait for it)."""

    def __init__(self, limit: float, folder: Path) -> None:
        self.limit, self.folder = limit, folder

    def running(self, fmt: str) -> Path:
        return self.folder / f"fuzz-running-{fmt.replace('.', '-')}.bin"

    def begin(self, fmt: str, data: bytes) -> None:
        self.running(fmt).write_bytes(data)
        faulthandler.dump_traceback_later(self.limit, exit=True)

    def end(self) -> None:
        faulthandler.cancel_dump_traceback_later()


def peak_memory() -> int:
    """The process's peak resident memory in bytes (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def fuzz_format(fmt: str, examples: int, build_examples: int, out: Path) -> list[tuple]:
    """Both budgets for one format, in a process of its own (its peak memory is its own):
    (format, stage, examples, crashes, slowest seconds, slowest input size, peak bytes)."""
    watchdog = Watchdog(HANG_SECONDS, out)
    rows = []
    for stage, label, count in ((read_and_clean, "read+clean", examples),
                                (full_build, "build", build_examples)):
        if not count:
            continue
        seed = seeds(fmt)[0]
        stage(fmt, gzip.compress(seed) if FORMATS[fmt][2] else seed)  # imports, model: not timed
        started = time.perf_counter()
        try:
            tally, crashes = fuzz(fmt, stage, profile="fuzz", examples=count, watchdog=watchdog), 0
        except Exception as error:  # the failing example, as hypothesis reports it
            watchdog.end()
            watchdog.running(fmt).replace(watchdog.running(fmt).with_name(
                f"fuzz-crash-{fmt.replace('.', '-')}-{label}.bin"))
            print(f"CRASH in {fmt} ({label}): {type(error).__name__}: {str(error)[:3000]}",
                  file=sys.stderr, flush=True)
            tally, crashes = Tally(), 1
        if tally.slowest_input:
            (out / f"fuzz-slowest-{fmt.replace('.', '-')}-{label}.bin").write_bytes(tally.slowest_input)
        rows.append((fmt, label, tally.examples, crashes, tally.slowest, len(tally.slowest_input),
                     peak_memory(), time.perf_counter() - started))
        print(_row(rows[-1]), flush=True)
    watchdog.running(fmt).unlink(missing_ok=True)
    return rows


def _row(row: tuple) -> str:
    fmt, label, examples, crashes, slowest, size, peak, seconds = row
    return (f"{fmt:9} {label:10} examples {examples:5}  crashes {crashes}  slowest {slowest:5.2f} s "
            f"({size} bytes)  peak memory {peak / 1e6:4.0f} MB  [{seconds:.0f} s]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per format, read and clean")
    parser.add_argument("--build-examples", type=int, default=50,
                        help="examples per format through the whole build (spaCy parsing)")
    parser.add_argument("--formats", nargs="*", default=sorted(FORMATS), choices=sorted(FORMATS))
    parser.add_argument("--jobs", type=int, default=2, help="formats fuzzed at once, a process each")
    parser.add_argument("--out", type=Path, default=Path("."), help="where a failing input is saved")
    args = parser.parse_args(argv)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from concurrent.futures.process import BrokenProcessPool

    rows, hangs = [], []
    with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {fmt: pool.submit(fuzz_format, fmt, args.examples, args.build_examples, args.out)
                   for fmt in args.formats}
        for fmt, future in futures.items():
            try:
                rows.extend(future.result())
            except BrokenProcessPool:  # the watchdog ended a process: the pool is broken
                hangs.append(fmt)
    if hangs:
        running = sorted(path.name for path in args.out.glob("fuzz-running-*.bin"))
        print(f"HANG over {HANG_SECONDS:.0f} s, the input left in {', '.join(running)} "
              f"(formats not finished: {', '.join(hangs)})", file=sys.stderr)
        return 1
    print()
    for row in sorted(rows):
        print(_row(row))
    examples, crashes = sum(row[2] for row in rows), sum(row[3] for row in rows)
    slowest = max(rows, key=lambda row: row[4])
    peak = max(row[6] for row in rows)
    print(f"\n{examples} examples, {crashes} crashes, 0 hangs over {HANG_SECONDS:.0f} s; slowest "
          f"{slowest[4]:.2f} s ({slowest[0]}, {slowest[1]}, {slowest[5]} bytes); peak memory "
          f"{peak / 1e6:.0f} MB per process (limit 1 GiB)")
    if peak >= MEMORY_LIMIT:
        print("peak memory over the limit", file=sys.stderr)
        return 1
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
