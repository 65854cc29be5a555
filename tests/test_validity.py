"""The HTML the project generates is valid: the Nu Html Checker (vnu.jar, npm vnu-jar) over every built page.

One vnu run checks every page of the real site (about 400 pages in 4 s), and one every page of the fixture
content built as a published site (site_url, repo_url: canonical, edit and report links). Errors and
warnings fail, except the known mistakes in Material for MkDocs' own markup listed in THEME_ALLOWLIST, each
allowed by its exact message and the theme's markup it points at, so the same mistake in ours still fails.

These tests never skip: without Java or vnu.jar they fail with the line that says what to install.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA_MAJOR = 17  # vnu 26.x: "On any system with Java17+ installed: java -jar vnu.jar"
JAVA_INSTALL = "install Java 17 or later with 'apt-get install -y default-jre-headless'"

# (exact vnu message, a fragment of the element it points at, why it is allowed). Only for markup that
# Material for MkDocs (9.8.x) writes itself, each checked against the theme's templates in
# .venv/lib/python3.11/site-packages/material/templates/; none of our templates or overrides write it.
THEME_ALLOWLIST: list[tuple[str, str, str]] = [
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
     "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
     "or “week”.",
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     "material/templates/base.html: the navigation drawer's hidden toggle checkbox carries "
     "autocomplete=\"off\" (to stop browsers restoring its checked state); HTML allows that attribute "
     "on text-like inputs only. On every page."),
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
     "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
     "or “week”.",
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     "material/templates/base.html: the same for the search dialog's toggle checkbox. On every page."),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     '<label class="md-nav__title" for="__toc">',
     "material/templates/partials/toc.html writes the table of contents' label for=\"__toc\" on every page, "
     "but the checkbox id=\"__toc\" only in partials/nav-item.html, for the page that is listed in `nav`. "
     "Record pages (events, claims, sources, actors, topics) are not in `nav`, so there the label points at "
     "nothing. Pages listed in nav are valid."),
]

# The pages the issue names: each must be among those checked.
REPRESENTATIVE = ["index.html", "timeline/index.html", "claims/index.html", "sources/index.html",
                  "glossary.html", "data.html", "methodology.html", "404.html"]
REPRESENTATIVE += [f"zh/{name}" for name in REPRESENTATIVE]  # the Chinese edition, page for page
RECORD_FOLDERS = ["events", "claims", "sources", "actors", "topics"]


def java() -> str:
    path = shutil.which("java")
    if path is None:
        pytest.fail(f"Java is missing: {JAVA_INSTALL}")
    version = subprocess.run([path, "-version"], capture_output=True, text=True).stderr
    found = re.search(r'version "(\d+)(?:\.(\d+))?', version)
    major = int(found[1]) if found and found[1] != "1" else int(found[2]) if found else 0
    if major < JAVA_MAJOR:
        pytest.fail(f"Java {major or '?'} is too old for vnu.jar: {JAVA_INSTALL}")
    return path


def vnu(files: list[Path]) -> list[dict]:
    """Every message vnu gives for `files`, in one run."""
    if not VNU.exists():
        pytest.fail("vnu.jar is missing: run 'npm ci' (make test does this)")
    result = subprocess.run([java(), "-jar", str(VNU), "--format", "json", "--stdout", "--exit-zero-always",
                             *map(str, files)], capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)["messages"]


def allowed_by(message: dict) -> tuple[str, str, str] | None:
    for entry in THEME_ALLOWLIST:
        text, markup, _ = entry
        if message.get("message") == text and markup in message.get("extract", ""):
            return entry
    return None


def is_problem(message: dict) -> bool:
    """Errors (in a document or in reading it) and warnings; plain information is not a problem."""
    return message["type"] != "info" or message.get("subType") == "warning"


def problems(messages: list[dict]) -> list[dict]:
    return [m for m in messages if is_problem(m) and allowed_by(m) is None]


def where(message: dict, root: Path) -> str:
    path = Path(message.get("url", "?").removeprefix("file:"))
    try:
        path = path.relative_to(root)
    except ValueError:
        pass
    kind = message.get("subType") or message["type"]
    extract = " ".join(message.get("extract", "").split())
    return f"{path}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: {kind}: " \
           f"{message['message']}\n    {extract}"


@pytest.fixture(scope="module", params=["real_site", "published_site"])
def checked(request) -> tuple[Path, list[Path], list[dict]]:
    site = request.getfixturevalue(request.param)
    pages = sorted(site.rglob("*.html"))
    return site, pages, vnu(pages)


def test_every_page_is_checked(checked) -> None:
    site, pages, _ = checked
    names = {page.relative_to(site).as_posix() for page in pages}
    missing = [name for name in REPRESENTATIVE if name not in names]
    missing += [f"{edition}{folder}/<record>.html" for edition in ("", "zh/") for folder in RECORD_FOLDERS
                if not any(n.startswith(f"{edition}{folder}/") and n != f"{edition}{folder}/index.html" for n in names)]
    assert not missing, f"pages not built, so not checked: {missing}"


def test_generated_html_is_valid(checked) -> None:
    site, _, messages = checked
    found = problems(messages)
    report = "\n".join(where(m, site) for m in found[:200])
    more = f"\n... and {len(found) - 200} more" if len(found) > 200 else ""
    assert not found, f"vnu.jar: {len(found)} problem(s) in the built site:\n{report}{more}"


def test_allowlist_is_still_needed(checked) -> None:
    """An entry the theme no longer needs (fixed upstream, or the page layout changed) is removed."""
    _, _, messages = checked
    used = {allowed_by(m) for m in messages}
    stale = [entry[1] for entry in THEME_ALLOWLIST if entry not in used]
    assert not stale, f"allowlist entries no page needs any more, remove them: {stale}"


def test_the_check_reports_invalid_html(tmp_path: Path) -> None:
    """The same path as the site check finds a duplicate id, and the allowlist does not hide a label
    of ours that points nowhere, though the message is one the theme is allowed."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html>\n<html lang="en">\n<head><title>Invalid on purpose</title></head>\n'
                    '<body>\n<p id="twice">one</p>\n<p id="twice">two</p>\n'
                    '<label class="md-nav__title" for="nowhere">x</label>\n</body>\n</html>\n',
                    encoding="utf-8")
    found = problems(vnu([page]))
    reported = {(m["message"], m.get("lastLine")) for m in found}
    assert ("Duplicate ID “twice”.", 6) in reported, "\n".join(where(m, tmp_path) for m in found)
    assert ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form "
            "control.", 7) in reported, "\n".join(where(m, tmp_path) for m in found)
    assert all(where(m, tmp_path).startswith("bad.html:") for m in found)
