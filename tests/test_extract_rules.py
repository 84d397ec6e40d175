"""Rules are data and stay general; derived lists are reproducible; golden cases on unseen-style articles."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from chronik.model.yamlload import load_yaml_file
from chronik_build.pipeline import main
from chronik_build.rules import LANGS, lang_rules
from chronik_build.time import compiled
from chronik_build.tools import build_lexicons

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "chronik_build"
CASES = Path(__file__).resolve().parent / "extract"


@pytest.mark.parametrize("lang", LANGS)
def test_rules_load_and_patterns_compile(lang: str) -> None:
    rules = lang_rules(lang)
    for key in ("stopwords", "roles", "speech_verbs", "product_heads", "figure_labels", "time"):
        assert getattr(rules, key)
    patterns, _ = compiled(lang)
    kinds = {p.kind for p in patterns}
    assert {"date", "month", "quarter", "season", "weekday", "recent", "coming", "ago"} <= kinds


def test_no_development_article_names_in_build() -> None:
    names = [ln.strip() for ln in (CASES / "sample_names.lst").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])", re.IGNORECASE)
    hits = []
    for path in BUILD.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".yaml", ".txt", ".tsv"):
            for m in pattern.finditer(path.read_text(encoding="utf-8")):
                hits.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
    assert hits == []


@pytest.mark.skipif(not build_lexicons.NGERMAN.exists() or not build_lexicons.AMERICAN.exists(),
                    reason="needs apt-get install wngerman wamerican")
def test_derived_word_lists_are_up_to_date() -> None:
    for path, text in build_lexicons.derived().items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run python -m {build_lexicons.__name__}"


def read(path: Path) -> object:
    loaded, problems = load_yaml_file(path)
    assert loaded is not None, problems
    return loaded.data


def _names(data: dict) -> set[str]:
    return {data["name"], *data.get("aliases", [])}


def _bare(edtf: object) -> str | None:
    return None if edtf is None else re.sub(r"[~?%]", "", str(edtf))


def golden_failures(expected: dict, content: Path) -> list[str]:
    """What an extraction in `content` misses of a golden case's expected facts (checked as subsets)."""
    fails: list[str] = []
    art = read(next((content / "articles").glob("*.yaml")))
    if art["published"] != expected["published"]:
        fails.append(f"published {art['published']!r}")
    if art["title"] != expected["title"]:
        fails.append(f"title {art['title']!r}")
    missing = set(expected["chrome_reasons"]) - {c["reason"] for c in art.get("chrome", [])}
    if missing:
        fails.append(f"chrome reasons {sorted(missing)}")
    events = [read(p) for p in (content / "events").glob("*.yaml")]
    found = {s.get("time_expression"): ev["date"] for ev in events for s in ev["sources"]}
    for expr, date in expected["dates"].items():
        if found.get(expr) != date:
            fails.append(f"date {expr!r}: {found.get(expr)!r} != {date!r}")
    for want in expected.get("events", []):
        hits = [ev for ev in events if any(want["evidence"] in s.get("quote", "") for s in ev["sources"])]
        if not hits:
            fails.append(f"event missing: {want['evidence']!r}")
        elif _bare(want["date"]) not in {_bare(ev.get("date")) for ev in hits}:
            fails.append(f"event date {want['evidence'][:40]!r}: {[ev.get('date') for ev in hits]}")
    entities = [read(p) for p in (content / "entities").glob("*.yaml")]
    for name, type_ in expected["entities"].items():
        match = [e for e in entities if name in _names(e)]
        if len(match) != 1 or match[0]["type"] != type_:
            fails.append(f"entity {name!r}: {[(e['name'], e['type']) for e in match]}")
    by_id = {p.stem: read(p) for p in (content / "entities").glob("*.yaml")}
    for src, rtype, tgt in expected.get("relations", []):
        owners = [e for e in entities if src in _names(e)]
        rels = [(r["type"], _names(by_id.get(r["target"], {"name": r["target"]})))
                for e in owners for r in e.get("relations", [])]
        if not any(t == rtype and tgt in names for t, names in rels):
            fails.append(f"relation {src} {rtype} {tgt}: {rels}")
    for name in expected.get("not_entities", []):
        if any(name in _names(e) for e in entities):
            fails.append(f"not an entity: {name!r}")
    text = " ".join(str(s.get("quote", "")) for ev in events for s in ev["sources"])
    for chrome in expected.get("no_text", []):
        if chrome in text:
            fails.append(f"chrome in an event: {chrome!r}")
    if "title_quotes" in expected:
        wrong = set("„“”«»\"") - set(expected["title_quotes"])
        for ev in events:
            if set(ev["title"]) & wrong:
                fails.append(f"quote marks in title {ev['title']!r}")
    return fails


@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.txt")))
def test_golden_cases(case: str, tmp_path: Path) -> None:
    expected = yaml.safe_load((CASES / f"{case}.expected.yaml").read_text(encoding="utf-8"))
    article = tmp_path / f"{case}.txt"
    shutil.copyfile(CASES / f"{case}.txt", article)
    content = tmp_path / "content"
    assert main([str(article), "--content", str(content), *expected.get("args", [])]) == 0
    assert golden_failures(expected, content) == []


def test_every_relation_the_extractor_writes_has_site_labels() -> None:
    from chronik.model.vocab import relation_types

    written = {role for lang in LANGS for role in lang_rules(lang).roles}
    written |= set(re.findall(r'add\([^,]+, "([a-z_]+)"', (BUILD / "relations.py").read_text(encoding="utf-8")))
    assert written and written <= set(relation_types())
