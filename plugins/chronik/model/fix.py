"""`chronik validate --fix`: what can be repaired without guessing — a source's start/end from its quote."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .writer import atomic_write_text, check_tree_writable, content_lock, render_yaml
from .yamlload import dotted, load_yaml_file

KINDS = {"events": "event", "entities": "entity"}


def _sources(data: dict) -> Iterator[tuple[tuple, dict]]:
    """Every source of an event or entity with its path in the file."""
    for i, source in enumerate(data.get("sources") or []):
        yield ("sources", i), source
    for i, quote in enumerate(data.get("quotes") or []):
        if isinstance(quote, dict):
            yield ("quotes", i, "source"), quote.get("source")
    for key in ("relations", "facts"):
        for i, item in enumerate(data.get(key) or []):
            for j, source in enumerate(item.get("sources") or [] if isinstance(item, dict) else []):
                yield (key, i, "sources", j), source


def _offsets(text: str, quote: str, near: object) -> tuple[int, int] | None:
    """Where the quote stands in the text (the occurrence nearest the old start, if it occurs more than once)."""
    found, at = [], text.find(quote)
    while at >= 0:
        found.append(at)
        at = text.find(quote, at + 1)
    if not found:
        return None
    start = min(found, key=lambda x: abs(x - near)) if isinstance(near, int) else found[0]
    return start, start + len(quote)


def fix_offsets(data: dict, texts: dict[str, str]) -> list[str]:
    """Fill in or correct start/end of every source whose quote stands in its article; what was fixed."""
    fixed = []
    for path, source in _sources(data):
        if not isinstance(source, dict) or not isinstance(source.get("quote"), str) or not source["quote"]:
            continue
        text = texts.get(source.get("article"))  # type: ignore[arg-type]
        if text is None:
            continue
        start, end = source.get("start"), source.get("end")
        if isinstance(start, int) and isinstance(end, int) and text[start:end] == source["quote"]:
            continue
        where = _offsets(text, source["quote"], start)
        if where is not None:
            source["start"], source["end"] = where
            fixed.append(f"{dotted(path)}: start {where[0]}, end {where[1]}")
    return fixed


def fix_content(root: Path) -> list[str]:
    """Repair source offsets in every event and entity file of a content folder; one line per repair."""
    texts = {}
    for path in sorted((root / "articles").glob("*.txt")):
        try:
            texts[path.stem] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # validate reports it
    lines = []
    with content_lock(root):
        check_tree_writable(root)
        for folder, kind in KINDS.items():
            for path in sorted((root / folder).glob("*.yaml")):
                loaded, _ = load_yaml_file(path)
                if loaded is None or not isinstance(loaded.data, dict):
                    continue
                fixed = fix_offsets(loaded.data, texts)
                if fixed:
                    atomic_write_text(path, render_yaml(path, loaded.data, kind))
                    lines += [f"{path}: fixed {line}" for line in fixed]
    return lines
