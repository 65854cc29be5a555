"""Open-data standards on the built site: ClaimReview JSON-LD against the visible page, Open Graph and
canonical links, edit and report links, the Atom feeds, the iCalendar file, "cite this" and corrections."""

from __future__ import annotations

import html
import json
import re
import urllib.parse
import xml.etree.ElementTree as ET

import icalendar
import jsonschema
import pytest

from build_scripts.data import ROWS
from build_scripts.models import VERDICTS

from .conftest import FIXTURE, ROOT

ATOM = "{http://www.w3.org/2005/Atom}"
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def visible(fragment: str) -> str:
    """The text a reader sees in an HTML fragment."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def first(pattern: str, page: str) -> str:
    match = re.search(pattern, page, re.S)
    assert match, pattern
    return match.group(1)


# ---------------------------------------------------------------------------------------------------------
# ClaimReview


@pytest.mark.parametrize("which", ["real", "published", "zensical_published"])
def test_every_claim_page_has_one_claim_review_matching_its_visible_text(request, which):
    site = request.getfixturevalue(f"{which}_site")
    pages = [p for p in (site / "claims").glob("*.html") if p.name != "index.html"]
    assert pages
    for page in pages:
        text = page.read_text()
        blocks = JSONLD.findall(text)
        assert len(blocks) == 1, page
        review = json.loads(blocks[0])
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        heading = visible(first(r"<h1[^>]*>(.*?)</h1>", text))
        assert f"“{review['claimReviewed']}”" == heading and len(review["claimReviewed"]) <= 75
        badge = visible(first(r'<p class="rec-verdict-box__label">Our verdict: <a class="rec-verdict[^>]*>'
                              r'<span class="rec-verdict__icon" aria-hidden="true">.</span>(.*?)</a>', text))
        assert review["name"] == f"Fact check: {heading} — {badge}"
        verdict = next(name for name, info in VERDICTS.items() if info.label == badge)
        if verdict == "opinion":
            assert "reviewRating" not in review
        else:
            rating = review["reviewRating"]
            assert rating["alternateName"] == badge
            if VERDICTS[verdict].rating is None:
                assert "ratingValue" not in rating
            else:
                assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (
                    VERDICTS[verdict].rating, 5, 1)
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        caption = visible(first(r"<figcaption>(.*?)</figcaption>", text))
        assert caption.startswith(f"The claim in full: {item['author']['name']}")
        assert item["appearance"]["url"].startswith(("https://", "http://"))
        assert item["appearance"]["headline"] in caption
        assert review["author"] == {"@type": "Organization", "name": "Chips and AI: the US–China record",
                                    **({"url": "https://record.example.org/"} if which != "real" else {})}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])
        path = page.relative_to(site).as_posix()
        assert review["url"] == (f"https://record.example.org/{path}" if which != "real" else path)


def test_rating_mapping_is_on_the_methodology_page(real_site):
    table = first(r'<table class="rec-scale">(.*?)</table>', (real_site / "methodology.html").read_text())
    for name, info in VERDICTS.items():
        row = visible(first(rf'<tr id="verdict-{name}">(.*?)</tr>', table))
        assert row.split(" ", 1)[1].startswith(info.label)
        assert row.endswith(f"{info.rating} of 5" if info.rating else "not rated")


def test_opinion_claims_carry_no_rating(real_site):
    opinions = [p for p in (real_site / "claims").glob("*.html") if 'rec-verdict-box rec-verdict-box--opinion' in p.read_text()]
    assert opinions
    for page in opinions:
        assert "reviewRating" not in json.loads(JSONLD.search(page.read_text()).group(1))


# ---------------------------------------------------------------------------------------------------------
# Meta tags, canonical, edit and report links


def test_every_page_has_a_description_and_open_graph_tags(real_site):
    for page in real_site.rglob("*.html"):
        if page.name == "404.html":
            continue
        text = page.read_text()
        assert re.search(r'<meta name="description" content="[^"]+"', text), page
        for prop in ("og:title", "og:description", "og:type", "og:site_name"):
            assert re.search(rf'<meta property="{prop}" content="[^"]+"', text), (page, prop)
        assert 'rel="canonical"' not in text  # no site_url: no made-up address


@pytest.mark.parametrize("builder", ["published", "zensical_published"])
def test_published_pages_have_canonical_and_og_url(request, builder):
    text = (request.getfixturevalue(f"{builder}_site") / "claims" / "widget-ban.html").read_text()
    assert '<link rel="canonical" href="https://record.example.org/claims/widget-ban.html">' in text
    assert '<meta property="og:url" content="https://record.example.org/claims/widget-ban.html">' in text
    assert '<meta property="og:title" content="Fact check: “The agency banned all widgets in 2020” — Mostly accurate">' in text


@pytest.mark.parametrize("page, source", [
    ("events/2020-01-15-widget-rule.html", "content/events/2020-01-15-widget-rule.yaml"),
    ("claims/widget-ban.html", "content/claims/widget-ban.yaml"),
    ("sources/blog-2021-essay.html", "content/sources/blog-2021-essay.yaml"),
    ("actors/example-corp.html", "content/actors/example-corp.yaml"),
    ("topics/test-controls.html", "content/topics/test-controls.yaml"),
    ("timeline/index.html", "build_scripts/templates/timeline.md.j2"),
    ("timeline/2020.html", "build_scripts/templates/timeline-page.md.j2"),
    ("index.html", "build_scripts/templates/home.md.j2"),
    ("glossary.html", "build_scripts/templates/glossary.md.j2"),
    ("guides/start-here.html", "content/guides/start-here.yaml"),
    ("data.html", "build_scripts/templates/data.md.j2"),
    ("zh/data.html", "build_scripts/templates/zh/data.md.j2"),  # written whole in Chinese
    ("zh/events/2020-01-15-widget-rule.html", "content/events/2020-01-15-widget-rule.yaml"),
])
def test_edit_this_page_opens_the_file_behind_it(published_site, page, source):
    edit = re.findall(r'<a href="([^"]+)" title="[^"]+" class="md-content__button md-icon" rel="edit"',
                      (published_site / page).read_text())
    assert edit == [f"https://github.com/example/chips-record/edit/main/{source}"]
    assert (ROOT / source).exists() or (FIXTURE / source.removeprefix("content/")).exists()


def test_no_edit_or_report_link_without_a_repository(real_site):
    text = (real_site / "claims" / f"{sorted((ROOT / 'content' / 'claims').glob('*.yaml'))[0].stem}.html").read_text()
    assert 'title="Edit this page"' not in text and "rec-report" not in text


def test_report_an_error_opens_the_issue_form_with_the_page_filled_in(published_site):
    for page, title in (("events/2020-01-15-widget-rule.html", "Example Agency restricts widget exports"),
                        ("claims/widget-ban.html", "“The agency banned all widgets in 2020”")):
        href = html.unescape(first(r'<a class="rec-report" href="([^"]+)"', (published_site / page).read_text()))
        assert href.startswith("https://github.com/example/chips-record/issues/new?template=report-an-error.yml&")
        assert f"page=https%3A%2F%2Frecord.example.org%2F{page.replace('/', '%2F')}" in href
        assert "title=Error+on%3A+" + urllib.parse.quote_plus(title) in href
    form = (ROOT / ".github" / "ISSUE_TEMPLATE" / "report-an-error.yml").read_text()
    assert "id: page" in form  # the field the link fills in


# ---------------------------------------------------------------------------------------------------------
# Downloads and their schemas


@pytest.mark.parametrize("name", list(ROWS))
def test_downloads_validate_against_their_published_schemas(real_site, name):
    schema = json.loads((real_site / "data" / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads((real_site / "data" / f"{name}.json").read_text())
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    broken = dict(document, **{name: [dict(document[name][0], id=7)]})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("name", list(ROWS))
def test_data_page_documents_every_field(name):
    page = (ROOT / "build_scripts" / "templates" / "data.md.j2").read_text()
    section = page.split(f"### {name}" if f"### {name}" in page else "### actors and topics")[1].split("\n## ")[0]
    missing = [f for f in ROWS[name].model_fields if f"`{f}`" not in section]
    assert missing == [], f"the data page does not document {name}: {missing}"


# ---------------------------------------------------------------------------------------------------------
# Feeds and calendar


@pytest.mark.parametrize("which", ["fixture", "published", "zensical_published"])
def test_atom_feeds_parse_and_hold_every_record_and_change(request, which):
    site = request.getfixturevalue(f"{which}_site")
    events = ET.parse(site / "feeds" / "events.xml").getroot()
    claims = ET.parse(site / "feeds" / "claims.xml").getroot()
    for feed in (events, claims):
        assert feed.tag == f"{ATOM}feed"
        for tag in ("id", "title", "updated"):
            assert feed.find(f"{ATOM}{tag}").text
        for entry in feed.findall(f"{ATOM}entry"):
            for tag in ("id", "title", "updated", "summary"):
                assert entry.find(f"{ATOM}{tag}").text, tag
            href = entry.find(f"{ATOM}link").get("href")
            if which != "fixture":
                assert href.startswith("https://record.example.org/")
            else:  # relative to the feed, which is in feeds/
                assert (site / "feeds" / href.split("#")[0]).resolve().exists(), href
    titles = [e.find(f"{ATOM}title").text for e in events.findall(f"{ATOM}entry")]
    # two events and the logged correction to one of them, newest first
    assert titles == ["Correction: Example Corp ships its own widget", "Example Corp ships its own widget",
                      "Example Agency restricts widget exports"]
    claim_titles = [e.find(f"{ATOM}title").text for e in claims.findall(f"{ATOM}entry")]
    assert claim_titles == ["Update: “The agency banned all widgets in 2020”",
                            "Fact check: “The agency banned all widgets in 2020” — Mostly accurate"]
    ids = [e.find(f"{ATOM}id").text for f in (events, claims) for e in f.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))


def test_feeds_are_linked_from_the_data_and_corrections_pages(fixture_site):
    for page in ("data.html", "corrections.html"):
        text = (fixture_site / page).read_text()
        assert 'href="feeds/events.xml"' in text and 'href="feeds/claims.xml"' in text


def test_calendar_parses_and_holds_every_event_dated_to_the_day(real_site):
    calendar = icalendar.Calendar.from_ical((real_site / "feeds" / "events.ics").read_bytes())
    entries = calendar.walk("VEVENT")
    events = json.loads((real_site / "data" / "events.json").read_text())["events"]
    by_day = [e for e in events if e["precision"] == "day"]
    assert len(entries) == len(by_day) > 0
    assert len({str(e["UID"]) for e in entries}) == len(entries)
    first_event = min(by_day, key=lambda e: e["date"])
    entry = next(e for e in entries if str(e["SUMMARY"]) == first_event["title"])
    assert entry["DTSTART"].dt.isoformat() == first_event["date"]
    assert first_event["url"] in str(entry["DESCRIPTION"])
    # the Chinese edition's calendar: the same events, in Chinese
    chinese = icalendar.Calendar.from_ical((real_site / "zh" / "feeds" / "events.ics").read_bytes())
    entries = {str(e["UID"]): e for e in chinese.walk("VEVENT")}
    assert len(entries) == len(by_day)
    assert first_event["translations"]["zh"]["title"] in {str(e["SUMMARY"]) for e in entries.values()}


# ---------------------------------------------------------------------------------------------------------
# Cite this, corrections


def test_cite_this_gives_plain_bibtex_and_csl_json(published_site):
    text = (published_site / "claims" / "widget-ban.html").read_text()
    box = first(r'<details class="rec-cite-this">(.*?)</details>', text)
    url = "https://record.example.org/claims/widget-ban.html"
    assert visible(first(r'<pre class="rec-cite-plain"><code>(.*?)</code>', box)) == (
        "Chips and AI: the US–China record. “Fact check: ‘The agency banned all widgets in 2020’ — Mostly accurate.” "
        f"Last updated 2026-11-03. {url}")
    bibtex = html.unescape(first(r'<pre class="rec-cite-bibtex"><code>(.*?)</code>', box))
    assert bibtex.startswith("@misc{chipsrecord-widget-ban,") and f"url = {{{url}}}" in bibtex
    assert "note = {Last updated 2026-11-03}" in bibtex and bibtex.count("{") == bibtex.count("}")
    csl = json.loads(html.unescape(first(r'<pre class="rec-cite-csl"><code>(.*?)</code>', box)))
    assert csl == [{"id": "chipsrecord-widget-ban", "type": "webpage",
                    "title": "Fact check: “The agency banned all widgets in 2020” — Mostly accurate",
                    "container-title": "Chips and AI: the US–China record",
                    "author": [{"literal": "Chips and AI: the US–China record"}], "URL": url,
                    "issued": {"date-parts": [[2026, 11, 3]]}}]
    assert 'Last updated <time datetime="2026-11-03">3 November 2026</time>' in box


def test_bibtex_escapes_special_characters():
    from build_scripts.formats import _bibtex_text
    assert _bibtex_text("R&D {50%} $1_000 #1 a\\b ~x^") == (
        r"R\&D \{50\%\} \$1\_000 \#1 a\textbackslash{}b \~{}x\^{}")


def test_corrections_page_lists_every_change_newest_first(fixture_site):
    items = re.findall(r"<li><time[^>]*>(.*?)</time>, (\w+) to <a[^>]*>(.*?)</a>: (.*?)</li>",
                       (fixture_site / "corrections.html").read_text())
    assert [(d, k, t) for d, k, t, _ in items] == [
        ("3 November 2026", "update", "“The agency banned all widgets in 2020”"),
        ("2 November 2026", "correction", "Example Corp ships its own widget")]
    assert visible(items[0][3]) == "New evidence changed the verdict. Previous verdict: ✔ Accurate; now ◕ Mostly accurate."


def test_a_changed_verdict_shows_the_previous_one_on_the_claim_page(fixture_site):
    changes = first(r'<ul class="rec-changelog">(.*?)</ul>', (fixture_site / "claims" / "widget-ban.html").read_text())
    assert visible(changes) == ("3 November 2026, update: New evidence changed the verdict. "
                                "Previous verdict: ✔ Accurate.")


@pytest.mark.parametrize("builder", ["published", "zensical_published"])
def test_published_site_names_its_sitemap_and_has_absolute_addresses(request, builder):
    published_site = request.getfixturevalue(f"{builder}_site")
    robots = (published_site / "robots.txt").read_text()
    assert "Sitemap: https://record.example.org/sitemap.xml" in robots.splitlines()
    assert (published_site / "sitemap.xml").exists()
    for page in ("events/2020-01-15-widget-rule.html", "claims/widget-ban.html"):
        text = (published_site / page).read_text()
        assert f'<link rel="canonical" href="https://record.example.org/{page}">' in text
        assert 'class="rec-report" href="https://github.com/example/chips-record/issues/new?' in text
        assert f"https://github.com/example/chips-record/edit/main/content/{page.replace('.html', '.yaml')}" in text


def test_a_local_build_names_no_address(real_site):
    assert "Sitemap:" not in (real_site / "robots.txt").read_text()
