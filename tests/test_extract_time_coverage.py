"""Time expressions the issue names: decades, bare years, deadlines, month parts, halves, past weekdays."""

from __future__ import annotations

import pytest
from chronik_build.clean import clean
from chronik_build.time import easter, find_times


@pytest.mark.parametrize(("lang", "text", "expr", "edtf"), [
    ("en", "Orbix grew strongly in the 1980s.", "in the 1980s", "1980/1989"),
    ("de", "Orbix wuchs in den 1990er-Jahren stark.", "in den 1990er-Jahren", "1990/1999"),
    ("de", "Schon 2011 kam der Einbruch.", "Schon 2011", "2011"),
    ("en", "Sales must double by the end of March.", "by the end of March", "../2026-03"),
    ("en", "The plant must open by 2027.", "by 2027", "../2027"),
    ("de", "Das Werk soll bis 2027 stehen.", "bis 2027", "../2027"),
    ("en", "Earlier this month Orbix hired staff.", "Earlier this month", "2026-01-01/2026-01-13"),
    ("en", "At the end of last month Orbix cut jobs.", "At the end of last month", "2025-12-31"),
    ("de", "Ende des vergangenen Monats kam die Wende.", "Ende des vergangenen Monats", "2025-12-31"),
    ("en", "Revenue in the first six months of 2024 rose.", "in the first six months of 2024", "2024-01/2024-06"),
    ("en", "Orbix said first-half 2024 was strong.", "first-half 2024", "2024-01/2024-06"),
    # a past-tense verb before a weekday: the last such day, even in a sentence about the future
    ("en", "Orbix said on Monday it will build a plant.", "on Monday", "2026-01-12"),
    ("de", "Orbix teilte am Montag mit, es werde ein Werk bauen.", "am Montag", "2026-01-12"),
    # a season or month of a year named relative to publication
    ("de", "Die Sonde soll im Herbst kommenden Jahres ankommen.", "im Herbst kommenden Jahres", "2027-23"),
    ("de", "Orbix baute im Mai vergangenen Jahres ein Lager.", "im Mai vergangenen Jahres", "2025-05"),
    ("en", "The probe will arrive in the fall of next year.", "in the fall of next year", "2027-23"),
    # spans counted from publication, back and forth
    ("de", "Orbix will in den nächsten fünf Jahren wachsen.", "in den nächsten fünf Jahren", "2026/2031"),
    ("en", "Orbix will hire in the next three months.", "in the next three months", "2026-01/2026-04"),
    ("de", "Orbix wuchs in den letzten drei Quartalen stark.", "in den letzten drei Quartalen", "2025-04/2026-01"),
    ("en", "Orbix grew in the last three years.", "in the last three years", "2023/2026"),
    # the year so far
    ("de", "Seit Jahresbeginn stieg der Absatz.", "Seit Jahresbeginn", "2026-01"),
    ("en", "Sales rose 5% so far this year.", "so far this year", "2026-01"),
    # spans of days: the start takes the end's month and year
    ("en", "Records from Jan. 1, 2015, to Dec. 31, 2016, were read.", "from Jan. 1, 2015, to Dec. 31, 2016",
     "2015-01-01/2016-12-31"),
    ("en", "Records from March 3 to May 5, 2019 were read.", "from March 3 to May 5, 2019", "2019-03-03/2019-05-05"),
    ("de", "Vom 3. bis 5. Mai 2019 tagte der Rat.", "Vom 3. bis 5. Mai 2019", "2019-05-03/2019-05-05"),
    # lower-case 'morgen' is tomorrow; 'am Morgen' is a time of day
    ("de", "Heute spielt Nordhafen, morgen folgen die anderen Teams.", "morgen", "2026-01-15"),
    # the night before publication
    ("de", "In der Nacht brannte eine Scheune.", "In der Nacht", "2026-01-13/2026-01-14"),
    ("en", "A barn burned overnight.", "overnight", "2026-01-13/2026-01-14"),
    # a deadline on a day is an open-start interval ending on the next such day
    ("de", "Die Fotos hängen bis zum 14. Juni im Foyer.", "bis zum 14. Juni", "../2026-06-14"),
    ("en", "Tenders are open until March 2.", "until March 2", "../2026-03-02"),
    # a reporting period named by its end: the months up to it
    ("en", "Sales in the six months ended March 31 fell.", "six months ended March 31", "2024-10/2025-03"),
    ("en", "Costs for the fiscal year ending Oct 31, 2028 will fall.", "fiscal year ending Oct 31, 2028",
     "2027-11/2028-10"),
    ("de", "Der Umsatz in den sechs Monaten bis Ende Juni stieg.", "sechs Monaten bis Ende Juni", "2025-01/2025-06"),
    # a span from a year to a month
    ("en", "Ada Kern led the guild from 2019 till March 2024.", "from 2019 till March 2024", "2019/2024-03"),
    ("de", "Ada Kern führte die Gilde von 2019 bis März 2024.", "von 2019 bis März 2024", "2019/2024-03"),
    # a quarter of last year without 'of'; 'of the year' is this year's
    ("en", "Its loss was larger in the third quarter last year.", "in the third quarter last year",
     "2025-07/2025-09"),
    ("en", "It shipped in the first quarter of the year.", "in the first quarter of the year", "2026-01/2026-03"),
    # a bare year by a German verb; a year after an article before an English noun
    ("de", "Die Studie kam 1931 heraus.", "1931", "1931"),
    ("de", "1987 bekam die Malerin den Preis.", "1987", "1987"),
    ("en", "A 1953 flood destroyed the dike.", "A 1953", "1953"),
    # counted from the time named last
    ("de", "Der Bau begann 1987. Zwei Jahre später war die Brücke fertig.", "Zwei Jahre später", "1989"),
    ("en", "The mill opened in May 2019. Three months later it closed.", "Three months later", "2019-08"),
    # counted back from the time named last, or some time before it
    ("de", "Am 12. März 2025 brannte die Mühle. Zwei Tage zuvor brannte eine Scheune.", "Zwei Tage zuvor",
     "2025-03-10"),
    ("de", "Am 12. März 2025 brannte die Mühle. Zuvor hatten die Bauern gewarnt.", "Zuvor", "../2025-03-12"),
    ("en", "The mill burned on Dec. 12. Three days earlier, a barn burned.", "Three days earlier", "2025-12-09"),
    ("en", "The mill burned on Dec. 12. Before that, farmers had warned.", "Before that", "../2025-12-12"),
    ("de", "Am 12. März 2025 brannte die Mühle. Am Tag zuvor brannte eine Scheune.", "Am Tag zuvor", "2025-03-11"),
    ("de", "Am 12. März 2025 brannte die Mühle. Tags darauf kam die Polizei.", "Tags darauf", "2025-03-13"),
    ("en", "The mill burned on Dec. 12. The next day, police came.", "The next day", "2025-12-13"),
    ("en", "The mill burned on Dec. 12. The day before, a barn burned.", "The day before", "2025-12-11"),
    # parts of a week or year, a year-less numeric day after a preposition, the course of the day
    ("de", "Ende vergangener Woche brannte eine Scheune.", "Ende vergangener Woche", "2026-01-05/2026-01-11"),
    ("de", "Mitte nächster Woche soll die Mühle öffnen.", "Mitte nächster Woche", "2026-01-19/2026-01-25"),
    ("de", "Anfang des Jahres brannte eine Scheune.", "Anfang des Jahres", "2026-01"),  # as readers date it
    ("de", "Am 3.1. brannte eine Scheune.", "Am 3.1.", "2026-01-03"),
    ("de", "Im Laufe des Tages soll die Mühle öffnen.", "Im Laufe des Tages", "2026-01-14"),
    ("en", "The mill closed in mid-December.", "mid-December", "2025-12"),
    ("de", "In der Nacht von Samstag auf Sonntag brannte eine Scheune.", "In der Nacht von Samstag auf Sonntag",
     "2026-01-11"),
    ("de", "In dieser Woche brannte eine Scheune.", "dieser Woche", "2026-01-12/2026-01-18"),
    ("de", "Vor wenigen Tagen brannte eine Scheune.", "Vor wenigen Tagen", "../2026-01-14"),
    ("en", "A few days ago a barn burned in Tarnby.", "A few days ago", "../2026-01-14"),
    # an infinitive before a year-less day: the action lies ahead even in a past-tense sentence
    ("en", "The miller was told to leave the mill on May 3.", "on May 3", "2026-05-03"),
    ("en", "The miller moved to Tarnby on May 3.", "on May 3", "2025-05-03"),
    # a German weekday with its time of day needs no preposition
    ("de", "Erneut zogen Sonntagabend Gewitter über Tarnby.", "Sonntagabend", "2026-01-11"),
    # a deadline at the end of the decade of publication
    ("en", "Quarrymoor aims to double its output by the end of the decade.", "by the end of the decade", "../2029"),
    ("de", "Quarrymoor will den Absatz bis Ende des Jahrzehnts verdoppeln.", "bis Ende des Jahrzehnts", "../2029"),
    # a fiscal year across two calendar years, and one named by its year
    ("en", "Tarn mill sales in fiscal 2030/31 rose.", "fiscal 2030/31", "2030/2031"),
    ("de", "Im Geschäftsjahr 2030/31 stieg der Umsatz der Mühle.", "Geschäftsjahr 2030/31", "2030/2031"),
    ("en", "Quarrymoor raised its FY2031 forecast.", "FY2031", "2031"),
    ("en", "Quarrymoor raised its FY31 forecast.", "FY31", "2031"),
    ("en", "Quarrymoor cut its outlook for fiscal 2031.", "for fiscal 2031", "2031"),
    # 'first … in <year>' is that year ('first … in 40 years' is not a time, below)
    ("en", "Quarrymoor shipped its first mill in 2024.", "in 2024", "2024"),
    # the first months or quarters of a year: 'of the year' is the year of publication
    ("en", "Quarrymoor earned 4 million euros in the first nine months of the year.",
     "in the first nine months of the year", "2025-01/2025-09"),
    ("en", "Tarn Mills grew in the first three quarters of 2030.", "in the first three quarters of 2030",
     "2030-01/2030-09"),
    ("de", "In den ersten neun Monaten des Jahres verdiente Quarrymoor 4 Millionen Euro.",
     "In den ersten neun Monaten des Jahres", "2025-01/2025-09"),
    ("de", "Die Mühle wuchs in den ersten drei Quartalen 2030.", "in den ersten drei Quartalen 2030",
     "2030-01/2030-09"),
    # without 'of the year' only before a comma, or in German before the verb
    ("en", "In the first nine months, Tarn Mills earned 3 million euros.", "In the first nine months",
     "2025-01/2025-09"),
    ("de", "In den ersten neun Monaten stieg der Umsatz der Mühle.", "In den ersten neun Monaten", "2025-01/2025-09"),
    # named days: Easter-based ones by the computus, fixed ones, a weekday's nth or last in a month
    ("de", "Die Mühle wird am Ostermontag wieder öffnen.", "am Ostermontag", "2026-04-06"),
    ("de", "Am Heiligabend brannte eine Scheune in Tarnby.", "Am Heiligabend", "2025-12-24"),
    ("de", "Ada Kern kam an Pfingsten 2030 nach Tarnby.", "an Pfingsten 2030", "2030-06-09"),
    ("en", "The mill closed on Good Friday.", "on Good Friday", "2025-04-18"),
    ("en", "The mill will reopen on Thanksgiving.", "on Thanksgiving", "2026-11-26"),
    ("en", "The Tarn mill closed last Easter.", "last Easter", "2025-04-20"),
    ("en", "The pool will open on Memorial Day.", "on Memorial Day", "2026-05-25"),
    ("en", "Ada Kern moved to Tarnby on New Year’s Day 2030.", "on New Year’s Day 2030", "2030-01-01"),
    # two years that are not one fiscal year date nothing
    ("en", "The mill's 2030/34 plan was dropped.", "2030/34", None),
])

