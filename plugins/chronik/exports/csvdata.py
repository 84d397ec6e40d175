"""``events.csv``: one row per event (chronological, undated last), for spreadsheets.

RFC 4180 CSV in UTF-8 with a header row and CRLF line ends; lists (entities, tags, sources) are
joined with ``; ``. Article text comes from the open web, so a text cell that a spreadsheet would
run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR) gets a leading ``'``, as
OWASP recommends against CSV injection; everything else is written as it is in the content.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from .common import ExportContext, date_label, iso, precision_of

COLUMNS = [
    "id", "date", "start", "end", "precision", "approximate", "uncertain", "date_label", "title",
    "summary", "entities", "entity_names", "tags", "sources", "source_urls", "url", "origin", "reviewed",
]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FREE_TEXT = ("title", "summary", "entity_names", "date_label")


def guard(text: str) -> str:
    """Text a spreadsheet shows as text, never evaluates as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def rows(ctx: ExportContext) -> list[dict[str, str]]:
    """The CSV rows as dicts keyed by :data:`COLUMNS`."""
    corpus = ctx.corpus
    result = []
    for event in corpus.events_sorted():
        edtf = event.date
        articles = [corpus.articles.get(s.article) for s in event.sources]
        result.append({
            "id": event.id,
            "date": edtf.text if edtf else "",
            "start": (iso(edtf.lower) or "") if edtf else "",
            "end": (iso(edtf.upper) or "") if edtf else "",
            "precision": precision_of(edtf) if edtf else "",
            "approximate": "true" if edtf and edtf.approximate else "false",
            "uncertain": "true" if edtf and edtf.uncertain else "false",
            "date_label": date_label(edtf, ctx.lang),
            "title": event.title,
            "summary": event.summary or "",
            "entities": "; ".join(event.entities),
            "entity_names": "; ".join(
                corpus.entities[e].name for e in event.entities if e in corpus.entities
            ),
            "tags": "; ".join(event.tags),
            "sources": "; ".join(dict.fromkeys(s.article for s in event.sources)),
            "source_urls": "; ".join(dict.fromkeys(a.url for a in articles if a is not None and a.url)),
            "url": ctx.absolute(ctx.event_url(event.id)),
            "origin": event.origin,
            "reviewed": "true" if event.reviewed else "false",
        })
        result[-1].update({column: guard(result[-1][column]) for column in FREE_TEXT})
    return result


def export(ctx: ExportContext) -> str:
    """events.csv as text."""
    return "".join(export_chunks(ctx))


def export_chunks(ctx: ExportContext, batch: int = 1000) -> Iterator[str]:
    """events.csv as pieces of text: the header, then ``batch`` rows at a time."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    table = rows(ctx)
    for start in range(0, len(table), batch):
        writer.writerows(table[start:start + batch])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell() or not table:
        yield buffer.getvalue()
