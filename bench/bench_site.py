"""Build time and peak memory of the Chronik site at 1,000 and 10,000 events, next to plain Material.

    python bench/bench_site.py [--sizes 1000 10000] [--seed 7] [--work DIR] [--plugins project|site]

For each size: generate the synthetic corpus (bench/synthetic.py, N events, N/5 entities,
N/20 articles), build it with the project's mkdocs.yml (same theme and plugins, content
pointed at the corpus), then build a plain mkdocs-material site with the same number of
pages (Markdown only, search plugin, small nav) for comparison. Every build runs in a
fresh child process; its peak memory is getrusage(RUSAGE_CHILDREN).ru_maxrss measured by
an intermediate process that runs nothing else. Targets (2 cores): 10,000 events ≤ 60 s
and ≤ 1.5 GB, growth about linear.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import FILLER, generate  # noqa: E402

OUR_PLUGINS = ("chronik-site", "chronik-timeline", "chronik-entities", "chronik-sources", "chronik-home")


def measure(cmd: list[str], cwd: Path) -> dict:
    """Run ``cmd`` in a fresh intermediate process; wall and CPU seconds and the child's peak RSS in MB.

    CPU seconds (user + system) are reported next to wall time: on a shared machine wall time
    includes waiting for a core, CPU time does not.
    """
    probe = ("import json, resource, subprocess, sys, time\n"
             "t = time.perf_counter()\n"
             "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
             "seconds = time.perf_counter() - t\n"
             "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "print(json.dumps({'rc': rc, 'seconds': seconds, 'cpu': usage.ru_utime + usage.ru_stime,\n"
             "                  'peak_mb': usage.ru_maxrss / 1024}))\n")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=cwd, capture_output=True, text=True,
                         check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"build failed ({' '.join(cmd)}); run it by hand to see why")
    return result


def _load_project_config() -> dict:
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml_load(handle)


def chronik_config(work: Path, plugins: str) -> Path:
    """The project's mkdocs.yml, with content and theme paths pointing at the corpus and the repo."""
    config = _load_project_config()
    config["docs_dir"] = str(work / "content" / "pages")
    theme = config.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    entries = []
    for entry in config.get("plugins", []):
        name = entry if isinstance(entry, str) else next(iter(entry))
        if plugins == "site" and name.startswith("chronik-") and name not in OUR_PLUGINS:
            continue
        if name == "chronik-site":
            options = dict(entry["chronik-site"] or {}) if isinstance(entry, dict) else {}
            options["content_dir"] = str(work / "content")
            entry = {"chronik-site": options}
        entries.append(entry)
    config["plugins"] = entries
    shutil.copytree(ROOT / "content" / "pages", work / "content" / "pages", dirs_exist_ok=True)
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def plain_config(work: Path, pages: int) -> Path:
    """A plain Material site with ``pages`` Markdown pages of news-like prose and a one-entry nav."""
    docs = work / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Start\n\nVergleichsseite.\n", encoding="utf-8")
    for i in range(1, pages):
        body = "\n\n".join(f"{FILLER[(i + k) % len(FILLER)]} " * 6 for k in range(5))
        (docs / f"seite-{i:05d}.md").write_text(f"# Seite {i}\n\n## Abschnitt\n\n{body}\n", encoding="utf-8")
    config = {"site_name": "Plain", "docs_dir": str(docs), "site_url": "http://localhost:8000/",
              "theme": {"name": "material", "language": "de", "font": False},
              "nav": [{"Start": "index.md"}], "plugins": ["search"],
              "validation": {"nav": {"omitted_files": "ignore"}}}
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def mkdocs_build(config: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]


def run_size(n: int, seed: int, base: Path, plugins: str) -> dict:
    work = base / f"chronik-{n}"
    shutil.rmtree(work, ignore_errors=True)
    t = time.perf_counter()
    counts = generate(work / "content", n, seed)
    generated = time.perf_counter() - t
    config = chronik_config(work, plugins)
    ours = measure(mkdocs_build(config, work / "site"), work)
    pages = sum(1 for _ in (work / "site").rglob("index.html"))
    plain_work = base / f"plain-{n}"
    shutil.rmtree(plain_work, ignore_errors=True)
    plain = measure(mkdocs_build(plain_config(plain_work, pages), plain_work / "site"), plain_work)
    return {"events": counts["events"], "entities": counts["entities"], "articles": counts["articles"],
            "pages": pages, "generate_s": generated, "chronik_s": ours["seconds"], "chronik_cpu": ours["cpu"],
            "chronik_mb": ours["peak_mb"], "plain_s": plain["seconds"], "plain_cpu": plain["cpu"],
            "plain_mb": plain["peak_mb"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=None, help="keep corpora and sites here")
    parser.add_argument("--plugins", choices=["project", "site"], default="project",
                        help="project: every plugin in mkdocs.yml; site: only the page plugins")
    args = parser.parse_args(argv)
    base = args.work or Path(tempfile.mkdtemp(prefix="chronik-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"{'events':>7} {'entities':>8} {'articles':>8} {'pages':>6} {'gen s':>6} "
          f"{'chronik s':>9} {'cpu s':>6} {'peak MB':>8} {'plain s':>8} {'cpu s':>6} {'peak MB':>8}")
    rows = []
    for n in args.sizes:
        row = run_size(n, args.seed, base, args.plugins)
        rows.append(row)
        print(f"{row['events']:>7} {row['entities']:>8} {row['articles']:>8} {row['pages']:>6} "
              f"{row['generate_s']:>6.1f} {row['chronik_s']:>9.1f} {row['chronik_cpu']:>6.1f} "
              f"{row['chronik_mb']:>8.0f} {row['plain_s']:>8.1f} {row['plain_cpu']:>6.1f} "
              f"{row['plain_mb']:>8.0f}", flush=True)
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        ratio = {k: b[k] / a[k] for k in ("events", "chronik_s", "chronik_cpu", "chronik_mb")}
        print(f"growth {a['events']} -> {b['events']} events (x{ratio['events']:.0f}): time "
              f"x{ratio['chronik_s']:.1f}, cpu x{ratio['chronik_cpu']:.1f}, memory x{ratio['chronik_mb']:.1f}")
    if args.work is None:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
