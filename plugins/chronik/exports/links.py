"""Links to the exports for pages: a list of dicts, the HTML block and ``<link rel="alternate">`` tags.

The home page links every corpus-wide export, an entity page its own calendar and feed plus the
corpus-wide ones. Hrefs are relative to the page, so the site works under any sub-path.
"""

from __future__ import annotations

import html
from typing import Any

from mkdocs.utils import get_relative_url

from .common import (
    ENTITIES_JSON,
    EVENTS_ATOM,
    EVENTS_CSV,
    EVENTS_ICS,
    EVENTS_JSON,
    TIMELINE_JSON,
    entity_export_paths,
    tag_feed_path,
)

#: Marker attribute: a page whose HTML already contains it is not given a second block.
MARKER = "data-chronik-exports"

LABELS = {
    "de": {"heading": "Daten und Feeds", "entity_heading": "Daten zu {name}",
           "atom": "Feed (Atom)", "ics": "Kalender (iCalendar)", "csv": "Tabelle (CSV)",
           "events_json": "Ereignisse (JSON)", "entities_json": "Akteure (JSON)",
           "timeline_json": "TimelineJS (JSON)", "entity_atom": "Feed zu {name} (Atom)",
           "entity_ics": "Kalender zu {name} (iCalendar)", "about": "Über die Formate",
           "tag_atom": "Feed zum Schlagwort {name} (Atom)"},
    "en": {"heading": "Data and feeds", "entity_heading": "Data about {name}",
           "atom": "Feed (Atom)", "ics": "Calendar (iCalendar)", "csv": "Table (CSV)",
           "events_json": "Events (JSON)", "entities_json": "Entities (JSON)",
           "timeline_json": "TimelineJS (JSON)", "entity_atom": "Feed about {name} (Atom)",
           "entity_ics": "Calendar about {name} (iCalendar)", "about": "About the formats",
           "tag_atom": "Feed for the tag {name} (Atom)"},
}
MEDIA_TYPES = {"atom": "application/atom+xml", "ics": "text/calendar", "csv": "text/csv",
               "json": "application/json"}

_SITE_WIDE = [
    ("atom", EVENTS_ATOM, "atom"), ("ics", EVENTS_ICS, "ics"), ("csv", EVENTS_CSV, "csv"),
    ("events_json", EVENTS_JSON, "json"), ("entities_json", ENTITIES_JSON, "json"),
    ("timeline_json", TIMELINE_JSON, "json"),
]


def export_links(page_url: str, lang: str, entity: tuple[str, str] | None = None,
                 entity_calendar: bool = True) -> list[dict[str, Any]]:
    """Links from the page at ``page_url`` (a site-relative URL such as ``entities/zhipu/``).

    ``entity`` is (id, name) on an entity page: its feed and calendar come first (the calendar
    only when ``entity_calendar``: an entity without dated events has none). Each link is
    ``{"key", "label", "href", "type"}`` with ``type`` the media type.
    """
    labels = LABELS[lang if lang in LABELS else "en"]
    links = []
    if entity is not None:
        entity_id, name = entity
        paths = entity_export_paths(entity_id)
        links.append({"key": "entity_atom", "label": labels["entity_atom"].format(name=name),
                      "href": get_relative_url(paths["atom"], page_url), "type": MEDIA_TYPES["atom"]})
        if entity_calendar:
            links.append({"key": "entity_ics", "label": labels["entity_ics"].format(name=name),
                          "href": get_relative_url(paths["ics"], page_url), "type": MEDIA_TYPES["ics"]})
    links += [
        {"key": key, "label": labels[key], "href": get_relative_url(path, page_url), "type": MEDIA_TYPES[kind]}
        for key, path, kind in _SITE_WIDE
    ]
    return links


def links_block(links: list[dict[str, Any]], lang: str, heading: str | None = None,
                about_href: str | None = None) -> str:
    """The HTML block of export links (every value escaped)."""
    labels = LABELS[lang if lang in LABELS else "en"]
    items = "".join(
        f'<li><a href="{html.escape(link["href"])}" type="{html.escape(link["type"])}" '
        f'data-export="{html.escape(link["key"])}">{html.escape(link["label"])}</a></li>'
        for link in links
    )
    about = (f'<p><a href="{html.escape(about_href)}">{html.escape(labels["about"])}</a></p>'
             if about_href else "")
    title = html.escape(heading or labels["heading"])
    return (f'<section class="chronik-exports" {MARKER} aria-labelledby="chronik-exports">'
            f'<h2 id="chronik-exports">{title}</h2><ul>{items}</ul>{about}</section>')


def tag_links(page_url: str, tag: str, lang: str) -> list[dict[str, Any]]:
    """The feed of one tag, linked from the page at ``page_url``."""
    labels = LABELS[lang if lang in LABELS else "en"]
    return [{"key": "tag_atom", "label": labels["tag_atom"].format(name=tag),
             "href": get_relative_url(tag_feed_path(tag), page_url), "type": MEDIA_TYPES["atom"]}]


def head_links(links: list[dict[str, Any]]) -> str:
    """Feed discovery tags for the feeds and calendars among ``links``.

    ``rel="alternate feed"``: readers find feeds by the ``alternate`` token and the type; Material's
    script selects only ``rel`` exactly equal to ``alternate`` (its language versions) and fetches a
    ``sitemap.xml`` beside each one, which a feed link must not cause.
    """
    return "".join(
        f'<link rel="alternate feed" type="{html.escape(link["type"])}" href="{html.escape(link["href"])}" '
        f'title="{html.escape(link["label"])}">'
        for link in links
        if link["type"] in (MEDIA_TYPES["atom"], MEDIA_TYPES["ics"])
    )
