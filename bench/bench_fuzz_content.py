"""Fuzz the content loader and validator with hypothesis: at least 10,000 examples, with counts.

    python bench/bench_fuzz_content.py [--examples 10000]

The same properties as tests/test_hardening_fuzz.py (which runs a few hundred in `make test`): any YAML text,
content file or byte string yields a value or located one-line problems without control characters, never an
exception; valid events and entities written by the writer load back unchanged. Prints, per property, the
examples tried, the problems the loader reported, the failures (0 expected) and the time taken.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from harness import (  # noqa: E402
    fuzz_content_file,
    fuzz_round_trip,
    fuzz_strategies,
    fuzz_yaml_text,
)
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def properties(root: Path, counts: dict[str, list[int]]) -> dict[str, tuple[Callable, object]]:
    """Name -> (function of one example, its strategy); each call records its problem count."""
    s = fuzz_strategies()

    def record(name: str, problems: int | None) -> None:
        counts[name][0] += 1
        counts[name][1] += problems or 0

    return {
        "yaml text": (lambda t: record("yaml text", fuzz_yaml_text(t)), s["yaml_text"]),
        "content file": (lambda a: record("content file", fuzz_content_file(root, *a)),
                         st.tuples(st.sampled_from(["event", "entity", "article"]), s["yaml_text"])),
        "raw bytes": (lambda a: record("raw bytes", fuzz_content_file(root, *a)),
                      st.tuples(st.sampled_from(["event", "entity"]), st.binary(max_size=300))),
        "event round trip": (lambda d: record("event round trip", fuzz_round_trip(root, "event", d)),
                             s["valid_event"]),
        "entity round trip": (lambda d: record("entity round trip", fuzz_round_trip(root, "entity", d)),
                              s["valid_entity"]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000, help="examples in all (default 10000)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="chronik-fuzz-")) / "content"
    counts: dict[str, list[int]] = {}
    props = properties(root, counts)
    each = -(-args.examples // len(props))
    failures = 0
    total_started = time.perf_counter()
    print(f"{'property':<20} {'examples':>9} {'problems':>9} {'failures':>9} {'seconds':>8}")
    for name, (check, strategy) in props.items():
        counts[name] = [0, 0]
        run = settings(max_examples=each, deadline=None, database=None,
                       suppress_health_check=list(HealthCheck))(given(strategy)(check))
        started = time.perf_counter()
        failed = 0
        try:
            run()
        except Exception as error:  # noqa: BLE001 - a falsified property: print it, count it, go on
            failed = 1
            print(f"FAILED {name}: {type(error).__name__}: {str(error)[:2000]}", file=sys.stderr)
        failures += failed
        tried, problems = counts[name]
        print(f"{name:<20} {tried:>9} {problems:>9} {failed:>9} {time.perf_counter() - started:>8.1f}")
    tried = sum(c[0] for c in counts.values())
    print(f"{'total':<20} {tried:>9} {sum(c[1] for c in counts.values()):>9} {failures:>9} "
          f"{time.perf_counter() - total_started:>8.1f}")
    return 1 if failures or tried < args.examples else 0


if __name__ == "__main__":
    sys.exit(main())
