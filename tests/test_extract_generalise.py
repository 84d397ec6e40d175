"""General causes of failures on unseen news (issue 9, second round), each with an invented page."""

from __future__ import annotations

from pathlib import Path

import yaml
from chronik_build.clean import clean
from chronik_build.pipeline import main


def extract(tmp_path: Path, text: str, *args: str) -> tuple[dict[str, dict], dict[str, dict]]:
    """Run `chronik extract` on a page; the events and entities written, by file stem."""
    art = tmp_path / "page.txt"
    art.write_text(text, encoding="utf-8")
    content = tmp_path / "content"
    assert main([str(art), "--content", str(content), *args]) == 0
    read = {kind: {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                   for p in (content / kind).glob("*.yaml")} for kind in ("events", "entities")}
    return read["events"], read["entities"]


def quotes(events: dict[str, dict]) -> list[str]:
    return [s["quote"] for e in events.values() for s in e["sources"]]


def test_a_lead_sentence_on_the_first_line_is_no_headline() -> None:
    """A first line ending in a full stop with the story right after it is the lead, not the page's title;
    a headline with a full stop is still one when a date line follows it."""
    page = ("The city council of Brookdale approved a new budget for its harbour on Tuesday evening after a "
            "long debate.\n\nThe mayor, Ellen Frost, said the vote came late. Work starts in spring.\n")
    c = clean(page, published="2030-05-08")
    assert c.body[0].text.startswith("The city council")
    headed = "Brookdale approves its harbour budget.\n\ndate\n07/05/2030\n" + page
    assert clean(headed, published="2030-05-08").title == "Brookdale approves its harbour budget."


def test_a_bulleted_label_is_no_event(tmp_path: Path) -> None:
    """A title-case list item ('• Harbour Dredging Act HB 12') names something; it tells no happening."""
    page = ("Brookdale council passes eleven harbour bills\n\n"
            "The city council of Brookdale passed eleven bills on Tuesday, the mayor Ellen Frost said.\n\n"
            "• Harbour Dredging Act HB 12\n• Fishing Licences and Quotas SB 7\n"
            "• Northwind Ferries Ltd. signed a new ferry timetable with the council.\n")
    events, _ents = extract(tmp_path, page, "--published", "2030-05-08", "--lang", "en")
    got = quotes(events)
    assert not any("HB 12" in q or "SB 7" in q for q in got)
    assert any("ferry timetable" in q for q in got)


def names(ents: dict[str, dict]) -> set[str]:
    return {e["name"] for e in ents.values()} | {a for e in ents.values() for a in e.get("aliases") or []}


def test_a_bulleted_label_names_nothing(tmp_path: Path) -> None:
    """The words of a title-case list label are a heading's, not names found in the story."""
    page = ("Brookdale council passes two harbour bills\n\n"
            "The city council of Brookdale passed two bills on Tuesday, the mayor Ellen Frost said.\n\n"
            "• Harbour Dredging Act HB 12\n• Fishing Licences and Quotas SB 7\n")
    _events, ents = extract(tmp_path, page, "--published", "2030-05-08", "--lang", "en")
    assert not any("HB" in n or "SB" in n or "Quotas" in n for n in names(ents))


def test_a_role_word_alone_is_no_entity_and_a_noun_before_a_name_is_cut(tmp_path: Path) -> None:
    """'Der Senator hatte …' names nobody; 'Kämmerer Paul Hebbel' is the person Paul Hebbel (the tagger reads
    the first word as a common noun, the other two as proper nouns)."""
    page = ("Stadtrat von Kleinfeld beschließt Haushalt\n\n"
            "Der Stadtrat von Kleinfeld hat am Montag den Haushalt für das kommende Jahr beschlossen. "
            "Der Senator hatte zuvor mehr Geld für Schulen gefordert. "
            "Kämmerer Paul Hebbel sagte, die Stadt müsse sparen.\n")
    _events, ents = extract(tmp_path, page, "--published", "2030-05-08", "--lang", "de")
    got = names(ents)
    assert "Senator" not in got
    assert "Paul Hebbel" in got and not any(n.startswith("Kämmerer") for n in got)


