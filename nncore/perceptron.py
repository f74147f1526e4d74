"""The perceptron learning algorithm (PLA) of 004, with a recorded history for animation.

Model: label(x) = sign(wᵀx + b) with sign(0) = 1 (004), labels y ∈ {−1, 1} (labels 0/1 are
mapped to −1/1). Loss on the misclassified set M (004 formula 2):
J(w, b) = Σ_{x_i ∈ M} −y_i (wᵀx_i + b),   so ∇_{w,b} J_i = −y_i (x_i, 1).

Learning (004's SGD variant): start at (w, b) = (0, 0); sweep the points in order, and for
every point that is misclassified by the current weights update
    w ← w + α y_i x_i,    b ← b + α y_i.
Stop when a sweep makes no mistake (converged). On data that no line separates (XOR) the
sweeps repeat forever: because they are deterministic, the first time the weights at the
start of a sweep equal those at the start of an earlier sweep the run is a cycle, and the
perceptron stops with ``cycled=True`` (it also stops, cycled, after ``max_epochs`` sweeps).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PerceptronStep:
    """The state after one update (or the initial state, ``index=-1``)."""

    epoch: int
    index: int  # the point that caused the update; -1 for the initial state
    w: np.ndarray
    b: float
    misclassified: int  # points misclassified by (w, b) over the whole data set


class Perceptron:
    """Rosenblatt's perceptron trained with the PLA (see module docstring).

    After ``fit``: ``w``, ``b``, ``converged``, ``cycled``, ``epochs`` (sweeps run) and
    ``history``, a list of :class:`PerceptronStep` (the initial state, then one per update)
    from which a page can draw the separating line wᵀx + b = 0 at each step.
    """

    def __init__(self, lr: float = 1.0, max_epochs: int = 100) -> None:
        self.lr = float(lr)
        self.max_epochs = int(max_epochs)
        self.w = np.zeros(0)
        self.b = 0.0
        self.history: list[PerceptronStep] = []
        self.converged = False
        self.cycled = False
        self.epochs = 0

    @staticmethod
    def signed_labels(y: np.ndarray) -> np.ndarray:
        """Labels as ±1 (0 → −1, anything positive → 1)."""
        y = np.asarray(y)
        return np.where(y > 0, 1.0, -1.0)

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """f_w(x) = wᵀx + b for every row of X."""
        return np.asarray(X, dtype=np.float64) @ self.w + self.b

    def predict(self, X: np.ndarray) -> np.ndarray:
        """sign(wᵀx + b) ∈ {−1, 1}, with sign(0) = 1."""
        return np.where(self.decision_function(X) >= 0, 1, -1)

    def _errors(self, X: np.ndarray, y: np.ndarray) -> int:
        return int(np.sum(self.predict(X) != y))

    def _record(self, epoch: int, index: int, X: np.ndarray, y: np.ndarray) -> None:
        self.history.append(PerceptronStep(epoch, index, self.w.copy(), self.b, self._errors(X, y)))

    def fit(self, X: np.ndarray, y: np.ndarray) -> Perceptron:
        X = np.asarray(X, dtype=np.float64)
        y = self.signed_labels(y)
        self.w, self.b = np.zeros(X.shape[1]), 0.0
        self.history, self.converged, self.cycled, self.epochs = [], False, False, 0
        self._record(0, -1, X, y)
        seen: set[tuple[float, ...]] = set()
        for epoch in range(1, self.max_epochs + 1):
            start = (*self.w, self.b)
            if start in seen:
                self.cycled = True
                return self
            seen.add(start)
            self.epochs = epoch
            mistakes = 0
            for i in range(len(X)):
                if (1 if X[i] @ self.w + self.b >= 0 else -1) != y[i]:
                    self.w += self.lr * y[i] * X[i]
                    self.b += self.lr * y[i]
                    mistakes += 1
                    self._record(epoch, i, X, y)
            if mistakes == 0:
                self.converged = True
                return self
        self.cycled = True  # epoch cap reached with mistakes left
        return self
