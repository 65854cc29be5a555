"""One run of the generator: check, then render and write what changed, reporting as a contributor reads it.

A one-off `check` or `build` starts from nothing but the last build's cache on disk. The watcher passes a
`Session`, which keeps between its rebuilds what a rebuild would otherwise work out again for every record:
the loaded files, each record's own problems, and the last build's cache, in memory.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import buildcache, translations
from .buildcache import BuildCache
from .checks import Memo, check
from .content import Content
from .indexes import Site
from .i18n import TRANSLATIONS
from .loader import Problem
from .pages import render_altered, render_extras, render_pages
from .settings import Settings
from .writer import write

# What the last build read and wrote, beside the content folder: safe to delete (the next build is then full).
CACHE = Path(".cache") / "generate.json"


@dataclass
class Session:
    """What the watcher keeps from one rebuild to the next."""

    memo: Memo = field(default_factory=Memo)
    previous: BuildCache | None = None  # the last build's cache, as saving and loading it would give it back
    site: Site | None = None  # the last build's records and indexes, to tell which index entries changed
    unsaved: bool = False  # `previous` is newer than the file on disk


def report(problems: list[Problem], output_format: str) -> None:
    for problem in problems:
        if output_format == "github":
            # GitHub Actions shows these on the pull request's diff, at the line
            message = f"{problem.field}: {problem.message}" if problem.field else problem.message
            print(f"::{problem.severity} file={problem.path},line={problem.line},col={problem.column}::{message}")
        else:
            print(problem)
    for severity in ("error", "warning"):
        found = [p for p in problems if p.severity == severity]
        if found:
            print(f"{len(found)} {severity}(s) in {len({p.path for p in found})} file(s)", file=sys.stderr)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The checks keep every file's node tree (for error positions) and the pages are built in memory:
    hundreds of thousands of live objects that Python's cycle collector would scan again and again while
    they grow (about 40 % of `check`). Nothing made here forms garbage cycles that matter, so it waits."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def checked(content_dir: Path, output_format: str, memo: Memo | None = None,
            require: frozenset[str] = frozenset()) -> Content | None:
    with _collector_paused():
        content, problems = check(content_dir, memo=memo, require=require)
    report(problems, output_format)
    for line in translations.summary(problems, TRANSLATIONS):
        print(line, file=sys.stderr)
    return None if any(p.is_error for p in problems) else content


def build(content_dir: Path, docs_dir: Path, config: Path, output_format: str = "text",
          session: Session | None = None, full: bool = False, require: frozenset[str] = frozenset()) -> bool:
    """Check, then render the pages whose reads changed since the last build (all of them with `full`, or
    when the last build's cache is missing or from another generator) and write those whose bytes changed."""
    content = checked(content_dir, output_format, session.memo if session else None, require)
    if content is None:
        print("nothing was written: fix the errors above first", file=sys.stderr)
        return False
    settings = Settings.read(config)
    cache_file = content_dir.parent / CACHE
    with _collector_paused():
        version = buildcache.generator_version(settings)
        if full:
            previous = None
        elif session and session.previous and session.previous.version == version:
            previous = session.previous
        else:
            previous = buildcache.load(cache_file, version)
        earlier = session.site if session and previous is session.previous else None
        output = render_pages(content, settings, previous, docs_dir, earlier)
        first = write(output, docs_dir, prune=False)  # the pages first: a preview shows an edit at once
        print(f"pages written: {len(first.written)}", file=sys.stderr, flush=True)
        rest = render_altered(output)  # then pages changed by hand, the downloads and feeds; remove stale files
        rest.update(render_extras(output))
        written = write(rest, docs_dir, keep=output.kept | set(output))
        written.written, written.unchanged = first.written + written.written, first.unchanged + written.unchanged
        output.update(rest)
        buildcache.record_stats(output.cache, docs_dir)
        changed = bool(output or written.removed or previous is None
                       or output.cache.signatures != previous.signatures)
        if session is not None:  # the watcher saves when it is idle (see watch.py), not after every edit
            session.previous, session.site, session.unsaved = output.cache, output.site, session.unsaved or changed
        elif changed:  # a build that changed nothing leaves the cache as it was
            buildcache.save(cache_file, output.cache)
    if len(written.written) + len(written.removed) <= 100:  # name the pages an edit touched; skip first builds
        for path in written.written:
            print(f"wrote {path}", file=sys.stderr)
        for path in written.removed:
            print(f"removed {path}", file=sys.stderr)
    print(f"generated {len(written.written)} page(s), removed {len(written.removed)}, "
          f"{written.unchanged + len(output.kept)} unchanged ({len(output) - len(written.written) - written.unchanged} "
          f"rendered again with the same bytes, {len(output.kept)} not rendered)", file=sys.stderr)
    return True


def save(content_dir: Path, session: Session) -> None:
    """Write the session's cache to disk if it is newer, so that the next `make build` starts from it."""
    if session.unsaved and session.previous is not None:
        buildcache.save(content_dir.parent / CACHE, session.previous)
        session.unsaved = False
