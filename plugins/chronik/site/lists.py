"""Lists of events newest first, grouped by year, split into numbered pages so none grows without bound.

Used for a tag's pages and for the full event list of a busy entity: ``<root>/index.md`` is page 1,
``<root>/<n>.md`` page n; each page links every other page (plain links: no JavaScript needed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from chronik.exports.common import dated_newest_first
from chronik.model import Event

from .context import PageSpec, SiteContext

#: Events per page of a list: ~560 bytes of HTML each keeps a page near 200 KB, under 300 KB with Material's frame.
PER_PAGE = 300


def newest_year(event: Event) -> int | None:
    """The year an event is listed under in a newest-first list: its latest known bound's (None: undated)."""
    if event.date is None:
        return None
    bound = event.date.upper or event.date.lower
    return bound.year if bound else None


def year_groups(site: SiteContext, events: list[Event], page: Page) -> list[dict[str, Any]]:
    """``events`` (already newest first) as [{'id', 'label', 'count', 'events'}] per year, undated last."""
    groups = []
    for year, members in groupby(events, key=newest_year):
        chunk = list(members)
        label = str(year) if year is not None else site.t("undated")
        groups.append({"id": f"y-{year if year is not None else 'undated'}", "label": label,
                       "count": site.t.count(len(chunk)), "events": [site.event_ref(e, page) for e in chunk]})
    return groups


@dataclass
class EventList:
    """A paginated list: where it lives, how it is titled, what it holds."""

    key: str  # link target key of page n: ('list', f'{key}:{n}')
    root: str  # folder of its pages, e.g. 'tags/chips'
    title: str
    events: list[Event]
    extra: Callable[[Page], dict[str, Any]] | None = None  # more template values (feed, back links)

    def add(self, site: SiteContext, files: Files, per_page: int = PER_PAGE) -> File:
        """Generate every page of the list; returns page 1."""
        ordered = dated_newest_first(self.events)
        chunks = [ordered[i:i + per_page] for i in range(0, len(ordered), per_page)] or [[]]
        first = None
        for n, chunk in enumerate(chunks, start=1):
            src_uri = f"{self.root}/index.md" if n == 1 else f"{self.root}/{n}.md"
            file = site.add_page(files, src_uri, self._spec(site, chunk, n, len(chunks)))
            site.register("list", f"{self.key}:{n}", file)
            first = first or file
        return first

    def _spec(self, site: SiteContext, chunk: list[Event], n: int, pages: int) -> PageSpec:
        title = self.title if n == 1 else f"{self.title} ({site.t('page_of', n=n, total=pages)})"

        def values(page: Page) -> dict[str, Any]:
            pager = [{"label": str(i), "href": site.href("list", f"{self.key}:{i}", page), "current": i == n}
                     for i in range(1, pages + 1)] if pages > 1 else []
            return {"title": self.title, "count": site.t.count(len(self.events)),
                    "page_label": site.t("page_of", n=n, total=pages) if pages > 1 else "",
                    "groups": year_groups(site, chunk, page), "pager": pager,
                    **(self.extra(page) if self.extra else {})}

        # Not searched: every event on it is found on its year page already.
        return PageSpec(title=title, fragment="chronik/fragments/event-list.html", values=values, searchable=False)
