"""The records: the single definition of every field. The editor JSON Schema is generated from here.

Models are strict: YAML 1.1 turns an unquoted `no` into false and `12:30` into 750, and a lenient model
would quietly store those. Strict models turn them into errors that say what YAML did.
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from .i18n import gettext

from .values import (ID_PATTERN, LANES, MAX_QUOTE_WORDS, MAX_SHORT_CLAIM, RATED_VERDICTS, VERDICTS, Date, Id, Lane,
                     PartialDate, PlainText, Text, Translations, Url, inner_quotes, Verdict, VerdictInfo, text)

__all__ = ["ID_PATTERN", "LANES", "RATED_VERDICTS", "VERDICTS", "PartialDate", "VerdictInfo", "inner_quotes", "text"]

# ---------------------------------------------------------------------------------------------------------
# Records


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, arbitrary_types_allowed=True)


def _short_quote(quote: str) -> str:
    words = len(quote.split())
    if words > MAX_QUOTE_WORDS:
        raise ValueError(f"quote has {words} words; quote at most {MAX_QUOTE_WORDS}")
    return quote


def _short_claim(short: dict[str, str]) -> dict[str, str]:
    for lang, value in short.items():
        if len(value) > MAX_SHORT_CLAIM:
            raise ValueError(f"the {lang} short form has {len(value)} characters; use at most {MAX_SHORT_CLAIM}")
    return short


def _aliases(value: object) -> object:
    return {"en": value} if isinstance(value, list) else value


class Citation(Strict):
    """A source id, narrowed by an optional locator and an optional short exact quote. The quote is exactly as
    the source has it, in the source's language; `translation` holds our renderings in other languages."""

    source: Id
    locator: Text | None = None
    quote: Annotated[PlainText, AfterValidator(_short_quote)] | None = None
    translation: Translations | None = None


class Evidence(Citation):
    stance: Literal["supports", "contradicts", "context"]
    note: Text | None = None


class Change(Strict):
    date: Date
    kind: Literal["correction", "update"]
    note: Text
    previous_verdict: Verdict | None = None


class Record(Strict):
    record_type: ClassVar[str]
    folder: ClassVar[str]

    id: Id

    @property
    def heading(self) -> dict[str, str]:
        """What a link to this record says: its title, by default."""
        return self.title  # type: ignore[attr-defined]

    @property
    def page(self) -> str:
        """The record's page, relative to the site's root."""
        return f"{self.folder}/{self.id}.html"


class Actor(Record):
    record_type = "actor"
    folder = "actors"

    @property
    def heading(self) -> dict[str, str]:
        return self.name

    name: Text
    short_name: Text | None = None
    kind: Literal["government-body", "company", "person", "country", "organisation"]
    country: PlainText | None = None
    description: Text


class Reading(Strict):
    """A source worth reading in full, with why."""

    source: Id
    note: Text | None = None


class Explainer(Strict):
    """A topic explained in the order a newcomer asks: what it is, how it came about, what is not settled."""

    what: Text
    history: Text
    disputed: Text
    further_reading: list[Reading] = []


class Topic(Record):
    record_type = "topic"
    folder = "topics"

    @property
    def heading(self) -> dict[str, str]:
        return self.name

    name: Text
    description: Text
    explainer: Explainer | None = None
    citations: list[Citation] = []


class Term(Record):
    """A glossary entry. The first use of the term or an alias in a page's prose links to it."""

    record_type = "term"
    folder = "glossary"

    @property
    def heading(self) -> dict[str, str]:
        return self.term

    @property
    def page(self) -> str:
        return f"glossary.html#{self.id}"

    term: Text
    # Other names that link to the entry, per language: a plain list is English.
    aliases: Annotated[dict[str, list[PlainText]], BeforeValidator(_aliases), WithJsonSchema(
        {"anyOf": [{"type": "array", "items": {"type": "string", "minLength": 1}},
                   {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string",
                                                                                     "minLength": 1}}}]})] = {}
    definition: Text
    topics: list[Id] = []
    citations: list[Citation] = Field(min_length=1)


class Section(Strict):
    heading: Text
    body: Text


class Guide(Record):
    """A hand-ordered page of sections, such as Start here."""

    record_type = "guide"
    folder = "guides"

    title: Text
    summary: Text
    sections: list[Section] = Field(min_length=1)
    citations: list[Citation] = Field(min_length=1)


