"""The records: the single definition of every field. The editor JSON Schema is generated from here.

Models are strict: YAML 1.1 turns an unquoted `no` into false and `12:30` into 750, and a lenient model
would quietly store those. Strict models turn them into errors that say what YAML did.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_QUOTE_WORDS = 25
MAX_SHORT_CLAIM = 75

# ---------------------------------------------------------------------------------------------------------
# The verdict scale. `rating` feeds ClaimReview's ratingValue (1 = worst, 5 = best); None means "not rated".


@dataclass(frozen=True)
class VerdictInfo:
    label: str
    rating: int | None
    meaning: str


VERDICTS: dict[str, VerdictInfo] = {
    "accurate": VerdictInfo("Accurate", 5, "The claim is correct and nothing significant is missing."),
    "mostly-accurate": VerdictInfo("Mostly accurate", 4,
                                   "The claim is correct in substance but needs a clarification or detail."),
    "partly-accurate": VerdictInfo("Partly accurate", 3,
                                   "Some parts of the claim are correct and others are wrong or overstated."),
    "misleading": VerdictInfo("Misleading", 2,
                              "The facts are close to right, but the claim gives a wrong impression."),
    "inaccurate": VerdictInfo("Inaccurate", 1, "The claim is wrong."),
    "unsupported": VerdictInfo("Unsupported", None,
                               "No evidence was found that would let us rate the claim either way."),
    "opinion": VerdictInfo("Opinion", None,
                           "A judgement or prediction, not a statement of fact; it is not rated true or false."),
}
Verdict = Literal["accurate", "mostly-accurate", "partly-accurate", "misleading", "inaccurate", "unsupported",
                  "opinion"]
RATED_VERDICTS = frozenset(v for v, info in VERDICTS.items() if info.rating is not None)

LANES: dict[str, str] = {
    "us-measures": "US measures",
    "allied-measures": "Allied measures",
    "china-measures": "China's measures",
    "milestones": "Technology and market milestones",
}
Lane = Literal["us-measures", "allied-measures", "china-measures", "milestones"]

# ---------------------------------------------------------------------------------------------------------
# Field types


# Unicode's control characters (category Cc) except tab and newline; a regex, since this runs on every string.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _plain_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected text")
    if _CONTROL.search(value):
        raise ValueError("text contains a control character; remove it")
    if not value.strip():
        raise ValueError("text is empty")
    return value.strip()


def _localized(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        return {"en": _plain_text(value)}
    if isinstance(value, dict):
        if "en" not in value:
            raise ValueError("a mapping of languages must include 'en'")
        out = {}
        for lang, text in value.items():
            if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang):
                raise ValueError(f"'{lang}' is not a language code such as en or zh")
            try:
                out[lang] = _plain_text(text)
            except ValueError as error:
                raise ValueError(f"{lang}: {error}") from None
        return out
    raise ValueError("expected text, or a mapping of language code to text")


def text(value: dict[str, str] | None, lang: str = "en") -> str:
    """A text field in one language; English until another edition exists."""
    return "" if value is None else value.get(lang, value["en"])


Text = Annotated[
    dict[str, str],
    BeforeValidator(_localized),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1},
                              {"type": "object", "required": ["en"],
                               "additionalProperties": {"type": "string", "minLength": 1}}]}),
]
"""Plain English text, or `{en: ..., zh: ...}`. Stored as a mapping; English is always present."""

PlainText = Annotated[str, BeforeValidator(_plain_text), WithJsonSchema({"type": "string", "minLength": 1})]


def _id(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected an id (text)")
    if not re.fullmatch(ID_PATTERN, value):
        raise ValueError(f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens")
    return value


Id = Annotated[str, BeforeValidator(_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]


def _url(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a URL")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"'{value}' is not an http or https URL")
    if not parts.netloc or any(c.isspace() or unicodedata.category(c) == "Cc" for c in value):
        raise ValueError(f"'{value}' is not a valid URL: it has no host, or it contains spaces")
    return value


Url = Annotated[str, BeforeValidator(_url), WithJsonSchema({"type": "string", "pattern": "^https?://[^\\s]+$"})]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or the year: `2019-05-15`, `2019-05` or `2019`."""

    year: int
    month: int = 0
    day: int = 0

    _FORM: ClassVar[re.Pattern[str]] = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        return (f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.day
                else f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}")

    def last_day(self) -> tuple[int, int, int]:
        """The latest day this date can mean, for "is it in the future" and "is the end before the start"."""
        month = self.month or 12
        return self.year, month, self.day or calendar.monthrange(self.year, month)[1]

    def first_day(self) -> tuple[int, int, int]:
        return self.year, self.month or 1, self.day or 1

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError("expected a date written as YYYY-MM-DD, YYYY-MM or YYYY")
        match = cls._FORM.fullmatch(value.strip())
        if not match:
            raise ValueError(f"'{value}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(g) if g else 0 for g in match.groups())
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"'{value}' is not a date: there is no month {month}")
        if match.group(3):
            days = calendar.monthrange(year, month)[1]
            if not 1 <= day <= days:
                raise ValueError(f"'{value}' is not a date: {calendar.month_name[month]} {year} has {days} days")
        return cls(year, month, day)


Date = Annotated[
    PartialDate,
    BeforeValidator(PartialDate.parse),
    PlainSerializer(PartialDate.iso, return_type=str),
    WithJsonSchema({"type": ["string", "integer"], "pattern": "^\\d{4}(-\\d{2}(-\\d{2})?)?$"}),
]

# ---------------------------------------------------------------------------------------------------------
# Records


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, arbitrary_types_allowed=True)


def _short_quote(quote: dict[str, str]) -> dict[str, str]:
    words = len(quote["en"].split())
    if words > MAX_QUOTE_WORDS:
        raise ValueError(f"quote has {words} words; quote at most {MAX_QUOTE_WORDS}")
    return quote


class Citation(Strict):
    """A source id, narrowed by an optional locator and an optional short exact quote."""

    source: Id
    locator: PlainText | None = None
    quote: Annotated[Text, AfterValidator(_short_quote)] | None = None


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
    short_name: PlainText | None = None
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
    aliases: list[PlainText] = []
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

    title: Text
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
        return {"en": f"“{self.short}”"}

    @property
    def review_title(self) -> str:
        """What the page is called in the browser, in search, in feeds and in a citation: a fact check of the
        claim, with its verdict, so that nobody quoting the title credits the site with the claim."""
        return f"Fact check: “{self.short}” — {VERDICTS[self.verdict].label}"

    text: Text
    short: Annotated[PlainText, Field(max_length=MAX_SHORT_CLAIM)]
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
    match = PARAGRAPH.search(claim.appearance.locator or "")
    return int(match.group(1)) if match else None
