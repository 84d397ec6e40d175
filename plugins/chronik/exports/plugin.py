"""The ``chronik-exports`` MkDocs plugin: writes every export into the site on each build.

Hooks (short; the work happens in the exporter modules):

- ``on_config``: publish the export URLs in ``config.extra['chronik_exports']`` and put our
  templates (``chronik/exports.html``) on the theme path for the page templates.
- ``on_files`` (priority -80): write the export files straight into the site folder, one after the
  other (never all of them in memory), and register them as MkDocs files, so ``mkdocs serve`` serves
  them and links to them resolve. Runs after the page plugins
  (-50) registered their pages, because those pages' URLs are the links inside the exports.
- ``on_page_context`` (priority 45, after ``chronik-site`` rendered the body at 60): add the block
  of export links to the home page and every entity page, unless the page's template already
  included ``chronik/exports.html``.
- ``on_post_page``: feed discovery links in the head of the pages the feeds belong to (home: the
  site's; an entity's or a tag's page: its own), as ``rel="alternate feed"``: feed readers read the
  ``alternate`` token, while Material's ``link[rel=alternate]`` (exact match: it fetches
  ``sitemap.xml`` next to every such link, for its language switcher) skips them, so no page
  downloads the sitemap, or asks for one that does not exist, because of a feed.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from chronik.site.generated import GeneratedFile

from .common import (
    ExportContext,
    date_label,
    entity_export_paths,
    events_by_tag,
    export_urls,
    iter_exports,
    precision_sentence,
    tag_feed_path,
)
from .config import ExportsConfig
from .links import LABELS, MARKER, export_links, head_links, links_block, tag_links
from .siteurls import find_site_context, site_url_functions, target

TEMPLATES = Path(__file__).resolve().parent / "templates"
log = logging.getLogger("mkdocs.plugins.chronik.exports")


class ExportsPlugin(BasePlugin[ExportsConfig]):
    """Open-data exports (JSON, TimelineJS, iCalendar, Atom, CSV) of the Chronik corpus."""

    def __init__(self) -> None:
        self.corpus: Any = None
        self.outputs: set[str] = set()  # site-relative paths written by this build
        self.entity_pages: dict[str, tuple[str, str]] = {}  # page src_uri -> (entity id, name)
        self.tag_pages: dict[str, str] = {}  # page src_uri -> tag
        self.about_page: str | None = None  # src_uri of the page documenting the formats
        self.about_url = ""  # its site-relative URL
        self.lang = "de"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Expose the export URLs and our templates; forget the previous build (mkdocs serve)."""
        self.corpus, self.outputs, self.entity_pages, self.tag_pages = None, set(), {}, {}
        if not self.config.enabled:
            return config
        config.extra["chronik_exports"] = export_urls()
        if str(TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
        language = self.config.language or str(config.theme.get("language") or "de")
        self.lang = language if language in LABELS else "en"
        return config

    @event_priority(-80)  # after the page plugins (-50) registered their pages: we link to them
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Build every export and add it to the site's files."""
        if not self.config.enabled:
            return files
        corpus = self._corpus(config)
        if corpus is None:
            return files
        started = time.perf_counter()
        size = 0
        site = find_site_context(config)
        tag_feeds = {tag_feed_path(tag): tag for tag in events_by_tag(corpus.events.values())}
        for path, chunks in iter_exports(self._context(config, corpus)):
            # Written piece by piece: at 100,000 events the exports are hundreds of MB, which must not be in memory.
            written = _write_into_site(Path(config.site_dir), path, chunks)
            size += written.stat().st_size
            self.outputs.add(path)
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            # A file whose source is its destination: MkDocs' copy step leaves it where it is.
            file = GeneratedFile(config, path, abs_src_path=str(written))  # compact: two files an entity
            files.append(file)
            if site is not None and path in tag_feeds:  # the tag's page links its feed
                site.register("feed", f"tag:{tag_feeds[path]}", file)
        # The exports are written: their date labels (one per distinct date, up to 65,536 each) need not stay.
        date_label.cache_clear()
        precision_sentence.cache_clear()
        log.info("chronik-exports: %d files (%.1f MB) in %.1f s", len(self.outputs), size / 1e6,
                 time.perf_counter() - started)
        config.extra["chronik_exports"] = export_urls(entity_ids=sorted(corpus.entities), outputs=self.outputs)
        self._find_pages(config, files, corpus)
        return files

    # After chronik-site rendered the page body (60, just before the page is written), before search (0).
    @event_priority(45)
    def on_page_context(self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any]:
        """Append the export links to the home page and the entity pages."""
        html = page.content or ""
        if not self.outputs or MARKER in html:
            return context
        entity = self.entity_pages.get(page.file.src_uri)
        if entity is None and not page.is_homepage:
            return context
        about_href = None
        if self.about_page and self.about_page != page.file.src_uri:
            about_href = get_relative_url(self.about_url, page.file.url)
        heading = LABELS[self.lang]["entity_heading"].format(name=entity[1]) if entity else None
        page.content = html + links_block(self._links(page), self.lang, heading, about_href)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Feed and calendar discovery links in the head of the home, entity and tag pages."""
        if not self.outputs or "</head>" not in output:
            return output
        tag = self.tag_pages.get(page.file.src_uri)
        if tag is not None:
            links = tag_links(page.url, tag, self.lang)
        elif page.file.src_uri in self.entity_pages:  # its own feed and calendar
            links = [link for link in self._links(page) if link["key"].startswith("entity_")]
        elif page.is_homepage:
            links = self._links(page)
        else:
            return output
        return output.replace("</head>", head_links(links) + "</head>", 1)

    # -- helpers -----------------------------------------------------------------------------------

    def _links(self, page: Page) -> list[dict[str, Any]]:
        """The export links for a page (an entity page's own ones first)."""
        entity = self.entity_pages.get(page.file.src_uri)
        has_calendar = entity is not None and entity_export_paths(entity[0])["ics"] in self.outputs
        return export_links(page.url, self.lang, entity, has_calendar)

    def _corpus(self, config: MkDocsConfig) -> Any:
        """The corpus the Chronik site plugins loaded for this build, else load it (None without content)."""
        site = find_site_context(config)
        if site is not None:
            return site.corpus
        for plugin in config.plugins.values():
            corpus = getattr(plugin, "corpus", None)
            if plugin is not self and corpus is not None and hasattr(corpus, "events_sorted"):
                return corpus
        root = Path(config.config_file_path or ".").parent / self.config.content_dir
        if not root.is_dir():
            return None
        from chronik.model import ContentError
        from chronik.site.corpus import load_corpus  # cached per build

        try:
            self.corpus = load_corpus(root)
        except ContentError as error:  # the validator's messages, without a traceback
            raise PluginError(str(error)) from None
        return self.corpus

    def _find_pages(self, config: MkDocsConfig, files: Files, corpus: Any) -> None:
        """Which pages are entity pages (they get the entity's own exports) and the formats page."""
        site = find_site_context(config)
        for entity_id, entity in corpus.entities.items():
            found = target(site, "entity", entity_id)
            if found is not None and not found[1]:  # a page of its own, not an anchor on another page
                self.entity_pages[found[0].src_uri] = (entity_id, entity.name)
        for tag in events_by_tag(corpus.events.values()):
            found = target(site, "tag", tag)
            if found is not None and tag_feed_path(tag) in self.outputs:
                self.tag_pages[found[0].src_uri] = tag
        about = files.get_file_from_path(self.config.about_page) if self.config.about_page else None
        self.about_page = about.src_uri if about is not None else None
        self.about_url = about.url if about is not None else ""

    def _context(self, config: MkDocsConfig, corpus: Any) -> ExportContext:
        event_url, entity_url, article_url, tag_url = site_url_functions(config)
        return ExportContext(
            corpus=corpus,
            title=self.config.title or config.site_name,
            description=config.site_description or "",
            site_url=config.site_url or None,
            language=self.lang,
            event_url=event_url,
            entity_url=entity_url,
            article_url=article_url,
            tag_url=tag_url,
            feed_limit=self.config.feed_limit,
            per_entity=self.config.per_entity,
            per_tag=self.config.per_tag,
        )


def _write_into_site(site_dir: Path, path: str, chunks: Iterable[str]) -> Path:
    """Write one export to ``site_dir/path`` via a temp file and a rename (never a half-written file)."""
    target = site_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        # newline="": the text's line ends as written (iCalendar needs CRLF)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.writelines(chunks)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
