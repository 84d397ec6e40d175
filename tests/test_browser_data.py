"""The explorer's JSON (no browser needed): chunks, titles, index, graphs agree with the corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from chronik.explorer.data import EPOCH, SiteMap, build_data, event_year
from chronik.explorer.pages import Harvest, process_page, relative_url
from chronik.model import load_content
from harness import Project


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - chronik.model.Corpus
    root = Project(tmp_path_factory.mktemp("explorer-data")).content.explorer().root
    loaded, problems = load_content(root)
    assert not problems
    return loaded


def test_chunks_hold_every_event_once_with_titles_in_the_same_order(corpus) -> None:  # noqa: ANN001
    docs = build_data(corpus, SiteMap()).documents
    index = docs["index.json"]
    seen = []
    for year in index["years"]:
        chunk = docs[f"events/{year['y']}.json"]["e"]
        titles = docs[f"titles/{year['y']}.json"]["t"]
        assert len(chunk) == len(titles) == year["n"]
        for row, title in zip(chunk, titles, strict=True):
            event = corpus.events[row[0]]
            assert event_year(event) == year["y"] and event.title == title
            seen.append(row[0])
    assert sorted(seen) == sorted(corpus.events) and index["n"] == len(corpus.events)


def test_rows_encode_bounds_flags_entities_and_tags(corpus) -> None:  # noqa: ANN001
    docs = build_data(corpus, SiteMap()).documents
    entities = [e[0] for e in docs["entities.json"]["e"]]
    tags = [t[0] for t in docs["index.json"]["tags"]]
    rows = {r[0]: r for y in docs["index.json"]["years"] for r in docs[f"events/{y['y']}.json"]["e"]}
    month = rows["huang-exportregeln"]
    assert month[1] == dt.date(2026, 1, 1).toordinal() - EPOCH and month[2] == month[1] + 30
    assert [entities[i] for i in month[4]] == ["jensen-huang", "nvidia", "usa"]
    assert [tags[i] for i in month[5]] == ["export"]
    assert rows["exportstopp-usa"][1] is None and "<" in rows["exportstopp-usa"][3]
    assert rows["china-rechenzentren"][2] is None and ">" in rows["china-rechenzentren"][3]
    assert "i" in rows["huawei-chips"][3] and "a" in rows["glm-4-ungefaehr"][3]
    assert rows["ohne-datum"][1:3] == [None, None]


def test_graphs_have_relations_and_shared_events(corpus) -> None:  # noqa: ANN001
    site = SiteMap(entity_pages={eid: f"entities/{eid}/" for eid in corpus.entities})
    docs = build_data(corpus, site).documents
    local = docs["local/zhipu.json"]
    names = [n[0] for n in local["nodes"]]
    assert names[0] == "zhipu" and {"tang-jie", "glm-4"} <= set(names)
    labels = {(names[a], names[b]): label for a, b, label, _ in local["edges"]}
    assert labels[("tang-jie", "zhipu")] and labels[("glm-4", "zhipu")]
    overview = docs["graph.json"]
    assert len(overview["nodes"]) == len(corpus.entities)
    assert all(n[4] == f"entities/{n[0]}/" for n in overview["nodes"])


def test_mount_points_and_harvest(corpus) -> None:  # noqa: ANN001
    site = SiteMap(entity_pages={"zhipu": "entities/zhipu/"})
    harvest = Harvest()
    page = (
        '<article class="md-content__inner md-typeset"><h1>2026</h1><div class="chronik-timeline">'
        '<article class="chronik-event" id="huawei-chips" data-event="huawei-chips">'
        '<a class="chronik-chip" data-entity="huawei" href="../../entities/huawei/">Huawei</a></article></div>'
    )
    out = process_page(page, "timeline/2026/", corpus, site, harvest, "timeline/")
    assert '<div class="chronik-explorer" data-years="2026" data-period="2026">' in out
    # a month page fits its month; a year's index of month pages (no events of its own) gets the explorer too
    month = process_page(page, "timeline/2026/01/", corpus, site, Harvest(), "timeline/")
    assert 'data-years="2026" data-period="2026-01"' in month
    index = process_page(
        '<article class="md-content__inner"><h1>2025</h1>', "timeline/2025/", corpus, site, Harvest(), "timeline/"
    )
    assert 'data-years="2025" data-period="2025"' in index
    assert out.index('class="chronik-explorer"') < out.index('<div class="chronik-timeline">')
    assert '<canvas class="cx-canvas"' in out and 'class="cx-drawn' in out  # controls and canvas in the HTML
    entity = process_page(
        '<article class="md-content__inner"><h1>Zhipu</h1><p>x</p><h2>y</h2>',
        "entities/zhipu/",
        corpus,
        site,
        harvest,
        "timeline/",
    )
    assert '<div class="chronik-graph" data-chronik-graph="local" data-entity="zhipu">' in entity
    assert entity.index('data-chronik-graph="local"') < entity.index("<h2>y</h2>")
    harvest.finish(site, "timeline/")
    assert site.event_pages["huawei-chips"] == "timeline/2026/"
    assert site.entity_pages["huawei"] == "entities/huawei/"
    assert site.timeline_pages["2026"] == "timeline/2026/"
    assert relative_url("graph/", "entities/zhipu/") == "../entities/zhipu/"


def test_no_page_changes_without_events(corpus, tmp_path: Path) -> None:  # noqa: ANN001
    html = "<article class='md-content__inner'><h1>About</h1></article>"
    assert process_page(html, "about/", corpus, SiteMap(), Harvest(), "timeline/") == html


def test_event_links_own_pages_or_their_cards(corpus) -> None:  # noqa: ANN001
    ids = sorted(corpus.events)
    own = {eid: f"events/{eid}/" for eid in ids}
    own[ids[0]] = "elsewhere/first/"  # a page outside the folder travels with its row
    pages = {eid: "timeline/2026/" for eid in ids}
    docs = build_data(corpus, SiteMap(event_pages=pages, event_links=own)).documents
    rows = {r[0]: r for y in docs["index.json"]["years"] for r in docs[f"events/{y['y']}.json"]["e"]}
    assert docs["index.json"]["eventPages"] == "events/"
    assert rows[ids[0]][8] == "elsewhere/first/" and all(len(rows[eid]) == 8 for eid in ids[1:])
    # chronik-events disabled: the site links the cards, which the scripts derive from the page
    cards = {eid: f"timeline/2026/#{eid}" for eid in ids}
    docs = build_data(corpus, SiteMap(event_pages=pages, event_links=cards)).documents
    rows = [r for y in docs["index.json"]["years"] for r in docs[f"events/{y['y']}.json"]["e"]]
    assert docs["index.json"]["eventPages"] is None and all(len(r) == 8 for r in rows)
