"""Full builds: `mkdocs build --strict` of the real content and of the fixture set, then the built site."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import FIXTURE, ROOT, build_site

def expected_pages(content: Path) -> set[str]:
    pages = {"index.html", "timeline/index.html", "methodology.html", "glossary.html", "claims/index.html",
             "sources/index.html", "actors/index.html", "topics/index.html"}
    for folder in ("events", "claims", "sources", "actors", "topics", "guides"):
        pages |= {f"{folder}/{f.stem}.html" for f in (content / folder).glob("*.yaml")}
    return pages


@pytest.mark.parametrize("which", ["real", "fixture"])
def test_every_page_is_built(which, request):
    site = request.getfixturevalue(f"{which}_site")
    content = ROOT / "content" if which == "real" else FIXTURE
    built = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert expected_pages(content) <= built


HREF = re.compile(r'(?:href|src)="([^"]+)"')


@pytest.mark.parametrize("which", ["real", "fixture"])
def test_internal_links_resolve(which, request):
    """Generated pages link with raw HTML, which MkDocs does not check, so this test does."""
    site = request.getfixturevalue(f"{which}_site")
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # served from any depth, so the theme uses root-relative addresses
            continue
        html = page.read_text()
        ids = set(re.findall(r'id="([^"]+)"', html))
        for href in HREF.findall(html):
            parts = urlsplit(href.replace("&amp;", "&"))
            if parts.scheme or href.startswith("//"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if parts.path and not target.exists():
                broken.append(f"{page.relative_to(site)}: {href}")
            elif not parts.path and parts.fragment and parts.fragment not in ids and parts.fragment != "__code_0":
                broken.append(f"{page.relative_to(site)}: {href}")
    assert broken == []


def test_event_page_renders_citations_and_dates(fixture_site):
    html = (fixture_site / "events" / "2020-01-15-widget-rule.html").read_text()
    assert '<time datetime="2020-01-15">15 Jan 2020 – Feb 2020</time>' in html
    assert '<li id="cite-1"><span class="rec-backrefs">' in html
    assert '<cite><a href="https://gazette.example.org/rules/widgets">' in html
    assert '<p>“a licence is required for all widgets” <span class="rec-quote__at">(Section 2)</span></p>' in html
    # markers numbered by first use, one entry per source, each use linked back
    assert ('published on 15 January 2020<sup class="rec-ref"><a id="ref-1-1" href="#cite-1">[1: Section 2]</a></sup>'
            in html)
    assert '<a href="#ref-1-2" aria-label="Back to citation 2 of source 1">b</a>' in html
    assert html.count('<li id="cite-') == 2
    assert ">Archived copy</a> of 16 January 2020." in html
    assert "Example Wire (read via Example Mirror)" in html


def test_claim_page_renders_verdict_and_evidence(fixture_site):
    html = (fixture_site / "claims" / "widget-ban.html").read_text()
    assert 'class="rec-verdict rec-verdict--mostly-accurate"' in html
    assert "</span> Mostly accurate</a>" in html
    assert "<h3>Supports the claim</h3>" in html and "<h3>Context</h3>" in html
    assert "<li>How many licences were granted.</li>" in html
    assert "Previous verdict:" in html


def test_no_third_party_assets(real_site):
    """Fonts, scripts and styles are all served from the site itself."""
    for page in [real_site / "index.html", real_site / "timeline" / "index.html"]:
        html = page.read_text()
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        for match in re.finditer(r'<(?:script|link)[^>]+(?:src|href)="(https?:)?//', html):
            pytest.fail(f"{page.name} loads a third-party asset: {match.group(0)}")


def test_zensical_builds_the_same_pages(real_site, tmp_path):
    """Material's successor builds the same docs/ and configs, both editions: the move is one command away."""
    project = real_site.parent
    shutil.copytree(project / "docs", tmp_path / "docs")
    for config in ("mkdocs.yml", "mkdocs.zh.yml"):
        shutil.copy(project / config, tmp_path / config)
    shutil.copytree(project / "overrides", tmp_path / "overrides")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py"), "zensical", "mkdocs.yml", "site"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (result.stdout + result.stderr).count("No issues found") == 2  # one per edition
    pages = lambda site: {p.relative_to(site).as_posix() for p in site.rglob("*.html")}  # noqa: E731
    assert pages(tmp_path / "site") == pages(real_site)
    assert any(p.startswith("zh/events/") for p in pages(real_site))


