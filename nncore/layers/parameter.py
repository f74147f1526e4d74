"""A learnable array together with its gradient: the one way parameters are exposed.

Optimizers, regularizers, the gradient check and the pages all read parameters through this
class, so every layer with weights shows them the same way: ``name``, ``value`` and ``grad``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


class Parameter:
    """A named float64 array ``value`` and its gradient ``grad`` (same shape).

    ``value`` is updated in place by optimizers (``p.value -= ...``), so anything holding a
    reference to it (a layer's ``W``, a page's table) sees the new numbers without copying.
    ``grad`` holds ∂ℓ/∂value; backward passes *add* into it (gradients add where a value is
    used more than once), and ``zero_grad()`` clears it before the next batch.

    ``regularize`` says whether weight penalties (L1/L2, AdamW's decay) apply: True for
    weight matrices, False for biases (004: the penalty is λ/2 Σ‖W⁽ˡ⁾‖², biases excluded).
    """

    __slots__ = ("grad", "name", "regularize", "value")

    def __init__(self, name: str, value: ArrayLike, regularize: bool = True) -> None:
        self.name = name
        self.value = np.array(value, dtype=np.float64)
        self.grad = np.zeros_like(self.value)
        self.regularize = regularize

    @property
    def shape(self) -> tuple[int, ...]:
        return self.value.shape

    @property
    def size(self) -> int:
        return self.value.size

    def zero_grad(self) -> None:
        """Set the gradient to zero (in place)."""
        self.grad.fill(0.0)

    def assign(self, value: ArrayLike) -> None:
        """Copy new numbers into ``value`` in place, keeping its shape."""
        new = np.asarray(value, dtype=np.float64)
        if new.shape != self.value.shape:
            raise ValueError(
                f"parameter {self.name!r} has shape {self.value.shape}; got shape {new.shape}"
            )
        self.value[...] = new

    def __repr__(self) -> str:
        return f"Parameter({self.name!r}, shape={self.value.shape})"
