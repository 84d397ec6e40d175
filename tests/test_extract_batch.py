"""Many articles at once: a worker pool analyses, the parent writes; one bad article fails alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from chronik.model import load_content
from chronik_build.pipeline import main

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "extract"


def test_many_articles_and_a_folder_in_parallel(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    names = ["de-wirtschaft-autobauer.txt", "en-tech-outage.txt", "en-product-launch.txt"]
    for name in names[:2]:
        shutil.copyfile(CASES / name, folder / name)
    single = tmp_path / names[2]
    shutil.copyfile(CASES / names[2], single)
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    content = tmp_path / "content"
    code = main([str(folder), str(single), "--content", str(content), "--jobs", "2", "--published", "2025-06-02"])
    captured = capsys.readouterr()
    assert code == 1  # only the broken article failed
    assert "FAILED" in captured.out and "broken.txt: binary file" in captured.out
    for name in names:
        assert any(line.startswith("ok") and name in line and "events" in line for line in captured.out.splitlines())
        assert name in captured.err  # the progress line names the article in hand
    assert "3 of 4 articles extracted, 1 failed" in captured.out
    corpus, problems = load_content(content)
    assert problems == [] and len(corpus.articles) == 3
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    (folder / "broken.txt").unlink()
    assert main([str(folder), str(single), "--content", str(content), "--published", "2025-06-02"]) == 0
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before  # re-running changes nothing


def test_options_for_one_article_only_and_empty_folders(tmp_path: Path, capsys) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for p in (a, b):
        shutil.copyfile(CASES / "en-tech-outage.txt", p)
    with pytest.raises(SystemExit) as exc:
        main([str(a), str(b), "--url", "https://example.com/x"])
    assert exc.value.code == 2 and "single ARTICLE" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main([str(empty), "--content", str(tmp_path / "c")]) == 1
    assert "no .txt articles" in capsys.readouterr().err
