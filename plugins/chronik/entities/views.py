"""View data for entity pages: relations both ways, key figures, quotes and events."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.pages import Page

from chronik.exports.common import dated_newest_first
from chronik.model import Entity, Fact, vocab
from chronik.site import SiteContext, anchors
from chronik.site.lists import year_groups

#: Events listed on an entity's page; a busier entity links the full list (split into pages).
SHOWN_EVENTS = 50

_UNITS = {"percent": "%", "usd": "USD", "eur": "EUR"}


_LARGE = {"de": ((10**12, "Bio."), (10**9, "Mrd."), (10**6, "Mio.")),
          "en": ((10**12, "tn"), (10**9, "bn"), (10**6, "m"))}


def format_value(value: int | str, lang: str) -> str:
    """57 → '57', 57000 → '57.000' (de) / '57,000' (en), '3.5' → '3,5' (de), 57000000000 → '57 Mrd.';
    text that is not a number stays as written."""
    text = str(value)
    if text.lstrip("-").isdigit() and abs(int(text)) >= 10**6:
        number = int(text)
        for size, word in _LARGE["de" if lang == "de" else "en"]:
            if abs(number) >= size:
                scaled = f"{number / size:.2f}".rstrip("0").rstrip(".")
                return f"{format_value(scaled, lang)} {word}"
    whole, dot, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    if not digits.isdigit() or (frac and not frac.isdigit()):
        return text
    group, decimal = (".", ",") if lang == "de" else (",", ".")
    grouped = f"{int(digits):,}".replace(",", group) if len(digits) > 4 else digits
    return f"{sign}{grouped}{decimal + frac if dot else ''}"


def fact_text(fact: Fact, lang: str) -> str:
    unit = _UNITS.get(fact.unit.lower(), fact.unit) if fact.unit else ""
    value = format_value(fact.value, lang)
    if unit == "%":
        return f"{value} %"
    return f"{value} {unit}".strip()


def entity_view(site: SiteContext, entity: Entity, page: Page) -> dict[str, Any]:
    """Everything an entity page shows, links relative to ``page``."""
    lang = site.lang
    relations = []
    for i, rel in enumerate(entity.relations):
        relations.append({
            "id": anchors.relation(i), "label": vocab.relation_label(rel.type, lang),
            "other": site.entity_chip(rel.target, page),
            "sources": site.source_links(rel.sources, lambda j, i=i: anchors.relation_source(entity.id, i, j),
                                         page),
        })
    incoming: dict[str, list[dict[str, Any]]] = {}
    for other, rel in site.corpus.relations_to(entity.id):
        j = other.relations.index(rel)
        incoming.setdefault(vocab.relation_label(rel.type, lang, inverse=True), []).append({
            "other": site.entity_chip(other.id, page),
            "sources": site.source_links(rel.sources,
                                         lambda k, o=other.id, j=j: anchors.relation_source(o, j, k), page),
        })
    facts = [{
        "id": anchors.fact(i), "label": f.label, "value": fact_text(f, lang),
        "date": site.date_label(f.date) if f.date is not None else "",
        "datetime": f.date.lower.isoformat() if f.date is not None and f.date.lower else None,
        "sources": site.source_links(f.sources, lambda j, i=i: anchors.fact_source(entity.id, i, j), page),
    } for i, f in enumerate(entity.facts)]
    quotes = []
    for event, i in site.quotes_by(entity.id):
        quote = event.quotes[i]
        quotes.append({
            "id": anchors.quote(event.id, i), "text": quote.text,
            "event": {"title": event.title, "href": site.href("event", event.id, page),
                      "date": site.date_label(event.date)},
            "source": site.source_link(quote.source, anchors.quote_source(event.id, i), page)
            if quote.source else None,
        })
    return {
        "id": entity.id, "name": entity.name, "type": entity.type,
        "type_label": vocab.entity_type_label(entity.type, lang),
        "aliases": list(entity.aliases), "description": entity.description,
        "links": [{"title": link.title or link.url, "url": link.url} for link in entity.links],
        "relations": relations,
        "incoming": [{"label": label, "members": members} for label, members in incoming.items()],
        "facts": facts, "quotes": quotes,
        **entity_events(site, entity, page),
        "back": site.href("index", "entities", page),
    }


def entity_events(site: SiteContext, entity: Entity, page: Page) -> dict[str, Any]:
    """The entity's newest events grouped by year (at most SHOWN_EVENTS) and the link to all of them."""
    events = dated_newest_first(site.corpus.events_for(entity.id))
    shown = events[:SHOWN_EVENTS]
    more = len(events) > len(shown)
    return {
        "event_groups": year_groups(site, shown, page),
        "event_total": len(events),
        "events_note": site.t("newest_shown", shown=len(shown), n=len(events)) if more else "",
        "all_events": site.href("list", f"entity:{entity.id}:1", page) if more else None,
        "all_label": site.t("show_all", n=len(events)),
    }


def entity_jsonld(site: SiteContext, entity: Entity) -> dict[str, Any]:
    """schema.org data for an entity (Organization, Person, Product, Place or Thing)."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": vocab.schema_org_type(entity.type),
                            "name": entity.name}
    url = site.absolute("entity", entity.id)
    if url:
        data["@id"] = url
        data["url"] = url
    if entity.aliases:
        data["alternateName"] = list(entity.aliases)
    if entity.description:
        data["description"] = entity.description
    if entity.links:
        data["sameAs"] = [link.url for link in entity.links]
    return data


def type_order(types: set[str]) -> list[str]:
    """Known types in vocabulary order (Unternehmen, Personen, Produkte, Orte), then others by name."""
    known = [t for t in vocab.entity_types() if t in types]
    return known + sorted(types - set(known))
