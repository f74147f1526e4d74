"""Weight penalties added to the data loss: J = J₀ + R(W) (004 "bài toán có hiệu chỉnh").

Only parameters with ``regularize=True`` are penalised: the weight matrices, not the biases.
The penalty is kept apart from the data loss so pages can plot both; the Trainer records
``data_loss``, ``penalty`` and their sum ``train_loss``.

    reg = L2(1e-3)
    penalty = reg.penalty(model.params())   # a float, R(W)
    reg.add_grad(model.params())            # p.grad += ∂R/∂p, after backward
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from nncore.layers.parameter import Parameter


class Regularizer:
    """Base class: ``penalty`` sums ``_term(W)`` and ``add_grad`` adds ``_grad(W)`` over the
    regularised parameters. ``lam`` (λ ≥ 0) may be changed between steps."""

    def __init__(self, lam: float) -> None:
        if lam < 0:
            raise ValueError("the regularization strength λ must be ≥ 0")
        self.lam = float(lam)

    def penalty(self, params: Iterable[Parameter]) -> float:
        """R(W) over the weights among ``params`` (biases are skipped)."""
        return float(sum(self._term(p.value) for p in params if p.regularize))

    def add_grad(self, params: Iterable[Parameter]) -> None:
        """Add ∂R/∂W into each weight's ``grad`` (in place)."""
        if self.lam == 0.0:
            return
        for p in params:
            if p.regularize:
                p.grad += self._grad(p.value)

    def _term(self, W: np.ndarray) -> float:
        raise NotImplementedError

    def _grad(self, W: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lam={self.lam})"


class L2(Regularizer):
    """L2 / weight decay, 004:  R = λ/2 Σ_l ‖W⁽ˡ⁾‖²_F,   ∂R/∂W = λ W."""

    def _term(self, W: np.ndarray) -> float:
        flat = W.ravel()
        return 0.5 * self.lam * float(flat @ flat)

    def _grad(self, W: np.ndarray) -> np.ndarray:
        return self.lam * W


class L1(Regularizer):
    """L1 (sparsity):  R = λ Σ_l Σ_ij |w_ij⁽ˡ⁾|,   ∂R/∂W = λ sign(W)  (0 at w = 0)."""

    def _term(self, W: np.ndarray) -> float:
        return self.lam * float(np.abs(W).sum())

    def _grad(self, W: np.ndarray) -> np.ndarray:
        return self.lam * np.sign(W)
