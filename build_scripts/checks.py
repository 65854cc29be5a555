"""Check the records against each other once each is valid on its own: references, dates, inline
citations, the independence of evidence, publisher spellings and left-over placeholders.

Every problem is collected, never raised, so a contributor sees all of them in one run.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from pathlib import Path


from . import prose, translations
from .i18n import TRANSLATIONS
from .content import Cache, Content, load_all
from .loader import Problem, did_you_mean
from .models import (NAMED_DATES, RATED_VERDICTS, RECORD_TYPES, Actor, Citation, Claim, Event, PartialDate, Record,
                     Guide, Source, Term, Topic, Walkthrough, paragraph_of, text)


def _references(content: Content) -> list[tuple[Record, tuple[str | int, ...], str, type[Record]]]:
    """Every id a record points at: (record, field location, the id, the kind of record it must name)."""
    refs: list[tuple[Record, tuple[str | int, ...], str, type[Record]]] = []

    def cite(record: Record, loc: tuple[str | int, ...], citation: Citation) -> None:
        refs.append((record, (*loc, "source"), citation.source, Source))

    def ids(record: Record, name: str, target_type: type[Record]) -> None:
        for i, target in enumerate(getattr(record, name)):
            refs.append((record, (name, i), target, target_type))

    for event in content.events.values():
        ids(event, "actors", Actor)
        ids(event, "topics", Topic)
        ids(event, "related_events", Event)
        ids(event, "related_claims", Claim)
        for i, citation in enumerate(event.citations):
            cite(event, ("citations", i), citation)
    for claim in content.claims.values():
        ids(claim, "topics", Topic)
        ids(claim, "related_events", Event)
        cite(claim, ("appearance",), claim.appearance)
        for i, item in enumerate(claim.evidence):
            cite(claim, ("evidence", i), item)
        if claim.claimant_actor:
            refs.append((claim, ("claimant_actor",), claim.claimant_actor, Actor))
    for record in (*content.topics.values(), *content.glossary.values(), *content.guides.values()):
        for loc, citation in prose.citations(record):
            cite(record, loc, citation)
    for topic in content.topics.values():
        for i, reading in enumerate(topic.explainer.further_reading if topic.explainer else []):
            refs.append((topic, ("explainer", "further_reading", i, "source"), reading.source, Source))
    for term in content.glossary.values():
        ids(term, "topics", Topic)
    for walkthrough in content.walkthroughs.values():
        refs.append((walkthrough, ("source",), walkthrough.source, Source))
    return refs


def _walkthrough_checks(content: Content, walkthrough: Walkthrough) -> list[Problem]:
    """A walkthrough covers every claim made in its text: each claim's paragraph is one of its passages."""
    problems: list[Problem] = []
    doc = content.document(walkthrough)
    numbers = [p.number for p in walkthrough.passages]
    for i, number in enumerate(numbers):
        if i and number <= numbers[i - 1]:
            problems.append(doc.problem(("passages", i, "number"), f"passage {number} comes after passage "
                                        f"{numbers[i - 1]}: list the passages in the text's order, once each"))
    for claim in content.claims.values():
        if claim.appearance.source != walkthrough.source:
            continue
        number = paragraph_of(claim)
        claim_doc = content.document(claim)
        if number is None:
            problems.append(claim_doc.problem(("appearance", "locator"), f"a claim made in '{walkthrough.source}' "
                                              "needs its paragraph in the locator, as in 'paragraph 5'"))
        elif number not in numbers:
            problems.append(claim_doc.problem(("appearance", "locator"), f"paragraph {number} has no passage in "
                                              f"content/walkthroughs/{walkthrough.id}.yaml; add one"))
    return problems


LINK_TARGETS: dict[str, type[Record]] = {t.record_type: t for t in RECORD_TYPES}


