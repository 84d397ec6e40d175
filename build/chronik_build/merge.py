"""Write stage: merge extracted items into the content folder without losing anything a person did.

For every file the extractor keeps a record of what each article made of it, exactly as extracted
(content/.chronik/extracted/<kind>/<id>.json: ``{"format": 2, "outputs": {article id: item}}``). The
extractor's version of a file is those outputs combined (`combine`); it is never mixed with hand edits.
A 3-way comparison of the old extractor version (base), the file on disk (current) and the new extractor
version decides each field (`merge_item`):
- reviewed: true files and origin: manual items are never touched;
- a field a person changed, added or deleted (current != base) keeps the person's value;
- otherwise the extractor's new value is taken, and every field so overwritten is reported by name;
- list fields (aliases, sources, relations, facts …) keep what a person added, gain new items, lose items the
  extractor no longer finds; items a person deleted stay deleted;
- a file a person deleted is not recreated; a file no article yields any more goes, unless a person edited it.
Because the base is always the extractor's own output, a hand edit is recognised on every later run, not only
the first. Files whose data would not change are not rewritten, so re-running on the same article changes nothing.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronik.model.edtf import EDTFError, parse_edtf
from chronik.model.writer import render_yaml, write_batch
from chronik.model.yamlload import load_yaml_file

FOLDERS = {"article": "articles", "event": "events", "entity": "entities"}
RECORD_DIR = Path(".chronik") / "extracted"
RECORD_FORMAT = 2
MISSING: Any = object()  # a field that is absent (distinct from a field set to null)


@dataclass
class Planned:
    """One file to write (text already rendered), or to delete (delete=True)."""

    path: Path
    text: str | None = None
    data: bytes | None = None
    record: Path | None = None
    record_text: str | None = None
    delete: bool = False


@dataclass
class Report:
    """What the write stage did."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)


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


# -- the extractor's version of a file -----------------------------------------------------------------------

def _cited(item: dict) -> list:
    """The citations of a list item: its `sources` (relations, facts)."""
    return item.get("sources") if isinstance(item.get("sources"), list) else []


def _identity(item: Any) -> str:
    """What makes two list items the same thing (a relation told by two articles is one; a figure compares
    without its date, see `_same_date`)."""
    if isinstance(item, dict) and "sources" in item:
        item = {k: v for k, v in item.items() if k not in ("sources", "date")}
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _span(date: Any) -> tuple | None:
    try:
        parsed = parse_edtf(date)
    except (EDTFError, TypeError):
        return None
    return (parsed.lower, parsed.upper) if parsed.lower and parsed.upper else None


def _same_date(a: dict, b: dict) -> str | None | bool:
    """Whether two figures' dates can be one date: False if not, else the date to keep (the more precise one
    when one lies inside the other: '2025-11-19' within '2025-11')."""
    da, db = a.get("date"), b.get("date")
    if da == db or db is None:
        return da
    if da is None:
        return db
    sa, sb = _span(da), _span(db)
    if sa is None or sb is None:
        return False
    if sa[0] <= sb[0] and sb[1] <= sa[1]:
        return db
    if sb[0] <= sa[0] and sa[1] <= sb[1]:
        return da
    return False


def union_items(first: list, second: list) -> list:
    """Both lists' items once each, in order; equal relations and figures pool their sources (figures whose
    dates fit into each other are one figure, dated as precisely as either says)."""
    out = copy.deepcopy(first)
    index: dict[str, list] = {}
    for x in out:
        index.setdefault(_identity(x), []).append(x)
    for item in second:
        same = None
        for known in index.get(_identity(item), []):
            date = _same_date(known, item) if isinstance(item, dict) and "sources" in item else (
                None if known == item else False)
            if date is not False:
                same = known
                break
        if same is None:
            copied = copy.deepcopy(item)
            index.setdefault(_identity(item), []).append(copied)
            out.append(copied)
        elif isinstance(item, dict) and _cited(item):
            if date is not None:
                same["date"] = date
            pooled = same.setdefault("sources", [])
            pooled.extend(copy.deepcopy(s) for s in _cited(item) if s not in pooled)
    return out


def combine(outputs: dict[str, dict]) -> dict | None:
    """The extractor's version of a file from what each article made of it (None when no article yields it).

    Articles count in the order they first told the item (records keep that order): scalars come from the first
    article that has them (a later article, maybe in another language, does not retitle an event or rename an
    entity); lists are united, equal items pooling their sources."""
    out: dict[str, Any] = {}
    for doc in outputs.values():
        for key, value in doc.items():
            if key not in out:
                out[key] = copy.deepcopy(value)
            elif isinstance(value, list) and isinstance(out[key], list):
                out[key] = union_items(out[key], value)
            elif key == "date" and _narrower(value, out[key]):
                out[key] = value  # one happening told twice: the most precise date any article gives
    return out or None


