"""``chronik-home``: coverage, counts, latest events and entry points on the home page.

A hand-written ``index.md`` keeps its content; the overview is added after it.
Without one, the home page is generated.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from chronik.site import PageSpec, SiteContext, get_site

from .config import HomeConfig


class HomePlugin(BasePlugin[HomeConfig]):
    """Adds the overview to ``index.md`` (or generates it)."""

    # After plugins that add hand-written pages, so we extend the index.md they provide.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        site = get_site(config)
        spec = PageSpec(title=config.site_name, fragment="chronik/fragments/home.html",
                        values=lambda page: self._values(site, page),
                        append=files.get_file_from_path("index.md") is not None)
        site.register("index", "home", site.add_page(files, "index.md", spec, in_nav=True))
        return files

    def _values(self, site: SiteContext, page: Page) -> dict[str, Any]:
        dated = [e for e in site.corpus.events_sorted() if e.date is not None]
        latest = list(reversed(dated[-self.config.latest:])) if self.config.latest > 0 else []
        coverage = None
        if dated:
            coverage = site.t("coverage_text", first=site.date_label(dated[0].date),
                              last=site.date_label(dated[-1].date))
        corpus = site.corpus
        return {
            "generated": page.file.generated_by is not None,
            "site_name": site.config.site_name,
            "coverage": coverage,
            "counts": [(site.t.count(len(corpus.events)), site.href("index", "timeline", page)),
                       (site.t.count(len(corpus.entities), "entity_count"), site.href("index", "entities", page)),
                       (site.t.count(len(corpus.articles), "source_count"), site.href("index", "sources", page))],
            "latest": [site.event_ref(e, page) for e in latest],
            "entries": [(site.t(key), href) for key, kind in
                        (("to_timeline", "timeline"), ("to_entities", "entities"), ("to_sources", "sources"),
                         ("to_tags", "tags"))
                        if (href := site.href("index", kind, page))],
        }
