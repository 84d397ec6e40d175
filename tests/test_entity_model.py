"""The learned entity scorer: the linear model, its integration as a pass (with tiny hand-built models on invented
sentences, never the shipped weights), and that the shipped weights are what the training command gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chronik_build import entity_model as em
from chronik_build.linear import LinearModel, train
from chronik_build.tools import train_entity_model as tm
from chronik_build.tools.training_data import file_hashes

ROOT = Path(__file__).resolve().parent.parent
FLOOD_DE = "Kessing, 3. März 2025 – Der Pegel der Wendach stieg am Montag. An der Wendach wurden Sandsäcke verteilt."
FUND_EN = "March 3, 2025 - The hedge fund Silver-Fox bought shares on Monday. Silver-Fox has offices in Dunmere."

SAMPLES = [
    ({"shape:a": 1.0}, "x"),
    ({"shape:a": 1.0, "n": 0.5}, "x"),
    ({"shape:b": 1.0}, "y"),
    ({"shape:b": 1.0, "n": 0.2}, "y"),
    ({"shape:c": 1.0}, "z"),
]


def hand_model(weights: dict[str, dict[str, float]], **thresholds: float) -> em.EntityModel:
    labels = ("none", *em.TYPES)
    return em.EntityModel(LinearModel(labels, weights, {}), em.Thresholds(**thresholds))


def run_with(text: str, lang: str, model: em.EntityModel | None):
    st = tm.rule_state(text, "2025-03-03", lang)
    if model is not None:
        em.apply_model(st, model)
    return st


def test_linear_model_learns_separable_labels():
    model = train(SAMPLES, l2=1e-3, epochs=50)
    assert max(model.proba({"shape:a": 1.0}).items(), key=lambda kv: kv[1])[0] == "x"
    assert max(model.proba({"shape:b": 1.0}).items(), key=lambda kv: kv[1])[0] == "y"
    assert abs(sum(model.proba({"unknown": 1.0}).values()) - 1.0) < 1e-9


def test_linear_model_json_is_deterministic_and_round_trips():
    first = train(SAMPLES, l2=1e-3, epochs=20, seed=3).to_json()
    assert train(SAMPLES, l2=1e-3, epochs=20, seed=3).to_json() == first
    again = LinearModel.from_json(first)
    assert again.to_json() == first
    assert again.proba({"shape:c": 1.0}) == pytest.approx(LinearModel.from_json(first).proba({"shape:c": 1.0}))


@pytest.mark.parametrize("text", ["[]", '{"labels": [], "weights": {}}', '{"labels": ["a"], "weights": []}'])
def test_linear_model_rejects_bad_json(text):
    with pytest.raises(ValueError, match="model JSON"):
        LinearModel.from_json(text)


def test_a_name_the_rules_leave_out_is_added_when_the_model_is_sure():
    assert "wendach" not in run_with(FLOOD_DE, "de", None).entities
    sure = hand_model({"origin:new": {"place": 6.0}, "__bias__": {"none": 1.0}}, add=0.3)
    st = run_with(FLOOD_DE, "de", sure)
    assert st.entities["wendach"].type == "place"
    assert [m.text for m in st.mentions if m.key == "wendach"] == ["Wendach", "Wendach"]
    unsure = hand_model({"origin:new": {"place": 0.5}, "__bias__": {"none": 1.0}}, add=0.3)
    assert "wendach" not in run_with(FLOOD_DE, "de", unsure).entities


def test_the_model_drops_or_retypes_a_rule_entity_only_past_its_threshold():
    rules = run_with(FUND_EN, "en", None)
    assert rules.entities["dunmere"].type == "place"
    drop = hand_model({"rule:place": {"none": 8.0}}, drop=0.9)
    st = run_with(FUND_EN, "en", drop)
    assert "dunmere" not in st.entities and all(m.key != "dunmere" for m in st.mentions)
    retype = hand_model({"rule:place": {"organization": 8.0}}, retype=0.8)
    assert run_with(FUND_EN, "en", retype).entities["dunmere"].type == "organization"
    off = hand_model({"rule:place": {"organization": 8.0, "none": 8.0}})
    assert run_with(FUND_EN, "en", off).entities["dunmere"].type == "place"


def test_features_describe_the_context_not_the_name():
    st = tm.rule_state(FUND_EN, "2025-03-03", "en")
    cand = next(c for c in em.candidates(st) if c.surface == "Silver-Fox")
    feats = em.features(st, cand)
    assert feats["hyphen"] == 1.0 and feats["origin:new"] == 1.0 and "en:hyphen" in feats
    assert not any("silver" in f.lower() or "fox" in f.lower() for f in feats)


def test_the_environment_chooses_the_model(monkeypatch, tmp_path):
    monkeypatch.setenv(em.ENV, "none")
    assert em.current_model() is None
    monkeypatch.setenv(em.ENV, str(tmp_path / "missing.json"))
    with pytest.raises(ValueError, match="no such weights file"):
        em.current_model()
    path = tmp_path / "m.json"
    meta = {"thresholds": {"drop": 0.9, "add": -1, "retype": 2}}
    path.write_text(LinearModel(("none", "place"), {"__bias__": {"none": 1.0}}, meta).to_json(), encoding="utf-8")
    monkeypatch.setenv(em.ENV, str(path))
    assert em.current_model().thresholds == em.Thresholds(drop=0.9)


def test_shipped_model_records_the_training_files_it_came_from():
    meta = json.loads(em.SHIPPED.read_text(encoding="utf-8"))["meta"]
    assert meta["feature_set"] == em.FEATURE_SET
    files = tm.gold_articles()
    assert meta["gold_files"] == file_hashes(files)
    assert sum(s["files"] for s in meta["gold_files"].values()) == len(files)
    assert not any(p.stem.split(".")[0] in json.dumps(meta) for p in files)  # no article named in rules data


def _span_flag(path: Path) -> list[str]:
    """--spans when the model was trained on the span tagger's names too."""
    return ["--spans"] if "span_feature_set" in json.loads(path.read_text(encoding="utf-8"))["meta"] else []


