"""MkDocs hook for the replica site in bench/bench_scale.py: plain Material with Chronik's exact page bodies.

The replica's docs folder holds one Markdown stub per page of the Chronik build; this hook (not a Chronik
plugin: no corpus, no templates of ours) swaps in the body, title and table of contents dumped by
dump_hook.py, so Material renders, indexes and navigates the very same pages.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.structure.toc import AnchorLink, TableOfContents

BODIES = Path(os.environ["CHRONIK_REPLICA_DIR"]) / "bodies"


def _links(items: list) -> list[AnchorLink]:
    links = []
    for level, title, anchor, children in items:
        link = AnchorLink(title, anchor, level)
        link.children = _links(children)
        links.append(link)
    return links


def on_page_content(html, *, page, config, files):
    """The dumped body and TOC of this page instead of the stub's."""
    base = BODIES / page.file.src_uri
    meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
    page.toc = TableOfContents(_links(meta["toc"]))
    return base.with_suffix(".html").read_text(encoding="utf-8")


def on_page_markdown(markdown, *, page, config, files):
    """The dumped title (the stub has none)."""
    meta = json.loads((BODIES / page.file.src_uri).with_suffix(".json").read_text(encoding="utf-8"))
    page.meta["title"] = meta["title"]
    return markdown
