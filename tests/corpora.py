"""The test corpora, as data: the harness's CorpusBuilder writes them (``.small()``, ``.exports()``,
``.explorer()``), and the tests import the ids, texts and configurations they assert on.

- small: every page of the site (date precisions and qualifiers, an undated event, relations, facts, quotes,
  a type without a label, optionally hostile HTML), with the inline mkdocs.yml of the site tests;
- exports: two articles and every kind of date for the JSON, ICS, Atom, CSV and TimelineJS exports, with a
  mkdocs.yml holding only the exports plugin;
- explorer: the explorer's lanes and zoom (every precision, entities of every type, extra day events).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chronik.model import load_content

if TYPE_CHECKING:
    from harness import CorpusBuilder


def source(sentence: str, text: str, article: str) -> dict[str, Any]:
    """A source dict citing the first occurrence of ``sentence`` in the article ``text``."""
    start = text.index(sentence)
    return {"article": article, "quote": sentence, "start": start, "end": start + len(sentence)}


# -- small ------------------------------------------------------------------------------------------------------

SMALL_ARTICLE_ID = "2026-01-16-beispiel"
SMALL_TEXT = """Menü Start Märkte
Chinas KI-Hoffnungen stoßen an Grenzen

Führende Forscher in China äußern Zweifel. Das Problem sind Computerchips.
„Die Wahrheit ist vielleicht, dass der Abstand tatsächlich größer wird“, sagte Tang Jie, Gründer von Zhipu.
Nvidia stellte im Januar seine neue Rubin-Hardware vor.
Im Herbst 2025 bemühten sich Firmen um Blackwell-Chips.
Vom 10. bis 11. Januar 2026 tagte eine Konferenz in Peking.
Bis zum 16. Januar 2026 blieb der Verkauf verboten.
Zhipu meldete einen Umsatz von 3.5 Milliarden Yuan.
Ein Titel <script>alert(1)</script> steht hier.
Cookie-Hinweis akzeptieren
"""


def _small_source(sentence: str) -> dict[str, Any]:
    return source(sentence, SMALL_TEXT, SMALL_ARTICLE_ID)


def small(corpus: CorpusBuilder, *, xss: bool = True) -> None:
    """A corpus exercising every page: precisions, qualifiers, an undated event, relations, facts, quotes."""
    corpus.article(SMALL_ARTICLE_ID, SMALL_TEXT, **{
        "title": "Chinas KI-Hoffnungen stoßen an Grenzen", "outlet": "Cointelegraph",
        "url": "https://example.org/artikel", "published": "2026-01-16T13:20", "language": "de",
        "chrome": [{"line": 1, "reason": "menu"}, {"line": 12, "reason": "cookie"}],
    })
    quote_sentence = "„Die Wahrheit ist vielleicht, dass der Abstand tatsächlich größer wird“"
    ev = {
        "tang-jie-warnt": {
            "date": "2026-01-10", "title": "Tang Jie warnt vor wachsendem Abstand",
            "summary": "Der Zhipu-Gründer sieht China zurückfallen.", "entities": ["tang-jie", "zhipu"],
            "tags": ["ki", "china"],
            "quotes": [{"speaker": "tang-jie",
                        "text": "Die Wahrheit ist vielleicht, dass der Abstand tatsächlich größer wird",
                        "source": _small_source(quote_sentence)}],
            "sources": [_small_source("„Die Wahrheit ist vielleicht, dass der Abstand tatsächlich größer wird“, "
                               "sagte Tang Jie, Gründer von Zhipu.")],
        },
        "nvidia-rubin": {"date": "2026-01", "title": "Nvidia stellt Rubin vor",
                         "entities": ["nvidia", "rubin"], "tags": ["chips"],
                         "sources": [_small_source("Nvidia stellte im Januar seine neue Rubin-Hardware vor.")]},
        "blackwell-suche": {"date": "2025-23", "title": "Suche nach Blackwell-Chips", "entities": ["nvidia"],
                            "tags": ["chips", "china"],
                            "sources": [_small_source("Im Herbst 2025 bemühten sich Firmen um Blackwell-Chips.")]},
        "konferenz-peking": {"date": "2026-01-10/2026-01-11", "title": "Konferenz in Peking",
                             "entities": ["peking", "tang-jie"],
                             "sources": [_small_source("Vom 10. bis 11. Januar 2026 tagte eine Konferenz in Peking.")]},
        "verkaufsverbot": {"date": "../2026-01-16", "title": "Verkaufsverbot gilt", "entities": ["nvidia"],
                           "sources": [_small_source("Bis zum 16. Januar 2026 blieb der Verkauf verboten.")]},
        "fruehjahr": {"date": "2026-21", "title": "Im Frühjahr erwartet", "origin": "manual",
                      "entities": ["nvidia"]},
        "ungefaehr": {"date": "2024~", "title": "Ungefähr datiertes Ereignis", "origin": "manual"},
        "unsicher": {"date": "2023-05?", "title": "Unsicher datiertes Ereignis", "origin": "manual"},
        "ohne-datum": {"date": None, "title": "Ereignis ohne Datum", "origin": "manual", "entities": ["zhipu"]},
    }
    if xss:
        ev["xss-titel"] = {"date": "2022-03-04", "title": "<script>alert(1)</script>",
                           "summary": "Zusammenfassung mit <b>Tags</b> & Zeichen", "origin": "manual",
                           "entities": ["zhipu"],
                           "sources": [_small_source("Ein Titel <script>alert(1)</script> steht hier.")]}
    for event_id, data in ev.items():
        corpus.event(event_id, **data)
    ent = {
        "tang-jie": {"name": "Tang Jie", "type": "person", "description": "Gründer von Zhipu.",
                     "relations": [{"type": "founder_of", "target": "zhipu",
                                    "sources": [_small_source("Tang Jie, Gründer von Zhipu")]}]},
        "zhipu": {"name": "Zhipu", "type": "organization", "aliases": ["Zhipu AI"],
                  "links": [{"title": "Website", "url": "https://example.org/zhipu"}],
                  "facts": [{"label": "Umsatz", "value": "3.5", "unit": "Mrd. CNY", "date": "2025",
                             "sources": [_small_source("Zhipu meldete einen Umsatz von 3.5 Milliarden Yuan.")]}]},
        "nvidia": {"name": "Nvidia", "type": "organization"},
        "rubin": {"name": "Rubin", "type": "product",
                  "relations": [{"type": "made_by", "target": "nvidia", "sources": []}]},
        "peking": {"name": "Peking", "type": "place"},
        "ces": {"name": "CES", "type": "trade_fair", "description": "Eine Messe (ein Typ ohne eigene Bezeichnung)."},
    }
    if xss:
        ent["boese"] = {"name": "<img src=x onerror=alert(2)>", "type": "organization",
                        "description": "</script><script>alert(3)</script>"}
    for entity_id, data in ent.items():
        corpus.entity(entity_id, **data)


_SMALL_MKDOCS_YML = """\
site_name: Testchronik
site_url: https://example.org/chronik/
docs_dir: content/pages
theme:
  name: material
  language: {language}
  font: false
