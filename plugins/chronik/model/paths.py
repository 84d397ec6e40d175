"""Where the JSON Schemas live (a light module: importing it loads no validator)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

SCHEMA_DIR = Path(__file__).with_name("schema")


def schema_path(kind: str) -> Path:
    """The schema file for a kind of content file: article, event, entity (or common)."""
    return SCHEMA_DIR / f"{kind}.schema.json"


# -- reading content safely -------------------------------------------------------------------------
# A content pull request can carry symbolic links and special files: a link to ~/.ssh/id_rsa would be
# published verbatim on a source page, a link to /dev/zero would be read until memory runs out, and a
# linked folder would make the extractor write outside the content folder. So content is read only from
# regular files that are not links, below folders that are not links, and never past its size limit.


class UnsafePathError(ValueError):
    """A content path that Chronik refuses to read or write; the message says why in a reader's words."""


class TooLargeError(UnsafePathError):
    """A file past its size limit (read no further than the limit plus one byte)."""


def _kind(mode: int) -> str:
    for test, word in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return word
    return "not a regular file"


def check_inside(root: Path, path: Path, *, leaf: str | None = "file", folders: set[Path] | None = None) -> None:
    """Raise UnsafePathError unless ``path`` lies inside ``root`` and no part of it below ``root`` is a symlink.

    Parts that do not exist yet are fine (a writer creates them). ``leaf`` says what the last part must be
    when it exists: "file" (a regular file), "folder", or None (anything but a link). The root itself may
    be a link: that is the user's choice, made on the command line. ``folders`` (a set the caller keeps for one
    batch of paths) remembers the folders found real, so thousands of files in a few folders cost one lstat each.
    """
    root_abs, path_abs = Path(os.path.abspath(root)), Path(os.path.abspath(path))
    try:
        parts = path_abs.relative_to(root_abs).parts
    except ValueError:
        raise UnsafePathError(f"lies outside the content folder {root}") from None
    if ".." in parts:
        raise UnsafePathError(f"lies outside the content folder {root}")
    current = root_abs
    for index, part in enumerate(parts):
        current = current / part
        last = index == len(parts) - 1
        if not last and folders is not None and current in folders:
            continue
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return
        if stat.S_ISLNK(mode):
            raise UnsafePathError(f"{'is' if last else 'lies in'} a symbolic link ({current.relative_to(root_abs)}): "
                                  "Chronik reads and writes only real files and folders inside the content folder")
        wanted = leaf if last else "folder"
        if wanted == "folder" and not stat.S_ISDIR(mode):
            raise UnsafePathError(f"{current.relative_to(root_abs)} is {_kind(mode)}, not a folder")
        if wanted == "file" and not stat.S_ISREG(mode):
            raise UnsafePathError(f"is {_kind(mode)}: content files must be regular files")
        if not last and folders is not None:
            folders.add(current)


def read_limited(path: Path, limit: int, *, root: Path | None = None, what: str = "content files") -> bytes:
    """The bytes of a regular, non-link file of at most ``limit`` bytes; UnsafePathError otherwise.

    Opens without following a link (O_NOFOLLOW) and without blocking on a pipe (O_NONBLOCK), checks the
    opened file itself (fstat, so nothing can be swapped in between), and reads at most limit + 1 bytes, so a
    device or a file that grows while read cannot exhaust memory. With ``root``, every folder between root
    and the file must be a real folder too (check_inside).
    """
    if root is not None:
        check_inside(root, path)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafePathError("is a symbolic link: Chronik reads only real files") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafePathError(f"is {_kind(info.st_mode)}: content files must be regular files")
        if info.st_size > limit:
            raise TooLargeError(_too_large(info.st_size, limit, what))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise TooLargeError(_too_large(size, limit, what))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_large(size: int, limit: int, what: str) -> str:
    shown = f"over {limit / 1024 / 1024:.1f} MB" if size == limit + 1 else f"{size / 1024 / 1024:.1f} MB"
    return f"the file is {shown}; {what} are limited to {limit // 1024 // 1024} MB"


def unsafe_entries(root: Path, folder: Path) -> list[tuple[Path, str]]:
    """Every symlink or special file in ``folder`` and below (as (path, reason)); links are not followed."""
    found: list[tuple[Path, str]] = []
    try:
        check_inside(root, folder, leaf="folder")
    except UnsafePathError as error:
        return [(folder, str(error))]
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(top) / name
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                found.append((path, "is a symbolic link: Chronik reads only real files and folders"))
            elif not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                found.append((path, f"is {_kind(mode)}: content files must be regular files"))
    return found
