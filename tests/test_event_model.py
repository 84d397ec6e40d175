"""The learned event reviewer: the linear model (train, probabilities, byte-stable JSON), its hook in the event
stage (a hand-built model, never the shipped weights, so these tests cannot drift) and the shipped weights
being what the training command makes of the repository's training data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chronik_build import event_model
from chronik_build.linear import BIAS, LinearModel, train
from chronik_build.pipeline import extract
from chronik_build.tools.training_data import file_hashes

ROOT = Path(__file__).resolve().parent.parent
# an invented story: the second paragraph's second sentence (a person acts, no time expression) is left
# without an event by the rules
STORY = """Lumora Systems opens factory

Lumora Systems opened a new battery factory in Bremerhaven on 3 March 2031, the company said.

The factory employs 400 workers from the region. Its owner, Quentin Vale, cut the ribbon himself.

Further plants are being considered.
"""
PERSON_SENTENCE = "Quentin Vale, cut the ribbon"


def test_train_separates_and_is_deterministic() -> None:
    samples = [({"a": 1.0}, "yes"), ({"a": 1.0, "c": 1.0}, "yes"), ({"b": 1.0}, "no"), ({"b": 1.0, "c": 1.0}, "no")]
    first = train(samples, l2=0.01, epochs=300)
    again = train(samples, l2=0.01, epochs=300)
    assert first.to_json() == again.to_json()
    assert first.proba({"a": 1.0})["yes"] > 0.8
    assert first.proba({"b": 1.0})["no"] > 0.8
    assert sum(first.proba({"c": 1.0, "unknown": 1.0}).values()) == pytest.approx(1.0)


def test_json_round_trip_is_byte_stable() -> None:
    model = LinearModel(labels=("no", "yes"), weights={"b": {"yes": 0.1234567891}, BIAS: {"no": -1.0}},
                        meta={"note": "x"})
    text = model.to_json()
    back = LinearModel.from_json(text)
    assert back.to_json() == text
    assert json.loads(text)["weights"]["b"]["yes"] == 0.123457
    with pytest.raises(ValueError):
        LinearModel.from_json('{"labels": "no"}')


def _use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: LinearModel | None) -> None:
    if model is None:
        monkeypatch.setenv(event_model.ENV, "none")
    else:
        path = tmp_path / "weights.json"
        path.write_text(model.to_json(), encoding="utf-8")
        monkeypatch.setenv(event_model.ENV, str(path))
    event_model.load_model.cache_clear()


def _summaries() -> list[str]:
    return [e.summary for e in extract(STORY, "2031-03-05", "en", []).events]


def test_a_confident_model_accepts_a_sentence_the_rules_left(tmp_path, monkeypatch) -> None:
    _use(tmp_path, monkeypatch, None)
    assert not any(PERSON_SENTENCE in s for s in _summaries())
    # a person named in a sentence the rules did not decide on tells an event; anything else does not
    model = LinearModel(labels=("event", "none", "optional"),
                        weights={BIAS: {"none": 3.0}, "ents_person=1": {"event": 8.0}, "branch=none": {"event": 0.5}},
                        meta={"accept_threshold": 0.8, "drop_threshold": 1.01,
                              "feature_set": event_model.FEATURE_SET})
    _use(tmp_path, monkeypatch, model)
    made = [e for e in extract(STORY, "2031-03-05", "en", []).events if PERSON_SENTENCE in e.summary]
    assert len(made) == 1
    assert "Quentin Vale" in made[0].title
    assert made[0].entities, "the accepted event takes its entities from the entity pass"
    event_model.load_model.cache_clear()


OPENING = "Lumora Systems opens factory\n\nLumora Systems opened a new battery factory in Bremerhaven on 3 March 2031."
NEW_PARAGRAPH = "\n\nOrla Brandt, a supplier, signed a contract for the second line.\n"


def _summaries_accepting_all(story: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The event summaries of a story under a model that accepts every sentence the rules left."""
    model = LinearModel(labels=("event", "none"), weights={"branch=none": {"event": 9.0}},
                        meta={"accept_threshold": 0.9, "drop_threshold": 1.01,
                              "feature_set": event_model.FEATURE_SET})
    _use(tmp_path, monkeypatch, model)
    summaries = [e.summary for e in extract(story, "2031-03-05", "en", []).events]
    event_model.load_model.cache_clear()
    assert any(s.startswith("Orla Brandt") for s in summaries), "a sentence in a paragraph of its own is accepted"
    return summaries