def _narrower(date: Any, than: Any) -> bool:
    """date is a closed span inside `than`'s and shorter ('2025-12-08' within '../2026-01-16' or '2025-12')."""
    inner, outer = _span(date), _span(than)
    if inner is None:
        return False
    if outer is None:
        try:
            parsed = parse_edtf(than)
        except (EDTFError, TypeError):
            return False
        upper, lower = parsed.upper, parsed.lower  # an open interval: inside its one bound
        return (upper is None or inner[1] <= upper) and (lower is None or inner[0] >= lower)
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


# -- 3-way merge -------------------------------------------------------------------------------------------------

def _merge_list(base: list, current: list, new: list) -> list:
    """Item-wise 3-way merge: a person's additions and deletions win, the extractor's changes follow."""
    kept = [x for x in current if x in new or x not in base]  # drop what the extractor no longer finds
    return kept + [x for x in new if x not in current and x not in base]


def _same_items(x: Any, y: Any) -> bool:
    """Equal, or two lists of the same items in another order (order alone is no one's edit)."""
    if x == y:
        return True
    if not (isinstance(x, list) and isinstance(y, list)) or len(x) != len(y):
        return False
    def canon(items: list) -> list[str]:
        return sorted(json.dumps(i, sort_keys=True, ensure_ascii=False) for i in items)
    return canon(x) == canon(y)


def merge_item(base: dict | None, current: dict, new: dict) -> tuple[dict, list[str], list[str]]:
    """3-way merge of one item: (result, fields kept because a person changed them, fields overwritten).

    base is the extractor's previous version (None when unknown: then everything on disk counts as a
    person's), current the file on disk, new the extractor's version now. Lists keep the file's order."""
    base = base if base is not None else {}
    out: dict[str, Any] = {}
    kept: list[str] = []
    overwritten: list[str] = []
    for key in list(current) + [k for k in new if k not in current]:
        b, c, n = base.get(key, MISSING), current.get(key, MISSING), new.get(key, MISSING)
        lists = isinstance(c, list) and isinstance(n, list)
        untouched = _same_items(c, n) or _same_items(c, b)
        if lists:
            value = _merge_list(b if isinstance(b, list) else [], c, n)
            if not untouched and not _same_items(value, n):
                kept.append(key)
        elif untouched:  # agreed, or untouched by hand: the extractor's value
            value = n
        else:  # the person changed it: the person's value wins
            value = c
            kept.append(f"{key} (deleted)" if c is MISSING else key)
        if c is not MISSING and not _same_items(value, c):
            overwritten.append(key)
        if value is not MISSING:
            out[key] = value
    return out, kept, overwritten


# -- records --------------------------------------------------------------------------------------------------------

def record_path(content: Path, kind: str, ident: str) -> Path:
    """Where the extractor's record of one file lives."""
    return content / RECORD_DIR / kind / f"{ident}.json"


@dataclass
class Record:
    """The extractor's record of one file: what each article made of it, and under which of the extractor's
    ids when that differs from the file's (an event merged into one another article told)."""

    outputs: dict[str, dict] = field(default_factory=dict)
    extracted_as: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """The record's file text: articles in the order they came, every item's keys sorted (stable diffs)."""
        outputs = {article: json.loads(json.dumps(doc, sort_keys=True)) for article, doc in self.outputs.items()}
        data: dict[str, Any] = {"format": RECORD_FORMAT, "outputs": outputs}
        if self.extracted_as:
            data["extracted_as"] = dict(sorted(self.extracted_as.items()))
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_record(content: Path, kind: str, ident: str) -> Record | None:
    """The record of a file (None: no record, the extractor never wrote it, or it cannot be read)."""
    path = record_path(content, kind, ident)
    if not path.exists():
        return None
    try:
        return parse_record(path.read_text(encoding="utf-8"))
    except OSError:
        return None


def parse_record(text: str) -> Record | None:
    """A record from its file text (None: it cannot be read, so the file counts as a person's)."""
    try:
        data = json.loads(text)
    except ValueError:
        return None  # a broken record: treat the file as if a person had written it
    if not isinstance(data, dict):
        return None
    if data.get("format") == RECORD_FORMAT and isinstance(data.get("outputs"), dict):
        outputs = {k: v for k, v in data["outputs"].items() if isinstance(v, dict)}
        ids = data.get("extracted_as") if isinstance(data.get("extracted_as"), dict) else {}
        return Record(outputs, {k: v for k, v in ids.items() if isinstance(v, str)})
    # a record of the first format held one merged item: credit it to the article(s) it cites
    cited = sorted(_articles(data))
    return Record({cited[0] if len(cited) == 1 else "": data})


