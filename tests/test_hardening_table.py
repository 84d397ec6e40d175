"""The adversarial table: hostile inputs × content fields × outputs (HTML, JSON, ICS, CSV, Atom, the explorer).

One site is built with every payload in every field (an event, an entity and an article per payload), then
every output is read back the way its consumer reads it: HTML parsed for anything executable, JSON and Atom
parsed and compared value for value, ICS unfolded line by line, CSV read by the csv module. The counts
(inputs tried, outputs checked, failures) are written to test-artifacts/hardening-counts.json.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from browser.chromium import ARTIFACTS
from harness import Build, Project

MARK = "xq"  # every payload carries it, so a leak can be found in any output

# Each is valid content (the schema refuses control characters; those have their own tests).
PAYLOADS = [
    "<script>alert('xq1')</script>",
    "</script><script>__xss('xq2')</script>",
    "<img src=x onerror=__xss('xq3')>",
    "<svg/onload=__xss('xq4')>",
    "\"><img src=x onerror=__xss('xq5')>",
    "'><svg onload=__xss('xq6')>",
    "<a href=\"javascript:__xss('xq7')\">klick</a>",
    "javascript:__xss('xq8')",
    "<iframe srcdoc=\"<script>parent.__xss('xq9')</script>\">",
    "<style>body{display:none}</style>xq10",
    "{{ 7*7 }} {% raw %}xq11{% endraw %}",
    "${__xss('xq12')} `xq12`",
    "[klick](javascript:__xss('xq13')) **xq13**",
    "<!-- xq14 --> <![CDATA[ xq14 ]]>",
    "]]><xq15/>&amp;&lt;&#x3c;",
    "=HYPERLINK(\"http://evil.example/xq16\",\"x\")",
    "+SUM(1+1)*cmd|' /C calc'!A0 xq17",
    "-2+3 xq18",
    "@SUM(1) xq19",
    "a;b,c\\d\\N\\n xq20",
    "END:VEVENT xq21",
    "BEGIN:VCALENDAR;X=\"xq22\":y",
    "\"quoted\", 'single' xq23",
    "\\\"};__xss('xq24');//",
    "</title><script>__xss('xq25')</script>",
    "<textarea>xq26</textarea><noscript><p title=\"</noscript><img src=x onerror=__xss('xq26')>\">",
    "\u0645\u0631\u062d\u0628\u0627 xq27 \u05e9\u05dc\u05d5\u05dd",
    "Z\u0351\u0352\u0353alg\u0300\u0301o xq28 \U0001f600\U0001f469\u200d\U0001f4bb",
    "xq29 " + "\u00e4" * 300,
    "constructor __proto__ toString xq30",
    "<math><mi xlink:href=\"data:x,<script>__xss('xq31')</script>\">",
    "%3Cscript%3E__xss('xq32')%3C/script%3E",
    "data:text/html,<script>__xss('xq33')</script>",
    "<base href=\"//evil.example/\">xq34",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:__xss('xq35')\">",
    "<link rel=import href=x>xq36 <object data=x>",
    "\ufeffxq37\u00ad\u200b",
    "@import 'x'; xq38 </style>",
]
# (folder, id prefix, field) the payload goes into; one file per payload and folder.
FIELDS = [
    ("events", "title"), ("events", "summary"),
    ("entities", "name"), ("entities", "description"), ("entities", "alias"), ("entities", "fact"),
    ("entities", "link_title"),
    ("articles", "title"), ("articles", "outlet"), ("articles", "author"),
]
COUNTS = {"inputs": 0, "outputs_checked": 0, "failures": 0}


def write_hostile_corpus(project: Project) -> None:
    """The base corpus plus one event, entity and article per payload, payloads in every field."""
    content = project.content.base()
    for i, payload in enumerate(PAYLOADS):
        content.article(f"2026-02-01-hostile-{i}", f"Text {i}.\n", title=payload, outlet=payload, author=payload,
                        published="2026-02-01", language="de")
        content.event(f"hostile-{i}", date=f"2026-02-{i % 28 + 1:02d}", title=payload, summary=payload,
                      origin="manual", entities=[f"hostile-{i}"], tags=["hostile"])
        content.entity(f"hostile-{i}", name=f"{payload} #{i}", type="organization", aliases=[f"{payload} ~{i}"],
                       description=payload, links=[{"title": payload, "url": f"https://example.org/{i}"}],
                       facts=[{"label": payload, "value": i, "unit": payload}])
    COUNTS["inputs"] = len(PAYLOADS) * len(FIELDS)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, Build]]:
    project = Project(tmp_path_factory.mktemp("hostile"))
    write_hostile_corpus(project)
    assert project.validate() == []
    build = project.build()
    assert build.ok, build.output
    yield project, build
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "hardening-counts.json").write_text(json.dumps(COUNTS, indent=1) + "\n", encoding="utf-8")


def checked(ok: bool, what: str) -> None:
    COUNTS["outputs_checked"] += 1
    if not ok:
        COUNTS["failures"] += 1
    assert ok, what


# -- HTML ---------------------------------------------------------------------------------------------------

DATA_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}
# Elements no content value may ever create or fill: a payload inside one was parsed as markup.
FOREIGN = {"img", "svg", "iframe", "object", "embed", "base", "style", "math", "noscript", "textarea", "template",
           "xmp", "plaintext", "frame", "frameset", "applet", "form", "input", "button", "video", "audio"}


class ExecutableFinder(HTMLParser):
    """Collects every place where the marker could run or change the page's structure."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.leaks: list[str] = []
        self.script_types: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if MARK in tag:
            self.leaks.append(f"element <{tag}>")
        for name, value in attrs:
            value = value or ""
            if MARK in name:
                self.leaks.append(f"attribute {name} on <{tag}>")
            elif name.startswith("on") and MARK in value:
                self.leaks.append(f"event handler {name}={value!r}")
            elif name in URL_ATTRIBUTES and re.match(r"\s*(javascript|data):", value, re.IGNORECASE):
                self.leaks.append(f"{name}={value!r} on <{tag}>")
        if tag == "script":
            self.script_types.append(dict(attrs).get("type"))
        named = dict(attrs)
        if (tag == "meta" and named.get("http-equiv") and MARK in (named.get("content") or "")) or (
                tag == "link" and MARK in (named.get("href") or "")):
            self.leaks.append(f"<{tag}> carries a payload")
        if tag in FOREIGN and any(MARK in (v or "") for _, v in attrs):
            self.leaks.append(f"<{tag}> carries a payload")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script_types:
            self.script_types.pop()

    def handle_data(self, data: str) -> None:
        if self.script_types and self.script_types[-1] not in DATA_TYPES and MARK in data:
            self.leaks.append(f"script body holds a payload: {data[:80]!r}")
        if self.lasttag in FOREIGN and MARK in data:
            self.leaks.append(f"<{self.lasttag}> holds a payload")


