#!/usr/bin/env python3
"""Benchmark `chronik extract`: seconds per article, process start-up included (prints figures, asserts nothing).

Usage: python bench/bench_extract.py [ARTICLE.txt ...] [--runs N] [--cmd 'chronik extract'] [--megabytes 1 5]
Defaults: the seed article and every development article in ../shared/eval/dev, 3 runs each, best and mean shown.
--megabytes: instead, one long German article of each size (every German text of the repository and the eval
set, paragraphs reshuffled per round, as one file), extracted once into an empty folder: CPU seconds per MB,
wall seconds and peak memory (issue 12 measured about 19 s per MB).
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_site import measure  # noqa: E402

# ../shared/eval/dev from the repository root (a worktree under wt/ finds it one level further up)
DEV = next((d for d in (ROOT.parent / "shared" / "eval" / "dev", ROOT.parent.parent / "shared" / "eval" / "dev")
            if d.is_dir()), ROOT.parent / "shared" / "eval" / "dev")


def default_articles() -> list[Path]:
    arts = sorted((ROOT / "content" / "articles").glob("*.txt"))
    if DEV.is_dir():
        arts += sorted(DEV.glob("*.txt"))
    return arts


def german_paragraphs() -> list[str]:
    """The paragraphs of every German article text the repository and the eval set hold (boilerplate and all)."""
    folders = [ROOT / "content" / "articles", ROOT / "tests" / "extract", ROOT / "tests" / "holdout", DEV]
    texts = [path.read_text(encoding="utf-8") for folder in folders if folder.is_dir()
             for path in sorted(folder.glob("*.txt")) if "-de-" in f"-{path.name}" or path.parent.name == "articles"]
    return [par for text in texts for par in text.split("\n\n") if par.strip()]


def long_article(megabytes: float, path: Path) -> Path:
    """An article of about ``megabytes`` MB: the German paragraphs, reshuffled each round (same seed, same bytes)."""
    paragraphs, rng = german_paragraphs(), random.Random(12)
    target, parts, size = int(megabytes * 1024 * 1024), ["Ein langer Artikel"], 0
    while size < target:
        rng.shuffle(paragraphs)
        for par in paragraphs:
            parts.append(par)
            size += len(par.encode("utf-8")) + 2
            if size >= target:
                break
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def per_megabyte(sizes: list[float], cmd: list[str]) -> None:
    """Extract one long article per size into an empty folder: CPU s per MB, wall s, peak memory."""
    print(f"{'MB':>5} {'cpu s':>8} {'cpu s/MB':>9} {'wall s':>8} {'peak MB':>8}")
    for megabytes in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-extract-mb-") as tmp:
            article = long_article(megabytes, Path(tmp) / "2025-09-15-langer-artikel.txt")
            result = measure([*cmd, str(article), "--content", str(Path(tmp) / "content")], Path(tmp))
            actual = article.stat().st_size / 1024 / 1024
            print(f"{actual:>5.2f} {result['cpu']:>8.1f} {result['cpu'] / actual:>9.1f} {result['seconds']:>8.1f} "
                  f"{result['peak_mb']:>8.0f}")
    print(f"(load: {os.getloadavg()[0]:.1f})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    exe = shutil.which("chronik") or str(Path(sys.executable).with_name("chronik"))
    ap.add_argument("--cmd", default=f"{exe} extract")
    ap.add_argument("--megabytes", type=float, nargs="+", help="time one long article of each size instead")
    args = ap.parse_args()
    if args.megabytes:
        per_megabyte(args.megabytes, shlex.split(args.cmd))
        return 0
    articles = args.articles or default_articles()
    # byte-compile the package first, as pip does when it installs a wheel: an editable checkout with
    # PYTHONDONTWRITEBYTECODE set would otherwise compile every changed module again in each timed process
    compileall.compile_dir(str(ROOT / "build" / "chronik_build"), quiet=1)
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
