"""``data/timeline.json`` in TimelineJS3's JSON format.

Shape (https://timeline.knightlab.com/docs/json-format.html)::

    {"title": {"text": {"headline": …, "text": …}},
     "events": [{"unique_id": "<event id>",
                 "start_date": {"year": 2026, "month": 1, "day": 16, "display_date": "16. Januar 2026"},
                 "end_date": {"year": 2026, "month": 1, "day": 17},          # only for spans
                 "text": {"headline": "<escaped title>", "text": "<escaped summary + links>"},
                 "group": "<first tag>"}]}                                      # only when tagged

Dates keep their precision: a year is ``{"year": 2025}``, a month adds ``month``, a season, quarter
or half runs from its first to its last month. TimelineJS renders headline and text as HTML, so both
are HTML-escaped here. Undated events cannot be placed on a timeline and are left out.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .common import WORDS, ExportContext, date_label
from .jsondata import dump_chunks, dumps

if TYPE_CHECKING:
    from chronik.model import Event
    from chronik.model.edtf import EDTF

_MONTH_PRECISIONS = ("month", "season", "quarter", "half")


def _date_object(edtf: EDTF, which: str) -> dict[str, Any] | None:
    """A TimelineJS date object for the start ('lower') or end ('upper') of a single EDTF date."""
    day = edtf.lower if which == "lower" else edtf.upper
    if day is None:
        return None
    result: dict[str, Any] = {"year": day.year}
    if edtf.precision in _MONTH_PRECISIONS or edtf.precision == "day":
        result["month"] = day.month
    if edtf.precision == "day":
        result["day"] = day.day
        time = getattr(edtf, "has_time", False) and edtf.text.split("T", 1)[1][:5]
        if time and time[:2].isdigit() and time[3:5].isdigit():
            result["hour"], result["minute"] = int(time[:2]), int(time[3:5])
    return result


def date_span(edtf: EDTF) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(start_date, end_date) for an EDTF value; end_date is None for a single day, month or year."""
    if edtf.is_interval:
        start_point = edtf.start or edtf.end  # '../2026-01-16': place it at its known end
        end_point = edtf.end if edtf.start is not None else None
        start = _date_object(start_point, "lower") if start_point else None
        end = _date_object(end_point, "upper") if end_point else None
        return start, end
    start = _date_object(edtf, "lower")
    if edtf.precision in ("season", "quarter", "half"):
        return start, _date_object(edtf, "upper")
    return start, None


def _slide(ctx: ExportContext, event: Event) -> dict[str, Any] | None:
    if event.date is None:
        return None
    start, end = date_span(event.date)
    if start is None:
        return None
    start["display_date"] = date_label(event.date, ctx.lang)
    corpus = ctx.corpus
    parts = []
    if event.summary:
        parts.append(f"<p>{html.escape(event.summary)}</p>")
    names = [
        f'<a href="{html.escape(ctx.absolute(ctx.entity_url(eid)))}">'
        f"{html.escape(corpus.entities[eid].name)}</a>"
        for eid in event.entities
        if eid in corpus.entities
    ]
    if names:
        parts.append(f"<p>{', '.join(names)}</p>")
    link = html.escape(ctx.absolute(ctx.event_url(event.id)))
    parts.append(f'<p><a href="{link}">{html.escape(WORDS[ctx.lang]["open"])}</a></p>')
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": start,
        "text": {"headline": html.escape(event.title), "text": "".join(parts)},
    }
    if end is not None:
        slide["end_date"] = end
    if event.tags:
        slide["group"] = event.tags[0]
    return slide


def timeline_document(ctx: ExportContext) -> dict[str, Any]:
    """The TimelineJS3 document: a title slide and one slide per dated event, in time order."""
    slides = [slide for event in ctx.corpus.events_sorted() if (slide := _slide(ctx, event))]
    title_text = html.escape(ctx.description) if ctx.description else ""
    return {
        "title": {"text": {"headline": html.escape(ctx.title), "text": title_text}},
        "events": slides,
    }


def export(ctx: ExportContext) -> str:
    """data/timeline.json as text."""
    return dumps(timeline_document(ctx))


def export_chunks(ctx: ExportContext) -> Iterator[str]:
    """data/timeline.json as pieces of text."""
    return dump_chunks(timeline_document(ctx))
