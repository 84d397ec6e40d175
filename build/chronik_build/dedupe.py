"""One happening, several articles: decide which event file each of an article's events goes into.

An event another article already told (same happening by `chronik.model.duplicates.same_happening`) goes into
that article's event file, as one more output in its record, so the file gains the sources, entities and quotes
of both. The choice is remembered in the record (`extracted_as`), so a re-extract sends each event where it went
before, whatever else changed meanwhile.
"""

from __future__ import annotations

import json
from pathlib import Path

from chronik.model.duplicates import Signature, best_match, signature

from .merge import RECORD_DIR, Report, read_record


def event_signature(ident: str, data: dict) -> Signature:
    """The signature of an event's data (its date, entities, and the quotes of its sources)."""
    sources = [s for s in data.get("sources") or [] if isinstance(s, dict)]
    texts = [str(s.get("quote", "")) for s in sources] + [str(data.get("title", ""))]
    return signature(ident, data.get("date"), [e for e in data.get("entities") or [] if isinstance(e, str)],
                     texts, [str(s.get("article")) for s in sources])


def _untouchable(path: Path) -> bool:
    """A reviewed or manual file takes nothing from the extractor, so nothing may be merged into it."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return True
    return "\nreviewed: true" in text or "\norigin: manual" in text


def _scan(content: Path, article: str) -> tuple[dict[str, str], list[tuple[str, list[dict]]]]:
    """(where this article's events went before: extractor id → file id; other articles' events, each as
    every article told it)."""
    previous: dict[str, str] = {}
    others: list[tuple[str, list[dict]]] = []
    folder = content / RECORD_DIR / "event"
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        record = read_record(content, "event", path.stem)
        if record is None:
            continue
        if article in record.outputs:
            previous[record.extracted_as.get(article, path.stem)] = path.stem
        rest = [d for a, d in record.outputs.items() if a != article]
        if rest:
            others.append((path.stem, rest))
    return previous, others


def _candidates(data: dict, others: list[tuple[str, list[dict]]], taken: set[str], content: Path,
                cache: dict[str, tuple[Signature, ...]]) -> list[tuple[Signature, ...]]:
    """Other articles' events that could be this one: two shared entities at least (a cheap test first; the
    signatures, which cost, are made only for those, once per run)."""
    mine = set(data.get("entities") or [])
    out = []
    for ident, told in others:
        if ident in taken or len(mine & set(told[0].get("entities") or [])) < 2:
            continue
        if ident not in cache:
            if not (content / "events" / f"{ident}.yaml").exists():
                continue
            cache[ident] = tuple(event_signature(ident, d) for d in told)
        out.append(cache[ident])
    return out


def event_targets(content: Path, article: str, events: dict[str, dict], types: dict[str, str],
                  report: Report) -> dict[str, str]:
    """Extractor event id → the event file (id) it goes into; merges are noted in the report."""
    previous, others = _scan(content, article)
    signatures: dict[str, tuple[Signature, ...]] = {}
    targets: dict[str, str] = {}
    taken: set[str] = set()  # one output per article and file: two events of one article stay two
    for ident, data in events.items():
        target = previous.get(ident)
        exists = (content / "events" / f"{ident}.yaml").exists() or (content / RECORD_DIR / "event" /
                                                                      f"{ident}.json").exists()
        if target is None and not exists:
            pool = _candidates(data, others, taken, content, signatures)
            match = None
            while pool:
                match = best_match(event_signature(ident, data), pool, types)
                if match is None or not _untouchable(content / "events" / f"{match.ident}.yaml"):
                    break
                pool = [o for o in pool if o[0].ident != match.ident]
                match = None
            if match is not None:
                target = match.ident
                report.merged.append(f"{content / 'events' / (target + '.yaml')}: the same happening as "
                                     f"{json.dumps(data.get('title', ident), ensure_ascii=False)} ({article})")
        if target is None or target in taken:
            target = ident
        taken.add(target)
        targets[ident] = target
    return targets
