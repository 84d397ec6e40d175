"""Part-of-speech signal for German: HanTa (Hannover Tagger, its model ships inside the wheel) tags each body
sentence once; the entity stage reads 'NE' (proper noun) vs 'NN' (common noun) and whether a word before a
capitalised one is an adjective or a verb. Without HanTa installed the signal is absent and the lexicon rules
decide alone."""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def german_tagger() -> Any | None:
    """The German HanTa model, loaded once per process (None when HanTa is not installed)."""
    try:
        from HanTa import HanoverTagger
    except ImportError:
        return None
    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def tag_tokens(sentences: list[list[Any]]) -> dict[int, str]:
    """STTS tag of every token (by its start offset) of the tokenised sentences; {} without a tagger."""
    tagger = german_tagger()
    if tagger is None:
        return {}
    tags: dict[int, str] = {}
    for toks in sentences:
        if not toks:
            continue
        for tok, tag in zip(toks, tagger.tag_sent([t.text for t in toks], taglevel=0), strict=True):
            tags[tok.start] = tag
    return tags
