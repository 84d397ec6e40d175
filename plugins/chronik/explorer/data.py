"""Turn a loaded corpus into the compact JSON the explorer scripts read.

Layout under the site's data folder (``explorer/`` by default)::

    index.json            small: counts per year and month (by first type, untyped, all), types, tags, chunks
    events/<year>.json    one chunk per year (``undated.json`` for undated events)
    titles/<year>.json    the titles of that chunk's events, same order (loaded on first need)
    entities.json         id, name, type, event count, page URL, aliases (loaded on demand)
    graph.json            the overview graph (most connected entities)
    local/<id>.json       one entity's neighbourhood for its page's local graph

Event rows are arrays, not objects, to keep the chunks small::

    [id, lower, upper, flags, [entity numbers], [tag numbers], [type numbers], page number(, link)]

``lower``/``upper`` are days since 1970-01-01 or ``null`` (open or unknown end); a month-precision
date spans its month.  ``flags`` is a string of ``a`` (approximate), ``u`` (uncertain), ``<`` (open
start), ``>`` (open end), ``i`` (interval).  Entity numbers index ``entities.json``, tag numbers
``index.json``'s ``tags``, type numbers its ``types``; the page number indexes the chunk's ``pages``.
An event's own page is ``index.json``'s ``eventPages`` + id + ``/`` (``null`` when the site has no event
pages); the optional ``link`` is the site-relative URL of an event linked anywhere else.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Labels for the entity types the vocabulary knows (fallback when chronik.model.vocab differs).
TYPE_LABELS: dict[str, dict[str, str]] = {
    "organization": {"de": "Unternehmen", "en": "Organizations"},
    "person": {"de": "Personen", "en": "People"},
    "product": {"de": "Produkte", "en": "Products"},
    "place": {"de": "Orte", "en": "Places"},
}

RELATION_LABELS: dict[str, dict[str, str]] = {
    "founder_of": {"de": "Gründer von", "en": "founder of"},
    "ceo_of": {"de": "CEO von", "en": "CEO of"},
    "leads": {"de": "leitet", "en": "leads"},
    "works_for": {"de": "arbeitet für", "en": "works for"},
    "analyst_at": {"de": "Analyst bei", "en": "analyst at"},
    "investor_at": {"de": "Investor bei", "en": "investor in"},
    "former_employee_of": {"de": "ehemals bei", "en": "formerly at"},
    "made_by": {"de": "hergestellt von", "en": "made by"},
    "part_of": {"de": "Teil von", "en": "part of"},
    "located_in": {"de": "liegt in", "en": "located in"},
}

UNDATED = "undated"
EPOCH = 719163  # date(1970, 1, 1).toordinal()


def type_label(type_id: str, lang: str) -> str:
    """Plural label of an entity type in ``lang`` (the shared vocabulary first, then our table)."""
    try:
        from chronik.model.vocab import entity_type_label

        return entity_type_label(type_id, lang, plural=True)
    except Exception:  # noqa: BLE001 - the vocabulary is optional here
        labels = TYPE_LABELS.get(type_id)
        return labels.get(lang, labels["en"]) if labels else type_id.replace("_", " ").capitalize()


def relation_label(type_id: str, lang: str) -> str:
    """Forward label of a relation type (the shared vocabulary first, then our table)."""
    try:
        from chronik.model.vocab import relation_label as vocab_label

        return vocab_label(type_id, lang)
    except Exception:  # noqa: BLE001 - the vocabulary is optional here
        labels = RELATION_LABELS.get(type_id)
        return labels.get(lang, labels["en"]) if labels else type_id.replace("_", " ")


def event_year(event: Any) -> str:
    """The chunk an event belongs to: the year of its lower bound (else upper), or ``undated``."""
    date = event.date
    if date is None:
        return UNDATED
    day = date.lower or date.upper
    return f"{day.year:04d}" if day else UNDATED


def _flags(date: Any) -> str:
    flags = ""
    if getattr(date, "approximate", False):
        flags += "a"
    if getattr(date, "uncertain", False):
        flags += "u"
    if date.lower is None:
        flags += "<"
    if date.upper is None:
        flags += ">"
    if getattr(date, "is_interval", False):
        flags += "i"
    return flags


@dataclass
class SiteMap:
    """What the build learnt about page URLs (site-relative, e.g. ``timeline/2026/``)."""

    event_pages: dict[str, str] = field(default_factory=dict)
    entity_pages: dict[str, str] = field(default_factory=dict)
    timeline_pages: dict[str, str] = field(default_factory=dict)  # year -> url of its timeline page
    timeline_root: str | None = None
    page_entities: dict[str, str] = field(default_factory=dict)  # url -> entity id (reverse of entity_pages)
    event_links: dict[str, str] = field(default_factory=dict)  # event id -> url of its own page (or its card)


def event_page_prefix(links: Mapping[str, str]) -> str | None:
    """The folder of the event pages when most events live at ``<folder><id>/`` (None without event pages)."""
    prefixes: Counter[str] = Counter(
        url[: -len(eid) - 1] for eid, url in links.items() if "#" not in url and url.endswith(f"/{eid}/")
    )
    return prefixes.most_common(1)[0][0] if prefixes else None


@dataclass
class ExplorerData:
    """All JSON documents, keyed by their path below the data folder."""

    documents: dict[str, Any]


@dataclass
class _Rows:
    """What one pass over the events gathers: the chunk rows and the counts ``index.json`` reports."""

    chunks: dict[str, list[list[Any]]] = field(default_factory=lambda: defaultdict(list))
    titles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    chunk_pages: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    months: dict[str, list[int]] = field(default_factory=dict)
    type_counts: Counter[str] = field(default_factory=Counter)
    pair_weights: Counter[tuple[str, str]] = field(default_factory=Counter)
    low: Any = None
    high: Any = None


def build_data(
    corpus: Any,
    site: SiteMap,
    lang: str = "de",
    overview_nodes: int = 120,
    local_neighbours: int = 24,
) -> ExplorerData:
    """Compute every JSON document the explorer reads, all held at once (see :func:`iter_documents`)."""
    return ExplorerData(dict(iter_documents(corpus, site, lang, overview_nodes, local_neighbours)))


def iter_documents(
    corpus: Any,
    site: SiteMap,
    lang: str = "de",
    overview_nodes: int = 120,
    local_neighbours: int = 24,
) -> Iterator[tuple[str, Any]]:
    """Yield each JSON document the explorer reads as (path below the data folder, document).

    One at a time, so a build can write each and drop it instead of holding them all; a year's
    rows are released as soon as its two chunks have been yielded.
    """
    entities: Mapping[str, Any] = corpus.entities
    events = list(corpus.events_sorted())
    type_ids = sorted({e.type for e in entities.values()}, key=_type_order)

    # Entities and tags are referred to by their position in entities.json and index.json.
    entity_counts: Counter[str] = Counter(eid for e in events for eid in set(e.entities) if eid in entities)
    tags: Counter[str] = Counter(tag for e in events for tag in set(e.tags))
    entity_order = sorted(entities, key=lambda eid: (-entity_counts[eid], entities[eid].name, eid))
    tag_order = sorted(tags, key=lambda tag: (-tags[tag], tag))
    own_pages = event_page_prefix(site.event_links)
    rows = _event_rows(events, entities, type_ids, entity_order, tag_order, site, own_pages)

    years = []
    for year in sorted(rows.chunks, key=lambda y: (y == UNDATED, y)):
        chunk = rows.chunks.pop(year)
        years.append({"y": year, "n": len(chunk), "page": site.timeline_pages.get(year)})
        yield f"events/{year}.json", {"y": year, "pages": list(rows.chunk_pages.pop(year)), "e": chunk}
        del chunk  # the writer drops the document before asking for the next one
        yield f"titles/{year}.json", {"y": year, "t": rows.titles.pop(year)}

    yield "index.json", {
        "v": 2,
        "lang": lang,
        "n": len(events),
        "range": [rows.low.isoformat() if rows.low else None, rows.high.isoformat() if rows.high else None],
        "years": years,
        "months": dict(sorted(rows.months.items())),
        "types": [{"id": t, "label": type_label(t, lang), "n": rows.type_counts[t]} for t in type_ids],
        "tags": [[tag, tags[tag]] for tag in tag_order],
        "nEntities": len(entities),
        "timeline": site.timeline_root,
        "eventPages": own_pages,
        "published": _latest_publication(corpus),
    }
    yield "entities.json", {
        "e": [
            [
                eid,
                entities[eid].name,
                entities[eid].type,
                entity_counts[eid],
                site.entity_pages.get(eid),
                list(entities[eid].aliases),
            ]
            for eid in entity_order
        ]
    }
    shared, touching = _adjacency(_relations(entities), rows.pair_weights)
    yield "graph.json", _overview_graph(entities, shared, touching, entity_counts, site, lang, overview_nodes)
    for eid in entities:
        yield f"local/{eid}.json", _local_graph(
            eid, entities, shared, touching, entity_counts, site, lang, local_neighbours
        )


def _event_rows(
    events: list[Any],
    entities: Mapping[str, Any],
    type_ids: list[str],
    entity_order: list[str],
    tag_order: list[str],
    site: SiteMap,
    own_pages: str | None,
) -> _Rows:
    """One pass over the sorted events: each event's chunk row and title, and the counts for the index."""
    type_index = {t: i for i, t in enumerate(type_ids)}
    entity_no = {eid: i for i, eid in enumerate(entity_order)}
    tag_no = {tag: i for i, tag in enumerate(tag_order)}
    rows = _Rows()
    for event in events:
        year = event_year(event)
        date = event.date
        lower = date.lower if date is not None else None
        upper = date.upper if date is not None else None
        for day in (lower, upper):
            if day:
                rows.low = day if rows.low is None or day < rows.low else rows.low
                rows.high = day if rows.high is None or day > rows.high else rows.high
        known = list(dict.fromkeys(eid for eid in event.entities if eid in entities))
        ev_types = sorted({type_index[entities[eid].type] for eid in known})
        for t in ev_types:
            rows.type_counts[type_ids[t]] += 1
        if lower or upper:
            # Per month: events by their first type (the lane the timeline draws them in), untyped, all.
            row = rows.months.setdefault((lower or upper).isoformat()[:7], [0] * (len(type_ids) + 2))
            row[ev_types[0] if ev_types else len(type_ids)] += 1
            row[-1] += 1
        for a, b in itertools.combinations(sorted(known), 2):
            rows.pair_weights[(a, b)] += 1
        page = site.event_pages.get(event.id, "")
        page_no = rows.chunk_pages[year].setdefault(page, len(rows.chunk_pages[year]))
        record = [
            event.id,
            _day(lower),
            _day(upper),
            _flags(date) if date is not None else "",
            [entity_no[eid] for eid in known],
            [tag_no[tag] for tag in dict.fromkeys(event.tags)],
            ev_types,
            page_no,
        ]
        link = _event_link(site.event_links.get(event.id), event.id, page, own_pages)
        rows.chunks[year].append(record + [link] if link else record)
        rows.titles[year].append(event.title)
    return rows


