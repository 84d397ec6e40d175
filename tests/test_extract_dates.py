"""Publication dates: found wherever a page puts them, given on the command line, read from the URL, or
missing (then the run still succeeds and says so once)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from chronik.model import load_content
from chronik_build.clean import clean, date_from_url
from chronik_build.pipeline import main
from chronik_build.time import find_times

BODY = ("Der Konzern Acme hat am Montag die Übernahme von Globex angekündigt. Im April 2025 hatte Acme einen "
        "ersten Versuch gestartet. Im September folgte ein zweites Angebot.\n")


@pytest.mark.parametrize(("page", "published"), [
    # glued to the first word of the text
    ("16.01.2026 13.20Online seit gestern: " + BODY, "2026-01-16T13:20"),
    ("Stand: 16. Januar 2026, 13:20 UhrIm Streit um Globex hat " + BODY, "2026-01-16T13:20"),
    # a wire dateline inside the first sentence of a long first line
    ("NEW YORK, 12. Januar 2026 (Agentur) -- " + BODY, "2026-01-12"),
    # a long first line that opens with a date
    ("Montag, 12. Januar 2026 " + BODY, "2026-01-12"),
])
def test_dates_at_the_start_of_long_lines_are_found(page: str, published: str) -> None:
    c = clean(page)
    assert c.published == published and not c.warnings
    assert c.body[0].text.startswith(("Der Konzern", "Im Streit", "NEW YORK", "Montag", "Online"))


def test_a_stamp_with_a_two_digit_year_and_a_time_is_the_publication_date() -> None:
    assert clean("Montag 12.01.26, 09:00 Uhr\n" + BODY).published == "2026-01-12T09:00"
    assert clean("Version 2.1.10 ist da.\n" + BODY).published is None  # no time of day: no stamp


def test_a_stamp_glued_with_full_stops_is_the_publication_date() -> None:
    assert clean("Velm gewinnt das Derby\nerstellt am 04.Okt.2031 | 08:15 Uhr\n" + BODY).published == "2031-10-04"


def test_a_date_inside_the_first_sentence_is_not_the_publication_date() -> None:
    c = clean("Acme übernimmt Globex. Am 8. Dezember 2025 hat Acme Globex gekauft, sagte ein Sprecher.\n")
    assert c.published is None and len(c.warnings) == 1


@pytest.mark.parametrize(("url", "published"), [
    ("https://example.com/news/2025/12/11/acme-kauft-globex", "2025-12-11"),
    ("https://example.com/20251211/abc.html", "2025-12-11"),
    ("https://example.com/wirtschaft/acme-globex-2025-12-11-100.html", "2025-12-11"),
    ("https://example.com/2025/12/acme-kauft-globex", "2025-12"),
    ("https://example.com/news/246185", None),
    ("https://2025-12-11.example.com/news?d=2025-12-11", None),
])
def test_date_from_url_path_or_slug(url: str, published: str | None) -> None:
    got = date_from_url(url)
    assert (got.text if got else None) == published


def run(tmp_path: Path, text: str, *args: str, capsys=None) -> tuple[int, Path]:
    art = tmp_path / "artikel.txt"
    art.write_text(text, encoding="utf-8")
    content = tmp_path / "content"
    return main([str(art), "--content", str(content), *args]), content


def events(content: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (content / "events").glob("*.yaml")}


def article(content: Path) -> dict:
    [path] = (content / "articles").glob("*.yaml")
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_without_any_date_the_run_succeeds_with_one_warning(tmp_path: Path, capsys) -> None:
    code, content = run(tmp_path, BODY)
    assert code == 0
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and "no publication date" in err and "Traceback" not in err
    assert load_content(content)[1] == []
    assert "published" not in article(content)
    by_expr = {s.get("time_expression"): e["date"] for e in events(content).values() for s in e["sources"]}
    assert by_expr["am Montag"] is None  # deictic: undated, but its words are kept
    assert by_expr["Im April 2025"] == "2025-04"
    assert by_expr["Im September"] == "2025-09"  # a year-less month takes the story's year


def test_url_supplies_the_date_and_is_stored(tmp_path: Path, capsys) -> None:
    code, content = run(tmp_path, BODY, "--url", "https://example.com/2026/01/14/acme", "--title", "Acme kauft",
                        "--outlet", "Beispiel-Zeitung")
    assert code == 0 and "warning" not in capsys.readouterr().err
    meta = article(content)
    assert meta["url"] == "https://example.com/2026/01/14/acme" and meta["published"] == "2026-01-14"
    assert meta["title"] == "Acme kauft" and meta["outlet"] == "Beispiel-Zeitung"
    by_expr = {s.get("time_expression"): e["date"] for e in events(content).values() for s in e["sources"]}
    assert by_expr["am Montag"] == "2026-01-12"


def test_month_precision_publication(tmp_path: Path) -> None:
    code, content = run(tmp_path, BODY + "Im vergangenen Monat sank der Umsatz.\n", "--published", "2026-01")
    assert code == 0
    assert article(content)["published"] == "2026-01" and load_content(content)[1] == []
    c = clean(BODY + "Im vergangenen Monat sank der Umsatz.\n", published="2026-01")
    got = {t.text: t.edtf for ts in find_times(c).values() for t in ts}
    # a weekday counted from a month of publication: the month (approximate), not a guessed day
    assert got["am Montag"] == "2026-01~" and got["Im vergangenen Monat"] == "2025-12"
    assert got["Im September"] == "2025-09"


@pytest.mark.parametrize("value", ["2026-01-16T25:99", "2026-02-30", "16.01.2026", "2026", "yesterday"])
def test_invalid_published_is_a_clear_error(tmp_path: Path, capsys, value: str) -> None:
    code, content = run(tmp_path, BODY, "--published", value)
    err = capsys.readouterr().err
    assert code == 1 and err.startswith(f"chronik extract: error: --published {value!r}") and err.count("\n") == 1
    assert not content.exists()


def test_invalid_url_and_empty_title_are_clear_errors(tmp_path: Path, capsys) -> None:
    assert run(tmp_path, BODY, "--url", "javascript:alert(1)")[0] == 1
    assert "--url" in capsys.readouterr().err
    assert run(tmp_path, BODY, "--title", " ")[0] == 1
    assert "--title" in capsys.readouterr().err


def test_archive_prefix_with_a_month_only(tmp_path: Path) -> None:
    """' date 2026-03 …' before the first line: the page's month is its publication date; the lead and a
    weekday take that month (approximate) instead of staying undated."""
    page = " date 2026-03 " + BODY.replace("am Montag", "").replace("  ", " ") + "Das teilte Acme am Montag mit.\n"
    code, content = run(tmp_path, page)
    assert code == 0
    assert article(content)["published"] == "2026-03"
    dates = {e["date"] for e in events(content).values()}
    assert "2026-03~" in dates and "2025-04" in dates


def test_a_page_stamp_after_an_archive_month_gives_the_day() -> None:
    """' date 2031-03 Stand: 14.03.2031 09:12 Uhr Titel …': the page's own stamp names the day of that month."""
    c = clean(" date 2031-03 Stand: 14.03.2031 09:12 Uhr Acme kauft Globex\n\n" + BODY)
    assert c.published == "2031-03-14T09:12" and not c.warnings
    assert not c.body[0].text.startswith("Stand")


