"""Entity and relation type labels, read from vocab.yaml (data, not code)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

_VOCAB_FILE = Path(__file__).with_name("vocab.yaml")


@cache
def _vocab() -> dict:
    return yaml.safe_load(_VOCAB_FILE.read_text(encoding="utf-8"))


def _lang(entry: dict, lang: str) -> list[str]:
    return entry.get(lang) or entry["en"]


def entity_types() -> list[str]:
    """Known entity types in display order."""
    return list(_vocab()["entity_types"])


def entity_type_label(type_: str, lang: str = "de", plural: bool = False) -> str:
    """'Unternehmen', 'Personen' …; an unknown type shows its own name."""
    entry = _vocab()["entity_types"].get(type_)
    if entry is None:
        return type_.replace("_", " ").capitalize()
    return _lang(entry, lang)[1 if plural else 0]


def schema_org_type(type_: str) -> str:
    """The schema.org @type for an entity type (Thing when unknown)."""
    entry = _vocab()["entity_types"].get(type_)
    return entry.get("schema_org", "Thing") if entry else "Thing"


def relation_label(type_: str, lang: str = "de", inverse: bool = False) -> str:
    """'Gründer von' (forward) or 'Gründer' (seen from the target)."""
    entry = _vocab()["relation_types"].get(type_)
    if entry is None:
        words = type_.replace("_", " ")
        return f"{words} (←)" if inverse else words
    return _lang(entry, lang)[1 if inverse else 0]


def relation_types() -> list[str]:
    """Known relation types."""
    return list(_vocab()["relation_types"])
