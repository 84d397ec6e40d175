"""Every internal link of a real site resolves: the project's mkdocs.yml (all Chronik plugins) built
from a tiny content tree under a sub-path (https://USER.github.io/REPO/), checked with LinkChecker on
the local files, plus every #fragment against the ids of its target page (LinkChecker cannot check
anchors of directory URLs). External links are never fetched."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from harness import Project

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://user.github.io/chronik-repo/"
BASE_PATH = urlsplit(SITE_URL).path  # /chronik-repo/


@pytest.fixture(scope="module")
def site() -> Iterator[Path]:
    if not (ROOT / "mkdocs.yml").exists():
        pytest.skip("no mkdocs.yml yet")
    # LinkChecker drops root privileges to 'nobody': the tree must be world-readable, which
    # pytest's private tmp folders are not.
    root = Path(tempfile.mkdtemp(prefix="chronik-links-"))
    try:
        root.chmod(0o755)
        project = Project(root)
        project.content.exports()
        env = {"CHRONIK_SITE_URL": SITE_URL, "CHRONIK_REPO_URL": "https://github.com/user/chronik-repo",
               "NO_MKDOCS_2_WARNING": "1"}
        project.build(project.write_repository_config(), subprocess_=True, env=env).require()
        for path in root.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield root / "site"
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_linkchecker_finds_no_broken_link(site: Path) -> None:
    linkchecker = Path(sys.executable).with_name("linkchecker")
    result = subprocess.run(
        [str(linkchecker), "--no-status", "--no-warnings", "--verbose", "--output=csv", "--threads=4",
         "site/index.html"],
        cwd=site.parent, capture_output=True, text=True, timeout=300,
    )
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter=";"))
    failures = [f"{row['parentname']}: {row['urlname']}: {row['result']}" for row in rows if row["valid"] != "True"]
    assert result.returncode == 0 and not failures, "\n".join(failures) or result.stderr
    # It really walked the site: the home page links timeline, entity, source and export files.
    checked = "\n".join(row["url"] for row in rows)
    for path in ("timeline/", "entities/zhipu/", "sources/", "events.ics", "events.atom", "data/events.json",
                 "data/entities/zhipu.ics"):
        assert f"site/{path}" in checked, path


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key] or "")
        for key in ("href", "src"):
            if values.get(key):
                self.links.append(values[key] or "")


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def _target(site: Path, page: Path, href: str) -> Path | None:
    """The local file an internal href points to (None for external or special links)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        assert path.startswith(BASE_PATH), f"{page}: {href} leaves the site's sub-path {BASE_PATH}"
        resolved = site / path[len(BASE_PATH):]
    else:
        resolved = (page.parent / path) if path else page
    if path.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved


def broken_links(site: Path) -> list[str]:
    """Every internal href or src of every HTML page whose file, or #fragment id, does not exist."""
    pages = sorted(site.rglob("*.html"))
    parsed = {page.resolve(): _parse(page) for page in pages}
    broken = []
    for page in pages:
        for href in parsed[page.resolve()].links:
            target = _target(site, page, href)
            if target is None:
                continue
            target = target.resolve()
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href} (no file)")
                continue
            fragment = urldefrag(href).fragment
            if fragment and target.suffix == ".html" and unquote(fragment) not in parsed[target].ids:
                broken.append(f"{page.relative_to(site)}: {href} (no id {fragment!r})")
    return broken


def test_every_internal_link_and_fragment_resolves(site: Path) -> None:
    broken = broken_links(site)
    assert not broken, "\n".join(broken)
    assert len(list(site.rglob("*.html"))) > 10


def test_home_and_entity_pages_link_every_export(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    for path in ("events.atom", "events.ics", "events.csv", "data/events.json", "data/entities.json",
                 "data/timeline.json"):
        assert f'href="{path}"' in home, path
    entity = (site / "entities" / "zhipu" / "index.html").read_text(encoding="utf-8")
    for path in ("data/entities/zhipu.atom", "data/entities/zhipu.ics", "events.atom", "data/events.json"):
        assert f'href="../../{path}"' in entity, path
    assert '<link rel="alternate feed" type="application/atom+xml" href="../../data/entities/zhipu.atom"' in entity
    assert home.count("data-chronik-exports") == 1
    no_dates = (site / "entities" / "hongkong" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../data/entities/hongkong.atom"' in no_dates
    assert "hongkong.ics" not in no_dates  # no dated events, no calendar


def test_exports_link_to_the_pages_the_site_made(site: Path) -> None:
    import json

    events = json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))
    for record in events["events"]:
        assert record["url"].startswith(SITE_URL)
        path, _, fragment = record["url"][len(SITE_URL):].partition("#")
        page = site / path / "index.html"
        assert page.exists(), record["url"]
        assert not fragment or fragment in _parse(page).ids, record["url"]
    entities = json.loads((site / "data" / "entities.json").read_text(encoding="utf-8"))
    for record in entities["entities"]:
        assert (site / record["url"][len(SITE_URL):] / "index.html").exists(), record["url"]


