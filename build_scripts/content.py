"""Load every content file and validate it against its model, turning pydantic's errors into a
contributor's language. Every problem is collected, never raised, so a contributor sees all of them at once.
"""

from __future__ import annotations

import os
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .loader import Document, Problem, describe, did_you_mean, format_field, load
from .tracking import RecordsById
from .models import ID_PATTERN, RECORD_TYPES, Actor, Claim, Event, Guide, Record, Source, Term, Topic, Walkthrough


FOLDERS = tuple(t.folder for t in RECORD_TYPES)


@dataclass
class Content:
    """All valid records, by kind and id, with the documents they came from (for locating later errors)."""

    events: dict[str, Event] = field(default_factory=lambda: RecordsById("events"))
    claims: dict[str, Claim] = field(default_factory=lambda: RecordsById("claims"))
    sources: dict[str, Source] = field(default_factory=lambda: RecordsById("sources"))
    actors: dict[str, Actor] = field(default_factory=lambda: RecordsById("actors"))
    topics: dict[str, Topic] = field(default_factory=lambda: RecordsById("topics"))
    glossary: dict[str, Term] = field(default_factory=lambda: RecordsById("glossary"))
    guides: dict[str, Guide] = field(default_factory=lambda: RecordsById("guides"))
    walkthroughs: dict[str, Walkthrough] = field(default_factory=lambda: RecordsById("walkthroughs"))
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    invalid: set[tuple[str, str]] = field(default_factory=set)
    """Files that exist but failed validation: references to them are not reported a second time."""

    def of(self, record_type: type[Record]) -> dict[str, Any]:
        return getattr(self, record_type.folder)

    def of_folder(self, folder: str) -> dict[str, Any]:
        return getattr(self, folder)

    def document(self, record: Record) -> Document:
        return self.documents[(record.folder, record.id)]


