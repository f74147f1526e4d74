"""The training choices, in one place: the optimizers by name with their settings (default,
allowed range, the values a page offers) and the learning-rate grid. Every page and engine
module that offers or builds an optimizer reads them from here.

    spec = OPTIMIZERS["adam"]              # an OptimizerSpec: name, cls, settings
    spec.defaults()                        # {"lr": 0.001, "beta1": 0.9, "beta2": 0.999}
    [h.grid for h in spec.hyperparameters] # the slider values of β₁ and β₂
    opt = make_optimizer("adam", [param], lr=0.01, beta1=0.8)   # refused outside the ranges
    spec.pick({"rho": 0.9, "beta1": 0.8})  # {"beta1": 0.8}: what this optimizer takes

The defaults are the constructors' own (read from their signatures), so each is written once.
The numerical constants (ε, Nadam's momentum decay ψ) are constructor arguments with
defaults but not choices: no page offers them, and ``make_optimizer`` passes them through.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from nncore.errors import CodedError
from nncore.layers.parameter import Parameter
from nncore.optimizers import (
    SGD,
    Adagrad,
    Adam,
    AdaMax,
    AdamW,
    Momentum,
    Nadam,
    Nesterov,
    Optimizer,
    RMSProp,
)

# The learning rates the pages offer (α, 002 1.10): log-spaced 1-3-10 from 1e-4 to 10, plus
# 0.5 (the custom one-step preset) and 2 (= 2/λ_max, SGD's stability limit, when λ_max = 1).
LEARNING_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 3.0, 10.0)
# Constructor arguments that are numerical constants, not choices.
CONSTANTS = ("eps", "momentum_decay")


class OptimizerSettingError(CodedError):
    """An optimizer name or setting the registry refuses. Codes: ``optimizer.unknown``
    (details name, choices), ``optimizer.unexpected_setting`` (optimizer, setting, accepted),
    ``optimizer.out_of_range`` (setting, value, interval)."""


@dataclass(frozen=True)
class Hyperparameter:
    """One setting: the constructor keyword ``name``, its ``symbol`` in the course's notation,
    the allowed interval from ``low`` to ``high`` (ends included unless ``open_low`` /
    ``open_high``) and the ``grid`` of values a page offers (sorted, inside the interval)."""

    name: str
    symbol: str
    low: float
    high: float
    grid: tuple[float, ...]
    open_low: bool = False
    open_high: bool = False

    def contains(self, value: float) -> bool:
        """Whether ``value`` is a finite number inside the allowed interval."""
        if not math.isfinite(value):
            return False
        above = value > self.low if self.open_low else value >= self.low
        below = value < self.high if self.open_high else value <= self.high
        return above and below

    @property
    def interval(self) -> str:
        """The interval as text: ``"[0, 1)"``, ``"(0, 100]"``."""
        return (f"{'(' if self.open_low else '['}{self.low:g}, "
                f"{self.high:g}{')' if self.open_high else ']'}")

    def check(self, value: float) -> float:
        """``value`` as a float, or :class:`OptimizerSettingError` outside the interval."""
        value = float(value)
        if not self.contains(value):
            raise OptimizerSettingError(
                "optimizer.out_of_range", "{setting} = {value} is outside {interval}.",
                setting=f"{self.symbol} ({self.name})", value=value, interval=self.interval)
        return value


_RATES = (0.0, 0.5, 0.8, 0.9, 0.95, 0.99)  # decay rates of a running average: ρ, β₁
HYPERPARAMETERS: dict[str, Hyperparameter] = {
    h.name: h
    for h in (
        Hyperparameter("lr", "α", 0.0, 100.0, LEARNING_RATES, open_low=True),
        Hyperparameter("rho", "ρ", 0.0, 1.0, _RATES, open_high=True),
        Hyperparameter("beta1", "β₁", 0.0, 1.0, _RATES, open_high=True),
        Hyperparameter("beta2", "β₂", 0.0, 1.0, (0.9, 0.99, 0.995, 0.999, 0.9999),
                       open_high=True),
        Hyperparameter("weight_decay", "λ", 0.0, 1.0, (0.0, 0.0001, 0.001, 0.01, 0.1)),
    )
}
LEARNING_RATE = HYPERPARAMETERS["lr"]


@dataclass(frozen=True)
class OptimizerSpec:
    """An optimizer of the registry: its ``name``, its class ``cls`` and the names of the
    ``settings`` it takes besides the learning rate (keys of :data:`HYPERPARAMETERS`)."""

    name: str
    cls: type[Optimizer]
    settings: tuple[str, ...] = ()

    @property
    def hyperparameters(self) -> tuple[Hyperparameter, ...]:
        """The settings besides the learning rate, as :class:`Hyperparameter` entries."""
        return tuple(HYPERPARAMETERS[name] for name in self.settings)

    def defaults(self) -> dict[str, float]:
        """The constructor's defaults of the learning rate and the settings:
        ``{"lr": 0.01, "rho": 0.9}``."""
        signature = inspect.signature(self.cls).parameters
        return {name: signature[name].default for name in ("lr", *self.settings)}

    def pick(self, values: Mapping[str, Any]) -> dict[str, float]:
        """The entries of ``values`` that are settings of this optimizer (``lr`` excluded):
        hand it every setting a page has and get what this optimizer takes."""
        return {name: float(values[name]) for name in self.settings if name in values}

    def check(self, lr: float, settings: Mapping[str, float]) -> dict[str, float]:
        """``lr`` and ``settings`` as floats, refused (:class:`OptimizerSettingError`) when a
        setting is not this optimizer's or a value is outside its interval."""
        accepted = (*self.settings, *CONSTANTS)
        for name in settings:
            if name not in accepted or name not in inspect.signature(self.cls).parameters:
                raise OptimizerSettingError(
                    "optimizer.unexpected_setting", "{optimizer} takes no setting “{setting}”; "
                    "it takes {accepted}.", optimizer=self.cls.__name__, setting=name,
                    accepted=", ".join(("lr", *self.settings)))
        checked = {name: HYPERPARAMETERS[name].check(value) if name in HYPERPARAMETERS
                   else float(value) for name, value in settings.items()}
        return {"lr": LEARNING_RATE.check(lr), **checked}

    def build(self, params: Iterable[Parameter], lr: float | None = None,
              **settings: float) -> Optimizer:
        """The optimizer over ``params`` (the constructor's default for ``lr`` when None)."""
        lr = self.defaults()["lr"] if lr is None else lr
        return self.cls(params, **self.check(lr, settings))