def test_the_checks_catch_a_broken_link_and_a_missing_anchor() -> None:
    root = Path(tempfile.mkdtemp(prefix="chronik-links-broken-"))
    try:
        root.chmod(0o755)
        site = root / "site"
        (site / "page").mkdir(parents=True)
        (site / "index.html").write_text('<a href="page/">ok</a> <a href="missing/">broken</a> '
                                         '<a href="page/#nowhere">anchor</a>', encoding="utf-8")
        (site / "page" / "index.html").write_text('<h1 id="here">x</h1>', encoding="utf-8")
        for path in root.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        linkchecker = Path(sys.executable).with_name("linkchecker")
        result = subprocess.run([str(linkchecker), "--no-status", "--no-warnings", "site/index.html"],
                                cwd=root, capture_output=True, text=True, timeout=120)
        assert result.returncode == 1 and "missing" in result.stdout
        assert broken_links(site) == ["index.html: missing/ (no file)",
                                      "index.html: page/#nowhere (no id 'nowhere')"]
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_no_page_makes_material_fetch_a_sitemap_for_a_feed(site: Path) -> None:
    """Material fetches sitemap.xml beside every <link rel="alternate"> (exact value): feeds must not be
    such links, or every page downloads the sitemap and entity pages ask for data/entities/sitemap.xml.
    The feeds stay discoverable (rel token 'alternate') in the head of the pages they belong to and
    visible in their body."""
    with_feed_links = set()
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<link[^>]*\brel=(\"alternate\"|'alternate'|alternate[\s>])", text), path
        if 'rel="alternate feed"' in text:
            with_feed_links.add(path.relative_to(site).parent.as_posix())
    assert "." in with_feed_links and "entities/zhipu" in with_feed_links
    assert not any(p.startswith(("timeline", "sources", "events/")) for p in with_feed_links), with_feed_links


class _Anchors(HTMLParser):
    """Only the hrefs of <a> elements: what a reader without JavaScript can follow."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def crawl(site: Path) -> set[Path]:
    """Every HTML page reached from the home page by following <a href> links alone."""
    seen: set[Path] = set()
    todo = [site / "index.html"]
    while todo:
        page = todo.pop().resolve()
        if page in seen or page.suffix != ".html" or not page.exists():
            continue
        seen.add(page)
        anchors = _Anchors()
        anchors.feed(page.read_text(encoding="utf-8"))
        todo += [t for href in anchors.hrefs if (t := _target(site, page, href)) is not None]
    return seen


def test_every_page_is_reachable_by_links_alone(site: Path) -> None:
    """No page needs JavaScript (search, explorer) to be found: every year, event, tag, entity, source page."""
    pages = {p.resolve() for p in site.rglob("*.html") if p.name != "404.html"}
    missing = sorted(str(p.relative_to(site.resolve())) for p in pages - crawl(site))
    assert not missing, missing
    for path in ("timeline/2026/index.html", "timeline/undated/index.html", "tags/index.html",
                 "tags/ipo/index.html", "events/zhipu-ipo-announced/index.html"):
        assert (site / path).resolve() in pages, path


def test_timeline_index_links_every_year(site: Path) -> None:
    anchors = _Anchors()
    anchors.feed((site / "timeline" / "index.html").read_text(encoding="utf-8"))
    years = sorted(p.parent.name for p in (site / "timeline").glob("*/index.html"))
    assert years and all(f"{year}/" in anchors.hrefs for year in years), (years, anchors.hrefs)


def test_every_tag_has_a_feed_with_exactly_its_events(site: Path) -> None:
    import xml.etree.ElementTree as ET

    events = json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))["events"]
    tags = {tag for record in events for tag in record["tags"]}
    assert tags
    for tag in tags:
        feed = ET.parse(site / "data" / "tags" / f"{tag}.atom").getroot()
        ns = {"a": "http://www.w3.org/2005/Atom"}
        links = [e.find("a:link", ns).get("href") for e in feed.findall("a:entry", ns)]
        assert sorted(links) == sorted(r["url"] for r in events if tag in r["tags"]), tag
        page = (site / "tags" / tag / "index.html").read_text(encoding="utf-8")
        assert f'href="../../data/tags/{tag}.atom"' in page  # visible in the body
        assert f'<link rel="alternate feed" type="application/atom+xml" href="../../data/tags/{tag}.atom"' in page
