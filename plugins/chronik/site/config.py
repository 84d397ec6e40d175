"""Configuration of the ``chronik-site`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SiteConfig(Config):
    """Where the content lives and which language the site speaks."""

    enabled = c.Type(bool, default=True)
    # Folder holding articles/, events/ and entities/, relative to mkdocs.yml.
    content_dir = c.Type(str, default="content")
    # Language of Chronik's own strings and dates; empty: the theme's language (de by default).
    language = c.Type(str, default="")
