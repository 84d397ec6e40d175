"""Concurrent runs, killed runs and file modes: a content folder never loses data or gets half-written files."""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from chronik.model import load_content
from chronik.model.writer import atomic_write_text, content_lock
from chronik.model.yamlload import load_yaml_file
from chronik_build.pipeline import main
from harness import killed_at_script

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "2026-01-16-cointelegraph-chinas-ki-hoffnungen"
SEED = ROOT / "content" / "articles" / f"{SEED_ID}.txt"


def two_overlapping_articles(tmp: Path) -> list[Path]:
    """The seed and a second edition of it (another file, slightly other text): nearly every event and
    entity is shared, so both runs write the same files."""
    first, second = tmp / f"{SEED_ID}.txt", tmp / "2026-01-17-zweite-ausgabe.txt"
    shutil.copyfile(SEED, first)
    second.write_text(SEED.read_text(encoding="utf-8") + "\nAktualisiert am 17. Januar 2026.\n", encoding="utf-8")
    return [first, second]


def extract_cmd(article: Path, content: Path) -> list[str]:
    return [sys.executable, "-m", "chronik_build.pipeline", str(article), "--content", str(content)]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


def cited(content: Path) -> dict[str, set[str]]:
    """Every event's and entity's file → the articles its sources cite (the data a lost update would drop)."""
    corpus, problems = load_content(content)
    assert problems == []
    out = {}
    for ev in corpus.events.values():
        out[f"events/{ev.id}"] = {s.article for s in ev.sources}
    for ent in corpus.entities.values():
        srcs = [s for r in ent.relations for s in r.sources] + [s for f in ent.facts for s in f.sources]
        out[f"entities/{ent.id}"] = {s.article for s in srcs} | {f"{len(ent.facts)} facts"}
    return out


def test_two_concurrent_runs_lose_nothing(tmp_path: Path) -> None:
    articles = two_overlapping_articles(tmp_path)
    sequential = tmp_path / "sequential"
    for art in articles:
        assert main([str(art), "--content", str(sequential)]) == 0
    expected = cited(sequential)
    assert sum(len(v) > 1 for v in expected.values()) > 20  # the two articles really share files
    for attempt in range(2):
        content = tmp_path / f"concurrent-{attempt}"
        procs = [subprocess.Popen(extract_cmd(art, content), env=env(), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for art in articles]
        results = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], results
        assert cited(content) == expected


