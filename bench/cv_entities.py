#!/usr/bin/env python3
"""Cross-validate the entity model by article (prints figures, asserts nothing).

Usage: python bench/cv_entities.py [--folds 0 1 …]

The training articles (`training_data.TRAINING_SETS`) fall into 5 fixed folds (round robin, so sets
and languages mix). For each fold a model is trained on the other folds exactly as the training command does
(its thresholds chosen by an inner cross-validation over those folds), then the full extractor runs on the fold's
articles with that fold's weights (CHRONIK_ENTITY_MODEL) and ../shared/eval/score.py scores them. Printed: TOTAL
figures micro-averaged like run.py for the rules alone, the rules with the model as trained ('model': only the
decisions its inner cross-validation kept), and each decision on its own at its best inner threshold (a: drop
the rules' names, b: add names the rules left out, c: override the rules' type). The rules were tuned on these
very articles, so their figure here is flattering; the difference the model makes is the honest part.

--train-rules-at COMMIT: as above, but each fold's model learns from the samples of the extractor as of COMMIT
(see the training command's --rules-at); the current extractor runs.

--rules-at COMMIT: the same folds, but the candidates and the rules' decisions come from the extractor as it was
at COMMIT (a git archive of build/, the current entity_model.py run on its entity state), and the figures are
simulated from the samples (what score.py would count; for the current rules the simulation equals run.py's
TOTAL). Pick a commit from before a set was used for tuning (c13ff62: tests/holdout2 had only been scored, never
read): there the rules make the errors they make on unseen text, and the model has to earn its place against
them. Figures are printed per training set, since the rules of that commit had seen some of them.

--simulate: the same simulated figures from the current rules' samples (no extraction).

--spans: also the variant 'spans': the name-span tagger (name_spans.py) trained without the held fold proposes
names, and the fold's scorer is trained on the span candidates of taggers trained without the held fold and the
sample's own fold (so no tagger ever saw the article it proposes names for). With extraction, the fold's tagger
runs through CHRONIK_NAME_SPANS.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build"))

from chronik_build import entity_model as em  # noqa: E402
from chronik_build import name_spans as ns  # noqa: E402
from chronik_build import pipeline  # noqa: E402
from chronik_build.linear import LinearModel  # noqa: E402
from chronik_build.tools import train_entity_model as tm  # noqa: E402
from chronik_build.tools import train_name_spans as tn  # noqa: E402

EVAL = next((d for d in (ROOT.parent / "shared" / "eval", ROOT.parent.parent / "shared" / "eval") if d.is_dir()), None)
VARIANTS = ("rules", "model", "a_drop", "b_add", "c_retype")


def variant_models(rest: list[tm.Article], files: list[Path]) -> dict[str, em.EntityModel | None]:
    """The models one fold is scored with: none, as trained, and each decision alone."""
    trained = tm.build_model(rest, files)
    probas = tm.out_of_fold(rest)
    out: dict[str, em.EntityModel | None] = {"rules": None, "model": trained}
    for name, which in (("a_drop", "drop"), ("b_add", "add"), ("c_retype", "retype")):
        out[name] = em.EntityModel(trained.model, tm.best_single(rest, probas, which))
    return out


def extract(gold_path: Path, out: Path, weights: str, tagger: str = "none") -> float:
    """Run the extractor on one article into out with the given weights file ('none': rules alone) and span
    tagger ('none': off); seconds."""
    gold = tm.yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    article = gold_path.with_name(gold_path.name[: -len(".gold.yaml")] + ".txt")
    argv = [str(article), "--content", str(out)]
    if tm.published_for(gold):
        argv += ["--published", tm.published_for(gold)]
    if gold.get("language"):
        argv += ["--lang", str(gold["language"])]
    os.environ[em.ENV] = weights
    os.environ[ns.ENV] = tagger
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = pipeline.main(argv)
    seconds = time.perf_counter() - started
    if code != 0:
        print(f"FAILED {article.name} (exit {code})", file=sys.stderr)
    return seconds


def write_weights(model: em.EntityModel, path: str) -> str:
    """The scorer as a weights file with its thresholds in the meta; the path."""
    t = model.thresholds
    meta = {**model.model.meta, "thresholds": {"drop": t.drop, "add": t.add, "retype": t.retype, "span": t.span}}
    Path(path).write_text(LinearModel(model.model.labels, model.model.weights, meta).to_json(), encoding="utf-8")
    return path


class SpanFolds:
    """What the 'spans' variant needs per fold: a tagger trained without the fold, and a scorer trained on the
    span candidates of taggers trained without the fold and each sample's own fold."""

    def __init__(self, files: list[Path]) -> None:
        self.files = files
        self.articles = tm.training_articles(spans=True)
        self.data = [tn.labelled(*tn.load_state(p)) for p in files]

    def weights(self, k: int, tmp: str) -> tuple[str, str]:
        """(scorer weights file, tagger weights file) of fold k."""
        rest = [i for i in range(len(self.files)) if tm.fold_of(i) != k]
        tagger = f"{tmp}/fold{k}-tagger.json"
        Path(tagger).write_text(tn.fit([self.data[i] for i in rest]).to_json(), encoding="utf-8")
        inner = tm.with_spans(self.articles, {j: tm.tagger_key({j, k}) for j in range(tm.FOLDS)})
        scorer = tm.build_model([inner[i] for i in rest], [self.files[i] for i in rest])
        return write_weights(scorer, f"{tmp}/fold{k}-spans.json"), tagger


