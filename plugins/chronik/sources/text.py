"""An article's cleaned text cut into pieces, so every extracted span can be highlighted and linked.

Pure functions, no MkDocs: claims (character ranges with an anchor and a target)
and an article in, paragraphs of pieces out. Overlapping and identical ranges are
allowed: each piece knows which claims cover it, each claim gets its anchor before
its first piece and its link after its last one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from chronik.model import Article, Corpus, Entity, Event

from ..site import anchors


@dataclass(frozen=True)
class Claim:
    """A range of the article text [start, end) that produced something: event, quote, relation or figure."""

    start: int
    end: int
    anchor: str  # element id on the source page
    kind: str  # event | quote | relation | fact
    target: tuple[str, str, str | None]  # (kind, key, anchor) for SiteContext.href
    # What the link leads to (e.g. the event's title), read when the page is rendered, not when pages are
    # planned: the preview's dependency tracking sees the read, and an in-place edit shows here.
    describe: str | Callable[[], str] = field(compare=False)

    @property
    def title(self) -> str:
        return self.describe() if callable(self.describe) else self.describe


@dataclass
class Piece:
    text: str
    claims: list[Claim] = field(default_factory=list)  # covering this piece
    anchors: list[str] = field(default_factory=list)  # claims starting here
    ends: list[Claim] = field(default_factory=list)  # claims ending here

    @property
    def kinds(self) -> str:
        """Kinds of the covering claims ('event quote'), for styling."""
        return " ".join(dict.fromkeys(c.kind for c in self.claims))


@dataclass
class Paragraph:
    line: int
    pieces: list[Piece]


def citing_by_article(corpus: Corpus) -> dict[str, list[Event | Entity]]:
    """The events and entities citing each article (each once, in corpus order): all an article's claims need,
    at a reference each; the claims themselves are made when its page is rendered (:func:`claims_of`)."""
    out: dict[str, dict[int, Event | Entity]] = {}
    for event in corpus.events.values():
        for source in (*event.sources, *(q.source for q in event.quotes if q.source is not None)):
            out.setdefault(source.article, {})[id(event)] = event
    for entity in corpus.entities.values():
        for sources in (*(r.sources for r in entity.relations), *(f.sources for f in entity.facts)):
            for source in sources:
                out.setdefault(source.article, {})[id(entity)] = entity
    return {article: list(items.values()) for article, items in out.items()}


def claims_of(article_id: str, citing: list[Event | Entity]) -> list[Claim]:
    """Every sourced range of one article, from the events and entities citing it, sorted by position."""
    claims: list[Claim] = []

    def add(source, anchor: str, kind: str, target: tuple[str, str, str | None],
            describe: Callable[[], str]) -> None:
        if source.article == article_id:
            claims.append(Claim(source.start, source.end, anchor, kind, target, describe))

    for item in citing:
        if isinstance(item, Event):
            _event_claims(item, add)
        else:
            _entity_claims(item, add)
    claims.sort(key=lambda c: (c.start, -c.end, c.anchor))
    return claims


def _event_claims(event: Event, add: Callable[..., None]) -> None:
    for i, src in enumerate(event.sources):
        add(src, anchors.event_source(event.id, i), "event", ("event", event.id, None), lambda e=event: e.title)
    for i, quote in enumerate(event.quotes):
        if quote.source is not None:
            add(quote.source, anchors.quote_source(event.id, i), "quote",
                ("event", event.id, anchors.quote(event.id, i)), lambda e=event, i=i: e.quotes[i].text)


def _entity_claims(entity: Entity, add: Callable[..., None]) -> None:
    for i, rel in enumerate(entity.relations):
        for j, src in enumerate(rel.sources):
            add(src, anchors.relation_source(entity.id, i, j), "relation",
                ("entity", entity.id, anchors.relation(i)), lambda x=entity: x.name)
    for i, fact in enumerate(entity.facts):
        for j, src in enumerate(fact.sources):
            add(src, anchors.fact_source(entity.id, i, j), "fact",
                ("entity", entity.id, anchors.fact(i)),
                lambda x=entity, i=i: f"{x.name}: {x.facts[i].label}")


def claims_by_article(corpus: Corpus) -> dict[str, list[Claim]]:
    """Every sourced range in the corpus, grouped by article and sorted by position."""
    return {article: claims_of(article, citing) for article, citing in citing_by_article(corpus).items()}


def paragraphs(article: Article, claims: list[Claim]) -> list[Paragraph]:
    """The article's lines without page chrome (kept when a claim lies in it), cut at claim bounds."""
    chrome = {line for line, _ in article.chrome}
    result: list[Paragraph] = []
    shown: set[str] = set()
    offset = 0
    for number, line in enumerate(article.text.split("\n"), start=1):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        local = [c for c in claims if c.start < end and c.end > start]
        if number in chrome and not local:
            continue
        cuts = sorted({start, end, *(c.start for c in local if start < c.start < end),
                       *(c.end for c in local if start < c.end < end)})
        pieces = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            covering = [c for c in local if c.start <= a and c.end >= b]
            starting = [c.anchor for c in covering if c.anchor not in shown]
            shown.update(starting)
            pieces.append(Piece(article.text[a:b], covering, starting, [c for c in covering if c.end == b]))
        if pieces:
            result.append(Paragraph(number, pieces))
    return result
