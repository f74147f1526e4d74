"""Adam and its variants (002 §1.2.5): Adam, AdamW, AdaMax, Nadam."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from nncore.layers.parameter import Parameter
from nncore.optimizers.base import Optimizer, average, average_square, corrected, descend


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015, Algorithm 1; 002 names it without formulas): momentum (the
    first moment m) with RMSProp's scaling (the second moment v), both bias-corrected.

        m ← β₁ m + (1 − β₁) g,        v ← β₂ v + (1 − β₂) g ⊙ g
        m̂ = m / (1 − β₁ᵗ),            v̂ = v / (1 − β₂ᵗ)
        w ← w − α m̂ / (√v̂ + ε)

    ``coefficients()``: {"bias1": 1 − β₁ᵗ, "bias2": 1 − β₂ᵗ}; ``state_of`` adds m̂ and v̂.
    """

    state_keys = ("m", "v")

    def __init__(self, params: Iterable[Parameter], lr: float = 0.001, beta1: float = 0.9,
                 beta2: float = 0.999, eps: float = 1e-8) -> None:
        super().__init__(params, lr)
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)

    def coefficients(self) -> dict[str, float]:
        return {"bias1": 1.0 - self.beta1**self.t, "bias2": 1.0 - self.beta2**self.t}

    def _update(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> None:
        m, v, g, c = state["m"], state["v"], p.grad, self._c
        # m ← β₁ m + (1 − β₁) g
        average(m, g, self.beta1, buf)
        # v ← β₂ v + (1 − β₂) g ⊙ g
        average_square(v, g, self.beta2, buf)
        # w ← w − α m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)
        descend(p.value, m, v, self._lr / c["bias1"], c["bias2"], self.eps, buf)

    def state_of(self, param: Parameter | str) -> dict[str, np.ndarray]:
        state, c = super().state_of(param), self.coefficients()
        if "bias1" in c:
            state["m_hat"] = corrected(state["m"], c["bias1"])
        if "bias2" in c:
            state["v_hat"] = corrected(state["v"], c["bias2"])
        return state

    def hyperparams(self) -> dict[str, Any]:
        return {"lr": self._lr, "beta1": self.beta1, "beta2": self.beta2, "eps": self.eps}


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter 2019; as PyTorch's AdamW):

        w ← w − α λ w        on the weights (``regularize``), not the biases; then
        w ← w − α m̂ / (√v̂ + ε)   (Adam's step)

    together w ← w − α (m̂ / (√v̂ + ε) + λ w). Unlike an L2 penalty added to the loss, the
    decay λw is not rescaled by √v̂. The decay is a multiplication in place, w ← (1 − αλ) w.
    """

    def __init__(self, params: Iterable[Parameter], lr: float = 0.001, beta1: float = 0.9,
                 beta2: float = 0.999, eps: float = 1e-8, weight_decay: float = 0.01) -> None:
        super().__init__(params, lr, beta1, beta2, eps)
        self.weight_decay = float(weight_decay)

    def _update(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> None:
        if p.regularize and self.weight_decay:
            # w ← w − α λ w
            p.value *= 1.0 - self._lr * self.weight_decay
        super()._update(p, state, buf)

    def hyperparams(self) -> dict[str, Any]:
        return {**super().hyperparams(), "weight_decay": self.weight_decay}


class AdaMax(Adam):
    """AdaMax (Kingma & Ba 2015, §7.1, Algorithm 2; 002 names it "AdamMax" without formulas):
    Adam with the second moment replaced by an exponentially weighted infinity norm u.

        m ← β₁ m + (1 − β₁) g,        u ← max(β₂ u, |g| + ε)
        w ← w − (α / (1 − β₁ᵗ)) m / u

    u needs no bias correction. The paper's u ← max(β₂u, |g|) has no ε; PyTorch's Adamax adds
    ε inside the max so that a weight whose gradients are all 0 does not divide 0 by 0, and so
    does this class. Defaults are the paper's (α = 0.002, β₁ = 0.9, β₂ = 0.999).
    ``coefficients()``: {"bias1": 1 − β₁ᵗ}; ``state_of`` adds m̂ = m / (1 − β₁ᵗ).
    """

    state_keys = ("m", "u")

    def __init__(self, params: Iterable[Parameter], lr: float = 0.002, beta1: float = 0.9,
                 beta2: float = 0.999, eps: float = 1e-8) -> None:
        super().__init__(params, lr, beta1, beta2, eps)

    def coefficients(self) -> dict[str, float]:
        return {"bias1": 1.0 - self.beta1**self.t}

    def _update(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> None:
        m, u, g = state["m"], state["u"], p.grad
        # m ← β₁ m + (1 − β₁) g
        average(m, g, self.beta1, buf)
        # u ← max(β₂ u, |g| + ε)
        u *= self.beta2
        np.abs(g, out=buf)
        buf += self.eps
        np.maximum(u, buf, out=u)
        # w ← w − (α / (1 − β₁ᵗ)) m / u
        np.divide(m, u, out=buf)
        buf *= self._lr / self._c["bias1"]
        p.value -= buf


class Nadam(Adam):
    """Nadam, Nesterov-accelerated Adam (Dozat 2016; 002 names it without formulas), in the
    form of PyTorch's ``NAdam`` (its documented algorithm, with its momentum schedule):

        μ_t = β₁ (1 − ½ · 0.96^(t ψ))                    (ψ = ``momentum_decay`` = 0.004)
        m ← β₁ m + (1 − β₁) g,        v ← β₂ v + (1 − β₂) g ⊙ g
        m̂ = μ_{t+1} m / (1 − ∏_{i≤t+1} μ_i) + (1 − μ_t) g / (1 − ∏_{i≤t} μ_i)
        v̂ = v / (1 − β₂ᵗ)
        w ← w − α m̂ / (√v̂ + ε)

    m̂ looks one step ahead: the momentum part uses next step's μ_{t+1}, as Nesterov applies
    the velocity before taking the gradient. With ψ = 0 the schedule is flat, μ = β₁/2.
    (Keras's and Dozat's simpler form, μ_t = β₁ and plain 1 − β₁ᵗ corrections, is not this
    class.) Defaults are PyTorch's: α = 0.002, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, ψ = 0.004.
    m̂ is kept as a buffer; ``coefficients()``: {"mu": μ_t, "mu_next": μ_{t+1},
    "mu_product": ∏_{i≤t} μ_i, "mu_product_next": ∏_{i≤t+1} μ_i, "bias2": 1 − β₂ᵗ}.
    """

    state_keys = ("m", "v", "m_hat")

    def __init__(self, params: Iterable[Parameter], lr: float = 0.002, beta1: float = 0.9,
                 beta2: float = 0.999, eps: float = 1e-8, momentum_decay: float = 0.004) -> None:
        super().__init__(params, lr, beta1, beta2, eps)
        self.momentum_decay = float(momentum_decay)
        self._mu_product = 1.0  # ∏_{i≤t} μ_i

    def _mu(self, t: int) -> float:
        """μ_t = β₁ (1 − ½ · 0.96^(t ψ))."""
        return self.beta1 * (1.0 - 0.5 * 0.96 ** (t * self.momentum_decay))

    def step(self) -> None:
        self._mu_product *= self._mu(self.t + 1)
        super().step()

    def coefficients(self) -> dict[str, float]:
        mu_next = self._mu(self.t + 1)
        return {"mu": self._mu(self.t), "mu_next": mu_next, "mu_product": self._mu_product,
                "mu_product_next": self._mu_product * mu_next,
                "bias2": 1.0 - self.beta2**self.t}

    def _update(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> None:
        m, v, m_hat, g, c = state["m"], state["v"], state["m_hat"], p.grad, self._c
        # m ← β₁ m + (1 − β₁) g
        average(m, g, self.beta1, buf)
        # v ← β₂ v + (1 − β₂) g ⊙ g
        average_square(v, g, self.beta2, buf)
        # m̂ = μ_{t+1} m / (1 − ∏_{i≤t+1} μ_i) + (1 − μ_t) g / (1 − ∏_{i≤t} μ_i)
        np.multiply(m, c["mu_next"] / (1.0 - c["mu_product_next"]), out=m_hat)
        np.multiply(g, (1.0 - c["mu"]) / (1.0 - c["mu_product"]), out=buf)
        m_hat += buf
        # w ← w − α m̂ / (√v̂ + ε),   v̂ = v / (1 − β₂ᵗ)
        descend(p.value, m_hat, v, self._lr, c["bias2"], self.eps, buf)

    def hyperparams(self) -> dict[str, Any]:
        return {**super().hyperparams(), "momentum_decay": self.momentum_decay}
