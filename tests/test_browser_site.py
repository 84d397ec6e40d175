"""The site's own pages in the system Chromium: event and tag pages, navigation without JavaScript,
no failed or sitemap request, accessibility (axe-core) in both palettes at 375 and 1280 px, screenshots.

Locally they skip when /usr/bin/chromium is missing; in CI (CI=true) they fail instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser.fixtures import Session
from chronik.model import load_content

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "timeline-index": "timeline/",
    "year": "timeline/2026/",
    "event": "events/huawei-chips/",
    "tags": "tags/",
    "tag": "tags/chips/",
    "entity": "entities/zhipu/",
}
SCHEMES = {"light": "default", "dark": "slate"}


def failures(session: Session) -> list[str]:
    """Every failed response and console error (no exemption), and any request for a sitemap other than
    the site's own, which Material's instant navigation (on in these tests) loads once."""
    own = session.base + "sitemap.xml"
    return session.log.errors + [url for url in session.log.requests if url.endswith("sitemap.xml") and url != own]


def serious_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): " + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("width", [375, 1280])
def test_axe_and_clean_requests_on_the_site_pages(browser: Any, site_url: str, artifacts: Path, width: int,
                                                  scheme: str) -> None:
    s = Session(browser, site_url, width=width, height=900 if width > 400 else 812, color_scheme=scheme)
    try:
        for name, path in PAGES.items():
            page = s.open(path)
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
            bad = serious_violations(page)
            assert not bad, f"{name}: " + "\n".join(bad)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{name} scrolls sideways at {width}px"
            if name in ("event", "tag", "tags", "timeline-index"):
                page.screenshot(path=str(artifacts / f"site-{name}-{width}-{scheme}.png"), full_page=True)
    finally:
        s.close()
    assert not failures(s), failures(s)
    assert not s.log.blocked, s.log.blocked


def test_event_page_and_its_neighbours(session: Session, explorer_content: Path) -> None:
    corpus, problems = load_content(explorer_content)
    assert not problems
    ordered = [e.id for e in corpus.events_sorted()]
    i = ordered.index("huawei-chips")
    page = session.open("events/huawei-chips/")
    assert page.locator("h1").inner_text() == corpus.events["huawei-chips"].title
    page.locator("a[rel=next]").click()
    page.wait_for_url(f"**/events/{ordered[i + 1]}/")
    page.locator("a[rel=prev]").click()
    page.wait_for_url("**/events/huawei-chips/")
    # the source link lands on the highlighted sentence of the article
    page.locator("a.chronik-source").first.click()
    page.wait_for_url("**/sources/**#ev-huawei-chips-0")
    # (Material's instant navigation moves by pushState, so :target is not reliable: look for the anchor.)
    page.wait_for_function("(() => { const a = document.getElementById('ev-huawei-chips-0');"
                           " return a && a.nextElementSibling && a.getBoundingClientRect().top < innerHeight; })()")
    assert not failures(session), failures(session)


def test_no_javascript_path(browser: Any, site_url: str) -> None:
    """JavaScript off: timeline index → a year → an event → a tag → the tag index → an entity, by clicks."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + "timeline/")
        years = page.locator(".chronik-years a")
        assert years.count() >= 2
        page.locator(".chronik-years a", has_text="2025").click()
        page.wait_for_url("**/timeline/2025/")
        page.locator("a.chronik-event__page").first.click()
        page.wait_for_url("**/events/*/")
        page.locator("a.chronik-tag").first.click()
        page.wait_for_url("**/tags/*/")
        page.locator(".chronik-lead a").click()  # back to the tag index
        page.wait_for_url("**/tags/")
        page.locator("a.chronik-tag", has_text="chips").click()
        page.locator(".chronik-event-ref a").first.click()
        page.wait_for_url("**/events/*/")
        page.locator("a.chronik-chip").first.click()
        page.wait_for_url("**/entities/*/")
    finally:
        context.close()


# Records every change of the body's palette attributes from the first moment of each page.
PALETTE_CHANGES = """
window.__paletteChanges = [];
new MutationObserver((list) => {
  for (const m of list) if (m.target === document.body) window.__paletteChanges.push(m.attributeName);
}).observe(document, {subtree: true, attributes: true, attributeFilter: [
  'data-md-color-scheme', 'data-md-color-primary', 'data-md-color-accent', 'data-md-color-switching']});
"""


def test_palette_toggle_switches_remembers_and_leaves_a_plain_load_alone(browser: Any, site_url: str) -> None:
    """The header's toggle (Chronik's palette.js in place of Material's palette component) follows the
    system on a first visit, switches on click and on Enter, remembers the choice on the next page and
    fills the theme-color meta tag; a load never marks the body as switching (which restyles the whole
    page), and one whose palette is already right changes no palette attribute at all."""
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    light = Session(browser, site_url, color_scheme="light")
    dark = Session(browser, site_url, color_scheme="dark")
    try:
        light.context.add_init_script(PALETTE_CHANGES)
        page = light.open("")
        assert page.evaluate(scheme) == "default"
        assert page.evaluate("window.__paletteChanges") == []
        page.wait_for_function("/^#[0-9a-f]{6}$/.test(document.querySelector('meta[name=theme-color]')?.content)")

        dark.context.add_init_script(PALETTE_CHANGES)
        page = dark.open("")
        assert page.evaluate(scheme) == "slate"
        assert "data-md-color-switching" not in page.evaluate("window.__paletteChanges")
        page.click("[data-chronik-palette] label:not([hidden])")
        assert page.evaluate(scheme) == "default"
        page = dark.open("timeline/")
        assert page.evaluate(scheme) == "default", "the choice is remembered on the next page"
        assert "data-md-color-switching" not in page.evaluate("window.__paletteChanges")
        page.focus("[data-chronik-palette] input:checked")
        page.keyboard.press("Enter")
        assert page.evaluate(scheme) == "slate"
        for session in (light, dark):
            assert not session.log.errors, session.log.errors
    finally:
        light.close()
        dark.close()
