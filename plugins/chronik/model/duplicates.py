"""Is it the same happening? Conservative likeness of two events told by different articles, in any language.

Two events are taken for one when all three agree:
- their dates are compatible (the spans overlap; a vague date such as a bare year or an open interval does not
  count as agreement on its own, see `_dates_agree`);
- they share entities: at least two, at least one of them not a place (places are what many stories share);
- what they say agrees: a figure or a model or product code appears in both sources (figures and codes are the
  same in German and English: '25 %', '25 percent', 'H200'), both speak of one kind of happening (a listing:
  'Börsengang' / 'debut'; kinds and their words are data in happenings.yaml), or, in one language, several
  content words agree.
Two events that both name model or product codes but share none speak of different things ('R1' and '910C'),
whatever else they share.
Used by the build step to merge a new article's events into events other articles told, and by the validator
to warn about likely duplicates that remain.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .edtf import EDTF, EDTFError, parse_edtf

if TYPE_CHECKING:
    from .types import Corpus

# a figure: digits with , or . inside (1,5 / 1.500 / 14.76); years are dropped below, they restate the date
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# a code: letters and digits in one token (H200, R2, 910C, RTX6000D)
_CODE = re.compile(r"\b(?=[^\W\d_]*\d)(?=\d*[^\W\d_])[^\W_]{2,}\b")
_AMOUNT = re.compile(r"\d+[^\W\d_]{2,}")  # '619mil', '5bn', '4th': a figure with its unit, not a code
_WORD = re.compile(r"[^\W\d_]{6,}")
PLACE_TYPES = frozenset({"place"})
_HAPPENINGS = Path(__file__).with_name("happenings.yaml")


@cache
def _kind_patterns() -> dict[str, re.Pattern]:
    """Each kind of happening as one pattern over its word beginnings (happenings.yaml)."""
    kinds = yaml.safe_load(_HAPPENINGS.read_text(encoding="utf-8"))
    return {kind: re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                             + ")", re.IGNORECASE) for kind, words in kinds.items()}


def happening_kinds(text: str) -> frozenset[str]:
    """The kinds of happening a text speaks of ('listing' for 'Börsengang' or 'debut')."""
    folded = _fold(text)
    return frozenset(kind for kind, pattern in _kind_patterns().items() if pattern.search(folded))


@dataclass(frozen=True)
class Signature:
    """What compares events: when, who, and the figures, codes and words of their sources."""

    ident: str
    date: EDTF | None
    entities: frozenset[str]
    figures: frozenset[str]
    codes: frozenset[str]
    words: frozenset[str]
    articles: frozenset[str]
    kinds: frozenset[str] = frozenset()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _figures(text: str) -> set[str]:
    out = set()
    for raw in _NUMBER.findall(text):
        digits = raw.replace(",", ".")
        if re.fullmatch(r"(19|20)\d\d", digits):
            continue  # a year: the dates compare that
        parts = digits.split(".")
        if len(parts) > 2 or (len(parts) == 2 and len(parts[1]) == 3):  # 1.500.000 / 1.500: thousands
            digits = "".join(parts)
        number = digits.rstrip("0").rstrip(".") if "." in digits else digits
        if number not in ("0", "1"):  # 'ein', 'one' … too common to tell anything
            out.add(number)
    return out


def signature(ident: str, date: str | EDTF | None, entities: Iterable[str], texts: Iterable[str],
              articles: Iterable[str]) -> Signature:
    """An event's signature from its date, entity ids and the texts of its sources (quotes, title)."""
    if isinstance(date, str):
        try:
            date = parse_edtf(date)
        except EDTFError:
            date = None
    text = " ".join(texts)
    folded = _fold(text)
    codes = {_fold(c) for c in _CODE.findall(text) if not _AMOUNT.fullmatch(c)}
    return Signature(ident, date, frozenset(entities), frozenset(_figures(text)), frozenset(codes),
                     frozenset(_WORD.findall(folded)), frozenset(articles), happening_kinds(text))


def _span(date: EDTF) -> tuple | None:
    if date.lower is None or date.upper is None:
        return None
    return date.lower, date.upper


OPEN_NEAR_DAYS = 62  # 'recently, before 16 January' agrees with a date at most two months before that bound


def _open_agrees(open_date: EDTF, other: EDTF) -> bool:
    """An open interval ('bis 16. Januar', 'seit Januar') agrees with a bounded date near its one bound."""
    if other.open_start or other.open_end or other.lower is None or other.upper is None:
        return open_date.text == other.text
    if open_date.open_start and open_date.upper is not None:
        return other.upper <= open_date.upper and (open_date.upper - other.lower).days <= OPEN_NEAR_DAYS
    if open_date.open_end and open_date.lower is not None:
        return other.lower >= open_date.lower and (other.upper - open_date.lower).days <= OPEN_NEAR_DAYS
    return False


