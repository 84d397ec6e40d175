"""A parse cache for content files: a second build or a preview re-parses only the files that changed.

One file per content folder under the project's ``.cache/chronik/`` (gitignored). For every content file
that parsed and passed its schema it keeps the path, size, modification time (ns) and a BLAKE2b hash of
the bytes, with the parsed values. Size and time alone cannot prove a file unchanged (coarse timestamps,
same-size edits within one tick, restored times), so an entry counts only when the hash of the bytes read
now is the same: the file is still read, never parsed again. Entries are valid only for the code and
schemas that wrote them (a fingerprint of the model package). A missing, truncated, corrupt or foreign
cache file is ignored, never an error; the cache is written atomically, and a failed write is ignored too.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

MAGIC = b"chronik-parse-cache 3\n"
_MODEL_DIR = Path(__file__).resolve().parent
_DIGEST = 32
_BLOCK = 1 << 20


def content_hash(raw: bytes) -> bytes:
    """The BLAKE2b digest of a file's bytes."""
    return hashlib.blake2b(raw, digest_size=_DIGEST).digest()


def code_fingerprint() -> bytes:
    """A digest of the model package's code, schemas and vocabularies: what decides parse and schema results."""
    digest = hashlib.blake2b(MAGIC, digest_size=_DIGEST)
    for path in sorted(_MODEL_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_MODEL_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


class _HashingWriter(io.RawIOBase):
    """Writes through to ``out`` and hashes what it writes."""

    def __init__(self, out: io.BufferedWriter) -> None:
        super().__init__()
        self.out = out
        self.digest = hashlib.blake2b(digest_size=_DIGEST)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.digest.update(data)
        return self.out.write(data)


class _Stream:
    """A new cache file being written entry by entry: MAGIC, the code fingerprint, room for the payload's hash,
    then one pickle per entry and a closing None. ``commit`` writes the hash and renames the file into place;
    ``discard`` removes it. No pickle memo: entries are plain values, never shared or cyclic."""

    def __init__(self, target: Path, fingerprint: bytes) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".parse-", suffix=".tmp", dir=target.parent)
        self.temp = Path(temp)
        self.out = os.fdopen(handle, "wb")
        self.out.write(MAGIC + fingerprint)
        self.place = self.out.tell()
        self.out.write(bytes(_DIGEST))
        self.hashing = _HashingWriter(self.out)
        self.buffered = io.BufferedWriter(self.hashing, _BLOCK)
        self.pickler = pickle.Pickler(self.buffered, protocol=pickle.HIGHEST_PROTOCOL)
        self.pickler.fast = True

    def add(self, entry: tuple) -> None:
        self.pickler.dump(entry)

    def commit(self) -> None:
        self.pickler.dump(None)
        self.buffered.flush()
        self.out.seek(self.place)
        self.out.write(self.hashing.digest.digest())
        self.out.close()
        os.replace(self.temp, self.target)

    def discard(self) -> None:
        self.out.close()
        self.temp.unlink(missing_ok=True)


