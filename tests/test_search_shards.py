"""The sharded search index (chronik.search.shards): folding, display pieces, postings, files on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chronik.search import shards
from chronik.search.shards import build, fold, pieces, read_records, shard_key, shard_search_index, tokens, ungaps
from harness import REPO, Project

CONFIG = {"lang": ["de"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {}}


def material_index(docs: list[dict[str, str]]) -> dict:
    return {"config": dict(CONFIG), "docs": docs}


def test_folding_makes_umlauts_their_spellings_and_accents_alike() -> None:
    assert fold("München") == fold("Muenchen") == fold("munchen") == fold("MÜNCHEN")
    assert fold("Straße") == fold("STRASSE") == "strasse"
    assert fold("Café") == "cafe" and fold("Ångström") == fold("angstrom")
    assert fold("Huawei") == "huawei"  # 'ei' and other pairs stay


def test_tokens_split_at_hyphens_and_punctuation_and_skip_single_characters() -> None:
    assert tokens("KI-Hoffnungen: Chinas Chips, 2026 & a") == {"ki", "hoffnungen", "chinas", "chips", "2026"}
    assert tokens("Grüße aus Köln") == {"grusse", "aus", "koln"}
    assert shard_key("hoffnungen") == "hof" and shard_key("ki") == "ki"


def test_pieces_keep_paragraphs_and_cut_long_text_between_sentences() -> None:
    assert pieces("<p>Kurz.</p> <p>Auch kurz.</p>") == ["Kurz. Auch kurz."]
    sentence = "Ein Satz mit einigen Wörtern, der etwas länger ist als die anderen. "
    long = "<p>" + sentence * 12 + "</p>"
    cut = pieces(long)
    assert len(cut) > 1 and all(len(piece) <= shards.PIECE for piece in cut)
    assert " ".join(cut) == (sentence * 12).strip()
    assert pieces("") == [""]  # a section without text is still a record (its title is searched)


def test_records_postings_and_pages_follow_materials_documents(tmp_path: Path) -> None:
    index = build(material_index([
        {"location": "entities/zhipu/", "title": "Zhipu AI", "text": "<p>Unternehmen in Peking.</p>"},
        {"location": "entities/zhipu/#quotes", "title": "Zitate", "text": "<p>„Wir wachsen“, sagte Tang Jie.</p>"},
        {"location": "sources/a/", "title": "Chinas KI-Hoffnungen", "text": "<p>Quelle</p>"},
    ]), tmp_path)
    rows = json.loads((tmp_path / "shards" / "r" / "0.json").read_text(encoding="utf-8"))
    assert [row[0] for row in rows] == ["entities/zhipu/", "entities/zhipu/#quotes", "sources/a/"]
    assert index.page_starts == [0, 2] and index.page_sections == ["entities", "sources"]
    assert shards.runs(["", "timeline", "timeline", "entities", "timeline"]) == [
        ["", 1], ["timeline", 2], ["entities", 1], ["timeline", 1]]
    codes = {token: codes.tolist() for token, codes in index.postings.items()}
    assert codes["zhipu"] == [0 * 4 + 3]  # record 0, in a two-word title
    assert codes["peking"] == [0 * 4 + shards.TEXT] and codes["tang"] == [1 * 4 + shards.TEXT]
    assert codes["hoffnungen"] == [2 * 4 + 2] and codes["zitate"] == [1 * 4 + 3]
    assert list(ungaps(index.shards()[shard_key("zhipu")]["zhipu"])) == [0 * 4 + 3]
    assert [shards.title_rank(n) for n in (1, 2, 3, 4, 5, 9)] == [3, 3, 2, 2, 1, 1]


def test_a_word_in_most_records_is_a_stop_word_only_on_a_large_site(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [{"location": f"p{i}/", "title": f"Seite {i}", "text": f"<p>der Text zu Nummer{i}</p>"} for i in range(40)]
    assert build(material_index(list(docs)), tmp_path).stop == []  # (build releases the list's documents)
    monkeypatch.setattr(shards, "STOP_MIN_RECORDS", 10)
    large = build(material_index(list(docs)), tmp_path)
    assert {"der", "text", "zu", "seite"} <= set(large.stop) and "der" not in large.postings
    assert "nummer7" in large.postings


def test_writing_replaces_materials_index_by_a_manifest_and_small_files(tmp_path: Path) -> None:
    search = tmp_path / "search"
    search.mkdir()
    docs = [{"location": f"timeline/{2000 + i}/", "title": f"Jahr {2000 + i}",
             "text": f"<p>Ereignis &lt;img src=x onerror=alert({i})&gt; in Berlin</p>"} for i in range(50)]
    (search / "search_index.json").write_text(json.dumps(material_index(docs)), encoding="utf-8")
    stats = shard_search_index(search)
    manifest = json.loads((search / "search_index.json").read_text(encoding="utf-8"))
    assert manifest["docs"] == [] and manifest["config"]["lang"] == ["de"]
    meta = manifest["config"]["chronik"]
    assert meta["records"] == 50 and stats["record_files"] == -(-50 // shards.CHUNK)
    assert meta["keys"] == sorted(meta["keys"]) and shard_key("berlin") in meta["keys"]
    assert meta["sizes"] == [-(-(search / "shards" / "t" / f"{n}.json").stat().st_size // 1024)
                             for n in range(len(meta["keys"]))]  # KB, for two-letter terms' budget
    records = read_records(search)
    assert records[3] == {"location": "timeline/2003/", "title": "Jahr 2003",
                          "text": "Ereignis <img src=x onerror=alert(3)> in Berlin"}  # plain text: the worker escapes
    for path in search.rglob("*.json"):
        assert "<" not in path.read_text(encoding="utf-8")  # no markup in any file, even as data
    with pytest.raises(ValueError, match="already sharded"):
        shard_search_index(search)


def test_a_second_build_leaves_no_stale_shards(tmp_path: Path) -> None:
    search = tmp_path / "search"
    search.mkdir()
    many = [{"location": f"p{i}/", "title": f"Wort{i}", "text": ""} for i in range(100)]
    (search / "search_index.json").write_text(json.dumps(material_index(many)), encoding="utf-8")
    shard_search_index(search)
    (search / "search_index.json").write_text(json.dumps(material_index(many[:3])), encoding="utf-8")
    shard_search_index(search)
    meta = json.loads((search / "search_index.json").read_text(encoding="utf-8"))["config"]["chronik"]
    assert len(list((search / "shards" / "r").glob("*.json"))) == 1
    assert len(list((search / "shards" / "t").glob("*.json"))) == len(meta["keys"])


def test_the_plugin_refuses_a_site_without_chronik_theme(project: Project) -> None:
    project.write("docs/index.md", "# Start\n")
    config = project.write_inline_config(
        "site_name: T\ntheme:\n  name: material\nplugins:\n  - search\n  - chronik-search\n")
    built = project.build(config)
    assert not built.ok and "needs Chronik's theme" in built.output  # Material's worker would find nothing


def test_a_large_shard_splits_by_one_more_character(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shards, "SPLIT_BYTES", 100)
    entries = {"202": [1], "2020": [1] * 30, "2021": [2] * 30, "20210": [3], "ber": [4], "berlin": [5]}
    split = shards.split_shards(entries, shards.KEY)
    assert split == {"202": {"202": [1]}, "2020": {"2020": [1] * 30}, "2021": {"2021": [2] * 30, "20210": [3]},
                     "ber": {"ber": [4], "berlin": [5]}}  # "2021" holds 20210: small enough together
    monkeypatch.setattr(shards, "SPLIT_BYTES", 10**6)
    assert set(shards.split_shards(entries, shards.KEY)) == {"202", "ber"}


def test_the_plugin_shards_pages_as_they_render_as_it_would_materials_whole_file(
        project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import chronik.search.plugin as plugin

    project.write("docs/index.md", "# Start\n\nWillkommen.\n")
    for n in range(40):
        project.write(f"docs/p{n}.md", f"# Seite {n}\n\nText über Berlin, Nummer{n}.\n\n## Teil\n\nZu München {n}.\n")
    theme = REPO / "plugins" / "chronik" / "theme"
    head = f"site_name: T\ntheme:\n  name: material\n  custom_dir: {theme}\nplugins:\n  - search\n"
    streamed: list[int] = []
    real = plugin.shard_search_index
    monkeypatch.setattr(plugin, "shard_search_index", lambda folder, sharded=None: (
        streamed.append(sharded.count if sharded else 0), real(folder, sharded))[1])
    site = project.build(project.write_inline_config(head + "  - chronik-search\n")).require()
    assert streamed and streamed[0] >= 81  # every page's documents were taken while pages rendered
    built = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search").rglob("*.json")}
    site = project.build(project.write_inline_config(head + "  - chronik-search:\n      enabled: false\n")).require()
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    real(site / "search")  # Material's whole file, sharded after the build
    assert built == {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search").rglob("*.json")}
