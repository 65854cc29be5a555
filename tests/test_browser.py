"""Real pages in Debian's Chromium, driven by Playwright: search, console, requests, accessibility.

These tests never skip: without Chromium they fail with the line that says what to install.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from build_scripts.indexes import PER_PAGE

from .conftest import PUBLISHED, ROOT

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


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """A built site served over loopback, as a static host would serve it; yields its address."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # one line per request would bury the test output
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(real_site: Path) -> Iterator[str]:
    with serving(real_site) as address:
        yield address


class Visit:
    """A page with everything it logged and requested."""

    def __init__(self, browser: Browser, url: str, width: int = 1280, scheme: str = "light",
                 context: BrowserContext | None = None):
        self.context = context or browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        self.page: Page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url, wait_until="networkidle")

    def __enter__(self) -> Visit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.context.close()


def some_claim() -> str:
    return sorted((ROOT / "content" / "claims").glob("*.yaml"))[0].stem


def some_event() -> str:
    return sorted((ROOT / "content" / "events").glob("*.yaml"))[0].stem


PAGES = {
    "home": "index.html",
    "timeline": "timeline/index.html",
    "year": "timeline/2020.html",
    "claims": "claims/index.html",
    "event": f"events/{some_event()}.html",
    "claim": f"claims/{some_claim()}.html",
    "sources": "sources/index.html",
    # the first page of the sources index when it is split, else the index itself
    "sources-list": "sources/page-1.html" if len(list((ROOT / "content" / "sources").glob("*.yaml"))) > PER_PAGE["sources"]
    else "sources/index.html",
    "essay": "walkthroughs/essay.html",
    "topic": "topics/foreign-direct-product-rules.html",
    "glossary": "glossary.html",
}


@pytest.mark.parametrize("name", PAGES)
def test_no_console_error_and_no_third_party_request(browser, server, name):
    with Visit(browser, f"{server}/{PAGES[name]}") as visit:
        assert visit.errors == []
        origin = urlsplit(server).netloc
        foreign = [u for u in visit.requests if urlsplit(u).netloc != origin and not u.startswith("data:")]
        assert foreign == []
        assert len(visit.requests) > 1  # the page, at least, and its stylesheet


@pytest.mark.parametrize("where", ["online", "offline"])
def test_search_finds_huawei(browser, request, where):
    """Online over http://127.0.0.1; the offline copy from file://, where nothing may leave the folder."""
    if where == "online":
        url = f"{request.getfixturevalue('server')}/index.html"
    else:
        url = (request.getfixturevalue("offline_site") / "index.html").as_uri()
    with Visit(browser, url) as visit:
        page = visit.page
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator(".md-search__input").press_sequentially("Huawei", delay=20)  # the theme reacts to keystrokes
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert "Huawei" in page.locator(".md-search-result__list").inner_text()
        assert visit.errors == []
        if where == "offline":
            assert [u for u in visit.requests if not u.startswith(("file://", "data:", "blob:"))] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation(browser, server, name, scheme):
    assert AXE.exists(), "axe-core is missing: run 'npm install' (make test does this)"
    with Visit(browser, f"{server}/{PAGES[name]}", scheme=scheme) as visit:
        visit.page.add_script_tag(path=str(AXE))
        result = visit.page.evaluate("async () => (await axe.run(document)).violations"
                                     ".map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))")
        assert result == [], json.dumps(result, indent=1)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ["home", "timeline", "claim"])
def test_screenshots(browser, server, name, width):
    """Saved for people to look at (test-artifacts/, git-ignored); the page must not scroll sideways."""
    with Visit(browser, f"{server}/{PAGES[name]}", width=width) as visit:
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"{name}-{width}.png"
        visit.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 1000
        overflow = visit.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0


# ---------------------------------------------------------------------------------------------------------
# The timeline and claims filters, the chart, print


def shown_events(page: Page) -> list[str]:
    return page.locator("#rec-filter-results .rec-event__title a").all_inner_texts()


