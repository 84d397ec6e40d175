"""One setting switches the language: the project's mkdocs.yml built with CHRONIK_LANGUAGE=en (and without)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from chronik.model import load_content
from chronik.site.i18n import STRINGS
from harness import Project

_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def build_project(project: Project, language: str | None) -> Path:
    """The repository's mkdocs.yml and hand-written pages over the exports corpus, built with
    CHRONIK_LANGUAGE=language (unset: None); returns the site folder."""
    project.content.exports()
    config = project.write_repository_config()
    env = {"NO_MKDOCS_2_WARNING": "1", "CHRONIK_LANGUAGE": language}
    return project.build(config, subprocess_=True, env=env).require()


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield build_project(Project(tmp_path_factory.mktemp("english")), "en")


def visible_text(path: Path) -> str:
    """What a reader sees of a page (plus attribute-free text of titles), without scripts and styles."""
    return html.unescape(_TAG.sub(" ", path.read_text(encoding="utf-8")))


def content_words(site: Path) -> str:
    """All text that comes from content (German in this corpus), which the language setting never changes."""
    corpus, problems = load_content(site.parent / "content")
    assert not problems
    parts = [a.title + " " + a.text for a in corpus.articles.values()]
    parts += [e.title + " " + e.summary + " " + " ".join(q.text for q in e.quotes) for e in corpus.events.values()]
    parts += [e.name + " " + e.description + " " + " ".join(e.aliases) + " " + " ".join(f.label for f in e.facts)
              for e in corpus.entities.values()]
    return " ".join(parts)


def test_every_page_speaks_english(english: Path) -> None:
    content = content_words(english)
    german = {text for key, text in STRINGS["de"].items()
              if "{" not in text and len(text) > 4 and text != STRINGS["en"].get(key) and key != "months"}
    german = {text for text in german if text not in content}
    german |= {"Daten und Feeds", "Über Chronik", "Zeitleiste", "Dunkles Farbschema"}
    pages = [p for p in english.rglob("*.html") if "sources" not in p.parts]  # article text is content
    assert len(pages) > 20
    for page in pages:
        text = visible_text(page)
        source = page.read_text(encoding="utf-8")
        assert '<html lang="en"' in source, page
        found = [word for word in german if word in text]
        assert not found, (page.relative_to(english), found)


def test_nav_palette_and_hand_written_pages_switch(english: Path) -> None:
    home = (english / "index.html").read_text(encoding="utf-8")
    tabs = re.findall(r'md-tabs__link">\s*([^<]*?)\s*<', home)
    assert tabs[:4] == ["Home", "Timeline", "Entities", "Sources"] and "About" in tabs
    assert 'title="Switch to dark mode"' in home and 'title="Switch to light mode"' in home
    assert 'content="News as a linked timeline"' in home
    assert ">About Chronik<" in (english / "about" / "index.html").read_text(encoding="utf-8")
    assert ">Data and feeds<" in (english / "data" / "index.html").read_text(encoding="utf-8")
    assert not list(english.rglob("about.en*")) and not (english / "about.en").exists()
    assert ">Data and feeds</h2>" in home  # the exports' block


def test_german_by_default_without_the_english_pages(project: Project) -> None:
    site = build_project(project, None)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in home and 'title="Dunkles Farbschema"' in home
    assert ">Über Chronik<" in (site / "about" / "index.html").read_text(encoding="utf-8")
    assert not (site / "about.en").exists() and not (site / "index.en").exists()
