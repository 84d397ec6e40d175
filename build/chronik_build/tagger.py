"""Part-of-speech signal for German: HanTa (Hannover Tagger, its model ships inside the wheel) tags each body
sentence once; the entity stage reads 'NE' (proper noun) vs 'NN' (common noun) and whether a word before a
capitalised one is an adjective or a verb. Without HanTa installed the signal is absent and the lexicon rules
decide alone."""

from __future__ import annotations

import functools
from typing import Any

MAX_WORD_CHARS = 64
# Distinct words whose analysis one process keeps: a long batch of articles stays within a few hundred MB.
ANALYSED_WORDS = 200_000


@functools.cache
def german_tagger() -> Any | None:
    """The German HanTa model, loaded once per process (None when HanTa is not installed)."""
    try:
        from HanTa import HanoverTagger
    except ImportError:
        return None
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    # HanTa looks a word up in its model's word list; any other word (a name, a compound, a number) it analyses
    # letter by letter, about 10 ms each, every time it occurs. The analysis depends on the word alone (its
    # lower-cased form: case is weighed afterwards), so each distinct word is analysed once; tags are unchanged.
    tagger.analyze_forward = functools.lru_cache(maxsize=ANALYSED_WORDS)(tagger.analyze_forward)
    return tagger


def tag_tokens(sentences: list[list[Any]]) -> dict[int, str]:
    """STTS tag of every token (by its start offset) of the tokenised sentences; {} without a tagger."""
    tagger = german_tagger()
    if tagger is None:
        return {}
    tags: dict[int, str] = {}
    for toks in sentences:
        if not toks:
            continue
        # the tagger's word analysis is quadratic in a word's length: a very long token is no word, tag it as one
        words = [t.text if len(t.text) <= MAX_WORD_CHARS else "Xxx" for t in toks]
        for tok, tag in zip(toks, tagger.tag_sent(words, taglevel=0), strict=True):
            if len(tok.text) <= MAX_WORD_CHARS:
                tags[tok.start] = tag
    return tags