def test_timeline_filters_change_the_events_and_the_url_and_survive_a_reload(browser, server):
    with Visit(browser, f"{server}/timeline/index.html") as visit:
        page = visit.page
        data = json.loads(page.evaluate("JSON.stringify(window.recordTimeline)"))
        assert len(shown_events(page)) == len(data) > 0
        assert page.locator("#rec-filter-count").inner_text() == f"Showing all {len(data)} events."

        page.select_option("select[name=topic]", "entity-list")
        expected = [e[3] for e in data if "entity-list" in e[6]]
        assert 0 < len(expected) < len(data)
        assert shown_events(page) == expected
        assert page.url.endswith("/timeline/index.html?topic=entity-list")
        assert page.locator("#rec-filter-count").inner_text() == f"Showing {len(expected)} of {len(data)} events."

        page.select_option("select[name=actor]", "huawei")
        page.select_option("select[name=from]", "2020")
        page.locator("input[name=words]").fill("Huawei rule")
        expected = [e[3] for e in data if "entity-list" in e[6] and "huawei" in e[7] and int(e[1][:4]) >= 2020
                    and all(w in (e[3] + " " + e[4]).lower() for w in ("huawei", "rule"))]
        assert 0 < len(expected) < len([e for e in data if "entity-list" in e[6]])
        assert shown_events(page) == expected
        assert page.url.endswith("?topic=entity-list&actor=huawei&from=2020&words=Huawei+rule")

        page.reload(wait_until="networkidle")  # the URL alone restores the filter
        assert page.locator("select[name=topic]").input_value() == "entity-list"
        assert page.locator("select[name=from]").input_value() == "2020"
        assert page.locator("input[name=words]").input_value() == "Huawei rule"
        assert shown_events(page) == expected

        page.go_back()  # back steps through the choices made from the lists (typing is not a step)
        assert page.url.endswith("?topic=entity-list&actor=huawei")
        assert page.locator("select[name=from]").input_value() == ""
        assert page.locator("input[name=words]").input_value() == ""
        assert shown_events(page) == [e[3] for e in data if "entity-list" in e[6] and "huawei" in e[7]]

        page.locator("#rec-filter button[type=reset]").click()
        page.wait_for_function("document.location.search === ''")
        assert len(shown_events(page)) == len(data)
        assert visit.errors == []


def test_timeline_filter_is_keyboard_operable_with_visible_focus(browser, server):
    with Visit(browser, f"{server}/timeline/index.html") as visit:
        page = visit.page
        page.locator("select[name=topic]").focus()
        page.keyboard.press("Tab")  # reached from the keyboard: :focus-visible applies
        assert page.evaluate("document.activeElement.name") == "actor"
        style = page.evaluate("(s => [s.outlineStyle, s.outlineWidth])(getComputedStyle(document.activeElement))")
        assert style == ["solid", "3px"]
        page.keyboard.press("ArrowDown")  # a select changes with the arrow keys, and so does the list
        assert page.url.split("?")[1].startswith("actor=")
        assert len(shown_events(page)) < len(json.loads(page.evaluate("JSON.stringify(window.recordTimeline)")))


