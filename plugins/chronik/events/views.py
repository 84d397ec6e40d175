"""View data for event pages: the event with its entities, figures, quotes, sources and neighbours."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.pages import Page

from chronik.entities.views import fact_text
from chronik.model import Event
from chronik.site import SiteContext, anchors


def related_figures(site: SiteContext, event: Event, page: Page) -> list[dict[str, Any]]:
    """Key figures of the event's entities that come from an article the event itself cites.

    Events carry no figures of their own; a figure reported in the same article is the one that
    belongs with the event (the revenue announced alongside a deal), each linking to its entity.
    """
    articles = {s.article for s in event.sources} | {q.source.article for q in event.quotes if q.source}
    figures = []
    for entity_id in dict.fromkeys(event.entities):
        entity = site.corpus.entities.get(entity_id)
        if entity is None:
            continue
        for i, fact in enumerate(entity.facts):
            if articles & {s.article for s in fact.sources}:
                figures.append({
                    "entity": site.entity_chip(entity_id, page), "label": fact.label,
                    "value": fact_text(fact, site.lang),
                    "date": site.date_label(fact.date) if fact.date is not None else "",
                    "href": site.href("entity", entity_id, page, anchors.fact(i)),
                })
    return figures


def neighbour(site: SiteContext, event: Event | None, page: Page) -> dict[str, Any] | None:
    """Date, title and link of the previous or next event in time."""
    return site.event_ref(event, page) if event is not None else None


def event_page_view(site: SiteContext, event: Event, before: Event | None, after: Event | None,
                    page: Page) -> dict[str, Any]:
    """Everything an event page shows, links relative to ``page``."""
    view = site.event_view(event, page)
    return {
        **view,
        "card": site.href("card", event.id, page),
        "figures": related_figures(site, event, page),
        "previous": neighbour(site, before, page),
        "next": neighbour(site, after, page),
    }


def event_page_jsonld(site: SiteContext, event: Event) -> dict[str, Any]:
    """schema.org Event of the page (escaped for <script> by the site plugin, like all JSON-LD)."""
    return {"@context": "https://schema.org", **site.event_jsonld(event)}