def test_a_second_run_waits_for_the_lock_and_says_so(tmp_path: Path) -> None:
    content = tmp_path / "content"
    article = two_overlapping_articles(tmp_path)[0]
    with content_lock(content):
        proc = subprocess.Popen(extract_cmd(article, content), env=env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        ready, _, _ = select.select([proc.stderr], [], [], 120)
        assert ready, "the second run said nothing"
        said = proc.stderr.readline()
        assert "waiting for another chronik run" in said
        assert proc.poll() is None and not (content / "events").exists()  # it waits, it does not write
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert load_content(content)[1] == []


def test_written_files_get_and_keep_normal_modes(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "content" / "events" / "x.yaml"
        atomic_write_text(path, "a")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not mkstemp's 0600
        path.chmod(0o664)
        atomic_write_text(path, "b")
        assert stat.S_IMODE(path.stat().st_mode) == 0o664  # an existing mode stays
        path.chmod(0o644)
        atomic_write_text(path, "c")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        content = tmp_path / "extracted"
        assert main([str(two_overlapping_articles(tmp_path)[0]), "--content", str(content)]) == 0
        modes = {stat.S_IMODE(p.stat().st_mode) for p in content.rglob("*") if p.is_file()}
        assert modes == {0o644}
    finally:
        os.umask(old)


def test_leftover_temp_files_are_removed_and_ignored_by_git(tmp_path: Path) -> None:
    content = tmp_path / "content"
    article = two_overlapping_articles(tmp_path)[0]
    assert main([str(article), "--content", str(content)]) == 0
    leftovers = [content / "events" / ".x.yaml.k2j3h4g5.tmp", content / "entities" / ".nvidia.yaml.abcd_123.tmp",
                 content / ".chronik" / "extracted" / "event" / ".x.json.zz99yy88.tmp"]
    for path in leftovers:
        path.write_text("half", encoding="utf-8")
    keep = content / "events" / ".notes.tmp"  # not a name our writer makes: not ours to delete
    keep.write_text("mine", encoding="utf-8")
    assert main([str(article), "--content", str(content)]) == 0
    assert not any(p.exists() for p in leftovers) and keep.exists()
    if shutil.which("git"):
        ignored = subprocess.run(["git", "check-ignore", "content/events/.x.yaml.k2j3h4g5.tmp",
                                  "content/.chronik/lock"], cwd=ROOT, capture_output=True, text=True)
        assert ignored.stdout.split() == ["content/events/.x.yaml.k2j3h4g5.tmp", "content/.chronik/lock"]


def _temp_files(content: Path) -> list[Path]:
    return list(content.rglob(".*.tmp")) if content.exists() else []


def _kill_while_writing(article: Path, content: Path) -> bool:
    """Start an extract and SIGKILL it the moment a temp file shows it is writing; False if it finished first."""
    proc = subprocess.Popen(extract_cmd(article, content), env=env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while proc.poll() is None and not _temp_files(content) and time.monotonic() < deadline:
        pass  # busy-wait: a temp file lives only milliseconds
    caught_writing = bool(_temp_files(content))
    proc.send_signal(signal.SIGKILL)
    return proc.wait() == -signal.SIGKILL and caught_writing


def test_a_killed_run_leaves_no_half_written_file_and_the_next_run_recovers(tmp_path: Path) -> None:
    articles = two_overlapping_articles(tmp_path)
    reference = tmp_path / "reference"
    for art in articles:
        assert main([str(art), "--content", str(reference)]) == 0
    for attempt in range(10):  # a fast machine may finish before the kill lands: try again
        content = tmp_path / f"content-{attempt}"
        assert main([str(articles[0]), "--content", str(content)]) == 0
        if _kill_while_writing(articles[1], content):
            break
    else:
        pytest.fail("never caught the run while it was writing")
    for path in content.rglob("*.yaml"):  # every file is complete: the old version or the new one
        loaded, problems = load_yaml_file(path)
        assert loaded is not None, problems
    assert main([str(articles[1]), "--content", str(content)]) == 0
    assert _temp_files(content) == []
    assert cited(content) == cited(reference)


def test_the_lock_is_released_when_a_holder_dies(tmp_path: Path) -> None:
    content = tmp_path / "content"
    code = ("import sys, time; from chronik.model.writer import content_lock\n"
            f"with content_lock(__import__('pathlib').Path({str(content)!r})):\n"
            "    print('locked', flush=True); time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], env=env(), stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    fd = os.open(content / ".chronik" / "lock", os.O_RDWR)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        proc.kill()
        proc.wait()
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again
    finally:
        os.close(fd)


# -- a run killed at any point of a multi-file write ----------------------------------------------------------

# Runs an extract that SIGKILLs itself at the K-th os.fsync/os.sync/os.replace (K=0: never; prints the count at exit):
# every point of the write (temp files, the journal, the renames, the folder syncs) can be hit exactly.
KILL_AT = killed_at_script("chronik_build.pipeline:main", ("replace", "fsync", "sync"))


def _extract_killed_at(point: int, article: Path, content: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", KILL_AT, str(point), str(article), "--content", str(content)],
                          env=env(), capture_output=True, text=True, timeout=300, check=False)


HAND_EDIT = "Von Hand geschrieben: bleibt bei jedem Lauf."


def _first_run_with_a_hand_edit(article: Path, content: Path) -> None:
    from chronik.model import write_yaml

    assert main([str(article), "--content", str(content)]) == 0
    path = content / "entities" / "nvidia.yaml"
    loaded, problems = load_yaml_file(path)
    assert loaded is not None, problems
    write_yaml(path, {**loaded.data, "description": HAND_EDIT}, "entity")


def test_a_run_killed_at_any_point_of_its_write_is_completed_by_the_next(tmp_path: Path, capsys) -> None:
    from chronik.cli import main as chronik

    first, second = two_overlapping_articles(tmp_path)
    reference = tmp_path / "reference"
    _first_run_with_a_hand_edit(first, reference)
    old = cited(reference)
    counted = _extract_killed_at(0, second, reference)
    assert counted.returncode == 0, counted.stderr
    total = int(counted.stdout.split("calls")[-1])
    expected = cited(reference)
    # the first and last calls, the middle (temp files, journal, renames) and a spread between
    points = sorted({1, 2, total // 4, total // 2 - 1, total // 2, total // 2 + 1, total // 2 + 2,
                     3 * total // 4, total - 2, total - 1, total})
    journals = 0
    for point in points:
        content = tmp_path / f"killed-at-{point}"
        _first_run_with_a_hand_edit(first, content)
        killed = _extract_killed_at(point, second, content)
        assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
        capsys.readouterr()
        if (content / ".chronik" / "journal.json").exists():  # killed between journal and its end
            journals += 1
            assert chronik(["validate", str(content)]) == 1
            assert "a chronik run was stopped while writing several files" in capsys.readouterr().err
        else:  # the old state whole, or the new one: nothing half-way, no reference to a file not yet written
            assert cited(content) in (old, expected), point
        assert main([str(second), "--content", str(content)]) == 0
        assert not (content / ".chronik" / "journal.json").exists() and _temp_files(content) == []
        assert cited(content) == expected, point  # validates (no dangling reference), no citation lost
        loaded, _ = load_yaml_file(content / "entities" / "nvidia.yaml")
        assert loaded is not None and loaded.data["description"] == HAND_EDIT, point  # the person's edit stays
    assert journals >= 3, points  # the middle points fall inside the renames


def test_a_journal_pointing_outside_the_content_folder_is_refused(tmp_path: Path) -> None:
    from chronik.model.paths import UnsafePathError

    content = tmp_path / "content"
    (content / ".chronik").mkdir(parents=True)
    keep = tmp_path / "outside.txt"
    keep.write_text("mine", encoding="utf-8")
    for steps in ('[{"delete": "../outside.txt"}]', '[{"rename": "events/x.yaml", "to": "events/y.yaml"}]', "[1]"):
        (content / ".chronik" / "journal.json").write_text(f'{{"steps": {steps}}}', encoding="utf-8")
        refused = "journal.json: an unfinished write's journal that cannot be used"
        with pytest.raises(UnsafePathError, match=refused), content_lock(content):
            pass
    assert keep.read_text(encoding="utf-8") == "mine"
