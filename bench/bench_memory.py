"""Where the Chronik build's memory goes: resident memory by build phase, per event, at several sizes.

    python bench/bench_memory.py [--sizes 5000 20000] [--trace env,pages-50] [--work DIR]

Besides CPU, wall time and peak memory of each build it gives the site's page count, size and largest page
(with its elements), like bench_scale.py. Builds the synthetic corpus (bench/synthetic.py) with the project's
mkdocs.yml and a hook
(bench/replica/memory_hook.py) that records resident memory (and its peak so far) at the end of each phase:
config (corpus loaded), files, nav, env, every tenth of the pages written, post-build. With two sizes or more,
the growth of each phase between the smallest and the largest is given per event (KB): what scales with the
corpus. --trace names phases at which tracemalloc (running from the start of the build, which makes it
slower and larger) writes the live allocations by source line to <work>/memory-<n>.log.<phase>.txt.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_scale import site_figures, with_hook  # noqa: E402
from bench_site import chronik_config, measure, mkdocs_build  # noqa: E402
from synthetic import cached_corpus  # noqa: E402

HOOK = BENCH / "replica" / "memory_hook.py"


def phases_of(n: int, base: Path, seed: int, trace: str) -> tuple[dict[str, tuple[float, float]], dict]:
    """Build ``n`` events once with the memory hook: {phase: (rss MB, peak MB)} and the build's figures."""
    work = base / f"chronik-{n}"
    shutil.rmtree(work, ignore_errors=True)
    cached_corpus(work / "content", n, seed)
    config = chronik_config(work, "project")
    with_hook(config, HOOK)
    log = base / f"memory-{n}.log"
    log.unlink(missing_ok=True)
    os.environ["CHRONIK_MEMORY_LOG"] = str(log)
    os.environ["CHRONIK_TRACEMALLOC"] = trace
    result = measure(mkdocs_build(config, work / "site"), work)
    result.update(site_figures(work / "site"))
    phases = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        name, rss, hwm = line.split()
        phases[name] = (float(rss), float(hwm))
    return phases, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--trace", default="", help="phases to write tracemalloc statistics at (comma-separated)")
    parser.add_argument("--work", type=Path, default=None, help="keep corpora, sites and logs here")
    args = parser.parse_args(argv)
    base = args.work or Path(tempfile.mkdtemp(prefix="chronik-memory-"))
    base.mkdir(parents=True, exist_ok=True)
    runs = {}
    for n in args.sizes:
        phases, result = phases_of(n, base, args.seed, args.trace)
        runs[n] = phases
        print(f"{n:>7} events: CPU {result['cpu']:.1f} s, wall {result['seconds']:.1f} s, "
              f"peak {result['peak_mb']:.0f} MB, load {os.getloadavg()[0]:.1f}; {result['pages']} pages, "
              f"site {result['site_mb']:.0f} MB, largest page {result['largest_kb']:.0f} KB "
              f"({result['elements']:,} elements) {result['largest']}", flush=True)
    small, large = min(runs), max(runs)
    print(f"\n{'phase':>12} " + " ".join(f"{f'rss@{n}':>10} {f'peak@{n}':>10}" for n in runs)
          + (f" {'KB/event rss':>13} {'KB/event peak':>13}" if large > small else ""))
    for name in runs[large]:
        row = [runs[n].get(name, (0.0, 0.0)) for n in runs]
        text = f"{name:>12} " + " ".join(f"{rss:>10.0f} {hwm:>10.0f}" for rss, hwm in row)
        if large > small and name in runs[small]:
            grow = [(runs[large][name][k] - runs[small][name][k]) * 1024 / (large - small) for k in (0, 1)]
            text += f" {grow[0]:>13.1f} {grow[1]:>13.1f}"
        print(text)
    if args.trace:
        print(f"\ntracemalloc statistics: {base}/memory-<n>.log.<phase>.txt")
    if args.work is None:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
