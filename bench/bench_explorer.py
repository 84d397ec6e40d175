"""Speed of the explorer on a synthetic corpus, in headless Chromium (a benchmark, not a test).

    python bench/bench_explorer.py [--events 10000] [--seed 7] [--work DIR] [--reuse]

Generates the synthetic corpus (bench/synthetic.py), builds it with the project's mkdocs.yml
(bench/bench_site.py's config, so every plugin runs), serves it on 127.0.0.1 and measures in the
system Chromium:

* first load of the timeline pages: bytes of HTML and JSON transferred until the explorer is ready
  and the network is idle, before any interaction (target ≤ 300 KB);
* applying a filter (entity type, tag, date range, an entity picked in the type-ahead): the time
  from the change until the page is updated (the script's own work, and until the next frame);
  target ≤ 100 ms;
* the visual timeline while it pans and zooms (a scripted drag, one step per frame) at three zooms:
  a year (clusters), a month (labelled events) and all years (counts per month): the time each
  canvas draw takes and the time between frames; target: draws well under 16 ms, frames near 16.7 ms;
* long tasks (> 50 ms) on the main thread while each page kind Lighthouse audits loads (home, the
  timeline, a year, an entity, an event, a tag and the graph page): the longest task and how many
  exceed 50 ms, median of three loads, unthrottled and with the CPU slowed 4x as Lighthouse's mobile
  default simulates; both for the synthetic corpus and for the project's own content (content/).
  Then, at 4x, the longest piece of our own scripts' work (median and maximum of the loads), and every
  long animation frame (Chromium's Long Animation Frames API) of the last load with whose work it was:
  Material's bundle, our scripts (assets/chronik*, by file and entry point), or the browser's own
  parsing, style, layout and paint.

``--long-tasks-only`` measures only the last point.

Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

from bench_site import chronik_config  # noqa: E402
from browser.chromium import ARGS, CHROMIUM, is_local  # noqa: E402
from browser.site import serve  # noqa: E402
from synthetic import generate  # noqa: E402

READY = ".chronik-explorer[data-cx=ready]"

# Runs in the page: change a control, time the synchronous update and the update until the next frame.
APPLY = """async ([selector, value, kind]) => {
  const el = document.querySelector(selector);
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const t0 = performance.now();
  if (kind === 'entity') {
    el.value = value;
    el.dispatchEvent(new Event('input'));
    await new Promise(r => { const w = () => document.querySelector('.cx-options [role=option]:not(.cx-empty)')
      ? r() : setTimeout(w, 1); w(); });
    const t1 = performance.now();
    el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
    const t2 = performance.now();
    await frame();
    return {script: t2 - t1, frame: performance.now() - t1, suggest: t1 - t0,
            applyMs: window.chronikExplorer.lastApplyMs};
  }
  el.value = value;
  el.dispatchEvent(new Event('change'));
  const t1 = performance.now();
  await frame();
  return {script: t1 - t0, frame: performance.now() - t0, applyMs: window.chronikExplorer.lastApplyMs};
}"""


def build(work: Path, events: int, seed: int, reuse: bool) -> Path:
    """Generate and build the synthetic site (or reuse an earlier one); returns the site folder."""
    site = work / "site"
    if reuse and (site / "explorer" / "index.json").exists():
        return site
    t = time.perf_counter()
    counts = generate(work / "content", events, seed)
    print(
        f"generated {counts['events']} events, {counts['entities']} entities, {counts['articles']} articles "
        f"in {time.perf_counter() - t:.1f} s"
    )
    config = chronik_config(work, "project")
    text = config.read_text(encoding="utf-8")
    if "chronik-explorer" not in text:
        config.write_text(text.replace("plugins:\n", "plugins:\n- chronik-explorer\n", 1), encoding="utf-8")
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=work,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    print(f"built the site in {time.perf_counter() - t:.1f} s")
    return site


def first_load(browser: Any, url: str) -> dict[str, int]:
    """Bytes by kind transferred while loading ``url`` until the explorer is ready and the network idle."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sizes = {"html": 0, "json": 0, "explorer": 0, "search": 0, "other": 0, "external": 0}

    def on_response(response: Any) -> None:
        if not is_local(response.url):
            sizes["external"] += 1
            return
        kind = response.headers.get("content-type", "")
        try:
            n = len(response.body())
        except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
            return
        key = "html" if "html" in kind else "json" if "json" in kind else "other"
        sizes[key] += n
        if "/explorer/" in response.url and key == "json":
            sizes["explorer"] += n
        elif "/search/" in response.url and key == "json":
            sizes["search"] += n

    page = context.new_page()
    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(READY)
    page.wait_for_load_state("networkidle")
    context.close()
    return sizes


