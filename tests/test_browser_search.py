"""Search in the browser: the index is downloaded only when a reader starts to search, and then works."""

from __future__ import annotations

import pytest
from browser.fixtures import Session

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