def _event_link(link: str | None, event_id: str, page: str, own_pages: str | None) -> str | None:
    """An event's link when the scripts cannot derive it (not ``<eventPages><id>/``, not its card on ``page``)."""
    if not link or link in (f"{own_pages}{event_id}/", f"{page}#{event_id}"):
        return None
    return link


def connected_entities(corpus: Any) -> set[str]:
    """Entities with at least one neighbour (a relation or an event shared with another entity)."""
    entities = corpus.entities
    out: set[str] = set()
    for event in corpus.events.values():
        known = {eid for eid in event.entities if eid in entities}
        if len(known) > 1:
            out |= known
    for source, _rel, target in _relations(entities):
        out |= {source, target}
    return out


def _latest_publication(corpus: Any) -> str | None:
    """The newest article's publication day (``YYYY-MM-DD``), the timeline's "now" of the content."""
    days = [str(a.published)[:10] for a in getattr(corpus, "articles", {}).values() if getattr(a, "published", None)]
    days = [d for d in days if len(d) == 10 and d[4] == "-" and d[7] == "-"]
    return max(days) if days else None


def _day(day: Any) -> int | None:
    """Days since 1970-01-01 (what the scripts compute with), or None."""
    return day.toordinal() - EPOCH if day is not None else None


def _type_order(type_id: str) -> tuple[int, str]:
    known = list(TYPE_LABELS)
    return (known.index(type_id) if type_id in known else len(known), type_id)