def test_no_payload_becomes_markup_or_script_in_any_html_page(hostile: tuple[Project, Build]) -> None:
    _, build = hostile
    pages = build.html_pages()
    seen = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        finder = ExecutableFinder()
        finder.feed(html)
        seen += html.count(MARK)
        checked(not finder.leaks, f"{path}: {finder.leaks}")
        for block in re.findall(r'<script type="application/(?:ld\+)?json"[^>]*>(.*?)</script>', html, re.S):
            checked("</" not in block and "<!--" not in block, f"{path}: a JSON block can end its script element")
    assert seen > len(PAYLOADS) * 5  # the payloads are on the pages, as text


# -- JSON, Atom, ICS, CSV -------------------------------------------------------------------------------------


def test_json_exports_keep_every_payload_exactly(hostile: tuple[Project, Build]) -> None:
    _, build = hostile
    events = {e["id"]: e for e in json.loads(build.text("data/events.json"))["events"]}
    entities = {e["id"]: e for e in json.loads(build.text("data/entities.json"))["entities"]}
    for i, payload in enumerate(PAYLOADS):
        checked(events[f"hostile-{i}"]["title"] == payload, f"events.json title {i}")
        checked(events[f"hostile-{i}"]["summary"] == payload, f"events.json summary {i}")
        entity = entities[f"hostile-{i}"]
        checked(entity["name"] == f"{payload} #{i}", f"entities.json name {i}")
        checked(entity["facts"][0]["label"] == payload, f"entities.json fact label {i}")


