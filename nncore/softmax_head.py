"""The classification head taken apart: softmax, its Jacobian, cross-entropy and its gradient
(000 §5.6 and §6, 002 §1.3.2, 004), with the numbers a page shows.

For logits z (K classes), a temperature T and a label distribution y (hard: one-hot; soft:
any distribution):

    s = z / T,     p = softmax(s),  p_i = e^(s_i) / Σ_k e^(s_k)          (000 formula 24)
    ℓ = −Σ_i y_i log p_i                                                (000 formula 26)
    J = ∂p/∂s = diag(p) − p pᵀ                                          (000 formula 25)
    ∂ℓ/∂p = −y / p                                                      (000 formula 28, ε = 0)
    ∂ℓ/∂s = Jᵀ (−y / p) = p − y        (because Σ y_i = 1),   ∂ℓ/∂z = (p − y) / T

Every gradient here comes from the engine's own backward passes: the fused
:class:`~nncore.losses.SoftmaxCrossEntropy`, the separate :class:`~nncore.layers.Softmax`
layer after :class:`~nncore.losses.CrossEntropy`, and :class:`~nncore.losses.BCEWithLogits`;
this module only arranges them side by side (and builds J to show it).

Numerics: log Σ e^(s_k) overflows for s of ±1000 (e^1000 is beyond float64); the stable
form subtracts m = max s first, log Σ e^(s_k) = m + log Σ e^(s_k − m), and never overflows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from nncore.errors import CodedError
from nncore.layers import Softmax
from nncore.layers.functional import sigmoid
from nncore.losses import BCEWithLogits, CrossEntropy, SoftmaxCrossEntropy, one_hot


class HeadInputError(CodedError):
    """Logits, labels or a temperature the head cannot use."""


def softmax_jacobian(p: ArrayLike) -> np.ndarray:
    """J = diag(p) − p pᵀ (K × K, symmetric): J_ij = p_i (δ_ij − p_j)."""
    p = np.asarray(p, dtype=np.float64)
    return np.diag(p) - np.outer(p, p)


def label_distribution(n_classes: int, hard: int | None = None,
                       weights: ArrayLike | None = None) -> np.ndarray:
    """y: one-hot for the hard label ``hard``, else the soft label ``weights`` / Σ weights."""
    if hard is not None:
        return one_hot(np.array([hard]), n_classes)[0]
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != (n_classes,) or np.any(w < 0) or not np.isfinite(w).all() or w.sum() <= 0:
        raise HeadInputError("head.soft_label",
                             "a soft label needs {k} non-negative weights, not all zero",
                             k=n_classes)
    return w / w.sum()


@dataclass(frozen=True)
class HeadResult:
    """One sample through the head (see the module docstring for every symbol)."""

    z: np.ndarray
    temperature: float
    s: np.ndarray
    p: np.ndarray
    y: np.ndarray
    loss: float
    grad_s: np.ndarray  # p − y, from SoftmaxCrossEntropy.backward
    grad_p: np.ndarray  # −y / p, from CrossEntropy.backward (ε = 0)
    grad_s_layers: np.ndarray  # Softmax.backward(−y / p): the separate pair of 000
    jacobian: np.ndarray

    @property
    def grad_z(self) -> np.ndarray:
        """∂ℓ/∂z = (p − y) / T (the temperature divides the logits)."""
        return self.grad_s / self.temperature

    @property
    def chained(self) -> np.ndarray:
        """Jᵀ (−y / p), with J built as a matrix."""
        return self.jacobian.T @ self.grad_p

    @property
    def check_error(self) -> float:
        """max_i |(Jᵀ (−y/p))_i − (p − y)_i|: 0 up to rounding (about 1e-16)."""
        return float(np.max(np.abs(self.chained - self.grad_s)))


def softmax_head(z: ArrayLike, y: ArrayLike, temperature: float = 1.0) -> HeadResult:
    """Softmax and cross-entropy of one sample with logits ``z`` and label distribution ``y``."""
    if not temperature > 0:
        raise HeadInputError("head.temperature", "the temperature must be > 0, not {t}",
                             t=temperature)
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    s = (z / temperature)[None, :]
    fused = SoftmaxCrossEntropy(reduction="sum")
    loss = float(fused.forward(s, y[None, :]))
    grad_s = fused.backward()[0]
    p = fused.probs[0]
    layer = Softmax()
    p_layer = layer.forward(s)
    ce = CrossEntropy(reduction="sum", eps=0.0)
    ce.forward(p_layer, y[None, :])
    grad_p = ce.backward()
    grad_s_layers = layer.backward(grad_p)[0]
    return HeadResult(z, float(temperature), s[0], p, y, loss, grad_s, grad_p[0],
                      grad_s_layers, softmax_jacobian(p))


def example_batch(n: int, n_classes: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A batch to reduce: logits Z (n, K) drawn from N(0, 2²), rounded to 2 decimals, and hard
    labels (n,) drawn uniformly, both from ``seed``."""
    rng = np.random.default_rng(seed)
    return np.round(rng.normal(0.0, 2.0, (n, n_classes)), 2), rng.integers(0, n_classes, n)


