"""General entity patterns: government compounds, places as modifiers, model numbers, currency amounts."""

from __future__ import annotations

from chronik_build.clean import clean
from chronik_build.entities import find_entities


def names(text: str, lang: str) -> dict[str, str]:
    ents = find_entities(clean(text, published="2026-01-16", lang=lang), [])
    return {e.name: e.type for e in ents.entities.values()}


def test_government_compounds_are_organisations_and_modifier_places_no_mentions() -> None:
    got = names("Die US-Regierung und das Weiße Haus prüfen die Pläne. Eine Stellungnahme des "
                "US-Handelsministeriums lag nicht vor. Die Orbix-Administration widersprach. Die US-Zölle steigen.",
                "de")
    assert got["US-Regierung"] == "organization" and got["US-Handelsministerium"] == "organization"
    assert got["Orbix-Administration"] == "organization" and got["Weißes Haus"] == "organization"
    assert "Vereinigte Staaten" not in got  # 'US-Zölle' names no place


def test_model_numbers_and_odd_tokens() -> None:
    got = names("Orbix said the Zephyr 910C ships in March, while the Nova Pro 600D follows. Shares of Orbix rose "
                "to CNY688 as South Korean suppliers cut prices. Analysts expect that Blue Threads will sell the "
                "chips.", "en")
    assert got["Zephyr 910C"] == "product" and got["Nova Pro 600D"] == "product"
    assert "CNY688" not in got and "South" not in got
    assert got.get("Blue Threads") == "organization"


def test_a_bare_model_number_joins_the_series_named_before_it() -> None:
    got = names("Orbix unveiled the Zephyr 950, to debut next year. It will be followed by the 960 version in 2027 "
                "and the 970 in 2028. The company sold 500 units.", "en")
    assert got["Zephyr 950"] == got["Zephyr 960"] == got["Zephyr 970"] == "product"
    assert "Zephyr 500" not in got  # a count, no model: 'sold 500 units' has no article before the number