SourceType = Literal["regulation", "legislation", "press-release", "statement", "guidance", "news", "analysis",
                     "report", "filing", "dataset", "speech", "transcript", "interview", "social-post", "essay",
                     "other"]


class Source(Record):
    record_type = "source"
    folder = "sources"

    @property
    def origin(self) -> str:
        """Who the report comes from: the outlet it relays, or its publisher (never the host it was read on)."""
        return self.relays or self.publisher

    # The title as the source has it, in its own language, with our renderings in other languages beside it.
    title: PlainText
    title_translation: Translations | None = None

    @property
    def heading(self) -> dict[str, str]:
        return {"en": self.title}

    publisher: PlainText
    via: PlainText | None = None
    # A report that retells another outlet's story in its own words (not a reprint, which is `via`) is not an
    # independent source: `relays` names the outlet it retells, and the independence rule counts that one.
    relays: PlainText | None = None
    authors: list[PlainText] = []
    date: Date | None = None
    url: Url
    archive_url: Url | None = None
    archive_date: Date | None = None
    accessed: Date
    language: PlainText
    type: SourceType
    primary: bool = False
    notes: Text | None = None


class Event(Record):
    record_type = "event"
    folder = "events"

    title: Text
    date: Date
    date_end: Date | None = None
    approximate: bool = False
    date_kind: Literal["announced", "published", "effective", "occurred"]
    # A rule is often announced on one day, published (in the Federal Register, say) on another and takes
    # effect on a third: each under its own name. `date` is the one the timeline files it under; `date_end`
    # is only for an act that lasts (a truce, a suspension), never for a second date of a one-day act.
    announced: Date | None = None
    published: Date | None = None
    effective: Date | None = None
    scheduled: bool = False
    lane: Lane
    summary: Text
    body: Text | None = None
    actors: list[Id] = []
    topics: list[Id] = []
    citations: list[Citation] = Field(min_length=1)
    related_events: list[Id] = []
    related_claims: list[Id] = []
    last_reviewed: Date
    changelog: list[Change] = []


class Claim(Record):
    record_type = "claim"
    folder = "claims"

    @property
    def heading(self) -> dict[str, str]:
        """In quotation marks wherever it is linked: a claim is someone's statement, not the site's."""
        return {lang: f"“{inner_quotes(short)}”" for lang, short in self.short.items()}

    @property
    def review_title(self) -> str:
        """What the page is called in the browser, in search, in feeds and in a citation: a fact check of the
        claim, with its verdict, so that nobody quoting the title credits the site with the claim."""
        return gettext("Fact check: “%(claim)s” — %(verdict)s") % {"claim": inner_quotes(text(self.short)),
                                                                  "verdict": VERDICTS[self.verdict].label}

    text: Text
    short: Annotated[Text, AfterValidator(_short_claim)]
    claimant: Text
    claimant_actor: Id | None = None
    appearance: Citation
    date: Date | None = None
    verdict: Verdict
    explanation: Text
    evidence: list[Evidence] = Field(min_length=1)
    unknowns: list[Text] = []
    topics: list[Id] = []
    related_events: list[Id] = []
    last_reviewed: Date
    changelog: list[Change] = []


class Passage(Strict):
    number: int = Field(ge=1)
    summary: Text


class Walkthrough(Record):
    """A text read in its own order, passage by passage: each passage summarised in the site's words (the
    text itself is not reproduced) beside the claims made in it, which are found by their locator."""

    record_type = "walkthrough"
    folder = "walkthroughs"

    title: Text
    summary: Text
    source: Id
    passages: list[Passage] = Field(min_length=1)


NAMED_DATES = ("announced", "published", "effective")

RECORD_TYPES: tuple[type[Record], ...] = (Event, Claim, Source, Actor, Topic, Term, Guide, Walkthrough)

PARAGRAPH = re.compile(r"\bparagraph (\d+)")


def paragraph_of(claim: Claim) -> int | None:
    """The paragraph of its source a claim was made in, from its locator ("paragraph 5 (...)")."""
    match = PARAGRAPH.search(text(claim.appearance.locator))
    return int(match.group(1)) if match else None
