"""An activation as a student plots it: f(z) and f′(z) over a range, read off the layer itself.

f′ comes from the layer's own backward pass with an upstream gradient of ones
(ΔX = 1 ⊙ f′(X)), so the curve shown is exactly the derivative the engine uses in training.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.layers import NotDifferentiableError, make_activation


@dataclass(frozen=True)
class ActivationProfile:
    """f and f′ of one activation on a grid z; ``derivative`` is None when f has no gradient."""

    name: str
    z: np.ndarray
    value: np.ndarray
    derivative: np.ndarray | None

    @property
    def max_derivative(self) -> float | None:
        """max f′ on the grid: the most a gradient can be multiplied by per layer."""
        return None if self.derivative is None else float(self.derivative.max())

    def gradient_bound(self, depth: int) -> float | None:
        """(max f′)^depth: an upper bound on what reaches the first of ``depth`` layers through
        the activations alone (the vanishing-gradient argument; 002 §1.3, 003)."""
        bound = self.max_derivative
        return None if bound is None else bound**depth


def activation_profile(name: str, z: np.ndarray, **kwargs: float) -> ActivationProfile:
    """Run the activation ``name`` forward and backward on ``z`` (a 1-D grid)."""
    layer = make_activation(name, **kwargs)
    layer.train()
    column = np.asarray(z, dtype=float).reshape(-1, 1)
    value = layer.forward(column).ravel()
    try:
        derivative = layer.backward(np.ones_like(column)).ravel()
    except NotDifferentiableError:
        derivative = None
    return ActivationProfile(name, column.ravel(), value, derivative)
