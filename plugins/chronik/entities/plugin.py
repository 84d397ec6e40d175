"""``chronik-entities``: one page per entity and an index grouped by type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from chronik.model import Entity, vocab
from chronik.site import PageSpec, SiteContext, get_site
from chronik.site.lists import EventList

from .config import EntitiesConfig
from .views import SHOWN_EVENTS, entity_jsonld, entity_view, type_order


def _back_to(site: SiteContext, entity: Entity) -> Callable[[Page], dict[str, Any]]:
    """Template values linking a page of an entity's full event list back to the entity."""
    return lambda page: {"back": site.href("entity", entity.id, page), "back_label": entity.name}


class EntitiesPlugin(BasePlugin[EntitiesConfig]):
    """Generates ``entities/index.md`` (in the nav) and ``entities/<id>.md`` (not in the nav)."""

    # After plugins that add hand-written pages, so a file someone else provides at our path wins.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        site = get_site(config)
        root = self.config.path.strip("/")
        index = site.add_page(files, f"{root}/index.md", self._index_spec(site), in_nav=True)
        site.register("index", "entities", index)
        for entity in site.corpus.entities.values():
            file = site.add_page(files, f"{root}/{entity.id}.md", self._entity_spec(site, entity))
            site.register("entity", entity.id, file)
            events = site.corpus.events_for(entity.id)
            if len(events) > SHOWN_EVENTS:  # the full list, on pages of its own
                EventList(key=f"entity:{entity.id}", root=f"{root}/{entity.id}/events",
                          title=f"{entity.name}: {site.t('events')}", events=events,
                          extra=_back_to(site, entity)).add(site, files)
        return files

    def _index_spec(self, site: SiteContext) -> PageSpec:
        def values(page: Page) -> dict[str, Any]:
            entities = site.corpus.entities.values()
            groups = []
            for type_ in type_order({e.type for e in entities}):
                members = sorted((e for e in entities if e.type == type_), key=lambda e: e.name.casefold())
                groups.append({"id": f"type-{type_}", "label": vocab.entity_type_label(type_, site.lang, True),
                               "entities": [{"chip": site.entity_chip(e.id, page),
                                             "count": len(site.corpus.events_for(e.id)),
                                             "description": e.description} for e in members]})
            return {"groups": groups, "count": site.t.count(len(site.corpus.entities), "entity_count")}

        def toc() -> list[tuple[str, str]]:
            types = type_order({e.type for e in site.corpus.entities.values()})
            return [(vocab.entity_type_label(t, site.lang, True), f"type-{t}") for t in types]

        return PageSpec(title=site.t("entities"), fragment="chronik/fragments/entities-index.html",
                        values=values, toc=toc)

    def _entity_spec(self, site: SiteContext, entity: Entity) -> PageSpec:
        def toc() -> list[tuple[str, str]]:
            sections = [("relations", bool(entity.relations or site.corpus.relations_to(entity.id))),
                        ("facts", bool(entity.facts)), ("quotes", bool(site.quotes_by(entity.id))),
                        ("events", True)]
            return [(site.t(key), key) for key, shown in sections if shown]

        return PageSpec(title=entity.name, fragment="chronik/fragments/entity.html",
                        values=lambda page: {"e": entity_view(site, entity, page)},
                        jsonld=lambda page: entity_jsonld(site, entity), toc=toc)
