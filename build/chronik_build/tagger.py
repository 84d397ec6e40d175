"""Part-of-speech signal for German: HanTa (Hannover Tagger, its model ships inside the wheel) tags each body
sentence once; the entity stage reads 'NE' (proper noun) vs 'NN' (common noun) and whether a word before a
capitalised one is an adjective or a verb. Without HanTa installed the signal is absent and the lexicon rules
decide alone."""

from __future__ import annotations

import functools
import gc
from typing import Any

MAX_WORD_CHARS = 64
# Distinct words whose analysis one process keeps: a long batch of articles stays within a few hundred MB.
ANALYSED_WORDS = 200_000


def reachability(transitions: dict, tags: dict) -> dict[int, frozenset]:
    """For each final state (a negative tag number), every state from which it can be reached: HanTa computes this
    at load by scanning all transitions once per state found (about 30 ms, each time a process starts); a walk
    back over a map of predecessors gives the same sets in about 1 ms."""
    before: dict[int, set] = {}
    for (_prev, state), followers in transitions.items():
        for nxt in followers:
            before.setdefault(nxt, set()).add(state)
    out = {}
    for final in (t for t in tags if t < 0):
        seen: set = set()
        todo = list(before.get(final, ()))
        while todo:
            state = todo.pop()
            if state not in seen:
                seen.add(state)
                todo.extend(before.get(state, ()))
        out[final] = frozenset(seen)
    return out


def german_tagger() -> Any | None:
    """The German HanTa model, loaded once per process (None when HanTa is not installed)."""
    return hanta_tagger("morphmodel_ger.pgz")


@functools.cache
def hanta_tagger(model: str) -> Any | None:
    """A HanTa model shipped in its wheel ('morphmodel_ger.pgz', 'morphmodel_en.pgz'), loaded once per process
    (None when HanTa is not installed)."""
    try:
        from HanTa import HanoverTagger
    except ImportError:
        return None

    class Tagger(HanoverTagger.HanoverTagger):
        def reachable(self) -> None:  # the same sets as HanTa's own, computed faster (see reachability)
            self.reachability = reachability(self.LP_trans, self.int2tag)

    # the model is some 400,000 small dicts, tuples and floats: with the cycle collector on, unpickling it runs
    # collections over the growing heap (about 0.15 s instead of 0.03 s), and every later full collection walks it
    # again. It is built with the collector paused, then frozen out of its reach (it lives as long as the process).
    paused = gc.isenabled()
    gc.disable()
    try:
        tagger = Tagger(model)
    finally:
        if paused:
            gc.enable()
    gc.freeze()
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


# HanTa scores a word it has in its lexicon far above one it can only analyse letter by letter: measured on
# listed nouns and loanwords ('Software', 'Anleihen', 'Fans') the best log-probability lies between -10 and -15,
# on unlisted names and compounds ('Velmarsbach', 'Kolbenfeld') below -22. The bar sits between the two.
LEXICON_LOG_PROB = -16.0
# a proper noun's reading must lead a common noun's by this much: 'Essen' (NE -10.4, NNI -11.6) is both, 'Elbe'
# (NE -11.0, NN -13.7) a river
PROPER_MARGIN = 2.0


@functools.lru_cache(maxsize=ANALYSED_WORDS)
def lexicon_common_noun(word: str) -> bool:
    """Whether HanTa's own lexicon knows a German word as a common noun: its best reading is a noun of one
    listed stem (with an inflection ending at most) and no proper-noun reading comes near ('Anleihen',
    'Software', 'Fans'; not 'Lindenberg', which it can only analyse as 'Linde|n|berg')."""
    tagger = german_tagger()
    if tagger is None or not word[:1].isupper() or len(word) > MAX_WORD_CHARS:
        return False
    readings = tagger.tag_word(word)
    if not readings or readings[0][0] != "NN" or readings[0][1] < LEXICON_LOG_PROB:
        return False
    if any(tag == "NE" and lp > LEXICON_LOG_PROB for tag, lp in readings[1:]):
        return False
    _lemma, morphs, _tag = tagger.analyze(word, taglevel=3)
    return sum(1 for _m, kind in morphs if kind == "NN") == 1


@functools.lru_cache(maxsize=ANALYSED_WORDS)
def lexicon_proper_noun(word: str) -> bool:
    """Whether HanTa's own lexicon knows a German word as a proper noun: its best reading is NE and scores like a
    listed word, and no common noun's reading comes near ('Donau', 'Eifel', 'Schwarzwald', which the German word
    lists also carry as plain entries; not 'Essen' or 'Hof', which are nouns as well)."""
    tagger = german_tagger()
    if tagger is None or not word[:1].isupper() or len(word) > MAX_WORD_CHARS:
        return False
    readings = tagger.tag_word(word)
    if not readings or readings[0][0] != "NE" or readings[0][1] < LEXICON_LOG_PROB:
        return False
    return not any(tag.startswith("NN") and readings[0][1] - lp < PROPER_MARGIN for tag, lp in readings[1:])
