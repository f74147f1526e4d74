"""Shared test helpers: centred-difference gradients and the relative error."""

from __future__ import annotations

import numpy as np

from nncore.graph import Graph

STEP = 1e-6


def numerical_gradients(g: Graph, step: float = STEP) -> dict[str, np.ndarray]:
    """∂f/∂input by centred differences, one element at a time, for every input of ``g``."""
    grads = {}
    for name, node in g.inputs.items():
        base = np.array(node.value, dtype=np.float64)
        grad = np.zeros_like(base)
        for index in np.ndindex(*base.shape):
            values = []
            for sign in (1.0, -1.0):
                moved = base.copy()
                moved[index] += sign * step
                g.set_value(name, moved)
                values.append(float(g.forward()))
            grad[index] = (values[0] - values[1]) / (2 * step)
        g.set_value(name, base)
        grads[name] = grad
    g.forward()
    return grads


def relative_error(analytic: object, numeric: object) -> float:
    """max |a − n| / max(|a|, |n|), elementwise; pairs that are both ~0 count as 0."""
    a = np.asarray(analytic, dtype=np.float64)
    n = np.asarray(numeric, dtype=np.float64)
    scale = np.maximum(np.abs(a), np.abs(n))
    err = np.where(scale < 1e-10, 0.0, np.abs(a - n) / np.maximum(scale, 1e-300))
    return float(np.max(err, initial=0.0))
