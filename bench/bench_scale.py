"""Chronik at scale next to the same pages in plain Material: CPU, wall, peak memory, site and page size.

    python bench/bench_scale.py [--sizes 1000 10000] [--seed 7] [--work DIR]

For each size, in one run on the same machine, three builds each in a fresh child process:
- chronik: the project's mkdocs.yml over a synthetic corpus (bench/synthetic.py: N events, N/5
  entities, N/20 articles). A bench hook (bench/replica/dump_hook.py) writes every page's final
  body, title and TOC; its CPU time is measured and subtracted (shown as "dump").
- chronik-warm: the same build again, with the parse cache the first one left in .cache/ (a second
  build or a preview after an edit; only changed files are parsed).
- replica: Material only (same theme options, nav, markdown extensions and search plugin, no Chronik
  plugin and no Chronik templates) rendering exactly those bodies, titles and TOCs: one Markdown stub
  per page, with bench/replica/replica_hook.py swapping in the dumped body.
- plain: bench_site.py's plain Material site, as many pages of ~2 KB filler prose.
CPU is user + system seconds from getrusage of the build process, peak is its maximum RSS. The
machine may be shared: the 1-minute load average before each build is printed next to it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_site import chronik_config, measure, mkdocs_build, plain_config  # noqa: E402
from synthetic import generate  # noqa: E402

REPLICA = BENCH / "replica"


def site_figures(site: Path) -> dict:
    """Total bytes, HTML page count and the largest HTML page of a built site."""
    total, pages, largest, largest_path = 0, 0, 0, ""
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            pages += 1
            if size > largest:
                largest, largest_path = size, str(path.relative_to(site))
    return {"site_mb": total / 1e6, "pages": pages, "largest_kb": largest / 1e3, "largest": largest_path}


def with_hook(config_path: Path, hook: Path) -> None:
    """Add a MkDocs hook to a generated mkdocs.yml."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["hooks"] = [str(hook)]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def replica_config(work: Path, chronik_yml: Path, dump: Path) -> Path:
    """Material only, with the Chronik site's theme options, nav and extensions, a stub per dumped page."""
    chronik = yaml.safe_load(chronik_yml.read_text(encoding="utf-8"))
    docs = work / "docs"
    for body in (dump / "bodies").rglob("*.json"):
        stub = docs / body.relative_to(dump / "bodies").with_suffix(".md")
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text("\n", encoding="utf-8")
    theme = {k: v for k, v in chronik["theme"].items() if k != "custom_dir"}
    config = {"site_name": chronik["site_name"], "site_url": chronik.get("site_url") or "http://localhost:8000/",
              "docs_dir": str(docs), "theme": theme, "nav": chronik.get("nav"), "plugins": ["search"],
              "markdown_extensions": chronik.get("markdown_extensions", []),
              "hooks": [str(REPLICA / "replica_hook.py")],
              "validation": {"nav": {"omitted_files": "ignore"}, "links": {"not_found": "ignore",
                                                                           "unrecognized_links": "ignore"}}}
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def timed(label: str, config: Path, site: Path, env_dir: Path | None = None) -> dict:
    """One measured build, with the load average before it."""
    load = os.getloadavg()[0]
    if env_dir is not None:
        os.environ["CHRONIK_REPLICA_DIR"] = str(env_dir)
    result = measure(mkdocs_build(config, site), config.parent)
    result.update(site_figures(site), label=label, load=load)
    return result


def run_size(n: int, seed: int, base: Path) -> list[dict]:
    """Build the Chronik site, its replica and the plain site for ``n`` events."""
    work = base / f"chronik-{n}"
    shutil.rmtree(work, ignore_errors=True)
    generate(work / "content", n, seed)
    dump = base / f"dump-{n}"
    shutil.rmtree(dump, ignore_errors=True)
    dump.mkdir(parents=True)
    config = chronik_config(work, "project")
    with_hook(config, REPLICA / "dump_hook.py")
    ours = timed("chronik", config, work / "site", dump)
    ours["dump_cpu"] = float((dump / "dump-cpu").read_text(encoding="utf-8"))
    ours["cpu"] -= ours["dump_cpu"]
    warm = timed("chronik-warm", config, work / "site", dump)
    warm["dump_cpu"] = float((dump / "dump-cpu").read_text(encoding="utf-8"))
    warm["cpu"] -= warm["dump_cpu"]
    replica_work = base / f"replica-{n}"
    shutil.rmtree(replica_work, ignore_errors=True)
    replica = timed("replica", replica_config(replica_work, config, dump), replica_work / "site", dump)
    plain_work = base / f"plain-{n}"
    shutil.rmtree(plain_work, ignore_errors=True)
    plain = timed("plain", plain_config(plain_work, ours["pages"]), plain_work / "site")
    return [ours, warm, replica, plain]


def print_row(n: int, row: dict, chronik: dict) -> None:
    ratio = row["cpu"] / chronik["cpu"] if row is not chronik else 1.0
    extra = f"  (dump {row['dump_cpu']:.1f} s subtracted)" if "dump_cpu" in row else ""
    print(f"{n:>7} {row['label']:>12} {row['pages']:>6} {row['cpu']:>7.1f} {row['seconds']:>7.1f} "
          f"{row['peak_mb']:>7.0f} {row['site_mb']:>8.1f} {row['largest_kb']:>8.0f}  {row['largest']:<28} "
          f"{row['load']:>5.1f} {1 / ratio if ratio else 0:>6.2f}{extra}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=None, help="keep corpora and sites here")
    args = parser.parse_args(argv)
    base = args.work or Path(tempfile.mkdtemp(prefix="chronik-scale-"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"{'events':>7} {'build':>12} {'pages':>6} {'cpu s':>7} {'wall s':>7} {'peak MB':>7} {'site MB':>8} "
          f"{'max KB':>8}  {'largest page':<28} {'load':>5} {'chronik/x cpu':>6}")
    started = time.perf_counter()
    for n in args.sizes:
        rows = run_size(n, args.seed, base)
        for row in rows:
            print_row(n, row, rows[0])
    print(f"total {time.perf_counter() - started:.0f} s; 'chronik/x cpu' is Chronik's CPU over that build's")
    if args.work is None:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
