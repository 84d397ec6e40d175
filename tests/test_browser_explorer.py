"""Browser tests of the explorer: filters, shared URLs, the visual timeline, graphs, instant navigation,
accessibility (axe-core) and screenshots, in the system Chromium against a real built site.

Locally they skip when /usr/bin/chromium is missing; in CI (CI=true) they fail instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser.fixtures import Session
from chronik.explorer.data import event_year
from chronik.model import load_content
from corpora import EXPLORER_ARTICLE_ID as ARTICLE_ID
from harness import Project

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


def test_zoom_and_click_an_item_opens_its_event_page(session: Session) -> None:
    page = session.open("timeline/2026/")
    page.wait_for_selector(READY)
    span = page.evaluate("chronikExplorer.vis.view().span")
    page.get_by_role("button", name="Vergrößern").click()
    page.get_by_role("button", name="Vergrößern").click()
    zoomed = page.evaluate("chronikExplorer.vis.view().span")
    assert zoomed < span / 3
    page.get_by_role("button", name="Alles zeigen").click()
    page.locator(".cx-canvas").focus()
    page.keyboard.press("+")
    assert page.evaluate("chronikExplorer.vis.view().span") < span
    page.get_by_role("button", name="Alles zeigen").click()
    # the accessible layer links the same page the canvas opens
    twin = page.locator(".cx-drawn li[data-event='huawei-chips'] a")
    assert twin.evaluate("a => a.href") == session.base + "events/huawei-chips/"
    spot = page.evaluate("chronikExplorer.vis.itemRect('huawei-chips')")
    assert spot is not None
    page.mouse.click(spot["x"], spot["y"])
    page.wait_for_url("**/events/huawei-chips/")
    assert page.locator(".md-content h1").first.inner_text() == "Huawei kündigt Chips an"


CSP_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def test_canvas_opens_the_event_page_under_the_policy(browser: Any, site_url: str) -> None:
    """With the site's Content-Security-Policy enforced (other tests bypass it), a click on a mark opens
    its event page, the results link there too, and nothing is refused on the way."""
    s = Session(browser, site_url, enforce_csp=True)
    s.context.add_init_script(CSP_VIOLATIONS)
    page = s.open("timeline/2026/?tag=chips")
    page.wait_for_selector(".chronik-explorer[data-cx-complete=true] .cx-results:not([hidden]):not([aria-busy]) li")
    result = page.locator(".cx-results li[data-event='huawei-chips'] a")
    assert result.evaluate("a => a.href") == site_url + "events/huawei-chips/"
    spot = page.evaluate("chronikExplorer.vis.itemRect('huawei-chips')")
    page.mouse.click(spot["x"], spot["y"])
    page.wait_for_url("**/events/huawei-chips/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    s.close()
    assert not s.log.errors, s.log.errors
    assert not s.log.blocked, s.log.blocked


@pytest.fixture(scope="module")
def cards_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test site built with ``chronik-events: {enabled: false}``: events live only as year-page cards."""
    project = Project(tmp_path_factory.mktemp("explorer-cards"))
    project.content.explorer()
    with project.serve() as url:
        project.build(site_url=url, subprocess_=True, options={"chronik-events": {"enabled": False}}).require()
        yield url


def test_without_event_pages_the_explorer_links_the_cards(browser: Any, cards_site: str) -> None:
    s = Session(browser, cards_site)
    page = s.open("timeline/?tag=chips")
    page.wait_for_selector(".chronik-explorer[data-cx-complete=true] .cx-results:not([hidden]):not([aria-busy]) li")
    href = page.locator(".cx-results li[data-event='huawei-chips'] a").evaluate("a => a.href")
    assert href.startswith(cards_site + "timeline/") and href.endswith("/#huawei-chips")
    twin = page.locator(".cx-drawn li[data-event='huawei-chips'] a")
    assert twin.evaluate("a => a.href") == href
    spot = page.evaluate("chronikExplorer.vis.itemRect('huawei-chips')")
    page.mouse.click(spot["x"], spot["y"])
    page.wait_for_function("location.hash === '#huawei-chips'")
    assert "/events/" not in page.url
    page.wait_for_selector("article.chronik-event#huawei-chips")
    s.close()
    assert not s.log.errors, s.log.errors


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


