"""Event pages (events/<id>/) and tag pages (tags/, tags/<tag>/) of a real site built in a temp folder."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import pytest
from chronik.model import load_content
from chronik.site.lists import PER_PAGE
from corpora import SMALL_ARTICLE_ID as ARTICLE_ID
from corpora import small_config
from harness import CorpusBuilder, Project
from test_site import parse


@pytest.fixture(scope="module")
def corpus(small_site: Path):
    loaded, problems = load_content(small_site.parent / "content")
    assert problems == []
    return loaded


def event_page(site: Path, event_id: str) -> Path:
    return site / "events" / event_id / "index.html"


def resolve(page: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link on ``page`` points to."""
    path, _, fragment = href.partition("#")
    target = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), path))) if path else page
    return (target / "index.html" if target.is_dir() else target), fragment


def test_every_event_has_a_page(small_site: Path, corpus) -> None:
    for event in corpus.events.values():
        page = parse(event_page(small_site, event.id))
        article = page.with_class("chronik-event-page")
        assert article and article[0]["data-event"] == event.id


def test_event_page_shows_date_title_summary_entities_quotes_sources(small_site: Path) -> None:
    path = event_page(small_site, "tang-jie-warnt")
    text = path.read_text(encoding="utf-8")
    page = parse(path)
    assert "<h1 class=\"chronik-event__title\">Tang Jie warnt vor wachsendem Abstand</h1>" in text
    assert "10. Januar 2026" in text and "Der Zhipu-Gründer sieht China zurückfallen." in text
    chips = {c["data-entity"]: c["href"] for c in page.with_class("chronik-chip")}
    assert chips["tang-jie"] == "../../entities/tang-jie/" and chips["zhipu"] == "../../entities/zhipu/"
    assert page.with_class("chronik-quote")[0]["id"] == "quote-tang-jie-warnt-0"
    # the source links to the highlighted sentence on the article's page, and that anchor exists there
    sources = [a["href"] for a in page.with_class("chronik-source")]
    assert f"../../sources/{ARTICLE_ID}/#ev-tang-jie-warnt-0" in sources
    for href in sources:
        target, fragment = resolve(path, href)
        assert fragment in parse(target).ids, href
    # a figure of an involved entity reported in the same article
    assert "Umsatz" in text and "3,5 Mrd. CNY" in text
    # back to its card on the year page
    target, fragment = resolve(path, "../../timeline/2026/#tang-jie-warnt")
    assert "../../timeline/2026/#tang-jie-warnt" in page.links and fragment in parse(target).ids


def test_event_dates_keep_their_precision(small_site: Path) -> None:
    for event_id, shown, precision in (("blackwell-suche", "Herbst 2025", "season"),
                                       ("nvidia-rubin", "Januar 2026", "month"),
                                       ("konferenz-peking", "10.–11. Januar 2026", "interval"),
                                       ("ohne-datum", "Ohne Datum", "none")):
        path = event_page(small_site, event_id)
        time = [a for tag, a in parse(path).elements if tag == "time"][0]
        assert time["data-precision"] == precision
        assert shown in path.read_text(encoding="utf-8")


def test_previous_and_next_follow_time(small_site: Path, corpus) -> None:
    ordered = [e.id for e in corpus.events_sorted()]
    for i, event_id in enumerate(ordered):
        page = parse(event_page(small_site, event_id))
        prev = [a["href"] for a in page.with_class("chronik-pager__prev")]
        nxt = [a["href"] for a in page.with_class("chronik-pager__next")]
        assert prev == ([f"../{ordered[i - 1]}/"] if i > 0 else [])
        assert nxt == ([f"../{ordered[i + 1]}/"] if i + 1 < len(ordered) else [])


