"""tools/translation.py: a sheet lists what has no Chinese yet, applying it adds the Chinese and nothing else,
and the guard tells a translation from any other change."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import yaml

from .conftest import FIXTURE, ROOT

_spec = importlib.util.spec_from_file_location("translation", ROOT / "tools" / "translation.py")
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)


def run(*args, root=ROOT):
    """The tool of the project at `root` (it works on the files of its own project)."""
    return subprocess.run([sys.executable, str(root / "tools" / "translation.py"), *args], cwd=root,
                          capture_output=True, text=True)


def test_a_sheet_lists_each_untranslated_field_and_applying_it_adds_only_the_chinese(tmp_path):
    event = tmp_path / "events" / "x.yaml"
    event.parent.mkdir()
    original = (FIXTURE / "events" / "2021-widget-milestone.yaml").read_text()
    english = yaml.safe_load(original)
    english["title"], english["summary"] = english["title"]["en"], english["summary"]["en"]
    event.write_text("# header comment\n" + yaml.safe_dump(english, allow_unicode=True, sort_keys=False))
    sheet = yaml.safe_load(run("export", str(event)).stdout)
    paths = [row["path"] for row in sheet[0]["fields"]]
    assert paths == ["title", "summary"]  # the change log's note already has its Chinese
    for row in sheet[0]["fields"]:
        row["zh"] = "中文" + row["path"]
    (tmp_path / "sheet.yaml").write_text(yaml.safe_dump(sheet, allow_unicode=True))
    assert run("apply", str(tmp_path / "sheet.yaml")).returncode == 0
    data = yaml.safe_load(event.read_text())
    assert data["title"] == {"en": english["title"], "zh": "中文title"}
    assert event.read_text().startswith("# header comment\n")
    assert tool._strip(data) == tool._strip(english)  # nothing but the translations moved
    assert yaml.safe_load(run("export", str(event)).stdout) == []


def test_a_quote_gets_its_translation_beside_it_not_in_place():
    data = {"source": "reuters-2019-05-15-huawei-entity-list", "quote": "adding Huawei"}
    tool._set({"citations": [data]}, "citations.0.quote", {"original": "adding Huawei", "language": "en", "zh": "将华为列入"})
    assert data == {"source": "reuters-2019-05-15-huawei-entity-list", "quote": "adding Huawei",
                    "translation": {"zh": "将华为列入"}}


def test_the_guard_tells_a_translation_from_another_change(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "tools", repo / "tools")
    shutil.copytree(ROOT / "build_scripts", repo / "build_scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "locale", repo / "locale")
    shutil.copytree(FIXTURE, repo / "content")
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, capture_output=True, text=True, check=True)  # noqa: E731
    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    event = repo / "content" / "events" / "2021-widget-milestone.yaml"
    event.write_text(event.read_text().replace("zh: 示例公司开始自行制造小部件。", "zh: 示例公司开始自己制造小部件。"))
    assert run("guard", "HEAD", root=repo).returncode == 0
    event.write_text(event.read_text().replace("began making widgets itself", "began making gadgets"))
    result = run("guard", "HEAD", root=repo)
    assert result.returncode == 1 and "2021-widget-milestone.yaml: changed beyond adding translations" in result.stderr
