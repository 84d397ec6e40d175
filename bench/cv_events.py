"""Cross-validation of the learned event reviewer by article: 5 fixed folds over the training articles
(`training_data.TRAINING_SETS`; article i of the sorted list goes to fold i % 5, which mixes sets and
languages). For each fold the model is trained on the other four, the full extractor (`chronik extract`, in
process) runs on the fold's articles with those weights, and the shared scorer scores them. Prints TOTAL
figures (micro-averaged like run.py) for the rules alone and for rules + model.

    python bench/cv_events.py [--scorer /work/shared/eval/score.py] [--grid]

--grid first prints, from out-of-fold probabilities, the estimated event precision/recall for a grid of
accept/drop thresholds (how the shipped thresholds were chosen). The rules were tuned on these very articles,
so their figure here is flattering; the model's gain under cross-validation is the honest part.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from chronik_build import event_model
from chronik_build.event_model import event_probability
from chronik_build.pipeline import main as extract_main
from chronik_build.tools.train_event_model import (
    ACCEPT_THRESHOLD,
    DROP_THRESHOLD,
    Article,
    collect,
    fit,
    published_for,
    training_golds,
)

FOLDS = 5


def load_scorer(path: Path):
    """The shared scorer module (score.py), imported from its file."""
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def folds(articles: list[Article]) -> list[list[int]]:
    """Indices of the articles of each fold."""
    return [[i for i in range(len(articles)) if i % FOLDS == f] for f in range(FOLDS)]


def grid(articles: list[Article]) -> None:
    """Estimated precision/recall deltas per threshold pair from out-of-fold probabilities (candidate level)."""
    oof: list[tuple[float, bool, str]] = []  # P(event or optional), made by the rules, label
    for idx in folds(articles):
        train_on = [a for i, a in enumerate(articles) if i not in idx]
        model = fit(train_on)
        for i in idx:
            for cand, (_feats, lab) in zip(articles[i].candidates, articles[i].samples, strict=True):
                if cand.branch == "continued" and not cand.made:
                    continue
                oof.append((event_probability(model.proba(cand.features)), cand.made, lab))
    made = [o for o in oof if o[1]]
    base_ok = sum(1 for o in made if o[2] != "none")
    base_req = sum(1 for o in made if o[2] == "event")
    print(f"out-of-fold candidates: {len(oof)}; rule events {len(made)}, correct {base_ok}")
    for drop in (0.8, 0.9, 0.95):
        cut = [o for o in made if 1 - o[0] >= drop]
        print(f"rule events the model would drop at P(none) >= {drop:.2f}: {len(cut)}, "
              f"{sum(1 for o in cut if o[2] == 'none')} of them wrong")
    for accept in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9):
        add = [o for o in oof if not o[1] and o[0] >= accept]
        pred, ok = len(made) + len(add), base_ok + sum(1 for o in add if o[2] != "none")
        req = base_req + sum(1 for o in add if o[2] == "event")
        print(f"accept {accept:.2f}: +{len(add)} events, precision {ok / pred:.3f}, required found {req} "
              f"(rules {base_req})")


def run_fold(golds: list[Path], weights: str, scorer, out_root: Path) -> list[tuple[str, dict[str, int], float]]:
    """Extract and score the fold's articles with these weights ('none': rules alone): language, counts and
    seconds of each article."""
    os.environ[event_model.ENV] = weights
    event_model.load_model.cache_clear()
    out_rows = []
    for gold_path in golds:
        gold = scorer.load_yaml(gold_path)
        name = gold_path.name[:-len(".gold.yaml")]
        out = out_root / name
        argv = [str(gold_path.with_name(name + ".txt")), "--content", str(out)]
        if published_for(gold):
            argv += ["--published", published_for(gold)]
        if gold.get("language"):
            argv += ["--lang", gold["language"]]
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = extract_main(argv)
        counts = dict(scorer.score(gold, out)["counts"])
        counts["failed_runs"] = 1 if code else 0
        out_rows.append((str(gold.get("language") or "?"), counts, time.perf_counter() - started))
    return out_rows


def summary(total: dict[str, int], articles: int, seconds: float) -> dict:
    """The TOTAL figures of run.py from summed counts."""
    def ratio(a: str, b: str) -> float:
        return round(total.get(a, 0) / total[b], 3) if total.get(b) else 0.0

    tp, fp = total.get("entity_tp", 0), total.get("entity_fp", 0)
    ent_p = round(tp / (tp + fp), 3) if tp + fp else 0.0
    ent_r = ratio("entity_found", "entity_gold")
    return {"articles": articles, "failed_runs": total.get("failed_runs", 0),
            "entity_f1": round(2 * ent_p * ent_r / (ent_p + ent_r), 3) if ent_p + ent_r else 0.0,
            "event_precision": ratio("event_pred_ok", "event_pred"),
            "event_recall": ratio("event_required_found", "event_required"),
            "event_pred": total.get("event_pred", 0), "event_required_found": total.get("event_required_found", 0),
            "date_exact": ratio("date_exact", "dated"), "date_compatible": ratio("date_compatible", "dated"),
            "event_entity_recall": ratio("link_hit", "link_all"),
            "seconds_per_article": round(seconds / articles, 3) if articles else 0.0}


def main() -> int:
    """Run the cross-validation; print both TOTAL lines, then the same per language."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--scorer", type=Path, default=Path("/work/shared/eval/score.py"))
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--accept", type=float, default=ACCEPT_THRESHOLD)
    ap.add_argument("--drop", type=float, default=DROP_THRESHOLD)
    args = ap.parse_args()
    if not args.scorer.is_file():
        print(f"cv_events: no scorer at {args.scorer} (give --scorer)", file=sys.stderr)
        return 2
    scorer = load_scorer(args.scorer)
    os.environ[event_model.ENV] = "none"
    event_model.load_model.cache_clear()
    articles = collect(training_golds())
    if args.grid:
        grid(articles)
    totals: dict[tuple[str, str], dict[str, int]] = {}
    seconds: dict[tuple[str, str], float] = {}
    articles_in: dict[tuple[str, str], int] = {}
    with tempfile.TemporaryDirectory(prefix="cv-events-") as tmp:
        for f, idx in enumerate(folds(articles)):
            model = fit([a for i, a in enumerate(articles) if i not in idx], accept=args.accept, drop=args.drop)
            weights = Path(tmp) / f"fold{f}.json"
            weights.write_text(model.to_json(), encoding="utf-8")
            golds = [articles[i].gold_path for i in idx]
            for name, w in (("rules", "none"), ("rules+model", str(weights))):
                for lang, counts, secs in run_fold(golds, w, scorer, Path(tmp) / name / f"fold{f}"):
                    for key in ((name, "all"), (name, lang)):
                        seconds[key] = seconds.get(key, 0.0) + secs
                        articles_in[key] = articles_in.get(key, 0) + 1
                        bucket = totals.setdefault(key, {})
                        for k, value in counts.items():
                            bucket[k] = bucket.get(k, 0) + value
    for key in sorted(totals, key=lambda k: (k[1] != "all", k[1], k[0])):
        label = "TOTAL" if key[1] == "all" else f"lang={key[1]}"
        print(f"{label} {key[0]:12} " + json.dumps(summary(totals[key], articles_in[key], seconds[key])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
