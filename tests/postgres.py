"""A throw-away PostgreSQL server for the tests: Debian's package (installed by the test
set-up when missing), a fresh cluster in a temporary folder, listening on 127.0.0.1 only,
stopped and removed afterwards."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
from pathlib import Path

import pytest

from system import apt_install, free_port


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(found[-1]).parent if found else None


class PostgresServer:
    def __init__(self, root: Path) -> None:
        bin_dir = _bin_dir()
        if bin_dir is None:
            apt_install("postgresql")
            bin_dir = _bin_dir()
        if bin_dir is None:
            pytest.skip("Debian's postgresql package installed no initdb")
        self.bin = bin_dir
        self.root = root
        self.data = root / "data"
        self.port = free_port()
        # PostgreSQL refuses to run as root: run it as the package's 'postgres' user then.
        self.user = None
        if os.geteuid() == 0:
            try:
                self.user = pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("running as root and there is no 'postgres' user to run the server")
            os.chown(root, self.user.pw_uid, self.user.pw_gid)

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user.pw_name, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        result = self._run("initdb", "-D", str(self.data), "-U", "claimledger", "--auth=trust",
                           "-E", "UTF8", "--locale=C")
        if result.returncode != 0:
            pytest.skip(f"PostgreSQL initdb failed: {result.stderr[-500:]}")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
        result = self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                           str(self.root / "server.log"), "-w", "-t", "60", "start")
        if result.returncode != 0:
            log = (self.root / "server.log")
            detail = log.read_text()[-500:] if log.exists() else result.stderr[-500:]
            pytest.skip(f"PostgreSQL did not start: {detail}")

    def url(self, database: str) -> str:
        return f"postgresql://claimledger@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        result = self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U",
                           "claimledger", name)
        assert result.returncode == 0, result.stderr
        return self.url(name)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
