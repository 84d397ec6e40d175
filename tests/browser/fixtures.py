"""Pytest fixtures for the explorer's browser tests (imported by tests/test_browser_*.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from harness import Project

from .chromium import ARGS, ARTIFACTS, PageLog, require_chromium, watch, watch_page


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, str]]:
    """A real Chronik site (the project's mkdocs.yml, all plugins, strict build as a subprocess) from the
    explorer corpus, served on 127.0.0.1.

    The server starts first so the build's ``site_url`` is the served origin (instant navigation
    needs it).
    """
    project = Project(tmp_path_factory.mktemp("explorer-site"))
    project.content.explorer()
    with project.serve() as url:
        project.build(site_url=url, subprocess_=True).require()
        yield project, url


@pytest.fixture(scope="session")
def explorer_content(served_site: tuple[Project, str]) -> Path:
    """The explorer corpus's content folder (the site's source)."""
    return served_site[0].content.root


@pytest.fixture(scope="session")
def explorer_site(served_site: tuple[Project, str]) -> Path:
    """The built site folder."""
    return served_site[0].site_dir


@pytest.fixture(scope="session")
def site_url(served_site: tuple[Project, str]) -> str:
    """Base URL of the served site (with a trailing slash)."""
    return served_site[1]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium, headless, driven by Playwright (never a downloaded browser)."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=ARGS)
        yield chromium
        chromium.close()


class Session:
    """A page in a fresh browser context that records errors and blocks outside requests."""

    def __init__(
        self, browser: Any, base: str, width: int = 1280, height: int = 900, color_scheme: str = "light",
        enforce_csp: bool = False,
    ) -> None:
        self.base = base
        self.log = PageLog()
        # Playwright's wait_for_function evaluates its predicate with eval(), which the site's CSP refuses;
        # tests/test_hardening_browser.py enforces the policy (enforce_csp=True) and avoids such waits.
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, locale="de-DE", color_scheme=color_scheme,
            bypass_csp=not enforce_csp,
        )
        watch(self.context, self.log)
        self.page = self.context.new_page()
        watch_page(self.page, self.log)

    def open(self, path: str) -> Any:
        """Go to ``path`` below the site and wait until the network is idle."""
        self.page.goto(self.base + path, wait_until="networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(browser: Any, site_url: str, request: pytest.FixtureRequest) -> Iterator[Session]:
    """A desktop-sized page; the test fails if it logged errors or tried to leave 127.0.0.1.

    Parametrize ``color_scheme`` indirectly ("light"/"dark") to pick Material's palette.
    """
    s = Session(browser, site_url, color_scheme=getattr(request, "param", "light"))
    yield s
    s.close()
    assert not s.log.errors, s.log.errors
    assert not s.log.blocked, s.log.blocked


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder for screenshots kept by CI (test-artifacts/, not committed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


SEARCH_BOX = "input[data-md-component='search-query']"
SEARCH_RESULTS = ".md-search-result__item"


def search_results(page: Any, query: str, timeout: float = 30_000) -> list[str]:
    """Type ``query`` into Material's search box and return the result links (path and fragment, no host)."""
    box = page.locator(SEARCH_BOX)
    box.click()
    box.fill(query)
    page.locator(SEARCH_RESULTS).first.wait_for(timeout=timeout)
    page.wait_for_load_state("networkidle")
    hrefs = page.eval_on_selector_all(f"{SEARCH_RESULTS} a.md-search-result__link", "els => els.map(e => e.href)")
    return [urlsplit(href).path + ("#" + urlsplit(href).fragment if urlsplit(href).fragment else "") for href in hrefs]
