"""Train the entity model (rules/common/entity_model.json) from the gold files of the tuning sets.

Usage: python -m chronik_build.tools.train_entity_model [--out FILE] [--check] [--rules-at COMMIT] [--spans]

Each article of tests/dev, tests/holdout and tests/holdout2 runs through the rule passes; every candidate name
(entity_model.candidates) becomes one sample labelled with the type of the gold entity it names, or 'none' (names
only in page chrome are left out). Thresholds are chosen by cross-validation by article: out-of-fold
probabilities, then the thresholds that give the best simulated entity F1 (drop, add) and type accuracy (retype);
a decision that does not beat the rules alone stays off. The meta records the gold files (name and SHA-256), the
feature set and the thresholds. --check exits 1 when the written file would differ from the shipped one.

--rules-at COMMIT takes the candidates and the rules' decisions from the extractor as of an older commit (a git
archive of build/ running the current entity_model.py; what that tree lacks gets a neutral stand-in), so the model
learns from the errors rules make on articles they were not tuned on. rules/common/entity_model_unseen.json is
trained so (--rules-at c13ff62); it is not used unless CHRONIK_ENTITY_MODEL names it.

--spans adds the name-span tagger's names (name_spans.py) as candidates, each article's from a tagger trained
without its fold, and chooses a threshold for adding them ('span' in the meta's thresholds).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import entity_model as em
from .. import name_spans as ns
from ..clean import clean
from ..entities import PASSES, apply_entity_model, new_state
from ..linear import LinearModel, train
from . import train_name_spans as tn
from .training_data import FOLDS, ROOT, TRAINING_SETS, file_hashes, fold_of, gold_articles, published_for

L2 = 1e-3
EPOCHS = 30
GRID_DROP = (2.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
GRID_ADD = (-1.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
GRID_RETYPE = (2.0, 0.6, 0.7, 0.8, 0.9, 0.95)


@dataclass
class Sample:
    """One candidate of one article: its features, its label, what the scorer would match it with."""

    article: str
    features: dict[str, float]
    label: str  # a type or 'none'
    gold: int | None  # index of the wanted gold entity it names
    gold_type: str | None
    origin: str
    rule_type: str | None
    ref: int = -1  # a rule entity's number within its article (what a span's `replaces` names)
    replaces: tuple[int, ...] = ()  # a span's: the rule entities it swallows
    tagger: str = ""  # a span's: the folds its tagger was trained without ('' for the rules' candidates)


@dataclass
class Article:
    """A training article: its samples and how many gold entities the scorer wants."""

    name: str
    samples: list[Sample]
    wanted: int


def norm_name(text: str) -> set[str]:
    """The forms the scorer compares: case-folded, with and without a genitive -s or 's."""
    t = re.sub(r"\s+", " ", str(text)).strip().casefold()
    forms = {t}
    for suffix in ("'s", "’s", "s"):
        if t.endswith(suffix) and len(t) - len(suffix) >= 3:
            forms.add(t[: -len(suffix)])
    return forms


def _forms(names: list[str]) -> set[str]:
    return set().union(*(norm_name(n) for n in names if n)) if names else set()


def rule_state(text: str, published: str | None, lang: str | None):
    """The entity state after the rule passes that run before the model."""
    st = new_state(clean(text, published=published, lang=lang))
    for step in PASSES:
        if step is apply_entity_model:
            break
        step(st)
    return st


def _load_article(gold_path: Path):
    """The rule state of a training article (after the passes before the model) and its gold."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text = gold_path.with_name(gold_path.name[: -len(".gold.yaml")] + ".txt").read_text(encoding="utf-8")
    return rule_state(text, published_for(gold), gold.get("language") or None), gold


class _Labeller:
    """Labels candidates of one article with the gold entity they name."""

    def __init__(self, gold: dict) -> None:
        ents = gold.get("entities") or []
        self.wanted = [g for g in ents if not g.get("in_boilerplate")]
        self.wanted_forms = [_forms([g.get("name", ""), *(g.get("aliases") or [])]) for g in self.wanted]
        boiler = [_forms([g.get("name", ""), *(g.get("aliases") or [])]) for g in ents if g.get("in_boilerplate")]
        self.chrome = set().union(*boiler) if boiler else set()

    def label(self, cand: em.Candidate) -> tuple[int | None, str | None, str] | None:
        """(gold index, gold type, label), or None for a name of the page's chrome (neither right nor wrong)."""
        forms = _forms(list(cand.forms))
        hit = next((k for k, gf in enumerate(self.wanted_forms) if forms & gf), None)
        if hit is None and forms & self.chrome:
            return None
        gold_type = str(self.wanted[hit].get("type")) if hit is not None else None
        return hit, gold_type, gold_type if gold_type in em.TYPES else em.NONE


