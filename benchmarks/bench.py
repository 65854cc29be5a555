"""`make bench`: synthetic corpora of 1,000 and 10,000 events, timed stage by stage in one run.

Ratios within one run are what count; absolute seconds vary with the machine. Never a timed test.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from build_scripts.writer import OWNED_FILES, OWNED_FOLDERS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Proportions of the real content: about 4 sources, 0.4 claims, 0.6 actors and 0.15 topics per event.
SOURCES, CLAIMS, ACTORS, TOPICS = 4.0, 0.4, 0.6, 0.15
LANES = ["us-measures", "allied-measures", "china-measures", "milestones"]
WORDS = ("export control rule chip foundry lithography model licence entity list agency company "
         "announced published effective market share node memory accelerator").split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


_MARKUP = re.compile(r"(\[@[^\]]*\])")


def zh(english: str) -> dict[str, str]:
    """The text with a Chinese rendering beside it, as the translated record has: each word becomes a
    character, the citation markers stay as they are."""
    parts = _MARKUP.split(english)
    chinese = "".join(part if i % 2 else re.sub(r"[A-Za-z]+", lambda w: chr(0x4E00 + sum(map(ord, w.group())) % 2000),
                                                 part).replace(" ", "")
                      for i, part in enumerate(parts))
    return {"en": english, "zh": chinese}


def corpus(folder: Path, events: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    n_sources, n_claims = int(events * SOURCES), int(events * CLAIMS)
    n_actors, n_topics = max(2, int(events * ACTORS)), max(2, int(events * TOPICS))
    for sub in ("events", "claims", "sources", "actors", "topics"):
        (folder / sub).mkdir(parents=True)

    def dump(sub: str, record: dict) -> None:
        text = yaml.dump(record, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)  # libyaml: fast
        (folder / sub / f"{record['id']}.yaml").write_text(text)

    for i in range(n_actors):
        dump("actors", {"id": f"actor-{i}", "name": zh(f"Actor {i}"), "kind": "company",
                        "description": zh(sentence(rng, 15))})
    for i in range(n_topics):
        dump("topics", {"id": f"topic-{i}", "name": zh(f"Topic {i}"), "description": zh(sentence(rng, 15))})
    for i in range(n_sources):
        title = sentence(rng, 8)
        dump("sources", {"id": f"source-{i}", "title": title, "title_translation": {"zh": zh(title)["zh"]},
                         "publisher": f"Publisher {i % 50}",
                         "date": f"{2018 + i % 8}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                         "url": f"https://example.org/{i}", "accessed": "2026-11-01", "language": "en",
                         "type": "news"})
    for i in range(events):
        year = 2018 + i % 8
        cited = [f"source-{rng.randrange(n_sources)}" for _ in range(3)]
        # two paragraphs, each statement tied to its sources by an inline citation marker, as real bodies are
        body = (f"{sentence(rng, 30)} [@{cited[0]}]. {sentence(rng, 10)} [@{cited[1]}, p. 2].\n\n"
                f"{sentence(rng, 20)} [@{cited[2]}; @{cited[0]}].")
        dump("events", {
            "id": f"event-{i}", "title": zh(sentence(rng, 8)), "date": f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "date_kind": "announced", "lane": LANES[i % 4], "summary": zh(sentence(rng, 30)),
            "body": zh(body), "actors": [f"actor-{rng.randrange(n_actors)}"],
            "topics": [f"topic-{rng.randrange(n_topics)}"],
            "citations": [{"source": source, "quote": (quote := sentence(rng, 12)), "translation": {"zh": zh(quote)["zh"]}}
                          for source in cited],
            "last_reviewed": "2026-11-01"})
    for i in range(n_claims):
        evidence = f"source-{rng.randrange(n_sources)}"
        dump("claims", {
            "id": f"claim-{i}", "text": zh(sentence(rng, 20)), "short": zh(f"Claim {i}"), "claimant": zh("Someone"),
            "appearance": {"source": f"source-{rng.randrange(n_sources)}"}, "verdict": "unsupported",
            "explanation": zh(f"{sentence(rng, 25)} [@{evidence}]."),
            "evidence": [{"source": evidence, "stance": "context"}],
            "related_events": [f"event-{rng.randrange(events)}"], "last_reviewed": "2026-11-01"})


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of a child process. (Peak memory is the largest child so far:
    ru_maxrss of all children, so a stage reports its own peak only when it is the largest yet.)"""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)})
    seconds = time.perf_counter() - start
    if result.returncode:
        last = (result.stdout + result.stderr).strip().splitlines()[-1]
        raise RuntimeError(f"{Path(command[0]).name} failed: {last}")
    return seconds, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def timed_build(project: Path) -> tuple[float, int, int]:
    """A generation run, and how many files it wrote (it prints "generated N page(s)")."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "build_scripts", "build"], cwd=project, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    seconds = time.perf_counter() - start
    return seconds, 0, int(result.stderr.rsplit("generated ", 1)[1].split()[0])


EDITED = "event-5"


def edit_one_event(project: Path, words: str) -> None:
    """Change one event's title, as a contributor would."""
    file = project / "content" / "events" / f"{EDITED}.yaml"
    record = yaml.safe_load(file.read_text())
    record["title"]["en"] = f"{record['title']['en'].rstrip('.')} ({words})"
    file.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True))


