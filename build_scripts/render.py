"""Rendering: the Jinja2 environment with its filters, and the renderer that turns the page plan into bytes,
in parallel for large builds. Presentation lives in the templates; these filters only shape text.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import jinja2
from markupsafe import Markup, escape

from . import i18n, indexes, tracking
from .i18n import gettext
from .listings import Listing, by_publisher, first_letter
from .models import LANES, VERDICTS, PartialDate, Record, inner_quotes, text
from .prose import plain

TEMPLATES = Path(__file__).parent / "templates"


def show_date(value: PartialDate, *, short: bool = False, approximate: bool = False) -> str:
    """`15 May 2019`, `May 2019`, `2019`, `c. 2020` (2019年5月15日, 2019年5月, 2019年, 约2020年); `short`
    gives `Oct 2022` for use in ranges. Babel writes each at its precision in the page's language."""
    precision = f"{value.precision}-short" if short and value.month else value.precision
    shown = i18n.date_text(value.year, value.month, value.day, precision)
    return gettext("c. %(date)s") % {"date": shown} if approximate else shown


def show_span(start: PartialDate, end: PartialDate | None, approximate: bool = False) -> str:
    if end is None or end == start:
        return show_date(start, approximate=approximate)
    return gettext("%(start)s – %(end)s") % {"start": show_date(start, short=True, approximate=approximate),
                                              "end": show_date(end, short=True)}


class Fallback(str):
    """A field shown in English on a page in another language because its translation is missing: marked
    `lang="en"` where it is written into the page, so that a screen reader switches voice. Any further
    filter (front matter, attributes) gets plain text."""

    def __html__(self) -> str:
        return f'<span lang="{i18n.SOURCE_LANGUAGE}">{escape(str(self))}</span>'


def localized(value: dict[str, str] | str | None, mark: bool = True) -> str:
    """The `t` filter: a text field in the page's language, or marked English where that is missing."""
    lang = i18n.current()
    shown = text(value, lang)
    if mark and isinstance(value, dict) and lang not in value:
        return Fallback(shown)
    return shown


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def markdown_heading(value: str) -> str:
    """Text for a Markdown heading line: Markdown's punctuation escaped, so a term stays text."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(value.split()))


def front_matter_text(value: str) -> Markup:
    """A front-matter value that the theme prints without escaping (the page title, the meta description),
    as a quoted YAML scalar. HTML-escaped so the theme's raw output is safe; angle brackets become
    look-alikes because the theme also un-escapes the title into `<title>`, where `</title>` would end it."""
    safe = value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "‹").replace(">", "›")
    return Markup(json.dumps(" ".join(safe.split())))  # a JSON string is a valid YAML double-quoted scalar




class _Environment(jinja2.Environment):
    """Every attribute a template reads of a record or a listing is reported as a read of the page
    being rendered (tracking.py): the template's own accesses, macros included."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        _touch(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _touch(obj, argument)
        return super().getitem(obj, argument)


def _touch(obj: Any, name: Any) -> None:
    # A record's id is not its content: whatever handed the page the record (an index entry, a listing, the
    # chart) was read, and its signature names the records it holds. So the chart, which names every event
    # by id, is not a read of every event.
    if isinstance(obj, Record) and name != "id":
        tracking.record(obj.folder, obj.id)
    elif isinstance(obj, Listing):
        tracking.lookup("listing", obj.key)


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """One environment per process: the watcher's rebuilds reuse its compiled templates (Jinja recompiles a
    template whose file changed)."""
    env = _Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every content string is text: it can never add markup to a page
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(t=localized, date=show_date, publisher=i18n.publisher, fm=front_matter_text, plain=plain, inner_quotes=inner_quotes,
                       heading=markdown_heading, first_letter=first_letter,
                       by_publisher=by_publisher)
    env.tests["dated"] = lambda name, record: getattr(record, name, None) is not None
    env.globals.update(span=show_span, VERDICTS=VERDICTS, LANES=LANES, month_heading=lambda year, month: i18n.date_text(year, month, 1, "month"), lang=i18n.current,
                       LIMITS=indexes)  # the page limits, read when a page renders (tests change them)
    return env


def own_template(lang: str, template: str) -> str:
    """The template a page of an edition is drawn from: one written whole in its language, under
    templates/<lang>/, where there is one (methodology, say); else the shared one, translated by the catalogs."""
    own = f"{lang}/{template}"
    return own if lang != i18n.SOURCE_LANGUAGE and (TEMPLATES / own).exists() else template


class Edition(Protocol):
    """What the pages of one edition share (pages.py): its language, and each page's context, made only
    when the page is rendered."""

    lang: str

    def context(self, job: Job) -> dict[str, Any]: ...


@dataclass(slots=True)
class Job:
    """One page to render. The plan makes one for every page of the site on every rebuild (120,000 at
    10,000 events), most of which are kept as they are, so a job holds only what says which page it is; its
    edition makes the context of the few that are rendered."""

    path: str  # under docs/
    template: str
    edition: Edition
    record: Record | None = None  # the page's own record: always one of its reads
    context: dict[str, Any] | None = None  # what a listing page shows besides its edition's (its records, its pager)
    reads: tuple[str, ...] = ()  # what the plan handed it: always among its reads (the pages a pager links to)


Rendered = dict[str, tuple[bytes, frozenset[str]]]  # path -> (bytes, what the page read)


# Rendering is most of generation and every page is independent, so large builds use every core: forked
# workers inherit the jobs (nothing is pickled on the way in) and send back bytes and reads. Small builds,
# such as the tests' and one edit's, stay in this process, where starting workers would cost more.
PARALLEL_FROM = 2000
_jobs: list[Job] = []
_env: jinja2.Environment | None = None


def _render_one(job: Job) -> tuple[str, bytes, frozenset[str]]:
    assert _env is not None
    tracking.start()
    try:
        lang = job.edition.lang
        with i18n.use(lang):
            if job.record is not None:
                tracking.record(job.record.folder, job.record.id)
            for read in job.reads:
                tracking.read(read)
            data = _env.get_template(own_template(lang, job.template)).render(job.edition.context(job)).encode()
    finally:
        reads = tracking.stop()
    return job.path, data, reads


def _render_slice(part: tuple[int, int]) -> list[tuple[str, bytes, frozenset[str]]]:
    return [_render_one(job) for job in _jobs[part[0]::part[1]]]


def render_all(env: jinja2.Environment, jobs: list[Job]) -> Rendered:
    global _jobs, _env
    workers = min(os.cpu_count() or 1, 8)
    _jobs, _env = jobs, env
    try:
        if len(jobs) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            parts = [_render_slice((0, 1))]
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_render_slice, [(i, workers) for i in range(workers)])
        return {path: (data, reads) for part in parts for path, data, reads in part}
    finally:
        _jobs, _env = [], None
