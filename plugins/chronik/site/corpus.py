"""Load the content corpus once per build and share it between all Chronik plugins.

Every plugin (timeline, entities, sources, exports, explorer …) asks
:func:`load_corpus` for the corpus of a content folder. The first call of a
build loads and validates it; later calls return the same object as long as no
file under the content folder changed (checked by a cheap stat fingerprint), so
``mkdocs serve`` rebuilds after an edit and skips the reload otherwise.
"""

from __future__ import annotations

import gc
import hashlib
import os
import threading
from pathlib import Path

from chronik.model import ContentError, Corpus, load_content

_KINDS = ("articles", "events", "entities")
_lock = threading.Lock()
_cache: dict[Path, tuple[bytes, Corpus]] = {}


def fingerprint(root: Path) -> bytes:
    """A digest of the names, sizes and modification times of every content file (stat only, no reads): kept
    with the loaded corpus, the entries themselves would cost some 300 bytes a file."""
    entries: list[tuple[str, int, int]] = []
    for kind in _KINDS:
        folder = root / kind
        if not folder.is_dir():
            continue
        with os.scandir(folder) as it:
            for entry in it:
                if entry.is_file():
                    st = entry.stat()
                    entries.append((f"{kind}/{entry.name}", st.st_mtime_ns, st.st_size))
    entries.sort()
    return hashlib.blake2b(repr(entries).encode("utf-8", "surrogateescape"), digest_size=32).digest()


def load_corpus(root: Path, cache_dir: Path | None = None) -> Corpus:
    """The validated corpus under ``root``; raises :class:`ContentError` listing every problem.

    ``cache_dir`` holds the parse cache (only changed files are parsed again). After a load the collector
    freezes every object alive: the corpus lives as long as the build, and later full collections would
    otherwise walk its hundreds of thousands of objects again and again. The previous freeze is undone
    first, so a reloaded corpus (``mkdocs serve``) leaves nothing behind.
    """
    root = Path(root).resolve()
    with _lock:
        stamp = fingerprint(root)
        cached = _cache.get(root)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        gc.unfreeze()
        corpus, problems = load_content(root, cache_dir)
        if problems:
            _cache.pop(root, None)
            raise ContentError(problems)
        _cache[root] = (stamp, corpus)
        gc.freeze()
        return corpus


def clear_cache() -> None:
    """Forget every loaded corpus (tests and benchmarks)."""
    with _lock:
        _cache.clear()
