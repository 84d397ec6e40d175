"""Configuration of the ``chronik-search`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    """``- chronik-search`` after Material's ``- search``: shards its index after every build."""

    enabled = c.Type(bool, default=True)
