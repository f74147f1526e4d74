"""The rules 002 writes out: SGD (1.10), Momentum (1.14) and Nesterov (1.15)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from nncore.layers.parameter import Parameter
from nncore.optimizers.base import Optimizer


class SGD(Optimizer):
    """Plain gradient descent (002 1.10, 000 formula 6):  w ← w − α g."""

    def __init__(self, params: Iterable[Parameter], lr: float = 0.01) -> None:
        super().__init__(params, lr)

    def _update(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> None:
        # w ← w − α g
        np.multiply(p.grad, self._lr, out=buf)
        p.value -= buf


class Momentum(Optimizer):
    """SGD with momentum (002 1.14, 000 formulas 7, 8):

        v ← ρ v + g,    w ← w − α v            (v starts at 0; ρ = 0 is plain SGD)

    002 writes it with other letters and the opposite sign of v: v ← αv − ε∇C, w ← w + v,
    its α being the momentum rate (this ρ) and its ε the learning rate (this α). While the
    learning rate is fixed, 002's v is −α times this v and the weights take the same path.
    This v, the decayed sum of the gradients, is 000's and the one the step pages show.
    """

    state_keys = ("v",)

    def __init__(self, params: Iterable[Parameter], lr: float = 0.01, rho: float = 0.9) -> None:
        super().__init__(params, lr)
        self.rho = float(rho)

    def _update(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> None:
        v = state["v"]
        # v ← ρ v + g
        v *= self.rho
        v += p.grad
        # w ← w − α v
        np.multiply(v, self._lr, out=buf)
        p.value -= buf

    def hyperparams(self) -> dict[str, Any]:
        return {"lr": self._lr, "rho": self.rho}


class Nesterov(Momentum):
    """Nesterov accelerated gradient (002 1.15), in the momentum form of 000:

        v ← ρ v + g,    w ← w − α (g + ρ v)

    002 takes the gradient at the look-ahead point: v ← αv − ε∇C(w + αv), w ← w + v, in its
    letters of 1.14. Followed through the look-ahead point instead of w, the same rule needs
    only the gradient at the current weights, which is this update (Sutskever et al. 2013;
    PyTorch's ``SGD(nesterov=True)``).
    """

    def _update(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> None:
        v, g = state["v"], p.grad
        # v ← ρ v + g
        v *= self.rho
        v += g
        # w ← w − α (g + ρ v)
        np.multiply(v, self.rho, out=buf)
        buf += g
        buf *= self._lr
        p.value -= buf