# --------------------------------------------------------------------------------------------------------
# Turning pydantic's errors into a contributor's language


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc`, to list its fields in an error."""
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            return None
        annotation = info.annotation
        candidates = [annotation]
        while candidates:
            candidate = candidates.pop()
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                model = candidate
                break
            if isinstance(candidate, types.UnionType) or typing.get_origin(candidate) is not None:
                candidates.extend(typing.get_args(candidate))
        else:
            return None
    return model


def _message(doc: Document, model: type[Record], error: dict[str, Any]) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx", {})
    found = describe(doc.find(loc))
    if kind == "missing":
        parent = doc.find(loc[:-1])
        line, column = (parent.start_mark.line + 1, parent.start_mark.column + 1) if parent else (1, 1)
        return Problem(doc.path, line, column, format_field(loc), "required field is missing")
    if kind == "extra_forbidden":
        allowed = sorted((_model_at(model, loc[:-1]) or model).model_fields)
        hint = did_you_mean(str(loc[-1]), allowed)
        return doc.problem(loc, f"unknown field '{loc[-1]}'{hint}; expected one of: {', '.join(allowed)}",
                           key=True)
    if kind == "value_error":
        text = str(ctx.get("error", error["msg"]))
        if text.startswith("expected"):
            text += f", found {found}"
        return doc.problem(loc, text)
    if kind == "literal_error":
        return doc.problem(loc, f"expected one of {ctx['expected']}; found {found}")
    if kind == "bool_type":
        return doc.problem(loc, f"expected true or false, found {found}")
    if kind in ("list_type", "tuple_type"):
        return doc.problem(loc, f"expected a list, found {found}")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return doc.problem(loc, f"expected a mapping of fields, found {found}")
    if kind in ("string_too_long", "too_long"):
        unit = "characters" if isinstance(error.get("input"), str) else "items"
        return doc.problem(loc, f"is too long: at most {ctx['max_length']} {unit}")
    if kind == "too_short":
        count = ctx["min_length"]
        return doc.problem(loc, f"needs at least {count} item{'s' if count > 1 else ''}")
    return doc.problem(loc, f"{error['msg']}, found {found}")


# --------------------------------------------------------------------------------------------------------
# Loading


# What one file yields: its document and record (None when invalid) and its own problems.
FileResult = tuple[Document | None, Record | None, list[Problem]]


@dataclass
class Files:
    """The watcher's copy of the content folder, kept between rebuilds: each file as loaded, by path, with the
    (modification time, size) it was loaded at, and each folder's names as last listed. With `changed` (the
    (folder, name) pairs the system reported since) a rebuild looks at those files only; None means look at
    every file."""

    loaded: dict[str, tuple[tuple[int, int], FileResult]] = field(default_factory=dict)
    listed: dict[str, list[str]] = field(default_factory=dict)
    changed: set[tuple[str, str]] | None = None


# What `new` writes for a contributor to replace: every value containing TODO, and the placeholder address.
_PLACEHOLDER = re.compile(r"TODO|todo-|\.invalid\b")


def _placeholders(doc: Document) -> list[Problem]:
    """Values still holding a placeholder from `new`, found by walking the file's nodes (only when the file's
    text holds one at all: most do not, and the walk is the slow part)."""
    problems: list[Problem] = []
    if not _PLACEHOLDER.search(doc.source):
        return problems
    stack: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(doc.node, ())] if doc.node else []
    while stack:
        node, loc = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, (*loc, key.value)) for key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((value, (*loc, i)) for i, value in enumerate(node.value))
        elif isinstance(node, yaml.ScalarNode) and _PLACEHOLDER.search(str(node.value)):
            shown = " ".join(str(node.value).split())
            shown = shown if len(shown) <= 60 else shown[:59] + "…"
            problems.append(doc.problem(loc, f"still holds the placeholder '{shown}' written by `new`: "
                                             "replace it with the real value"))
    return problems


def _load_file(file: Path, display: str, record_type: type[Record]) -> FileResult:
    doc, problems = load(file, display)
    if doc is None:
        return None, None, problems
    file_id = file.stem
    given = doc.data.get("id")
    if isinstance(given, str) and given != file_id and re.fullmatch(ID_PATTERN, given):
        problems.append(doc.problem(("id",), f"id '{doc.data['id']}' does not match the file name; "
                                              f"expected '{file_id}'"))
    problems += _placeholders(doc)
    try:
        record = record_type.model_validate(doc.data)
    except ValidationError as error:
        return doc, None, problems + [_message(doc, record_type, e) for e in error.errors(include_url=False)]
    return doc, record, problems


def _listing(folder: Path) -> dict[str, os.DirEntry[str]]:
    """The folder's files by name (hidden ones and subfolders left out). os.scandir rather than
    Path.iterdir: at 60,000 files pathlib's objects cost seconds."""
    with os.scandir(folder) as entries:
        return {e.name: e for e in entries if not e.name.startswith(".") and not e.is_dir()}


def _stamp(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_mtime_ns, stat.st_size


def _names(folder: Path, known: list[str] | None, reported: set[str] | None) -> list[str]:
    """The folder's file names, in order: listed again, or the last listing (`known`) updated with the names
    the system reported changed."""
    if known is None or reported is None:
        return sorted(_listing(folder))
    names = set(known)
    for name in reported:
        names.discard(name)
        if not name.startswith(".") and os.path.isfile(folder / name):
            names.add(name)
    return sorted(names)


def _load_folder(root: Path, record_type: type[Record], content: Content, problems: list[Problem],
                 files: Files | None) -> None:
    folder = root / record_type.folder
    if not folder.is_dir():
        return
    records = content.of(record_type)
    shown = folder.relative_to(root.parent).as_posix()
    known = files.listed.get(record_type.folder) if files else None
    reported = {name for kind, name in files.changed if kind == record_type.folder} \
        if files is not None and files.changed is not None and known is not None else None
    names = _names(folder, known, reported)
    if files is not None:
        files.listed[record_type.folder] = names
    for name in names:
        display = f"{shown}/{name}"
        if not name.endswith(".yaml"):
            problems.append(Problem(display, 1, 1, "", "content files must end in .yaml"))
            continue
        path = f"{folder}/{name}"
        if files is None:
            doc, record, own = _load_file(Path(path), display, record_type)
        else:
            kept = files.loaded.get(path)
            if kept is None or reported is None or name in reported:
                stamp = _stamp(os.stat(path))
                if kept is None or kept[0] != stamp:
                    files.loaded[path] = kept = (stamp, _load_file(Path(path), display, record_type))
            doc, record, own = kept[1]
        problems.extend(own)
        stem = name.removesuffix(".yaml")
        if record is None:
            content.invalid.add((record_type.folder, stem))
        elif record.id == stem:
            records[record.id] = record
            content.documents[(record.folder, record.id)] = doc


def unreported(root: Path, files: Files) -> bool:
    """Whether any content file differs from the watcher's copy although the system reported nothing (a
    network file system may not report; a flood of changes may overflow the queue): the watcher looks when
    it is idle, and rebuilds looking at every file if so."""
    for record_type in RECORD_TYPES:
        folder = root / record_type.folder
        names = files.listed.get(record_type.folder)
        if not folder.is_dir():
            if names:
                return True
            continue
        found = _listing(folder)
        if names is None or sorted(found) != names:
            return True
        for name, entry in found.items():
            kept = files.loaded.get(f"{folder}/{name}")
            if name.endswith(".yaml") and (kept is None or kept[0] != _stamp(entry.stat())):
                return True
    return False


def load_all(root: Path, files: Files | None = None) -> tuple[Content, list[Problem]]:
    """Every file under `root` (the content folder), validated on its own."""
    content = Content()
    problems: list[Problem] = []
    for record_type in RECORD_TYPES:
        _load_folder(root, record_type, content, problems, files)
    if files is not None:
        if files.changed is None:  # every file was looked at: forget those that are gone
            present = {f"{root / folder}/{name}" for folder, names in files.listed.items() for name in names}
            files.loaded = {path: kept for path, kept in files.loaded.items() if path in present}
        else:
            for folder, name in files.changed:
                if name not in files.listed.get(folder, ()):
                    files.loaded.pop(f"{root / folder}/{name}", None)
        files.changed = set()  # from now on, only what the system reports changed is looked at again
    return content, problems