def test_a_detail_right_after_an_event_stays_that_events(tmp_path, monkeypatch) -> None:
    """A sentence that follows an event in its paragraph tells more of that happening: never an event of its own,
    however confident the model."""
    story = OPENING + " The site cost 90 million euros and will employ 400 people." + NEW_PARAGRAPH
    assert not any(s.startswith("The site cost") for s in _summaries_accepting_all(story, tmp_path, monkeypatch))


def test_a_quotation_is_never_accepted(tmp_path, monkeypatch) -> None:
    """A sentence that opens with a quotation is what someone said (the quote stage gives it to the speaker's
    event), however confident the model."""
    story = OPENING + "\n\n\u201cThe second line doubles what we make here.\u201d" + NEW_PARAGRAPH
    assert not any("second line doubles" in s for s in _summaries_accepting_all(story, tmp_path, monkeypatch))


def test_a_hedged_sentence_is_never_accepted(tmp_path, monkeypatch) -> None:
    """A sentence hedged with a word of speculation ('could', 'may') reports no happening, however confident
    the model."""
    story = OPENING + "\n\nA second plant could follow in the north." + NEW_PARAGRAPH
    assert not any("second plant" in s for s in _summaries_accepting_all(story, tmp_path, monkeypatch))


def test_a_confident_model_drops_a_rule_event(tmp_path, monkeypatch) -> None:
    model = LinearModel(labels=("event", "none"), weights={"branch=timed": {"none": 9.0}},
                        meta={"accept_threshold": 1.01, "drop_threshold": 0.9,
                              "feature_set": event_model.FEATURE_SET})
    _use(tmp_path, monkeypatch, model)
    assert not any("battery factory" in s for s in _summaries())
    _use(tmp_path, monkeypatch, None)
    assert any("battery factory" in s for s in _summaries())
    event_model.load_model.cache_clear()


def test_weights_of_another_feature_set_are_refused(tmp_path, monkeypatch) -> None:
    _use(tmp_path, monkeypatch, LinearModel(labels=("event", "none"), weights={}, meta={"feature_set": "old"}))
    with pytest.raises(ValueError, match="feature set"):
        _summaries()
    event_model.load_model.cache_clear()


def test_features_carry_no_names() -> None:
    """Every feature of the shipped model is a generic one: never a word of a name."""
    model = LinearModel.from_json(event_model.MODEL_FILE.read_text(encoding="utf-8"))
    prefixes = ("lang=", "branch=", "filter=", "time", "verb_", "first_tag=", "has_", "starts_quote", "question",
                "colon_end", "speaker", "continues", "ents_", "len=", "lead", "early", "para_start", "late", BIAS)
    assert all(f.startswith(prefixes) for f in model.weights)


def test_shipped_model_is_what_training_makes(monkeypatch) -> None:
    """The meta names exactly the repository's training files with their hashes, and a fresh training on them
    writes the shipped file byte for byte."""
    from chronik_build.tools import train_event_model as tool

    shipped = LinearModel.from_json(event_model.MODEL_FILE.read_text(encoding="utf-8"))
    golds = tool.training_golds()
    files = [p for g in golds for p in (g, g.with_name(g.name[:-10] + ".txt"))]
    assert shipped.meta["trained_on"] == file_hashes(files)
    assert sum(s["files"] for s in shipped.meta["trained_on"].values()) == len(files)
    assert shipped.meta["feature_set"] == event_model.FEATURE_SET
    assert tool.main(["--check"]) == 0


def test_a_missing_or_broken_weights_file_is_named(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(event_model.ENV, str(tmp_path / "absent.json"))
    event_model.load_model.cache_clear()
    with pytest.raises(ValueError, match="absent.json"):
        event_model.load_model()
    broken = tmp_path / "broken.json"
    broken.write_text("[1, 2", encoding="utf-8")
    monkeypatch.setenv(event_model.ENV, str(broken))
    event_model.load_model.cache_clear()
    with pytest.raises(ValueError, match="broken.json"):
        event_model.load_model()
    event_model.load_model.cache_clear()
