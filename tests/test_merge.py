"""Re-extracting never loses a hand edit: the 3-way merge, its record, and a stateful property test."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from pathlib import Path

import yaml
from chronik.model import load_content
from chronik.model.writer import render_yaml, schema_header
from chronik.model.yamlload import load_yaml_file
from chronik_build.merge import combine, merge_item
from chronik_build.pipeline import main, run
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "2026-01-16-cointelegraph-chinas-ki-hoffnungen"
SEED = ROOT / "content" / "articles" / f"{SEED_ID}.txt"
# two small articles sharing entities (OpenAI, Sam Altman): entity files get facts from both
ARTICLES = {
    "2025-09-22-investition.txt": " date 2025-09-22 Nvidia plant eine Investition von bis zu 100 Milliarden Dollar "
    "in OpenAI. Beide wollen\nneue Rechenzentren bauen.\n\n«Alles beginnt mit Rechenleistung», sagte OpenAI-Chef "
    "Sam Altman am Montag.\n",
    "2025-10-06-liefervertrag.txt": " date 2025-10-06 OpenAI und AMD schließen einen Liefervertrag über Chips. "
    "OpenAI-Chef Sam Altman sprach am Montag von einem großen Schritt.\n\nNvidia bleibt der wichtigste Lieferant "
    "von OpenAI. Der Umsatz von AMD lag im Quartal bei 9 Milliarden Dollar.\n",
}


def read(path: Path) -> dict:
    loaded, problems = load_yaml_file(path)
    assert loaded is not None, problems
    return loaded.data


def edit(path: Path, change) -> None:
    """Edit a content file as a person would: load, change, write back (header kept)."""
    data = read(path)
    change(data)
    kind = {"events": "event", "entities": "entity", "articles": "article"}[path.parent.name]
    path.write_text(render_yaml(path, data, kind), encoding="utf-8")


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != "lock"}


def test_three_way_merge() -> None:
    base = {"title": "A", "aliases": ["x", "y"], "facts": [{"v": 1, "sources": [{"article": "a1"}]}]}
    current = {"title": "B", "aliases": ["x", "z"], "facts": base["facts"], "description": "hand"}
    new = {"title": "C", "aliases": ["x", "y", "w"], "facts": [{"v": 2, "sources": [{"article": "a2"}]}]}
    out, kept, overwritten = merge_item(base, current, new)
    assert out["title"] == "B" and "title" in kept  # changed by hand: kept
    assert out["aliases"] == ["x", "z", "w"]  # 'y' deleted by hand stays deleted, 'w' is new
    assert out["description"] == "hand"
    assert [f["v"] for f in out["facts"]] == [2]  # untouched by hand: follows the extractor
    assert overwritten == ["aliases", "facts"]
    out, kept, overwritten = merge_item(base, dict(base), {"title": "C", "aliases": ["x"], "facts": []})
    assert out == {"title": "C", "aliases": ["x"], "facts": []} and kept == []
    assert overwritten == ["title", "aliases", "facts"]


def test_combine_pools_sources_of_equal_items() -> None:
    rel = {"type": "ceo_of", "target": "nvidia"}
    a = {"name": "Jensen Huang", "relations": [{**rel, "sources": [{"article": "a"}]}], "aliases": ["Huang"]}
    b = {"name": "Huang", "relations": [{**rel, "sources": [{"article": "b"}]}], "aliases": ["Huang", "J. Huang"]}
    out = combine({"a": a, "b": b})
    assert out == {"name": "Jensen Huang", "aliases": ["Huang", "J. Huang"],
                   "relations": [{**rel, "sources": [{"article": "a"}, {"article": "b"}]}]}
    assert combine({}) is None


def seeded(tmp: Path) -> tuple[Path, Path]:
    content, article = tmp / "content", tmp / f"{SEED_ID}.txt"
    shutil.copyfile(SEED, article)
    assert main([str(article), "--content", str(content)]) == 0
    return content, article


def test_second_reextract_keeps_hand_edits(tmp_path: Path) -> None:
    """The issue's reproduction: the title edit and the article's outlet survive the second re-extract too."""
    content, article = seeded(tmp_path)
    event = sorted((content / "events").glob("*.yaml"))[3]
    meta = content / "articles" / f"{SEED_ID}.yaml"
    edit(event, lambda d: d.update(title="Nvidia stellt Rubin vor"))
    edit(meta, lambda d: d.update(outlet="Cointelegraph Deutschland"))
    for _ in range(3):
        out = io.StringIO()
        report = run(article, content, None, None, out=out)
        assert read(event)["title"] == "Nvidia stellt Rubin vor"
        assert read(meta)["outlet"] == "Cointelegraph Deutschland"
        assert report.written == [] and f"{event}: kept title changed by hand" in out.getvalue()
    assert load_content(content)[1] == []


def test_every_overwritten_field_is_reported_by_name(tmp_path: Path) -> None:
    """When the extractor's output changed (a newer extractor), the fields it overwrites are named."""
    content, article = seeded(tmp_path)
    event = sorted((content / "events").glob("*.yaml"))[0]
    record = content / ".chronik" / "extracted" / "event" / f"{event.stem}.json"
    old = json.loads(record.read_text(encoding="utf-8"))
    old["outputs"][SEED_ID]["title"] = "Was ein älterer Extraktor schrieb"
    old["outputs"][SEED_ID]["summary"] = "Alt"
    record.write_text(json.dumps(old), encoding="utf-8")
    edit(event, lambda d: d.update(title="Was ein älterer Extraktor schrieb", summary="Alt"))
    out = io.StringIO()
    run(article, content, None, None, out=out)
    assert f"updated: {event}: title, summary" in out.getvalue().splitlines()
    assert read(event)["title"] != "Was ein älterer Extraktor schrieb"


