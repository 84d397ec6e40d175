"""Chronik at scale next to the same pages in plain Material: CPU, wall, peak memory, site and page size.

    python bench/bench_scale.py [--sizes 1000 10000] [--seed 7] [--work DIR] [--skip warm replica plain browser]

Only the Chronik build at 100,000 events (peak memory, CPU, largest page and its element count):

    nice -n 5 python bench/bench_scale.py --sizes 100000 --skip warm replica plain browser --work /tmp/b

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

Then, for the Chronik site, what a browser transfers: each of the home page, the timeline, the largest
year page and the largest entity page is opened cold (a fresh browser context: no cache) in the system
Chromium over a local HTTP server, and every byte the server sends for it is counted (HTML, CSS, scripts,
modules, the explorer's JSON, images, anything else), apart from the search index, shown on its own. The
server compresses as GitHub Pages does (gzip for HTML, CSS, scripts, JSON, XML and SVG when the browser
accepts it): each figure is given on the wire (gzip) and uncompressed (raw), with the page's largest
downloads listed (--resources). Then a query is typed into Material's search box and the bytes it makes
the browser load are counted. Without Chromium or Playwright these figures are skipped with a note.
At the end, one Markdown table holds the whole run.

Corpora are generated once per size and seed and kept in ~/.cache/chronik-bench (CHRONIK_CORPUS_CACHE;
--no-corpus-cache generates afresh): each run hard-links the files into its work folder.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_site import chronik_config, measure, mkdocs_build, plain_config  # noqa: E402
from synthetic import CORPUS_CACHE, cached_corpus  # noqa: E402

REPLICA = BENCH / "replica"


#: A start tag: what a browser makes an element of.
START_TAG = re.compile(rb"<[A-Za-z]")


def site_figures(site: Path) -> dict:
    """Total bytes, HTML page count, the largest HTML page and its number of elements."""
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
    elements = len(START_TAG.findall((site / largest_path).read_bytes())) if largest_path else 0
    return {"site_mb": total / 1e6, "pages": pages, "largest_kb": largest / 1e3, "largest": largest_path,
            "elements": elements}


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


def run_size(n: int, seed: int, base: Path, skip: frozenset[str] = frozenset(),
             corpus_cache: Path | None = CORPUS_CACHE) -> list[dict]:
    """Build the Chronik site, again with its parse cache ("chronik-warm"), its replica and the plain site
    for ``n`` events, apart from the builds named in ``skip``. The pages are dumped for the replica only
    when it is built."""
    work = base / f"chronik-{n}"
    shutil.rmtree(work, ignore_errors=True)
    cached_corpus(work / "content", n, seed, corpus_cache)
    dump = base / f"dump-{n}"
    shutil.rmtree(dump, ignore_errors=True)
    dump.mkdir(parents=True)
    config = chronik_config(work, "project")
    if "replica" not in skip:
        with_hook(config, REPLICA / "dump_hook.py")
    rows = []
    for label in ("chronik", "chronik-warm") if "warm" not in skip else ("chronik",):
        row = timed(label, config, work / "site", dump)
        if "replica" not in skip:
            row["dump_cpu"] = float((dump / "dump-cpu").read_text(encoding="utf-8"))  # this build's
            row["cpu"] -= row["dump_cpu"]
        rows.append(row)
    if "replica" not in skip:
        replica_work = base / f"replica-{n}"
        shutil.rmtree(replica_work, ignore_errors=True)
        rows.append(timed("replica", replica_config(replica_work, config, dump), replica_work / "site", dump))
    if "plain" not in skip:
        plain_work = base / f"plain-{n}"
        shutil.rmtree(plain_work, ignore_errors=True)
        rows.append(timed("plain", plain_config(plain_work, rows[0]["pages"]), plain_work / "site"))
    return rows


def print_row(n: int, row: dict, chronik: dict) -> None:
    ratio = row["cpu"] / chronik["cpu"] if row is not chronik else 1.0
    extra = f"  (dump {row['dump_cpu']:.1f} s subtracted)" if "dump_cpu" in row else ""
    print(f"{n:>7} {row['label']:>12} {row['pages']:>6} {row['cpu']:>7.1f} {row['seconds']:>7.1f} "
          f"{row['peak_mb']:>7.0f} {row['site_mb']:>8.1f} {row['largest_kb']:>8.0f} {row['elements']:>8}  "
          f"{row['largest']:<28} "
          f"{row['load']:>5.1f} {1 / ratio if ratio else 0:>6.2f}{extra}", flush=True)


CHROMIUM = Path(os.environ.get("CHRONIK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: What counts as the search index: Material's one file, or any shard under search/.
SEARCH = re.compile(r"(^|/)search/")


def cold_pages(site: Path) -> dict[str, str]:
    """Site paths of the pages measured cold: home, timeline, the largest year page, the largest other
    timeline page (a month, a part of a busy month or of the undated events), the largest entity page and
    the site's largest page of all when it is none of these."""
    def largest(pattern: str, keep: re.Pattern[str]) -> str | None:
        found = [p for p in site.glob(pattern) if keep.fullmatch(p.parent.relative_to(site).as_posix())]
        return max(found, key=lambda p: p.stat().st_size).parent.relative_to(site).as_posix() + "/" if found else None

    pages = {"home": "", "timeline": "timeline/",
             "year": largest("timeline/*/index.html", re.compile(r"timeline/\d{4}")),
             "period": largest("timeline/**/index.html", re.compile(r"timeline/(?!\d{4}$)[^/]+(/[^/]+)*")),
             "entity": largest("entities/*/index.html", re.compile(r"entities/(?!types$)[^/]+"))}
    biggest = largest("**/index.html", re.compile(r"(?!\.$).+"))
    if biggest not in pages.values():
        pages["largest"] = biggest
    return {label: path for label, path in pages.items() if path is not None}


