"""The networks, data and settings of the one-training-step walk-through, checked before use.

Three networks (:data:`NETWORKS`):

- ``"3442"``: 001's "Forward propagation – run" network, 3 inputs, two hidden layers of 4
  sigmoid neurons, 2 outputs, with its three rows (1,2,3 → 4,5), (3,2,1 → 5,6), (1,5,7 → 8,6).
  The targets are real numbers up to 8, which a sigmoid output (values in (0, 1)) can never
  reach: the default output is the identity with MSE (a regression head, as 001 itself says:
  "linear functions for real-valued target"); a sigmoid output gets the targets divided by
  :data:`TARGET_SCALE`. Inputs up to 7 would push the sigmoids into saturation (σ′ ≈ 0, 002's
  vanishing gradient), so by default they are standardised over the three rows,
  x̃ = (x − mean) / std.
- ``"xor"``: 004's 2-2-1 sigmoid network on the four XOR points, binary cross-entropy.
- ``"custom"``: any sizes up to :data:`MAX_HIDDEN_LAYERS` hidden layers of up to
  :data:`MAX_WIDTH` neurons, on four seeded samples whose targets fit the chosen loss.

:func:`problems` lists what cannot work (softmax over one output, cross-entropy without a softmax
output, classification losses on real-valued targets, ...) with the settings that fix it; the
page shows them instead of a traceback. :func:`run` builds everything and traces one step.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from nncore.choices import make_optimizer, optimizer_spec
from nncore.data import example_3442, xor
from nncore.data.split import Standardizer
from nncore.layers import make_activation
from nncore.losses import BCE, MSE, CrossEntropy, Loss
from nncore.mlp_step.trace import StepTrace, trace_step
from nncore.model import Sequential, mlp
from nncore.optimizers import Optimizer

NETWORKS = ("3442", "xor", "custom")
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu")
OUTPUT_ACTIVATIONS = ("identity", "sigmoid", "softmax")
LOSSES = ("mse", "bce", "ce")
OPTIMIZERS = ("sgd", "momentum")  # of nncore.choices.OPTIMIZERS: the rules the trace writes out
MAX_WIDTH = 6  # neurons in any layer, inputs and outputs included
MAX_HIDDEN_LAYERS = 3  # so at most 4 layers with weights
CUSTOM_SAMPLES = 4
TARGET_SCALE = 10.0  # 001's targets (up to 8) divided by this for a sigmoid output
MAX_STEPS_DONE = 200  # training steps that may be replayed before the traced one


@dataclass(frozen=True)
class StepSetup:
    """Everything that decides the traced step. ``batch`` is the number of samples N (1: the
    single sample ``sample``; N > 1: the first N rows)."""

    network: str = "3442"
    sizes: tuple[int, ...] = (3, 4, 4, 2)
    hidden: str = "sigmoid"
    output: str = "identity"
    loss: str = "mse"
    optimizer: str = "sgd"
    lr: float = 0.1
    rho: float = 0.9
    seed: int = 0
    batch: int = 1
    sample: int = 0
    standardize: bool = True


PRESETS: dict[str, StepSetup] = {
    "3442": StepSetup(),
    "xor": StepSetup(network="xor", sizes=(2, 2, 1), output="sigmoid", loss="bce", lr=1.0,
                     sample=3),
    "custom": StepSetup(network="custom", sizes=(2, 3, 2), output="softmax", loss="ce", lr=0.5),
}


@dataclass(frozen=True)
class Problem:
    """Something wrong with a setup: ``level`` "error" (nothing can run) or "warning" (it runs
    but misleads), a ``key`` naming it, and the settings ``fix`` that would resolve it."""

    level: str
    key: str
    fix: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class StepData:
    """The rows of a network: as given (``X_raw``, ``T_raw``) and as fed to it (``X``, ``T``)."""

    X_raw: np.ndarray
    T_raw: np.ndarray
    X: np.ndarray
    T: np.ndarray

    @property
    def classification(self) -> bool:
        """Targets that are 0/1 labels (binary, or one-hot rows)."""
        return bool(np.all((self.T_raw == 0) | (self.T_raw == 1)))


def _custom_targets(setup: StepSetup, rng: np.random.Generator) -> np.ndarray:
    n, k = CUSTOM_SAMPLES, setup.sizes[-1]
    if setup.loss == "ce" or setup.output == "softmax":  # one class per sample, one-hot
        return np.eye(k)[rng.integers(0, k, n)]
    if setup.loss == "bce":
        return rng.integers(0, 2, (n, k)).astype(np.float64)
    if setup.output == "sigmoid":
        return np.round(rng.uniform(0.1, 0.9, (n, k)), 2)
    return np.round(rng.normal(0.0, 1.0, (n, k)), 2)


def step_data(setup: StepSetup) -> StepData:
    """The network's rows, scaled as described in the module docstring."""
    if setup.network == "3442":
        X_raw, T_raw = example_3442()
        X = Standardizer().fit(X_raw).transform(X_raw) if setup.standardize else X_raw
        scale = TARGET_SCALE if setup.output == "sigmoid" else 1.0
        return StepData(X_raw, T_raw, X, T_raw / scale)
    if setup.network == "xor":
        X, y = xor()
        T = y[:, None].astype(np.float64)
        return StepData(X, T, X, T)
    rng = np.random.default_rng(setup.seed + 1)  # the weights use ``seed`` itself
    X = np.round(rng.normal(0.0, 1.0, (CUSTOM_SAMPLES, setup.sizes[0])), 2)
    T = _custom_targets(setup, rng)
    return StepData(X, T, X, T)


