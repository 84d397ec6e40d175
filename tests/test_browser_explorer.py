"""Browser tests of the explorer: filters, shared URLs, the visual timeline, graphs, instant navigation,
accessibility (axe-core) and screenshots, in the system Chromium against a real built site.

Locally they skip when /usr/bin/chromium is missing; in CI (CI=true) they fail instead.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from browser.content import ARTICLE_ID
from browser.fixtures import Session
from chronik.explorer.data import event_year
from chronik.model import load_content

pytestmark = pytest.mark.browser

READY = ".chronik-explorer[data-cx=ready]"
VISIBLE_EVENTS = "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"


def expected(content: Path, year: str, entity: str | None = None, tag: str | None = None) -> list[str]:
    """Ids of the events of ``year`` that the filter should leave visible, in page order."""
    corpus, problems = load_content(content)
    assert not problems
    return [
        e.id
        for e in corpus.events_sorted()
        if event_year(e) == year and (entity is None or entity in e.entities) and (tag is None or tag in e.tags)
    ]


def visible(page: Any) -> list[str]:
    return page.eval_on_selector_all("article.chronik-event", VISIBLE_EVENTS)


def pick_entity(page: Any, text: str) -> None:
    """Use the type-ahead: type, wait for the option, choose it with the keyboard."""
    box = page.get_by_role("combobox", name="Akteur")
    box.fill(text)
    page.wait_for_selector(".cx-options [role=option]")
    box.press("ArrowDown")
    box.press("Enter")


def test_filter_by_entity_shows_only_its_events(session: Session, explorer_content: Path) -> None:
    page = session.open("timeline/2026/")
    page.wait_for_selector(READY)
    assert visible(page) == expected(explorer_content, "2026")
    pick_entity(page, "huaw")
    want = expected(explorer_content, "2026", entity="huawei")
    assert want and visible(page) == want
    page.wait_for_function("location.search.includes('entity=huawei')")
    corpus, _ = load_content(explorer_content)
    total = sum("huawei" in e.entities for e in corpus.events.values())
    page.wait_for_function(f"document.querySelector('.cx-count').textContent.startsWith('{total} von')")
    # combinable: a tag narrows further, one click clears everything
    page.get_by_label("Schlagwort").select_option("chips")
    assert visible(page) == expected(explorer_content, "2026", entity="huawei", tag="chips")
    page.get_by_role("button", name="Filter zurücksetzen").click()
    assert visible(page) == expected(explorer_content, "2026")
    page.wait_for_function("location.search === ''")


def test_shared_url_reloads_the_same_view(session: Session, explorer_content: Path) -> None:
    page = session.open("timeline/2026/?entity=huawei&tag=chips")
    page.wait_for_selector(READY)
    want = expected(explorer_content, "2026", entity="huawei", tag="chips")
    assert want and visible(page) == want
    assert page.locator(".cx-chip").inner_text().startswith("Huawei")
    assert page.get_by_label("Schlagwort").input_value() == "chips"
    page.reload(wait_until="networkidle")
    page.wait_for_selector(READY)
    assert visible(page) == want
    # the year links carry the filter to the other pages
    page.locator(".cx-years a", has_text="2025").click()
    page.wait_for_selector(".chronik-explorer[data-years='2025'][data-cx=ready]")
    assert "entity=huawei" in page.url
    assert visible(page) == expected(explorer_content, "2025", entity="huawei", tag="chips")


def test_zoom_and_click_an_item_scrolls_to_its_event(session: Session) -> None:
    page = session.open("timeline/2026/")
    page.wait_for_selector(READY)
    span = page.evaluate("chronikExplorer.vis.view().span")
    page.get_by_role("button", name="Vergrößern").click()
    page.get_by_role("button", name="Vergrößern").click()
    zoomed = page.evaluate("chronikExplorer.vis.view().span")
    assert zoomed < span / 3
    page.get_by_role("button", name="Alles zeigen").click()
    spot = page.evaluate("chronikExplorer.vis.itemRect('huawei-chips')")
    assert spot is not None
    page.mouse.click(spot["x"], spot["y"])
    page.wait_for_function("location.hash === '#huawei-chips'")
    assert page.evaluate(
        "(() => { const r = document.getElementById('huawei-chips').getBoundingClientRect();"
        " return r.top >= -2 && r.top < innerHeight; })()"
    )
    # keyboard: focus the timeline, step to the first item and open it
    page.locator(".cx-canvas").focus()
    page.keyboard.press("Home")
    page.keyboard.press("Enter")
    first = page.evaluate("chronikExplorer.vis.visibleIds()[0]")
    page.wait_for_function(f"location.hash === '#{first}'")
    page.locator(".cx-canvas").focus()
    page.keyboard.press("+")
    assert page.evaluate("chronikExplorer.vis.view().span") < span


def test_precision_is_drawn_honestly(session: Session) -> None:
    page = session.open("timeline/2026/")
    page.wait_for_selector(READY)
    page.get_by_role("button", name="Vergrößern").click()  # about half a year in view
    page.get_by_role("button", name="Alles zeigen").click()
    vis = "chronikExplorer.vis.itemRect"
    month = page.evaluate(f"{vis}('huang-exportregeln')")
    day = page.evaluate(f"{vis}('artikel-erschienen')")
    interval = page.evaluate(f"{vis}('huawei-chips')")
    open_start = page.evaluate(f"{vis}('exportstopp-usa')")
    open_end = page.evaluate(f"{vis}('china-rechenzentren')")
    assert day["point"] and not month["point"]
    assert month["w"] > 5 * interval["w"] > 0  # a month spans its month, two days are a short bar
    assert open_start["fadeL"] and not open_start["fadeR"]
    assert open_end["fadeR"] and not open_end["fadeL"]
    data = page.evaluate("fetch('../../explorer/events/2026.json').then(r => r.json())")
    titles = page.evaluate("fetch('../../explorer/titles/2026.json').then(r => r.json())")
    rows = {row[0]: row for row in data["e"]}
    jan1 = (dt.date(2026, 1, 1) - dt.date(1970, 1, 1)).days
    assert rows["huang-exportregeln"][1:4] == [jan1, jan1 + 30, ""]
    assert rows["exportstopp-usa"][1] is None and "<" in rows["exportstopp-usa"][3]
    assert "i" in rows["huawei-chips"][3]
    assert titles["t"][data["e"].index(rows["huawei-chips"])] == "Huawei kündigt Chips an"


def test_timeline_index_shows_all_years_as_density(session: Session) -> None:
    page = session.open("timeline/")
    page.wait_for_selector(READY)
    assert page.evaluate("chronikExplorer.vis.dense()")
    loaded = [u for u in session.log.requests if "/explorer/events/" in u]
    assert not loaded, loaded  # nothing but index.json before interaction
    # the keyboard picks the last bar; Enter zooms into its period and loads that year's events
    page.locator(".cx-canvas").focus()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.wait_for_function("!chronikExplorer.vis.dense() && chronikExplorer.vis.visibleIds().length > 0")


def test_instant_navigation_keeps_scripts_working(session: Session) -> None:
    page = session.open("")
    page.evaluate("window.__notReloaded = true")
    page.get_by_role("link", name="Zeitleiste").first.click()
    page.wait_for_selector(READY)
    page.locator(".cx-years a", has_text="2026").click()
    page.wait_for_selector(".chronik-explorer[data-years='2026'][data-cx=ready]")
    assert page.evaluate("window.__notReloaded === true"), "navigation was not instant"
    page.get_by_label("Typ").select_option("product")
    page.wait_for_function("location.search.includes('type=product')")
    shown = visible(page)
    assert shown and len(shown) < page.locator("article.chronik-event").count()
    chip = page.locator("article.chronik-event:not(.cx-hidden) a.chronik-chip[data-type=product]").first
    entity = chip.get_attribute("data-entity")
    chip.click()
    page.wait_for_url(f"**/entities/{entity}/")
    page.wait_for_selector(".chronik-graph[data-cx=ready]")
    assert page.evaluate("window.__notReloaded === true")
    # a neighbour in the local graph opens its page
    node = page.locator(f".cx-graph a.cx-node:not([data-entity={entity}])").first
    other = node.get_attribute("data-entity")
    node.click()
    page.wait_for_url(f"**/entities/{other}/")
    page.wait_for_selector(".chronik-graph[data-cx=ready]")


def test_overview_graph_links_to_entity_pages(session: Session) -> None:
    page = session.open("graph/")
    page.wait_for_selector(".chronik-graph[data-cx=ready]")
    assert page.locator(".cx-graph a.cx-node").count() == 8
    page.locator(".cx-graph a.cx-node[data-entity=tang-jie]").click()
    page.wait_for_url("**/entities/tang-jie/")


PAGES = {
    "home": "",
    "timeline": "timeline/2026/",
    "entity": "entities/zhipu/",
    "source": f"sources/{ARTICLE_ID}/",
    "graph": "graph/",
}


SCHEMES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("session", list(SCHEMES), indirect=True)
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_has_no_serious_violations(session: Session, name: str, request: pytest.FixtureRequest) -> None:
    from axe_playwright_python.sync_playwright import Axe

    scheme = SCHEMES[request.node.callspec.params["session"]]
    page = session.open(PAGES[name])
    if name in ("timeline",):
        page.wait_for_selector(READY)
    if name in ("entity", "graph"):
        page.wait_for_selector(".chronik-graph[data-cx=ready]")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    results = Axe().run(page)
    bad = [
        f"{v['id']} ({v['impact']}): " + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots(browser: Any, site_url: str, artifacts: Path, width: int, scheme: str) -> None:
    s = Session(browser, site_url, width=width, height=900 if width > 400 else 812, color_scheme=scheme)
    try:
        for name, path in PAGES.items():
            page = s.open(path)
            if name == "timeline":
                page.wait_for_selector(READY)
            if name in ("entity", "graph"):
                page.wait_for_selector(".chronik-graph[data-cx=ready]")
            page.screenshot(path=str(artifacts / f"{name}-{width}-{scheme}.png"), full_page=name != "source")
            if name == "timeline":
                page.locator(".chronik-explorer").screenshot(path=str(artifacts / f"explorer-{width}-{scheme}.png"))
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{name} scrolls sideways at {width}px"
    finally:
        s.close()
    assert not s.log.unexpected_errors(), s.log.errors
    assert not s.log.blocked, s.log.blocked
