"""The visual timeline at 10,000 events, in the system Chromium: counts when far out, clusters with
their counts at a year or so, labelled events when zoomed in, and a click that expands a cluster.

The corpus is bench/synthetic.py's (10,000 events over ten years); its explorer JSON is computed by
the plugin's own code and served with the pages of the small test site (the canvas reads only the
JSON, so the 10,000 event pages need not be built).
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser.fixtures import Session
from browser.site import serve
from chronik.explorer.data import SiteMap, build_data
from chronik.model import load_content

pytestmark = pytest.mark.browser

READY = ".chronik-explorer[data-cx=ready]"
EVENTS = 10_000


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory, explorer_site: Path) -> Iterator[tuple[str, dict]]:
    """The small site's pages with the explorer JSON of a 10,000-event corpus; yields (URL, index.json)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from synthetic import generate

    work = tmp_path_factory.mktemp("large")
    generate(work / "content", EVENTS, seed=7)
    corpus, problems = load_content(work / "content")
    assert not problems and len(corpus.events) == EVENTS
    site = work / "site"
    shutil.copytree(explorer_site, site)
    shutil.rmtree(site / "explorer")
    for name, document in build_data(corpus, SiteMap()).documents.items():
        path = site / "explorer" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    index = json.loads((site / "explorer" / "index.json").read_text(encoding="utf-8"))
    with serve(site) as url:
        yield url, index


def drawn(page: Any) -> list[dict[str, str]]:
    """What the canvas drew, from its accessible layer once complete (it is written in chunks)."""
    page.wait_for_timeout(300)
    page.wait_for_selector(".cx-drawn:not([aria-busy])", state="attached")
    return page.eval_on_selector_all(
        ".cx-drawn li",
        "els => els.map(e => ({id: e.dataset.event || '', label: e.dataset.label || '', kind: e.dataset.kind,"
        " count: +(e.dataset.count || 0), text: e.textContent}))",
    )


def test_clusters_at_ten_thousand_events(browser: Any, large_site: tuple[str, dict]) -> None:
    url, index = large_site
    s = Session(browser, url)
    try:
        page = s.open("timeline/")
        page.wait_for_selector(READY)
        assert page.evaluate("chronikExplorer.vis.dense()")  # all years: counts per month or year
        bins = [i for i in drawn(page) if i["kind"] == "bin"]
        dated = EVENTS - sum(y["n"] for y in index["years"] if y["y"] == "undated")
        assert bins and sum(i["count"] for i in bins) == dated
        # zoom in three times (about 16 months in view): no longer counts, but events and clusters
        for _ in range(3):
            page.get_by_role("button", name="Vergrößern").click()
        page.wait_for_function("!chronikExplorer.vis.dense() && chronikExplorer.vis.clusters().length > 0")
        page.wait_for_function("document.querySelector('.cx-drawn li[data-kind=cluster]')")
        items = drawn(page)
        clusters = [i for i in items if i["kind"] == "cluster"]
        assert clusters and all(i["count"] > 1 and i["text"].startswith(f"{i['count']} Ereignisse") for i in clusters)
        # every event drawn once: alone or inside exactly one cluster
        ids = page.evaluate("chronikExplorer.vis.drawnIds()")
        assert len(ids) == len(set(ids)) == sum(i["count"] for i in clusters) + len([i for i in items if i["id"]])
        # a click on a cluster zooms into its period: its events get room and titles
        biggest = max(page.evaluate("chronikExplorer.vis.clusters()"), key=lambda c: c["n"])
        box = page.locator(".cx-canvas").bounding_box()
        before = page.evaluate("chronikExplorer.vis.view().span")
        page.mouse.click(box["x"] + biggest["x"] + biggest["w"] / 2, box["y"] + 60)
        page.wait_for_function(f"chronikExplorer.vis.view().span < {before} / 4")
        page.wait_for_function(
            "document.querySelectorAll('.cx-drawn li[data-label]:not([data-label=\"\"])').length > 5"
        )
        labelled = [i for i in drawn(page) if i["id"] and i["label"]]
        assert len(labelled) > 5
        assert all(i["text"].endswith(i["label"].rstrip("…")) or i["label"].endswith("…") for i in labelled)
        assert not s.log.errors, s.log.errors
    finally:
        s.close()
