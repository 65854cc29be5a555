"""The preview server behind `make serve`: `mkdocs serve`, told by the system which files changed.

`python tools/serve.py [mkdocs serve's options]` runs MkDocs' own development server (its live reload, its
`--dirty` rebuild) unchanged but for one thing. MkDocs watches docs/ with watchdog's PollingObserver, which
lists and stats every file in it every half second: at 1,000 events that is 12,000 files, a quarter of a
second of waiting on average before a rebuild starts and a core kept busy while the generator writes. Here the
server uses watchdog's native observer instead (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW
on Windows), the one `python -m build_scripts watch` already uses, so a rebuild starts as soon as the
generator has written a page (benchmarks/README.md has the figures).

The native observers also report a file being opened and closed after reading, which polling never sees; the
server rebuilds on any event it is given, so its own build, reading docs/, would start the next one. Only the
events a polling observer reports are passed on.

Where the system does not report changes (some network and container mounts), `make serve
SERVER=".venv/bin/mkdocs serve"` runs MkDocs' server as it is.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Any

import mkdocs.commands.serve
from mkdocs.__main__ import cli
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
                             FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

# What PollingObserver reports for a file, and so what MkDocs' server expects to rebuild on.
CHANGES = [FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent]


class ChangeObserver(Observer):  # type: ignore[misc, valid-type]
    """The platform's native observer, passing on changes only (not a file opened or closed)."""

    def schedule(self, event_handler: FileSystemEventHandler, path: str | Path, **options: Any) -> ObservedWatch:
        return super().schedule(event_handler, path, event_filter=CHANGES, **options)


class Server(LiveReloadServer):
    """MkDocs' development server with the native observer in place of its PollingObserver."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Replaced before anything is watched: MkDocs schedules its paths on this observer in `serve`.
        self.observer = ChangeObserver()


def stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # what `mkdocs serve` stops cleanly on, deleting its temporary site


def main(arguments: list[str]) -> None:
    # `mkdocs serve` builds its server from this name; failing loudly here beats polling unnoticed when a
    # later MkDocs moves it (tests/test_serve.py runs this server).
    if getattr(mkdocs.commands.serve, "LiveReloadServer", None) is not LiveReloadServer:
        raise SystemExit("tools/serve.py: mkdocs.commands.serve no longer builds a LiveReloadServer "
                         "(a newer MkDocs?); run `make serve SERVER=\".venv/bin/mkdocs serve\"`")
    mkdocs.commands.serve.LiveReloadServer = Server  # type: ignore[misc]
    signal.signal(signal.SIGTERM, stop)  # as the benchmark stops it; on SIGTERM MkDocs leaves its /tmp/mkdocs_*
    cli.main(args=["serve", *arguments], prog_name="mkdocs")  # exits, as `mkdocs serve` does


if __name__ == "__main__":
    main(sys.argv[1:])