def test_shipped_model_is_what_the_training_command_gives(capsys):
    assert tm.main(["--check", *_span_flag(em.SHIPPED)]) == 0, capsys.readouterr().out


def test_a_sentence_opening_common_word_is_no_candidate_but_an_unknown_run_is():
    st = tm.rule_state(
        "March 3, 2025 - Yesterday the board met. Silver-Fox bought shares on Monday.", "2025-03-03", "en"
    )
    surfaces = {c.surface: c.origin for c in em.candidates(st)}
    assert "Yesterday" not in surfaces
    assert surfaces.get("Silver-Fox") == "new"


def sample(label: str, gold: int | None, origin: str = "kept", rule_type: str | None = "organization") -> tm.Sample:
    return tm.Sample("a", {}, label, gold, label if gold is not None else None, origin, rule_type)


def test_simulated_counts_follow_the_scorer():
    # a second name for the same gold entity is a false positive; a new run counts only when the model adds it
    art = tm.Article(
        "a",
        [sample("organization", 0), sample("organization", 0), sample("none", None), sample("place", 1, "new", None)],
        wanted=3,
    )
    assert tm.simulate_counts([art], {}, em.Thresholds()) == (1, 2, 3, 1)
    probas = {id(art.samples[3]): {"none": 0.1, "place": 0.9}, id(art.samples[2]): {"none": 0.9, "person": 0.1}}
    assert tm.simulate_counts([art], probas, em.Thresholds(drop=0.8, add=0.2)) == (2, 1, 3, 2)


UNSEEN = em.SHIPPED.with_name("entity_model_unseen.json")


def _has_commit(commit: str) -> bool:
    import subprocess

    return (
        subprocess.run(
            ["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True
        ).returncode
        == 0
    )


def test_unseen_model_records_its_rules_commit_and_training_files():
    meta = json.loads(UNSEEN.read_text(encoding="utf-8"))["meta"]
    assert meta["feature_set"] == em.FEATURE_SET and meta["rules_at"]
    files = tm.gold_articles()
    assert meta["gold_files"] == file_hashes(files)


def test_unseen_model_is_what_the_training_command_gives(capsys):
    commit = json.loads(UNSEEN.read_text(encoding="utf-8"))["meta"]["rules_at"]
    if not _has_commit(commit):
        pytest.skip(f"commit {commit} not in this clone (shallow): the old rules cannot be rebuilt")
    args = ["--check", "--rules-at", commit, "--out", str(UNSEEN), *_span_flag(UNSEEN)]
    assert tm.main(args) == 0, capsys.readouterr().out


@pytest.mark.parametrize(("gain", "turns_on"), [(tm.MIN_GAIN / 2, False), (tm.MIN_GAIN * 2, True)])
def test_a_decision_turns_on_only_when_it_wins_by_the_margin(monkeypatch, gain, turns_on):
    off = em.Thresholds()

    def simulated(_articles, _probas, t):  # only a drop at 0.9 changes anything
        f1 = 0.8 + (gain if t.drop == 0.9 else 0.0)
        return {"precision": f1, "recall": f1, "f1": f1, "type": 0.9}

    monkeypatch.setattr(tm, "simulate", simulated)
    chosen = tm.choose_thresholds([], {})
    assert (chosen.drop == 0.9) is turns_on and chosen.add == off.add and chosen.retype == off.retype