def _dates_agree(a: EDTF | None, b: EDTF | None) -> bool:
    """Both dated, the spans overlap, and at least one is as precise as a month (a year alone says little)."""
    if a is None or b is None:
        return False
    if a.open_start or a.open_end:
        return _open_agrees(a, b)
    if b.open_start or b.open_end:
        return _open_agrees(b, a)
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None or sa[0] > sb[1] or sb[0] > sa[1]:
        return False
    return min((sa[1] - sa[0]).days, (sb[1] - sb[0]).days) <= 31


def shared_entities(a: Signature, b: Signature, types: Mapping[str, str]) -> tuple[int, int]:
    """(entities both events name, of which not places)."""
    both = a.entities & b.entities
    return len(both), sum(1 for e in both if types.get(e) not in PLACE_TYPES)


def same_happening(a: Signature, b: Signature, types: Mapping[str, str], strict: bool = True) -> bool:
    """The rule in the module's docstring; events of one article are never one happening.

    strict (merging): a shared figure, code or kind of happening, or three shared content words with two shared
    entities that are not places. Not strict (a warning for a person to look at): two shared entities that are
    not places suffice when both dates are as precise as a month."""
    if a.articles & b.articles or not _dates_agree(a.date, b.date):
        return False
    count, not_places = shared_entities(a, b, types)
    if count < 2 or not_places < 1 or (a.codes and b.codes and not a.codes & b.codes):
        return False
    evidence = len(a.figures & b.figures) + len(a.codes & b.codes) + len(a.kinds & b.kinds)
    if evidence >= 1 or (not_places >= 2 and len(a.words & b.words) >= 3):
        return True
    return not strict and not_places >= 2 and _precise(a.date) and _precise(b.date)


def _precise(date: EDTF | None) -> bool:
    """A closed date of a month or less ('2025-12', '2025-12-08'; not '2025', an open interval or an uncertain
    date the extractor only inferred from the story, '2025-12-08?')."""
    return (date is not None and not date.uncertain and _span(date) is not None
            and (date.upper - date.lower).days <= 31)


def best_match(sig: Signature, candidates: Iterable[tuple[Signature, ...]],
               types: Mapping[str, str]) -> Signature | None:
    """The candidate most like sig among those that pass `same_happening` (most shared entities, then codes).

    A candidate is an event as each of its articles told it: sig must be the same happening as every one."""
    scored = []
    for told in candidates:
        other = told[0]
        if told and all(same_happening(sig, version, types) for version in told):
            count, not_places = shared_entities(sig, other, types)
            scored.append((-not_places, -count, -len(sig.codes & other.codes), -len(sig.figures & other.figures),
                           other.ident, other))
    return min(scored, key=lambda x: x[:5])[5] if scored else None


def _window(date: EDTF | None) -> tuple | None:
    """The days an event can share with another (open intervals: the stretch near their bound)."""
    if date is None:
        return None
    near = dt.timedelta(days=OPEN_NEAR_DAYS)
    if date.open_start and date.upper is not None:
        return date.upper - near, date.upper
    if date.open_end and date.lower is not None:
        return date.lower, date.lower + near
    return (date.lower, date.upper) if date.lower and date.upper else None


def similar_pairs(sigs: list[Signature], types: Mapping[str, str]) -> list[tuple[Signature, Signature]]:
    """Every pair of signatures that `same_happening` takes for one (a sweep over dates, not all pairs)."""
    dated = sorted(((w, s) for s in sigs if (w := _window(s.date)) is not None), key=lambda x: (x[0][0], x[1].ident))
    pairs = []
    for i, (window, sig) in enumerate(dated):
        for other_window, other in dated[i + 1:]:
            if other_window[0] > window[1]:
                break
            if len(sig.entities & other.entities) >= 2 and same_happening(sig, other, types, strict=False):
                pairs.append((sig, other))
    return pairs


def duplicate_warnings(corpus: Corpus) -> list[str]:
    """Warnings for `chronik validate`: likely duplicate events, and an entity listed twice in one event."""
    from .loader import display_path

    types = {ident: entity.type for ident, entity in corpus.entities.items()}
    events = {ev.id: ev for ev in corpus.events.values()}
    warnings = []
    for ev in events.values():
        twice = sorted({e for e in ev.entities if ev.entities.count(e) > 1})
        if twice:
            warnings.append(f"{display_path(ev.path)}: entities: {', '.join(repr(e) for e in twice)} listed twice")
    sigs = [signature(ev.id, ev.date, ev.entities, [s.quote for s in ev.sources] + [ev.title],
                      [s.article for s in ev.sources]) for ev in events.values()]
    for a, b in similar_pairs(sigs, types):
        shared = ", ".join(sorted(a.entities & b.entities))
        warnings.append(f"{display_path(events[a.ident].path)}: likely the same happening as "
                        f"{display_path(events[b.ident].path)} (dates {a.date} and {b.date}; both name {shared}); "
                        f"merge them with `chronik merge`, or keep both")
    return warnings
