"""The whole build step: seed article, idempotent re-runs, what people did is kept, bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from chronik.model import load_content
from chronik_build.pipeline import main

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "2026-01-16-cointelegraph-chinas-ki-hoffnungen"
SEED = ROOT / "content" / "articles" / f"{SEED_ID}.txt"
SECOND = """ date 2025-09-22 Nvidia plant eine Investition von bis zu 100 Milliarden Dollar in OpenAI. Beide wollen
neue Rechenzentren bauen.

«Alles beginnt mit Rechenleistung», sagte OpenAI-Chef Sam Altman am Montag.
"""


def files(root: Path) -> dict[str, bytes]:
    """Every file under root (relative path -> bytes)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture()
def seeded(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    article = tmp_path / f"{SEED_ID}.txt"
    shutil.copyfile(SEED, article)
    assert main([str(article), "--content", str(content)]) == 0
    return content


def test_seed_article_gives_valid_linked_content(seeded: Path) -> None:
    corpus, problems = load_content(seeded)
    assert problems == []
    assert (seeded / "articles" / f"{SEED_ID}.txt").read_bytes() == SEED.read_bytes()
    assert len(corpus.events) >= 15 and len(corpus.entities) >= 20
    text = SEED.read_text(encoding="utf-8")
    for ev in corpus.events.values():
        assert ev.sources
        for s in ev.sources:
            assert text[s.start:s.end] == s.quote
    nvidia = corpus.entities["nvidia"]
    assert nvidia.type == "organization"
    assert corpus.entities["vereinigte-staaten"].type == "place"
    assert corpus.entities["tang-jie"].type == "person"
    rels = {(r.type, r.target) for r in corpus.entities["tang-jie"].relations}
    assert ("founder_of", "zhipu") in rels
    dated = {ev.date.text for ev in corpus.events.values() if ev.date}
    assert {"2026-01-10/2026-01-11", "2025-23", "2025-11", "../2026-01-16"} <= dated
    art = corpus.articles[SEED_ID]
    assert art.published.startswith("2026-01-16") and art.language == "de"
    assert any(reason == "disclaimer" for _line, reason in art.chrome)


def test_committed_seed_output_matches_a_fresh_extraction(seeded: Path) -> None:
    repo = ROOT / "content"
    for kind in ("events", "entities"):
        fresh = {p.name: load(p) for p in (seeded / kind).glob("*.yaml")}
        committed = {p.name: load(p) for p in (repo / kind).glob("*.yaml")
                     if load(p).get("origin") == "extracted"
                     and any(s.get("article") == SEED_ID for s in load(p).get("sources") or [])
                     or kind == "entities"}
        for name, data in fresh.items():
            assert name in committed, f"{kind}/{name} missing in content/: run `chronik extract {SEED}`"
            if kind == "events":
                assert committed[name] == data, f"{kind}/{name} differs from a fresh extraction"


def test_rerun_changes_nothing(seeded: Path, tmp_path: Path) -> None:
    before = files(seeded)
    mtimes = {p: p.stat().st_mtime_ns for p in seeded.rglob("*") if p.is_file()}
    assert main([str(tmp_path / f"{SEED_ID}.txt"), "--content", str(seeded)]) == 0
    assert files(seeded) == before
    assert {p: p.stat().st_mtime_ns for p in seeded.rglob("*") if p.is_file()} == mtimes


def _set(path: Path, **changes) -> None:
    text = path.read_text(encoding="utf-8")
    header, body = text.split("\n", 1)
    data = yaml.safe_load(body)
    data.update(changes)
    path.write_text(header + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_reviewed_manual_and_hand_edits_are_kept(seeded: Path, tmp_path: Path, capsys) -> None:
    events = sorted((seeded / "events").glob("*.yaml"))
    reviewed, manual, edited = events[0], events[1], events[2]
    _set(reviewed, reviewed=True, title="Von Hand geprüft")
    _set(manual, origin="manual", title="Von Hand geschrieben", sources=[])
    _set(edited, title="Besserer Titel")
    ent = seeded / "entities" / "nvidia.yaml"
    data = load(ent)
    _set(ent, description="Chipentwickler aus Kalifornien", aliases=["NVIDIA Corp."])
    gone = seeded / "entities" / "huawei.yaml"
    gone.unlink()
    snapshot = {p: p.read_bytes() for p in (reviewed, manual)}
    capsys.readouterr()
    assert main([str(tmp_path / f"{SEED_ID}.txt"), "--content", str(seeded)]) == 0
    out = capsys.readouterr().out
    assert {p: p.read_bytes() for p in (reviewed, manual)} == snapshot
    assert load(edited)["title"] == "Besserer Titel"
    nv = load(ent)
    assert nv["description"] == "Chipentwickler aus Kalifornien"
    assert nv["aliases"][0] == "NVIDIA Corp." and nv["facts"] == data["facts"]
    assert not gone.exists()
    assert "reviewed" in out and "manual" in out and "title" in out and "not recreated" in out
    assert load_content(seeded)[1] == []


def test_second_article_links_to_existing_entities(seeded: Path, tmp_path: Path) -> None:
    art = tmp_path / "2025-09-22-upday-investition.txt"
    art.write_text(SECOND, encoding="utf-8")
    before = set(p.name for p in (seeded / "entities").glob("*.yaml"))
    facts_before = load(seeded / "entities" / "nvidia.yaml")["facts"]
    assert main([str(art), "--content", str(seeded), "--lang", "de"]) == 0
    after = set(p.name for p in (seeded / "entities").glob("*.yaml"))
    assert "nvidia.yaml" in before and "openai.yaml" in before
    assert not any(n.startswith(("nvidia-", "openai-")) for n in after)
    corpus, problems = load_content(seeded)
    assert problems == []
    new_events = [e for e in corpus.events.values() if e.sources[0].article == "2025-09-22-upday-investition"]
    assert any("nvidia" in e.entities and "openai" in e.entities for e in new_events)
    facts_after = load(seeded / "entities" / "nvidia.yaml")["facts"]
    assert facts_after[: len(facts_before)] == facts_before  # the first article's figures stay
    assert len(facts_after) > len(facts_before)  # and the second article's are added


BAD_INPUTS = {
    "empty": b"",
    "blank": b"  \n\n ",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
    "latin1": "Die Bürger sagten am Montag: schön.".encode("latin-1"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_a_clear_one_line_error(tmp_path: Path, name: str, capsys) -> None:
    article = tmp_path / f"{name}.txt"
    article.write_bytes(BAD_INPUTS[name])
    content = tmp_path / "content"
    assert main([str(article), "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("chronik extract: error:") and err.count("\n") == 1 and "Traceback" not in err
    assert not content.exists()


def test_missing_huge_and_wrong_paths(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    assert main([str(tmp_path / "nope.txt"), "--content", str(content)]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main([str(tmp_path), "--content", str(content)]) == 1  # a folder is many articles: here none
    assert "no .txt articles" in capsys.readouterr().err
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(20 * 1024 * 1024)
    assert main([str(huge), "--content", str(content)]) == 1
    assert "too large" in capsys.readouterr().err
    ok = tmp_path / "ok.txt"
    ok.write_text("Acme kaufte am Montag Globex.\n", encoding="utf-8")
    assert main([str(ok), "--content", str(content), "--published", "16.01.2026"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err
    afile = tmp_path / "afile"
    afile.write_text("x")
    assert main([str(ok), "--content", str(afile), "--published", "2026-01-16"]) == 1
    assert "not a folder" in capsys.readouterr().err
    assert not content.exists()


def test_article_without_time_expressions_gives_a_sensible_result(tmp_path: Path) -> None:
    art = tmp_path / "plain.txt"
    art.write_text("Globex kauft ArcLight. Die Übernahme soll Arbeitsplätze sichern.\n", encoding="utf-8")
    content = tmp_path / "content"
    assert main([str(art), "--content", str(content), "--published", "2026-01-16"]) == 0
    corpus, problems = load_content(content)
    assert problems == []
    assert [e.date.text for e in corpus.events.values()] == ["2026-01-16~"]


def test_command_line_module_and_usage_errors(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run([sys.executable, "-m", "chronik_build.pipeline", str(tmp_path / "x.txt")],
                          capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 1 and "no such file" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "chronik_build.pipeline", "--lang", "fr", "x"],
                          capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 2 and "invalid choice" in proc.stderr


def test_windows_line_endings_and_chrome_only_pages(tmp_path: Path) -> None:
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes("Menü\r\nAcme kauft Globex für 2 Milliarden Euro\r\n\r\n12.03.2025\r\n\r\nDer Konzern Acme hat "
                     "am Dienstag die Übernahme von Globex angekündigt. „Das ist ein großer Tag“, sagte Acme-Chefin "
                     "Jana Roth.\r\n".encode())
    content = tmp_path / "content"
    assert main([str(crlf), "--content", str(content)]) == 0
    corpus, problems = load_content(content)
    assert problems == []
    assert any(e.date and e.date.text == "2025-03-11" for e in corpus.events.values())
    chrome_only = tmp_path / "chrome.txt"
    chrome_only.write_text("Menü\nStart\nNewsletter abonnieren\n© 2025 Verlag\n", encoding="utf-8")
    assert main([str(chrome_only), "--content", str(content), "--published", "2025-01-01"]) == 0
    assert load_content(content)[1] == []


def test_many_articles_into_one_folder_stay_valid(seeded: Path, tmp_path: Path) -> None:
    def args(case: Path) -> list[str]:  # a case may pass options (an article that states no date)
        return yaml.safe_load(case.with_suffix(".expected.yaml").read_text(encoding="utf-8")).get("args", [])

    for case in sorted((ROOT / "tests" / "extract").glob("*.txt")):
        art = tmp_path / case.name
        shutil.copyfile(case, art)
        assert main([str(art), "--content", str(seeded), *args(case)]) == 0
    corpus, problems = load_content(seeded)
    assert problems == []
    assert len(corpus.articles) == 1 + len(list((ROOT / "tests" / "extract").glob("*.txt")))
    before = files(seeded)
    for case in sorted((ROOT / "tests" / "extract").glob("*.txt")):
        assert main([str(tmp_path / case.name), "--content", str(seeded), *args(case)]) == 0
    assert files(seeded) == before
