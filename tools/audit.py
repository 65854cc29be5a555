"""Lighthouse scores of the built site, served locally: `make audit` runs this after `make site`.

Serves site/ with `python -m http.server` on a free loopback port, runs the pinned Lighthouse (npm, in
node_modules/) in Debian's Chromium on the home page, the timeline and one claim page, prints the four
category scores as a table with every failing audit and the top performance opportunities, and writes
the full reports (JSON and HTML) to test-artifacts/lighthouse/ (git-ignored). Standard library only.

`python -m http.server` neither compresses nor sends cache headers, which costs about 1 s of First
Contentful Paint on Lighthouse's throttled mobile profile; `--compress` serves gzip and a year's cache
on assets/, as static hosts do, to see the score a reader would get. The performance score moves from run
to run: `--runs 3` audits each page three times and keeps the run with the median performance score.

Exit status: 0 when every page was audited (scores below target are reported, not fatal, since the
performance score moves from run to run), 1 when Lighthouse or the server failed, 2 on a usage error.
With --strict it also exits 1 when a score is below its target.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# The targets, as Lighthouse scores (0-100).
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 95}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
# Audits that carry no pass/fail of their own.
NOT_SCORED = {"informative", "notApplicable", "manual", "error"}


def pages(site: Path) -> dict[str, str]:
    """The pages to audit, by short name: home, timeline and the first claim page."""
    claims = sorted(p.name for p in (site / "claims").glob("*.html") if p.name != "index.html")
    if not claims:
        raise SystemExit(f"audit: no claim page in {site / 'claims'}")
    return {"home": "index.html", "timeline": "timeline/index.html", "claim": f"claims/{claims[0]}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """What a static host does: gzip for text, a long cache lifetime for Material's hashed assets."""

    TEXT = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
            "image/svg+xml", "application/xml", "text/xml"}

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        data = path.read_bytes()
        ctype = self.guess_type(str(path))
        compress = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.split(";")[0] in self.TEXT
        if compress:
            data = gzip.compress(data, 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        if "/assets/" in self.path:
            self.send_header("Cache-Control", "max-age=31536000, immutable")
        self.end_headers()
        return io.BytesIO(data)


class Server:
    """`python -m http.server` from site/, in the background (or, with compress, a gzip server thread)."""

    def __init__(self, site: Path, port: int, compress: bool):
        self.port, self.process, self.httpd = port, None, None
        if compress:
            handler = functools.partial(CompressingHandler, directory=str(site))
            self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
            threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        else:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_until_up()

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise SystemExit(f"audit: http.server exited with status {self.process.returncode}"
                                 f" (port {self.port})")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/index.html", timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"audit: http.server did not answer on port {self.port}")

    def stop(self) -> None:
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def run_lighthouse(url: str, out: Path, preset: str) -> dict:
    """One Lighthouse run; writes out.report.json and out.report.html and returns the parsed JSON."""
    command = [str(LIGHTHOUSE), url, "--output=json", "--output=html", f"--output-path={out}",
               f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}", "--quiet"]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    report = out.with_name(out.name + ".report.json")
    if result.returncode != 0 or not report.exists():
        raise SystemExit(f"audit: Lighthouse failed on {url} (status {result.returncode})\n"
                         f"{result.stdout}{result.stderr}")
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise SystemExit(f"audit: Lighthouse runtime error on {url}: {data['runtimeError']}")
    return data


def score(report: dict, category: str) -> int | None:
    value = report["categories"][category]["score"]
    return None if value is None else round(value * 100)


def failing(report: dict, category: str) -> list[str]:
    """The scored audits of a category that did not pass, one line each."""
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if audit["scoreDisplayMode"] in NOT_SCORED or audit["score"] is None or audit["score"] >= 1:
            continue
        if category == "performance" and ref.get("group") != "metrics":
            continue  # performance: the metrics here, the opportunities below
        shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
        lines.append(f"{ref['id']}: {audit['title']}{shown} [score {audit['score']:.2f}]")
    return lines


def opportunities(report: dict, limit: int = 5) -> list[str]:
    """The performance audits with the largest estimated savings, largest first."""
    found = []
    for ref in report["categories"]["performance"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        # "hidden" holds Lighthouse 12's insight audits, which repeat the diagnostics under new names.
        if ref.get("group") in ("metrics", "hidden") or audit["score"] is None or audit["score"] >= 1:
            continue
        if audit["scoreDisplayMode"] in ("notApplicable", "manual", "error"):
            continue
        savings = audit.get("metricSavings") or {}
        millis = max((v for k, v in savings.items() if k in ("FCP", "LCP", "TBT")), default=0)
        if millis <= 0:
            continue
        shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
        found.append((millis, f"{ref['id']}: {audit['title']}{shown} [~{millis:.0f} ms]"))
    return [line for _, line in sorted(found, key=lambda item: -item[0])[:limit]]


def table(rows: dict[str, dict[str, int | None]]) -> str:
    width = max(len(name) for name in rows) + 2
    header = "page".ljust(width) + "".join(c.rjust(16) for c in CATEGORIES)
    lines = [header, "-" * len(header)]
    for name, scores in rows.items():
        cells = []
        for category in CATEGORIES:
            value = scores[category]
            mark = "" if value is not None and value >= TARGETS[category] else " *"
            cells.append(("-" if value is None else str(value) + mark).rjust(16))
        lines.append(name.ljust(width) + "".join(cells))
    targets = ", ".join(f"{c} {'>=' if t < 100 else '='} {t}" for c, t in TARGETS.items())
    lines.append(f"(* below target; targets: {targets})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "lighthouse",
                        help="where the reports go (default: test-artifacts/lighthouse/)")
    parser.add_argument("--port", type=int, default=0, help="port for http.server (default: a free one)")
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile",
                        help="Lighthouse's form factor and throttling (default: mobile, as PageSpeed)")
    parser.add_argument("--compress", action="store_true",
                        help="serve gzip and cache headers as a static host does, not plain http.server")
    parser.add_argument("--runs", type=int, default=1,
                        help="Lighthouse runs per page; the median by performance score is kept (default 1)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a score is below its target")
    args = parser.parse_args(argv)

    site = args.site.resolve()
    if not (site / "index.html").exists():
        print(f"audit: {site}/index.html is missing: run 'make site' first", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.exists():
        print("audit: Lighthouse is missing: run 'npm ci' (make audit does this)", file=sys.stderr)
        return 2
    chrome = os.environ.get("CHROME_PATH", CHROMIUM)
    if not (Path(chrome).exists() or shutil.which(chrome)):
        print(f"audit: Chromium is missing at {chrome}: run 'apt-get install -y chromium'", file=sys.stderr)
        return 2

    targets = pages(site)
    args.out.mkdir(parents=True, exist_ok=True)
    port = args.port or free_port()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    server = Server(site, port, args.compress)
    reports = {}
    try:
        for name, path in targets.items():
            url = f"http://127.0.0.1:{port}/{path}"
            runs = []
            for run in range(1, args.runs + 1):
                print(f"audit: {name} ({run}/{args.runs}): {url}", file=sys.stderr, flush=True)
                stem = name if args.runs == 1 else f"{name}-run{run}"  # no dot: Lighthouse cuts it
                runs.append(run_lighthouse(url, args.out / stem, args.preset))
            runs.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
            reports[name] = runs[len(runs) // 2]
            if args.runs > 1:
                scores = ", ".join(str(score(report, "performance")) for report in runs)
                print(f"audit: {name}: performance over {args.runs} runs: {scores}", file=sys.stderr)
    finally:
        server.stop()

    rows = {f"{name} ({targets[name]})": {c: score(r, c) for c in CATEGORIES} for name, r in reports.items()}
    version = next(iter(reports.values()))["lighthouseVersion"]
    served = "gzip server" if args.compress else "python -m http.server"
    median = f", median of {args.runs} runs" if args.runs > 1 else ""
    print(f"Lighthouse {version}, {args.preset}, {served}{median}; reports in {args.out}/")
    print(table(rows))
    below = False
    for name, report in reports.items():
        lines = []
        for category in CATEGORIES:
            value = score(report, category)
            below |= value is None or value < TARGETS[category]
            lines += [f"  {category}: {line}" for line in failing(report, category)]
        lines += [f"  opportunity: {line}" for line in opportunities(report)]
        if lines:
            print(f"\n{name} ({targets[name]}):")
            print("\n".join(lines))
    return 1 if args.strict and below else 0


if __name__ == "__main__":
    sys.exit(main())