def test_time_expression_coverage(lang: str, text: str, expr: str, edtf: str | None) -> None:
    c = clean(text, published="2026-01-14", lang=lang)
    got = {t.text: t.edtf for ts in find_times(c).values() for t in ts}
    assert got.get(expr) == edtf, got


def test_year_to_date_ends_at_the_month_whose_figures_the_story_reports() -> None:
    c = clean("Der Absatz der Tarn-Mühlen sank im Oktober um 3 Prozent. Im bisherigen Verlauf des Jahres liegt er "
              "2 Prozent im Minus.\n", published="2031-11-12", lang="de")
    got = {t.text: t.edtf for ts in find_times(c).values() for t in ts}
    assert got["Im bisherigen Verlauf des Jahres"] == "2031-01/2031-10"


@pytest.mark.parametrize(("lang", "text", "expr", "edtf"), [
    # German present tense tells the future: a date after publication stays in its year
    ("de", "Am 25.9. beginnt in Velm das Stadtfest.", "Am 25.9.", "2026-09-25"),
    ("de", "Am 25. September begann in Velm das Stadtfest.", "Am 25. September", "2025-09-25"),
    # a weekday before a date belongs to it
    ("de", "Am Freitag, den 10. Juli eröffnet die Bürgermeisterin das Stadtfest.", "Am Freitag, den 10. Juli",
     "2026-07-10"),
    ("en", "On Thursday, May 4, 2017 the council met.", "On Thursday, May 4, 2017", "2017-05-04"),
    # 'last' before a month of the publication's own name is a year back
    ("en", "The council approved the plan last July.", "last July", "2025-07"),
    ("en", "The council approved the plan last March.", "last March", "2026-03"),
])
def test_a_dated_day_in_the_present_and_with_its_weekday(lang: str, text: str, expr: str, edtf: str) -> None:
    c = clean(text, published="2026-07-03", lang=lang)
    got = {t.text: t.edtf for ts in find_times(c).values() for t in ts}
    assert got.get(expr) == edtf, got


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Rainfall reached 80 millimetres, the most recorded in Tarvin since 1987."),
    ("de", "Es waren die meisten Fälle in Velm seit 2011."),
])
def test_the_baseline_of_a_superlative_dates_nothing(lang: str, text: str) -> None:
    c = clean(text, published="2026-07-03", lang=lang)
    assert not [t for ts in find_times(c).values() for t in ts]


