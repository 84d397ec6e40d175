"""Load the language rules (YAML and derived word lists under rules/) once per process."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent / "rules"
LANGS = ("de", "en")


def _read_yaml(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data or {}


@functools.cache
def lang_rules(lang: str) -> dict[str, Any]:
    """Merged lang.yaml and time.yaml of one language."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r} (use one of {', '.join(LANGS)})")
    data = _read_yaml(RULES_DIR / lang / "lang.yaml")
    data["time"] = _read_yaml(RULES_DIR / lang / "time.yaml")
    return data


@functools.cache
def common_rules(name: str) -> dict[str, Any]:
    """rules/common/<name>.yaml."""
    return _read_yaml(RULES_DIR / "common" / f"{name}.yaml")


@functools.cache
def word_list(lang: str, name: str) -> frozenset[str]:
    """A derived lexicon: de/nouns.txt (common nouns), de/lower.txt, en/words.txt (lower-case words)."""
    path = RULES_DIR / lang / name
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[0].startswith("#"):
        lines = lines[1:]
    return frozenset(lines) - {""}


def alternation(words: list[str] | dict[str, Any]) -> str:
    """A regex alternation of words, longest first, escaped."""
    return _alternation(tuple(str(w) for w in words))


@functools.cache
def _alternation(words: tuple[str, ...]) -> str:
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in items) + ")"
