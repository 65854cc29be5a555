"""The little markup that prose fields understand: Pandoc's citation markers and links to other records.

`[@source-id]`, `[@source-id, p. 4]` and `[@one; @two]` tie a statement to a source the record cites;
`[words](event:some-id)` links another record. Everything else stays plain text: parsing only splits a
paragraph into tokens, and the templates turn tokens into markup, escaping every piece of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import ID_PATTERN, Citation, Claim, Event, Guide, Record, Term, Topic

# The kinds of record a link may name, as written before the colon.
LINK_KINDS = ("event", "claim", "topic", "term", "actor", "source", "guide")

_ID = ID_PATTERN.strip("^$").replace("(", "(?:")
_ITEM = re.compile(rf"\s*@({_ID})\s*(?:,\s*(\S.*?))?\s*")
# A link: [label](kind:id). A Markdown link to a web address is caught too, to say why it is not one.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([a-z]+):([^()\s]*)\)")
_OPENING = re.compile(r"(?P<marker>\[\s*@)|\[[^\[\]\n]+\]\(")


@dataclass(frozen=True)
class Text:
    text: str
    kind: str = "text"


@dataclass(frozen=True)
class Item:
    source: str
    locator: str | None


@dataclass(frozen=True)
class Marker:
    """A citation marker: the sources it names, where it starts in its paragraph and what was written."""

    items: tuple[Item, ...]
    offset: int
    raw: str
    kind: str = "cite"


@dataclass(frozen=True)
class Link:
    label: str
    target_kind: str
    target: str
    offset: int
    raw: str
    kind: str = "link"


@dataclass(frozen=True)
class Malformed:
    """Markup that looks like a marker or a link but is not one: shown as written, reported by `check`."""

    raw: str
    offset: int
    reason: str
    kind: str = "text"

    @property
    def text(self) -> str:
        return self.raw


Token = Text | Marker | Link | Malformed


def paragraphs(value: str) -> list[str]:
    """Blank-line separated paragraphs, with line breaks and runs of spaces made single spaces."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", value) if p.strip()]


def _marker(raw: str, offset: int) -> Marker | Malformed:
    inner = raw[1:-1]
    items = []
    for part in inner.split(";"):
        match = _ITEM.fullmatch(part)
        if not match:
            shown = part.strip() or "(nothing)"
            if not shown.startswith("@"):
                reason = f"'{shown}' is not a citation: write @ and a source id, as in [@source-id]"
            elif not re.fullmatch(rf"@{_ID}(\s*,.*)?", shown):
                reason = (f"'{shown}' is not a source id: use lower-case letters, digits and single hyphens, "
                          "and a comma before a locator, as in [@source-id, p. 4]")
            else:
                reason = f"'{shown}' has an empty locator: write [@source-id] or [@source-id, p. 4]"
            return Malformed(raw, offset, reason)
        items.append(Item(match.group(1), match.group(2)))
    return Marker(tuple(items), offset, raw)


def tokens(paragraph: str) -> list[Token]:
    """Split one paragraph into text, markers and links. Never fails: bad markup becomes Malformed."""
    out: list[Token] = []
    position = 0
    while True:
        opening = _OPENING.search(paragraph, position)
        if opening is None:
            break
        start = opening.start()
        token: Token
        if opening.lastgroup == "marker":
            end = paragraph.find("]", start)
            nested = paragraph.find("[", start + 1)
            if end < 0 or 0 <= nested < end:
                token = Malformed(paragraph[start:start + 2], start,
                                  "a citation marker opened with [@ is not closed with ]")
                stop = start + 2
            else:
                token = _marker(paragraph[start:end + 1], start)
                stop = end + 1
        else:
            link = _LINK.match(paragraph, start)
            if link is None:
                out.append(Text(paragraph[position:start + 1]))
                position = start + 1
                continue
            label, kind, target = link.groups()
            stop = link.end()
            if kind in ("http", "https"):
                token = Malformed(link.group(), start, "links to web pages are not shown as links: cite the page "
                                                       "as a source and write a marker, as in [@source-id]")
            elif kind not in LINK_KINDS:
                token = Malformed(link.group(), start, f"'{kind}:' is not a kind of record; write one of "
                                                       + ", ".join(f"{k}:" for k in LINK_KINDS))
            elif not re.fullmatch(ID_PATTERN, target):
                token = Malformed(link.group(), start, f"'{target}' is not a valid id")
            else:
                token = Link(label, kind, target, start, link.group())
        before = paragraph[position:start]
        if isinstance(token, Marker):
            before = before.rstrip()  # the superscript sits against the word it follows
        if before:
            out.append(Text(before))
        out.append(token)
        position = stop
    if position < len(paragraph):
        out.append(Text(paragraph[position:]))
    return _merged(out)


def _merged(items: list[Token]) -> list[Token]:
    """Adjacent pieces of text as one, so a template writes (and a term is found in) whole runs."""
    out: list[Token] = []
    for item in items:
        if isinstance(item, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + item.text)
        else:
            out.append(item)
    return out


def plain(value: str) -> str:
    """The text without its markup, for places that show plain text (descriptions, feeds, structured data):
    markers are dropped and links become their words."""
    result = []
    for paragraph in paragraphs(value):
        words = []
        for token in tokens(paragraph):
            if isinstance(token, Link):
                words.append(token.label)
            elif not isinstance(token, Marker):
                words.append(token.text)
        result.append("".join(words).strip())
    return "\n\n".join(result)


Location = tuple[str | int, ...]


def fields(record: Record) -> list[tuple[Location, dict[str, str], bool]]:
    """A record's prose fields in the order its page shows them: (location, value, whether every paragraph
    must carry a marker). Notes that explain a single citation may go without one."""
    out: list[tuple[Location, dict[str, str] | None, bool]] = []
    if isinstance(record, Event):
        out.append((("body",), record.body, True))
    elif isinstance(record, Claim):
        out.append((("explanation",), record.explanation, True))
        out += [(("evidence", i, "note"), item.note, False) for i, item in enumerate(record.evidence)]
    elif isinstance(record, Topic) and record.explainer:
        out += [(("explainer", part), getattr(record.explainer, part), True) for part in ("what", "history", "disputed")]
        out += [(("explainer", "further_reading", i, "note"), item.note, False)
                for i, item in enumerate(record.explainer.further_reading)]
    elif isinstance(record, Term):
        out.append((("definition",), record.definition, True))
    elif isinstance(record, Guide):
        out += [(("sections", i, "body"), section.body, True) for i, section in enumerate(record.sections)]
    return [(loc, value, required) for loc, value, required in out if value is not None]


def citations(record: Record) -> list[tuple[Location, Citation]]:
    """What a record cites, in its own order: the sources its markers may name."""
    if isinstance(record, Claim):
        return [(("appearance",), record.appearance), *((("evidence", i), e) for i, e in enumerate(record.evidence))]
    return [(("citations", i), c) for i, c in enumerate(getattr(record, "citations", []))]
