"""Per-weight step sizes from the squared gradients: Adagrad and RMSProp."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from nncore.layers.parameter import Parameter
from nncore.optimizers.base import Optimizer, average_square, descend


class Adagrad(Optimizer):
    """Adagrad (Duchi, Hazan & Singer 2011; not written out in 002): per-weight steps that
    shrink with the squared gradients seen so far.

        G ← G + g ⊙ g,    w ← w − α g / (√G + ε)
    """

    state_keys = ("G",)

    def __init__(self, params: Iterable[Parameter], lr: float = 0.01, eps: float = 1e-8) -> None:
        super().__init__(params, lr)
        self.eps = float(eps)

    def _update(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> None:
        G, g = state["G"], p.grad
        # G ← G + g ⊙ g
        np.multiply(g, g, out=buf)
        G += buf
        # w ← w − α g / (√G + ε)
        descend(p.value, g, G, self._lr, 1.0, self.eps, buf)

    def hyperparams(self) -> dict[str, Any]:
        return {"lr": self._lr, "eps": self.eps}


class RMSProp(Optimizer):
    """RMSProp (Hinton's lecture 6e, 2012; not written out in 002): Adagrad with a leaky
    (exponentially decaying) average of g ⊙ g instead of the sum.

        s ← ρ s + (1 − ρ) g ⊙ g,    w ← w − α g / (√s + ε)
    """

    state_keys = ("s",)

    def __init__(
        self, params: Iterable[Parameter], lr: float = 0.001, rho: float = 0.9, eps: float = 1e-8
    ) -> None:
        super().__init__(params, lr)
        self.rho, self.eps = float(rho), float(eps)

    def _update(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> None:
        s, g = state["s"], p.grad
        # s ← ρ s + (1 − ρ) g ⊙ g
        average_square(s, g, self.rho, buf)
        # w ← w − α g / (√s + ε)
        descend(p.value, g, s, self._lr, 1.0, self.eps, buf)

    def hyperparams(self) -> dict[str, Any]:
        return {"lr": self._lr, "rho": self.rho, "eps": self.eps}
