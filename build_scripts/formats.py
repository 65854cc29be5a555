"""The record in other people's formats: ClaimReview JSON-LD, citations (plain, BibTeX, CSL-JSON), Atom feeds
(feedgen) and an iCalendar file (icalendar). Data only: the templates decide how any of it is shown."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import TYPE_CHECKING, Any

import icalendar
from feedgen.feed import FeedGenerator

from . import i18n
from .i18n import N_, gettext
from .models import NAMED_DATES, VERDICTS, Claim, Event, PartialDate, inner_quotes, text
from .prose import plain
from .settings import Settings

if TYPE_CHECKING:
    from .indexes import Site


# The site's name (Settings' default, as in mkdocs.yml) is a message too, so that each edition's feeds and
# citations name the site in its language; a name the catalogs do not hold stays as it is.
SITE_NAME = N_("Chips and AI: the US–China record")

# Words the feeds and the calendar show, put into the current language where they are written.
CHANGE_TITLES = {"correction": N_("Correction: %(record)s"), "update": N_("Update: %(record)s")}
DATE_LINES = {"announced": N_("Announced: %(date)s"), "published": N_("Published: %(date)s"),
              "effective": N_("Effective: %(date)s")}


def site_name(settings: Settings) -> str:
    return gettext(settings.site_name)


def updated(record: Event | Claim) -> PartialDate:
    """When the record last changed: its review date or a later logged change."""
    return max([record.last_reviewed, *(c.date for c in record.changelog)], key=PartialDate.first_day)


def published(record: Event | Claim) -> PartialDate:
    """The earliest date the record shows: its first logged change or, without one, its review date."""
    return min([record.last_reviewed, *(c.date for c in record.changelog)], key=PartialDate.first_day)


def _moment(date: PartialDate) -> datetime.datetime:
    return datetime.datetime(*date.first_day(), tzinfo=datetime.timezone.utc)


def _stable_id(settings: Settings, path: str) -> str:
    """An Atom/iCalendar id that never changes: the page's address, or a name-based UUID without site_url (of
    the page in its edition: the Chinese page is another entry than the English one)."""
    if settings.site_url:
        return settings.url(path)
    edition = path if i18n.current() == i18n.SOURCE_LANGUAGE else f"{i18n.current()}/{path}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, edition)}"


def _from_feed(settings: Settings, path: str) -> str:
    """A link inside a feed: absolute with site_url; otherwise relative to the feed, which lives in feeds/."""
    return settings.url(path) if settings.site_url else f"../{path}"


def _organisation(settings: Settings) -> dict[str, str]:
    return {"@type": "Organization", "name": site_name(settings), **({"url": settings.site_url + "/"}
                                                                     if settings.site_url else {})}


def claim_review(claim: Claim, site: Site, settings: Settings) -> dict[str, Any]:
    """schema.org ClaimReview (see the methodology page for the rating scale). Opinion carries no rating;
    unsupported carries its name but no number."""
    verdict = VERDICTS[claim.verdict]
    appearance = site.source(claim.appearance.source)
    actor = site.content.actors.get(claim.claimant_actor or "")
    author_type = "Organization" if actor and actor.kind != "person" else "Person"
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {"@type": author_type, "name": text(claim.claimant)},
        "appearance": {"@type": "CreativeWork", "url": appearance.url, "headline": text(appearance.title),
                       "inLanguage": appearance.language,
                       "publisher": {"@type": "Organization", "name": appearance.publisher}},
    }
    if claim.date:
        item["datePublished"] = claim.date.iso()
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "inLanguage": i18n.TAGS[i18n.current()],  # the review's language: the page's edition
        "url": settings.url(claim.page),
        "name": claim.review_title,
        "claimReviewed": inner_quotes(text(claim.short)),  # as the page heading shows it
        "author": _organisation(settings),
        "datePublished": published(claim).iso(),
        "dateModified": updated(claim).iso(),
        "itemReviewed": item,
    }
    if claim.verdict != "opinion":
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.label}
        if verdict.rating is not None:
            rating.update(ratingValue=verdict.rating, bestRating=5, worstRating=1)
        review["reviewRating"] = rating
    return review


_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                   "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}


def _bibtex_text(value: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(char, char) for char in value)


def citation(record: Event | Claim, settings: Settings) -> dict[str, str]:
    """'Cite this page': plain text, BibTeX and CSL-JSON, each with the last-updated date."""
    title = record.review_title if isinstance(record, Claim) else text(record.heading)
    url = settings.url(record.page)
    when = updated(record)
    inner = title.replace("“", "‘").replace("”", "’")  # the title goes inside double quotation marks
    name = site_name(settings)
    plain = gettext("%(site)s. “%(title)s.” Last updated %(date)s. %(url)s") % {
        "site": name, "title": inner, "date": when.iso(), "url": url}
    key = f"chipsrecord-{record.id}"
    note = gettext("Last updated %(date)s") % {"date": when.iso()}
    bibtex = (f"@misc{{{key},\n  author = {{{{{_bibtex_text(name)}}}}},\n"
              f"  title = {{{_bibtex_text(title)}}},\n  year = {{{when.year}}},\n"
              f"  note = {{{_bibtex_text(note)}}},\n  url = {{{url}}}\n}}")
    csl = {"id": key, "type": "webpage", "title": title, "container-title": name,
           "author": [{"literal": name}], "URL": url,
           "issued": {"date-parts": [[p for p in (when.year, when.month, when.day) if p]]}}
    return {"plain": plain, "bibtex": bibtex, "csl": json.dumps([csl], ensure_ascii=False, indent=2)}


def changes(site: Site) -> list[tuple[Any, Event | Claim]]:
    """Every logged correction and update, newest first, with its record."""
    logged = [(change, record) for record in (*site.events, *site.claims) for change in record.changelog]
    return sorted(logged, key=lambda pair: (pair[0].date.first_day(), pair[1].id), reverse=True)


def _feed(settings: Settings, name: str, title: str, subtitle: str,
          entries: list[tuple[str, str, str, PartialDate, str]]) -> bytes:
    """entries: (id path, link path, title, updated, summary); newest first."""
    feed = FeedGenerator()
    feed.id(_stable_id(settings, f"feeds/{name}.xml"))
    feed.title(title)
    feed.subtitle(subtitle)
    feed.author({"name": site_name(settings)})
    feed.link(href=_from_feed(settings, f"feeds/{name}.xml"), rel="self")
    feed.link(href=_from_feed(settings, "index.html"), rel="alternate")
    feed.language(i18n.TAGS[i18n.current()])
    feed.rights("CC BY 4.0")
    # Set explicitly: feedgen would otherwise stamp the clock's time and break reproducible builds.
    feed.updated(_moment(max((e[3] for e in entries), key=PartialDate.first_day, default=PartialDate(1970))))
    for id_path, link, entry_title, when, summary in entries:
        entry = feed.add_entry(order="append")
        entry.id(_stable_id(settings, id_path))
        entry.title(entry_title)
        entry.link(href=_from_feed(settings, link))
        entry.updated(_moment(when))
        entry.summary(summary)
    return feed.atom_str(pretty=True)


def feeds(site: Site, settings: Settings) -> dict[str, bytes]:
    """Two Atom feeds: events (new and revised), and claims with every logged correction or update."""
    def newest(entries: list[tuple[str, str, str, PartialDate, str]]) -> list[tuple[str, str, str, PartialDate, str]]:
        return sorted(entries, key=lambda e: (e[3].first_day(), e[0]), reverse=True)

    event_entries = [(e.page, e.page, text(e.title), updated(e), text(e.summary)) for e in site.events]
    claim_entries = [(c.page, c.page, c.review_title, updated(c),
                      plain(text(c.explanation))) for c in site.claims]
    for change, record in changes(site):
        index = record.changelog.index(change) + 1
        entry = (f"{record.page}#change-{index}", f"{record.page}#changes",
                 gettext(CHANGE_TITLES[change.kind]) % {"record": text(record.heading)}, change.date, text(change.note))
        (event_entries if isinstance(record, Event) else claim_entries).append(entry)
    return {
        "feeds/events.xml": _feed(settings, "events", gettext("%(site)s: events") % {"site": site_name(settings)},
                                  gettext("Events added to or revised in the record, and their corrections."),
                                  newest(event_entries)),
        "feeds/claims.xml": _feed(settings, "claims", gettext("%(site)s: claims") % {"site": site_name(settings)},
                                  gettext("Claims checked or re-checked, and every correction to a claim."),
                                  newest(claim_entries)),
    }


def calendar(site: Site, settings: Settings) -> bytes:
    """Every event dated to the day, as all-day iCalendar events (month- or year-precision dates have no
    day to put in a calendar, so they are left out)."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.site_name}//events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", site_name(settings))
    for event in site.events:
        if event.date.precision != "day":
            continue
        start = datetime.date(*event.date.first_day())
        last = event.date_end if event.date_end and event.date_end.precision == "day" else event.date
        entry = icalendar.Event()
        entry.add("uid", _stable_id(settings, event.page))
        entry.add("dtstamp", _moment(updated(event)))  # the record's last change, never the clock
        entry.add("dtstart", start)
        entry.add("dtend", datetime.date(*last.first_day()) + datetime.timedelta(days=1))
        entry.add("summary", text(event.title))
        dates = "".join(gettext(DATE_LINES[name]) % {"date": getattr(event, name).iso()} + "\n"
                        for name in NAMED_DATES if getattr(event, name))
        entry.add("description", f"{text(event.summary)}\n\n{dates}{settings.url(event.page)}")
        entry.add("url", settings.url(event.page))
        if event.scheduled:
            entry.add("status", "TENTATIVE")
        cal.add_component(entry)
    return cal.to_ical()
