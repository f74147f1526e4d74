"""One training step of an MLP, recorded layer by layer in the course's matrix notation.

:func:`trace_step` runs one step of a :class:`~nncore.model.Sequential` made of (Linear,
activation) pairs, with its real layers, loss and optimizer, and records what every stage
computed, so a page can show exactly what training does (002 §1.1, 000 §5.2, 003's stages):

- forward, layer l = 1..L:      z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾,   a⁽ˡ⁾ = f(z⁽ˡ⁾)      (002 1.3)
- the loss:                     C = (1/N) Σₙ ℓ(a⁽ᴸ⁾ₙ, tₙ),   ∇ₐC = ∂C/∂a⁽ᴸ⁾
- backward, layer l = L..1:     δ⁽ᴸ⁾ = ∇ₐC ⊙ f′(z⁽ᴸ⁾)                          (002 1.5)
                                δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾) ⊙ f′(z⁽ˡ⁾)              (002 1.7)
                                ∂C/∂b⁽ˡ⁾ = δ⁽ˡ⁾,   ∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ          (002 1.8, 1.9)
                                ∂C/∂a⁽ˡ⁻¹⁾ = W⁽ˡ⁾ᵀ δ⁽ˡ⁾, passed down to layer l − 1
- update, layer l = 1..L:       W⁽ˡ⁾ ← W⁽ˡ⁾ − α ∂C/∂W⁽ˡ⁾   (SGD; Momentum: v ← ρv + ∂C/∂W,
                                W ← W − α v, 000 formulas 6–8)

δ is 002's error, the gradient with respect to the pre-activation z. For a softmax output the
Jacobian is not diagonal, so δ⁽ᴸ⁾ = J_softmax ∇ₐC (000 formula 25), which with cross-entropy is
a − t; with a sigmoid output and binary cross-entropy the product also simplifies to a − t (004).

Notation. One sample (N = 1) is recorded in 002's column form: vectors a, z, δ are columns
(k × 1). A batch of N samples is recorded in 000's row form: A⁽ˡ⁻¹⁾ (N × n_in), Z = A Wᵀ + 1bᵀ,
and Δ⁽ˡ⁾ = ∂C/∂Z⁽ˡ⁾ (N × n_out). The loss is the mean over the batch, so row n of Δ is δₙᵀ/N and
∂C/∂W = Δᵀ A = (1/N) Σₙ δₙ aₙᵀ, 000's ΔW = ΔYᵀX averaged over the batch (§5.2.3.c); the
per-sample δₙ aₙᵀ are recorded as ``dW_samples`` so that the average can be shown.
Biases and their gradients are always columns (000 §5.2.1).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import numpy as np

from nncore.gradcheck import GradCheck, check_model
from nncore.layers import Activation, Layer, Linear
from nncore.layers.activations import Sigmoid
from nncore.layers.softmax import Softmax
from nncore.losses import BCE, CrossEntropy, Loss
from nncore.model import Sequential
from nncore.optimizers import Momentum, Optimizer

PHASES = ("forward", "loss", "backward", "update")
# Per-sample arrays (one row per sample): columns for one sample, rows for a batch.
PER_SAMPLE = ("a_prev", "z", "a", "t", "grad_a", "fprime", "delta", "grad_a_prev", "a_minus_t")


@dataclass(frozen=True)
class StepRecord:
    """One stage of the step: its ``phase`` (see :data:`PHASES`), the ``layer`` l it works on
    (1..L; the loss stage is on layer L), the ``formula`` it follows (``"forward"``,
    ``"loss_mse"``, ``"loss_bce"``, ``"loss_ce"``, ``"backward_output"``,
    ``"backward_softmax"``, ``"backward_hidden"``, ``"update_sgd"``, ``"update_momentum"``;
    another optimizer gives ``"update_<its class name>"``),
    the named ``matrices`` it used and produced (shown in the course's notation, see the module
    docstring) and scalar ``numbers`` (the loss, α, ρ, N)."""

    phase: str
    layer: int
    formula: str
    matrices: dict[str, np.ndarray]
    numbers: dict[str, float] = field(default_factory=dict)


@dataclass
class StepTrace:
    """The whole step: the records in order, plus what the figures need about the network."""

    steps: list[StepRecord]
    sizes: list[int]  # input first: [3, 4, 4, 2]
    activations: list[str]  # f of each layer, "sigmoid", ..., the output's last
    loss_name: str  # "mse" | "bce" | "ce"
    n_samples: int
    loss: float
    weights: list[np.ndarray]  # W⁽ˡ⁾ before the update
    grads: list[np.ndarray]  # ∂C/∂W⁽ˡ⁾
    bias_grads: list[np.ndarray]  # ∂C/∂b⁽ˡ⁾
    new_weights: list[np.ndarray]  # W⁽ˡ⁾ after the update
    loss_after: float = float("nan")  # C on the same samples with the new weights
    checks: dict[str, GradCheck] | None = None  # numerical vs backprop, before the update

    @property
    def batch(self) -> bool:
        return self.n_samples > 1

    @property
    def n_layers(self) -> int:
        return len(self.weights)

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, k: int) -> StepRecord:
        return self.steps[k]


def agrees(check: GradCheck, tol: float = 1e-6, noise: float = 1e-9) -> np.ndarray:
    """Entrywise: backprop and the numerical gradient agree, with a relative error below
    ``tol`` or, for gradients so small that the relative error only measures the centred
    difference's own round-off (about 1e-11 absolute with h = 1e-5), a difference below
    ``noise``."""
    return (check.rel_error < tol) | (np.abs(check.analytic - check.numeric) < noise)


def layer_pairs(model: Sequential) -> list[tuple[Linear, Layer]]:
    """The model's (Linear, activation) pairs, one per layer l; a model of another shape (two
    Linear layers in a row, a Linear last) raises ValueError."""
    layers = model.layers
    pairs = list(zip(layers[0::2], layers[1::2], strict=False))
    if len(layers) % 2 or not pairs or not all(
            isinstance(lin, Linear) and lin.bias is not None and not isinstance(act, Linear)
            for lin, act in pairs):
        raise ValueError("expected Linear (with bias) and activation layers in turn, "
                         "ending with the output activation")
    return pairs


def activation_name(layer: Layer) -> str:
    """"sigmoid", "tanh", "relu", "identity", "softmax", ... (the layer's class name)."""
    return type(layer).__name__.lower()


def loss_name(loss: Loss) -> str:
    """The formula family of a loss on the output activations: "mse", "bce", "ce" (another
    loss: its class name, "huber", ...)."""
    if isinstance(loss, CrossEntropy):
        return "ce"
    return "bce" if isinstance(loss, BCE) else type(loss).__name__.lower()


def _form(name: str, value: np.ndarray, batch: bool) -> np.ndarray:
    """The array as the course shows it: per-sample arrays as columns for one sample, rows for
    a batch; bias-like vectors always as columns."""
    value = np.array(value, dtype=np.float64)
    if value.ndim == 1 or (name in PER_SAMPLE and not batch):
        return value.reshape(-1, 1)
    return value


def _record(phase: str, layer: int, formula: str, batch: bool,
            numbers: dict[str, float] | None = None, **matrices: np.ndarray) -> StepRecord:
    shown = {name: _form(name, value, batch) for name, value in matrices.items()}
    return StepRecord(phase, layer, formula, shown, numbers or {})


def _simplifies(act: Layer, loss: Loss) -> bool:
    """Sigmoid with binary cross-entropy, or softmax with cross-entropy: δ⁽ᴸ⁾ = (a − t)/N."""
    return (isinstance(act, Sigmoid) and isinstance(loss, BCE)) or (
        isinstance(act, Softmax) and isinstance(loss, CrossEntropy))


def _forward(pairs: list[tuple[Linear, Layer]], X: np.ndarray, batch: bool
             ) -> tuple[list[StepRecord], list[np.ndarray]]:
    """Forward through the real layers; returns the records and a⁽⁰⁾ = x, a⁽¹⁾, …, a⁽ᴸ⁾."""
    records, outputs = [], [X]
    for layer, (linear, act) in enumerate(pairs, 1):
        z = linear.forward(outputs[-1])
        a = act.forward(z)
        records.append(_record("forward", layer, "forward", batch, W=linear.W.copy(),
                               a_prev=outputs[-1], b=linear.b.copy(), z=z, a=a))
        outputs.append(a)
    return records, outputs


def _loss(loss: Loss, output: np.ndarray, targets: np.ndarray, layer: int, batch: bool
          ) -> tuple[StepRecord, np.ndarray]:
    """C = (1/N) Σₙ ℓₙ and ∇ₐC from the real loss; the per-sample ℓₙ from a copy of it with
    ``reduction="none"``."""
    value = float(loss.forward(output, targets))
    grad = loss.backward()
    per_sample = copy.deepcopy(loss)
    per_sample.reduction = "none"
    losses = np.asarray(per_sample.forward(output, targets), dtype=np.float64)
    record = _record("loss", layer, f"loss_{loss_name(loss)}", batch,
                     {"C": value, "N": len(targets)}, a=output, t=targets, grad_a=grad,
                     losses=losses)
    return record, grad


def _backward(pairs: list[tuple[Linear, Layer]], loss: Loss, outputs: list[np.ndarray],
              targets: np.ndarray, grad: np.ndarray, batch: bool) -> list[StepRecord]:
    """Backward through the real layers, output first: each activation's backward gives δ,
    each Linear's backward adds ∂W, ∂b into its parameters and returns ∂C/∂a⁽ˡ⁻¹⁾."""
    records = []
    n, n_layers = len(targets), len(pairs)
    for layer in range(n_layers, 0, -1):
        linear, act = pairs[layer - 1]
        extra: dict[str, np.ndarray] = {}
        if isinstance(act, Activation):  # elementwise: f′(z) from the layer's own backward
            extra["fprime"] = act.backward(np.ones_like(grad))
        delta = act.backward(grad)
        grad_prev = linear.backward(delta)
        formula = "backward_hidden"
        if layer == n_layers:
            formula = "backward_output" if "fprime" in extra else "backward_softmax"
            if _simplifies(act, loss):
                extra["a_minus_t"] = (outputs[-1] - targets) / n
        if layer > 1:
            extra["grad_a_prev"] = grad_prev
        if batch:  # δₙ aₙᵀ for each sample: their mean is ∂C/∂W (rows of Δ carry the 1/N)
            extra["dW_samples"] = np.einsum("ni,nj->nij", n * delta, outputs[layer - 1])
        records.append(_record("backward", layer, formula, batch, {"N": n}, grad_a=grad,
                               delta=delta, a_prev=outputs[layer - 1], W=linear.W.copy(),
                               dW=linear.dW.copy(), db=linear.db.copy(), **extra))
        grad = grad_prev
    return records


def _update(pairs: list[tuple[Linear, Layer]], optimizer: Optimizer, batch: bool
            ) -> list[StepRecord]:
    """One ``optimizer.step()`` for every parameter, then one record per layer with W, ∂W and
    the new W (and for Momentum the velocity v before and after: v ← ρv + ∂W)."""
    before = [(linear.W.copy(), linear.b.copy()) for linear, _ in pairs]
    momentum = type(optimizer) is Momentum
    velocity = {name: state["v"].copy() for name, state in optimizer.state.items()
                } if momentum else {}
    optimizer.step()
    numbers = {"lr": optimizer.lr, **({"rho": optimizer.rho} if momentum else {})}
    records = []
    for layer, ((linear, _), (W, b)) in enumerate(zip(pairs, before, strict=True), 1):
        extra = {}
        if momentum:
            w_name, b_name = linear.weight.name, linear.bias.name
            extra = {"v_W_prev": velocity[w_name], "v_W": optimizer.state[w_name]["v"].copy(),
                     "v_b_prev": velocity[b_name], "v_b": optimizer.state[b_name]["v"].copy()}
        records.append(_record("update", layer, f"update_{type(optimizer).__name__.lower()}",
                               batch, numbers, W=W, dW=linear.dW.copy(), W_new=linear.W.copy(),
                               b=b, db=linear.db.copy(), b_new=linear.b.copy(), **extra))
    return records


def trace_step(model: Sequential, loss: Loss, X: np.ndarray, targets: np.ndarray,
               optimizer: Optimizer, *, check: bool = True) -> StepTrace:
    """Run one training step (forward, loss, backward, update) on the batch ``X`` (N × n_in)
    with ``targets`` (N × n_out) and record it. The model and the optimizer are updated in
    place, as by training, and the loss on the same samples after the update is recorded too.
    With ``check``, every parameter's gradient is first compared with
    the numerical gradient (:func:`nncore.gradcheck.check_model`) on a copy of the model."""
    pairs = layer_pairs(model)
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    targets = np.asarray(targets, dtype=np.float64).reshape(len(X), -1)
    batch = len(X) > 1
    checks = None
    if check:
        with np.errstate(all="ignore"):
            checks = check_model(copy.deepcopy(model), copy.deepcopy(loss), X, targets)
    model.train()
    model.zero_grad()  # backward adds into the gradients
    forward, outputs = _forward(pairs, X, batch)
    loss_record, grad = _loss(loss, outputs[-1], targets, len(pairs), batch)
    backward = _backward(pairs, loss, outputs, targets, grad, batch)
    weights = [linear.W.copy() for linear, _ in pairs]
    update = _update(pairs, optimizer, batch)
    with np.errstate(all="ignore"):
        loss_after = float(copy.deepcopy(loss).forward(model.output(X), targets))
    return StepTrace(
        steps=[*forward, loss_record, *backward, *update],
        sizes=[X.shape[1], *(linear.n_out for linear, _ in pairs)],
        activations=[activation_name(act) for _, act in pairs],
        loss_name=loss_name(loss), n_samples=len(X), loss=loss_record.numbers["C"],
        weights=weights, grads=[r.matrices["dW"] for r in update],
        bias_grads=[r.matrices["db"] for r in update],
        new_weights=[r.matrices["W_new"] for r in update], loss_after=loss_after,
        checks=checks)
