"""HTML rendering for Chronik's page bodies: an autoescaping Jinja environment.

MkDocs and Material render their templates without autoescaping, so any value
from content would be inserted as raw HTML. The bodies of Chronik's pages are
therefore rendered here, from templates in the theme folders (``chronik/fragments/``),
with ``autoescape=True``: every value is escaped unless a template says otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}


def json_for_script(data: object) -> str:
    """JSON that is safe inside ``<script>``: ``<``, ``>`` and ``&`` become \\u escapes."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def make_environment(search_path: Sequence[str]) -> Environment:
    """An autoescaping environment over the theme folders (a custom_dir can override a fragment)."""
    env = Environment(
        loader=FileSystemLoader(list(search_path)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one build, templates do not change mid-build: skip a stat per lookup
    )
    env.filters["json_script"] = json_for_script
    return env
