"""Strict, safe YAML reading that keeps what people wrote and where they wrote it.

libyaml (CSafeLoader's parser) builds the node tree fast; we turn nodes into values ourselves so that:
- only true/false, null/~/empty and decimal integers change type; '2026-01-16', 'NO' and '1.10'
  stay the strings written (PyYAML would make a date, False and 1.1 of them);
- duplicate keys, unknown tags, recursive aliases and alias bombs are errors, not surprises;
- every value keeps its line and column, so schema errors can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .paths import UnsafePathError, read_limited
from .problems import Problem

try:  # the C parser is ~8x faster on large corpora; fall back where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024  # a content file is a few KB; anything near this is a mistake
MAX_NODES = 100_000  # bound on values built, alias expansions included (stops alias bombs)
MAX_DEPTH = 64  # content is at most a few levels deep; deeper nesting is an error, not a crash
# Whole numbers longer than this are a mistake (content numbers are offsets and figures up to 10^18); it also
# stays far below Python's int-string limit (4,300 digits), which would otherwise raise mid-load.
MAX_INT_DIGITS = 30

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq",
                                          "merge", "value")}


@dataclass(slots=True)
class Loaded:
    """A YAML document as plain values, plus a way to locate any value (1-based line, column).

    Positions are looked up only when a problem is reported, so valid files pay nothing for them: the loader
    drops the node tree of a file once it validates (``release``), and a later lookup parses the file again.
    """

    data: Any
    node: yaml.Node | None = None
    source: Path | None = None  # where to parse the tree again after release()

    def release(self) -> None:
        """Drop the node tree (a few hundred bytes per value); positions are re-derived from ``source``."""
        self.node = None

    def _tree(self) -> yaml.Node | None:
        """The node tree, parsed again from ``source`` when it was released (None if the file changed since)."""
        if self.node is None and self.source is not None:
            again, _ = load_yaml_file(self.source)
            if again is not None and again.data == self.data:  # a file edited meanwhile: no wrong positions
                self.node = again.node
        return self.node

    def _walk(self, path: Path_) -> list[tuple[yaml.Node | None, yaml.Node]]:
        """(key node, value node) pairs from the root down the path, as far as it exists."""
        node = self._tree()
        steps: list[tuple[yaml.Node | None, yaml.Node]] = [(None, node)] if node is not None else []
        for part in path:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part),
                             None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                child = (None, node.value[part])
            if child is None:
                break
            steps.append(child)
            node = child[1]
        return steps

    def mark(self, path: Path_, key: bool = False) -> Mark:
        """Position of the value (or its key) at path, else of the nearest enclosing value."""
        steps = self._walk(tuple(path))
        if not steps:
            return (1, 1)
        key_node, value_node = steps[-1]
        complete = len(steps) == len(path) + 1
        if key and complete and key_node is not None:
            return _pos(key_node)
        return _pos(value_node)


class _LoadError(Exception):
    def __init__(self, mark: Mark, field_name: str, message: str) -> None:
        super().__init__(message)
        self.mark, self.field_name, self.message = mark, field_name, message


def _pos(node: yaml.Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


def dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Builder:
    """Turns a composed node graph into values, enforcing the bounds."""

    def __init__(self) -> None:
        self.count = 0
        self.active: set[int] = set()

    def build(self, node: yaml.Node, path: Path_ = ()) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _LoadError(_pos(node), dotted(path) or "yaml",
                             f"more than {MAX_NODES} values (aliases expanded); refusing to load")
        if len(path) > MAX_DEPTH:
            raise _LoadError(_pos(node), dotted(path), f"nested deeper than {MAX_DEPTH} levels")
        if node.tag not in _ALLOWED_TAGS:
            raise _LoadError(_pos(node), dotted(path) or "yaml", f"YAML tag '{node.tag}' is not allowed")
        if isinstance(node, yaml.ScalarNode):
            value = self._scalar(node)
            if isinstance(value, int) and len(node.value.lstrip("+-")) > MAX_INT_DIGITS:
                raise _LoadError(_pos(node), dotted(path) or "yaml", f"a number of {len(node.value.lstrip('+-'))} "
                                 f"digits is too long (at most {MAX_INT_DIGITS})")
            return value
        if id(node) in self.active:
            raise _LoadError(_pos(node), dotted(path) or "yaml", "recursive alias")
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            return self._mapping(node, path)
        finally:
            self.active.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _LoadError(_pos(key_node), dotted(path) or "yaml", "a key must be a plain word")
            key = key_node.value
            child = (*path, key)
            if key in result:
                first = next(k for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.value == key)
                raise _LoadError(_pos(key_node), dotted(child),
                                 f"duplicate key '{key}' (first at line {_pos(first)[0]})")
            result[key] = self.build(value_node, child)
        return result

    @staticmethod
    def _scalar(node: yaml.ScalarNode) -> Any:
        text = node.value
        if node.style or node.tag == _TAG + "str":  # quoted, block or explicitly a string
            return text
        if text in _NULLS:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        if _INT.fullmatch(text):
            # past the limit: a placeholder the caller reports (int() of 5,000 digits raises ValueError)
            return int(text) if len(text) <= MAX_INT_DIGITS + 1 else 0
        return text


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        return None, [Problem(display, line, column, "file", f"not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8")]


def load_yaml_text(text: str, display: str) -> tuple[Loaded | None, list[Problem]]:
    """Parse one YAML document; return it with positions, or the problems that stopped it."""
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        return None, [Problem(display, 1, 1, "file", "the file is empty")]
    try:
        node = yaml.compose(text, Loader=_BaseLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "cannot be read"
        if mark and mark.index < len(text) and text[mark.index] == "\t":
            reason += " (a tab: indent YAML with spaces)"
        elif reason.startswith("mapping values are not allowed"):
            from .hints import quote_hint

            quoted = quote_hint(text, line)
            reason += f" (a colon inside a value: put the value in quotes, {quoted})" if quoted else ""
        return None, [Problem(display, line, column, "yaml", f"YAML syntax error: {reason}")]
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        return None, [Problem(display, 1, 1, "yaml", f"YAML syntax error: {error}")]
    if node is None:
        return None, [Problem(display, 1, 1, "file", "the file is empty")]
    builder = _Builder()
    try:
        loaded = Loaded(builder.build(node), node)
    except _LoadError as error:
        return None, [Problem(display, error.mark[0], error.mark[1], error.field_name, error.message)]
    except RecursionError:
        return None, [Problem(display, 1, 1, "yaml", "nested too deeply")]
    return loaded, []


def read_yaml_bytes(path: Path, display: str | None = None) -> tuple[bytes | None, list[Problem]]:
    """The raw bytes of a content file, read with every bound applied (size, symlinks, special files)."""
    display = display or str(path)
    try:
        return read_limited(path, MAX_BYTES), []
    except UnsafePathError as error:
        return None, [Problem(display, 1, 1, "file", str(error))]
    except OSError as error:
        return None, [Problem(display, 1, 1, "file", f"cannot be read: {error.strerror or error}")]


def load_yaml_bytes(raw: bytes, display: str, source: Path | None = None) -> tuple[Loaded | None, list[Problem]]:
    """Decode and parse the bytes of a YAML file (``source``: where they were read, for positions later)."""
    text, problems = _decode(raw, display)
    if text is None:
        return None, problems
    if "\x00" in text:
        before = text[: text.index("\x00")]
        return None, [Problem(display, before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1,
                              "file", "contains a NUL byte: this is not a text file")]
    loaded, problems = load_yaml_text(text, display)
    if loaded is not None:
        loaded.source = source
    return loaded, problems


def load_yaml_file(path: Path, display: str | None = None) -> tuple[Loaded | None, list[Problem]]:
    """Read, decode and parse a YAML file with every bound applied."""
    display = display or str(path)
    raw, problems = read_yaml_bytes(path, display)
    if raw is None:
        return None, problems
    return load_yaml_bytes(raw, display, path)