def read_outputs(content: Path, kind: str, ident: str) -> dict[str, dict] | None:
    """What each article made of a file (None: no record)."""
    record = read_record(content, kind, ident)
    return record.outputs if record is not None else None


def deleted_by_hand(content: Path, kind: str, ident: str) -> bool:
    """The extractor wrote this item once and a person has deleted its file since."""
    return (not (content / FOLDERS[kind] / f"{ident}.yaml").exists()
            and record_path(content, kind, ident).exists())


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


# -- planning one file ---------------------------------------------------------------------------------------------

def _read_current(path: Path, report: Report) -> dict | None:
    """The file on disk as data, or None (and a note) when the extractor must leave it alone."""
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
    return current


def plan(content: Path, kind: str, ident: str, new: dict | None, report: Report,
         article: str | None = None, extracted_as: str | None = None) -> list[Planned]:
    """Decide what to write for one file, given what `article` makes of it now (None: nothing any more).

    extracted_as: the extractor's own id for the item when it goes into a file of another id (merged)."""
    path = content / FOLDERS[kind] / f"{ident}.yaml"
    record = record_path(content, kind, ident)
    old = read_record(content, kind, ident)
    key = article or ""
    if old is not None and "" in old.outputs and key and not _articles(old.outputs[""]):
        old.outputs[key] = old.outputs.pop("")  # a first-format record of an item citing nothing: this article's
    updated = Record(dict(old.outputs), dict(old.extracted_as)) if old is not None else Record()
    updated.extracted_as.pop(key, None)
    if new is None:
        updated.outputs.pop(key, None)
    else:
        updated.outputs[key] = new  # in its place: a re-extract does not make an article the last
        if extracted_as is not None and extracted_as != ident:
            updated.extracted_as[key] = extracted_as
    base = combine(old.outputs) if old is not None else None
    machine = combine(updated.outputs)
    rec_text = updated.text()
    if not path.exists():
        if old is not None:
            if new is not None:
                report.kept.append(f"{path}: deleted by hand, not recreated")
            return []
        if machine is None:
            return []
        report.written.append(str(path))
        return [Planned(path=path, text=render_yaml(path, machine, kind), record=record, record_text=rec_text)]
    current = _read_current(path, report)
    if current is None:
        return []
    rec_changed = not record.exists() or record.read_text(encoding="utf-8") != rec_text
    if machine is None:  # no article yields this file any more
        if base is not None and current == base:
            report.removed.append(str(path))
            return [Planned(path=path, delete=True), Planned(path=record, delete=True)]
        report.kept.append(f"{path}: no longer extracted, kept because it was changed by hand")
        return [Planned(path=record, text=rec_text)] if rec_changed else []
    final, kept, overwritten = merge_item(base, current, machine)
    report.kept.extend(f"{path}: kept {k} changed by hand" for k in kept)
    if final == current:  # compare data, not text: a person's formatting and comments stay
        report.unchanged.append(str(path))
        return [Planned(path=record, text=rec_text)] if rec_changed else []
    if overwritten:
        report.updated.append(f"{path}: {', '.join(overwritten)}")
    report.written.append(str(path))
    return [Planned(path=path, text=render_yaml(path, final, kind), record=record,
                    record_text=rec_text if rec_changed else None)]


def write_all(content: Path, planned: list[Planned]) -> None:
    """Write every planned file as one batch (write_batch: a crash leaves the old state or, completed by the
    next run, the new one)."""
    write_batch(content, changes_of(planned))


def changes_of(planned: list[Planned]) -> list[tuple[Path, bytes | None]]:
    """The planned files as write_batch's changes (bytes, or None to delete); a record after its file, as a
    person would read them."""
    changes: list[tuple[Path, bytes | None]] = []
    for p in planned:
        if p.delete:
            changes.append((p.path, None))
            continue
        if p.data is not None:
            changes.append((p.path, p.data))
        elif p.text is not None:
            changes.append((p.path, p.text.encode("utf-8")))
        if p.record is not None and p.record_text is not None:
            changes.append((p.record, p.record_text.encode("utf-8")))
    return changes


def files_citing(content: Path, kind: str, article: str) -> set[str]:
    """Ids of the files of a kind whose record holds something extracted from `article`."""
    folder = content / RECORD_DIR / kind
    if not folder.is_dir():
        return set()
    needle = json.dumps(article)  # cheap pre-filter before parsing
    found = set()
    for path in folder.glob("*.json"):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        if needle in text and article in (read_outputs(content, kind, path.stem) or {}):
            found.add(path.stem)
    return found
