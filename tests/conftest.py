"""Fixtures for site tests: write a small content tree into tmp and build a real site from it."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from chronik.model import atomic_write_text, write_yaml
from harness import Project
from mkdocs.exceptions import MkDocsException

# The browser tests' fixtures (system Chromium, a served site): registered once for the whole run, so the
# session-scoped browser is shared by every browser test module.
pytest_plugins = ["browser.fixtures"]

ARTICLE_ID = "2026-01-16-beispiel"
ARTICLE_TEXT = """Menü Start Märkte
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


def source(sentence: str, text: str = ARTICLE_TEXT, article: str = ARTICLE_ID) -> dict:
    """A source dict pointing at the first occurrence of ``sentence`` in the article."""
    start = text.index(sentence)
    return {"article": article, "quote": sentence, "start": start, "end": start + len(sentence)}


def write_small_corpus(root: Path, *, xss: bool = True) -> None:
    """A corpus exercising every page: precisions, qualifiers, an undated event, relations, facts, quotes."""
    articles, events, entities = root / "articles", root / "events", root / "entities"
    atomic_write_text(articles / f"{ARTICLE_ID}.txt", ARTICLE_TEXT)
    write_yaml(articles / f"{ARTICLE_ID}.yaml", {
        "title": "Chinas KI-Hoffnungen stoßen an Grenzen", "outlet": "Cointelegraph",
        "url": "https://example.org/artikel", "published": "2026-01-16T13:20", "language": "de",
        "chrome": [{"line": 1, "reason": "menu"}, {"line": 12, "reason": "cookie"}],
    }, "article")
    quote_sentence = "„Die Wahrheit ist vielleicht, dass der Abstand tatsächlich größer wird“"
    ev = {
        "tang-jie-warnt": {
            "date": "2026-01-10", "title": "Tang Jie warnt vor wachsendem Abstand",
            "summary": "Der Zhipu-Gründer sieht China zurückfallen.", "entities": ["tang-jie", "zhipu"],
            "tags": ["ki", "china"],
            "quotes": [{"speaker": "tang-jie",
                        "text": "Die Wahrheit ist vielleicht, dass der Abstand tatsächlich größer wird",
                        "source": source(quote_sentence)}],
            "sources": [source("„Die Wahrheit ist vielleicht, dass der Abstand tatsächlich größer wird“, "
                               "sagte Tang Jie, Gründer von Zhipu.")],
        },
        "nvidia-rubin": {"date": "2026-01", "title": "Nvidia stellt Rubin vor",
                         "entities": ["nvidia", "rubin"], "tags": ["chips"],
                         "sources": [source("Nvidia stellte im Januar seine neue Rubin-Hardware vor.")]},
        "blackwell-suche": {"date": "2025-23", "title": "Suche nach Blackwell-Chips", "entities": ["nvidia"],
                            "tags": ["chips", "china"],
                            "sources": [source("Im Herbst 2025 bemühten sich Firmen um Blackwell-Chips.")]},
        "konferenz-peking": {"date": "2026-01-10/2026-01-11", "title": "Konferenz in Peking",
                             "entities": ["peking", "tang-jie"],
                             "sources": [source("Vom 10. bis 11. Januar 2026 tagte eine Konferenz in Peking.")]},
        "verkaufsverbot": {"date": "../2026-01-16", "title": "Verkaufsverbot gilt", "entities": ["nvidia"],
                           "sources": [source("Bis zum 16. Januar 2026 blieb der Verkauf verboten.")]},
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
                           "sources": [source("Ein Titel <script>alert(1)</script> steht hier.")]}
    for event_id, data in ev.items():
        write_yaml(events / f"{event_id}.yaml", {"origin": "extracted", **data}, "event")
    ent = {
        "tang-jie": {"name": "Tang Jie", "type": "person", "description": "Gründer von Zhipu.",
                     "relations": [{"type": "founder_of", "target": "zhipu",
                                    "sources": [source("Tang Jie, Gründer von Zhipu")]}]},
        "zhipu": {"name": "Zhipu", "type": "organization", "aliases": ["Zhipu AI"],
                  "links": [{"title": "Website", "url": "https://example.org/zhipu"}],
                  "facts": [{"label": "Umsatz", "value": "3.5", "unit": "Mrd. CNY", "date": "2025",
                             "sources": [source("Zhipu meldete einen Umsatz von 3.5 Milliarden Yuan.")]}]},
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
        write_yaml(entities / f"{entity_id}.yaml", {"origin": "manual", **data}, "entity")


MKDOCS_YML = """\
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


def build_site_at(root: Path, *, language: str = "de", strict: bool = True,
                  home: str | None = "# Willkommen\n", max_events: int = 1000, extra: str = "",
                  index_per_type: int = 100) -> Path:
    """Build ``root/mkdocs.yml`` (written here) over ``root/content`` into ``root/site``; return the site.

    The inline config is this module's; the build is the harness's (``Project.build_config``), so every test
    builds one way. A failed build raises, with mkdocs' messages.
    """
    pages = root / "content" / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    if home is not None:
        (pages / "index.md").write_text(home, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    text = MKDOCS_YML.format(language=language, max_events=max_events, index_per_type=index_per_type) + extra
    config_file.write_text(textwrap.dedent(text), encoding="utf-8")
    built = Project(root).build_config(config_file, strict=strict)
    if not built.ok:
        raise MkDocsException(built.output)
    return built.site


@pytest.fixture
def build_site(tmp_path: Path) -> Callable[..., Path]:
    """Build a site from ``tmp_path/content`` (written by the test) and return the site folder."""
    return lambda **options: build_site_at(tmp_path, **options)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small corpus, built once per test module (German UI)."""
    root = tmp_path_factory.mktemp("small")
    write_small_corpus(root / "content")
    return build_site_at(root)


@pytest.fixture
def project(tmp_path: Path):
    """A temporary project from tests/harness.py: content builder, validate, build, serve, CLI."""
    return Project(tmp_path)
