"""The report and the web app as a person uses them, in headless Chromium: follow a measure to
a claim to its document and back, filter claims, and open a hostile article that must stay
inert. Screenshots land in test-output/screenshots/ for a look by eye."""

from __future__ import annotations

import re
import shutil

import pytest

from claimledger.build import build
from claimledger.report import write_report
from claimledger.settings import Settings
from claimledger.store import Ledger

from browser import CHROMIUM_ARGS, LiveServer, chromium, screenshot
from conftest import DATA

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    for name in ("hostile.jsonl", "hostile.html"):
        shutil.copy(DATA / "hostile" / name, folder / name)
    db = folder / "hostile.db"
    ledger = Ledger(db)
    build([str(folder)], ledger, Settings(workers=1))
    ledger.close()
    return db


@pytest.fixture(scope="module")
def browser():
    executable = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def assert_inert(page) -> None:
    """No script of an article ran: no dialog, no global it set, no javascript: link."""
    assert page.dialogs == []
    assert page.evaluate("() => window.__pwned === undefined")
    links = page.eval_on_selector_all("a[href]", "nodes => nodes.map(n => n.getAttribute('href'))")
    assert not [href for href in links if href.strip().lower().startswith("javascript:")]
    handlers = page.evaluate(
        "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
        ".filter(a => a.name.startsWith('on')).map(a => a.name))")
    assert handlers == []


def test_report_measure_to_claim_to_document_and_back(page, demo_db, tmp_path):
    report = write_report(Ledger(demo_db), tmp_path / "report.html", title="Demo report")
    page.goto(report.as_uri())
    assert page.title() == "Demo report"
    screenshot(page, "report-overview")
    page.click("#overview ~ table >> text=People displaced or evacuated")
    measure_anchor = page.url.split("#")[1]
    assert measure_anchor.startswith("measure-")
    section = page.locator(f"#{measure_anchor}")
    assert section.locator("svg.chart").count() == 1
    assert "disagreement" in section.locator(".flag").all_inner_texts()
    section.locator("table.claims a").first.click()
    assert page.url.split("#")[1].startswith("claim-")
    row = page.locator(f"#{page.url.split('#')[1]}")
    document_link = row.locator("a", has_text=re.compile(r"\.(txt|html|xml|warc)"))
    document_link.click()
    doc_anchor = page.url.split("#")[1]
    assert doc_anchor.startswith("doc-")
    page.locator(f"details:has(#{doc_anchor}) > summary").click()  # documents sit folded up
    assert page.locator(f"#{doc_anchor} mark").count() >= 1
    page.go_back()
    page.go_back()
    assert page.url.split("#")[1] == measure_anchor
    assert_inert(page)


def test_web_app_measure_claim_document_and_filter(page, demo_db):
    with LiveServer(demo_db) as server:
        page.goto(server.url + "/")
        screenshot(page, "web-overview")
        page.click("text=People displaced or evacuated")
        assert page.url.startswith(server.url + "/measures/m-")
        assert page.locator("svg.chart").count() == 1
        screenshot(page, "web-measure")
        measure_url = page.url
        page.locator("table.claims tbody tr").nth(3).locator("td.num a").click()
        assert "/claims/" in page.url
        assert page.locator("h2", has_text="Provenance").count() == 1
        screenshot(page, "web-claim")
        page.locator("th:has-text('article') + td a").click()
        assert "/documents/" in page.url
        assert page.locator("article.document mark").count() >= 1
        page.locator("details.removed > summary").click()
        assert page.locator("details.removed li").count() >= 1
        screenshot(page, "web-document")
        page.go_back()
        page.go_back()
        assert page.url == measure_url
        page.goto(server.url + "/claims")
        page.select_option("select[name=status]", "denied")
        page.fill("input[name=date_from]", "2025-03-08")
        page.click("form.filters button[type=submit]")
        assert "status=denied" in page.url
        statuses = page.locator("table.claims tbody .status").all_inner_texts()
        days = page.locator("table.claims tbody td.small:nth-child(6)").all_inner_texts()
        assert statuses and set(statuses) == {"denied"}
        assert all(day >= "2025-03-08" for day in days)
        screenshot(page, "web-claims-filtered")
        assert_inert(page)


def test_hostile_article_is_inert_in_report_and_web_app(page, hostile_db, tmp_path):
    report = write_report(Ledger(hostile_db), tmp_path / "hostile.html")
    page.goto(report.as_uri())
    page.locator("details > summary").first.click()
    screenshot(page, "hostile-report")
    assert "<script>" in page.inner_text("body")  # shown as text, not run
    assert_inert(page)
    with LiveServer(hostile_db) as server:
        for path in ("/", "/documents", "/claims", "/sources", "/measures"):
            page.goto(server.url + path)
            assert_inert(page)
        page.goto(server.url + "/documents")
        for href in page.eval_on_selector_all("table a", "nodes => nodes.map(n => n.getAttribute('href'))"):
            page.goto(server.url + href)
            assert_inert(page)
        screenshot(page, "hostile-web-document")
        claim = page.locator("table.claims td.num a").first
        claim.click()
        assert_inert(page)
        headers = page.request.get(server.url + "/").headers
        assert "script-src" not in headers["content-security-policy"]
        assert "default-src 'none'" in headers["content-security-policy"]
