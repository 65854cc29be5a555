"""The generator's shape: one concern per module, importing only downward, none too long to read."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .conftest import ROOT

VENV_BIN = Path(__import__("sys").executable).parent
MAX_LINES = 300


def test_the_layers_contract_holds():
    """pyproject.toml lists the layers; an import that runs upward or in a circle breaks the contract."""
    result = subprocess.run([str(VENV_BIN / "lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    """The contract can fail: a copy of the package in which the models import the pages breaks it."""
    package = tmp_path / "build_scripts"
    package.mkdir()
    for module in (ROOT / "build_scripts").glob("*.py"):
        (package / module.name).write_text(module.read_text())
    models = package / "models.py"
    models.write_text(models.read_text() + "\nfrom . import pages  # noqa: E402,F401\n")
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    result = subprocess.run([str(VENV_BIN / "lint-imports"), "--no-cache"], cwd=tmp_path, capture_output=True,
                            text=True, env={"PYTHONPATH": str(tmp_path), "PATH": str(VENV_BIN)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "build_scripts.models -> build_scripts.pages" in result.stdout


def test_no_module_is_too_long():
    long = {m.name: n for m in (ROOT / "build_scripts").glob("*.py")
            if (n := len(m.read_text().splitlines())) > MAX_LINES}
    assert long == {}
