"""What the last build produced and read, kept between builds so that the next one re-renders only pages
whose reads changed.

The cache lives outside `content/` (in `.cache/`, git-ignored) and is safe to delete. It is never trusted
blindly: a different generator (any change to build_scripts/, templates included) or different settings
make it void, an unreadable or malformed file is ignored, and a page whose file on disk is not the one the
last build wrote is rendered again. Each of those means a full build, which is always correct.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import i18n
from .content import FOLDERS
from .indexes import Site
from .listings import Listing
from .loader import digest

FORMAT = 1
PACKAGE = Path(__file__).parent


LOCALE = PACKAGE.parent / "locale"


def generator_version(settings: Any) -> str:
    """Every file of the generator and its templates, the interface's catalogs and the term base (locale/),
    and the settings: any change voids the cache."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".j2"))
    files += sorted(p for p in LOCALE.rglob("*") if p.is_file() and p.suffix in (".po", ".yaml"))
    parts = [f"{p.relative_to(PACKAGE.parent)}\0".encode() + p.read_bytes() for p in files]
    return digest(b"\0".join(parts) + repr(settings).encode() + str(FORMAT).encode())


@dataclass
class PageEntry:
    reads: list[int]  # what the page read, as numbers in its cache's table of names (see BuildCache.keys)
    stat: tuple[int, int]  # (size, mtime_ns) of the file the build wrote or kept


@dataclass
class BuildCache:
    version: str
    signatures: dict[str, str] = field(default_factory=dict)  # read -> its signature at that build
    pages: dict[str, PageEntry] = field(default_factory=dict)
    extras: str = ""  # the signature of the files that depend on everything (downloads, feeds)
    extra_paths: list[str] = field(default_factory=list)
    # The names that pages' reads are numbers into. Numbers rather than names: 60,000 pages' reads cost little
    # to load and to compare, and a page kept from the last build keeps its list as it is. The table only
    # grows while a watcher runs; saving writes the names still in use, in order.
    keys: list[str] = field(default_factory=list)
    _numbers: dict[str, int] = field(default_factory=dict, repr=False)

    def names(self, entry: PageEntry) -> list[str]:
        return [self.keys[i] for i in entry.reads]

    def number(self, name: str) -> int:
        """A read's number in the table, adding it if it is new."""
        if len(self._numbers) != len(self.keys):
            self._numbers = {k: i for i, k in enumerate(self.keys)}
        found = self._numbers.get(name)
        if found is None:
            found = self._numbers[name] = len(self.keys)
            self.keys.append(name)
        return found

    def numbers(self, reads: set[str]) -> set[int]:
        """The table numbers of some reads, to test entries against them."""
        return {self.number(r) for r in reads}

    def successor(self) -> BuildCache:
        """An empty cache for the next build sharing this one's table, so kept pages' numbers stay valid."""
        return BuildCache(self.version, keys=self.keys, _numbers=self._numbers)


def load(path: Path, version: str) -> BuildCache | None:
    """The previous build's cache, or None when there is none, it cannot be read, or it is another version."""
    try:
        data = json.loads(path.read_text())
        if data.get("format") != FORMAT or data.get("version") != version:
            return None
        keys: list[str] = data["keys"]
        pages = {p: PageEntry(entry[0], (int(entry[1]), int(entry[2]))) for p, entry in data["pages"].items()}
        if any(e.reads and (min(e.reads) < 0 or max(e.reads) >= len(keys)) for e in pages.values()):
            return None  # a read that names nothing in the table
        return BuildCache(version, dict(zip(keys, data["signatures"], strict=True)), pages, str(data["extras"]),
                          list(data["extra_paths"]), keys)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def save(path: Path, cache: BuildCache) -> None:
    """Write the cache, its table holding only the names that some page still reads."""
    keys = sorted(cache.signatures)
    number = {k: i for i, k in enumerate(keys)}
    renumber = [number.get(k, -1) for k in cache.keys]
    data = {"format": FORMAT, "version": cache.version, "keys": keys,
            "signatures": [cache.signatures[k] for k in keys],
            "pages": {p: [[renumber[i] for i in e.reads], *e.stat] for p, e in sorted(cache.pages.items())},
            "extras": cache.extras, "extra_paths": cache.extra_paths}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(data, separators=(",", ":")))
    os.replace(temporary, path)


def record_stats(cache: BuildCache, docs: Path) -> None:
    """After writing: the size and time of each page's file, so the next build can tell it is untouched."""
    for path, entry in cache.pages.items():
        if entry.stat == (0, 0):
            entry.stat = file_stat(docs / path) or (0, 0)


