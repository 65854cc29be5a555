"""Shared helpers: a copy of the fixture content in a temporary folder, and the command line."""

from __future__ import annotations

import datetime
import os
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


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_scripts", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


HAND_WRITTEN = ["stylesheets", "javascripts"]


def missing_translation(problem) -> bool:
    """A warning that a text has no Chinese yet: what a test's own English-only records always have."""
    return problem.message.startswith(("has no text in ", "has no translation into "))
OVERRIDES = "overrides"


# What the Pages workflow passes to a published build (example.org: a documentation address, never a real one).
PUBLISHED = {"SITE_URL": "https://record.example.org/", "REPO_URL": "https://github.com/example/chips-record",
             "EDIT_URI": "edit/main/docs/"}


def build_site(tmp: Path, content: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None,
               builder: str = "mkdocs") -> Path:
    """Copy the project's config and hand-written pages next to `content`, generate, and build with `builder`
    (as `make site BUILDER=...` does). `env`: the publishing variables (SITE_URL, REPO_URL), if any."""
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copytree(content, tmp / "content")
    for name in ("mkdocs.yml", config, "mkdocs.zh.yml", config.replace(".yml", ".zh.yml")):
        shutil.copy(ROOT / name, tmp / name)
    shutil.copytree(ROOT / OVERRIDES, tmp / OVERRIDES)
    (tmp / "docs").mkdir()
    for name in HAND_WRITTEN:
        source = ROOT / "docs" / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp / "docs" / name)
    if config == "mkdocs.offline.yml":  # what `make offline` does
        shim = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
        assert shim.exists(), "iframe-worker is missing: run 'npm ci' (make test does this)"
        for edition in (tmp / "docs", tmp / "docs" / "zh"):
            (edition / "assets" / "iframe-worker").mkdir(parents=True)
            shutil.copy(shim, edition / "assets" / "iframe-worker" / "shim.js")
    generated = run_cli("--config", config, "build", cwd=tmp, env=env)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py"), builder, config, str(tmp / "site")],
                            cwd=tmp, capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    return tmp / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("real"), ROOT / "content")


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("offline"), ROOT / "content", "mkdocs.offline.yml")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("fixture"), FIXTURE)


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The fixture content built as the Pages workflow builds it (SITE_URL, REPO_URL and EDIT_URI set)."""
    return build_site(tmp_path_factory.mktemp("published"), FIXTURE, env=PUBLISHED)


@pytest.fixture(scope="session")
def zensical_published_site(tmp_path_factory) -> Path:
    """The same, built by Zensical (`make site BUILDER=zensical`)."""
    return build_site(tmp_path_factory.mktemp("published-zensical"), FIXTURE, env=PUBLISHED, builder="zensical")