nav:
  - Start: index.md
  - Zeitleiste: timeline/index.md
  - Akteure: entities/index.md
  - Quellen: sources/index.md
plugins:
  - search
  - chronik-site
  - chronik-timeline:
      max_events_per_page: {max_events}
  - chronik-entities:
      index_per_type: {index_per_type}
  - chronik-sources
  - chronik-home
  - chronik-events
  - chronik-tags
"""


def small_config(*, language: str = "de", max_events: int = 1000, index_per_type: int = 100, extra: str = "") -> str:
    """The site tests' own mkdocs.yml: the site plugins over content/ (its pages as docs), German by default;
    ``extra`` is appended (``use_directory_urls: false``, say)."""
    return _SMALL_MKDOCS_YML.format(language=language, max_events=max_events, index_per_type=index_per_type) + extra


# -- exports ----------------------------------------------------------------------------------------------------

EXPORTS_SITE_URL = "https://user.github.io/chronik-repo/"
EVIL_TITLE = "<script>alert(1)</script> Zhipu & Partner"
ARTICLE_1 = (
    "Startseite | Menü\n"
    "Zhipu kündigte im Herbst 2025 den Börsengang an. "
    "Am 16. Januar 2026 begann der Handel in Hongkong. "
    "Tang Jie sagte: \"Wir sind bereit.\" "
    "Im Januar 2026 stieg der Kurs um 3,5 Prozent.\n"
)
ARTICLE_2 = (
    "MiniMax plante zwischen dem 10. und 11. Januar 2026 eine Konferenz. "
    "Vor dem 16. Januar 2026 wurden Aktien gezeichnet. "
    "Das Unternehmen wurde 2021 gegründet. "
    "Im ersten Quartal 2026 soll ein Modell erscheinen. "
    "Der Zeitpunkt der Übernahme ist unbekannt.\n"
)


def _span(text: str, sentence: str, article: str, time_expression: str | None = None) -> dict[str, Any]:
    start = text.index(sentence)
    source: dict[str, Any] = {"article": article, "quote": sentence, "start": start,
                              "end": start + len(sentence)}
    if time_expression:
        source["time_expression"] = time_expression
    return source


def _exports_events() -> dict[str, dict[str, Any]]:
    a1, a2 = "2026-01-16-zhipu", "2026-01-17-minimax"
    return {
        "zhipu-ipo-announced": {
            "date": "2025-23", "title": "Zhipu kündigt Börsengang an",
            "summary": "Ankündigung, \"mit Anführungszeichen\", Kommas; und\nZeilenumbruch.",
            "entities": ["zhipu"], "tags": ["ipo"],
            "sources": [_span(ARTICLE_1, "Zhipu kündigte im Herbst 2025 den Börsengang an.", a1,
                              "im Herbst 2025")],
            "origin": "extracted"},
        "zhipu-trading-starts": {
            "date": "2026-01-16", "title": EVIL_TITLE,
            "summary": "Handel beginnt <b>fett</b> & \"sicher\"",
            "entities": ["zhipu", "tang-jie"], "tags": ["ipo", "boerse"],
            "quotes": [{"speaker": "tang-jie", "text": "Wir sind bereit.",
                        "source": _span(ARTICLE_1, "Tang Jie sagte: \"Wir sind bereit.\"", a1)}],
            "sources": [_span(ARTICLE_1, "Am 16. Januar 2026 begann der Handel in Hongkong.", a1,
                              "Am 16. Januar 2026")],
            "origin": "extracted", "reviewed": True},
        "zhipu-share-price-rises": {
            "date": "2026-01~", "title": "Kurs steigt um 3,5 Prozent", "entities": ["zhipu"],
            "sources": [_span(ARTICLE_1, "Im Januar 2026 stieg der Kurs um 3,5 Prozent.", a1)],
            "origin": "extracted"},
        "minimax-conference": {
            "date": "2026-01-10/2026-01-11", "title": "MiniMax-Konferenz", "entities": ["minimax"],
            "sources": [_span(ARTICLE_2, "MiniMax plante zwischen dem 10. und 11. Januar 2026 eine "
                              "Konferenz.", a2)],
            "origin": "extracted"},
        "minimax-subscription": {
            "date": "../2026-01-16", "title": "Aktien gezeichnet", "entities": ["minimax"],
            "sources": [_span(ARTICLE_2, "Vor dem 16. Januar 2026 wurden Aktien gezeichnet.", a2)],
            "origin": "extracted"},
        "minimax-listing-open": {
            "date": "2026-01/..", "title": "MiniMax gelistet, seitdem offen", "entities": ["minimax"],
            "origin": "manual"},
        "minimax-founded": {
            "date": "2021", "title": "MiniMax gegründet", "entities": ["minimax"],
            "sources": [_span(ARTICLE_2, "Das Unternehmen wurde 2021 gegründet.", a2)],
            "origin": "extracted"},
        "minimax-model-q1": {
            "date": "2026-33?", "title": "Neues Modell im ersten Quartal", "entities": ["minimax"],
            "sources": [_span(ARTICLE_2, "Im ersten Quartal 2026 soll ein Modell erscheinen.", a2)],
            "origin": "extracted"},
        "zhipu-press-call": {
            "date": "2026-01-16T13:20:00+01:00", "title": "Pressekonferenz um 13:20",
            "entities": ["zhipu"], "origin": "manual"},
        "takeover-undated": {
            "date": None, "title": "Übernahme (Datum unbekannt)", "entities": ["minimax", "zhipu"],
            "sources": [_span(ARTICLE_2, "Der Zeitpunkt der Übernahme ist unbekannt.", a2)],
            "origin": "extracted"},
    }


def exports(corpus: CorpusBuilder) -> None:
    """The exports' tiny content tree: every kind of date, an undated event, hostile text, quotes, relations,
    facts (it validates)."""
    articles = {
        "2026-01-16-zhipu": (ARTICLE_1, {
            "title": "Zhipu geht an die Börse & mehr", "outlet": "Beispiel-Zeitung",
            "url": "https://example.org/zhipu?a=1&b=2", "published": "2026-01-16T13:20",
            "language": "de", "author": "A. Autor", "chrome": [{"line": 1, "reason": "menu"}]}),
        "2026-01-17-minimax": (ARTICLE_2, {
            "title": "MiniMax plant", "outlet": "Example News",
            "published": "2026-01-17", "language": "de"}),
    }
    for article_id, (text, meta) in articles.items():
        corpus.article(article_id, text, **meta)
    entities = {
        "zhipu": {"name": "Zhipu AI", "type": "organization", "aliases": ["Zhipu"],
                  "description": "KI-Firma <i>aus</i> Peking & mehr",
                  "links": [{"title": "Website", "url": "https://example.org/zhipu"}],
                  "facts": [{"label": "Kursanstieg", "value": "3.5", "unit": "percent", "date": "2026-01",
                             "sources": [_span(ARTICLE_1, "Im Januar 2026 stieg der Kurs um 3,5 Prozent.",
                                               "2026-01-16-zhipu")]}],
                  "origin": "manual"},
        "tang-jie": {"name": "Tang Jie", "type": "person",
                     "relations": [{"type": "founder_of", "target": "zhipu"}], "origin": "manual"},
        "minimax": {"name": "MiniMax", "type": "organization", "origin": "manual"},
        "hongkong": {"name": "Hongkong", "type": "place", "origin": "manual"},  # no events
    }
    for entity_id, data in entities.items():
        corpus.entity(entity_id, **data)
    for event_id, data in _exports_events().items():
        corpus.event(event_id, **data)
    _, problems = load_content(corpus.root)
    assert not problems, "\n".join(map(str, problems))


_EXPORTS_MKDOCS_YML = """\
site_name: "Chronik Test & <Co>"
site_url: {site_url}
docs_dir: content/pages
theme:
  name: material
  language: de
