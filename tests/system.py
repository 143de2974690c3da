"""What the test set-up installs and starts itself: Debian packages, loopback ports."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess

import pytest


def apt_install(package: str) -> None:
    """Install a Debian package; skips the calling test with the reason when that cannot be
    done here (not root, no apt-get, no package registry)."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip(f"{package} is not installed and cannot be installed here "
                    "(needs root and apt-get)")
    result = None
    for command in (["apt-get", "install", "-y", "-q", package],
                    ["sh", "-c", f"apt-get update -q && apt-get install -y -q {package}"]):
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800,
                                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        if result.returncode == 0:
            return
    pytest.skip(f"installing Debian's {package} failed: {result.stderr[-500:]}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
