"""The built site: timeline order, entity pages, links, escaping, JSON-LD, search, failing on bad content."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from chronik.exports.common import dated_newest_first
from chronik.model import load_content
from corpora import SMALL_ARTICLE_ID as ARTICLE_ID
from corpora import small_config
from harness import CorpusBuilder, Project


class Page(HTMLParser):
    """The bits of an HTML page the tests look at: ids, links, elements by class, JSON-LD."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("a", "link") and "href" in a:
            self.links.append(a["href"])
        if tag in ("script", "img") and "src" in a:
            self.links.append(a["src"])
        self._in_jsonld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False

    def with_class(self, cls: str) -> list[dict[str, str]]:
        return [a for _, a in self.elements if cls in a.get("class", "").split()]


def parse(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(small_site: Path):
    loaded, problems = load_content(small_site.parent / "content")
    assert problems == []
    return loaded


def timeline_pages(site: Path) -> list[Path]:
    """Year (or month) pages in path order: 2025/, 2026/01/, 2026/ (a split year's overview), undated/;
    the numbered continuation pages of a long list (undated/2/) right after their first page."""
    def key(path: Path) -> tuple[tuple[str, ...], int]:
        parts = path.parent.relative_to(site).parts
        if parts[-1].isdigit() and not parts[-1].startswith("0") and len(parts[-1]) < 4:
            return parts[:-1], int(parts[-1])
        return parts, 1

    return sorted((p for p in (site / "timeline").rglob("index.html") if p.parent != site / "timeline"), key=key)


def timeline_order(corpus) -> list[str]:
    """The expected order: by year (undated last); within a year, events spanning several months first;
    otherwise by EDTF bounds (Corpus.events_sorted)."""
    def key(event) -> tuple:
        date = event.date
        if date is None:
            return (1, 0, False)
        lower, upper = date.lower or date.upper, date.upper or date.lower
        return (0, lower.year, (lower.year, lower.month) == (upper.year, upper.month))

    return [e.id for e in sorted(corpus.events_sorted(), key=key)]


def test_every_event_once_on_the_timeline_in_order(small_site: Path, corpus) -> None:
    seen = [a["data-event"] for page in timeline_pages(small_site) for a in parse(page).with_class("chronik-event")]
    assert seen == timeline_order(corpus)
    assert len(seen) == len(set(seen)) == len(corpus.events)


def test_months_and_spanning_dates_grouped(small_site: Path) -> None:
    page = parse(small_site / "timeline/2025/index.html")
    assert "m-2025-00" in page.ids  # 'Herbst 2025' spans months: listed under '2025: mehrere Monate …'
    text = (small_site / "timeline/2025/index.html").read_text(encoding="utf-8")
    assert "2025: mehrere Monate oder ganzes Jahr</h2>" in text
    assert ">Januar 2026</h2>" in (small_site / "timeline/2026/index.html").read_text(encoding="utf-8")


def test_large_years_split_into_month_pages(project: Project, corpus) -> None:
    project.content.small().home()
    site = project.build(project.write_inline_config(small_config(max_events=2))).require()
    seen = [a["data-event"] for page in timeline_pages(site) for a in parse(page).with_class("chronik-event")]
    assert seen == timeline_order(corpus)
    assert (site / "timeline/2026/01/index.html").exists()
    assert 'data-event="fruehjahr"' in (site / "timeline/2026/00/index.html").read_text(encoding="utf-8")
    overview = parse(site / "timeline/2026/index.html")
    assert not overview.with_class("chronik-event") and "01/" in overview.links
    chip = parse(site / "entities/nvidia/index.html")
    assert "../../events/nvidia-rubin/" in chip.links
    assert "../../timeline/2026/01/#nvidia-rubin" in parse(site / "events/nvidia-rubin/index.html").links
    assert broken_links(site) == []


def test_long_source_index_goes_on_over_numbered_pages(project: Project) -> None:
    project.content.small().home()
    for ident, published in (("2024-05-02-bote", "2024-05-02"), ("2025-07-09-kurier", "2025-07-09")):
        project.content.article(ident, "Ein Satz.\n", title=f"Titel {ident}", outlet="Bote", published=published,
                                language="de")
    config = small_config().replace("  - chronik-sources\n", "  - chronik-sources:\n      index_per_page: 1\n")
    site = project.build(project.write_inline_config(config)).require()
    corpus, problems = load_content(site.parent / "content")
    assert problems == [] and len(corpus.articles) == 3
    pages = [site / "sources/index.html", site / "sources/all/2/index.html", site / "sources/all/3/index.html"]
    listed = [a["data-article"] for page in pages for a in parse(page).with_class("chronik-source-item")]
    newest_first = sorted(corpus.articles.values(), key=lambda a: (a.published, a.id), reverse=True)
    assert listed == [a.id for a in newest_first]
    assert not (site / "sources/all/4").exists()
    first = parse(pages[0])
    assert "all/2/" in first.links and "chronik-pages" in pages[0].read_text(encoding="utf-8")
    assert broken_links(site) == []


def test_timeline_markup_for_the_explorer(small_site: Path) -> None:
    events = {a["id"]: a for a in parse(small_site / "timeline/2026/index.html").with_class("chronik-event")}
    rubin = events["nvidia-rubin"]
    assert rubin["data-event"] == "nvidia-rubin"
    assert (rubin["data-date-lower"], rubin["data-date-upper"]) == ("2026-01-01", "2026-01-31")
    assert events["verkaufsverbot"]["data-date-lower"] == ""  # open start
    chips = parse(small_site / "timeline/2026/index.html").with_class("chronik-chip")
    assert {c["data-entity"] for c in chips} >= {"nvidia", "rubin", "tang-jie", "zhipu", "peking"}
    assert all(c["href"].startswith("../../entities/") for c in chips)


def test_dates_at_their_precision_in_german(small_site: Path) -> None:
    text = (small_site / "timeline/2026/index.html").read_text(encoding="utf-8")
    for shown in ("Januar 2026", "10.–11. Januar 2026", "vor dem 16. Januar 2026", "10. Januar 2026"):
        assert shown in text
    assert "Herbst 2025" in (small_site / "timeline/2025/index.html").read_text(encoding="utf-8")
    approx = parse(small_site / "timeline/2024/index.html").with_class("chronik-date--approximate")
    assert approx and approx[0]["title"] == "ungefähr"
    assert parse(small_site / "timeline/2023/index.html").with_class("chronik-date--uncertain")


def test_each_entity_page_lists_exactly_its_events(small_site: Path, corpus) -> None:
    for entity_id in corpus.entities:
        page = parse(small_site / "entities" / entity_id / "index.html")
        listed = [a["data-event"] for a in page.with_class("chronik-event-ref")]
        assert listed == [e.id for e in dated_newest_first(corpus.events_for(entity_id))], entity_id


def test_relations_shown_in_both_directions(small_site: Path) -> None:
    tang = (small_site / "entities/tang-jie/index.html").read_text(encoding="utf-8")
    zhipu = (small_site / "entities/zhipu/index.html").read_text(encoding="utf-8")
    assert "Gründer von" in tang and 'data-entity="zhipu"' in tang
    assert "Gründer:" in zhipu and 'data-entity="tang-jie"' in zhipu
    assert "3,5 Mrd. CNY" in zhipu  # figure with its date and source
    assert "#fa-zhipu-0-0" in zhipu
    assert 'id="quote-tang-jie-warnt-0"' in tang  # quotes by the person


def test_entity_index_grouped_by_type_with_german_labels(small_site: Path) -> None:
    text = (small_site / "entities/index.html").read_text(encoding="utf-8")
    labels = ("Unternehmen", "Personen", "Produkte", "Orte", "Trade fair")  # unknown types last, by name
    positions = [text.index(f">{label}</h2>") for label in labels]
    assert positions == sorted(positions)
    thing = json.loads(parse(small_site / "entities/ces/index.html").jsonld[0])
    assert thing["@type"] == "Thing"


def broken_links(site: Path) -> list[str]:
    """Every relative href/src of every page that does not lead to a file (and id) in the site."""
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            if parts.path.startswith("/"):  # 404.html links from the site root (site_url's path)
                target = (site / unquote(parts.path).removeprefix("/chronik/")).resolve()
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {href}")
                continue
            if parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(site)}: {href} (no such id)")
    return broken