def _prose_checks(content: Content, record: Record) -> list[Problem]:
    """Markers name sources the record cites, every paragraph has one, links name real records, and every
    cited source is used somewhere in the text (a warning: the source list may hold background reading)."""
    problems: list[Problem] = []
    doc = content.document(record)
    cited = {c.source for _, c in prose.citations(record)}
    used: set[str] = set()
    noun = record.record_type if record.record_type != "term" else "glossary term"
    fields = prose.fields(record)
    # Every language's text carries its own markers: English is found at the field itself (written plainly or
    # as `en:`), another language under its key.
    texts = [(loc if lang == "en" else (*loc, lang), body, required)
             for loc, value, required in fields for lang, body in value.items()]
    for loc, body, required in texts:
        before = ""  # the field's text up to this paragraph: which copy of a piece of markup a token is

        for number, paragraph in enumerate(prose.paragraphs(body)):
            marked = False

            def at(token: prose.Marker | prose.Link | prose.Malformed) -> tuple[int, int] | None:
                return doc.locate(loc, token.raw, (before + paragraph[:token.offset]).count(token.raw))

            for token in prose.tokens(paragraph):
                if isinstance(token, prose.Malformed):
                    problems.append(doc.problem(loc, token.reason, at=at(token)))
                elif isinstance(token, prose.Marker):
                    where = at(token)
                    marked = True
                    for item in token.items:
                        used.add(item.source)
                        if item.source not in cited:
                            close = difflib.get_close_matches(item.source, sorted(cited), n=1, cutoff=0.85)
                            hint = f" (did you mean '{close[0]}'?)" if close else (
                                f"; it cites {', '.join(sorted(cited))}" if cited else "")
                            problems.append(doc.problem(
                                loc, f"marker [@{item.source}] names a source this {noun} does not cite: add it to "
                                     f"its citations first{hint}", at=where))
                elif isinstance(token, prose.Link):
                    where = at(token)
                    target_type = LINK_TARGETS[token.target_kind]
                    targets = content.of(target_type)
                    if token.target not in targets and (target_type.folder, token.target) not in content.invalid:
                        problems.append(doc.problem(loc, f"link to unknown {token.target_kind} '{token.target}'"
                                                         f"{did_you_mean(token.target, targets.keys())}", at=where))
            if required and not marked:
                problems.append(doc.problem(
                    loc, f"paragraph {number + 1} has no citation marker: end its statements with [@source-id], "
                         "naming a source this record cites", at=doc.paragraph(loc, number)))
            before += paragraph + "\n"
    # A claim's evidence is listed with its stance whether or not the explanation cites it; elsewhere the
    # citations are what the text rests on, so one the text never uses is probably a forgotten marker.
    if any(text(value).strip() for _, value, _ in fields) and not isinstance(record, Claim):
        for loc, citation in prose.citations(record):
            if citation.source not in used:
                used.add(citation.source)  # one warning per source
                problems.append(doc.problem((*loc, "source"), f"'{citation.source}' is cited, but no marker in "
                                            "the text uses it", severity="warning"))
    return problems


def _publisher_key(name: str, notes: bool = False) -> str:
    """A publisher's name reduced to what tells publishers apart: no case, accents, punctuation, leading
    "The" or "U.S." versus "US"; without its bracketed note unless `notes`."""
    name = (name if notes else re.sub(r"\([^)]*\)", " ", name)).replace("U.S.", "US")
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    words = re.findall(r"[a-z0-9]+", name)
    return " ".join(words[1:] if words[:1] == ["the"] else words)


# Short forms of outlets whose stories are reprinted everywhere. A list rather than a guess from initials:
# "CNA" is both Singapore's Channel NewsAsia and Taiwan's Central News Agency.
_SHORT_FORMS = {"afp": "agence france presse", "ap": "associated press", "upi": "united press international",
                "dpa": "deutsche presse agentur", "bbc": "british broadcasting corporation",
                "scmp": "south china morning post", "wsj": "wall street journal", "ft": "financial times",
                "bis": "us bureau of industry and security", "doj": "us department of justice"}


def _publisher_spellings(content: Content) -> list[Problem]:
    """Two spellings of one publisher split it in the sources index and let one outlet count as two
    independent sources. Warn where names match but for case, punctuation and notes, or where one is the
    other's usual short form (AFP, Agence France-Presse); the spelling more sources use is taken as the norm."""
    counts: dict[str, int] = {}
    for source in content.sources.values():
        counts[source.publisher] = counts.get(source.publisher, 0) + 1
    names = sorted(counts, key=lambda n: (-counts[n], n))
    usual: dict[str, str] = {}
    for name in names:
        key = _publisher_key(name)
        for other in names:
            if other == name or counts[other] < counts[name] or (counts[other] == counts[name] and other > name):
                continue
            other_key = _publisher_key(other)
            # "Baker McKenzie (blog)" is Baker McKenzie, but "The Nation (Thailand)" is not "The Nation (Pakistan)"
            same = _publisher_key(name, True) == _publisher_key(other, True) or (
                key == other_key and ("(" not in name or "(" not in other))
            if same or _SHORT_FORMS.get(key) == other_key or _SHORT_FORMS.get(other_key) == key:
                usual[name] = other
                break
    problems = []
    for source in content.sources.values():
        if source.publisher in usual:
            norm = usual[source.publisher]
            problems.append(content.document(source).problem(
                ("publisher",), f"'{source.publisher}' looks like another spelling of '{norm}' ({counts[norm]} "
                f"source{'s' if counts[norm] > 1 else ''}): use one spelling for one publisher",
                severity="warning"))
    return problems


