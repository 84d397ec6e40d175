"""Curating the knowledge base: `chronik merge A B` (two entities or two events become one) and
`chronik remove article ID` (an article and what only it supports go; what people made stays).

Both rewrite the content files and the extractor's records together, so a later `chronik extract` sees no
hand edit where there is none, and both run under the content folder's lock.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronik.model.suggest import name_key, nearest_id
from chronik.model.writer import check_tree_writable, content_lock, render_yaml, write_batch
from chronik.model.yamlload import load_yaml_file, load_yaml_text

from .merge import (
    FOLDERS,
    RECORD_DIR,
    Planned,
    Record,
    Report,
    changes_of,
    combine,
    files_citing,
    parse_record,
    plan,
    read_record,
    record_path,
    union_items,
    write_all,
)

KINDS = {"entities": "entity", "events": "event", "articles": "article"}


class CurateError(Exception):
    """A mistake in what was asked (unknown id, two kinds): one line, exit 2."""


@dataclass
class Outcome:
    """What a curating command did, line by line, for the person who ran it."""

    lines: list[str] = field(default_factory=list)


def _load(path: Path) -> dict:
    loaded, problems = load_yaml_file(path)
    if loaded is None or not isinstance(loaded.data, dict):
        reason = problems[0] if problems else f"{path}: not a mapping"
        raise CurateError(f"{reason}; fix the file first")
    return loaded.data


def _all_readable(content: Path) -> None:
    """Refuse to start while any event or entity file cannot be read: a curating command rewrites many files
    and must not stop half-way."""
    for folder in ("events", "entities"):
        for path in sorted((content / folder).glob("*.yaml")):
            _load(path)


def _kind_of(content: Path, a: str, b: str) -> str:
    """'entity' or 'event': the folder holding both ids (else a clear error with the nearest ids)."""
    for folder in ("entities", "events"):
        if (content / folder / f"{a}.yaml").exists() and (content / folder / f"{b}.yaml").exists():
            return KINDS[folder]
    for ident in (a, b):
        if not any((content / f / f"{ident}.yaml").exists() for f in ("entities", "events")):
            ids = {p.stem: [p.stem] for f in ("entities", "events") for p in (content / f).glob("*.yaml")}
            near = nearest_id(ident, ids)
            raise CurateError(f"no entity or event '{ident}'" + (f"; did you mean '{near}'?" if near else ""))
    raise CurateError(f"'{a}' and '{b}' are not of one kind: merge two entities or two events")


# -- rewriting references ---------------------------------------------------------------------------------------

def _unique(items: list) -> list:
    out: list = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def rename_entity(data: dict, old: str, new: str) -> dict:
    """An event's or entity's data with every reference to entity `old` pointing at `new` (no duplicates)."""
    data = copy.deepcopy(data)
    if isinstance(data.get("entities"), list):
        data["entities"] = _unique([new if e == old else e for e in data["entities"]])
    for quote in data.get("quotes") or []:
        if isinstance(quote, dict) and quote.get("speaker") == old:
            quote["speaker"] = new
    if isinstance(data.get("relations"), list):
        for rel in data["relations"]:
            if isinstance(rel, dict) and rel.get("target") == old:
                rel["target"] = new
        data["relations"] = union_items([], data["relations"])
    return data


def _rewrite_all(content: Path, edit: Callable[[dict], dict], skip: set[Path]) -> list[Planned]:
    """Apply edit to every event and entity file and record (except skip); plan the ones that change."""
    planned = []
    for folder in ("events", "entities"):
        kind = KINDS[folder]
        for path in sorted((content / folder).glob("*.yaml")):
            if path in skip:
                continue
            data = _load(path)
            changed = edit(data)
            if changed != data:
                planned.append(Planned(path=path, text=render_yaml(path, changed, kind)))
            record = read_record(content, kind, path.stem)
            if record is not None:
                outputs = {a: edit(d) for a, d in record.outputs.items()}
                if outputs != record.outputs:
                    planned.append(Planned(path=record_path(content, kind, path.stem),
                                           text=Record(outputs, record.extracted_as).text()))
    return planned


# -- merge ------------------------------------------------------------------------------------------------------

def _merged_entity(a: dict, b: dict) -> dict:
    """Entity a with b's names as aliases and b's relations, figures, links and description (if a has none)."""
    out = copy.deepcopy(a)
    seen = {name_key(n) for n in [a.get("name", ""), *(a.get("aliases") or [])]}
    aliases = list(a.get("aliases") or [])
    for name in [b.get("name"), *(b.get("aliases") or [])]:
        if isinstance(name, str) and name_key(name) not in seen:
            seen.add(name_key(name))
            aliases.append(name)
    out["aliases"] = aliases
    for key in ("relations", "facts", "links"):
        if b.get(key):
            out[key] = union_items(list(a.get(key) or []), b[key])
    if not a.get("description") and b.get("description"):
        out["description"] = b["description"]
    return out


def _merged_event(a: dict, b: dict) -> dict:
    """Event a with b's entities, tags, quotes and sources added."""
    out = copy.deepcopy(a)
    for key in ("entities", "tags", "quotes", "sources"):
        if b.get(key):
            out[key] = union_items(list(a.get(key) or []), b[key])
    return out


