"""Command line: `python -m build_scripts check|build|watch|new|schema`.

Exit status: 0 on success, 1 when the content has errors (each printed as file:line:column), 2 on a usage
error.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from . import buildcache, translations
from .i18n import LANGUAGES, TRANSLATIONS
from .checks import check
from .content import Cache, Content
from .loader import Problem
from .models import ID_PATTERN, RECORD_TYPES, PartialDate
from .pages import render_extras, render_pages
from .render import environment
from .writer import write
from .settings import Settings

SCHEMAS = Path(__file__).parent.parent / "schemas"
# What the last build read and wrote, beside the content folder: safe to delete (the next build is then full).
CACHE = Path(".cache") / "generate.json"

ROOT = Path.cwd()


def _report(problems: list[Problem], output_format: str) -> None:
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


def _checked(content_dir: Path, output_format: str, cache: Cache | None = None,
             require: frozenset[str] = frozenset()) -> Content | None:
    with _collector_paused():
        content, problems = check(content_dir, cache=cache, require=require)
    _report(problems, output_format)
    for line in translations.summary(problems, TRANSLATIONS):
        print(line, file=sys.stderr)
    return None if any(p.is_error for p in problems) else content


def _build(content_dir: Path, docs_dir: Path, config: Path, output_format: str = "text",
           cache: Cache | None = None, full: bool = False, require: frozenset[str] = frozenset()) -> bool:
    """Check, then render the pages whose reads changed since the last build (all of them with `full`, or
    when the last build's cache is missing or from another generator) and write those whose bytes changed."""
    content = _checked(content_dir, output_format, cache, require)
    if content is None:
        print("nothing was written: fix the errors above first", file=sys.stderr)
        return False
    settings = Settings.read(config)
    cache_file = content_dir.parent / CACHE
    with _collector_paused():
        previous = None if full else buildcache.load(cache_file, buildcache.generator_version(settings))
        output = render_pages(content, settings, previous, docs_dir)
        first = write(output, docs_dir, prune=False)  # the pages first: a preview shows an edit at once
        print(f"pages written: {len(first.written)}", file=sys.stderr, flush=True)
        extras = render_extras(output)
        report = write(extras, docs_dir, keep=output.kept | set(output))  # then the rest, and remove stale files
        report.written, report.unchanged = first.written + report.written, first.unchanged + report.unchanged
        output.update(extras)
        buildcache.record_stats(output.cache, docs_dir)
        if output or report.removed or previous is None or output.cache.signatures != previous.signatures:
            buildcache.save(cache_file, output.cache, previous)  # a build that changed nothing leaves it as it was
    if len(report.written) + len(report.removed) <= 100:  # name the pages an edit touched; skip first builds
        for path in report.written:
            print(f"wrote {path}", file=sys.stderr)
        for path in report.removed:
            print(f"removed {path}", file=sys.stderr)
    print(f"generated {len(report.written)} page(s), removed {len(report.removed)}, "
          f"{report.unchanged + len(output.kept)} unchanged ({len(output) - len(report.written) - report.unchanged} "
          f"rendered again with the same bytes, {len(output.kept)} not rendered)", file=sys.stderr)
    return True


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {file: file.stat().st_mtime_ns for folder in folders for file in folder.rglob("*") if file.is_file()}


def _watch(content_dir: Path, docs_dir: Path, config: Path, interval: float) -> None:
    """Regenerate whenever a content file or a template changes. Polling keeps it dependency-free and
    works the same on every file system; `mkdocs serve` then sees only the pages that changed. Parsed files
    are kept between rebuilds, and each rebuild renders only the pages that read what changed."""
    watched = [content_dir, Path(__file__).parent / "templates", buildcache.LOCALE]
    cache: Cache = {}
    last = _snapshot(watched)
    _build(content_dir, docs_dir, config, cache=cache)
    while True:
        time.sleep(interval)
        now = _snapshot(watched)
        if now != last:
            last = now
            _build(content_dir, docs_dir, config, cache=cache)


def schemas() -> dict[str, str]:
    """The editor JSON Schema of every record type, generated from the models (never written by hand)."""
    return {f"{t.record_type}.schema.json": json.dumps(t.model_json_schema(), indent=2, sort_keys=True) + "\n"
            for t in RECORD_TYPES}


def _new(kind: str, record_id: str, content_dir: Path) -> int:
    if not re.fullmatch(ID_PATTERN, record_id):
        print(f"'{record_id}' is not a valid id: use lower-case letters, digits and single hyphens",
              file=sys.stderr)
        return 2
    record_type = next(t for t in RECORD_TYPES if t.record_type == kind)
    target = content_dir / record_type.folder / f"{record_id}.yaml"
    if target.exists():
        print(f"{target} already exists; nothing was written", file=sys.stderr)
        return 1
    today = datetime.date.today().isoformat()
    # An id that starts with a date (2026-05-14-some-event) names the event's day: start from that, not today.
    dated = re.match(r"\d{4}-\d{2}-\d{2}(?=-|$)", record_id)
    try:
        date = PartialDate.parse(dated.group()).iso() if dated else today
    except ValueError as error:
        print(f"'{record_id}' starts with a date that does not exist: {error}", file=sys.stderr)
        return 2
    text = environment().get_template(f"new/{kind}.yaml.j2").render(id=record_id, today=today, date=date)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x") as file:  # "x": never overwrite, even if the file appeared a moment ago
        file.write(text)
    print(f"wrote {target}: fill in every TODO, then run `make check`", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="content folder (default: content)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="docs folder (default: docs)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml",
                        help="site settings: site_name, site_url, repo_url, edit_uri (default: mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate all content and print every error")
    check_cmd.add_argument("--format", choices=("text", "github"), default="text",
                           help="github prints GitHub Actions annotations")
    build_cmd = commands.add_parser("build", help="check, then generate the Markdown pages under docs/")
    build_cmd.add_argument("--format", choices=("text", "github"), default="text")
    for command in (check_cmd, build_cmd):
        command.add_argument("--require", action="append", default=[], choices=LANGUAGES, metavar="LANG",
                             help="treat a text without this language (zh) as an error, not a warning")
    build_cmd.add_argument("--full", action="store_true",
                           help="render every page, ignoring what the last build left in .cache/")
    watch_cmd = commands.add_parser("watch", help="build, then rebuild whenever content or templates change")
    watch_cmd.add_argument("--interval", type=float, default=0.3)
    new_cmd = commands.add_parser("new", help="write a skeleton record with the right file name")
    new_cmd.add_argument("kind", choices=[t.record_type for t in RECORD_TYPES])
    new_cmd.add_argument("id", help="the new record's id, which is also its file name")
    schema_cmd = commands.add_parser("schema", help="write the editor JSON Schema files into schemas/")
    schema_cmd.add_argument("--out", type=Path, default=SCHEMAS)
    args = parser.parse_args(argv)

    if args.command == "new":
        return _new(args.kind, args.id, args.content)
    if args.command == "schema":
        args.out.mkdir(exist_ok=True)
        for name, text in schemas().items():
            (args.out / name).write_text(text)
        return 0

    if args.command == "check":
        return 0 if _checked(args.content, args.format, require=frozenset(args.require)) is not None else 1
    if args.command == "build":
        return 0 if _build(args.content, args.docs, args.config, args.format, full=args.full,
                           require=frozenset(args.require)) else 1
    try:
        _watch(args.content, args.docs, args.config, args.interval)
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