def test_without_javascript_every_event_is_on_the_year_pages(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server}/timeline/index.html")
        assert page.locator("#rec-filter").is_hidden()
        assert page.locator(".rec-filter__nojs").is_visible()
        years = page.locator(".rec-years a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        listed = []
        for href in years:
            page.goto(f"{server}/timeline/{href}")
            listed += page.locator(".rec-timeline .rec-event__title a").evaluate_all(
                "links => links.map(a => a.getAttribute('href'))")
        assert sorted(listed) == sorted(f"../events/{f.stem}.html" for f in (ROOT / "content" / "events").glob("*.yaml"))
    finally:
        context.close()


def test_claims_overview_filters_by_verdict(browser, server):
    with Visit(browser, f"{server}/claims/index.html?verdict=accurate") as visit:
        page = visit.page
        visible_badges = [t.split(" ", 1)[1] for t in page.locator("tbody tr:visible .rec-verdict").all_inner_texts()]
        assert visible_badges and set(visible_badges) == {"Accurate"}
        total = page.locator("tbody tr").count()
        assert page.locator(".rec-filter__count").inner_text() == f"Showing {len(visible_badges)} of {total} claims."
        page.select_option("select[name=verdict]", "")
        assert page.locator("tbody tr:visible").count() == total
        assert page.url.endswith("/claims/index.html")


@pytest.mark.parametrize("width", [1280, 390])
def test_chart_marks_link_to_events_and_stay_legible(browser, server, width):
    with Visit(browser, f"{server}/index.html", width=width) as visit:
        page = visit.page
        marks = page.locator(".rec-chart svg a")
        assert marks.count() > 10
        # the smallest text in the chart, as drawn on screen
        smallest = page.evaluate("Math.min(...[...document.querySelectorAll('.rec-chart text')]"
                                 ".map(t => t.getBoundingClientRect().height))")
        assert smallest >= 11, smallest
        href = marks.first.get_attribute("href")
        label = marks.first.locator("title").text_content()
        marks.first.click()
        page.wait_for_load_state()
        assert page.url.endswith(href.removeprefix("."))
        assert label.split(": ", 1)[1] == page.locator("h1").inner_text()
        assert visit.errors == []


def test_printed_pages_write_citation_urls_out(browser, server):
    with Visit(browser, f"{server}/{PAGES['claim']}") as visit:
        page = visit.page
        page.emulate_media(media="print")
        link = page.locator(".rec-citations a[href^='http']").first
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert after == f'" <{link.get_attribute("href")}>"'
        assert page.locator(".md-sidebar--primary").is_hidden() and page.locator(".md-header").is_hidden()
        # the page's own address is printed, the citation formats are not, and headings stay with their text
        assert page.locator(".rec-print-url").is_visible()
        assert page.locator(".rec-print-url").inner_text() == page.url.split("#")[0]
        assert page.locator(".rec-cite-this").is_hidden()
        assert page.locator("h2").first.evaluate("h => getComputedStyle(h).breakAfter") == "avoid"
        pdf = page.pdf()
        assert pdf.startswith(b"%PDF")
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "claim-print.pdf").write_bytes(pdf)


def test_offline_timeline_filter_works_from_file(browser, offline_site):
    """The filter's data is a script, not a fetched JSON file, so it works from file:// too."""
    with Visit(browser, (offline_site / "timeline" / "index.html").as_uri() + "?topic=entity-list") as visit:
        page = visit.page
        data = json.loads(page.evaluate("JSON.stringify(window.recordTimeline)"))
        expected = [e[3] for e in data if "entity-list" in e[6]]
        assert 0 < len(expected) < len(data)
        assert shown_events(page) == expected
        assert visit.errors == []
        assert [u for u in visit.requests if not u.startswith(("file://", "data:", "blob:"))] == []


def test_a_citation_marker_leads_to_its_source_and_back(browser, server):
    with Visit(browser, f"{server}/events/2019-05-15-huawei-entity-list.html") as visit:
        page = visit.page
        marker = page.locator("sup.rec-ref a").first
        anchor, target = marker.get_attribute("id"), marker.get_attribute("href")
        marker.click()
        page.wait_for_function(f"location.hash === '{target}'")
        entry = page.locator(target)
        assert entry.is_visible() and entry.evaluate("e => e.matches(':target')")
        box = entry.bounding_box()
        assert 0 <= box["y"] < 900, box  # scrolled into view
        back = entry.locator(f"a[href='#{anchor}']")
        back.click()
        page.wait_for_function(f"location.hash === '#{anchor}'")
        assert 0 <= page.locator(f"#{anchor}").bounding_box()["y"] < 900
        assert visit.errors == []


# ---------------------------------------------------------------------------------------------------------
# The reading experience: verdicts, claim pages, the chart, search, the sources index

