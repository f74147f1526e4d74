"""Classification losses (000 §6.1–6.2, 002 §1.4.4): cross-entropy on probabilities, the fused
softmax cross-entropy on logits, and binary cross-entropy on probabilities or on logits.

Targets for the K-class losses are either hard labels, an integer vector t of class indices
(000 formula 27), or soft labels, an (N, K) matrix T whose rows are distributions
(000 formula 26). Hard labels are one-hot encoded, so both use the same formulas.
"""

from __future__ import annotations

import numpy as np

from nncore.layers.functional import row_max, row_sum, sigmoid
from nncore.losses.base import ElementwiseLoss, Loss


def one_hot(labels: np.ndarray, n_classes: int) -> np.ndarray:
    """The (N, K) matrix with T[i, labels[i]] = 1 and zeros elsewhere."""
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError("hard labels must be a 1-D integer array of class indices")
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"class indices must lie in 0..{n_classes - 1}")
    T = np.zeros((labels.shape[0], n_classes))
    T[np.arange(labels.shape[0]), labels] = 1.0
    return T


def target_distribution(pred: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Soft targets T (N, K) from hard labels (N,) or from soft labels (N, K)."""
    if pred.ndim != 2:
        raise ValueError(f"expected predictions of shape (N, K); got {pred.shape}")
    if target.ndim == 1:
        return one_hot(target, pred.shape[1])
    if target.shape != pred.shape:
        raise ValueError(f"soft targets must have shape {pred.shape}; got {target.shape}")
    return target.astype(np.float64, copy=False)


class CrossEntropy(Loss):
    """Cross-entropy on probabilities Y (rows from a Softmax layer), 000 §6.1.

    Per sample:   ℓ_i = −t_i · log(y_i + ε)            (000 formulas 26, 27)
    Gradient:     ∂ℓ_i/∂y_i = −t_i / (y_i + ε)         (000 formula 28)
    ε (``eps``, 1e-12) keeps log and division finite; it is inside the log as well, so the
    gradient is the exact derivative of the value returned.
    """

    def __init__(self, reduction: str = "mean", eps: float = 1e-12) -> None:
        super().__init__(reduction)
        self.eps = float(eps)

    def _forward(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        self._Y, self._T = pred, target_distribution(pred, target)
        return -np.sum(self._T * np.log(pred + self.eps), axis=1)

    def _backward(self) -> np.ndarray:
        return -self._T / (self._Y + self.eps)


class SoftmaxCrossEntropy(Loss):
    """Softmax followed by cross-entropy, fused and numerically stable, on logits Z.

    Forward:   p_i = softmax(z_i),   ℓ_i = −t_i · log p_i,
               log p_i = (z_i − max z_i) − log Σ_k e^(z_ik − max z_i)   (never overflows)
    Backward:  ∂ℓ_i/∂z_i = p_i − t_i,   so with ``"mean"``  ΔZ = (P − T) / N.

    This is 000's Softmax layer (formula 25) and CrossEntropy (formula 28) multiplied out:
    (diag(p) − p pᵀ)(−t/p) = p − t, because the t_i sum to 1. The last probabilities are
    kept as ``probs`` for display.
    """

    def _forward(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        self._T = target_distribution(pred, target)
        shifted = pred - row_max(pred)
        e = np.exp(shifted)
        s = row_sum(e)
        self.probs = e / s
        shifted -= np.log(s)  # now log p
        return -row_sum(self._T * shifted)[:, 0]

    def _backward(self) -> np.ndarray:
        return self.probs - self._T


class BCE(ElementwiseLoss):
    """Binary cross-entropy on probabilities y ∈ (0, 1) (000 §6.2).

    Per entry:   −[t log(y + ε) + (1 − t) log(1 − y + ε)]      (000 formula 29)
    Gradient:    −[t / (y + ε) − (1 − t) / (1 − y + ε)]        (000 formula 30)
    Several outputs (multi-label) are summed per sample, as 000 §1.4.1 says.
    """

    def __init__(self, reduction: str = "mean", eps: float = 1e-12) -> None:
        super().__init__(reduction)
        self.eps = float(eps)

    def f(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        return -(target * np.log(pred + self.eps) + (1.0 - target) * np.log(1.0 - pred + self.eps))

    def df(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        return -(target / (pred + self.eps) - (1.0 - target) / (1.0 - pred + self.eps))


class BCEWithLogits(ElementwiseLoss):
    """Sigmoid followed by binary cross-entropy, fused and stable, on logits z.

    Per entry:   max(z, 0) − z t + log(1 + e^(−|z|))   (= BCE(σ(z), t) without overflow)
    Gradient:    σ(z) − t                               (004: ∂J/∂b⁽²⁾ = a⁽²⁾ − y)
    """

    def f(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        return np.maximum(pred, 0.0) - pred * target + np.log1p(np.exp(-np.abs(pred)))

    def df(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        return sigmoid(pred) - target
