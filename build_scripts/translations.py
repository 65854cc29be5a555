"""Which texts an edition still lacks: every text field without the edition's language, and every quote and
source title (kept in the source's own language) without a translation into it.

The fields are found from the models themselves (every `Text` field, at any depth), so a new field is
checked, and offered to translators by tools/translation.py, without a change here. `check` reports each
missing translation as a warning at its file:line:column; `check --require zh` makes them errors.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import values
from .content import Content
from .loader import Problem
from .models import Citation, Record, Source

# Text that stays in its source's language, and the field that holds our renderings of it.
ORIGINALS: dict[tuple[type, str], str] = {(Citation, "quote"): "translation", (Source, "title"): "title_translation"}
Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Field:
    """One translatable value of a record's data: a text field (`{en: ..., zh: ...}` or plain English), a
    glossary term's aliases (a list per language), or an original with its translations."""

    loc: Location
    kind: str  # "text", "aliases" or "original"
    value: Any
    translations: dict[str, str] | None = None
    citation_source: str | None = None  # for a quote: the source whose language it is in


def _is_text(annotation: Any) -> bool:
    if typing.get_origin(annotation) is typing.Annotated:
        return any(getattr(m, "func", None) is values._localized for m in annotation.__metadata__)
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and any(
        _is_text(a) for a in typing.get_args(annotation))


def _models(annotation: Any) -> list[type]:
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _models(a)]


def _item_of(annotation: Any) -> Any | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(candidate) is list:
            return typing.get_args(candidate)[0]
    return None


@functools.lru_cache(maxsize=None)
def _plan(model: type) -> tuple[tuple[str, str, Any, tuple[type, ...]], ...]:
    """Which of a model's fields hold translatable values, and how: worked out once per model (reading the
    annotations is most of the cost of a walk)."""
    plan = []
    for name, info in model.model_fields.items():
        annotation = info.rebuild_annotation()
        target = next((t for (m, f), t in ORIGINALS.items() if issubclass(model, m) and f == name), None)
        if target is not None:
            plan.append((name, "original", target, ()))
        elif name == "aliases":
            plan.append((name, "aliases", None, ()))
        elif _is_text(annotation):
            plan.append((name, "text", None, ()))
        elif (item := _item_of(annotation)) is not None:
            if _is_text(item) or _models(item):
                plan.append((name, "list", _is_text(item), tuple(_models(item))))
        elif _models(annotation):
            plan.append((name, "model", None, tuple(_models(annotation))))
    return tuple(plan)


def _get(data: Any, name: str) -> Any:
    return data.get(name) if isinstance(data, dict) else getattr(data, name, None)


def fields(model: type, data: Any, loc: Location = ()) -> Iterator[Field]:
    """The translatable values of a record, in file order: its YAML as read (a mapping) or the record."""
    if data is None or isinstance(data, (str, list, int, float)):
        return
    for name, kind, extra, models in _plan(model):
        value = _get(data, name)
        if value is None:
            continue
        where = (*loc, name)
        if kind == "original":
            yield Field(where, "original", value, _get(data, extra) or {}, _get(data, "source"))
        elif kind == "aliases":
            yield Field(where, "aliases", value if isinstance(value, dict) else {"en": value})
        elif kind == "text":
            yield Field(where, "text", value)
        elif kind == "list" and isinstance(value, list):
            for index, element in enumerate(value):
                if extra:
                    yield Field((*where, index), "text", element)
                for sub in models:
                    yield from fields(sub, element, (*where, index))
        elif kind == "model":
            for sub in models:
                yield from fields(sub, value, where)


def has(field: Field, lang: str, source_language: str | None) -> bool:
    """Whether the value is readable in `lang`: written in it, or an original in it or translated into it."""
    if field.kind == "original":
        return source_language == lang or lang in (field.translations or {})
    if field.kind == "aliases":
        return True  # a term may have no other names in a language
    return isinstance(field.value, dict) and lang in field.value or (isinstance(field.value, str) and lang == "en")


def missing(content: Content, record: Record, langs: list[str], required: frozenset[str]) -> list[Problem]:
    """One problem per value of the record without each of `langs`: an error for a language in `required`,
    else a warning."""
    problems: list[Problem] = []
    doc = content.document(record)
    own = getattr(record, "language", None)
    for field in fields(type(record), record):
        source = content.sources.get(field.citation_source or "")
        language = own if field.loc == ("title",) else (source.language if source else None)
        for lang in langs:
            if not has(field, lang, language):
                what = ("has no translation into" if field.kind == "original" else "has no text in")
                problems.append(doc.problem(field.loc, f"{what} '{lang}'",
                                            severity="error" if lang in required else "warning"))
    return problems


def summary(problems: list[Problem], langs: list[str]) -> list[str]:
    """How many values lack each language, for the end of `check`'s report."""
    lines = []
    for lang in langs:
        count = sum(1 for p in problems if p.message.endswith(f" '{lang}'") and p.message.startswith("has no "))
        if count:
            lines.append(f"{lang}: {count} text(s) without a translation (`check --require {lang}` makes them errors)")
    return lines
