"""``chronik-search``: Material's search index as a prefix-sharded token index
(:mod:`chronik.search.shards`) that Chronik's search worker queries.

Material's search plugin collects a document per page section as each page is rendered and, after the
build, writes them all as one ``search/search_index.json`` (11 MB at 10,000 events: the JSON text, its
bytes and their parsed copy cost some 45 MB at the end of the build). So this plugin takes each page's
documents from Material's plugin right after it indexed the page, adds them to the sharded index and
releases them: Material then writes only its config, which the shards' manifest replaces. Under
``mkdocs serve`` the documents stay with Material: ``--dirty`` merges them with the last build's, and the
preview (:mod:`chronik.preview`) splices a re-rendered page's sections into them; so there the plugin
leaves them and shards the file Material wrote.

Material's search UI stays as it is (search box, keyboard shortcuts, result list and highlighting):
the theme's ``partials/search-config.html`` points Material's bundle at Chronik's worker, which speaks
the same messages as Material's own worker but fetches only the shards a query needs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .config import SearchConfig
from .shards import ShardedIndex, add_documents, shard_search_index, start

log = logging.getLogger("mkdocs.plugins.chronik")
WORKER_CONFIG = "partials/search-config.html"


class SearchShardsPlugin(BasePlugin[SearchConfig]):
    """Shards Material's search index as pages are indexed, and writes the manifest after the build."""

    def __init__(self) -> None:
        self.material: Any = None
        self.sharded: ShardedIndex | None = None
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        names = [name for name in config.plugins if name.split("/")[-1] == "search"]
        if not names:
            raise PluginError("chronik-search: Material's search plugin ('- search') must come before it")
        self.material = config.plugins[names[0]]
        self.sharded = None
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Checked once every plugin's on_config ran (chronik-site adds Chronik's theme folder): without
        # the theme, Material's own worker would be handed the manifest and find nothing.
        if self.config.enabled and not any((Path(d) / WORKER_CONFIG).is_file() for d in config.theme.dirs):
            raise PluginError(f"chronik-search needs Chronik's theme ({WORKER_CONFIG}, from chronik-site or "
                              "theme.custom_dir: plugins/chronik/theme), which points the search at the shards")

    def _material_entries(self) -> list[Any] | None:
        """Material's list of documents indexed so far, when this build may take them from it."""
        if self.serving:  # Material keeps them: --dirty merges them, the preview splices pages into them
            return None
        entries = getattr(getattr(self.material, "search_index", None), "entries", None)
        return entries if isinstance(entries, list) else None

    # After Material's search plugin (priority 0) indexed the page, before the theme renders it (-100).
    @event_priority(-10)
    def on_page_context(self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any]:
        """Move the page's search documents from Material's plugin into the sharded index."""
        entries = self._material_entries() if self.config.enabled else None
        if entries:
            if self.sharded is None:  # the site folder was cleaned before the first page (not at on_config)
                self.sharded = start(Path(config.site_dir) / "search")
            add_documents(self.sharded, entries)
            entries.clear()
        return context

    # After Material's search plugin (priority 0) wrote its index (its config, and any document left).
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        search_dir = Path(config.site_dir) / "search"
        if not (search_dir / "search_index.json").is_file():
            raise PluginError(f"chronik-search: Material wrote no {search_dir / 'search_index.json'}")
        sharded, self.sharded = self.sharded, None
        stats = shard_search_index(search_dir, sharded)
        log.debug("chronik-search: %(records)d records in %(record_files)d files, %(token_files)d token shards",
                  stats)
