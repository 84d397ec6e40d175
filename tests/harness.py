"""One harness for tests that need content, a validated corpus, a built site or a served one.

``Project`` owns a temporary folder: ``project.content`` is a ``CorpusBuilder`` that writes content files
(valid ones through the model's writer, hostile ones raw; presets ``.base()``, ``.small(xss=…)``,
``.exports()``, ``.explorer(extra_events=…)`` from tests/corpora.py), ``project.validate()`` runs the loader,
``project.build()`` builds a site over that content (in process, or as a subprocess like CI and a person
would) from one of three configurations: the project's ``mkdocs.yml`` pointed at the content (the default,
plugin options added by name), the repository's ``mkdocs.yml`` exactly as it is (``write_repository_config``)
or a test's own (``write_inline_config``). ``project.serve()`` serves the site on 127.0.0.1 (before the build
too, so the build can use the served origin) and ``project.cli()`` runs the ``chronik`` command. The
hypothesis strategies and properties of the loader fuzz live here too, shared by tests/test_hardening_fuzz.py
and bench/bench_fuzz_content.py.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import corpora
import yaml
from browser.site import REPO, project_config, serve
from chronik.model import Problem, atomic_write_text, load_content, write_yaml
from chronik.site.corpus import clear_cache

ARTICLE_ID = "2026-01-16-harness"
# The repository's seed article (content/articles/), extracted there with its records.
SEED_ID = "2026-01-16-cointelegraph-chinas-ki-hoffnungen"
# Sentences the base corpus cites; each is a line of the article, so offsets are easy to check by eye.
SENTENCES = (
    "Nvidia stellte im Januar 2026 die Rubin-Hardware vor.",
    "Im Herbst 2025 suchten Firmen nach Blackwell-Chips.",
    "„Der Abstand wird größer“, sagte Tang Jie.",
    "Zhipu meldete einen Umsatz von 3.5 Milliarden Yuan.",
)
ARTICLE_TEXT = "Chinas KI-Hoffnungen\n\n" + "\n".join(SENTENCES) + "\n"


def source(sentence: str, text: str = ARTICLE_TEXT, article: str = ARTICLE_ID) -> dict[str, Any]:
    """A source dict citing the first occurrence of ``sentence`` in the article (the base corpus's by default)."""
    return corpora.source(sentence, text, article)


class CorpusBuilder:
    """Writes a content folder: a small valid base corpus, then whatever a test changes in it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def base(self) -> CorpusBuilder:
        """One article, three events (day, season, undated), three entities with a relation and a fact."""
        self.pages()
        self.article(ARTICLE_ID, ARTICLE_TEXT, title="Chinas KI-Hoffnungen", outlet="Testblatt",
                     published="2026-01-16T13:20", language="de", url="https://example.org/a")
        self.event("rubin", date="2026-01", title="Nvidia stellt Rubin vor", summary="Neue Hardware.",
                   entities=["nvidia", "tang-jie"], tags=["chips"], sources=[source(SENTENCES[0])],
                   quotes=[{"speaker": "tang-jie", "text": "Der Abstand wird größer",
                            "source": source("„Der Abstand wird größer“")}])
        self.event("blackwell", date="2025-23", title="Suche nach Blackwell", entities=["nvidia"],
                   sources=[source(SENTENCES[1])])
        self.event("undatiert", date=None, title="Ohne Datum", origin="manual", entities=["zhipu"])
        self.entity("nvidia", name="Nvidia", type="organization", aliases=["NVIDIA Corp."],
                    description="Chiphersteller.", links=[{"title": "Web", "url": "https://example.org/nv"}])
        self.entity("tang-jie", name="Tang Jie", type="person",
                    relations=[{"type": "works_for", "target": "zhipu", "sources": [source(SENTENCES[2])]}])
        self.entity("zhipu", name="Zhipu", type="organization",
                    facts=[{"label": "Umsatz", "value": "3.5", "unit": "Mrd. CNY", "date": "2025",
                            "sources": [source(SENTENCES[3])]}])
        return self

    def small(self, *, xss: bool = True) -> CorpusBuilder:
        """The site tests' corpus (every page, every date precision; with hostile HTML unless xss=False)."""
        corpora.small(self, xss=xss)
        return self

    def exports(self) -> CorpusBuilder:
        """The exports' corpus: two articles, every kind of date, hostile text (checked to validate)."""
        corpora.exports(self)
        return self

    def explorer(self, extra_events: int = 24) -> CorpusBuilder:
        """The explorer's corpus, with ``extra_events`` day events spread over 2025 and 2026, and the
        repository's hand-written pages (the project's mkdocs.yml builds them)."""
        corpora.explorer(self, extra_events)
        return self.pages()

    def pages(self) -> CorpusBuilder:
        """The repository's hand-written pages (content/pages: home, about, data)."""
        shutil.copytree(REPO / "content" / "pages", self.root / "pages", dirs_exist_ok=True)
        return self

    def home(self, text: str = "# Willkommen\n") -> CorpusBuilder:
        """A hand-written home page (content/pages/index.md)."""
        self.raw("pages/index.md", text)
        return self

    def article(self, ident: str, text: str, **meta: Any) -> None:
        atomic_write_text(self.root / "articles" / f"{ident}.txt", text)
        write_yaml(self.root / "articles" / f"{ident}.yaml", meta, "article")

    def event(self, ident: str, **data: Any) -> None:
        write_yaml(self.root / "events" / f"{ident}.yaml", {"origin": "extracted", **data}, "event")

    def entity(self, ident: str, **data: Any) -> None:
        write_yaml(self.root / "entities" / f"{ident}.yaml", {"origin": "manual", **data}, "entity")

    def update(self, folder: str, ident: str, **changes: Any) -> None:
        """Change fields of an existing file (read back with the strict loader, written by the writer)."""
        from chronik.model.yamlload import load_yaml_file

        path = self.root / folder / f"{ident}.yaml"
        loaded, problems = load_yaml_file(path)
        assert loaded is not None, problems
        kind = {"articles": "article", "events": "event", "entities": "entity"}[folder]
        write_yaml(path, {**loaded.data, **changes}, kind)

    def raw(self, relative: str, data: str | bytes) -> Path:
        """Write a file exactly as given (hostile YAML the writer would never produce)."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path


@dataclass
class Build:
    """The outcome of one build: whether it succeeded, what it said, where the site is."""

    ok: bool
    output: str
    site: Path

    def text(self, relative: str) -> str:
        with open(self.site / relative, encoding="utf-8", newline="") as handle:  # keep CRLF as written
            return handle.read()

    def html_pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))

    def require(self) -> Path:
        """The site folder; fails the test with mkdocs' messages when the build failed."""
        assert self.ok, self.output
        return self.site


@dataclass
class Project:
    """A temporary Chronik project: content, the project's mkdocs.yml pointed at it, the built site."""

    root: Path
    content: CorpusBuilder = field(init=False)

    def __post_init__(self) -> None:
        self.content = CorpusBuilder(self.root / "content")

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def validate(self) -> list[Problem]:
        """Every problem the loader finds (no exception for mistakes in the content)."""
        return load_content(self.content.root)[1]

    def write(self, relative: str, text: str) -> Path:
        """A file of the project outside the content (a test's own docs page, for one)."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def write_config(self, site_url: str = "https://example.org/chronik/",
                     options: dict[str, dict[str, Any]] | None = None) -> Path:
        """The project's mkdocs.yml pointed at this content (its pages too); ``options`` adds plugin settings by
        plugin name (``{"chronik-events": {"enabled": False}}``)."""
        config = project_config(self.content.root, self.content.root / "pages", site_url, options)
        return self.write_inline_config(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))

    def write_inline_config(self, text: str) -> Path:
        """A test's own mkdocs.yml (paths in it are relative to the project folder)."""
        return self.write("mkdocs.yml", text)

    def write_repository_config(self) -> Path:
        """The repository's mkdocs.yml as it is (its theme folder made absolute) and its hand-written pages:
        the site a person and CI build, over this project's content/."""
        text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        text = re.sub(r"^(\s*custom_dir:\s*)(?![/'\"])(\S+)", lambda m: m[1] + str((REPO / m[2]).resolve()),
                      text, flags=re.M)
        docs = re.search(r"^docs_dir:\s*['\"]?([^'\"\s#]+)", text, re.M)
        docs_dir = docs[1] if docs else "docs"
        shutil.copytree(REPO / docs_dir, self.root / docs_dir, dirs_exist_ok=True)
        return self.write_inline_config(text)

    def build(self, config: Path | None = None, *, subprocess_: bool = False, strict: bool = True,
              site_url: str = "https://example.org/chronik/", options: dict[str, dict[str, Any]] | None = None,
              env: dict[str, str | None] | None = None) -> Build:
        """Build ``config`` (by default the project's mkdocs.yml with ``site_url`` and ``options``) into
        ``site_dir``, in process or as a subprocess (``env`` changes its environment; None removes a variable). A
        failed build is
        returned (ok=False, with its messages), not raised: ``build(...).require()`` fails the test instead."""
        config = config or self.write_config(site_url, options)
        if subprocess_:
            cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(self.site_dir)]
            result = subprocess.run([*cmd, *(["--strict"] if strict else [])], capture_output=True, text=True,
                                    cwd=self.root, check=False, timeout=600,
                                    env={k: v for k, v in {**os.environ, **(env or {})}.items() if v is not None})
            return Build(result.returncode == 0, result.stdout + result.stderr, self.site_dir)
        assert env is None, "an environment applies to a subprocess build"
        return self._build_in_process(config, strict)

    def _build_in_process(self, config_path: Path, strict: bool) -> Build:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException

        clear_cache()
        records: list[str] = []
        handler = logging.Handler(logging.WARNING)
        handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        try:
            config = load_config(str(config_path), site_dir=str(self.site_dir), strict=strict)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as error:
            return Build(False, "\n".join([*records, str(error)]), self.site_dir)
        finally:
            logger.removeHandler(handler)
        return Build(True, "\n".join(records), self.site_dir)

    @contextlib.contextmanager
    def serve(self) -> Iterator[str]:
        """Serve the site folder on 127.0.0.1 (built or still to build); yields the base URL."""
        self.site_dir.mkdir(parents=True, exist_ok=True)
        with serve(self.site_dir) as url:
            yield url

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run ``chronik ARGS`` in the project folder (as a person would)."""
        return subprocess.run([sys.executable, "-m", "chronik.cli", *args], capture_output=True, text=True,
                              cwd=self.root, check=False, timeout=timeout)


# -- a run killed at an exact point ------------------------------------------------------------------------------


def killed_at_script(main: str, functions: tuple[str, ...]) -> str:
    """Python source that runs ``main(sys.argv[2:])`` (``module:function``) and SIGKILLs itself at the K-th call
    (K = sys.argv[1]; 0: never) of the named ``os`` functions, printing the number of calls at exit: every point
    of a write (temp files, the journal, the renames, the deletions, the syncs) can be hit exactly."""
    module, function = main.split(":")
    wrapped = "".join(f"os.{name} = counting(os.{name})\n" for name in functions)
    return f"""
