"""Render the checked records into Markdown pages under `docs/`, through the Jinja2 templates.

Everything is rendered in memory first; only then are files written, and only those whose bytes changed,
so that `mkdocs serve` sees exactly the pages an edit touched and a failed render writes nothing.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .checks import Content
from .data import downloads
from .models import LANES, VERDICTS, Claim, Event, PartialDate, Record, Source, text

TEMPLATES = Path(__file__).parent / "templates"

# The generator owns these paths under docs/; everything else there is hand-written and never touched.
OWNED_FOLDERS = ("events", "claims", "sources", "actors", "topics", "timeline", "data")
OWNED_FILES = ("index.md", "methodology.md")

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


def paragraphs(value: dict[str, str] | None) -> list[str]:
    return [" ".join(p.split()) for p in text(value).split("\n\n") if p.strip()]


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

    def __post_init__(self) -> None:
        c = self.content
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

    def years(self) -> dict[int, list[Event]]:
        by_year: dict[int, list[Event]] = defaultdict(list)
        for event in self.events:
            by_year[event.date.year].append(event)
        return dict(by_year)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every content string is text: it can never add markup to a page
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(t=text, date=show_date, paragraphs=paragraphs, fm=front_matter_text)
    env.globals.update(span=show_span, VERDICTS=VERDICTS, LANES=LANES)
    return env


def render(content: Content) -> dict[str, bytes]:
    """Every generated page, as path under docs/ -> bytes."""
    env = environment()
    site = Site(content)
    pages: dict[str, bytes] = {}

    def page(path: str, template: str, **context: Any) -> None:
        base = "../" * path.count("/")
        pages[path] = env.get_template(template).render(site=site, base=base, **context).encode()

    page("index.md", "home.md.j2")
    page("methodology.md", "methodology.md.j2")
    page("timeline/index.md", "timeline.md.j2")
    for record_type, records in (("event", content.events), ("claim", content.claims),
                                 ("source", content.sources), ("actor", content.actors), ("topic", content.topics)):
        folder = f"{record_type}s"
        if record_type != "event":
            page(f"{folder}/index.md", f"{folder}.md.j2")
        for record in records.values():
            page(f"{folder}/{record.id}.md", f"{record_type}.md.j2", record=record)
    pages.update(downloads(site))
    return pages


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def write(pages: dict[str, bytes], docs: Path) -> WriteReport:
    """Write pages whose bytes changed (atomically, one by one) and remove generated files that are stale."""
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
