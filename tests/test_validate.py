"""`chronik validate` on real content folders: a valid tree, and a corpus of malformed inputs,
each with its exact location and message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from chronik.model import load_content

ARTICLE_TEXT = "Menü\nNvidia stellte am Montag Rubin vor. Das sagte Jensen Huang.\n"
SENTENCE = "Nvidia stellte am Montag Rubin vor."
START = ARTICLE_TEXT.index(SENTENCE)

VALID = {
    "articles/a1.txt": ARTICLE_TEXT,
    "articles/a1.yaml": (
        "title: Nvidia stellt Rubin vor\noutlet: Beispiel\nurl: https://example.org/a1\n"
        "published: '2026-01-16'\nlanguage: de\nchrome:\n- {line: 1, reason: menu}\n"
    ),
    "entities/nvidia.yaml": "name: Nvidia\ntype: organization\naliases: [Nvidias]\n",
    "entities/jensen-huang.yaml": (
        "name: Jensen Huang\ntype: person\nrelations:\n- type: ceo_of\n  target: nvidia\n"
    ),
    "events/rubin.yaml": (
        "date: 2026-01-12\n"
        "title: Nvidia stellt Rubin vor\n"
        "entities: [nvidia]\n"
        "sources:\n"
        "- article: a1\n"
        f"  quote: {SENTENCE}\n"
        f"  start: {START}\n"
        f"  end: {START + len(SENTENCE)}\n"
        "  time_expression: am Montag\n"
        "origin: extracted\n"
    ),
}


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return root


def problems_of(root: Path) -> list[str]:
    _, problems = load_content(root)
    return [str(p).replace(str(root) + "/", "") for p in problems]


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_tree(tmp_path / "content", VALID)


def test_valid_tree_has_no_problems(content: Path) -> None:
    corpus, problems = load_content(content)
    assert problems == []
    assert corpus.events["rubin"].date.text == "2026-01-12"
    assert corpus.entities["nvidia"].aliases == ("Nvidias",)
    assert corpus.relations_to("nvidia")[0][0].id == "jensen-huang"
    assert [line for line, _, _ in corpus.articles["a1"].cleaned_lines()] == [2, 3]


EVENT = "content/events/rubin.yaml"
ENTITY = "content/entities/nvidia.yaml"

# (file to write, its content, the exact problem expected)
MALFORMED = [
    pytest.param(EVENT, "date: '2025-13'\ntitle: x\norigin: manual\n",
                 f"{EVENT}:1:7: date: '2025-13' is not an EDTF date", id="bad-edtf-month"),
    pytest.param(EVENT, "date: 2026-02-30\ntitle: x\norigin: manual\n",
                 f"{EVENT}:1:7: date: '2026-02-30' is not an EDTF date (no such day)", id="bad-edtf-day"),
    pytest.param(EVENT, "date: 2026-01-11/2026-01-10\ntitle: x\norigin: manual\n",
                 f"{EVENT}:1:7: date: '2026-01-11/2026-01-10' is not an EDTF date (the interval ends before "
                 "it starts)", id="bad-edtf-interval"),
    pytest.param(EVENT, "date: 2026\ntitle: x\norigin: manual\n",
                 f"{EVENT}:1:7: date: must be text or null, not a number", id="date-unquoted-year"),
    pytest.param(EVENT, "date: '2026'\ntitle: x\norigin: manual\ntitel: y\n",
                 f"{EVENT}:4:1: titel: unknown field 'titel' (did you mean 'title'?)", id="unknown-key"),
    pytest.param(EVENT, "date: '2026'\norigin: manual\n",
                 f"{EVENT}:1:1: title: missing required field 'title'", id="missing-title"),
    pytest.param(EVENT, "date: '2026'\ntitle: x\norigin: manual\nreviewed: NO\n",
                 f"{EVENT}:4:11: reviewed: must be true or false, not text", id="norway-value"),
    pytest.param(EVENT, "date: '2026'\ntitle: x\norigin: robot\n",
                 f"{EVENT}:3:9: origin: 'robot' is not one of: extracted, manual", id="bad-enum"),
    pytest.param(EVENT, "date: '2026'\ntitle: x\norigin: manual\nentities: nvidia\n",
                 f"{EVENT}:4:11: entities: must be a list, not text", id="wrong-type-list"),
    pytest.param(EVENT, "date: '2026'\ntitle: x\norigin: manual\nentities: [ghost]\n",
                 f"{EVENT}:4:12: entities[0]: unknown entity 'ghost' (no entities/ghost.yaml)", id="dangling-entity"),
    pytest.param(EVENT, "date: '2026'\ntitle: x\norigin: manual\nentities: ['../../etc/passwd']\n",
                 f"{EVENT}:4:12: entities[0]: '../../etc/passwd' is not a valid id (lowercase letters a-z, "
                 "digits and single hyphens)", id="path-traversal-ref"),
    pytest.param(EVENT, "date: '2026'\ntitle: x\norigin: manual\nid: other\n",
                 f"{EVENT}:4:5: id: id 'other' does not match the file name 'rubin'", id="id-mismatch"),
    pytest.param(EVENT, "date: '2026'\ntitle: x\ntitle: y\norigin: manual\n",
                 f"{EVENT}:3:1: title: duplicate key 'title' (first at line 2)", id="duplicate-key"),
    pytest.param(EVENT, "date: '2026'\ntitle: [x\norigin: manual\n",
                 f"{EVENT}:3:7: yaml: YAML syntax error: did not find expected ',' or ']'", id="yaml-syntax"),
    pytest.param(EVENT, "date: '2026'\n\ttitle: x\n",
                 f"{EVENT}:2:1: yaml: YAML syntax error: found character that cannot start any token "
                 "(a tab: indent YAML with spaces)",
                 id="yaml-tab"),
    pytest.param(EVENT, "", f"{EVENT}:1:1: file: the file is empty", id="empty-file"),
    pytest.param(EVENT, "# only a comment\n", f"{EVENT}:1:1: file: the file is empty", id="comment-only"),
    pytest.param(EVENT, b"date: '2026'\ntitle: \xff\xfe\norigin: manual\n",
                 f"{EVENT}:2:8: file: not UTF-8 text (byte 0xff); save it as UTF-8", id="non-utf8"),
    pytest.param(EVENT, "- a\n- b\n", f"{EVENT}:1:1: file: must be a mapping of fields, not a list",
                 id="top-level-list"),
    pytest.param(EVENT, "date: '2026'\ntitle: !!python/object:os.system x\norigin: manual\n",
                 f"{EVENT}:2:8: title: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed",
                 id="unsafe-tag"),
    pytest.param(EVENT, "date: '2026'\ntitle: '   '\norigin: manual\n",
                 f"{EVENT}:2:8: title: must not be empty", id="blank-title"),
    pytest.param(EVENT, "date: '2026'\ntitle: x\norigin: extracted\n",
                 f"{EVENT}:3:9: origin: an extracted event needs at least one source", id="extracted-no-source"),
    pytest.param(EVENT, (
        "date: '2026'\ntitle: x\norigin: extracted\nsources:\n- article: a1\n  quote: Nvidia stellte\n"
        "  start: 0\n  end: 14\n"),
        f"{EVENT}:6:10: sources[0].quote: the quote is not at offsets 0-14 of articles/a1.txt "
        f"(it occurs at {START}-{START + 14})", id="quote-wrong-offsets"),
    pytest.param(EVENT, (
        "date: '2026'\ntitle: x\norigin: extracted\nsources:\n- article: a1\n  quote: Erfunden.\n"
        "  start: 0\n  end: 9\n"),
        f"{EVENT}:6:10: sources[0].quote: the quote is not at offsets 0-9 of articles/a1.txt "
        "(it does not occur in the article)", id="quote-not-in-article"),
    pytest.param(EVENT, (
        "date: '2026'\ntitle: x\norigin: extracted\nsources:\n- article: nope\n  quote: x\n"
        "  start: 0\n  end: 1\n"),
        f"{EVENT}:5:12: sources[0].article: unknown article 'nope' (no articles/nope.yaml)",
        id="dangling-article"),
    pytest.param(EVENT, "date: '2026'\ntitle: x\norigin: manual\nquotes:\n- speaker: ghost\n  text: Hallo\n",
                 f"{EVENT}:5:12: quotes[0].speaker: unknown entity 'ghost' (no entities/ghost.yaml)",
                 id="dangling-speaker"),
    pytest.param(ENTITY, "name: Nvidia\ntype: organization\nlinks:\n- url: javascript:alert(1)\n",
                 f"{ENTITY}:4:8: links[0].url: 'javascript:alert(1)' is not a safe URL: only http:// and "
                 "https:// addresses are allowed", id="unsafe-url"),
    pytest.param(ENTITY, "name: Nvidia\ntype: Firma\n",
                 f"{ENTITY}:2:7: type: 'Firma' must be a lowercase word (a-z and _)", id="bad-entity-type"),
    pytest.param(ENTITY, "name: Nvidia\ntype: organization\nrelations:\n- type: founder_of\n  target: ghost\n",
                 f"{ENTITY}:5:11: relations[0].target: unknown entity 'ghost' (no entities/ghost.yaml)",
                 id="dangling-relation"),
    pytest.param(ENTITY, "name: Nvidia\ntype: organization\nfacts:\n- label: Umsatz\n  value: 1.1.1\n",
                 f"{ENTITY}:5:10: facts[0].value: '1.1.1' does not match the expected form", id="bad-fact-value"),
    pytest.param(ENTITY, "name: Jensen Huang\ntype: person\n",
                 "content/entities/nvidia.yaml:1:7: name: 'Jensen Huang' is also a name or alias of entity "
                 "'jensen-huang' (content/entities/jensen-huang.yaml)", id="duplicate-name"),
    pytest.param("content/entities/Bad Name.yaml", "name: X\ntype: place\n",
                 "content/entities/Bad Name.yaml:1:1: id: file name 'Bad Name' is not a valid id (lowercase "
                 "letters a-z, digits and single hyphens)", id="bad-file-name"),
    pytest.param("content/entities/nvidia.yml", "name: X\ntype: place\n",
                 "content/entities/nvidia.yml:1:1: id: duplicate id 'nvidia': content/entities/nvidia.yaml has "
                 "the same id", id="duplicate-id"),
    pytest.param("content/articles/a2.txt", "Text ohne Metadaten\n",
                 "content/articles/a2.txt:1:1: file: article text without metadata: add articles/a2.yaml",
                 id="article-without-yaml"),
    pytest.param("content/articles/a1.yaml", "title: T\noutlet: O\npublished: 16.01.2026\nlanguage: de\n",
                 "content/articles/a1.yaml:3:12: published: '16.01.2026' is not a date (2026-01-16) or "
                 "date-time (2026-01-16T13:20)", id="bad-published"),
    pytest.param("content/articles/a1.yaml", "title: T\noutlet: O\npublished: '2026-01-16'\nlanguage: fr\n",
                 "content/articles/a1.yaml:4:11: language: 'fr' is not one of: de, en", id="bad-language"),
]


@pytest.mark.parametrize(("name", "body", "expected"), MALFORMED)
def test_malformed_input_is_reported_precisely(content: Path, name: str, body: str | bytes, expected: str) -> None:
    write_tree(content.parent, {name: body})
    assert expected in problems_of(content)


def test_alias_bomb_is_refused(content: Path) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    write_tree(content.parent, {EVENT: "\n".join(lines) + "\n"})
    found = [p for p in problems_of(content) if p.startswith(EVENT)]
    assert len(found) == 1
    assert "more than 100000 values (aliases expanded); refusing to load" in found[0]


def test_fifty_megabyte_file_is_refused_without_reading(content: Path) -> None:
    path = content / "events" / "rubin.yaml"
    with path.open("wb") as handle:
        handle.write(b"title: x\n")
        handle.truncate(50 * 1024 * 1024)
    assert f"{EVENT}:1:1: file: the file is 50.0 MB; content files are limited to 5 MB" in problems_of(content)


def test_every_problem_is_reported_at_once(content: Path) -> None:
    write_tree(content.parent, {
        EVENT: "date: '2025-13'\ntitle: x\norigin: manual\n",
        ENTITY: "name: Nvidia\ntype: organization\nlinks:\n- url: javascript:alert(1)\n",
    })
    problems = problems_of(content)
    assert any(p.startswith(EVENT) for p in problems) and any(p.startswith(ENTITY) for p in problems)


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "chronik.cli", *args], cwd=cwd, capture_output=True,
                          text=True, check=False)


def test_cli_validate_exits_non_zero_without_traceback(content: Path) -> None:
    write_tree(content.parent, {EVENT: "date: '2025-13'\ntitle: x\norigin: manual\n"})
    result = run_cli("validate", "content", cwd=content.parent)
    assert result.returncode == 1
    assert "content/events/rubin.yaml:1:7: date: '2025-13' is not an EDTF date" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_validate_ok(content: Path) -> None:
    result = run_cli("validate", "content", cwd=content.parent)
    assert result.returncode == 0, result.stderr
    assert "OK (1 articles, 1 events, 2 entities)" in result.stdout


def test_cli_missing_folder(tmp_path: Path) -> None:
    result = run_cli("validate", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert "nowhere:1:1: file: content folder not found" in result.stderr


def test_cli_new_event_and_entity_scaffold_valid_files(content: Path) -> None:
    made = run_cli("new", "entity", "--name", "Südostasien", "--type", "place", cwd=content.parent)
    assert made.returncode == 0, made.stderr
    entity = content / "entities" / "suedostasien.yaml"
    assert entity.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    made = run_cli("new", "event", "--date", "2025-23", "--title", "Nvidia wird 5 Billionen wert",
                   "--entity", "nvidia", "--entity", "suedostasien", cwd=content.parent)
    assert made.returncode == 0, made.stderr
    corpus, problems = load_content(content)
    assert problems == []
    event = corpus.events["2025-23-nvidia-wird-5-billionen-wert"]
    assert (event.origin, event.date.precision, event.entities) == ("manual", "season", ("nvidia", "suedostasien"))


@pytest.mark.parametrize(("args", "message"), [
    (("--date", "2025-13", "--title", "x"), "chronik new: --date: '2025-13' is not an EDTF date"),
    (("--date", "2025", "--title", "x", "--entity", "ghost"), "chronik new: --entity: unknown entity 'ghost'"),
    (("--date", "2025", "--title", "x", "--id", "../evil"), "chronik new: --id: '../evil' is not a valid id"),
    (("--date", "2025", "--title", "x", "--id", "rubin"), "chronik new: --id: content/events/rubin.yaml already"),
])
def test_cli_new_refuses_mistakes(content: Path, args: tuple[str, ...], message: str) -> None:
    result = run_cli("new", "event", *args, cwd=content.parent)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