def test_event_page_jsonld_is_an_escaped_event(small_site: Path) -> None:
    path = event_page(small_site, "xss-titel")
    text = path.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in text
    data = json.loads(parse(path).jsonld[0])
    assert data["@type"] == "Event" and data["name"] == "<script>alert(1)</script>"
    assert data["@id"] == "https://example.org/chronik/events/xss-titel/"
    assert data["startDate"] == "2022-03-04"
    assert "\\u003cscript" in text  # '<' escaped inside the JSON-LD, as on every page
    dates = {e: json.loads(parse(event_page(small_site, e)).jsonld[0]) for e in
             ("nvidia-rubin", "blackwell-suche", "konferenz-peking", "verkaufsverbot")}
    assert (dates["nvidia-rubin"]["startDate"], dates["nvidia-rubin"]["endDate"]) == ("2026-01", "2026-01")
    assert (dates["blackwell-suche"]["startDate"], dates["blackwell-suche"]["endDate"]) == ("2025-09-01",
                                                                                         "2025-11-30")
    assert dates["konferenz-peking"]["endDate"] == "2026-01-11" and "startDate" not in dates["verkaufsverbot"]


def test_year_entity_home_and_source_pages_link_event_pages(small_site: Path) -> None:
    year = parse(small_site / "timeline/2026/index.html")
    assert "../../events/nvidia-rubin/" in [a["href"] for a in year.with_class("chronik-event__page")]
    assert "../../events/nvidia-rubin/" in parse(small_site / "entities/nvidia/index.html").links
    assert "events/nvidia-rubin/" in parse(small_site / "index.html").links
    assert "../../events/tang-jie-warnt/#quote-tang-jie-warnt-0" in \
        parse(small_site / "sources" / ARTICLE_ID / "index.html").links


def test_tags_on_cards_and_event_pages(small_site: Path) -> None:
    for path, prefix in ((small_site / "timeline/2025/index.html", "../../"),
                         (small_site / "entities/nvidia/index.html", "../../"),
                         (small_site / "index.html", ""),
                         (event_page(small_site, "blackwell-suche"), "../../")):
        tags = {a.get("href") for a in parse(path).with_class("chronik-tag")}
        assert {f"{prefix}tags/chips/", f"{prefix}tags/china/"} <= tags, path


def test_tag_index_counts_and_tag_pages(small_site: Path, corpus) -> None:
    assert "tags/" in parse(small_site / "index.html").links  # the home page's entry points
    index = small_site / "tags/index.html"
    text = index.read_text(encoding="utf-8")
    for tag in ("chips", "china", "ki"):
        count = sum(tag in e.tags for e in corpus.events.values())
        assert f'href="{tag}/">{tag}</a> <span class="chronik-count">({count})</span>' in text
        page = parse(small_site / "tags" / tag / "index.html")
        listed = [a["data-event"] for a in page.with_class("chronik-event-ref")]
        assert sorted(listed) == sorted(e.id for e in corpus.events.values() if tag in e.tags)
        assert "../" in page.links  # back to the index
    chips = [a["data-event"] for a in parse(small_site / "tags/chips/index.html").with_class("chronik-event-ref")]
    assert chips == ["nvidia-rubin", "blackwell-suche"]  # newest first


def test_without_tags_no_tag_pages(project: Project) -> None:
    project.content.home().event("a", date="2026-01-01", title="A", origin="manual")
    site = project.build(project.write_inline_config(small_config())).require()
    assert (site / "events/a/index.html").exists() and not (site / "tags").exists()


def test_english_event_and_tag_pages(project: Project) -> None:
    project.content.small().home()
    site = project.build(project.write_inline_config(small_config(language="en"))).require()
    text = event_page(site, "blackwell-suche").read_text(encoding="utf-8")
    assert "Autumn 2025" in text and "On the timeline" in text and "Tags:" in text
    assert "Tag: chips" in (site / "tags/chips/index.html").read_text(encoding="utf-8")


def years(page) -> list[str]:
    """Ids of the year headings of an event list."""
    return [a["id"] for tag, a in page.elements if tag in ("h2", "h3") and a.get("id", "").startswith("y-")]


def write_busy_entity(corpus: CorpusBuilder, n: int) -> None:
    """One entity with ``n`` events spread over several years (and one undated)."""
    corpus.entity("hub", name="Hub", type="organization", origin="manual")
    for i in range(n):
        date = None if i == 0 else f"{2020 + i % 4}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        corpus.event(f"e{i:04d}", date=date, title=f"Ereignis {i}", origin="manual", entities=["hub"], tags=["viel"])


