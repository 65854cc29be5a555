"""Incremental generation: a build renders only the pages whose reads changed, and the result is byte for byte
the result of a full build, through edits, additions, deletions and renames of records and a template edit."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_scripts.buildcache import BuildCache, Signatures
from build_scripts.content import Files, load_all
from build_scripts.indexes import Site

from .conftest import FIXTURE, ROOT


def build(project: Path, *args: str) -> str:
    """Generate into project/docs with the project's own copy of the generator; return what it printed."""
    result = subprocess.run([sys.executable, "-m", "build_scripts", "build", *args], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(project)})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def rendered(output: str) -> int:
    return int(re.search(r"(\d+) not rendered\)", output).group(1))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The real content and a copy of the generator, so that a template can be edited without touching ours."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    copy_generator(tmp_path)
    return tmp_path


def copy_generator(project: Path) -> None:
    """The generator, its catalogs and term base, and the hand-written assets the Chinese pages get a copy of."""
    for name in ("build_scripts", "locale", "docs/stylesheets", "docs/javascripts"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")


def same_as_a_full_build(project: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    shutil.rmtree(full, ignore_errors=True)
    full.mkdir()
    for name in ("content", "build_scripts", "locale", "docs/stylesheets", "docs/javascripts"):
        shutil.copytree(project / name, full / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(project / "mkdocs.yml", full / "mkdocs.yml")
    build(full, "--full")
    incremental, expected = tree(project / "docs"), tree(full / "docs")
    assert sorted(incremental) == sorted(expected)
    assert [p for p in expected if incremental[p] != expected[p]] == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def add_an_event(content: Path) -> None:
    """A new event that links an old one (so the old page shows it too)."""
    (content / "events" / "2026-07-01-new-event.yaml").write_text(
        "id: 2026-07-01-new-event\ntitle: A new event\ndate: 2026-07-01\ndate_kind: announced\nlane: us-measures\n"
        "summary: Something happened.\nbody: It happened [@reuters-2019-05-15-huawei-entity-list].\n"
        "actors: [huawei]\ntopics: [entity-list]\ncitations:\n  - source: reuters-2019-05-15-huawei-entity-list\n"
        "related_events: [2019-05-15-huawei-entity-list]\nlast_reviewed: 2026-11-26\n")


def delete_an_unreferenced_event(content: Path) -> Path:
    """Delete an event no other record names; return its file."""
    victim = next(p for p in sorted((content / "events").glob("2026-*.yaml"))
                  if p.stem not in "".join(f.read_text() for f in content.rglob("*.yaml") if f != p))
    victim.unlink()
    return victim


def test_edits_additions_deletions_and_renames_give_the_full_build(project, tmp_path):
    content = project / "content"
    first = build(project)
    assert rendered(first) == 0
    nothing = build(project)
    assert "generated 0 page(s), removed 0" in nothing  # nothing changed: nothing is written

    # an event's title and body, an actor's name, a source's publisher
    event = content / "events" / "2019-05-15-huawei-entity-list.yaml"
    edit(event, "  en: Huawei added to the Entity List", "  en: Huawei placed on the Entity List")
    edit(content / "actors" / "bis.yaml", "  en: Bureau of Industry", "  en: The Bureau of Industry")
    edit(content / "sources" / "reuters-2019-05-15-huawei-entity-list.yaml", "language: en", "language: en-GB")
    out = build(project)
    assert 0 < len(tree(project / "docs")) - rendered(out) < len(tree(project / "docs")) // 2, out
    same_as_a_full_build(project, tmp_path)

    # a new event that links an old one (the old page shows it too), and a deleted one
    add_an_event(content)
    delete_an_unreferenced_event(content)
    build(project)
    same_as_a_full_build(project, tmp_path)

    # a renamed event (its id and file), a glossary term's aliases, a claim's verdict, a topic's explainer
    old = "2026-07-01-new-event"
    (content / "events" / f"{old}.yaml").rename(content / "events" / "2026-07-02-new-event.yaml")
    edit(content / "events" / "2026-07-02-new-event.yaml", f"id: {old}", "id: 2026-07-02-new-event")
    edit(content / "events" / "2026-07-02-new-event.yaml", "date: 2026-07-01", "date: 2026-07-02")
    term = content / "glossary" / "entity-list.yaml"
    edit(term, "term:", "aliases: [trade blacklist]\nterm:") if "aliases:" not in term.read_text() else None
    claim = content / "claims" / "essay-honor-spin-off.yaml"
    edit(claim, "verdict: mostly-accurate", "verdict: partly-accurate")
    edit(content / "topics" / "entity-list.yaml", "name:\n  en: ", "name:\n  en: About ")
    build(project)
    same_as_a_full_build(project, tmp_path)

    # a template edit changes the generator: the cache is void and every page is rendered again
    edit(project / "build_scripts" / "templates" / "event.md.j2", '{% import "_macros.j2" as m %}',
         '{% import "_macros.j2" as m %}{# a template edit #}')
    out = build(project)
    assert rendered(out) == 0, out
    same_as_a_full_build(project, tmp_path)


def test_a_broken_or_missing_cache_means_a_full_build(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    copy_generator(tmp_path)
    build(tmp_path)
    cache = tmp_path / ".cache" / "generate.json"
    assert json.loads(cache.read_text())["format"] == 1
    pages = len([p for p in tree(tmp_path / "docs") if not p.startswith(("stylesheets/", "javascripts/"))])
    assert rendered(build(tmp_path)) == pages  # nothing changed: nothing rendered
    cache.write_text("{not json")
    assert rendered(build(tmp_path)) == 0
    cache.unlink()
    assert rendered(build(tmp_path)) == 0
    # a page changed on disk behind the build's back is rendered again
    page = tmp_path / "docs" / "events" / "2020-01-15-widget-rule.md"
    good = page.read_bytes()
    page.write_text("edited by hand")
    out = build(tmp_path)
    assert rendered(out) == pages - 1 and page.read_bytes() == good


def test_listings_pagers_and_aggregates_follow_every_change(project, tmp_path):
    """With pages small enough that every listing is split (in the project's copy of the generator): an event
    in a year that had none (the next year's pager now links to it), an event moved to another year and lane
    (the timeline pages, the chart and its table), the latest event retitled (the home page lists it) and an
    actor renamed in English only (its place in the actors pages), then one in Chinese only (a heading)."""
    indexes = project / "build_scripts" / "indexes.py"
    edit(indexes, "EVENTS_PER_PAGE = 300", "EVENTS_PER_PAGE = 6")
    edit(indexes, '{"sources": 400, "actors": 500, "topics": 500, "claims": 1000}',
         '{"sources": 40, "actors": 10, "topics": 5, "claims": 20}')
    content = project / "content"
    build(project)

    (content / "events" / "2016-03-01-an-earlier-event.yaml").write_text(
        "id: 2016-03-01-an-earlier-event\ntitle: An earlier event\ndate: 2016-03-01\ndate_kind: announced\n"
        "lane: milestones\nsummary: Something happened.\nbody: It happened [@reuters-2019-05-15-huawei-entity-list].\n"
        "actors: [huawei]\ntopics: [entity-list]\ncitations:\n  - source: reuters-2019-05-15-huawei-entity-list\n"
        "last_reviewed: 2026-11-26\n")
    build(project)
    same_as_a_full_build(project, tmp_path)

    moved = content / "events" / "2018-07-26-qualcomm-drops-nxp-deal.yaml"
    edit(moved, "date: 2018-07-26", "date: 2019-12-26")
    edit(moved, "lane: china-measures", "lane: milestones")
    build(project)
    same_as_a_full_build(project, tmp_path)

    edit(content / "events" / "2026-06-22-china-export-control-list-us-rare-earth-firms.yaml",
         "  en: >-\n    China puts MP Materials", "  en: >-\n    China places MP Materials")
    build(project)
    same_as_a_full_build(project, tmp_path)

    edit(content / "actors" / "bis.yaml", "  en: Bureau of Industry and Security",
         "  en: US Commerce Department's Bureau of Industry and Security")
    build(project)
    same_as_a_full_build(project, tmp_path)

    # the first actor of the English order's second page, renamed in Chinese: that page's heading in Chinese
    # changes, and so does the pager of every other Chinese actors page
    actors = sorted((yaml.safe_load(f.read_text()) for f in (content / "actors").glob("*.yaml")),
                    key=lambda a: (a["name"]["en"].casefold(), a["id"]))
    first = actors[10]
    edit(content / "actors" / f"{first['id']}.yaml", f"  zh: {first['name']['zh']}", "  zh: 改名")
    build(project)
    same_as_a_full_build(project, tmp_path)


def test_a_sources_page_reads_only_the_sources_it_lists(project, tmp_path):
    """The lead of every sources page (how many sources, publishers and primary ones) is one read of its
    own, `a:source_counts`: a page reads the sources it lists and no others, so a source's title edit
    re-renders the pages that show that source, and making it primary changes the count on all of them."""
    build(project)
    cache = json.loads((project / ".cache" / "generate.json").read_text())
    reads = {path: {cache["keys"][i] for i in entry[0]} for path, entry in cache["pages"].items()}
    listed = {page: {r for r in reads[page] if r.startswith("r:sources/")} for page in
              ("sources/page-1.md", "sources/page-2.md")}
    assert listed["sources/page-1.md"] and listed["sources/page-2.md"]
    assert listed["sources/page-1.md"].isdisjoint(listed["sources/page-2.md"])
    assert all("a:source_counts" in reads[page] for page in listed)

    source = sorted(listed["sources/page-2.md"])[0].removeprefix("r:sources/")
    file = project / "content" / "sources" / f"{source}.yaml"
    record = yaml.safe_load(file.read_text())
    record["title"] = f"{record['title']} (retitled)"
    file.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False))
    out = build(project)
    assert "wrote sources/page-2.md" in out and "wrote sources/page-1.md" not in out, out
    same_as_a_full_build(project, tmp_path)

    record["primary"] = not record.get("primary", False)
    file.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False))
    out = build(project)
    assert "wrote sources/page-1.md" in out and "wrote zh/sources/page-1.md" in out, out
    same_as_a_full_build(project, tmp_path)


