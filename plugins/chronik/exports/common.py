"""What every exporter shares: the export context, date helpers and the list of outputs."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chronik.model import Corpus, Event
    from chronik.model.edtf import EDTF

#: Site-relative paths of the corpus-wide exports.
EVENTS_JSON = "data/events.json"
ENTITIES_JSON = "data/entities.json"
EVENTS_SCHEMA = "data/events.schema.json"
ENTITIES_SCHEMA = "data/entities.schema.json"
TIMELINE_JSON = "data/timeline.json"
EVENTS_ICS = "events.ics"
EVENTS_ATOM = "events.atom"
EVENTS_CSV = "events.csv"
#: Folder of the per-entity calendar (``<id>.ics``) and feed (``<id>.atom``).
ENTITY_DIR = "data/entities"
#: Folder of the per-tag feeds (``<tag>.atom``).
TAG_DIR = "data/tags"

#: Reader-facing names of the precisions, for descriptions (iCalendar, Atom).
PRECISION_LABELS = {
    "de": {"day": "Tag", "month": "Monat", "season": "Jahreszeit", "quarter": "Quartal",
           "half": "Halbjahr", "year": "Jahr", "interval": "Zeitraum", "open": "offener Zeitraum",
           "time": "Uhrzeit"},
    "en": {"day": "day", "month": "month", "season": "season", "quarter": "quarter",
           "half": "half year", "year": "year", "interval": "interval", "open": "open interval",
           "time": "time of day"},
}
WORDS = {
    "de": {"date": "Datum", "precision": "Genauigkeit", "approximate": "ungefähr", "uncertain": "unsicher",
           "sources": "Quellen", "entities": "Beteiligt", "undated": "ohne Datum", "events": "Ereignisse",
           "tag": "Schlagwort",
           "open": "In der Chronik ansehen"},
    "en": {"date": "Date", "precision": "Precision", "approximate": "approximate", "uncertain": "uncertain",
           "sources": "Sources", "entities": "Involved", "undated": "undated", "events": "Events",
           "tag": "Tag",
           "open": "View in the timeline"},
}

_PUBLISHED = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?")


def _default_event_url(event_id: str) -> str:
    return f"timeline/#{event_id}"


def _default_entity_url(entity_id: str) -> str:
    return f"entities/{entity_id}/"


def _default_article_url(article_id: str) -> str:
    return f"sources/{article_id}/"


def _default_tag_url(tag: str) -> str:
    return f"tags/{tag}/"


@dataclass
class ExportContext:
    """A loaded corpus plus what the exports need to know about the site.

    URL callables return paths relative to the site root (``timeline/2026/#event-id``);
    :meth:`absolute` turns them into absolute URLs when the site URL is known.
    """

    corpus: Corpus
    title: str = "Chronik"
    description: str = ""
    site_url: str | None = None
    language: str = "de"
    event_url: Callable[[str], str] = _default_event_url
    entity_url: Callable[[str], str] = _default_entity_url
    article_url: Callable[[str], str] = _default_article_url
    tag_url: Callable[[str], str] = _default_tag_url
    feed_limit: int = 100  # the newest 100 per feed; 0: every event in the feeds
    per_entity: bool = True
    per_tag: bool = True
    _updated: dt.datetime | None = field(default=None, repr=False)
    _event_updated: dict[str, dt.datetime] = field(default_factory=dict, repr=False)

    @property
    def lang(self) -> str:
        """The export language: 'de' or 'en' (anything else falls back to English)."""
        return self.language if self.language in WORDS else "en"

    def absolute(self, path: str) -> str:
        """An absolute URL for a site-relative path when site_url is set, else the path itself."""
        if not self.site_url:
            return path
        return self.site_url.rstrip("/") + "/" + path.lstrip("/")

    @property
    def updated(self) -> dt.datetime:
        """When the content last changed: the newest article's publication time (deterministic).

        Builds of the same content give byte-identical exports; 1970-01-01 for a corpus without
        articles.
        """
        if self._updated is None:
            stamps = [published_datetime(a.published) for a in self.corpus.articles.values()]
            self._updated = max((s for s in stamps if s), default=dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
        return self._updated

    def event_updated(self, event: Event) -> dt.datetime:
        """The newest publication time among an event's source articles (else :attr:`updated`)."""
        cached = self._event_updated.get(event.id)
        if cached is not None:
            return cached
        stamps = []
        for source in event.sources:
            article = self.corpus.articles.get(source.article)
            if article is not None and (stamp := published_datetime(article.published)):
                stamps.append(stamp)
        self._event_updated[event.id] = max(stamps, default=self.updated)
        return self._event_updated[event.id]


def published_datetime(text: str | None) -> dt.datetime | None:
    """An article's ``published`` string as an aware datetime (no offset written: UTC)."""
    if not text or not _PUBLISHED.fullmatch(text):
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@lru_cache(maxsize=65536)  # every exporter labels every date: format each distinct date once
def date_label(edtf: EDTF | None, lang: str) -> str:
    """The date as the site shows it ('Herbst 2025'); 'ohne Datum' / 'undated' for None."""
    if edtf is None:
        return WORDS[lang if lang in WORDS else "en"]["undated"]
    from chronik.model import format_edtf

    return format_edtf(edtf, lang)


def precision_of(edtf: EDTF) -> str:
    """The precision word of a date; 'time' for a day with a time of day."""
    if edtf.precision == "day" and getattr(edtf, "has_time", False):
        return "time"
    return edtf.precision


@lru_cache(maxsize=65536)
def precision_sentence(edtf: EDTF | None, lang: str) -> str:
    """One line stating a date and how precise it is, e.g. 'Datum: Herbst 2025 (Genauigkeit: Jahreszeit)'."""
    words = WORDS[lang]
    if edtf is None:
        return f"{words['date']}: {words['undated']}"
    details = [PRECISION_LABELS[lang][precision_of(edtf)]]
    if edtf.approximate:
        details.append(words["approximate"])
    if edtf.uncertain:
        details.append(words["uncertain"])
    label = date_label(edtf, lang)
    return f"{words['date']}: {label} ({words['precision']}: {', '.join(details)}; EDTF {edtf.text})"


def iso(value: dt.date | None) -> str | None:
    """ISO 8601 text of a date, or None."""
    return value.isoformat() if value is not None else None


def time_of(edtf: EDTF) -> dt.datetime | None:
    """The date-time of a day-precision EDTF with a time ('2026-01-16T13:20'); naive when no offset."""
    if edtf.precision != "day" or not getattr(edtf, "has_time", False):
        return None
    text = edtf.text.rstrip("~?%")
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def dated_newest_first(events: list[Event]) -> list[Event]:
    """Dated events newest first (by upper bound, then lower bound), then the undated ones."""
    dated = [e for e in events if e.date is not None]
    undated = [e for e in events if e.date is None]

    def newest(event: Event) -> tuple[int, int, str]:
        edtf = event.date
        hi = edtf.upper or edtf.lower
        lo = edtf.lower or edtf.upper
        return (hi.toordinal() if hi else 0, lo.toordinal() if lo else 0, event.id)

    return sorted(dated, key=newest, reverse=True) + sorted(undated, key=lambda e: e.id)


def iter_exports(ctx: ExportContext) -> Iterator[tuple[str, Iterable[str]]]:
    """Every export of the corpus as (site-relative path, pieces of the file's text), one file after the other.

    A caller that writes each piece as it comes holds one file's records at a time, never its whole text.
    """
    from . import atom, csvdata, ics, jsondata, timelinejs

    yield from jsondata.iter_export(ctx)
    yield TIMELINE_JSON, timelinejs.export_chunks(ctx)
    yield EVENTS_CSV, csvdata.export_chunks(ctx)
    yield from ics.iter_export(ctx)
    yield from atom.iter_export(ctx)


def build_exports(ctx: ExportContext) -> dict[str, str]:
    """Every export of the corpus: site-relative path -> file text."""
    return {path: "".join(chunks) for path, chunks in iter_exports(ctx)}


def export_urls(entity_ids: list[str] | None = None,
                outputs: Collection[str] | None = None) -> dict[str, Any]:
    """Site-relative URLs of the exports, for templates (``config.extra['chronik_exports']``).

    ``{'events_json': 'data/events.json', …, 'entity': {'<id>': {'atom': …, 'ics': …}}}``; an
    entity's ``ics`` is missing when it has no calendar (no dated events; see ``outputs``).
    """
    urls: dict[str, Any] = {
        "events_json": EVENTS_JSON,
        "entities_json": ENTITIES_JSON,
        "events_schema": EVENTS_SCHEMA,
        "entities_schema": ENTITIES_SCHEMA,
        "timeline_json": TIMELINE_JSON,
        "ics": EVENTS_ICS,
        "atom": EVENTS_ATOM,
        "csv": EVENTS_CSV,
        "entity": {},
    }
    for entity_id in entity_ids or []:
        paths = entity_export_paths(entity_id)
        urls["entity"][entity_id] = {kind: path for kind, path in paths.items()
                                     if outputs is None or path in outputs}
    return urls


def events_by_tag(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Every tag with its events (in the order given), tags sorted by name."""
    tagged: dict[str, list[Event]] = {}
    for event in events:
        for tag in dict.fromkeys(event.tags):
            tagged.setdefault(tag, []).append(event)
    return dict(sorted(tagged.items()))


def tag_feed_path(tag: str) -> str:
    """Site-relative path of one tag's Atom feed."""
    return f"{TAG_DIR}/{tag}.atom"


def entity_export_paths(entity_id: str) -> dict[str, str]:
    """Site-relative paths of one entity's calendar and feed."""
    return {"ics": f"{ENTITY_DIR}/{entity_id}.ics", "atom": f"{ENTITY_DIR}/{entity_id}.atom"}
