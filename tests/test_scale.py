"""Split pages: the timeline by year (and by months within a crowded year), the indexes by page, actor and
topic pages capped with a link to the filtered timeline, listings kept out of search. Uses the benchmark's
synthetic corpus with small limits, so the splits show at a size a test can afford."""

from __future__ import annotations

import importlib.util
import multiprocessing
import re
from pathlib import Path

import pytest

from build_scripts import indexes, pages, render
from build_scripts.checks import check

from .conftest import ROOT, TODAY

_spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("scale") / "content"
    bench.corpus(folder, 40)  # 40 events over 2018-2025, 160 sources, 16 claims, 24 actors, 6 topics
    content, problems = check(folder, TODAY)
    assert problems == []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(indexes, "EVENTS_PER_PAGE", 2)
        patch.setattr(indexes, "PER_PAGE", {"sources": 50, "actors": 10, "topics": 100, "claims": 10})
        patch.setattr(indexes, "LATEST_ON_PAGE", 3)
        return {path: data.decode() for path, data in pages.render(content).items()}


def test_a_crowded_year_is_cut_between_months(rendered):
    # 2018 has five events: two in January, one in May, two in September. Pages hold at most two events and
    # are cut between months, so May cannot join September.
    year_pages = sorted(p for p in rendered if re.fullmatch(r"timeline/2018(-\d\d)?\.md", p))
    assert year_pages == ["timeline/2018-01.md", "timeline/2018-05.md", "timeline/2018-09.md"]
    assert "<h1>Timeline: 2018, January</h1>" in rendered["timeline/2018-01.md"]
    assert rendered["timeline/2018-09.md"].count('class="rec-event ') == 2
    index = rendered["timeline/index.md"]
    assert '<a href="2018-05.html">2018, May</a> <span class="rec-years__count">(1)</span>' in index
    # the pager walks through every part in order, and on into the next year
    assert '<a rel="prev" href="2018-01.html">← 2018, January</a>' in rendered["timeline/2018-05.md"]
    assert '<a rel="next" href="2018-09.html">2018, September →</a>' in rendered["timeline/2018-05.md"]
    assert '<a rel="next" href="2019-02.html">' in rendered["timeline/2018-09.md"]
    listed = [m for p, text in rendered.items() if p.startswith("timeline/2") for m in
              re.findall(r'class="rec-event__title"><a href="../events/([^"]+)\.html"', text)]
    assert sorted(listed) == sorted(f"event-{i}" for i in range(40))


ITEM = {"sources": r'<li class="rec-source" id="(source-\d+)"', "actors": r'<li><a href="\.\./actors/(actor-\d+)\.html">',
        "claims": r'<tr data-verdict="\w+"><td>.*?<a href="\.\./claims/(claim-\d+)\.html">'}


@pytest.mark.parametrize("folder, count, pages_expected", [
    ("sources", 160, 4), ("actors", 24, 3), ("claims", 16, 2)])
def test_indexes_are_split_into_pages(rendered, folder, count, pages_expected):
    index = rendered[f"{folder}/index.md"]
    links = re.findall(r'<li><a href="(page-\d+)\.html">', index)
    assert links == [f"page-{n}" for n in range(1, pages_expected + 1)]
    listed = [i for n in range(1, pages_expected + 1) for i in re.findall(ITEM[folder], rendered[f"{folder}/page-{n}.md"])]
    assert sorted(listed) == sorted(f"{folder[:-1]}-{i}" for i in range(count))
    assert '<strong aria-current="page">' in rendered[f"{folder}/page-2.md"]


def test_a_small_index_is_a_single_page(rendered):
    assert "topics/page-1.md" not in rendered and "rec-pages" not in rendered["topics/index.md"]


def test_topic_pages_list_the_latest_events_and_link_to_the_rest(rendered):
    crowded = next(p for p, text in rendered.items() if p.startswith("topics/topic-") and "The latest 3 of" in text)
    text = rendered[crowded]
    topic = Path(crowded).stem
    assert f'<a href="../timeline/index.html?topic={topic}">All of them, in the timeline</a>' in text
    assert text.count('class="rec-event ') == 3


def test_listings_are_kept_out_of_search_and_records_are_not(rendered):
    for path, text in rendered.items():
        if not path.endswith(".md"):
            continue
        path = path.removeprefix("zh/")  # each edition's pages, by the same rule
        listing = path.startswith("timeline/") or path.rsplit("/", 1)[-1].startswith(("index", "page-")) and "/" in path
        assert ('search: {"exclude": true}' in text) == listing, path


def test_parallel_rendering_gives_the_same_pages(tmp_path):
    """Large builds render in forked workers; the pages must be byte-identical to rendering in one process."""
    folder = tmp_path / "content"
    bench.corpus(folder, 20)
    content, problems = check(folder, TODAY)
    assert problems == []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "PARALLEL_FROM", 10**9)
        alone = pages.render(content)
        patch.setattr(render, "PARALLEL_FROM", 1)
        calls = []
        real_context = multiprocessing.get_context
        patch.setattr(multiprocessing, "get_context", lambda method: calls.append(method) or real_context(method))
        forked = pages.render(content)
    assert calls == ["fork"]  # the parallel path really ran
    assert forked == alone and len(alone) > 100
