"""Split Material's search index into small files, so one query downloads only what it needs.

Material's search plugin writes every searchable text into one ``search/search_index.json`` (11 MB at
10,000 events), which its worker downloads whole before the first result. This module turns Material's
documents (taken from its plugin page by page, or read from that file) into a prefix-sharded token index:

- **records**: the display units. Every Material document (a page or one of its sections) becomes one
  or more records of at most about :data:`PIECE` characters of plain text, cut at paragraph, list item
  and sentence boundaries; a source article's text becomes one record per few sentences, so a hit shows
  the very sentence. Records keep Material's order (a page, then its sections) and are stored
  :data:`CHUNK` to a file (``shards/r/<n>.json``).
- **token shards**: every token (folded: lower case, accents and umlauts and their ``ae``/``oe``/``ue``
  spellings folded, ``ß`` as ``ss``) maps to the records holding it, title hits flagged. Tokens are
  grouped by their first :data:`KEY` characters into ``shards/t/<n>.json``, a large group by one
  character more (:func:`split_shards`); a query term loads the shards whose key it begins with or
  that begin with it, usually one.
- **manifest**: ``search/search_index.json`` itself, now Material's ``config`` plus a ``chronik`` entry
  (shard keys, where each page's records start and its site section, tokens too common to index) and
  no documents. Material still fetches it; Chronik's worker (``assets/chronik/search-worker.js``) reads
  it and fetches shards.

The folding here and in the worker must agree: :func:`fold` and the worker's ``fold`` are the same steps.
"""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Records per record file: small files, so a query fetches little beyond the records it shows.
CHUNK = 16
#: Characters of plain text a record aims at (a longer single sentence stays whole).
PIECE = 280
#: Shard key length: a token's first characters. Shorter tokens (two characters) are their own key.
KEY = 3
#: A shard larger than this is split by one more character (at 100,000 events "202" holds every year).
SPLIT_BYTES = 96_000
#: A token in more than this share of all records is a stop word (like "der", "und", "the") and is not
#: indexed: its postings would dominate every shard it lives in while telling results apart by nothing.
STOP_SHARE = 0.2
#: Below this many records no token is treated as a stop word (a small site keeps every word).
STOP_MIN_RECORDS = 2000
FORMAT = 1
#: A hit in the text (hits in a title rank 1 to 3, see :func:`title_rank`).
TEXT = 0

