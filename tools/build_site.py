"""Build the site from docs/ with either builder: `python tools/build_site.py mkdocs|zensical CONFIG SITE_DIR`.

Both editions: CONFIG (English, from docs/) into SITE_DIR, and its Chinese counterpart (`mkdocs.zh.yml` for
`mkdocs.yml`, `mkdocs.offline.zh.yml` for `mkdocs.offline.yml`: the same name with `.zh` before `.yml`, from
docs/zh/) into SITE_DIR/zh. The Chinese project's address is the English one's with `zh/` added
(SITE_URL_ZH, derived here from SITE_URL).

MkDocs takes the output folder on its command line; Zensical reads it only from the config, so for Zensical
a config is written beside CONFIG that sets `site_dir`. It is CONFIG with its INHERIT chain merged here, the
way MkDocs merges it (lists replaced): Zensical's own INHERIT appends lists, which would double the
navigation, the plugins and the assets of a config that inherits another. `!ENV` is resolved from the same
variables, so SITE_URL and REPO_URL reach either builder. `make site BUILDER=zensical` uses this.

The theme overrides that replace one of Material's partials whole (`MATERIAL_ONLY`) are left out of a
Zensical build: Zensical's interface has its own version of that partial, and Material's breaks it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

BIN = Path(sys.executable).parent
MATERIAL_ONLY = ("partials/search.html",)  # Material's search dialog, with an accessible name added


EDITIONS = ("zh",)


def flattened(config: Path, env: dict[str, str]) -> dict[str, Any]:
    """A config with its INHERIT chain merged as MkDocs merges it: mappings key by key, anything else (a
    list included) replaced by the child's; `!ENV` resolved from `env`."""
    class Loader(yaml.SafeLoader):
        pass

    def environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        *names, default = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for item in names:
            if env.get(str(item.value)):
                return env[str(item.value)]
        return env.get(str(default.value)) or yaml.safe_load(default.value)

    Loader.add_constructor("!ENV", environment)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=Loader) or {}
    parent = data.pop("INHERIT", None)
    return _merge(flattened(config.parent / parent, env), data) if parent else data


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(parent)
    for key, value in child.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def main(builder: str, config: str, site_dir: str) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if env.get("SITE_URL"):
        env["SITE_URL_ZH"] = env["SITE_URL"].rstrip("/") + "/zh/"
    if builder not in ("mkdocs", "zensical"):
        print(f"unknown builder '{builder}': use mkdocs or zensical", file=sys.stderr)
        return 2
    # English first: a builder empties its output folder, and the Chinese one lives inside the English one.
    result = build(builder, config, site_dir, env)
    for lang in EDITIONS:
        edition = str(Path(config).with_suffix(f".{lang}.yml"))
        result = result or build(builder, edition, os.path.join(site_dir, lang), env)
    return result


def build(builder: str, config: str, site_dir: str, env: dict[str, str]) -> int:
    if builder == "mkdocs":
        command = [str(BIN / "mkdocs"), "build", "--strict", "--config-file", config, "--site-dir", site_dir]
        return subprocess.run(command, env=env).returncode
    else:
        generated = Path(config).with_name(f".zensical-{Path(config).stem}.yml")
        overrides = generated.with_name(".zensical-overrides")
        shutil.rmtree(overrides, ignore_errors=True)
        shutil.copytree(generated.with_name("overrides"), overrides)
        for name in MATERIAL_ONLY:
            (overrides / name).unlink(missing_ok=True)
        # Zensical merges INHERIT by appending lists (nav, plugins, extra_css would be doubled); MkDocs replaces
        # them. So the chain is merged here, the MkDocs way, into one config without INHERIT.
        data = flattened(Path(config), env)
        data["site_dir"] = os.path.relpath(site_dir, generated.parent)
        data.setdefault("theme", {})["custom_dir"] = overrides.name
        generated.write_text("# Written by tools/build_site.py for one Zensical build; safe to delete.\n"
                             + yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        try:
            result = subprocess.run([str(BIN / "zensical"), "build", "--strict", "--clean", "--config-file",
                                     str(generated)], env=env, capture_output=True, text=True)
        finally:
            generated.unlink(missing_ok=True)
            shutil.rmtree(overrides, ignore_errors=True)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.returncode


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
