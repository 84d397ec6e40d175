"""``events.ics`` and per-entity calendars (RFC 5545, written with the icalendar package).

- A day is an all-day event (``DTSTART;VALUE=DATE``, ``DTEND`` the next day: DTEND is exclusive).
- A month, season, quarter, half year, year or interval is a multi-day all-day event spanning all
  the days it can mean; an open interval (``../2026-01-16``, ``2026-01/..``) is placed on the span
  of its known end. A day with a time of day is a timed event (UTC when an offset was written, else floating).
- The description states the date as written and its precision, so a reader of the calendar knows
  that "1 Sep - 30 Nov 2025" stands for "autumn 2025".
- UIDs are stable (``<event id>@chronik``), so calendar apps update events instead of duplicating
  them; DTSTAMP is the newest publication time of the event's sources (deterministic builds).
- Undated events have no place in a calendar and are left out.

TEXT values are escaped here (RFC 5545 3.3.11): line breaks of every kind (CRLF, a lone CR, U+2028, NEL) are
normalised to one escaped newline first and other control characters dropped, so no value can end a content
line early; a backslash is always doubled, so a literal ``\\N`` in a title stays text (icalendar's own
escaping reads ``\\N`` as a line break, and before 7.3 left a lone CR raw). CATEGORIES and URI use icalendar's
property types; dates
are the fixed formats YYYYMMDD and YYYYMMDDTHHMMSS(Z);
lines are folded here (icalendar's own serialiser folds character by character, which took 9 s
for 10,000 events). Each VEVENT is serialised once and reused by every calendar it appears in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from icalendar import vCategory, vUri

from .common import (
    EVENTS_ICS,
    WORDS,
    ExportContext,
    entity_export_paths,
    precision_sentence,
    time_of,
)

if TYPE_CHECKING:
    from chronik.model import Event

PRODID = "-//Chronik//Chronik exports//DE"
ONE_DAY = dt.timedelta(days=1)
LINE_OCTETS = 75
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")  # never valid in a TEXT value
_TEXT_SPECIALS = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"}


class Text:
    """An iCalendar TEXT value (RFC 5545 3.3.11), escaped by us, whatever the icalendar release."""

    def __init__(self, value: str) -> None:
        self.value = value

    def to_ical(self) -> bytes:
        text = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", self.value))
        return re.sub(r"[\\;,\n]", lambda m: _TEXT_SPECIALS[m.group()], text).encode("utf-8")


def uid(event_id: str) -> str:
    """The stable UID of an event's VEVENT."""
    return f"{event_id}@chronik"


def day_span(event: Event) -> tuple[dt.date, dt.date] | None:
    """(first day, last day inclusive) a dated event covers; None when it has no day.

    An interval with one open or unknown end covers the span of its known end: ``../2026-01``
    ("before January 2026") is placed on January 2026.
    """
    edtf = event.date
    if edtf is None:
        return None
    if edtf.lower is None or edtf.upper is None:  # open interval: the span of its known end
        known = edtf.start or edtf.end
        if known is None or known.lower is None or known.upper is None:
            return None
        return known.lower, known.upper
    return edtf.lower, edtf.upper


