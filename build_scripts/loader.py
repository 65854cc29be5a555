"""Read one content file into plain data, keeping each value's position for error messages.

PyYAML's `CSafeLoader` does the parsing (libyaml, about 9x faster than `yaml.safe_load`). Around it we
refuse what PyYAML would accept silently: duplicate keys (it keeps the last one, which loses data),
aliases (a "billion laughs" file expands without limit), and nesting deep enough to exhaust the stack.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file, printed as `file:line:column: field: message`. A warning is printed with
    `warning:` in front of the field and does not fail the check."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        level = "" if self.is_error else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.column}: {level}{field}{self.message}"


class _Loader(yaml.CSafeLoader):
    """CSafeLoader that leaves dates as text: the models parse them, so that `2023-02-30` becomes a
    located error instead of a crash, and so `2019`, `2019-05` and `2019-05-15` go through one path."""


_Loader.add_constructor(_TIMESTAMP, yaml.constructor.SafeConstructor.construct_yaml_str)


def format_field(loc: tuple[str | int, ...]) -> str:
    """`("citations", 1, "source")` -> `citations[1].source`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def did_you_mean(word: str, choices: list[str] | set[str]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def digest(data: bytes) -> str:
    """A short fingerprint of some bytes: what the incremental build compares between builds."""
    return hashlib.blake2b(data, digest_size=12).hexdigest()


@dataclass
class Document:
    """A parsed file: its data plus the node tree that knows where every value came from."""

    path: str
    data: Any
    node: yaml.Node | None
    source: str = ""  # the file's text, to place an error inside a long text value

    @functools.cached_property
    def fingerprint(self) -> str:
        """The file's text as a digest, worked out once per loaded file: the watcher keeps loaded files between
        rebuilds, so an edit costs the digest of the edited file only."""
        return digest(self.source.encode())

    def find(self, loc: tuple[str | int, ...], *, key: bool = False) -> yaml.Node | None:
        """The node at `loc`, or the deepest existing ancestor. With `key`, a mapping entry's key node."""
        node = self.node
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == str(part):
                        node = key_node if (key and last) else value_node
                        break
                else:
                    return node
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                return node
        return node

    def problem(self, loc: tuple[str | int, ...], message: str, *, key: bool = False,
                at: tuple[int, int] | None = None, severity: str = "error") -> Problem:
        """A problem at `loc`; `at` (line, column) places it inside the value, where `locate` found it."""
        node = self.find(loc, key=key)
        line, column = at or ((node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1))
        return Problem(self.path, line, column, format_field(loc), message, severity)

    def _text_node(self, loc: tuple[str | int, ...]) -> yaml.Node | None:
        node = self.find(loc)
        if isinstance(node, yaml.MappingNode):  # {en: ..., zh: ...}: the English text
            node = next((value for key, value in node.value if key.value == "en"), None)
        return node if isinstance(node, yaml.ScalarNode) else None

    def _position(self, index: int) -> tuple[int, int]:
        line = self.source.count("\n", 0, index) + 1
        return line, index - (self.source.rfind("\n", 0, index) + 1) + 1

    def locate(self, loc: tuple[str | int, ...], needle: str, occurrence: int = 0) -> tuple[int, int] | None:
        """Where the `occurrence`-th copy of `needle` is written inside the text at `loc`, as (line, column);
        None when it cannot be found as written (split over lines, or escaped), so the value's start is used."""
        node = self._text_node(loc)
        if node is None:
            return None
        index = node.start_mark.index
        for _ in range(occurrence + 1):
            index = self.source.find(needle, index, node.end_mark.index)
            if index < 0:
                return None
            index += 1
        return self._position(index - 1)

    def paragraph(self, loc: tuple[str | int, ...], number: int) -> tuple[int, int] | None:
        """Where paragraph `number` (from 0) of the text at `loc` starts: its first non-blank character."""
        node = self._text_node(loc)
        if node is None:
            return None
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in ("|", ">"):  # the text starts on the line after the indicator
            start = self.source.find("\n", start, end) + 1
        elif node.style in ("'", '"'):
            start += 1
        found, blank = -1, True
        index = start
        for line in self.source[start:end].splitlines(keepends=True):
            if line.strip() and blank:
                found += 1
                if found == number:
                    return self._position(index + len(line) - len(line.lstrip()))
            blank = not line.strip().strip("'\"")
            index += len(line)
        return None


def _mark_problem(path: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    message = " ".join(filter(None, [error.context, error.problem])) or "invalid YAML"
    if "tab" in message:
        message += "; indent with spaces, not tabs"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(path, line, column, "", f"invalid YAML: {message}")


def _structure_problems(path: str, root: yaml.Node) -> list[Problem]:
    """Duplicate keys, aliases and excessive depth, found in one walk over the node tree."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        mark = node.start_mark
        if id(node) in seen:
            # libyaml hands back the anchored node again for every alias
            problems.append(Problem(path, mark.line + 1, mark.column + 1, "",
                                    "YAML anchors and aliases (&name, *name) are not allowed in content files"))
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            problems.append(Problem(path, mark.line + 1, mark.column + 1, "",
                                    f"nesting is deeper than {MAX_DEPTH} levels"))
            continue
        if isinstance(node, yaml.MappingNode):
            keys: dict[tuple[str, str], yaml.Node] = {}
            for key_node, value_node in node.value:
                ident = (key_node.tag, str(key_node.value))
                if ident in keys:
                    first = keys[ident].start_mark.line + 1
                    problems.append(Problem(
                        path, key_node.start_mark.line + 1, key_node.start_mark.column + 1, str(key_node.value),
                        f"duplicate key '{key_node.value}' (first given on line {first}); YAML would keep only the last",
                    ))
                else:
                    keys[ident] = key_node
                stack.append((value_node, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
    return sorted(problems)


def load(file: Path, display_path: str) -> tuple[Document | None, list[Problem]]:
    """Parse `file`. Returns the document, or None and the reasons it could not be read."""
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [Problem(display_path, 1, 1, "",
                              f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(display_path, line, column, "",
                              f"file is not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded; save it as UTF-8")]
    text = text.removeprefix("\ufeff")  # a byte-order mark from a Windows editor is harmless
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(display_path, 1, 1, "", "file is empty; expected a mapping of fields")]
        problems = _structure_problems(display_path, node)
        if problems:
            return None, problems
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        return None, [_mark_problem(display_path, error)]
    except yaml.YAMLError as error:
        return None, [Problem(display_path, 1, 1, "", f"invalid YAML: {error}")]
    except RecursionError:
        return None, [Problem(display_path, 1, 1, "", f"nesting is deeper than {MAX_DEPTH} levels")]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        mark = node.start_mark
        return None, [Problem(display_path, mark.line + 1, mark.column + 1, "",
                              f"expected a mapping of fields at the top level, found {describe(node)}")]
    return Document(display_path, data, node, text), []


_TAG_NAMES = {
    "tag:yaml.org,2002:bool": "the boolean",
    "tag:yaml.org,2002:int": "the number",
    "tag:yaml.org,2002:float": "the number",
    "tag:yaml.org,2002:null": "an empty value",
}


def describe(node: yaml.Node | None) -> str:
    """Say what YAML made of a value, in the words a contributor needs to fix it."""
    if node is None:
        return "nothing"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _STR or node.tag == _TIMESTAMP:
        return f"the text '{node.value}'"
    if node.tag == "tag:yaml.org,2002:null":
        return "an empty value"
    value = yaml.safe_load(node.value) if not node.style else node.value
    name = _TAG_NAMES.get(node.tag, "the value")
    shown = str(value).lower() if isinstance(value, bool) else value
    if str(shown) != node.value:
        return f"{name} {shown} (YAML reads an unquoted `{node.value}` that way)"
    return f"{name} {node.value}"
