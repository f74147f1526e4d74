"""The Softmax layer of 000 §5.6 (the course's explicit output layer of a classifier)."""

from __future__ import annotations

import numpy as np

from nncore.layers.base import Layer
from nncore.layers.functional import softmax


class Softmax(Layer):
    """Row-wise softmax, turning scores into a categorical distribution (000 §5.6).

    Forward (000 formula 24):    y_i = e^(z_i) / Σ_k e^(z_k)      for each row z of X
    Backward (000 formula 25):   Δz = (diag(y) − y yᵀ) Δy = y ⊙ (Δy − (yᵀ Δy))

    The Jacobian-vector product is applied to every row at once without building the K×K
    Jacobian. Train mode caches Y. For training a classifier prefer logits followed by the
    fused, stable ``SoftmaxCrossEntropy`` (gradient (p − t)/N); this layer is the course's
    separate Softmax + CrossEntropy pair.
    """

    def forward(self, X: np.ndarray) -> np.ndarray:
        Y = softmax(X)
        self._remember(Y=Y)
        return Y

    def backward(self, dY: np.ndarray) -> np.ndarray:
        Y = self._recall()["Y"]
        return Y * (dY - np.sum(dY * Y, axis=-1, keepdims=True))
