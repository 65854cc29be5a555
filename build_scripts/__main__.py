"""Command line: `python -m build_scripts check|build|watch|new|schema`.

Exit status: 0 on success, 1 when the content has errors (each printed as file:line:column), 2 on a usage
error.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from pathlib import Path

from .build import build, checked
from .i18n import LANGUAGES
from .models import ID_PATTERN, RECORD_TYPES, PartialDate
from .render import environment
from .watch import watch

SCHEMAS = Path(__file__).parent.parent / "schemas"

ROOT = Path.cwd()


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
    commands.add_parser("watch", help="build, then rebuild whenever content or templates change")
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
        return 0 if checked(args.content, args.format, require=frozenset(args.require)) is not None else 1
    if args.command == "build":
        return 0 if build(args.content, args.docs, args.config, args.format, full=args.full,
                           require=frozenset(args.require)) else 1
    try:
        watch(args.content, args.docs, args.config)
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