_WORD = re.compile(r"[^\W_]+")
_BLOCK_END = re.compile(r"</?(?:p|li|ol|ul|pre|h[1-6])\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_DIGRAPH = re.compile(r"([aou])e")


@functools.lru_cache(maxsize=1 << 16)  # the frequent words: a site has far fewer distinct words than occurrences
def fold(word: str) -> str:
    """A word as the index stores it: lower case, without accents; ä, ae and a alike; ß as ss."""
    if word.isascii():
        return _DIGRAPH.sub(r"\1", word.lower())
    decomposed = unicodedata.normalize("NFKD", word.lower())
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return _DIGRAPH.sub(r"\1", bare.replace("ß", "ss"))


def tokens(text: str) -> set[str]:
    """The folded tokens of plain text: runs of letters and digits, two characters or more."""
    found = {fold(word) for word in _WORD.findall(unicodedata.normalize("NFC", text))}
    return {token for token in found if len(token) >= 2}


def shard_key(token: str) -> str:
    """The shard a token lives in."""
    return token[:KEY]


def plain(markup: str) -> str:
    """Material's indexed HTML as plain text (tags dropped, entities decoded, spaces collapsed)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def pieces(markup: str, limit: int = PIECE) -> list[str]:
    """The text of one document in display pieces of about ``limit`` characters: paragraphs and list
    items stay together where they fit, long ones are cut between sentences."""
    sentences: list[str] = []
    for block in _BLOCK_END.split(markup):
        text = plain(block)
        if text:
            sentences.extend(_SENTENCE_END.split(text) if len(text) > limit else [text])
    result: list[str] = []
    for sentence in sentences:
        if result and len(result[-1]) + 1 + len(sentence) <= limit:
            result[-1] += " " + sentence
        else:
            result.append(sentence)
    return result or [""]


@dataclass
class ShardedIndex:
    """Token postings and page starts of the records added so far; the records themselves go to disk
    :data:`CHUNK` at a time (a 100,000-event site has half a million of them)."""

    config: dict[str, Any]
    folder: Path
    count: int = 0
    page_starts: list[int] = field(default_factory=list)
    page_sections: list[str] = field(default_factory=list)
    #: token -> ascending codes ``record * 4 + where`` (see :func:`title_rank`), 4 bytes each
    postings: dict[str, array] = field(default_factory=dict)
    stop: list[str] = field(default_factory=list)
    pending: list[list[str]] = field(default_factory=list)
    record_files: int = 0
    bytes: int = 0

    def add_document(self, doc: dict[str, Any]) -> None:
        """Append one of Material's documents as records and index their tokens."""
        location = str(doc.get("location", ""))
        title = plain(str(doc.get("title", "")))
        if "#" not in location:
            self.page_starts.append(self.count)
            self.page_sections.append(location.split("/")[0])
        title_tokens = tokens(title)
        rank = title_rank(len(title_tokens))
        for text in pieces(str(doc.get("text", ""))):
            number = self.count
            self.count += 1
            self.pending.append([location, title, text])
            for token in title_tokens:  # the title counts once, on the document's first piece
                self._post(token, number * 4 + rank)
            for token in tokens(text) - title_tokens:
                self._post(token, number * 4 + TEXT)
            title_tokens = set()
            if len(self.pending) == CHUNK:
                self.flush()

    def _post(self, token: str, code: int) -> None:
        codes = self.postings.get(token)
        if codes is None:
            codes = self.postings[token] = array("I")
        codes.append(code)  # records come in order: the codes stay sorted

    def flush(self) -> None:
        """Write the pending records as the next record file."""
        if self.pending:
            self.bytes += _dump(self.folder / "r" / f"{self.record_files}.json", self.pending)
            self.record_files += 1
            self.pending = []

    def drop_stop_words(self) -> None:
        """Move tokens found in too many records out of the postings (see :data:`STOP_SHARE`)."""
        if self.count < STOP_MIN_RECORDS:
            return
        limit = STOP_SHARE * self.count
        self.stop = sorted(token for token, codes in self.postings.items() if len(codes) > limit)
        for token in self.stop:
            del self.postings[token]

    def shard_plan(self) -> dict[str, list[str]]:
        """Which tokens go into which shard (key -> tokens in order), from each token's size alone: a shard
        over :data:`SPLIT_BYTES` is split by one more character of its tokens (tokens as short as the key
        stay under it), and so on. The codes themselves are read shard by shard (:meth:`shard`): as lists
        of Python ints all at once they would take some 9 bytes a posting (100 MB at 100,000 events)."""
        sizes = {token: _size(token, gaps(self.postings[token].tolist())) for token in sorted(self.postings)}
        return {key: list(group) for key, group in _split(sizes, KEY).items()}

    def shard(self, tokens_of_shard: list[str]) -> dict[str, list[int]]:
        """One token shard: each token's codes as gaps."""
        return {token: gaps(self.postings[token].tolist()) for token in tokens_of_shard}

    def shards(self) -> dict[str, dict[str, list[int]]]:
        """Every token shard by key (see :meth:`shard_plan`)."""
        return {key: self.shard(group) for key, group in self.shard_plan().items()}


def _size(token: str, codes: list[int]) -> int:
    """About the bytes a token takes in a shard's JSON."""
    return len(token) + 6 + sum(len(str(code)) + 1 for code in codes)


def split_shards(entries: dict[str, list[int]], length: int) -> dict[str, dict[str, list[int]]]:
    """``entries`` grouped by their first ``length`` characters; a group over :data:`SPLIT_BYTES`
    is grouped again by ``length + 1`` characters (its tokens of ``length`` characters keep the key)."""
    plan = _split({token: _size(token, codes) for token, codes in entries.items()}, length)
    return {key: {token: entries[token] for token in group} for key, group in plan.items()}


def _split(sizes: dict[str, int], length: int) -> dict[str, dict[str, int]]:
    """:func:`split_shards` on each token's size: key -> {token: size}."""
    groups: dict[str, dict[str, int]] = {}
    for token, size in sizes.items():
        groups.setdefault(token[:length], {})[token] = size
    result: dict[str, dict[str, int]] = {}
    for key, group in groups.items():
        if len(group) > 1 and sum(group.values()) > SPLIT_BYTES:
            result.setdefault(key, {}).update({t: c for t, c in group.items() if len(t) <= length})
            if not result[key]:
                del result[key]
            result.update(_split({t: c for t, c in group.items() if len(t) > length}, length + 1))
        else:
            result[key] = group
    return result


def title_rank(words: int) -> int:
    """Where a hit is, as stored with it: :data:`TEXT`, or in a title of many (1), a few (2) or one or two
    words (3). A query word weighs more in a short title: "Jensen Huang" finds the person's page before
    the event "Jensen Huang über Exportregeln"."""
    return 3 if words <= 2 else 2 if words <= 4 else 1


def runs(values: list[str]) -> list[list[Any]]:
    """Consecutive equal values as ``[value, count]`` pairs."""
    result: list[list[Any]] = []
    for value in values:
        if result and result[-1][0] == value:
            result[-1][1] += 1
        else:
            result.append([value, 1])
    return result


def gaps(numbers: list[int]) -> list[int]:
    """Sorted numbers as differences to their predecessor (short in JSON)."""
    return [n - (numbers[i - 1] if i else 0) for i, n in enumerate(numbers)]


def ungaps(values: Iterable[int]) -> Iterator[int]:
    """The inverse of :func:`gaps`."""
    total = 0
    for value in values:
        total += value
        yield total


def start(search_dir: Path, config: dict[str, Any] | None = None) -> ShardedIndex:
    """An empty sharded index writing its record files under ``search_dir/shards`` (old shard files
    removed first)."""
    folder = search_dir / "shards"
    for old in sorted(folder.glob("[rt]/*.json")) if folder.exists() else []:
        old.unlink()
    for part in ("r", "t"):
        (folder / part).mkdir(parents=True, exist_ok=True)
    return ShardedIndex(config=dict(config or {}), folder=folder)


def add_documents(sharded: ShardedIndex, docs: list[Any]) -> None:
    """Add Material's documents in order, releasing each from ``docs`` once it is added."""
    for number, doc in enumerate(docs):
        sharded.add_document(doc)
        docs[number] = None


def finish(sharded: ShardedIndex) -> ShardedIndex:
    """Write the last record file and set the stop words: the index is complete."""
    sharded.flush()
    sharded.drop_stop_words()
    return sharded


def build(index: dict[str, Any], search_dir: Path) -> ShardedIndex:
    """The sharded form of Material's parsed ``search_index.json``, its record files written under
    ``search_dir/shards`` (old shard files removed first). Documents are released as they are read."""
    sharded = start(search_dir, index.get("config"))
    add_documents(sharded, index.get("docs") or [])
    return finish(sharded)


def _dump(path: Path, data: Any, *, atomic: bool = False) -> int:
    """Write compact JSON (non-ASCII kept: UTF-8 is shorter than escapes; ``<``, ``>`` and ``&`` escaped,
    so no file holds markup even as plain text); returns the bytes written. ``atomic`` writes a temporary
    file first (for the manifest, which readers may fetch while a build runs)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    payload = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")
    target = path.with_name(path.name + ".tmp") if atomic else path
    target.write_bytes(payload)
    if atomic:
        target.replace(path)
    return len(payload)


def manifest(sharded: ShardedIndex, keys: list[str], sizes: list[int]) -> dict[str, Any]:
    """The new ``search_index.json``: Material's config with Chronik's shard table, no documents."""
    config = dict(sharded.config)
    config["chronik"] = {
        "format": FORMAT,
        "chunk": CHUNK,
        "key": KEY,
        "records": sharded.count,
        "keys": keys,
        "sizes": sizes,  # KB per token shard: a two-letter term reads the shards it begins within a budget
        "pages": gaps(sharded.page_starts),
        "sections": runs(sharded.page_sections),
        "stop": sharded.stop,
    }
    return {"config": config, "docs": []}


def write(sharded: ShardedIndex, search_dir: Path) -> dict[str, int]:
    """Write the token shards and then the manifest (last: a reader never sees a manifest naming files
    not yet on disk); returns file counts and bytes."""
    stats = {"records": sharded.count, "record_files": sharded.record_files, "token_files": 0,
             "bytes": sharded.bytes}
    plan = sharded.shard_plan()
    keys = sorted(plan)
    sizes = []
    for number, key in enumerate(keys):
        size = _dump(sharded.folder / "t" / f"{number}.json", sharded.shard(plan[key]))
        sizes.append(-(-size // 1024))
        stats["bytes"] += size
        stats["token_files"] += 1
    stats["manifest_bytes"] = _dump(search_dir / "search_index.json", manifest(sharded, keys, sizes), atomic=True)
    return stats


def shard_search_index(search_dir: Path, sharded: ShardedIndex | None = None) -> dict[str, int]:
    """Replace Material's ``search_index.json`` in ``search_dir`` by the sharded index.

    ``sharded`` holds the documents already taken from Material's plugin while pages were rendered (so
    the whole index is never one JSON text in memory); Material's file then brings its config and any
    document still in it."""
    source = search_dir / "search_index.json"
    index = json.loads(source.read_text(encoding="utf-8"))
    if "chronik" in (index.get("config") or {}):
        raise ValueError(f"{source} is already sharded")
    if sharded is None:
        sharded = start(search_dir)
    sharded.config = dict(index.get("config") or {})
    add_documents(sharded, index.get("docs") or [])
    return write(finish(sharded), search_dir)


def read_records(search_dir: Path) -> list[dict[str, str]]:
    """Every record of a sharded index as ``{location, title, text}`` (for tests and tools)."""
    meta = json.loads((search_dir / "search_index.json").read_text(encoding="utf-8"))["config"]["chronik"]
    rows: list[dict[str, str]] = []
    for number in range((meta["records"] + meta["chunk"] - 1) // meta["chunk"]):
        chunk = json.loads((search_dir / "shards" / "r" / f"{number}.json").read_text(encoding="utf-8"))
        rows.extend({"location": r[0], "title": r[1], "text": r[2]} for r in chunk)
    return rows
