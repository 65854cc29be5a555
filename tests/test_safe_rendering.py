"""No content string can add an element, an attribute or a script to a page, and no input crashes the loader.

Property-based: hypothesis puts arbitrary text into every text field of the fixture records, renders the
pages, turns their Markdown into HTML with the site's own Markdown extensions, and compares the elements and
attributes with those of a plain rendering.
"""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from build_scripts.content import Content
from build_scripts.loader import load
from build_scripts.models import RECORD_TYPES
from build_scripts.pages import render

from .conftest import FIXTURE

TEXT_FIELDS = {"title", "summary", "body", "name", "description", "text", "short", "claimant", "explanation",
               "locator", "quote", "note", "publisher", "via", "notes", "short_name", "country"}
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]


def fixture_data() -> list[tuple[type, dict]]:
    out = []
    for record_type in RECORD_TYPES:
        for file in sorted((FIXTURE / record_type.folder).glob("*.yaml")):
            out.append((record_type, load(file, file.name)[0].data))
    return out


def replace_text(value, new: str):
    if isinstance(value, dict):
        return {k: new if k in TEXT_FIELDS and isinstance(v, (str, dict)) else replace_text(v, new)
                for k, v in value.items()}
    if isinstance(value, list):
        return [replace_text(v, new) for v in value]
    return value


def content_with(new: str) -> Content:
    content = Content()
    for record_type, data in fixture_data():
        data = replace_text(data, new)
        record = record_type.model_validate(data)
        content.of(record_type)[record.id] = record
    return content


class Shape(html.parser.HTMLParser):
    """The set of (element, attribute) pairs in a page: what the templates, not the content, decide."""

    def __init__(self) -> None:
        super().__init__()
        self.shape: set[tuple[str, str]] = set()

    def handle_starttag(self, tag, attrs):
        self.shape.add((tag, ""))
        self.shape.update((tag, name) for name, _ in attrs)


def page_shapes(content: Content) -> dict[str, set[tuple[str, str]]]:
    shapes = {}
    for path, data in render(content).items():
        if not path.endswith(".md"):
            continue
        text = data.decode()
        front, body = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S).groups()
        meta = yaml.safe_load(front)
        assert {"title", "description"} <= set(meta) <= {"title", "description", "edit_url", "jsonld", "search", "alternates"}
        assert "<" not in meta["title"] + meta["description"]
        # the theme prints the JSON-LD inside <script>: no content string may bring a "<" (or "</script>")
        assert "<" not in front
        parser = Shape()
        parser.feed(markdown.markdown(body, extensions=EXTENSIONS))
        shapes[path] = parser.shape
    return shapes


BASELINE = page_shapes(content_with("plain words"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.text(min_size=1, max_size=60),
    st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[link](javascript:x)",
                     "![img](http://x/y.png)", "{{ 7*7 }} {% raw %}", "</div></p><p>", "&lt;b&gt;", "**bold**",
                     "<!--", "```", "# heading", "| a | b |\n|---|---|", "\x02stash\x03", "https://auto.link",
                     '" onmouseover="x', "{: .class }", "</title><script>x</script>"]),
))
def test_text_never_changes_the_page_structure(new):
    try:
        content = content_with(new)
    except ValidationError:
        assume(False)  # the models reject it (control characters, blank text, too long): nothing to render
    shapes = page_shapes(content)
    for path, shape in shapes.items():
        assert shape <= BASELINE[path], f"{path}: {sorted(shape - BASELINE[path])}"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_loader_never_raises(tmp_path_factory, raw):
    file: Path = tmp_path_factory.mktemp("fuzz") / "x.yaml"
    file.write_bytes(raw)
    document, problems = load(file, "x.yaml")
    assert (document is None) == bool(problems)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"#%@`\n\t,?0")), max_size=120))
def test_loader_never_raises_on_yaml_like_text(tmp_path_factory, text):
    file: Path = tmp_path_factory.mktemp("fuzz") / "x.yaml"
    file.write_text(text)
    document, problems = load(file, "x.yaml")
    assert (document is None) == bool(problems)
