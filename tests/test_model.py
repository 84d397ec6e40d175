"""The content model's parts: EDTF, date display, the strict loader, the writer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from chronik.model import EDTFError, format_edtf, load_content, parse_edtf, render_yaml, slugify, write_yaml
from chronik.model.yamlload import load_yaml_text
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(("text", "lower", "upper", "precision"), [
    ("2026", "2026-01-01", "2026-12-31", "year"),
    ("2026-01", "2026-01-01", "2026-01-31", "month"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2026-01-16", "2026-01-16", "2026-01-16", "day"),
    ("2026-01-16T13:20", "2026-01-16", "2026-01-16", "day"),
    ("2025-21", "2025-03-01", "2025-05-31", "season"),
    ("2025-23", "2025-09-01", "2025-11-30", "season"),
    ("2025-24", "2025-12-01", "2026-02-28", "season"),
    ("2025-35", "2025-07-01", "2025-09-30", "quarter"),
    ("2026-41", "2026-07-01", "2026-12-31", "half"),
    ("2026-01-10/2026-01-11", "2026-01-10", "2026-01-11", "interval"),
    ("../2026-01-16", None, "2026-01-16", "open"),
    ("2026-01/..", "2026-01-01", None, "open"),
    ("2025-09-22~", "2025-09-22", "2025-09-22", "day"),
])
def test_edtf_bounds_and_precision(text: str, lower: str | None, upper: str | None, precision: str) -> None:
    value = parse_edtf(text)
    assert (value.lower.isoformat() if value.lower else None) == lower
    assert (value.upper.isoformat() if value.upper else None) == upper
    assert value.precision == precision


@pytest.mark.parametrize("text", ["2025-13", "2026-02-30", "26-01", "2026/01", "2026-01-11/2026-01-10", "../..",
                                  "2026-25", "2026-21-01", " 2026", "", "2026-01-16T25:00", "heute"])
def test_edtf_rejects(text: str) -> None:
    with pytest.raises(EDTFError):
        parse_edtf(text)


def test_edtf_qualifiers() -> None:
    assert parse_edtf("2025-09-22~").approximate
    assert parse_edtf("2025?").uncertain
    both = parse_edtf("2025-11%")
    assert both.approximate and both.uncertain


def test_edtf_sorts_by_bounds() -> None:
    texts = ["2026", "2026-01-16", "2025-23", "../2026-01-16", "2026-01", "2026-01-10/2026-01-11", "2025"]
    ordered = sorted(texts, key=lambda t: parse_edtf(t).sort_key())
    # earliest lower bound first, narrower span first; an open start ('recently') sits at its known end
    assert ordered == ["2025", "2025-23", "2026-01", "2026", "2026-01-10/2026-01-11", "../2026-01-16",
                       "2026-01-16"]


@pytest.mark.parametrize(("text", "de", "en"), [
    ("2025-23", "Herbst 2025", "Autumn 2025"),
    ("2026-01", "Januar 2026", "January 2026"),
    ("2026-01-10/2026-01-11", "10.–11. Januar 2026", "10–11 January 2026"),
    ("../2026-01-16", "vor dem 16. Januar 2026", "before 16 January 2026"),
    ("2025-09-22~", "ca. 22. September 2025", "c. 22 September 2025"),
    ("2025-11?", "November 2025 (?)", "November 2025 (?)"),
    ("2026-07/2026-12", "Juli–Dezember 2026", "July–December 2026"),
    ("2025-35", "3. Quartal 2025", "Q3 2025"),
])
def test_format_edtf(text: str, de: str, en: str) -> None:
    assert format_edtf(parse_edtf(text), "de") == de
    assert format_edtf(parse_edtf(text), "en") == en


def test_loader_keeps_written_types() -> None:
    loaded, problems = load_yaml_text("a: 2026-01-16\nb: NO\nc: 1.10\nd: 12\ne: true\nf: ~\ng: yes\n", "x.yaml")
    assert problems == []
    assert loaded.data == {"a": "2026-01-16", "b": "NO", "c": "1.10", "d": 12, "e": True, "f": None, "g": "yes"}


def test_writer_round_trips_through_the_strict_loader(tmp_path: Path) -> None:
    data = {"title": "true", "date": "2026-01-16", "summary": "NO", "entities": ["a"], "origin": "manual",
            "tags": [], "reviewed": False}
    path = tmp_path / "events" / "x.yaml"
    write_yaml(path, data, "event")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert text.splitlines()[1].startswith("date:")  # schema order, not insertion order
    loaded, problems = load_yaml_text(text, "x.yaml")
    assert problems == [] and loaded.data == data
    assert render_yaml(path, data, "event") == text  # stable: writing again changes nothing
    assert not list(path.parent.glob(".*.tmp"))


def test_schema_header_points_at_the_schema(tmp_path: Path) -> None:
    # a checkout: the header points at the repository's schemas, wherever Chronik itself is installed
    schemas = tmp_path / "plugins" / "chronik" / "model" / "schema"
    schemas.mkdir(parents=True)
    (schemas / "entity.schema.json").write_text("{}", encoding="utf-8")
    path = tmp_path / "data" / "content" / "entities" / "x.yaml"
    write_yaml(path, {"name": "X", "type": "place"}, "entity")
    target = path.read_text(encoding="utf-8").splitlines()[0].split("$schema=")[1]
    assert (path.parent / target).resolve().name == "entity.schema.json"
    assert (path.parent / target).resolve().exists()


def test_slugify() -> None:
    assert slugify("Südostasien & Naher Osten") == "suedostasien-naher-osten"
    assert slugify("  Jay  Goldberg ") == "jay-goldberg"
    assert len(slugify("wort " * 40)) <= 80


# Any text either loads or yields problems; the loader never raises.
yaml_like = st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`,?~\n\t 0123456789.\\")), max_size=200)


@settings(max_examples=300, deadline=None)
@given(yaml_like)
def test_any_text_loads_or_yields_problems(text: str) -> None:
    loaded, problems = load_yaml_text(text, "x.yaml")
    assert (loaded is None) == bool(problems)


@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    scalars = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False),
                        st.dates().map(dt.date.isoformat))
    tree = st.recursive(scalars, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8),
                        kids, max_size=4), max_leaves=12)
    keys = st.sampled_from(["date", "title", "summary", "entities", "tags", "quotes", "sources", "origin",
                            "reviewed", "id", "extra"])
    return yaml.safe_dump(draw(st.dictionaries(keys, tree, max_size=8)), allow_unicode=True)


@settings(max_examples=200, deadline=None)
@given(yaml_documents())
def test_any_event_file_validates_or_yields_problems(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    root = tmp_path_factory.mktemp("content")
    (root / "events").mkdir()
    (root / "events" / "e.yaml").write_text(text, encoding="utf-8")
    corpus, problems = load_content(root)
    assert problems or "e" in corpus.events
