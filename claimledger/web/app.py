"""The web app: the report's views over a live ledger, with search and filters, provenance
pages for claims and documents, and a JSON API described by OpenAPI.

Server-rendered HTML and no JavaScript. Read-only unless the app is created writable, in
which case ``POST /api/articles`` adds articles through a build. Every page carries a strict
Content-Security-Policy (no scripts at all), and all article text is escaped by the shared
templates; links only ever point at http(s) addresses or at pages of the app.
"""

from __future__ import annotations

import json
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, Field

from claimledger import __version__
from claimledger.export import claim_record, measure_records
from claimledger.report import TEMPLATES, Links, safe_url
from claimledger.report.views import claim_row, document_view, measure_view, reuse_views, story
from claimledger.store import Ledger

STATUSES = ("asserted", "reported", "claimed", "confirmed", "estimated", "speculative", "denied")
FLAGS = ("agreement", "disagreement", "revision", "denied", "single-origin")
PAGE = 50
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


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
    """The overview is costly on a large ledger: keep it until a build changes the ledger."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.state = None
        self.value = None

    def get(self, ledger: Ledger) -> dict:
        state = ledger.state()
        with self.lock:
            if state != self.state:
                self.value, self.state = story(ledger), state
            return self.value


def create_app(db: str, *, writable: bool = False) -> FastAPI:
    """The app over one ledger."""
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
    cache = _StoryCache()
    app = FastAPI(title="claimledger", version=__version__, docs_url=None, redoc_url=None,
                  description="A ledger of the claims in many news reports of one story.")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    def page(request: Request, template: str, **context) -> HTMLResponse:
        html = env.get_template(template).render(request=request, link=WebLinks, macros=macros,
                                                   paging=paging, **context)
        return HTMLResponse(html)

    @app.exception_handler(HTTPException)
    async def not_found(request: Request, error: HTTPException):
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code)
        html = env.get_template("error.html.j2").render(
            request=request, link=WebLinks, macros=macros, status=error.status_code, message=error.detail)
        return HTMLResponse(html, status_code=error.status_code)

    @app.get("/static/style.css", include_in_schema=False)
    def style() -> Response:
        return PlainTextResponse((TEMPLATES / "_style.css").read_text(encoding="utf-8"), media_type="text/css")

    # -- pages ------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request):
        return page(request, "overview.html.j2", story=cache.get(ledger))

    @app.get("/measures", response_class=HTMLResponse, include_in_schema=False)
    def measures_page(request: Request, flag: str | None = None, text: str | None = None):
        rows = cache.get(ledger)["measures"]
        if flag:
            rows = [m for m in rows if flag in m["flag_names"]]
        if text:
            rows = [m for m in rows if text.lower() in m["label"].lower()]
        shown, paging = _paged(request, rows)
        return page(request, "measures.html.j2", measures=shown, **paging,
                    flag=flag, text=text, flag_names=FLAGS)

    @app.get("/measures/{measure_id}", response_class=HTMLResponse, include_in_schema=False)
    def measure_page(request: Request, measure_id: str):
        return page(request, "measure.html.j2", measure=_measure_view(measure_id))

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(request: Request):
        filters = _filters(request)
        rows, total = ledger.find_claims(**filters, limit=PAGE, offset=_offset(request))
        data = cache.get(ledger)
        return page(request, "claims.html.j2", rows=[claim_row(r) for r in rows],
                    **_paging(request, total), filters=filters, statuses=STATUSES, measure_options=data["measures"],
                    source_options=[s["source"] for s in data["sources"]],
                    outlet_options=data["outlets"])

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def claim_page(request: Request, claim_id: str):
        found = ledger.claim(claim_id)
        if found is None:
            raise HTTPException(404, f"No claim {claim_id} in the ledger.")
        row = claim_row(found)
        measure = ledger.measure(found["measure"]) if found.get("measure") else None
        row["measure_label"] = measure["label"] if measure else None
        copies, _ = ledger.find_claims(origin=found["origin"]) if found.get("origin") else ([], 0)
        copies = [claim_row(c) for c in copies if c["id"] != claim_id]
        return page(request, "claim.html.j2", claim=row, copies=copies)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request):
        shown, paging = _paged(request, ledger.document_rows())
        return page(request, "documents.html.j2", documents=shown, **paging)

    @app.get("/documents/{doc:path}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc: str):
        document = _document(doc)
        claims, _ = ledger.find_claims(doc=doc)
        return page(request, "document.html.j2", document=document_view(document, claims))

    @app.get("/copies", response_class=HTMLResponse, include_in_schema=False)
    def copies_page(request: Request):
        shown, paging = _paged(request, sorted(ledger.reuse_rows(), key=lambda r: -r["score"]))
        texts = {doc: _document(doc).text or "" for r in shown for doc in (r["doc_a"], r["doc_b"])}
        return page(request, "copies.html.j2", reuse=reuse_views(shown, texts), **paging)

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request):
        return page(request, "sources.html.j2", sources=cache.get(ledger)["sources"])

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
        offset: int = Query(0, ge=0),
        measure: str | None = None, source: str | None = None, status: str | None = None,
        outlet: str | None = None, kind: str | None = None, doc: str | None = None,
        date_from: str | None = None, date_to: str | None = None,
        value_min: float | None = None, value_max: float | None = None, text: str | None = None,
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
    def api_measures(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)):
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


def _filters(request: Request) -> dict:
    params = request.query_params
    return {
        "measure": params.get("measure") or None, "source": params.get("source") or None,
        "status": params.get("status") or None, "outlet": params.get("outlet") or None,
        "kind": params.get("kind") or None, "date_from": params.get("date_from") or None,
        "date_to": params.get("date_to") or None, "value_min": _float(params.get("value_min")),
        "value_max": _float(params.get("value_max")), "text": params.get("text") or None,
    }


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int(text: str | None, default: int) -> int:
    try:
        return max(0, int(text)) if text else default
    except ValueError:
        return default


def _offset(request: Request) -> int:
    return _int(request.query_params.get("offset"), 0)


def _paging(request: Request, total: int) -> dict:
    """What the paging macros need for a list of ``total`` items shown PAGE at a time."""
    return {"total": total, "offset": _offset(request), "limit": PAGE,
            "page_link": _page_link(request)}


def _paged(request: Request, rows: list) -> tuple[list, dict]:
    """The rows of the page the request asks for, and its paging."""
    paging = _paging(request, len(rows))
    return rows[paging["offset"] : paging["offset"] + PAGE], paging


def _page_link(request: Request):
    """page_link(start): this page's address with its filters, starting at ``start``."""
    query = {k: v for k, v in request.query_params.items() if k != "offset" and v}

    def page_link(start: int) -> str:
        return f"{request.url.path}?" + urlencode({**query, "offset": max(0, start)})

    return page_link
