"""The web app's defences: Host check (DNS rebinding), token and same-origin checks on
writes (CSRF), the start-up warning and token, security headers on every response, and
out-of-range input answered 404/422 on every route, never 500."""

from __future__ import annotations

import re
import socket
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from claimledger.web import start_up
from claimledger.web.app import MAX_OFFSET, create_app
from claimledger.web.security import SECURITY_HEADERS, TOKEN_HEADER, host_name

LOCAL = "http://127.0.0.1:8000"
ARTICLE = {"text": "About 40 walkers crossed the ridge near Hollowmere on Sunday, the rangers said.",
           "title": "Walkers cross the ridge", "published": "2025-04-06"}


@pytest.fixture(scope="module")
def app(demo_db):
    return create_app(str(demo_db))


@pytest.fixture(scope="module")
def client(app):
    return TestClient(app, base_url=LOCAL)


@pytest.fixture()
def writable(demo_db, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_db.read_bytes())
    return TestClient(create_app(str(copy), writable=True, token="s3cret-token"), base_url=LOCAL)


def get_routes(app) -> list[APIRoute]:
    return [r for r in app.routes if isinstance(r, APIRoute) and "GET" in r.methods]


def query_names(route: APIRoute) -> set[str]:
    return {field.name for field in route.dependant.query_params}


def assert_security_headers(response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value, name


# -- Host check ------------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1", "127.0.0.1:65000",
                                  "[::1]", "[::1]:8000", "LOCALHOST:80"])
def test_loopback_host_names_are_answered(client, host):
    assert client.get("/", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "localhost.attacker.example",
                                  "127.0.0.1.attacker.example", "[::2]:8000", "10.0.0.7", "testserver", ""])
def test_other_host_names_are_refused(client, host):
    response = client.get("/api/claims", headers={"host": host})
    assert response.status_code == 421 and "localhost" in response.text
    assert "claims" not in response.text
    assert_security_headers(response)


@pytest.mark.parametrize(("header", "name"), [("localhost:8000", "localhost"), ("[::1]:8000", "[::1]"),
                                              ("[::1]", "[::1]"), ("Example.ORG", "example.org"),
                                              ("user@127.0.0.1:1", "127.0.0.1")])
def test_host_name_drops_port_and_case(header, name):
    assert host_name(header) == name


def test_a_named_host_is_answered_besides_loopback_and_warned_of(demo_db):
    app, lines = start_up(str(demo_db), host="192.0.2.10", port=8123)
    client = TestClient(app, base_url=LOCAL)
    assert client.get("/", headers={"host": "192.0.2.10:8123"}).status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/", headers={"host": "192.0.2.11:8123"}).status_code == 421
    warning = next(line for line in lines if line.startswith("Warning"))
    assert "192.0.2.10" in warning and "other machines" in warning
    assert lines[0] == f"Serving {demo_db} on http://192.0.2.10:8123 (read-only)"


def test_a_wildcard_bind_warns_and_answers_this_machines_name(demo_db):
    app, lines = start_up(str(demo_db), host="0.0.0.0")
    client = TestClient(app, base_url=LOCAL)
    assert any(line.startswith("Warning: 0.0.0.0 is reachable from other machines") for line in lines)
    assert client.get("/", headers={"host": socket.gethostname().lower()}).status_code == 200
    assert client.get("/", headers={"host": "0.0.0.0:8000"}).status_code == 421
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 421


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_loopback_bind_has_no_warning_and_no_token_when_read_only(demo_db, host):
    _, lines = start_up(str(demo_db), host=host, port=8000)
    assert len(lines) == 1 and "read-only" in lines[0]


# -- writes: token and same origin ----------------------------------------------------------

def test_writable_start_up_prints_a_fresh_token_that_writes_need(demo_db, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_db.read_bytes())
    app, lines = start_up(str(copy), writable=True)
    other, _ = start_up(str(copy), writable=True)
    token = app.state.token
    assert len(token) >= 24 and token != other.state.token
    assert f"{TOKEN_HEADER}: {token}" in lines[-1] and "writable" in lines[0]
    client = TestClient(app, base_url=LOCAL)
    assert client.post("/api/articles", json=[ARTICLE]).status_code == 403
    done = client.post("/api/articles", json=[ARTICLE], headers={TOKEN_HEADER: token})
    assert done.status_code == 200 and done.json()["counts"]["new"] == 1


@pytest.mark.parametrize("headers", [{}, {TOKEN_HEADER: "wrong"}, {TOKEN_HEADER: ""},
                                     {"Authorization": "Bearer wrong"}, {TOKEN_HEADER: "s3cret-token-and-more"}])
