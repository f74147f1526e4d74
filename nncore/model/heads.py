"""Output heads (000 §5.1.2): how a model's raw output becomes a prediction, and its loss.

A model built by ``mlp`` ends with a ``Linear`` layer, so its output is a score vector
(logits). The head says what those scores mean; the squashing (softmax/sigmoid) is *fused
into the loss* during training, which is stable and gives the simple gradient p − t:

===============  =================  ====================  ===================
head             ``predict_proba``  ``predict``           training loss
===============  =================  ====================  ===================
"softmax"        softmax(logits)    argmax                SoftmaxCrossEntropy
"sigmoid"        σ(logits)          1 if σ ≥ 0.5 else 0   BCEWithLogits
"linear"         the outputs        the outputs           MSE (regression)
"probabilities"  the outputs        argmax                CrossEntropy
===============  =================  ====================  ===================

"probabilities" is for the course's layout where the network itself ends with a
``Softmax`` layer (000 §5.6) and the loss is cross-entropy on probabilities (000 §6.1).
"""

from __future__ import annotations

import numpy as np

from nncore.layers.functional import sigmoid, softmax
from nncore.losses import MSE, BCEWithLogits, CrossEntropy, Loss, SoftmaxCrossEntropy


class Head:
    """Base head: a name, the task, the default metric and the matching loss."""

    name = "linear"
    task = "regression"
    metric = "mse"

    def proba(self, out: np.ndarray, overwrite: bool = False) -> np.ndarray:
        """Probabilities (classification) or the outputs themselves (regression).
        With ``overwrite`` the result may be written into ``out``."""
        return out

    def predict(self, out: np.ndarray) -> np.ndarray:
        """Class indices (classification) or values (regression)."""
        return out

    def loss(self) -> Loss:
        """A fresh instance of the loss that matches this head."""
        return MSE()

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class LinearHead(Head):
    """Regression: the outputs are the prediction; trained with MSE."""


class ClassifierHead(Head):
    """Base of the classification heads: predictions are the argmax class."""

    task = "classification"
    metric = "accuracy"

    def predict(self, out: np.ndarray) -> np.ndarray:
        return np.argmax(out, axis=1)


class SoftmaxHead(ClassifierHead):
    """Single-label classification from logits; trained with SoftmaxCrossEntropy."""

    name = "softmax"

    def proba(self, out: np.ndarray, overwrite: bool = False) -> np.ndarray:
        return softmax(out, out=out if overwrite else None)

    def loss(self) -> Loss:
        return SoftmaxCrossEntropy()


class SigmoidHead(ClassifierHead):
    """Binary (one output) or multi-label classification from logits; trained with
    BCEWithLogits. A single output predicts labels of shape (N,), several give (N, K)."""

    name = "sigmoid"

    def proba(self, out: np.ndarray, overwrite: bool = False) -> np.ndarray:
        return sigmoid(out)

    def predict(self, out: np.ndarray) -> np.ndarray:
        labels = (out >= 0.0).astype(np.int64)  # σ(z) ≥ 0.5  ⇔  z ≥ 0
        return labels[:, 0] if labels.ndim == 2 and labels.shape[1] == 1 else labels

    def loss(self) -> Loss:
        return BCEWithLogits()


class ProbabilitiesHead(ClassifierHead):
    """The network already outputs probabilities (it ends with a Softmax layer)."""

    name = "probabilities"

    def loss(self) -> Loss:
        return CrossEntropy()


HEADS: dict[str, type[Head]] = {
    "linear": LinearHead,
    "softmax": SoftmaxHead,
    "sigmoid": SigmoidHead,
    "probabilities": ProbabilitiesHead,
}


def get_head(head: str | Head | None) -> Head:
    """A head from its name (None means "linear") or a Head instance."""
    if isinstance(head, Head):
        return head
    try:
        return HEADS[head or "linear"]()
    except KeyError:
        raise ValueError(f"unknown head {head!r}; choose one of {sorted(HEADS)}") from None