def _merged_record(content: Path, kind: str, a: str, b: str, join: Callable[[dict, dict], dict]) -> Record | None:
    """a's record with b's outputs joined in (per article), so the extractor's version matches the file."""
    ra, rb = read_record(content, kind, a), read_record(content, kind, b)
    if ra is None and rb is None:
        return None
    out = Record(dict(ra.outputs), dict(ra.extracted_as)) if ra is not None else Record()
    for article, doc in (rb.outputs if rb is not None else {}).items():
        out.outputs[article] = join(out.outputs[article], doc) if article in out.outputs else doc
        if kind == "event" and rb is not None:
            out.extracted_as[article] = rb.extracted_as.get(article, b)
    if kind == "entity":
        out.outputs = {art: rename_entity(doc, b, a) for art, doc in out.outputs.items()}
        for doc in out.outputs.values():
            if isinstance(doc.get("relations"), list):
                doc["relations"] = [r for r in doc["relations"] if r.get("target") != a]
    return out


def merge(content: Path, a: str, b: str) -> Outcome:
    """Merge b into a (two entities or two events): nothing is lost, b's file goes, references follow."""
    if a == b:
        raise CurateError(f"'{a}' and '{b}' are the same")
    kind = _kind_of(content, a, b)
    folder = content / FOLDERS[kind]
    outcome = Outcome()
    with content_lock(content):
        check_tree_writable(content)
        _all_readable(content)
        pa, pb = folder / f"{a}.yaml", folder / f"{b}.yaml"
        da, db = _load(pa), _load(pb)
        join = _merged_entity if kind == "entity" else _merged_event
        merged = join(da, db)
        if kind == "entity":
            merged = rename_entity(merged, b, a)
            merged["relations"] = [r for r in merged.get("relations") or [] if r.get("target") != a]
            if not merged["relations"]:
                merged.pop("relations")
        planned = [Planned(path=pa, text=render_yaml(pa, merged, kind))]
        record = _merged_record(content, kind, a, b, join)
        if record is not None:
            planned.append(Planned(path=record_path(content, kind, a), text=record.text()))
        if kind == "entity":
            planned += _rewrite_all(content, lambda d: rename_entity(d, b, a), {pa, pb})
        planned += [Planned(path=pb, delete=True), Planned(path=record_path(content, kind, b), delete=True)]
        write_all(content, planned)
    outcome.lines.append(f"merged {pb} into {pa}")
    if kind == "entity":
        outcome.lines.append(f"'{db.get('name', b)}' is now an alias of '{da.get('name', a)}'; "
                             f"{len(planned) - 3 - (record is not None)} other files and records now point at '{a}'")
    return outcome


# -- remove an article --------------------------------------------------------------------------------------------

def _without_article(data: dict, article: str, keep_items: bool) -> dict:
    """data without any citation of article. A relation or figure only the article supported goes too,
    unless keep_items (a reviewed or manual file: a person vouched for it)."""
    data = copy.deepcopy(data)
    if isinstance(data.get("sources"), list):
        data["sources"] = [s for s in data["sources"] if not (isinstance(s, dict) and s.get("article") == article)]
    for quote in data.get("quotes") or []:
        if isinstance(quote, dict) and isinstance(quote.get("source"), dict) and \
                quote["source"].get("article") == article:
            del quote["source"]
    for key in ("relations", "facts"):
        items = []
        for item in data.get(key) or []:
            if isinstance(item, dict) and isinstance(item.get("sources"), list) and item["sources"]:
                rest = [s for s in item["sources"] if not (isinstance(s, dict) and s.get("article") == article)]
                if not rest and not keep_items:
                    continue
                item["sources"] = rest
            items.append(item)
        if key in data:
            data[key] = items
    return data


class _Pending:
    """The files `remove article` will write (bytes) or delete (None), not written yet: every step reads the
    content as the earlier steps left it, and all of it is written at the end as one journalled batch."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self.changes: dict[Path, bytes | None] = {}

    def plan(self, planned: list[Planned]) -> None:
        self.changes.update(changes_of(planned))

    def put(self, path: Path, text: str | None) -> None:
        self.changes[path] = None if text is None else text.encode("utf-8")

    def gone(self, path: Path) -> bool:
        return path in self.changes and self.changes[path] is None

    def files(self, folder: str, suffix: str = ".yaml") -> list[Path]:
        """The folder's files as they will be (on disk or planned, less those planned to go)."""
        base = self.content / folder
        found = {*base.glob(f"*{suffix}"), *(p for p in self.changes if p.parent == base and p.suffix == suffix)}
        return sorted(p for p in found if not self.gone(p))

    def load(self, path: Path) -> dict:
        if path not in self.changes:
            return _load(path)
        loaded, problems = load_yaml_text(self.changes[path].decode("utf-8"), str(path))  # type: ignore[union-attr]
        assert loaded is not None and isinstance(loaded.data, dict), problems  # our own rendering reads back
        return loaded.data

    def record(self, kind: str, ident: str) -> Record | None:
        path = record_path(self.content, kind, ident)
        if path not in self.changes:
            return read_record(self.content, kind, ident)
        data = self.changes[path]
        return None if data is None else parse_record(data.decode("utf-8"))


