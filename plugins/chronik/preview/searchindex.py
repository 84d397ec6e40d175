"""Keep the served search index in step with pages re-rendered in place.

Material's search plugin collects each page's sections while the page is built and writes the index at
the end of a build. A page built again in place appends its new sections; here they take the place of
the page's old ones (same position, so the file is what a full build writes), and the index is written
again, then sharded by chronik-search, exactly as at the end of a full build.
"""

from __future__ import annotations

from typing import Any


def find_index(config: Any) -> Any:
    """Material's search index of this build (None without the search plugin)."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(getattr(index, "entries", None), list):
            return index
    return None


def page_of(location: str) -> str:
    """The page URL of an index entry ('timeline/2026/#m-2026-01' -> 'timeline/2026/')."""
    return location.partition("#")[0]


def splice(entries: list[dict], fresh: dict[str, list[dict]]) -> bool:
    """Put each page's ``fresh`` sections where its old ones were; False when a page had none to replace."""
    for url, sections in fresh.items():
        where = [i for i, entry in enumerate(entries) if page_of(entry["location"]) == url]
        if not where:
            if sections:
                return False
            continue
        if where[-1] - where[0] + 1 != len(where):
            return False
        entries[where[0]:where[-1] + 1] = sections
    return True


def write_index(config: Any) -> None:
    """Write the index and its shards as the end of a full build does (the search plugins' post_build)."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search":
            plugin.on_post_build(config=config)
    for name, plugin in config.plugins.items():
        if name == "chronik-search":
            plugin.on_post_build(config=config)
