"""The named passes of the clean, time and entity stages, each run alone on its own state."""

from __future__ import annotations

import datetime as dt

from chronik_build import entities as E
from chronik_build.clean import Page, clean, find_date_at_line_start, mark_archive_prefix, split_lines
from chronik_build.rules import chrome_rules
from chronik_build.time import RESOLVERS, Anchor, Ask, Context


def page(text: str, lang: str = "de") -> Page:
    lines = split_lines(text)
    return Page(text=text, lines=lines, nonempty=[ln for ln in lines if ln.text.strip()], rules=chrome_rules(),
                language=lang)


def test_clean_passes_alone() -> None:
    p = page(" date 2025-09-22 Acme plant viel.\n")
    mark_archive_prefix(p)
    assert p.found_date == dt.date(2025, 9, 22) and p.text[p.nonempty[0].body_start:].startswith("Acme")
    p = page("16.01.2026 13.20Online seit heute steht fest, dass Acme Globex kauft und viel mehr Text folgt.\n")
    find_date_at_line_start(p)
    assert (p.found_date, p.found_time) == (dt.date(2026, 1, 16), "13:20")
    assert p.text[p.nonempty[0].body_start:].startswith("Online seit")


def test_time_resolvers_alone() -> None:
    ask = Ask(g={"weekday": "Montag"}, pub=dt.date(2026, 1, 16), future=False, rules=E.lang_rules("de").time,
              ctx=Context(), y=None, mod=None)
    assert RESOLVERS["weekday"](ask) == "2026-01-12"
    anchor = Anchor()
    rules = E.lang_rules("de").time
    assert anchor.resolve("month", {"month": "September"}, False, rules, Context(last_year=2025)) == ("2025-09", False)
    assert anchor.resolve("month", {"month": "September"}, False, rules, Context()) == (None, True)
    assert anchor.resolve("weekday", {"weekday": "Montag"}, False, rules, Context()) == (None, True)


def state(text: str, lang: str = "de") -> E.EntityState:
    return E.new_state(clean(text, published="2026-01-16", lang=lang))


def test_entity_passes_alone() -> None:
    st = state("BERLIN (dpa) – Der Autobauer Orbix baut ein Werk. Orbix sagte das am Montag.")
    E.find_wire_agency(st)
    assert [e.name for e in st.entities.values()] == ["dpa"]
    E.count_noninitial(st)
    assert st.noninitial["Orbix"] == 1
    E.collect_groups(st)
    orbix = next(g for g in st.groups if g.text == "Orbix")
    assert orbix.hint == "organization"
    st = state("Die Studie kommt vom Verband der Papierindustrie in Berlin.")
    E.find_linked_orgs(st)
    assert [e.name for e in st.entities.values()] == ["Verband der Papierindustrie"]
    st = state("Acme said Tuesday that the Zephyr Z2, a folding phone, sells well.", lang="en")
    E.count_noninitial(st)
    E.collect_groups(st)
    E.resolve_groups(st)
    E.decide_types(st)
    assert st.entities["zephyr-z2"].type == "product"


def test_part_of_speech_signal_tells_names_from_nouns_and_verbs_from_adjectives() -> None:
    st = state("Im vergangenen Monat hatten Trump und sein Amtskollege eine Einigung erzielt. Trump sagte das.")
    assert st.tags  # HanTa is a dependency: the signal is there
    E.scan_speech_names(st)
    E.count_noninitial(st)
    E.find_noun_only_words(st)
    assert "Trump" not in st.noun_only  # 'hatten' is a verb, not an inflected adjective
    toks = st.sentences[0]
    i = next(k for k, t in enumerate(toks) if t.text == "Trump")
    assert st.is_name_token(toks[i], toks, i)