def test_busy_entity_page_groups_by_year_and_links_the_full_list(project: Project) -> None:
    from chronik.exports.common import dated_newest_first

    write_busy_entity(project.content.home(), PER_PAGE + 20)
    site = project.build(project.write_inline_config(small_config())).require()
    corpus, _ = load_content(project.content.root)
    newest = [e.id for e in dated_newest_first(corpus.events_for("hub"))]
    path = site / "entities/hub/index.html"
    page = parse(path)
    assert [a["data-event"] for a in page.with_class("chronik-event-ref")] == newest[:50]
    assert years(page) == ["y-2023"]
    assert [tag for tag, a in page.elements if a.get("id") == "y-2023"] == ["h3"]  # under "Ereignisse" (h2)
    assert "../../entities/hub/events/" not in page.links and "events/" in page.links  # works without JS
    # the full list: every event, newest first, on pages linking each other
    first = parse(site / "entities/hub/events/index.html")
    second = parse(site / "entities/hub/events/2/index.html")
    listed = [a["data-event"] for p in (first, second) for a in p.with_class("chronik-event-ref")]
    assert listed == newest and "2/" in first.links and "../" in second.links
    assert [tag for tag, a in first.elements if a.get("id") == "y-2023"] == ["h2"]  # right under the h1
    assert years(first) == ["y-2023", "y-2022", "y-2021", "y-2020"] and years(second) == ["y-2020", "y-undated"]
    assert len(listed) == PER_PAGE + 20 and len(first.with_class("chronik-event-ref")) == PER_PAGE
    assert "../../" in first.links  # back to the entity
    assert (site / "tags/viel/2/index.html").exists()  # tag pages are split the same way
    assert max(p.stat().st_size for p in (site / "entities/hub").rglob("*.html")) < 300_000


def test_search_finds_events_once_on_their_year_page(small_site: Path) -> None:
    index = json.loads((small_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "timeline/2026/" in locations
    assert "tags/" in locations  # the tag index is searchable; tag and event pages repeat the year pages
    assert not any(loc.startswith("events/") or loc.startswith("tags/") and loc != "tags/" for loc in locations)
    titles = [doc["title"] for doc in index["docs"]]
    assert titles.count("Konferenz in Peking") == 1


def test_overfull_timeline_buckets_go_on_over_numbered_pages(project: Project) -> None:
    project.content.home()
    for i in range(5):
        project.content.event(f"u{i}", date=None, title=f"Undatiert {i}", origin="manual")
        project.content.event(f"s{i}", date="2025", title=f"Irgendwann 2025 ({i})", origin="manual")
    site = project.build(project.write_inline_config(small_config(max_events=2))).require()
    for bucket in ("timeline/undated", "timeline/2025/00"):
        pages = [site / bucket / "index.html", site / bucket / "2/index.html", site / bucket / "3/index.html"]
        cards = [[a["id"] for a in parse(p).with_class("chronik-event")] for p in pages]
        assert [len(c) for c in cards] == [2, 2, 1], bucket
        assert len({i for c in cards for i in c}) == 5
        assert {"2/", "3/"} <= set(parse(pages[0]).links) and "../" in parse(pages[2]).links
        card = cards[2][0]
        assert f"../../{bucket}/3/#{card}" in parse(event_page(site, card)).links
    assert "undated/" in parse(site / "timeline/index.html").links


def test_entity_index_shows_the_busiest_of_a_large_type_and_links_all(project: Project) -> None:
    project.content.small(xss=False).home()
    site = project.build(project.write_inline_config(small_config(index_per_type=1))).require()
    index = parse(site / "entities/index.html")
    organizations = [a["data-entity"] for a in index.with_class("chronik-chip") if a["data-type"] == "organization"]
    assert organizations == ["nvidia"]  # the organization in the most events
    assert "types/organization/" in index.links and "types/person/" not in index.links  # one person only
    full = parse(site / "entities/types/organization/index.html")
    assert [a["data-entity"] for a in full.with_class("chronik-chip")] == ["nvidia", "zhipu"]  # by name
    assert "../../" in full.links  # back to the index
