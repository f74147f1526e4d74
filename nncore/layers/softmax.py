"""The Softmax layer of 000 §5.6 (the course's explicit output layer of a classifier)."""

from __future__ import annotations

import numpy as np

from nncore.layers.base import Cache, Layer
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

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, Cache]:
        Y = softmax(X)
        return Y, {"Y": Y}

    def _backward(self, dY: np.ndarray, cache: Cache) -> np.ndarray:
        Y = cache["Y"]
        return Y * (dY - np.sum(dY * Y, axis=-1, keepdims=True))
