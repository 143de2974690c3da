"""Build the web archive (WARC) that ships with the claimledger demo corpus.

The demo corpus contains one uncompressed WARC file, a small crawl of the (fictional)
Veldan Press Agency website, so that the WARC reader is exercised by ``claimledger demo``
and by the tests.  This script writes it from the page sources kept in
``scripts/demo_warc_pages/``; record ids, dates and HTTP headers are fixed, so running
it twice produces byte-identical output. Every record is text (no images), so the file
stays readable in a diff.

Records, in file order::

    warcinfo
    request + response   https://www.vpa.vl/robots.txt            text/plain  (not an article)
    request + response   .../2025/03/04/government-mobilises-...  text/html   (article #1)
    response             https://www.vpa.vl/api/weather/kelmar    application/json  (widget data)
    request + response   .../2025/03/10/shelter-numbers-fall-...  text/html   (article #2)

Document ids in ``claimledger/demo/expected.json`` count only the HTML response
records: ``veldan-press-agency-2025-03-10.warc#1`` and ``...#2``.

Usage (from the repository root)::

    .venv/bin/python scripts/make_demo_warc.py [--output PATH]
"""

from __future__ import annotations

import argparse
import uuid
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO_ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = Path(__file__).resolve().parent / "demo_warc_pages"
DEFAULT_OUTPUT = (
    REPO_ROOT / "claimledger" / "demo" / "corpus" / "veldan-press-agency-2025-03-10.warc"
)

HOST = "www.vpa.vl"
USER_AGENT = "claimledger-demo-crawler/1.0"
SERVER = "nginx"


@dataclass(frozen=True)
class Capture:
    """One fetched URL: where it came from, when, and what the server sent back."""

    url: str
    warc_date: str  # ISO 8601, UTC, second precision (WARC/1.0)
    http_date: str  # RFC 7231 date for the HTTP Date header
    content_type: str
    body: bytes
    with_request: bool = True


def _record_id(kind: str, url: str) -> str:
    """A stable WARC-Record-ID derived from the record type and URL."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + ':' + url)}>"


def _page(name: str) -> bytes:
    """The bytes of one source file under ``scripts/demo_warc_pages/``."""
    return (PAGES_DIR / name).read_bytes()


def captures() -> list[Capture]:
    """The crawl, in the order the records are written."""
    article = "https://www.vpa.vl/en/news/2025/03/{}"
    return [
        Capture(
            url="https://www.vpa.vl/robots.txt",
            warc_date="2025-03-10T13:00:02Z",
            http_date="Mon, 10 Mar 2025 13:00:02 GMT",
            content_type="text/plain; charset=utf-8",
            body=_page("robots.txt"),
        ),
        Capture(
            url=article.format("04/government-mobilises-resources-dressa-valley"),
            warc_date="2025-03-10T13:00:05Z",
            http_date="Mon, 10 Mar 2025 13:00:05 GMT",
            content_type="text/html; charset=utf-8",
            body=_page("vpa-2025-03-04-government-mobilises-resources.html"),
        ),
        Capture(
            url="https://www.vpa.vl/api/weather/kelmar",
            warc_date="2025-03-10T13:00:06Z",
            http_date="Mon, 10 Mar 2025 13:00:06 GMT",
            content_type="application/json",
            body=_page("weather-widget.json"),
            with_request=False,
        ),
        Capture(
            url=article.format("10/shelter-numbers-fall-dressa-valley"),
            warc_date="2025-03-10T13:00:09Z",
            http_date="Mon, 10 Mar 2025 13:00:09 GMT",
            content_type="text/html; charset=utf-8",
            body=_page("vpa-2025-03-10-shelter-numbers-fall.html"),
        ),
    ]


def _write_warcinfo(writer: WARCWriter, filename: str, date: str) -> None:
    fields = (
        "software: claimledger scripts/make_demo_warc.py (warcio)\r\n"
        "format: WARC File Format 1.0\r\n"
        "description: Demo crawl of the fictional Veldan Press Agency site for claimledger\r\n"
        "robots: obey\r\n"
        f"http-header-user-agent: {USER_AGENT}\r\n"
    ).encode("utf-8")
    record = writer.create_warc_record(
        "",
        "warcinfo",
        payload=BytesIO(fields),
        length=len(fields),
        warc_content_type="application/warc-fields",
        warc_headers_dict={
            "WARC-Record-ID": _record_id("warcinfo", filename),
            "WARC-Date": date,
            "WARC-Filename": filename,
        },
    )
    writer.write_record(record)


def _write_capture(writer: WARCWriter, cap: Capture) -> None:
    response_id = _record_id("response", cap.url)
    if cap.with_request:
        path = cap.url.split(HOST, 1)[1]
        request_headers = StatusAndHeaders(
            f"GET {path} HTTP/1.1",
            [
                ("Host", HOST),
                ("User-Agent", USER_AGENT),
                ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
                ("Accept-Language", "en"),
            ],
            is_http_request=True,
        )
        request = writer.create_warc_record(
            cap.url,
            "request",
            http_headers=request_headers,
            warc_headers_dict={
                "WARC-Record-ID": _record_id("request", cap.url),
                "WARC-Date": cap.warc_date,
                "WARC-Concurrent-To": response_id,
            },
        )
        writer.write_record(request)

    response_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Date", cap.http_date),
            ("Server", SERVER),
            ("Content-Type", cap.content_type),
            ("Content-Length", str(len(cap.body))),
        ],
        protocol="HTTP/1.1",
    )
    response = writer.create_warc_record(
        cap.url,
        "response",
        payload=BytesIO(cap.body),
        length=len(cap.body),
        http_headers=response_headers,
        warc_headers_dict={
            "WARC-Record-ID": response_id,
            "WARC-Date": cap.warc_date,
        },
    )
    writer.write_record(response)


def build(output: Path) -> int:
    """Write the WARC to ``output``; return the number of records written."""
    output.parent.mkdir(parents=True, exist_ok=True)
    caps = captures()
    with output.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        _write_warcinfo(writer, output.name, caps[0].warc_date)
        for cap in caps:
            _write_capture(writer, cap)
    return 1 + sum(2 if cap.with_request else 1 for cap in caps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"where to write the WARC (default: {DEFAULT_OUTPUT.relative_to(REPO_ROOT)})",
    )
    args = parser.parse_args()
    count = build(args.output)
    print(f"wrote {count} records to {args.output}")


if __name__ == "__main__":
    main()
