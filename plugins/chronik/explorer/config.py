"""Typed configuration of the explorer plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ExplorerConfig(Config):
    """Options of ``chronik-explorer`` in ``mkdocs.yml``.

    Every option has a default, so ``- chronik-explorer`` alone works.
    """

    enabled = c.Type(bool, default=True)
    #: Content tree (relative to mkdocs.yml) read with ``chronik.model.load_content``
    #: when no other plugin already holds a loaded corpus.
    content_dir = c.Type(str, default="content")
    #: Folder inside the built site for the JSON data the scripts read.
    data_dir = c.Type(str, default="explorer")
    #: Folder inside the built site for the scripts and styles.
    assets_dir = c.Type(str, default="assets/chronik-explorer")
    #: URL prefix of the timeline pages; an event's link prefers a page under it.
    timeline_prefix = c.Type(str, default="timeline/")
    #: Folders (src paths) whose pages named after an entity id are entity pages.
    entity_dirs = c.Type(list, default=["entities/"])
    #: Add the generated overview graph page.
    graph_page = c.Type(bool, default=True)
    graph_page_path = c.Type(str, default="graph/index.md")
    #: Nodes on the overview graph (the most connected entities).
    graph_overview_nodes = c.Type(int, default=60)
    #: Neighbours shown on an entity page's local graph.
    graph_local_neighbours = c.Type(int, default=24)