CONTRAST = """(el) => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const s = getComputedStyle(el);
  const [a, b] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))];
  return {fill: s.backgroundColor, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_seven_verdict_badges_differ_and_their_labels_are_legible(browser, server, scheme):
    with Visit(browser, f"{server}/methodology.html", scheme=scheme) as visit:
        badges = visit.page.locator("#verdict-scale ~ table .rec-verdict, table .rec-verdict")
        found = {b.inner_text().split(" ", 1)[1]: b.evaluate(CONTRAST) for b in badges.all()}
        assert len(found) == 7, found
        assert len({v["fill"] for v in found.values()}) == 7, found  # seven colours, not link-indigo for all
        assert all(v["ratio"] >= 4.5 for v in found.values()), found
        icons = visit.page.locator("table .rec-verdict__icon").all_inner_texts()
        assert len(set(icons)) == 7  # a shape of its own for each, so colour is never the only signal


def test_a_claim_page_reads_as_a_fact_check(browser, server):
    claim = "essay-ascend-global-ban"
    with Visit(browser, f"{server}/claims/{claim}.html") as visit:
        page = visit.page
        assert page.locator(".rec-claim-head .rec-kind__label").inner_text().lower() == "claim"
        assert page.locator(".rec-claim-head h1").inner_text().startswith("“")
        verdict = page.locator(".rec-verdict-box .rec-verdict").inner_text().split(" ", 1)[1]
        title = page.title()
        assert title.startswith("Fact check: “") and f"— {verdict}" in title, title
        assert page.locator("meta[name=description]").get_attribute("content").startswith("Fact check of a claim")
        assert page.locator(".rec-cite-plain").text_content().count("Fact check: ‘") == 1


def test_actor_options_follow_the_names_shown(browser, server):
    with Visit(browser, f"{server}/timeline/index.html") as visit:
        names = visit.page.locator("select[name=actor] option").all_inner_texts()[1:]
        assert names == sorted(names, key=str.casefold) and len(names) > 5
        countries = visit.page.locator("select[name=country] option").all_inner_texts()[1:]
        assert "China" in countries and "United States" in countries
        visit.page.select_option("select[name=country]", "Netherlands")
        data = json.loads(visit.page.evaluate("JSON.stringify(window.recordTimeline)"))
        assert shown_events(visit.page) == [e[3] for e in data if "Netherlands" in e[8]]


@pytest.mark.parametrize("width", [1280, 390])
def test_chart_has_large_hit_areas_a_skip_link_and_follows_the_filter(browser, server, width):
    with Visit(browser, f"{server}/timeline/index.html", width=width) as visit:
        page = visit.page
        sizes = page.locator(".rec-chart__hit").evaluate_all(
            "rects => rects.map(r => { const b = r.getBoundingClientRect(); return [b.width, b.height]; })")
        assert sizes and min(min(s) for s in sizes) >= 24, min(sizes)
        # the skip link comes before the chart in the tab order and lands after it
        skip = page.locator("a.rec-skip")
        assert skip.evaluate("(a) => !!(a.compareDocumentPosition(document.querySelector('.rec-chart')) & 4)")
        skip.focus()
        assert skip.is_visible()
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#chart-end"
        # a focused mark writes its label under the chart
        first = page.locator(".rec-chart__link").first
        first.focus()
        assert page.locator(".rec-chart__readout").inner_text() == first.get_attribute("data-label")
        # marks whose events the filter hides are dimmed
        page.select_option("select[name=topic]", "ai-models")
        dimmed = page.locator(".rec-chart__link.is-filtered-out").count()
        assert 0 < dimmed < page.locator(".rec-chart__link").count()
        assert visit.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_lanes_stand_out_from_the_page(browser, server, scheme):
    with Visit(browser, f"{server}/index.html", scheme=scheme) as visit:
        ratios = visit.page.evaluate("""() => {
          const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
          const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
            .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
          const page = lum(rgb(getComputedStyle(document.body).backgroundColor));
          return [...document.querySelectorAll('.rec-chart__mark')].map(m => {
            const l = lum(rgb(getComputedStyle(m).fill));
            return (Math.max(l, page) + 0.05) / (Math.min(l, page) + 0.05);
          });
        }""")
        assert ratios and min(ratios) >= 3, min(ratios)


def test_search_ranks_explanations_first(browser, server):
    with Visit(browser, f"{server}/index.html") as visit:
        page = visit.page
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator(".md-search__input").press_sequentially("foreign direct product rule", delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        first = page.locator(".md-search-result__item a").first.get_attribute("href")
        assert any(part in first for part in ("topics/", "glossary.html", "events/", "guides/")), first
        snippet = page.locator(".md-search-result__list").inner_text()
        assert "PublisherThompson" not in snippet and "Published2" not in snippet


def test_sources_index_groups_and_filters(browser, server):
    with Visit(browser, f"{server}/{PAGES['sources-list']}") as visit:
        page = visit.page
        groups = page.locator(".rec-publisher")
        assert groups.count() > 20
        letters = page.locator(".rec-az a").all_inner_texts()
        assert len(letters) > 3
        page.locator(".rec-az a", has_text=letters[-1]).first.click()
        assert page.evaluate("location.hash") == f"#publishers-{letters[-1] if letters[-1] != '#' else 'other'}"
        total = page.locator(".rec-source").count()
        page.select_option("select[name=primary]", "primary")
        shown = page.locator(".rec-source:visible")
        assert 0 < shown.count() < total
        assert all(v == "primary" for v in shown.evaluate_all("items => items.map(i => i.dataset.primary)"))
        page.select_option("select[name=primary]", "")
        publisher = page.locator(".rec-publisher").last.get_attribute("data-publisher")
        page.locator("input[name=words]").fill(publisher)
        names = page.locator(".rec-publisher:visible").evaluate_all("s => s.map(x => x.dataset.publisher)")
        assert publisher in names and len(names) < groups.count()
        assert visit.errors == []


@pytest.mark.parametrize("path, query", [("index.html", "widget"), ("zh/index.html", "许可证")])
def test_search_works_on_the_zensical_build(browser, zensical_published_site, path, query):
    """The parity test goes past the page set: Zensical's own search (its own interface, in a shadow root that
    Playwright's locators reach) finds pages of the built site, in either edition (Zensical indexes Chinese
    without a word splitter of ours)."""
    with published(browser, zensical_published_site, path) as visit:
        page = visit.page
        page.locator(".md-search__button").click()
        page.keyboard.type(query, delay=20)
        results = page.locator('[role="listbox"][aria-label="Search results"] a')
        results.first.wait_for(timeout=15000)
        assert query in results.first.inner_text().lower()
        assert visit.errors == []
        assert [u for u in visit.requests if not u.startswith(SITE)] == []  # no GitHub API calls


def test_the_published_site_asks_no_third_party(browser, published_site):
    """With repo_url set the theme would fetch the repository's stars from api.github.com on every page; the
    override of partials/source.html keeps the link and drops the request. The hreflang links make the theme
    fetch a sitemap.xml beside each; every one is answered by the site itself."""
    with published(browser, published_site, "claims/widget-ban.html") as visit:
        assert visit.page.locator("a.md-source").first.get_attribute("href") == "https://github.com/example/chips-record"
        assert [u for u in visit.requests if not u.startswith(SITE) and not u.startswith("data:")] == []
        assert f"{SITE}zh/claims/sitemap.xml" in visit.requests
        assert visit.errors == []


SITE = PUBLISHED["SITE_URL"]


@contextlib.contextmanager
def published(browser: Browser, folder: Path, path: str) -> Iterator[Visit]:
    """A published build visited at its own address (SITE_URL), each request answered from the folder, as
    the host would: absolute links (canonical, hreflang) then lead where they lead on the real site."""
    def answer(route):
        target = folder / unquote(urlsplit(route.request.url).path).lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            route.fulfill(path=str(target))
        else:
            route.fulfill(status=404, body="not found")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(f"{SITE}**", answer)
    try:
        with Visit(browser, f"{SITE}{path}", context=context) as visit:
            yield visit
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------------------
# The Chinese edition: the same checks as the English pages, its language, its switcher and its search

ZH_PAGES = {name: f"zh/{path}" for name, path in PAGES.items()}
# Each character drawn in the page's own font, as its pixels.
GLYPHS = """(chars) => chars.map(t => {
  const canvas = document.createElement('canvas'); canvas.width = canvas.height = 40;
  const c = canvas.getContext('2d'); c.font = '32px ' + getComputedStyle(document.body).fontFamily;
  c.fillText(t, 2, 34); return Array.from(c.getImageData(0, 0, 40, 40).data).join(',');
})"""


@pytest.mark.parametrize("name", ZH_PAGES)
def test_chinese_pages_log_no_error_and_ask_no_third_party(browser, server, name):
    with Visit(browser, f"{server}/{ZH_PAGES[name]}") as visit:
        assert visit.errors == []
        origin = urlsplit(server).netloc
        assert [u for u in visit.requests if urlsplit(u).netloc != origin and not u.startswith("data:")] == []
        assert visit.page.evaluate("document.documentElement.lang") == "zh"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["home", "timeline", "event", "claim", "topic", "glossary"])
def test_axe_finds_no_violation_on_the_chinese_pages(browser, server, name, scheme):
    with Visit(browser, f"{server}/{ZH_PAGES[name]}", scheme=scheme) as visit:
        visit.page.add_script_tag(path=str(AXE))
        result = visit.page.evaluate("async () => (await axe.run(document)).violations"
                                     ".map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))")
        assert result == [], json.dumps(result, indent=1)


@pytest.mark.parametrize("where", ["online", "offline"])
def test_the_switcher_leads_to_the_same_page_in_the_other_language_and_back(browser, request, where):
    """A plain link: it works from file:// (the offline copy) and needs no JavaScript."""
    root = (request.getfixturevalue("server") if where == "online"
            else request.getfixturevalue("offline_site").as_uri())
    path = PAGES["event"]
    with Visit(browser, f"{root}/{path}") as visit:
        page = visit.page
        page.locator("a.rec-switch[hreflang='zh-Hans']").click()
        page.wait_for_load_state()
        assert page.url == f"{root}/zh/{path}"
        assert page.evaluate("document.documentElement.lang") == "zh"
        page.locator("a.rec-switch[hreflang='en']").click()
        page.wait_for_load_state()
        assert page.url == f"{root}/{path}"
        assert visit.errors == []


