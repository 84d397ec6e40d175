"""Exports at scale: feeds hold the newest 100 entries by default, every event stays in JSON, CSV, iCalendar."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from chronik.exports import atom, csvdata, ics, jsondata
from chronik.exports.common import EVENTS_ATOM, EVENTS_ICS, EVENTS_JSON, ExportContext
from chronik.exports.config import ExportsConfig
from chronik.model import load_content

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synthetic import generate  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("scale") / "content"
    generate(root, 240, seed=5)
    loaded, problems = load_content(root)
    assert problems == []
    return loaded


def _entries(feed: str) -> list[str]:
    return [entry.findtext(f"{ATOM}id") for entry in ET.fromstring(feed).iter(f"{ATOM}entry")]


def test_feed_defaults_to_newest_100_and_data_keeps_all(corpus) -> None:
    ctx = ExportContext(corpus=corpus, site_url="https://example.org/")
    limited = _entries(atom.export(ctx)[EVENTS_ATOM])
    everything = _entries(atom.export(ExportContext(corpus=corpus, site_url="https://example.org/",
                                                    feed_limit=0))[EVENTS_ATOM])
    dated = [event for event in corpus.events.values() if event.date is not None]
    assert len(dated) > 100
    assert len(limited) == 100
    assert limited == everything[:100]  # the newest ones, in the same order
    assert len(json.loads(jsondata.export(ctx)[EVENTS_JSON])["events"]) == len(corpus.events)
    assert csvdata.export(ctx).count("\n") > len(corpus.events)  # header + one row per event (or more lines)
    assert ics.export(ctx)[EVENTS_ICS].count("BEGIN:VEVENT") == len(dated)


def test_plugin_option_default_is_100() -> None:
    config = ExportsConfig()
    config.load_dict({})
    errors, _ = config.validate()
    assert errors == []
    assert config.feed_limit == 100