def totals(counts: dict[str, int], score) -> dict[str, float]:
    """Micro-averaged figures from summed counts (as run.py prints them)."""

    def ratio(a: str, b: str) -> float:
        return round(counts.get(a, 0) / counts[b], 3) if counts.get(b) else 0.0

    found = counts.get("entity_tp", 0) + counts.get("entity_fp", 0)
    p = round(counts.get("entity_tp", 0) / found, 3) if found else 0.0
    r = ratio("entity_found", "entity_gold")
    return {
        "entity_precision": p,
        "entity_recall": r,
        "entity_f1": round(score.f1(p, r), 3),
        "entity_type_accuracy": ratio("entity_type_ok", "entity_found"),
        "event_precision": ratio("event_pred_ok", "event_pred"),
        "event_recall": ratio("event_required_found", "event_required"),
        "date_exact": ratio("date_exact", "dated"),
        "date_compatible": ratio("date_compatible", "dated"),
        "event_entity_recall": ratio("link_hit", "link_all"),
    }


def _fold_counts(
    held: list[tuple[tm.Article, Path]], variants: dict[str, tuple[dict[int, dict[str, float]], em.Thresholds]], counts
) -> None:
    """Add the simulated counts of each variant on the held articles, per training set and over all."""
    for a, path in held:
        for variant, (probas, t) in variants.items():
            c = tm.simulate_counts([a], probas, t)
            for group in (path.parent.name, "all"):
                row = counts.setdefault((group, variant), [0, 0, 0, 0])
                for n, value in enumerate(c):
                    row[n] += value