@pytest.mark.parametrize("where", ["online", "offline"])
def test_chinese_search_finds_huawei(browser, request, where):
    """华为 is one word to jieba, which split the Chinese text when Material built the index."""
    if where == "online":
        url = f"{request.getfixturevalue('server')}/zh/index.html"
    else:
        url = (request.getfixturevalue("offline_site") / "zh" / "index.html").as_uri()
    with Visit(browser, url) as visit:
        page = visit.page
        page.locator("label.md-search__icon, .md-search__input").first.click()
        # Chinese arrives through an input method, as one string, not key by key: fill it, then a key-up
        # (what the theme listens for) as the input method's last key would give.
        for query in ("华为", "出口管制"):
            page.locator(".md-search__input").fill(query)
            page.locator(".md-search__input").press("End")
            # the results show the index's text, where jieba put a zero-width space between words
            page.wait_for_function("q => [...document.querySelectorAll('.md-search-result__item')]"
                                   ".some(i => i.innerText.replaceAll('\\u200b', '').includes(q))",
                                   arg=query, timeout=15000)
        assert visit.errors == []
        if where == "offline":
            assert [u for u in visit.requests if not u.startswith(("file://", "data:", "blob:"))] == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ["home", "timeline", "claim"])
def test_chinese_screenshots_show_chinese_glyphs(browser, server, name, width):
    """Saved for people to look at; Debian's Noto CJK fonts must be there, or every character is a box."""
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    assert "Noto Sans CJK" in fonts, "fonts-noto-cjk is missing: run 'sudo apt-get install -y fonts-noto-cjk'"
    with Visit(browser, f"{server}/{ZH_PAGES[name]}", width=width) as visit:
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"zh-{name}-{width}.png"
        visit.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 1000
        assert visit.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        # A character no font has is drawn as the same box as any other missing one: with the fonts, 华 and
        # 为 are drawn differently from each other and from a private-use character (always a box).
        drawn = visit.page.evaluate(GLYPHS, ["华", "为", "\ue000"])
        assert drawn[0] != drawn[1] and drawn[0] != drawn[2]
