"""Parse and check one changed content file against the corpus in memory (no full reload).

Uses the loader's own steps (read, schema, cross-file checks, object building), so a file that loads here
loads the same in a full build; any problem sends the preview to a full build, which reports it.
"""

from __future__ import annotations

import os
from pathlib import Path

from chronik.model import Corpus, Entity, Event, display_path
from chronik.model import loader as _loader
from chronik.model.parsecache import ParseCache


def reparse(corpus: Corpus, kind: str, path: Path) -> Event | Entity | None:
    """The new object for an existing event or entity file, or None when it has any problem."""
    loader = _loader._Loader(corpus.root, ParseCache(None))
    loader.known = {"article": set(corpus.articles), "event": set(corpus.events), "entity": set(corpus.entities)}
    loader.texts = {ident: article.text for ident, article in corpus.articles.items()}
    try:
        info = os.lstat(path)
    except OSError:
        return None
    loader._read_doc(kind, path.stem, path, display_path(path), info)
    doc = loader.docs[kind].get(path.stem)
    if doc is None or loader.problems:
        return None
    if kind == "event":
        loader._check_event(doc)
        built: Event | Entity = _loader._build_event(doc)
    else:
        loader._check_entity(doc)
        built = _loader._build_entity(doc)
    return None if loader.problems else built
