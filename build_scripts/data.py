"""The open-data downloads: the same records as JSON and CSV, a stable public interface (docs/data.md).

Each download's rows are a pydantic model, so the rows, the CSV columns and the JSON Schema published beside
each file (`data/events.schema.json`…) come from one definition and cannot drift apart.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from . import i18n
from .models import NAMED_DATES, LANES, VERDICTS, text

if TYPE_CHECKING:
    from .indexes import Site

SCHEMA_VERSION = 1
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
IsoDate = Field(pattern=ISO_DATE, description="ISO 8601 at its precision: 2019-05-15, 2019-05 or 2019")


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid")

    translations: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="the row's text in other languages, by language then field name "
        "(zh: the Chinese edition's text); a field not listed there reads the same as in English, or has no "
        "translation yet. A source's title is its own headline in its own language; `translations` holds our "
        "rendering of it")


# The text fields of each download, which `translations` holds in other languages.
TEXT_FIELDS = {"events": ("title", "summary", "body"), "claims": ("text", "short", "claimant", "explanation"),
               "sources": ("title",), "actors": ("name", "short_name", "description"),
               "topics": ("name", "description")}


class EventRow(Row):
    id: str = Field(description="the record's id, also its file name in content/events/")
    title: str
    date: str = IsoDate
    date_end: str | None = IsoDate
    precision: Literal["day", "month", "year"]
    approximate: bool = Field(description="true when the date is uncertain")
    date_kind: Literal["announced", "published", "effective", "occurred"]
    announced: str | None = Field(description="the day the act was announced, when known", pattern=ISO_DATE)
    published: str | None = Field(description="the day it was published (for a US rule, in the Federal Register)",
                                  pattern=ISO_DATE)
    effective: str | None = Field(description="the day it took effect", pattern=ISO_DATE)
    scheduled: bool = Field(description="true for a coming date, such as a rule's future effective date")
    lane: Literal[tuple(LANES)]  # type: ignore[valid-type]
    summary: str
    body: str | None = Field(description="the details, as plain text: paragraphs separated by a blank line, each "
                             "statement followed by Pandoc citation markers such as [@source-id] or "
                             "[@source-id, p. 4] naming an id in `citations`, and links to other records "
                             "written [words](event:id)")
    actors: list[str] = Field(description="actor ids")
    topics: list[str] = Field(description="topic ids")
    citations: list[str] = Field(description="ids of the sources cited")
    last_reviewed: str = IsoDate
    url: str = Field(description="the event's page, relative to the site's root")


class ClaimRow(Row):
    id: str
    text: str = Field(description="the claim's exact words")
    short: str = Field(max_length=75)
    claimant: str
    date: str | None = IsoDate
    verdict: Literal[tuple(VERDICTS)]  # type: ignore[valid-type]
    explanation: str = Field(description="why the verdict, as plain text with Pandoc citation markers such as "
                             "[@source-id] naming the appearance or an id in `citations`")
    appearance: str = Field(description="id of the source where the claim was made")
    citations: list[str] = Field(description="ids of the sources given as evidence")
    last_reviewed: str = IsoDate
    url: str


class SourceRow(Row):
    id: str
    title: str
    publisher: str
    via: str | None = Field(description="the site actually read, when it was a reprint or mirror")
    date: str | None = IsoDate
    url: str
    archive_url: str | None
    accessed: str = IsoDate
    type: str
    primary: bool
    language: str
    cited_by: list[str] = Field(description="the pages that cite it, relative to the site's root")
    page: str


class ActorRow(Row):
    id: str
    name: str
    short_name: str | None
    kind: str
    country: str | None
    description: str
    url: str


class TopicRow(Row):
    id: str
    name: str
    description: str
    url: str


ROWS: dict[str, type[Row]] = {"events": EventRow, "claims": ClaimRow, "sources": SourceRow, "actors": ActorRow,
                              "topics": TopicRow}


def document_model(name: str) -> type[BaseModel]:
    """The whole download: `{"schema_version": 1, "generated": "…", "<name>": [rows]}`."""
    return create_model(f"{name.capitalize()}Download", __config__=ConfigDict(extra="forbid"),
                        schema_version=(Literal[SCHEMA_VERSION], ...),
                        generated=(str, Field(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")),
                        in_language=(Literal[i18n.SOURCE_LANGUAGE], Field(
                            description="the language of the rows' text fields (BCP 47); other languages are "
                                        "in each row's `translations`")),
                        **{name: (list[ROWS[name]], ...)})


def download_schema(name: str) -> dict[str, Any]:
    schema = document_model(name).model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def _generated(site: Site) -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds); otherwise the newest review date, so that
    regenerating unchanged content rewrites nothing."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        moment = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    reviewed = [r.last_reviewed.iso() for r in (*site.events, *site.claims)]
    return f"{max(reviewed, default='1970-01-01')}T00:00:00Z"


def tables(site: Site) -> dict[str, list[Row]]:
    """One list of rows per download, in a stable order."""
    content = site.content
    return {
        "events": [EventRow(
            id=e.id, title=text(e.title), date=e.date.iso(), date_end=e.date_end.iso() if e.date_end else None,
            precision=e.date.precision, approximate=e.approximate, date_kind=e.date_kind, scheduled=e.scheduled,
            **{name: getattr(e, name).iso() if getattr(e, name) else None for name in NAMED_DATES},
            lane=e.lane, summary=text(e.summary), body=text(e.body) if e.body else None, actors=list(e.actors), topics=list(e.topics),
            citations=list(dict.fromkeys(c.source for c in e.citations)), last_reviewed=e.last_reviewed.iso(),
            url=e.page) for e in site.events],
        "claims": [ClaimRow(
            id=c.id, text=text(c.text), short=text(c.short), claimant=text(c.claimant),
            date=c.date.iso() if c.date else None, verdict=c.verdict, explanation=text(c.explanation),
            appearance=c.appearance.source, citations=list(dict.fromkeys(e.source for e in c.evidence)),
            last_reviewed=c.last_reviewed.iso(), url=c.page) for c in site.claims],
        "sources": [SourceRow(
            id=s.id, title=s.title if i18n.current() == i18n.SOURCE_LANGUAGE
            else (s.title_translation or {}).get(i18n.current(), s.title), publisher=s.publisher, via=s.via, date=s.date.iso() if s.date else None,
            url=s.url, archive_url=s.archive_url, accessed=s.accessed.iso(), type=s.type, primary=s.primary,
            language=s.language, cited_by=[r.page for r in site.cited_by[s.id]], page=s.page)
            for s in sorted(content.sources.values(), key=lambda s: s.id)],
        "actors": [ActorRow(
            id=a.id, name=text(a.name), short_name=text(a.short_name) or None, kind=a.kind, country=a.country,
            description=text(a.description), url=a.page) for a in sorted(content.actors.values(), key=lambda a: a.id)],
        "topics": [TopicRow(id=t.id, name=text(t.name), description=text(t.description), url=t.page)
                   for t in sorted(content.topics.values(), key=lambda t: t.id)],
    }


def _csv(name: str, rows: list[dict[str, Any]]) -> str:
    # A table has no nested values: each translation is a column of its own (title_zh, summary_zh, ...).
    extra = [f"{field}_{lang}" for lang in i18n.TRANSLATIONS for field in TEXT_FIELDS[name]]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[f for f in ROWS[name].model_fields if f != "translations"] + extra,
                            lineterminator="\n")
    writer.writeheader()
    for row in rows:
        translated = {f"{field}_{lang}": value for lang, values in row["translations"].items()
                      for field, value in values.items()}
        # lists become space-separated ids; ids never contain spaces
        writer.writerow({**{k: " ".join(v) if isinstance(v, list) else v for k, v in row.items()
                            if k != "translations"}, **translated})
    return out.getvalue()


def translated_tables(site: Site) -> dict[str, list[Row]]:
    """The rows in English, each with its text in the other editions' languages where that differs."""
    with i18n.use(i18n.SOURCE_LANGUAGE):
        rows = tables(site)
    for lang in i18n.LANGUAGES:
        if lang == i18n.SOURCE_LANGUAGE:
            continue
        with i18n.use(lang):
            others = tables(site)
        for name, models in rows.items():
            for row, other in zip(models, others[name]):
                values = {field: getattr(other, field) for field in TEXT_FIELDS[name]
                          if getattr(other, field) and getattr(other, field) != getattr(row, field)}
                if values:
                    row.translations[lang] = values
    return rows


def downloads(site: Site) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    generated = _generated(site)
    for name, models in translated_tables(site).items():
        rows = [row.model_dump(mode="json") for row in models]
        document = {"schema_version": SCHEMA_VERSION, "generated": generated, "in_language": i18n.SOURCE_LANGUAGE,
                    name: rows}
        files[f"data/{name}.json"] = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
        files[f"data/{name}.csv"] = _csv(name, rows).encode()
        files[f"data/{name}.schema.json"] = (json.dumps(download_schema(name), indent=1, sort_keys=True) + "\n").encode()
    return files