def test_schema_header_does_not_depend_on_the_install_location(tmp_path: Path, monkeypatch) -> None:
    import chronik.model.writer as writer

    expected = "# yaml-language-server: $schema=../../plugins/chronik/model/schema/event.schema.json\n"
    assert schema_header(ROOT / "content" / "events" / "x.yaml", "event") == expected
    elsewhere = tmp_path / "checkout" / "content" / "events" / "x.yaml"
    assert schema_header(elsewhere, "event") == expected  # another checkout or environment: the same line
    monkeypatch.setattr(writer, "schema_path", lambda kind: tmp_path / "site-packages" / f"{kind}.schema.json",
                        raising=False)
    assert schema_header(elsewhere, "event") == expected
    for path in (ROOT / "content").rglob("*.yaml"):
        if path.parent.name in ("events", "entities", "articles"):
            first = path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n"
            assert first == schema_header(path, {"events": "event", "entities": "entity"}.get(
                path.parent.name, "article")), path
            target = path.parent / first.split("$schema=", 1)[1].strip()
            assert target.is_file(), f"{path}: the header points at a missing schema"


# -- stateful property test ---------------------------------------------------------------------------------------

_PRISTINE: dict[str, Path] = {}


def pristine() -> Path:
    """Both small articles extracted once (copied for each example: extraction is the slow part)."""
    if "dir" not in _PRISTINE:
        tmp = Path(tempfile.mkdtemp(prefix="chronik-merge-"))
        for name, text in ARTICLES.items():
            (tmp / name).write_text(text, encoding="utf-8")
            assert main([str(tmp / name), "--content", str(tmp / "content"), "--lang", "de"]) == 0
        _PRISTINE["dir"] = tmp
    return _PRISTINE["dir"]


TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöü ", min_size=1, max_size=12).map(lambda s: f"Hand {s}")
KIND_FIELDS = {"events": ("title", "summary"), "entities": ("description",), "articles": ("outlet", "title")}