class _PlainValues(pickle.Unpickler):
    """Unpickles only plain values (dict, list, tuple, str, bytes, int, bool, None): never a class or code."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the parse cache")


class ParseCache:
    """Parsed, schema-valid content files of one content folder, keyed by relative path; each file's values
    are kept as JSON (and read back when asked for)."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.fingerprint = code_fingerprint() if file is not None else b""
        self._old: dict[str, tuple[int, int, bytes, Any]] = self._read() if file is not None else {}
        # This load's entries go straight into the next cache file, not into memory (at 100,000 events they
        # would be some 100 MB held until the load ends); only their keys are kept.
        self._kept: set[str] = set()
        self._out: _Stream | None = None
        self._broken = False
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_content(cls, cache_dir: Path | None, root: Path) -> ParseCache:
        """The cache of content folder ``root`` under ``cache_dir`` (None: a cache that keeps nothing)."""
        if cache_dir is None:
            return cls(None)
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        return cls(Path(cache_dir) / f"parse-{name}.pickle")

    def _read(self) -> dict[str, tuple[int, int, bytes, Any]]:
        """The stored entries, or none when the file is missing, damaged or from other code.

        The payload is hashed in blocks, then unpickled from the file: never held whole in memory (at
        100,000 events it is some 150 MB)."""
        try:
            with self.file.open("rb") as handle:
                if handle.read(len(MAGIC)) != MAGIC or handle.read(_DIGEST) != self.fingerprint:
                    return {}
                stored = handle.read(_DIGEST)
                start = handle.tell()
                digest = hashlib.blake2b(digest_size=_DIGEST)
                while block := handle.read(_BLOCK):
                    digest.update(block)
                if digest.digest() != stored:  # truncated or damaged
                    return {}
                handle.seek(start)
                reader, entries = _PlainValues(handle), {}
                while (entry := reader.load()) is not None:
                    key, *values = entry
                    entries[key] = tuple(values)
            return entries
        except Exception:  # noqa: BLE001 - a cache must never stop a build: any damage means "no cache"
            return {}

    def get(self, key: str, size: int, mtime_ns: int, digest: bytes) -> Any | None:
        """The parsed values of file ``key`` if its bytes (by hash) are those cached, else None."""
        entry = self._old.get(key)
        if not (isinstance(entry, tuple) and len(entry) == 4 and entry[2] == digest and isinstance(entry[3], bytes)):
            self.misses += 1
            return None
        try:
            data = json.loads(entry[3])
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, never an error
            self.misses += 1
            return None
        self.hits += 1
        self._keep(key, (size, mtime_ns, digest, entry[3]))
        return data

    def put(self, key: str, size: int, mtime_ns: int, digest: bytes, data: Any) -> None:
        """Remember the parsed, schema-valid values of file ``key``: as JSON right away, so the cache holds
        some 600 bytes a file instead of the file's values (several KB of dicts, lists and key strings, all
        alive until the load ends). JSON (ASCII, non-ASCII escaped), not pickle: pickling a string with
        umlauts leaves a UTF-8 copy cached in that string, which the corpus keeps for the whole build
        (some 17 MB at 100,000 events). The values are plain YAML values with string keys (the schemas
        allow no other), which JSON gives back as they were."""
        if self.file is None:
            return
        try:
            payload = json.dumps(data, separators=(",", ":")).encode("ascii")
        except (TypeError, ValueError):  # a value JSON cannot hold: this file is parsed again next time
            return
        self._keep(key, (size, mtime_ns, digest, payload))

    def _keep(self, key: str, entry: tuple[int, int, bytes, bytes]) -> None:
        """Add an entry to the next cache file (opened on the first one)."""
        if self.file is None or self._broken:
            return
        try:
            if self._out is None:
                self._out = _Stream(self.file, self.fingerprint)
            self._out.add((key, *entry))
            self._kept.add(key)
        except Exception:  # noqa: BLE001 - a read-only or full disk, a value pickle refuses: no cache, the build goes on
            self.discard()
            self._broken = True

    def save(self) -> None:
        """Put the new cache file (the entries used by this load: deleted and failing files drop out) in place
        of the old one, if anything changed; else drop it."""
        if self.file is None or self._broken:
            return
        if self._kept == self._old.keys() and self.misses == 0:
            self.discard()
            return
        try:
            if self._out is None:  # nothing to keep (an empty folder): an empty cache
                self._out = _Stream(self.file, self.fingerprint)
            out, self._out = self._out, None
            out.commit()
        except Exception:  # noqa: BLE001 - a read-only or full disk: no cache, the build goes on
            self.discard()

    def discard(self) -> None:
        """Drop the cache file being written (a load that did not finish)."""
        out, self._out = self._out, None
        if out is not None:
            with contextlib.suppress(OSError):
                out.discard()
