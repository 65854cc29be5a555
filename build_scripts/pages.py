"""Render the checked records into Markdown pages under `docs/`, through the Jinja2 templates.

Everything is rendered in memory first; only then are files written, and only those whose bytes changed,
so that `mkdocs serve` sees exactly the pages an edit touched and a failed render writes nothing.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .chart import Chart
from .checks import Content
from .citing import Glossary, cite
from .data import downloads
from .formats import calendar, changes, citation, claim_review, feeds, updated
from .models import LANES, VERDICTS, Claim, Event, PartialDate, Record, Source, Term, Topic, Walkthrough, paragraph_of, text
from .prose import plain
from .settings import Settings

TEMPLATES = Path(__file__).parent / "templates"

# The generator owns these paths under docs/; everything else there is hand-written and never touched.
OWNED_FOLDERS = ("events", "claims", "sources", "actors", "topics", "guides", "walkthroughs", "timeline", "data",
                 "feeds")
OWNED_FILES = ("index.md", "methodology.md", "corrections.md", "glossary.md")

# Pages are split so that none grows without bound (at 10,000 events a single index would pass 1 MB, and
# Zensical's search refuses long pages): a timeline page holds at most EVENTS_PER_PAGE events (a year with
# more is cut between months), an index page at most PER_PAGE records, and an actor's or topic's page lists
# its latest LATEST_ON_PAGE events, pointing to the filtered timeline for the rest.
EVENTS_PER_PAGE = 300
PER_PAGE = {"sources": 400, "actors": 500, "topics": 500, "claims": 1000}
LATEST_ON_PAGE = 100

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def show_date(value: PartialDate, *, short: bool = False, approximate: bool = False) -> str:
    """`15 May 2019`, `May 2019`, `2019`, `c. 2020`; `short` gives `Oct 2022` for use in ranges."""
    month = _MONTHS[value.month - 1][:3] if short and value.month else (
        _MONTHS[value.month - 1] if value.month else "")
    text = " ".join(str(p) for p in (value.day or "", month, value.year) if p)
    return f"c. {text}" if approximate else text


def show_span(start: PartialDate, end: PartialDate | None, approximate: bool = False) -> str:
    if end is None or end == start:
        return show_date(start, approximate=approximate)
    return f"{show_date(start, short=True, approximate=approximate)} – {show_date(end, short=True)}"


def inner_quotes(value: str) -> str:
    """Quotation marks inside a quote, as single ones: the page puts double marks around it."""
    value = value.replace("“", "‘").replace("”", "’")
    return re.sub(r'"([^"]*)"', r"‘\1’", value)


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def filing_name(value: str) -> str:
    """A name as an index files it: "The Register" as "Register"."""
    return re.sub(r"^(the|a|an)\s+", "", value.strip(), flags=re.IGNORECASE)


def first_letter(value: str) -> str:
    """The letter a name is filed under in an A–Z list: "The Register" under R, a digit or symbol under #."""
    letter = unicodedata.normalize("NFKD", filing_name(value)[:1]).upper()[:1]
    return letter if "A" <= letter <= "Z" else "#"


