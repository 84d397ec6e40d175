"""Configuration of the ``chronik-sources`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SourcesConfig(Config):
    """Where source pages live."""

    enabled = c.Type(bool, default=True)
    # Folder (and URL prefix): <path>/index.md (in the nav) and <path>/<article-id>.md.
    path = c.Type(str, default="sources")
    # Articles per page of the index (newest first, by year): past it the index goes on at <path>/all/<n>/
    # (about 360 bytes of HTML an article: 500 keep a page near 200 KB). 0: every article on one page.
    index_per_page = c.Type(int, default=500)
