"""`make site` is all or nothing: a failed build leaves the previous site/ exactly as it was.

Run for real, with the Makefile, on a copy of the project: one good build, then the same copy broken in one
way per test (a content error, then an mkdocs failure) and built again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

COPIED = ["content", "build_scripts", "tools", "docs", "overrides", "schemas", "locale", "mkdocs.yml", "mkdocs.zh.yml",
          "Makefile",
          "requirements.txt"]
EVENT = "2018-04-16-zte-denial-order"
EVENT_FILE = f"content/events/{EVENT}.yaml"


def _venv() -> Path:
    """The virtual environment the tests run in (the project's .venv, which `make` created)."""
    prefix = Path(sys.prefix)
    return prefix if (prefix / "bin" / "mkdocs").exists() else ROOT / ".venv"


def make_site(project: Path) -> subprocess.CompletedProcess[str]:
    # `-o .venv/.installed`: take the symlinked, already installed .venv as up to date. The copy's
    # requirements.txt is newer than its stamp, and make would otherwise reinstall into the real .venv.
    env = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env["SOURCE_DATE_EPOCH"] = "1764115200"  # not a git repository: fix the date the Makefile would read
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "site"], cwd=project,
                          capture_output=True, text=True, env=env, timeout=600)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, by path relative to `folder`."""
    return {path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file()}


def changed(before: dict[str, tuple[bytes, int]], folder: Path) -> list[str]:
    """The files added, removed or modified (bytes or mtime) since `before` was taken."""
    after = snapshot(folder)
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A copy of the project after one successful `make site` (built once for the module)."""
    project = tmp_path_factory.mktemp("atomic") / "project"
    project.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / name)
    (project / ".venv").symlink_to(_venv(), target_is_directory=True)
    result = make_site(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "index.html").is_file()
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built project for one test (the .venv stays a symlink)."""
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def test_a_content_error_leaves_site_and_docs_untouched(project):
    site, docs = snapshot(project / "site"), snapshot(project / "docs")
    event = project / EVENT_FILE
    lines = event.read_text().splitlines(keepends=True)
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("id:")) + 1
    lines.insert(line - 1, "lane_typo: oops\n")  # an unknown field, on the line after the id
    event.write_text("".join(lines))

    result = make_site(project)

    assert result.returncode != 0
    assert f"{EVENT_FILE}:{line}:1: lane_typo: unknown field 'lane_typo'" in result.stdout, result.stdout
    assert "nothing was written" in result.stderr
    assert "mkdocs build" not in result.stdout  # make stopped before the site build
    assert changed(site, project / "site") == []
    assert changed(docs, project / "docs") == []
    assert not (project / "site.new").exists()


def test_an_mkdocs_failure_leaves_site_untouched(project):
    """What is guaranteed: site/ is the last complete build until a build succeeds. docs/ is not: the check
    passed, so the generator has already written the pages of the new (valid) content when mkdocs fails,
    and they wait there for the next build. A half-built site.new/ may be left; the next build removes it."""
    site = snapshot(project / "site")
    page = project / "docs" / "events" / f"{EVENT}.md"
    page_before = page.read_bytes()
    event = project / EVENT_FILE
    text = event.read_text()
    assert "\ntitle:\n  en: " in text
    event.write_text(text.replace("\ntitle:\n  en: ", "\ntitle:\n  en: Retitled for the test ", 1))
    # A hand-written page that names a template nobody has: mkdocs stops half-way through the pages.
    (project / "docs" / "broken.md").write_text("---\ntemplate: no-such-template.html\n---\n\n# Broken\n")

    result = make_site(project)

    assert result.returncode != 0
    assert "'no-such-template.html' not found" in result.stderr
    assert "site/ is ready" not in result.stdout
    assert changed(site, project / "site") == []
    assert page.read_bytes() != page_before and b"Retitled for the test" in page.read_bytes()


def test_a_strict_warning_fails_the_build_and_leaves_site_untouched(project):
    site = snapshot(project / "site")
    (project / "docs" / "broken.md").write_text("# Broken\n\nSee [the missing page](missing.md).\n")

    result = make_site(project)

    assert changed(site, project / "site") == []
    assert result.returncode != 0
    assert "'missing.md'" in result.stderr