def drawn(page: Any) -> list[dict[str, str]]:
    """What the canvas drew, read back from its accessible layer (written shortly after each draw, in chunks:
    aria-busy until the last one)."""
    page.wait_for_function("document.querySelector('.cx-drawn').children.length > 0")
    page.wait_for_timeout(250)
    page.wait_for_selector(".cx-drawn:not([aria-busy])", state="attached")
    return page.eval_on_selector_all(
        ".cx-drawn li",
        "els => els.map(e => ({id: e.dataset.event || '', label: e.dataset.label || '', kind: e.dataset.kind,"
        " count: e.dataset.count || '', text: e.textContent}))",
    )


def titles(content: Path) -> dict[str, str]:
    corpus, _ = load_content(content)
    return {e.id: e.title for e in corpus.events.values()}


def test_timeline_index_shows_every_event_labelled(session: Session, explorer_content: Path) -> None:
    """A small corpus: the index page draws every dated event with its title, across all years."""
    page = session.open("timeline/")
    page.wait_for_selector(READY)
    assert not page.evaluate("chronikExplorer.vis.dense()")
    page.wait_for_function("document.querySelector('.cx-drawn li[data-label=\"Zhipu gegründet\"]')")
    items = drawn(page)
    by_id = {i["id"]: i for i in items if i["id"]}
    dated = {k for k, v in titles(explorer_content).items() if k != "ohne-datum"}
    assert set(by_id) == dated
    assert by_id["zhipu-gegruendet"]["kind"] == "band"  # a year: a soft band, not a duration
    assert by_id["glm-4-vorgestellt"]["kind"] == "band"  # a season
    # the keyboard picks the first item and Enter opens its event's own page
    page.locator(".cx-canvas").focus()
    page.keyboard.press("Home")
    first = page.evaluate("chronikExplorer.vis.visibleIds()[0]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/events/{first}/")


def test_titles_are_on_the_canvas_at_the_default_zoom(session: Session, explorer_content: Path) -> None:
    page = session.open("timeline/2026/")
    page.wait_for_selector(READY)
    page.wait_for_function("document.querySelector('.cx-drawn li[data-label=\"Huawei kündigt Chips an\"]')")
    names = titles(explorer_content)
    items = [i for i in drawn(page) if i["id"]]
    assert {i["id"] for i in items} == {e for e in expected(explorer_content, "2026")} - {"ohne-datum"}
    for item in items:
        title = names[item["id"]]
        assert item["label"] == title or (item["label"].endswith("…") and title.startswith(item["label"][:-1]))
        assert item["text"].endswith(title)
    full = [i for i in items if i["label"] == names[i["id"]]]
    assert len(full) >= len(items) * 0.8, items
    kinds = {i["id"]: i["kind"] for i in items}
    assert kinds["huang-exportregeln"] == "band" and kinds["artikel-erschienen"] == "point"
    assert kinds["exportstopp-usa"] == "open" and kinds["china-rechenzentren"] == "open"
    assert not [i for i in drawn(page) if i["kind"] == "cluster"]  # 17 events: no need to cluster