def test_easter_by_the_computus() -> None:
    assert [easter(y).isoformat() for y in (2000, 2008, 2019, 2024, 2038)] == [
        "2000-04-23", "2008-03-23", "2019-04-21", "2024-03-31", "2038-04-25"]


def test_a_feast_in_a_month_of_publication_is_its_day() -> None:
    c = clean("Tarnby spielt am Ostermontag in Velm.\n", published="2031-04", lang="de")
    assert [(t.text, t.edtf) for ts in find_times(c).values() for t in ts] == [("am Ostermontag", "2031-04-14")]


def test_year_to_date_spans_january_to_the_month_of_publication() -> None:
    c = clean("Im bisherigen Verlauf des Jahres stieg der Absatz.\n", published="2026-05-20", lang="de")
    got = {t.text: t.edtf for ts in find_times(c).values() for t in ts}
    assert got == {"Im bisherigen Verlauf des Jahres": "2026-01/2026-05"}


@pytest.mark.parametrize(("lang", "text"), [
    # a German number before a capitalised noun or a unit is a quantity, not a year
    ("de", "Es kamen 1987 Menschen und zahlten 2019 Euro."),
    ("de", "Der Verein hat 1950 Mitglieder."),
    # a weekday in the possessive names another happening, not this clause's time
    ("en", "The hut was far from Monday's landslide."),
    ("en", "Ada Kern beat last year’s champion in the final."),
    # the baseline a change starts from is no happening's time
    ("en", "The mill earned 3.1 million euros, up from a loss of 1.5 million euros in the second quarter last year."),
    ("en", "Tarn Mills earned 2 million euros and recovered from a deficit in the third quarter of 2030."),
    ("en", "Tarn Mills earned 2 million euros, down 8 percent from a year ago."),
    ("en", "Quarrymoor's output rose 3 percent over last year."),
    ("en", "Sales at the Tarn mill fell from the same period last year."),
    ("de", "Der Umsatz der Mühle sank gegenüber dem gleichen Zeitraum des vergangenen Jahres."),
    # a running total's scope: the year is the count's, not the new fact's time
    ("en", "Three new cases of measles were found in Tarnby, bringing the total number of cases to 12 this year."),
    ("de", "Drei neue Masernfälle wurden in Tarnby gemeldet, damit stieg die Zahl der Fälle in diesem Jahr auf 12."),
    # a comparison with the time before dates nothing
    ("de", "So viele Gäste wie nie zuvor kamen nach Tarnby."),
    ("en", "The Tarn mill earned more than a year earlier."),
    ("en", "Sales at the Tarn mill fell in the first three months after the launch."),
    ("de", "Der Umsatz der Mühle stieg in den ersten drei Monaten nach dem Start."),
    ("en", "Ada Kern left Tarnby the day before the vote."),
    ("de", "Die Mühle bekam mit Version 3.10. neue Steine."),
    # before or after a feast is a span around it, no day
    ("en", "Sales at the Tarn mill rose before Christmas."),
    ("de", "Vor Ostern kam der Regen nach Tarnby."),
    ("en", "Tarnby shops expect strong Christmas sales."),
    ("en", "The Tarnby choir sang at Christmas markets."),
    ("en", "It was the fifth attack on a Tarnby mill this year."),
    ("de", "Es war der fünfte Überfall auf eine Mühle in diesem Jahr."),
    # 'the first … in 40 years' counts back over the years before, it names no time ahead
    ("en", "Ada Kern became the first woman mayor in 40 years."),
])
def test_quantities_and_possessive_weekdays_date_nothing(lang: str, text: str) -> None:
    c = clean(text, published="2026-01-14", lang=lang)
    assert [t.text for ts in find_times(c).values() for t in ts] == []