def simulated_cv(articles: list[tm.Article], files: list[Path], spans: bool) -> None:
    """Nested CV on samples alone: per fold, thresholds by the inner CV and weights from the other folds; figures
    summed per training set for the rules alone, with the scorer, and (spans) with the span candidates of a
    tagger trained without the held fold and a scorer trained on the spans of taggers trained without it too."""
    counts: dict[tuple[str, str], list[float]] = {}
    chosen = []
    for k in range(tm.FOLDS):
        idx_rest = [i for i in range(len(articles)) if tm.fold_of(i) != k]
        base = tm.with_spans(articles, None)
        trained = tm.build_model([base[i] for i in idx_rest], [])
        held = [(base[i], files[i]) for i in range(len(articles)) if tm.fold_of(i) == k]
        probas = {id(s): trained.model.proba(s.features) for a, _ in held for s in a.samples}
        variants = {"rules": ({}, em.Thresholds()), "model": (probas, trained.thresholds)}
        chosen.append(f"model {trained.thresholds}")
        _fold_counts(held, variants, counts)
        if not spans:
            continue
        inner = tm.with_spans(articles, {j: tm.tagger_key({j, k}) for j in range(tm.FOLDS)})
        with_span = tm.build_model([inner[i] for i in idx_rest], [])
        outer = tm.with_spans(articles, {k: tm.tagger_key({k})})
        held = [(outer[i], files[i]) for i in range(len(articles)) if tm.fold_of(i) == k]
        probas = {id(s): with_span.model.proba(s.features) for a, _ in held for s in a.samples}
        chosen.append(f"spans {with_span.thresholds}")
        _fold_counts(held, {"spans": (probas, with_span.thresholds)}, counts)
    print("thresholds chosen per fold: " + "; ".join(chosen))
    for (group, variant), (tp, fp, gold, type_ok) in sorted(counts.items()):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / gold if gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"SIMULATED {group:9} {variant:6} entity P {p:.3f} R {r:.3f} F1 {f1:.3f} "
            f"type {type_ok / tp if tp else 0.0:.3f}"
        )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, nargs="*", default=list(range(tm.FOLDS)))
    ap.add_argument("--rules-at", metavar="COMMIT", help="candidates and rule decisions from this commit's rules")
    ap.add_argument(
        "--train-rules-at",
        metavar="COMMIT",
        help="train each fold's model on the samples of this commit's rules (the extractor that runs "
        "is the current one)",
    )
    ap.add_argument(
        "--simulate", action="store_true", help="simulated figures from the current rules' samples (no extraction)"
    )
    ap.add_argument("--spans", action="store_true", help="also the span tagger's names (variant 'spans')")
    args = ap.parse_args()
    if args.rules_at:
        simulated_cv(tm.old_rule_articles(args.rules_at, spans=args.spans), tm.gold_articles(), args.spans)
        return 0
    if args.simulate:
        simulated_cv(tm.training_articles(spans=args.spans), tm.gold_articles(), args.spans)
        return 0
    if EVAL is None:
        print("cv_entities: ../shared/eval (score.py) not found", file=sys.stderr)
        return 1
    sys.path.insert(0, str(EVAL))
    import score  # the shared scorer

    files = tm.gold_articles()
    articles = (
        tm.old_rule_articles(args.train_rules_at) if args.train_rules_at else [tm.article_samples(p) for p in files]
    )
    span_folds = SpanFolds(files) if args.spans else None
    variants = (*VARIANTS, "spans") if span_folds else VARIANTS
    counts = {v: {} for v in variants}
    seconds = {v: 0.0 for v in variants}
    chosen = []
    with tempfile.TemporaryDirectory(prefix="cv-entities-") as tmp:
        for k in args.folds:
            rest = [(a, p) for i, (a, p) in enumerate(zip(articles, files, strict=True)) if tm.fold_of(i) != k]
            held = [p for i, p in enumerate(files) if tm.fold_of(i) == k]
            models = variant_models([a for a, _ in rest], [p for _, p in rest])
            chosen.append(models["model"].thresholds)
            runs = {
                v: ("none" if m is None else write_weights(m, f"{tmp}/fold{k}-{v}.json"), "none")
                for v, m in models.items()
            }
            if span_folds:
                runs["spans"] = span_folds.weights(k, tmp)
            for variant, (weights, tagger) in runs.items():
                for gold_path in held:
                    out = Path(tmp) / variant / gold_path.name[: -len(".gold.yaml")]
                    seconds[variant] += extract(gold_path, out, weights, tagger)
                    result = score.score(score.load_yaml(gold_path), out)
                    for key, value in result["counts"].items():
                        counts[variant][key] = counts[variant].get(key, 0) + value
    n = sum(1 for i in range(len(files)) if tm.fold_of(i) in args.folds)
    print(
        f"folds {args.folds}, {n} articles; thresholds chosen per fold: "
        + "; ".join(f"drop {t.drop} add {t.add} retype {t.retype}" for t in chosen)
    )
    for variant in variants:
        figures = totals(counts[variant], score)
        figures["seconds_per_article_in_process"] = round(seconds[variant] / n, 3) if n else 0.0
        print(f"TOTAL {variant:9} {json.dumps(figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