#: What GitHub Pages serves gzip-compressed to a browser that accepts it: text, scripts, JSON, XML, SVG.
COMPRESSIBLE = re.compile(r"text/.*|application/(json|javascript|xml|manifest\+json|[\w.+-]+\+xml)|image/svg\+xml")


@dataclass
class Sent:
    """One response body: the site path, the bytes on the wire and the file's own size."""

    path: str
    wire: int
    raw: int
    status: int = 200


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does (gzip for text types when the browser accepts it) and records
    every body it sends."""

    sent: list[Sent] = []

    def do_GET(self) -> None:
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"
        if not path.is_file():  # directory redirects and 404s: the standard handler
            if not path.exists():
                self.sent.append(Sent(url_path, 0, 0, 404))
            super().do_GET()
            return
        data = path.read_bytes()
        ctype = self.guess_type(str(path))
        body = data
        gzipped = "gzip" in self.headers.get("Accept-Encoding", "") and COMPRESSIBLE.fullmatch(ctype.split(";")[0])
        if gzipped:
            body = gzip.compress(data, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)
        self.sent.append(Sent(url_path, len(body), len(data)))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def counting_server(site: Path) -> Iterator[tuple[str, list[Sent]]]:
    """Serve ``site`` on 127.0.0.1; yields the base URL and the list the server appends every body to."""
    sent: list[Sent] = []
    handler = type("Handler", (_CountingHandler,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Weight:
    """What one cold page made the browser download (search index apart), and the search index."""

    path: str
    wire: int
    raw: int
    search_wire: int
    search_raw: int
    resources: list[Sent]
    missing: list[str]


def _weight(path: str, sent: list[Sent]) -> Weight:
    page = [s for s in sent if not SEARCH.search(s.path)]
    search = [s for s in sent if SEARCH.search(s.path)]
    return Weight(path, sum(s.wire for s in page), sum(s.raw for s in page), sum(s.wire for s in search),
                  sum(s.raw for s in search), sorted(page, key=lambda s: -s.wire),
                  [s.path for s in sent if s.status == 404])


def page_weights(site: Path) -> dict[str, object] | None:
    """Cold-load bytes of each page in :func:`cold_pages` (search index apart) and the search bytes of one
    query; None when Chromium or Playwright is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    weights: dict[str, object] = {}
    with counting_server(site) as (base, sent), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for label, path in cold_pages(site).items():
                sent.clear()
                context = browser.new_context()
                page = context.new_page()
                # The load event first (every script and stylesheet), then quiet: the modules' imports and JSON.
                page.goto(base + path, wait_until="load", timeout=180_000)
                page.wait_for_load_state("networkidle", timeout=180_000)
                weights[label] = _weight(path, list(sent))
                if label == "home":
                    weights["query"] = _query_bytes(page, sent)
                context.close()
        finally:
            browser.close()
    return weights


def _query_bytes(page, sent: list[Sent]) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Bytes of search data (on the wire, and uncompressed) a query loads on an open page: type one into
    Material's search, wait for results."""
    before = len(sent)
    page.keyboard.press("s")  # Material's shortcut: open and focus the search
    page.locator("input.md-search__input").fill("Nvidia")
    page.wait_for_load_state("networkidle", timeout=180_000)
    with contextlib.suppress(Exception):  # a result list that never fills still counts what was loaded
        page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=180_000)
    loaded = [s for s in sent[before:] if SEARCH.search(s.path) or s.path.endswith(".json")]
    return sum(s.wire for s in loaded), sum(s.raw for s in loaded)


