"""Site building blocks without a full build: corpus sharing, live reload, search text, strings, numbers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from chronik.entities.views import format_value
from chronik.model import ContentError
from chronik.site.corpus import clear_cache, load_corpus
from chronik.site.generated import CompactPage, GeneratedFile
from chronik.site.i18n import STRINGS, Strings, site_language
from chronik.site.plugin import SitePlugin
from chronik.site.render import json_for_script
from chronik.site.search import lean_for_search
from harness import Project
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page


def test_corpus_loaded_once_and_reloaded_after_a_change(project: Project) -> None:
    clear_cache()
    content = project.content.small(xss=False).root
    first = load_corpus(content)
    assert load_corpus(content) is first  # shared between plugins of one build
    event = content / "events" / "nvidia-rubin.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("Nvidia stellt Rubin vor", "Rubin kommt"),
                     encoding="utf-8")
    stat = event.stat()
    os.utime(event, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    second = load_corpus(content)
    assert second is not first and second.events["nvidia-rubin"].title == "Rubin kommt"


def test_invalid_corpus_raises_content_error(project: Project) -> None:
    clear_cache()
    content = project.content.small(xss=False).root
    (content / "events" / "kaputt.yaml").write_text("date: '2025-13'\ntitle: x\norigin: manual\n")
    with pytest.raises(ContentError) as caught:
        load_corpus(content)
    assert "kaputt.yaml:1:7: date: '2025-13' is not an EDTF date" in str(caught.value)


def test_serve_watches_the_content_folder(tmp_path: Path) -> None:
    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    class Config:
        config_file_path = str(tmp_path / "mkdocs.yml")

    plugin = SitePlugin()
    plugin.load_config({"content_dir": "content"})
    server = Server()
    plugin.on_serve(server, config=Config(), builder=None)  # type: ignore[arg-type]
    assert server.watched == [str(tmp_path / "content")]


def test_lean_search_text_keeps_headings_ids_and_words() -> None:
    html = ('<article class="chronik-event" id="x"><h3 id="t-x">Titel <a class="headerlink" href="#x">¶</a>'
            '</h3><p><time>1. Mai</time> <a class="chronik-chip" href="../a/">Nvidia</a></p>'
            '<dl><dt>Medium</dt><dd>Tagesbote</dd></dl><p><mark>Al</mark>pha</p></article>')
    lean = lean_for_search(html)
    assert '<h3 id="t-x">Titel </h3>' in lean
    assert "<p>1. Mai Nvidia</p>" in lean and "¶" not in lean
    assert "Medium" in lean and "Tagesbote" in lean and "MediumTagesbote" not in lean
    assert "<p>Alpha</p>" in lean


def test_json_in_script_cannot_close_the_script() -> None:
    text = json_for_script({"a": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert text == '{"a":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u003c!--"}'


def test_strings_complete_in_every_language() -> None:
    for lang in STRINGS:
        assert set(STRINGS[lang]) == set(STRINGS["de"]), lang
    assert site_language("de-CH") == "de" and site_language("en") == "en" and site_language("fr") == "de"
    de, en = Strings("de"), Strings("en")
    assert de.count(1) == "1 Ereignis" and de.count(3) == "3 Ereignisse" and en.count(1) == "1 event"
    assert de.count(1, "source_count") == "1 Quelle" and de.month(3) == "März" and en.month(3) == "March"


@pytest.mark.parametrize(("value", "de", "en"), [
    (57, "57", "57"), (57000, "57.000", "57,000"), ("3.5", "3,5", "3.5"), ("1.10", "1,10", "1.10"),
    (57000000000, "57 Mrd.", "57 bn"), ("viel", "viel", "viel"),
])
def test_figures_in_the_site_language(value: int | str, de: str, en: str) -> None:
    assert format_value(value, "de") == de and format_value(value, "en") == en


@pytest.mark.parametrize("src_uri", ["events/e-1.md", "timeline/2024/03.md", "index.md", "a b/ü.md"])
def test_compact_generated_file_and_page_give_what_mkdocs_gives(tmp_path: Path, src_uri: str) -> None:
    """GeneratedFile and CompactPage keep less, but every value MkDocs and the theme read is MkDocs' own."""
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "site_url": "http://localhost:8000/sub", "docs_dir": str(tmp_path / "docs"),
                      "site_dir": str(tmp_path / "site"), "repo_url": "https://example.org/r",
                      "edit_uri": "edit/main/docs/"})
    assert not config.validate()[0]
    config.plugins._current_plugin = "chronik-events"
    theirs = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    ours = GeneratedFile(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    their_page, our_page = Page(None, theirs, config), CompactPage(ours, config)
    for name in ("src_uri", "dest_uri", "url", "abs_dest_path", "abs_src_path", "name", "edit_uri", "generated_by",
                 "inclusion", "src_dir", "dest_dir", "use_directory_urls"):
        assert getattr(ours, name) == getattr(theirs, name), name
    for name in ("canonical_url", "abs_url", "update_date", "edit_url", "title", "url", "is_index", "is_homepage",
                 "markdown", "content", "meta", "children", "previous_page", "next_page", "active", "parent",
                 "present_anchor_ids", "links_to_anchors"):
        assert getattr(our_page, name) == getattr(their_page, name), name
    assert ours.page is our_page
    their_page.read_source(config)
    our_page.read_source(config)
    assert (our_page.title, our_page.meta) == (their_page.title, their_page.meta)