import atexit, os, signal, sys
from {module} import {function} as main
kill_at, calls = int(sys.argv[1]), [0]
def counting(real):
    def call(*args, **kwargs):
        calls[0] += 1
        if calls[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call
{wrapped}atexit.register(lambda: print("calls", calls[0]))
sys.exit(main(sys.argv[2:]))
"""


# -- hypothesis strategies for the fuzz of the loader and validator (tests and bench/bench_fuzz_content.py) --


def fuzz_strategies() -> dict[str, Any]:
    """Strategies: hostile text, YAML scalars, whole content documents (in the schema's shape or not)."""
    from hypothesis import strategies as st

    tricky = st.sampled_from(["NO", "yes", "~", "null", "2026-01-16", "1.10", "0x1F", "1e3", ".inf", "&a", "*a",
                              "!!python/object:os.system", "- x", "a: b", "{", "'", "\"", "#", "%", "@", "`",
                              "\u202e", "\x1b[2J", "\x00", "\u200b", "\r", "\n", "\t", "\\N", "9" * 5000])
    text = st.one_of(st.text(max_size=40), tricky, st.lists(tricky, max_size=4).map("".join))
    scalar = st.one_of(text, st.integers(), st.integers(min_value=10**17, max_value=10**40), st.booleans(),
                       st.none(), st.floats(allow_nan=True))
    fields = st.sampled_from(["id", "date", "title", "summary", "entities", "tags", "quotes", "sources", "origin",
                              "reviewed", "name", "type", "aliases", "description", "links", "relations", "facts",
                              "outlet", "published", "language", "chrome", "url", "value", "label", "unit",
                              "quote", "start", "end", "article", "text", "speaker", "target", "line"])
    dates = st.one_of(st.sampled_from(["2026", "2026-01", "2025-23", "9999-24", "9999", "2026-02-30", "../2026",
                                       "2026/..", "2026-01-10/2026-01-11", "2026~", "2026-13", "0000", "-2026"]),
                      text)
    values = st.recursive(st.one_of(scalar, dates), lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(fields, text), inner, max_size=5)), max_leaves=12)
    document = st.dictionaries(st.one_of(fields, text), values, max_size=10)
    clean_line = st.text(st.characters(blacklist_categories=["Cc", "Cs", "Zl", "Zp"],
                                       blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                                                            "\ufff9\ufffa\ufffb"), min_size=1, max_size=40)
    visible_line = clean_line.filter(lambda s: s.strip() and any(c.isalnum() for c in s))
    valid_event = st.fixed_dictionaries({
        "date": st.one_of(st.none(), st.sampled_from(["2026", "2026-01", "2025-23", "2026-01-16", "2024~",
                                                      "../2026-01-16", "2026-01-10/2026-01-11", "9999"])),
        "title": visible_line, "summary": st.lists(clean_line, max_size=3).map("\n".join),
        "origin": st.just("manual"), "reviewed": st.booleans()})
    valid_entity = st.fixed_dictionaries({
        "name": visible_line, "type": st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True),
        "description": st.lists(clean_line, max_size=3).map("\n".join), "origin": st.just("manual"),
        "facts": st.lists(st.fixed_dictionaries({
            "label": visible_line, "value": st.one_of(st.integers(-10**18, 10**18),
                                                      st.from_regex(r"-?[0-9]{1,10}(\.[0-9]{1,5})?", fullmatch=True)),
            "unit": clean_line}), max_size=2)})
    return {"text": text, "document": document, "valid_event": valid_event, "valid_entity": valid_entity,
            "yaml_text": st.one_of(st.text(max_size=300), document.map(_dump_loosely))}


