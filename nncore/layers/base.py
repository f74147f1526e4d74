"""The layer protocol shared by every layer (000 §4.4, §7; CS231n's forward/backward API).

A layer turns a batch ``X`` of shape (N, …) into ``Y = forward(X)`` and, given the upstream
gradient ``ΔY = ∂ℓ/∂Y``, returns ``ΔX = backward(ΔY)`` and adds ∂ℓ/∂θ into its parameters.

The cache (CS231n's convention, one for every layer): a layer computes
``Y, cache = self._forward(X)`` and ``ΔX = self._backward(ΔY, cache)``, exactly CS231n's
``out, cache = affine_forward(x, w, b)`` / ``dx, dw, db = affine_backward(dout, cache)``.
:meth:`Layer.forward` stores the cache in ``self.cache`` and :meth:`Layer.backward` consumes it;
no layer touches ``self.cache`` itself.

Modes (000 Algorithm 1): in train mode ``forward`` caches what ``backward`` needs (the local
derivatives of 000 §4.4.1.b); in eval mode it caches nothing, and ``backward`` then raises
:class:`NoCacheError` instead of silently using stale numbers.
"""

from __future__ import annotations

from typing import Any, Self

import numpy as np

from nncore.layers.parameter import Parameter

Cache = dict[str, np.ndarray]


class NoCacheError(RuntimeError):
    """``backward`` was called without a cached train-mode ``forward``."""


class NotDifferentiableError(NotImplementedError):
    """The layer has no useful gradient (e.g. ``Sign``): backpropagation cannot pass it."""


class Layer:
    """Base class: mode switching, the forward cache, and an empty parameter list.

    Subclasses implement ``_forward(X) -> (Y, cache)`` (``cache`` a dict of the arrays the
    backward pass needs; in eval mode it may be empty) and ``_backward(dY, cache) -> dX``.
    The cache is readable as ``layer.cache`` (a dict, or None) so pages can show it.
    """

    def __init__(self) -> None:
        self.training = True
        self.cache: Cache | None = None

    # -- modes -------------------------------------------------------------------------
    def train(self, mode: bool = True) -> Self:
        """Switch to train mode (cache in forward); ``train(False)`` is ``eval()``."""
        self.training = mode
        if not mode:
            self.cache = None
        return self

    def eval(self) -> Self:
        """Switch to eval (inference) mode: forward caches nothing; the old cache is dropped."""
        return self.train(False)

    # -- the protocol: forward stores the cache, backward consumes it ---------------------
    def forward(self, X: np.ndarray) -> np.ndarray:
        """Y = f(X); in train mode the cache for ``backward`` is kept in ``self.cache``."""
        Y, cache = self._forward(X)
        self.cache = cache if self.training else None
        return Y

    def backward(self, dY: np.ndarray) -> np.ndarray:
        """ΔX from ΔY and the cache of the last train-mode ``forward``."""
        if self.cache is None:
            mode = "train" if self.training else "eval"
            raise NoCacheError(
                f"{type(self).__name__}.backward() needs the cache of a train-mode forward(), "
                f"but there is none (the layer is in {mode} mode). Call layer.train() and run "
                f"forward(X) before backward(dY)."
            )
        return self._backward(dY, self.cache)

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, Cache]:
        raise NotImplementedError

    def _backward(self, dY: np.ndarray, cache: Cache) -> np.ndarray:
        raise NotImplementedError

    # -- the rest --------------------------------------------------------------------------
    def __call__(self, X: np.ndarray) -> np.ndarray:
        return self.forward(X)

    def params(self) -> list[Parameter]:
        """The learnable parameters (empty for activations)."""
        return []

    def zero_grad(self) -> None:
        for p in self.params():
            p.zero_grad()

    def config(self) -> dict[str, Any]:
        """Constructor arguments that rebuild this layer (used by save/load)."""
        return {}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.config().items())
        return f"{type(self).__name__}({args})"