def test_a_short_line_with_a_wire_name_a_date_and_a_label_gives_the_date() -> None:
    """'Newswire, March 4, 2031 Change the text size:' near the top: a label's colon ends no sentence."""
    c = clean("Acme buys Globex\nNewswire, March 4, 2031 Change the text size:\nAcme bought Globex on Monday, "
              "the company said in a statement to its investors.\n")
    assert c.published == "2031-03-04"
    assert all("text size" not in s.text for s in c.body)


def test_a_photo_caption_after_an_archive_prefix_is_chrome() -> None:
    c = clean(" date 2031-03-04 FILE - A view of the Acme plant is seen Jan. 5, 2029, in Tarnby. (Wire Photo/Ada "
              "Kern, File)\nAcme buys the Tarnby mill\n\nAcme bought Globex on Monday, the company said in a "
              "statement.\n")
    assert c.published == "2031-03-04" and c.title == "Acme buys the Tarnby mill"
    assert all("FILE" not in s.text for s in c.sentences)


def test_a_hyphenated_sign_up_call_at_the_end_is_chrome() -> None:
    c = clean("Acme buys the Tarnby mill\n\nAcme bought the Tarnby mill on Monday, the company said in a statement "
              "to its investors and staff.\nWant Tarnby Weekly in your inbox each morning? Our sign-up "
              "page takes a minute and costs nothing.\n", published="2031-03-04", lang="en")
    assert all("sign-up" not in s.text for s in c.body)


