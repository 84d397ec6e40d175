"""``chronik-events``: one page per event at ``events/<id>/``, with previous and next in time.

Once this plugin runs, every link to an event (year pages, entity pages, home, source pages, feeds,
JSON-LD) goes to the event's own page; the event's card on its timeline page stays linkable as 'card'.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from chronik.model import Event
from chronik.site import LazySpec, PageSpec, SiteContext, get_site

from .config import EventsConfig
from .views import event_page_jsonld, event_page_view


class EventsPlugin(BasePlugin[EventsConfig]):
    """Generates ``events/<id>.md`` for every event (not in the nav: year pages and lists link them)."""

    # After the page plugins (-50), so our 'event' targets replace the timeline's cards; before the
    # explorer (-60) and the exports (-80), which link to events.
    @event_priority(-55)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        site = get_site(config)
        root = self.config.path.strip("/")
        ordered = site.corpus.events_sorted()

        def spec_at(i: int) -> PageSpec:  # made when the page is rendered: no spec per event held all build
            before = ordered[i - 1] if i > 0 else None
            after = ordered[i + 1] if i + 1 < len(ordered) else None
            return _spec(site, ordered[i], before, after)

        for i, event in enumerate(ordered):
            file = site.add_page(files, f"{root}/{event.id}.md", LazySpec(spec_at, i))
            site.register("event", event.id, file)
        return files


def _spec(site: SiteContext, event: Event, before: Event | None, after: Event | None) -> PageSpec:
    def toc() -> list[tuple[str, str]]:
        return [(site.t(key), key) for key, shown in
                (("quotes", bool(event.quotes)), ("sources", bool(event.sources))) if shown]

    return PageSpec(title=event.title, fragment="chronik/fragments/event.html",
                    values=lambda page: {"e": event_page_view(site, event, before, after, page)},
                    jsonld=lambda page: event_page_jsonld(site, event), toc=toc,
                    searchable=False)  # the search finds the event's card on its year page