def markdown_heading(value: str) -> str:
    """Text for a Markdown heading line: Markdown's punctuation escaped, so a term stays text."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(value.split()))


def front_matter_text(value: str) -> Markup:
    """A front-matter value that the theme prints without escaping (the page title, the meta description),
    as a quoted YAML scalar. HTML-escaped so the theme's raw output is safe; angle brackets become
    look-alikes because the theme also un-escapes the title into `<title>`, where `</title>` would end it."""
    safe = value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "‹").replace(">", "›")
    return Markup(json.dumps(" ".join(safe.split())))  # a JSON string is a valid YAML double-quoted scalar


@dataclass
class Site:
    """The records plus the indexes that pages need: who cites a source, which events name an actor."""

    content: Content
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    cited_by: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    events_of: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    claims_of: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    related_events: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    related_claims: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    terms: list[Term] = field(default_factory=list)
    terms_of: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        c = self.content
        self.terms = sorted(c.glossary.values(), key=lambda t: (text(t.term).casefold(), t.id))
        for term in self.terms:
            for topic in term.topics:
                self.terms_of[topic].append(term)
        self.events = sorted(c.events.values(), key=lambda e: (e.date.first_day(), e.id))
        verdict_order = list(VERDICTS)
        self.claims = sorted(c.claims.values(), key=lambda x: (verdict_order.index(x.verdict), x.id))
        links: dict[str, set[str]] = defaultdict(set)   # event id -> related event ids, both directions
        claim_links: dict[str, set[str]] = defaultdict(set)  # event id -> claim ids, both directions
        for event in self.events:
            for source in dict.fromkeys(cit.source for cit in event.citations):
                self.cited_by[source].append(event)
            for name in (*event.actors, *event.topics):
                self.events_of[name].append(event)
            for other in event.related_events:
                links[event.id].add(other)
                links[other].add(event.id)
            for claim_id in event.related_claims:
                claim_links[event.id].add(claim_id)
        for claim in self.claims:
            for source in dict.fromkeys([claim.appearance.source, *(e.source for e in claim.evidence)]):
                self.cited_by[source].append(claim)
            for topic in claim.topics:
                self.claims_of[topic].append(claim)
            for event_id in claim.related_events:
                claim_links[event_id].add(claim.id)
        # Related records both ways, in page order; looked up by id so the cost stays linear in records.
        event_order = {e.id: i for i, e in enumerate(self.events)}
        claim_order = {x.id: i for i, x in enumerate(self.claims)}
        events_of_claim: dict[str, set[str]] = defaultdict(set)
        for event_id, claim_ids in claim_links.items():
            for claim_id in claim_ids:
                events_of_claim[claim_id].add(event_id)
        for event in self.events:
            self.related_events[event.id] = [c.events[i] for i in sorted(links[event.id] & event_order.keys(),
                                                                         key=event_order.get)]
            self.related_claims[event.id] = [c.claims[i] for i in sorted(claim_links[event.id] & claim_order.keys(),
                                                                         key=claim_order.get)]
        for claim in self.claims:
            self.related_events[claim.id] = [c.events[i] for i in sorted(events_of_claim[claim.id] & event_order.keys(),
                                                                         key=event_order.get)]

    def source(self, source_id: str) -> Source:
        return self.content.sources[source_id]

    def claims_by_passage(self, walkthrough: Walkthrough) -> dict[int, list[Claim]]:
        """The claims made in each passage of the walkthrough's text, in the order the claims list them."""
        found: dict[int, list[Claim]] = {p.number: [] for p in walkthrough.passages}
        for claim in sorted(self.content.claims.values(), key=lambda c: c.id):
            number = paragraph_of(claim)
            if claim.appearance.source == walkthrough.source and number in found:
                found[number].append(claim)
        return found

    # Several pages show these (the chart is on the home and timeline pages): each is worked out once.
    @functools.cached_property
    def years(self) -> dict[int, list[Event]]:
        by_year: dict[int, list[Event]] = defaultdict(list)
        for event in self.events:
            by_year[event.date.year].append(event)
        return dict(by_year)

    @functools.cached_property
    def timeline(self) -> list[Listing]:
        """One page per year; a year with more than EVENTS_PER_PAGE events is cut between months."""
        pages: list[Listing] = []
        for year, events in self.years.items():
            by_month = _by_month(events)
            parts: list[list[int]] = [[]]
            for month in sorted(by_month):
                if parts[-1] and sum(len(by_month[m]) for m in parts[-1]) + len(by_month[month]) > EVENTS_PER_PAGE:
                    parts.append([])
                parts[-1].append(month)
            for months in parts:
                items = [e for m in months for e in by_month[m]]
                if len(parts) == 1:
                    pages.append(Listing(str(year), str(year), items, year))
                    continue
                named = [_MONTHS[m - 1] for m in months if m] or ["month not known"]
                label = f"{year}, {named[0]}" + (f" to {named[-1]}" if len(named) > 1 else "")
                pages.append(Listing(f"{year}-{months[0]:02d}", label, items, year))
        return pages

    def index_pages(self, folder: str) -> list[Listing]:
        """An index split into pages of PER_PAGE records; a single page is the index itself."""
        content = self.content
        ordered: list[Any] = {
            "sources": lambda: sorted(content.sources.values(),
                                      key=lambda s: (first_letter(s.publisher), filing_name(s.publisher).casefold(),
                                                     s.publisher, text(s.title), s.id)),
            "actors": lambda: sorted(content.actors.values(), key=lambda a: (text(a.name).casefold(), a.id)),
            "topics": lambda: sorted(content.topics.values(), key=lambda t: (text(t.name).casefold(), t.id)),
            "claims": lambda: self.claims,
        }[folder]()
        size = PER_PAGE[folder]
        chunks = [ordered[i:i + size] for i in range(0, len(ordered), size)]
        if len(chunks) <= 1:
            return [Listing("index", "", ordered)]

        def name(record: Any) -> str:
            return record.publisher if folder == "sources" else text(record.heading)

        return [Listing(f"page-{n}", f"{name(chunk[0])} to {name(chunk[-1])}", chunk) for n, chunk in enumerate(chunks, 1)]

    def countries_of(self, event: Event) -> list[str]:
        """The countries of an event's actors: the timeline's country facet."""
        actors = self.content.actors
        return sorted({actors[a].country for a in event.actors if a in actors and actors[a].country})

    @functools.cached_property
    def record_as_of(self) -> PartialDate | None:
        """The date of the latest dated report that an event cites (a scheduled date is not a report)."""
        dates = [self.source(c.source).date for e in self.events for c in e.citations
                 if c.source in self.content.sources and self.source(c.source).date]
        return max(dates, key=lambda d: d.last_day(), default=None)

    @functools.cached_property
    def countries(self) -> list[str]:
        return sorted({c for event in self.events for c in self.countries_of(event)})

    @functools.cached_property
    def chart(self) -> Chart:
        return Chart.of(self.years, self.timeline)