def test_every_internal_link_resolves(small_site: Path) -> None:
    assert broken_links(small_site) == []


def test_no_external_requests(small_site: Path) -> None:
    """Everything a browser loads by itself (scripts, styles, images, icons, preconnects) is local."""
    loaded = {"stylesheet", "preconnect", "preload", "icon", "manifest", "modulepreload"}
    for path in small_site.rglob("*.html"):
        for tag, a in parse(path).elements:
            if tag in ("script", "img", "iframe", "source"):
                url = a.get("src", "")
            elif tag == "link" and loaded & set(a.get("rel", "").split()):
                url = a.get("href", "")
            else:
                continue
            assert not urlsplit(url).scheme and not url.startswith("//"), f"{path}: {url}"


def test_script_in_content_appears_as_text(small_site: Path) -> None:
    for path in small_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in text, path
        assert "<img src=x" not in text, path
        assert "alert(3)</script>" not in text, path
    timeline = (small_site / "timeline/2022/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in timeline
    assert "Zusammenfassung mit &lt;b&gt;Tags&lt;/b&gt; &amp; Zeichen" in timeline
    title = (small_site / "entities/boese/index.html").read_text(encoding="utf-8")
    assert "<title>&lt;img src=x onerror=alert(2)&gt; - Testchronik</title>" in title


def test_jsonld_for_events_and_entities(small_site: Path) -> None:
    year = parse(small_site / "timeline/2026/index.html")
    graph = json.loads(year.jsonld[0])["@graph"]
    assert {e["@type"] for e in graph} == {"Event"}
    ids = {e["@id"].rstrip("/").rsplit("/", 1)[1] for e in graph}
    assert ids == {"nvidia-rubin", "tang-jie-warnt", "konferenz-peking", "verkaufsverbot", "fruehjahr"}
    # each has a page of its own with the full Event: the list page names it, its dates and where it is
    assert all(set(e) <= {"@type", "name", "@id", "startDate", "endDate"} for e in graph)
    assert all(e["@id"].startswith("https://example.org/chronik/events/") for e in graph)
    person = json.loads(parse(small_site / "entities/tang-jie/index.html").jsonld[0])
    assert person["@type"] == "Person" and person["@id"] == "https://example.org/chronik/entities/tang-jie/"
    bad = json.loads(parse(small_site / "entities/boese/index.html").jsonld[0])
    assert bad["description"] == "</script><script>alert(3)</script>"


def test_source_page_highlights_and_links_every_span(small_site: Path, corpus) -> None:
    path = small_site / "sources" / ARTICLE_ID / "index.html"
    page, text = parse(path), path.read_text(encoding="utf-8")
    expected = {f"ev-{e.id}-{i}" for e in corpus.events.values() for i, s in enumerate(e.sources)}
    expected |= {f"qu-{e.id}-{i}" for e in corpus.events.values() for i, q in enumerate(e.quotes) if q.source}
    expected |= {"re-tang-jie-0-0", "fa-zhipu-0-0"}
    assert expected <= page.ids
    refs = page.with_class("chronik-ref")
    assert len(refs) == len(expected)
    assert "Menü Start Märkte" not in text and "Cookie-Hinweis" not in text  # chrome dropped
    assert "Chinas KI-Hoffnungen stoßen an Grenzen</p>" in text


def test_search_indexes_generated_pages(small_site: Path) -> None:
    index = json.loads((small_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"entities/zhipu/", "timeline/2026/", f"sources/{ARTICLE_ID}/"} <= locations
    assert any("Konferenz in Peking" in doc["title"] for doc in index["docs"])
    assert not any("¶" in doc["title"] for doc in index["docs"])  # permalinks stay out of titles
    raw = (small_site / "search/search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "<img src=x" not in raw  # Material shows entries as HTML
    assert "&lt;img src=x onerror=alert(2)&gt;" in raw


def test_nav_stays_small(small_site: Path) -> None:
    nav_links = [a for a in parse(small_site / "index.html").with_class("md-nav__link") if a.get("href")]
    assert not any("zhipu" in a["href"] for a in nav_links)
    assert len({a["href"] for a in nav_links}) <= 12


def test_english_site(project: Project) -> None:
    project.content.small(xss=False).home()
    site = project.build(project.write_inline_config(small_config(language="en"))).require()
    text = (site / "timeline/2026/index.html").read_text(encoding="utf-8")
    assert "January 2026" in text and "Timeline" in text and "Involved" in text
    assert 'lang="en"' in text
    assert ">Organizations</h2>" in (site / "entities/index.html").read_text(encoding="utf-8")


def test_links_without_directory_urls(project: Project) -> None:
    project.content.small(xss=False).home()
    site = project.build(project.write_inline_config(small_config(extra="use_directory_urls: false\n"))).require()
    assert (site / "entities" / "nvidia.html").exists()
    assert 'href="../entities/nvidia.html"' in (site / "timeline" / "2026.html").read_text(encoding="utf-8")
    assert broken_links(site) == []


def test_hand_written_page_wins(project: Project) -> None:
    project.content.small(xss=False)
    project.content.raw("pages/entities/nvidia.md", "# Nvidia\n\nVon Hand geschrieben.\n")
    site = project.build(project.write_inline_config(small_config())).require()
    assert "Von Hand geschrieben." in (site / "entities/nvidia/index.html").read_text(encoding="utf-8")
    assert 'data-event="nvidia-rubin"' in (site / "timeline/2026/index.html").read_text(encoding="utf-8")
    assert "Testchronik" in (site / "index.html").read_text(encoding="utf-8")  # generated home


def _break_content(corpus: CorpusBuilder) -> list[str]:
    """Two mistakes; returns the validator's messages (paths relative to the working directory)."""
    corpus.small(xss=False)
    corpus.event("kaputt", date="2025-13", title="Kaputt", origin="manual")
    corpus.event("verwaist", date="2025", title="Verwaist", origin="manual", entities=["gibt-es-nicht"])
    _, problems = load_content(corpus.root)
    assert len(problems) >= 2
    return [str(p) for p in problems]


def test_invalid_content_fails_the_build_with_the_validator_messages(
        project: Project, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    messages = _break_content(project.content.home())
    built = project.build(project.write_inline_config(small_config()))
    assert not built.ok
    assert messages[0].startswith("content/events/kaputt.yaml:2:7: date: ")
    for message in messages:
        assert message in caplog.text


def test_invalid_content_fails_mkdocs_build_strict_on_the_command_line(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    project.content.small(xss=False).home()
    project.build(project.write_inline_config(small_config())).require()
    messages = _break_content(project.content)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project.root,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    for message in messages:
        assert message in run.stderr
