"""A small multinomial logistic regression in plain Python and numpy: sparse named features in, label
probabilities out. Weights ship as JSON data (feature -> label -> weight, the bias as feature '__bias__'),
so a trained model is read, diffed and regenerated like any other rules file."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

BIAS = "__bias__"
LEARNING_RATE = 0.5


@dataclass(frozen=True)
class LinearModel:
    """Weights of a multinomial logistic regression over named features."""

    labels: tuple[str, ...]
    weights: dict[str, dict[str, float]]  # feature -> label -> weight
    meta: dict = field(default_factory=dict)

    def proba(self, features: dict[str, float]) -> dict[str, float]:
        """Probability of each label for one sample (unknown features weigh nothing)."""
        scores = dict.fromkeys(self.labels, 0.0)
        for name, value in ((BIAS, 1.0), *features.items()):
            row = self.weights.get(name)
            if row is None or not value:
                continue
            for label, w in row.items():
                if label in scores:
                    scores[label] += w * value
        top = max(scores.values())
        exp = {label: math.exp(s - top) for label, s in scores.items()}
        total = sum(exp.values())
        return {label: e / total for label, e in exp.items()}

    def to_json(self) -> str:
        """Byte-stable JSON: sorted keys, weights rounded to 6 digits, zero weights left out."""
        weights = {f: {lab: round(w, 6) for lab, w in sorted(row.items()) if round(w, 6) != 0}
                   for f, row in sorted(self.weights.items())}
        data = {"labels": list(self.labels), "meta": self.meta, "weights": {f: r for f, r in weights.items() if r}}
        return json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LinearModel:
        """The model a `to_json` text describes (ValueError when it is not one)."""
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("labels"), list) or not isinstance(
                data.get("weights"), dict):
            raise ValueError("not a linear model: needs 'labels' (list) and 'weights' (object)")
        labels = tuple(str(lab) for lab in data["labels"])
        weights = {str(f): {str(lab): float(w) for lab, w in row.items()} for f, row in data["weights"].items()}
        return cls(labels=labels, weights=weights, meta=dict(data.get("meta") or {}))


def train(samples: list[tuple[dict[str, float], str]], *, l2: float, epochs: int, seed: int = 0) -> LinearModel:
    """Fit by full-batch gradient descent on the mean log loss plus l2/2 * |w|^2 (the bias is not penalised).

    Deterministic: labels and features are sorted, the start is all zeros, and full batches need no shuffling
    (`seed` is kept in the meta for the record)."""
    import numpy as np  # HanTa depends on numpy; only training needs it here

    if not samples:
        raise ValueError("no samples to train on")
    labels = tuple(sorted({label for _f, label in samples}))
    names = sorted({name for feats, _label in samples for name in feats} | {BIAS})
    column = {name: j for j, name in enumerate(names)}
    x = np.zeros((len(samples), len(names)))
    y = np.zeros((len(samples), len(labels)))
    for i, (feats, label) in enumerate(samples):
        x[i, column[BIAS]] = 1.0
        for name, value in feats.items():
            x[i, column[name]] = value
        y[i, labels.index(label)] = 1.0
    w = np.zeros((len(names), len(labels)))
    penalty = np.full((len(names), 1), l2)
    penalty[column[BIAS]] = 0.0
    for _ in range(epochs):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = x.T @ (p - y) / len(samples) + penalty * w
        w -= LEARNING_RATE * grad
    weights = {name: {label: float(w[j, k]) for k, label in enumerate(labels)} for name, j in column.items()}
    return LinearModel(labels=labels, weights=weights, meta={"l2": l2, "epochs": epochs, "seed": seed,
                                                              "samples": len(samples)})
