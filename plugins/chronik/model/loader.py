"""Load a content folder into a Corpus and report every problem in it at once.

Stages: read (strict YAML) → schema → build typed objects → cross-file checks. A file that fails
its schema is left out of the corpus, but its id still counts as existing, so one typo does not
cascade into a dozen 'unknown entity' messages elsewhere.
"""

from __future__ import annotations

import gc
import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .edtf import parse_edtf
from .ids import MAX_ID
from .parsecache import ParseCache, content_hash
from .paths import UnsafePathError, check_inside, read_limited, unsafe_entries
from .problems import Problem
from .schemas import schema_problems
from .types import Article, Corpus, Entity, Event, Fact, Link, Quote, Relation, Source
from .yamlload import Loaded, dotted, load_yaml_bytes, read_yaml_bytes

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
FOLDERS = {"article": "articles", "event": "events", "entity": "entities"}


def display_path(path: Path) -> str:
    """The path as a person would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def id_problem(ident: str) -> str | None:
    """Why a text is not a valid id, or None when it is one."""
    if len(ident) > MAX_ID:
        return f"'{ident}' is longer than {MAX_ID} characters"
    if not ID_PATTERN.fullmatch(ident):
        return f"'{ident}' is not a valid id (lowercase letters a-z, digits and single hyphens)"
    return None


@dataclass(slots=True)
class _Doc:
    """One YAML file on its way into the corpus."""

    kind: str
    ident: str
    path: Path
    display: str
    loaded: Loaded

    def at(self, path: tuple, message: str, key: bool = False) -> Problem:
        line, column = self.loaded.mark(path, key=key)
        return Problem(self.display, line, column, dotted(path) or "file", message)


# Ids, types and origins repeat across files (an entity's id in every event naming it, an article's in every
# source): interned, each is one string in memory instead of one per mention (some 200 bytes an event).
_intern = sys.intern


def _interned(items: list | None) -> tuple[str, ...]:
    return tuple(_intern(item) for item in items or [])


def _source(data: dict) -> Source:
    return Source(_intern(data["article"]), data["quote"], data["start"], data["end"], data.get("time_expression"))


def _sources(items: list | None) -> tuple[Source, ...]:
    return tuple(_source(item) for item in items or [])


def _edtf(value: str | None):
    return parse_edtf(value) if value is not None else None


def _build_event(doc: _Doc) -> Event:
    data = doc.loaded.data
    quotes = tuple(Quote(q["text"], _intern(q["speaker"]) if q.get("speaker") else q.get("speaker"),
                         _source(q["source"]) if q.get("source") else None)
                   for q in data.get("quotes") or [])
    return Event(
        id=doc.ident, date=_edtf(data["date"]), title=data["title"], path=doc.path,
        summary=data.get("summary") or "", entities=_interned(data.get("entities")),
        tags=_interned(data.get("tags")), quotes=quotes, sources=_sources(data.get("sources")),
        origin=_intern(data["origin"]), reviewed=bool(data.get("reviewed", False)),
    )


def _build_entity(doc: _Doc) -> Entity:
    data = doc.loaded.data
    return Entity(
        id=doc.ident, name=data["name"], type=_intern(data["type"]), path=doc.path,
        aliases=tuple(data.get("aliases") or []), description=data.get("description") or "",
        links=tuple(Link(item["url"], item.get("title") or "") for item in data.get("links") or []),
        relations=tuple(Relation(_intern(r["type"]), _intern(r["target"]), _sources(r.get("sources")))
                        for r in data.get("relations") or []),
        facts=tuple(Fact(f["label"], f["value"], f.get("unit") or "", _edtf(f.get("date")),
                         _sources(f.get("sources"))) for f in data.get("facts") or []),
        origin=_intern(data.get("origin", "manual")), reviewed=bool(data.get("reviewed", False)),
    )


def _read_article_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    try:
        raw = read_limited(path, MAX_ARTICLE_BYTES, what="articles")
    except UnsafePathError as error:
        return None, [Problem(display, 1, 1, "file", str(error))]
    except OSError as error:
        return None, [Problem(display, 1, 1, "file", f"cannot be read: {error.strerror or error}")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(display, line, 1, "file", "not UTF-8 text; save it as UTF-8")]


class _Loader:
    def __init__(self, root: Path, cache: ParseCache) -> None:
        self.root = root
        self.cache = cache
        self.problems: list[Problem] = []
        self.docs: dict[str, dict[str, _Doc]] = {kind: {} for kind in FOLDERS}
        self.known: dict[str, set[str]] = {kind: set() for kind in FOLDERS}
        self.texts: dict[str, str] = {}
        self._shown: dict[Path, str] = {}
        self.corpus = Corpus(root)

    # -- read ---------------------------------------------------------------------------------
    def read(self) -> None:
        """Every file listed first (so every id is known), then articles and entities parsed and kept, then
        events parsed, checked and built one at a time (:meth:`_read_event`)."""
        if not self.root.is_dir():
            self.problems.append(Problem(display_path(self.root), 1, 1, "file", "content folder not found"))
            return
        listed: dict[str, list[tuple[str, Path]]] = {}
        for kind, folder in FOLDERS.items():
            directory = self.root / folder
            if self._real_folder(directory):
                listed[kind] = self._list_folder(kind, directory)
        for kind in ("article", "entity"):
            for ident, path in listed.get(kind, []):
                self._read_listed(kind, ident, path, self._read_doc)
        self._read_article_texts()
        for ident, path in listed.get("event", []):
            self._read_listed("event", ident, path, self._read_event)
        pages = self.root / "pages"
        if os.path.lexists(pages):
            for path, reason in unsafe_entries(self.root, pages):
                self.problems.append(Problem(display_path(path), 1, 1, "file", reason))

    def _real_folder(self, directory: Path) -> bool:
        """True for a folder to read; a symlinked or special one is a problem (never followed outside)."""
        if not os.path.lexists(directory):
            return False
        try:
            check_inside(self.root, directory, leaf="folder")
        except UnsafePathError as error:
            self.problems.append(Problem(display_path(directory), 1, 1, "file", str(error)))
            return False
        return True

    def _list_folder(self, kind: str, directory: Path) -> list[tuple[str, Path]]:
        """(id, path) of each content file of a folder, in name order; the ids become known, misnamed and
        stray files problems."""
        listed: list[tuple[str, Path]] = []
        seen: dict[str, Path] = {}
        shown_dir = display_path(directory)  # once per folder: relpath per file is slow at 10,000 files
        for path in sorted(directory.iterdir()):
            if path.name.startswith("."):  # hidden, and a writer's temporary file may vanish as we look
                continue
            try:
                info = os.lstat(path)
            except FileNotFoundError:  # removed by a concurrent writer after the listing: it is not there
                continue
            if stat.S_ISDIR(info.st_mode):  # a real sub-folder
                continue
            display = os.path.join(shown_dir, path.name)
            if path.suffix == ".txt" and kind == "article":
                continue
            if path.suffix not in (".yaml", ".yml"):
                self.problems.append(Problem(display, 1, 1, "file", f"unexpected file in {directory.name}/: "
                                             "content files end in .yaml"))
                continue
            ident = _intern(path.stem)  # the one copy every mention of the id shares
            if ident in seen:
                self.problems.append(Problem(display, 1, 1, "id", f"duplicate id '{ident}': "
                                             f"{display_path(seen[ident])} has the same id"))
                continue
            seen[ident] = path
            if path.suffix == ".yml":
                self.problems.append(Problem(display, 1, 1, "file", f"rename to {ident}.yaml: Chronik reads .yaml"))
            self.known[kind].add(ident)
            reason = id_problem(ident)
            if reason:
                self.problems.append(Problem(display, 1, 1, "id", f"file name {reason}"))
                continue
            listed.append((ident, path))
        return listed

    def _read_listed(self, kind: str, ident: str, path: Path, read: Callable[..., None]) -> None:
        """``read`` a listed file (its stat taken again: the listing keeps no stat per file)."""
        try:
            info = os.lstat(path)
        except FileNotFoundError:  # removed by a concurrent writer after the listing: it is not there
            return
        folder = self._shown.get(path.parent)
        if folder is None:  # once per folder: relpath per file is slow at 10,000 files
            folder = self._shown[path.parent] = display_path(path.parent)
        read(kind, ident, path, os.path.join(folder, path.name), info)

    def _parse_doc(self, kind: str, path: Path, display: str, info: os.stat_result) -> Loaded | None:
        """The file's values if it reads, parses and passes its schema (from the parse cache when unchanged)."""
        raw, problems = read_yaml_bytes(path, display)
        if raw is None:
            self.problems.extend(problems)
            return None
        key, digest = f"{path.parent.name}/{path.name}", content_hash(raw)
        data = self.cache.get(key, info.st_size, info.st_mtime_ns, digest)
        if data is not None:
            return Loaded(data, source=path)
        loaded, problems = load_yaml_bytes(raw, display, path)
        if loaded is None:
            self.problems.extend(problems)
            return None
        problems = schema_problems(kind, loaded, display)
        self.problems.extend(problems)
        if problems:
            return None
        self.cache.put(key, info.st_size, info.st_mtime_ns, digest, loaded.data)
        loaded.release()  # valid: positions are re-derived from the file only if a later check reports one
        return loaded

    def _read_doc(self, kind: str, ident: str, path: Path, display: str, info: os.stat_result) -> None:
        loaded = self._parse_doc(kind, path, display, info)
        if loaded is None:
            return
        doc = _Doc(kind, ident, path, display, loaded)
        written_id = loaded.data.get("id")
        if written_id is not None and written_id != ident:
            self.problems.append(doc.at(("id",), f"id '{written_id}' does not match the file name '{ident}'"))
            return
        self.docs[kind][ident] = doc

    def _read_event(self, kind: str, ident: str, path: Path, display: str, info: os.stat_result) -> None:
        """Parse, check and build one event; its parsed values are not kept (at 100,000 events, every file's
        dicts, lists and key strings alive until the end of the load cost some 300 MB)."""
        self._read_doc(kind, ident, path, display, info)
        doc = self.docs[kind].pop(ident, None)
        if doc is not None:
            self._check_event(doc)
            self.corpus.events[ident] = _build_event(doc)

    def _read_article_texts(self) -> None:
        directory = self.root / "articles"
        if not directory.is_dir():
            return
        for path in sorted(directory.glob("*.txt")):
            ident, display = path.stem, display_path(path)
            if ident not in self.known["article"]:
                self.problems.append(Problem(display, 1, 1, "file",
                                             f"article text without metadata: add articles/{ident}.yaml"))
                continue
            text, problems = _read_article_text(path, display)
            self.problems.extend(problems)
            if text is not None:
                self.texts[ident] = text
        for ident, doc in self.docs["article"].items():
            if not doc.path.with_suffix(".txt").exists():
                self.problems.append(doc.at((), f"article text missing: add articles/{ident}.txt"))

    # -- build ----------------------------------------------------------------------------------
    def build(self) -> None:
        for ident, doc in self.docs["article"].items():
            text = self.texts.get(ident)
            if text is None:
                continue
            data = doc.loaded.data
            chrome = tuple((item["line"], item.get("reason") or "") for item in data.get("chrome") or [])
            self.corpus.articles[ident] = Article(
                id=ident, title=data["title"], outlet=data["outlet"], published=data.get("published") or "",
                language=data["language"], text=text, path=doc.path, url=data.get("url"),
                author=data.get("author"), chrome=chrome)
            lines = text.count("\n") + 1
            for i, (line, _) in enumerate(chrome):
                if line > lines:
                    self.problems.append(doc.at(("chrome", i, "line"), f"line {line} is past the end of "
                                                f"articles/{ident}.txt ({lines} lines)"))
        for doc in self.docs["entity"].values():
            self.corpus.entities[doc.ident] = _build_entity(doc)

    # -- cross-file checks ------------------------------------------------------------------------
    def check(self) -> None:
        """Cross-file checks of the entities (events were checked as they were read)."""
        for doc in self.docs["entity"].values():
            self._check_entity(doc)
        self._check_names()

    def _ref(self, doc: _Doc, path: tuple, kind: str, ident: str | None) -> None:
        if ident is not None and ident not in self.known[kind]:
            folder = FOLDERS[kind]
            self.problems.append(doc.at(path, f"unknown {kind} '{ident}' (no {folder}/{ident}.yaml)"
                                        + self._nearest(kind, ident)))

    def _nearest(self, kind: str, ident: str) -> str:
        """'; did you mean …?' for an unknown id: the nearest id, name or alias of that kind."""
        from .suggest import nearest_id

        cache = self.__dict__.setdefault("_names", {})  # built once per kind, only when an id is unknown
        if kind not in cache:
            cache[kind] = {i: [] for i in self.known[kind]}
            for i, doc in self.docs[kind].items():
                data = doc.loaded.data
                cache[kind][i] = [v for v in (data.get("name"), data.get("title"), *(data.get("aliases") or []))
                                  if isinstance(v, str)]
        near = nearest_id(ident, cache[kind])
        return f"; did you mean '{near}'?" if near else ""

    def _check_source(self, doc: _Doc, path: tuple, source: dict) -> None:
        self._ref(doc, (*path, "article"), "article", source["article"])
        text = self.texts.get(source["article"])
        if text is None:
            return
        start, end, quote = source["start"], source["end"], source["quote"]
        if end < start or end > len(text):
            self.problems.append(doc.at((*path, "end"), f"offsets {start}-{end} lie outside the article "
                                        f"({len(text)} characters)"))
            return
        if text[start:end] == quote:
            return
        found = text.find(quote)
        where = f"it occurs at {found}-{found + len(quote)}" if found >= 0 else "it does not occur in the article"
        self.problems.append(doc.at((*path, "quote"), f"the quote is not at offsets {start}-{end} of "
                                    f"articles/{source['article']}.txt ({where})"))

    def _check_event(self, doc: _Doc) -> None:
        data = doc.loaded.data
        for i, ref in enumerate(data.get("entities") or []):
            self._ref(doc, ("entities", i), "entity", ref)
        for i, quote in enumerate(data.get("quotes") or []):
            self._ref(doc, ("quotes", i, "speaker"), "entity", quote.get("speaker"))
            if quote.get("source"):
                self._check_source(doc, ("quotes", i, "source"), quote["source"])
        for i, source in enumerate(data.get("sources") or []):
            self._check_source(doc, ("sources", i), source)
        if data["origin"] == "extracted" and not data.get("sources"):
            self.problems.append(doc.at(("origin",), "an extracted event needs at least one source"))

    def _check_entity(self, doc: _Doc) -> None:
        data = doc.loaded.data
        for i, relation in enumerate(data.get("relations") or []):
            self._ref(doc, ("relations", i, "target"), "entity", relation["target"])
            if relation["target"] == doc.ident:
                self.problems.append(doc.at(("relations", i, "target"), "an entity cannot relate to itself"))
            for j, source in enumerate(relation.get("sources") or []):
                self._check_source(doc, ("relations", i, "sources", j), source)
        for i, fact in enumerate(data.get("facts") or []):
            for j, source in enumerate(fact.get("sources") or []):
                self._check_source(doc, ("facts", i, "sources", j), source)

    def _check_names(self) -> None:
        """A name or alias must point at one entity, or links in new articles would be ambiguous."""
        owner: dict[str, tuple[str, _Doc]] = {}
        for doc in self.docs["entity"].values():
            data = doc.loaded.data
            names = [(("name",), data["name"])] + [(("aliases", i), a) for i, a in enumerate(data.get("aliases") or [])]
            mine: set[str] = set()
            for path, name in names:
                key = " ".join(name.split()).casefold()
                if key in mine:
                    continue
                mine.add(key)
                if key in owner and owner[key][0] != doc.ident:
                    other = owner[key][1]
                    self.problems.append(doc.at(path, f"'{name}' is also a name or alias of entity "
                                                f"'{other.ident}' ({other.display})"))
                else:
                    owner[key] = (doc.ident, doc)


def load_content(root: Path | str, cache_dir: Path | str | None = None) -> tuple[Corpus, list[Problem]]:
    """Load and check a content folder; never raises for mistakes in the content.

    ``cache_dir`` (e.g. the project's ``.cache/chronik``) keeps parsed files between runs: only files whose
    bytes changed are parsed again. The cyclic garbage collector is paused while loading: the corpus is
    tens of thousands of new, long-lived objects without cycles, and every full collection would walk them all.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    cache = ParseCache.for_content(Path(cache_dir) if cache_dir is not None else None, Path(root))
    try:
        loader = _Loader(Path(root), cache)
        loader.read()
        loader.build()
        loader.check()
    except BaseException:
        cache.discard()  # no half-written cache file left behind
        raise
    finally:
        if was_enabled:
            gc.enable()
    cache.save()  # after the collector is back on: pickling builds a memo of every value
    return loader.corpus, sorted(set(loader.problems))