def print_weights(n: int, weights: dict[str, object] | None, resources: int) -> None:
    """The cold-page and search rows of one size: gzip bytes on the wire (as GitHub Pages serves them) and
    uncompressed; with ``resources``, that many of each page's largest downloads."""
    if weights is None:
        print(f"{n:>7} cold pages: skipped (--skip browser, or no Chromium at {CHROMIUM} or no Playwright)")
        return
    for label, value in weights.items():
        if isinstance(value, tuple):
            print(f"{n:>7} {'search query':>12}  {value[0] / 1e3:>7.0f} KB gzip {value[1] / 1e3:>7.0f} KB raw "
                  "of search data for one query")
            continue
        assert isinstance(value, Weight)
        print(f"{n:>7} {'cold ' + label:>12}  {value.wire / 1e3:>7.0f} KB gzip {value.raw / 1e3:>7.0f} KB raw "
              f"(+{value.search_wire / 1e3:.0f} KB gzip, {value.search_raw / 1e3:.0f} KB raw search index at load)"
              f"  /{value.path}")
        for item in value.resources[:resources]:
            print(f"{'':>22} {item.wire / 1e3:>7.1f} KB gzip {item.raw / 1e3:>7.1f} KB raw  {item.path}")
        for missing in value.missing:
            print(f"{'':>22} 404 {missing}")


def summary(results: list[tuple[int, list[dict], dict[str, object] | None]]) -> None:
    """One Markdown table of the whole run: every build of every size, with the Chronik site's cold-page and
    search figures."""
    print("\n| events | build | CPU s | wall s | peak MB | site MB | largest page KB (elements) | chronik/x CPU "
          "| largest cold page KB gzip (raw) | search KB per query gzip (raw) | load |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n, rows, weights in results:
        cold, query = "—", "—"
        if weights:
            pages = [w for w in weights.values() if isinstance(w, Weight)]
            worst = max(pages, key=lambda w: w.wire)
            cold = f"{worst.wire / 1e3:.0f} ({worst.raw / 1e3:.0f}) {worst.path or 'home'}"
            wire, raw = weights.get("query", (0, 0))  # type: ignore[misc]
            query = f"{wire / 1e3:.0f} ({raw / 1e3:.0f})"
        for row in rows:
            mine = row is rows[0]
            ratio = rows[0]["cpu"] / row["cpu"] if row["cpu"] else 0
            print(f"| {n:,} | {row['label']} | {row['cpu']:.1f} | {row['seconds']:.1f} | {row['peak_mb']:.0f} "
                  f"| {row['site_mb']:.1f} | {row['largest_kb']:.0f} ({row['elements']:,}) `{row['largest']}` "
                  f"| {ratio:.2f} "
                  f"| {cold if mine else ''} | {query if mine else ''} | {row['load']:.1f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=None, help="keep corpora and sites here")
    parser.add_argument("--resources", type=int, default=5, help="largest downloads listed per cold page")
    parser.add_argument("--skip", nargs="*", choices=["warm", "replica", "plain", "browser"], default=[],
                        help="builds left out (on a busy machine, at 100,000 events); browser: no cold pages")
    parser.add_argument("--no-corpus-cache", action="store_true", help="generate each corpus afresh")
    args = parser.parse_args(argv)
    base = args.work or Path(tempfile.mkdtemp(prefix="chronik-scale-"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"{'events':>7} {'build':>12} {'pages':>6} {'cpu s':>7} {'wall s':>7} {'peak MB':>7} {'site MB':>8} "
          f"{'max KB':>8} {'elements':>8}  {'largest page':<28} {'load':>5} {'chronik/x cpu':>6}")
    started = time.perf_counter()
    results = []
    for n in args.sizes:
        rows = run_size(n, args.seed, base, frozenset(args.skip), None if args.no_corpus_cache else CORPUS_CACHE)
        for row in rows:
            print_row(n, row, rows[0])
        weights = page_weights(base / f"chronik-{n}" / "site") if "browser" not in args.skip else None
        print_weights(n, weights, args.resources)
        results.append((n, rows, weights))
    summary(results)
    print(f"total {time.perf_counter() - started:.0f} s; 'chronik/x cpu' is Chronik's CPU over that build's")
    if args.work is None:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
