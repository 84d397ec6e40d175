"""Typed configuration of the ``chronik-exports`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ExportsConfig(Config):
    """Options of ``chronik-exports`` in ``mkdocs.yml``; ``- chronik-exports`` alone works."""

    #: Turn every export off (e.g. for a quick local preview).
    enabled = c.Type(bool, default=True)
    #: Content tree, relative to mkdocs.yml, when no other Chronik plugin already loaded it.
    content_dir = c.Type(str, default="content")
    #: Write a calendar and a feed for every entity (``data/entities/<id>.ics|.atom``).
    per_entity = c.Type(bool, default=True)
    #: Write a feed for every tag (``data/tags/<tag>.atom``), linked from the tag's page.
    per_tag = c.Type(bool, default=True)
    #: At most this many entries per Atom feed, newest first (0: every event). A feed reader wants what is new,
    #: and a feed of every event grows to tens of MB at 100,000 events; JSON, CSV and iCalendar keep them all.
    feed_limit = c.Type(int, default=100)
    #: Language of date labels and descriptions; default: ``theme.language`` (de or en).
    language = c.Optional(c.Choice(["de", "en"]))
    #: Title of the feeds, calendars and the TimelineJS title slide; default: ``site_name``.
    title = c.Optional(c.Type(str))
    #: Page (path in docs_dir) that documents the formats; linked from the export links if it exists.
    about_page = c.Type(str, default="data.md")
