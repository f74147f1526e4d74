"""Layers: ``Linear``, the activations and ``Softmax``, all with forward/backward and a cache.

Every layer follows :class:`~nncore.layers.base.Layer`: ``forward(X)`` (batch first),
``backward(dY) -> dX``, ``train()``/``eval()``, and ``params() -> list[Parameter]``.
Activations can also be built by name with :func:`make_activation`.
"""

from __future__ import annotations

from typing import Any

from nncore.layers.activations import (
    ELU,
    GELU,
    Activation,
    Identity,
    LeakyReLU,
    ReLU,
    Sigmoid,
    Sign,
    Swish,
    Tanh,
)
from nncore.layers.base import Layer, NoCacheError, NotDifferentiableError
from nncore.layers.initializers import INITIALIZERS
from nncore.layers.linear import Linear
from nncore.layers.parameter import Parameter
from nncore.layers.softmax import Softmax

ACTIVATIONS: dict[str, type[Layer]] = {
    "relu": ReLU,
    "leaky_relu": LeakyReLU,
    "sigmoid": Sigmoid,
    "tanh": Tanh,
    "elu": ELU,
    "gelu": GELU,
    "swish": Swish,
    "identity": Identity,
    "linear": Identity,
    "sign": Sign,
    "softmax": Softmax,
}

LAYER_TYPES: dict[str, type[Layer]] = {
    cls.__name__: cls
    for cls in (Linear, ReLU, LeakyReLU, Sigmoid, Tanh, ELU, GELU, Swish, Identity, Sign, Softmax)
}


def activation_name(layer: Layer) -> str:
    """The name :func:`make_activation` takes for ``layer``'s kind (``"leaky_relu"``;
    ``"identity"`` for Identity), or its class name in lower case for any other layer."""
    names = {cls: name for name, cls in reversed(ACTIVATIONS.items())}  # the first name wins
    return names.get(type(layer), type(layer).__name__.lower())


def make_activation(name: str, **kwargs: Any) -> Layer:
    """Build an activation layer by name, e.g. ``make_activation("leaky_relu", alpha=0.1)``."""
    try:
        cls = ACTIVATIONS[name.lower()]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; choose one of {sorted(ACTIVATIONS)}"
        ) from None
    return cls(**kwargs)


__all__ = [
    "ACTIVATIONS",
    "ELU",
    "GELU",
    "INITIALIZERS",
    "LAYER_TYPES",
    "Activation",
    "Identity",
    "Layer",
    "LeakyReLU",
    "Linear",
    "NoCacheError",
    "NotDifferentiableError",
    "Parameter",
    "ReLU",
    "Sigmoid",
    "Sign",
    "Softmax",
    "Swish",
    "Tanh",
    "activation_name",
    "make_activation",
]
