"""Numerically stable elementwise and row-wise functions used by layers, losses and heads.

Plain functions on float64 arrays, no state: ``sigmoid``, ``softmax``, ``log_softmax``,
``erf`` (vectorized; numpy has none) and the standard normal ``normal_cdf``/``normal_pdf``.
"""

from __future__ import annotations

import numpy as np

# Chebyshev coefficients of erfc(z) = t·exp(−z² + P(t)), t = 2/(2+z), z ≥ 0
# (Numerical Recipes, 3rd ed., §6.2.2); absolute error of erf below 1e-15 everywhere.
# fmt: off
_ERFC_COEF = np.array([
    -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3,
    -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5,
    -1.624290004647e-6, 1.303655835580e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9,
    5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12,
    -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15,
    -9.4e-17, 1.21e-16, -2.8e-17,
])
# fmt: on
_SQRT_2 = np.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / np.sqrt(2.0 * np.pi)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """σ(x) = 1 / (1 + e^(−x)), evaluated without overflow for large |x|."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


_FEW_COLUMNS = 8


def row_max(z: np.ndarray) -> np.ndarray:
    """max_k z_ik as a column (N, 1) for a batch z (N, K).

    numpy reduces slowly along a short last axis (K = 2 or 3 classes), so for a few
    columns the maximum is taken column by column instead (same result).
    """
    if z.ndim == 2 and 1 < z.shape[1] <= _FEW_COLUMNS:
        m = z[:, 0].copy()
        for k in range(1, z.shape[1]):
            np.maximum(m, z[:, k], out=m)
        return m[:, None]
    return z.max(axis=-1, keepdims=True)


def row_sum(z: np.ndarray) -> np.ndarray:
    """Σ_k z_ik as a column (N, 1), via a matrix-vector product (fast for short rows)."""
    return (z @ np.ones(z.shape[-1]))[..., None]


def softmax(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Row-wise softmax (000 formula 24): y_i = e^(z_i) / Σ_k e^(z_k).

    The row maximum is subtracted first (the result is unchanged) so huge logits don't
    overflow; every row of the result sums to 1. ``out`` (may be z itself) receives the
    result instead of a new array.
    """
    e = np.subtract(z, row_max(z), out=out)
    np.exp(e, out=e)
    e /= row_sum(e)
    return e


def log_softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise log softmax: z_i − max z − log Σ_k e^(z_k − max z)."""
    shifted = z - row_max(z)
    shifted -= np.log(row_sum(np.exp(shifted)))
    return shifted


def _erfc_nonneg(z: np.ndarray) -> np.ndarray:
    t = 2.0 / (2.0 + z)
    ty = 4.0 * t - 2.0
    d = np.zeros_like(z)
    dd = np.zeros_like(z)
    for c in _ERFC_COEF[:0:-1]:  # Clenshaw recurrence
        d, dd = ty * d - dd + c, d
    return t * np.exp(-z * z + 0.5 * (_ERFC_COEF[0] + ty * d) - dd)


def erf(x: np.ndarray) -> np.ndarray:
    """The error function erf(x) = 2/√π ∫₀ˣ e^(−s²) ds, elementwise."""
    x = np.asarray(x, dtype=np.float64)
    tail = _erfc_nonneg(np.abs(x))
    return np.where(x >= 0, 1.0 - tail, tail - 1.0)


def normal_cdf(x: np.ndarray) -> np.ndarray:
    """Φ(x) = ½ (1 + erf(x/√2)), the standard normal distribution function."""
    return 0.5 * (1.0 + erf(x / _SQRT_2))


def normal_pdf(x: np.ndarray) -> np.ndarray:
    """φ(x) = e^(−x²/2) / √(2π), the standard normal density."""
    return _INV_SQRT_2PI * np.exp(-0.5 * x * x)
