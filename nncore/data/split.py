"""Train/validation/test split (000 §4.2.1) and standardisation fitted on the training set."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Split:
    """The three subsets of 000 §4.2.1."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_valid: np.ndarray
    y_valid: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def _cut(n: int, ratios: tuple[float, float]) -> tuple[int, int]:
    n_train = round(ratios[0] * n)
    n_valid = round(ratios[1] * n)
    return n_train, min(n_train + n_valid, n)


def train_valid_test_split(
    X: np.ndarray,
    y: np.ndarray,
    ratios: tuple[float, float] = (0.7, 0.15),
    seed: int | None = 0,
    stratify: bool = False,
) -> Split:
    """Shuffle the samples, then cut them α : β : (1 − α − β) (000 §4.2.1).

    ``ratios`` = (α, β), the training and validation fractions; the rest is the test set.
    ``stratify=True`` cuts every class separately with the same ratios, so each subset keeps
    the class proportions (y must then be class labels).
    """
    if ratios[0] <= 0 or ratios[1] < 0 or sum(ratios) > 1:
        raise ValueError("need α > 0, β ≥ 0 and α + β ≤ 1")
    X, y = np.asarray(X), np.asarray(y)
    rng = np.random.default_rng(seed)
    groups = [np.flatnonzero(y == c) for c in np.unique(y)] if stratify else [np.arange(len(y))]
    parts: list[list[np.ndarray]] = [[], [], []]
    for idx in groups:
        idx = rng.permutation(idx)
        a, b = _cut(len(idx), ratios)
        for part, chunk in zip(parts, (idx[:a], idx[a:b], idx[b:]), strict=True):
            part.append(chunk)
    tr, va, te = (rng.permutation(np.concatenate(p)) if stratify else p[0] for p in parts)
    return Split(X[tr], y[tr], X[va], y[va], X[te], y[te])


class Standardizer:
    """z = (x − mean) / std per feature, with mean and std fitted on the training set only
    and then applied to the validation and test sets. Constant features keep std = 1."""

    def __init__(self) -> None:
        self.mean: np.ndarray | None = None
        self.std: np.ndarray | None = None

    def fit(self, X: np.ndarray) -> Standardizer:
        X = np.asarray(X, dtype=np.float64)
        self.mean = X.mean(axis=0)
        std = X.std(axis=0)
        self.std = np.where(std > 0, std, 1.0)
        return self

    def _fitted(self) -> tuple[np.ndarray, np.ndarray]:
        if self.mean is None or self.std is None:
            raise RuntimeError("call fit(X_train) first")
        return self.mean, self.std

    def transform(self, X: np.ndarray) -> np.ndarray:
        mean, std = self._fitted()
        return (np.asarray(X, dtype=np.float64) - mean) / std

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        mean, std = self._fitted()
        return np.asarray(Z, dtype=np.float64) * std + mean

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        return self.fit(X).transform(X)
