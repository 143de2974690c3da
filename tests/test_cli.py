"""The command line: every command documented with an example, exports in every format."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.cli import app
from claimledger.export import SCHEMAS

from conftest import DATA

README = Path(__file__).resolve().parents[1] / "README.md"


def command_names() -> list[str]:
    import typer.main

    return sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("command", command_names())
def test_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_readme_documents_every_command():
    readme = README.read_text(encoding="utf-8")
    missing = [c for c in command_names() if f"claimledger {c}" not in readme]
    assert missing == []


@pytest.fixture()
def built(tmp_path, runner) -> Path:
    db = tmp_path / "ledger.db"
    result = runner.invoke(app, ["build", str(DATA / "ingest"), "--db", str(db), "-q"])
    assert result.exit_code == 3  # the folder holds records that are rejected on purpose
    return db


def test_export_documents_jsonl_has_the_schema_fields(runner, built):
    result = runner.invoke(app, ["export", "documents", "--db", str(built)])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 13  # every good record of tests/data/ingest
    assert all(list(row) == list(SCHEMAS["documents"]) for row in rows)
    page = next(row for row in rows if row["doc"] == "page.html")
    assert page["outlet"] == "Southport Ledger" and page["chars"] == len(page["text"])


def test_export_documents_csv_and_parquet_agree(runner, built, tmp_path):
    csv_out = runner.invoke(app, ["export", "documents", "--db", str(built), "--format", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(csv_out)))
    parquet = tmp_path / "docs.parquet"
    result = runner.invoke(app, ["export", "documents", "--db", str(built), "-f", "parquet", "-o", str(parquet)])
    assert result.exit_code == 0
    import pyarrow.parquet as pq

    table = pq.read_table(parquet)
    assert table.column_names == list(SCHEMAS["documents"])
    assert table.column("doc").to_pylist() == [row["doc"] for row in rows]
    assert table.column("chars").to_pylist() == [int(row["chars"]) for row in rows]


def test_show_prints_text_or_removed_chrome(runner, built):
    text = runner.invoke(app, ["show", "page.html", "--db", str(built)])
    assert "leaving about 900 islanders" in text.stdout
    chrome = runner.invoke(app, ["show", "page.html", "--db", str(built), "--chrome"])
    assert chrome.exit_code == 0 and "reason" in chrome.stdout


def test_show_trace_explains_the_stored_text(runner, built):
    shown = runner.invoke(app, ["show", "page.html", "--db", str(built), "--trace", "--json"])
    assert shown.exit_code == 0, shown.output
    trace = json.loads(shown.stdout)
    assert trace["doc"] == "page.html" and trace["sentences"]
    stored = [json.loads(line) for line in runner.invoke(
        app, ["export", "claims", "--db", str(built)]).stdout.splitlines()]
    traced = sorted(c["id"] for s in trace["sentences"] for c in s["claims"])
    assert traced == sorted(c["id"] for c in stored if c["doc"] == "page.html")


def test_explain_prints_the_trace_or_its_json(runner):
    text = "At least 40 people were killed, the agency said on 14 March."
    plain = runner.invoke(app, ["explain", text, "--published", "2025-03-20", "--no-parse"])
    assert plain.exit_code == 0, plain.output
    assert "trigger: digit '40'" in plain.stdout and "by is_date" in plain.stdout
    assert "parse:" not in plain.stdout
    data = json.loads(runner.invoke(app, ["explain", text, "--json"]).stdout)
    (sentence,) = data["sentences"]
    assert sentence["parse"] and [c["status"] for c in sentence["claims"]] == ["reported"]


def test_explain_refuses_a_bad_date():
    bad = run_cli("explain", "Police said 300 homes burned.", "--published", "someday")
    assert bad.returncode == 1 and "[E209]" in bad.stderr


def test_demo_builds_the_bundled_corpus(runner, tmp_path):
    db = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["export", "documents", "--db", str(db)]).stdout.splitlines()
    assert len(listed) == 12


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimledger", *args], capture_output=True, text=True)


def test_errors_are_coded_messages_with_exit_status_1(tmp_path):
    missing = run_cli("export", "documents", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 1 and "[E104]" in missing.stderr and "Traceback" not in missing.stderr
    (tmp_path / "a.txt").write_text("Some words here.\n")
    run_cli("build", str(tmp_path / "a.txt"), "--db", str(tmp_path / "l.db"), "-q")
    unknown = run_cli("export", "nonsense", "--db", str(tmp_path / "l.db"))
    assert unknown.returncode == 1 and "[E203]" in unknown.stderr
    parquet = run_cli("export", "documents", "--db", str(tmp_path / "l.db"), "-f", "parquet")
    assert parquet.returncode == 1 and "[E207]" in parquet.stderr


def test_bad_usage_exits_with_2():
    assert run_cli("build").returncode == 2
    assert run_cli("no-such-command").returncode == 2


def test_settings_file_is_read_and_checked(tmp_path):
    (tmp_path / "a.txt").write_text("A headline for the test\n\nA sentence with 3 figures in it.\n")
    config = tmp_path / "settings.toml"
    config.write_text("max_document_mb = 0.00001\n")
    small = run_cli("build", str(tmp_path / "a.txt"), "--db", str(tmp_path / "l.db"), "--config", str(config), "-q")
    assert small.returncode == 3 and "[E006]" in small.stderr
    config.write_text("max_documents_mb = 1\n")
    wrong = run_cli("build", str(tmp_path / "a.txt"), "--db", str(tmp_path / "l.db"), "--config", str(config))
    assert wrong.returncode == 1 and "[E205]" in wrong.stderr


def test_serve_warns_beyond_loopback_and_prints_the_write_token(runner, built, monkeypatch):
    import uvicorn

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **options: served.append(options))
    local = runner.invoke(app, ["serve", "--db", str(built)])
    assert local.exit_code == 0 and "Warning" not in local.output and "token" not in local.output.lower()
    exposed = runner.invoke(app, ["serve", "--db", str(built), "--host", "0.0.0.0", "--writable"])
    assert exposed.exit_code == 0, exposed.output
    assert "Warning: 0.0.0.0 is reachable from other machines" in " ".join(exposed.output.split())
    assert "X-Claimledger-Token" in exposed.output
    assert [options["host"] for options in served] == ["127.0.0.1", "0.0.0.0"]


def test_build_stats_counts_each_rule_and_adds_up(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "quay.txt").write_text(
        "Quay fire\n\nThe harbour master, 61, said 40 boats were lost on 3 May. Officials denied "
        "that the crane had failed. Call 0800 123 456 for news.\n", encoding="utf-8")
    stats = tmp_path / "stats.json"
    result = runner.invoke(app, ["build", str(folder), "--db", str(tmp_path / "q.db"), "-q",
                                 "--stats", str(stats)])
    assert result.exit_code == 0, result.output
    written = json.loads(stats.read_text(encoding="utf-8"))
    rules = written["rules"]
    kinds = sum(n for name, n in rules.items() if name.startswith("kind: "))
    assert kinds == written["counts"]["claims"] > 0
    assert sum(n for name, n in rules.items() if name.startswith("status: ")) == kinds
    assert rules["not a claim: is_person_age"] >= 1  # "61"
    assert any(name.startswith("not a claim: is_date") for name in rules)  # "3 May"
    assert rules.get("attribution: denied", 0) >= 1
    assert "is_person_age" in "".join(result.output.split())  # the summary lists the rules