def test_an_adjective_of_origin_is_no_name(tmp_path: Path) -> None:
    """'Ruritanian officials', 'Ruritanian President Anna Vell': an adjective, not an organisation."""
    page = ("Ruritania opens a new port\n\n"
            "Ruritanian officials opened a new container port near Strelsau on Monday. "
            "Ruritanian President Anna Vell said the port would create jobs.\n")
    _events, ents = extract(tmp_path, page, "--published", "2030-05-08", "--lang", "en")
    got = names(ents)
    assert "Ruritanian" not in got and "Anna Vell" in got


def test_a_comparison_baseline_is_no_event_time() -> None:
    """'the highest level since early 2019', 'den höchsten Stand seit März': the baseline of a comparison is not
    when anything happened; a plain 'since June 2021' still dates."""
    from chronik_build.time import find_times
    got = {}
    for lang, text in (("en", "Brookdale's harbour fees rose to 9%, the highest level since early 2019. The rise was "
                              "the fourth straight increase since June 2021. Fees were lower than in 2020.\n"),
                       ("de", "Die Hafengebühr in Kleinfeld erreichte den höchsten Stand seit März. Im Mai 2025 war "
                              "sie erstmals seit 2019 gesunken.\n")):
        c = clean(text, published="2026-01-16")
        got[lang] = {t.text: t.edtf for ts in find_times(c).values() for t in ts}
    assert got["en"] == {"since June 2021": "2021-06"}
    assert got["de"] == {"Im Mai 2025": "2025-05"}


def test_event_titles_read_like_headlines() -> None:
    """No leading connective (German: the subject moves before the verb), the actor instead of a pronoun,
    at most about 90 characters, no dangling '…' or function word."""
    from chronik_build.doc import Entities, EntityCand
    from chronik_build.events import TITLE_CHARS, tidy_title
    from chronik_build.rules import lang_rules
    ents = Entities(entities={"acme": EntityCand(id="acme", name="Acme", type="organization"),
                              "rosa-falk": EntityCand(id="rosa-falk", name="Rosa Falk", type="person")},
                    mentions=[])
    de, en = lang_rules("de"), lang_rules("en")
    assert tidy_title("Dennoch hat Acme den Umsatz gesteigert", ["acme"], ents, de) == "Acme hat den Umsatz gesteigert"
    said = tidy_title("Er sagte, die Fabrik bleibe offen", ["rosa-falk", "acme"], ents, de)
    assert said.startswith("Rosa Falk sagte")
    raised = tidy_title("However, the company raised its forecast", ["acme"], ents, en)
    assert raised == "The company raised its forecast"
    assert tidy_title("She was also named chair of the board", ["rosa-falk"], ents, en).startswith("Rosa Falk was")
    long = tidy_title("Acme opened a plant in the north of the county with three hundred new jobs for the "
                      "region and a training centre for apprentices from nearby towns", ["acme"], ents, en)
    assert len(long) <= TITLE_CHARS and not long.endswith(("…", " the", " for", " and"))
    assert tidy_title("Acme kündigte an, dass die Fabrik mit einem …", ["acme"], ents, de) == \
        "Acme kündigte an, dass die Fabrik"


def test_a_german_ordinal_after_an_article_ends_no_sentence() -> None:
    """'der 12. Renntag', 'am 3. Tag': a number with a full stop after an article or preposition is an ordinal."""
    c = clean("Im Hafen von Kleinfeld liegen heute zwölf Schiffe. Heute wird der 12. Renntag der Regatta gesegelt, "
              "am 3. Tag folgt das Finale.\n", published="2030-05-08")
    assert [s.text for s in c.body][1].startswith("Heute wird der 12. Renntag der Regatta gesegelt, am 3. Tag")
    assert len(c.body) == 2


def test_a_name_only_ever_after_a_locative_preposition_is_a_place(tmp_path: Path) -> None:
    """'in Quellbrunn', 'aus Quellbrunn': a one-word name the text only puts after a locative preposition,
    with no organisation evidence, is a place."""
    page = ("Regatta beginnt\n\n"
            "Der Segelverein Nordwind hat am Montag in Quellbrunn die Regatta eröffnet. "
            "Mehr als 40 Boote aus Quellbrunn nehmen teil, sagte Vereinschefin Lea Brandt.\n")
    _events, ents = extract(tmp_path, page, "--published", "2030-05-08", "--lang", "de")
    by_name = {e["name"]: e["type"] for e in ents.values()}
    assert by_name.get("Quellbrunn") == "place"
