"""The editions' languages: which one a page is being rendered in, the interface's strings in it (Babel
message catalogs, `locale/<lang>/LC_MESSAGES/messages.po`, extracted from the templates and the code by
`make messages`), and dates written the way that language writes them (Babel's CLDR data).

The language is set for the length of one page's rendering (`use`), so the same templates, filters and
helpers serve every edition without passing the language through each call.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.dates import format_date
import yaml
from babel.messages.pofile import read_po

LANGUAGES = ("en", "zh")
SOURCE_LANGUAGE = "en"
TRANSLATIONS = tuple(lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE)  # the editions made by translating
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
# BCP 47 tags for `lang=` and `inLanguage`, and the CLDR locale each edition's dates come from.
TAGS = {"en": "en", "zh": "zh-Hans"}
# Each edition's name in its own language: what the switcher to it says.
NAMES = {"en": "English", "zh": "简体中文"}
_CLDR = {"en": "en", "zh": "zh_Hans_CN"}
# Dates at their precision: day, month, year, and the short forms used in ranges.
_PATTERNS = {
    "en": {"day": "d MMMM y", "month": "MMMM y", "year": "y", "day-short": "d MMM y", "month-short": "MMM y"},
    "zh": {"day": "y年M月d日", "month": "y年M月", "year": "y年", "day-short": "y年M月d日", "month-short": "y年M月"},
}

_current = SOURCE_LANGUAGE


def N_(message: str) -> str:
    """Marks a string for extraction into the catalogs; it is translated where it is shown."""
    return message


def current() -> str:
    return _current


@contextmanager
def use(lang: str) -> Iterator[None]:
    global _current
    previous, _current = _current, lang
    try:
        yield
    finally:
        _current = previous


def catalog(lang: str) -> dict[str, str]:
    """A language's translations, msgid -> msgstr, leaving out fuzzy and empty entries (they show in English).
    Read again when the file changes, so the watcher picks up a translator's edit."""
    if lang == SOURCE_LANGUAGE:
        return {}
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    return _read_catalog(path, lang, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _read_catalog(path: Path, lang: str, _mtime: int) -> dict[str, str]:
    with path.open("rb") as file:
        messages = read_po(file, locale=_CLDR[lang])
    found: dict[str, str] = {}
    for m in messages:
        if not m.id or m.fuzzy:
            continue
        if isinstance(m.id, str) and m.string:
            found[m.id] = m.string
        elif isinstance(m.id, tuple) and m.string and m.string[0]:
            # a plural message: Chinese has one form, which serves the singular's id and the plural's alike
            found.update(dict.fromkeys(m.id, m.string[0]))
    return found


def _publishers() -> dict[str, dict[str, str]]:
    path = LOCALE_DIR / "termbase.yaml"
    return _read_publishers(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=2)
def _read_publishers(path: Path, _mtime: int) -> dict[str, dict[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {entry["en"]: {"zh": entry["zh"]} for entry in data.get("publishers", [])}


def publisher(name: str) -> str:
    """A publisher's name as the term base gives it in the current language (Reuters: 路透社), else as it is."""
    return _publishers().get(name, {}).get(_current, name)


def gettext(message: str) -> str:
    return catalog(_current).get(message, message) if _current != SOURCE_LANGUAGE else message


def ngettext(singular: str, plural: str, n: int) -> str:
    # Chinese has one plural form: the catalog's singular entry serves every count.
    if _current == SOURCE_LANGUAGE:
        return singular if n == 1 else plural
    return catalog(_current).get(singular if n == 1 else plural) or catalog(_current).get(singular) or (
        singular if n == 1 else plural)


def date_text(year: int, month: int, day: int, precision: str) -> str:
    """A date at its precision ("day", "month", "year"; "day-short", "month-short" in ranges) in the current
    language."""
    if precision == "year":
        return format_date(datetime.date(year, 1, 1), _PATTERNS[_current]["year"], locale=_CLDR[_current])
    return format_date(datetime.date(year, month, day or 1), _PATTERNS[_current][precision], locale=_CLDR[_current])
