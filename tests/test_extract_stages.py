"""Each stage of the build step alone, on small general German and English examples."""

from __future__ import annotations

import datetime as dt

import pytest
from chronik_build.clean import CleanError, clean, split_sentences
from chronik_build.entities import Known, find_entities
from chronik_build.events import find_events
from chronik_build.figures import find_figures, parse_number
from chronik_build.quotes import find_quotes
from chronik_build.relations import find_relations
from chronik_build.time import find_times

DE_PAGE = """Startseite
Wirtschaft
Chiphersteller Orbix meldet Rekordumsatz im dritten Quartal

Orbix-News2025/11/20 08:30
Von:Orbix-News

Der Chiphersteller Orbix hat am Dienstag einen Rekordumsatz gemeldet. Das Unternehmen aus München steigerte
den Umsatz um 12 Prozent auf 4,5 Milliarden Euro.

Newsletter abonnieren
© 2025 Beispielverlag
"""


def stage(text: str, published: str | None = None, lang: str | None = None, known=None):
    c = clean(text, published=published, lang=lang)
    t = find_times(c)
    e = find_entities(c, known or [])
    return c, t, e


# ---------------------------------------------------------------- clean

def test_clean_separates_chrome_and_reads_metadata() -> None:
    c = clean(DE_PAGE)
    reasons = dict(c.chrome)
    assert reasons[1] == "navigation" and reasons[2] == "navigation"
    assert reasons[5] == "dateline" and reasons[6] == "byline"
    assert {"newsletter", "copyright"} <= set(reasons.values())
    assert c.title == "Chiphersteller Orbix meldet Rekordumsatz im dritten Quartal"
    assert c.published == "2025-11-20T08:30" and c.published_date == dt.date(2025, 11, 20)
    assert c.language == "de" and c.outlet == "Orbix-News" and c.author == "Orbix-News"
    assert all(s.text == c.text[s.start:s.end] for s in c.sentences)
    assert [s.kind for s in c.sentences][:1] == ["title"]


def test_a_last_line_that_files_for_insolvency_is_no_sign_up_box() -> None:
    last = "Im Jahr 2019 musste Orbix Insolvenz anmelden.\n\nJetzt anmelden\n"
    page = DE_PAGE.replace("Newsletter abonnieren\n", last)
    c = clean(page)
    assert any("Insolvenz anmelden" in s.text for s in c.body)
    assert "newsletter" in dict(c.chrome).values()


def test_a_press_offices_release_note_below_the_text_is_chrome() -> None:
    note = "Presseaussendung vom 20.11.2025, 17:18 UhrRückfragen bitte an Orbix\n"
    page = DE_PAGE.replace("Newsletter abonnieren\n", note)
    c = clean(page)
    assert not any("Presseaussendung" in s.text for s in c.body)
    assert "credits" in dict(c.chrome).values()


def test_clean_overrides_archive_prefix_and_english_word_date() -> None:
    c = clean(" date 2025-09-22 Globex plant eine Investition von 5 Milliarden Euro. Mehr folgt.\n")
    assert c.published == "2025-09-22" and c.body[0].text.startswith("Globex plant")
    c = clean("Acme posts record\n\nMarch 5, 2026\n\nAcme said on Tuesday that sales rose.\n", lang="en")
    assert c.published == "2026-03-05" and (3, "dateline") in c.chrome
    c = clean(DE_PAGE, published="2025-11-21", lang="en")
    assert c.published == "2025-11-21" and c.language == "en"


def test_clean_numeric_date_order_from_month_names() -> None:
    text = "Acme reports results\n\ndate\n11/02/2026\nOn February 11th, Acme said sales rose in the quarter.\n"
    assert clean(text).published == "2026-02-11"


