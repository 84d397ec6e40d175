"""General event rules (issue 9, point 3): dates inherited by sentences without a time of their own,
reporting frames, one event per clause with its own time. Every text here is invented."""

from __future__ import annotations

from chronik_build.pipeline import extract


def _events(text: str, published: str | None, lang: str) -> list:
    return extract(text, published, lang, []).events


def _dated(events: list, words: str) -> str | None:
    ev = next(e for e in events if words in e.summary)
    return ev.date


def test_a_sentence_without_its_own_time_takes_the_last_dated_happening() -> None:
    text = ("Der Fahrradabsatz ist im März in fast allen Regionen Nordlands geschrumpft. "
            "Nach Angaben des Händlerverbands Velora legten die Verkäufe nur in Südhafen zu.\n")
    events = _events(text, "2031-04-10", "de")
    assert _dated(events, "im März") == "2031-03"
    assert _dated(events, "nur in Südhafen").rstrip("~?") == "2031-03"


def test_an_undated_article_keeps_an_unresolved_weekday_undated() -> None:
    text = ("Der Stadtrat von Nordhafen hat am Montag den Haushalt beschlossen. "
            "Bürgermeisterin Ada Kern sagte, die Schulen bekämen mehr Geld.\n")
    events = _events(text, None, "de")
    assert all(e.date is None for e in events)


def test_an_elliptical_clause_with_its_own_time_is_its_own_event() -> None:
    text = ("Quarrymoor Ltd. will open the Tarn plant in 2032 and the harbour depot in 2034, "
            "the company said.\n")
    events = _events(text, "2031-05-06", "en")
    dates = sorted(e.date for e in events)
    assert dates == ["2032", "2034"], [(e.date, e.summary) for e in events]
    assert any("harbour depot" in e.summary and "Tarn" not in e.summary for e in events)


def test_a_frame_and_its_content_at_the_same_time_are_one_event() -> None:
    text = ("Quarrymoor Ltd. announced today that its members approved the merger at a meeting held today.\n")
    events = _events(text, "2031-05-06", "en")
    assert [e.date for e in events] == ["2031-05-06"]
    assert "approved the merger" in events[0].summary


def test_a_reporting_frame_makes_a_reported_happening_an_event() -> None:
    de = _events("Der Fahrradabsatz ist im März in Nordland geschrumpft. Landesweit sanken die Verkäufe um "
                 "zwölf Prozent auf 80.000 Räder, wie der Händlerverband mitteilte.\n", "2031-04-10", "de")
    assert _dated(de, "Landesweit sanken").rstrip("~?") == "2031-03"
    en = _events("Bicycle sales in Nordland fell in March. Sales across the country dropped twelve percent "
                 "to 80,000 bikes, the dealers' association said.\n", "2031-04-10", "en")
    assert _dated(en, "across the country").rstrip("~?") == "2031-03"


def test_a_hedged_or_quoted_opinion_with_a_frame_is_no_event() -> None:
    en = _events("Bicycle sales in Nordland fell in March. Some buyers may switch to scooters if prices "
                 "stay high, the dealers' association said. “Prices are simply too high for families,” "
                 "the association said.\n", "2031-04-10", "en")
    assert [e.summary for e in en if "scooters" in e.summary or "families" in e.summary] == []


def test_a_plan_after_publication_is_not_inherited_by_the_next_sentence() -> None:
    text = ("Der Stadtrat von Nordhafen hat heute den Haushalt beschlossen. Die Abstimmung über die Schulen soll "
            "im Mai folgen. Bürgermeisterin Ada Kern sagte, die Schulen bekämen mehr Geld.\n")
    events = _events(text, "2031-04-10", "de")
    assert _dated(events, "Ada Kern").rstrip("~?") == "2031-04-10"


def _linked(events: list, words: str) -> list[str]:
    return next(e for e in events if words in e.summary).entities


def test_a_pronoun_subject_links_the_protagonist_named_before() -> None:
    text = ("Greta Lindqvist won the Harbour Cup in Nordhafen on Sunday. Lindqvist beat Ada Kern in the final. "
            "Lindqvist was trailing early on. This is the first Harbour Cup title for the club. "
            "She had lost the final of the Valley Open in 2029.\n")
    events = _events(text, "2031-04-10", "en")
    assert "greta-lindqvist" in _linked(events, "Valley Open")


def test_a_definite_description_links_the_entity_whose_name_ends_in_its_noun() -> None:
    text = ("The country’s central bank raised its key rate today to fight inflation. The bank last raised the rate "
            "on March 5. The Velmar Reserve Bank expects prices to fall in 2032.\n")
    events = _events(text, "2031-04-10", "en")
    assert "velmar-reserve-bank" in _linked(events, "central bank raised")
    assert "velmar-reserve-bank" in _linked(events, "last raised")


