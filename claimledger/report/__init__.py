"""The static story report: one self-contained HTML file that works offline and prints.

``render_report(ledger)`` returns the page; the CLI writes it. All article text is escaped
(Jinja2 autoescape); the page carries a Content-Security-Policy that forbids scripts, so even
a rendering mistake could not run an article's code.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from claimledger import __version__
from claimledger.report.views import anchor, document_view, reuse_views, story

TEMPLATES = Path(__file__).parent / "templates"


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) address, else None (never a javascript: link)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("claimledger.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


class Links:
    """Links between the views, one method per thing linked to; ``page(kind, ident)`` makes
    the address (an anchor in the one-page report, a URL in the web app)."""

    def __init__(self, page) -> None:
        self.page = page

    def claim(self, claim: dict) -> str:
        return self.page("claims", claim["id"])

    def doc(self, claim: dict) -> str:
        return self.page("documents", claim["doc"])

    def doc_id(self, doc: str) -> str:
        return self.page("documents", doc)

    def measure(self, measure: dict) -> str:
        return self.page("measures", measure["id"])

    def measure_id(self, measure: str) -> str:
        return self.page("measures", measure)


_ANCHOR_KIND = {"claims": "claim", "documents": "doc", "measures": "measure"}
StaticLinks = Links(lambda kind, ident: "#" + anchor(_ANCHOR_KIND[kind], ident))


def render_report(ledger, *, title: str | None = None) -> str:
    """The whole report as one HTML string."""
    data = story(ledger)
    claims_by_doc: dict[str, list[dict]] = {}
    for measure in data["measures"]:
        for row in measure["rows"]:
            claims_by_doc.setdefault(row["doc"], []).append(row)
    for statement in data["statements"]:
        claims_by_doc.setdefault(statement["doc"], []).append(statement)
    documents, texts = [], {}
    for row in data["documents"]:
        document = ledger.find(row["doc"])
        texts[row["doc"]] = document.text or ""
        documents.append(document_view(document, claims_by_doc.get(row["doc"], [])))
    template = environment().get_template("report.html.j2")
    return template.render(
        title=title or _title(data),
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
        css=(TEMPLATES / "_style.css").read_text(encoding="utf-8"),
        story=data,
        reuse=reuse_views(ledger.reuse_rows(), texts),
        documents=documents,
        link=StaticLinks,
        macros=environment().get_template("_macros.html.j2").module,
    )


def _title(data: dict) -> str:
    top = data["measures"][0]["label"] if data["measures"] else "the story"
    return f"Ledger: {top} and {max(0, data['measure_count'] - 1)} more measures"


def write_report(ledger, path: str | Path, *, title: str | None = None) -> Path:
    path = Path(path)
    path.write_text(render_report(ledger, title=title), encoding="utf-8")
    return path
