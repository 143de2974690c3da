"""The web app: the report's views over a live ledger, with search and filters, provenance
pages for claims and documents, and a JSON API described by OpenAPI.

Server-rendered HTML and no JavaScript. Read-only unless the app is created writable, in
which case ``POST /api/articles`` adds articles through a build (with the start-up token).
``security.Guard`` stands in front of every route: Host check, CSRF and token checks,
security headers. All article text is escaped by the shared templates; links only ever
point at http(s) addresses or at pages of the app. Out-of-range input is the client's
error, never the server's: unknown ids are 404, paging and number parameters out of range
or not numbers are 422 (an HTML error page outside the JSON API).
"""

from __future__ import annotations

import json
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pydantic import BaseModel, BeforeValidator, Field, FiniteFloat

from claimledger import __version__
from claimledger.export import claim_record, measure_records
from claimledger.report import TEMPLATES, Links, safe_url
from claimledger.report.views import claim_row, document_view, measure_view, reuse_views, story
from claimledger.store import Ledger
from claimledger.web.security import LOOPBACK_NAMES, Guard, new_token

STATUSES = ("asserted", "reported", "claimed", "confirmed", "estimated", "speculative", "denied")
FLAGS = ("agreement", "disagreement", "revision", "denied", "single-origin")
PAGE = 50
PAGES_KEPT = 512  # rendered story pages kept per story (each a few to a hundred kB)
# Past this an offset is refused (422): it is beyond any ledger, and SQLite's integers end
# at 2**63. An offset past the last item within it is a valid, empty page.
MAX_OFFSET = 10**9
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]


def _empty_is_none(value):
    return value or None


# A number filter: a finite number, or empty (the filter form sends its empty fields).
Number = Annotated[FiniteFloat | None, BeforeValidator(_empty_is_none), Query()]


# Every id is URL-quoted: document ids hold '#' and '/'.
WebLinks = Links(lambda kind, ident: f"/{kind}/{quote(ident, safe='')}")


class ArticleIn(BaseModel):
    """An article to add (writable mode): the fields of the JSON lines reader."""

    text: str = Field(description="The article's text.")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="Publication date, any common form.")
    outlet: str | None = None
    author: str | None = None


