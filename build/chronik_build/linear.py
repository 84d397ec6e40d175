"""A small multinomial logistic regression in plain Python and numpy: sparse named features in, a probability
per label out. Weights are data (JSON, byte-stable), trained deterministically (fixed seed and sample order)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

BIAS = "__bias__"
DIGITS = 6  # weights are rounded to this many digits when written, so the JSON is byte-stable


@dataclass(frozen=True)
class LinearModel:
    """Weights per feature and label (the bias is the feature '__bias__'); meta says what trained it."""

    labels: tuple[str, ...]
    weights: dict[str, dict[str, float]]
    meta: dict = field(default_factory=dict)

    def scores(self, features: dict[str, float]) -> dict[str, float]:
        """The linear score of each label (features the model does not know count nothing)."""
        out = dict.fromkeys(self.labels, 0.0)
        for name, value in {**features, BIAS: 1.0}.items():
            row = self.weights.get(name)
            if row is None or not value:
                continue
            for label, w in row.items():
                out[label] += w * value
        return out

    def proba(self, features: dict[str, float]) -> dict[str, float]:
        """The probability of each label given the features (a softmax over the scores)."""
        scores = self.scores(features)
        top = max(scores.values())
        exp = {k: math.exp(s - top) for k, s in scores.items()}
        total = sum(exp.values())
        return {k: e / total for k, e in exp.items()}

    def to_json(self) -> str:
        """The model as JSON: sorted keys, weights rounded, zero weights left out (the same model, the same
        bytes)."""
        weights = {
            f: {lab: round(w, DIGITS) for lab, w in sorted(row.items()) if round(w, DIGITS) != 0}
            for f, row in sorted(self.weights.items())
        }
        weights = {f: row for f, row in weights.items() if row}
        data = {"labels": list(self.labels), "meta": self.meta, "weights": weights}
        return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LinearModel:
        """A model from its JSON (ValueError naming the field when the shape is wrong)."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("model JSON: expected an object")
        labels, weights, meta = data.get("labels"), data.get("weights"), data.get("meta", {})
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels) or not labels:
            raise ValueError("model JSON: 'labels' must be a non-empty list of strings")
        if not isinstance(weights, dict) or not all(isinstance(r, dict) for r in weights.values()):
            raise ValueError("model JSON: 'weights' must map each feature to {label: weight}")
        if not isinstance(meta, dict):
            raise ValueError("model JSON: 'meta' must be an object")
        rows = {f: {lab: float(w) for lab, w in row.items() if lab in labels} for f, row in weights.items()}
        return cls(labels=tuple(labels), weights=rows, meta=meta)


def _design(samples: list[tuple[dict[str, float], str]]) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Feature names, labels (both sorted), the dense sample-by-feature matrix (bias column first) and the label
    index of each sample."""
    import numpy as np

    names = sorted({f for feats, _ in samples for f in feats if f != BIAS})
    labels = sorted({lab for _, lab in samples})
    col = {f: k + 1 for k, f in enumerate(names)}
    x = np.zeros((len(samples), len(names) + 1))
    x[:, 0] = 1.0
    for i, (feats, _) in enumerate(samples):
        for f, value in feats.items():
            if f in col:
                x[i, col[f]] = value
    y = np.array([labels.index(lab) for _, lab in samples], dtype=int)
    return [BIAS, *names], labels, x, y


def train(
    samples: list[tuple[dict[str, float], str]],
    *,
    l2: float,
    epochs: int,
    seed: int = 0,
    batch: int = 32,
    rate: float = 0.3,
) -> LinearModel:
    """Fit a multinomial logistic regression by mini-batch gradient descent with AdaGrad steps and an L2 penalty
    (not on the bias). The same samples, settings and seed give the same weights."""
    import numpy as np  # only training needs it: an English extraction never imports numpy

    if not samples:
        raise ValueError("train: no samples")
    names, labels, x, y = _design(samples)
    n, d = x.shape
    k = len(labels)
    w = np.zeros((d, k))
    grad_sq = np.full((d, k), 1e-8)
    onehot = np.eye(k)[y]
    penalty = np.full((d, 1), l2)
    penalty[0] = 0.0
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch):
            idx = order[start : start + batch]
            xb = x[idx]
            z = xb @ w
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            g = xb.T @ (p - onehot[idx]) / len(idx) + penalty * w
            grad_sq += g * g
            w -= rate * g / np.sqrt(grad_sq)
    weights = {f: {lab: float(w[j, c]) for c, lab in enumerate(labels)} for j, f in enumerate(names)}
    return LinearModel(labels=tuple(labels), weights=weights, meta={"l2": l2, "epochs": epochs, "seed": seed})
