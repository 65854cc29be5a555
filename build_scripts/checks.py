"""Check the records against each other once each is valid on its own: references, dates, inline
citations, the independence of evidence, publisher spellings and left-over placeholders.

Every problem is collected, never raised, so a contributor sees all of them in one run.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field
from pathlib import Path


from . import prose, publishers, translations
from .i18n import TRANSLATIONS
from .content import Content, Files, load_all
from .loader import Problem, did_you_mean
from .models import (NAMED_DATES, RATED_VERDICTS, RECORD_TYPES, Actor, Citation, Claim, Event, PartialDate, Record,
                     Guide, Source, Term, Topic, Walkthrough, paragraph_of, text)


Reference = tuple[tuple[str | int, ...], str, type[Record]]


def _references(record: Record) -> list[Reference]:
    """Every id a record points at: (field location, the id, the kind of record it must name)."""
    refs: list[Reference] = []

    def cite(loc: tuple[str | int, ...], citation: Citation) -> None:
        refs.append(((*loc, "source"), citation.source, Source))

    def ids(name: str, target_type: type[Record]) -> None:
        refs.extend(((name, i), target, target_type) for i, target in enumerate(getattr(record, name)))

    if isinstance(record, Event):
        ids("actors", Actor)
        ids("topics", Topic)
        ids("related_events", Event)
        ids("related_claims", Claim)
        for i, citation in enumerate(record.citations):
            cite(("citations", i), citation)
    elif isinstance(record, Claim):
        ids("topics", Topic)
        ids("related_events", Event)
        cite(("appearance",), record.appearance)
        for i, item in enumerate(record.evidence):
            cite(("evidence", i), item)
        if record.claimant_actor:
            refs.append((("claimant_actor",), record.claimant_actor, Actor))
    if isinstance(record, (Topic, Term, Guide)):
        for loc, citation in prose.citations(record):
            cite(loc, citation)
    if isinstance(record, Topic):
        for i, reading in enumerate(record.explainer.further_reading if record.explainer else []):
            refs.append((("explainer", "further_reading", i, "source"), reading.source, Source))
    elif isinstance(record, Term):
        ids("topics", Topic)
    elif isinstance(record, Walkthrough):
        refs.append((("source",), record.source, Source))
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


# The kinds of record with prose fields (prose.fields); the others have no markers to check.
PROSE_TYPES = (Event, Claim, Topic, Term, Guide)
_DATE_FIELDS = ("date", "date_end", "accessed", "archive_date", "last_reviewed", *NAMED_DATES)


def _dates(record: Record) -> list[tuple[tuple[str | int, ...], PartialDate]]:
    fields = type(record).model_fields  # looked up on the class: a missing attribute is slow on a model
    found = [((name,), getattr(record, name)) for name in _DATE_FIELDS if name in fields and getattr(record, name)]
    if "changelog" in fields:
        found += [(("changelog", i, "date"), change.date) for i, change in enumerate(record.changelog)]
    return found


def _record_checks(content: Content, record: Record, today: tuple[int, int, int]) -> list[Problem]:
    """What can be checked of one record given the ids of all the others (and nothing else of them): its
    references, dates, inline citations and links. The watcher keeps these per record between rebuilds."""
    problems: list[Problem] = []
    doc = content.document(record)
    for loc, target, target_type in _references(record):
        targets = content.of(target_type)
        if target not in targets and (target_type.folder, target) not in content.invalid:
            problems.append(doc.problem(
                loc, f"unknown {target_type.record_type} '{target}'{did_you_mean(target, targets.keys())}"))

    for loc, value in _dates(record):
        if value.first_day() > today and not (isinstance(record, Event) and record.scheduled):
            hint = " (mark the event `scheduled: true` if this is a coming date)" if isinstance(
                record, Event) and loc[0] in ("date", "date_end", *NAMED_DATES) else ""
            problems.append(doc.problem(loc, f"{value.iso()} is in the future{hint}"))

    if isinstance(record, Event):
        event = record
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

    if isinstance(record, PROSE_TYPES):
        problems += _prose_checks(content, record)
    if isinstance(record, Source) and record.archive_url and not record.archive_date:
        problems.append(doc.problem(("archive_url",), "archive_url needs archive_date, the day the copy was made"))
    return problems


def _corpus_checks(content: Content) -> list[Problem]:
    """What compares records' contents with each other: walkthroughs against the claims made in their text,
    publishers' spellings, sources recording one address, independent evidence for a verdict."""
    problems: list[Problem] = []
    for walkthrough in content.walkthroughs.values():
        problems += _walkthrough_checks(content, walkthrough)
    problems += publishers.spellings(content)
    first_with: dict[str, str] = {}
    for source in content.sources.values():  # one page, one record: two would count one origin twice
        if source.url in first_with:
            problems.append(content.document(source).problem(
                ("url",), f"source '{first_with[source.url]}' already records this address: cite that one",
                severity="warning"))
        else:
            first_with[source.url] = source.id

    for claim in content.claims.values():
        if claim.verdict in RATED_VERDICTS:
            # Origins, not hosts: a wire story read on two sites, or retold by a third, is one source.
            origins = {publishers.key(content.sources[e.source].origin, True)
                       for e in claim.evidence if e.source in content.sources}
            if len(origins) < 2:
                problems.append(content.document(claim).problem(
                    ("evidence",), f"a '{claim.verdict}' verdict needs evidence from at least two independent "
                                   f"origins (publishers, counting a relayed or reprinted story once); found "
                                   f"{len(origins)}"))
    return problems


@dataclass
class Memo:
    """What the watcher keeps between rebuilds: every file as loaded (by modification time and size), and each
    record's own problems, which stay right while the record is the same object (its file unchanged) and the
    rest of the content is the same as far as those checks read it (the ids of every kind, the files that
    failed, the sources' languages, the day)."""

    files: Files = field(default_factory=Files)
    world: tuple[object, ...] = ()
    records: dict[tuple[str, str], tuple[Record, list[Problem]]] = field(default_factory=dict)


def _world(content: Content, today: tuple[int, int, int], require: frozenset[str]) -> tuple[object, ...]:
    languages = {i: s.language for i, s in dict.items(content.sources)}
    return today, require, frozenset(content.documents), frozenset(content.invalid), languages


def check(root: Path, today: datetime.date | None = None, memo: Memo | None = None,
          require: frozenset[str] = frozenset()) -> tuple[Content, list[Problem]]:
    """Load and check everything under `root` (the content folder). Problems come sorted by file and line.
    A text without an edition's language is a warning, or an error for a language in `require`."""
    content, problems = load_all(root, memo.files if memo else None)
    day = today or datetime.date.today()
    now = (day.year, day.month, day.day)
    world = _world(content, now, require)
    kept = memo.records if memo is not None and memo.world == world else {}
    checked: dict[tuple[str, str], tuple[Record, list[Problem]]] = {}
    for key in content.documents:
        record = dict.__getitem__(content.of_folder(key[0]), key[1])  # a plain lookup: no page is reading
        previous = kept.get(key)
        if previous is not None and previous[0] is record:
            checked[key] = previous
        else:
            checked[key] = (record, _record_checks(content, record, now)
                            + translations.missing(content, record, TRANSLATIONS, require))
        problems += checked[key][1]
    if memo is not None:
        memo.world, memo.records = world, checked
    problems += _corpus_checks(content)
    return content, sorted(set(problems))