def test_an_index_entry_none_of_whose_records_changed_keeps_its_signature(tmp_path):
    """What the watcher relies on to skip working out most index entries after an edit (Signatures with the
    last build's site, whose unchanged records are the same objects): on the real content, after edits to
    every field the indexes are made of, an addition and a deletion, the signatures it keeps and those it
    works out are the ones a full look gives."""
    content_dir = tmp_path / "content"
    shutil.copytree(ROOT / "content", content_dir)
    files = Files()  # as the watcher loads them: an unchanged file's record is the one loaded before
    earlier = Site(load_all(content_dir, files)[0])

    def change(folder: str, name: str, field: str, value) -> None:
        file = content_dir / folder / f"{name}.yaml"
        record = yaml.safe_load(file.read_text())
        record[field] = value(record[field]) if callable(value) else value
        file.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False))

    event = "2019-05-15-huawei-entity-list"
    change("events", event, "actors", lambda actors: [*actors[1:], "smic"])
    change("events", event, "topics", lambda topics: topics[1:])
    change("events", event, "related_events", lambda related: related[1:])
    change("events", "2018-07-26-qualcomm-drops-nxp-deal", "date", "2021-12-26")
    change("claims", "essay-2020-foundry-rule", "related_events", ["2018-04-16-zte-denial-order"])
    change("glossary", "affiliates-rule", "topics", ["smartphones"])
    add_an_event(content_dir)
    delete_an_unreferenced_event(content_dir)
    files.changed = None  # look at every file again
    after, problems = load_all(content_dir, files)
    assert [p for p in problems if p.is_error] == []
    site = Site(after)

    def reads(of: Site) -> set[str]:
        entries = {f"l:{name}/{key}" for name in Site.INDEXES for key in dict.keys(getattr(of, name))}
        return entries | {f"r:{folder}/{record_id}" for folder, record_id in of.content.documents}

    every = sorted(reads(earlier) | reads(site))
    previous = BuildCache("any", signatures=Signatures(earlier, {}).of(every))
    shortcut, full = Signatures(site, {}, previous, earlier), Signatures(site, {})
    assert shortcut.of(every) == full.of(every)
    assert full.computed == sum(read.startswith("l:") for read in every)
    assert 0 < shortcut.computed < full.computed / 10  # most were kept
