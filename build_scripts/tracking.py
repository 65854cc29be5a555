"""What a page reads while it is rendered: which records, which whole kinds of record, which index entries.

The incremental build re-renders a page only when something it read has changed since the last build. The
reads are recorded as the page renders, by the data structures themselves (the content's dicts, the site's
indexes and aggregates) and by the template environment, so a template or helper that starts reading more
is tracked without anyone declaring it.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

# One set of dependency keys per page being rendered; empty outside rendering (checks pay almost nothing).
_reading: list[set[str]] = []


def start() -> None:
    _reading.append(set())


def stop() -> frozenset[str]:
    return frozenset(_reading.pop())


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Work done for every page (planning, the downloads) is no single page's read."""
    saved = _reading[:]
    _reading.clear()
    try:
        yield
    finally:
        _reading.extend(saved)


def record(folder: str, record_id: str) -> None:
    """A page read one record: `r:events/2019-05-15-huawei-entity-list`."""
    if _reading:  # outside rendering (the checks) a lookup costs no string
        _reading[-1].add(f"r:{folder}/{record_id}")


def kind(name: str) -> None:
    """A page read a whole kind of record (it listed, counted or searched them all): `k:events`."""
    if _reading:
        _reading[-1].add(f"k:{name}")


def lookup(index: str, key: Any) -> None:
    """A page read one entry of an index (who cites this source): `l:cited_by/<id>`."""
    if _reading:
        _reading[-1].add(f"l:{index}/{key}")


def read(key: str) -> None:
    """A read named in full: `r:`, `k:`, `l:` or `a:` and what was read (the plan hands a page some)."""
    if _reading:
        _reading[-1].add(key)


def aggregate(name: str) -> None:
    """A page read something worked out from many records (the chart, the counts): `a:chart`."""
    read(f"a:{name}")


class RecordsById(dict):  # type: ignore[type-arg]
    """The records of one kind, by id, reporting every read to the page being rendered."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def __getitem__(self, key: str) -> Any:
        record(self.name, key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        record(self.name, key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        record(self.name, str(key))
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        kind(self.name)
        return super().__iter__()

    def __len__(self) -> int:
        kind(self.name)
        return super().__len__()

    def values(self) -> Any:
        kind(self.name)
        return super().values()

    def items(self) -> Any:
        kind(self.name)
        return super().items()

    def keys(self) -> Any:
        kind(self.name)
        return super().keys()


class Index(defaultdict):  # type: ignore[type-arg]
    """An index of the site (id -> records), reporting each entry a page reads."""

    def __init__(self, name: str) -> None:
        super().__init__(list)
        self.name = name

    def __getitem__(self, key: Any) -> Any:
        lookup(self.name, key)
        return super().__getitem__(key)

    def peek(self, key: Any) -> Any:
        """An entry without reporting it: for working out whether it changed."""
        return dict.get(self, key, [])