def test_atom_feed_parses_and_keeps_every_title(hostile: tuple[Project, Build]) -> None:
    _, build = hostile
    root = ET.fromstring(build.text("events.atom").encode("utf-8"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    for payload in PAYLOADS:
        checked(payload in titles, f"atom title {payload!r}")


ICS_NAMES = {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME", "UID", "DTSTAMP", "SUMMARY",
             "DTSTART", "DTEND", "DURATION", "TRANSP", "DESCRIPTION", "URL", "CATEGORIES"}


def ics_unescape(value: str) -> str:
    """RFC 5545 TEXT unescaping, strictly: \\\\ \\; \\, \\n \\N and nothing else."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_ics_has_no_injected_line_and_keeps_every_title(hostile: tuple[Project, Build]) -> None:
    _, build = hostile
    ics = build.text("events.ics")
    checked("\r" not in ics.replace("\r\n", "") and "\n" not in ics.replace("\r\n", ""), "bare CR or LF")
    lines = ics.replace("\r\n ", "").split("\r\n")[:-1]
    for line in lines:
        checked(re.match(r"[A-Z-]+", line).group() in ICS_NAMES, f"unexpected content line {line[:60]!r}")
    summaries = [ics_unescape(line[len("SUMMARY:"):]) for line in lines if line.startswith("SUMMARY:")]
    for payload in PAYLOADS:
        checked(payload in summaries, f"ICS summary {payload!r}")
    checked(lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(summaries), "VEVENTs balanced")


def test_csv_reads_back_and_no_cell_is_a_formula(hostile: tuple[Project, Build]) -> None:
    _, build = hostile
    rows = list(csv.DictReader(io.StringIO(build.text("events.csv"), newline="")))
    titles = {row["id"]: row["title"] for row in rows}
    for i, payload in enumerate(PAYLOADS):
        expected = "'" + payload if payload[0] in "=+-@" else payload
        checked(titles[f"hostile-{i}"] == expected, f"CSV title {i}")
    for row in rows:
        for column in ("title", "summary", "entity_names"):
            checked(not row[column].startswith(("=", "+", "-", "@")), f"CSV formula in {column}: {row[column]!r}")


# -- the explorer and search in Chromium ---------------------------------------------------------------------

TRAP = """
window.__hits = [];
window.__xss = (m) => window.__hits.push(String(m));
window.alert = (m) => window.__hits.push("alert " + m);
"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["timeline/2026/", "entities/hostile-0/", "entities/", "sources/", "graph/"])
def test_no_payload_runs_in_the_browser(hostile: tuple[Project, Build], browser: Any, path: str) -> None:
    from browser.chromium import PageLog, watch, watch_page

    project, _ = hostile
    with project.serve() as url:
        log = PageLog()
        context = browser.new_context(locale="de-DE")
        watch(context, log)
        context.add_init_script(TRAP)
        page = context.new_page()
        watch_page(page, log)
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            page.goto(url + path, wait_until="networkidle")
            if path.startswith("timeline"):
                page.wait_for_selector(".chronik-explorer[data-cx=ready]")
                box = page.get_by_role("combobox", name="Akteur")
                box.fill(MARK)
                page.wait_for_timeout(300)
            search = page.locator("input[data-md-component='search-query']")
            search.click()
            search.fill(MARK)
            page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
            hits = page.evaluate("window.__hits")
        finally:
            context.close()
    checked(hits == [] and dialogs == [], f"{path}: payload ran: {hits} {dialogs}")
    checked(not log.blocked, f"{path}: requests left the site: {log.blocked}")
    checked(not [e for e in log.errors if "Content Security Policy" in e], f"{path}: CSP refusals")


def test_counts_are_recorded(hostile: tuple[Project, Build]) -> None:
    assert COUNTS["inputs"] == len(PAYLOADS) * len(FIELDS) and COUNTS["failures"] == 0


def test_payload_inventory_is_wide() -> None:
    assert len(PAYLOADS) >= 35 and all(MARK in p for p in PAYLOADS)
    assert not any(re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", p) for p in PAYLOADS)
    assert Path(__file__).name.startswith("test_hardening")


def test_the_html_check_catches_each_markup_payload_left_unescaped() -> None:
    markup = [p for p in PAYLOADS if re.search(r"<(script|img|svg|a |iframe|style|math|base|meta)", p)]
    for payload in markup:
        finder = ExecutableFinder()
        finder.feed(f"<p>{payload}</p>")
        assert finder.leaks or "<base" in payload, payload
    assert len(markup) >= 12
