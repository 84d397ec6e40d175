"""``chronik-timeline``: every event in time order, one page per year, grouped by month."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from chronik.model import Event
from chronik.site import PageSpec, SiteContext, anchors, get_site, year_of

from .config import TimelineConfig

UNDATED = "undated"


class TimelinePlugin(BasePlugin[TimelineConfig]):
    """Generates ``timeline/index.md`` (in the nav) and one page per year (not in the nav)."""

    # After plugins that add hand-written pages, so a file someone else provides at our path wins.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        site = get_site(config)
        by_year: dict[int | None, list[Event]] = {}
        for event in site.corpus.events_sorted():
            by_year.setdefault(year_of(event), []).append(event)
        for events in by_year.values():
            # Within a year, what spans several months comes first, then month by month.
            events.sort(key=lambda e: _month_of(e) is not None and _month_of(e)[1] != 0)
        root = self.config.path.strip("/")
        years = sorted(y for y in by_year if y is not None)
        index = site.add_page(files, f"{root}/index.md", self._index_spec(site, by_year, years), in_nav=True)
        site.register("index", "timeline", index)
        limit = self.config.max_events_per_page
        for year in [*years, None] if None in by_year else years:
            events = by_year[year]
            key = str(year) if year is not None else UNDATED
            if year is not None and 0 < limit < len(events):
                months = [(k, list(g)) for k, g in groupby(events, key=_month_of)]
                site.register("year", key, site.add_page(files, f"{root}/{key}.md",
                                                         self._months_spec(site, year, months)))
                for month_key, month_events in months:
                    label = _label(site, month_key)
                    self._add_events_page(site, files, f"{root}/{key}/{month_key[1]:02d}.md",
                                          f"{year}-{month_key[1]:02d}", f"{site.t('timeline')}: {label}", label,
                                          month_events, ("year", key))
            else:
                title = f"{site.t('timeline')} {year}" if year is not None else \
                    f"{site.t('timeline')}: {site.t('undated')}"
                heading = str(year) if year is not None else site.t("undated")
                # Registered as the year's page too: the timeline index links every year, whatever its size.
                site.register("year", key, self._add_events_page(site, files, f"{root}/{key}.md", key, title,
                                                                 heading, events, ("index", "timeline")))
        return files

    def _index_spec(self, site: SiteContext, by_year: dict[int | None, list[Event]],
                    years: list[int]) -> PageSpec:
        def values(page: Page) -> dict[str, Any]:
            rows = [{"label": str(y), "href": site.href("year", str(y), page),
                     "count": site.t.count(len(by_year[y]))} for y in reversed(years)]
            if None in by_year:
                rows.append({"label": site.t("undated"), "href": site.href("year", UNDATED, page),
                             "count": site.t.count(len(by_year[None]))})
            return {"years": rows, "total": site.t.count(len(site.corpus.events))}

        return PageSpec(title=site.t("timeline"), fragment="chronik/fragments/timeline-index.html",
                        values=values)

    def _add_events_page(self, site: SiteContext, files: Files, src_uri: str, key: str, title: str,
                         heading: str, events: list[Event], back: tuple[str, str]) -> File:
        """A page listing ``events`` grouped by month; every event's card is registered as linkable there
        (and the event itself, until a plugin that gives events pages of their own registers those).

        Past ``max_events_per_page`` (undated events, a year's events spanning several months) the list
        goes on over numbered pages (``<key>/2``, ``<key>/3`` …) that link each other; returns page 1."""
        limit = self.config.max_events_per_page
        size = limit if 0 < limit < len(events) else max(len(events), 1)
        chunks = [events[i:i + size] for i in range(0, len(events), size)] or [[]]
        first = None
        for n, chunk in enumerate(chunks, start=1):
            uri = src_uri if n == 1 else f"{src_uri[:-3]}/{n}.md"
            part = (n, len(chunks), key)
            suffix = f" ({site.t('page_of', n=n, total=len(chunks))})" if len(chunks) > 1 else ""
            page_file = site.add_page(files, uri, self._events_spec(site, title + suffix, heading, chunk, back, part))
            site.register("period", key if n == 1 else f"{key}:{n}", page_file)
            for event in chunk:
                site.register("card", event.id, page_file, anchors.event(event.id))
                if not site.has("event", event.id):
                    site.register("event", event.id, page_file, anchors.event(event.id))
            first = first or page_file
        return first

    def _events_spec(self, site: SiteContext, title: str, heading: str, events: list[Event],
                     back: tuple[str, str], part: tuple[int, int, str] = (1, 1, "")) -> PageSpec:
        """``part``: (this page's number, how many pages, period key) of a list split over pages."""
        def groups() -> list[tuple[tuple[int, int] | None, list[Event]]]:
            return [(k, list(g)) for k, g in groupby(events, key=_month_of)]

        def label(key: tuple[int, int] | None) -> str:
            return _label(site, key)

        def anchor(key: tuple[int, int] | None) -> str:
            return anchors.month(*key) if key else "m-undated"

        def pager(page: Page) -> list[dict[str, Any]]:
            n, total, key = part
            return [{"label": str(i), "href": site.href("period", key if i == 1 else f"{key}:{i}", page),
                     "current": i == n} for i in range(1, total + 1)] if total > 1 else []

        def values(page: Page) -> dict[str, Any]:
            return {
                "title": heading,
                "count": site.t.count(len(events)),
                "pager": pager(page),
                "back": site.href(*back, page),
                "back_label": site.t("timeline") if back[0] == "index" else back[1],
                "groups": [{"id": anchor(k), "label": label(k),
                            "events": [site.event_view(e, page) for e in g]} for k, g in groups()],
            }

        def jsonld(page: Page) -> dict[str, Any]:
            return {"@context": "https://schema.org", "@graph": [site.event_jsonld(e, brief=True) for e in events]}

        def toc() -> list[tuple[str, str]]:
            return [(label(k), anchor(k)) for k, _ in groups()]

        return PageSpec(title=title, fragment="chronik/fragments/timeline-year.html", values=values,
                        jsonld=jsonld, toc=toc)

    def _months_spec(self, site: SiteContext, year: int,
                     months: list[tuple[tuple[int, int] | None, list[Event]]]) -> PageSpec:
        """The page of a split year: its months with their counts."""
        def values(page: Page) -> dict[str, Any]:
            rows = [{"label": _label(site, k), "href": site.href("period", f"{year}-{k[1]:02d}", page),
                     "count": site.t.count(len(g))} for k, g in months if k]
            return {"title": str(year), "years": rows, "total": site.t.count(sum(len(g) for _, g in months)),
                    "back": site.href("index", "timeline", page)}

        return PageSpec(title=f"{site.t('timeline')} {year}", fragment="chronik/fragments/timeline-index.html",
                        values=values)


def _month_of(event: Event) -> tuple[int, int] | None:
    """The group an event is listed under on its year's page: (year, month) when it lies within one
    month (an open end counts as its known bound), (year, 0) when it spans several months or the
    whole year (seasons, quarters, '2025', intervals), None when undated."""
    date = event.date
    if date is None:
        return None
    lower, upper = date.lower or date.upper, date.upper or date.lower
    if lower is None or upper is None:
        return None
    if (lower.year, lower.month) == (upper.year, upper.month):
        return (lower.year, lower.month)
    return (lower.year, 0)


def _label(site: SiteContext, key: tuple[int, int] | None) -> str:
    """'Januar 2026', '2025: mehrere Monate' or 'Ohne Datum'."""
    if key is None:
        return site.t("undated")
    if key[1] == 0:
        return site.t("spanning", year=key[0])
    return f"{site.t.month(key[1])} {key[0]}"
