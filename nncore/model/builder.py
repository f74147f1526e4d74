"""Ready-made networks: the MLP of 000 §5.1 and 004's hand-set XOR network."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np

from nncore.layers import Layer, Linear, Sign, make_activation
from nncore.layers.initializers import Initializer
from nncore.model.heads import Head, get_head
from nncore.model.sequential import Sequential

_RELU_FAMILY = {"relu", "leaky_relu", "elu", "gelu", "swish"}


def mlp(
    sizes: Sequence[int],
    activation: str = "relu",
    head: str | Head = "softmax",
    init: str | Initializer = "auto",
    seed: int | np.random.Generator | None = 0,
    scale: float = 0.01,
    **activation_kwargs: Any,
) -> Sequential:
    """A multi-layer perceptron: Linear → activation → … → Linear (000 §5.1.2, Figure 7).

    ``sizes`` lists the layer widths, input first: ``mlp([2, 100, 3])`` is the 2-100-3
    spiral network. The last layer is a plain Linear (logits); ``head`` says what they mean:
    ``"softmax"`` (single-label classification, loss SoftmaxCrossEntropy), ``"sigmoid"``
    (binary/multi-label, loss BCEWithLogits) or ``"linear"`` (regression, loss MSE) — the
    squashing is fused into the loss; ``predict_proba`` applies it. See
    :mod:`nncore.model.heads`.

    ``init="auto"`` uses He for the ReLU family and Xavier for sigmoid/tanh/identity;
    ``"normal"`` is scale · randn (the course's small random numbers). One Generator seeded
    with ``seed`` draws all weights, layer by layer.
    """
    if len(sizes) < 2:
        raise ValueError("mlp needs at least an input and an output size")
    if init == "auto":
        init = "he" if activation.lower() in _RELU_FAMILY else "xavier"
    rng = np.random.default_rng(seed)
    layers: list[Layer] = []
    for i, (n_in, n_out) in enumerate(pairwise(sizes)):
        if i > 0:
            layers.append(make_activation(activation, **activation_kwargs))
        layers.append(Linear(n_in, n_out, rng=rng, init=init, scale=scale))
    return Sequential(layers, head=get_head(head))


def xor_sign_network() -> Sequential:
    """004's hand-set 2-2-1 network that computes XOR with sign units (sgn(0) = 1).

    004 writes a = f(Wᵀ a_prev + b) with W⁽¹⁾ = [[-2, 2], [-2, 2]], b⁽¹⁾ = [3, -1],
    W⁽²⁾ = [1, 1]ᵀ, b⁽²⁾ = -1; our Linear stores the transpose (n_out × n_in). Outputs are
    ±1 (−1 = false, 1 = true). It has no gradient: Sign.backward raises.
    """
    hidden, out = Linear(2, 2, init="zeros"), Linear(2, 1, init="zeros")
    hidden.W = np.array([[-2.0, 2.0], [-2.0, 2.0]]).T
    hidden.b = [3.0, -1.0]
    out.W = [[1.0, 1.0]]
    out.b = [-1.0]
    return Sequential([hidden, Sign(), out, Sign()], head="linear").eval()
