"""Models: :class:`Sequential`, the :func:`mlp` builder, output heads, save/load (npz)."""

from nncore.model.builder import mlp, xor_sign_network
from nncore.model.heads import (
    HEADS,
    ClassifierHead,
    Head,
    LinearHead,
    ProbabilitiesHead,
    SigmoidHead,
    SoftmaxHead,
    get_head,
)
from nncore.model.sequential import Sequential

__all__ = [
    "HEADS",
    "ClassifierHead",
    "Head",
    "LinearHead",
    "ProbabilitiesHead",
    "Sequential",
    "SigmoidHead",
    "SoftmaxHead",
    "get_head",
    "mlp",
    "xor_sign_network",
]
