"""``data/events.json`` and ``data/entities.json``: the full content as documented JSON.

Both files carry ``$schema`` (a relative link to their JSON Schema, shipped next to them) and
``format_version``. The schemas live in ``chronik/exports/schema/`` and are the documentation of
record: every property has a description.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .common import (
    ENTITIES_JSON,
    ENTITIES_SCHEMA,
    EVENTS_JSON,
    EVENTS_SCHEMA,
    ExportContext,
    date_label,
    iso,
    precision_of,
)

if TYPE_CHECKING:
    from chronik.model import Event
    from chronik.model.edtf import EDTF
    from chronik.model.types import Source

FORMAT_VERSION = 1


@cache
def schema_text(name: str) -> str:
    """The text of a shipped schema: 'events' or 'entities'."""
    return resources.files("chronik.exports").joinpath(f"schema/{name}.schema.json").read_text("utf-8")


def schema(name: str) -> dict[str, Any]:
    """A shipped JSON Schema as a dict: 'events' or 'entities'."""
    return json.loads(schema_text(name))


def dumps(data: Any) -> str:
    """Stable, readable JSON (UTF-8 text, not ASCII-escaped): a list of objects has one per line.

    Compact enough for 10,000 events, and a changed event is a one-line diff.
    """
    return "".join(dump_chunks(data))


def dump_chunks(data: Any) -> Iterator[str]:
    """The text of :func:`dumps` piece by piece (one object per piece), to be written as it comes."""
    if not isinstance(data, dict):
        yield json.dumps(data, ensure_ascii=False) + "\n"
        return
    for n, (key, value) in enumerate(data.items()):
        name = json.dumps(key, ensure_ascii=False)
        yield ("{\n " if n == 0 else ",\n ") + name + ": "
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            for i, item in enumerate(value):
                yield ("[\n  " if i == 0 else ",\n  ") + json.dumps(item, ensure_ascii=False)
            yield "\n ]"
        else:
            yield json.dumps(value, ensure_ascii=False)
    yield "\n}\n" if data else "{\n \n}\n"


def date_record(edtf: EDTF | None, lang: str) -> dict[str, Any] | None:
    """An EDTF date as JSON: its text plus computed bounds, precision and a label."""
    if edtf is None:
        return None
    return {
        "edtf": edtf.text,
        "start": iso(edtf.lower),
        "end": iso(edtf.upper),
        "precision": precision_of(edtf),
        "approximate": bool(edtf.approximate),
        "uncertain": bool(edtf.uncertain),
        "label": date_label(edtf, lang),
    }


def source_record(source: Source) -> dict[str, Any]:
    """A source span: article id, verbatim quote and its offsets."""
    record: dict[str, Any] = {
        "article": source.article,
        "quote": source.quote,
        "start": source.start,
        "end": source.end,
    }
    if source.time_expression:
        record["time_expression"] = source.time_expression
    return record


def event_record(ctx: ExportContext, event: Event) -> dict[str, Any]:
    """One event as JSON (the ``events[]`` items of events.json)."""
    return {
        "id": event.id,
        "url": ctx.absolute(ctx.event_url(event.id)),
        "date": date_record(event.date, ctx.lang),
        "title": event.title,
        "summary": event.summary or "",
        "entities": list(event.entities),
        "tags": list(event.tags),
        "quotes": [
            {
                "speaker": quote.speaker,
                "text": quote.text,
                "source": source_record(quote.source) if quote.source else None,
            }
            for quote in event.quotes
        ],
        "sources": [source_record(source) for source in event.sources],
        "origin": event.origin,
        "reviewed": bool(event.reviewed),
    }


def _header(ctx: ExportContext, schema_path: str) -> dict[str, Any]:
    return {
        "$schema": schema_path.rsplit("/", 1)[-1],
        "format_version": FORMAT_VERSION,
        "title": ctx.title,
        "site_url": ctx.site_url,
        "language": ctx.lang,
        "updated": ctx.updated.isoformat(),
    }


def events_document(ctx: ExportContext) -> dict[str, Any]:
    """The events.json document: every event (chronological, undated last) and every article's metadata."""
    document = _header(ctx, EVENTS_SCHEMA)
    document["events"] = [event_record(ctx, event) for event in ctx.corpus.events_sorted()]
    document["articles"] = [
        {
            "id": article.id,
            "url": ctx.absolute(ctx.article_url(article.id)),
            "title": article.title,
            "outlet": article.outlet,
            "source_url": article.url,
            "published": article.published,
            "language": article.language,
            "author": article.author,
        }
        for article in sorted(ctx.corpus.articles.values(), key=lambda a: a.id)
    ]
    return document


def entities_document(ctx: ExportContext) -> dict[str, Any]:
    """The entities.json document: every entity by id with relations, facts and its event ids."""
    corpus = ctx.corpus
    document = _header(ctx, ENTITIES_SCHEMA)
    document["entities"] = [
        {
            "id": entity.id,
            "url": ctx.absolute(ctx.entity_url(entity.id)),
            "name": entity.name,
            "type": entity.type,
            "aliases": list(entity.aliases),
            "description": entity.description or "",
            "links": [{"title": link.title, "url": link.url} for link in entity.links],
            "relations": [
                {
                    "type": relation.type,
                    "target": relation.target,
                    "sources": [source_record(s) for s in relation.sources],
                }
                for relation in entity.relations
            ],
            "facts": [
                {
                    "label": fact.label,
                    "value": fact.value,
                    "unit": fact.unit or None,
                    "date": date_record(fact.date, ctx.lang),
                    "sources": [source_record(s) for s in fact.sources],
                }
                for fact in entity.facts
            ],
            "events": [event.id for event in corpus.events_for(entity.id)],
            "origin": entity.origin,
            "reviewed": bool(entity.reviewed),
        }
        for entity in sorted(corpus.entities.values(), key=lambda e: e.id)
    ]
    return document


def export(ctx: ExportContext) -> dict[str, str]:
    """events.json, entities.json and their schemas."""
    return {path: "".join(chunks) for path, chunks in iter_export(ctx)}


def iter_export(ctx: ExportContext) -> Iterator[tuple[str, Iterable[str]]]:
    """Like :func:`export`, one file at a time, each as pieces of text (nothing is built before it is asked for)."""
    yield EVENTS_JSON, dump_chunks(events_document(ctx))
    yield ENTITIES_JSON, dump_chunks(entities_document(ctx))
    yield EVENTS_SCHEMA, [schema_text("events")]
    yield ENTITIES_SCHEMA, [schema_text("entities")]
