"""Bad input: one clear line per file naming the reason, the batch goes on, nothing stored is
harmed, and the exit status says that something was rejected."""

from __future__ import annotations

import gzip
import os
import random
import sqlite3
from pathlib import Path


from claimledger.build import build
from claimledger.cli import EXIT_REJECTED, app
from claimledger.store import Ledger

from conftest import DATA
from warcs import page, write_warc

GOOD = "Ferry crossings resume\n\nCrossings to Orrin Island resumed on Monday with 2 sailings a day, the operator said.\n"


def rejections(report) -> dict[str, str]:
    return {Path(r.path).name + (f" ({r.record})" if r.record else ""): r.code for r in report.rejected}


def make(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_binary_junk_with_a_text_extension(tmp_path, ledger, settings):
    junk = random.Random(7).randbytes(5000)
    make(tmp_path, "junk.txt", junk)
    make(tmp_path, "image.html", b"\x89PNG\r\n\x1a\n" + junk)
    make(tmp_path, "good.txt", GOOD.encode())
    report = build([str(tmp_path)], ledger, settings)
    assert rejections(report) == {"junk.txt": "E004", "image.html": "E004"}
    assert report.counts["new"] == 1


def test_empty_and_blank_files(tmp_path, ledger, settings):
    make(tmp_path, "empty.txt", b"")
    make(tmp_path, "blank.md", b" \n\n\t \n")
    make(tmp_path, "empty.jsonl", b"")
    report = build([str(tmp_path)], ledger, settings)
    assert rejections(report) == {"empty.txt": "E003", "blank.md": "E003"}
    assert report.counts["read"] == 0  # an empty JSON lines file simply holds no records


def test_undecodable_bytes_fall_back_to_detection_without_crashing(tmp_path, ledger, settings):
    # Declared UTF-8 but written in Windows-1252: the declared charset fails, detection wins.
    html = ('<html><head><meta charset="utf-8"><title>Rents</title></head><body><article>'
            '<p>The caf\xe9 owners\x92 association said 12 members had closed since January, '
            'blaming rents that rose by 30 per cent.</p></article></body></html>').encode("latin-1")
    make(tmp_path, "mislabelled.html", html)
    make(tmp_path, "noise.txt", bytes(range(128, 256)) * 40)
    report = build([str(tmp_path)], ledger, settings)
    texts = {row["doc"]: row["text"] for row in ledger.documents()}
    assert "The café owners’ association said 12 members" in texts["mislabelled.html"]
    assert set(rejections(report)) <= {"noise.txt"}  # either decoded or refused, never a crash


def test_truncated_gzip_text_and_warc(tmp_path, ledger, settings):
    whole = gzip.compress((GOOD * 50).encode())
    make(tmp_path, "cut.txt.gz", whole[: len(whole) // 2])
    records = [(f"https://news.example/{n}", "text/html", "200 OK",
                page(f"Story {n} headline here", [f"Story {n} says {n}00 homes lost power on Sunday, the utility said."]),
                "2024-04-04T10:00:00Z") for n in range(1, 7)]
    warc = write_warc(tmp_path / "crawl.warc.gz", records, gzip=True)
    data = warc.read_bytes()
    warc.write_bytes(data[: int(len(data) * 0.6)])
    report = build([str(tmp_path)], ledger, settings)
    codes = rejections(report)
    assert codes["cut.txt.gz"] == "E007"
    assert codes["crawl.warc.gz"] == "E010"
    stored = [row["doc"] for row in ledger.documents()]
    assert stored and all(doc.startswith("crawl.warc.gz#") for doc in stored)  # records before the cut kept
    assert "stopped after" in next(r.reason for r in report.rejected if r.path.endswith("crawl.warc.gz"))


def test_malformed_html_and_warc(tmp_path, ledger, settings):
    make(tmp_path, "scripts-only.html", b"<html><body><script>var a = 1;</script></body></html>")
    make(tmp_path, "tags.html", b"<<<>>></p></div><p")
    make(tmp_path, "broken.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort")
    make(tmp_path, "notwarc.warc", b"this is not an archive at all\n")
    make(tmp_path, "bad.xml", b"<?xml version='1.0'?><rss><channel><item><title>x</ti")
    report = build([str(tmp_path)], ledger, settings)
    codes = rejections(report)
    assert codes["scripts-only.html"] == "E009" and codes["tags.html"] == "E019"
    assert codes["broken.warc"] == "E010" and codes["notwarc.warc"] == "E010"
    assert codes["bad.xml"] == "E011"


def test_huge_text_file_is_refused_without_reading_it(tmp_path, ledger, settings):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(200_000_000)  # sparse: 200 MB on paper, no time to write
    make(tmp_path, "good.txt", GOOD.encode())
    report = build([str(tmp_path)], ledger, settings)
    assert rejections(report) == {"huge.txt": "E006"}
    assert "200 MB is over the 50 MB limit" in report.rejected[0].reason
    assert report.counts["new"] == 1


def test_unreadable_file_and_folder(tmp_path, ledger, settings, monkeypatch):
    secret, closed = make(tmp_path, "secret.txt", GOOD.encode()), tmp_path / "closed"
    closed.mkdir()
    make(closed, "inside.txt", GOOD.replace("Monday", "Tuesday").encode())
    make(tmp_path, "good.txt", GOOD.replace("2 sailings", "3 sailings").encode())
    if os.geteuid() != 0:
        secret.chmod(0)
        closed.chmod(0)
    else:  # root reads everything: make the operating system's refusal happen for these paths
        real_read, real_scandir = Path.read_bytes, os.scandir

        def read_bytes(self):
            if self == secret:
                raise PermissionError(13, "Permission denied", str(self))
            return real_read(self)

        def scandir(path="."):
            if Path(path) == closed:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
        monkeypatch.setattr(os, "scandir", scandir)
    try:
        report = build([str(tmp_path)], ledger, settings)
    finally:
        secret.chmod(0o644)
        closed.chmod(0o755)
    assert rejections(report) == {"secret.txt": "E002", "closed": "E002"}
    assert report.counts["new"] == 1


def test_directory_loop_through_a_symlink(tmp_path, ledger, settings):
    root = tmp_path / "corpus"
    (root / "a").mkdir(parents=True)
    make(root / "a", "story.txt", GOOD.encode())
    (root / "a" / "back-to-root").symlink_to(root, target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")
    report = build([str(root)], ledger, settings)
    assert rejections(report) == {"back-to-root": "E015", "self.txt": "E016"}
    assert report.counts["new"] == 1


def test_bad_inputs_leave_stored_documents_intact_and_cli_reports_each(tmp_path, runner):
    db = tmp_path / "ledger.db"
    first = runner.invoke(app, ["build", str(DATA / "ingest" / "page.html"), "--db", str(db), "-q"])
    assert first.exit_code == 0, first.output
    before = Ledger(db).find("page.html")
    bad = tmp_path / "bad"
    bad.mkdir()
    make(bad, "junk.txt", b"\x00\x01\x02" * 100)
    make(bad, "empty.txt", b"")
    make(bad, "ok.txt", GOOD.encode())
    result = runner.invoke(app, ["build", str(bad), "--db", str(db), "-q"])
    assert result.exit_code == EXIT_REJECTED
    lines = [line for line in result.output.splitlines() if line.startswith("rejected ")]
    assert len(lines) == 2
    assert any(str(bad / "junk.txt") in line and "[E004] binary content" in line for line in lines)
    assert any(str(bad / "empty.txt") in line and "[E003] empty file" in line for line in lines)
    after = Ledger(db).find("page.html")
    assert (after.text, after.removed) == (before.text, before.removed)
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert {row["doc"] for row in Ledger(db).documents()} == {"page.html", "ok.txt"}
