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
# The list of renames of an unfinished multi-file write (write_batch); whoever takes the lock completes it.
JOURNAL_NAME = Path(".chronik") / "journal.json"


def _new_file_mode() -> int:
    """The mode a new file gets from open(): 0o666 less the umask (mkstemp would give 0o600)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _staged(path: Path, data: bytes, *, sync: bool = True) -> Path:
    """A complete temp file beside path holding data, with the mode path has (or a new file's); fsynced unless
    the caller syncs many at once (write_batch)."""
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
            if sync:
                os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temp file beside path, then rename it over path (never a half-written file).

    The file keeps the mode it had (a new one gets the usual 0o666 less umask, not mkstemp's 0o600)."""
    path = Path(path)
    tmp = _staged(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
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


# -- many files as one: temp files, a journal, the renames, then the journal goes ------------------------------


def write_batch(content: Path, changes: list[tuple[Path, bytes | None]]) -> None:
    """Write (bytes) or delete (None) many files of a content folder so that a crash leaves either the old
    state or, once the next run has completed the journal, the new one: never an article without its
    metadata or a reference to an entity not yet written. Call it holding content_lock."""
    content = Path(content)
    steps: list[dict[str, str]] = []
    try:
        for path, data in changes:
            target = _relative(content, path)
            if data is None:
                steps.append({"delete": target})
            else:
                steps.append({"rename": _relative(content, _staged(Path(path), data, sync=False)), "to": target})
        _sync_all([content / step["rename"] for step in steps if "rename" in step])
    except BaseException:  # nothing renamed yet: the old state stands
        for step in steps:
            if "rename" in step:
                (content / step["rename"]).unlink(missing_ok=True)
        raise
    atomic_write_text(content / JOURNAL_NAME, json.dumps({"steps": steps}, ensure_ascii=False, indent=1) + "\n")
    roll_forward(content)


# Up to this many temp files are fsynced one by one; more are flushed by one sync() of the file systems (one
# journal commit instead of thousands: an extract of a long article writes a few thousand files).
SYNC_ONE_BY_ONE = 16


def _sync_all(paths: list[Path]) -> None:
    """Every temp file of a batch on disk before the journal names it (a power cut leaves no empty file)."""
    if len(paths) > SYNC_ONE_BY_ONE:
        os.sync()
        return
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _relative(content: Path, path: Path) -> str:
    return Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(content))).as_posix()


def _journal_steps(content: Path) -> list[dict[str, str]]:
    """The steps of the journal, each checked: inside the content folder, a temp file beside its target."""
    journal = content / JOURNAL_NAME
    try:
        steps = json.loads(journal.read_text(encoding="utf-8"))["steps"]
        folders: set[Path] = set()
        for step in steps:
            target = content / step.get("to", step.get("delete", ""))
            check_inside(content, target, leaf=None, folders=folders)
            if "rename" in step:
                tmp = content / step["rename"]
                if tmp.parent != target.parent or not LEFTOVER.fullmatch(tmp.name):
                    raise ValueError(f"{step['rename']} is not a temp file beside {step['to']}")
        return steps
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise UnsafePathError(f"{journal}: an unfinished write's journal that cannot be used ({error}); "
                              "check the content folder, then delete the journal") from None


def roll_forward(content: Path) -> int:
    """Complete an unfinished write_batch (its journal lists every rename and deletion); how many steps ran."""
    content = Path(content)
    if not (content / JOURNAL_NAME).exists():
        return 0
    done, folders = 0, set()
    for step in _journal_steps(content):
        if "rename" in step:
            tmp = content / step["rename"]
            if tmp.exists():  # else renamed before the crash
                os.replace(tmp, content / step["to"])
                done += 1
            folders.add(tmp.parent)
        else:
            target = content / step["delete"]
            if os.path.lexists(target):
                target.unlink()
                done += 1
            folders.add(target.parent)
    for folder in folders:  # the renames are durable before the journal goes
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    (content / JOURNAL_NAME).unlink()
    return done


def unfinished_journal(content: Path) -> str | None:
    """What `chronik validate` says about a journal no running chronik holds (a run was killed mid-write)."""
    journal, lock = Path(content) / JOURNAL_NAME, Path(content) / LOCK_NAME
    if not journal.is_file() or lock.is_symlink():
        return None
    fd = os.open(lock, os.O_RDONLY) if lock.is_file() else None
    try:
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return None  # a run is writing right now: its journal is not unfinished
        if not journal.is_file():
            return None
        return (f"{journal}: a chronik run was stopped while writing several files; some hold the new version, "
                "some the old. The next `chronik extract`, `new`, `merge` or `remove` completes the write first")
    finally:
        if fd is not None:
            os.close(fd)


@contextlib.contextmanager
def content_lock(content: Path, out: TextIO | None = None) -> Iterator[None]:
    """Hold the content folder's exclusive lock (read–merge–write must not interleave with another run).

    A second run waits, saying so once on `out` (stderr by default); the lock goes with the process, so a
    killed run never leaves the folder locked. On entry an unfinished multi-file write is completed
    (roll_forward), then other temp files of a killed run are removed."""
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
        roll_forward(Path(content))  # before the leftovers go: the journal's temp files are the new version
        remove_leftovers(Path(content))
        yield
    finally:
        os.close(fd)  # closing releases the lock
