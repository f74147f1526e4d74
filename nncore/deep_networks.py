"""Deep networks: why depth makes gradients vanish or explode, and what the initialisation does
(002 §1.3 and 003 on vanishing gradients and the initialisation advice).

Backpropagation multiplies the error signal by Wᵀ and by f′(z) once per layer (002 (1.7):
δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ f′(z⁽ˡ⁾)). With f′ ≤ m the activations alone let at most

    ‖δ⁽ˡ⁾‖ / ‖δ⁽ᴸ⁾‖ ≤ m^(L − l) · Π ‖W‖

through, so with the sigmoid (m = 1/4) and the course's small random weights (0.01·randn) almost
nothing reaches the first layer; He (std √(2/n_in)) for ReLU and Xavier (√(1/n_in)) for tanh keep
‖W‖ near the value that balances f′, so every layer learns; weights far too large make the
activations grow layer by layer until the loss overflows. :data:`PRESETS` are the three stories,
:func:`depth_bound` the m^(L − l) curve drawn beside what :mod:`nncore.layer_stats` measures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.experiment import NetworkSettings
from nncore.layers.profile import activation_profile

MAX_DEPTH = 12
WIDTHS = (4, 8, 16, 32)
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu")
# "small" is 0.01·randn (the course); "large" is 1.0·randn, far above He's √(2/n_in).
INITS = ("small", "xavier", "he", "large")
LARGE_SCALE = 1.0


@dataclass(frozen=True)
class DeepPreset:
    """A network that shows one claim of the course, with the learning rate it trains at."""

    depth: int
    width: int
    activation: str
    init: str
    lr: float


PRESETS: dict[str, DeepPreset] = {
    # first-layer ‖∂L/∂W‖ ≈ 1e-15 of the last's; the loss stays at ln 2 (seed 0, 100 epochs)
    "sigmoid_small": DeepPreset(8, 16, "sigmoid", "small", 0.1),
    # first and last layer's gradients within a factor 2; the spiral is learnt in 100 epochs
    "relu_he": DeepPreset(8, 16, "relu", "he", 0.05),
    # the activations grow ≈ 2.8× per layer; the loss starts near 39 and overflows
    "relu_large": DeepPreset(8, 16, "relu", "large", 0.01),
}


def network_settings(depth: int, width: int, activation: str, init: str,
                     seed: int = 0) -> NetworkSettings:
    """The engine's settings for ``depth`` hidden layers of ``width`` units (clamped to
    1 … :data:`MAX_DEPTH` and 1 … 64); ``init`` one of :data:`INITS`."""
    depth, width = int(np.clip(depth, 1, MAX_DEPTH)), int(np.clip(width, 1, 64))
    if init == "large":
        return NetworkSettings((width,) * depth, activation, init="normal", seed=seed,
                               scale=LARGE_SCALE)
    return NetworkSettings((width,) * depth, activation, init=init, seed=seed)


def max_derivative(activation: str) -> float:
    """m = max f′(z), read off the activation's own backward pass on z ∈ [−10, 10]."""
    value = activation_profile(activation, np.linspace(-10, 10, 2001)).max_derivative
    return float(value if value is not None else 0.0)


def depth_bound(activation: str, n_layers: int) -> list[float]:
    """m^(L − l) for l = 1 … L: how much of the last layer's error signal the activations
    alone can let through to layer l (1 for the last layer)."""
    m = max_derivative(activation)
    return [m ** (n_layers - layer) for layer in range(1, n_layers + 1)]
