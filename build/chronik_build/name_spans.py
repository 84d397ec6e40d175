"""A learned proposer of name spans: a token-level BIO tagger (averaged perceptron, greedy left-to-right decoding
with the previous tag as a feature) that marks where a name starts and ends and what type it has. Its spans become
extra candidates for the entity scorer (entity_model.py): a name the rules cut short or ran on can reach the
scorer whole, and when the scorer adds it, it replaces the rule entities it swallows.

Features carry over to unseen text: word shape, HanTa tag, membership in the rules' word lists (role words, legal
forms, organisation and product cues, place nouns, given names, the place gazetteer), the same for the words
around it, sentence position, the previous tag. A capitalised token's own identity is never a feature (the tagger
must not memorise names); lowercase words and function words are.

Weights ship as data (rules/common/name_spans.json, written by python -m chronik_build.tools.train_name_spans).
`CHRONIK_NAME_SPANS` names another weights file, or `none` to switch the proposer off; by default the shipped
weights are used (see DEFAULT_ON)."""

from __future__ import annotations

import functools
import os
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .entities import EntityState, Tok, _strip_possessive
from .lexicon import demonym_place, is_common, is_given_name, is_listed, is_strong_place, name_shape, place_lookup
from .linear import LinearModel

FEATURE_SET = "name-span-features-2"
ENV = "CHRONIK_NAME_SPANS"
SHIPPED = Path(__file__).resolve().parent / "rules" / "common" / "name_spans.json"
# On by default: in the nested cross-validation against rules that had not seen the text (bench/cv_entities.py
# --rules-at c13ff62 / c392511 --spans) rules + spans + scorer beat rules + scorer on entity F1 (0.773 vs 0.768,
# 0.741 vs 0.725), and against the current rules it left every figure as it was. It only runs when the scorer has
# a decision on.
DEFAULT_ON = True
TYPES = ("organization", "person", "place", "product")
OUT = "O"
START = "<s>"


@dataclass(frozen=True)
class Span:
    """One name the tagger marks: its surface (without a possessive), type, offsets and sentence."""

    surface: str
    type: str
    start: int
    end: int
    sent: int
    margin: float = 0.0  # how sure the tagger was: the smallest lead of its tags over the runner-up, per token


# ---------------------------------------------------------------- features


def shape(w: str) -> str:
    """The word's shape: X for an upper-case letter, x lower, d digit, runs collapsed ('Xx', 'X-Xx', 'Xd')."""
    s = re.sub(r"[A-ZÄÖÜ]", "X", w)
    s = re.sub(r"[a-zäöüß]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1+", r"\1", s)[:6]


def _classes(st: EntityState, t: Tok) -> list[str]:
    """What the rules' word lists, the lexicon, the gazetteer and the tagger say of one token."""
    from .entity_model import _word_class  # the scorer's context-word classes (it imports this module)

    w = _strip_possessive(t.text)
    out = [f"c:{c}" for c in _word_class(st, w)]
    v, lang = st.v, st.lang
    legal = st.rules.names["legal_forms"]
    checks = {
        "listed": is_listed(w, lang),
        "common": w[:1].isupper() and is_common(w, lang),
        "given": is_given_name(w),
        "gaz": bool(place_lookup(w)),
        "strong": is_strong_place(w),
        "demonym": bool(demonym_place(w, lang)),
        "notname": w in v.not_names,
        "legal": w in legal or w + "." in legal,
        "orgsfx": w in v.org_suffixes,
        "prodsfx": w in v.prod_suffixes,
        "orgpfx": w in v.org_prefixes,
        "nameshape": name_shape(w),
        "poss": w != t.text,
    }
    out += [k for k, on in checks.items() if on]
    tag = st.tags.get(t.start)
    if tag:
        out.append(f"t:{tag[:3]}")
    low = w.lower()
    # A lowercase word may speak for itself only when it is an ordinary word of the language (the word lists
    # come from the system dictionaries): a lowercase or numbered name part ('eBook', '7x') is never a feature,
    # or the weights would learn the training texts' names.
    if not w[:1].isupper() and low.isalpha() and is_listed(low, lang):
        out.append(f"w:{low}")
    return out


