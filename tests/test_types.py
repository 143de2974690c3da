"""The package type-checks: plain ``mypy``, as ``make typecheck`` runs it, so its only
settings are pyproject.toml's [tool.mypy] and ``make test`` (CI's test command) fails on a
type error with mypy's report."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_package_type_checks():
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
