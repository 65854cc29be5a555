"""The watcher behind `make serve`: it keeps what it loaded and checked between rebuilds, and what it writes
after each save is byte for byte what a full build writes; bad input writes nothing; when stopped it leaves
its cache on disk for the next build."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from build_scripts.content import Files, load_all, unreported

from .conftest import FIXTURE
from .test_incremental import (add_an_event, build, delete_an_unreferenced_event, edit, project,  # noqa: F401
                               rendered, same_as_a_full_build, tree)

# The first build renders the whole site.
FIRST_BUILD = 600
REBUILD = 120


class Watcher:
    """`python -m build_scripts watch` on a project, its report read line by line."""

    def __init__(self, project: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "build_scripts", "watch"], cwd=project,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        env={**os.environ, "PYTHONPATH": str(project)})
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def rebuilt(self, timeout: float = REBUILD) -> list[str]:
        """What the watcher printed until its builds settled: the end of a build ("generated …" or "nothing was
        written …") with no other build starting within a second of it."""
        seen: list[str] = []
        while True:
            line = self.lines.get(timeout=timeout)
            seen.append(line)
            if line.startswith(("generated ", "nothing was written")):
                try:
                    following = self.lines.get(timeout=1.0)
                except queue.Empty:
                    return seen
                seen.append(following)
                assert following.startswith("changed: "), seen

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


@pytest.fixture
def watcher(project: Path):
    running = Watcher(project)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def test_the_watcher_writes_what_a_full_build_writes(project, watcher, tmp_path):
    content = project / "content"
    first = watcher.rebuilt(FIRST_BUILD)
    assert rendered(first[-1]) == 0  # no cache yet: every page rendered

    # edits to three kinds of record: only the pages that read them are rendered, and the site is the full build's
    edit(content / "events" / "2019-05-15-huawei-entity-list.yaml", "  en: Huawei added to the Entity List",
         "  en: Huawei placed on the Entity List")
    edit(content / "actors" / "bis.yaml", "  en: Bureau of Industry", "  en: The Bureau of Industry")
    edit(content / "sources" / "reuters-2019-05-15-huawei-entity-list.yaml", "language: en", "language: en-GB")
    report = watcher.rebuilt()
    assert report[0].startswith("changed: "), report
    pages = len(tree(project / "docs"))
    assert "wrote events/2019-05-15-huawei-entity-list.md" in report
    assert "wrote zh/events/2019-05-15-huawei-entity-list.md" in report
    assert 0 < pages - rendered(report[-1]) < pages // 10, report
    same_as_a_full_build(project, tmp_path)

    # a mistake: reported at its place, and nothing is written, so the site stays as it was
    before = tree(project / "docs")
    edit(content / "events" / "2019-05-15-huawei-entity-list.yaml", "date: 2019-05-15", "date: 2019-05-32")
    report = watcher.rebuilt()
    assert any(line.startswith("content/events/2019-05-15-huawei-entity-list.yaml:") and "date" in line
               for line in report), report
    assert report[-1] == "nothing was written: fix the errors above first"
    assert tree(project / "docs") == before

    # fixed, plus a new event that links an old one, a deletion and a rename (a new id for a record)
    edit(content / "events" / "2019-05-15-huawei-entity-list.yaml", "date: 2019-05-32", "date: 2019-05-15")
    add_an_event(content)
    victim = delete_an_unreferenced_event(content)
    report = watcher.rebuilt()
    assert f"removed events/{victim.stem}.md" in report and "wrote events/2026-07-01-new-event.md" in report
    same_as_a_full_build(project, tmp_path)
    renamed = content / "events" / "2026-07-02-new-event.yaml"
    (content / "events" / "2026-07-01-new-event.yaml").rename(renamed)
    edit(renamed, "id: 2026-07-01-new-event", "id: 2026-07-02-new-event")
    report = watcher.rebuilt()
    assert "removed events/2026-07-01-new-event.md" in report, report
    same_as_a_full_build(project, tmp_path)

    # a template edit: the generator changed, so every page is rendered again, with the new template
    edit(project / "build_scripts" / "templates" / "event.md.j2", '{% import "_macros.j2" as m %}',
         '{% import "_macros.j2" as m %}{# a template edit #}')
    report = watcher.rebuilt(FIRST_BUILD)
    assert rendered(report[-1]) == 0, report
    same_as_a_full_build(project, tmp_path)

    # stopped (as `make serve` stops it), it leaves its cache: the next build renders and writes nothing
    assert watcher.stop() == 0
    out = build(project)
    assert "generated 0 page(s), removed 0" in out and "(0 rendered again with the same bytes" in out, out


def test_a_change_the_system_did_not_report_is_found_when_idle(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    root = tmp_path / "content"
    files = Files()
    first, _ = load_all(root, files)
    assert not unreported(root, files)
    event = root / "events" / "2020-01-15-widget-rule.yaml"
    event.write_text(event.read_text().replace("title:", "title: Renamed\nold_title:", 1))
    same, _ = load_all(root, files)  # nothing reported: the copy is used as it is
    assert same.documents[("events", "2020-01-15-widget-rule")] is first.documents[("events", "2020-01-15-widget-rule")]
    assert unreported(root, files)
    files.changed = None  # what the watcher does then: look at every file
    _, problems = load_all(root, files)
    assert any(p.path == "content/events/2020-01-15-widget-rule.yaml" and "old_title" in p.message for p in problems)
    assert not unreported(root, files)
    (root / "events" / "2020-01-15-widget-rule.yaml").unlink()
    assert unreported(root, files)
    files.changed = {("events", "2020-01-15-widget-rule.yaml")}
    content, _ = load_all(root, files)
    assert "2020-01-15-widget-rule" not in content.events and not unreported(root, files)
