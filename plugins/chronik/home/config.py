"""Configuration of the ``chronik-home`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HomeConfig(Config):
    """What the home page shows below its hand-written introduction."""

    enabled = c.Type(bool, default=True)
    # How many of the latest events to list.
    latest = c.Type(int, default=8)
