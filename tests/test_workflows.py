"""The GitHub Actions workflows pass actionlint, and the pre-commit hook runs the content checks."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))


def actionlint(*files: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The pinned actionlint from requirements.txt, with only its own checks.

    `-shellcheck=` and `-pyflakes=` switch off the external linters actionlint runs on `run:` scripts when
    it finds them on PATH: whether they are installed, and which version, differs between machines, so the
    same workflow could pass here and fail there. The result depends only on the pinned actionlint."""
    binary = Path(sys.executable).parent / "actionlint"
    if not binary.exists():
        binary = Path(shutil.which("actionlint") or binary)
    assert binary.exists(), "actionlint is missing: run 'make' (it installs requirements.txt into .venv)"
    return subprocess.run([str(binary), "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", *files],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_expected_workflows_exist():
    assert {path.name for path in WORKFLOWS} >= {"check.yml", "pages.yml", "release.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_actionlint(workflow):
    result = actionlint(workflow.relative_to(ROOT).as_posix(), cwd=ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_reports_a_broken_workflow_at_its_line(tmp_path):
    """Proof that the test above can fail: a misspelt key is reported with its file and line."""
    (tmp_path / "broken.yml").write_text(
        "name: broken\n"
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    timout-minutes: 10\n"
        "    steps:\n"
        "      - run: echo hello\n")
    result = actionlint("broken.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith('broken.yml:6:5: unexpected key "timout-minutes" for "job" section'), \
        result.stdout
    assert len(result.stdout.splitlines()) == 1


def _load(workflow: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / workflow).read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _uses(job: dict) -> list[str]:
    return [step["uses"] for step in job.get("steps", []) if "uses" in step]


def test_pull_requests_run_the_checks_the_tests_and_both_builds():
    check = _load("check.yml")
    assert "pull_request" in check["on"]
    runs = [step.get("run", "") for job in check["jobs"].values() for step in job["steps"]]
    for command in ("build_scripts check --format github", "make site", "make offline", "make test"):
        assert any(command in run for run in runs), command


def test_main_deploys_to_pages_and_keeps_the_offline_zip():
    pages = _load("pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert "make site" in runs and "make offline" in runs
    uses = _uses(build)
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site-offline.zip"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(u.startswith("actions/deploy-pages@") for u in _uses(deploy))


def test_every_action_is_pinned_to_a_major_tag():
    for workflow in WORKFLOWS:
        data = _load(workflow.name)
        for job in data["jobs"].values():
            for uses in _uses(job):
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", uses), f"{workflow.name}: {uses}"


def test_pre_commit_hook_runs_the_content_check_when_content_changes():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    local = next(repo for repo in config["repos"] if repo["repo"] == "local")
    hook = next(hook for hook in local["hooks"] if hook["id"] == "content-check")
    assert shlex.split(hook["entry"])[-3:] == ["-m", "build_scripts", "check"]
    assert hook["pass_filenames"] is False
    assert hook["language"] in ("system", "python")
    files = re.compile(hook["files"])
    assert files.search("content/events/x.yaml")
    assert files.search("build_scripts/checks.py")
    assert not files.search("docs/x.md")
    assert not files.search("tests/fixtures/content/events/x.yaml")
