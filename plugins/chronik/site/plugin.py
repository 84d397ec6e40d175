"""``chronik-site``: loads the corpus once per build and renders every Chronik page body."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

from chronik.model import ContentError, Corpus, Problem, display_path
from chronik.model.paths import unsafe_entries
from chronik.preview import Preview
from chronik.preview.updater import BuildState
from chronik.preview.watch import ContentWatcher

from .config import SiteConfig
from .context import SiteContext
from .corpus import load_corpus
from .generated import NO_ANCHORS, NO_TOC, GeneratedPage
from .i18n import Strings
from .language import pick_language_pages, translate_config
from .render import json_for_script
from .search import lean_for_search

log = logging.getLogger("mkdocs.plugins.chronik")
# One setting read by Material's search for every page kept out of it (100,000 event pages): one dict, not one
# each. Only ever read.
SEARCH_EXCLUDED = {"exclude": True}
THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
STYLESHEET = "assets/chronik/chronik.css"


class SitePlugin(BasePlugin[SiteConfig]):
    """Shared corpus and rendering for the timeline, entity, source and home plugins."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.site: SiteContext | None = None
        self._full: dict[str, tuple[str, str]] = {}  # src_uri -> (full body, lean body) during indexing
        # `mkdocs serve` keeps a plugin with on_startup across rebuilds: a content error is shown in the pages
        # (with the last valid content) instead of stopping the preview, and goes when the file is fixed.
        self.serving = False
        self.content_errors: list[str] = []
        self._last_good: Corpus | None = None
        # The incremental preview: which pages read which files, and the last full build's state.
        self.preview: Preview | None = None
        self._watcher: ContentWatcher | None = None
        self._nav: Navigation | None = None
        self._env: Any = None
        self._files: Files | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a preview (`mkdocs serve`)."""
        self.serving = command == "serve"

    def content_root(self, config: MkDocsConfig) -> Path:
        """The content folder, relative to mkdocs.yml."""
        return (Path(config.config_file_path or ".").resolve().parent / self.config.content_dir).resolve()

    @staticmethod
    def cache_dir(config: MkDocsConfig) -> Path:
        """The parse cache's folder: ``.cache/chronik`` next to mkdocs.yml (gitignored)."""
        return Path(config.config_file_path or ".").resolve().parent / ".cache" / "chronik"

    # First, so every other Chronik plugin can use the corpus from its own on_config on.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Add our theme folder and stylesheet; load and validate the corpus (fail with every problem)."""
        if not self.config.enabled:
            return None
        if not any(Path(d).resolve() == THEME_DIR for d in config.theme.dirs):
            # Our templates sit after a custom_dir (which may override them) and before Material's.
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        if STYLESHEET not in [str(x) for x in config.extra_css]:
            config.extra_css.append(STYLESHEET)
        root = self.content_root(config)
        self.content_errors = []
        if self.serving:
            self._start_tracking(config, root)
        try:
            corpus = self._last_good = load_corpus(root, self.cache_dir(config))
            _refuse_unsafe_pages(Path(config.docs_dir), root)
        except ContentError as error:
            if not self.serving:
                raise PluginError(str(error)) from None
            log.error(str(error))
            self.content_errors = [str(problem) for problem in error.problems]
            corpus = self._last_good or Corpus(root)
        strings = Strings(self.config.language or config.theme.get("language") or "de")
        if self.config.language:  # one setting: Material's own interface follows Chronik's language
            config.theme["language"] = strings.lang
        translate_config(config, strings)
        self.site = SiteContext(config=config, corpus=corpus, content_dir=root, t=strings)
        log.info("chronik: %d events, %d entities, %d articles", len(corpus.events),
                 len(corpus.entities), len(corpus.articles))
        return config

    # Before every page plugin looks at the hand-written pages (home at -50 extends index.md).
    @event_priority(90)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Hand-written pages in the site's language (``about.en.md`` replaces ``about.md``)."""
        if self.site is not None:
            pick_language_pages(files, config, self.site.lang)
        return files

    # -- preview (mkdocs serve) ------------------------------------------------------------------------

    def _start_tracking(self, config: MkDocsConfig, root: Path) -> None:
        """A build while serving: record which content files each page reads."""
        if self.preview is None:
            self.preview = Preview(root, lambda: self.site, lambda: bool(self.content_errors))
            self.preview.tracker.install()
        self.preview.state = None
        self.preview.tracker.start_build(config)

    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self._nav = nav
        return nav

    @event_priority(-100)
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._env, self._files = env, files
        return env

    # Last: only a build that went through to the end can be updated in place.
    @event_priority(-1000)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Keep what an in-place update of the preview needs (the build's files, nav and theme environment)."""
        if self.preview is not None and self._files is not None and self._nav is not None:
            self.preview.state = BuildState(config, self._files, self._nav, self._env)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Watch the content folder (inotify where available); an edit updates only the pages that read it."""
        root = self.content_root(config)
        if self.preview is None:  # a serve without the initial build through us: plain rebuilds
            server.watch(str(root))
            return server
        preview = self.preview

        def changed(paths: set[Path]) -> None:
            preview.record(paths)
            _request_rebuild(server)

        log.info("chronik preview: serving %s", config.site_dir)
        server.builder = preview.wrap(server.builder)
        self._watcher = ContentWatcher(root, changed)
        self._watcher.start()
        return server

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.finish()
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        if self.preview is not None:
            self.preview.tracker.uninstall()

    # Early, so other plugins reading page.meta already see the escaped title and our template.
    @event_priority(50)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Set the (escaped) title and the page template of Chronik's pages."""
        spec = self.site.spec_for(page) if self.site else None
        if spec is not None:
            if not spec.append:
                page.meta["title"] = SiteContext.safe_title(spec.title)
                if type(page) is Page and not markdown:
                    page.__class__ = GeneratedPage
            page.meta.setdefault("template", spec.template)
            if not spec.searchable:
                page.meta["search"] = SEARCH_EXCLUDED
        return markdown

    # Neither body nor TOC is made here: MkDocs reads every page before it writes the first one, so what is
    # made now stays in memory until the end of the build (130 MB of bodies at 10,000 events).
    @event_priority(50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated Chronik page's body and TOC come in ``on_page_context``; until then it holds nothing.
        (Its Markdown is empty: no anchors or links for MkDocs to check.)"""
        spec = self.site.spec_for(page) if self.site else None
        if spec is None or spec.append:
            return html
        page.toc, page.present_anchor_ids = NO_TOC, NO_ANCHORS
        return ""

    # First of the page's context handlers: every later one (exports adds its block at 45, search indexes
    # at 0, the theme renders) sees the full body, rendered just before the page is written.
    @event_priority(60)
    def _render_body(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                     nav: Navigation) -> dict[str, Any]:
        """Render the table of contents and the body of a Chronik page (autoescaped), after a hand-written
        page's own content."""
        spec = self.site.spec_for(page) if self.site else None
        if spec is not None:
            if spec.toc is not None:
                page.toc = TableOfContents([AnchorLink(title, anchor, 2) for title, anchor in spec.toc()])
            body = self.site.render(spec, page)
            page.content = (page.content or "") + body if spec.append else body
        return context

    # Before Material's search (priority 0) indexes page.content: hand it the lean body.
    @event_priority(10)
    def _lean_for_search(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                         nav: Navigation) -> dict[str, Any]:
        """Add the page's JSON-LD and the preview's content errors; swap in the lean body for the search index."""
        if self.content_errors:
            context["chronik_content_errors"] = self.content_errors
        spec = self.site.spec_for(page) if self.site else None
        if spec is None:
            return context
        if spec.jsonld is not None:
            context["chronik_jsonld"] = json_for_script(spec.jsonld(page))
        if spec.searchable and not spec.append and page.content:
            lean = lean_for_search(page.content)
            self._full[page.file.src_uri] = (page.content, lean)
            page.content = lean
        return context

    # After every other plugin: the theme renders the full body again.
    @event_priority(-100)
    def _full_for_theme(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any]:
        """Put the full body back before the theme renders the page."""
        full, lean = self._full.pop(page.file.src_uri, (None, None))
        if full is not None:
            if page.content != lean:
                log.info("chronik: a plugin changed %s between search and theme; kept the full body",
                         page.file.src_uri)
            page.content = full
        return context

    on_page_context = CombinedEvent(_render_body, _lean_for_search, _full_for_theme)

    # Last: the page is written; its body (the search index keeps its own text) and TOC need not stay.
    @event_priority(-200)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Let go of a Chronik page's body, TOC and spec once the page is written."""
        if self.site is not None and (spec := self.site.spec_for(page)) is not None:
            page.content = None
            if not spec.append:
                page.toc = NO_TOC
            self.site.done_with(page)
        _bound_url_parts()
        return output


# MkDocs' get_relative_url remembers the parts of every URL it is given, without bound: one entry for each page
# and link target (some 40 MB at 100,000 events). Started afresh past this many (still one per page at most).
_URL_PARTS_KEPT = 8192
_url_parts = getattr(get_relative_url, "__globals__", {}).get("_norm_parts")


def _bound_url_parts() -> None:
    """Empty MkDocs' URL parts cache once it holds more than :data:`_URL_PARTS_KEPT` URLs (same answers)."""
    if _url_parts is not None and hasattr(_url_parts, "cache_info") and \
            _url_parts.cache_info().currsize > _URL_PARTS_KEPT:
        _url_parts.cache_clear()


def _request_rebuild(server: LiveReloadServer) -> None:
    """Ask the server's build loop for a build: what its own watch callback does (MkDocs 1.6 has no public call)."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def _refuse_unsafe_pages(docs: Path, root: Path) -> None:
    """MkDocs follows symlinks in docs_dir: refuse links and special files there (the loader checks content/pages)."""
    if docs.resolve() == (root / "pages").resolve():
        return
    unsafe = unsafe_entries(docs, docs)
    if unsafe:
        raise ContentError([Problem(display_path(path), 1, 1, "file", reason) for path, reason in unsafe])


def get_site(config: MkDocsConfig) -> SiteContext:
    """The current build's :class:`SiteContext` (the ``chronik-site`` plugin must be enabled)."""
    for plugin in config.plugins.values():
        if isinstance(plugin, SitePlugin) and plugin.site is not None:
            return plugin.site
    raise PluginError("Chronik's page plugins need the 'chronik-site' plugin: add it to plugins in mkdocs.yml")
