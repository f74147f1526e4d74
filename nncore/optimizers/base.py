"""The optimizer base class and the in-place kernels the update rules share
(see :mod:`nncore.optimizers` for the rules and the notation)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from nncore.layers.parameter import Parameter


class Optimizer:
    """Base class. Subclasses list their per-parameter buffers ``state_keys`` (zeros at the
    start) and implement ``_update(p, state, buf)``: one step of one parameter, in place
    (``buf`` is scratch space of p's shape)."""

    state_keys: tuple[str, ...] = ()

    def __init__(self, params: Iterable[Parameter], lr: float) -> None:
        self.params = list(params)
        names = [p.name for p in self.params]
        if len(set(names)) != len(names):
            raise ValueError(
                f"parameter names must be unique (the state is keyed by name); got {names}. "
                "Parameters from a Sequential are named W1, b1, W2, …"
            )
        self.lr = lr
        self.t = 0
        self.state: dict[str, dict[str, np.ndarray]] = {
            p.name: {k: np.zeros_like(p.value) for k in self.state_keys} for p in self.params
        }
        self._scratch = {p.name: np.empty_like(p.value) for p in self.params}
        self._c: dict[str, float] = {}

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        if not value >= 0:
            raise ValueError(f"the learning rate must be ≥ 0; got {value}")
        self._lr = float(value)

    def zero_grad(self) -> None:
        """Set every parameter's gradient to zero."""
        for p in self.params:
            p.grad.fill(0.0)

    def step(self) -> None:
        """One update of every parameter from its ``grad`` (t ← t + 1 first)."""
        self.t += 1
        self._c = self.coefficients()
        for p in self.params:
            self._update(p, self.state[p.name], self._scratch[p.name])

    def _update(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> None:
        raise NotImplementedError

    def coefficients(self) -> dict[str, float]:
        """The scalar factors of step t shared by every parameter (none for this rule)."""
        return {}

    def state_of(self, param: Parameter | str) -> dict[str, np.ndarray]:
        """Copies of the buffers of ``param`` (a Parameter or its name), e.g. ``{"v": …}``,
        plus what the rule derives from them (Adam's ``m_hat``, ``v_hat``)."""
        name = param if isinstance(param, str) else param.name
        if name not in self.state:
            raise KeyError(f"this optimizer does not update a parameter {name!r}")
        return {k: v.copy() for k, v in self.state[name].items()}

    def hyperparams(self) -> dict[str, Any]:
        """The settings, for display: ``{"lr": ..., ...}``."""
        return {"lr": self._lr}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v}" for k, v in self.hyperparams().items())
        return f"{type(self).__name__}({args})"


def average(avg: np.ndarray, x: np.ndarray, beta: float, buf: np.ndarray) -> None:
    """avg ← β avg + (1 − β) x, in place."""
    avg *= beta
    np.multiply(x, 1.0 - beta, out=buf)
    avg += buf


def average_square(avg: np.ndarray, g: np.ndarray, beta: float, buf: np.ndarray) -> None:
    """avg ← β avg + (1 − β) g ⊙ g, in place."""
    avg *= beta
    np.multiply(g, g, out=buf)
    buf *= 1.0 - beta
    avg += buf


def descend(w: np.ndarray, d: np.ndarray, sq: np.ndarray, rate: float, bias: float,
            eps: float, buf: np.ndarray) -> None:
    """w ← w − rate · d / (√(sq / bias) + ε), in place (bias 1: no correction)."""
    np.sqrt(sq, out=buf)
    if bias != 1.0:
        buf *= 1.0 / np.sqrt(bias)
    buf += eps
    np.divide(d, buf, out=buf)
    buf *= rate
    w -= buf


def corrected(x: np.ndarray, bias: float) -> np.ndarray:
    """x / bias, the bias-corrected moment (x itself before the first step, when bias = 0)."""
    return x / bias if bias > 0 else x
