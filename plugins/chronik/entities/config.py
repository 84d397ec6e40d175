"""Configuration of the ``chronik-entities`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class EntitiesConfig(Config):
    """Where entity pages live."""

    enabled = c.Type(bool, default=True)
    # Folder (and URL prefix): <path>/index.md (grouped by type, in the nav) and <path>/<entity-id>.md.
    path = c.Type(str, default="entities")
    # The index lists at most this many entities per type (those in the most events); a larger type
    # links its full list, <path>/types/<type>/ (by name, numbered pages of 1,000). 0: list every entity.
    index_per_type = c.Type(int, default=100)
