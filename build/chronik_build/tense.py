"""Tense of a German sentence from HanTa's morphological analysis (the tagger the entity stage already loads):
whether it tells something past (preterite, perfect, pluperfect) or only states the present ('Laut X liegt die
Entwicklung im Rahmen der Erwartungen'). Without HanTa installed nothing is known (None)."""

from __future__ import annotations

import functools
import re

from .tagger import MAX_WORD_CHARS, german_tagger

WORD = re.compile(r"\w+(?:-\w+)*|[^\w\s]")
WEAK_PAST = {"te", "ten", "test", "tet"}  # 'sagte', 'kauften'
# auxiliaries HanTa marks as irregular stems: only these forms of them are past
AUX_PAST = {"sei": ("war",), "werd": ("wurd", "ward"), "hab": ("hatt",)}
PERFECT_AUX = {"hab", "sei"}  # 'hat … verkauft', 'ist … gestiegen', 'seien … gewachsen'
TAGGERS = {"de": german_tagger}  # the languages whose tagger model analyses verb forms this way


def _finite_is_past(word: str, lemma: str, morphs: list[tuple[str, str]]) -> bool:
    """A finite verb in a past tense: a weak '-te' ending, an irregular auxiliary's past form, or a strong
    verb's changed stem without a present ending ('kam', 'stiegen'; not 'gibt', 'nimmt')."""
    if lemma in AUX_PAST:
        return word.lower().startswith(AUX_PAST[lemma])
    suffix = next((m for m, kind in morphs if kind == "SUF_FIN"), "")
    if suffix in WEAK_PAST:
        return True
    return any(kind.endswith("_VAR") for _m, kind in morphs) and suffix not in ("t", "st")


@functools.lru_cache(maxsize=4096)
def _finite_verbs(sentence: str, lang: str) -> tuple[list[tuple[str, str, list]], bool] | None:
    """The finite verbs of a sentence (word, lemma, morphemes) and whether it has a participle; None without a
    tagger for its language."""
    tagger = TAGGERS[lang]() if lang in TAGGERS else None
    if tagger is None:
        return None
    words = [w if len(w) <= MAX_WORD_CHARS else "Xxx" for w in WORD.findall(sentence)]
    analysed = tagger.tag_sent(words, taglevel=3) if words else []
    finite = [(w, lemma, morphs) for w, lemma, morphs, tag in analysed if tag.endswith("(FIN)")]
    return finite, any(tag.endswith("(PP)") for *_rest, tag in analysed)


def has_finite_verb(sentence: str, lang: str) -> bool | None:
    """Whether a sentence has a finite verb ('Schon morgen in Kiel.' has none); None without a tagger."""
    found = _finite_verbs(sentence, lang)
    return None if found is None else bool(found[0])


def tells_past(sentence: str, lang: str) -> bool | None:
    """Whether a sentence tells a past happening (None without a tagger for its language or a finite verb)."""
    found = _finite_verbs(sentence, lang)
    if not found or not found[0]:
        return None
    finite, participle = found
    return any(_finite_is_past(w, lemma, morphs) or participle and lemma in PERFECT_AUX
               for w, lemma, morphs in finite)


ENGLISH_PLUPERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+|not\s+|never\s+|already\s+|also\s+)?(?:been\s+)?"
                                r"\w+(?:ed|en|wn|ght|id|ne|un|ck|ft|lt|pt|st|ng)\b")


def tells_pluperfect(sentence: str, lang: str) -> bool:
    """Whether a sentence is told in the pluperfect ('2002 hatte der Klub den Titel gewonnen', 'had won'): a
    flashback before the story's time."""
    if lang == "en":
        return bool(ENGLISH_PLUPERFECT.search(sentence))
    found = _finite_verbs(sentence, lang)
    if not found or not found[0] or not found[1]:
        return False
    return any(lemma in PERFECT_AUX and _finite_is_past(w, lemma, morphs) for w, lemma, morphs in found[0])