def test_writes_without_the_token_are_refused(writable, headers):
    response = writable.post("/api/articles", json=[ARTICLE], headers=headers)
    assert response.status_code == 403 and TOKEN_HEADER in response.text
    assert_security_headers(response)
    assert writable.get("/api/claims", params={"text": "walkers crossed"}).json()["total"] == 0


@pytest.mark.parametrize("headers", [{TOKEN_HEADER: "s3cret-token"}, {"Authorization": "Bearer s3cret-token"},
                                     {TOKEN_HEADER: "s3cret-token", "Origin": LOCAL},
                                     {TOKEN_HEADER: "s3cret-token", "Referer": LOCAL + "/claims"}])
def test_same_origin_writes_with_the_token_are_accepted(writable, headers):
    assert writable.post("/api/articles", json=[ARTICLE], headers=headers).status_code == 200
    assert writable.get("/api/claims", params={"text": "walkers crossed"}).json()["total"] == 1


@pytest.mark.parametrize("headers", [{"Origin": "http://attacker.example"}, {"Origin": "null"},
                                     {"Origin": "http://127.0.0.1:9999"}, {"Origin": "https://127.0.0.1:8000"},
                                     {"Referer": "http://attacker.example/page"}])
def test_cross_origin_writes_are_refused_even_with_the_token(writable, headers):
    response = writable.post("/api/articles", json=[ARTICLE], headers={TOKEN_HEADER: "s3cret-token", **headers})
    assert response.status_code == 403 and "Cross-origin" in response.text
    assert writable.get("/api/claims", params={"text": "walkers crossed"}).json()["total"] == 0


def test_read_only_app_has_no_token_and_refuses_cross_origin_posts(app, client):
    assert app.state.token is None
    assert client.post("/api/articles", json=[ARTICLE]).status_code in (404, 405)  # no such route
    assert client.post("/api/articles", json=[ARTICLE], headers={"Origin": "http://attacker.example"}).status_code == 403


# -- security headers -------------------------------------------------------------------------

def test_every_page_carries_the_security_headers_and_needs_no_inline_script_or_style(app, client):
    pages = [r.path for r in get_routes(app) if not r.param_convertors] + ["/openapi.json", "/static/style.css"]
    assert len(pages) > 10
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_security_headers(response)
        if "text/html" in response.headers["content-type"]:
            # What the policy would block: the pages must need none of it.
            assert not re.search(r"<script|<style|\sstyle=|\son\w+=|javascript:", response.text, re.I), path


def test_errors_carry_the_security_headers(demo_db, client):
    app = create_app(str(demo_db))

    @app.get("/broken")
    def broken():
        raise RuntimeError("a bug")

    crashed = TestClient(app, base_url=LOCAL).get("/broken")
    assert crashed.status_code == 500 and "a bug" not in crashed.text
    for response in (crashed, client.get("/claims/nope"), client.get("/api/claims", params={"offset": -1}),
                     client.get("/no/such/page")):
        assert response.status_code >= 400
        assert_security_headers(response)


