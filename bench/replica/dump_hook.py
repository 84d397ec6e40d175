"""MkDocs hook for the Chronik build in bench/bench_scale.py: dump every page as the theme receives it.

For each page it writes the final HTML body, title and table of contents under $CHRONIK_REPLICA_DIR, so
replica_hook.py can let plain Material render exactly the same pages. Runs after every other handler
(priority -200); its own CPU time goes to $CHRONIK_REPLICA_DIR/dump-cpu so the bench can subtract it.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from mkdocs.plugins import event_priority

OUT = Path(os.environ["CHRONIK_REPLICA_DIR"])
_spent = [0.0]


def _toc(items) -> list:
    return [[item.level, item.title, item.id, _toc(item.children)] for item in items]


@event_priority(-200)
def on_page_context(context, *, page, config, nav):
    """Write body, title and TOC of ``page``; count the time it takes."""
    start = time.process_time()
    base = OUT / "bodies" / page.file.src_uri
    base.parent.mkdir(parents=True, exist_ok=True)
    base.with_suffix(".html").write_text(page.content or "", encoding="utf-8")
    meta = {"title": page.title or "", "toc": _toc(page.toc.items if page.toc else [])}
    base.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    _spent[0] += time.process_time() - start
    return context


def on_post_build(*, config):
    """Record the CPU seconds spent dumping."""
    (OUT / "dump-cpu").write_text(str(_spent[0]), encoding="utf-8")
