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
        self._add_type_lists(site, files, root)  # after the entity pages: a page named like a type stays the entity's
        return files

    def _index_spec(self, site: SiteContext) -> PageSpec:
        limit = self.config.index_per_type

        def values(page: Page) -> dict[str, Any]:
            groups = []
            for type_, members in _by_type(site).items():
                shown = members
                if 0 < limit < len(members):  # the busiest ones, by name; the full list on its own pages
                    busiest = sorted(members, key=lambda e: -len(site.corpus.events_for(e.id)))[:limit]
                    shown = sorted(busiest, key=lambda e: e.name.casefold())
                label = vocab.entity_type_label(type_, site.lang, True)
                groups.append({"id": f"type-{type_}", "label": label, "entities": _rows(site, shown, page),
                               "more": site.href("list", f"type:{type_}:1", page) if shown is not members else None,
                               "more_label": site.t("all_of_type", n=len(members), type=label),
                               "note": site.t("busiest_of_type", n=len(shown)) if shown is not members else ""})
            return {"groups": groups, "count": site.t.count(len(site.corpus.entities), "entity_count")}

        def toc() -> list[tuple[str, str]]:
            types = type_order({e.type for e in site.corpus.entities.values()})
            return [(vocab.entity_type_label(t, site.lang, True), f"type-{t}") for t in types]

        return PageSpec(title=site.t("entities"), fragment="chronik/fragments/entities-index.html",
                        values=values, toc=toc)

    def _add_type_lists(self, site: SiteContext, files: Files, root: str) -> None:
        """``<root>/types/<type>/``: every entity of a type too large for the index, by name, 1,000 a page."""
        limit = self.config.index_per_type
        for type_, members in _by_type(site).items():
            if not 0 < limit < len(members):
                continue
            label = vocab.entity_type_label(type_, site.lang, True)
            chunks = [members[i:i + TYPE_PAGE] for i in range(0, len(members), TYPE_PAGE)]
            for n, chunk in enumerate(chunks, start=1):
                uri = f"{root}/types/{type_}/index.md" if n == 1 else f"{root}/types/{type_}/{n}.md"
                spec = _type_list_spec(site, label, type_, chunk, n, len(chunks), len(members))
                site.register("list", f"type:{type_}:{n}", site.add_page(files, uri, spec))

    def _entity_spec(self, site: SiteContext, entity: Entity) -> PageSpec:
        def toc() -> list[tuple[str, str]]:
            sections = [("relations", bool(entity.relations or site.corpus.relations_to(entity.id))),
                        ("facts", bool(entity.facts)), ("quotes", bool(site.quotes_by(entity.id))),
                        ("events", True)]
            return [(site.t(key), key) for key, shown in sections if shown]

        return PageSpec(title=entity.name, fragment="chronik/fragments/entity.html",
                        values=lambda page: {"e": entity_view(site, entity, page)},
                        jsonld=lambda page: entity_jsonld(site, entity), toc=toc)


#: Entities per page of a type's full list (~170 bytes of HTML each).
TYPE_PAGE = 1000


def _by_type(site: SiteContext) -> dict[str, list[Entity]]:
    """Every entity type in vocabulary order with its entities by name."""
    entities = site.corpus.entities.values()
    return {type_: sorted((e for e in entities if e.type == type_), key=lambda e: e.name.casefold())
            for type_ in type_order({e.type for e in entities})}


def _rows(site: SiteContext, entities: list[Entity], page: Page) -> list[dict[str, Any]]:
    """Chip, event count and description of each entity, for the index and the type lists."""
    return [{"chip": site.entity_chip(e.id, page), "count": len(site.corpus.events_for(e.id)),
             "description": e.description} for e in entities]


def _type_list_spec(site: SiteContext, label: str, type_: str, chunk: list[Entity], n: int, pages: int,
                    total: int) -> PageSpec:
    """One page of a type's full list of entities."""
    def values(page: Page) -> dict[str, Any]:
        pager = [{"label": str(i), "href": site.href("list", f"type:{type_}:{i}", page), "current": i == n}
                 for i in range(1, pages + 1)] if pages > 1 else []
        return {"groups": [{"id": f"type-{type_}", "label": label, "entities": _rows(site, chunk, page),
                            "more": None, "more_label": "", "note": ""}],
                "count": site.t.count(total, "entity_count"), "pager": pager,
                "back": site.href("index", "entities", page), "title": label}

    suffix = f" ({site.t('page_of', n=n, total=pages)})" if pages > 1 else ""
    return PageSpec(title=f"{site.t('entities')}: {label}{suffix}", fragment="chronik/fragments/entities-index.html",
                    values=values, searchable=False)
