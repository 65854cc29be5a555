"""The kinds of value a record is made of: text in one or more languages, ids, addresses, dates at their
precision, and the two fixed scales (verdicts and lanes). Each validator says in a contributor's words what
was wrong, because its message becomes the check's error.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from . import i18n
from .i18n import N_

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_QUOTE_WORDS = 25
MAX_SHORT_CLAIM = 75

# ---------------------------------------------------------------------------------------------------------
# The verdict scale. `rating` feeds ClaimReview's ratingValue (1 = worst, 5 = best); None means "not rated".


@dataclass(frozen=True)
class VerdictInfo:
    """A verdict's label and meaning, kept in English and shown in the page's language."""

    msgid: str
    rating: int | None
    meaning_msgid: str

    @property
    def label(self) -> str:
        return i18n.gettext(self.msgid)

    @property
    def meaning(self) -> str:
        return i18n.gettext(self.meaning_msgid)


class Names(dict[str, str]):
    """Fixed names kept in English (the catalogs' message ids) and read in the page's language."""

    def __getitem__(self, key: str) -> str:
        return i18n.gettext(super().__getitem__(key))

    def items(self):  # type: ignore[override]
        return [(key, self[key]) for key in self]

    def values(self):  # type: ignore[override]
        return [self[key] for key in self]


VERDICTS: dict[str, VerdictInfo] = {
    "accurate": VerdictInfo(N_("Accurate"), 5, N_("The claim is correct and nothing significant is missing.")),
    "mostly-accurate": VerdictInfo(N_("Mostly accurate"), 4,
                                   N_("The claim is correct in substance but needs a clarification or detail.")),
    "partly-accurate": VerdictInfo(N_("Partly accurate"), 3,
                                   N_("Some parts of the claim are correct and others are wrong or overstated.")),
    "misleading": VerdictInfo(N_("Misleading"), 2,
                              N_("The facts are close to right, but the claim gives a wrong impression.")),
    "inaccurate": VerdictInfo(N_("Inaccurate"), 1, N_("The claim is wrong.")),
    "unsupported": VerdictInfo(N_("Unsupported"), None,
                               N_("No evidence was found that would let us rate the claim either way.")),
    "opinion": VerdictInfo(N_("Opinion"), None,
                           N_("A judgement or prediction, not a statement of fact; it is not rated true or false.")),
}
Verdict = Literal["accurate", "mostly-accurate", "partly-accurate", "misleading", "inaccurate", "unsupported",
                  "opinion"]
RATED_VERDICTS = frozenset(v for v, info in VERDICTS.items() if info.rating is not None)

LANES: dict[str, str] = Names({
    "us-measures": N_("US measures"),
    "allied-measures": N_("Allied measures"),
    "china-measures": N_("China's measures"),
    "milestones": N_("Technology and market milestones"),
})
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


def text(value: dict[str, str] | str | None, lang: str | None = None) -> str:
    """A text field in one language (the page's, by default), or in English where that one is missing."""
    lang = lang or i18n.current()
    if value is None or isinstance(value, str):  # a text that stays in its own language (a title, a quote)
        return value or ""
    return value.get(lang, value["en"])


def inner_quotes(value: str) -> str:
    """Quotation marks inside a quote, as single ones: the page puts double marks around it."""
    value = value.replace("“", "‘").replace("”", "’")
    return re.sub(r'"([^"]*)"', r"‘\1’", value)


def _translations(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        raise ValueError("expected a mapping of language code to text, such as {zh: ...}")
    return {lang: text for lang, text in _localized({"en": "-", **value}).items() if lang in value}


Text = Annotated[
    dict[str, str],
    BeforeValidator(_localized),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1},
                              {"type": "object", "required": ["en"],
                               "additionalProperties": {"type": "string", "minLength": 1}}]}),
]
"""Plain English text, or `{en: ..., zh: ...}`. Stored as a mapping; English is always present."""

PlainText = Annotated[str, BeforeValidator(_plain_text), WithJsonSchema({"type": "string", "minLength": 1})]

Translations = Annotated[
    dict[str, str],
    BeforeValidator(_translations),
    WithJsonSchema({"type": "object", "minProperties": 1, "additionalProperties": {"type": "string", "minLength": 1}}),
]
"""Our translations of a text that stays in its own language (a quote, a source's title), keyed by language."""


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
