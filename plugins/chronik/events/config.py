"""Configuration of the ``chronik-events`` and ``chronik-tags`` plugins."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class EventsConfig(Config):
    """Where event pages live."""

    enabled = c.Type(bool, default=True)
    # Folder (and URL prefix): <path>/<event-id>.md, so an event's page is /events/<id>/.
    path = c.Type(str, default="events")


class TagsConfig(Config):
    """Where tag pages live."""

    enabled = c.Type(bool, default=True)
    # Folder (and URL prefix): <path>/index.md (every tag with its count) and <path>/<tag>.md.
    path = c.Type(str, default="tags")
