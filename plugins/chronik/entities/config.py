"""Configuration of the ``chronik-entities`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class EntitiesConfig(Config):
    """Where entity pages live."""

    enabled = c.Type(bool, default=True)
    # Folder (and URL prefix): <path>/index.md (grouped by type, in the nav) and <path>/<entity-id>.md.
    path = c.Type(str, default="entities")
