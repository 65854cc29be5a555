"""The indexes every page needs, worked out once per build: records in page order, who cites a source,
which events name an actor or topic, related records both ways, the timeline's pages and the index pages.
"""

from __future__ import annotations

import functools
import operator
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from .chart import Chart
from . import i18n, tracking
from .content import FOLDERS, Content
from .listings import Listing, by_month, filing_name, first_letter
from .models import VERDICTS, Claim, Event, PartialDate, Source, Term, Walkthrough, paragraph_of, text

# Pages are split so that none grows without bound (at 10,000 events a single index would pass 1 MB, and
# Zensical's search refuses long pages): a timeline page holds at most EVENTS_PER_PAGE events (a year with
# more is cut between months), an index page at most PER_PAGE records, and an actor's or topic's page lists
# its latest LATEST_ON_PAGE events, pointing to the filtered timeline for the rest.
EVENTS_PER_PAGE = 300
PER_PAGE = {"sources": 400, "actors": 500, "topics": 500, "claims": 1000}
LATEST_ON_PAGE = 100
LATEST_ON_HOME = 8


def _worked_out_once(method: Callable[[Any], Any]) -> Any:
    """A cached property of the site whose working-out is no page's read: otherwise the page that happened
    to need it first would record every record it took to work it out."""

    @functools.wraps(method)
    def untracked(self: Any) -> Any:
        with tracking.paused():
            return method(self)

    return functools.cached_property(untracked)