plugins:
  - chronik-exports
"""
# The exports site's home page (content/pages/index.md): it links every export.
EXPORTS_HOME = ("# Test\n\n[Ereignisse als JSON](data/events.json) · [Kalender](events.ics) · "
                "[Feed](events.atom) · [CSV](events.csv) · [TimelineJS](data/timeline.json)\n")


def exports_config(site_url: str = EXPORTS_SITE_URL, extra: str = "") -> str:
    """A mkdocs.yml with only the exports plugin (over content/, its pages as docs); ``extra`` is appended."""
    return _EXPORTS_MKDOCS_YML.format(site_url=site_url) + extra


# -- explorer ---------------------------------------------------------------------------------------------------

EXPLORER_ARTICLE_ID = "2026-01-16-testzeitung-ki-chips"
EXPLORER_TEXT = (
    "Chinas KI-Hoffnungen stoßen an Grenzen.\n\n"
    "Zhipu wurde von Tang Jie gegründet. "
    "Im Herbst 2025 stellte Zhipu das Modell GLM-4 vor. "
    "Nvidia-Chef Jensen Huang sprach im Januar 2026 über Exportregeln. "
    "Huawei kündigte am 10. und 11. Januar 2026 neue Chips an. "
    "Bis zum 16. Januar 2026 galt ein Exportstopp der USA. "
    "Seit Februar 2026 investiert China in eigene Rechenzentren.\n"
)

EXPLORER_ENTITIES: dict[str, dict[str, Any]] = {
    "zhipu": {
        "name": "Zhipu AI",
        "type": "organization",
        "aliases": ["Zhipu"],
        "description": "KI-Unternehmen aus Peking.",
    },
    "tang-jie": {"name": "Tang Jie", "type": "person", "relations": [{"type": "founder_of", "target": "zhipu"}]},
    "nvidia": {"name": "Nvidia", "type": "organization"},
    "jensen-huang": {"name": "Jensen Huang", "type": "person", "relations": [{"type": "ceo_of", "target": "nvidia"}]},
    "huawei": {"name": "Huawei", "type": "organization", "relations": [{"type": "located_in", "target": "china"}]},
    "glm-4": {"name": "GLM-4", "type": "product", "relations": [{"type": "made_by", "target": "zhipu"}]},
    "china": {"name": "China", "type": "place"},
    "usa": {"name": "Vereinigte Staaten", "type": "place", "aliases": ["USA"]},
}

#: (id, date, title, entities, tags, sentence of the article used as source)
EXPLORER_EVENTS: list[tuple[str, str | None, str, list[str], list[str], str]] = [
    (
        "zhipu-gegruendet",
        "2019",
        "Zhipu gegründet",
        ["zhipu", "tang-jie"],
        ["gruendung"],
        "Zhipu wurde von Tang Jie gegründet.",
    ),
    (
        "glm-4-vorgestellt",
        "2025-23",
        "Zhipu stellt GLM-4 vor",
        ["zhipu", "glm-4"],
        ["modell"],
        "Im Herbst 2025 stellte Zhipu das Modell GLM-4 vor.",
    ),
    (
        "huang-exportregeln",
        "2026-01",
        "Jensen Huang über Exportregeln",
        ["jensen-huang", "nvidia", "usa"],
        ["export"],
        "Nvidia-Chef Jensen Huang sprach im Januar 2026 über Exportregeln.",
    ),
    (
        "huawei-chips",
        "2026-01-10/2026-01-11",
        "Huawei kündigt Chips an",
        ["huawei", "china"],
        ["chips"],
        "Huawei kündigte am 10. und 11. Januar 2026 neue Chips an.",
    ),
    (
        "exportstopp-usa",
        "../2026-01-16",
        "Exportstopp der USA",
        ["usa", "nvidia"],
        ["export", "chips"],
        "Bis zum 16. Januar 2026 galt ein Exportstopp der USA.",
    ),
    (
        "china-rechenzentren",
        "2026-02/..",
        "China investiert in Rechenzentren",
        ["china"],
        ["infrastruktur"],
        "Seit Februar 2026 investiert China in eigene Rechenzentren.",
    ),
    (
        "artikel-erschienen",
        "2026-01-16",
        "Bericht über Chinas KI-Grenzen",
        ["china", "usa", "zhipu"],
        ["chips"],
        "Chinas KI-Hoffnungen stoßen an Grenzen.",
    ),
    (
        "glm-4-ungefaehr",
        "2025-06~",
        "Erste Tests von GLM-4",
        ["glm-4"],
        ["modell"],
        "Im Herbst 2025 stellte Zhipu das Modell GLM-4 vor.",
    ),
    (
        "ohne-datum",
        None,
        "Undatierte Ankündigung von Huawei",
        ["huawei"],
        ["chips"],
        "Huawei kündigte am 10. und 11. Januar 2026 neue Chips an.",
    ),
]


def explorer(corpus: CorpusBuilder, extra_events: int = 24) -> None:
    """The explorer's content: every date precision it draws, entities of every type with relations;
    ``extra_events`` adds day-precision events spread over 2025 and 2026 so lanes and zoom have something
    to show."""
    corpus.article(EXPLORER_ARTICLE_ID, EXPLORER_TEXT, title="Chinas KI-Hoffnungen stoßen an Grenzen",
                   outlet="Testzeitung", url="https://example.org/artikel", published="2026-01-16T13:20",
                   language="de")
    for eid, data in EXPLORER_ENTITIES.items():
        corpus.entity(eid, **data)
    events = list(EXPLORER_EVENTS)
    names = list(EXPLORER_ENTITIES)
    for i in range(extra_events):
        month = 1 + (i * 5) % 12
        year = 2025 + (i % 2)
        ents = [names[i % len(names)], names[(i * 3 + 1) % len(names)]]
        events.append((f"meldung-{i:02d}", f"{year}-{month:02d}-{1 + (i * 7) % 28:02d}", f"Meldung Nummer {i}",
                       sorted(set(ents)), ["meldung"] + (["chips"] if i % 3 == 0 else []),
                       "Chinas KI-Hoffnungen stoßen an Grenzen."))
    for eid, date, title, ents, tags, sentence in events:
        corpus.event(eid, date=date, title=title, summary=f"Zusammenfassung: {title}.", entities=ents, tags=tags,
                     sources=[source(sentence, EXPLORER_TEXT, EXPLORER_ARTICLE_ID)])
