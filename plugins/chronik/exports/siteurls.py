"""Where events, entities and articles live on the site, as site-relative URLs.

The ``chronik-site`` plugin family registers a link target for every event, entity and source page
(:class:`chronik.site.context.SiteContext`); when it is active the exports link exactly there.
Without it (exports used alone) the conventional paths below are used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from .common import _default_article_url, _default_entity_url, _default_event_url, _default_tag_url

UrlFunction = Callable[[str], str]


def find_site_context(config: MkDocsConfig) -> Any:
    """The build's SiteContext held by one of the Chronik site plugins, or None."""
    try:
        from chronik.site.context import SiteContext
    except ImportError:
        return None
    for plugin in config.plugins.values():
        for value in vars(plugin).values():
            if isinstance(value, SiteContext):
                return value
    return None


def target(site: Any, kind: str, key: str) -> tuple[File, str] | None:
    """(page file, anchor) registered for ('event' | 'entity' | 'source', id), or None."""
    return site.target(kind, key) if site is not None else None


def _target_url(site: Any, kind: str, key: str) -> str | None:
    """Site-relative URL of a registered target (page URL plus its anchor), or None."""
    return site.url(kind, key)


def url_function(site: Any, kind: str, fallback: UrlFunction) -> UrlFunction:
    """Site-relative URL of a ('event' | 'entity' | 'source' | 'tag', id) target, else ``fallback``'s."""
    if site is None:
        return fallback

    def url(key: str) -> str:
        return _target_url(site, kind, key) or fallback(key)

    return url


def site_url_functions(config: MkDocsConfig) -> tuple[UrlFunction, UrlFunction, UrlFunction, UrlFunction]:
    """(event_url, entity_url, article_url, tag_url) for this build."""
    site = find_site_context(config)
    return (
        url_function(site, "event", _default_event_url),
        url_function(site, "entity", _default_entity_url),
        url_function(site, "source", _default_article_url),
        url_function(site, "tag", _default_tag_url),
    )
