"""Cutting an article's text at claim bounds (pure, no MkDocs)."""

from __future__ import annotations

from pathlib import Path

from chronik.model import Article
from chronik.sources.text import Claim, paragraphs


def claim(start: int, end: int, anchor: str, kind: str = "event") -> Claim:
    return Claim(start, end, anchor, kind, ("event", anchor, None), anchor)


def article(text: str, chrome: tuple[tuple[int, str], ...] = ()) -> Article:
    return Article(id="a", title="T", outlet="O", published="2026-01-01", language="de", text=text,
                   path=Path("a.yaml"), chrome=chrome)


def test_overlapping_claims_each_get_one_anchor_and_one_end() -> None:
    text = "Menü\nAlpha Beta Gamma Delta\n\nEnde"
    a = article(text, chrome=((1, "menu"),))
    outer, inner = claim(5, 27, "outer"), claim(11, 21, "inner", "quote")
    paras = paragraphs(a, sorted([outer, inner], key=lambda c: (c.start, -c.end)))
    assert [p.line for p in paras] == [2, 4]
    pieces = paras[0].pieces
    assert "".join(p.text for p in pieces) == "Alpha Beta Gamma Delta"
    assert [p.text for p in pieces] == ["Alpha ", "Beta Gamma", " Delta"]
    assert [p.anchors for p in pieces] == [["outer"], ["inner"], []]
    assert [[c.anchor for c in p.ends] for p in pieces] == [[], ["inner"], ["outer"]]
    assert [len(p.claims) for p in pieces] == [1, 2, 1]


def test_claim_across_lines_and_in_chrome_is_kept() -> None:
    text = "Kopf\nerste Zeile\nzweite Zeile"
    a = article(text, chrome=((1, "menu"),))
    paras = paragraphs(a, [claim(0, 4, "head"), claim(11, 23, "across")])
    assert [p.line for p in paras] == [1, 2, 3]  # chrome line 1 kept: a claim lies in it
    assert paras[1].pieces[-1].anchors == ["across"] and paras[2].pieces[0].ends[0].anchor == "across"