@pytest.mark.parametrize(("lang", "text", "published", "want"), [
    # a time of day alone belongs to the day the story named last
    ("de", "Am Samstag öffnete das Fest in Velm. Der Bürgermeister stach um 17.12 Uhr das Fass an.\n",
     "2031-10-20", [("Am Samstag", "2031-10-18"), ("um 17.12 Uhr", "2031-10-18")]),
    ("en", "Police arrested a man on Saturday. He struck an officer at 2:30 a.m. outside a bar.\n",
     "2031-10-20", [("on Saturday", "2031-10-18"), ("at 2:30 a.m.", "2031-10-18")]),
    # with only a month of publication the day named last still dates it
    ("de", "Am 24. Juni 2031 brannte es in Velm. Die Feuerwehr war gegen 22.35 Uhr dort.\n",
     "2031-06", [("Am 24. Juni 2031", "2031-06-24"), ("gegen 22.35 Uhr", "2031-06-24")]),
    # beside a day the hour adds nothing; after a month alone the day is unknown
    ("de", "Am Samstag um 14 Uhr öffnete das Fest.\n", "2031-10-20", [("Am Samstag", "2031-10-18")]),
    ("en", "Sales fell in March. The plant closed at 5 p.m.\n", "2031-10-20",
     [("in March", "2031-03"), ("at 5 p.m.", None)]),
])
def test_a_time_of_day_takes_the_day_named_last(lang: str, text: str, published: str, want: list) -> None:
    c = clean(text, published=published, lang=lang)
    assert [(t.text, t.edtf) for ts in find_times(c).values() for t in ts] == want


