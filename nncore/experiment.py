"""A training experiment on 2-D points, assembled from plain settings: data → MLP → Trainer.

The training pages keep one :class:`Experiment` per session and hand it the settings of every
run; it rebuilds only what a change needs (000 §4: the network's weights are the state worth
keeping):

- a new architecture, activation, head, initialisation or seed builds a new network (and
  clears the history);
- a new optimizer or optimizer setting swaps the optimizer over the *same* weights; a new
  learning rate keeps even the optimizer's state (its velocities, moments);
- a new regulariser or batch size applies from the next epoch, weights kept.

    exp = Experiment(make_plane_data(DataSettings()), NetworkSettings(), TrainingSettings())
    exp.train_epochs(5, budget=0.05)      # at most 5 epochs, at most ~50 ms
    exp.apply(network, TrainingSettings(optimizer="adam", lr=0.01))    # weights kept
    grid = exp.boundary(100)              # the decision-boundary grid
    if exp.stopped_reason: ...            # the loss went non-finite; see nncore.training

Data changes are not applied here: a page builds a new Experiment for new data.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from nncore.data.plane import PlaneData
from nncore.layers import Linear
from nncore.metrics import ClassificationReport, classification_report
from nncore.model import Sequential, mlp
from nncore.model.plane import Bounds, DecisionGrid, decision_grid, neuron_grids, plane_bounds
from nncore.optimizers import OPTIMIZERS, Optimizer, make_optimizer
from nncore.regularization import L1, L2, Regularizer
from nncore.training import History, StopReason, Trainer

ACTIVATIONS = ("relu", "leaky_relu", "tanh", "sigmoid", "elu", "gelu", "swish", "linear")
HEADS = ("softmax", "sigmoid")
INITS = ("auto", "he", "xavier", "normal", "zeros")
OPTIMIZER_NAMES = tuple(OPTIMIZERS)
REGULARIZERS = ("none", "l1", "l2")
# The learning rates the pages offer: log-spaced, 1-3-10, from 1e-4 to 10.
LEARNING_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)

# The settings each optimizer takes besides the learning rate (see nncore.optimizers).
OPTIMIZER_OPTIONS: dict[str, tuple[str, ...]] = {
    "sgd": (),
    "momentum": ("rho",),
    "nesterov": ("rho",),
    "adagrad": (),
    "rmsprop": ("rho",),
    "adam": ("beta1", "beta2"),
    "adamw": ("beta1", "beta2", "weight_decay"),
}


@dataclass(frozen=True)
class NetworkSettings:
    """An MLP 2 → hidden… → output: ``head="softmax"`` has one output per class (softmax
    cross-entropy), ``"sigmoid"`` one output (binary cross-entropy, 2 classes only).
    ``init="normal"`` draws ``scale`` · randn (the course's small random numbers)."""

    hidden: tuple[int, ...] = (8, 8)
    activation: str = "tanh"
    head: str = "softmax"
    init: str = "auto"
    seed: int = 0
    scale: float = 0.01

    def sizes(self, n_classes: int) -> list[int]:
        """Layer widths, input first: [2, *hidden, outputs]."""
        return [2, *self.hidden, n_classes if self.head == "softmax" else 1]


@dataclass(frozen=True)
class TrainingSettings:
    """Optimizer (by name) and its settings, mini-batch size (None: full batch) and the weight
    penalty ("none", "l1", "l2") with its rate λ."""

    optimizer: str = "sgd"
    lr: float = 0.1
    batch_size: int | None = 16
    regularizer: str = "none"
    reg_rate: float = 1e-3
    rho: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    weight_decay: float = 0.01

    def optimizer_options(self) -> dict[str, float]:
        """The chosen optimizer's settings other than the learning rate."""
        return {name: getattr(self, name) for name in OPTIMIZER_OPTIONS[self.optimizer]}

    def make_optimizer(self, model: Sequential) -> Optimizer:
        return make_optimizer(self.optimizer, model.params(), lr=self.lr,
                              **self.optimizer_options())

    def make_regularizer(self) -> Regularizer | None:
        if self.regularizer == "l1":
            return L1(self.reg_rate)
        if self.regularizer == "l2":
            return L2(self.reg_rate)
        return None


class Experiment:
    """One network trained on one :class:`PlaneData`; see the module docstring."""

    def __init__(
        self, data: PlaneData, network: NetworkSettings, training: TrainingSettings
    ) -> None:
        if network.head == "sigmoid" and data.n_classes > 2:
            raise ValueError("a sigmoid head classifies 2 classes; use softmax for more")
        self.data = data
        self.network = network
        self.training = training
        self.bounds: Bounds = data.bounds or plane_bounds(data.X_train, data.X_valid)
        self.reset()

    # -- building ----------------------------------------------------------------------
    def reset(self) -> None:
        """A fresh network from the seed, a fresh optimizer and an empty history."""
        n, t, d = self.network, self.training, self.data
        self.model = mlp(n.sizes(d.n_classes), activation=n.activation, head=n.head,
                         init=n.init, seed=n.seed, scale=n.scale)
        self.trainer = Trainer(
            self.model, d.X_train, d.y_train, optimizer=t.make_optimizer(self.model),
            batch_size=t.batch_size, shuffle=True, seed=n.seed,
            regularizer=t.make_regularizer(),
            X_val=d.X_valid if d.has_validation else None,
            y_val=d.y_valid if d.has_validation else None,
        )

    def apply(self, network: NetworkSettings, training: TrainingSettings) -> str:
        """Take new settings; returns what was rebuilt: "network", "optimizer" or "" (a new
        learning rate, penalty or batch size only, applied to the running training)."""
        if network != self.network:
            if network.head == "sigmoid" and self.data.n_classes > 2:
                raise ValueError("a sigmoid head classifies 2 classes; use softmax for more")
            self.network, self.training = network, training
            self.reset()
            return "network"
        old, self.training = self.training, training
        trainer = self.trainer
        if (training.regularizer, training.reg_rate) != (old.regularizer, old.reg_rate):
            trainer.regularizer = training.make_regularizer()
        if training.batch_size != old.batch_size:  # pages train whole epochs: applies now
            n = len(self.data.X_train)
            trainer.loader.batch_size = n if training.batch_size is None else min(
                training.batch_size, n)
        if (training.optimizer, training.optimizer_options()) != (
            old.optimizer, old.optimizer_options()
        ):
            trainer.optimizer = training.make_optimizer(self.model)
            return "optimizer"
        if training.lr != old.lr:
            trainer.lr = training.lr
        return ""

    # -- training ----------------------------------------------------------------------
    def train_epochs(self, k: int = 1, budget: float | None = None) -> int:
        """Train up to ``k`` whole epochs, stopping early once ``budget`` seconds have passed
        (at least one epoch runs) or the loss goes non-finite; returns the epochs done."""
        start, done = time.perf_counter(), 0
        while done < k and not self.trainer.stopped:
            self.trainer.run_epochs(1)
            if self.trainer.stopped:
                break
            done += 1
            if budget is not None and time.perf_counter() - start > budget:
                break
        return done

    def resume(self) -> None:
        """Allow training again after a divergence stop (the weights are the last good ones)."""
        self.trainer.resume()

    @property
    def epoch(self) -> int:
        return self.trainer.epoch

    @property
    def history(self) -> History:
        return self.trainer.history

    @property
    def stopped_reason(self) -> StopReason | None:
        return self.trainer.stopped_reason

    # -- what the pages draw -----------------------------------------------------------
    def linear_layers(self) -> list[Linear]:
        return [layer for layer in self.model.layers if isinstance(layer, Linear)]

    def layer_sizes(self) -> list[int]:
        """Neurons per column, input first."""
        linear = self.linear_layers()
        return [linear[0].W.shape[1], *(layer.W.shape[0] for layer in linear)]

    def weights(self) -> list[np.ndarray]:
        """W⁽¹⁾, W⁽²⁾, … (each N_out × N_in)."""
        return [layer.W for layer in self.linear_layers()]

    def gradients(self) -> list[np.ndarray]:
        """∂J/∂W⁽ˡ⁾ of the last training step (zeros before the first)."""
        return [layer.dW for layer in self.linear_layers()]

    def boundary(self, resolution: int = 100) -> DecisionGrid:
        return decision_grid(self.model, self.bounds, resolution)

    def neuron_pictures(self, resolution: int = 32) -> list[np.ndarray]:
        """Each hidden layer's neurons over the plane (see ``nncore.model.plane``)."""
        with np.errstate(all="ignore"):
            return neuron_grids(self.model, self.bounds, resolution)

    def report(self, subset: str = "valid") -> ClassificationReport | None:
        """Confusion matrix, precision, recall and F1 (000 §2) on the "train" or "valid" set;
        None for an empty set."""
        d = self.data
        X, y = (d.X_train, d.y_train) if subset == "train" else (d.X_valid, d.y_valid)
        if len(X) == 0:
            return None
        with np.errstate(all="ignore"):
            predicted = self.model.predict(X)
        return classification_report(y, predicted, d.n_classes)

    def describe(self) -> dict[str, Any]:
        """Numbers for a caption: layer sizes, parameter count, loss name."""
        return {"sizes": self.layer_sizes(), "params": self.model.num_params(),
                "loss": type(self.trainer.loss).__name__}