def test_a_german_compound_on_an_organisation_name_links_it() -> None:
    text = ("Der Fahrradhersteller Velora hat am Montag ein Werk in Nordhafen eröffnet. Veloravorstand Tom Field "
            "sagte am Montag, es gebe 300 neue Stellen.\n")
    events = _events(text, "2031-04-10", "de")
    assert "velora" in _linked(events, "Veloravorstand")


def test_a_place_noun_links_the_place_the_story_is_about() -> None:
    text = ("A strong storm hit the Norwegian city of Bergen on Friday. Many streets in Bergen were flooded on "
            "Friday. Officials in Bergen counted 40 damaged boats. Mayor Ada Kern said on Saturday that at least "
            "twelve houses had collapsed in the city.\n")
    events = _events(text, "2031-04-12", "en")
    assert "bergen" in _linked(events, "collapsed in the city")


def test_a_comma_between_two_different_times_splits_the_clauses() -> None:
    de = _events("Eine Karte, die 1931 gedruckt wurde, wurde erst 1987 entdeckt.\n", "2031-04-10", "de")
    assert sorted(e.date for e in de) == ["1931", "1987"], [(e.date, e.summary) for e in de]
    en = _events("Following the opening of its Tarn plant in the second quarter of the year, Quarrymoor Ltd. "
                 "unveiled plans for a harbour depot to open next year.\n", "2031-08-10", "en")
    assert sorted(e.date for e in en) == ["2031-04/2031-06", "2032"], [(e.date, e.summary) for e in en]
    assert any("unveiled plans" in e.summary and e.date == "2032" for e in en)


def test_a_comma_before_an_infinitive_keeps_it_with_its_time() -> None:
    de = _events("Quarrymoor und Velora hätten im Mai zugestimmt, die Kosten zu tragen, meldeten Zeitungen am "
                 "Freitag.\n", "2031-08-13", "de")
    may = next(e for e in de if e.date == "2031-05")
    assert "die Kosten zu tragen" in may.summary


def test_a_german_first_constituent_with_its_own_time_is_its_own_happening() -> None:
    de = _events("Im Streit um den Brand in der Tarner Mühle im Mai vergangenen Jahres hat das Gericht den "
                 "Müller am Dienstag verurteilt.\n", "2031-08-14", "de")
    assert sorted(e.date for e in de) == ["2030-05", "2031-08-12"], [(e.date, e.summary) for e in de]
    assert any("verurteilt" in e.summary and e.date == "2031-08-12" for e in de)


def test_a_generic_company_noun_before_any_name_links_the_story_company() -> None:
    """'teilte das Unternehmen mit' in the first sentence refers to the company the story names most."""
    de = _events("Quarrymoor steigert den Umsatz\nDie Erlöse seien im dritten Quartal um fünf Prozent gestiegen, "
                 "teilte das Unternehmen mit. Quarrymoor hält an seinem Jahresziel fest. Quarrymoor "
                 "will im Herbst ein neues Lager eröffnen.\n", "2031-10-17", "de")
    first = next(e for e in de if "Erlöse" in e.summary)
    assert "quarrymoor" in first.entities, first.entities


def test_a_comma_before_a_time_that_contains_the_first_does_not_split() -> None:
    en = _events("Quarrymoor Ltd. listed its shares on 5 March, becoming the exchange's largest listing in 2031.\n",
                 "2031-03-06", "en")
    assert [e.date for e in en] == ["2031-03-05"], [(e.date, e.summary) for e in en]


def test_a_definite_description_takes_the_date_of_the_happening_it_refers_to() -> None:
    en = _events("A strong landslide buried the road to Tarnby late on Monday, officials said. The Tarnby council "
                 "posted the damage report on Tuesday morning. The huge 40-metre landslide blocked the river too, "
                 "the council said.\n", "2031-06-18", "en")
    assert _dated(en, "blocked the river").rstrip("?") == "2031-06-16"
    de = _events("Das Landgericht Tarnby hat den Müller am Dienstag verurteilt. Am Mittwoch legte sein Anwalt "
                 "Berufung ein. Richterin Ada Kern, die das Urteil sprach, sagte, die Zeugen hätten sehr geholfen.\n",
                 "2031-06-19", "de")
    assert _dated(de, "Zeugen hätten").rstrip("?") == "2031-06-17"


