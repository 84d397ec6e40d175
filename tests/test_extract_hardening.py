"""Hostile or odd input: chrome words inside the story, one-line pastes, huge tokens, other languages, HTML."""

from __future__ import annotations

from pathlib import Path

from chronik.model import load_content
from chronik_build.clean import clean
from chronik_build.lexicon import MAX_COMPOUND_CHARS, is_common_de
from chronik_build.pipeline import main

ONE_LINE = ("Acme kauft Globex. Der Konzern Acme hat am Dienstag die Übernahme von Globex angekündigt, wie der "
            "Newsletter des Verlags berichtete. Der Kaufpreis liegt bei 2 Milliarden Euro. Globex hält das Copyright "
            "an vielen Patenten. „Das ist ein großer Tag“, sagte Acme-Chefin Jana Roth am Dienstag in Berlin. Die "
            "Behörden müssen noch zustimmen, teilte Acme am Mittwoch mit.")


def test_chrome_words_inside_the_article_text_do_not_drop_it() -> None:
    c = clean(ONE_LINE + "\n", published="2026-01-16")
    assert c.chrome == [] and len(c.body) >= 5
    page = f"Newsletter abonnieren\n\n{ONE_LINE}\n\nJetzt den Newsletter abonnieren!\n© 2026 Verlag\n"
    c = clean(page, published="2026-01-16")
    assert [r for _n, r in c.chrome] == ["newsletter", "newsletter", "copyright"] and len(c.body) >= 5


def test_one_line_article_yields_events_and_the_run_says_what_was_dropped(tmp_path: Path, capsys) -> None:
    art = tmp_path / "one.txt"
    art.write_text(f"Menü\n{ONE_LINE}\nNewsletter abonnieren\n", encoding="utf-8")
    content = tmp_path / "content"
    assert main([str(art), "--content", str(content), "--published", "2026-01-16"]) == 0
    out = capsys.readouterr().out
    assert "2 lines of page chrome dropped (1 navigation, 1 newsletter)" in out
    corpus, problems = load_content(content)
    assert problems == [] and len(corpus.events) >= 2


def test_a_page_of_chrome_only_warns_that_nothing_was_found(tmp_path: Path, capsys) -> None:
    art = tmp_path / "chrome.txt"
    art.write_text("Menü\nStart\nNewsletter abonnieren\n© 2025 Verlag\n", encoding="utf-8")
    assert main([str(art), "--content", str(tmp_path / "c"), "--published", "2025-01-01"]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "no article text found" in err


def test_compound_splitting_stops_at_a_sane_length(tmp_path: Path) -> None:
    assert is_common_de("Hausbau")
    assert not is_common_de("Haus" * (MAX_COMPOUND_CHARS // 4 + 1))  # no word is that long
    art = tmp_path / "long.txt"
    art.write_text("Der Konzern Acme hat am Montag " + "Haus" * 125_000 + " gekauft, sagte Anna Berger.\n",
                   encoding="utf-8")
    assert main([str(art), "--content", str(tmp_path / "c"), "--published", "2026-01-16"]) == 0


def test_other_languages_and_html_source_are_clear_errors(tmp_path: Path, capsys) -> None:
    fr = tmp_path / "fr.txt"
    fr.write_text("Le groupe Acme a annoncé mardi le rachat de Globex pour deux milliards d'euros. Cette opération "
                  "doit encore être approuvée par les autorités, mais elle est déjà saluée par les analystes qui "
                  "suivent le secteur depuis des années.\n", encoding="utf-8")
    content = tmp_path / "content"
    assert main([str(fr), "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "looks French" in err and "--lang" in err and err.count("\n") == 1
    assert main([str(fr), "--content", str(content), "--lang", "en", "--published", "2026-01-16"]) == 0
    html = tmp_path / "page.txt"
    html.write_text("<!DOCTYPE html>\n<html><head><title>Acme</title></head><body><p>Acme kauft Globex.</p>"
                    "</body></html>\n", encoding="utf-8")
    assert main([str(html), "--content", str(tmp_path / "c2")]) == 1
    err = capsys.readouterr().err
    assert "HTML source" in err and "Traceback" not in err
    assert not (tmp_path / "c2").exists()


def test_a_multiword_place_closing_a_sentence_is_found_without_its_full_stop() -> None:
    from chronik_build.lexicon import find_multiword_places

    text = "Sie flog in die Vereinigten Staaten. He moved to Kingston upon Hull."
    assert [text[a:b] for a, b in find_multiword_places(text)] == ["Vereinigten Staaten", "Kingston upon Hull"]
