"""Glue between the explorer and the site: the corpus, page URLs, mount points, assets."""

from __future__ import annotations

import html
import posixpath
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from chronik.explorer.data import SiteMap, event_year
from chronik.site.i18n import STRINGS, Strings

ASSETS = Path(__file__).parent / "assets"

_EVENT = re.compile(r'<article\b[^>]*\bclass="[^"]*\bchronik-event\b[^"]*"[^>]*>')
_ID = re.compile(r'\bdata-event="([^"]+)"')
_CHIP = re.compile(r'<a\b[^>]*\bclass="[^"]*\bchronik-chip\b[^"]*"[^>]*>')
_CHIP_ENTITY = re.compile(r'\bdata-entity="([^"]+)"')
_HREF = re.compile(r'\bhref="([^"]+)"')
_PERIOD = re.compile(r"^(\d{4})(?:/(\d{2}))?$")  # timeline/<year>/ and timeline/<year>/<month>/

TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
    autoescape=True,
    keep_trailing_newline=True,
)

#: Keys of the site's string table the scripts use besides the explorer's own ``x_…`` keys.
SHARED_KEYS = ("undated", "years", "events", "months", "tags")


def script_strings(lang: str) -> dict[str, str]:
    """The strings the explorer's scripts need, from the site's one string table (``x_`` dropped)."""
    table = Strings(lang)
    keys = [k for k in STRINGS["de"] if k.startswith("x_")] + list(SHARED_KEYS)
    return {k.removeprefix("x_"): table(k) for k in keys}


def settings_block(lang: str, data_dir: str, assets_dir: str) -> dict[str, Any]:
    """The scripts' settings and strings (one JSON block on every page)."""
    return {
        "lang": Strings(lang).lang,
        "data": data_dir.strip("/") + "/",
        "assets": assets_dir.strip("/") + "/",
        "strings": script_strings(lang),
    }


def head_html(settings: dict[str, Any]) -> str:
    """What the explorer adds to a page's head: its settings as a JSON block."""
    return TEMPLATES.get_template("settings.html").render(settings=settings)


def find_corpus(config: MkDocsConfig, content_dir: str) -> Any:
    """The corpus of this build: the one ``chronik-site`` loaded, else loaded here (None if absent)."""
    for plugin in config.plugins.values():
        site = getattr(plugin, "site", None)
        corpus = getattr(site, "corpus", None) or getattr(plugin, "corpus", None)
        if corpus is not None and hasattr(corpus, "events_sorted"):
            return corpus
    root = (Path(config.config_file_path or ".").resolve().parent / content_dir).resolve()
    if not root.is_dir():
        return None
    try:  # the site's cached loader: one load per build for every Chronik plugin
        from chronik.site.corpus import load_corpus

        return load_corpus(root)
    except ImportError:
        from chronik.model import ContentError, load_content

        corpus, problems = load_content(root)
        if problems:
            raise ContentError(problems) from None
        return corpus


def _page_stem(src_uri: str) -> str:
    stem = src_uri.rsplit(".", 1)[0]
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return stem.rsplit("/", 1)[-1]


def entity_pages(files: Files, corpus: Any, entity_dirs: list[str]) -> dict[str, str]:
    """Entity id -> site-relative URL of its page, for pages named after the id in ``entity_dirs``."""
    if corpus is None:
        return {}
    found: dict[str, str] = {}
    for file in files.documentation_pages():
        if not any(file.src_uri.startswith(d.strip("/") + "/") for d in entity_dirs):
            continue
        stem = _page_stem(file.src_uri)
        if stem in corpus.entities and stem not in found:
            found[stem] = file.url
    return found


def asset_files(config: MkDocsConfig, assets_dir: str) -> list[File]:
    """Our ES modules and stylesheet, copied as they are (settings come from the page's JSON block)."""
    base = assets_dir.strip("/")
    return [
        File.generated(config, f"{base}/{asset.name}", content=asset.read_text(encoding="utf-8"))
        for asset in sorted(ASSETS.iterdir())
        if asset.suffix in (".js", ".css")
    ]


def event_links(config: MkDocsConfig, corpus: Any) -> dict[str, str]:
    """Where the site links each event: its own page (``chronik-events``), else its card on a year page."""
    from chronik.site.plugin import get_site  # the site plugin imports page plugins; load it late

    try:
        site = get_site(config)
    except PluginError:  # a site without chronik-site: the harvested year pages are all we know
        return {}
    return {eid: url for eid in corpus.events if (url := site.url("event", eid))}


@dataclass
class Harvest:
    """Events seen on each page while the pages are written."""

    #: each event's first page and its first timeline page: all an event link needs (not every page
    #: showing it, which at 100,000 events is a list per event held to the end of the build)
    first_page: dict[str, str] = field(default_factory=dict)
    first_timeline: dict[str, str] = field(default_factory=dict)
    years: dict[str, str] = field(default_factory=dict)
    chip_urls: dict[str, str] = field(default_factory=dict)
    timeline_urls: set[str] = field(default_factory=set)

    def finish(self, site: SiteMap, timeline_prefix: str) -> None:
        """Choose each event's page (a timeline page first) and each year's timeline page. (Which pages are
        timeline pages, ``timeline_prefix``, was decided as they were harvested: :func:`process_page`.)"""
        per_year: dict[str, Counter[str]] = defaultdict(Counter)
        for event_id, url in self.first_page.items():
            timeline = self.first_timeline.get(event_id)
            site.event_pages[event_id] = timeline or url
            if timeline:
                per_year[self.years.get(event_id, "")][timeline] += 1
        for year, counter in per_year.items():
            site.timeline_pages[year] = counter.most_common(1)[0][0]
        if self.timeline_urls:
            site.timeline_root = min(self.timeline_urls, key=lambda u: (len(u), u))
        for entity_id, url in self.chip_urls.items():
            site.entity_pages.setdefault(entity_id, url)


