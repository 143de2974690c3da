"""An unexpected error in one document never stops the batch, and a broken install stops
the build with a coded message before anything is read."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import claimledger.build
import claimledger.ingest.records
from claimledger.build import build
from claimledger.cli import EXIT_REJECTED, app
from claimledger.errors import ClaimledgerError
from claimledger.ingest import READERS
from claimledger.store import Ledger

STORIES = {
    "first.txt": "Road works begin\n\nCrews started work on 3 bridges on Monday, the roads office said.\n",
    "second.txt": "Clinic hours extended\n\nThe clinic will open 2 more evenings a week, its director said.\n",
    "third.txt": "Market moves indoors\n\nThe weekly market moved into a hall with 60 stalls, the organisers said.\n",
}


@pytest.fixture()
def folder(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in STORIES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def stored(ledger: Ledger) -> set[str]:
    return {row["doc"] for row in ledger.documents()}


def test_a_reader_failing_on_one_file_is_a_rejection_naming_it(folder, ledger, settings, monkeypatch):
    read_text = READERS["text"]

    def failing(source, settings):
        if source.name == "second.txt":
            raise KeyError("a bug in a reader")
        return read_text(source, settings)

    monkeypatch.setitem(READERS, "text", failing)
    report = build([str(folder)], ledger, settings)
    [rejection] = report.rejected
    assert (Path(rejection.path).name, rejection.code) == ("second.txt", "E021")
    assert rejection.reason == "internal error in read: KeyError: 'a bug in a reader'"
    assert stored(ledger) == {"first.txt", "third.txt"}


def test_a_failure_on_one_record_keeps_the_rest_of_the_file(tmp_path, ledger, settings, monkeypatch):
    lines = [f'{{"id": "n{n}", "text": "The council said {n} roads were closed on Friday."}}'
             for n in range(1, 4)]
    (tmp_path / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    make_document = claimledger.ingest.records._record_document

    def failing(source, record, number, *args, **kwargs):
        if number == 2:
            raise RecursionError("maximum recursion depth exceeded")
        return make_document(source, record, number, *args, **kwargs)

    monkeypatch.setattr(claimledger.ingest.records, "_record_document", failing)
    report = build([str(tmp_path / "records.jsonl")], ledger, settings)
    assert [(r.code, r.record) for r in report.rejected] == [("E021", "line 2")]
    assert stored(ledger) == {"records.jsonl#n1", "records.jsonl#n3"}


def fail_cleaning(monkeypatch, name: str, error: Exception) -> None:
    """Make cleaning raise `error` for the document called `name`, and only for it."""
    clean = claimledger.build.clean_document

    def failing(doc, **kwargs):
        if doc.doc == name:
            raise error
        return clean(doc, **kwargs)

    monkeypatch.setattr(claimledger.build, "clean_document", failing)


def test_cleaning_failing_on_one_document_keeps_the_others(folder, ledger, settings, monkeypatch):
    fail_cleaning(monkeypatch, "third.txt", ValueError("a bug in cleaning"))
    report = build([str(folder)], ledger, settings)
    [rejection] = report.rejected
    assert (Path(rejection.path).name, rejection.record) == ("third.txt", "document third.txt")
    assert rejection.reason == "internal error in clean: ValueError: a bug in cleaning"
    assert report.counts["cleaned"] == 2
    assert len(ledger.pending("ingested")) == 1  # stored as read: the next build retries it


def test_the_cli_reports_the_failure_and_exits_3(folder, tmp_path, runner, monkeypatch):
    fail_cleaning(monkeypatch, "first.txt", IndexError("list index out of range"))
    db = tmp_path / "ledger.db"
    result = runner.invoke(app, ["build", str(folder), "--db", str(db), "-q", "--workers", "1"])
    assert result.exit_code == EXIT_REJECTED, result.output
    assert "first.txt (document first.txt): [E021] internal error in clean: IndexError" in result.output
    assert "Traceback" not in result.output


def test_a_package_that_cannot_be_imported_stops_the_build_before_reading(folder, ledger, settings,
                                                                        monkeypatch):
    real_import = importlib.import_module

    def broken(name, *args):
        if name == "trafilatura":
            raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")
        return real_import(name, *args)

    monkeypatch.setattr(claimledger.build.importlib, "import_module", broken)
    with pytest.raises(ClaimledgerError) as raised:
        build([str(folder)], ledger, settings)
    assert raised.value.code == "E304"
    assert "trafilatura (ImportError: lxml.html.clean module" in raised.value.reason
    assert stored(ledger) == set()
    assert ledger.rejections() == []


def test_a_broken_model_is_a_coded_error_in_the_cli(folder, tmp_path, runner, monkeypatch):
    def broken(name):
        raise ValueError("[E053] Could not read config file")

    monkeypatch.setattr("claimledger.nlp.load_pipeline", broken)
    db = tmp_path / "ledger.db"
    result = runner.invoke(app, ["build", str(folder), "--db", str(db), "-q", "--workers", "1"])
    assert isinstance(result.exception, ClaimledgerError) and result.exception.code == "E305"
    assert "en_core_web_sm' is installed but cannot be loaded (ValueError" in result.exception.reason


def test_a_coded_error_crosses_process_boundaries_intact():
    import pickle

    error = pickle.loads(pickle.dumps(ClaimledgerError("E305", model="m", detail="d")))
    assert (error.code, error.reason) == ("E305", ClaimledgerError("E305", model="m", detail="d").reason)


def test_the_same_text_under_another_name_is_reported_as_a_duplicate(folder, ledger, settings):
    (folder / "copy-of-first.txt").write_text(STORIES["first.txt"], encoding="utf-8")
    report = build([str(folder)], ledger, settings)
    assert (report.counts["new"], report.counts["unchanged"], report.counts["duplicate"]) == (3, 1, 1)
    assert report.ok
    [skipped] = report.skipped
    assert Path(skipped.path).name == "first.txt"  # sorted: the copy is read first
    assert skipped.reason == "duplicate of document 'copy-of-first.txt' (the same text)"
    again = build([str(folder)], ledger, settings)  # reading the same files again is no duplicate
    assert (again.counts["unchanged"], again.counts["duplicate"]) == (4, 1)