def filters(browser: Any, url: str, rounds: int = 5) -> dict[str, list[dict[str, float]]]:
    """Timings of each kind of filter on the page at ``url``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(READY)
    types = page.eval_on_selector_all(".cx-filters select:nth-of-type(1) option", "os => os.map(o => o.value)")
    type_select = page.locator(".cx-filters select").nth(0)
    tag_select = page.locator(".cx-filters select").nth(1)
    type_id = type_select.get_attribute("id")
    tag_id = tag_select.get_attribute("id")
    tags = page.eval_on_selector_all(f"#{tag_id} option", "os => os.map(o => o.value)")
    year = page.get_attribute(".chronik-explorer", "data-years").split()[0]
    names = page.evaluate(
        "fetch('../../explorer/entities.json').then(r => r.json()).then(d => d.e.slice(0, 20).map(e => e[1]))"
    )
    date_input = page.locator(".cx-filters input[type=date]").nth(0).get_attribute("id")
    out: dict[str, list[dict[str, float]]] = {"type": [], "tag": [], "date": [], "entity": [], "clear": []}
    # warm-up: the first filter loads every year's chunk for the counts (network, not measured)
    page.evaluate(APPLY, [f"#{type_id}", types[1], "select"])
    page.wait_for_load_state("networkidle")
    page.evaluate(APPLY, [f"#{type_id}", "", "select"])
    for i in range(rounds):
        out["type"].append(page.evaluate(APPLY, [f"#{type_id}", types[1 + i % (len(types) - 1)], "select"]))
        out["tag"].append(page.evaluate(APPLY, [f"#{tag_id}", tags[1 + i % 5], "select"]))
        out["date"].append(page.evaluate(APPLY, [f"#{date_input}", f"{year}-0{1 + i % 6}-01", "date"]))
        out["entity"].append(page.evaluate(APPLY, [".cx-entity input", names[i % len(names)][:6], "entity"]))
        clear = page.evaluate("""() => { const t0 = performance.now();
            document.querySelector('.cx-clear').click(); return {script: performance.now() - t0, frame: 0}; }""")
        out["clear"].append(clear)
    context.close()
    return out


# Runs in the page: one pan or zoom step per animation frame; returns draw times and frame intervals.
MOTION = """async ([steps, from, to]) => {
  const tl = window.chronikExplorer.vis.timeline;
  const day = (iso) => Date.parse(iso + 'T00:00:00Z') / 864e5;
  if (from) { tl.view = {t0: day(from), t1: day(to)}; tl.draw(); }
  await new Promise(r => setTimeout(r, 1500));  // the years in view load with their titles
  tl.draw();
  tl.stats.frames.length = 0;
  const gaps = [];
  let last = performance.now();
  for (let i = 0; i < steps; i++) {
    await new Promise(r => requestAnimationFrame(r));
    const t = performance.now(); gaps.push(t - last); last = t;
    if (i % 40 < 30) tl.pan(i % 80 < 40 ? 0.02 : -0.02); else tl.zoom(i % 2 ? 0.9 : 1 / 0.9);
  }
  return {draws: tl.stats.frames.slice(), gaps, items: tl.items.length, events: tl.events().length,
          clusters: tl.items.filter(x => x.cluster).length, labelled: tl.items.filter(x => x.ev).length};
}"""

LONG_TASKS = (
    "window.__long = []; new PerformanceObserver(l => { for (const e of l.getEntries())"
    " window.__long.push(e.duration); }).observe({type: 'longtask', buffered: true});"
    "window.__loaf = []; try { new PerformanceObserver(l => { for (const e of l.getEntries()) window.__loaf.push({"
    " start: e.startTime, duration: e.duration, render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,"
    " scripts: e.scripts.map(x => ({src: x.sourceURL, invoker: x.invoker, duration: x.duration,"
    " layout: x.forcedStyleAndLayoutDuration}))}); }).observe({type: 'long-animation-frame', buffered: true});"
    " } catch (err) {}"
)

MATERIAL = "/assets/javascripts/"
OURS = ("/assets/chronik/", "/assets/chronik-explorer/")


def owner(src: str) -> str:
    """Whose script ``src`` is: Material's, ours (by file), or the page's own."""
    if MATERIAL in src:
        return "Material " + src.rsplit("/", 1)[-1]
    for folder in OURS:
        if folder in src:
            return "ours " + src.split(folder, 1)[1]
    return "page " + (src.rsplit("/", 2)[-2] + "/" if src else "(inline/none)")


def describe_frame(frame: dict[str, Any]) -> str:
    """One long animation frame: its length and its work by owner (scripts, forced layout, rendering)."""
    parts = []
    for script in sorted(frame["scripts"], key=lambda x: -x["duration"]):
        if script["duration"] < 5:
            continue
        invoker = script["invoker"].split("?")[0][-40:]
        forced = f", forced style/layout {script['layout']:.0f}" if script["layout"] >= 5 else ""
        parts.append(f"{owner(script['src'])} [{invoker}] {script['duration']:.0f}{forced}")
    scripted = sum(x["duration"] for x in frame["scripts"])
    rest = frame["duration"] - scripted - frame["render"]
    if frame["render"] >= 5:
        parts.append(f"browser style/layout/paint {frame['render']:.0f}")
    if rest >= 5:
        parts.append(f"browser parse/other {rest:.0f}")
    return f"{frame['duration']:5.0f} ms at {frame['start']:5.0f}: " + "; ".join(parts)


def our_longest(frames: list[dict]) -> tuple[float, str]:
    """The longest piece of our scripts' work (one callback or module run, its forced style and layout
    included) in a load's long animation frames, and whose it was."""
    ours = [
        (x["duration"], f"{owner(x['src'])} [{x['invoker'].split('?')[0][-30:]}]")
        for frame in frames
        for x in frame["scripts"]
        if owner(x["src"]).startswith("ours")
    ]
    return max(ours, default=(0.0, "-"))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def frames(browser: Any, url: str, view: tuple[str, str] | None, steps: int = 160) -> dict[str, Any]:
    """Draw times and frame intervals while the timeline at ``url`` pans and zooms from ``view``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(READY)
    page.wait_for_load_state("networkidle")
    result = page.evaluate(MOTION, [steps, *(view or ("", ""))])
    context.close()
    return result


LoadRun = tuple[list[float], list[list[Any]], list[dict]]


def long_tasks(browser: Any, url: str, ready: str | None, cpu_slowdown: float = 1) -> LoadRun:
    """Long tasks (> 50 ms) while ``url`` loads and its scripts mount, the explorer's own mount steps, and
    the long animation frames (with their scripts)."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75)
    context.add_init_script(LONG_TASKS)
    page = context.new_page()
    if cpu_slowdown != 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
    page.goto(url, wait_until="networkidle")
    if ready:
        page.wait_for_selector(ready)
    page.wait_for_timeout(1000)
    steps = page.evaluate(
        "window.chronikExplorer ? (window.chronikExplorer.mountSteps || []).concat("
        "(window.chronikExplorer.graphSteps || []).map(([name, ms]) => ['graph ' + name, ms]),"
        "window.chronikExplorer.graphMs ? [['graph drawn (all tasks)', window.chronikExplorer.graphMs]] : []) : []"
    )
    out = page.evaluate("window.__long"), steps, page.evaluate("window.__loaf")
    context.close()
    return out