# `make serve`'s server (tools/serve.py: mkdocs serve told of changes by the system), and MkDocs' own, which
# polls docs/ (measured beside it at 1,000 events, BENCH_POLLING_MAX).
SERVE = [sys.executable, str(ROOT / "tools" / "serve.py")]
MKDOCS_SERVE = [str(BIN / "mkdocs"), "serve"]


def serve_latency(project: Path, edits: int = 5, settle: float = 3, command: list[str] = SERVE) -> list[float]:
    """`make serve` on this corpus: the watcher plus `command --dirty`. Seconds from saving a YAML edit to the
    served page showing it, for several edits in a row, `settle` seconds apart (the watcher's downloads and
    mkdocs' rebuild for them finish in between)."""
    port = 8765 + os.getpid() % 1000
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "build_scripts", "build"], cwd=project, env=env, check=True,
                   capture_output=True)  # as `make serve` does: the pages are there before mkdocs starts
    watcher = subprocess.Popen([sys.executable, "-m", "build_scripts", "watch"], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = subprocess.Popen([*command, "--dirty", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/events/{EDITED}.html"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 3600
        while "first edit" not in page():  # the first full build of the served site
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.5)
        times = []
        for _ in range(edits):
            time.sleep(settle)
            words = f"served {random.randrange(16**8):08x}"
            edit_one_event(project, words)
            start = time.monotonic()
            while words not in page():
                if time.monotonic() - start > 300:
                    raise RuntimeError("the edit did not show up within 300 s")
                time.sleep(0.05)
            times.append(time.monotonic() - start)
        return times
    finally:
        for process in (watcher, server):
            process.terminate()
            process.wait()


def watch_latency(project: Path, edits: int = 5) -> list[float]:
    """The watcher alone: seconds from saving a one-event edit until every page that shows the event is
    written (the downloads and feeds follow), for several edits in a row."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    watcher = subprocess.Popen([sys.executable, "-m", "build_scripts", "watch"], cwd=project,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert watcher.stderr is not None

    def next_build(until: str = "generated ") -> None:
        for line in watcher.stderr:  # a rebuild prints "pages written: N", then "generated N page(s)" at its end
            if line.startswith(until):
                return
        raise RuntimeError("the watcher stopped")

    try:
        next_build()  # its first build
        times = []
        for n in range(edits):
            time.sleep(0.5)
            start = time.monotonic()
            edit_one_event(project, f"watched edit {n}")
            next_build("pages written: ")  # every page that shows the event is on disk
            times.append(time.monotonic() - start)
            next_build()  # then the downloads and feeds
        return times
    finally:
        watcher.terminate()
        watcher.wait()


FLOOR = ("import sys, yaml, pathlib\n"
         "for f in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
         "    yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)\n")


def measure(events: int, work: Path) -> dict:
    started = time.perf_counter()
    project = work / f"n{events}"
    corpus(project / "content", events)
    for config in ("mkdocs.yml", "mkdocs.zh.yml"):  # both editions, as `make site` builds them (--strict),
        # without the navigation's links to the guide and the walkthrough, which the synthetic corpus lacks
        lines = (ROOT / config).read_text().splitlines(keepends=True)
        (project / config).write_text("".join(line for line in lines if not line.rstrip().endswith(
            ("guides/start-here.md", "walkthroughs/essay.md"))))
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns(*OWNED_FOLDERS, *OWNED_FILES))
    py = [sys.executable]
    files = sum(1 for _ in (project / "content").rglob("*.yaml"))
    row: dict = {"events": events, "files": files}
    row["floor_s"], _ = timed([*py, "-c", FLOOR, "content"], project)
    row["check_s"], row["check_peak_kib"] = timed([*py, "-m", "build_scripts", "check"], project)
    row["build_s"], row["build_peak_kib"] = timed([*py, "-m", "build_scripts", "build"], project)
    row["rebuild_unchanged_s"], _, row["rebuild_unchanged_writes"] = timed_build(project)
    row["rebuild_unchanged_over_check"] = row["rebuild_unchanged_s"] / row["check_s"]
    edit_one_event(project, "first edit")
    row["rebuild_one_edit_s"], _, row["rebuild_one_edit_writes"] = timed_build(project)
    watched = watch_latency(project)
    row["watch_edit_to_written_s"] = sorted(watched)[len(watched) // 2]  # the median of several edits
    row["watch_edit_to_written_all_s"] = [round(t, 2) for t in watched]
    site = [*py, str(ROOT / "tools" / "build_site.py")]
    row["mkdocs_s"], row["mkdocs_peak_kib"] = timed([*site, "mkdocs", "mkdocs.yml", "site"], project)
    pages = list((project / "site").rglob("*.html"))
    row["pages"] = len(pages)
    row["site_bytes"] = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file())
    largest = max(pages, key=lambda p: p.stat().st_size)
    row["largest_page"] = [largest.relative_to(project / "site").as_posix(), largest.stat().st_size]
    shutil.rmtree(project / "site")
    try:
        row["zensical_s"], row["zensical_peak_kib"] = timed([*site, "zensical", "mkdocs.yml", "site"], project)
    except RuntimeError as error:  # recorded, not fatal: the other figures still stand
        row["zensical_error"] = str(error)
    if events <= int(os.environ.get("BENCH_SERVE_MAX", "10000")):
        try:
            served = serve_latency(project, settle=3 + events / 400)
            row["serve_edit_to_page_s"] = sorted(served)[len(served) // 2]  # the median of several edits
            row["serve_edit_to_page_all_s"] = [round(t, 2) for t in served]
        except RuntimeError as error:
            row["serve_error"] = str(error)
    if events <= int(os.environ.get("BENCH_POLLING_MAX", "1000")):
        try:
            served = serve_latency(project, settle=3 + events / 400, command=MKDOCS_SERVE)
            row["mkdocs_serve_edit_to_page_s"] = sorted(served)[len(served) // 2]
            row["mkdocs_serve_edit_to_page_all_s"] = [round(t, 2) for t in served]
        except RuntimeError as error:
            row["mkdocs_serve_error"] = str(error)
    row["build_over_floor"] = row["build_s"] / row["floor_s"]
    row["build_over_mkdocs"] = row["build_s"] / row["mkdocs_s"]
    row["total_per_event_ms"] = 1000 * (row["build_s"] + row["mkdocs_s"]) / events
    shutil.rmtree(project)
    row["wall_s"] = time.perf_counter() - started  # the whole size, corpus and clean-up included
    return row


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000").split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for n in sizes:
            rows.append(measure(n, Path(tmp)))
            print(json.dumps(rows[-1]), flush=True)  # each size as soon as it is measured
    print(f"wall time: {sum(r['wall_s'] for r in rows) / 60:.1f} min (target < 15 min)")
    if len(rows) >= 2:
        growth = rows[-1]["total_per_event_ms"] / rows[0]["total_per_event_ms"]
        print(f"per-event cost at {rows[-1]['events']} vs {rows[0]['events']}: {growth:.2f}x (target <= 1.3)")
    for row in rows:
        print(f"{row['events']} events: build/floor {row['build_over_floor']:.2f}x (target <= 3), "
              f"build/mkdocs {row['build_over_mkdocs']:.1%} (target <= 10%), largest page "
              f"{row['largest_page'][1]:,} bytes ({row['largest_page'][0]}; target <= 1 MB)")
        print(f"  regenerating unchanged: {row['rebuild_unchanged_writes']} files written (target 0), "
              f"{row['rebuild_unchanged_over_check']:.2f}x check (target <= 1.3); one event edited: "
              f"{row['rebuild_one_edit_writes']} files written")
        print(f"  watcher, save to every affected page written: median {row['watch_edit_to_written_s']:.2f} s "
              f"of {row['watch_edit_to_written_all_s']} (target < 2 s at 10,000 events)")
        if "serve_edit_to_page_s" in row or "serve_error" in row:
            print(f"  make serve, edit to page: {row.get('serve_edit_to_page_s', row.get('serve_error'))} "
                  f"of {row.get('serve_edit_to_page_all_s')} (target < 1.5 s at 1,000 events)")
        if "mkdocs_serve_edit_to_page_s" in row or "mkdocs_serve_error" in row:
            print("  the same with mkdocs serve's own polling server: "
                  f"{row.get('mkdocs_serve_edit_to_page_s', row.get('mkdocs_serve_error'))} "
                  f"of {row.get('mkdocs_serve_edit_to_page_all_s')}")
        print(f"  zensical build: {row.get('zensical_s', row.get('zensical_error'))}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
