"""MkDocs plugin ``chronik-explorer``: JSON data, scripts and styles for the interactive explorer.

The hooks stay short; the work happens in :mod:`chronik.explorer.data` (the JSON) and
:mod:`chronik.explorer.pages` (finding pages and placing the mount points).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from chronik.explorer import pages as site_pages
from chronik.explorer.config import ExplorerConfig
from chronik.explorer.data import SiteMap, connected_entities, iter_documents

log = logging.getLogger("mkdocs.plugins.chronik.explorer")


class ExplorerPlugin(BasePlugin[ExplorerConfig]):
    """Adds filters, the visual timeline and entity graphs to the pages the site plugins make."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.corpus: Any = None
        self.site = SiteMap()
        self.harvest = site_pages.Harvest()
        self.lang = "de"
        self.connected: set[str] = set()
        self.head = ""

    # Late, so the site plugins have loaded their config and theme overrides first.
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Register our stylesheet and our entry module (``type="module"``) on every page."""
        if not self.config.enabled:
            return None
        self.lang = str(config.theme.get("language") or config.theme.get("locale") or "de")[:2]
        base = self.config.assets_dir.strip("/")
        if f"{base}/explorer.css" not in [str(css) for css in config.extra_css]:
            config.extra_css.append(f"{base}/explorer.css")
        if f"{base}/explorer.js" not in [str(js) for js in config.extra_javascript]:
            script = ExtraScriptValue(f"{base}/explorer.js")
            script.type = "module"
            config.extra_javascript.append(script)
        settings = site_pages.settings_block(self.lang, self.config.data_dir, self.config.assets_dir)
        self.head = site_pages.head_html(settings)
        return config

    # Later than the site's page plugins (-50), so their generated pages are already in the collection.
    @event_priority(-60)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Load the corpus, find entity pages, add our assets and the overview graph page."""
        if not self.config.enabled:
            return None
        self.corpus = site_pages.find_corpus(config, self.config.content_dir)
        self.harvest = site_pages.Harvest()
        self.site = SiteMap(entity_pages=site_pages.entity_pages(files, self.corpus, self.config.entity_dirs))
        self.connected = connected_entities(self.corpus) if self.corpus is not None else set()
        for file in site_pages.asset_files(config, self.config.assets_dir):
            files.append(file)
        if self.config.graph_page and self.corpus is not None:
            content = site_pages.graph_page_markdown(
                self.corpus,
                self.site,
                self.config.graph_page_path,
                self.lang,
                self.config.graph_overview_nodes,
            )
            files.append(File.generated(config, self.config.graph_page_path, content=content))
        return files

    # Late, so the HTML is final; we only harvest ids and add hidden mount points.
    @event_priority(-50)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Record which events each page shows, place the mount points and the scripts' settings."""
        if not self.config.enabled or self.corpus is None:
            return None
        output = site_pages.process_page(
            output,
            page.url,
            self.corpus,
            self.site,
            self.harvest,
            self.config.timeline_prefix,
            lang=self.lang,
            connected=self.connected,
        )
        return output.replace("</head>", self.head + "</head>", 1)

    # Late, after other plugins wrote their files into the site folder.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the JSON documents the scripts read."""
        if not self.config.enabled or self.corpus is None:
            return
        self.harvest.finish(self.site, self.config.timeline_prefix)
        self.site.event_links = site_pages.event_links(config, self.corpus)
        documents = iter_documents(
            self.corpus,
            self.site,
            lang=self.lang,
            overview_nodes=self.config.graph_overview_nodes,
            local_neighbours=self.config.graph_local_neighbours,
        )
        root = Path(config.site_dir) / self.config.data_dir.strip("/")
        written = 0
        # One document at a time: each is serialised, written and dropped before the next is built.
        for name, document in documents:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            written += 1
            del document
        log.info("chronik-explorer: wrote %d JSON files to %s", written, root)
