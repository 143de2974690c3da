"""The web app's pages and JSON API through the ASGI test client."""

from __future__ import annotations

import re
import time
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from claimledger.export import SCHEMAS
from claimledger.web.app import create_app


LOCAL = "http://127.0.0.1:8000"  # the app answers loopback names only (see test_web_security)


@pytest.fixture(scope="module")
def client(demo_db):
    return TestClient(create_app(str(demo_db)), base_url=LOCAL)


@pytest.mark.parametrize("path", ["/", "/measures", "/claims", "/documents", "/copies", "/sources", "/api"])
def test_pages_render_with_strict_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in response.text


def test_claims_api_filters_and_pages(client):
    everything = client.get("/api/claims", params={"limit": 1000}).json()
    assert list(everything["claims"][0])[: len(SCHEMAS["claims"])] == list(SCHEMAS["claims"])
    denied = client.get("/api/claims", params={"status": "denied"}).json()
    assert denied["total"] > 0 and {c["status"] for c in denied["claims"]} == {"denied"}
    big = client.get("/api/claims", params={"value_min": 10000}).json()
    assert big["total"] > 0 and all((c["high"] or c["value"] or c["low"]) >= 10000 for c in big["claims"])
    dated = client.get("/api/claims", params={"date_from": "2025-03-10", "date_to": "2025-03-11"}).json()
    assert dated["total"] > 0
    second = client.get("/api/claims", params={"limit": 5, "offset": 5}).json()
    assert [c["id"] for c in second["claims"]] == [c["id"] for c in everything["claims"][5:10]]


def test_claim_api_lists_copies_of_the_same_origin(client):
    claims = client.get("/api/claims", params={"limit": 1000}).json()["claims"]
    copied = next(c for c in claims if c["origin"] != c["id"])
    origin = client.get(f"/api/claims/{copied['origin']}").json()
    assert copied["id"] in origin["copies"]


def test_documents_measures_reuse_api(client):
    documents = client.get("/api/documents").json()["documents"]
    assert len(documents) == 12
    feed_item = next(d["doc"] for d in documents if "#" in d["doc"])
    document = client.get(f"/api/documents/{feed_item.replace('#', '%23')}").json()
    assert document["doc"] == feed_item and document["text"]
    measures = client.get("/api/measures").json()["measures"]
    top = client.get(f"/api/measures/{measures[0]['measure']}").json()
    assert top["values"] and top["flags"]
    reuse = client.get("/api/reuse").json()["reuse"]
    assert {r["direction"] for r in reuse} == {"a_from_b"}


def test_measures_api_pages_cover_every_measure_once(client):
    everything = client.get("/api/measures", params={"limit": 1000}).json()
    pages = [client.get("/api/measures", params={"limit": 7, "offset": offset}).json()
             for offset in range(0, everything["total"], 7)]
    assert everything["total"] == len(everything["measures"]) > 7
    assert [m["measure"] for page in pages for m in page["measures"]] == \
        [m["measure"] for m in everything["measures"]]
    claims = [m["claims"] for m in everything["measures"]]
    assert [len(c) for c in claims] == sorted((len(c) for c in claims), reverse=True)


@pytest.mark.parametrize("path", ["/api/claims/nope", "/api/measures/nope", "/api/documents/nope.txt"])
def test_unknown_ids_are_404_json(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "detail" in response.json()


def test_unknown_page_is_a_404_page(client):
    response = client.get("/measures/nope")
    assert response.status_code == 404 and "<h1>404</h1>" in response.text


def test_openapi_describes_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/claims", "/api/claims/{claim_id}", "/api/documents", "/api/measures", "/api/reuse"} <= set(paths)


def test_read_only_unless_writable(demo_db, tmp_path):
    read_only = TestClient(create_app(str(demo_db)), base_url=LOCAL)
    assert read_only.post("/api/articles", json=[]).status_code in (404, 405)
    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_db.read_bytes())
    writable = TestClient(create_app(str(copy), writable=True, token="t0ken"), base_url=LOCAL,
                          headers={"X-Claimledger-Token": "t0ken"})
    article = {"text": "About 250 volunteers joined the clean-up in Marrowby on Saturday, the council said.",
               "title": "Volunteers join clean-up", "outlet": "Test Weekly", "published": "2025-03-15"}
    result = writable.post("/api/articles", json=[article]).json()
    assert result["counts"]["new"] == 1
    found = writable.get("/api/claims", params={"text": "volunteers joined"}).json()
    assert found["total"] == 1 and found["claims"][0]["value"] == 250


def test_filter_form_and_search_box(client):
    page = client.get("/claims", params={"status": "denied", "text": "fabricat"})
    assert page.status_code == 200 and page.text.count('class="status status-denied"') >= 1


