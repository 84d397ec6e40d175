"""The exports, built into real MkDocs sites from a tiny content tree and read back with real parsers:
jsonschema, icalendar, xml.etree (Atom), csv, and the documented TimelineJS3 shape."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest
from chronik.model import load_content
from corpora import EVIL_TITLE, EXPORTS_HOME, exports_config
from corpora import EXPORTS_SITE_URL as SITE_URL
from harness import Project

ATOM = "{http://www.w3.org/2005/Atom}"


def exports_site(project: Project, site_url: str = SITE_URL, extra_yaml: str = "") -> Path:
    """The exports corpus with its home page, built as a subprocess with only the exports plugin."""
    project.content.exports().home(EXPORTS_HOME)
    config = project.write_inline_config(exports_config(site_url, extra_yaml))
    return project.build(config, subprocess_=True).require()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return exports_site(Project(tmp_path_factory.mktemp("exports")))


@pytest.fixture(scope="module")
def corpus(site: Path) -> Any:
    loaded, problems = load_content(site.parent / "content")
    assert not problems
    return loaded


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------------
# JSON


def test_events_json_matches_its_schema_and_the_content(site: Path, corpus: Any) -> None:
    document = _json(site / "data/events.json")
    schema = _json(site / "data/events.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert document["$schema"] == "events.schema.json"
    assert [e["id"] for e in document["events"]] == [e.id for e in corpus.events_sorted()]
    by_id = {e["id"]: e for e in document["events"]}
    for event in corpus.events.values():
        record = by_id[event.id]
        assert record["title"] == event.title
        assert record["summary"] == event.summary
        assert record["entities"] == list(event.entities)
        assert record["tags"] == list(event.tags)
        assert record["reviewed"] is event.reviewed
        assert record["url"].startswith(SITE_URL)
        if event.date is None:
            assert record["date"] is None
        else:
            assert record["date"]["edtf"] == event.date.text
        for source in record["sources"]:
            text = corpus.articles[source["article"]].text
            assert text[source["start"]:source["end"]] == source["quote"]
    assert by_id["zhipu-trading-starts"]["title"] == EVIL_TITLE
    autumn = by_id["zhipu-ipo-announced"]["date"]
    assert autumn == {"edtf": "2025-23", "start": "2025-09-01", "end": "2025-11-30", "precision": "season",
                      "approximate": False, "uncertain": False, "label": "Herbst 2025"}
    assert by_id["minimax-subscription"]["date"]["start"] is None
    assert by_id["minimax-subscription"]["date"]["end"] == "2026-01-16"
    assert by_id["zhipu-press-call"]["date"]["precision"] == "time"
    quote = by_id["zhipu-trading-starts"]["quotes"][0]
    assert quote["speaker"] == "tang-jie" and quote["text"] == "Wir sind bereit."
    assert {a["id"] for a in document["articles"]} == set(corpus.articles)
    assert document["updated"] == "2026-01-17T00:00:00+00:00"


def test_entities_json_matches_its_schema_and_the_content(site: Path, corpus: Any) -> None:
    document = _json(site / "data/entities.json")
    schema = _json(site / "data/entities.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert [e["id"] for e in document["entities"]] == sorted(corpus.entities)
    by_id = {e["id"]: e for e in document["entities"]}
    for entity in corpus.entities.values():
        record = by_id[entity.id]
        assert record["name"] == entity.name and record["type"] == entity.type
        assert record["events"] == [e.id for e in corpus.events_for(entity.id)]
    assert by_id["zhipu"]["description"] == "KI-Firma <i>aus</i> Peking & mehr"
    assert by_id["zhipu"]["facts"][0]["value"] == "3.5"  # numeric strings stay as written
    assert by_id["zhipu"]["facts"][0]["date"]["label"] == "Januar 2026"
    assert by_id["tang-jie"]["relations"] == [{"type": "founder_of", "target": "zhipu", "sources": []}]
    assert by_id["hongkong"]["events"] == []


def test_schemas_reject_a_malformed_document(site: Path) -> None:
    schema = _json(site / "data/events.schema.json")
    document = _json(site / "data/events.json")
    document["events"][0]["date"] = "2026"  # must be an object or null
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


# ---------------------------------------------------------------------------------------------------
# TimelineJS

_TL_DATE = {
    "type": "object",
    "required": ["year"],
    "additionalProperties": False,
    "properties": {
        "year": {"type": "integer"}, "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "minute": {"type": "integer", "minimum": 0, "maximum": 59},
        "display_date": {"type": "string"},
    },
}
_TL_TEXT = {"type": "object", "required": ["headline", "text"], "additionalProperties": False,
            "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}
#: The documented shape of data/timeline.json (TimelineJS3's JSON format, the parts we write).
TIMELINE_SHAPE = {
    "type": "object",
    "required": ["title", "events"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "object", "required": ["text"], "properties": {"text": _TL_TEXT}},
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["unique_id", "start_date", "text"],
                "additionalProperties": False,
                "properties": {
                    "unique_id": {"type": "string"}, "start_date": _TL_DATE, "end_date": _TL_DATE,
                    "text": _TL_TEXT, "group": {"type": "string"},
                },
            },
        },
    },
}


def test_timeline_json_has_the_timelinejs_shape(site: Path, corpus: Any) -> None:
    document = _json(site / "data/timeline.json")
    jsonschema.validate(document, TIMELINE_SHAPE)
    dated = [e.id for e in corpus.events_sorted() if e.date is not None]
    assert [s["unique_id"] for s in document["events"]] == dated
    slides = {s["unique_id"]: s for s in document["events"]}
    assert document["title"]["text"]["headline"] == "Chronik Test &amp; &lt;Co&gt;"
    evil = slides["zhipu-trading-starts"]
    assert evil["text"]["headline"] == "&lt;script&gt;alert(1)&lt;/script&gt; Zhipu &amp; Partner"
    assert "<b>" not in evil["text"]["text"] and "&lt;b&gt;fett&lt;/b&gt; &amp;" in evil["text"]["text"]
    assert evil["start_date"] == {"year": 2026, "month": 1, "day": 16, "display_date": "16. Januar 2026"}
    assert "end_date" not in evil and evil["group"] == "ipo"
    assert slides["minimax-founded"]["start_date"] == {"year": 2021, "display_date": "2021"}
    assert slides["zhipu-ipo-announced"]["start_date"]["month"] == 9
    assert slides["zhipu-ipo-announced"]["end_date"] == {"year": 2025, "month": 11}
    conference = slides["minimax-conference"]
    assert (conference["start_date"]["day"], conference["end_date"]) == (10, {"year": 2026, "month": 1, "day": 11})
    assert slides["minimax-subscription"]["start_date"]["day"] == 16
    assert slides["zhipu-press-call"]["start_date"]["hour"] == 13
    open_end = slides["minimax-listing-open"]
    assert open_end["start_date"] == {"year": 2026, "month": 1, "display_date": "seit Januar 2026"}
    assert "end_date" not in open_end


# ---------------------------------------------------------------------------------------------------
# iCalendar

EXPECTED_DAYS = {  # event id -> (DTSTART, DTEND exclusive)
    "zhipu-ipo-announced": (dt.date(2025, 9, 1), dt.date(2025, 12, 1)),
    "zhipu-trading-starts": (dt.date(2026, 1, 16), dt.date(2026, 1, 17)),
    "zhipu-share-price-rises": (dt.date(2026, 1, 1), dt.date(2026, 2, 1)),
    "minimax-conference": (dt.date(2026, 1, 10), dt.date(2026, 1, 12)),
    "minimax-subscription": (dt.date(2026, 1, 16), dt.date(2026, 1, 17)),
    "minimax-founded": (dt.date(2021, 1, 1), dt.date(2022, 1, 1)),
    "minimax-listing-open": (dt.date(2026, 1, 1), dt.date(2026, 2, 1)),
    "minimax-model-q1": (dt.date(2026, 1, 1), dt.date(2026, 4, 1)),
}


def _vevents(path: Path) -> dict[str, icalendar.Event]:
    raw = path.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines must be folded at 75 octets"
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")
    events = {}
    for component in calendar.walk("VEVENT"):
        event_id = str(component["UID"]).removesuffix("@chronik")
        assert event_id not in events
        events[event_id] = component
    return events


def test_ics_has_every_dated_event_with_its_true_span(site: Path, corpus: Any) -> None:
    events = _vevents(site / "events.ics")
    assert set(events) == {e.id for e in corpus.events.values() if e.date is not None}
    for event_id, (start, end) in EXPECTED_DAYS.items():
        component = events[event_id]
        assert component.decoded("DTSTART") == start, event_id
        assert component.decoded("DTEND") == end, event_id
        assert component["DTSTART"].params.get("VALUE") == "DATE"
        assert str(component["SUMMARY"]) == corpus.events[event_id].title
        assert corpus.events[event_id].date.text in str(component["DESCRIPTION"])
    timed = events["zhipu-press-call"]
    assert timed.decoded("DTSTART") == dt.datetime(2026, 1, 16, 12, 20, tzinfo=dt.UTC)
    assert "DTEND" not in timed
    autumn = str(events["zhipu-ipo-announced"]["DESCRIPTION"])
    assert "Herbst 2025" in autumn and "Genauigkeit: Jahreszeit" in autumn
    assert "Genauigkeit: Quartal, unsicher" in str(events["minimax-model-q1"]["DESCRIPTION"])
    assert "Genauigkeit: Monat, ungefähr" in str(events["zhipu-share-price-rises"]["DESCRIPTION"])
    assert str(events["zhipu-trading-starts"]["SUMMARY"]) == EVIL_TITLE
    assert str(events["zhipu-trading-starts"]["URL"]) == SITE_URL + "timeline/#zhipu-trading-starts" or \
        str(events["zhipu-trading-starts"]["URL"]).startswith(SITE_URL)
    summary = str(events["zhipu-ipo-announced"]["DESCRIPTION"]).splitlines()
    assert summary[:2] == ["Ankündigung, \"mit Anführungszeichen\", Kommas; und", "Zeilenumbruch."]


def test_per_entity_calendars_hold_exactly_the_entitys_events(site: Path, corpus: Any) -> None:
    for entity_id in corpus.entities:
        dated = {e.id for e in corpus.events_for(entity_id) if e.date is not None}
        path = site / f"data/entities/{entity_id}.ics"
        assert path.exists() == bool(dated)  # RFC 5545: a calendar holds at least one component
        if dated:
            assert set(_vevents(path)) == dated
    assert not (site / "data/entities/hongkong.ics").exists()


# ---------------------------------------------------------------------------------------------------
# Atom


def _feed(path: Path) -> ET.Element:
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert "<script>" not in raw
    root = ET.fromstring(raw)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    assert not [child for child in root.iter() if not child.tag.startswith(ATOM)]
    return root


def test_atom_feed_lists_every_event_newest_first(site: Path, corpus: Any) -> None:
    root = _feed(site / "events.atom")
    raw = (site / "events.atom").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Zhipu &amp; Partner" in raw
    assert root.findtext(f"{ATOM}title") == "Chronik Test & <Co>"
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == SITE_URL + "events.atom"
    entries = root.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert sorted(titles) == sorted(e.title for e in corpus.events.values())
    assert EVIL_TITLE in titles
    order = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(order)) == len(order) and all(i.startswith("urn:uuid:") for i in order)
    by_title = {e.findtext(f"{ATOM}title"): e for e in entries}
    newest = [corpus.events[i].title for i in (
        "minimax-model-q1", "zhipu-share-price-rises", "zhipu-trading-starts", "zhipu-press-call",
        "minimax-subscription", "minimax-conference", "minimax-listing-open", "zhipu-ipo-announced", "minimax-founded",
        "takeover-undated")]
    assert titles == newest
    for entry in entries:
        updated = entry.findtext(f"{ATOM}updated")
        assert dt.datetime.fromisoformat(updated.replace("Z", "+00:00")).tzinfo is not None
        assert entry.find(f"{ATOM}link").get("href").startswith(SITE_URL)
    summary = by_title[EVIL_TITLE].findtext(f"{ATOM}summary")
    assert summary.startswith("Handel beginnt <b>fett</b> & \"sicher\"")
    assert "16. Januar 2026" in summary
    categories = {c.get("term") for c in by_title[EVIL_TITLE].findall(f"{ATOM}category")}
    assert categories == {"ipo", "boerse", "zhipu", "tang-jie"}


def test_per_entity_feeds_hold_exactly_the_entitys_events(site: Path, corpus: Any) -> None:
    for entity_id, entity in corpus.entities.items():
        root = _feed(site / f"data/entities/{entity_id}.atom")
        assert root.findtext(f"{ATOM}title").startswith(entity.name)
        titles = sorted(e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry"))
        assert titles == sorted(e.title for e in corpus.events_for(entity_id))


# ---------------------------------------------------------------------------------------------------
# CSV


def test_csv_has_one_row_per_event(site: Path, corpus: Any) -> None:
    raw = (site / "events.csv").read_bytes()
    assert raw.endswith(b"\r\n")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert [r["id"] for r in rows] == [e.id for e in corpus.events_sorted()]
    by_id = {r["id"]: r for r in rows}
    for event in corpus.events.values():
        row = by_id[event.id]
        assert row["title"] == event.title and row["summary"] == event.summary
        assert row["date"] == (event.date.text if event.date else "")
        assert row["entities"].split("; ") == list(event.entities)
    assert by_id["zhipu-ipo-announced"]["date_label"] == "Herbst 2025"
    assert by_id["minimax-subscription"]["start"] == "" and by_id["minimax-subscription"]["end"] == "2026-01-16"
    assert by_id["takeover-undated"]["date_label"] == "ohne Datum"
    assert by_id["zhipu-trading-starts"]["source_urls"] == "https://example.org/zhipu?a=1&b=2"


# ---------------------------------------------------------------------------------------------------
# The plugin in a build


def test_builds_are_reproducible(site: Path, project: Project) -> None:
    again = exports_site(project)
    for path in ("data/events.json", "data/entities.json", "data/timeline.json", "events.ics",
                 "events.atom", "events.csv", "data/entities/zhipu.ics", "data/entities/zhipu.atom"):
        assert (again / path).read_bytes() == (site / path).read_bytes(), path


def test_without_site_url_links_are_relative_and_resolve(project: Project) -> None:
    site = exports_site(project, site_url="''")
    document = _json(site / "data/events.json")
    assert document["site_url"] is None
    assert document["events"][0]["url"].startswith("timeline/")
    feed = ET.fromstring((site / "data/entities/zhipu.atom").read_text(encoding="utf-8"))
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") == "../../"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "data/entities/zhipu.atom"


def test_plugin_can_be_switched_off(project: Project) -> None:
    site = exports_site(project, extra_yaml="")
    assert (site / "events.ics").exists()
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - chronik-exports\n", "  - chronik-exports:\n      enabled: false\n")
    (project.root / "mkdocs.yml").write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project.root, check=True)
    assert not (site / "events.ics").exists()


def test_export_urls_are_offered_to_templates(project: Project) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project.content.exports().home("# Test\n")
    config = load_config(str(project.write_inline_config(exports_config())))
    build(config)
    urls = config.extra["chronik_exports"]
    assert urls["ics"] == "events.ics" and urls["atom"] == "events.atom"
    assert urls["entity"]["zhipu"] == {"ics": "data/entities/zhipu.ics", "atom": "data/entities/zhipu.atom"}
    assert urls["entity"]["hongkong"] == {"atom": "data/entities/hongkong.atom"}  # no dated events
    for path in [v for v in urls.values() if isinstance(v, str)]:
        assert (project.root / "site" / path).is_file(), path
    assert re.fullmatch(r"[a-z./]+", urls["events_json"])


def test_ics_folding_keeps_characters_and_escapes_whole() -> None:
    from chronik.exports.ics import fold

    for text in ["x" * 200, "ä" * 100 + "b", "DESCRIPTION:" + "a\\,b\\;ü€😀 " * 40, "short"]:
        folded = fold(text)
        lines = folded.encode("utf-8").split(b"\r\n")
        assert all(len(line) <= 75 for line in lines)
        assert all(line.startswith(b" ") for line in lines[1:])
        assert folded.replace("\r\n ", "") == text
        assert not any(line.endswith(b"\\") for line in lines[:-1])


def test_json_layout_is_one_record_per_line_and_round_trips() -> None:
    from chronik.exports.jsondata import dumps

    document = {"a": 1, "list": [{"x": "<script>&", "y": [1, {"z": None}]}, {"x": "ü\n"}], "empty": [],
                "nested": {"k": [1, 2]}, "numbers": [1, 2]}
    text = dumps(document)
    assert json.loads(text) == document
    assert text.splitlines()[3] == '  {"x": "<script>&", "y": [1, {"z": null}]},'
    assert json.loads(dumps([1, 2])) == [1, 2]


def test_atom_escaping_survives_hostile_text() -> None:
    from chronik.exports.atom import attr, text

    hostile = 'a "quoted" <tag> & \'single\'\x00\x07 text\nline\ttab'
    element = ET.fromstring(f"<x a={attr(hostile)}>{text(hostile)}</x>")
    cleaned = hostile.replace("\x00", "").replace("\x07", "")
    assert element.get("a") == cleaned and element.text == cleaned


def test_english_exports_and_no_site_url(project: Project) -> None:
    from chronik.exports import ExportContext, build_exports

    corpus, problems = load_content(project.content.exports().root)
    assert not problems
    outputs = build_exports(ExportContext(corpus=corpus, title="T", language="en"))
    events = {e["id"]: e for e in json.loads(outputs["data/events.json"])["events"]}
    assert events["zhipu-ipo-announced"]["date"]["label"] == "Autumn 2025"
    assert events["zhipu-ipo-announced"]["url"] == "timeline/#zhipu-ipo-announced"
    calendar = icalendar.Calendar.from_ical(outputs["events.ics"])
    autumn = next(c for c in calendar.walk("VEVENT") if str(c["UID"]) == "zhipu-ipo-announced@chronik")
    assert "Date: Autumn 2025 (Precision: season; EDTF 2025-23)" in str(autumn["DESCRIPTION"])
    assert "URL" not in autumn  # no absolute address known
    rows = list(csv.DictReader(io.StringIO(outputs["events.csv"], newline="")))
    assert {r["date_label"] for r in rows} >= {"undated", "Autumn 2025"}


def test_template_partial_renders_escaped_links() -> None:
    from chronik.exports.links import MARKER, export_links, links_block
    from chronik.exports.plugin import TEMPLATES
    from jinja2 import Environment, FileSystemLoader

    links = export_links("entities/x/", "de", ("x", "A <b> & \"C\""))
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=False)
    html = env.get_template("chronik/exports.html").render(chronik_exports_links=links)
    assert MARKER in html and "A &lt;b&gt; &amp; &#34;C&#34;" in html and "<b>" not in html
    assert 'href="../../data/entities/x.atom"' in html and 'href="../../events.ics"' in html
    block = links_block(links, "de")
    assert "<b>" not in block and 'href="../../data/entities/x.ics"' in block


def test_invalid_content_fails_the_build_with_the_validators_message(project: Project) -> None:
    project.content.exports().home("# Test\n")
    project.content.raw("events/broken.yaml", "title: Ohne Datum und Herkunft\n")
    project.write_inline_config(exports_config())
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project.root,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "broken.yaml" in result.stderr and "Traceback" not in result.stderr


def test_csv_cells_never_run_as_spreadsheet_formulas() -> None:
    from chronik.exports.csvdata import guard

    assert guard("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert guard("-5 % Umsatz") == "'-5 % Umsatz" and guard("@Nvidia") == "'@Nvidia"
    assert guard("Nvidia stellt Rubin vor") == "Nvidia stellt Rubin vor"
