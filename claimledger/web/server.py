"""`claimledger serve`: the app on an address, and what the user must know before it listens.

With several workers, uvicorn starts each in its own process (requests are then answered
on as many cores, each worker keeping its own story); the parent hands them the ledger,
the allowed hosts and the one token through the environment, so that every worker accepts
the token printed at start-up.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from claimledger.web.security import TOKEN_HEADER, allowed_hosts, is_loopback

WORKER_CONFIG = "CLAIMLEDGER_WEB_WORKER"


def start_up(db: str, *, host: str = "127.0.0.1", port: int = 8000, writable: bool = False):
    """The app for ``serve`` and the lines to tell the user: where it listens, a warning when
    the address is reachable from other machines, and the write token in writable mode."""
    from claimledger.web.app import create_app

    hosts = allowed_hosts(host)
    app = create_app(db, writable=writable, hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    lines = [f"Serving {db} on http://{shown}:{port} ({'writable' if writable else 'read-only'})"]
    if not is_loopback(host):
        lines.append(
            f"Warning: {host} is reachable from other machines, and the web app has no login: "
            "anyone who can reach this address can read the whole ledger"
            + (" (and, with the token, add to it)" if writable else "")
            + ". Requests are answered for the host names " + ", ".join(sorted(hosts)) + " only.")
    if writable:
        lines.append(f"Writes (POST) need the header {TOKEN_HEADER}: {app.state.token}")
    return app, lines


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, writable: bool = False,
          workers: int = 1, say: Callable[[str], object]) -> None:
    """Serve the ledger until interrupted; ``say`` shows the start-up lines to the user."""
    import uvicorn

    app, lines = start_up(db, host=host, port=port, writable=writable)
    for line in lines:
        say(line)
    if workers <= 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ[WORKER_CONFIG] = json.dumps({"db": db, "writable": writable, "token": app.state.token,
                                            "hosts": sorted(app.state.hosts)})
    uvicorn.run("claimledger.web.server:worker_app", factory=True, host=host, port=port,
                workers=workers, log_level="warning")


def worker_app():
    """The app in one of several worker processes, as the parent process configured it."""
    from claimledger.web.app import create_app

    config = json.loads(os.environ[WORKER_CONFIG])
    return create_app(config["db"], writable=config["writable"], hosts=config["hosts"], token=config["token"])
