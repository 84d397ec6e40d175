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
    assert _dated(events, "nur in Südhafen").rstrip("~") == "2031-03"


def test_an_undated_article_keeps_an_unresolved_weekday_undated() -> None:
    text = ("Der Stadtrat von Nordhafen hat am Montag den Haushalt beschlossen. "
            "Bürgermeisterin Ada Kern sagte, die Schulen bekämen mehr Geld.\n")
    events = _events(text, None, "de")
    assert all(e.date is None for e in events)
