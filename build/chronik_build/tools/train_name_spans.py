"""Train the name-span tagger (rules/common/name_spans.json) from the gold files of the tuning sets.

Usage: python -m chronik_build.tools.train_name_spans [--out FILE] [--check] [--cv]

Every gold name and alias of tests/dev, tests/holdout and tests/holdout2 is marked where it stands in the body
sentences (longest first; B-/I- with the gold type, O elsewhere) and an averaged perceptron learns the labels from
the tokens' generic features (name_spans.py). The meta records the gold files (name and SHA-256) and the feature
set. --check exits 1 when the written file would differ from the shipped one; --cv prints the tagger's exact-span
precision and recall under 5-fold cross-validation by article.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from .. import name_spans as ns
from ..clean import clean
from ..entities import EntityState, new_state
from ..linear import LinearModel
from .training_data import FOLDS, ROOT, TRAINING_SETS, file_hashes, fold_of, gold_articles, published_for

EPOCHS = 8

Sentences = list[tuple[list[list[str]], list[str]]]


def gold_names(gold: dict) -> dict[str, str]:
    """Case-folded name and alias -> type, for every gold entity of a tagged type (chrome names too: they are
    names wherever they stand)."""
    names: dict[str, str] = {}
    for g in gold.get("entities") or []:
        if g.get("type") not in ns.TYPES:
            continue
        for form in [g.get("name"), *(g.get("aliases") or [])]:
            if form and len(str(form)) >= 2:
                names.setdefault(str(form).casefold(), str(g["type"]))
    return names


def load_state(gold_path: Path) -> tuple[EntityState, dict]:
    """The tokenised, tagged body of a training article and its gold."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text = gold_path.with_name(gold_path.name[: -len(".gold.yaml")] + ".txt").read_text(encoding="utf-8")
    return new_state(clean(text, published=published_for(gold), lang=gold.get("language") or None)), gold


def labelled(st: EntityState, gold: dict) -> Sentences:
    """The article's sentences as (token features, gold labels)."""
    names = gold_names(gold)
    return [(ns.sentence_features(st, toks), ns.gold_labels(st, toks, names)) for toks in st.sentences if toks]


def fit(articles: list[Sentences], epochs: int = EPOCHS) -> LinearModel:
    """The tagger on every sentence of these articles."""
    return ns.train([s for a in articles for s in a], epochs=epochs, seed=0)


def _spans(labels: list[str]) -> set[tuple[int, int, str]]:
    out, i = set(), 0
    while i < len(labels):
        if labels[i] == ns.OUT:
            i += 1
            continue
        j = i + 1
        while j < len(labels) and labels[j] == "I-" + labels[i][2:]:
            j += 1
        out.add((i, j, labels[i][2:]))
        i = j
    return out


def cross_validate(articles: list[Sentences]) -> dict[str, float]:
    """Exact-span precision and recall (boundaries; and boundaries with type) of out-of-fold tagging."""
    found = right = typed = wanted = 0
    for k in range(FOLDS):
        model = fit([a for i, a in enumerate(articles) if fold_of(i) != k])
        for i, art in enumerate(articles):
            if fold_of(i) != k:
                continue
            for rows, gold in art:
                guess, truth = _spans(ns.decode(model, rows)), _spans(gold)
                found, wanted = found + len(guess), wanted + len(truth)
                right += len({g[:2] for g in guess} & {t[:2] for t in truth})
                typed += len(guess & truth)
    return {
        "precision": right / found if found else 0.0,
        "recall": right / wanted if wanted else 0.0,
        "typed_precision": typed / found if found else 0.0,
        "typed_recall": typed / wanted if wanted else 0.0,
    }


def build(files: list[Path], root: Path = ROOT) -> LinearModel:
    """The shipped tagger: weights from every training article, the meta naming them."""
    model = fit([labelled(*load_state(p)) for p in files])
    meta = {
        **model.meta,
        "gold_files": file_hashes(files, root),
    }
    return LinearModel(model.labels, model.weights, meta)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m chronik_build.tools.train_name_spans")
    ap.add_argument("--out", type=Path, default=ns.SHIPPED)
    ap.add_argument("--check", action="store_true", help="exit 1 when the result differs from --out")
    ap.add_argument("--cv", action="store_true", help="print the tagger's span figures under cross-validation")
    args = ap.parse_args(argv)
    files = gold_articles()
    if not files:
        print(f"train_name_spans: no gold files under {', '.join(TRAINING_SETS)}", file=sys.stderr)
        return 1
    if args.cv:
        figures = cross_validate([labelled(*load_state(p)) for p in files])
        print(" ".join(f"{k} {v:.3f}" for k, v in figures.items()))
        return 0
    text = build(files).to_json()
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print("name-span tagger is up to date" if same else f"{args.out} differs from what the training gives")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(files)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