def test_results_list_counts_and_canvas_agree(session: Session, explorer_content: Path) -> None:
    corpus, _ = load_content(explorer_content)
    page = session.open("timeline/2026/?tag=chips")
    page.wait_for_selector(READY)
    page.wait_for_selector(".chronik-explorer[data-cx-complete=true] .cx-results:not([hidden]):not([aria-busy]) li")
    want = [e for e in corpus.events_sorted() if "chips" in e.tags]
    count = page.locator(".cx-count").inner_text()
    assert count.startswith(f"{len(want)} von {len(corpus.events)}")
    links = page.eval_on_selector_all(".cx-results li a", "as => as.map(a => [a.href, a.textContent])")
    ids = page.eval_on_selector_all(".cx-results li", "lis => lis.map(li => li.dataset.event)")
    assert sorted(ids) == sorted(e.id for e in want)
    assert sorted(text for _, text in links) == sorted(e.title for e in want)
    # absolute from a nested page: the site's root, not the page's folder
    assert [href for href, _ in links] == [session.base + f"events/{i}/" for i in ids]
    months = page.eval_on_selector_all(".cx-results h3", "hs => hs.map(h => h.textContent)")
    assert months == ["Januar 2025", "Juli 2025", "Januar 2026", "April 2026", "Oktober 2026", "Ohne Datum"]
    canvas = set(page.evaluate("chronikExplorer.vis.drawnIds()"))
    assert canvas == {e.id for e in want if e.date is not None}
    # a second filter: list, counts and canvas follow; the URL keeps both
    page.get_by_label("Typ").select_option("place")
    page.wait_for_function("location.search.includes('type=place') && location.search.includes('tag=chips')")
    both = [e for e in want if any(corpus.entities[x].type == "place" for x in e.entities if x in corpus.entities)]
    page.wait_for_function(f"document.querySelectorAll('.cx-results li').length === {len(both)}")
    assert set(page.evaluate("chronikExplorer.vis.drawnIds()")) == {e.id for e in both if e.date is not None}
    page.get_by_role("button", name="Filter zurücksetzen").click()
    page.wait_for_selector(".cx-results[hidden]", state="attached")


def test_malformed_url_values_leave_the_explorer_working(session: Session, explorer_content: Path) -> None:
    page = session.open("timeline/2026/?from=99999-99-99&to=2026-02-30")
    page.wait_for_selector(READY)
    assert visible(page) == expected(explorer_content, "2026")
    assert page.get_by_label("Von").input_value() == ""
    page.wait_for_function("location.search === ''")
    page = session.open("timeline/2026/?entity=constructor,__proto__,huawei")
    page.wait_for_selector(READY)
    assert page.locator(".cx-chip span").all_inner_texts() == ["Huawei"]
    assert visible(page) == expected(explorer_content, "2026", entity="huawei")
    page.wait_for_function("location.search === '?entity=huawei'")
    page = session.open("timeline/2026/?entity=constructor&type=toString&tag=hasOwnProperty")
    page.wait_for_selector(READY)
    assert page.locator(".cx-chip").count() == 0
    assert visible(page) == expected(explorer_content, "2026")


def test_keyboard_and_minimap_move_the_view(session: Session) -> None:
    page = session.open("timeline/2026/")
    page.wait_for_selector(READY)
    view = page.evaluate("chronikExplorer.vis.view()")
    page.locator(".cx-canvas").focus()
    page.keyboard.press("Shift+ArrowRight")
    moved = page.evaluate("chronikExplorer.vis.view()")
    assert moved["from"] > view["from"] and abs(moved["span"] - view["span"]) < 1e-6
    page.keyboard.press("-")
    assert page.evaluate("chronikExplorer.vis.view().span") > view["span"] * 1.9
    page.keyboard.press("0")
    assert page.evaluate("chronikExplorer.vis.view()") == view
    # drag the minimap's window to the left: the view follows to earlier dates
    box = page.locator(".cx-minimap").bounding_box()
    start = page.evaluate(
        "(() => { const m = chronikExplorer.vis.timeline.minimap, v = chronikExplorer.vis.timeline.view;"
        " const w = m.canvas.getBoundingClientRect().width; return (m.x(v.t0, w) + m.x(v.t1, w)) / 2; })()"
    )
    page.mouse.move(box["x"] + start, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + start - 80, box["y"] + box["height"] / 2, steps=4)
    page.mouse.up()
    page.wait_for_timeout(100)
    after = page.evaluate("chronikExplorer.vis.view()")
    assert after["from"] < view["from"] and abs(after["span"] - view["span"]) < 1e-6


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
    node.locator("circle").click()
    page.wait_for_url(f"**/entities/{other}/")
    page.wait_for_selector(".chronik-graph[data-cx=ready]")