@pytest.mark.parametrize(("lang", "text", "expr"), [
    ("en", "Police arrested a man on Saturday. Half an hour later, officers stopped a car.\n",
     "Half an hour later"),
    ("en", "Police arrested a man on Saturday. Minutes later, officers stopped a car.\n", "Minutes later"),
    ("de", "Am Samstag brannte eine Scheune in Velm. Eine Stunde später war das Feuer gelöscht.\n",
     "Eine Stunde später"),
    ("de", "Am Samstag brannte eine Scheune in Velm. Kurz darauf kam die Feuerwehr.\n", "Kurz darauf"),
    ("de", "Am Samstag brannte eine Scheune in Velm. Noch am selben Abend kam ein Gutachter.\n",
     "Noch am selben Abend"),
    ("en", "A barn burned in Velm on Saturday. Later that day, a fire inspector came.\n", "Later that day"),
    ("en", "A barn burned in Velm on Saturday. The same day, a fire inspector came.\n", "The same day"),
    # a game's clock is the game's day, not a half of the calendar year
    ("en", "Tarn beat Velm 3-2 on Saturday. Orla scored early in the first half.\n", "early in the first half"),
    ("en", "Tarn beat Velm 3-2 on Saturday. Velm tied it in the 79th minute.\n", "in the 79th minute"),
    ("de", "Tarn schlug Velm am Samstag 3:2. Orla traf in der 79. Minute.\n", "in der 79. Minute"),
])
def test_hours_counted_on_stay_on_the_day_named_last(lang: str, text: str, expr: str) -> None:
    c = clean(text, published="2031-10-20", lang=lang)
    assert {t.text: t.edtf for ts in find_times(c).values() for t in ts}.get(expr) == "2031-10-18"


