"""The watcher behind `make serve`: build, then rebuild whenever a content file, a template or a catalog changes.

The system tells it what changed (watchdog: inotify on Linux, FSEvents on macOS, the same library `mkdocs
serve` uses) instead of it polling 60,000 files, so a save starts a rebuild at once, and a rebuild costs about
what the edit touched: the session (build.py) keeps the loaded files, the records' own checks and the last
build's cache between rebuilds. The cache is written to disk when the watcher has been idle for a moment and
when it stops, not after every save.
"""

from __future__ import annotations

import gc
import signal
import sys
import threading
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from . import buildcache
from .build import Session, build, save
from .content import Files, unreported

TEMPLATES = Path(__file__).parent / "templates"
# After the first event, wait this long for the rest of a save (editors write a temporary file, then rename it).
SETTLE = 0.05
# Idle this long after a rebuild, then write the cache to disk.
SAVE_AFTER = 2.0


class _Changed(FileSystemEventHandler):
    """The paths the system reports changed since the last `take`."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._lock = threading.Lock()
        self._paths: set[str] = set()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):  # reading a file changes nothing
            return
        if event.is_directory and event.event_type == "modified":
            return  # a file in it was added, changed or removed: that file's own event says which
        with self._lock:
            self._paths.add(str(event.src_path))
            if event.dest_path:  # a rename: both names changed
                self._paths.add(str(event.dest_path))
        self.event.set()

    def take(self) -> list[str]:
        with self._lock:
            paths, self._paths = sorted(self._paths), set()
        return paths


def _report(paths: list[str], root: Path, files: Files) -> None:
    """Tell the session's copy of the content which files to look at again: (folder, name) for a file in a
    record folder; a change to a folder itself means looking at every file."""
    for path in paths:
        try:
            parts = Path(path).relative_to(root).parts
        except ValueError:
            continue  # a template or a catalog
        if len(parts) < 2:
            files.changed = None
        elif len(parts) == 2 and files.changed is not None:
            files.changed.add((parts[0], parts[1]))


def watch(content_dir: Path, docs_dir: Path, config: Path) -> None:
    # `make serve` stops the watcher with SIGTERM: leave through `finally`, which saves the cache.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    session = Session()
    changed = _Changed()
    observer = Observer()
    root = content_dir.resolve()
    for folder in (root, TEMPLATES, buildcache.LOCALE):
        if folder.is_dir():
            observer.schedule(changed, str(folder), recursive=True)
    observer.start()
    files = session.memo.files
    try:
        build(content_dir, docs_dir, config, session=session)
        # What the first build loaded lives as long as the watcher: frozen, the collector no longer scans it
        # (at 10,000 events a full collection takes seconds, and one could start just as a save arrives).
        gc.freeze()
        while True:
            if not changed.event.wait(SAVE_AFTER):
                save(content_dir, session)
                if unreported(content_dir, files):
                    files.changed = None
                    changed.event.set()
                changed.event.wait()
            while changed.event.is_set():  # let the save finish before reading it
                changed.event.clear()
                changed.event.wait(SETTLE)
            paths = changed.take()
            _report(paths, root, files)
            more = f" and {len(paths) - 1} more" if len(paths) > 1 else ""
            print(f"changed: {paths[0] if paths else 'content (not reported by the system)'}{more}",
                  file=sys.stderr, flush=True)
            build(content_dir, docs_dir, config, session=session)
    finally:
        observer.stop()
        save(content_dir, session)