def _gap(st: EntityState, a: Tok, b: Tok) -> str:
    """What separates two tokens: one space, nothing, or a punctuation class."""
    between = st.text[a.end : b.start]
    if between == " ":
        return "sp"
    stripped = between.strip()
    return "none" if not between else ("punct:" + stripped[:1] if stripped else "ws")


def sentence_features(st: EntityState, toks: list[Tok]) -> list[list[str]]:
    """Each token's static features (everything but the previous tag)."""
    own = [(shape(_strip_possessive(t.text)), _classes(st, t)) for t in toks]
    rows = []
    n = len(toks)
    for i, t in enumerate(toks):
        s, cls = own[i]
        f = [f"lang:{st.lang}", f"s:{s}", *cls]
        if i == 0 or st.opens_sentence(toks, i):
            f.append("initial")
        if i == n - 1:
            f.append("last")
        for d in (-2, -1, 1, 2):
            k = i + d
            if not 0 <= k < n:
                f.append(f"{d}:edge")
                continue
            ks, kcls = own[k]
            f.append(f"{d}:s:{ks}")
            f += [f"{d}:{c}" for c in kcls if abs(d) == 1 or c.startswith(("c:", "t:"))]
        if i > 0:
            f.append("gap-:" + _gap(st, toks[i - 1], t))
            f.append(f"s-s:{own[i - 1][0]}|{s}")
        if i + 1 < n:
            f.append("gap+:" + _gap(st, t, toks[i + 1]))
            f.append(f"s+s:{s}|{own[i + 1][0]}")
        rows.append(f)
    return rows


def _dynamic(static: list[str], prev: str) -> list[str]:
    """The static features plus those of the previous tag."""
    s = next((x for x in static if x.startswith("s:")), "s:")
    return [*static, f"pt:{prev}", f"pt|{s}:{prev}"]


# ---------------------------------------------------------------- labels from gold


def gold_labels(st: EntityState, toks: list[Tok], names: dict[str, str]) -> list[str]:
    """BIO labels of a sentence: each gold name or alias (case-folded, possessive or genitive -s allowed) marked
    where it stands, the longest first."""
    labels = [OUT] * len(toks)
    longest = max((len(n.split()) for n in names), default=0) + 1
    i = 0
    while i < len(toks):
        hit = None
        for j in range(min(len(toks), i + longest), i, -1):
            if any(st.text[toks[k].end : toks[k + 1].start] not in (" ", "-", "") for k in range(i, j - 1)):
                continue
            surface = st.text[toks[i].start : toks[j - 1].end].casefold()
            for form in (surface, _strip_possessive(surface), surface[:-1] if surface.endswith("s") else ""):
                if form in names:
                    hit = (j, names[form])
                    break
            if hit:
                break
        if hit is None:
            i += 1
            continue
        j, type_ = hit
        labels[i] = f"B-{type_}"
        for k in range(i + 1, j):
            labels[k] = f"I-{type_}"
        i = j
    return labels


# ---------------------------------------------------------------- the tagger


def _allowed(label: str, prev: str) -> bool:
    """An inside tag continues a name of its own type."""
    return not label.startswith("I-") or prev[2:] == label[2:]


def _scored(weights: dict[str, dict[str, float]], feats: list[str], labels: tuple[str, ...], prev: str):
    """The best allowed label and its lead over the runner-up."""
    scores: dict[str, float] = dict.fromkeys(labels, 0.0)
    for f in feats:
        row = weights.get(f)
        if row:
            for lab, w in row.items():
                scores[lab] += w
    ranked = sorted((lab for lab in labels if _allowed(lab, prev)), key=lambda lab: (scores[lab], lab == OUT, lab))
    lead = scores[ranked[-1]] - scores[ranked[-2]] if len(ranked) > 1 else 0.0
    return ranked[-1], lead