def _samples(name: str, st, labeller: _Labeller, cands: list[em.Candidate], refs: dict[str, int], tagger: str = ""):
    ctx = em._Context(st)
    out = []
    for cand in cands:
        got = labeller.label(cand)
        if got is None:
            continue
        hit, gold_type, label = got
        sample = Sample(name, em.features(st, cand, ctx), label, hit, gold_type, cand.origin, cand.rule_type)
        sample.ref = refs.get(cand.key or "", -1) if cand.origin == "kept" else -1
        sample.replaces = tuple(refs[k] for k in cand.replaces if k in refs)
        sample.tagger = tagger
        out.append(sample)
    return out


def article_samples(gold_path: Path) -> Article:
    """The labelled candidates of one training article (the rules' and capitalised runs; no spans)."""
    st, gold = _load_article(gold_path)
    name = gold_path.name[: -len(".gold.yaml")]
    labeller = _Labeller(gold)
    cands = em.candidates(st, tagger=False)
    refs = {c.key: n for n, c in enumerate(cands) if c.key is not None}
    return Article(name, _samples(name, st, labeller, cands, refs), len(labeller.wanted))


def tagger_key(folds: set[int]) -> str:
    """The name of the tagger trained without these folds."""
    return ",".join(str(k) for k in sorted(folds))


def training_articles(root: Path = ROOT, spans: bool = False) -> list[Article]:
    """Every training article's samples; with spans, also its whole candidate list (the rules', the runs and the
    spans) once per tagger trained without the article's fold (and once per tagger trained without one more
    fold: what an outer cross-validation fold trains on), each sample marked with its tagger's key."""
    files = gold_articles(root)
    if not spans:
        return [article_samples(p) for p in files]
    loaded = [_load_article(p) for p in files]
    data = [tn.labelled(st, gold) for st, gold in loaded]
    out = []
    taggers = {}
    for j in range(FOLDS):
        for k in range(FOLDS):
            excluded = {j, k}
            taggers.setdefault(
                tagger_key(excluded), tn.fit([d for i, d in enumerate(data) if fold_of(i) not in excluded])
            )
    for i, (path, (st, gold)) in enumerate(zip(files, loaded, strict=True)):
        name = path.name[: -len(".gold.yaml")]
        labeller = _Labeller(gold)
        base = em.candidates(st, tagger=False)
        refs = {c.key: n for n, c in enumerate(base) if c.key is not None}
        samples = _samples(name, st, labeller, base, refs)
        for key, tagger in taggers.items():
            if str(fold_of(i)) in key.split(","):
                cands = em.candidates(st, ns.propose(st, tagger))
                samples += _samples(name, st, labeller, cands, refs, key)
        out.append(Article(name, samples, len(labeller.wanted)))
    return out


def with_spans(articles: list[Article], key_of: dict[int, str] | None) -> list[Article]:
    """The articles with the samples of one tagger each (key_of: fold -> tagger key; None: the rules' candidates
    without spans)."""
    out = []
    for i, a in enumerate(articles):
        key = key_of.get(fold_of(i), "") if key_of else ""
        out.append(Article(a.name, [s for s in a.samples if s.tagger == key], a.wanted))
    return out


# run inside an old tree: what the current entity_model.py needs and that tree lacks gets a neutral stand-in
OLD_TREE_DRIVER = """
import json, sys
from pathlib import Path
import chronik_build.entities as E, chronik_build.lexicon as L, chronik_build.rules as R
given = frozenset(x for x in Path(sys.argv[2]).read_text(encoding="utf-8").split("\\n") if x and x[0] != "#")
L.is_given_name = getattr(L, "is_given_name", given.__contains__)
E._place_cue = getattr(E, "_place_cue", lambda st, w: False)
E.apply_entity_model = getattr(E, "apply_entity_model", lambda st: None)
if not hasattr(E.EntityState, "tags"):
    E.EntityState.tags = {}
if not hasattr(E.EntityState, "opens_sentence"):
    E.EntityState.opens_sentence = lambda self, toks, i: i == 0
if not hasattr(R.LangRules, "names"):
    R.LangRules.names = property(lambda self: {"legal_forms": ()})
from chronik_build.tools import train_entity_model as tm
arts = tm.training_articles(Path(sys.argv[1]), spans=sys.argv[3] == "spans")
print(json.dumps([{"name": a.name, "wanted": a.wanted, "samples": [s.__dict__ for s in a.samples]} for a in arts]))
"""