def test_hours_count_from_the_happening_not_from_its_report() -> None:
    c = clean("Deputies caught a man on Sunday, the sheriff said Monday. An hour later, they found the cash.\n",
              published="2031-10-21", lang="en")
    got = {t.text: t.edtf for ts in find_times(c).values() for t in ts}
    assert got == {"on Sunday": "2031-10-19", "Monday": "2031-10-20", "An hour later": "2031-10-19"}


@pytest.mark.parametrize(("published", "text", "want"), [
    # a weekday, 'den' and a numeric date are one expression
    (None, "Die Messe begann am Freitag den 14.03.2031 in Velm.", [("am Freitag den 14.03.2031", "2031-03-14")]),
    # two days with two-digit years joined by a dash are a span
    (None, "Der Einsatz im Bericht 12.03.31 - 18.03.31 dauerte an.",
     [("12.03.31 - 18.03.31", "2031-03-12/2031-03-18")]),
    # with only a month of publication, an expression naming its own year still resolves
    ("2029-09", "Die beiden Vereine kooperieren bis zum 31. Juli 2031.",
     [("bis zum 31. Juli 2031", "../2031-07-31")]),
])
def test_numeric_days_and_own_years(published: str | None, text: str, want: list) -> None:
    assert found(text, published, "de") == want


def found(text: str, published: str | None, lang: str) -> list[tuple[str, str | None]]:
    """(expression, EDTF) of each time expression in a one-line text."""
    c = clean(text + "\n", published=published, lang=lang)
    return [(t.text, t.edtf) for ts in find_times(c).values() for t in ts]


@pytest.mark.parametrize(("text", "want"), [
    # a time clause after a future one is future too, though told in the present
    ("Anna Velm will open the show, when she tours the Orla Hall on Saturday.", [("on Saturday", "2031-03-29")]),
    # so is a bare time after a comma, over a place's short parts
    ("Orvan will lead the club when he takes office, in January.", [("in January", "2032-01")]),
    ("Velm Health plans to open a clinic in Orla Falls, Ore., on Aug. 20.", [("on Aug. 20", "2031-08-20")]),
    # a past main clause keeps the time clause past
    ("Orvan said on Saturday, when asked, that Velm left in January.",
     [("on Saturday", "2031-03-22"), ("in January", "2031-01")]),
    # a day named without a year a few weeks after publication is this year's, whatever the tense
    ("The bridge reopens April 20.", [("April 20", "2031-04-20")]),
    ("The bridge reopened June 20.", [("June 20", "2030-06-20")]),
])
def test_english_future_time_clauses_and_days_ahead(text: str, want: list) -> None:
    assert found(text, "2031-03-25", "en") == want


@pytest.mark.parametrize(("text", "want"), [
    # 'from <amount> a year earlier' is the comparison's baseline, not a time of its own
    ("Profit rose to 26.5 million euros from EUR21.75 million a year earlier, the firm said Friday.",
     [("Friday", "2031-03-21")]),
    ("He moved from Velm a year ago.", [("a year ago", "2030-03")]),
])
def test_an_amount_a_year_earlier_is_a_baseline(text: str, want: list) -> None:
    assert found(text, "2031-03-25", "en") == want


@pytest.mark.parametrize(("text", "want"), [
    # a deadline's month before publication's, in a clause that is no future one, is this year's
    ("Der Absatz sei bis April um ein Drittel gestiegen.", "../2031-04"),
    ("Das Werk soll bis April fertig sein.", "../2032-04"),
])
def test_a_past_deadline_month_stays_in_the_year_of_publication(text: str, want: str) -> None:
    assert [edtf for _text, edtf in found(text, "2031-05-30", "de")] == [want]


