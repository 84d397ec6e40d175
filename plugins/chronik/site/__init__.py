"""Shared pieces of Chronik's site: corpus loading per build, page registry, strings, rendering.

Other plugins (timeline, entities, sources, exports, explorer) use::

    from chronik.site import get_site, load_corpus
    site = get_site(config)          # in on_config (priority < 100) or later
    site.corpus, site.lang, site.t("timeline"), site.href("event", event_id, page)
"""

from .context import LazySpec, PageSpec, SiteContext, year_of
from .corpus import load_corpus
from .i18n import Strings
from .plugin import SitePlugin, get_site
from .render import json_for_script

__all__ = ["LazySpec", "PageSpec", "SiteContext", "SitePlugin", "Strings", "get_site", "json_for_script", "load_corpus",
           "year_of"]
