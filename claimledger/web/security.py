"""The defences in front of every route of the web app, as one ASGI middleware.

- **Host check** (DNS rebinding): a page of a hostile site whose name is made to resolve to
  127.0.0.1 reaches the app with that site's name in ``Host``; only the loopback names and
  the names the server was started on are answered, anything else gets 421.
- **Unsafe methods** (POST and the like) are refused when ``Origin`` (or, without it,
  ``Referer``) names another origin (scheme, host, port) than the request's own (CSRF), and, when the
  app has a token (writable mode), unless the request carries it in the
  ``X-Claimledger-Token`` header or as ``Authorization: Bearer``. A header, not a form field:
  the one writable route takes JSON, and a custom header is one a cross-site form cannot set.
- **Security headers** on every response, the refusals and unexpected errors included (an
  error inside a route becomes a plain 500 here, logged, so it too carries them).
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

LOGGER = logging.getLogger(__name__)

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
WILDCARD_BINDS = frozenset({"0.0.0.0", "::", ""})
TOKEN_HEADER = "X-Claimledger-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# No script at all: the templates are server-rendered and style comes from /static/style.css
# (no inline style attributes), so neither needs an exception or a hash.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_RAW_HEADERS = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]


def new_token() -> str:
    """A fresh secret for writable mode (printed at start-up, never stored)."""
    return secrets.token_urlsafe(24)


def host_name(value: str) -> str:
    """The name part of a Host header or URL netloc, lower-cased: port and user dropped,
    IPv6 literals kept in brackets ("[::1]:8000" -> "[::1]")."""
    value = value.rpartition("@")[2].strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    return value.partition(":")[0] if value.count(":") == 1 else value


def is_loopback(host: str) -> bool:
    """Whether an address to bind serves this machine only."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def allowed_hosts(bind: str) -> frozenset[str]:
    """The Host names answered by a server bound to ``bind``: the loopback names, plus the
    bound name itself; a wildcard bind (0.0.0.0, ::) adds this machine's names and the
    addresses they resolve to, since those are what other machines will use."""
    names = {bind}
    if bind in WILDCARD_BINDS:
        names = {socket.gethostname(), socket.getfqdn()}
        names |= set(_addresses(names))
    return LOOPBACK_NAMES | {_as_host(name) for name in names if name not in WILDCARD_BINDS}


def _addresses(names: Iterable[str]) -> list[str]:
    found = []
    for name in names:
        try:
            found += [str(info[4][0]) for info in socket.getaddrinfo(name, None)]
        except OSError:  # a name that does not resolve here adds no address
            continue
    return found


def _as_host(name: str) -> str:
    """A name as it appears in a Host header: IPv6 literals in brackets."""
    name = name.lower()
    return f"[{name}]" if ":" in name and not name.startswith("[") else name


class Guard:
    """ASGI middleware: the host check, the unsafe-method checks and the security headers."""

    def __init__(self, app, *, hosts: Iterable[str] = LOOPBACK_NAMES, token: str | None = None) -> None:
        self.app = app
        self.hosts = frozenset(_as_host(h) for h in hosts)
        self.token = token

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self.refusal(scope["method"], scope.get("scheme", "http"), headers)
        started = False

        async def send_with_headers(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *_RAW_HEADERS]}
            await send(message)

        if refusal:
            await _plain(send_with_headers, *refusal)
            return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started:
                raise
            LOGGER.exception("error answering %s %s", scope["method"], scope.get("path"))
            await _plain(send_with_headers, 500, "Internal error: see the server's log.")

    def refusal(self, method: str, scheme: str, headers: dict[str, str]) -> tuple[int, str] | None:
        """(status, reason) when the request must not reach the app, else None."""
        host = headers.get("host", "")
        if host_name(host) not in self.hosts:
            return 421, "Unknown host name: this server answers only " + ", ".join(sorted(self.hosts)) + "."
        if method in SAFE_METHODS:
            return None
        origin = headers.get("origin") or headers.get("referer")
        if origin is not None and _origin(origin) != (scheme, host.lower()):
            return 403, "Cross-origin request refused."
        if self.token and not secrets.compare_digest(_presented_token(headers).encode(), self.token.encode()):
            return 403, f"A write needs the token printed at start-up, in the {TOKEN_HEADER} header."
        return None


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _presented_token(headers: dict[str, str]) -> str:
    bearer = headers.get("authorization", "")
    if bearer.lower().startswith("bearer "):
        return bearer[7:].strip()
    return headers.get(TOKEN_HEADER.lower(), "")


async def _plain(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
