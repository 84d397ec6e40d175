"""The German tagger chronik loads: the faster reachability gives HanTa's own sets, so tags are unchanged."""

from __future__ import annotations

import gc

import pytest
from chronik_build.tagger import german_tagger, hanta_tagger, reachability

HanoverTagger = pytest.importorskip("HanTa.HanoverTagger")


def test_reachability_is_hantas_own() -> None:
    ours = german_tagger()
    theirs = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    assert reachability(theirs.LP_trans, theirs.int2tag) == theirs.reachability == ours.reachability


def test_reachability_walks_back_over_every_predecessor() -> None:
    # transitions (previous, state) -> followers: 1 -> 2 -> -5 and 3 -> -5; nothing leads to -6
    transitions = {(0, 1): {2: 0.0}, (1, 2): {-5: 0.0}, (0, 3): {-5: 0.0}}
    assert reachability(transitions, {1: "A", 2: "B", 3: "C", -5: "E", -6: "F"}) == {
        -5: frozenset({1, 2, 3}), -6: frozenset()}


def test_loading_a_model_leaves_the_cycle_collector_as_it_was() -> None:
    hanta_tagger.cache_clear()
    assert gc.isenabled()
    assert german_tagger() is not None and gc.isenabled()
    gc.disable()
    try:
        hanta_tagger.cache_clear()
        assert hanta_tagger("morphmodel_en.pgz") is not None and not gc.isenabled()
    finally:
        gc.enable()


def test_the_english_model_tags_as_hantas_own() -> None:
    words = ["Crews", "closed", "the", "Flyover", "near", "Velm", "Road", "on", "Monday", "."]
    theirs = HanoverTagger.HanoverTagger("morphmodel_en.pgz")
    assert hanta_tagger("morphmodel_en.pgz").tag_sent(words) == theirs.tag_sent(words)
