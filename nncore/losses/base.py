"""The loss-layer protocol (000 §7.2.1 LossLayer) and its reductions.

A loss compares a prediction batch with targets: ``forward(pred, target)`` returns the
loss, ``backward()`` returns ``dpred = ∂loss/∂pred`` for the same call.

Reductions (000 §6.1): every loss first computes one number per sample, ℓ_i (summing over
the sample's outputs when there are several), then
- ``"mean"`` (default): ℓ = (1/N) Σ_i ℓ_i, i.e. N_norm = N, the number of samples;
- ``"sum"``: ℓ = Σ_i ℓ_i, N_norm = 1;
- ``"none"``: the array (ℓ_1, …, ℓ_N) is returned; ``backward()`` then returns the
  gradient of Σ_i ℓ_i (each row holds ∂ℓ_i/∂pred_i, since samples do not interact).

Note the mean is over samples, not over every entry: for targets with K columns the loss is
(1/N) Σ_i Σ_k …, as in 000 (formulas 26–30, N_norm = N) and 004's MSE (1/N) Σ_n ‖y_n − ŷ_n‖².
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

REDUCTIONS = ("none", "sum", "mean")


class Loss:
    """Base class: reduction handling around ``_forward`` (per-sample losses) and
    ``_backward`` (the gradient of their sum, a fresh array the base may scale in place)."""

    def __init__(self, reduction: str = "mean") -> None:
        if reduction not in REDUCTIONS:
            raise ValueError(f"reduction must be one of {REDUCTIONS}; got {reduction!r}")
        self.reduction = reduction
        self._n: int | None = None

    def forward(self, pred: np.ndarray, target: ArrayLike) -> float | np.ndarray:
        per_sample = self._forward(np.asarray(pred, dtype=np.float64), np.asarray(target))
        self._n = per_sample.shape[0]
        if self.reduction == "none":
            return per_sample
        total = float(per_sample.sum())
        return total / self._n if self.reduction == "mean" else total

    def backward(self) -> np.ndarray:
        if self._n is None:
            raise RuntimeError(f"{type(self).__name__}.backward() called before forward()")
        grad = self._backward()
        if self.reduction == "mean":
            grad /= self._n
        return grad

    def __call__(self, pred: np.ndarray, target: ArrayLike) -> float | np.ndarray:
        return self.forward(pred, target)

    def _forward(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _backward(self) -> np.ndarray:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(reduction={self.reduction!r})"


def align_target(pred: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Targets as float64 of pred's shape; (N,) labels are accepted for (N, 1) predictions."""
    target = np.asarray(target, dtype=np.float64)
    if target.shape != pred.shape:
        if target.size != pred.size or target.shape[:1] != pred.shape[:1]:
            raise ValueError(f"target shape {target.shape} does not match pred shape {pred.shape}")
        target = target.reshape(pred.shape)
    return target


class ElementwiseLoss(Loss):
    """A loss that is a sum of the same function over every entry: ℓ_i = Σ_k f(y_ik, t_ik).

    Subclasses give ``f(pred, target)`` and its derivative ``df(pred, target)`` (∂f/∂pred).
    """

    def _forward(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        target = align_target(pred, target)
        self._pred, self._target = pred, target
        values = self.f(pred, target)
        return values.reshape(values.shape[0], -1).sum(axis=1)

    def _backward(self) -> np.ndarray:
        return self.df(self._pred, self._target)

    def f(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def df(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        raise NotImplementedError
