"""The Content-Security-Policy in Chromium: the explorer and search work under it, nothing is refused,
and an inline script that was not in the build (an injection) is refused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser.fixtures import Session

pytestmark = pytest.mark.browser

# Runs before any page script (Playwright's init scripts are not subject to the page's policy).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def violations(page: Any) -> list[str]:
    return page.evaluate("window.__csp")


@pytest.fixture
def csp_session(browser: Any, site_url: str) -> Iterator[Session]:
    """A page that enforces the site's policy (other browser tests bypass it) and records every refusal."""
    s = Session(browser, site_url, enforce_csp=True)
    s.context.add_init_script(RECORD_VIOLATIONS)
    yield s
    s.close()
    assert not s.log.errors, s.log.errors
    assert not s.log.blocked, s.log.blocked


@pytest.mark.parametrize("path", ["", "timeline/", "timeline/2026/", "entities/", "graph/", "sources/", "data/"])
def test_pages_carry_a_policy_without_unsafe_inline_scripts_and_nothing_is_refused(csp_session: Session,
                                                                                   path: str) -> None:
    page = csp_session.open(path)
    content = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    script_src = next(d for d in content.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script_src and "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "'sha256-" in script_src  # Material's inline scripts are allowed by hash, not wholesale
    page.wait_for_timeout(300)
    assert violations(page) == []
    assert page.evaluate("typeof __md_get") == "function"  # Material's inline bootstrap ran


def test_explorer_and_search_work_under_the_policy(csp_session: Session) -> None:
    page = csp_session.open("timeline/2026/")
    page.wait_for_selector(".chronik-explorer[data-cx=ready]")
    search = page.locator("input[data-md-component='search-query']")
    search.click()
    search.fill("Huawei")
    page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
    assert violations(page) == []


def test_an_injected_inline_script_is_refused(csp_session: Session) -> None:
    page = csp_session.open("timeline/")
    page.evaluate("""() => { const s = document.createElement("script");
        s.textContent = "window.__injected = true"; document.body.append(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__injected === undefined")
    assert [v for v in violations(page) if v.startswith("script-src")]
    csp_session.log.errors.clear()  # the refusal is logged as a console error: that is the point here