def _size_problems(setup: StepSetup) -> list[Problem]:
    sizes, hidden = setup.sizes, len(setup.sizes) - 2
    if not 1 <= hidden <= MAX_HIDDEN_LAYERS or not all(1 <= n <= MAX_WIDTH for n in sizes):
        return [Problem("error", "sizes", {"sizes": PRESETS["custom"].sizes})]
    if setup.network != "custom" and sizes != PRESETS[setup.network].sizes:
        return [Problem("error", "preset_sizes", {"sizes": PRESETS[setup.network].sizes})]
    return []


def problems(setup: StepSetup) -> list[Problem]:
    """What is wrong with ``setup``, errors first (see :class:`Problem`)."""
    found = _size_problems(setup)
    if found:
        return found
    outputs = setup.sizes[-1]
    data = step_data(setup)
    if setup.loss in ("bce", "ce") and not data.classification:
        found.append(Problem("error", "regression_targets", {"loss": "mse",
                                                             "output": "identity"}))
    elif setup.loss == "ce" and outputs == 1:
        found.append(Problem("error", "ce_one_output", {"loss": "bce", "output": "sigmoid"}))
    elif setup.loss == "ce" and setup.output != "softmax":
        found.append(Problem("error", "ce_needs_softmax", {"output": "softmax"}))
    elif setup.loss == "bce" and setup.output != "sigmoid":
        found.append(Problem("error", "bce_needs_sigmoid", {"output": "sigmoid"}))
    if setup.output == "softmax" and outputs == 1 and setup.loss != "ce":
        found.append(Problem("error", "softmax_one_output", {"output": "sigmoid"}))
    if not 1 <= setup.batch <= len(data.X) or not 0 <= setup.sample < len(data.X):
        found.append(Problem("error", "samples", {"batch": 1, "sample": 0}))
    if setup.lr <= 0 or setup.lr > 100 or not 0 <= setup.rho < 1:
        found.append(Problem("error", "optimizer", {"lr": 0.1, "rho": 0.9}))
    if not found and setup.output in ("sigmoid", "softmax") and unreachable(setup, data.T):
        found.append(Problem("warning", "unreachable", {"output": "identity"}))
    return sorted(found, key=lambda p: p.level != "error")


def unreachable(setup: StepSetup, targets: np.ndarray) -> bool:
    """Targets the output activation can never produce: outside [0, 1] for a sigmoid, or rows
    that are not distributions for a softmax."""
    if np.any((targets < 0) | (targets > 1)):
        return True
    return setup.output == "softmax" and not np.allclose(targets.sum(axis=1), 1.0)


def build_model(setup: StepSetup) -> Sequential:
    """The network: :func:`nncore.model.mlp` (seeded, Xavier for sigmoid/tanh, He for ReLU)
    followed by the output activation as a layer of its own, so that backward goes through
    f′(z⁽ᴸ⁾) as in 002 (1.5)."""
    base = mlp(setup.sizes, activation=setup.hidden, head="linear", seed=setup.seed)
    return Sequential([*base.layers, make_activation(setup.output)], head="linear")


def build_loss(setup: StepSetup) -> Loss:
    """MSE, BCE or cross-entropy, each on the output activations, mean over the N samples."""
    return {"mse": MSE, "bce": BCE, "ce": CrossEntropy}[setup.loss]()


def build_optimizer(setup: StepSetup, model: Sequential) -> Optimizer:
    """The chosen optimizer from the registry, with the settings of the setup it takes."""
    settings = optimizer_spec(setup.optimizer).pick({"rho": setup.rho})
    return make_optimizer(setup.optimizer, model.params(), lr=setup.lr, **settings)


def batch_rows(setup: StepSetup, data: StepData) -> tuple[np.ndarray, np.ndarray]:
    """The samples of the step: row ``sample`` alone, or the first ``batch`` rows."""
    rows = slice(setup.sample, setup.sample + 1) if setup.batch == 1 else slice(0, setup.batch)
    return data.X[rows], data.T[rows]


def run(setup: StepSetup, steps_done: int = 0, *, check: bool = True) -> StepTrace:
    """Build the network, take ``steps_done`` training steps on the same samples (so Momentum's
    velocity builds up), then trace the next one. Raises ValueError for a setup with errors."""
    errors = [p.key for p in problems(setup) if p.level == "error"]
    if errors:
        raise ValueError(f"this setup cannot run: {', '.join(errors)}")
    model, loss = build_model(setup), build_loss(setup)
    optimizer = build_optimizer(setup, model)
    X, T = batch_rows(setup, step_data(setup))
    for _ in range(min(max(steps_done, 0), MAX_STEPS_DONE)):
        trace_step(model, loss, X, T, optimizer, check=False)
    return trace_step(model, loss, X, T, optimizer, check=check)


def with_fix(setup: StepSetup, problem: Problem) -> StepSetup:
    """``setup`` with ``problem``'s fix applied."""
    return replace(setup, **problem.fix)