def test_policy_forbids_script_framing_and_foreign_content(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src" not in policy and "unsafe-inline" not in policy and "*" not in policy


# -- out-of-range input on every route ----------------------------------------------------------

BAD_IDS = ["nope", "-1", "0", "9" * 40, "\x00", "\ud800", "a" * 3000, "../../etc/passwd", "%", "😀", " "]
BAD_PAGING = ["-1", "-99999999999999999999", str(MAX_OFFSET + 1), "99999999999999999999999999", "abc", "1.5",
              "1e3", "0x10", "NaN"]
BAD_NUMBERS = ["abc", "nan", "inf", "-inf", "1e999", "1,5"]
INVALID_UTF8 = ["%FF", "%C0%AF", "a%E2%82"]  # percent-encoded bytes that are not UTF-8


def encoded(value: str) -> str:
    return quote(value, safe="", errors="surrogatepass")


def id_urls(app) -> list[tuple[str, str]]:
    """Every GET route with an id in its path, filled with each bad id."""
    urls = []
    for route in get_routes(app):
        names = list(route.param_convertors)
        if names:
            for bad in [encoded(b) for b in BAD_IDS] + INVALID_UTF8:
                urls.append((route.path, route.path_format.replace("{" + names[0] + "}", bad)))
    return urls


def test_routes_with_ids_are_all_covered(app):
    assert {path for path, _ in id_urls(app)} == {
        "/measures/{measure_id}", "/claims/{claim_id}", "/claims/{claim_id}/why", "/documents/{doc:path}",
        "/api/claims/{claim_id}", "/api/claims/{claim_id}/trace", "/api/documents/{doc:path}",
        "/api/measures/{measure_id}"}


def test_unknown_or_malformed_ids_are_404_on_every_route(app, client):
    for path, url in id_urls(app):
        response = client.get(url)
        assert response.status_code == 404, (url, response.status_code)
        if path.startswith("/api/"):
            assert "detail" in response.json()


def test_paging_out_of_range_is_422_on_every_route(app, client):
    checked = 0
    for route in get_routes(app):
        for name in query_names(route) & {"offset", "limit"}:
            for bad in BAD_PAGING + (["0"] if name == "limit" else []):
                response = client.get(route.path, params={name: bad})
                assert response.status_code == 422, (route.path, name, bad, response.status_code)
                assert_security_headers(response)
                checked += 1
    assert checked >= 7 * len(BAD_PAGING)  # 5 pages and 2 API lists take an offset


def test_an_offset_past_the_end_is_an_empty_page(app, client):
    for route in get_routes(app):
        if "offset" in query_names(route):
            response = client.get(route.path, params={"offset": MAX_OFFSET})
            assert response.status_code == 200, route.path
    assert client.get("/api/claims", params={"offset": MAX_OFFSET}).json()["claims"] == []


@pytest.mark.parametrize("path", ["/claims", "/api/claims"])
def test_number_filters_that_are_not_finite_numbers_are_422(client, path):
    for name in ("value_min", "value_max"):
        for bad in BAD_NUMBERS:
            assert client.get(path, params={name: bad}).status_code == 422, (name, bad)
        assert client.get(path, params={name: ""}).status_code == 200  # an empty form field
        assert client.get(path, params={name: "-2.5"}).status_code == 200


def test_no_query_value_makes_any_route_fail(app, client):
    odd = [encoded(v) for v in BAD_IDS + BAD_PAGING + BAD_NUMBERS + ["", "2025-02-30", "'; drop table x; --"]]
    odd += INVALID_UTF8
    for route in get_routes(app):
        if route.param_convertors:
            continue
        # The claims page reads its text filters from the query string itself.
        extra = {"measure", "status", "date_from", "text"} if route.path == "/claims" else set()
        for name in query_names(route) | extra:
            for value in odd:
                response = client.get(f"{route.path}?{name}={value}")
                assert response.status_code in (200, 404, 422), (route.path, name, value, response.status_code)


def test_worker_processes_get_the_parents_hosts_and_token(demo_db, monkeypatch):
    import json

    from claimledger.web.server import WORKER_CONFIG, worker_app

    config = {"db": str(demo_db), "writable": True, "token": "shared-token", "hosts": ["192.0.2.10", "localhost"]}
    monkeypatch.setenv(WORKER_CONFIG, json.dumps(config))
    client = TestClient(worker_app(), base_url="http://192.0.2.10:8000")
    assert client.get("/").status_code == 200
    assert client.get("/", headers={"host": "127.0.0.1"}).status_code == 421  # only the hosts handed over
    assert client.post("/api/articles", json=[], headers={TOKEN_HEADER: "other"}).status_code == 403
    assert client.post("/api/articles", json=[], headers={TOKEN_HEADER: "shared-token"}).status_code == 200


def test_hostile_article_fields_stay_inert_in_every_page_and_filter_choice(tmp_path):
    import shutil

    from claimledger.build import build
    from claimledger.settings import Settings
    from claimledger.store import Ledger

    hostile = Path(__file__).parent / "data" / "hostile"
    for name in ("hostile.jsonl", "hostile.html"):
        shutil.copy(hostile / name, tmp_path / name)
    ledger = Ledger(tmp_path / "hostile.db")
    build([str(tmp_path / "hostile.jsonl"), str(tmp_path / "hostile.html")], ledger, Settings(workers=1))
    ledger.close()
    app = create_app(str(tmp_path / "hostile.db"))
    client = TestClient(app, base_url=LOCAL)
    outlets = {d["outlet"] for d in client.get("/api/documents").json()["documents"]}
    pages = [r.path for r in get_routes(app) if not r.param_convertors and not r.path.startswith("/api/")]
    pages += [f"/claims?outlet={quote(o or '')}" for o in outlets]
    for path in pages:
        assert active_markup(client.get(path).text) == [], path
    claims_page = client.get("/claims").text
    assert "&lt;b onmouseover=" in claims_page  # the hostile outlet, shown as text among the choices


def active_markup(html: str) -> list[str]:
    """Script elements, event-handler attributes and javascript: links, as a browser parses them."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "script":
                found.append(tag)
            for name, value in attrs:
                if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                    found.append(f"{tag} {name}={value}")

    Parser().feed(html)
    return found
