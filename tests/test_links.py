"""`make links` against servers on loopback that answer 200, 301 to another host, 404, 410, 500 and never,
and a fake Wayback availability API."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .conftest import ROOT

SOURCE = ("id: {id}\ntitle: T\npublisher: P\nurl: {url}\n{extra}accessed: 2026-01-01\nlanguage: en\ntype: news\n")


class Handler(http.server.BaseHTTPRequestHandler):
    other = ""  # the same server under another host name, for the cross-host redirect

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(3)
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", f"{self.other}/ok")
            self.end_headers()
            return
        if path == "/wayback/available":
            body = json.dumps({"archived_snapshots": {"closest": {
                "available": True, "url": "https://web.archive.org/web/20240102030405/x", "timestamp": "20240102030405"}}})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())
            return
        status = {"/ok": 200, "/gone": 404, "/removed": 410, "/broken": 500}.get(path, 404)
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"page")


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = httpd.server_address[1]
    Handler.other = f"http://localhost:{port}"  # another host name for the same server
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    httpd.shutdown()


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "links.py"), "--content", str(project / "content"),
                           "--cache", str(project / "links.json"), "--timeout", "1", *args],
                          capture_output=True, text=True)


@pytest.fixture
def project(tmp_path, server):
    folder = tmp_path / "content" / "sources"
    folder.mkdir(parents=True)
    for name, path in (("ok", "ok"), ("moved", "moved"), ("gone", "gone"), ("removed", "removed"),
                       ("broken", "broken"), ("slow", "slow")):
        extra = "archive_url: {0}/ok\narchive_date: 2024-01-01\n".format(server) if name == "ok" else ""
        (folder / f"{name}.yaml").write_text(SOURCE.format(id=name, url=f"{server}/{path}", extra=extra))
    return tmp_path


def test_the_report_names_each_problem_under_its_file(project, server):
    result = run(project)
    assert result.returncode == 0, result.stderr  # without --strict, problems are reported, not fatal
    report = result.stdout
    assert report.splitlines()[0] == "# Source links: 1 fine, 1 moved to another host, 3 dead, 1 unreachable"
    assert f"- `url` {server}/gone: HTTP 404. the page is gone" in report
    assert f"- `url` {server}/removed: HTTP 410." in report
    assert f"- `url` {server}/broken: HTTP 500." in report
    assert f"- `url` {server}/moved: HTTP 200, now at http://localhost:" in report
    assert f"- `url` {server}/slow: timed out." in report
    sections = [line for line in report.splitlines() if line.startswith("## ")]
    assert sections == sorted(sections) and all(s.endswith(".yaml") for s in sections)
    assert "ok.yaml" not in report


def test_strict_fails_on_dead_links_and_results_are_cached(project, server):
    assert run(project, "--strict").returncode == 1
    cache = json.loads((project / "links.json").read_text())
    assert cache[f"{server}/gone"]["status"] == 404
    started = time.monotonic()
    again = run(project, "--strict")  # answered from the cache: the slow page is not asked again
    assert again.returncode == 1 and time.monotonic() - started < 2.5
    assert again.stdout == run(project).stdout


def test_archive_prints_the_lines_to_add(project, server):
    result = run(project, "--archive", "--wayback-api", f"{server}/wayback/available")
    assert "## Archived copies to add" in result.stdout
    assert "  archive_url: https://web.archive.org/web/20240102030405/x\n  archive_date: 2024-01-02" in result.stdout
    assert str(Path("content/sources/ok.yaml")) not in result.stdout.split("## Archived copies to add")[1]
