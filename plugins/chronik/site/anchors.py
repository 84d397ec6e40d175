"""Element ids shared by all pages, so any page can link to the exact place of any claim.

Event ids and entity ids are already unique slugs (``^[a-z0-9]+(-[a-z0-9]+)*$``);
the prefixes below keep the derived ids apart from them and from each other.
"""

from __future__ import annotations


def event(event_id: str) -> str:
    """The event's own ``<article>`` on the timeline (the id itself: stable permalinks)."""
    return event_id


def month(year: int, month: int) -> str:
    """A month heading on a timeline year page (month 0: events spanning several months)."""
    return f"m-{year:04d}-{month:02d}"


def event_source(event_id: str, index: int) -> str:
    """On a source page: the sentence event ``event_id`` was taken from (its ``index``-th source)."""
    return f"ev-{event_id}-{index}"


def quote_source(event_id: str, index: int) -> str:
    """On a source page: where quote ``index`` of an event stands."""
    return f"qu-{event_id}-{index}"


def relation_source(entity_id: str, relation: int, index: int) -> str:
    """On a source page: a sentence supporting a relation of an entity."""
    return f"re-{entity_id}-{relation}-{index}"


def fact_source(entity_id: str, fact: int, index: int) -> str:
    """On a source page: a sentence supporting a key figure of an entity."""
    return f"fa-{entity_id}-{fact}-{index}"


def quote(event_id: str, index: int) -> str:
    """A quote shown on an event or on its speaker's page."""
    return f"quote-{event_id}-{index}"


def relation(index: int) -> str:
    """A relation on its entity's page."""
    return f"relation-{index}"


def fact(index: int) -> str:
    """A key figure on its entity's page."""
    return f"fact-{index}"
