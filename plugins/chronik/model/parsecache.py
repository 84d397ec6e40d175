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

import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

MAGIC = b"chronik-parse-cache 2\n"
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


def _write_payload(out: io.BufferedWriter, fingerprint: bytes, entries: dict) -> None:
    """MAGIC, the code fingerprint, the payload's hash and the pickled entries, streamed to ``out``: the hash
    is written last, into the place kept for it. No pickle memo: the entries are trees of plain values (no
    object is shared or cyclic), and a memo of every value would cost some 40 bytes each."""
    out.write(MAGIC + fingerprint)
    place = out.tell()
    out.write(bytes(_DIGEST))
    hashing = _HashingWriter(out)
    buffered = io.BufferedWriter(hashing, _BLOCK)
    pickler = pickle.Pickler(buffered, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(entries)
    buffered.flush()
    out.seek(place)
    out.write(hashing.digest.digest())


class _PlainValues(pickle.Unpickler):
    """Unpickles only plain values (dict, list, tuple, str, bytes, int, bool, None): never a class or code."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the parse cache")


class ParseCache:
    """Parsed, schema-valid content files of one content folder, keyed by relative path; each file's values
    are kept pickled (and unpickled when asked for)."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.fingerprint = code_fingerprint() if file is not None else b""
        self._old: dict[str, tuple[int, int, bytes, Any]] = self._read() if file is not None else {}
        self._new: dict[str, tuple[int, int, bytes, Any]] = {}
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
                entries = _PlainValues(handle).load()
            return entries if isinstance(entries, dict) else {}
        except Exception:  # noqa: BLE001 - a cache must never stop a build: any damage means "no cache"
            return {}

    def get(self, key: str, size: int, mtime_ns: int, digest: bytes) -> Any | None:
        """The parsed values of file ``key`` if its bytes (by hash) are those cached, else None."""
        entry = self._old.get(key)
        if not (isinstance(entry, tuple) and len(entry) == 4 and entry[2] == digest and isinstance(entry[3], bytes)):
            self.misses += 1
            return None
        try:
            data = _PlainValues(io.BytesIO(entry[3])).load()
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, never an error
            self.misses += 1
            return None
        self.hits += 1
        self._new[key] = (size, mtime_ns, digest, entry[3])
        return data

    def put(self, key: str, size: int, mtime_ns: int, digest: bytes, data: Any) -> None:
        """Remember the parsed, schema-valid values of file ``key``: pickled right away, so the cache holds
        some 600 bytes a file instead of the file's values (several KB of dicts, lists and key strings, all
        alive until the load ends)."""
        if self.file is None:  # a cache that keeps nothing
            return
        self._new[key] = (size, mtime_ns, digest, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))

    def save(self) -> None:
        """Write the entries used by this load (deleted and failing files drop out), if anything changed."""
        if self.file is None or (self._new.keys() == self._old.keys() and self.misses == 0):
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".parse-", suffix=".tmp", dir=self.file.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    _write_payload(out, self.fingerprint, self._new)
                os.replace(temp, self.file)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except Exception:  # noqa: BLE001 - a read-only or full disk, a value pickle refuses: no cache, the build goes on
            return