def _references(pending: _Pending, skip: set[Path]) -> dict[str, list[Path]]:
    """Entity id → files (other than skip) that name it."""
    refs: dict[str, list[Path]] = {}
    for folder in ("events", "entities"):
        for path in pending.files(folder):
            if path in skip:
                continue
            data = pending.load(path)
            named = [*(data.get("entities") or []), *(q.get("speaker") for q in data.get("quotes") or []
                                                      if isinstance(q, dict)),
                     *(r.get("target") for r in data.get("relations") or [] if isinstance(r, dict))]
            for ident in named:
                if isinstance(ident, str):
                    refs.setdefault(ident, []).append(path)
    return refs


def _strip_citations(pending: _Pending, article: str, skip: set[Path], outcome: Outcome) -> None:
    """Files that stay (reviewed, manual, edited by hand, still named) lose their citations of the article
    (files in skip may go: they are cleaned without a word)."""
    for folder in ("events", "entities"):
        kind = KINDS[folder]
        for path in pending.files(folder):
            data = pending.load(path)
            vouched = data.get("reviewed") is True or data.get("origin") == "manual"
            cleaned = _without_article(data, article, keep_items=vouched)
            if cleaned == data:
                continue
            why = " (reviewed)" if data.get("reviewed") is True else " (manual)" if vouched else ""
            if kind == "event" and data.get("origin") == "extracted" and not cleaned.get("sources"):
                cleaned["origin"] = "manual"  # a person's now: its only source is gone
                why += "; its only source was this article, so it is origin: manual now"
            if path not in skip:
                outcome.lines.append(f"kept {path}: its citations of the article were removed{why}")
            pending.put(path, render_yaml(path, cleaned, kind))
    for kind in ("event", "entity"):
        for record_file in pending.files(str(RECORD_DIR / kind), ".json"):
            record = pending.record(kind, record_file.stem)
            if record is not None and article in record.outputs:
                record.outputs.pop(article)
                record.extracted_as.pop(article, None)
                # no outputs left: the extractor made nothing of this file any more, it is a person's alone
                pending.put(record_file, record.text() if record.outputs else None)


def _remove_supported(pending: _Pending, article: str, report: Report, outcome: Outcome) -> None:
    """Events and entities this article alone supports go (unless a person edited them); others lose its
    outputs and citations. An entity that something staying still names stays (as a person's now)."""
    content = pending.content
    doomed: set[Path] = set()
    for kind in ("event", "entity"):
        planned = []
        for ident in sorted(files_citing(content, kind, article)):
            planned += plan(content, kind, ident, None, report, article)
        going = {p.path for p in planned if p.delete and p.path.suffix == ".yaml"}
        pending.plan([p for p in planned if not (p.delete and p.path in going)])
        for path in going:
            if kind == "event":
                pending.put(path, None)
            pending.put(record_path(content, kind, path.stem), None)
        doomed |= going if kind == "entity" else set()
    _strip_citations(pending, article, doomed, outcome)
    refs = _references(pending, doomed)
    for path in sorted(doomed):
        if refs.get(path.stem):
            report.removed.remove(str(path))
            report.kept.append(f"{path}: still named by {refs[path.stem][0]}")
        else:
            pending.put(path, None)


def remove_article(content: Path, article: str) -> Outcome:
    """Remove an article and everything only it supports; what people made or edited stays, said why.

    Every change is planned first and written as one batch (write_batch): a run killed at any moment leaves
    the old content or, once the next run has completed the journal, the new one."""
    folder = content / "articles"
    if not (folder / f"{article}.yaml").exists() and not (folder / f"{article}.txt").exists():
        near = nearest_id(article, {p.stem: [p.stem] for p in folder.glob("*.yaml")})
        raise CurateError(f"no article '{article}'" + (f"; did you mean '{near}'?" if near else ""))
    outcome = Outcome()
    with content_lock(content):
        check_tree_writable(content)
        _all_readable(content)
        report = Report()
        pending = _Pending(content)
        _remove_supported(pending, article, report, outcome)
        for path in (folder / f"{article}.txt", folder / f"{article}.yaml", record_path(content, "article", article)):
            if os.path.lexists(path):
                pending.put(path, None)
        write_batch(content, list(pending.changes.items()))
    outcome.lines[:0] = [f"removed {folder / article}.txt and .yaml"] + [f"removed {p}" for p in report.removed]
    outcome.lines += [f"kept {line}" for line in report.kept] + [f"updated {line}" for line in report.updated]
    return outcome


def machine_version(content: Path, kind: str, ident: str) -> dict[str, Any] | None:
    """The extractor's version of a file (for tests and tools)."""
    record = read_record(content, kind, ident)
    return combine(record.outputs) if record is not None else None
