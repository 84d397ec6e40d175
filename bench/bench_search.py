"""Bytes one search query downloads, at 1,000 and 10,000 events, in the system Chromium.

    python bench/bench_search.py [--sizes 1000 10000] [--seed 7] [--work DIR] [--queries ...]

For each size: a synthetic corpus (bench/synthetic.py), built with the project's mkdocs.yml (Material's
search plugin, then chronik-search's shards), served on 127.0.0.1. In a fresh browser per query, the
search is opened and the query typed; every response under ``search/`` is counted until the results
show: the manifest (search_index.json), the token shards and the record files. Prints one line per
query and the largest, next to the size Material's unsharded index would have had (what a query
downloaded before: the whole index).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

QUERIES = ("Berlin", "Hoffmann", "Rechenzentrum Shanghai", "Fabriken", "Muenchen", "Nachfrage bedienen",
           "Quartal 2024", "ki")
SEARCH_BOX = "input[data-md-component='search-query']"
RESULTS = ".md-search-result__item"


@dataclass
class QueryCost:
    """What one query fetched and found."""

    query: str
    files: int
    bytes: int
    results: int


def measure_query(browser: Any, base: str, query: str, start: str = "") -> QueryCost:
    """Open ``start`` in a fresh context, search ``query``, and count the bytes of every search response."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:  # the test server sends every file whole, with its length
        if "/search/" in response.url and response.ok:
            sizes[response.url] = int(response.headers.get("content-length", "0"))

    try:
        page = context.new_page()
        page.on("response", record)
        page.goto(base + start, wait_until="networkidle")
        box = page.locator(SEARCH_BOX)
        box.click()
        box.fill(query)
        with contextlib.suppress(PlaywrightTimeout):  # a query may find nothing: then count 0
            page.locator(RESULTS).first.wait_for(timeout=15_000)
        page.wait_for_load_state("networkidle")
        results = page.locator(RESULTS).count()
    finally:
        context.close()
    return QueryCost(query, len(sizes), sum(sizes.values()), results)


def build_corpus_site(work: Path, events: int, seed: int) -> Path:
    """Generate and build a synthetic site under ``work``; returns its site folder."""
    import subprocess

    from bench_site import chronik_config
    from synthetic import generate

    generate(work / "content", events, seed=seed)
    config = chronik_config(work, "project")
    site = work / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   check=True, cwd=work, capture_output=True)
    return site


def unsharded_bytes(site: Path) -> int:
    """The size Material's one search_index.json would have: the records re-joined as its documents."""
    from chronik.search.shards import read_records

    docs = read_records(site / "search")
    meta = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return len(json.dumps({"config": meta["config"], "docs": docs}, ensure_ascii=False).encode("utf-8"))


def run_size(events: int, seed: int, work: Path, queries: tuple[str, ...]) -> list[QueryCost]:
    from browser.chromium import ARGS, CHROMIUM
    from browser.site import serve
    from playwright.sync_api import sync_playwright

    site = build_corpus_site(work / f"n{events}", events, seed)
    print(f"{events:>7,} events: records' text as one index ≈ {unsharded_bytes(site) / 1e6:.1f} MB")
    costs = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for query in queries:
                cost = measure_query(browser, base, query)
                costs.append(cost)
                print(f"  {query!r:28} {cost.files:>3} files {cost.bytes / 1024:>8.1f} KB  {cost.results} results")
        finally:
            browser.close()
    worst = max(costs, key=lambda c: c.bytes)
    print(f"  largest query: {worst.query!r} {worst.bytes / 1024:.1f} KB")
    return costs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, help="keep corpora and sites here (default: a temporary folder)")
    parser.add_argument("--queries", nargs="+", default=list(QUERIES))
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="chronik-bench-search-"))
    try:
        for events in args.sizes:
            run_size(events, args.seed, work, tuple(args.queries))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
