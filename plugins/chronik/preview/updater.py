"""Apply an edit to the served site by re-rendering only the pages that read the edited file.

A full build records which content files every page read (:mod:`.tracking`). When only existing event
or entity files were edited and their *shape* is unchanged (the fields that decide which pages exist,
which page lists what and in which order: dates, entity and tag lists, sources, speakers, names,
relations), the new values are copied into the objects already in memory (every page plugin holds those
very objects), the event page titles captured when pages were planned are refreshed, and the pages that
read an edited file go through MkDocs' own page pipeline again (the same plugins and templates as a
full build, so each page is byte for byte what a full build writes). Anything else (a new, renamed or
deleted file, an article, a hand-written page, mkdocs.yml, a file with a problem, a changed shape) gets
a full build.

The search index is brought up to date in memory with the pages and written once edits pause for a
second (on a thread, so browsers reload first; a build that starts meanwhile cancels or awaits it).
The exports and the explorer's JSON, built from the whole corpus once per build, are not rebuilt in
place: the log says so after every update (DATA_OUTPUTS_NOTE), and they refresh with the next full
build. The page list (sitemap) cannot change in place.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import Files, InclusionLevel

from chronik.model import Entity, Event
from chronik.site.context import PageSpec

from .reload import reparse
from .searchindex import find_index, splice, write_index
from .tracking import ReadTracker

log = logging.getLogger("mkdocs.plugins.chronik.preview")
KINDS = {"events": "event", "entities": "entity"}
SEARCH_DELAY = 1.0  # seconds without a further update before the search index is written
DATA_OUTPUTS_NOTE = ("the exports (data/, events.atom/.csv/.ics) and the explorer's data (explorer/) stay as of "
                     "the last full build (a new, renamed or deleted file, or saving mkdocs.yml, rebuilds them)")


def shape(item: Event | Entity) -> tuple:
    """What decides which pages exist and what they list, in which order: a change here needs a full build."""
    if isinstance(item, Event):
        return (item.id, item.date, item.entities, item.tags, item.sources,
                tuple((quote.speaker, quote.source) for quote in item.quotes))
    return (item.id, item.name, item.type, item.aliases, item.relations)


@dataclass
class BuildState:
    """What the last full build left for in-place updates: its config, files, nav and theme environment."""

    config: Any
    files: Files
    nav: Any
    env: Any


class Preview:
    """Incremental updates of a served site; one per `mkdocs serve`."""

    def __init__(self, content_root: Path, site_context: Callable[[], Any],
                 showing_errors: Callable[[], bool] = lambda: False) -> None:
        self.root = content_root
        self.site_context = site_context  # the current build's SiteContext (or None)
        self.showing_errors = showing_errors  # pages show content errors: only a full build clears them
        self.tracker = ReadTracker()
        self.state: BuildState | None = None
        self._pending: set[Path] = set()
        self._lock = threading.Lock()
        # The search index is written once edits pause (SEARCH_DELAY): rapid saves do not each rewrite it.
        self._search: threading.Timer | None = None
        self._search_due: Any = None  # the config whose search index is to be written

    # -- changes -----------------------------------------------------------------------------------

    def record(self, paths: set[Path]) -> None:
        """Remember changed paths until the next build takes them."""
        with self._lock:
            self._pending |= paths

    def take(self) -> set[Path]:
        with self._lock:
            changes, self._pending = self._pending, set()
        return changes

    def wrap(self, full_build: Callable[..., None]) -> Callable[..., None]:
        """The server's builder: an in-place update when the changes allow one, else ``full_build``."""
        def builder(config: Any = None) -> None:
            self.finish()
            changes = self.take()
            if config is None and changes:
                try:
                    if self.update(changes):
                        return
                except Exception as error:  # noqa: BLE001 - any failure: the full build shows what is wrong
                    log.warning("chronik preview: in-place update failed (%s); full build", error)
            self.state, self._search_due = None, None  # a full build writes the search index itself
            full_build(config) if config is not None else full_build()
        return builder

    def finish(self) -> None:
        """Wait for the search index of the last update to be written."""
        timer, self._search = self._search, None
        if timer is not None:
            timer.cancel()  # not started yet: the next update (or full build) writes the index
            timer.join()  # started: let it finish

    # -- update ------------------------------------------------------------------------------------

    def plan(self, changes: set[Path], site: Any) -> list[tuple[Any, Any]] | None:
        """(object in memory, new object) per edited file, or None when a full build is needed."""
        corpus, plan = site.corpus, []
        for path in sorted(changes):
            if path.name.startswith("."):  # an editor's or our writer's temporary file
                continue
            kind = KINDS.get(path.parent.name) if path.parent.parent == self.root else None
            if kind is None or path.suffix != ".yaml" or not path.is_file():
                return None
            old = (corpus.events if kind == "event" else corpus.entities).get(path.stem)
            if old is None or old.path != path:
                return None
            new = reparse(corpus, kind, path)
            if new is None or shape(new) != shape(old):
                return None
            if new != old:
                plan.append((old, new))
        return plan

    def update(self, changes: set[Path], site: Any = None) -> bool:
        """Apply ``changes`` in place; False when they need a full build (nothing was touched then)."""
        state = self.state
        site = site if site is not None else self.site_context()
        if state is None or site is None or self.showing_errors():
            return False
        started, cpu = time.perf_counter(), time.thread_time()
        plan = self.plan(changes, site)
        if plan is None:
            return False
        pages = self.tracker.readers({old.path for old, _ in plan})
        for old, new in plan:
            self._apply(site, old, new)
        self.rebuild(state, pages)
        if self._search_due is not None:
            self._search = threading.Timer(SEARCH_DELAY, self._write_search)
            self._search.daemon = True
            self._search.start()
        names = ", ".join(sorted(old.path.name for old, _ in plan)) or "no visible change"
        log.info("chronik preview: %s: %d pages re-rendered in %.2f s (%.2f s CPU); %s", names, len(pages),
                 time.perf_counter() - started, time.thread_time() - cpu, DATA_OUTPUTS_NOTE)
        return True

    @staticmethod
    def _apply(site: Any, old: Any, new: Any) -> None:
        """Copy the new values into the object every page plugin holds; refresh an event page's title (a spec
        made when the page is rendered, a LazySpec, reads the new one itself)."""
        if isinstance(old, Event) and old.title != new.title:
            target = site.target("event", old.id)
            spec = site.pages.get(target[0].src_uri) if target is not None and not target[1] else None
            if isinstance(spec, PageSpec) and spec.title == old.title:
                spec.title = new.title
        for field in dataclasses.fields(old):
            if field.name != "path":
                setattr(old, field.name, getattr(new, field.name))

    def rebuild(self, state: BuildState, pages: set[str]) -> None:
        """Read, render and write ``pages`` again, exactly as a full build does (all read, then all written)."""
        doc_files = state.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        todo = [file for file in doc_files if file.src_uri in pages and file.page is not None]
        if not todo:
            return
        self.tracker.forget(pages)
        self.tracker.config = state.config
        index = find_index(state.config)
        fresh: dict[str, list[dict]] = {}
        for file in todo:
            _populate_page(file.page, state.config, state.files)
        for file in todo:
            mark = len(index.entries) if index is not None else 0
            _build_page(file.page, state.config, doc_files, state.nav, state.env,
                        excluded=file.inclusion.is_excluded())
            if index is not None:
                fresh[file.page.url] = index.entries[mark:]
                del index.entries[mark:]
        if index is not None:
            if splice(index.entries, fresh):
                self._search_due = state.config
            else:
                log.warning("chronik preview: the search index keeps the last full build's text of %s",
                            ", ".join(sorted(fresh)))

    def _write_search(self) -> None:
        config, self._search_due = self._search_due, None
        if config is None:
            return
        started = time.perf_counter()
        write_index(config)
        log.info("chronik preview: search index written in %.2f s", time.perf_counter() - started)