def test_builds_are_reproducible(tmp_path, monkeypatch):
    """Two builds of the same content, in different folders and at different times, are byte-identical."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build_site(tmp_path / "one", FIXTURE)
    second = build_site(tmp_path / "two", FIXTURE)
    files = lambda site: {p.relative_to(site).as_posix(): p.read_bytes()  # noqa: E731
                          for p in sorted(site.rglob("*")) if p.is_file()}
    assert files(first) == files(second)
    assert files(first.parent / "docs") == files(second.parent / "docs")


MARKER = re.compile(r'<sup class="rec-ref">(.*?)</sup>')


@pytest.mark.parametrize("folder", ["events", "claims", "topics", "guides"])
def test_every_prose_paragraph_of_the_real_record_cites_a_source_on_its_page(real_site, folder):
    """Every paragraph of an event's details, a claim's explanation, a topic's explainer and a guide has a
    superscript linking to a #cite-N entry of the same page, and that entry links back to it."""
    pages = sorted((real_site / folder).glob("*.html"))
    pages = [p for p in pages if p.name != "index.html" and not p.name.startswith("page-")]
    assert pages
    for page in pages:
        html = page.read_text()
        ids = set(re.findall(r'id="([^"]+)"', html))
        sections = re.findall(r'<div class="rec-explanation">(.*?)</div>', html, re.S) if folder == "claims" else \
            re.findall(r'<h2 id="(?:details|what-it-is|how-it-developed|disputed-or-unknown|part-\d+)">.*?</h2>(.*?)<h2', html, re.S)
        if folder in ("claims", "guides") or (folder == "topics" and "what-it-is" in ids):
            assert sections, page
        for section in sections:
            for paragraph in re.findall(r"<p>(.*?)</p>", section, re.S):
                refs = re.findall(r'<a id="(ref-\d+-\d+)" href="#(cite-\d+)">', " ".join(MARKER.findall(paragraph)))
                assert refs, f"{page.relative_to(real_site)}: a paragraph with no citation: {paragraph[:80]}"
                for ref, cite in refs:
                    assert cite in ids, f"{page.relative_to(real_site)}: #{cite} is not on the page"
                    assert f'href="#{ref}"' in html, f"{page.relative_to(real_site)}: no link back to #{ref}"


def test_no_page_doubles_its_quotation_marks(real_site):
    """A quote that holds quotation marks of its own gets single inner ones, never ”” or ““."""
    doubled = [p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html")
               if "””" in p.read_text() or "““" in p.read_text()]
    assert doubled == []


def test_reader_pages_say_nothing_of_the_repository(real_site):
    for page in (real_site / "sources").glob("*.html"):
        assert "shared/seed" not in page.read_text(), page.name


def test_every_essay_claim_is_on_the_essay_page_in_the_essay_order(real_site):
    html = (real_site / "walkthroughs" / "essay.html").read_text()
    linked = re.findall(r'<a href="\.\./claims/([a-z0-9-]+)\.html">Read the fact check</a>', html)
    essay = [f.stem for f in (ROOT / "content" / "claims").glob("*.yaml")
             if "source: essay-chips-ai-encirclement" in f.read_text().split("verdict:")[0]]
    assert sorted(linked) == sorted(essay)
    paragraphs = [int(n) for n in re.findall(r'<section class="rec-walk" id="paragraph-(\d+)"', html)]
    assert paragraphs == sorted(paragraphs) and len(paragraphs) == 23


HEAD_PARTS = {
    "canonical": re.compile(r'<link rel="canonical" href="([^"]+)"'),
    "jsonld": re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S),
    "og:url": re.compile(r'<meta property="og:url" content="([^"]+)"'),
    "og:title": re.compile(r'<meta property="og:title" content="([^"]+)"'),
}


def test_zensical_writes_the_same_head_as_mkdocs(published_site, zensical_published_site):
    """Beyond the page set: canonical links, Open Graph and ClaimReview are the same from either builder."""
    pages = sorted(p.relative_to(published_site).as_posix() for p in published_site.rglob("*.html"))
    assert pages == sorted(p.relative_to(zensical_published_site).as_posix()
                           for p in zensical_published_site.rglob("*.html"))
    differ = []
    for page in pages:
        a, b = (published_site / page).read_text(), (zensical_published_site / page).read_text()
        for name, pattern in HEAD_PARTS.items():
            found = [pattern.findall(a), pattern.findall(b)]
            if name == "jsonld":  # the same data; each builder's template engine spaces its JSON its own way
                found = [[json.loads(block) for block in blocks] for blocks in found]
            if found[0] != found[1]:
                differ.append(f"{page}: {name}")
    assert differ == []
    assert json.loads((zensical_published_site / "search.json").read_text())  # Zensical's search index
