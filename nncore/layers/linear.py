"""The fully connected (FC) layer of 000 §5.2."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from nncore.layers.base import Cache, Layer
from nncore.layers.initializers import Initializer, as_rng, get_initializer
from nncore.layers.parameter import Parameter


def affine(X: np.ndarray, W: np.ndarray, b: np.ndarray | None) -> np.ndarray:
    """Y = X Wᵀ + b for a batch X (N, n_in), W (n_out, n_in), b (n_out,).

    When the input is much narrower than the output (the first layer of a 2-D classifier:
    n_in = 2, n_out = 100) the bias is folded into the product, [X 1] [W b]ᵀ, which saves a
    whole pass over the (N, n_out) result; otherwise b is added in place. Computed in X's
    floating type (float64 in training; a picture of the plane may ask for float32).
    """
    W = W.astype(X.dtype, copy=False)
    if b is None:
        return X @ W.T
    n, n_in = X.shape
    if 4 * n_in <= W.shape[0] and n >= 64:
        Xa = np.empty((n, n_in + 1), dtype=X.dtype)
        Xa[:, :n_in] = X
        Xa[:, n_in] = 1.0
        WbT = np.empty((n_in + 1, W.shape[0]), dtype=X.dtype)  # [W b]ᵀ, contiguous
        WbT[:n_in] = W.T
        WbT[n_in] = b
        return Xa @ WbT
    Y = X @ W.T
    Y += b
    return Y


class Linear(Layer):
    """Fully connected layer, W of shape (n_out, n_in) and b of shape (n_out,) (000 §5.2).

    Forward (000 formula 12), batch first:   Y = X Wᵀ + b
    Backward (000 formulas 13, 15, 16):      ΔW = ΔYᵀ X,   Δb = Σ_rows ΔY,   ΔX = ΔY W

    ΔW and Δb are added into ``W``'s and ``b``'s ``grad`` (readable as ``dW``, ``db``);
    ΔX is returned. Train mode caches X (needed for ΔW); ΔX needs only W.

    ``init`` picks the starting weights: ``"small"`` (0.01 · randn, the course's small random
    numbers), ``"normal"`` (scale · randn; ``scale`` defaults to 0.01), ``"xavier"``,
    ``"he"``, ``"zeros"`` or a callable ``(rng, n_in, n_out) -> W``. Biases start at 0.
    ``rng`` is a Generator or a seed.
    """

    def __init__(
        self,
        n_in: int,
        n_out: int,
        bias: bool = True,
        rng: np.random.Generator | int | None = None,
        init: str | Initializer = "normal",
        scale: float = 0.01,
    ) -> None:
        super().__init__()
        self.n_in, self.n_out = int(n_in), int(n_out)
        W = get_initializer(init, scale)(as_rng(rng), self.n_in, self.n_out)
        self.weight = Parameter("W", W, regularize=True)
        self.bias = Parameter("b", np.zeros(self.n_out), regularize=False) if bias else None

    # -- the course's names ---------------------------------------------------------------
    @property
    def W(self) -> np.ndarray:
        return self.weight.value

    @W.setter
    def W(self, value: ArrayLike) -> None:
        self.weight.assign(value)

    @property
    def b(self) -> np.ndarray | None:
        return None if self.bias is None else self.bias.value

    @b.setter
    def b(self, value: ArrayLike) -> None:
        if self.bias is None:
            raise AttributeError("this Linear layer was built with bias=False")
        self.bias.assign(value)

    @property
    def dW(self) -> np.ndarray:
        return self.weight.grad

    @property
    def db(self) -> np.ndarray | None:
        return None if self.bias is None else self.bias.grad

    # -- forward / backward ---------------------------------------------------------------
    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, Cache]:
        if X.ndim != 2 or X.shape[1] != self.n_in:
            raise ValueError(
                f"Linear({self.n_in}, {self.n_out}) expects X of shape (N, {self.n_in}); "
                f"got {X.shape}. A single sample x is the batch x[None, :]."
            )
        return affine(X, self.weight.value, self.b), {"X": X}

    def _backward(self, dY: np.ndarray, cache: Cache) -> np.ndarray:
        X = cache["X"]
        self.weight.grad += dY.T @ X
        if self.bias is not None:
            self.bias.grad += dY.sum(axis=0)
        return dY @ self.weight.value

    def params(self) -> list[Parameter]:
        return [self.weight] if self.bias is None else [self.weight, self.bias]

    def config(self) -> dict[str, Any]:
        return {"n_in": self.n_in, "n_out": self.n_out, "bias": self.bias is not None}
