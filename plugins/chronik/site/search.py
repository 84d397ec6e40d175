"""A lean copy of a page body for Material's search index.

Material's search plugin walks ``page.content`` tag by tag in Python and keeps only
headings (with ids: one index entry each), text and a few structural tags (p, li,
ol, ul, code, pre, sub, sup). Chronik's bodies carry many inline tags (chips, times,
marks, links) that add nothing to the index but dominate its cost on large corpora.
:func:`lean_for_search` drops them beforehand, leaving exactly what the index keeps.
"""

from __future__ import annotations

import re

_KEEP = frozenset({"p", "li", "ol", "ul", "code", "pre", "sub", "sup"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Dropped tags that separate words (a space keeps 'Medium' and 'Cointelegraph' apart); inline ones vanish.
_BLOCKS = frozenset({"dt", "dd", "dl", "div", "section", "article", "blockquote", "footer", "header", "br",
                     "td", "th", "tr", "table", "figure", "figcaption"})
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")


def _tag(match: re.Match[str]) -> str:
    name = match.group(2).lower()
    if name in _HEADINGS:
        return match.group(0)
    if name in _KEEP:
        return f"<{match.group(1)}{name}>"
    return " " if name in _BLOCKS else ""


def lean_for_search(html: str) -> str:
    """The same headings, ids and text, without inline markup and permalinks."""
    return _TAG.sub(_tag, _PERMALINK.sub("", html))