def _best(weights: dict[str, dict[str, float]], feats: list[str], labels: tuple[str, ...], prev: str) -> str:
    return _scored(weights, feats, labels, prev)[0]


def decode(model: LinearModel, rows: list[list[str]]) -> list[str]:
    """Greedy left-to-right tags of one sentence."""
    return [tag for tag, _ in decode_with_leads(model, rows)]


def decode_with_leads(model: LinearModel, rows: list[list[str]]) -> list[tuple[str, float]]:
    """Greedy left-to-right tags of one sentence, each with its lead over the runner-up."""
    out, prev = [], START
    for static in rows:
        prev, lead = _scored(model.weights, _dynamic(static, prev), model.labels, prev)
        out.append((prev, lead))
    return out


def train(data: list[tuple[list[list[str]], list[str]]], *, epochs: int = 8, seed: int = 0) -> LinearModel:
    """An averaged perceptron over sentences (features, gold labels); fixed seed and order: the same data give
    the same weights."""
    labels = tuple(sorted({OUT, *(lab for _, gold in data for lab in gold)}))
    weights: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    totals: dict[tuple[str, str], float] = defaultdict(float)
    stamps: dict[tuple[str, str], int] = defaultdict(int)
    clock = 0

    def bump(feats: list[str], label: str, delta: float) -> None:
        for f in feats:
            key = (f, label)
            totals[key] += (clock - stamps[key]) * weights[f][label]
            stamps[key] = clock
            weights[f][label] += delta

    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for n in order:
            rows, gold = data[n]
            prev = START
            for static, truth in zip(rows, gold, strict=True):
                clock += 1
                feats = _dynamic(static, prev)
                guess = _best(weights, feats, labels, prev)
                if guess != truth:
                    bump(feats, truth, 1.0)
                    bump(feats, guess, -1.0)
                prev = guess
    averaged: dict[str, dict[str, float]] = {}
    for f, row in weights.items():
        for lab, w in row.items():
            key = (f, lab)
            value = (totals[key] + (clock - stamps[key]) * w) / max(1, clock)
            if abs(value) >= 1e-6:
                averaged.setdefault(f, {})[lab] = value
    return LinearModel(labels, averaged, {"epochs": epochs, "seed": seed, "feature_set": FEATURE_SET})


# ---------------------------------------------------------------- proposals


def propose(st: EntityState, model: LinearModel) -> list[Span]:
    """The names the tagger marks in the body sentences."""
    spans = []
    for toks in st.sentences:
        if not toks:
            continue
        tagged = decode_with_leads(model, sentence_features(st, toks))
        tags = [tag for tag, _ in tagged]
        i = 0
        while i < len(toks):
            if tags[i] == OUT:
                i += 1
                continue
            j = i + 1
            while j < len(toks) and tags[j] == "I-" + tags[i][2:]:
                j += 1
            surface = _strip_possessive(st.text[toks[i].start : toks[j - 1].end])
            if len(surface) >= 2:
                start = toks[i].start
                margin = min(lead for _, lead in tagged[i : j + 1])  # the token after too: where the name ends
                spans.append(Span(surface, tags[i][2:], start, start + len(surface), toks[i].sent, margin))
            i = j
    return spans


@functools.cache
def _load(path: str) -> LinearModel:
    return LinearModel.from_json(Path(path).read_text(encoding="utf-8"))


def current_tagger() -> LinearModel | None:
    """The tagger `CHRONIK_NAME_SPANS` names (`none`: none), else the shipped one when DEFAULT_ON."""
    chosen = os.environ.get(ENV, "")
    if chosen.lower() == "none" or (not chosen and not DEFAULT_ON):
        return None
    path = Path(chosen) if chosen else SHIPPED
    if not path.is_file():
        raise ValueError(f"{ENV}={chosen}: no such weights file")
    return _load(str(path))