def test_years_in_an_elliptical_list_of_names_are_events_of_their_own() -> None:
    de = _events("Der Tarner Kunstpreis ging 1987 an die Malerin Ada Kern. 1991 bekam Bildhauer Bo Lind den Preis, "
                 "1996 Clara Mott und 2002 Dora Voss.\n", None, "de")
    assert sorted(e.date for e in de) == ["1987", "1991", "1996", "2002"], [(e.date, e.summary) for e in de]
    assert not any(e.sources[0].quote.endswith("und") or e.title.endswith("und") for e in de)


def test_a_yearless_day_before_any_year_of_an_undated_story_stays_undated() -> None:
    """The story's later years belong to past happenings: 'bis einschließlich 12. Mai' is not in them."""
    de = _events("Die Schau im Tarner Kunsthaus läuft länger. Nach Angaben des Hauses bleibt sie bis "
                 "einschließlich 12. Mai geöffnet. Den Preis bekam 1987 die Malerin Ada Kern.\n", None, "de")
    assert _dated(de, "bis einschließlich") is None
    assert _dated(de, "Ada Kern") == "1987"


def test_a_reporting_opening_in_the_present_states_and_tells_no_happening() -> None:
    de = _events("Der Tarner Kunstpreis ist am Montag an Ada Kern gegangen. Laut Museumsleiter Bo Lind ist es der "
                 "einzige Preis dieser Art im Land. Laut Museumsleiter Bo Lind kamen 300 Gäste zur Feier.\n",
                 "2031-06-18", "de")
    assert not any("einzige Preis" in e.summary for e in de), [e.summary for e in de]
    assert any("300 Gäste" in e.summary for e in de)


def test_a_short_sentence_without_a_verb_is_no_event_but_a_verbless_teaser_is() -> None:
    de = _events("Der Tarner SC spielt heute in Nordhafen. Das Team reiste gestern an. Schon morgen in Nordhafen.\n"
                 "Am Abend folgte ein Fest.\n", "2031-06-18", "de")
    assert not any(e.summary.startswith("Schon morgen") for e in de), [e.summary for e in de]
    teaser = _events("Der Stadtrat tagte lange. Großbrand am Samstagabend in einer Scheune am Ortsrand von Tarnby.\n",
                     "2031-06-18", "de")
    assert any(e.summary.startswith("Großbrand") for e in teaser), [e.summary for e in teaser]


def test_a_future_consequence_after_a_demonstrative_is_no_event() -> None:
    en = _events("Quarrymoor Ltd. sold its Tarn plant to Velora on Monday. This will let the company repay one of "
                 "its two bank loans, the other being a bond, it said.\n", "2031-06-18", "en")
    assert not any(e.summary.startswith("This will") for e in en), [e.summary for e in en]
    de = _events("Quarrymoor hat am Montag sein Werk in Tarn an Velora verkauft. Dies wird der Firma erlauben, "
                 "ihre Schulden zu tilgen, teilte Quarrymoor mit.\n", "2031-06-18", "de")
    assert not any(e.summary.startswith("Dies wird") for e in de), [e.summary for e in de]


def test_a_long_quote_title_fits_a_headline_without_a_dangling_ellipsis() -> None:
    en = _events("“We have worked on the new harbour depot in Tarnby for many long years, and we are proud that it "
                 "finally opens to all our customers,” said Ada Kern, chief executive of Quarrymoor Ltd.\n",
                 "2031-06-18", "en")
    title = next(e.title for e in en if "Ada Kern" in e.title)
    assert len(title) <= 90 and "…" not in title, title
    assert title.startswith("Ada Kern: “We have worked on the new harbour depot in Tarnby"), title


def test_a_short_clause_after_a_conjunction_is_titled_without_it() -> None:
    en = _events("Quarrymoor Ltd. will open the Tarn plant in 2032 and the harbour depot in 2034. And the river "
                 "quay in 2036.\n", "2031-05-06", "en")
    title = next(e.title for e in en if e.date == "2036")
    assert title.startswith("The river quay"), title


def test_a_stated_condition_with_a_reporting_frame_is_no_event() -> None:
    en = _events("A landslide buried the road to Tarnby on Monday. The slide was 40 metres wide at its foot, "
                 "according to the Tarnby Survey Office. The mill was closed by the owners, according to the Tarnby "
                 "Survey Office.\n", "2031-06-18", "en")
    summaries = [e.summary for e in en]
    assert not any("40 metres" in s for s in summaries), summaries
    assert any("mill was closed" in s for s in summaries), summaries


