"""Chronik's generated files and pages, kept compact: at 100,000 events a build holds some 125,000 of each
from file registration until its end, and MkDocs' own File and Page keep a per-object dict and several
derived strings each (some 1.5 KB a page)."""

from __future__ import annotations

import os
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

# What a generated page's empty Markdown gives it, shared by all of them until it is rendered and again once
# it is written: MkDocs' own per-page sets, dicts and TOC cost some 1 KB a page all build long.
NO_ANCHORS: frozenset[str] = frozenset()
NO_TOC = TableOfContents([])


class GeneratedFile(File):
    """A file Chronik generates (a page, an export written into the site), in some 340 bytes instead of 1.1 KB:
    its attributes live in slots, not in a per-file dict, and only its source path and URL are kept as strings;
    name, destination path and absolute destination path (read once, when it is written) are derived when
    asked. 125,000 pages at 100,000 events. The values are MkDocs' own (``File.generated`` with the same
    arguments gives the same ones)."""

    __slots__ = ("src_uri", "url", "_dest_uri", "src_dir", "dest_dir", "use_directory_urls", "inclusion",
                 "generated_by", "abs_src_path", "_content", "page")

    def __init__(self, config: MkDocsConfig, src_uri: str, *, content: str | None = None,
                 abs_src_path: str | None = None, inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> None:
        if (content is None) == (abs_src_path is None):
            raise TypeError("File must have exactly one of 'content' or 'abs_src_path'")
        self.src_uri = src_uri  # already '/'-separated: no PurePath (which interns every part for good)
        self.src_dir = None
        self.dest_dir = config.site_dir
        self.use_directory_urls = config.use_directory_urls
        self.inclusion = inclusion
        self.generated_by = config.plugins._current_plugin or "<unknown>"
        self.abs_src_path = abs_src_path
        self._content = content
        self.page = None
        self._dest_uri: str | None = None
        self.url = File._get_url(self)  # every link to the page reads it: kept

    @property
    def name(self) -> str:  # type: ignore[override]
        """The file's name without its extension (as MkDocs gives it)."""
        return File._get_stem(self)

    @property
    def dest_uri(self) -> str:  # type: ignore[override]
        """The '/'-separated destination path, relative to the site folder."""
        return self._dest_uri if self._dest_uri is not None else File._get_dest_path(self)

    @dest_uri.setter
    def dest_uri(self, value: str) -> None:
        self._dest_uri = value

    @property
    def abs_dest_path(self) -> str:  # type: ignore[override]
        """The absolute path the file is written to."""
        return os.path.normpath(os.path.join(self.dest_dir, self.dest_uri))


class GeneratedPage(Page):
    """A page Chronik generates: its Markdown is empty, so there is nothing for Markdown to render (MkDocs
    would set up a Markdown converter with every extension for it: 1.4 ms a page, 125,000 pages at 100,000
    events). Its body and TOC come when it is written (``on_page_context``)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """What rendering an empty Markdown source gives, without a converter; shared empty TOC and anchors.
        ``links_to_anchors`` keeps the class's None: one more attribute set on the page makes CPython
        trade the page's compact attribute table for a full dict (700 bytes a page)."""
        self.content, self.toc, self._title_from_render = "", NO_TOC, None
        self.present_anchor_ids = NO_ANCHORS


class CompactPage(GeneratedPage):
    """A generated page outside the nav, made when its file is registered (MkDocs would make a plain Page
    for it when it builds the nav): its attributes in slots, its build date shared, its canonical and
    absolute URLs derived from its file's URL when asked (read once, when it is written), no list as
    placeholder TOC. Some 350 bytes less a page; the values are those MkDocs gives a Page."""

    __slots__ = ("file", "children", "previous_page", "next_page", "_Page__active", "update_date", "_base",
                 "edit_url", "markdown", "_title_from_render", "content", "toc", "meta", "present_anchor_ids")

    def __init__(self, file: File, config: MkDocsConfig) -> None:
        super().__init__(None, file, config)
        self.update_date = _DATES.setdefault(self.update_date, self.update_date)
        self.toc = NO_TOC
        self.present_anchor_ids = None  # Page's class default, which the slot hides

    def _set_canonical_url(self, base: str | None) -> None:
        """Keep the site URL (ending in '/'), shared by every page: the URLs are derived from it."""
        site = (base if base.endswith("/") else base + "/") if base else None
        self._base = _BASES.setdefault(site, site)

    @property
    def canonical_url(self) -> str | None:  # type: ignore[override]
        """The page's full URL from ``site_url`` (None without one)."""
        return urljoin(self._base, self.url) if self._base else None

    @property
    def abs_url(self) -> str | None:  # type: ignore[override]
        """The page's URL path from the server root (None without ``site_url``)."""
        return urlsplit(urljoin(self._base, self.url)).path if self._base else None


_DATES: dict[str, str] = {}
_BASES: dict[str | None, str | None] = {}
