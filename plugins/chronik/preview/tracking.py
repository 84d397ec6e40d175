"""Which content files each page read while it was built (its dependencies).

While serving, the content classes (:class:`Event`, :class:`Entity`, :class:`Article`) get an attribute
hook: any attribute read while MkDocs builds a page (``config._current_page``: from reading its source
through writing its HTML, every plugin included) adds the object's file to that page's dependencies. A
page that shows an event's title, lists an entity's events or links a neighbour's title thereby depends
on exactly the files it read, whichever plugin read them. Reads outside a page (grouping pages in
``on_files``) are structure, handled by :mod:`.updater`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chronik.model import Article, Entity, Event

TRACKED = (Event, Entity, Article)
_get = object.__getattribute__


class ReadTracker:
    """Records page -> content files read; one per serving process."""

    def __init__(self) -> None:
        self.deps: dict[str, set[Path]] = {}
        self.config: Any = None  # the MkDocs config of the build being tracked
        self.installed = False

    def install(self) -> None:
        """Hook the content classes (once; a no-op afterwards)."""
        if self.installed:
            return
        tracker = self

        def tracked_getattribute(obj: Any, name: str) -> Any:
            config = tracker.config
            page = config._current_page if config is not None else None
            if page is not None:
                reads = tracker.deps.get(page.file.src_uri)
                if reads is None:
                    reads = tracker.deps[page.file.src_uri] = set()
                reads.add(_get(obj, "path"))
            return _get(obj, name)

        for cls in TRACKED:
            cls.__getattribute__ = tracked_getattribute  # type: ignore[method-assign]
        self.installed = True

    def uninstall(self) -> None:
        """Remove the hook (tests; the end of serving)."""
        for cls in TRACKED:
            if "__getattribute__" in cls.__dict__:
                del cls.__getattribute__
        self.installed = False

    def start_build(self, config: Any) -> None:
        """A full build begins: forget every dependency, track this build's pages."""
        self.deps = {}
        self.config = config

    def forget(self, src_uris: set[str]) -> None:
        """Pages about to be rebuilt record their reads afresh."""
        for src_uri in src_uris:
            self.deps.pop(src_uri, None)

    def readers(self, paths: set[Path]) -> set[str]:
        """Every page that read one of ``paths``."""
        return {src_uri for src_uri, reads in self.deps.items() if not reads.isdisjoint(paths)}
