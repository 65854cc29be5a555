"""Link health: is every source's `url` and `archive_url` still there? `make links` (or `python tools/links.py`).

Each address is fetched once (GET, streamed and closed after the headers; HEAD is answered wrongly by too
many servers), redirects are followed by hand so that one that leaves for another host is reported, and a
bounded number of requests run at once, fewer per host, with a polite user agent. Results are cached for a
day in .cache/links.json, so a second run the same day asks nobody. The report is grouped by source file,
with what to do for each problem. The exit status is 0 unless `--strict` and a link is dead or unreachable.

`--archive` asks the Wayback Machine's availability API for a snapshot of each source that has no
`archive_url` and prints the two lines to add to its file.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_scripts.content import load_all  # noqa: E402

USER_AGENT = "chips-ai-record-linkcheck/1.0 (checks that cited sources are still online; one request per page)"
WAYBACK = "https://archive.org/wayback/available"
MAX_REDIRECTS = 5


@dataclass
class Result:
    url: str
    status: int | None  # the last HTTP status, None when no answer came
    final_url: str
    error: str = ""
    checked: str = ""  # when, as ISO 8601 (UTC)

    @property
    def verdict(self) -> str:
        if self.error:
            return "unreachable"
        if self.status is not None and self.status >= 400:
            return "dead"
        if urlsplit(self.final_url).netloc != urlsplit(self.url).netloc:
            return "moved"
        return "ok"


ADVICE = {
    "dead": "the page is gone: find where it moved, or cite the archived copy (archive_url)",
    "moved": "it now redirects to another host: check that the new page still says what is cited, then update url",
    "unreachable": "no answer: try again later; if it lasts, cite the archived copy",
}


async def check_one(client: httpx.AsyncClient, url: str, everywhere: asyncio.Semaphore,
                    per_host: dict[str, asyncio.Semaphore]) -> Result:
    current = url
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    try:
        for _ in range(MAX_REDIRECTS + 1):
            host = urlsplit(current).netloc
            async with everywhere, per_host[host]:
                async with client.stream("GET", current) as response:
                    status, location = response.status_code, response.headers.get("location")
            if status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                continue
            return Result(url, status, current, checked=now)
        return Result(url, None, current, f"more than {MAX_REDIRECTS} redirects", now)
    except httpx.TimeoutException:
        return Result(url, None, current, "timed out", now)
    except httpx.HTTPError as error:
        return Result(url, None, current, f"{type(error).__name__}: {error}" if str(error) else type(error).__name__,
                      now)


async def check_all(urls: list[str], concurrency: int, per_host: int, timeout: float) -> list[Result]:
    everywhere = asyncio.Semaphore(concurrency)
    hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(per_host))
    async with httpx.AsyncClient(headers={"User-Agent": USER_AGENT}, timeout=timeout, follow_redirects=False) as client:
        return list(await asyncio.gather(*(check_one(client, u, everywhere, hosts) for u in urls)))


async def snapshots(urls: list[str], api: str, timeout: float) -> dict[str, tuple[str, str]]:
    """The closest Wayback snapshot of each address: url -> (snapshot address, its date YYYY-MM-DD)."""
    found: dict[str, tuple[str, str]] = {}
    async with httpx.AsyncClient(headers={"User-Agent": USER_AGENT}, timeout=timeout) as client:
        for url in urls:  # one at a time: the API asks callers to go gently
            try:
                data = (await client.get(api, params={"url": url})).json()
            except (httpx.HTTPError, ValueError):
                continue
            closest = (data.get("archived_snapshots") or {}).get("closest") or {}
            if closest.get("available") and closest.get("url") and len(str(closest.get("timestamp", ""))) >= 8:
                stamp = str(closest["timestamp"])
                found[url] = (closest["url"], f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}")
    return found


def load_cache(path: Path, max_age: float) -> dict[str, Result]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    now = datetime.datetime.now(datetime.timezone.utc)
    fresh = {}
    for url, item in data.items() if isinstance(data, dict) else ():
        try:
            result = Result(**item)
            age = (now - datetime.datetime.fromisoformat(result.checked)).total_seconds()
        except (TypeError, ValueError):
            continue
        if 0 <= age < max_age:
            fresh[url] = result
    return fresh


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "links.json")
    parser.add_argument("--max-age", type=float, default=86400, help="seconds a result stays fresh (a day)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests at once, in all")
    parser.add_argument("--per-host", type=int, default=2, help="requests at once to one host")
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a link is dead or unreachable")
    parser.add_argument("--archive", action="store_true", help="find Wayback snapshots for sources without one")
    parser.add_argument("--wayback-api", default=WAYBACK)
    parser.add_argument("--report", type=Path, help="also write the report, as Markdown, to this file")
    args = parser.parse_args(argv)

    content, _ = load_all(args.content)  # a source that does not validate is left out; `make check` names it
    files: dict[str, list[tuple[str, str]]] = defaultdict(list)  # url -> [(file, field)]
    for source in dict.values(content.sources):
        file = content.documents[("sources", source.id)].path
        files[source.url].append((file, "url"))
        if source.archive_url:
            files[source.archive_url].append((file, "archive_url"))
    cached = load_cache(args.cache, args.max_age)
    todo = [u for u in files if u not in cached]
    fresh = asyncio.run(check_all(todo, args.concurrency, args.per_host, args.timeout)) if todo else []
    results = {**cached, **{r.url: r for r in fresh}}
    args.cache.parent.mkdir(parents=True, exist_ok=True)
    args.cache.write_text(json.dumps({u: asdict(r) for u, r in sorted(results.items())}, indent=1))

    by_file: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for url, result in sorted(results.items()):
        if url not in files:
            continue
        counts[result.verdict] += 1
        if result.verdict == "ok":
            continue
        what = result.error or f"HTTP {result.status}" + (f", now at {result.final_url}" if result.verdict == "moved" else "")
        for file, field in files[url]:
            by_file[file].append(f"- `{field}` {url}: {what}. {ADVICE[result.verdict]}")
    lines = [f"# Source links: {counts['ok']} fine, {counts['moved']} moved to another host, {counts['dead']} dead, "
             f"{counts['unreachable']} unreachable", ""]
    for file in sorted(by_file):
        lines += [f"## {file}", "", *by_file[file], ""]
    if args.archive:
        missing = {s.url: content.documents[("sources", s.id)].path for s in dict.values(content.sources)
                   if not s.archive_url}
        found = asyncio.run(snapshots(sorted(missing), args.wayback_api, args.timeout))
        lines += ["## Archived copies to add", ""]
        for url, (snapshot, day) in sorted(found.items()):
            lines += [f"{missing[url]}:", f"  archive_url: {snapshot}", f"  archive_date: {day}"]
        lines.append("")
    report = "\n".join(lines)
    print(report)
    if args.report:
        args.report.write_text(report)
    failing = counts["dead"] + counts["unreachable"]
    return 1 if args.strict and failing else 0


if __name__ == "__main__":
    sys.exit(main())
