"""Real pages in Debian's Chromium, driven by Playwright: search, console, requests, accessibility.

These tests never skip: without Chromium they fail with the line that says what to install.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
# Without the background-networking flags Chromium calls Google's hosts at start-up, which is exactly the
# kind of third-party request these tests must not see.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: install it with 'apt-get install -y chromium'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def server(real_site: Path) -> str:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(real_site))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class Visit:
    """A page with everything it logged and requested."""

    def __init__(self, browser: Browser, url: str, width: int = 1280):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page: Page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url, wait_until="networkidle")

    def close(self) -> None:
        self.context.close()


def some_claim() -> str:
    return sorted((ROOT / "content" / "claims").glob("*.yaml"))[0].stem


def some_event() -> str:
    return sorted((ROOT / "content" / "events").glob("*.yaml"))[0].stem


PAGES = {
    "home": "index.html",
    "timeline": "timeline/index.html",
    "event": f"events/{some_event()}.html",
    "claim": f"claims/{some_claim()}.html",
    "sources": "sources/index.html",
}


@pytest.mark.parametrize("name", PAGES)
def test_no_console_error_and_no_third_party_request(browser, server, name):
    visit = Visit(browser, f"{server}/{PAGES[name]}")
    try:
        assert visit.errors == []
        origin = urlsplit(server).netloc
        foreign = [u for u in visit.requests if urlsplit(u).netloc != origin and not u.startswith("data:")]
        assert foreign == []
        assert len(visit.requests) > 1  # the page, at least, and its stylesheet
    finally:
        visit.close()


@pytest.mark.parametrize("where", ["online", "offline"])
def test_search_finds_huawei(browser, request, where):
    """Online over http://127.0.0.1; the offline copy from file://, where nothing may leave the folder."""
    if where == "online":
        url = f"{request.getfixturevalue('server')}/index.html"
    else:
        url = (request.getfixturevalue("offline_site") / "index.html").as_uri()
    visit = Visit(browser, url)
    try:
        page = visit.page
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator(".md-search__input").press_sequentially("Huawei", delay=20)  # the theme reacts to keystrokes
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert "Huawei" in page.locator(".md-search-result__list").inner_text()
        assert visit.errors == []
        if where == "offline":
            assert [u for u in visit.requests if not u.startswith(("file://", "data:", "blob:"))] == []
    finally:
        visit.close()


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation(browser, server, name):
    assert AXE.exists(), "axe-core is missing: run 'npm install' (make test does this)"
    visit = Visit(browser, f"{server}/{PAGES[name]}")
    try:
        visit.page.add_script_tag(path=str(AXE))
        result = visit.page.evaluate("async () => (await axe.run(document)).violations"
                                     ".map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))")
        assert result == [], json.dumps(result, indent=1)
    finally:
        visit.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ["home", "timeline", "claim"])
def test_screenshots(browser, server, name, width):
    """Saved for people to look at (test-artifacts/, git-ignored); the page must not scroll sideways."""
    visit = Visit(browser, f"{server}/{PAGES[name]}", width=width)
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"{name}-{width}.png"
        visit.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 1000
        overflow = visit.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
    finally:
        visit.close()
