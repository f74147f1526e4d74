"""Elementwise non-linear layers (000 §5.3–5.5, 002 §1.3, 004's sign).

Each one is Y = f(X) applied to every entry, so its backward is the elementwise chain rule
ΔX = ΔY ⊙ f′(X) (000 formulas 19, 21, 23; 002 formula 1.7), with f′ computed from what the
train-mode forward cached. The shape of X is kept.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from nncore.layers.base import Cache, Layer, NotDifferentiableError
from nncore.layers.functional import normal_cdf, normal_pdf, sigmoid


class Activation(Layer):
    """Base class of the elementwise layers: Y = f(X), ΔX = ΔY ⊙ f′.

    Subclasses implement ``_forward(X) -> (Y, cache)`` (the cache holds what f′ needs; see
    :class:`~nncore.layers.base.Layer`) and ``_local_grad(cache) -> f′``.
    """

    LATEX: ClassVar[str] = ""  # f (and f′) as the course writes them

    def _backward(self, dY: np.ndarray, cache: Cache) -> np.ndarray:
        return dY * self._local_grad(cache)

    def _local_grad(self, cache: Cache) -> np.ndarray | float:
        raise NotImplementedError


class ReLU(Activation):
    """Rectified linear unit (000 §5.3).

    Forward:   M = (X ≥ 0) (the cached mask),   Y = M ⊙ X      (000 formulas 17, 18)
    Backward:  ΔX = M ⊙ ΔY                                        (000 formula 19)
    """

    LATEX = r"\mathrm{ReLU}(z) = \max(0, z), \quad \mathrm{ReLU}'(z) = [z \ge 0]"

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, Cache]:
        if not self.training:  # no mask needed without a backward pass
            return np.maximum(X, 0.0), {}
        M = X >= 0
        return X * M, {"M": M}

    def _local_grad(self, cache: Cache) -> np.ndarray:
        return cache["M"]


class LeakyReLU(Activation):
    """Leaky ReLU (002 formula 1.20), slope α for negative inputs.

    Forward:   Y = X where X ≥ 0, α X elsewhere
    Backward:  ΔX = ΔY ⊙ (1 where X ≥ 0, α elsewhere)
    """

    LATEX = (r"f(z) = \max(\alpha z, z), \quad f'(z) = 1 \text{ if } z \ge 0, "
             r"\ \alpha \text{ otherwise}")

    def __init__(self, alpha: float = 0.01) -> None:
        super().__init__()
        self.alpha = float(alpha)

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, Cache]:
        M = X >= 0
        return np.where(M, X, self.alpha * X), {"M": M}

    def _local_grad(self, cache: Cache) -> np.ndarray:
        return np.where(cache["M"], 1.0, self.alpha)

    def config(self) -> dict[str, Any]:
        return {"alpha": self.alpha}


class Sigmoid(Activation):
    """Logistic sigmoid (000 §5.4).

    Forward:   Y = 1 / (1 + exp(−X))          (000 formula 20)
    Backward:  ΔX = ΔY ⊙ Y ⊙ (1 − Y)          (000 formula 21)
    """

    LATEX = r"\sigma(z) = \frac{1}{1 + e^{-z}}, \quad \sigma'(z) = \sigma(z)\,(1 - \sigma(z))"

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, Cache]:
        Y = sigmoid(X)
        return Y, {"Y": Y}

    def _local_grad(self, cache: Cache) -> np.ndarray:
        Y = cache["Y"]
        return Y * (1.0 - Y)


class Tanh(Activation):
    """Hyperbolic tangent (000 §5.5).

    Forward:   Y = (e^X − e^(−X)) / (e^X + e^(−X))   (000 formula 22)
    Backward:  ΔX = ΔY ⊙ (1 − Y ⊙ Y)                 (000 formula 23)
    """

    LATEX = (r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}, \quad "
             r"\tanh'(z) = 1 - \tanh^2(z)")

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, Cache]:
        Y = np.tanh(X)
        return Y, {"Y": Y}

    def _local_grad(self, cache: Cache) -> np.ndarray:
        Y = cache["Y"]
        return 1.0 - Y * Y


class ELU(Activation):
    """Exponential linear unit (002 formula 1.21).

    Forward:   Y = X where X ≥ 0, α (e^X − 1) elsewhere
    Backward:  ΔX = ΔY ⊙ (1 where X ≥ 0, Y + α elsewhere)      (α e^X = Y + α)
    """

    LATEX = r"f(z) = z \text{ if } z \ge 0, \ \alpha(e^{z} - 1) \text{ otherwise}"

    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.alpha = float(alpha)

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, Cache]:
        M = X >= 0
        Y = np.where(M, X, self.alpha * np.expm1(np.minimum(X, 0.0)))
        return Y, {"M": M, "Y": Y}

    def _local_grad(self, cache: Cache) -> np.ndarray:
        return np.where(cache["M"], 1.0, cache["Y"] + self.alpha)

    def config(self) -> dict[str, Any]:
        return {"alpha": self.alpha}


class GELU(Activation):
    """Gaussian error linear unit, exact form (002 formula 1.22).

    Forward:   Y = X Φ(X) = X/2 · (1 + erf(X/√2))
    Backward:  ΔX = ΔY ⊙ (Φ(X) + X φ(X)),   φ(x) = e^(−x²/2)/√(2π)
    """

    LATEX = (r"\mathrm{GELU}(z) = z\,\Phi(z) = "
             r"\tfrac{z}{2}\left(1 + \mathrm{erf}(z/\sqrt{2})\right)")

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, Cache]:
        Phi = normal_cdf(X)
        return X * Phi, {"X": X, "Phi": Phi}

    def _local_grad(self, cache: Cache) -> np.ndarray:
        X = cache["X"]
        return cache["Phi"] + X * normal_pdf(X)


class Swish(Activation):
    """Swish (002 formula 1.23); β = 1 is SiLU.

    Forward:   s = σ(βX),   Y = X ⊙ s
    Backward:  ΔX = ΔY ⊙ (s + β Y ⊙ (1 − s))
    """

    LATEX = r"\mathrm{Swish}(z) = z\,\sigma(\beta z)"

    def __init__(self, beta: float = 1.0) -> None:
        super().__init__()
        self.beta = float(beta)

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, Cache]:
        s = sigmoid(self.beta * X)
        Y = X * s
        return Y, {"s": s, "Y": Y}

    def _local_grad(self, cache: Cache) -> np.ndarray:
        s = cache["s"]
        return s + self.beta * cache["Y"] * (1.0 - s)

    def config(self) -> dict[str, Any]:
        return {"beta": self.beta}


class Identity(Activation):
    """The linear (no-op) activation of a regression head (000 §5.1.2).

    Forward:   Y = X
    Backward:  ΔX = ΔY
    """

    LATEX = r"f(z) = z, \quad f'(z) = 1"

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, Cache]:
        return X, {}

    def _local_grad(self, cache: Cache) -> float:
        return 1.0


class Sign(Activation):
    """The hard limiter of the perceptron and the hand-set XOR network (004), sgn(0) = 1.

    Forward:   Y = 1 where X ≥ 0, −1 elsewhere
    Backward:  none. f′(x) = 0 for x ≠ 0 and f′(0) does not exist (004: "sign(z) không dùng
    được ở đây"), so no error signal can pass; ``backward`` raises NotDifferentiableError.
    Train a sign network with the perceptron rule, or use Sigmoid/Tanh for backpropagation.
    """

    LATEX = r"\mathrm{sgn}(z) = 1 \text{ if } z \ge 0, \ -1 \text{ otherwise}"

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, Cache]:
        return np.where(X >= 0, 1.0, -1.0), {}

    def backward(self, dY: np.ndarray) -> np.ndarray:
        raise NotDifferentiableError(
            "Sign has no useful gradient: its derivative is 0 for every x ≠ 0 and undefined "
            "at 0, so backpropagation would pass only zeros. Use the perceptron learning rule "
            "(nncore.perceptron.Perceptron) or a differentiable activation (Sigmoid, Tanh)."
        )
