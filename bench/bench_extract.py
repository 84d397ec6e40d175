#!/usr/bin/env python3
"""Benchmark `chronik extract`: seconds per article, process start-up included (prints figures, asserts nothing).

Usage: python bench/bench_extract.py [ARTICLE.txt ...] [--runs N] [--cmd 'chronik extract']
Defaults: the seed article and every development article in ../shared/eval/dev, 3 runs each, best and mean shown.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared/eval/dev from the repository root (a worktree under wt/ finds it one level further up)
DEV = next((d for d in (ROOT.parent / "shared" / "eval" / "dev", ROOT.parent.parent / "shared" / "eval" / "dev")
            if d.is_dir()), ROOT.parent / "shared" / "eval" / "dev")


def default_articles() -> list[Path]:
    arts = sorted((ROOT / "content" / "articles").glob("*.txt"))
    if DEV.is_dir():
        arts += sorted(DEV.glob("*.txt"))
    return arts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    exe = shutil.which("chronik") or str(Path(sys.executable).with_name("chronik"))
    ap.add_argument("--cmd", default=f"{exe} extract")
    args = ap.parse_args()
    articles = args.articles or default_articles()
    total, worst, total_cpu = 0.0, 0.0, 0.0
    print(f"{'article':60} {'best s':>7} {'mean s':>7} {'cpu s':>7}  (cpu = user+sys of the process)")
    for art in articles:
        times, cpus = [], []
        for _ in range(args.runs):
            out = tempfile.mkdtemp(prefix="bench-extract-")
            cmd = [*shlex.split(args.cmd), str(art), "--content", out]
            if not re.match(r"\d{4}-\d{2}-\d{2}", art.name) and "cointelegraph" not in art.name:
                cmd += ["--published", "2025-09-15"]  # dev articles whose date is not in the text
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True, env=os.environ)
            times.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            shutil.rmtree(out, ignore_errors=True)
            if proc.returncode != 0:
                print(f"  {art.name}: exit {proc.returncode}: {proc.stderr.strip()[-200:]}")
        best, mean, cpu = min(times), sum(times) / len(times), min(cpus)
        total += mean
        worst = max(worst, mean)
        total_cpu += cpu
        print(f"{art.name[:60]:60} {best:7.3f} {mean:7.3f} {cpu:7.3f}")
    if articles:
        print(f"mean {total / len(articles):.3f} s per article (cpu {total_cpu / len(articles):.3f} s), "
              f"slowest {worst:.3f} s (budget 1 s, process start-up included; load: {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
