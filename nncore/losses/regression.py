"""Regression losses: MSE, MAE and Huber (002 §1.4.1–1.4.3, 004 MSE).

All reduce as described in :mod:`nncore.losses.base`: per sample the squared/absolute/Huber
errors are summed over the outputs; ``"mean"`` then divides by the number of samples N.
"""

from __future__ import annotations

import numpy as np

from nncore.losses.base import ElementwiseLoss


class MSE(ElementwiseLoss):
    """Mean squared error (004: J = (1/N) Σ_n ‖y_n − ŷ_n‖²₂; 002 formula 1.25).

    Per sample:   ℓ_i = Σ_k (y_ik − t_ik)²
    Gradient:     ∂ℓ_i/∂y_ik = 2 (y_ik − t_ik)         (004: ∂J/∂a = 2(a − y))
    With ``"mean"``: ℓ = (1/N) Σ_i ℓ_i and ∂ℓ/∂Y = 2 (Y − T) / N, N = number of samples (not
    N·K; for a single output the two agree). 000 §6.3 leaves MSE "to be updated", so this
    follows 000's N_norm convention and 004's formula. (001's E = ½ Σ (target − output)² is
    this loss with ``reduction="sum"`` times ½.)
    """

    def f(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        r = pred - target
        return r * r

    def df(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        return 2.0 * (pred - target)


class MAE(ElementwiseLoss):
    """Mean absolute error (002 formula 1.26, with the absolute value).

    Per sample:   ℓ_i = Σ_k |y_ik − t_ik|
    Gradient:     ∂ℓ_i/∂y_ik = sign(y_ik − t_ik)   (0 at the kink y = t, a subgradient)
    """

    def f(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        return np.abs(pred - target)

    def df(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        return np.sign(pred - target)


class Huber(ElementwiseLoss):
    """Huber loss with threshold δ (002 formula 1.27), r = y − t.

    Per entry:   ½ r²               if |r| < δ
                 δ (|r| − ½ δ)      otherwise
    Gradient:    r if |r| < δ, else δ·sign(r)     (i.e. clip(r, −δ, δ))
    """

    def __init__(self, delta: float = 1.0, reduction: str = "mean") -> None:
        super().__init__(reduction)
        if delta <= 0:
            raise ValueError("Huber delta must be positive")
        self.delta = float(delta)

    def f(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        a = np.abs(pred - target)
        return np.where(a < self.delta, 0.5 * a * a, self.delta * (a - 0.5 * self.delta))

    def df(self, pred: np.ndarray, target: np.ndarray) -> np.ndarray:
        return np.clip(pred - target, -self.delta, self.delta)

    def __repr__(self) -> str:
        return f"Huber(delta={self.delta}, reduction={self.reduction!r})"