def old_rule_articles(commit: str, root: Path = ROOT, spans: bool = False) -> list[Article]:
    """The training articles' samples with the candidates and decisions of the rules as of commit (with spans:
    and the span candidates of taggers trained there, see training_articles)."""
    with tempfile.TemporaryDirectory(prefix="old-rules-") as tmp:
        archive = subprocess.run(
            ["git", "-C", str(root), "archive", commit, "build"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        pkg = Path(tmp) / "build" / "chronik_build"
        for name in (
            "entity_model.py",
            "linear.py",
            "name_spans.py",
            "tools/train_entity_model.py",
            "tools/train_name_spans.py",
            "tools/training_data.py",
        ):
            shutil.copy(root / "build" / "chronik_build" / name, pkg / name)
        given = root / "build" / "chronik_build" / "rules" / "common" / "given_names.txt"
        env = {**os.environ, "PYTHONPATH": str(Path(tmp) / "build"), em.ENV: "none"}
        proc = subprocess.run(
            [sys.executable, "-c", OLD_TREE_DRIVER, str(root), str(given), "spans" if spans else "rules"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    arts = json.loads(proc.stdout)
    return [
        Article(a["name"], [Sample(**{**s, "replaces": tuple(s["replaces"])}) for s in a["samples"]], a["wanted"])
        for a in arts
    ]


# ---------------------------------------------------------------- simulated scores and thresholds


def simulate(articles: list[Article], probas: dict[int, dict[str, float]], t: em.Thresholds) -> dict[str, float]:
    """Entity precision, recall, F1 and type accuracy the scorer would give with these thresholds (probas by
    id() of the sample)."""
    tp, fp, gold, type_ok = simulate_counts(articles, probas, t)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / gold if gold else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "type": type_ok / tp if tp else 0.0,
    }


def simulate_counts(
    articles: list[Article], probas: dict[int, dict[str, float]], t: em.Thresholds
) -> tuple[int, int, int, int]:
    """(true positives, false positives, gold entities wanted, correct types) the scorer would count: each gold
    entity once, a second name for it a false positive, names only in page chrome neither."""
    model = em.EntityModel(LinearModel(labels=(em.NONE,), weights={}), t)
    tp = fp = type_ok = gold = 0
    for art in articles:
        matched: set[int] = set()
        gold += art.wanted
        verdicts = []
        for s in art.samples:
            cand = em.Candidate("", (), (), s.origin, None, s.rule_type)
            verdicts.append(em.decide(model, cand, probas[id(s)]) if id(s) in probas else None)
        swallowed = {
            r for s, v in zip(art.samples, verdicts, strict=True) if v and s.origin != "kept" for r in s.replaces
        }
        for s, verdict in zip(art.samples, verdicts, strict=True):
            kept_type = s.rule_type if s.origin == "kept" else None
            if verdict == "drop" or (s.origin == "kept" and s.ref in swallowed):
                kept_type = None
            elif verdict is not None:
                kept_type = verdict
            if kept_type is None:
                continue
            if s.gold is None or s.gold in matched:
                fp += 1
                continue
            matched.add(s.gold)
            tp += 1
            type_ok += kept_type == s.gold_type
    return tp, fp, gold, type_ok


# A decision turns on only when it beats leaving it off by this much (simulated F1 or type accuracy): smaller
# gains are noise. With 62 articles a 0.001 inner gain gave nothing in outer cross-validation; with 92, 0.005 let
# drop 0.8 / add 0.3 through, and outer cross-validation (bench/cv_entities.py --spans) put them at entity F1 0.821
# against the rules' 0.833, each fold choosing other thresholds. A decision that changes the output for nothing
# only adds ways to be wrong.
MIN_GAIN = 0.01


def choose_thresholds(articles: list[Article], probas: dict[int, dict[str, float]]) -> em.Thresholds:
    """Drop and add thresholds with the best simulated F1, then the retype threshold with the best type
    accuracy; each stays off unless it beats off by MIN_GAIN."""
    off = simulate(articles, probas, em.Thresholds())
    best = (off["f1"] + MIN_GAIN, em.Thresholds())
    for drop in GRID_DROP:
        for add in GRID_ADD:
            t = em.Thresholds(drop=drop, add=add)
            f1 = simulate(articles, probas, t)["f1"]
            if f1 > best[0] + 1e-9:
                best = (f1, t)
    chosen = best[1]
    base_f1 = best[0] if chosen != em.Thresholds() else off["f1"]
    best = (base_f1 + MIN_GAIN, chosen)
    for span in GRID_ADD:
        t = em.Thresholds(drop=chosen.drop, add=chosen.add, span=span)
        f1 = simulate(articles, probas, t)["f1"]
        if f1 > best[0] + 1e-9:
            best = (f1, t)
    if best[1] != chosen:
        chosen, base_f1 = best[1], best[0]
    base = simulate(articles, probas, chosen)
    best_type = (base["type"] + MIN_GAIN, chosen)
    for retype in GRID_RETYPE:
        t = em.Thresholds(drop=chosen.drop, add=chosen.add, retype=retype, span=chosen.span)
        acc = simulate(articles, probas, t)
        if acc["type"] > best_type[0] + 1e-9 and acc["f1"] >= base_f1 - 1e-9:
            best_type = (acc["type"], t)
    return best_type[1]


def best_single(articles: list[Article], probas: dict[int, dict[str, float]], which: str) -> em.Thresholds:
    """The best threshold of one decision alone ('drop', 'add' or 'retype'; by F1, type accuracy for 'retype'),
    never off: what that decision does when it is on."""
    grid = {"drop": GRID_DROP[1:], "add": GRID_ADD[1:], "retype": GRID_RETYPE[1:]}[which]
    figure = "type" if which == "retype" else "f1"
    return max((em.Thresholds(**{which: x}) for x in grid), key=lambda t: simulate(articles, probas, t)[figure])


def fit(articles: list[Article]) -> LinearModel:
    """The linear model on every sample of these articles."""
    return train([(s.features, s.label) for a in articles for s in a.samples], l2=L2, epochs=EPOCHS, seed=0)


def out_of_fold(articles: list[Article]) -> dict[int, dict[str, float]]:
    """Each sample's probabilities from a model trained on the other folds' articles."""
    probas: dict[int, dict[str, float]] = {}
    for k in range(FOLDS):
        held = [a for i, a in enumerate(articles) if fold_of(i) == k]
        rest = [a for i, a in enumerate(articles) if fold_of(i) != k]
        if not held or not rest:
            continue
        model = fit(rest)
        for a in held:
            for s in a.samples:
                probas[id(s)] = model.proba(s.features)
    return probas


def build_model(
    articles: list[Article], files: list[Path], root: Path = ROOT, rules_at: str | None = None, spans: bool = False
) -> em.EntityModel:
    """Thresholds by cross-validation over these articles, weights from all of them, and the meta (with the
    commit whose rules made the candidates, when not the current ones)."""
    t = choose_thresholds(articles, out_of_fold(articles))
    model = fit(articles)
    meta = {
        **model.meta,
        "feature_set": em.FEATURE_SET,
        "folds": FOLDS,
        "thresholds": {"drop": t.drop, "add": t.add, "retype": t.retype, "span": t.span},
        "gold_files": file_hashes(files, root),
        "samples": sum(len(a.samples) for a in articles),
    }
    if rules_at:
        meta["rules_at"] = rules_at
    if spans:
        meta["span_feature_set"] = ns.FEATURE_SET
    return em.EntityModel(LinearModel(model.labels, model.weights, meta), t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m chronik_build.tools.train_entity_model")
    ap.add_argument("--out", type=Path, default=em.SHIPPED)
    ap.add_argument("--check", action="store_true", help="exit 1 when the result differs from --out")
    ap.add_argument(
        "--rules-at",
        metavar="COMMIT",
        help="candidates and rule decisions from the extractor as of this commit (rules that had not "
        "seen some of the training articles make the errors they make on unseen text)",
    )
    ap.add_argument(
        "--spans",
        action="store_true",
        help="also learn from the span tagger's names (each article's from a tagger trained without its fold); "
        "a model so trained adds span names when CHRONIK_NAME_SPANS switches the tagger on",
    )
    args = ap.parse_args(argv)
    files = gold_articles()
    if not files:
        print(f"train_entity_model: no gold files under {', '.join(TRAINING_SETS)}", file=sys.stderr)
        return 1
    try:
        if args.rules_at:
            articles = old_rule_articles(args.rules_at, spans=args.spans)
        else:
            articles = training_articles(spans=args.spans)
        if args.spans:
            articles = with_spans(articles, {k: tagger_key({k}) for k in range(FOLDS)})
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode() if isinstance(exc.stderr, bytes) else exc.stderr or ""
        last = detail.strip().splitlines()[-1] if detail.strip() else str(exc)
        print(f"train_entity_model: --rules-at {args.rules_at}: {last}", file=sys.stderr)
        return 1
    built = build_model(articles, files, rules_at=args.rules_at, spans=args.spans)
    text = built.model.to_json()
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print("entity model is up to date" if same else f"{args.out} differs from what the training gives")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(files)} articles, thresholds {built.thresholds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
