"""Shared helpers: a copy of the fixture content in a temporary folder, and the command line."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "content"
TODAY = datetime.date(2026, 11, 26)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder holding a copy of the small fixture content (valid as it stands)."""
    shutil.copytree(FIXTURE, tmp_path / "content")
    return tmp_path


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_scripts", *args], cwd=cwd, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