class HandEditsSurvive(RuleBasedStateMachine):
    """Any sequence of hand edits and re-extracts keeps every hand edit; no file is written twice for nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="chronik-sm-"))
        shutil.copytree(pristine(), self.tmp, dirs_exist_ok=True)
        self.content = self.tmp / "content"
        self.expected: dict[tuple[Path, str], object] = {}  # (file, field) -> value; DELETED for removed fields
        self.aliases: dict[Path, set[str]] = {}
        self.deleted: set[Path] = set()
        self.reviewed: dict[Path, bytes] = {}

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def files(self) -> list[Path]:
        return sorted(p for d in KIND_FIELDS for p in (self.content / d).glob("*.yaml"))

    def _pick(self, data: st.DataObject, folders: tuple[str, ...] = tuple(KIND_FIELDS)) -> Path | None:
        files = [p for p in self.files() if p.parent.name in folders]
        return data.draw(st.sampled_from(files)) if files else None

    def _edited(self, path: Path) -> None:
        if path in self.reviewed:
            self.reviewed[path] = path.read_bytes()

    @rule(data=st.data(), value=TEXT)
    def change_field(self, data: st.DataObject, value: str) -> None:
        path = self._pick(data)
        if path is None:
            return
        name = data.draw(st.sampled_from(KIND_FIELDS[path.parent.name]))
        edit(path, lambda d: d.update({name: value}))
        self.expected[(path, name)] = value
        self._edited(path)

    @rule(data=st.data(), value=TEXT)
    def add_alias(self, data: st.DataObject, value: str) -> None:
        path = self._pick(data, ("entities",))
        if path is None:
            return
        alias = f"{value} {path.stem}"  # unique to the entity: no two entities share an alias
        edit(path, lambda d: d.setdefault("aliases", []).append(alias))
        self.aliases.setdefault(path, set()).add(alias)
        self.expected.pop((path, "aliases"), None)
        self._edited(path)

    @rule(data=st.data())
    def delete_field(self, data: st.DataObject) -> None:
        path = self._pick(data, ("events", "entities"))
        if path is None:
            return
        name = "summary" if path.parent.name == "events" else "aliases"
        edit(path, lambda d: d.pop(name, None))
        self.expected[(path, name)] = "DELETED"
        self.aliases.pop(path, None)
        self._edited(path)

    @rule(data=st.data())
    def delete_file(self, data: st.DataObject) -> None:
        path = self._pick(data, ("events", "entities"))
        if path is not None:
            path.unlink()
            self.deleted.add(path)
            self.reviewed.pop(path, None)

    @rule(value=TEXT)
    def add_file(self, value: str) -> None:
        path = self.content / "events" / f"von-hand-{len(self.reviewed) + len(self.deleted)}-{len(value)}.yaml"
        if path.exists() or path in self.deleted:
            return
        path.write_text(f"date: 2025-10\ntitle: {value}\nentities: [openai]\norigin: manual\n", encoding="utf-8")
        self.reviewed[path] = path.read_bytes()  # a person's file: byte for byte as written

    @rule(data=st.data(), value=TEXT)
    def rewrite_deleted_file(self, data: st.DataObject, value: str) -> None:
        """A person writes a file again, under an id the extractor uses, after deleting it."""
        gone = sorted(p for p in self.deleted if p.parent.name == "events")
        if not gone:
            return
        path = data.draw(st.sampled_from(gone))
        path.write_text(f"date: 2025-10\ntitle: {value}\norigin: extracted\nsources: []\n", encoding="utf-8")
        self.deleted.discard(path)
        # the new file is all the person wrote: edits made to the deleted one are no longer expected of it
        self.expected = {key: v for key, v in self.expected.items() if key[0] != path}
        self.expected[(path, "title")] = value

    @rule(data=st.data())
    def mark_reviewed(self, data: st.DataObject) -> None:
        path = self._pick(data)
        if path is not None:
            edit(path, lambda d: d.update(reviewed=True))
            self.reviewed[path] = path.read_bytes()

    @precondition(lambda self: True)
    @rule(which=st.sampled_from(sorted(ARTICLES)))
    def reextract(self, which: str) -> None:
        before = snapshot(self.content)
        report = run(self.tmp / which, self.content, None, "de", out=io.StringIO())
        after = snapshot(self.content)
        for written in report.written:  # every write changed the file
            rel = str(Path(written).relative_to(self.content))
            assert before.get(rel, (None,))[0] != after[rel][0], f"{rel} rewritten unchanged"
        again = run(self.tmp / which, self.content, None, "de", out=io.StringIO())
        assert again.written == [] and snapshot(self.content) == after, "a second run wrote files"

    @invariant()
    def hand_edits_are_kept(self) -> None:
        for path in self.deleted:
            assert not path.exists(), f"{path} deleted by hand came back"
        for path, body in self.reviewed.items():
            assert path.read_bytes() == body, f"{path} reviewed but changed"
        for (path, name), value in self.expected.items():
            if path in self.deleted:
                continue
            data = read(path)
            assert data.get(name, "DELETED") == value, f"{path}: {name} lost its hand edit"
        for path, aliases in self.aliases.items():
            if path not in self.deleted:
                assert aliases <= set(read(path).get("aliases") or []), f"{path}: a hand-added alias was lost"


HandEditsSurvive.TestCase.settings = settings(max_examples=25, stateful_step_count=10, deadline=None,
                                              suppress_health_check=[HealthCheck.too_slow])
test_hand_edits_survive_any_sequence = HandEditsSurvive.TestCase


def test_yaml_of_a_reviewed_file_is_byte_identical_after_reextract(tmp_path: Path) -> None:
    content, article = seeded(tmp_path)
    entity = content / "entities" / "nvidia.yaml"
    text = entity.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true") + "# geprüft\n"
    entity.write_text(text, encoding="utf-8")
    run(article, content, None, None, out=io.StringIO())
    assert entity.read_text(encoding="utf-8") == text
    assert yaml.safe_load(text)["reviewed"] is True