def test_overview_graph_links_to_entity_pages(session: Session) -> None:
    page = session.open("graph/")
    page.wait_for_selector(".chronik-graph[data-cx=ready]")
    assert page.locator(".cx-graph a.cx-node").count() == 8
    page.locator(".cx-graph a.cx-node[data-entity=tang-jie] circle").click()
    page.wait_for_url("**/entities/tang-jie/")


def test_touch_drags_and_pinches_the_timeline(browser: Any, site_url: str) -> None:
    """One finger pans the view sideways, two fingers spreading apart zoom in (real touch events)."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(site_url + "timeline/2026/", wait_until="networkidle")
        page.wait_for_selector(READY)
        box = page.locator(".cx-canvas").bounding_box()
        y = box["y"] + box["height"] / 2
        cdp = context.new_cdp_session(page)

        def touch(kind: str, *xs: float) -> None:
            points = [{"x": x, "y": y, "id": i} for i, x in enumerate(xs)]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

        view = page.evaluate("chronikExplorer.vis.view()")
        touch("touchStart", box["x"] + 250)
        for x in (230, 200, 170, 150):
            touch("touchMove", box["x"] + x)
        touch("touchEnd")
        page.wait_for_timeout(100)
        panned = page.evaluate("chronikExplorer.vis.view()")
        assert panned["from"] > view["from"] and abs(panned["span"] - view["span"]) < 1e-6
        touch("touchStart", box["x"] + 150, box["x"] + 200)
        for spread in (30, 50, 70, 90):
            touch("touchMove", box["x"] + 150 - spread, box["x"] + 200 + spread)
        touch("touchEnd")
        page.wait_for_timeout(100)
        assert page.evaluate("chronikExplorer.vis.view().span") < panned["span"] / 2
    finally:
        context.close()


def graph_json(site: Path, name: str = "graph.json") -> dict[str, Any]:
    import json

    return json.loads((site / "explorer" / name).read_text(encoding="utf-8"))


LABEL_SHOWN = "el => getComputedStyle(el.querySelector('.cx-label')).visibility === 'visible'"


def test_overview_graph_focus_mode_and_type_filter(session: Session, explorer_site: Path) -> None:
    graph = graph_json(explorer_site)
    names = {n[0]: n[1] for n in graph["nodes"]}
    assert all(0 <= n[5] <= 1 and 0 <= n[6] <= 1 for n in graph["nodes"])  # laid out at build time
    page = session.open("graph/")
    page.wait_for_selector(".chronik-graph[data-cx=ready]")
    shown = "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.entity)"
    assert len(page.eval_on_selector_all(".cx-graph a.cx-node", shown)) == len(names)
    # focus mode: the entity and its neighbours only, all of them labelled
    zhipu = [n[0] for n in graph["nodes"]].index("zhipu")
    neighbours = {graph["nodes"][b if a == zhipu else a][0] for a, b, *_ in graph["edges"] if zhipu in (a, b)}
    page.get_by_label("Fokus auf").select_option("zhipu")
    page.wait_for_selector(".chronik-graph[data-focus=zhipu]")
    assert set(page.eval_on_selector_all(".cx-graph a.cx-node", shown)) == neighbours | {"zhipu"}
    labels = page.eval_on_selector_all(".cx-graph a.cx-node:not(.cx-off)", f"els => els.map({LABEL_SHOWN})")
    assert labels and all(labels)
    page.get_by_label("Fokus auf").select_option("")
    # the type filter keeps one kind of entity
    page.get_by_label("Typ").select_option("person")
    people = {n[0] for n in graph["nodes"] if n[2] == "person"}
    assert set(page.eval_on_selector_all(".cx-graph a.cx-node", shown)) == people


def test_graph_labels_hubs_and_the_rest_on_focus(browser: Any, site_url: str, explorer_site: Path) -> None:
    s = Session(browser, site_url, width=375, height=812)
    try:
        page = s.open("graph/")
        page.wait_for_selector(".chronik-graph[data-cx=ready]")
        hubs = page.eval_on_selector_all(".cx-node.cx-hub", "els => els.length")
        others = page.locator(".cx-node:not(.cx-hub)")
        assert 0 < hubs <= 6 and others.count() > 0
        assert not others.first.evaluate(LABEL_SHOWN)
        others.first.focus()
        assert others.first.evaluate(LABEL_SHOWN)
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1
    finally:
        s.close()
    assert not s.log.errors, s.log.errors


def test_pages_do_not_shift_while_the_explorer_and_graphs_mount(browser: Any, site_url: str) -> None:
    """Cumulative layout shift (the browser's own measure) stays below 0.05 on every page kind."""
    for width in (375, 1280):
        s = Session(browser, site_url, width=width, height=812 if width < 400 else 900)
        try:
            s.context.add_init_script(
                "window.__cls = 0; new PerformanceObserver(l => { for (const e of l.getEntries())"
                " if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});"
            )
            for path, ready in (
                ("timeline/2026/", READY),
                ("timeline/", READY),
                ("graph/", ".chronik-graph[data-cx=ready]"),
                ("entities/zhipu/", ".chronik-graph[data-cx=ready]"),
            ):
                page = s.open(path)
                page.wait_for_selector(ready)
                page.wait_for_timeout(300)
                cls = page.evaluate("window.__cls")
                assert cls < 0.05, f"{path} at {width}px: CLS {cls:.3f}"
        finally:
            s.close()


def test_without_javascript_the_explorer_takes_no_room(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for path in ("timeline/2026/", "graph/", "entities/zhipu/"):
            page.goto(site_url + path)
            assert page.locator(".chronik-explorer, .chronik-graph").first.is_hidden(), path
        assert page.locator(".chronik-event, .chronik-graph-list li").count() or True
        page.goto(site_url + "graph/")
        assert page.locator(".chronik-graph-list a").count() == 8  # the list view works without JavaScript
    finally:
        context.close()


PAGES = {
    "home": "",
    "timeline": "timeline/2026/",
    "timeline-index": "timeline/",
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
    if name.startswith("timeline"):
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
            if name.startswith("timeline"):
                page.wait_for_selector(READY)
                page.wait_for_function("document.querySelector('.cx-drawn li[data-label]:not([data-label=\"\"])')")
            if name in ("entity", "graph"):
                page.wait_for_selector(".chronik-graph[data-cx=ready]")
            page.screenshot(path=str(artifacts / f"{name}-{width}-{scheme}.png"), full_page=name != "source")
            if name.startswith("timeline"):
                page.locator(".chronik-explorer").screenshot(
                    path=str(artifacts / f"explorer-{name}-{width}-{scheme}.png")
                )
            if name == "graph":
                page.locator(".chronik-graph").screenshot(path=str(artifacts / f"graph-drawing-{width}-{scheme}.png"))
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{name} scrolls sideways at {width}px"
        # the filtered state: results listed under the explorer
        page = s.open("timeline/2026/?tag=chips")
        page.wait_for_selector(".chronik-explorer[data-cx-complete=true] .cx-results:not([hidden]):not([aria-busy]) li")
        page.locator(".chronik-explorer").screenshot(path=str(artifacts / f"explorer-filtered-{width}-{scheme}.png"))
    finally:
        s.close()
    assert not s.log.errors, s.log.errors
    assert not s.log.blocked, s.log.blocked
