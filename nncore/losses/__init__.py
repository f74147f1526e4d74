"""Loss functions: ``forward(pred, target)`` returns the loss, ``backward()`` returns dpred.

Classification: :class:`CrossEntropy` (on probabilities), :class:`SoftmaxCrossEntropy` (on
logits, fused), :class:`BCE`, :class:`BCEWithLogits`. Regression: :class:`MSE`, :class:`MAE`,
:class:`Huber`. All take ``reduction="mean" | "sum" | "none"`` (see :mod:`nncore.losses.base`
for exactly what is averaged).
"""

from nncore.losses.base import REDUCTIONS, ElementwiseLoss, Loss
from nncore.losses.classification import (
    BCE,
    BCEWithLogits,
    CrossEntropy,
    SoftmaxCrossEntropy,
    one_hot,
)
from nncore.losses.regression import MAE, MSE, Huber

LOSSES: dict[str, type[Loss]] = {
    "cross_entropy": CrossEntropy,
    "softmax_cross_entropy": SoftmaxCrossEntropy,
    "bce": BCE,
    "bce_with_logits": BCEWithLogits,
    "mse": MSE,
    "mae": MAE,
    "huber": Huber,
}

__all__ = [
    "BCE",
    "LOSSES",
    "MAE",
    "MSE",
    "REDUCTIONS",
    "BCEWithLogits",
    "CrossEntropy",
    "ElementwiseLoss",
    "Huber",
    "Loss",
    "SoftmaxCrossEntropy",
    "one_hot",
]
