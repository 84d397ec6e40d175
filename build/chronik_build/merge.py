"""Write stage: merge extracted items into the content folder without losing anything a person did.

For every file the extractor keeps a record of what it last wrote (content/.chronik/extracted/<kind>/<id>.json).
A 3-way comparison of record (base), file on disk (current) and new extraction decides each field:
- reviewed: true files and origin: manual events are never touched;
- a scalar a person changed (current != base) is kept; otherwise the new value is taken;
- list fields (aliases, sources, relations, facts …) keep what a person added, gain new items, lose items
  the extractor no longer finds; items a person deleted (in base, not in current) stay deleted;
- a file a person deleted is not recreated.
Files whose text would not change are not rewritten, so re-running on the same article changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronik.model.writer import atomic_write_bytes, atomic_write_text, render_yaml
from chronik.model.yamlload import load_yaml_file

FOLDERS = {"article": "articles", "event": "events", "entity": "entities"}
RECORD_DIR = Path(".chronik") / "extracted"


@dataclass
class Planned:
    """One file to write (text already rendered)."""

    path: Path
    text: str | None = None
    data: bytes | None = None
    record: Path | None = None
    record_data: dict | None = None


@dataclass
class Report:
    """What the write stage did."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _articles(x: Any) -> set[str]:
    """Article ids an item refers to (through sources at any depth)."""
    if isinstance(x, dict):
        out = {x["article"]} if isinstance(x.get("article"), str) else set()
        for v in x.values():
            out |= _articles(v)
        return out
    if isinstance(x, list):
        return set().union(*[_articles(v) for v in x]) if x else set()
    return set()


def merge_item(base: dict | None, current: dict, new: dict, article: str | None = None) -> tuple[dict, list[str]]:
    """3-way merge of one item; returns the result and the names of fields kept because a person changed them.

    An item the extractor wrote before and no longer finds is dropped only when it comes from this same
    article (other articles' facts about an entity stay)."""
    srcs = _articles(current.get("sources", []))
    owned = article is not None and bool(srcs) and srcs <= {article}
    out: dict[str, Any] = {}
    kept: list[str] = []
    keys = list(current) + [k for k in new if k not in current]
    for key in keys:
        in_cur, in_new = key in current, key in new
        b = base.get(key) if base is not None else None
        if not in_cur:
            if base is not None and key in base:
                kept.append(f"{key} (deleted)")
                continue
            out[key] = new[key]
            continue
        cur = current[key]
        if not in_new:
            out[key] = cur
            continue
        nv = new[key]
        if isinstance(cur, list) and isinstance(nv, list):
            base_list = b if isinstance(b, list) else []
            extra = [x for x in nv if x not in cur and x not in base_list]
            # drop what the extractor wrote before and no longer finds; keep what a person added
            out[key] = [x for x in cur if x in nv or x not in base_list
                        or not (owned or (_articles(x) and _articles(x) <= {article}))] + extra
            if base is not None and cur != base_list and [x for x in nv if x not in cur and x in base_list]:
                kept.append(key)
            continue
        if base is not None and key in base and cur == b:
            out[key] = nv
        else:
            out[key] = cur
            if cur != nv:
                kept.append(key)
    return out, kept


def deleted_by_hand(content: Path, kind: str, ident: str) -> bool:
    """The extractor wrote this item once and a person has deleted its file since."""
    return (not (content / FOLDERS[kind] / f"{ident}.yaml").exists()
            and (content / RECORD_DIR / kind / f"{ident}.json").exists())


def drop_entities(gone: set[str], events: dict[str, dict], entities: dict[str, dict]) -> None:
    """Remove every reference to entities that will not exist (so the result still validates)."""
    for ev in events.values():
        ev["entities"] = [i for i in ev.get("entities", []) if i not in gone]
        for q in ev.get("quotes", []):
            if q.get("speaker") in gone:
                del q["speaker"]
    for ent in entities.values():
        if "relations" in ent:
            ent["relations"] = [r for r in ent["relations"] if r["target"] not in gone]
            if not ent["relations"]:
                del ent["relations"]


def plan(content: Path, kind: str, ident: str, new: dict, report: Report,
         article: str | None = None) -> Planned | None:
    """Decide what to write for one item (None: nothing)."""
    path = content / FOLDERS[kind] / f"{ident}.yaml"
    record = content / RECORD_DIR / kind / f"{ident}.json"
    try:
        base = json.loads(record.read_text(encoding="utf-8")) if record.exists() else None
    except (ValueError, OSError):
        base = None  # a broken record: treat the file as if a person had written it
    if base is not None and not isinstance(base, dict):
        base = None
    if not path.exists():
        if base is not None:
            report.kept.append(f"{path}: deleted by hand, not recreated")
            return None
        final = new
    else:
        loaded, problems = load_yaml_file(path)
        if loaded is None:  # broken YAML is the validator's to report; we leave it alone
            report.kept.append(f"{path}: cannot be read ({problems[0].message}), left as it is")
            return None
        current = loaded.data
        if not isinstance(current, dict):
            report.kept.append(f"{path}: not a mapping, left as it is")
            return None
        if current.get("reviewed") is True:
            report.kept.append(f"{path}: reviewed, kept as it is")
            return None
        if current.get("origin") == "manual":
            report.kept.append(f"{path}: manual, kept as it is")
            return None
        final, kept = merge_item(base, current, new, article)
        for k in kept:
            report.kept.append(f"{path}: kept {k} changed by hand")
    text = render_yaml(path, final, kind)
    old = path.read_text(encoding="utf-8") if path.exists() else None
    rec_text = json.dumps(final, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    if old == text:
        report.unchanged.append(str(path))
        if not record.exists() or record.read_text(encoding="utf-8") != rec_text:
            return Planned(path=record, text=rec_text)
        return None
    report.written.append(str(path))
    return Planned(path=path, text=text, record=record, record_data=final)


def write_all(planned: list[Planned]) -> None:
    """Write every planned file atomically (records after their files)."""
    for p in planned:
        if p.data is not None:
            atomic_write_bytes(p.path, p.data)
        elif p.text is not None:
            atomic_write_text(p.path, p.text)
        if p.record is not None and p.record_data is not None:
            atomic_write_text(p.record, json.dumps(p.record_data, ensure_ascii=False, sort_keys=True, indent=1)
                              + "\n")