def test_a_short_judgement_of_what_was_told_is_no_event() -> None:
    en = _events("The Tarnby council raised the dog tax by a tenth on Monday. Today’s rise was not surprising. "
                 "The old mill was closed today.\n", "2031-06-18", "en")
    summaries = [e.summary for e in en]
    assert not any("not surprising" in s for s in summaries), summaries
    assert any("mill was closed" in s for s in summaries), summaries


def test_a_title_does_not_open_with_the_time_its_date_shows() -> None:
    de = _events("Im Mai hat Quarrymoor das Werk in Tarn an Velora verkauft.\n", "2031-06-18", "de")
    assert de[0].title.startswith("Quarrymoor hat das Werk"), de[0].title
    en = _events("On March 3, Ada Kern, the chief executive of Quarrymoor Ltd., opened the Tarn plant.\n",
                 "2031-06-18", "en")
    assert en[0].title.startswith("Ada Kern"), en[0].title
    two = _events("Im Mai haben Quarrymoor und Velora das Werk in Tarn verkauft.\n", "2031-06-18", "de")
    assert two[0].title.startswith("Im Mai haben Quarrymoor und Velora"), two[0].title


def test_a_time_in_a_trailing_relative_clause_does_not_date_the_main_clause() -> None:
    text = ("The Tarnby court fined the miller Ada Kern on Tuesday. Judge Bo Lind said in the hearing that the fine "
            "was unrelated to the case for which Kern was fined last month. Lind stated that mills need rules.\n")
    events = _events(text, "2031-05-16", "en")
    assert _dated(events, "on Tuesday") == "2031-05-13"
    assert _dated(events, "in the hearing").rstrip("?") == "2031-05-13"
    text = ("Das Gericht in Tarnby hat die Müllerin Ada Kern am Dienstag verurteilt. Richter Bo Lind sagte in der "
            "Verhandlung, die Strafe habe nichts mit dem Verfahren zu tun, in dem sie im April verurteilt wurde.\n")
    events = _events(text, "2031-05-16", "de")
    assert _dated(events, "in der Verhandlung").rstrip("?") == "2031-05-13"


def test_a_german_article_after_a_comma_opens_no_relative_clause() -> None:
    text = ("Die Quarrymoor AG hat am Montag eine neue Mühle vorgestellt. Der Konzern plant, das Modell im Mai 2031 in "
            "Tarnby zu zeigen.\n")
    events = _events(text, "2031-03-12", "de")
    assert _dated(events, "im Mai 2031") == "2031-05"


def test_what_a_report_says_stays_with_the_report_up_to_its_next_clause() -> None:
    text = ("Tarnby bekommt eine neue Mühle. Bürgermeisterin Ada Kern bestätigte gestern, dass die Verhandlungen "
            "mit der Quarrymoor AG kurz vor dem Abschluss stehen und in den nächsten Wochen enden sollen.\n")
    events = _events(text, "2031-03-12", "de")
    report = next(e for e in events if "bestätigte gestern" in e.summary)
    assert "kurz vor dem Abschluss" in report.summary and report.date == "2031-03-11"
    assert any(e.summary.startswith("und in den nächsten Wochen") for e in events)
    text = ("Tarnby gets a new mill. Mayor Ada Kern confirmed on Monday that the mill will open next year.\n")
    events = _events(text, "2031-03-12", "en")
    report = next(e for e in events if "confirmed on Monday" in e.summary)
    assert "will open next year" in report.summary and report.date == "2031-03-10"


def test_an_undated_article_dates_a_weekday_to_the_one_year_its_sentence_names() -> None:
    text = "Die Malerin Ada Kern hat am Sonntag den Tarnbyer Kunstpreis 2031 erhalten.\n"
    assert _dated(_events(text, None, "de"), "am Sonntag") == "2031"
    text = ("Die Malerin Ada Kern hat am Sonntag den Tarnbyer Kunstpreis erhalten, nachdem sie 2029 nach Velm "
            "gezogen und 2030 zurückgekehrt war.\n")
    assert _dated(_events(text, None, "de"), "am Sonntag") is None  # two years: neither is the Sunday's


def test_a_sentence_that_introduces_a_bulleted_list_is_no_event() -> None:
    text = ("Three new cases of measles were found in Tarnby on Monday, health officials said.\n"
            "Here are the latest case counts in the region:\n- Tarnby: 12\n- Velm: 4\n")
    events = _events(text, "2031-03-12", "en")
    assert not any("Here are" in e.summary for e in events)
    assert _dated(events, "on Monday") == "2031-03-10"