@dataclass(frozen=True)
class BatchResult:
    """A batch of N samples with one reduction: the per-sample losses ℓ_i, the reduced loss,
    the gradient ∂L/∂Z (N × K) and the factor 1/N_norm every row's p_i − y_i is scaled by."""

    reduction: str
    losses: np.ndarray
    loss: float | np.ndarray
    grad: np.ndarray
    scale: float


def batch_head(Z: ArrayLike, labels: ArrayLike, reduction: str) -> BatchResult:
    """The fused softmax cross-entropy of a batch with hard ``labels``, reduced by
    ``reduction`` ("none": L = (ℓ_1, …, ℓ_N) and the gradient of Σ ℓ_i; "sum": N_norm = 1;
    "mean": N_norm = N, 000 formula 26)."""
    Z = np.asarray(Z, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    per_sample = SoftmaxCrossEntropy(reduction="none").forward(Z, labels)
    loss_fn = SoftmaxCrossEntropy(reduction=reduction)
    loss = loss_fn.forward(Z, labels)
    grad = loss_fn.backward()
    scale = 1.0 / Z.shape[0] if reduction == "mean" else 1.0
    value = np.asarray(loss) if reduction == "none" else float(loss)
    return BatchResult(reduction, np.asarray(per_sample), value, grad, scale)


@dataclass(frozen=True)
class LogSumExp:
    """log Σ e^(s_k) two ways. Naive: ``exp`` = e^s, ``total`` = Σ e^s, ``naive`` = log of it,
    ``naive_p`` = e^s / Σ e^s (inf and NaN once e^s overflows). Stable: ``m`` = max s,
    ``shifted_exp`` = e^(s − m), ``stable`` = m + log Σ e^(s − m), ``stable_p``."""

    s: np.ndarray
    exp: np.ndarray
    total: float
    naive: float
    naive_p: np.ndarray
    m: float
    shifted_exp: np.ndarray
    stable: float
    stable_p: np.ndarray

    @property
    def overflowed(self) -> bool:
        """Whether the naive formula stopped being a number (e^s beyond float64)."""
        return not (np.isfinite(self.naive) and np.isfinite(self.naive_p).all())


def log_sum_exp(s: ArrayLike) -> LogSumExp:
    """The naive and the stable log-sum-exp of ``s`` and the softmax each gives."""
    s = np.asarray(s, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(s)
        total = float(e.sum())
        naive = float(np.log(total))
        naive_p = e / total
    m = float(s.max())
    shifted = np.exp(s - m)
    stable = m + float(np.log(shifted.sum()))
    return LogSumExp(s, e, total, naive, naive_p, m, shifted, stable, shifted / shifted.sum())


@dataclass(frozen=True)
class BinaryComparison:
    """Two classes two ways, for a logit a and a label y ∈ [0, 1] (the probability of class 1):
    a sigmoid output with BCE, σ(a), ∂ℓ/∂a = σ(a) − y (from ``BCEWithLogits.backward``), and a
    2-logit softmax on z = (0, a) with label (1 − y, y), ∂ℓ/∂z = p − y (from
    ``SoftmaxCrossEntropy.backward``): p₁ = σ(a), the losses are equal and ∂ℓ/∂z₁ = ∂ℓ/∂a,
    ∂ℓ/∂z₀ = −∂ℓ/∂a."""

    a: float
    y: float
    sigmoid: float
    bce: float
    bce_grad: float
    softmax_p: np.ndarray
    ce: float
    ce_grad: np.ndarray


def binary_comparison(a: float, y: float) -> BinaryComparison:
    """BCE on σ(a) next to softmax cross-entropy on the logits (0, a)."""
    if not 0.0 <= y <= 1.0:
        raise HeadInputError("head.binary_label", "the label must lie in [0, 1], not {y}", y=y)
    bce = BCEWithLogits(reduction="sum")
    bce_loss = float(bce.forward(np.array([[a]]), np.array([[y]])))
    bce_grad = float(bce.backward()[0, 0])
    ce = SoftmaxCrossEntropy(reduction="sum")
    ce_loss = float(ce.forward(np.array([[0.0, a]]), np.array([[1.0 - y, y]])))
    ce_grad = ce.backward()[0]
    sigma = float(sigmoid(np.array(a, dtype=np.float64)))
    return BinaryComparison(float(a), float(y), sigma, bce_loss, bce_grad, ce.probs[0],
                            ce_loss, ce_grad)