def biggest_page(site: Path, folder: str, marker: str = "") -> str | None:
    """The site-relative URL of the largest page under ``folder``/ (whose HTML holds ``marker``), or None."""
    found = [p for p in (site / folder).glob("*/index.html") if not marker or marker in p.read_text(encoding="utf-8")]
    if not found:
        return None
    return max(found, key=lambda p: p.stat().st_size).parent.relative_to(site).as_posix() + "/"


def audited_pages(site: Path) -> list[tuple[str, str | None]]:
    """The page kinds Lighthouse audits (tests/audit_lighthouse.py), each with what shows it is mounted."""
    graph_ready = ".chronik-graph[data-cx=ready]"
    pages: list[tuple[str, str | None]] = [("", None), ("timeline/", READY), (f"timeline/{busiest_year(site)}/", READY)]
    entity = biggest_page(site, "entities", 'data-chronik-graph="local"')
    if entity:
        pages.append((entity, graph_ready))
    for folder in ("events", "tags"):
        found = biggest_page(site, folder)
        if found:
            pages.append((found, None))
    pages.append(("graph/", graph_ready))
    return pages


def report_long_tasks(browser: Any, base: str, site: Path, label: str, loads: int = 3) -> None:
    """Longest task and tasks over 50 ms while each audited kind of page loads (median of ``loads``), and
    the long animation frames of the last load at 4x with whose work they were."""
    print(f"\nlong tasks while a page loads, {label} (412 px phone viewport; median of {loads} loads)")
    for path, ready in audited_pages(site):
        line = f"  {path or '(home)':<34}"
        for slowdown in (1, 4):
            runs = [long_tasks(browser, base + path, ready, slowdown) for _ in range(loads)]
            longest = statistics.median(max(tasks, default=0.0) for tasks, _, _ in runs)
            count = statistics.median(len(tasks) for tasks, _, _ in runs)
            line += f"   CPU {slowdown}x: longest {longest:5.0f} ms, {count:g} over 50 ms"
        mine = sorted(our_longest(frames) for _, _, frames in runs)
        line += (
            f"\n      our longest script work at 4x: median {mine[len(mine) // 2][0]:.0f} ms,"
            f" max {mine[-1][0]:.0f} ms ({mine[-1][1]})"
        )
        steps = runs[-1][1]
        if steps:
            line += "\n      our own steps at 4x: " + ", ".join(f"{name} {ms:.1f} ms" for name, ms in steps)
        frames = runs[-1][2]
        if frames:
            line += "\n      long animation frames at 4x (last load):"
            line += "".join("\n        " + describe_frame(f) for f in frames)
        print(line)