@pytest.mark.parametrize(("line", "published"), [
    ("16. Januar 2026, 13:20 Uhr", "2026-01-16T13:20"),
    ("16.01.2026 – 13:20 Uhr", "2026-01-16T13:20"),
    ("Veröffentlicht am 16.01.2026", "2026-01-16"),
    ("Stand: 16.01.2026 11:42 Uhr", "2026-01-16T11:42"),
    ("Jan 16, 2026", "2026-01-16"),
    ("2026-01-16T13:20:00Z", "2026-01-16T13:20"),
    ("Updated January 16, 2026 at 1:20 PM EST", "2026-01-16T13:20"),
    ("By Jane Doe | January 16, 2026", "2026-01-16"),
    ("Fri 16 Jan 2026 13.20 GMT", "2026-01-16T13:20"),
    ("Aktualisiert am 16.01.2026, 13:20 Uhr | Lesezeit: 3 Min.", "2026-01-16T13:20"),
    ("January 16, 2026 1:20 PM GMT+1 Updated 2 hours ago", "2026-01-16T13:20"),
])
def test_clean_finds_publication_dates_in_many_forms(line: str, published: str) -> None:
    text = f"Acme kauft Globex für viel Geld\n\n{line}\n\nDer Konzern Acme hat am Dienstag Globex gekauft.\n"
    c = clean(text)
    assert c.published == published and c.chrome and c.chrome[0][0] == 3


def test_clean_errors() -> None:
    with pytest.raises(CleanError):
        clean("   \n\n")
    with pytest.raises(CleanError, match="not a real date"):
        clean("Ein Text.\n", published="2026-02-30")


