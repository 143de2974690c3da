"""Build small WARC files for tests with warcio's writer."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page(title: str, paragraphs: list[str], *, charset: str = "utf-8") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f"<html><head><meta charset=\"{charset}\"><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>Contact us</footer></body></html>")
    return html.encode(charset)


def write_warc(path: Path, records: list[tuple], *, gzip: bool = False) -> Path:
    """records: (uri, content_type, status, payload bytes, WARC-Date) per response record."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for uri, content_type, status, payload, date in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=BytesIO(payload), http_headers=headers,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)
            request = writer.create_warc_record(uri, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
    return path