class Site:
    """The records plus the indexes that pages need: who cites a source, which events name an actor.

    Every read is reported to the page being rendered (tracking.py): a whole list (`events`) as a read of
    its kind, an index entry (`cited_by[id]`) as a read of that entry, so the incremental build knows
    which pages a change touches."""

    INDEXES = ("cited_by", "events_of", "claims_of", "related_events", "related_claims", "terms_of")

    def __init__(self, content: Content, earlier: Site | None = None) -> None:
        self.content = content
        # The index pages of a folder whose records are the very ones of the last build's site (the watcher
        # keeps it) are those pages again: sorting 40,000 sources by publisher is a fifth of a second.
        self._index_pages: dict[str, list[Listing]] = {
            folder: pages for folder, pages in earlier._index_pages.items()
            if self._same_records(folder, earlier)} if earlier is not None else {}
        c = content
        for name in self.INDEXES:
            setattr(self, name, tracking.Index(name))
        self._terms = sorted(c.glossary.values(), key=lambda t: (text(t.term).casefold(), t.id))
        for term in self._terms:
            for topic in term.topics:
                self.terms_of[topic].append(term)
        self._events = sorted(c.events.values(), key=lambda e: (e.date.first_day(), e.id))
        verdict_order = list(VERDICTS)
        self._claims = sorted(c.claims.values(), key=lambda x: (verdict_order.index(x.verdict), x.id))
        links: dict[str, set[str]] = defaultdict(set)   # event id -> related event ids, both directions
        claim_links: dict[str, set[str]] = defaultdict(set)  # event id -> claim ids, both directions
        for event in self._events:
            for source in dict.fromkeys(cit.source for cit in event.citations):
                self.cited_by[source].append(event)
            for name in (*event.actors, *event.topics):
                self.events_of[name].append(event)
            for other in event.related_events:
                links[event.id].add(other)
                links[other].add(event.id)
            for claim_id in event.related_claims:
                claim_links[event.id].add(claim_id)
        for claim in self._claims:
            for source in dict.fromkeys([claim.appearance.source, *(e.source for e in claim.evidence)]):
                self.cited_by[source].append(claim)
            for topic in claim.topics:
                self.claims_of[topic].append(claim)
            for event_id in claim.related_events:
                claim_links[event_id].add(claim.id)
        # Related records both ways, in page order; looked up by id so the cost stays linear in records.
        event_order = {e.id: i for i, e in enumerate(self._events)}
        claim_order = {x.id: i for i, x in enumerate(self._claims)}
        events_of_claim: dict[str, set[str]] = defaultdict(set)
        for event_id, claim_ids in claim_links.items():
            for claim_id in claim_ids:
                events_of_claim[claim_id].add(event_id)
        events, claims = dict.copy(c.events), dict.copy(c.claims)  # plain dicts (and a copy in C, not a read per record)
        for event in self._events:
            self.related_events[event.id] = [events[i] for i in sorted(links[event.id] & event_order.keys(),
                                                                        key=event_order.get)]
            self.related_claims[event.id] = [claims[i] for i in sorted(claim_links[event.id] & claim_order.keys(),
                                                                        key=claim_order.get)]
        for claim in self._claims:
            self.related_events[claim.id] = [events[i] for i in sorted(events_of_claim[claim.id] & event_order.keys(),
                                                                        key=event_order.get)]

    cited_by: tracking.Index
    events_of: tracking.Index
    claims_of: tracking.Index
    related_events: tracking.Index
    related_claims: tracking.Index
    terms_of: tracking.Index

    @property
    def events(self) -> list[Event]:
        tracking.kind("events")
        return self._events

    @property
    def claims(self) -> list[Claim]:
        tracking.kind("claims")
        return self._claims

    @property
    def terms(self) -> list[Term]:
        tracking.kind("glossary")
        return self._terms

    def source(self, source_id: str) -> Source:
        return self.content.sources[source_id]  # a read of that source

    def claims_by_passage(self, walkthrough: Walkthrough) -> dict[int, list[Claim]]:
        """The claims made in each passage of the walkthrough's text, in the order the claims list them."""
        found: dict[int, list[Claim]] = {p.number: [] for p in walkthrough.passages}
        for claim in sorted(self.content.claims.values(), key=lambda c: c.id):
            number = paragraph_of(claim)
            if claim.appearance.source == walkthrough.source and number in found:
                found[number].append(claim)
        return found

    # What the home and timeline pages show of the whole record. Each is worked out once, and each is a read
    # of its own (`a:<name>`) whose signature is made of the value itself (`aggregate`), not of every event:
    # editing one event's title changes none of them, so those pages are not rendered again for it. (Their
    # marks and lists read each record they show as usual.)

    @property
    def years(self) -> list[int]:
        tracking.aggregate("years")
        return list(self._years)

    @_worked_out_once
    def _years(self) -> dict[int, list[Event]]:
        by_year: dict[int, list[Event]] = defaultdict(list)
        for event in self._events:
            by_year[event.date.year].append(event)
        return dict(by_year)

    @property
    def timeline(self) -> list[Listing]:
        """The timeline's pages (for planning: a page that shows them reads `listings/timeline`)."""
        return self._timeline

    @_worked_out_once
    def _timeline(self) -> list[Listing]:
        """One page per year; a year with more than EVENTS_PER_PAGE events is cut between months."""
        pages: list[Listing] = []
        for year, events in self._years.items():
            in_month = by_month(events)
            parts: list[list[int]] = [[]]
            for month in sorted(in_month):
                if parts[-1] and sum(len(in_month[m]) for m in parts[-1]) + len(in_month[month]) > EVENTS_PER_PAGE:
                    parts.append([])
                parts[-1].append(month)
            for months in parts:
                items = [e for m in months for e in in_month[m]]
                if len(parts) == 1:
                    pages.append(Listing(str(year), items, year))
                else:
                    pages.append(Listing(f"{year}-{months[0]:02d}", items, year, part=tuple(months)))
        return pages

    def index_pages(self, folder: str) -> list[Listing]:
        """An index split into pages of PER_PAGE records; a single page is the index itself. Actors and
        topics are in the order of their English names, sources by publisher: the same in every edition, so
        that a page's address holds the same records in each."""
        if folder not in self._index_pages:
            with i18n.use(i18n.SOURCE_LANGUAGE):
                self._index_pages[folder] = self._split(folder)
        return self._index_pages[folder]

    def _same_records(self, folder: str, earlier: Site) -> bool:
        """Whether a folder holds the very same record objects, in the same order, as in the earlier site
        (records are frozen: an edited file is loaded into a new object)."""
        now, then = dict.values(self.content.of_folder(folder)), dict.values(earlier.content.of_folder(folder))
        return len(now) == len(then) and all(map(operator.is_, now, then))

    def _split(self, folder: str) -> list[Listing]:
        content = self.content
        ordered: list[Any] = {
            "sources": lambda: sorted(content.sources.values(),
                                      key=lambda s: (first_letter(s.publisher), filing_name(s.publisher).casefold(),
                                                     s.publisher, text(s.title), s.id)),
            "actors": lambda: sorted(content.actors.values(), key=lambda a: (text(a.name).casefold(), a.id)),
            "topics": lambda: sorted(content.topics.values(), key=lambda t: (text(t.name).casefold(), t.id)),
            "claims": lambda: self._claims,
        }[folder]()
        size = PER_PAGE[folder]
        chunks = [ordered[i:i + size] for i in range(0, len(ordered), size)]
        if len(chunks) <= 1:
            return [Listing("index", ordered, folder=folder)]
        return [Listing(f"page-{n}", chunk, folder=folder, split=True) for n, chunk in enumerate(chunks, 1)]

    def countries_of(self, event: Event) -> list[str]:
        """The countries of an event's actors: the timeline's country facet."""
        actors = self.content.actors
        return sorted({actors[a].country for a in event.actors if a in actors and actors[a].country})

    @property
    def record_as_of(self) -> PartialDate | None:
        tracking.aggregate("record_as_of")
        return self._record_as_of

    @_worked_out_once
    def _record_as_of(self) -> PartialDate | None:
        """The date of the latest dated report that an event cites (a scheduled date is not a report)."""
        sources = dict.copy(self.content.sources)
        dates = [sources[c.source].date for e in self._events for c in e.citations
                 if c.source in sources and sources[c.source].date]
        return max(dates, key=lambda d: d.last_day(), default=None)

    @property
    def countries(self) -> list[str]:
        tracking.aggregate("countries")
        return self._countries

    @_worked_out_once
    def _countries(self) -> list[str]:
        return sorted({c for event in self._events for c in self.countries_of(event)})

    @property
    def chart(self) -> Chart:
        tracking.aggregate("chart")
        return self._chart

    @_worked_out_once
    def _chart(self) -> Chart:
        return Chart.of(self._years, self._timeline)

    @property
    def sizes(self) -> dict[str, int]:
        """How many records of each kind there are."""
        tracking.aggregate("sizes")
        return {folder: dict.__len__(self.content.of_folder(folder)) for folder in FOLDERS}

    @property
    def source_counts(self) -> dict[str, int]:
        """How many sources there are, from how many publishers (told apart regardless of case), and how many
        are primary: the lead of every sources page, which would otherwise read all 40,000 sources at
        10,000 events, and be rendered again, all 200 of them, for any edit to any source."""
        tracking.aggregate("source_counts")
        return self._source_counts

    @_worked_out_once
    def _source_counts(self) -> dict[str, int]:
        sources = dict.values(self.content.sources)
        return {"sources": len(sources), "publishers": len({s.publisher.lower() for s in sources}),
                "primary": sum(1 for s in sources if s.primary)}

    @property
    def latest(self) -> list[Event]:
        """The latest events, newest first."""
        tracking.aggregate("latest")
        return self._events[::-1][:LATEST_ON_HOME]

    def aggregate(self, name: str) -> str:
        """What the signature of the read `a:<name>` is made of: the value, with records as their ids (a page
        that shows a record's content reads that record too)."""
        with tracking.paused():
            value: Any = getattr(self, name)
            if name == "chart":
                value = (value.width, value.years, value.counts,
                         [(m.lane, m.year, m.half, m.page.key, [e.id for e in m.events]) for m in value.marks])
            elif name == "latest":
                value = [e.id for e in value]
            elif name == "record_as_of":
                value = value and value.iso()
        return repr(value)
