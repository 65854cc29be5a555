"""Translating the record: work sheets out, translations in, and a guard that nothing else moved.

    python tools/translation.py export --lang zh FILE... > sheet.yaml   # every field still without zh
    python tools/translation.py apply sheet.yaml                        # write the filled-in sheet back
    python tools/translation.py guard [REV]                             # only translations changed since REV
    python tools/translation.py normalise FILE...                       # rewrite files in the house layout

A sheet lists, per file, each human-readable field (the models' `Text` fields, found from the models
themselves) with its English, and each quote or source title with its original and language: fill in `zh`
and apply. Text fields become `{en: ..., zh: ...}`; a quote's rendering goes into the citation's
`translation`, a title's into the source's `title_translation`: quotes and titles stay in their own language.
Apply rewrites the file in one layout (the header comment is kept) and checks that the file still holds the
same data plus the translations.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_scripts import translations, values  # noqa: E402
from build_scripts.models import RECORD_TYPES, Source  # noqa: E402

FOLDERS = {model.folder: model for model in RECORD_TYPES}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Loader(yaml.CSafeLoader):
    pass


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)


def load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def fields(model: type, data: Any, language: str | None = None) -> list[dict[str, Any]]:
    """The sheet rows of one record's data: path, English (or original and language), current Chinese."""
    rows: list[dict[str, Any]] = []
    for field in translations.fields(model, data):
        path = ".".join(str(part) for part in field.loc)
        value = field.value
        if field.kind == "original":
            lang = language if field.loc == ("title",) else _source_language(field.citation_source or "")
            into = "en" if lang == "zh" else "zh"  # a Chinese quote needs an English rendering instead
            rows.append({"path": path, "original": value, "language": lang,
                         into: (field.translations or {}).get(into, "")})
        elif field.kind == "aliases":
            rows.append({"path": path, "en": value.get("en", []), "zh": value.get("zh", [])})
        else:
            rows.append({"path": path, "en": value if isinstance(value, str) else value["en"],
                         "zh": "" if isinstance(value, str) else value.get("zh", "")})
    return rows


def _source_language(source: str) -> str | None:
    file = ROOT / "content" / "sources" / f"{source}.yaml"
    return load(file).get("language") if file.exists() else None


def model_of(path: Path) -> type:
    return FOLDERS[path.parent.name]


# ---------------------------------------------------------------------------------------------------------
# Writing


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)  # list items indented under their key, as the files have them


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _DATE.fullmatch(value):
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value)
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > 80:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    # A list of ids on one line, as the files write them; anything longer one item per line.
    ids = bool(value) and all(isinstance(v, str) and re.fullmatch(values.ID_PATTERN, v) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=ids)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def dump(path: Path, data: Any) -> None:
    header = "".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                     if line.startswith("#"))  # the schema comment at the top
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
    path.write_text(header.split("\n", 1)[0] + "\n" + body if header else body, encoding="utf-8")
    if load(path) != data:
        raise SystemExit(f"{path}: the rewritten file does not read back as the same data")


def _set(data: Any, path: str, entry: dict[str, Any]) -> None:
    parts = [int(p) if p.isdigit() else p for p in path.split(".")]
    *parents, last = parts
    node = data
    for part in parents:
        node = node[part]
    if "original" in entry:
        target = "translation" if last == "quote" else "title_translation"
        for lang in ("en", "zh"):
            if entry.get(lang) and lang != entry.get("language"):
                node[target] = {**(node.get(target) or {}), lang: entry[lang]}
        return
    zh = entry.get("zh")
    if not zh:
        return
    if last == "aliases":
        node[last] = {"en": entry["en"], "zh": zh} if entry["en"] else {"zh": zh}
    else:
        current = node[last]
        english = current if isinstance(current, str) else current["en"]
        node[last] = {**({} if isinstance(current, str) else current), "en": english, "zh": zh}


def apply(sheet: Path) -> int:
    for item in yaml.safe_load(sheet.read_text(encoding="utf-8")) or []:
        file = ROOT / item["file"]
        data = load(file)
        for entry in item["fields"]:
            _set(data, entry["path"], entry)
        dump(file, data)
    return 0


# ---------------------------------------------------------------------------------------------------------
# The guard: a translation pass may add `zh` and translations, and nothing else.


def _strip(data: Any) -> Any:
    if isinstance(data, dict):
        if set(data) <= {"en", "zh"} and "en" in data and isinstance(data["en"], str):
            return data["en"]
        if set(data) == {"en", "zh"} and isinstance(data["en"], list):  # aliases
            return data["en"]
        return {k: _strip(v) for k, v in data.items() if k not in ("translation", "title_translation")}
    if isinstance(data, list):
        return [_strip(v) for v in data]
    return data


def guard(rev: str) -> int:
    changed = subprocess.run(["git", "diff", "--name-only", rev, "--", "content"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    bad = 0
    for name in changed:
        file = ROOT / name
        if not file.exists():
            print(f"{name}: deleted", file=sys.stderr)
            bad += 1
            continue
        old = subprocess.run(["git", "show", f"{rev}:{name}"], cwd=ROOT, capture_output=True, text=True)
        if old.returncode != 0:
            print(f"{name}: new file", file=sys.stderr)
            bad += 1
            continue
        before = yaml.load(old.stdout, Loader=_Loader)
        if _strip(before) != _strip(load(file)):
            print(f"{name}: changed beyond adding translations", file=sys.stderr)
            bad += 1
    print(f"{len(changed)} files changed, {bad} with changes beyond translations")
    return 1 if bad else 0


def export(files: list[Path], lang: str, everything: bool) -> int:
    sheet = []
    for file in files:
        data = load(file)
        model = model_of(file)
        language = data.get("language") if model is Source else None
        rows = fields(model, data, language)
        if not everything:
            rows = [r for r in rows if not r.get("zh", r.get("en"))]
        if rows:
            where = file.resolve()
            sheet.append({"file": (where.relative_to(ROOT) if where.is_relative_to(ROOT) else where).as_posix(),
                          "fields": rows})
    yaml.dump(sheet, sys.stdout, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("export")
    ex.add_argument("--lang", default="zh")
    ex.add_argument("--all", action="store_true", help="list translated fields too (for review)")
    ex.add_argument("files", nargs="+", type=Path)
    sub.add_parser("apply").add_argument("sheet", type=Path)
    sub.add_parser("guard").add_argument("rev", nargs="?", default="HEAD")
    sub.add_parser("normalise").add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    if args.command == "export":
        return export(args.files, args.lang, args.all)
    if args.command == "apply":
        return apply(args.sheet)
    if args.command == "guard":
        return guard(args.rev)
    for file in args.files:
        dump(file, load(file))
    return 0


if __name__ == "__main__":
    sys.exit(main())
