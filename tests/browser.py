"""Headless Chromium for the browser tests: Debian's package, installed by the test set-up
itself when missing, driven by Playwright; and a live web app on loopback."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from system import apt_install, free_port

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# No background traffic: the machine has no network beyond loopback.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"


def chromium() -> str:
    """The path of Chromium, installing Debian's package if needed; skips with the reason."""
    found = next((c for c in CANDIDATES if Path(c).exists()), None) or shutil.which("chromium")
    if found:
        return found
    apt_install("chromium")
    found = next((c for c in CANDIDATES if Path(c).exists()), None)
    if not found:
        pytest.skip("Debian's chromium package installed no chromium binary")
    return found


class LiveServer:
    """The web app served by uvicorn in a thread on 127.0.0.1, stopped afterwards."""

    def __init__(self, db: Path, *, writable: bool = False) -> None:
        import uvicorn

        from claimledger.web.app import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(str(db), writable=writable), host="127.0.0.1",
                                port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("the web app did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