def test_measures_page_is_paged_and_keeps_its_filter(client, monkeypatch):
    import claimledger.web.app as web

    monkeypatch.setattr(web, "PAGE", 3)
    first = client.get("/measures", params={"flag": "agreement"}).text
    assert "showing 1–3" in first and first.count('href="/measures/m-') == 3
    assert 'href="/measures?flag=agreement&amp;offset=3"' in first
    second = client.get("/measures", params={"flag": "agreement", "offset": 3}).text
    assert "showing 4–" in second and "← previous" in second
    assert set(re.findall(r'href="/measures/(m-\w+)"', first)).isdisjoint(
        re.findall(r'href="/measures/(m-\w+)"', second))


def test_documents_page_is_paged(client, monkeypatch):
    import claimledger.web.app as web

    monkeypatch.setattr(web, "PAGE", 5)
    pages = [client.get("/documents", params={"offset": offset}).text for offset in (0, 5, 10)]
    assert "12 documents, showing 1–5" in pages[0] and "showing 11–12" in pages[2]
    listed = [re.findall(r'href="/documents/([^"]+)"', html) for html in pages]
    assert [len(docs) for docs in listed] == [5, 5, 2]
    assert len({d for docs in listed for d in docs}) == 12


def test_copy_map_shows_the_aligned_passages_of_both_documents(client):
    from markupsafe import escape

    pair = max(client.get("/api/reuse").json()["reuse"], key=lambda r: r["score"])
    texts = {side: client.get("/api/documents/" + quote(pair[f"doc_{side}"], safe="")).json()["text"]
             for side in "ab"}
    html = client.get("/copies").text
    passage = pair["passages"][0]
    for side in "ab":
        assert str(escape(texts[side][passage[f"{side}_start"]:passage[f"{side}_end"]])) in html


def test_claims_filter_keeps_the_chosen_measure_selected(client):
    measures = client.get("/api/measures", params={"limit": 2}).json()["measures"]
    chosen, other = measures[0]["measure"], measures[1]["measure"]
    html = client.get("/claims", params={"measure": chosen}).text
    assert f'<option value="{chosen}" selected>' in html
    assert f'<option value="{other}">' in html and html.count(" selected>") == 1
    assert client.get("/claims").text.count(" selected>") == 0


def test_sources_page_is_paged(demo_db, monkeypatch):
    import claimledger.web.app as web

    monkeypatch.setattr(web, "PAGE", 3)
    fresh = TestClient(create_app(str(demo_db)), base_url=LOCAL)  # no page rendered before the patch
    first, second = (fresh.get("/sources", params={"offset": o}).text for o in (0, 3))
    assert "showing 1–3" in first and 'href="/sources?offset=3"' in first and "showing 4–" in second
    listed = [re.findall(r'href="/claims\?source=([^"]+)"', html) for html in (first, second)]
    assert [len(names) for names in listed] == [3, 3] and set(listed[0]).isdisjoint(listed[1])


def test_overview_catches_up_with_a_build(demo_db, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_db.read_bytes())
    app = create_app(str(copy), writable=True, token="t0ken")
    client = TestClient(app, base_url=LOCAL, headers={"X-Claimledger-Token": "t0ken"})
    assert "<b>12</b>articles" in client.get("/").text
    article = {"text": "Some 90 boats were counted in the harbour of Quellport on Friday, officials said.",
               "title": "Boats counted", "published": "2025-03-16"}
    assert client.post("/api/articles", json=[article]).json()["counts"]["new"] == 1
    # The request that notices the build is answered at once (from the previous story, or
    # the new one) while the story is recomputed beside it; later requests get the new one.
    for _ in range(200):
        html = client.get("/").text
        assert "<b>12</b>articles" in html or "<b>13</b>articles" in html
        if "<b>13</b>articles" in html:
            break
        time.sleep(0.05)
    assert "<b>13</b>articles" in html


def test_overview_says_when_time_order_is_unknown(client, tmp_path):
    from claimledger.build import build
    from claimledger.settings import Settings
    from claimledger.store import Ledger

    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "mill.txt").write_text("Mill flood\n\nThe water board said 30 homes were flooded "
                                     "near the old mill.\n", encoding="utf-8")
    undated = Ledger(tmp_path / "undated.db")
    build([str(folder)], undated, Settings(workers=1))
    undated.close()
    page = TestClient(create_app(str(tmp_path / "undated.db")), base_url=LOCAL).get("/").text
    assert "Time order unknown" in page
    assert "Time order unknown" not in client.get("/").text  # the demo's articles are dated


def test_claim_page_explains_why_its_row_is_what_it_is(client):
    claims = client.get("/api/claims", params={"kind": "figure", "limit": 500}).json()["claims"]
    attributed = next(c for c in claims if c["source"] and c["counted"])
    assert f"/claims/{quote(attributed['id'])}/why" in client.get(f"/claims/{quote(attributed['id'])}").text
    trace = client.get(f"/api/claims/{quote(attributed['id'])}/trace").json()
    assert [c["id"] for c in trace["claims"]] == [attributed["id"]]
    page = client.get(f"/claims/{quote(attributed['id'])}/why")
    assert page.status_code == 200 and attributed["counted"] in page.text
    assert client.get("/claims/nope/why").status_code == 404
    assert client.get("/api/claims/nope/trace").status_code == 404