@pytest.mark.parametrize(("page", "lang"), [
    ("Tarnby: Neue Mühle geplant\nArchivmeldung vom 03.02.2031\nBitte beachten Sie, dass dieser Text den Stand zum "
     "Zeitpunkt seiner Veröffentlichung am 03.02.2031 zeigt. Spätere Änderungen fehlen.\nIn Tarnby soll eine neue "
     "Mühle entstehen. Die Quarrymoor AG bestätigte gestern die Pläne.\n", "de"),
    ("Tarnby gets a new mill\nFebruary 3, 2031\nThis article was published more than two years ago; details may "
     "have changed since.\nA new mill is to be built in Tarnby. Quarrymoor confirmed the plans yesterday.\n", "en"),
])
def test_an_archive_note_about_the_day_of_publication_is_chrome(page: str, lang: str) -> None:
    c = clean(page, lang=lang)
    assert c.published == "2031-02-03"
    assert [s.text.split()[0] for s in c.body] == (["In", "Die"] if lang == "de" else ["A", "Quarrymoor"])


@pytest.mark.parametrize(("caption", "lang"), [
    ("Bürgermeister Bo Lind (links) und die Preisträgerin Ada Kern bei der Feier im Rathaus. Foto Tarnby", "de"),
    ("Mayor Bo Lind (left) and the winner Ada Kern at the ceremony in the town hall. Tarnby Courier", "en"),
])
def test_a_photo_caption_that_places_the_people_it_shows_is_chrome(caption: str, lang: str) -> None:
    first = ("Die Malerin Ada Kern hat am Montag den Kunstpreis der Stadt Tarnby erhalten, teilte die Stadt mit."
             if lang == "de" else "The painter Ada Kern received the Tarnby art prize on Monday, the town said.")
    last = ("Der Preis ist mit 5000 Euro dotiert und wird alle zwei Jahre vergeben." if lang == "de"
            else "The prize is worth 5000 euros and is awarded every two years.")
    c = clean(f"Tarnby ehrt Malerin\n\n{first}\n{caption}\n{last}\n", published="2031-03-12", lang=lang)
    assert [s.text for s in c.body] == [first, last]


def test_the_day_a_report_calls_today_in_brackets_is_the_publication_date() -> None:
    page = ("Polizei Velmar\n" + "  • Kategorie\n" * 5 + "\nUnfall in Orla\n\n"
            "In Orla (TI) kam es heute Sonntag (26.10.25) zu einem Unfall. Ein Radfahrer wurde verletzt.\n")
    c = clean(page, lang="de")
    assert c.published == "2025-10-26"
    assert all(ln.chrome == "repeated" for ln in c.lines if ln.text.strip() == "• Kategorie")


def test_a_wire_code_dates_the_page_or_gives_the_day_of_its_month() -> None:
    body = ("Die Ernte fiel schwach aus, sagte der Verband am Dienstag in Berlin.\n\n"
            "© dpa-infocom, dpa:310818-99-207144/3\n")
    assert clean("Ernte schwach\n\n" + body, lang="de").published == "2031-08-18"
    assert clean(" date 2031-08 Ernte schwach\n\n" + body, lang="de").published == "2031-08-18"
    assert clean(" date 2031-09 Ernte schwach\n\n" + body, lang="de").published == "2031-09"  # the code disagrees


def test_a_photo_credit_glued_to_the_end_of_a_line_is_no_sentence() -> None:
    first = "In diesem Jahr geht der Hauptpreis an die Orla-Grundschule in Berlin."
    c = clean(f"Preis für Velmar\n\n{first} Foto: Anna von Velm/DPA\n\nDie Jury lobte die Schule am Dienstag.\n",
              lang="de", published="2025-09-30")
    assert [s.text for s in c.sentences if s.kind == "body"] == [first, "Die Jury lobte die Schule am Dienstag."]