def test_sentences_keep_ordinals_and_abbreviations_together() -> None:
    text = "Am 8. Dezember kam es z. B. zu Streit. Li Wen, 51. He was charged. Dr. Kim said so."
    spans = [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    assert spans[0] == "Am 8. Dezember kam es z. B. zu Streit."
    assert "Li Wen, 51." in spans and "He was charged." in spans


def test_a_full_stop_glued_to_the_next_word_ends_a_sentence_but_not_a_domain_or_an_abbreviation() -> None:
    text = "Er schwebte in Lebensgefahr.Die Polizei ermittelt. Er nutzt Node.js und orla.de heute. Er mag St.Gallen."
    spans = [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    assert spans == ["Er schwebte in Lebensgefahr.", "Die Polizei ermittelt.", "Er nutzt Node.js und orla.de heute.",
                     "Er mag St.Gallen."]
    text = "Unfall in VelmarEin Mann stürzte. Um 17:18 UhrIm Streit kam es zu Schlägen. Er nutzt LinkedIn und YouTube."
    spans = [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    assert spans == ["Unfall in Velmar", "Ein Mann stürzte.", "Um 17:18 Uhr", "Im Streit kam es zu Schlägen.",
                     "Er nutzt LinkedIn und YouTube."]  # with no full stop at all, before an article or a pronoun
    text = "Das sagte Anna VelmIn der Halle war es laut."
    spans = [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    assert spans == ["Das sagte Anna Velm", "In der Halle war es laut."]


def test_a_time_of_day_ends_a_sentence_only_before_a_word_that_opens_one() -> None:
    text = "At 3:40 a.m. Deputy Ann Vole stopped a truck. The fire began at 3 p.m. The crews left at 5 p.m. on Friday."
    spans = [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    assert spans == ["At 3:40 a.m. Deputy Ann Vole stopped a truck.", "The fire began at 3 p.m.",
                     "The crews left at 5 p.m. on Friday."]


# ---------------------------------------------------------------- time

@pytest.mark.parametrize(("lang", "pub", "sentence", "expr", "edtf"), [
    ("de", "2026-01-16", "Das geschah am 8. Dezember 2025 in Berlin.", "am 8. Dezember 2025", "2025-12-08"),
    ("de", "2026-01-16", "Die Zahlen kamen im November.", "im November", "2025-11"),
    ("de", "2026-01-16", "Die Firma wird im März neue Geräte zeigen.", "im März", "2026-03"),
    ("de", "2026-01-16", "Der Umsatz stieg im Q3 2025 kräftig.", "im Q3 2025", "2025-07/2025-09"),
    ("de", "2026-01-16", "Er sprach am vergangenen Wochenende in Rom.", "am vergangenen Wochenende",
     "2026-01-10/2026-01-11"),
    ("de", "2026-01-16", "Die Firma investierte im vergangenen Jahr viel.", "im vergangenen Jahr", "2025"),
    ("de", "2026-01-16", "Beide haben diesen Monat Aktien verkauft.", "diesen Monat", "2026-01"),
    ("de", "2026-01-16", "Die Firma fiel vor einem Jahr auf.", "vor einem Jahr", "2025-01"),
    ("de", "2026-01-16", "Sie wurde im vergangenen Herbst gegründet.", "im vergangenen Herbst", "2025-23"),
    ("de", "2026-01-16", "Die Firma meldete am Montag einen Verlust.", "am Montag", "2026-01-12"),
    ("de", "2026-01-16", "Er verließ kürzlich die Firma.", "kürzlich", "../2026-01-16"),
    ("de", "2026-01-16", "Das Modell soll in den kommenden Wochen erscheinen.", "in den kommenden Wochen",
     "2026-01/2026-02"),
    ("de", "2025-09-22", "Die Rechenzentren sollen in der zweiten Jahreshälfte 2026 laufen.",
     "in der zweiten Jahreshälfte 2026", "2026-07/2026-12"),
    ("de", "2025-09-22", "Beide arbeiten seit einem Jahrzehnt zusammen.", "seit einem Jahrzehnt", "2015/2025"),
    ("de", "2024-07-18", "In der vergangenen Woche hatte die Firma Zahlen genannt.", "In der vergangenen Woche",
     "2024-07-08/2024-07-14"),
    ("de", "2025-09-15", "15. Sep - Aktien fallen.", "15. Sep", "2025-09-15"),
    ("en", "2025-03-06", "Officials on March 6 tabled new charges.", "on March 6", "2025-03-06"),
    ("en", "2025-03-06", "Prices fell sharply last week.", "last week", "2025-02-24/2025-03-02"),
    ("en", "2025-03-06", "The firm recently cut jobs.", "recently", "../2025-03-06"),
    ("en", "2026-02-11", "Sales in the fourth quarter of 2025 rose.", "in the fourth quarter of 2025",
     "2025-10/2025-12"),
    ("en", "2025-10-16", "Net profit for July-September rose.", "July-September", "2025-07/2025-09"),
    ("en", "2025-10-16", "Demand is stronger than three months ago.", "three months ago", "2025-07"),
    # published on a Saturday: 'the coming weekend' is the next one, not the current
    ("de", "2025-03-01", "Am kommenden Wochenende spielt die Mannschaft auswärts.", "Am kommenden Wochenende",
     "2025-03-08/2025-03-09"),
    ("de", "2025-03-12", "Die Aktien stiegen am Vormittag deutlich.", "am Vormittag", "2025-03-12"),
    ("de", "2025-03-12", "Im vergangenen Geschäftsjahr sank der Umsatz.", "Im vergangenen Geschäftsjahr", "2024"),
    ("de", "2025-03-12", "Die Daten stammen von 2019 bis 2024.", "von 2019 bis 2024", "2019/2024"),
    ("en", "2025-06-11", "The agency plans to send a lander in 2028.", "in 2028", "2028"),
    ("en", "2025-06-11", "Data were collected between 2019 and 2024.", "between 2019 and 2024", "2019/2024"),
    ("en", "2025-06-11", "Sales fell in the last fiscal year.", "last fiscal year", "2024"),
    # 'in two weeks' counts forward only in a future clause; 'Mitte 2026', 'mid-2024' keep the year
    ("en", "2025-03-03", "The chief executive will meet investors in two weeks.", "in two weeks", "2025-03-17"),
    ("en", "2025-03-03", "Shares fell 5% in two weeks.", "in two weeks", None),
    ("de", "2025-03-04", "Die Gewerkschaft will in zwei Wochen erneut verhandeln.", "in zwei Wochen", "2025-03-18"),
    ("de", "2025-03-04", "Mitte 2026 soll ein neues Werk öffnen.", "Mitte 2026", "2026"),
    ("en", "2025-03-04", "Sales rose in mid-2024.", "mid-2024", "2024"),
    ("de", "2025-03-03", "Die Kommission hat in der Nacht zu Montag Zölle beschlossen.", "in der Nacht zu Montag",
     "2025-03-03"),
    ("de", "2025-03-04", "Der Konzern will bis Ende des Jahres Stellen streichen.", "bis Ende des Jahres", "2025-12"),
    # an article between the modal verb and the date does not end the clause ('will das Urteil bis Ende März')
    # … and a deadline is an open-start interval ending then
    ("de", "2025-02-05", "Die Bank will das Urteil bis Ende März prüfen.", "bis Ende März", "../2025-03"),
])
def test_time_expressions(lang: str, pub: str, sentence: str, expr: str, edtf: str | None) -> None:
    c = clean(sentence + "\n", published=pub, lang=lang)
    found = [t for ts in find_times(c).values() for t in ts]
    assert [(t.text, t.edtf) for t in found] == [(expr, edtf)]


def test_time_ignores_false_dates() -> None:
    c = clean("Die Chancen liegen bei 20% oder weniger, sagte die Analystin.\n", published="2026-01-16")
    assert [t for ts in find_times(c).values() for t in ts] == []


def test_time_anaphora_uses_earlier_expressions() -> None:
    text = "Sales rose in the third quarter. Margins improved in the quarter. Since then prices fell.\n"
    c = clean(text, published="2025-10-16", lang="en")
    found = [t.edtf for ts in find_times(c).values() for t in ts]
    assert found == ["2025-07/2025-09", "2025-07/2025-09", "2025-07/2025-10"]


# ---------------------------------------------------------------- entities

DE_TEXT = ("„Wir wachsen weiter“, sagte Anna Berger, Gründerin des deutschen Softwareunternehmens Globex, am Montag "
           "in Berlin. Der Chipmangel trifft Globex und ArcLight. Berger nannte die Vereinigten Staaten und "
           "die USA als wichtigsten Markt. Globex stellte seine neuen Orion-Chips vor; die Orion-Serie soll Amerika "
           "erobern. Globex-Analyst Tom Field lobte Globex' Plan. Die Zahlen von Globex waren gut. Globexs "
           "Umsatz stieg.\n")


def test_entities_german() -> None:
    c, _t, e = stage(DE_TEXT, published="2025-05-20")
    by_name = {x.name: x for x in e.entities.values()}
    assert by_name["Anna Berger"].type == "person" and "Berger" in by_name["Anna Berger"].aliases
    assert by_name["Globex"].type == "organization" and by_name["ArcLight"].type == "organization"
    assert by_name["Orion"].type == "product"
    assert by_name["Tom Field"].type == "person"
    assert by_name["Berlin"].type == "place"
    us = by_name["Vereinigte Staaten"]
    assert us.id == "vereinigte-staaten" and {"USA", "Amerika"} <= set(us.aliases)
    assert "Chipmangel" not in by_name and "Zahlen" not in by_name
    assert len([x for x in e.entities.values() if x.name.startswith("Globex")]) == 1


def test_entities_english() -> None:
    text = ("Taiwan Widget Manufacturing Company (TWMC) said on Thursday that Apex Labs and Li Wen joined. "
            "The company plans a plant in Arizona. TWMC shares rose.\n")
    c, _t, e = stage(text, published="2025-10-16", lang="en")
    by_name = {x.name: x for x in e.entities.values()}
    org = next(x for x in e.entities.values() if "TWMC" in [x.name, *x.aliases])
    assert org.type == "organization"
    assert by_name["Apex Labs"].type == "organization"
    assert by_name["Li Wen"].type == "person"
    assert by_name["Arizona"].type == "place"


def test_entities_typed_by_apposition_link_and_generic_suffix() -> None:
    text = ("Zenbit Corp. on Tuesday unveiled the Quill Q7, a folding tablet that will cost $899. "
            "Analysts at Dara Vance expect strong sales. The European Commission welcomed it, "
            "a spokesperson for the Commission said.\n")
    c, _t, e = stage(text, published="2025-03-18", lang="en")
    by_name = {x.name: x for x in e.entities.values()}
    assert by_name["Quill Q7"].type == "product"
    assert by_name["Dara Vance"].type == "organization"
    assert "Commission" in by_name["European Commission"].aliases and "Commission" not in by_name
    text = ("A judge blocked the merger of utility Kestrel Power with Dunmore Energy. Kestrel will appeal to the "
            "Court of Appeals for the Third Circuit.\n")
    c, _t, e = stage(text, published="2025-02-05", lang="en")
    by_name = {x.name: x for x in e.entities.values()}
    assert by_name["Kestrel Power"].type == "organization" and "Power" not in by_name
    assert all(x.type != "person" for x in e.entities.values())
    c, _t, e = stage("Acme Corp on Tuesday unveiled a tablet. Lena Korff, a spokesperson for the firm, said so.\n",
                     published="2025-03-18", lang="en")
    assert {x.name: x.type for x in e.entities.values()} == {"Acme": "organization", "Lena Korff": "person"}


def test_entities_reuse_gazetteer_ids() -> None:
    known = [Known(id="globex-ag", name="Globex AG", type="organization", aliases=["Globex"])]
    c, _t, e = stage("Die Firma Globex meldete am Montag Gewinne.\n", published="2025-05-20", known=known)
    assert "globex-ag" in e.entities and e.entities["globex-ag"].existing
    assert [m.key for m in e.mentions if m.text == "Globex"] == ["globex-ag"]


# ---------------------------------------------------------------- events

def test_events_dates_lead_and_anaphora() -> None:
    text = ("Globex plant eine Investition von 5 Milliarden Euro in ArcLight. Die Zahlen waren gut.\n\n"
            "„Wir sind bereit“, sagte Anna Berger am vergangenen Wochenende auf einer Konferenz in Berlin.\n\n"
            "Auf derselben Konferenz sprach Tom Field von ArcLight.\n\n"
            "Globex erzielte einen Rekordumsatz, und wurde im vergangenen Herbst an die Börse gebracht.\n")
    c, t, e = stage(text, published="2026-01-16")
    evs = find_events(c, t, e)
    dates = [ev.date for ev in evs]
    assert dates[0] == "2026-01-16~"  # the lead, without its own time expression
    assert dates[1] == dates[2] == "2026-01-10/2026-01-11"  # 'auf derselben Konferenz' continues it
    assert "2025-23" in dates
    berlin = [ev for ev in evs if "berlin" in ev.entities]
    assert len(berlin) == 2
    assert len({ev.id for ev in evs}) == len(evs)
    for ev in evs:
        for s in ev.sources:
            assert c.text[s.start:s.end] == s.quote


def test_events_lead_takes_the_date_of_the_sentence_that_reports_it() -> None:
    # published on Tuesday; 'Das kündigte X am Montagabend an' dates the undated lead to Monday
    text = ("Orbix streicht Stellen\n\nStand: 04.03.2025 17:12 Uhr\n\n"
            "DUISBURG (dpa) – Der Stahlkonzern Orbix will 2.000 Stellen streichen. "
            "Das kündigte Finanzchef Jens Albers am Montagabend an.\n")
    c, t, e = stage(text, lang="de")
    evs = find_events(c, t, e)
    assert [(ev.title[:30], ev.date) for ev in evs] == [("Orbix will 2.000 Stellen strei", "2025-03-03")]
    assert c.outlet == "dpa"


def test_events_two_time_expressions_in_two_clauses() -> None:
    text = "Li Wen was charged in February 2025 and is scheduled to appear in court on March 6.\n"
    c, t, e = stage(text, published="2025-03-06", lang="en")
    evs = find_events(c, t, e)
    assert sorted(ev.date for ev in evs) == ["2025-02", "2025-03-06"]
    assert evs[0].sources[0].quote != evs[1].sources[0].quote


# ---------------------------------------------------------------- quotes, relations, figures

def test_quotes_speakers_and_continuations() -> None:
    text = ("„Die Lage ist ernst“, sagte Anna Berger in Berlin. „Wir handeln jetzt.“\n\n"
            "Tom Field sieht das anders. „Es gibt keinen Grund zur Sorge“, schrieb er am Montag.\n")
    c, _t, e = stage(text, published="2025-05-20")
    q = find_quotes(c, e)
    speakers = {x.text: e.entities[x.speaker].name if x.speaker else None for x in q}
    assert speakers == {"Die Lage ist ernst": "Anna Berger", "Wir handeln jetzt.": "Anna Berger",
                        "Es gibt keinen Grund zur Sorge": "Tom Field"}
    assert all(c.text[x.start:x.end] == x.text for x in q)


def test_quotes_english_after_name() -> None:
    text = 'Chief executive Robert Lang spoke on Monday. "Demand has never been stronger," Lang said.\n'
    c, _t, e = stage(text, published="2025-05-20", lang="en")
    q = find_quotes(c, e)
    assert [(x.text, e.entities[x.speaker].name) for x in q] == [
        ("Demand has never been stronger,", "Robert Lang")]


def test_relations() -> None:
    text = ("„Gut“, sagte Anna Berger, Gründerin des deutschen Softwareunternehmens Globex, am Montag. "
            "„Ja“, sagte Acme-Analyst Tom Field. Globex CEO Max Gruber sieht das anders. "
            "Berger verließ kürzlich ArcLight, um die Forschung von Globex zu leiten. "
            "Globex stellte seine Orion-Chips vor. Globexs Orion-Serie ist schnell.\n")
    c, _t, e = stage(text, published="2025-05-20")
    rel = {(e.entities[r.source].name, r.type, e.entities[r.target].name) for r in find_relations(c, e)}
    assert ("Anna Berger", "founder_of", "Globex") in rel
    assert ("Tom Field", "analyst_at", "Acme") in rel
    assert ("Max Gruber", "ceo_of", "Globex") in rel
    assert ("Anna Berger", "former_employee_of", "ArcLight") in rel
    assert ("Anna Berger", "leads", "Globex") in rel
    assert ("Orion", "made_by", "Globex") in rel


def test_figures() -> None:
    assert parse_number("6,95", True) == 6.95 and parse_number("16.000", True) == 16000
    assert parse_number("2.489", False) == 2.489 and parse_number("16,000", False) == 16000
    text = ("Globex erreichte einen Quartalsumsatz von 57 Milliarden US-Dollar, ein Anstieg von 60%, "
            "und hat einen Wert von 5 Billionen US-Dollar. Der Reingewinn von Globex stieg auf 6,95 Milliarden Euro.\n")
    c, t, e = stage(text, published="2025-05-20")
    facts = {(f.label, f.value, f.unit) for f in find_figures(c, e, t, {})}
    assert ("Quartalsumsatz", 57_000_000_000, "USD") in facts
    assert ("Börsenwert", 5_000_000_000_000, "USD") in facts
    assert ("Gewinn", 6_950_000_000, "EUR") in facts
    assert any(v == 60 and u == "percent" for _l, v, u in facts)
    c, t, e = stage("Zentrix said revenue rose to $4.2 billion, or 2.489 billion US dollars net.\n",
                    published="2025-05-20", lang="en")
    values = {(f.value, f.unit) for f in find_figures(c, e, t, {})}
    assert (4_200_000_000, "USD") in values and (2_489_000_000, "USD") in values


# ---------------------------------------------------------------- general rules for unseen articles

def test_entities_organisation_shapes_and_places() -> None:
    text = ("Der Verband der Automobilindustrie und das Max-Planck-Institut für Astronomie begrüßten die Pläne. "
            "Die Europäische Weltraumbehörde ESA und der FC Nordstadt reagierten. "
            "Der Softwareanbieter Kestrel Engineering meldete Zahlen aus Heidelberg.\n")
    c, t, e = stage(text, published="2025-03-12", lang="de")
    types = {x.name: x.type for x in e.entities.values()}
    assert types["Verband der Automobilindustrie"] == "organization"
    assert types["Max-Planck-Institut für Astronomie"] == "organization"
    assert types["Europäische Weltraumbehörde"] == "organization"
    assert types["FC Nordstadt"] == "organization"
    assert types["Kestrel Engineering"] == "organization"
    assert types["Heidelberg"] == "place"


def test_entities_english_roles_towns_and_linked_names() -> None:
    text = ("Halvorsen Motors will build a plant in Millbrook, Ohio, said Ohio Governor Dana Whitfield. "
            "The University of Vermont and the European Space Agency joined Northbridge City officials.\n")
    c, t, e = stage(text, published="2025-03-12", lang="en")
    types = {x.name: x.type for x in e.entities.values()}
    assert types["Millbrook"] == "place" and types["Ohio"] == "place"
    assert types["Dana Whitfield"] == "person" and "Ohio Governor Dana Whitfield" not in types
    assert types["University of Vermont"] == "organization"
    assert types["European Space Agency"] == "organization"
    assert types["Northbridge City"] == "organization"
    rels = {(r.source, r.type, r.target) for r in find_relations(c, e)}
    assert ("dana-whitfield", "governor_of", "ohio") in rels


def test_event_titles_are_short_headlines_in_the_article_language() -> None:
    text = ("Der Münchner Technologiekonzern Orbix hat die Übernahme des amerikanischen Softwareanbieters "
            "Kestrel Engineering abgeschlossen. Das teilte das Unternehmen am Mittwoch mit.\n\n"
            "„Wir wachsen weiter“, sagte Orbix-Chef Tom Field.\n")
    c, t, e = stage(text, published="2025-03-12", lang="de")
    evs = find_events(c, t, e)
    lead = evs[0]
    assert lead.title.startswith("Orbix hat die Übernahme") and "…" not in lead.title
    assert lead.date == "2025-03-12"  # dated by the following 'am Mittwoch' sentence
    assert lead.summary.startswith("Der Münchner Technologiekonzern")  # the full sentence stays
    en = ("Riverside United sack their manager\n\n"
          "Riverside United have sacked manager Paul Dawson after a fifth consecutive defeat, the club "
          "announced on Monday.\n\n\"We thank Paul for his work,\" chairman Michael Reid said.\n")
    c, t, e = stage(en, published="2025-03-04", lang="en")
    titles = [ev.title for ev in find_events(c, t, e)]
    assert titles[0].startswith("Riverside United have sacked manager Paul Dawson")
    assert "announced" not in titles[0] and "…" not in titles[0]  # the reporting clause is cut
    assert "Michael Reid: “We thank Paul for his work”" in titles  # the English quotation marks


def test_a_state_abbreviation_in_a_dateline_ends_no_sentence() -> None:
    text = "ELM CREEK, Neb. (AP) — Two barns burned on Monday. Crews from Ore. came too."
    spans = [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    assert spans[0] == "ELM CREEK, Neb. (AP) — Two barns burned on Monday."
