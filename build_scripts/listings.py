"""The pages a listing is split into (the timeline's years, the index pages) and how their records are filed:
by month on a timeline page, by first letter and publisher on a sources page.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from . import i18n
from .i18n import N_, gettext
from .models import Event, Source, text

MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"), N_("August"),
          N_("September"), N_("October"), N_("November"), N_("December"))


@functools.lru_cache(maxsize=None)  # a sort key: 40,000 sources share a few hundred publishers
def filing_name(value: str) -> str:
    """A name as an index files it: "The Register" as "Register"."""
    return re.sub(r"^(the|a|an)\s+", "", value.strip(), flags=re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def first_letter(value: str) -> str:
    """The letter a name is filed under in an A–Z list: "The Register" under R, a digit or symbol under #."""
    letter = unicodedata.normalize("NFKD", filing_name(value)[:1]).upper()[:1]
    return letter if "A" <= letter <= "Z" else "#"


def by_month(events: list[Event]) -> dict[int, list[Event]]:
    """Events by month, in order; month 0 holds those known only to the year."""
    by_month: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        by_month[event.date.month].append(event)
    return dict(by_month)


def by_publisher(sources: list[Source]) -> list[tuple[str, list[tuple[str, list[Source]]]]]:
    """Sources, already in index order, grouped under their first letter and then their publisher."""
    letters: list[tuple[str, list[tuple[str, list[Source]]]]] = []
    for source in sources:
        letter = first_letter(source.publisher)
        if not letters or letters[-1][0] != letter:
            letters.append((letter, []))
        publishers = letters[-1][1]
        if not publishers or publishers[-1][0] != source.publisher:
            publishers.append((source.publisher, []))
        publishers[-1][1].append(source)
    return letters


@dataclass
class Listing:
    """One page of a split listing: its file name (without .md), its records and what its heading is made of.

    The listings are worked out once for every edition, so the heading (`label`) is put into words when a
    page reads it, in that page's language: "2019", "2019, January to March", "Huawei to Nvidia"."""

    slug: str
    items: list[Any]
    year: int = 0
    folder: str = "timeline"
    part: tuple[int, ...] = ()  # a year cut between months: the months on this page (0: month not known)
    split: bool = False  # one page of an index split into several, named by its first and last records

    @property
    def key(self) -> str:
        return f"{self.folder}/{self.slug}"

    @property
    def label(self) -> str:
        if self.folder == "timeline":
            if not self.part:
                return i18n.date_text(self.year, 1, 1, "year")  # "2019", "2019年"
            named = [gettext(MONTHS[m - 1]) for m in self.part if m]
            if not named:
                return gettext("%(year)s, month not known") % {"year": self.year}
            if len(named) == 1:
                return gettext("%(year)s, %(month)s") % {"year": self.year, "month": named[0]}
            return gettext("%(year)s, %(first)s to %(last)s") % {"year": self.year, "first": named[0],
                                                                "last": named[-1]}
        if not self.split:
            return ""

        def name(record: Any) -> str:
            return record.publisher if self.folder == "sources" else text(record.heading)

        return gettext("%(first)s to %(last)s") % {"first": name(self.items[0]), "last": name(self.items[-1])}

    def months(self) -> dict[int, list[Any]]:
        return by_month(self.items)