def project_site(work: Path) -> Path:
    """The project's own site (content/ and mkdocs.yml), built into ``work``."""
    site = work / "project-site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return site


def busiest_year(site: Path) -> str:
    """The year with the most events (from the explorer's index.json)."""
    index = json.loads((site / "explorer" / "index.json").read_text(encoding="utf-8"))
    return max((y for y in index["years"] if y["y"].isdigit()), key=lambda y: y["n"])["y"]


def report_motion(browser: Any, base: str, site: Path) -> None:
    """Print frame times of the timeline at three zooms."""
    year = busiest_year(site)
    print("\nvisual timeline on timeline/ while panning and zooming (ms per canvas draw; ms between frames)")
    for label, view in (
        (f"the year {year} (clusters)", (f"{year}-01-01", f"{int(year) + 1}-01-01")),
        (f"June {year} (labelled events)", (f"{year}-06-01", f"{year}-07-01")),
        ("all years (counts per month)", None),
    ):
        r = frames(browser, base + "timeline/", view)
        draws, gaps = r["draws"], r["gaps"][1:]
        print(
            f"  {label:<30} draw median {statistics.median(draws):5.1f} p95 {percentile(draws, 0.95):5.1f}"
            f" max {max(draws):5.1f}   frame median {statistics.median(gaps):5.1f} p95 {percentile(gaps, 0.95):5.1f}"
            f" max {max(gaps):5.1f}   (last view: {r['events']} events, {r['labelled']} drawn alone,"
            f" {r['clusters']} clusters)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=None, help="keep corpus and site here")
    parser.add_argument("--reuse", action="store_true", help="reuse a site already built in --work")
    parser.add_argument("--rounds", type=int, default=8, help="filter changes measured per kind")
    parser.add_argument("--long-tasks-only", action="store_true", help="measure only the long tasks of page loads")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="chronik-bench-explorer-"))
    work.mkdir(parents=True, exist_ok=True)
    site = build(work, args.events, args.seed, args.reuse)
    if args.long_tasks_only:
        return long_tasks_only(work, site, args.events)
    years = sorted(p.name for p in (site / "timeline").iterdir() if p.is_dir() and p.name.isdigit())
    biggest = max(years, key=lambda y: (site / "timeline" / y / "index.html").stat().st_size)

    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        print("\nfirst load (bytes until the explorer is ready, before interaction; target HTML+JSON ≤ 300 KB)")
        for path in ("timeline/", f"timeline/{biggest}/"):
            s = first_load(browser, base + path)
            kb = {k: v / 1024 for k, v in s.items()}
            print(
                f"  {path:<16} HTML {kb['html']:7.1f} KB + JSON {kb['json']:7.1f} KB"
                f" = {kb['html'] + kb['json']:7.1f} KB"
                f"   of which explorer JSON {kb['explorer']:.1f} KB, Material's search index {kb['search']:.0f} KB;"
                f"   HTML + explorer JSON {kb['html'] + kb['explorer']:.1f} KB"
                f"   (CSS/JS/other {kb['other']:.0f} KB, requests leaving 127.0.0.1: {s['external']})"
            )
        print(f"\napplying a filter on timeline/{biggest}/ (ms; target ≤ 100)")
        for kind, runs in filters(browser, base + f"timeline/{biggest}/", args.rounds).items():
            script = [r["script"] for r in runs]
            frame = [r["frame"] for r in runs if r["frame"]]
            line = f"  {kind:<7} script median {statistics.median(script):6.1f}  max {max(script):6.1f}"
            if frame:
                line += f"   until next frame median {statistics.median(frame):6.1f}  max {max(frame):6.1f}"
            print(line)
        report_motion(browser, base, site)
        report_long_tasks(browser, base, site, f"synthetic corpus of {args.events} events")
        browser.close()
    with serve(project_site(work)) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        report_long_tasks(browser, base, work / "project-site", "the project's content")
        browser.close()
    return 0


def long_tasks_only(work: Path, site: Path, events: int) -> int:
    """Only the long tasks of page loads, on the project's content and on the synthetic corpus."""
    from playwright.sync_api import sync_playwright

    for label, root in (("the project's content", project_site(work)), (f"synthetic corpus of {events} events", site)):
        with serve(root) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            report_long_tasks(browser, base, root, label)
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
