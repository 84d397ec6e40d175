"""The rules files have the shape the code reads: JSON Schemas under rules/schema/, typed frozen objects, and
every key the code reads is defined (and every time-pattern kind has a resolver)."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import yaml
from chronik_build import rules as R
from chronik_build.time import RESOLVERS
from jsonschema import Draft202012Validator, FormatChecker

BUILD = Path(R.__file__).resolve().parent
SCHEMAS = R.RULES_DIR / "schema"
FILES = [(f"{lang}/lang.yaml", "lang") for lang in R.LANGS] + [(f"{lang}/time.yaml", "time") for lang in R.LANGS] + [
    ("common/chrome.yaml", "chrome"), ("common/languages.yaml", "languages")]


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("path", "name"), FILES)
def test_rules_files_match_their_schema(path: str, name: str) -> None:
    data = yaml.safe_load((R.RULES_DIR / path).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema(name), format_checker=FormatChecker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(("cls", "name", "skip"), [(R.LangRules, "lang", {"time"}), (R.TimeRules, "time", set()),
                                                    (R.ChromeRules, "chrome", set())])
def test_schemas_and_typed_rules_agree(cls: type, name: str, skip: set[str]) -> None:
    fields = {f.name for f in dataclasses.fields(cls)} - skip
    assert set(schema(name)["required"]) == fields == set(schema(name)["properties"])


def test_every_rules_key_the_code_reads_is_defined() -> None:
    fields = {f.name for cls in (R.LangRules, R.TimeRules, R.ChromeRules) for f in dataclasses.fields(cls)}
    read = set()
    for path in BUILD.glob("*.py"):
        read |= set(re.findall(r"\brules\.(?:time\.)?([a-z_]+)\b(?!\()", path.read_text(encoding="utf-8")))
    read -= {"time"}
    assert read and read <= fields, read - fields


@pytest.mark.parametrize("lang", R.LANGS)
def test_rules_are_loaded_once_frozen_and_every_pattern_kind_resolves(lang: str) -> None:
    rules = R.lang_rules(lang)
    assert R.lang_rules(lang) is rules
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.stopwords = ()  # type: ignore[misc]
    assert isinstance(rules.stopwords, tuple)
    with pytest.raises(TypeError):
        rules.roles["x"] = ()  # type: ignore[index]
    assert {p.kind for p in rules.time.patterns} <= set(RESOLVERS)


def test_a_rules_file_with_a_missing_or_unknown_key_is_a_clear_error(tmp_path: Path) -> None:
    data = {"line_patterns": [], "dateline": "x", "archive_prefix": "y", "short_line_words": 6, "wire_code_date": "z",
            "today_stamp": "t", "repeated_line_count": 3}
    assert R._build(R.ChromeRules, data, tmp_path / "chrome.yaml").short_line_words == 6
    with pytest.raises(R.RulesError, match=r"chrome.yaml: missing keys dateline; unknown keys datelines"):
        R._build(R.ChromeRules, {**{k: v for k, v in data.items() if k != "dateline"}, "datelines": "x"},
                 tmp_path / "chrome.yaml")
