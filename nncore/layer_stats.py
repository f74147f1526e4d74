"""What each layer of a deep network does in one forward and backward pass (002 §1.3, 003: the
vanishing and exploding gradient; CS231n's activation statistics).

For the l-th fully connected layer of a :class:`~nncore.model.Sequential` (l = 1 … L),
z⁽ˡ⁾ = a⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ + b⁽ˡ⁾ and a⁽ˡ⁾ = f(z⁽ˡ⁾) (the layer after it, if it is an activation;
otherwise a⁽ˡ⁾ = z⁽ˡ⁾, e.g. the output logits). :func:`backward_stats` runs one train-mode
forward pass, the loss L and one backward pass on a batch, changes no weight, and reports
per layer:

- ``grad_norm`` ‖∂L/∂W⁽ˡ⁾‖ (Frobenius: √Σᵢⱼ (∂L/∂Wᵢⱼ)²), ``weight_norm`` ‖W⁽ˡ⁾‖ and their ratio
  ``relative_grad`` = ‖∂L/∂W⁽ˡ⁾‖ / ‖W⁽ˡ⁾‖ (how far one step of size α = 1 would move W);
- ``delta_norm`` ‖δ⁽ˡ⁾‖ = ‖∂L/∂z⁽ˡ⁾‖, the error signal 002 (1.7) passes down;
- the activations' ``mean`` and ``std`` over the batch and the layer's units, and
  ``saturated``, the share of entries whose local gradient f′(z⁽ˡ⁾) is below
  :data:`SATURATED` (0.01): a saturated sigmoid or tanh, or a ReLU that is off. Nothing passes
  back through those (ΔZ = ΔA ⊙ f′(Z)).

The gradients stay in the parameters afterwards (as after any backward pass), so
:func:`gradient_norms` reads the same ‖∂L/∂W⁽ˡ⁾‖ again, and also after a Trainer's step.
Initialisations to compare are chosen by name when building the network:
``mlp(sizes, activation="tanh", init="small" | "xavier" | "he")`` (see
:mod:`nncore.layers.initializers`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.layers import Activation, Layer, Linear, activation_name
from nncore.losses import Loss
from nncore.model import Sequential

SATURATED = 0.01


@dataclass(frozen=True)
class LayerStats:
    """The numbers of layer l (see the module docstring); ``activation`` names f
    (``"identity"`` when no activation follows the Linear layer)."""

    layer: int
    activation: str
    weight_norm: float
    grad_norm: float
    bias_grad_norm: float
    delta_norm: float
    mean: float
    std: float
    saturated: float

    @property
    def relative_grad(self) -> float:
        """‖∂L/∂W⁽ˡ⁾‖ / ‖W⁽ˡ⁾‖ (NaN for all-zero weights)."""
        return self.grad_norm / self.weight_norm if self.weight_norm else float("nan")


@dataclass(frozen=True)
class BackwardStats:
    """One pass: the loss L, the :class:`LayerStats` of l = 1 … L, and the activations a⁽ˡ⁾
    themselves (N × width arrays, for histograms)."""

    loss: float
    layers: list[LayerStats]
    activations: list[np.ndarray]

    def grad_norms(self) -> list[float]:
        return [s.grad_norm for s in self.layers]


def _linear_indices(model: Sequential) -> list[int]:
    return [i for i, layer in enumerate(model.layers) if isinstance(layer, Linear)]


def gradient_norms(model: Sequential) -> list[float]:
    """‖∂L/∂W⁽ˡ⁾‖ for l = 1 … L from the gradients now in the parameters."""
    return [float(np.linalg.norm(model.layers[i].dW)) for i in _linear_indices(model)]


def _forward_backward(model: Sequential, X: np.ndarray, targets: np.ndarray, loss: Loss
                      ) -> tuple[float, list[np.ndarray], list[np.ndarray]]:
    """L, every layer's output and the gradient of L with respect to every layer's output."""
    model.train()
    model.zero_grad()
    outputs, h = [], np.asarray(X, dtype=np.float64)
    for layer in model.layers:
        h = layer.forward(h)
        outputs.append(h)
    value = float(loss.forward(h, targets))
    grads: list[np.ndarray] = [np.empty(0)] * len(outputs)
    g = loss.backward()
    for i in reversed(range(len(model.layers))):
        grads[i] = g
        g = model.layers[i].backward(g)
    return value, outputs, grads


def _saturated(layer: Layer | None, a: np.ndarray) -> float:
    """The share of f′(z) < SATURATED, f′ from the activation's own backward pass with ΔA = 1
    (0 without an activation, NaN for a layer that is not elementwise, such as Softmax)."""
    if layer is None:
        return 0.0
    if not isinstance(layer, Activation):
        return float("nan")
    return float(np.mean(layer.backward(np.ones_like(a)) < SATURATED))


def backward_stats(model: Sequential, X: np.ndarray, targets: np.ndarray,
                   loss: Loss | None = None) -> BackwardStats:
    """One forward and backward pass of ``model`` on (X, targets) with ``loss`` (default: the
    head's loss) and the per-layer numbers of the module docstring. No weight changes."""
    loss = loss if loss is not None else model.head.loss()
    value, outputs, grads = _forward_backward(model, X, targets, loss)
    layers, stats, activations = model.layers, [], []
    for number, i in enumerate(_linear_indices(model), start=1):
        linear = layers[i]
        after = layers[i + 1] if i + 1 < len(layers) and not isinstance(
            layers[i + 1], Linear) else None
        a = outputs[i + 1] if after is not None else outputs[i]
        stats.append(LayerStats(
            layer=number, activation=activation_name(after) if after is not None else "identity",
            weight_norm=float(np.linalg.norm(linear.W)),
            grad_norm=float(np.linalg.norm(linear.dW)),
            bias_grad_norm=float(np.linalg.norm(linear.db)) if linear.db is not None else 0.0,
            delta_norm=float(np.linalg.norm(grads[i])), mean=float(a.mean()),
            std=float(a.std()), saturated=_saturated(after, a)))
        activations.append(a.copy())
    return BackwardStats(value, stats, activations)
