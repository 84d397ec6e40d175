"""MkDocs hook for bench/bench_memory.py: resident memory at each phase of a build, and what holds it.

At the end of each phase (config and corpus loaded, files registered, nav, env, every tenth of the pages
written, post-build) it appends one line "phase rss_mb hwm_mb" to $CHRONIK_MEMORY_LOG. With
$CHRONIK_TRACEMALLOC set, tracemalloc runs from the start of the build and, at the phases named in it
(comma-separated, e.g. "env,pages-50"), the live allocations grouped by source line are written to
$CHRONIK_MEMORY_LOG.<phase>.txt, the largest first.
"""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

from mkdocs.plugins import event_priority

LOG = Path(os.environ["CHRONIK_MEMORY_LOG"])
TRACE_AT = {name for name in os.environ.get("CHRONIK_TRACEMALLOC", "").split(",") if name}
_pages = {"total": 0, "done": 0, "next": 1}


def _status() -> tuple[float, float]:
    """Resident and peak resident memory of this process in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _mark(phase: str) -> None:
    rss, hwm = _status()
    with LOG.open("a", encoding="utf-8") as out:
        out.write(f"{phase} {rss:.0f} {hwm:.0f}\n")
    if phase in TRACE_AT and tracemalloc.is_tracing():
        _dump(phase)


def _dump(phase: str, top: int = 60) -> None:
    snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    stats = snapshot.statistics("lineno")
    total = sum(stat.size for stat in stats)
    lines = [f"# {phase}: {total / 1e6:.1f} MB traced in {len(stats)} lines"]
    lines += [f"{stat.size / 1e6:8.2f} MB {stat.count:>9} blocks  {stat.traceback[0]}" for stat in stats[:top]]
    Path(f"{LOG}.{phase}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if TRACE_AT and not tracemalloc.is_tracing():
    tracemalloc.start(1)


@event_priority(-1000)
def on_config(config):
    _mark("config")
    return config


@event_priority(-1000)
def on_files(files, *, config):
    _pages["total"] = len(files.documentation_pages())
    _mark("files")
    return files


@event_priority(-1000)
def on_nav(nav, *, config, files):
    _mark("nav")
    return nav


@event_priority(-1000)
def on_env(env, *, config, files):
    _mark("env")
    return env


@event_priority(-1000)
def on_post_page(output, *, page, config):
    _pages["done"] += 1
    if _pages["total"] and _pages["done"] * 10 >= _pages["next"] * _pages["total"]:
        _mark(f"pages-{_pages['next'] * 10}")
        _pages["next"] += 1
    return output


@event_priority(-1000)
def on_post_build(*, config):
    _mark("post_build")
