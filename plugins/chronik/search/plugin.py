"""``chronik-search``: after Material's search plugin wrote ``search/search_index.json``, split it into
a prefix-sharded token index (:mod:`chronik.search.shards`) that Chronik's search worker queries.

Material's search UI stays as it is (search box, keyboard shortcuts, result list and highlighting):
the theme's ``partials/search-config.html`` points Material's bundle at Chronik's worker, which speaks
the same messages as Material's own worker but fetches only the shards a query needs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .config import SearchConfig
from .shards import shard_search_index

log = logging.getLogger("mkdocs.plugins.chronik")
WORKER_CONFIG = "partials/search-config.html"


class SearchShardsPlugin(BasePlugin[SearchConfig]):
    """Shards Material's search index once it is written."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        if not any(name.split("/")[-1] == "search" for name in config.plugins):
            raise PluginError("chronik-search: Material's search plugin ('- search') must come before it")
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Checked once every plugin's on_config ran (chronik-site adds Chronik's theme folder): without
        # the theme, Material's own worker would be handed the manifest and find nothing.
        if self.config.enabled and not any((Path(d) / WORKER_CONFIG).is_file() for d in config.theme.dirs):
            raise PluginError(f"chronik-search needs Chronik's theme ({WORKER_CONFIG}, from chronik-site or "
                              "theme.custom_dir: plugins/chronik/theme), which points the search at the shards")

    # After Material's search plugin (priority 0) wrote its index.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        search_dir = Path(config.site_dir) / "search"
        if not (search_dir / "search_index.json").is_file():
            raise PluginError(f"chronik-search: Material wrote no {search_dir / 'search_index.json'}")
        stats = shard_search_index(search_dir)
        log.debug("chronik-search: %(records)d records in %(record_files)d files, %(token_files)d token shards",
                  stats)
