"""Configuration of the ``chronik-csp`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CspConfig(Config):
    """``- chronik-csp`` alone gives the strict policy; list it last, so it sees every other plugin's output."""

    enabled = c.Type(bool, default=True)
    #: Extra sources per directive, e.g. ``{img-src: [https://example.org]}`` for hand-written pages.
    extra_sources = c.Type(dict, default={})