def file_stat(path: Path | str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


class Signatures:
    """The current signature of each kind of read: a record's file, a whole kind, an index entry, a listing,
    an aggregate."""

    def __init__(self, site: Site, listings: dict[str, Listing], previous: BuildCache | None = None,
                 earlier: Site | None = None) -> None:
        self.site = site
        self.listings = listings
        # Every record's signature at once, from its file's fingerprint (worked out once per loaded file):
        # most reads are of one record, and comparing them all is what a rebuild with one edit costs most.
        self._records = {f"r:{folder}/{record_id}": doc.fingerprint
                         for (folder, record_id), doc in site.content.documents.items()}
        self._kinds: dict[str, str] = {}
        self._seen = dict(self._records)
        self.computed = 0  # how many reads were worked out rather than looked up or kept
        # The watcher keeps the last build's site, whose unchanged records are the very objects of this one: an
        # index entry that lists the same objects as then has the signature it had. At 10,000 events that
        # spares working out some 70,000 of them after one edit; comparing the indexes is cheaper still.
        self._previous = previous.signatures if previous is not None and earlier is not None else {}
        self._altered = self._altered_entries(earlier) if self._previous and earlier is not None else None

    def _altered_entries(self, earlier: Site) -> set[str]:
        """The index entries (as reads) that list other records than in the earlier site. Lists compare in C,
        each item by identity first (the unchanged records are the very same objects), else by value, and
        equal records have equal ids, which is all an entry's signature is made of."""
        altered = set()
        for name in self.site.INDEXES:
            now, then = getattr(self.site, name), getattr(earlier, name)
            altered.update(f"l:{name}/{key}" for key in now.keys() | then.keys() if now.get(key) != then.get(key))
        return altered

    def _kept(self, read: str) -> bool:
        """Whether an index entry's read lists the same objects as in the kept site: its signature is the last
        build's."""
        return self._altered is not None and read not in self._altered and read in self._previous

    def record(self, folder: str, record_id: str) -> str:
        return self._records.get(f"r:{folder}/{record_id}", "-")  # "-": no such record (deleted or renamed)

    def kind(self, name: str) -> str:
        if name not in self._kinds:
            records = dict.keys(self.site.content.of_folder(name))
            self._kinds[name] = digest("\n".join(f"{i}:{self.record(name, i)}" for i in sorted(records)).encode())
        return self._kinds[name]

    def __call__(self, read: str) -> str:
        if read in self._seen:
            return self._seen[read]
        self._seen[read] = value = self._compute(read)
        return value

    def _compute(self, read: str) -> str:
        what, _, rest = read.partition(":")
        if what == "r":
            return self._records.get(read, "-")
        if what == "k":
            return self.kind(rest)
        index, _, key = rest.partition("/")
        if what == "a":  # the listings of a folder (which pages a pager links to), or an aggregate of the site
            names = [k for k, listing in self.listings.items() if listing.folder == key] if index == "listings" \
                else [self.site.aggregate(rest)]
            return digest("\n".join(names).encode())
        if index == "listing":
            listing = self.listings.get(key)
            if listing is None:
                return "-"
            return digest("\n".join([*self.labels(listing), *(i.id for i in listing.items)]).encode())
        if self._kept(read):
            return self._previous[read]
        entries = getattr(self.site, index).peek(key)
        self.computed += 1
        return digest("\n".join(f"{r.folder}/{r.id}" for r in entries).encode())

    @staticmethod
    def labels(listing: Listing) -> list[str]:
        """A listing's heading in every edition: one edition's can change alone (a name in Chinese only)."""
        labels = []
        for lang in i18n.LANGUAGES:
            with i18n.use(lang):
                labels.append(listing.label)
        return labels

    def everything(self) -> str:
        return digest("".join(self.kind(name) for name in FOLDERS).encode())

    def of(self, reads: Iterable[str]) -> dict[str, str]:
        return {read: self(read) for read in reads}

    def differing(self, previous: dict[str, str]) -> set[str]:
        """The reads whose signature differs from `previous` (the last build's signatures). Most reads are of
        one record, whose signatures are all known already: those are compared in one pass of set arithmetic
        (in C; one by one, it was the largest cost of a rebuild at 10,000 events). An index entry that lists
        the same objects as in the kept site is passed over; the rest are worked out."""
        records, differing = self._records, set()
        for read, old in previous.items() - records.items():
            if read in records:  # a record whose file changed
                differing.add(read)
            elif not (read.startswith("l:") and self._kept(read)) and self(read) != old:
                differing.add(read)
        return differing
