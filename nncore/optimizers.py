"""Parameter-update strategies (000 §4.6, 002 §1.2), all of the form x ← x − α·d.

Every optimizer takes the parameters it updates, ``Opt(params, lr=..., ...)``, and offers
``step()`` (one update of every parameter from its ``grad``) and ``zero_grad()``. The
direction d differs:

=========  ================================================================================
SGD        d = ∇                                                  (000 formula 6)
Momentum   v ← ρ v + ∇;  d = v                                    (000 formulas 7, 8)
Nesterov   v ← ρ v + ∇;  d = ∇ + ρ v      (look-ahead gradient, 002 formula 1.15)
Adagrad    G ← G + ∇²;  d = ∇ / (√G + ε)
RMSProp    s ← ρ s + (1 − ρ) ∇²;  d = ∇ / (√s + ε)
Adam       m ← β₁m + (1 − β₁)∇;  v ← β₂v + (1 − β₂)∇²;  d = m̂ / (√v̂ + ε),
           m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
AdamW      Adam's d plus decoupled weight decay λ·x on the weights (not the biases)
=========  ================================================================================

``lr`` (α) is a plain attribute: change it between steps (``opt.lr = 0.1``) and the state is
kept. The state is readable for display: ``opt.state[param.name]`` is a dict of arrays
("v", "G", "s", "m") of the parameter's shape, and ``opt.t`` counts the steps taken.
Updates are done in place, with one scratch array per parameter and no other allocation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from nncore.layers.parameter import Parameter


class Optimizer:
    """Base class. Subclasses list their per-parameter ``state_keys`` and implement
    ``_direction(p, state, buf) -> d`` (``buf`` is free scratch space of p's shape)."""

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
        """Update every parameter in place: x ← x − lr · d."""
        self.t += 1
        for p in self.params:
            buf = self._scratch[p.name]
            d = self._direction(p, self.state[p.name], buf)
            np.multiply(d, self._lr, out=buf)
            p.value -= buf

    def _direction(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def hyperparams(self) -> dict[str, Any]:
        """The settings, for display: ``{"lr": ..., ...}``."""
        return {"lr": self._lr}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v}" for k, v in self.hyperparams().items())
        return f"{type(self).__name__}({args})"


def _scaled(g: np.ndarray, sq: np.ndarray, eps: float, buf: np.ndarray) -> np.ndarray:
    """buf ← g / (√sq + ε)."""
    np.sqrt(sq, out=buf)
    buf += eps
    np.divide(g, buf, out=buf)
    return buf


class SGD(Optimizer):
    """Plain gradient descent: x ← x − α ∇ (000 formula 6, 002 formula 1.10)."""

    def __init__(self, params: Iterable[Parameter], lr: float = 0.01) -> None:
        super().__init__(params, lr)

    def _direction(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> np.ndarray:
        return p.grad


class Momentum(Optimizer):
    """SGD with momentum, the course's form (000 formulas 7, 8):

    v ← ρ v + ∇,    x ← x − α v            (v starts at 0; ρ = 0 is plain SGD)
    """

    state_keys = ("v",)

    def __init__(self, params: Iterable[Parameter], lr: float = 0.01, rho: float = 0.9) -> None:
        super().__init__(params, lr)
        self.rho = float(rho)

    def _direction(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> np.ndarray:
        v = state["v"]
        v *= self.rho
        v += p.grad
        return v

    def hyperparams(self) -> dict[str, Any]:
        return {"lr": self._lr, "rho": self.rho}


class Nesterov(Momentum):
    """Nesterov accelerated gradient (002 §1.2.2), in the momentum form of 000:

        v ← ρ v + ∇,    x ← x − α (∇ + ρ v)

    002 evaluates the gradient at the look-ahead point x + ρv; rewriting in terms of that
    point gives this update, which needs only the gradient at the current weights.
    """

    def _direction(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> np.ndarray:
        v = super()._direction(p, state, buf)
        np.multiply(v, self.rho, out=buf)
        buf += p.grad
        return buf


class Adagrad(Optimizer):
    """Adagrad: per-weight step sizes shrinking with the gradients seen so far.

    G ← G + ∇ ⊙ ∇,    x ← x − α ∇ / (√G + ε)
    """

    state_keys = ("G",)

    def __init__(self, params: Iterable[Parameter], lr: float = 0.01, eps: float = 1e-8) -> None:
        super().__init__(params, lr)
        self.eps = float(eps)

    def _direction(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> np.ndarray:
        G = state["G"]
        np.multiply(p.grad, p.grad, out=buf)
        G += buf
        return _scaled(p.grad, G, self.eps, buf)

    def hyperparams(self) -> dict[str, Any]:
        return {"lr": self._lr, "eps": self.eps}


class RMSProp(Optimizer):
    """RMSProp: Adagrad with a leaky (exponentially decaying) average of ∇².

    s ← ρ s + (1 − ρ) ∇ ⊙ ∇,    x ← x − α ∇ / (√s + ε)
    """

    state_keys = ("s",)

    def __init__(
        self, params: Iterable[Parameter], lr: float = 0.001, rho: float = 0.9, eps: float = 1e-8
    ) -> None:
        super().__init__(params, lr)
        self.rho, self.eps = float(rho), float(eps)

    def _direction(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> np.ndarray:
        s = state["s"]
        s *= self.rho
        np.multiply(p.grad, p.grad, out=buf)
        buf *= 1.0 - self.rho
        s += buf
        return _scaled(p.grad, s, self.eps, buf)

    def hyperparams(self) -> dict[str, Any]:
        return {"lr": self._lr, "rho": self.rho, "eps": self.eps}


class Adam(Optimizer):
    """Adam: momentum (first moment m) plus RMSProp scaling (second moment v), bias-corrected.

    m ← β₁ m + (1 − β₁) ∇,          v ← β₂ v + (1 − β₂) ∇ ⊙ ∇
    m̂ = m / (1 − β₁ᵗ),              v̂ = v / (1 − β₂ᵗ)
    x ← x − α m̂ / (√v̂ + ε)
    """

    state_keys = ("m", "v")

    def __init__(
        self,
        params: Iterable[Parameter],
        lr: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ) -> None:
        super().__init__(params, lr)
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)

    def _direction(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> np.ndarray:
        m, v, g = state["m"], state["v"], p.grad
        m *= self.beta1
        np.multiply(g, 1.0 - self.beta1, out=buf)
        m += buf
        v *= self.beta2
        np.multiply(g, g, out=buf)
        buf *= 1.0 - self.beta2
        v += buf
        np.sqrt(v, out=buf)
        buf *= 1.0 / np.sqrt(1.0 - self.beta2**self.t)  # √v̂
        buf += self.eps
        np.divide(m, buf, out=buf)
        buf *= 1.0 / (1.0 - self.beta1**self.t)  # m̂ / (√v̂ + ε)
        return buf

    def hyperparams(self) -> dict[str, Any]:
        return {"lr": self._lr, "beta1": self.beta1, "beta2": self.beta2, "eps": self.eps}


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter):

        x ← x − α ( m̂ / (√v̂ + ε) + λ x )      for weights;  biases get plain Adam

    Unlike an L2 penalty added to the loss, the decay λx is not rescaled by √v̂.
    """

    def __init__(
        self,
        params: Iterable[Parameter],
        lr: float = 0.001,
        weight_decay: float = 0.01,
        **adam_kwargs: float,
    ) -> None:
        """``adam_kwargs`` are Adam's ``beta1``, ``beta2`` and ``eps``."""
        super().__init__(params, lr, **adam_kwargs)
        self.weight_decay = float(weight_decay)

    def _direction(self, p: Parameter, state: dict[str, np.ndarray], buf: np.ndarray) -> np.ndarray:
        d = super()._direction(p, state, buf)
        if p.regularize and self.weight_decay:
            d += self.weight_decay * p.value
        return d

    def hyperparams(self) -> dict[str, Any]:
        return {**super().hyperparams(), "weight_decay": self.weight_decay}


OPTIMIZERS: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "adagrad": Adagrad,
    "rmsprop": RMSProp,
    "adam": Adam,
    "adamw": AdamW,
}


def make_optimizer(name: str, params: Iterable[Parameter], **kwargs: Any) -> Optimizer:
    """Build an optimizer by name, e.g. ``make_optimizer("adam", model.params(), lr=0.01)``."""
    try:
        cls = OPTIMIZERS[name.lower()]
    except KeyError:
        raise ValueError(
            f"unknown optimizer {name!r}; choose one of {sorted(OPTIMIZERS)}"
        ) from None
    return cls(params, **kwargs)
