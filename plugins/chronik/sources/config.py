"""Configuration of the ``chronik-sources`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SourcesConfig(Config):
    """Where source pages live."""

    enabled = c.Type(bool, default=True)
    # Folder (and URL prefix): <path>/index.md (in the nav) and <path>/<article-id>.md.
    path = c.Type(str, default="sources")
