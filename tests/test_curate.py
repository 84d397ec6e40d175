"""Curating content from the command line: `chronik new`, `validate`, `merge`, `remove` and their hints."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from chronik.cli import main as cli
from chronik.model import load_content

ROOT = Path(__file__).resolve().parent.parent


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and p.name != "lock"}


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's content (the seed article), the working folder beside it."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "content"


@pytest.mark.parametrize(("argv", "message"), [
    (["new", "event", "--date", "2025", "--title", ""], "--title: must not be empty"),
    (["new", "event", "--date", "2025", "--title", "   "], "--title: must not be empty"),
    (["new", "entity", "--name", "Acme", "--type", "Big Company"], "--type: 'Big Company' must be a lowercase word"),
    (["new", "entity", "--name", "Acme", "--type", "organization", "--alias", ""], "--alias: must not be empty"),
    (["new", "entity", "--name", "", "--type", "person"], "--name: must not be empty"),
    (["new", "event", "--date", "2025", "--title", "x", "--content", "contnet"], "--content: contnet: no such folder"),
    (["new", "event", "--date", "2025", "--title", "x", "--content", "content/events"],
     "not a content folder"),
])
def test_new_validates_before_writing_and_writes_nothing_on_error(content: Path, argv: list[str], message: str,
                                                                  capsys) -> None:
    before = files(content.parent)
    assert cli(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert files(content.parent) == before  # nothing written, no new tree


def test_validate_refuses_a_sub_folder_instead_of_reporting_ok(content: Path, capsys) -> None:
    assert cli(["validate", "content/events"]) == 1
    err = capsys.readouterr().err
    assert "content/events: not a content folder" in err and "did you mean content?" in err
    (content.parent / "empty").mkdir()
    assert cli(["validate", "empty"]) == 1
    assert cli(["validate", "content"]) == 0
    assert "OK (1 articles" in capsys.readouterr().out


def test_new_entity_refuses_a_name_or_alias_that_exists(content: Path, capsys) -> None:
    before = files(content)
    assert cli(["new", "entity", "--name", "Jensen Huang", "--type", "person", "--alias", "Huang"]) == 2
    assert "'Jensen Huang' is already a name or alias of entity 'jensen-huang'" in capsys.readouterr().err
    assert cli(["new", "entity", "--name", "Chipkonzern", "--type", "organization", "--alias", "nvidia"]) == 2
    assert "entity 'nvidia'" in capsys.readouterr().err
    assert files(content) == before and not (content / "entities" / "jensen-huang-2.yaml").exists()


@pytest.mark.parametrize(("wanted", "meant"), [("huang", "jensen-huang"), ("nvdia", "nvidia"),
                                               ("Tang Jie", "tang-jie"), ("zhipu-ai", "zhipu")])
def test_new_event_suggests_the_entity_meant(content: Path, wanted: str, meant: str, capsys) -> None:
    assert cli(["new", "event", "--date", "2025-11", "--title", "x", "--entity", wanted]) == 2
    assert f"unknown entity '{wanted}'; did you mean '{meant}'" in capsys.readouterr().err


def test_errors_say_how_to_fix_them(content: Path, capsys) -> None:
    (content / "events" / "a.yaml").write_text("date: 2026-01\ntitle: Nvidia: Rubin ist da\norigin: manual\n",
                                                encoding="utf-8")
    (content / "events" / "b.yaml").write_text("date: 16.01.2026\ntitle: x\norigin: manual\nentities: [huang]\n",
                                                encoding="utf-8")
    assert cli(["validate", "content"]) == 1
    err = capsys.readouterr().err
    assert ("content/events/a.yaml:2:14: yaml: YAML syntax error: mapping values are not allowed in this context "
            "(a colon inside a value: put the value in quotes, title: 'Nvidia: Rubin ist da')") in err
    assert "content/events/b.yaml:1:7: date: '16.01.2026' is not an EDTF date (write it as '2026-01-16')" in err
    (content / "events" / "b.yaml").write_text("date: 2026-01-16\ntitle: x\norigin: manual\nentities: [huang]\n",
                                                encoding="utf-8")
    assert cli(["validate", "content"]) == 1
    assert ("content/events/b.yaml:4:12: entities[0]: unknown entity 'huang' (no entities/huang.yaml); "
            "did you mean 'jensen-huang'?") in capsys.readouterr().err
    assert cli(["new", "event", "--date", "1.2.2026", "--title", "x"]) == 2
    assert "(write it as '2026-02-01')" in capsys.readouterr().err


SEED_ID = "2026-01-16-cointelegraph-chinas-ki-hoffnungen"


def test_merge_two_entities_rewrites_every_reference_and_loses_nothing(content: Path, tmp_path: Path,
                                                                      capsys) -> None:
    before, _ = load_content(content)
    naming_peking = {e.id for e in before.events.values() if "peking" in e.entities}
    assert naming_peking
    assert cli(["merge", "china", "peking"]) == 0
    out = capsys.readouterr().out
    assert "'Peking' is now an alias of 'China'" in out and "still valid" in out
    after, problems = load_content(content)
    assert problems == [] and "peking" not in after.entities
    assert "Peking" in after.entities["china"].aliases
    assert all("china" in after.events[i].entities for i in naming_peking)
    assert not any("peking" in e.entities for e in after.events.values())
    assert sum(len(e.sources) for e in after.events.values()) == sum(len(e.sources) for e in before.events.values())
    # a re-extract finds 'Peking' as China now: no new peking.yaml, nothing rewritten
    article = tmp_path / f"{SEED_ID}.txt"
    shutil.copyfile(content / "articles" / f"{SEED_ID}.txt", article)
    snapshot = files(content)
    from chronik_build.pipeline import main as extract

    assert extract([str(article), "--content", str(content)]) == 0
    assert not (content / "entities" / "peking.yaml").exists()
    corpus, problems = load_content(content)
    assert problems == []
    now = {k: v for k, v in files(content).items() if not k.startswith(".chronik")}
    # every file stays as it was; the event reviewer, which reads the entities a sentence names, may accept a
    # sentence it rejected before the merge: only such a new event may appear, and it names China, not Peking
    assert {k: now.get(k) for k in snapshot if not k.startswith(".chronik")} == {
        k: v for k, v in snapshot.items() if not k.startswith(".chronik")}
    added = set(now) - set(snapshot)
    assert all(k.startswith("events/") for k in added)
    assert not any("peking" in e.entities for e in corpus.events.values())


def test_merge_two_events_keeps_both_sources(content: Path, capsys) -> None:
    corpus, _ = load_content(content)
    a, b = sorted(corpus.events)[:2]
    assert cli(["merge", a, b]) == 0
    after, problems = load_content(content)
    assert problems == [] and b not in after.events
    assert set(corpus.events[a].sources) | set(corpus.events[b].sources) == set(after.events[a].sources)
    assert cli(["merge", a, "nvidia"]) == 2
    assert "not of one kind" in capsys.readouterr().err
    assert cli(["merge", "nvdia", "china"]) == 2
    assert "no entity or event 'nvdia'; did you mean 'nvidia'?" in capsys.readouterr().err


def test_remove_article_keeps_what_people_made(content: Path, capsys) -> None:
    corpus, _ = load_content(content)
    reviewed = next(e for e in sorted(corpus.events) if "tang-jie" in corpus.events[e].entities)
    path = content / "events" / f"{reviewed}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true"), encoding="utf-8")
    assert cli(["new", "event", "--date", "2025-11", "--title", "Huang spricht", "--entity", "jensen-huang"]) == 0
    capsys.readouterr()
    assert cli(["remove", "article", SEED_ID]) == 0
    out = capsys.readouterr().out
    after, problems = load_content(content)
    assert problems == [] and after.articles == {}
    assert set(after.events) == {reviewed, "2025-11-huang-spricht"}
    assert after.events[reviewed].origin == "manual" and after.events[reviewed].sources == ()
    assert "jensen-huang" in after.entities and "tang-jie" in after.entities  # still named by what stays
    assert "nvidia" not in after.entities  # only the article supported it
    assert "kept content/entities/jensen-huang.yaml: still named by content/events/2025-11-huang-spricht.yaml" \
        in out
    assert "its only source was this article, so it is origin: manual now" in out
    assert not list((content / ".chronik" / "extracted").rglob("*.json"))
    assert cli(["remove", "article", SEED_ID]) == 2
    assert f"no article '{SEED_ID}'" in capsys.readouterr().err


def test_validate_fix_fills_in_offsets_from_the_quote(content: Path, capsys) -> None:
    text = (content / "articles" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    quote = "DeepSeek erregte vor einem Jahr in den USA mit einem leistungsstarken KI-Modell Aufmerksamkeit."
    event = content / "events" / "von-hand.yaml"
    event.write_text(f"date: 2025-01\ntitle: DeepSeek\norigin: manual\nsources:\n- article: {SEED_ID}\n"
                     f"  quote: {quote}\n", encoding="utf-8")
    entity = content / "entities" / "nvidia.yaml"
    entity.write_text(entity.read_text(encoding="utf-8").replace("start: ", "start: 1"), encoding="utf-8")
    assert cli(["validate", "content"]) == 1
    capsys.readouterr()
    assert cli(["validate", "--fix", "content"]) == 0
    out = capsys.readouterr().out
    start = text.index(quote)
    assert f"content/events/von-hand.yaml: fixed sources[0]: start {start}, end {start + len(quote)}" in out
    assert "content/entities/nvidia.yaml: fixed" in out
    corpus, problems = load_content(content)
    assert problems == [] and corpus.events["von-hand"].sources[0].start == start
    assert cli(["validate", "--fix", "content"]) == 0 and "fixed" not in capsys.readouterr().out


def test_curating_refuses_to_start_on_a_broken_file(content: Path, capsys) -> None:
    (content / "events" / "kaputt.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    before = files(content)
    assert cli(["remove", "article", SEED_ID]) == 2
    err = capsys.readouterr().err
    assert "content/events/kaputt.yaml" in err and "fix the file first" in err and "Traceback" not in err
    assert cli(["merge", "china", "peking"]) == 2
    assert "fix the file first" in capsys.readouterr().err
    assert files(content) == before
