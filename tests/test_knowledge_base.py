"""Many articles, one knowledge base: the same happening told twice (in two languages) is one event with two
sources; different happenings stay apart; relations and figures pool their sources; validate warns."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from chronik.cli import main as cli
from chronik.model import load_content
from chronik.model.duplicates import same_happening, signature
from chronik_build.merge import combine, union_items
from chronik_build.pipeline import run

# an invented company: the rule must work on what the texts share, not on names it knows
LISTING_DE = (" date 2026-01-12 Der Chipentwickler Acme Semi hat am Montag an der Börse in Hongkong debütiert. Der "
              "Börsengang brachte 619 Millionen Dollar ein, sagte Acme-Chefin Jana Roth.\n\nAcme Semi will mit dem "
              "Geld neue Fabriken bauen.\n")
LISTING_EN = (" date 2026-01-13 Chip designer Acme Semi surged in its Hong Kong debut on Monday after an initial "
              "public offering that raised US$619 million, chief executive Jana Roth said.\n\nAcme Semi plans to "
              "build new factories with the money.\n")
# same company, same place, same day, another happening
LAWSUIT_DE = (" date 2026-01-12 Der Chipentwickler Acme Semi hat am Montag in Hongkong eine Klage gegen einen "
              "Zulieferer eingereicht. Acme-Chefin Jana Roth wollte sich nicht äußern.\n")
FACTORY_DE = (" date 2026-01-20 Der Chipentwickler Acme Semi hat am Montag in Hongkong eine neue Fabrik eröffnet. "
              "Acme-Chefin Jana Roth sprach von einem großen Tag.\n")


def extract(tmp: Path, content: Path, name: str, text: str) -> tuple[str, list[str]]:
    article = tmp / name
    article.write_text(text, encoding="utf-8")
    out = io.StringIO()
    report = run(article, content, None, None, out=out)
    return out.getvalue(), report.merged


def cited_by(content: Path) -> dict[str, set[str]]:
    corpus, problems = load_content(content)
    assert problems == []
    return {ev.id: {s.article for s in ev.sources} for ev in corpus.events.values()}


def test_one_happening_in_two_languages_is_one_event_with_both_sources(tmp_path: Path) -> None:
    content = tmp_path / "content"
    extract(tmp_path, content, "2026-01-12-de-acme.txt", LISTING_DE)
    out, merged = extract(tmp_path, content, "2026-01-13-en-acme.txt", LISTING_EN)
    events = cited_by(content)
    listing = [ident for ident, arts in events.items() if arts == {"2026-01-12-de-acme", "2026-01-13-en-acme"}]
    assert len(listing) == 1, events
    assert len(merged) == 1 and "merged: " in out and listing[0] in out  # said what was merged
    corpus, _ = load_content(content)
    event = corpus.events[listing[0]]
    assert event.date.text == "2026-01-12" and "hongkong" in event.entities
    assert not any(len(set(e.entities)) != len(e.entities) for e in corpus.events.values())
    for name in ("2026-01-12-de-acme.txt", "2026-01-13-en-acme.txt"):  # re-extracting either rewrites nothing
        assert run(tmp_path / name, content, None, None, out=io.StringIO()).written == []
    # (the first article's record learnt the alias the second brought: from now on, not even a record changes)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file() and p.name != "lock"}
    for name in ("2026-01-12-de-acme.txt", "2026-01-13-en-acme.txt"):
        assert run(tmp_path / name, content, None, None, out=io.StringIO()).written == []
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file() and p.name != "lock"} == before


@pytest.mark.parametrize("other", [LAWSUIT_DE, FACTORY_DE], ids=["same-day-other-happening", "week-later"])
def test_different_happenings_stay_apart(tmp_path: Path, other: str) -> None:
    content = tmp_path / "content"
    extract(tmp_path, content, "2026-01-12-de-acme.txt", LISTING_DE)
    _, merged = extract(tmp_path, content, "2026-01-20-de-other.txt", other)
    assert merged == []
    assert all(len(arts) == 1 for arts in cited_by(content).values())


def test_a_hand_edit_of_a_merged_event_survives_both_articles_reextracts(tmp_path: Path) -> None:
    content = tmp_path / "content"
    extract(tmp_path, content, "2026-01-12-de-acme.txt", LISTING_DE)
    extract(tmp_path, content, "2026-01-13-en-acme.txt", LISTING_EN)
    ident = next(i for i, arts in cited_by(content).items() if len(arts) == 2)
    path = content / "events" / f"{ident}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Der Chipentwickler", "title: Neu – Der"),
                    encoding="utf-8")
    for name in ("2026-01-13-en-acme.txt", "2026-01-12-de-acme.txt", "2026-01-13-en-acme.txt"):
        run(tmp_path / name, content, None, None, out=io.StringIO())
        assert "title: Neu – Der" in path.read_text(encoding="utf-8")
    assert cited_by(content)[ident] == {"2026-01-12-de-acme", "2026-01-13-en-acme"}


def test_relations_and_figures_keep_every_source() -> None:
    rel = {"type": "ceo_of", "target": "nvidia"}
    outputs = {a: {"name": "Jensen Huang", "relations": [{**rel, "sources": [{"article": a}]}]} for a in "abcd"}
    assert combine(outputs)["relations"] == [{**rel, "sources": [{"article": a} for a in "abcd"]}]
    fact = {"label": "Umsatz", "value": 57000000000, "unit": "USD"}
    pooled = union_items([{**fact, "date": "2025-11", "sources": [{"article": "a"}]}],
                         [{**fact, "date": "2025-11-19", "sources": [{"article": "b"}]},
                          {**fact, "date": "2024", "sources": [{"article": "c"}]},
                          {**fact, "sources": [{"article": "d"}]}])
    assert pooled == [{**fact, "date": "2025-11-19", "sources": [{"article": x} for x in "abd"]},
                      {**fact, "date": "2024", "sources": [{"article": "c"}]}]  # another year: another figure


def sig(ident: str, date: str, entities: list[str], text: str, article: str):
    return signature(ident, date, entities, [text], [article])


TYPES = {"hongkong": "place", "china": "place", "acme": "organization", "globex": "organization"}


def test_the_likeness_rule_is_conservative() -> None:
    de = sig("a", "2026-01", ["acme", "hongkong"], "Acme hat diesen Monat den Börsengang in Hongkong vollzogen.", "x")
    en = sig("b", "2026-01-12", ["acme", "hongkong"], "Acme surged in its Hong Kong debut.", "y")
    assert same_happening(de, en, TYPES)
    assert not same_happening(de, sig("b", "2026-01-12", ["acme", "hongkong"], "Acme opened a plant.", "y"), TYPES)
    assert not same_happening(de, sig("b", "2026-03-02", ["acme", "hongkong"], "Acme debut.", "y"), TYPES)
    vague = sig("a", "2026", ["acme", "hongkong"], "Acme hat den Börsengang vollzogen.", "x")
    assert same_happening(vague, en, TYPES)  # a year fits a day in it…
    assert not same_happening(vague, sig("b", "2026", ["acme", "hongkong"], "Acme debut.", "y"), TYPES)  # …not a year
    assert not same_happening(de, sig("b", "2026-01-12", ["acme", "hongkong"], "Acme debut.", "x"), TYPES)
    assert not same_happening(de, sig("b", "2026-01-12", ["china", "hongkong"], "Börsengang", "y"), TYPES)
    # a figure or a product code agrees across languages
    h200 = sig("c", "../2026-01-16", ["acme", "globex"], "Acme darf H200-Chips an Globex verkaufen.", "x")
    assert same_happening(h200, sig("d", "2025-12-08", ["acme", "globex"], "Acme may sell H200 to Globex.", "y"),
                          TYPES)
    assert not same_happening(h200, sig("d", "2025-06-08", ["acme", "globex"], "Acme may sell H200.", "y"), TYPES)


def test_events_naming_different_model_codes_stay_apart() -> None:
    # one article: a model released in January; another: a chip launched in the first quarter, same two firms
    release = sig("a", "2025-01", ["acme", "globex"], "Acme, das im Januar das Modell R1 veröffentlicht hatte, "
                  "nutzt Globex-Chips.", "x")
    launch = sig("b", "2025-33", ["acme", "globex"], "Following the launch of the Globex 910C in the first "
                 "quarter, Acme plans more.", "y")
    assert not same_happening(release, launch, TYPES)
    assert not same_happening(release, launch, TYPES, strict=False)
    assert same_happening(release, sig("b", "2025-01-20", ["acme", "globex"], "Acme launched R1.", "y"), TYPES)


def test_validate_warns_about_likely_duplicates_and_an_entity_listed_twice(tmp_path: Path, capsys,
                                                                          monkeypatch) -> None:
    content = tmp_path / "content"
    extract(tmp_path, content, "2026-01-12-de-acme.txt", LISTING_DE)
    extract(tmp_path, content, "2026-01-20-de-fabrik.txt", FACTORY_DE)
    corpus, _ = load_content(content)
    listing = next(e for e in corpus.events.values() if e.date and e.date.text == "2026-01-12")
    # a person copies the listing by hand, saying it in other words (the build step did not see it)
    copy = content / "events" / "boersengang-von-hand.yaml"
    copy.write_text("date: 2026-01\ntitle: Acme Semi geht in Hongkong an die Börse\nentities: [acme-semi, hongkong, "
                    "jana-roth, acme-semi]\norigin: manual\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli(["validate", "content"]) == 0  # warnings do not fail the build
    err = capsys.readouterr().err
    assert "warning: content/events/boersengang-von-hand.yaml: entities: 'acme-semi' listed twice" in err
    assert (f"warning: content/events/boersengang-von-hand.yaml: likely the same happening as "
            f"content/events/{listing.id}.yaml") in err or (
            f"warning: content/events/{listing.id}.yaml: likely the same happening as "
            f"content/events/boersengang-von-hand.yaml") in err
    assert err.count("likely the same happening") == 1  # the factory opening a week later is not flagged


def test_the_same_article_under_another_file_name_is_recognised(tmp_path: Path) -> None:
    content = tmp_path / "content"
    extract(tmp_path, content, "2026-01-12-de-acme.txt", LISTING_DE)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file() and p.name != "lock"}
    out, _ = extract(tmp_path, content, "kopie von acme.txt", LISTING_DE)
    assert "the same text as" in out and "extracted as '2026-01-12-de-acme'" in out
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file() and p.name != "lock"} == before
    assert sorted(p.name for p in (content / "articles").glob("*.txt")) == ["2026-01-12-de-acme.txt"]


def test_a_merged_event_keeps_the_first_title_and_the_most_precise_date() -> None:
    first = {"date": "../2026-01-16", "title": "Washington erlaubt den Verkauf", "sources": [{"article": "a"}]}
    second = {"date": "2025-12-08", "title": "Trump allows the sale", "sources": [{"article": "b"}]}
    third = {"date": "2025-12", "title": "Dritter", "sources": [{"article": "c"}]}
    out = combine({"a": first, "b": second, "c": third})
    assert out["title"] == "Washington erlaubt den Verkauf" and out["date"] == "2025-12-08"
    assert len(out["sources"]) == 3
    assert combine({"b": second, "a": first})["title"] == "Trump allows the sale"  # the first to tell it


def test_removing_one_of_two_articles_keeps_the_event_the_other_tells(tmp_path: Path) -> None:
    from chronik_build.curate import remove_article

    content = tmp_path / "content"
    extract(tmp_path, content, "2026-01-12-de-acme.txt", LISTING_DE)
    extract(tmp_path, content, "2026-01-13-en-acme.txt", LISTING_EN)
    ident = next(i for i, arts in cited_by(content).items() if len(arts) == 2)
    remove_article(content, "2026-01-12-de-acme")
    events = cited_by(content)  # validates too
    assert events[ident] == {"2026-01-13-en-acme"}
    corpus, _ = load_content(content)
    assert corpus.events[ident].title.startswith("Chip designer Acme Semi")  # the remaining article's words
    assert run(tmp_path / "2026-01-13-en-acme.txt", content, None, None, out=io.StringIO()).written == []