class _StoryCache:
    """The overview is costly on a large ledger (a second on FNC-1): keep it until a build
    changes the ledger. Then the first request to notice recomputes it in a thread while
    every request, that one included, is answered from the previous story: under a running
    build no reader waits for the recomputation (only the very first story is awaited)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.lock = threading.Lock()
        self.state: tuple | None = None
        self.value: dict | None = None
        self.refreshing = False
        self.pages: dict[str, str] = {}
        self.pages_of: dict | None = None

    def get(self) -> dict:
        state = self.ledger.state()
        with self.lock:
            if self.value is None:
                self.value, self.state = story(self.ledger), state
            elif state != self.state and not self.refreshing:
                self.refreshing = True
                threading.Thread(target=self._refresh, args=(state,), daemon=True).start()
            value: dict = self.value
        return value

    def page(self, key: str, render: Callable[[dict], str]) -> str:
        """HTML drawn from the story alone (``render(story)``), rendered once per story and
        kept with it: the overview, sources and measures pages and the claims page's filter
        choices, which list every measure, source and outlet, cost more to render than to send.
        At most PAGES_KEPT addresses are kept per story, so odd query strings cannot fill memory."""
        value = self.get()
        with self.lock:
            if self.pages_of is not value:
                self.pages, self.pages_of = {}, value
            html = self.pages.get(key)
        if html is None:
            html = render(value)
            with self.lock:
                if self.pages_of is value and len(self.pages) < PAGES_KEPT:
                    self.pages[key] = html
        return html

    def _refresh(self, state) -> None:
        try:
            value = story(self.ledger)
            with self.lock:
                self.value, self.state = value, state
        finally:
            self.refreshing = False


def create_app(db: str, *, writable: bool = False, hosts: Iterable[str] = LOOPBACK_NAMES,
               token: str | None = None) -> FastAPI:
    """The app over one ledger, answering requests addressed to ``hosts`` only. Writable,
    every POST needs ``token`` (a fresh one when None, in ``app.state.token``)."""
    ledger = Ledger(db, create=False)
    env = Environment(
        loader=ChoiceLoader([PackageLoader("claimledger.web", "templates"),
                             PackageLoader("claimledger.report", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    macros = env.get_template("_macros.html.j2").module
    paging = env.get_template("_paging.html.j2").module
    cache = _StoryCache(ledger)
    app = FastAPI(title="claimledger", version=__version__, docs_url=None, redoc_url=None,
                  description="A ledger of the claims in many news reports of one story.")
    app.state.token = (token or new_token()) if writable else None
    app.state.hosts = frozenset(hosts)

    app.add_middleware(Guard, hosts=app.state.hosts, token=app.state.token)

    def render(request: Request, template: str, **context) -> str:
        return env.get_template(template).render(request=request, link=WebLinks, macros=macros,
                                                 paging=paging, **context)

    def page(request: Request, template: str, **context) -> HTMLResponse:
        return HTMLResponse(render(request, template, **context))

    def story_page(request: Request, template: str, context: Callable[[dict], dict]) -> HTMLResponse:
        """A page drawn from the story alone, rendered once per story and address."""
        return HTMLResponse(cache.page(str(request.url), lambda data: render(request, template, **context(data))))

    def filter_options(name: str, selected: str | None) -> Markup:
        """The <option>s of one of the claims page's story-wide filters."""

        def options(data: dict) -> str:
            choices = {"measure": [(m["id"], m["label"]) for m in data["measures"]],
                       "source": [(s["source"], s["source"]) for s in data["sources"]],
                       "outlet": [(o, o) for o in data["outlets"]]}[name]
            return "".join(Markup('<option value="{}"{}>{}</option>').format(
                value, Markup(" selected") if value == selected else "", label) for value, label in choices)

        return Markup(cache.page(f"options {name} {selected}", options))

    def error_page(request: Request, status: int, message: str) -> HTMLResponse:
        html = env.get_template("error.html.j2").render(
            request=request, link=WebLinks, macros=macros, status=status, message=message)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(HTTPException)
    async def not_found(request: Request, error: HTTPException):
        if _is_api(request):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code)
        return error_page(request, error.status_code, error.detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError):
        if _is_api(request):
            return await request_validation_exception_handler(request, error)
        problems = "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in error.errors())
        return error_page(request, 422, f"Invalid request ({problems}).")

    @app.get("/static/style.css", include_in_schema=False)
    def style() -> Response:
        return PlainTextResponse((TEMPLATES / "_style.css").read_text(encoding="utf-8"), media_type="text/css")

    # -- pages ------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request):
        return story_page(request, "overview.html.j2", lambda data: {"story": data})

    @app.get("/measures", response_class=HTMLResponse, include_in_schema=False)
    def measures_page(request: Request, flag: str | None = None, text: str | None = None, offset: Offset = 0):
        def context(data: dict) -> dict:
            rows = data["measures"]
            if flag:
                rows = [m for m in rows if flag in m["flag_names"]]
            if text:
                rows = [m for m in rows if text.lower() in m["label"].lower()]
            shown, paging = _paged(request, rows, offset)
            return {"measures": shown, **paging, "flag": flag, "text": text, "flag_names": FLAGS}

        return story_page(request, "measures.html.j2", context)

    @app.get("/measures/{measure_id}", response_class=HTMLResponse, include_in_schema=False)
    def measure_page(request: Request, measure_id: str):
        return page(request, "measure.html.j2", measure=_measure_view(measure_id))

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(request: Request, offset: Offset = 0, value_min: Number = None, value_max: Number = None):
        filters = {**_filters(request), "value_min": value_min, "value_max": value_max}
        rows, total = ledger.find_claims(**filters, limit=PAGE, offset=offset)
        options = {name: filter_options(name, filters[name]) for name in ("measure", "source", "outlet")}
        return page(request, "claims.html.j2", rows=[claim_row(r) for r in rows],
                    **_paging(request, total, offset), filters=filters, statuses=STATUSES, options=options)

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def claim_page(request: Request, claim_id: str):
        found = ledger.claim(claim_id)
        if found is None:
            raise HTTPException(404, f"No claim {claim_id} in the ledger.")
        copies, _ = ledger.find_claims(origin=found["origin"]) if found["origin"] else ([], 0)
        return page(request, "claim.html.j2", claim=claim_row(found),
                    copies=[claim_row(c) for c in copies if c["id"] != claim_id])

    @app.get("/claims/{claim_id}/why", response_class=HTMLResponse, include_in_schema=False)
    def claim_why_page(request: Request, claim_id: str):
        """Why this row: the explain trace of the claim's sentence, re-run in its article
        (one article's parse, so only on request, never on the claim page itself)."""
        from claimledger.explain.render import render_sentence

        found, trace = _claim_trace(claim_id)
        return page(request, "why.html.j2", claim=claim_row(found), trace=render_sentence(trace))

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request, offset: Offset = 0):
        shown, paging = _paged(request, ledger.document_rows(), offset)
        return page(request, "documents.html.j2", documents=shown, **paging)

    @app.get("/documents/{doc:path}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc: str):
        document = _document(doc)
        claims, _ = ledger.find_claims(doc=doc)
        return page(request, "document.html.j2", document=document_view(document, claims))

    @app.get("/copies", response_class=HTMLResponse, include_in_schema=False)
    def copies_page(request: Request, offset: Offset = 0):
        shown, paging = _paged(request, sorted(ledger.reuse_rows(), key=lambda r: -r["score"]), offset)
        by_row = _texts(ledger, {r[side] for r in shown for side in ("document_a", "document_b")})
        texts = {r[f"doc_{side}"]: by_row.get(r[f"document_{side}"], "") for r in shown for side in "ab"}
        return page(request, "copies.html.j2", reuse=reuse_views(shown, texts), **paging)

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request, offset: Offset = 0):
        def context(data: dict) -> dict:
            shown, paging = _paged(request, data["sources"], offset)
            return {"sources": shown, **paging}

        return story_page(request, "sources.html.j2", context)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page(request: Request):
        endpoints = []
        for path, operations in app.openapi()["paths"].items():
            for method, spec in operations.items():
                endpoints.append({"method": method.upper(), "path": path, "summary": spec.get("summary", ""),
                                  "parameters": [p["name"] for p in spec.get("parameters", [])]})
        return page(request, "api.html.j2", endpoints=endpoints)

    # -- JSON API ---------------------------------------------------------------------------
    # Lists are returned as JSONResponse: their records are plain JSON types already, and
    # FastAPI's generic encoder would walk thousands of them again (a third of the time).

    @app.get("/api/claims", summary="Claims (schema v1), filtered and paged")
    def api_claims(
        request: Request,
        limit: int = Query(100, ge=1, le=1000, description="Claims per page."),
        offset: Offset = 0,
        measure: str | None = None, source: str | None = None, status: str | None = None,
        outlet: str | None = None, kind: str | None = None, doc: str | None = None,
        date_from: str | None = None, date_to: str | None = None,
        value_min: Number = None, value_max: Number = None, text: str | None = None,
    ):
        rows, total = ledger.find_claims(
            measure=measure, source=source, status=status, outlet=outlet, kind=kind, doc=doc,
            date_from=date_from, date_to=date_to, value_min=value_min, value_max=value_max,
            text=text, limit=limit, offset=offset)
        return JSONResponse({"total": total, "offset": offset,
                             "claims": [claim_record(r, extras=True) for r in rows]})

    @app.get("/api/claims/{claim_id}", summary="One claim with its copies")
    def api_claim(claim_id: str):
        found = ledger.claim(claim_id)
        if found is None:
            raise HTTPException(404, f"No claim {claim_id}.")
        copies, _ = ledger.find_claims(origin=found["origin"])
        return {**claim_record(found, extras=True),
                "copies": [c["id"] for c in copies if c["id"] != claim_id]}

    @app.get("/api/claims/{claim_id}/trace", summary="Why this claim: its sentence's explain trace")
    def api_claim_trace(claim_id: str):
        from claimledger.explain import as_dict

        _, trace = _claim_trace(claim_id)
        return as_dict(trace)

    def _claim_trace(claim_id: str):
        from claimledger.explain import trace_for_claim

        found = ledger.claim(claim_id)
        trace = trace_for_claim(ledger, claim_id) if found is not None else None
        if trace is None:
            raise HTTPException(404, f"No claim {claim_id} in the ledger.")
        return found, trace

    @app.get("/api/documents", summary="Documents (metadata)")
    def api_documents():
        return JSONResponse({"documents": ledger.document_rows()})

    @app.get("/api/documents/{doc:path}", summary="One document with its cleaned text and removed chrome")
    def api_document(doc: str):
        document = _document(doc)
        return {"doc": document.doc, "title": document.title, "outlet": document.outlet,
                "published": document.published, "url": document.url, "author": document.author,
                "text": document.text,
                "removed": [{"start": s.start, "end": s.end, "reason": s.reason} for s in document.removed]}

    @app.get("/api/measures", summary="Measures with values by source and date, and flags, paged")
    def api_measures(limit: int = Query(100, ge=1, le=1000), offset: Offset = 0):
        rows = ledger.measures(limit=limit, offset=offset)
        return JSONResponse({"total": ledger.measure_count(), "offset": offset,
                             "measures": list(measure_records(ledger, rows))})

    @app.get("/api/measures/{measure_id}", summary="One measure")
    def api_measure(measure_id: str):
        row = ledger.measure(measure_id)
        if row is None:
            raise HTTPException(404, f"No measure {measure_id}.")
        return next(measure_records(ledger, [row]))

    @app.get("/api/reuse", summary="Copied and reworded passages between documents")
    def api_reuse():
        return JSONResponse({"reuse": [
            {k: r[k] for k in ("doc_a", "doc_b", "direction", "score", "passages")}
            for r in ledger.reuse_rows()]})

    if writable:
        @app.post("/api/articles", summary="Add articles (writable mode only) and build")
        def api_add_articles(articles: list[ArticleIn]):
            from claimledger.build import build
            from claimledger.settings import Settings

            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "submitted.jsonl"
                path.write_text("\n".join(json.dumps(a.model_dump()) for a in articles) + "\n",
                                encoding="utf-8")
                report = build([str(path)], ledger, Settings.load(workers=1))
            return {"counts": dict(report.counts),
                    "rejected": [str(r) for r in report.rejected]}

    def _measure_view(measure_id: str) -> dict:
        measure = ledger.measure(measure_id)
        if measure is None:
            raise HTTPException(404, f"No measure {measure_id} in the ledger.")
        return measure_view(measure, ledger.measure_claims({measure_id}))

    def _document(doc: str):
        from claimledger.errors import ClaimledgerError

        try:
            return ledger.find(doc)
        except ClaimledgerError as error:
            raise HTTPException(404, error.reason) from error

    return app


