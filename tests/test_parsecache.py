"""The parse cache: a second load parses only changed files, never serves stale data, survives damage."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import pytest
from chronik.model import load_content, loader
from chronik.model.parsecache import MAGIC, ParseCache

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synthetic import generate  # noqa: E402


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "content"
    generate(root, 120, seed=3)
    return root


@pytest.fixture
def content(corpus_root: Path, tmp_path: Path) -> Path:
    """A fresh copy of the synthetic corpus for a test that edits it."""
    import shutil

    root = tmp_path / "content"
    shutil.copytree(corpus_root, root)
    return root


def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the display name of every file the loader parses from YAML."""
    seen: list[str] = []
    original = loader.load_yaml_bytes

    def counting(raw: bytes, display: str, source: Path | None = None):
        seen.append(display)
        return original(raw, display, source)

    monkeypatch.setattr(loader, "load_yaml_bytes", counting)
    return seen


def yaml_count(root: Path) -> int:
    return sum(1 for _ in root.glob("*/*.yaml"))


def test_cached_load_equals_uncached_and_parses_nothing(content: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    plain, plain_problems = load_content(content)
    cache = tmp_path / "cache"
    seen = parses(monkeypatch)
    first, first_problems = load_content(content, cache)
    assert len(seen) == yaml_count(content)
    seen.clear()
    second, second_problems = load_content(content, cache)
    assert seen == []  # every file came from the cache
    assert plain_problems == first_problems == second_problems == []
    assert plain == first == second
    assert list(plain.events) == list(second.events)  # same order too
    assert len(second.events) == 120


def test_same_size_same_mtime_edit_is_read_again(content: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    corpus, _ = load_content(content, cache)
    event = next(iter(corpus.events.values()))
    path = event.path
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    old = event.title
    new = ("X" if old[0] != "X" else "Y") + old[1:]  # same length in UTF-8 (ASCII first character swapped)
    assert len(new.encode()) == len(old.encode())
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a coarse clock or a restore would leave it
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    seen = parses(monkeypatch)
    again, problems = load_content(content, cache)
    assert problems == []
    assert again.events[event.id].title == new
    assert len(seen) == 1  # only the edited file


def test_deleted_and_added_files(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    corpus, _ = load_content(content, cache)
    gone = next(e for e in corpus.events.values())
    text = gone.path.read_text(encoding="utf-8")
    gone.path.unlink()
    after, problems = load_content(content, cache)
    assert problems == []
    assert gone.id not in after.events
    assert len(after.events) == len(corpus.events) - 1
    gone.path.with_name("brand-new-event.yaml").write_text(text.replace(f"id: {gone.id}", "id: brand-new-event"),
                                                          encoding="utf-8")
    added, problems = load_content(content, cache)
    assert problems == []
    assert "brand-new-event" in added.events


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "foreign-class", "empty", "directory"])
def test_damaged_cache_is_ignored(content: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    expected, _ = load_content(content, cache)
    (file,) = cache.iterdir()
    blob = file.read_bytes()
    if damage == "garbage":
        file.write_bytes(os.urandom(4096))
    elif damage == "truncated":
        file.write_bytes(blob[: len(blob) // 2])
    elif damage == "flipped":
        file.write_bytes(blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:])
    elif damage == "foreign-class":  # a well-formed file whose payload would run code if unpickled naively
        cached = ParseCache(file)
        payload = pickle.dumps({"events/x.yaml": os.getcwd})  # a reference to a function of module os
        from chronik.model.parsecache import content_hash

        file.write_bytes(MAGIC + cached.fingerprint + content_hash(payload) + payload)
    elif damage == "empty":
        file.write_bytes(b"")
    else:
        file.unlink()
        file.mkdir()
    corpus, problems = load_content(content, cache)
    assert problems == []
    assert corpus == expected


def test_cache_from_other_code_is_ignored(content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    load_content(content, cache)
    monkeypatch.setattr("chronik.model.parsecache.code_fingerprint", lambda: b"\1" * 32)
    seen = parses(monkeypatch)
    load_content(content, cache)
    assert len(seen) == yaml_count(content)


def test_problem_positions_survive_released_trees_and_the_cache(content: Path, tmp_path: Path) -> None:
    """A cross-file problem found after a file validated (tree dropped, or never parsed) still has its line."""
    cache = tmp_path / "cache"
    load_content(content, cache)
    path = next(iter(sorted((content / "events").glob("*.yaml"))))
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("entities:"))
    lines.insert(index + 1, "- no-such-entity")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for _ in range(2):  # parsed now, then served from the cache
        _, problems = load_content(content, cache)
        (problem,) = [p for p in problems if "no-such-entity" in p.message]
        assert problem.line == index + 2
        assert problem.field.startswith("entities[")
