"""Page weight by kind at 10,000 events, with one entity in every event (the busiest case an entity page meets).

    python bench/bench_pages.py [--events 10000] [--seed 7] [--work DIR] [--no-hub]

Generates the synthetic corpus (bench/synthetic.py), makes its most frequent entity take part in
every event (``--no-hub`` keeps the corpus as generated), builds it with the project's mkdocs.yml
and prints, per kind of page (home, timeline, year/month, event, entity, an entity's full list, tag,
tag index, source), how many there are, the median and the largest HTML size and the largest
page's element count. Target: no page over 300 KB.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_site import chronik_config, measure, mkdocs_build  # noqa: E402
from synthetic import generate  # noqa: E402

LIMIT = 300_000
_ELEMENT = re.compile(rb"<[a-zA-Z]")


def make_hub(content: Path) -> tuple[str, int]:
    """Add the most frequent entity to every event file (as text: the files stay as the generator wrote
    them); returns its id and its number of events."""
    events = sorted((content / "events").glob("*.yaml"))
    counts: Counter[str] = Counter()
    for path in events:
        block = path.read_text(encoding="utf-8").split("\nentities:\n", 1)[1].split("\n")
        counts.update(line[2:] for line in _entity_lines(block))
    hub = counts.most_common(1)[0][0]
    for path in events:
        text = path.read_text(encoding="utf-8")
        head, rest = text.split("\nentities:\n", 1)
        if f"- {hub}" not in _entity_lines(rest.split("\n")):
            path.write_text(f"{head}\nentities:\n- {hub}\n{rest}", encoding="utf-8")
    return hub, len(events)


def _entity_lines(lines: list[str]) -> list[str]:
    """The ``- id`` lines that directly follow ``entities:``."""
    out = []
    for line in lines:
        if not line.startswith("- "):
            break
        out.append(line)
    return out


def kind_of(rel: str) -> str:
    """The kind of page at a site-relative path such as ``entities/x/events/2/index.html``."""
    parts = rel.split("/")
    if rel == "index.html":
        return "home"
    if parts[0] == "timeline":
        return "timeline index" if len(parts) == 2 else "year/month"
    if parts[0] == "entities":
        if len(parts) == 2:
            return "entity index"
        if parts[1] == "types" and len(parts) > 3:
            return "entity type list"
        return "entity full list" if "events" in parts[2:] else "entity"
    if parts[0] == "tags":
        return "tag index" if len(parts) == 2 else "tag"
    if parts[0] in ("events", "sources"):
        return {"events": "event", "sources": "source"}[parts[0]] if len(parts) > 2 else f"{parts[0]} index"
    return "other"


def report(site: Path) -> bool:
    """Print the table; True when every page stays under LIMIT."""
    sizes: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        sizes[kind_of(rel)].append((path.stat().st_size, rel))
    print(f"{'kind':<18}{'pages':>7}{'median KB':>11}{'largest KB':>12}{'elements':>10}  largest page")
    ok = True
    for kind, rows in sorted(sizes.items()):
        rows.sort()
        size, rel = rows[-1]
        elements = len(_ELEMENT.findall((site / rel).read_bytes()))
        median = statistics.median(s for s, _ in rows)
        print(f"{kind:<18}{len(rows):>7}{median / 1000:>11.1f}{size / 1000:>12.1f}{elements:>10}  {rel}")
        ok = ok and size <= LIMIT
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=None, help="keep the corpus and site here")
    parser.add_argument("--no-hub", action="store_true", help="do not add one entity to every event")
    args = parser.parse_args(argv)
    base = args.work or Path(tempfile.mkdtemp(prefix="chronik-pages-"))
    work = base / f"pages-{args.events}"
    shutil.rmtree(work, ignore_errors=True)
    try:
        counts = generate(work / "content", args.events, args.seed)
        line = f"{counts['events']} events, {counts['entities']} entities, {counts['articles']} articles"
        if not args.no_hub:
            hub, n = make_hub(work / "content")
            line += f"; entity '{hub}' in all {n} events"
        print(line)
        build = measure(mkdocs_build(chronik_config(work, "project"), work / "site"), work)
        print(f"build: {build['cpu']:.1f} s CPU, {build['seconds']:.1f} s wall, {build['peak_mb']:.0f} MB peak")
        ok = report(work / "site")
        print(f"every page under {LIMIT // 1000} KB: {'yes' if ok else 'NO'}")
        return 0
    finally:
        if args.work is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
