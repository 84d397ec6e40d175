"""`make serve` updates the served site in place: after every edit, addition, rename and deletion of events
and entities, every file the preview serves is what a clean full build of the same content writes.

A real `mkdocs serve` over a copy of the project's content. After each step the test waits for the server
to report the reload, then builds the same content from scratch (a fresh process, the same configuration
and serve URL, as `mkdocs serve` builds it) and compares both folders file by file, bytes exact. The step
before's clean build must differ from the served site (every step shows in the pages), so a skipped
update fails the comparison. One documented exception: after an in-place update the data files built
once per build from the whole corpus (the exports and the explorer's JSON;
chronik.preview.DATA_OUTPUTS_NOTE) stay as of the last full build; every other file (pages, search index,
sitemap) must still match, and the last step, a full rebuild, compares those files too.
"""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
import sys
from pathlib import Path

from harness import Project

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from bench_preview import Server, free_port  # noqa: E402 - the benchmark's served-site driver

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="serve", dirty=False)
config.site_url = sys.argv[3]
build(config, serve_url=sys.argv[3])
config.plugins.on_shutdown()
"""


def reference(config: Path, site: Path, url: str) -> Path:
    """A clean full build of ``config`` as `mkdocs serve` builds it (serve URL, serve mode), into ``site``."""
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([sys.executable, "-c", REFERENCE, str(config), str(site), url], check=True,
                   capture_output=True, cwd=config.parent)
    return site


def differences(served: Path, clean: Path) -> list[str]:
    """Site-relative paths that are missing on one side or differ in bytes."""
    files_a = {p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_file()}
    files_b = {p.relative_to(clean).as_posix() for p in clean.rglob("*") if p.is_file()}
    changed = [name for name in sorted(files_a & files_b)
               if not filecmp.cmp(served / name, clean / name, shallow=False)]
    return sorted((files_a ^ files_b) | set(changed))


def is_data_output(name: str) -> bool:
    """The exports and the explorer's JSON, left as they were by an in-place update (DATA_OUTPUTS_NOTE)."""
    return name.startswith(("data/", "explorer/")) or name in ("events.atom", "events.csv", "events.ics")


def rename_event(content: Path, old: str, new: str) -> None:
    path = content / "events" / f"{old}.yaml"
    text = path.read_text(encoding="utf-8")
    (content / "events" / f"{new}.yaml").write_text(re.sub(r"(?m)^id: .*$", f"id: {new}", text), encoding="utf-8")
    path.unlink()


def set_line(path: Path, key: str, value: str) -> None:
    """Replace a top-level ``key:`` line (an editor's save)."""
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(rf"(?m)^{key}: .*$", f"{key}: {value}", text, count=1)
    path.write_text(new if count else text + f"{key}: {value}\n", encoding="utf-8")


ENTITY = "name: Vorschau GmbH\ntype: organization\ndescription: Ein Unternehmen der Vorschau.\norigin: manual\n"
EVENT = ("date: 2026-01-20\ntitle: Vorschau GmbH eröffnet ein Labor\nentities:\n- nvidia\n"
         "tags:\n- vorschau\norigin: manual\n")


def steps(content: Path) -> list[tuple[str, bool | None, callable]]:
    """(name, whether it is updated in place (None: it leaves broken content, shown by test_serve), what it
    does to the content folder)."""
    events = sorted((content / "events").glob("*.yaml"))
    entity = content / "entities" / "nvidia.yaml"
    return [
        ("edit an event's title", True, lambda: set_line(events[3], "title", "Ein neuer Titel <b>fett</b>")),
        ("edit an event's summary", True, lambda: set_line(events[5], "summary", "Neue Zusammenfassung")),
        ("edit an entity's description", True, lambda: set_line(entity, "description", "Neu beschrieben")),
        ("add an entity", False, lambda: (content / "entities" / "vorschau-gmbh.yaml").write_text(ENTITY, "utf-8")),
        ("add an event", False, lambda: (content / "events" / "vorschau-labor.yaml").write_text(EVENT, "utf-8")),
        ("rename an event", False, lambda: rename_event(content, "vorschau-labor", "vorschau-labor-neu")),
        ("break an event (a content error shows)", None, lambda: set_line(events[5], "date", "16.01.2026")),
        ("fix it (the error goes)", False, lambda: set_line(events[5], "date", "'2025-01'")),
        ("move an event to another date", False, lambda: set_line(events[3], "date", "'2019-05'")),
        ("delete an event", False, lambda: (content / "events" / "vorschau-labor-neu.yaml").unlink()),
        ("rename an entity", False, lambda: (content / "entities" / "vorschau-gmbh.yaml").rename(
            content / "entities" / "vorschau-ag.yaml")),
        ("delete an entity", False, lambda: (content / "entities" / "vorschau-ag.yaml").unlink()),
    ]