@pytest.mark.parametrize(("text", "want"), [
    # an infinitive alone never carries a day past publication into next year
    ("A motion was made to appoint Anna Velm during the March 12 meeting.", [("March 12", "2031-03-12")]),
    ("The council voted to close Orla Road on Aug. 12.", [("on Aug. 12", "2031-08-12")]),
    # a future cue still does
    ("Velm Stores will open the hall on March 12.", [("on March 12", "2032-03-12")]),
])
def test_an_infinitive_alone_keeps_a_past_day_in_the_year_of_publication(text: str, want: list) -> None:
    assert found(text, "2031-03-27", "en") == want


def test_a_quarter_named_by_its_end_is_the_three_months_to_that_month() -> None:
    assert found("Orvan Bank earned more in the second quarter ended April 30.", "2031-05-26", "en") == [
        ("second quarter ended April 30", "2031-02/2031-04")]


def test_a_german_range_of_days_with_weekdays_and_a_time_of_day_is_one_interval() -> None:
    text = "Die Bahn lässt von Donnerstag, 3. Mai, bis zum frühen Morgen am Mittwoch, 9. Mai, Büsche schneiden."
    assert found(text, "2031-04-25", "de") == [
        ("von Donnerstag, 3. Mai, bis zum frühen Morgen am Mittwoch, 9. Mai", "2031-05-03/2031-05-09")]


@pytest.mark.parametrize(("text", "lang", "want"), [
    ("Bereits zu Jahresbeginn hatten die Versorger die Preise erhöht.", "de", [("zu Jahresbeginn", "2031-01")]),
    ("Seit Jahresbeginn stiegen die Preise.", "de", [("Seit Jahresbeginn", "2031-01/2031-02")]),
    ("Zum Jahresanfang 2029 stiegen die Preise.", "de", [("Zum Jahresanfang 2029", "2029-01")]),
    ("Prices rose at the beginning of 2029.", "en", [("at the beginning of 2029", "2029-01")]),
])
def test_the_start_of_a_year_is_its_january(text: str, lang: str, want: list) -> None:
    assert found(text, "2031-02-27", lang) == want


@pytest.mark.parametrize(("text", "want"), [
    # a past verb before the day and the future only after it: the day is past
    ("The Velm Fire Service said rain on Sunday meant the fire was not expected to grow.", "2031-05-25"),
    # a future cue before the day keeps it ahead
    ("Anna Velm said she will visit Orla on Sunday.", "2031-06-01"),
])
def test_a_weekday_after_a_past_verb_is_past_when_the_future_comes_only_after_it(text: str, want: str) -> None:
    assert [edtf for _t, edtf in found(text, "2031-05-26", "en")] == [want]


@pytest.mark.parametrize(("lang", "text", "want"), [
    # a year named just before a day or a month without one is theirs
    ("de", "Vergangenes Jahr wurden am 20. Juli in Velm 40,1 Grad gemessen.",
     [("Vergangenes Jahr", "2030"), ("am 20. Juli", "2030-07-20")]),
    ("de", "Schon 2019 stieg im März der Umsatz von Orvan.", [("Schon 2019", "2019"), ("im März", "2019-03")]),
    ("en", "Last year, on July 20, it was 40 degrees in Velm.", [("Last year", "2030"), ("on July 20", "2030-07-20")]),
    # a speech verb between them parts the two: the saying has its own time
    ("en", "Sales rose in 2030, Orvan said on March 3.",
     [("in 2030", "2030"), ("on March 3", "2031-03-03")]),
])
def test_a_year_named_just_before_dates_a_day_without_one(lang: str, text: str, want: list) -> None:
    assert found(text, "2031-07-16", lang) == want


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("de", "Die Bahn wird das Osterwochenende für Bauarbeiten an der Strecke nach Velm nutzen.",
     [("Osterwochenende", "2031-04-11/2031-04-14")]),
    ("en", "Crews will work on the Velm line over the Easter weekend.",
     [("over the Easter weekend", "2031-04-11/2031-04-14")]),
])
def test_a_holiday_weekend_spans_its_days(lang: str, text: str, want: list) -> None:
    assert found(text, "2031-04-02", lang) == want  # Easter Sunday 2031 is 13 April