def description(ctx: ExportContext, event: Event) -> str:
    """The VEVENT description: summary, the date with its precision, entities, sources, link."""
    words = WORDS[ctx.lang]
    corpus = ctx.corpus
    lines = []
    if event.summary:
        lines += [event.summary, ""]
    lines.append(precision_sentence(event.date, ctx.lang))
    names = [corpus.entities[e].name for e in event.entities if e in corpus.entities]
    if names:
        lines.append(f"{words['entities']}: {', '.join(names)}")
    article_ids = [s.article for s in event.sources if s.article in corpus.articles]
    if article_ids:
        lines.append(f"{words['sources']}:")
        for article in (corpus.articles[a] for a in dict.fromkeys(article_ids)):
            line = f"- {article.outlet}: {article.title} ({article.published[:10]})"
            lines.append(line + (f" {article.url}" if article.url else ""))
    lines += ["", ctx.absolute(ctx.event_url(event.id))]
    return "\n".join(lines)


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1) without splitting a UTF-8 character.

    Like icalendar's folding (and as fast for the common short line), a fold never separates a
    backslash from the character it escapes.
    """
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line
    pieces, start, limit = [], 0, LINE_OCTETS
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # inside a multi-byte character: back off to its start
            cut -= 1
        if data[cut - 1] == 0x5C and cut - 1 > start:  # keep a backslash escape together
            cut -= 1
        pieces.append(data[start:cut])
        start, limit = cut, LINE_OCTETS - 1  # continuation lines begin with a space
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


def _prop(name: str, value: Any, params: str = "") -> str:
    """One folded content line; the value is encoded by its icalendar type (escaping, formats)."""
    return fold(f"{name}{params}:{value.to_ical().decode('utf-8')}") + "\r\n"


def _end(first: dt.date, last: dt.date) -> str:
    """DTEND, the day after the last day (exclusive); a span ending on 9999-12-31 has no next day in any
    date type, so it is given as a DURATION of whole days instead (RFC 5545 allows either)."""
    if last < dt.date.max:
        return f"DTEND;VALUE=DATE:{last + ONE_DAY:%Y%m%d}\r\n"
    return f"DURATION:P{(last - first).days + 1}D\r\n"


def vevent(ctx: ExportContext, event: Event) -> str | None:
    """The VEVENT text of a dated event (CRLF lines); None for an undated one."""
    span = day_span(event)
    if span is None:
        return None
    stamp = ctx.event_updated(event).astimezone(dt.UTC)
    lines = ["BEGIN:VEVENT\r\n", _prop("UID", Text(uid(event.id))),
             f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}\r\n", _prop("SUMMARY", Text(event.title))]
    moment = time_of(event.date)
    if moment is not None:  # a time of day: a timed event (UTC, or floating without an offset)
        if moment.tzinfo is not None:
            lines.append(f"DTSTART:{moment.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}\r\n")
        else:
            lines.append(f"DTSTART:{moment:%Y%m%dT%H%M%S}\r\n")
    else:  # all-day or multi-day: DTEND is the day after the last day (exclusive)
        first, last = span
        lines += [f"DTSTART;VALUE=DATE:{first:%Y%m%d}\r\n", _end(first, last), "TRANSP:TRANSPARENT\r\n"]
    lines.append(_prop("DESCRIPTION", Text(description(ctx, event))))
    if ctx.site_url:
        lines.append(_prop("URL", vUri(ctx.absolute(ctx.event_url(event.id))), ";VALUE=URI"))
    if event.tags:
        lines.append(_prop("CATEGORIES", vCategory(list(event.tags))))
    lines.append("END:VEVENT\r\n")
    return "".join(lines)


def calendar(name: str, events: list[str]) -> str:
    """A complete VCALENDAR holding the given VEVENT texts."""
    return "".join(calendar_chunks(name, events))


def calendar_chunks(name: str, events: Iterable[str]) -> Iterator[str]:
    """The text of :func:`calendar` piece by piece."""
    yield "".join(["BEGIN:VCALENDAR\r\n", "VERSION:2.0\r\n", f"PRODID:{PRODID}\r\n", "CALSCALE:GREGORIAN\r\n",
                   _prop("NAME", Text(name)), _prop("X-WR-CALNAME", Text(name))])
    yield from events
    yield "END:VCALENDAR\r\n"


def export(ctx: ExportContext) -> dict[str, str]:
    """events.ics and, when enabled, one calendar per entity with dated events."""
    return {path: "".join(chunks) for path, chunks in iter_export(ctx)}


def iter_export(ctx: ExportContext) -> Iterator[tuple[str, Iterable[str]]]:
    """Like :func:`export`, one calendar at a time, as pieces of text (each event serialised once)."""
    corpus = ctx.corpus
    serialised: dict[str, str] = {}
    for event in corpus.events_sorted():
        text = vevent(ctx, event)
        if text is not None:
            serialised[event.id] = text
    yield EVENTS_ICS, calendar_chunks(ctx.title, serialised.values())
    if ctx.per_entity:
        for entity in corpus.entities.values():
            blobs = [serialised[e.id] for e in corpus.events_for(entity.id) if e.id in serialised]
            if not blobs:  # RFC 5545 wants at least one component: no calendar without dated events
                continue
            yield entity_export_paths(entity.id)["ics"], calendar_chunks(f"{entity.name} – {ctx.title}", blobs)
