"""The few site settings the generator needs, read from `mkdocs.yml` so that they are written once.

`site_url` makes addresses absolute (canonical links, feeds, citations, ClaimReview); `repo_url` and
`edit_uri` give every generated page an "edit this page" link to the YAML behind it and a "report an error"
link to the repository's issue form. Each is optional: without it the pages simply leave those links out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import yaml


class _ConfigLoader(yaml.CSafeLoader):
    """mkdocs.yml may hold tags such as `!!python/name:` or `!ENV`; the generator needs none of them."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _environment(loader: yaml.Loader, node: yaml.Node) -> Any:
    """MkDocs' `!ENV NAME` and `!ENV [NAME, OTHER, default]`: the first variable that is set, else the
    default (which YAML reads as usual, so `null` is None)."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node))) or None
    *names, default = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in names:
        value = os.environ.get(str(item.value))
        if value:
            return value
    return os.environ.get(str(default.value)) or loader.construct_object(
        yaml.ScalarNode(loader.resolve(yaml.ScalarNode, default.value, (True, False)), default.value))


_ConfigLoader.add_constructor("!ENV", _environment)


@dataclass(frozen=True)
class Settings:
    site_name: str = "Chips and AI: the US–China record"
    site_url: str | None = None
    repo_url: str | None = None
    edit_uri: str = "edit/main/docs/"
    docs_dir: str = "docs"
    report_template: str = "report-an-error.yml"

    @classmethod
    def read(cls, config: Path) -> Settings:
        if not config.exists():
            return cls()
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
        if data.get("INHERIT"):  # MkDocs' config inheritance: the parent's settings, overridden by this file's
            parent = yaml.load((config.parent / data["INHERIT"]).read_text(encoding="utf-8"), Loader=_ConfigLoader)
            data = {**(parent or {}), **data}
        base = cls()
        return cls(site_name=data.get("site_name") or base.site_name,
                   site_url=(data.get("site_url") or "").rstrip("/") or None,
                   repo_url=(data.get("repo_url") or "").rstrip("/") or None,
                   edit_uri=data.get("edit_uri") or base.edit_uri,
                   docs_dir=data.get("docs_dir") or base.docs_dir)

    def edition(self, lang: str) -> Settings:
        """The settings of one edition: the English site at site_url, every other under site_url/<lang>/."""
        if lang == "en" or not self.site_url:
            return self
        return replace(self, site_url=f"{self.site_url}/{lang}")

    def url(self, path: str) -> str:
        """A page's address: absolute when site_url is set, else relative to the site's root."""
        return f"{self.site_url}/{path}" if self.site_url else path

    def edit_url(self, source_file: str) -> str | None:
        """The repository's editor for a file of the project (content/…yaml or a template), not docs/."""
        if not self.repo_url:
            return None
        branch_path = self.edit_uri.strip("/").removesuffix(self.docs_dir).strip("/")
        return f"{self.repo_url}/{branch_path}/{quote(source_file)}"

    def report_url(self, page_path: str, title: str) -> str | None:
        """The issue form 'report an error', with the page filled in (GitHub fills fields named by id)."""
        if not self.repo_url:
            return None
        query = urlencode({"template": self.report_template, "title": f"Error on: {title}",
                           "page": self.url(page_path)})
        return f"{self.repo_url}/issues/new?{query}"
