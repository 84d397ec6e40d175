"""Configuration of the ``chronik-timeline`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class TimelineConfig(Config):
    """Where the timeline lives."""

    enabled = c.Type(bool, default=True)
    # Folder (and URL prefix) of the timeline pages: <path>/index.md, <path>/<year>.md, <path>/undated.md.
    path = c.Type(str, default="timeline")
    # A year with more events than this gets one page per month (<path>/<year>/<mm>.md) and the
    # year page lists its months, so no page grows without bound. 0: never split.
    # 100 keeps a page near 200 KB of HTML (each event carries chips, a source link and JSON-LD).
    max_events_per_page = c.Type(int, default=100)