def _by_month(events: list[Event]) -> dict[int, list[Event]]:
    """Events by month, in order; month 0 holds those known only to the year."""
    by_month: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        by_month[event.date.month].append(event)
    return dict(by_month)


@dataclass
class Listing:
    """One page of a split listing: its file name (without .md), its heading and its records."""

    slug: str
    label: str
    items: list[Any]
    year: int = 0

    def months(self) -> dict[int, list[Any]]:
        return _by_month(self.items)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every content string is text: it can never add markup to a page
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(t=text, date=show_date, fm=front_matter_text, plain=plain, inner_quotes=inner_quotes,
                       heading=markdown_heading, first_letter=first_letter)
    env.tests["dated"] = lambda name, record: getattr(record, name, None) is not None
    env.globals.update(span=show_span, VERDICTS=VERDICTS, LANES=LANES, MONTHS=_MONTHS, LATEST_ON_PAGE=LATEST_ON_PAGE)
    return env


# A reader searching a term wants its explanation first, then the events and claims, and the raw source
# records last: Material's search multiplies a page's score by its boost.
SEARCH_BOOST = {"walkthrough.md.j2": 2, "topic.md.j2": 4, "glossary.md.j2": 4, "guide.md.j2": 3, "event.md.j2": 2, "claim.md.j2": 2,
                "source.md.j2": 0.3, "actor.md.j2": 0.5}

# The templates of pages that list records (kept out of the search index).
LISTINGS = {"timeline.md.j2", "timeline-page.md.j2", "claims.md.j2", "sources.md.j2", "actors.md.j2", "topics.md.j2"}