OPTIMIZERS: dict[str, OptimizerSpec] = {
    spec.name: spec
    for spec in (
        OptimizerSpec("sgd", SGD),
        OptimizerSpec("momentum", Momentum, ("rho",)),
        OptimizerSpec("nesterov", Nesterov, ("rho",)),
        OptimizerSpec("adagrad", Adagrad),
        OptimizerSpec("rmsprop", RMSProp, ("rho",)),
        OptimizerSpec("adam", Adam, ("beta1", "beta2")),
        OptimizerSpec("adamw", AdamW, ("beta1", "beta2", "weight_decay")),
        OptimizerSpec("adamax", AdaMax, ("beta1", "beta2")),
        OptimizerSpec("nadam", Nadam, ("beta1", "beta2")),
    )
}
OPTIMIZER_NAMES = tuple(OPTIMIZERS)


def optimizer_spec(name: str) -> OptimizerSpec:
    """The registry entry of ``name`` (case-insensitive), or :class:`OptimizerSettingError`."""
    try:
        return OPTIMIZERS[name.lower()]
    except KeyError:
        raise OptimizerSettingError(
            "optimizer.unknown", "Unknown optimizer “{name}”; choose one of {choices}.",
            name=name, choices=", ".join(OPTIMIZERS)) from None


def make_optimizer(name: str, params: Iterable[Parameter], lr: float | None = None,
                   **settings: float) -> Optimizer:
    """Build an optimizer by name, its settings checked against the registry:
    ``make_optimizer("adam", model.params(), lr=0.01)``, ``make_optimizer("sgd", [p], lr=0.1)``
    (``lr=None``: the constructor's default)."""
    return optimizer_spec(name).build(params, lr, **settings)
