"""Regenerate the README's screenshots from the demo corpus (headless Chromium).

    .venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the browser helpers the tests use

from browser import CHROMIUM_ARGS, LiveServer, chromium  # noqa: E402

from claimledger.build import build  # noqa: E402
from claimledger.demo import corpus_path  # noqa: E402
from claimledger.report import write_report  # noqa: E402
from claimledger.settings import Settings  # noqa: E402
from claimledger.store import Ledger  # noqa: E402


def main() -> None:
    from playwright.sync_api import sync_playwright

    out = HERE / "img"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        build([str(corpus_path())], Ledger(db), Settings(workers=1))
        report = write_report(Ledger(db), Path(tmp) / "report.html", title="Dressa valley dam collapse")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(report.as_uri())
            page.screenshot(path=out / "report.png")
            with LiveServer(db) as server:
                page.goto(server.url + "/")
                page.click("text=People displaced or evacuated")
                page.screenshot(path=out / "web-measure.png")
                page.goto(server.url + "/claims?status=denied")
                page.screenshot(path=out / "web-claims.png")
            browser.close()
    print(f"screenshots written to {out}")


if __name__ == "__main__":
    main()
