"""Search in the browser: the index is downloaded only when a reader starts to search, and then works.

Material's search UI answered by Chronik's worker over the sharded index (plugins/chronik/search/):
events, entities and source sentences, umlauts folded, prefixes and endings matched, keyboard kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser.fixtures import SEARCH_RESULTS, Session, search_results
from chronik.search.shards import fold, read_records
from corpora import EXPLORER_ARTICLE_ID as ARTICLE_ID

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"


def test_search_index_waits_for_the_reader_then_finds_pages(session: Session) -> None:
    page = session.open("timeline/")
    assert not [url for url in session.log.requests if url.endswith(INDEX)]  # nothing fetched on load
    with page.expect_response(lambda response: response.url.endswith(INDEX)):
        page.locator("input[data-md-component='search-query']").click()
    page.locator("input[data-md-component='search-query']").fill("Chinas")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1


def test_search_shortcut_releases_the_index(session: Session) -> None:
    page = session.open("")
    with page.expect_response(lambda response: response.url.endswith(INDEX)):
        page.keyboard.press("s")


def test_search_finds_entities_events_and_source_sentences_in_materials_list(session: Session) -> None:
    page = session.open("timeline/")
    links = search_results(page, "Huawei")
    assert "/entities/huawei/" in links
    assert any(link.startswith("/timeline/2026/#") for link in links)  # the event's card on its year page
    assert any(link.startswith(f"/sources/{ARTICLE_ID}/#") for link in links)  # the article's sentence
    marked = page.eval_on_selector_all(f"{SEARCH_RESULTS} mark", "els => els.map(e => e.textContent)")
    assert marked and all(text.lower() == "huawei" for text in marked)
    assert page.locator(".md-search-result__meta").inner_text().split()[0].isdigit()


def test_search_folds_umlauts_and_matches_prefixes_and_endings(session: Session) -> None:
    search_results(session.open(""), "zhipu gegruendet")
    titles = session.page.locator(f"{SEARCH_RESULTS} h1, {SEARCH_RESULTS} h2").all_inner_texts()
    assert any("Zhipu gegründet" in title for title in titles)
    assert "/entities/huawei/" in search_results(session.open(""), "Huaw")  # a prefix, while typing
    assert "/entities/china/" in search_results(session.open(""), "Chinas")  # an ending on a name


def test_keyboard_enter_opens_the_best_result(session: Session) -> None:
    page = session.open("")
    search_results(page, "Jensen Huang")
    page.keyboard.press("Enter")
    page.wait_for_url("**/entities/jensen-huang/**", timeout=10_000)


def search_worker(page: Any, seconds: float = 30) -> Any:
    """Chronik's search worker on ``page``, once Material's (deferred) bundle has started it."""
    for _ in range(int(seconds * 10)):
        workers = [w for w in page.workers if w.url.endswith("/assets/chronik/search-worker.js")]
        if workers:
            (worker,) = workers
            return worker
        page.wait_for_timeout(100)
    raise AssertionError(f"no search worker started within {seconds} s")


def test_the_worker_folds_words_as_the_index_does(session: Session) -> None:
    page = session.open("")
    worker = search_worker(page)
    words = ["München", "Muenchen", "STRASSE", "Straße", "Ångström", "Café", "İstanbul", "Œuvre", "ﬁnanz", "Łódź"]
    folded = worker.evaluate("words => words.map(fold)", words)
    assert folded == [fold(word) for word in words]


def test_the_site_ships_a_sharded_index_without_markup(explorer_site: Path) -> None:
    records = read_records(explorer_site / "search")
    locations = {record["location"].split("#")[0] for record in records}
    assert {"entities/zhipu/", "timeline/2026/", f"sources/{ARTICLE_ID}/"} <= locations
    assert not any("¶" in record["title"] for record in records)  # permalinks stay out of titles
    raw = "".join(path.read_text(encoding="utf-8") for path in (explorer_site / "search").rglob("*.json"))
    assert "<" not in raw  # plain text, escaped by the worker when shown
    assert '"search": "assets/chronik/search-worker.js"' in (explorer_site / "index.html").read_text("utf-8")