def _relations(entities: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """Every relation as (source, relation type, target), targets that exist only."""
    out = []
    for eid, ent in entities.items():
        for rel in ent.relations:
            if rel.target in entities and rel.target != eid:
                out.append((eid, rel.type, rel.target))
    return out


def _node(
    eid: str, entities: Mapping[str, Any], counts: Mapping[str, int], site: SiteMap, spot: tuple[float, float]
) -> list[Any]:
    """[id, name, type, event count, page URL, x, y]: x and y in the unit square, laid out at build time."""
    ent = entities[eid]
    return [eid, ent.name, ent.type, counts.get(eid, 0), site.entity_pages.get(eid), spot[0], spot[1]]


def _adjacency(
    relations: list[tuple[str, str, str]], pairs: Mapping[tuple[str, str], int]
) -> tuple[dict[str, Counter[str]], dict[str, list[tuple[str, str, str]]]]:
    """Shared-event weights per entity and the relations touching each entity."""
    shared: dict[str, Counter[str]] = defaultdict(Counter)
    for (a, b), weight in pairs.items():
        shared[a][b] += weight
        shared[b][a] += weight
    touching: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for rel in relations:
        touching[rel[0]].append(rel)
        touching[rel[2]].append(rel)
    return shared, touching


def _edges(
    nodes: list[str],
    shared: Mapping[str, Counter[str]],
    touching: Mapping[str, list[tuple[str, str, str]]],
    lang: str,
) -> list[list[Any]]:
    """Edges among ``nodes``: [a, b, relation label or '', shared event count]."""
    index = {eid: i for i, eid in enumerate(nodes)}
    merged: dict[tuple[int, int], list[Any]] = {}
    for eid in nodes:
        for a, rel, b in touching.get(eid, ()):
            if a != eid or b not in index:
                continue
            key = (index[a], index[b])
            weight = shared.get(a, Counter()).get(b, 0)
            entry = merged.setdefault(key, [key[0], key[1], "", weight])
            label = relation_label(rel, lang)
            entry[2] = label if not entry[2] else entry[2] + ", " + label
    for eid in nodes:
        ia = index[eid]
        for other, weight in shared.get(eid, Counter()).items():
            ib = index.get(other)
            if ib is None or ib <= ia:
                continue
            if (ia, ib) not in merged and (ib, ia) not in merged:
                merged[(ia, ib)] = [ia, ib, "", weight]
    return sorted(merged.values())


def _overview_graph(
    entities: Mapping[str, Any],
    shared: Mapping[str, Counter[str]],
    touching: Mapping[str, list[tuple[str, str, str]]],
    counts: Mapping[str, int],
    site: SiteMap,
    lang: str,
    limit: int,
) -> dict[str, Any]:
    def degree(eid: str) -> int:
        return 3 * len(touching.get(eid, ())) + sum(shared.get(eid, Counter()).values()) + counts.get(eid, 0)

    chosen = sorted(entities, key=lambda eid: (-degree(eid), eid))[:limit]
    edges = _edges(chosen, shared, touching, lang)
    # Keep the overview readable: relations always, shared events only the strongest ones.
    strongest = sorted((e for e in edges if not e[2]), key=lambda e: (-e[3], e[0], e[1]))[: max(limit * 3, 50)]
    edges = sorted([e for e in edges if e[2]] + strongest)
    spots = force_layout(len(chosen), edges)
    nodes = [_node(eid, entities, counts, site, spots[i]) for i, eid in enumerate(chosen)]
    return {"nodes": nodes, "edges": edges, "degree": [_degree_in(i, edges) for i in range(len(chosen))]}


def _local_graph(
    center: str,
    entities: Mapping[str, Any],
    shared: Mapping[str, Counter[str]],
    touching: Mapping[str, list[tuple[str, str, str]]],
    counts: Mapping[str, int],
    site: SiteMap,
    lang: str,
    limit: int,
) -> dict[str, Any]:
    score: Counter[str] = Counter(shared.get(center, Counter()))
    for a, _rel, b in touching.get(center, ()):
        score[b if a == center else a] += 1000
    score.pop(center, None)
    neighbours = [eid for eid, _ in sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
    nodes = [center, *neighbours]
    spots = radial_layout(len(nodes))
    edges = _edges(nodes, shared, touching, lang)
    return {
        "center": 0,
        "nodes": [_node(eid, entities, counts, site, spots[i]) for i, eid in enumerate(nodes)],
        "edges": edges,
        "degree": [_degree_in(i, edges) for i in range(len(nodes))],
    }


def _degree_in(node: int, edges: list[list[Any]]) -> int:
    """How many edges of the drawn graph touch ``node`` (the hubs get labels)."""
    return sum(1 for e in edges if node in (e[0], e[1]))


def radial_layout(n: int) -> list[tuple[float, float]]:
    """The centre in the middle, its neighbours on one ring (two rings past 12), strongest first at the top."""
    spots = [(0.5, 0.5)]
    inner = min(n - 1, 12)
    for i in range(1, n):
        ring, slot, size = (0, i - 1, inner) if i <= inner else (1, i - 1 - inner, n - 1 - inner)
        angle = -math.pi / 2 + 2 * math.pi * slot / max(size, 1) + (math.pi / max(size, 1) if ring else 0)
        radius = 0.27 if ring == 0 else 0.44
        spots.append((round(0.5 + radius * math.cos(angle), 4), round(0.5 + radius * math.sin(angle), 4)))
    return spots


def force_layout(n: int, edges: list[list[Any]], rounds: int = 220) -> list[tuple[float, float]]:
    """A deterministic force-directed layout (Fruchterman-Reingold) in the unit square, done at build time.

    Browsers only place the given points, so drawing a graph costs the page no long task.
    """
    golden = 2.39996323
    spots = [[0.5 + 0.35 * math.sqrt((i + 1) / max(n, 1)) * math.cos(i * golden),
              0.5 + 0.35 * math.sqrt((i + 1) / max(n, 1)) * math.sin(i * golden)] for i in range(n)]
    if n < 2:
        return [(0.5, 0.5)] * n
    k = math.sqrt(1 / n) * 0.75
    links = [(e[0], e[1], 1.5 if e[2] else 1.0) for e in edges]
    temp = 0.1
    for _ in range(rounds):
        push = _forces(spots, links, k)
        for i, (dx, dy) in enumerate(push):
            dx += (0.5 - spots[i][0]) * 0.6
            dy += (0.5 - spots[i][1]) * 0.6
            length = math.hypot(dx, dy) + 1e-9
            step = min(length, temp)
            spots[i][0] += dx / length * step
            spots[i][1] += dy / length * step
        temp *= 0.985
    return _normalise(spots)


def _forces(spots: list[list[float]], links: list[tuple[int, int, float]], k: float) -> list[list[float]]:
    """One round's displacement: every pair repels, every edge pulls."""
    n = len(spots)
    push = [[0.0, 0.0] for _ in range(n)]
    kk = k * k
    for i in range(n):
        xi, yi = spots[i]
        for j in range(i + 1, n):
            dx, dy = xi - spots[j][0], yi - spots[j][1]
            f = kk / (dx * dx + dy * dy + 1e-6)
            push[i][0] += dx * f
            push[i][1] += dy * f
            push[j][0] -= dx * f
            push[j][1] -= dy * f
    for a, b, weight in links:
        dx, dy = spots[a][0] - spots[b][0], spots[a][1] - spots[b][1]
        f = (math.hypot(dx, dy) + 1e-6) * weight / k
        push[a][0] -= dx * f
        push[a][1] -= dy * f
        push[b][0] += dx * f
        push[b][1] += dy * f
    return push


def _normalise(spots: list[list[float]]) -> list[tuple[float, float]]:
    """Stretch the layout to fill the unit square with a margin, rounded for a small JSON."""
    xs, ys = [p[0] for p in spots], [p[1] for p in spots]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    out = []
    for x, y in spots:
        nx = 0.06 + 0.88 * ((x - x0) / (x1 - x0) if x1 > x0 else 0.5)
        ny = 0.06 + 0.84 * ((y - y0) / (y1 - y0) if y1 > y0 else 0.5)
        out.append((round(nx, 4), round(ny, 4)))
    return out
