"""A page's citations: its prose split into pieces, with markers numbered by first use, and one source-list
entry per source carrying every quote the page takes from it.

The templates draw the result; nothing here writes markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import i18n, prose, tracking
from .content import Content
from .models import RECORD_TYPES, Citation, Record, Term, text

_TYPES = {t.record_type: t for t in RECORD_TYPES}


@dataclass(frozen=True)
class Ref:
    """One superscript: the entry it points at, its own anchor (the entry links back to it) and a locator."""

    number: int
    anchor: str
    locator: str | None


@dataclass
class Entry:
    """One source on the page's list, with everything the page cites from it."""

    number: int
    source: str
    citations: list[Citation] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Piece:
    """A run of a paragraph: text, a marker (refs), a link to a record, or a term's first use."""

    kind: str
    text: str = ""
    refs: tuple[Ref, ...] = ()
    record: Any = None


class Glossary:
    """Finds the first use of each glossary term in a page's prose, in the page's language: one pattern for
    all terms, longest first, so "EUV lithography" wins over "EUV"; whole words only where the language
    separates words with spaces (Chinese does not, so there a term is found anywhere in the text)."""

    def __init__(self, terms: dict[str, Term], lang: str = i18n.SOURCE_LANGUAGE) -> None:
        names: dict[str, Term] = {}
        for term in terms.values():
            own = [term.term[lang]] if lang in term.term else []
            for name in (*own, *term.aliases.get(lang, [])):
                names.setdefault(name.casefold(), term)
        self.names = names
        ordered = sorted(names, key=len, reverse=True)
        words = "|".join(map(re.escape, ordered))
        spaced = lang not in ("zh", "ja")
        self.pattern = re.compile(rf"(?<!\w)({words})(?!\w)" if spaced else f"({words})",
                                  re.IGNORECASE) if ordered else None


class Paragraphs(list[list[Piece]]):
    """A field's paragraphs; `lang` names the language they fell back to when the page's is missing."""

    lang: str | None = None


@dataclass
class Cited:
    entries: list[Entry]
    paragraphs: dict[prose.Location, Paragraphs]
    by_source: dict[str, Entry]

    def of(self, *loc: str | int) -> Paragraphs:
        return self.paragraphs.get(tuple(loc), Paragraphs())

    def number(self, source: str) -> int:
        return self.by_source[source].number


def cite(records: list[Record], content: Content, glossary: Glossary | None = None, *,
         by_record: bool = False) -> Cited:
    """Number the markers of `records` (shown on one page, in this order) by first use; sources cited but
    never marked follow, in the order the records list them. `by_record`: the page shows several records,
    so each field is found under its record's id first."""
    by_source: dict[str, Entry] = {}
    paragraphs: dict[prose.Location, Paragraphs] = {}
    lang = i18n.current()
    linked: set[str] = set()  # terms already linked on this page

    def entry(source: str) -> Entry:
        if source not in by_source:
            by_source[source] = Entry(len(by_source) + 1, source)
        return by_source[source]

    if glossary is not None:
        tracking.kind("glossary")  # a change to any term can change which words of the text link to one
    for record in records:
        if isinstance(record, Term):
            linked.add(record.id)  # a definition does not link to itself
        for loc, value, _ in prose.fields(record):
            key = (record.id, *loc) if by_record else loc
            paragraphs[key] = Paragraphs(_pieces(paragraph, entry, content, glossary, linked)
                                         for paragraph in prose.paragraphs(text(value, lang)))
            if lang not in value:
                paragraphs[key].lang = i18n.SOURCE_LANGUAGE
    for record in records:
        for loc, citation in prose.citations(record):
            if loc != ("appearance",):
                entry(citation.source).citations.append(citation)
    return Cited(sorted(by_source.values(), key=lambda e: e.number), paragraphs, by_source)


def _pieces(paragraph: str, entry: Any, content: Content, glossary: Glossary | None, linked: set[str]) -> list[Piece]:
    pieces: list[Piece] = []
    for token in prose.tokens(paragraph):
        if isinstance(token, prose.Marker):
            refs = []
            for item in token.items:
                target = entry(item.source)
                anchor = f"ref-{target.number}-{len(target.uses) + 1}"
                target.uses.append(anchor)
                refs.append(Ref(target.number, anchor, item.locator))
            pieces.append(Piece("cite", refs=tuple(refs)))
        elif isinstance(token, prose.Link):
            record = content.of(_TYPES[token.target_kind]).get(token.target)
            if isinstance(record, Term):
                linked.add(record.id)  # linked by hand: no second link from a later use
            pieces.append(Piece("link", token.label, record=record) if record else Piece("text", token.label))
        else:
            pieces.extend(_terms(token.text, glossary, linked))
    return pieces


def _terms(value: str, glossary: Glossary | None, linked: set[str]) -> list[Piece]:
    """Text, with the first use on the page of each glossary term as a link to its entry."""
    if glossary is None or glossary.pattern is None:
        return [Piece("text", value)]
    pieces, position = [], 0
    for match in glossary.pattern.finditer(value):
        term = glossary.names[match.group().casefold()]
        if term.id in linked:
            continue
        linked.add(term.id)
        if match.start() > position:
            pieces.append(Piece("text", value[position:match.start()]))
        pieces.append(Piece("term", match.group(), record=term))
        position = match.end()
    if position < len(value):
        pieces.append(Piece("text", value[position:]))
    return pieces
