"""One setting, one language: ``theme.language`` switches Chronik's strings, the hand-written pages and
the labels of the default ``mkdocs.yml`` (nav titles, palette toggles, site description).

Hand-written pages: ``about.md`` is the default; ``about.en.md`` beside it replaces it on an English
site (same URL, same nav entry), and every ``<name>.<language>.md`` of another language is left out.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .i18n import LANGUAGES, Strings

_VARIANT = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


def translate_config(config: MkDocsConfig, t: Strings) -> None:
    """Nav titles, palette toggle names and the site description that are Chronik's defaults, in ``t``'s language."""
    if config.nav:
        config.nav = _translate_nav(config.nav, t)
    palettes = config.theme.get("palette")
    for palette in palettes if isinstance(palettes, list) else [palettes] if palettes else []:
        toggle = palette.get("toggle") if isinstance(palette, dict) else None
        if isinstance(toggle, dict) and isinstance(toggle.get("name"), str):
            toggle["name"] = t.label(toggle["name"])
    if config.site_description:
        config.site_description = t.label(config.site_description)


def _translate_nav(items: Any, t: Strings) -> Any:
    if isinstance(items, list):
        return [_translate_nav(item, t) for item in items]
    if isinstance(items, dict):
        return {t.label(title) if isinstance(title, str) else title: _translate_nav(value, t)
                for title, value in items.items()}
    return items


def pick_language_pages(files: Files, config: MkDocsConfig, lang: str) -> None:
    """Use ``<name>.<lang>.md`` in place of ``<name>.md``; drop the other languages' variants."""
    for file in list(files.documentation_pages()):
        match = _VARIANT.match(posixpath.basename(file.src_uri))
        if match is None or match["lang"] not in LANGUAGES:
            continue
        files.remove(file)
        if match["lang"] != lang:
            continue
        src_uri = posixpath.join(posixpath.dirname(file.src_uri), match["stem"] + ".md")
        default = files.get_file_from_path(src_uri)
        if default is not None:
            files.remove(default)
        chosen = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        chosen.abs_src_path = file.abs_src_path  # the translation's text, at the default page's URL
        chosen.edit_uri = file.src_uri
        files.append(chosen)
