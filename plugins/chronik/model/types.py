"""Typed content objects: what the site, the exports and the build step work with."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .edtf import EDTF


@dataclass(frozen=True, slots=True)
class Source:
    """A verbatim sentence of an article and where it stands (code point offsets, end exclusive)."""

    article: str
    quote: str
    start: int
    end: int
    time_expression: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Words someone said, verbatim, with the sentence they came from."""

    text: str
    speaker: str | None = None
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Relation:
    """The owning entity is `type` of `target` (e.g. founder_of an organisation)."""

    type: str
    target: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure about an entity: 57 bn USD quarterly revenue, dated and sourced."""

    label: str
    value: int | str
    unit: str = ""
    date: EDTF | None = None
    sources: tuple[Source, ...] = ()


@dataclass(slots=True)
class Article:
    id: str
    title: str
    outlet: str
    published: str  # "" when the article states no publication date
    language: str
    text: str
    path: Path
    url: str | None = None
    author: str | None = None
    chrome: tuple[tuple[int, str], ...] = ()  # (1-based line, reason) of dropped page chrome

    def cleaned_lines(self) -> list[tuple[int, int, str]]:
        """Article lines that are not chrome: (1-based line number, start offset, text)."""
        dropped = {line for line, _ in self.chrome}
        rows, offset = [], 0
        for number, line in enumerate(self.text.split("\n"), start=1):
            if number not in dropped:
                rows.append((number, offset, line))
            offset += len(line) + 1
        return rows


@dataclass(slots=True)
class Event:
    id: str
    date: EDTF | None
    title: str
    path: Path
    summary: str = ""
    entities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sources: tuple[Source, ...] = ()
    origin: str = "manual"
    reviewed: bool = False

    def sort_key(self) -> tuple:
        """Chronological, undated last, ties broken by id so the order is stable."""
        if self.date is None:
            return (1, 0, 0, "", self.id)
        return (*self.date.sort_key(), self.id)


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    path: Path
    aliases: tuple[str, ...] = ()
    description: str = ""
    links: tuple[Link, ...] = ()
    relations: tuple[Relation, ...] = ()
    facts: tuple[Fact, ...] = ()
    origin: str = "manual"
    reviewed: bool = False


@dataclass
class Corpus:
    """All content of one content folder, with the lookups every page needs."""

    root: Path
    articles: dict[str, Article] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_entity: dict[str, list[Event]] | None = None
        self._incoming: dict[str, list[tuple[Entity, Relation]]] | None = None

    def events_sorted(self) -> list[Event]:
        """Every event in time order (by EDTF bounds); undated events last."""
        return sorted(self.events.values(), key=Event.sort_key)

    def events_for(self, entity_id: str) -> list[Event]:
        """Events involving an entity, in time order."""
        if self._by_entity is None:
            index: dict[str, list[Event]] = {}
            for event in self.events_sorted():
                for ref in dict.fromkeys(event.entities):
                    index.setdefault(ref, []).append(event)
            self._by_entity = index
        return self._by_entity.get(entity_id, [])

    def relations_to(self, entity_id: str) -> list[tuple[Entity, Relation]]:
        """Relations other entities hold towards this one (the inverse direction)."""
        if self._incoming is None:
            index: dict[str, list[tuple[Entity, Relation]]] = {}
            for entity in self.entities.values():
                for relation in entity.relations:
                    index.setdefault(relation.target, []).append((entity, relation))
            self._incoming = index
        return self._incoming.get(entity_id, [])

    def quotes_by(self, entity_id: str) -> list[tuple[Event, Quote]]:
        """Quotes attributed to an entity, in the time order of their events."""
        return [(event, quote) for event in self.events_sorted() for quote in event.quotes
                if quote.speaker == entity_id]
