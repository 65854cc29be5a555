"""`make serve` end to end: the watcher and tools/serve.py (MkDocs' development server told of changes by the
system). A saved YAML edit reaches the served page; the server's own reading of docs/ does not start another
build; stopped, it deletes its temporary site."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from .conftest import FIXTURE, HAND_WRITTEN, OVERRIDES, ROOT, run_cli
from .test_incremental import edit

PAGE = "events/2020-01-15-widget-rule.html"
BUILDING = "INFO    -  Building documentation..."


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Lines:
    """A process's output, read line by line in the background."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.seen: list[str] = []
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self._lines.put(line.rstrip("\n"))

    def until(self, *texts: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while True:
            line = self._lines.get(timeout=max(0.1, deadline - time.monotonic()))
            self.seen.append(line)
            if any(text in line for text in texts):
                return

    def quiet_for(self, seconds: float, limit: float = 30) -> list[str]:
        """Everything printed until nothing more came for `seconds` (or `limit` passed: a server rebuilding
        in a loop never goes quiet)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                self.seen.append(self._lines.get(timeout=seconds))
            except queue.Empty:
                return self.seen
        return self.seen


def served(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


def test_make_serve_shows_a_saved_edit_and_rebuilds_only_on_changes(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / OVERRIDES, tmp_path / OVERRIDES)
    for name in HAND_WRITTEN:
        shutil.copytree(ROOT / "docs" / name, tmp_path / "docs" / name)
    assert run_cli("build", cwd=tmp_path).returncode == 0  # as `make serve` does, before either starts
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)}
    port = free_port()
    watcher = subprocess.Popen([sys.executable, "-m", "build_scripts", "watch"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    server = subprocess.Popen([sys.executable, str(ROOT / "tools" / "serve.py"), "--dirty", "--dev-addr",
                               f"127.0.0.1:{port}"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        watched, log = Lines(watcher), Lines(server)
        watched.until("generated ", "nothing was written")  # the watcher's first build, from the cache
        log.until("Serving on http://")
        # Idle after its first build: reading docs/ (every page opened and closed) is not a change.
        assert log.quiet_for(3).count(BUILDING) == 1, log.seen
        assert "Example Agency restricts widget exports" in served(f"http://127.0.0.1:{port}/{PAGE}")

        edit(tmp_path / "content" / "events" / "2020-01-15-widget-rule.yaml", "restricts widget exports",
             "restricts widget exports (edited)")
        deadline = time.monotonic() + 60
        while "restricts widget exports (edited)" not in served(f"http://127.0.0.1:{port}/{PAGE}"):
            assert time.monotonic() < deadline and server.poll() is None, log.quiet_for(0.1)
            time.sleep(0.1)
        # One save: the watcher writes its pages, then the downloads and feeds; the server rebuilds for
        # them and then stays idle.
        builds = log.quiet_for(3).count(BUILDING)
        assert 2 <= builds <= 3, log.seen
        assert any("Reloading browsers" in line for line in log.seen)

        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0, log.quiet_for(0.1)
        assert list(temporary.iterdir()) == []  # MkDocs' temporary site, deleted on the way out
    finally:
        for process in (server, watcher):
            if process.poll() is None:
                process.kill()
            process.wait()
