"""Per-build state shared by Chronik's plugins: corpus, language, generated pages and link targets.

The ``chronik-site`` plugin creates one :class:`SiteContext` per build. Page
plugins (timeline, entities, sources, home) register their pages and link
targets in ``on_files``; each page body is rendered later, just before the page
is written (``on_page_context``), when every target of every plugin is known, so
any page can link to any other. A target whose plugin is not enabled yields no
link, never a broken one.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from chronik.model import EDTF, Corpus, Event, Source, format_edtf

from . import anchors
from .generated import CompactPage, GeneratedFile
from .i18n import Strings
from .render import make_environment

Values = Callable[[Page], dict[str, Any]]
# A page links to the same few targets over and over (every chip of an entity): remember the answers. A page is
# rendered once, so the answers for one page are all that can be asked again: some 1 MB, not 10 MB of answers
# for pages long written.
_relative_url = lru_cache(maxsize=8192)(get_relative_url)


@dataclass
class PageSpec:
    """How to render one of Chronik's pages.

    ``title`` is plain text (escaped here); ``fragment`` an autoescaped template under
    ``chronik/fragments/``; ``values`` builds its variables for the page being rendered;
    ``jsonld`` builds schema.org data; ``toc`` lists (title, id) entries for the sidebar;
    ``append`` keeps a hand-written page's own content and adds the fragment after it;
    ``searchable`` False keeps a page out of the search index (its text is indexed elsewhere:
    an event page repeats its card on the year page).
    """

    title: str
    fragment: str
    values: Values
    jsonld: Callable[[Page], Any] | None = None
    toc: Callable[[], list[tuple[str, str]]] | None = None
    append: bool = False
    template: str = "chronik/page.html"
    searchable: bool = True


class LazySpec:
    """A page's spec made only when the page is rendered: ``make(key)``. At 100,000 events a PageSpec with
    its closures per event page, held for the whole build, costs some 100 MB; this is two references."""

    __slots__ = ("key", "make")

    def __init__(self, make: Callable[[Any], PageSpec], key: Any) -> None:
        self.make = make
        self.key = key


@dataclass
class SiteContext:
    """Everything a Chronik page plugin needs during one build."""

    config: MkDocsConfig
    corpus: Corpus
    content_dir: Path
    t: Strings
    env: Environment = field(init=False)
    pages: dict[str, PageSpec | LazySpec] = field(default_factory=dict)
    _made: tuple[str, PageSpec] | None = None  # the lazily made spec of the page being read or rendered
    # kind -> key -> the File, or (File, anchor) when there is an anchor: 2–3 targets an event, so no tuple
    # key and no tuple value per target where none is needed (some 250 bytes an event at 100,000 events).
    _targets: dict[str, dict[str, File | tuple[File, str]]] = field(default_factory=dict)
    _quotes: dict[str, list[tuple[Event, int]]] | None = None

    def __post_init__(self) -> None:
        self.env = make_environment(self.config.theme.dirs)

    def quotes_by(self, entity_id: str) -> list[tuple[Event, int]]:
        """(event, quote index) of every quote by an entity, in time order (indexed once per build)."""
        if self._quotes is None:
            index: dict[str, list[tuple[Event, int]]] = {}
            for event in self.corpus.events_sorted():
                for i, quote in enumerate(event.quotes):
                    if quote.speaker:
                        index.setdefault(quote.speaker, []).append((event, i))
            self._quotes = index
        return self._quotes.get(entity_id, [])

    @property
    def lang(self) -> str:
        """The site language of Chronik's own strings and dates ('de' or 'en')."""
        return self.t.lang

    @cached_property
    def _nav_paths(self) -> frozenset[str]:
        """The pages the configured nav names: the nav gives each its title."""
        return frozenset(_paths_in(self.config.nav))

    # -- pages -------------------------------------------------------------------------------------

    def add_page(self, files: Files, src_uri: str, spec: PageSpec | LazySpec, *, in_nav: bool = False) -> File:
        """Generate ``src_uri`` unless a hand-written file already sits there (the hand-written one wins)."""
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            if spec.append:
                self.pages[src_uri] = spec
            return existing
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        file = GeneratedFile(self.config, src_uri, content="", inclusion=inclusion)
        if not in_nav and src_uri not in self._nav_paths:  # the nav would give it a title of its own
            CompactPage(file, self.config)
        files.append(file)
        self.pages[src_uri] = spec
        return file

    def spec_for(self, page: Page) -> PageSpec | None:
        """How to render ``page``, or None when it is not one of Chronik's pages (a :class:`LazySpec` is made
        here, and kept until :meth:`done_with` the page: every hook of the page asks for it)."""
        uri = page.file.src_uri
        spec = self.pages.get(uri)
        if not isinstance(spec, LazySpec):
            return spec
        if self._made is None or self._made[0] != uri:
            self._made = (uri, spec.make(spec.key))
        return self._made[1]

    def done_with(self, page: Page) -> None:
        """Forget the spec made for ``page`` (it is written)."""
        if self._made is not None and self._made[0] == page.file.src_uri:
            self._made = None

    def render(self, spec: PageSpec, page: Page) -> str:
        """The page body: the spec's fragment rendered with autoescaping."""
        values = spec.values(page)
        return self.env.get_template(spec.fragment).render(t=self.t, lang=self.lang, **values)

    @staticmethod
    def safe_title(title: str) -> str:
        """Titles go into Material's templates unescaped: escape them once, here."""
        return html.escape(title, quote=True)

    # -- link targets ------------------------------------------------------------------------------

    def register(self, kind: str, key: str, file: File, anchor: str = "") -> None:
        """Make ``(kind, key)`` linkable: 'event' (its own page, else its card), 'card' (an event on its
        timeline page), 'entity', 'source' (article), 'tag', 'year', 'period', 'index' (section pages)."""
        self._targets.setdefault(kind, {})[key] = (file, anchor) if anchor else file

    def target(self, kind: str, key: str) -> tuple[File, str] | None:
        """The file and anchor of a target (the preview finds an event's own page by it)."""
        found = self._targets.get(kind, {}).get(key)
        return (found, "") if isinstance(found, File) else found

    def has(self, kind: str, key: str) -> bool:
        """Whether some enabled plugin made ``(kind, key)`` linkable."""
        return key in self._targets.get(kind, ())

    def href(self, kind: str, key: str, page: Page, anchor: str | None = None) -> str | None:
        """Relative URL from ``page`` to a target, or None when no enabled plugin provides it."""
        target = self.target(kind, key)
        if target is None:
            return None
        file, own_anchor = target
        fragment = anchor if anchor is not None else own_anchor
        url = _relative_url(file.url, page.file.url) if file is not page.file else ""
        if not url and not fragment:
            url = "./"
        return f"{url}#{fragment}" if fragment else url

    def url(self, kind: str, key: str) -> str | None:
        """Site-relative URL of a target ('events/<id>/', 'timeline/2026/#<id>'), or None."""
        target = self.target(kind, key)
        if target is None:
            return None
        file, anchor = target
        return file.url + (f"#{anchor}" if anchor else "")

    def absolute(self, kind: str, key: str, anchor: str | None = None) -> str | None:
        """Absolute URL (from ``site_url``) of a target, for JSON-LD identifiers."""
        target = self.target(kind, key)
        if target is None:
            return None
        file, own_anchor = target
        base = (self.config.site_url or "/").rstrip("/") + "/"
        fragment = anchor if anchor is not None else own_anchor
        return base + file.url + (f"#{fragment}" if fragment else "")

    # -- shared views ------------------------------------------------------------------------------

    def date_label(self, edtf: EDTF | None) -> str:
        """A date at its precision in the site language ('Herbst 2025'), or 'Ohne Datum'."""
        return format_edtf(edtf, self.lang) if edtf is not None else self.t("undated")

    def source_link(self, source: Source, anchor: str, page: Page) -> dict[str, Any]:
        """A link to the exact sentence on the source page (or the article's own URL as fallback)."""
        article = self.corpus.articles.get(source.article)
        outlet = article.outlet if article else source.article
        href = self.href("source", source.article, page, anchor)
        if href is None and article is not None:
            href = article.url
        return {"href": href, "outlet": outlet, "label": outlet, "title": article.title if article else "",
                "quote": source.quote}

    def source_links(self, sources: Sequence[Source], anchor: Callable[[int], str],
                     page: Page) -> list[dict[str, Any]]:
        """Links to several sentences; a repeated outlet is numbered ('Cointelegraph (2)')."""
        links = [self.source_link(s, anchor(i), page) for i, s in enumerate(sources)]
        seen: dict[str, int] = {}
        for link in links:
            seen[link["outlet"]] = seen.get(link["outlet"], 0) + 1
            if seen[link["outlet"]] > 1:
                link["label"] = f"{link['outlet']} ({seen[link['outlet']]})"
        return links

    def entity_chip(self, entity_id: str, page: Page) -> dict[str, Any]:
        """Name, type and link of an entity, for a chip."""
        entity = self.corpus.entities.get(entity_id)
        return {"id": entity_id, "name": entity.name if entity else entity_id,
                "type": entity.type if entity else "", "href": self.href("entity", entity_id, page)}

    def tag_links(self, tags: Sequence[str], page: Page) -> list[dict[str, Any]]:
        """Name and link (None when no tag pages are built) of each tag, for the tag chips of a card."""
        return [{"name": tag, "href": self.href("tag", tag, page)} for tag in dict.fromkeys(tags)]

    def event_ref(self, event: Event, page: Page) -> dict[str, Any]:
        """The short form of an event (date, title, link, tags) for lists on other pages."""
        date = event.date
        approximate, uncertain = bool(date and date.approximate), bool(date and date.uncertain)
        return {
            "id": event.id,
            "href": self.href("event", event.id, page),
            "title": event.title,
            "tags": self.tag_links(event.tags, page),
            "date": self.date_label(date),
            "datetime": date.lower.isoformat() if date is not None and date.lower else None,
            "lower": date.lower.isoformat() if date is not None and date.lower else "",
            "upper": date.upper.isoformat() if date is not None and date.upper else "",
            "precision": date.precision if date is not None else "none",
            "approximate": approximate,
            "uncertain": uncertain,
            # CSS class and tooltip of the <time>: format_edtf already writes 'ca.' / '(?)' in the text.
            "date_class": "chronik-date" + (" chronik-date--approximate" if approximate else "")
            + (" chronik-date--uncertain" if uncertain else ""),
            "qualifier": ", ".join([self.t("approximate")] * approximate + [self.t("uncertain")] * uncertain),
        }

    def event_view(self, event: Event, page: Page) -> dict[str, Any]:
        """Everything a template shows for one event, with links relative to ``page``."""
        quotes = []
        for i, q in enumerate(event.quotes):
            quotes.append({
                "id": anchors.quote(event.id, i), "text": q.text,
                "speaker": self.entity_chip(q.speaker, page) if q.speaker else None,
                "source": self.source_link(q.source, anchors.quote_source(event.id, i), page)
                if q.source else None,
            })
        return {
            **self.event_ref(event, page),
            "summary": event.summary,
            "chips": [self.entity_chip(e, page) for e in dict.fromkeys(event.entities)],
            "quotes": quotes,
            "sources": self.source_links(event.sources, lambda i: anchors.event_source(event.id, i), page),
            "reviewed": event.reviewed,
            "origin": event.origin,
        }

    def event_jsonld(self, event: Event, brief: bool = False) -> dict[str, Any]:
        """schema.org Event for one event. ``brief`` (a list of many events) gives an event that has a page
        of its own only its @id, name and dates: the page carries the rest, and a list page of 100 events
        would repeat some 60 KB of it."""
        data: dict[str, Any] = {"@type": "Event", "name": event.title}
        ident = self.absolute("event", event.id)
        own_page = brief and ident is not None and "#" not in ident
        if ident and not own_page:
            data["@id"] = ident
            data["url"] = ident
        elif own_page:
            data["@id"] = ident
        if event.summary and not own_page:
            data["description"] = event.summary
        if event.date is not None:
            # ISO 8601 at the date's precision: '2026-01' for a month, '2025' for a year; otherwise days.
            cut = {"year": 4, "month": 7}.get(event.date.precision)
            if event.date.lower:
                data["startDate"] = event.date.lower.isoformat()[:cut]
            if event.date.upper:
                data["endDate"] = event.date.upper.isoformat()[:cut]
        if own_page:
            return data
        about = [{"@id": url, "name": self.corpus.entities[e].name}
                 for e in event.entities
                 if e in self.corpus.entities and (url := self.absolute("entity", e))]
        if about:
            data["about"] = about
        cites = [a.url for s in event.sources if (a := self.corpus.articles.get(s.article)) and a.url]
        if cites:
            data["citation"] = list(dict.fromkeys(cites))
        return data


def _paths_in(nav: Any) -> Iterator[str]:
    """Every page path (or URL) a ``nav`` setting names, at any depth."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for item in nav.values():
            yield from _paths_in(item)
    elif isinstance(nav, list):
        for item in nav:
            yield from _paths_in(item)


def year_of(event: Event) -> int | None:
    """The year an event is filed under on the timeline (its earliest known bound)."""
    if event.date is None:
        return None
    bound = event.date.lower or event.date.upper
    return bound.year if bound else None