def render(content: Content, settings: Settings | None = None, only: set[str] | None = None) -> dict[str, bytes]:
    """Every generated file, as path under docs/ -> bytes; or, with `only`, just those pages (the watcher
    writes an edited record's own page first, so the preview shows it before the rest is regenerated)."""
    settings = settings or Settings()
    env = environment()
    site = Site(content)
    pages: dict[str, bytes] = {}

    jobs: list[tuple[str, str, dict[str, Any]]] = []

    def page(path: str, template: str, source_file: str | None = None, **context: Any) -> None:
        """source_file: what a contributor edits to change this page (its YAML, or else its template)."""
        if only is not None and path not in only:
            return
        meta: dict[str, Any] = {"edit_url": settings.edit_url(source_file or f"build_scripts/templates/{template}")}
        if template in LISTINGS:
            # Listings repeat what the record pages say: searching them would only find the same words twice.
            meta["search"] = {"exclude": True}
        elif template in SEARCH_BOOST:
            meta["search"] = {"boost": SEARCH_BOOST[template]}
        context.setdefault("report_url", None)
        if isinstance(context.get("record"), Claim):
            meta["jsonld"] = claim_review(context["record"], site, settings)
        context.update(site=site, base="../" * path.count("/"), settings=settings,
                       meta={k: v for k, v in meta.items() if v})
        jobs.append((path, template, context))

    page("index.md", "home.md.j2")
    page("methodology.md", "methodology.md.j2")
    page("corrections.md", "corrections.md.j2", changes=changes(site))
    glossary = Glossary(content.glossary)
    page("glossary.md", "glossary.md.j2", terms=site.terms, cited=cite(list(site.terms), content, by_record=True))
    for walkthrough in content.walkthroughs.values():
        page(f"walkthroughs/{walkthrough.id}.md", "walkthrough.md.j2", f"content/walkthroughs/{walkthrough.id}.yaml",
             record=walkthrough)
    for guide in content.guides.values():
        page(f"guides/{guide.id}.md", "guide.md.j2", f"content/guides/{guide.id}.yaml", record=guide,
             cited=cite([guide], content, glossary))
    timeline = site.timeline
    page("timeline/index.md", "timeline.md.j2", timeline=timeline)
    for number, listing in enumerate(timeline):
        page(f"timeline/{listing.slug}.md", "timeline-page.md.j2", listing=listing,
             previous=timeline[number - 1] if number else None, following=(timeline[number + 1:] or [None])[0])
    for folder in ("claims", "sources", "actors", "topics"):
        listings = site.index_pages(folder)
        for listing in listings:
            page(f"{folder}/{listing.slug}.md", f"{folder}.md.j2", listing=listing, listings=listings)
        if len(listings) > 1:
            page(f"{folder}/index.md", f"{folder}.md.j2", listing=None, listings=listings)
    for record_type, records in (("event", content.events), ("claim", content.claims),
                                 ("source", content.sources), ("actor", content.actors), ("topic", content.topics)):
        for record in records.values():
            path = f"{record.folder}/{record.id}"
            extra: dict[str, Any] = {}
            if isinstance(record, (Event, Claim)):
                extra = {"report_url": settings.report_url(record.page, text(record.heading)),
                         "cite": citation(record, settings), "updated": updated(record)}
            if isinstance(record, (Event, Claim, Topic)):
                extra["cited"] = cite([record], content, glossary)
            page(f"{path}.md", f"{record_type}.md.j2", f"content/{path}.yaml", record=record, **extra)
    pages.update(_render_all(env, jobs))
    if only is not None:
        return pages
    pages["timeline/events.js"] = timeline_script(site)
    pages.update(downloads(site))
    pages.update(feeds(site, settings))
    pages["feeds/events.ics"] = calendar(site, settings)
    return pages


# Rendering is most of generation and every page is independent, so large builds use every core: forked
# workers inherit the jobs (nothing is pickled on the way in) and send back bytes. Small builds, such as
# the tests' and one edit's, stay in this process, where starting workers would cost more than it saves.
PARALLEL_FROM = 2000
_jobs: list[tuple[str, str, dict[str, Any]]] = []
_env: jinja2.Environment | None = None


def _render_slice(part: tuple[int, int]) -> list[tuple[str, bytes]]:
    assert _env is not None
    return [(path, _env.get_template(template).render(**context).encode())
            for path, template, context in _jobs[part[0]::part[1]]]


def _render_all(env: jinja2.Environment, jobs: list[tuple[str, str, dict[str, Any]]]) -> dict[str, bytes]:
    global _jobs, _env
    workers = min(os.cpu_count() or 1, 8)
    _jobs, _env = jobs, env
    try:
        if len(jobs) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return dict(_render_slice((0, 1)))
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_render_slice, [(i, workers) for i in range(workers)])
        return dict(item for part in parts for item in part)
    finally:
        _jobs, _env = [], None


def timeline_script(site: Site) -> bytes:
    """The events the timeline's filter searches, as a script: a script loads from file:// (the offline
    copy), where fetching a JSON file does not. Data only; the page's own script builds the list."""
    rows = [[e.id, e.date.iso(), show_span(e.date, e.date_end, e.approximate), text(e.title), text(e.summary), e.lane, list(e.topics),
             list(e.actors), site.countries_of(e)] for e in site.events]
    return ("window.recordTimeline = " + json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + ";\n").encode()


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def write(pages: dict[str, bytes], docs: Path, prune: bool = True) -> WriteReport:
    """Write pages whose bytes changed (atomically, one by one) and, when `pages` is the whole site (`prune`),
    remove generated files that are stale."""
    report = WriteReport()
    for path, data in sorted(pages.items()):
        target = docs / path
        try:
            if target.read_bytes() == data:
                report.unchanged += 1
                continue
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        report.written.append(path)
    if not prune:
        return report
    owned = [docs / name for name in OWNED_FILES]
    for folder in OWNED_FOLDERS:
        if (docs / folder).is_dir():
            owned += [p for p in (docs / folder).rglob("*") if p.is_file()]
    for file in owned:
        path = file.relative_to(docs).as_posix()
        if path not in pages and file.exists():
            file.unlink()
            report.removed.append(path)
    return report