def relative_url(from_page: str, to_page: str) -> str:
    """Relative link from the page at site URL ``from_page`` to the site URL ``to_page``."""
    base = from_page if from_page.endswith("/") or not from_page else posixpath.dirname(from_page) + "/"
    rel = posixpath.relpath(to_page or ".", base or ".")
    if to_page.endswith("/") or not to_page:
        rel = rel.rstrip("/") + "/"
    return rel


def _resolve(page_url: str, href: str) -> str | None:
    """Site-relative URL of ``href`` written on the page at ``page_url`` (None if external)."""
    if "://" in href or href.startswith(("#", "mailto:", "/")):
        return None
    href = href.split("#", 1)[0]
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(posixpath.join(base, href))
    if joined in (".", ""):
        return ""
    return joined + ("/" if href.endswith("/") else "")


def process_page(
    output: str,
    page_url: str,
    corpus: Any,
    site: SiteMap,
    harvest: Harvest,
    timeline_prefix: str,
    lang: str = "de",
    connected: set[str] | None = None,
) -> str:
    """Harvest event ids and chip links of a written page and insert the mount points.

    ``connected`` holds the entities that have a neighbour; only their pages get a local graph
    (None: every entity page), so no page reserves room for a graph that stays empty.
    """
    years: list[str] = []
    on_timeline = page_url.startswith(timeline_prefix.strip("/"))
    if on_timeline:
        harvest.timeline_urls.add(page_url)
    for match in _EVENT.finditer(output) if "chronik-event" in output else ():
        id_match = _ID.search(match.group(0))
        if not id_match:
            continue
        event_id = html.unescape(id_match.group(1))
        event = corpus.events.get(event_id)
        if event is not None:  # the corpus's own id and one year string: not a copy per event held to the end
            event_id = event.id
        harvest.first_page.setdefault(event_id, page_url)
        if on_timeline:
            harvest.first_timeline.setdefault(event_id, page_url)
        if event is not None:
            year = sys.intern(event_year(event))
            harvest.years[event_id] = year
            if year not in years:
                years.append(year)
    # Chip links only matter for entities whose page was not found among the files.
    chips = _CHIP.finditer(output) if len(site.entity_pages) < len(corpus.entities) else ()
    for match in chips:
        entity = _CHIP_ENTITY.search(match.group(0))
        href = _HREF.search(match.group(0))
        if entity and href:
            url = _resolve(page_url, html.unescape(href.group(1)))
            if url is not None:
                harvest.chip_urls.setdefault(html.unescape(entity.group(1)), url)
    if len(site.page_entities) != len(site.entity_pages):
        site.page_entities = {url: eid for eid, url in site.entity_pages.items()}
    entity_id = site.page_entities.get(page_url)
    t = Strings(lang)
    if entity_id is not None:
        if connected is not None and entity_id not in connected:
            return output
        mount = TEMPLATES.get_template("graph.html").render(kind="local", entity=entity_id, t=t)
        return _insert(output, mount, before_h2=True)
    prefix = timeline_prefix.strip("/")
    is_root = page_url.rstrip("/") == prefix or page_url == prefix + ".html"
    period = _PERIOD.match(page_url[len(prefix) :].strip("/")) if page_url.startswith(prefix) else None
    if period and not years:  # a year's index of month pages: the explorer shows that year
        years = [period.group(1)]
    if (years or is_root) and page_url.startswith(prefix):
        month = period.group(2) if period and period.group(2) not in (None, "00") else None  # 00: spanning
        when = period.group(1) + (f"-{month}" if month else "") if period else ""
        mount = TEMPLATES.get_template("explorer.html").render(years=years, period=when, t=t)
        return _insert(output, mount, before_h2=False)
    return output


def _insert(output: str, mount: str, before_h2: bool) -> str:
    """Put ``mount`` into the page content: before the timeline list or the first h2, else after the h1."""
    start = output.find('class="md-content__inner')
    start = max(start, 0)
    anchors = ['<div class="chronik-timeline"', "<h2"] if not before_h2 else ["<h2"]
    for anchor in anchors:
        pos = output.find(anchor, start)
        if pos >= 0:
            return output[:pos] + mount + output[pos:]
    end_h1 = output.find("</h1>", start)
    if end_h1 >= 0:
        pos = end_h1 + len("</h1>")
        return output[:pos] + mount + output[pos:]
    pos = output.find(">", start) + 1
    return output[:pos] + mount + output[pos:]


def graph_page_markdown(corpus: Any, site: SiteMap, path: str, lang: str, limit: int) -> str:
    """The overview graph page: the graph's mount point beside a list that works without JavaScript."""
    page_dir = posixpath.dirname(path)
    page_url = page_dir + "/" if page_dir else ""
    counts: Counter[str] = Counter()
    for event in corpus.events.values():
        counts.update(set(event.entities))
    top = sorted(corpus.entities, key=lambda eid: (-counts[eid], eid))[: min(limit, 50)]
    items = [
        {
            "id": eid,
            "name": corpus.entities[eid].name,
            "count": counts[eid],
            "url": relative_url(page_url, site.entity_pages[eid]) if eid in site.entity_pages else None,
        }
        for eid in top
    ]
    t = Strings(lang)
    mount = Markup(TEMPLATES.get_template("graph.html").render(kind="overview", entity=None, t=t))
    return TEMPLATES.get_template("graph_page.html").render(t=t, mount=mount, items=items)
