"""Every file Chronik writes goes through here: complete or not at all, schema header first."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TextIO

import yaml

from .paths import UnsafePathError, check_inside, schema_path, unsafe_entries

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


# The temp files atomic_write_bytes makes: ".<name>.<8 random characters>.tmp" (tempfile's pattern).
LEFTOVER = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
LOCK_NAME = Path(".chronik") / "lock"


def _new_file_mode() -> int:
    """The mode a new file gets from open(): 0o666 less the umask (mkstemp would give 0o600)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temp file beside path, then rename it over path (never a half-written file).

    The file keeps the mode it had (a new one gets the usual 0o666 less umask, not mkstemp's 0o600)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
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


@cache
def _schema_dir_from(folder: Path) -> str:
    """The schema folder as a path relative to a content sub-folder (content/events/, content/entities/ …).

    It depends only on where the content sits in its checkout, never on where Chronik is installed: the
    nearest ancestor holding plugins/chronik/model/schema (the repository), else the usual layout
    (content/ beside plugins/), so every environment writes the same line."""
    repo_schemas = Path("plugins") / "chronik" / "model" / "schema"
    for ancestor in folder.parents:
        if (ancestor / repo_schemas).is_dir():
            return Path(os.path.relpath(ancestor / repo_schemas, folder)).as_posix()
    return (Path("..") / ".." / repo_schemas).as_posix()


def schema_header(path: Path, kind: str) -> str:
    """The yaml-language-server line that lets editors check the file while people type."""
    folder = Path(os.path.abspath(Path(path).parent))
    return f"# yaml-language-server: $schema={_schema_dir_from(folder)}/{kind}.schema.json\n"


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


def check_writable(content: Path, *paths: Path) -> None:
    """Raise UnsafePathError (naming the path) unless every path lies inside the content folder with no
    symlink on the way: a linked folder or file must never make Chronik write or delete outside it."""
    for path in paths:
        try:
            check_inside(content, path, leaf=None)
        except UnsafePathError as error:
            raise UnsafePathError(f"{path}: {error}; nothing was changed") from None


def check_tree_writable(content: Path) -> None:
    """check_writable for every file and folder a command rewriting many files may touch (content files and
    the extractor's records): refuse before the first write, so a command never stops half-way."""
    for folder in ("articles", "events", "entities", ".chronik"):
        path = Path(content) / folder
        if os.path.lexists(path):
            for found, reason in unsafe_entries(content, path):
                raise UnsafePathError(f"{found}: {reason}; nothing was changed")


def remove_leftovers(content: Path) -> list[Path]:
    """Delete the temp files a killed run left in a content folder (call it holding content_lock)."""
    removed = []
    folders = [content, *(p for p in content.glob("*") if p.is_dir()), *content.glob(".chronik/extracted/*")]
    for folder in folders:
        try:
            check_inside(content, folder, leaf="folder")
        except UnsafePathError:
            continue  # never delete through a linked folder
        for path in folder.glob(".*.tmp"):
            if LEFTOVER.fullmatch(path.name) and path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


@contextlib.contextmanager
def content_lock(content: Path, out: TextIO | None = None) -> Iterator[None]:
    """Hold the content folder's exclusive lock (read–merge–write must not interleave with another run).

    A second run waits, saying so once on `out` (stderr by default); the lock goes with the process, so a
    killed run never leaves the folder locked. Temp files of a killed run are removed on entry."""
    lock = Path(content) / LOCK_NAME
    check_writable(Path(content), lock)
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, _new_file_mode())
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another chronik run to finish with {content} (lock: {lock})",
                  file=out or sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        remove_leftovers(Path(content))
        yield
    finally:
        os.close(fd)  # closing releases the lock
