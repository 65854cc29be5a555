"""The page plan: which page comes from which template and records. Every page is rendered in memory
first; only then are files written (by writer.py), so a failed render writes nothing.
"""

from __future__ import annotations

import json
from typing import Any

from .citing import Glossary, cite
from .content import Content
from .data import downloads
from .formats import calendar, changes, citation, claim_review, feeds, updated
from .indexes import Site
from .models import Claim, Event, Topic, text
from .render import environment, render_all, show_span
from .settings import Settings

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
    pages.update(render_all(env, jobs))
    if only is not None:
        return pages
    pages["timeline/events.js"] = timeline_script(site)
    pages.update(downloads(site))
    pages.update(feeds(site, settings))
    pages["feeds/events.ics"] = calendar(site, settings)
    return pages


def timeline_script(site: Site) -> bytes:
    """The events the timeline's filter searches, as a script: a script loads from file:// (the offline
    copy), where fetching a JSON file does not. Data only; the page's own script builds the list."""
    rows = [[e.id, e.date.iso(), show_span(e.date, e.date_end, e.approximate), text(e.title), text(e.summary), e.lane, list(e.topics),
             list(e.actors), site.countries_of(e)] for e in site.events]
    return ("window.recordTimeline = " + json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + ";\n").encode()
