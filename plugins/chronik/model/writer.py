"""Every file Chronik writes goes through here: complete or not at all, schema header first."""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from pathlib import Path

import yaml

from .paths import schema_path

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temp file beside path, then rename it over path (never a half-written file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """atomic_write_bytes for UTF-8 text (line ends as given)."""
    atomic_write_bytes(path, text.encode("utf-8"))


@cache
def _field_order(kind: str) -> tuple[str, ...]:
    schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    return tuple(schema["properties"])


def ordered(data: dict, kind: str) -> dict:
    """Top-level keys in the schema's order (unknown keys last), so files diff cleanly."""
    order = _field_order(kind)
    known = {key: data[key] for key in order if key in data}
    return known | {key: value for key, value in data.items() if key not in known}


def schema_header(path: Path, kind: str) -> str:
    """The yaml-language-server line that lets editors check the file while people type."""
    target = os.path.relpath(schema_path(kind).resolve(), Path(path).resolve().parent)
    return f"# yaml-language-server: $schema={Path(target).as_posix()}\n"


def dump_yaml(data: dict) -> str:
    """YAML text that the strict loader reads back to the same values."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=100)


def render_yaml(path: Path, data: dict, kind: str) -> str:
    """The full text write_yaml would write (header + ordered YAML)."""
    return schema_header(path, kind) + dump_yaml(ordered(data, kind))


def write_yaml(path: Path, data: dict, kind: str) -> None:
    """Write a content file atomically, with the schema header and stable key order."""
    atomic_write_text(path, render_yaml(path, data, kind))
