"""``chronik-tags``: like Material's tags plugin: an index of every tag with its count, a page per tag.

Each tag page lists the tag's events newest first and links the tag's Atom feed when the
``chronik-exports`` plugin wrote one (it registers the feed as the target ('feed', 'tag:<tag>')).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from chronik.exports.common import events_by_tag
from chronik.model import Event
from chronik.site import PageSpec, SiteContext, get_site
from chronik.site.lists import EventList

from .config import TagsConfig


class TagsPlugin(BasePlugin[TagsConfig]):
    """Generates ``tags/index.md`` and ``tags/<tag>/`` (split into numbered pages when long); not in the
    nav: every tag chip links its tag's page, the home page and every tag page the index."""

    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        site = get_site(config)
        tagged = events_by_tag(site.corpus.events_sorted())
        if not tagged:
            return files
        root = self.config.path.strip("/")
        index = site.add_page(files, f"{root}/index.md", _index_spec(site, tagged))
        site.register("index", "tags", index)
        for tag, events in tagged.items():
            pages = EventList(key=f"tag:{tag}", root=f"{root}/{tag}", title=site.t("tag_title", tag=tag),
                              events=events, extra=_tag_values(site, tag))
            site.register("tag", tag, pages.add(site, files))
        return files


def _index_spec(site: SiteContext, tagged: dict[str, list[Event]]) -> PageSpec:
    counts = Counter({tag: len(events) for tag, events in tagged.items()})

    def values(page: Page) -> dict[str, Any]:
        return {"tags": [{"name": tag, "href": site.href("tag", tag, page), "count": n}
                         for tag, n in counts.items()],
                "count": site.t.count(len(counts), "tag_count")}

    return PageSpec(title=site.t("tags"), fragment="chronik/fragments/tags-index.html", values=values)


def _tag_values(site: SiteContext, tag: str) -> Callable[[Page], dict[str, Any]]:
    """Template values of a tag's pages beyond the list: its feed, the way back to the tag index."""
    def values(page: Page) -> dict[str, Any]:
        return {"tag": tag, "feed": site.href("feed", f"tag:{tag}", page), "feed_label": site.t("tag_feed", tag=tag),
                "back": site.href("index", "tags", page), "back_label": site.t("tags")}

    return values
