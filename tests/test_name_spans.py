"""The name-span tagger: labels from gold, features without the names themselves, learning on invented sentences,
its spans as the entity scorer's candidates (a span that swallows a rule entity replaces it when added), and that
the shipped weights are what the training command gives."""

from __future__ import annotations

import json
from pathlib import Path

from chronik_build import entity_model as em
from chronik_build import name_spans as ns
from chronik_build.linear import LinearModel
from chronik_build.tools import train_entity_model as tm
from chronik_build.tools import train_name_spans as tn
from chronik_build.tools.training_data import file_hashes

ROOT = Path(__file__).resolve().parent.parent
UTILITY_DE = (
    "Kessing, 3. März 2025 – Die Stadtwerke Kessing Nord erhöhten am Montag die Preise. "
    "Die Stadtwerke Kessing Nord nannten höhere Kosten."
)


def state(text: str, lang: str):
    return tm.rule_state(text, "2025-03-03", lang)


def test_shape_collapses_letter_runs():
    assert ns.shape("Orbix") == "Xx"
    assert ns.shape("ORBX-9") == "X-d"
    assert ns.shape("eVolt") == "xXx"


def test_gold_names_are_marked_longest_first_with_possessive_and_genitive():
    st = state("March 3, 2025 - Orbix Systems Ltd's chief met Orbix staff in Dunmere on Monday.", "en")
    names = {"orbix systems ltd": "organization", "orbix": "organization", "dunmere": "place"}
    toks = st.sentences[0]
    labels = dict(zip([t.text for t in toks], ns.gold_labels(st, toks, names), strict=True))
    assert labels["Systems"] == "I-organization" and labels["Ltd's"] == "I-organization"
    assert labels["Orbix"] in ("B-organization",) and labels["Dunmere"] == "B-place" and labels["chief"] == "O"
    st = state(UTILITY_DE, "de")
    toks = st.sentences[0]
    got = ns.gold_labels(st, toks, {"stadtwerke kessing nord": "organization"})
    assert [t.text for t, lab in zip(toks, got, strict=True) if lab != "O"] == ["Stadtwerke", "Kessing", "Nord"]


def test_features_never_name_a_capitalised_token():
    st = state("March 3, 2025 - The firm Orbix Quell said on Monday it hired staff.", "en")
    rows = ns.sentence_features(st, st.sentences[0])
    flat = {f.casefold() for row in rows for f in row}
    assert not any("orbix" in f or "quell" in f for f in flat)
    assert any(f == "-1:w:firm" for f in flat)  # a lowercase neighbour may speak for itself


def _invented_training() -> list[tuple[list[list[str]], list[str]]]:
    sentences = [
        ("March 3, 2025 - The firm Orbix Quell said on Monday it hired staff.", {"orbix quell": "organization"}),
        ("March 3, 2025 - The firm Talvo Brenn said on Monday it cut costs.", {"talvo brenn": "organization"}),
        ("March 3, 2025 - The firm Marq Selden said on Monday it sold plants.", {"marq selden": "organization"}),
    ]
    data = []
    for text, names in sentences:
        st = state(text, "en")
        data += [(ns.sentence_features(st, toks), ns.gold_labels(st, toks, names)) for toks in st.sentences]
    return data


def test_the_tagger_learns_a_pattern_and_marks_an_unseen_name_whole():
    model = ns.train(_invented_training(), epochs=10)
    st = state("March 3, 2025 - The firm Vendel Ostra said on Monday it built roads.", "en")
    assert [(s.surface, s.type) for s in ns.propose(st, model)] == [("Vendel Ostra", "organization")]
    assert ns.train(_invented_training(), epochs=10).to_json() == model.to_json()  # deterministic


def test_a_span_that_swallows_a_cut_short_rule_name_replaces_it_when_added(monkeypatch):
    rules = state(UTILITY_DE, "de")
    assert [e.name for e in rules.entities.values()] == ["Stadtwerke Kessing"]  # the rules cut the name short
    text = rules.text
    spans = [
        ns.Span("Stadtwerke Kessing Nord", "organization", a, a + len("Stadtwerke Kessing Nord"), s)
        for a, s in ((text.index("Stadtwerke"), rules.sentences[0][0].sent), (text.rindex("Stadtwerke"), -1))
    ]
    spans[1] = ns.Span(spans[1].surface, "organization", spans[1].start, spans[1].end, rules.sentences[-1][0].sent)
    cand = next(c for c in em.candidates(rules, spans=spans) if c.origin == "span")
    assert cand.replaces == ("stadtwerke-kessing",) and em.features(rules, cand)["span:organization"] == 1.0
    monkeypatch.setattr(em, "current_tagger", lambda: object())
    monkeypatch.setattr(em, "propose", lambda st, tagger: spans)
    weights = {"origin:span": {"organization": 6.0}, "__bias__": {"none": 1.0}}
    scorer = em.EntityModel(LinearModel(("none", *em.TYPES), weights, {}), em.Thresholds(span=0.3))
    st = state(UTILITY_DE, "de")
    em.apply_model(st, scorer)
    assert [(e.name, e.type) for e in st.entities.values()] == [("Stadtwerke Kessing Nord", "organization")]
    assert [m.text for m in st.mentions] == ["Stadtwerke Kessing Nord"] * 2
    st = state(UTILITY_DE, "de")
    em.apply_model(st, em.EntityModel(scorer.model, em.Thresholds(add=0.3)))  # the span decision off
    assert [e.name for e in st.entities.values()] == ["Stadtwerke Kessing"]


def test_a_span_that_touches_no_rule_name_is_no_candidate():
    st = state(UTILITY_DE, "de")
    a = st.text.index("Preise")
    free = ns.Span("Preise", "organization", a, a + len("Preise"), st.sentences[0][0].sent)
    assert [c for c in em.candidates(st, spans=[free]) if c.origin == "span"] == []
    marks = {c.surface: c.span_type for c in em.candidates(st, spans=[free])}
    assert marks["Stadtwerke Kessing"] == "" and set(marks.values()) == {""}  # the tagger on, nothing it marked


def test_simulated_counts_drop_what_an_added_span_swallows():
    short = tm.Sample("a", {}, "none", None, None, "kept", "organization", ref=0)
    whole = tm.Sample("a", {}, "organization", 0, "organization", "span", None, replaces=(0,), tagger="0")
    art = tm.Article("a", [short, whole], wanted=1)
    assert tm.simulate_counts([art], {}, em.Thresholds()) == (0, 1, 1, 0)
    probas = {id(whole): {"none": 0.1, "organization": 0.9}}
    assert tm.simulate_counts([art], probas, em.Thresholds(span=0.2)) == (1, 0, 1, 1)
    assert tm.simulate_counts([art], probas, em.Thresholds(add=0.2)) == (0, 1, 1, 0)


def test_the_proposer_is_off_unless_the_environment_names_weights(monkeypatch, tmp_path):
    monkeypatch.delenv(ns.ENV, raising=False)
    assert (ns.current_tagger() is not None) == ns.DEFAULT_ON
    monkeypatch.setenv(ns.ENV, "none")
    assert ns.current_tagger() is None
    monkeypatch.setenv(ns.ENV, str(ns.SHIPPED))
    assert ns.current_tagger().meta["feature_set"] == ns.FEATURE_SET


def test_shipped_tagger_records_its_training_files_and_is_what_the_command_gives(capsys):
    meta = json.loads(ns.SHIPPED.read_text(encoding="utf-8"))["meta"]
    files = tn.gold_articles()
    assert meta["gold_files"] == file_hashes(files)
    assert tn.main(["--check"]) == 0, capsys.readouterr().out
