"""``chronik-sources``: one page per article, its cleaned text with every extracted span linked."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from chronik.model import Article, EDTFError, Entity, Event, format_edtf, parse_edtf
from chronik.site import PageSpec, SiteContext, get_site

from .config import SourcesConfig
from .text import citing_by_article, claims_of, paragraphs


class SourcesPlugin(BasePlugin[SourcesConfig]):
    """Generates ``sources/index.md`` (in the nav) and ``sources/<article-id>.md`` (not in the nav)."""

    # After plugins that add hand-written pages, so a file someone else provides at our path wins.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        site = get_site(config)
        root = self.config.path.strip("/")
        citing = citing_by_article(site.corpus)
        self._add_index(site, files, root, citing)
        for article in site.corpus.articles.values():
            spec = self._article_spec(site, article, citing.get(article.id, []))
            site.register("source", article.id, site.add_page(files, f"{root}/{article.id}.md", spec))
        return files

    def _add_index(self, site: SiteContext, files: Files, root: str, citing: dict[str, list[Event | Entity]]) -> None:
        """The index of every article, newest first: ``<root>/index.md``, past ``index_per_page`` articles
        continued on ``<root>/all/<n>.md`` (each page links every other)."""
        articles = sorted(site.corpus.articles.values(), key=lambda a: (a.published, a.id), reverse=True)
        limit = self.config.index_per_page
        size = limit if 0 < limit < len(articles) else max(len(articles), 1)
        chunks = [articles[i:i + size] for i in range(0, len(articles), size)] or [[]]
        for n, chunk in enumerate(chunks, start=1):
            uri = f"{root}/index.md" if n == 1 else f"{root}/all/{n}.md"
            file = site.add_page(files, uri, self._index_spec(site, citing, chunk, (n, len(chunks))), in_nav=n == 1)
            site.register("list", f"sources:{n}", file)
            if n == 1:
                site.register("index", "sources", file)

    def _index_spec(self, site: SiteContext, citing: dict[str, list[Event | Entity]], articles: list[Article],
                    part: tuple[int, int]) -> PageSpec:
        """One page of the index: ``articles`` by year; ``part`` is (this page's number, how many pages)."""
        n, pages = part

        def by_year() -> list[tuple[str, list[Article]]]:
            return [(year, list(group)) for year, group in groupby(articles, key=lambda a: a.published[:4])]

        def values(page: Page) -> dict[str, Any]:
            pager = [{"label": str(i), "href": site.href("list", f"sources:{i}", page), "current": i == n}
                     for i in range(1, pages + 1)] if pages > 1 else []
            return {"pager": pager, "count": site.t.count(len(site.corpus.articles), "source_count"),
                    "years": [{"id": f"y-{year}", "label": year, "articles": [
                        {**_meta(site, a), "href": site.href("source", a.id, page),
                         "events": site.t.count(_events_citing(a.id, citing.get(a.id, [])))} for a in group]}
                              for year, group in by_year()]}

        suffix = f" ({site.t('page_of', n=n, total=pages)})" if pages > 1 else ""
        return PageSpec(title=site.t("sources") + suffix, fragment="chronik/fragments/sources-index.html",
                        values=values, toc=lambda: [(year, f"y-{year}") for year, _ in by_year()])

    def _article_spec(self, site: SiteContext, article: Article, citing: list[Event | Entity]) -> PageSpec:
        labels = {kind: site.t(f"span_{kind}") for kind in ("event", "quote", "relation", "fact")}

        def values(page: Page) -> dict[str, Any]:
            claims = claims_of(article.id, citing)
            hrefs = {c.anchor: site.href(c.target[0], c.target[1], page, c.target[2]) for c in claims}
            return {"a": {**_meta(site, article), "back": site.href("index", "sources", page)},
                    "paragraphs": paragraphs(article, claims), "hrefs": hrefs, "labels": labels}

        def jsonld(page: Page) -> dict[str, Any]:
            data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle",
                                    "headline": article.title, "datePublished": article.published,
                                    "publisher": {"@type": "Organization", "name": article.outlet},
                                    "inLanguage": article.language}
            if article.url:
                data["url"] = article.url
            if article.author:
                data["author"] = {"@type": "Person", "name": article.author}
            return data

        return PageSpec(title=article.title, fragment="chronik/fragments/source.html", values=values,
                        jsonld=jsonld)


def _events_citing(article_id: str, citing: list[Event | Entity]) -> int:
    """How many events cite the article as a source of their own (a quote's sentence alone does not count)."""
    return sum(1 for item in citing if isinstance(item, Event) and any(s.article == article_id for s in item.sources))


def _meta(site: SiteContext, article: Article) -> dict[str, Any]:
    """Display fields of an article: published date in the site language, outlet, author, URL."""
    date, _, time = article.published.partition("T")
    try:
        shown = format_edtf(parse_edtf(date), site.lang)
    except EDTFError:
        shown = article.published
    if time:
        shown = f"{shown}, {time[:5]}"
    return {"id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
            "author": article.author, "published": shown, "datetime": article.published,
            "language": article.language}
