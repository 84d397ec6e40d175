#!/usr/bin/env python3
"""How the extractor's stages and the content reader scale (prints figures, asserts nothing).

    python bench/bench_scaling.py [--sizes 100,200,400,800]

1. The analysis stages (times, entities, events, quotes) on one German paragraph repeated n times: seconds,
   seconds per paragraph and the growth factor against the smallest size (linear work keeps the per-paragraph
   figure flat; a quadratic step would multiply it by the size ratio).
2. Validating a content folder holding a file linked to /dev/zero: how long the refusal takes (the reader
   never reads past its size limit plus one byte).
These were timed assertions in tests/test_extract_stages.py and tests/test_hardening.py; speed targets live
here, the tests keep what they check functionally.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from chronik.model import load_content
from chronik_build.clean import clean
from chronik_build.entities import find_entities
from chronik_build.events import find_events
from chronik_build.quotes import find_quotes
from chronik_build.time import find_times

PARAGRAPH = ("Die Firma Orbix meldete am Dienstag in Berlin einen Umsatz von 4,5 Milliarden Euro. "
             "„Wir sind zufrieden“, sagte Orbix-Chef Tom Field. Er verließ kürzlich die Globex AG.\n\n")


def stage_seconds(paragraphs: int) -> float:
    """Seconds the analysis stages take on the paragraph repeated ``paragraphs`` times (cleaning excluded)."""
    cleaned = clean("Orbix meldet Zahlen\n\n" + PARAGRAPH * paragraphs, published="2025-03-12", lang="de")
    started = time.perf_counter()
    times = find_times(cleaned)
    entities = find_entities(cleaned, [])
    find_events(cleaned, times, entities)
    find_quotes(cleaned, entities)
    return time.perf_counter() - started


def dev_zero_seconds() -> float:
    """Seconds `load_content` takes to refuse an entity file linked to /dev/zero."""
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        for folder in ("articles", "events", "entities"):
            (content / folder).mkdir(parents=True)
        os.symlink("/dev/zero", content / "entities" / "zero.yaml")
        started = time.perf_counter()
        _, problems = load_content(content)
        elapsed = time.perf_counter() - started
        assert problems, "the link was not refused"
        return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,200,400,800", help="paragraph counts, comma-separated")
    sizes = [int(size) for size in ap.parse_args().sizes.split(",")]
    stage_seconds(20)  # warm-up: rules, taggers and caches loaded
    print(f"{'paragraphs':>10} {'seconds':>9} {'ms/paragraph':>13} {'growth':>7}")
    base = None
    for size in sizes:
        seconds = stage_seconds(size)
        per = seconds / size
        base = base or per
        print(f"{size:>10} {seconds:>9.3f} {per * 1000:>13.2f} {per / base:>7.2f}")
    print(f"refusing a file linked to /dev/zero: {dev_zero_seconds() * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