def test_every_served_file_matches_a_clean_build_after_each_change(project: Project) -> None:
    content = project.content.root
    shutil.copytree(ROOT / "content", content)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    config = project.write_config(site_url=url)
    ref_config = project.root / "reference" / "mkdocs.yml"
    ref_config.parent.mkdir()
    shutil.copy(config, ref_config)
    server = Server(config, port)
    try:
        served = Path(server.wait_line(r"chronik preview: serving (\S+)")[1])
        server.wait_line(r"Serving on")
        before = reference(ref_config, project.root / "ref-0", url)
        assert differences(served, before) == []
        for number, (name, in_place, change) in enumerate(steps(content), start=1):
            mark = len(server.lines)
            change()
            server.wait_line(r"Reloading browsers", after=mark)
            if in_place is None:  # no clean build of broken content to compare with; the next step fixes it
                continue
            updated = [line for line in server.lines[mark:] if "pages re-rendered" in line]
            assert bool(updated) == in_place, f"{name}: in place {in_place} expected; log:\n" + \
                "\n".join(server.lines[mark:])
            if in_place:
                server.wait_line(r"search index written", after=mark)
            clean = reference(ref_config, project.root / f"ref-{number}", url)
            diff = differences(served, clean)
            stale = [d for d in diff if in_place and is_data_output(d)]
            assert [d for d in diff if d not in stale] == [], f"{name}: served differs from a clean build"
            shown = [d for d in differences(served, before) if d.endswith(".html")]
            assert shown, f"{name}: no page changed, so this step proves nothing"
            shutil.rmtree(before)
            before = clean
        # A full rebuild (mkdocs.yml saved) brings the data files up to date too.
        mark = len(server.lines)
        config.write_text(config.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        server.wait_line(r"Reloading browsers", after=mark)
        assert differences(served, reference(ref_config, project.root / "ref-last", url)) == []
    finally:
        server.stop()


def test_a_page_s_new_search_sections_take_the_place_of_its_old_ones() -> None:
    from chronik.preview.searchindex import splice

    entries = [{"location": ""}, {"location": "a/"}, {"location": "a/#x"}, {"location": "b/"}]
    assert splice(entries, {"a/": [{"location": "a/", "n": 1}]})
    assert entries == [{"location": ""}, {"location": "a/", "n": 1}, {"location": "b/"}]
    assert not splice(entries, {"c/": [{"location": "c/"}]})  # nowhere to put it: the caller says so


def test_reads_while_a_page_is_built_become_its_dependencies(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from chronik.model import Event
    from chronik.preview import ReadTracker

    tracker = ReadTracker()
    tracker.install()
    try:
        event = Event(id="e", date=None, title="T", path=tmp_path / "e.yaml")
        config = SimpleNamespace(_current_page=None)
        tracker.start_build(config)
        assert event.title == "T"  # outside a page: structure, not a dependency
        config._current_page = SimpleNamespace(file=SimpleNamespace(src_uri="events/e.md"))
        assert event.title == "T"
        assert tracker.readers({tmp_path / "e.yaml"}) == {"events/e.md"}
        assert tracker.readers({tmp_path / "other.yaml"}) == set()
    finally:
        tracker.uninstall()
    assert "__getattribute__" not in Event.__dict__