# The kinds of record with prose fields (prose.fields); the others have no markers to check.
PROSE_TYPES = (Event, Claim, Topic, Term, Guide)
_DATE_FIELDS = ("date", "date_end", "accessed", "archive_date", "last_reviewed", *NAMED_DATES)


def _dates(record: Record) -> list[tuple[tuple[str | int, ...], PartialDate]]:
    fields = type(record).model_fields  # looked up on the class: a missing attribute is slow on a model
    found = [((name,), getattr(record, name)) for name in _DATE_FIELDS if name in fields and getattr(record, name)]
    if "changelog" in fields:
        found += [(("changelog", i, "date"), change.date) for i, change in enumerate(record.changelog)]
    return found


def _cross_checks(content: Content, today: datetime.date) -> list[Problem]:
    problems: list[Problem] = []
    for record, loc, target, target_type in _references(content):
        targets = content.of(target_type)
        if target not in targets and (target_type.folder, target) not in content.invalid:
            problems.append(content.document(record).problem(
                loc, f"unknown {target_type.record_type} '{target}'{did_you_mean(target, targets.keys())}"))

    now = (today.year, today.month, today.day)
    for record_type in RECORD_TYPES:
        for record in content.of(record_type).values():
            doc = content.document(record)
            for loc, value in _dates(record):
                if value.first_day() > now and not (isinstance(record, Event) and record.scheduled):
                    hint = " (mark the event `scheduled: true` if this is a coming date)" if isinstance(
                        record, Event) and loc[0] in ("date", "date_end", *NAMED_DATES) else ""
                    problems.append(doc.problem(loc, f"{value.iso()} is in the future{hint}"))

    for event in content.events.values():
        doc = content.document(event)
        if event.date_end and event.date_end.last_day() < event.date.first_day():
            problems.append(doc.problem(
                ("date_end",), f"ends on {event.date_end.iso()}, before it starts on {event.date.iso()}"))
        named = {name: getattr(event, name) for name in NAMED_DATES if getattr(event, name)}
        if event.date_kind in named and named[event.date_kind] != event.date:
            problems.append(doc.problem(("date",), f"is {event.date.iso()}, but the event's {event.date_kind} date is "
                                                   f"{named[event.date_kind].iso()}: `date` is the {event.date_kind} "
                                                   "date (date_kind), so the two must match"))
        for name, value in named.items():
            if event.date_end and value == event.date_end and value != event.date:
                problems.append(doc.problem(("date_end",), f"is the event's {name} date: give it as `{name}: "
                                                           f"{value.iso()}`; date_end is only for an event that lasts"))
        for i, change in enumerate(event.changelog):
            if change.previous_verdict:
                problems.append(doc.problem(("changelog", i, "previous_verdict"), "only claims have verdicts"))

    for record_type in PROSE_TYPES:
        for record in content.of(record_type).values():
            problems += _prose_checks(content, record)

    for walkthrough in content.walkthroughs.values():
        problems += _walkthrough_checks(content, walkthrough)
    problems += _publisher_spellings(content)
    first_with: dict[str, str] = {}
    for source in content.sources.values():  # one page, one record: two would count one origin twice
        if source.url in first_with:
            problems.append(content.document(source).problem(
                ("url",), f"source '{first_with[source.url]}' already records this address: cite that one",
                severity="warning"))
        else:
            first_with[source.url] = source.id

    for source in content.sources.values():
        if source.archive_url and not source.archive_date:
            problems.append(content.document(source).problem(
                ("archive_url",), "archive_url needs archive_date, the day the copy was made"))

    for claim in content.claims.values():
        if claim.verdict in RATED_VERDICTS:
            # Origins, not hosts: a wire story read on two sites, or retold by a third, is one source.
            origins = {_publisher_key(content.sources[e.source].origin, True)
                       for e in claim.evidence if e.source in content.sources}
            if len(origins) < 2:
                problems.append(content.document(claim).problem(
                    ("evidence",), f"a '{claim.verdict}' verdict needs evidence from at least two independent "
                                   f"origins (publishers, counting a relayed or reprinted story once); found "
                                   f"{len(origins)}"))
    return problems


def check(root: Path, today: datetime.date | None = None, cache: Cache | None = None,
          require: frozenset[str] = frozenset()) -> tuple[Content, list[Problem]]:
    """Load and check everything under `root` (the content folder). Problems come sorted by file and line.
    A text without an edition's language is a warning, or an error for a language in `require`."""
    content, problems = load_all(root, cache)
    problems += _cross_checks(content, today or datetime.date.today())
    problems += translations.missing(content, TRANSLATIONS, require)
    return content, sorted(set(problems))
