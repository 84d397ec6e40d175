"""Data passed between the stages (plain dataclasses; offsets are code points into the article text)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

# 'BERLIN, July 25 (Reuters) -', 'Frankfurt/Main (dpa) -': place, date and agency before the news itself
DATELINE = re.compile(r"^\s*[A-ZÄÖÜ][\w/ .'-]{1,40}?(?:,\s*[\w .]{1,20})?\s*\((?P<agency>[^()]{2,25})\)\s*[-–—]\s*")
# a place and a day without an agency before a colon or a dash ('Melbourne, Jan 27: …', 'BERLIN, 5. März – …')
DATED_DATELINE = re.compile(r"^\s*[A-ZÄÖÜ][\w'.-]*(?: [A-ZÄÖÜ][\w'.-]*){0,2},\s*"
                            r"(?=[^,:–—]*\d)[\w .]{3,20}?\s*(?::|\s[-–—])\s+")


@dataclass
class Line:
    """One line of the article .txt and whether it is page chrome."""

    no: int  # 1-based
    start: int
    end: int
    text: str
    chrome: str | None = None  # reason when dropped
    body_start: int | None = None  # offset where article text starts (after an archive prefix)


@dataclass
class Sentence:
    """A sentence of the kept article text."""

    start: int
    end: int
    text: str
    para: int  # paragraph index
    kind: str = "body"  # body | title | heading
    index: int = 0


@dataclass
class Cleaned:
    """Result of the clean stage."""

    text: str
    lines: list[Line]
    sentences: list[Sentence]
    title: str
    outlet: str
    author: str | None
    published: str | None  # '2026-01-16', '2026-01-16T13:20', '2024-07' (month precision) or None (not found)
    published_date: dt.date | None  # the day of publication when known to the day
    language: str
    published_month: tuple[int, int] | None = None  # (year, month) when known at least to the month
    warnings: list[str] = field(default_factory=list)  # what the user should know (shown, never fatal)

    @property
    def chrome(self) -> list[tuple[int, str]]:
        """(line, reason) of every dropped line."""
        return [(ln.no, ln.chrome) for ln in self.lines if ln.chrome]

    @property
    def body(self) -> list[Sentence]:
        """Body sentences (no title or headings)."""
        return [s for s in self.sentences if s.kind == "body"]


@dataclass
class TimeExpr:
    """A temporal expression found in the text, resolved to EDTF (None when it cannot be resolved)."""

    start: int
    end: int
    text: str
    kind: str
    edtf: str | None
    sentence: int = -1
    unanchored: bool = False  # undated only because the article's publication date is unknown ('am Montag')


@dataclass
class Mention:
    """A surface form of an entity in the text."""

    start: int
    end: int
    text: str
    key: str  # entity key (id)
    sentence: int = -1
    via: str = "name"  # name | demonym | pronoun | coref


@dataclass
class EntityCand:
    """An entity found in the article."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    existing: bool = False  # known from the content folder's entities
    place_key: str | None = None


@dataclass
class Entities:
    """Result of the entity stage."""

    entities: dict[str, EntityCand]
    mentions: list[Mention]

    def _index(self) -> tuple[list[Mention], list[int]]:
        key = (id(self.mentions), len(self.mentions))
        if getattr(self, "_cache_key", None) != key:
            ordered = sorted(self.mentions, key=lambda m: m.start)
            self._cache = (ordered, [m.start for m in ordered])
            self._cache_key = key
        return self._cache

    def sorted_mentions(self) -> tuple[list[Mention], list[int]]:
        """Mentions in text order and their start offsets (for bisection)."""
        return self._index()

    def in_span(self, start: int, end: int) -> list[str]:
        """Entity ids mentioned in [start, end), in order of first mention."""
        ordered, starts = self._index()
        out: list[str] = []
        for k in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            m = ordered[k]
            if m.end <= end and m.key not in out:
                out.append(m.key)
        return out

    def in_sentence(self, index: int) -> list[Mention]:
        """Mentions in one sentence, in text order."""
        if getattr(self, "_by_sent_key", None) != (id(self.mentions), len(self.mentions)):
            by: dict[int, list[Mention]] = {}
            for m in sorted(self.mentions, key=lambda m: m.start):
                by.setdefault(m.sentence, []).append(m)
            self._by_sent = by
            self._by_sent_key = (id(self.mentions), len(self.mentions))
        return self._by_sent.get(index, [])


@dataclass
class SourceRef:
    """Verbatim evidence of a fact."""

    start: int
    end: int
    quote: str
    time_expression: str | None = None


@dataclass
class QuoteCand:
    """Quoted words and who said them."""

    text: str
    speaker: str | None
    sentence: int
    start: int
    end: int


@dataclass
class EventCand:
    """An event found in the article."""

    id: str
    date: str | None
    title: str
    summary: str
    entities: list[str]
    sources: list[SourceRef]
    sentence: int
    quotes: list[QuoteCand] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    id_basis: str = ""  # the text the id is made from (the sentence-start title), so ids survive title rules


@dataclass
class RelationCand:
    """A typed link between two entities."""

    source: str
    type: str
    target: str
    evidence: SourceRef


@dataclass
class FactCand:
    """A figure (money, percentage, duration) attached to an entity."""

    entity: str
    label: str
    value: int | str
    unit: str | None
    date: str | None
    evidence: SourceRef