def _dump_loosely(data: dict) -> str:
    """YAML for any document, the way a person might write it (the writer would refuse some values)."""
    return yaml.safe_dump(data, allow_unicode=True, default_flow_style=False)


def problem_is_safe(problem: Problem) -> bool:
    """A problem a person and a CI log can read: located, one line, no control or bidi characters."""
    from chronik.model.problems import UNSAFE_CHARS

    text = str(problem)
    return problem.line >= 1 and problem.column >= 1 and "\n" not in text and not UNSAFE_CHARS.search(text)


FUZZ_FOLDERS = {"event": "events", "entity": "entities", "article": "articles"}


def fuzz_yaml_text(text: str) -> int:
    """The strict YAML reader on any text: a value or located problems, never an exception. Returns problems."""
    from chronik.model.yamlload import load_yaml_text

    loaded, problems = load_yaml_text(text, "fuzz.yaml")
    assert (loaded is None) == bool(problems)
    assert all(problem_is_safe(p) for p in problems), problems
    return len(problems)


def fuzz_content_file(root: Path, kind: str, text: str | bytes) -> int:
    """One hostile content file in an otherwise empty content folder: load_content reports, never raises."""
    folder = root / FUZZ_FOLDERS[kind]
    shutil.rmtree(root, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "fuzz.yaml").write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    if kind == "article":
        (folder / "fuzz.txt").write_text("Ein Satz.\n", encoding="utf-8")
    _, problems = load_content(root)
    assert all(problem_is_safe(p) for p in problems), problems
    return len(problems)


def fuzz_round_trip(root: Path, kind: str, data: dict) -> None:
    """Valid content written by the writer loads back without a problem and with the same values."""
    from chronik.model.yamlload import load_yaml_file

    shutil.rmtree(root, ignore_errors=True)
    path = root / FUZZ_FOLDERS[kind] / "fuzz.yaml"
    write_yaml(path, data, kind)
    _, problems = load_content(root)
    names = [data.get("name")] if kind == "entity" else []
    assert not problems or (names and _ambiguous(problems)), [str(p) for p in problems]
    loaded, _ = load_yaml_file(path)
    assert loaded is not None and loaded.data == data


def _ambiguous(problems: list[Problem]) -> bool:
    return all("also a name or alias" in p.message for p in problems)
