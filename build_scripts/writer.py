"""Writing the generated files into docs/: only those whose bytes changed, each atomically, and removing the
generated files that no longer have a page. Everything else under docs/ is hand-written and never touched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from collections.abc import Collection
from pathlib import Path

# The generator owns these paths under docs/; everything else there is hand-written and never touched.
OWNED_FOLDERS = ("events", "claims", "sources", "actors", "topics", "guides", "walkthroughs", "timeline", "data",
                 "feeds", "zh")
# Inside the Chinese edition's folder, what `make offline` puts there (the iframe-worker shim), as it does in docs/.
HAND_WRITTEN = "zh/assets"
OWNED_FILES = ("index.md", "methodology.md", "corrections.md", "glossary.md", "data.md", "robots.txt")


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def write(pages: dict[str, bytes], docs: Path, prune: bool = True, keep: Collection[str] = ()) -> WriteReport:
    """Write pages whose bytes changed (atomically, one by one) and, when `pages` and `keep` (the files an
    incremental build left as they were) are the whole site (`prune`), remove generated files that are stale."""
    report = WriteReport()
    for path, data in sorted(pages.items()):
        target = docs / path
        try:
            if target.read_bytes() == data:
                report.unchanged += 1
                continue
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        report.written.append(path)
    if not prune:
        return report
    owned = [name for name in OWNED_FILES if (docs / name).exists()]
    for folder in OWNED_FOLDERS:  # os.walk: a thirtieth of Path.rglob's time over 60,000 files
        for where, _, files in os.walk(docs / folder):
            base = Path(where).relative_to(docs).as_posix()
            if base == HAND_WRITTEN or base.startswith(f"{HAND_WRITTEN}/"):
                continue
            owned += [f"{base}/{name}" for name in files]
    for path in owned:
        if path not in pages and path not in keep:
            (docs / path).unlink()
            report.removed.append(path)
    return report
