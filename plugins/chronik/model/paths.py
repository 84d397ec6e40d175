"""Where the JSON Schemas live (a light module: importing it loads no validator)."""

from __future__ import annotations

from pathlib import Path

SCHEMA_DIR = Path(__file__).with_name("schema")


def schema_path(kind: str) -> Path:
    """The schema file for a kind of content file: article, event, entity (or common)."""
    return SCHEMA_DIR / f"{kind}.schema.json"