def _texts(ledger: Ledger, row_ids: set[int]) -> dict[int, str]:
    """The cleaned texts of stored documents by row id, in one query (the copy map shows
    passages of up to a hundred documents)."""
    from sqlalchemy import select

    from claimledger.store.schema import documents

    with ledger.engine.connect() as conn:
        rows = conn.execute(select(documents.c.id, documents.c.text).where(documents.c.id.in_(row_ids)))
        return {row.id: row.text or "" for row in rows}


def _is_api(request: Request) -> bool:
    return request.url.path == "/openapi.json" or request.url.path.startswith("/api/")


def _filters(request: Request) -> dict:
    """The claims page's text filters (an empty form field is no filter)."""
    params = request.query_params
    names = ("measure", "source", "status", "outlet", "kind", "date_from", "date_to", "text")
    return {name: params.get(name) or None for name in names}


def _paging(request: Request, total: int, offset: int) -> dict:
    """What the paging macros need for a list of ``total`` items shown PAGE at a time."""
    return {"total": total, "offset": offset, "limit": PAGE, "page_link": _page_link(request)}


def _paged(request: Request, rows: list, offset: int) -> tuple[list, dict]:
    """The rows of the page the request asks for, and its paging."""
    return rows[offset : offset + PAGE], _paging(request, len(rows), offset)


def _page_link(request: Request):
    """page_link(start): this page's address with its filters, starting at ``start``."""
    query = {k: v for k, v in request.query_params.items() if k != "offset" and v}

    def page_link(start: int) -> str:
        return f"{request.url.path}?" + urlencode({**query, "offset": max(0, start)})

    return page_link