def test_a_later_paragraph_does_not_continue_a_past_year_of_background() -> None:
    text = ("Der Tarnby FC hat am Samstag gegen Velm gewonnen.\n\n"
            "1998 gewann der Klub zum letzten Mal einen Titel.\n\n"
            "Trainer Bo Lind sagte, die Mannschaft sei nun bereit für das Finale.\n")
    events = _events(text, "2031-03-17", "de")
    assert _dated(events, "1998") == "1998"
    assert _dated(events, "Bo Lind").rstrip("?") == "2031-03-17"
    # told as a flashback, the year lends its date to nothing after it: the story's last time goes on
    events = _events(text.replace("1998 gewann der Klub zum letzten Mal einen Titel.",
                                  "1998 hatte der Klub zum letzten Mal einen Titel gewonnen."), "2031-03-17", "de")
    assert _dated(events, "Bo Lind").rstrip("?") == "2031-03-15"


def test_an_elliptical_clause_after_a_comma_before_its_own_year_is_its_own_event() -> None:
    text = ("Der Tarnby FC hat am Samstag gegen Velm gewonnen. 1998 hatte der Klub seinen dritten Titel geholt, "
            "2011 zum letzten Mal im Pokalfinale gestanden.\n")
    events = _events(text, "2031-03-17", "de")
    assert _dated(events, "1998") == "1998"
    assert _dated(events, "2011 zum letzten Mal") == "2011"


def test_a_flashback_in_the_pluperfect_lends_its_date_to_no_later_happening() -> None:
    text = ("Die Quarrymoor AG hat am Montag ihre neue Mühle in Tarnby eröffnet. Im Januar hatte die Firma ihr altes "
            "Werk in Velm geschlossen. Die Bürgermeisterin Ada Kern lobte die Eröffnung, teilte die Stadt mit.\n")
    events = _events(text, "2031-05-14", "de")
    assert _dated(events, "Im Januar") == "2031-01"
    assert _dated(events, "lobte").rstrip("?") == "2031-05-12"
    text = ("Quarrymoor opened its new mill in Tarnby on Monday. In January, the firm had closed its old plant in "
            "Velm. Mayor Ada Kern praised the opening, the town said.\n")
    events = _events(text, "2031-05-14", "en")
    assert _dated(events, "In January") == "2031-01"
    assert _dated(events, "praised").rstrip("?") == "2031-05-12"


class _AcceptsEveryUnmadeSentence:
    """A reviewer that accepts every sentence the rules made nothing of, with a guessed date."""

    def review(self, look, made, events, emit):  # noqa: ANN001, ANN201 - the Reviewer's hook
        if made or look.branch == "continued":
            return made
        return [emit.event(look.sent, "2031-05-20?", look.sent.start, look.sent.end, None, look.ids)]


def test_the_same_conference_points_back_to_a_dated_happening_not_to_an_accepted_sentence() -> None:
    from chronik_build.clean import clean
    from chronik_build.entities import find_entities
    from chronik_build.events import find_events
    from chronik_build.time import find_times

    c = clean("Ada Kern sprach am vergangenen Wochenende auf einer Konferenz in Velmar über Chips. "
              "Viele Firmen meiden die Veranstaltung inzwischen. "
              "Auf derselben Konferenz sprach Tom Field über Speicher.\n", published="2031-05-20", lang="de")
    ents = find_entities(c, [])
    events = find_events(c, find_times(c), ents, _AcceptsEveryUnmadeSentence())
    assert _dated(events, "Tom Field") == _dated(events, "Ada Kern") == "2031-05-17/2031-05-18"


def test_a_coordinated_modal_verb_with_its_own_year_is_its_own_event_with_the_subject() -> None:
    text = ("Die Velmar GmbH stellt in Orla Fenster her. Nach einer ersten Insolvenz 2019 konnte die Velmar GmbH "
            "keine Gewinne erwirtschaften und musste 2024 erneut Insolvenz anmelden.\n")
    events = _events(text, "2031-03-17", "de")
    assert _dated(events, "2019") == "2019"
    assert _dated(events, "musste 2024") == "2024"
    assert next(e for e in events if "musste 2024" in e.summary).title.startswith("Velmar musste 2024")


def test_a_place_and_day_opening_the_story_date_the_report_not_an_event() -> None:
    text = ("Velmar, Jan 27: Tarn Velm clinched his second Orla Open title on Sunday, beating Bo Lind in straight "
            "sets. At 23, Velm is the youngest man to win it twice.\n")
    events = _events(text, "2031-01-27", "en")
    assert [e.date for e in events if "Velmar, Jan 27" in e.summary] == ["2031-01-26"]
    assert not any(e.title.startswith("Velmar") for e in events)
