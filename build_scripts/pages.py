"""The page plan: which page comes from which template and records. Every page is rendered in memory
first; only then are files written (by writer.py), so a failed render writes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import i18n, tracking
from .buildcache import BuildCache, PageEntry, Signatures, file_stat, generator_version
from .citing import Glossary, cite
from .content import Content
from .data import downloads
from .formats import calendar, changes, citation, claim_review, feeds, updated
from .i18n import LANGUAGES, NAMES, SOURCE_LANGUAGE, TAGS
from .indexes import Site
from .listings import Listing
from .models import Claim, Event, Guide, Topic, text
from .render import Job, environment, own_template, render_all, show_span
from .settings import Settings

# A reader searching a term wants its explanation first, then the events and claims, and the raw source
# records last: Material's search multiplies a page's score by its boost.
SEARCH_BOOST = {"walkthrough.md.j2": 2, "topic.md.j2": 4, "glossary.md.j2": 4, "guide.md.j2": 3, "event.md.j2": 2, "claim.md.j2": 2,
                "source.md.j2": 0.3, "actor.md.j2": 0.5}

# The hand-written files of docs/ that every edition's pages load.
ASSETS = Path(__file__).resolve().parent.parent / "docs"
SHARED_ASSETS = ("stylesheets/extra.css", "javascripts/record.js")

# Material's language switcher fetches sitemap.xml beside every hreflang address, in the page's folder:
# a valid empty one there answers it (the builders write the real one at each edition's root).
PAGE_FOLDERS = ("events", "claims", "sources", "actors", "topics", "guides", "walkthroughs", "timeline")
EMPTY_SITEMAP = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'

# The templates of pages that list records (kept out of the search index).
LISTINGS = {"timeline.md.j2", "timeline-page.md.j2", "claims.md.j2", "sources.md.j2", "actors.md.j2", "topics.md.j2"}


class Output(dict[str, bytes]):
    """A build's result: the files it rendered (path -> bytes), the files it kept from the last build because
    nothing they read had changed (`kept`), and the cache for the next build."""

    def __init__(self, cache: BuildCache, site: Site, settings: Settings, signatures: Signatures,
                 previous: BuildCache | None, docs: Path | None) -> None:
        super().__init__()
        self.kept: set[str] = set()
        self.unchecked: list[Job] = []  # kept pages whose files render_altered has yet to look at
        self.cache = cache
        self.site, self.settings, self.signatures, self.previous, self.docs = site, settings, signatures, previous, docs


def edition_path(lang: str, path: str) -> str:
    """Where an edition's page is written under docs/: English at the root, every other edition in a folder
    of its own (docs/zh/, built as a project of its own by mkdocs.zh.yml)."""
    return path if lang == SOURCE_LANGUAGE else f"{lang}/{path}"


def alternates(lang: str, path: str, settings: Settings) -> list[dict[str, str]]:
    """The same page in the other editions: a relative link (works from file:// and without JavaScript) and,
    when the site has an address, the absolute one for hreflang."""
    depth = "../" * path.count("/")
    html = path.removesuffix(".md") + ".html"
    out = []
    for other in LANGUAGES:
        if other != lang:
            to_root = depth if lang == SOURCE_LANGUAGE else depth + "../"
            href = to_root + (html if other == SOURCE_LANGUAGE else f"{other}/{html}")
            item = {"lang": TAGS[other], "label": NAMES[other], "href": href}
            if settings.site_url:
                item["url"] = settings.edition(other).url(html)
            out.append(item)
    return out


class Edition:
    """What every page of one edition shares, and each page's context, made when the page is rendered: the
    costly parts (citations, structured data) are worked out for those pages only."""

    def __init__(self, content: Content, settings: Settings, site: Site, lang: str) -> None:
        self.content, self.settings, self.site, self.lang = content, settings, site, lang
        self.prefix = edition_path(lang, "")
        self.glossary = Glossary(content.glossary, lang)

    def context(self, job: Job) -> dict[str, Any]:
        path, template, record = job.path.removeprefix(self.prefix), job.template, job.record
        content, settings, site = self.content, self.settings, self.site
        # What a contributor edits to change this page: its record's file, or else its template.
        source_file = f"content/{record.folder}/{record.id}.yaml" if record is not None \
            else f"build_scripts/templates/{own_template(self.lang, template)}"
        meta: dict[str, Any] = {"edit_url": settings.edit_url(source_file),
                                "alternates": alternates(self.lang, path, settings)}
        if template in LISTINGS:
            # Listings repeat what the record pages say: searching them would only find the same words twice.
            meta["search"] = {"exclude": True}
        elif template in SEARCH_BOOST:
            meta["search"] = {"boost": SEARCH_BOOST[template]}
        ctx: dict[str, Any] = {"report_url": None, **(job.context or {}), "site": site,
                               "base": "../" * path.count("/"), "settings": settings, "record": record}
        if isinstance(record, Claim):
            meta["jsonld"] = claim_review(record, site, settings)
        if isinstance(record, (Event, Claim)):
            ctx.update(report_url=settings.report_url(record.page, text(record.heading)),
                       cite=citation(record, settings), updated=updated(record))
        if isinstance(record, (Event, Claim, Topic, Guide)):
            ctx["cited"] = cite([record], content, self.glossary)
        elif template == "corrections.md.j2":
            ctx["changes"] = changes(site)
        elif template == "glossary.md.j2":
            ctx.update(terms=site.terms, cited=cite(list(site.terms), content, by_record=True))
        ctx["meta"] = {k: v for k, v in meta.items() if v}
        return ctx


def plan(content: Content, settings: Settings, site: Site) -> tuple[list[Job], dict[str, Listing]]:
    """Every page of every edition: its path, template and records (the rest is made when it is rendered)."""
    jobs: list[Job] = []
    listings: dict[str, Listing] = {}
    for lang in LANGUAGES:
        _plan_edition(Edition(content, settings.edition(lang), site, lang), jobs, listings)
    return jobs, listings


def _plan_edition(edition: Edition, jobs: list[Job], listings: dict[str, Listing]) -> None:
    content, site, prefix = edition.content, edition.site, edition.prefix

    def page(path: str, template: str, record: Any = None, reads: tuple[str, ...] = (), **context: Any) -> None:
        jobs.append(Job(prefix + path, template, edition, record, context or None, reads))

    page("index.md", "home.md.j2")
    page("data.md", "data.md.j2")
    page("methodology.md", "methodology.md.j2")
    page("corrections.md", "corrections.md.j2")
    page("glossary.md", "glossary.md.j2")
    for walkthrough in content.walkthroughs.values():
        page(f"walkthroughs/{walkthrough.id}.md", "walkthrough.md.j2", walkthrough)
    for guide in content.guides.values():
        page(f"guides/{guide.id}.md", "guide.md.j2", guide)
    # A listing's page links to the other pages of its folder (its neighbours, every page): which those are
    # is one read, `a:listings/<folder>`; what each shows is read when the page reads it.
    timeline, pager = site.timeline, ("a:listings/timeline",)
    page("timeline/index.md", "timeline.md.j2", timeline=timeline, reads=pager)
    for number, listing in enumerate(timeline):
        listings[listing.key] = listing
        page(f"timeline/{listing.slug}.md", "timeline-page.md.j2", listing=listing, reads=pager,
             previous=timeline[number - 1] if number else None, following=(timeline[number + 1:] or [None])[0])
    for folder in ("claims", "sources", "actors", "topics"):
        index, pager = site.index_pages(folder), (f"a:listings/{folder}",)
        listings.update((listing.key, listing) for listing in index)
        for listing in index:
            page(f"{folder}/{listing.slug}.md", f"{folder}.md.j2", listing=listing, listings=index, reads=pager)
        if len(index) > 1:
            page(f"{folder}/index.md", f"{folder}.md.j2", listing=None, listings=index, reads=pager)
    # The record pages, most of the site: one job each, made as plainly as can be.
    for record_type, records in (("event", content.events), ("claim", content.claims),
                                 ("source", content.sources), ("actor", content.actors), ("topic", content.topics)):
        template = f"{record_type}.md.j2"
        jobs.extend(Job(f"{prefix}{record.folder}/{record.id}.md", template, edition, record)
                    for record in dict.values(records))


def render(content: Content, settings: Settings | None = None, previous: BuildCache | None = None,
           docs: Path | None = None) -> Output:
    """Every generated file: the pages (see render_pages and render_altered), then the files that depend on
    everything."""
    output = render_pages(content, settings, previous, docs)
    render_altered(output)
    output.update(render_extras(output))
    return output


def render_pages(content: Content, settings: Settings | None = None, previous: BuildCache | None = None,
                 docs: Path | None = None, earlier: Site | None = None) -> Output:
    """The pages whose reads changed since `previous` (the last build's cache; all pages without it). The
    others are kept as they are in `docs` once render_altered has made sure their files are the ones the
    last build wrote: that check stats every page, so it waits until the changed pages are on disk.
    `earlier`: the site of that last build, when the watcher kept it (see Signatures)."""
    settings = settings or Settings()
    version = generator_version(settings)
    site = Site(content, earlier)
    with tracking.paused():
        jobs, listings = plan(content, settings, site)
    previous = previous if previous is not None and previous.version == version and docs is not None else None
    signatures = Signatures(site, listings, previous, earlier)
    stale = previous.numbers(signatures.differing(previous.signatures)) if previous else set()
    output = Output(previous.successor() if previous else BuildCache(version), site, settings, signatures,
                    previous, docs)
    todo = []
    for job in jobs:
        entry = previous.pages.get(job.path) if previous else None
        if entry is not None and (not stale or stale.isdisjoint(entry.reads)):
            output.kept.add(job.path)
            output.cache.pages[job.path] = entry
            output.unchecked.append(job)
        else:
            todo.append(job)
    _render_into(output, todo)
    return output


def render_altered(output: Output) -> dict[str, bytes]:
    """Render again the kept pages whose file is not the one the last build wrote (changed or deleted by
    hand since); return them. Then every page's reads are known, and their signatures go into the cache."""
    docs = output.docs
    altered = [job for job in output.unchecked if output.cache.pages[job.path].stat != file_stat(f"{docs}/{job.path}")]
    output.unchecked = []
    output.kept.difference_update(job.path for job in altered)
    rendered = _render_into(output, altered)
    keys = output.cache.keys
    reads = set().union(*(entry.reads for entry in output.cache.pages.values()))
    output.cache.signatures = output.signatures.of(keys[i] for i in reads)
    return rendered


def _render_into(output: Output, jobs: list[Job]) -> dict[str, bytes]:
    number = output.cache.number
    rendered = {}
    for path, (data, reads) in render_all(environment(), jobs).items():
        output[path] = rendered[path] = data
        output.cache.pages[path] = PageEntry(sorted(number(read) for read in reads), (0, 0))  # the writer fills in the stat
    return rendered


def render_extras(output: Output) -> dict[str, bytes]:
    """The files every change touches (the filter's data, downloads, feeds, calendar, robots.txt): made
    after the pages, so that a preview shows an edited page without waiting for them; kept when nothing
    at all has changed since the last build."""
    site, settings, previous, docs = output.site, output.settings, output.previous, output.docs
    everything = output.signatures.everything()
    extras: dict[str, bytes] = {}
    if previous and docs is not None and previous.extras == everything and all(
            file_stat(docs / p) for p in previous.extra_paths):
        output.kept.update(previous.extra_paths)
        paths = previous.extra_paths
    else:
        with tracking.paused():
            extras = {**downloads(site),
                      "robots.txt": environment().get_template("robots.txt.j2").render(settings=settings).encode()}
            for lang in LANGUAGES:
                with i18n.use(lang):
                    edition = {"timeline/events.js": timeline_script(site), **feeds(site, settings.edition(lang)),
                               "feeds/events.ics": calendar(site, settings.edition(lang))}
                if settings.site_url:  # Material fetches one beside each hreflang link (overrides/main.html)
                    edition.update((f"{folder}/sitemap.xml", EMPTY_SITEMAP) for folder in PAGE_FOLDERS)
                if lang != SOURCE_LANGUAGE:  # the other editions are projects of their own: they need the assets
                    edition.update((asset, (ASSETS / asset).read_bytes()) for asset in SHARED_ASSETS)
                extras.update((edition_path(lang, path), data) for path, data in edition.items())
        paths = sorted(extras)
    output.cache.extras, output.cache.extra_paths = everything, paths
    return extras


def timeline_script(site: Site) -> bytes:
    """The events the timeline's filter searches, as a script: a script loads from file:// (the offline
    copy), where fetching a JSON file does not. Data only; the page's own script builds the list."""
    rows = [[e.id, e.date.iso(), show_span(e.date, e.date_end, e.approximate), text(e.title), text(e.summary), e.lane, list(e.topics),
             list(e.actors), site.countries_of(e)] for e in site.events]
    return ("window.recordTimeline = " + json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + ";\n").encode()
