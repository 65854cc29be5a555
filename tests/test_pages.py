"""Generation: golden Markdown for one event and one claim, write-only-when-changed, stale removal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_scripts.checks import check
from build_scripts.pages import render
from build_scripts.writer import write

from .conftest import FIXTURE, TODAY, run_cli

GOLDEN = Path(__file__).parent / "golden"


def fixture_pages() -> dict[str, bytes]:
    content, problems = check(FIXTURE, TODAY)
    assert problems == []
    return render(content)


@pytest.mark.parametrize("page, golden", [
    ("events/2020-01-15-widget-rule.md", "event.md"),
    ("claims/widget-ban.md", "claim.md"),
    ("zh/events/2020-01-15-widget-rule.md", "event.zh.md"),
    ("zh/claims/widget-ban.md", "claim.zh.md"),
])
def test_golden(page, golden):
    """Set UPDATE_GOLDEN=1 to accept a deliberate change, then review the diff."""
    rendered = fixture_pages()[page].decode()
    if os.environ.get("UPDATE_GOLDEN"):
        (GOLDEN / golden).write_text(rendered)
    assert rendered == (GOLDEN / golden).read_text()


def test_every_record_gets_a_page():
    pages = fixture_pages()
    expected = {"index.md", "methodology.md", "corrections.md", "timeline/index.md", "timeline/2020.md",
                "timeline/2021.md", "claims/index.md", "sources/index.md", "actors/index.md", "topics/index.md",
                "glossary.md", "data.md"}
    for folder in ("events", "claims", "sources", "actors", "topics", "guides", "walkthroughs"):
        expected |= {f"{folder}/{f.stem}.md" for f in (FIXTURE / folder).glob("*.yaml")}
    # every page once per edition: English at the root, Chinese under zh/
    assert {p for p in pages if p.endswith(".md")} == expected | {f"zh/{p}" for p in expected}


def test_write_only_changed_and_remove_stale(tmp_path):
    docs = tmp_path / "docs"
    (docs / "events").mkdir(parents=True)
    (docs / "notes.md").write_text("hand-written")
    (docs / "events" / "deleted-event.md").write_text("stale")
    pages = fixture_pages()
    first = write(pages, docs)
    assert len(first.written) == len(pages) and first.removed == ["events/deleted-event.md"]
    second = write(pages, docs)
    assert (second.written, second.removed, second.unchanged) == ([], [], len(pages))
    assert (docs / "notes.md").read_text() == "hand-written"


def test_editing_one_event_rewrites_only_pages_that_show_it(project):
    docs = project / "docs"
    assert run_cli("build", cwd=project).returncode == 0
    event = project / "content" / "events" / "2021-widget-milestone.yaml"
    event.write_text(event.read_text().replace("began making widgets itself", "began making its own widgets"))
    result = run_cli("build", cwd=project)
    assert result.returncode == 0
    written = sorted(p for p in pages_written(result.stderr))
    # its own page, the pages listing its summary (its year, home, its actor), the filter's data, the event
    # downloads and the events feed; not the timeline index, nor other years
    assert written == ["actors/example-corp.md", "data/events.csv", "data/events.json",
                       "events/2021-widget-milestone.md", "feeds/events.xml", "index.md", "timeline/2021.md",
                       "timeline/events.js"], result.stderr
    assert docs.joinpath("events/2021-widget-milestone.md").read_text().count("its own widgets") == 2


def pages_written(stderr: str) -> list[str]:
    return [line.removeprefix("wrote ") for line in stderr.splitlines() if line.startswith("wrote ")]


def test_failed_check_writes_nothing(project):
    assert run_cli("build", cwd=project).returncode == 0
    docs = project / "docs"
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    (project / "content" / "events" / "2021-widget-milestone.yaml").write_text("id: [broken\n")
    event = project / "content" / "events" / "2020-01-15-widget-rule.yaml"
    event.write_text(event.read_text().replace("The agency announced", "Changed"))
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert "nothing was written" in result.stderr
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before
