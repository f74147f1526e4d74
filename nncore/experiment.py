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
    if exp.divergence(): ...              # finite, but climbing; see nncore.divergence
    exp.report("test")                    # confusion matrix etc. on the held-out test set

Regression runs the same way on a :class:`~nncore.data.regression.RegressionData` (real
targets over one input or two, ``n_classes = 0``) with the "linear" head and a loss of
:data:`~nncore.regression.REGRESSION_LOSSES`::

    exp = Experiment(make_regression_data(DataSettings(dataset="sine")),
                     NetworkSettings(head="linear", loss="huber"), TrainingSettings())
    exp.prediction(100)                   # ŷ over the input box (the boundary's analogue)
    exp.regression_report("test")         # MSE, MAE, R²

Data changes are not applied here: a page builds a new Experiment for new data.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import numpy as np

from nncore.choices import make_optimizer, optimizer_spec
from nncore.data.plane import PlaneData
from nncore.divergence import Divergence, detect_divergence
from nncore.layers import Linear
from nncore.losses import Loss
from nncore.metrics import (
    ClassificationReport,
    RegressionReport,
    classification_report,
    regression_report,
)
from nncore.model import Sequential, mlp
from nncore.model.plane import (
    Bounds,
    DecisionGrid,
    decision_grid,
    input_grids,
    neuron_grids,
    plane_bounds,
)
from nncore.optimizers import Optimizer
from nncore.regression import (
    REGRESSION_LOSSES,
    PredictionGrid,
    line_grids,
    prediction_grid,
    r2_curve,
    regression_loss,
)
from nncore.regularization import L1, L2, Regularizer
from nncore.training import History, StopReason, Trainer

ACTIVATIONS = ("relu", "leaky_relu", "tanh", "sigmoid", "elu", "gelu", "swish", "linear")
HEADS = ("softmax", "sigmoid")  # the classifiers' heads
REGRESSION_HEAD = "linear"
INITS = ("auto", "he", "xavier", "normal", "zeros")
REGULARIZERS = ("none", "l1", "l2")


def head_fits(head: str, n_classes: int) -> bool:
    """Whether a ``head`` can classify ``n_classes`` classes: a sigmoid head has one output,
    σ(z) = P(class 1), so it separates 2 classes only; a softmax head any K ≥ 2. The
    "linear" head fits real-valued targets (``n_classes = 0``) and they fit only it."""
    if head == REGRESSION_HEAD or n_classes == 0:
        return head == REGRESSION_HEAD and n_classes == 0
    return head != "sigmoid" or n_classes <= 2


def _require_head_fits(network: NetworkSettings, n_classes: int) -> None:
    if head_fits(network.head, n_classes):
        return
    if network.head == REGRESSION_HEAD or n_classes == 0:
        raise ValueError(f"the {network.head} head does not fit "
                         f"{'real-valued targets' if n_classes == 0 else 'class labels'}; "
                         f"regression takes the linear head, classification the others")
    raise ValueError(f"a {network.head} head classifies 2 classes, not {n_classes}; "
                     f"use softmax for more")


@dataclass(frozen=True)
class NetworkSettings:
    """An MLP inputs → hidden… → output: ``head="softmax"`` has one output per class (softmax
    cross-entropy), ``"sigmoid"`` one output (binary cross-entropy, 2 classes only),
    ``"linear"`` one output ŷ (regression) trained with ``loss`` "mse", "mae" or "huber"
    ("": the head's own loss, MSE for "linear"; classifiers take only "").
    ``init="normal"`` draws ``scale`` · randn (the course's small random numbers)."""

    hidden: tuple[int, ...] = (8, 8)
    activation: str = "tanh"
    head: str = "softmax"
    init: str = "auto"
    seed: int = 0
    scale: float = 0.01
    loss: str = ""

    def __post_init__(self) -> None:
        if self.loss and (self.head != REGRESSION_HEAD or self.loss not in REGRESSION_LOSSES):
            raise ValueError(f"the loss {self.loss!r} needs the linear head and one of "
                             f"{REGRESSION_LOSSES}")

    def sizes(self, n_classes: int, n_inputs: int = 2) -> list[int]:
        """Layer widths, input first: [n_inputs, *hidden, outputs]."""
        return [n_inputs, *self.hidden, n_classes if self.head == "softmax" else 1]

    def make_loss(self) -> Loss | None:
        """The chosen regression loss, or None for the head's own."""
        return regression_loss(self.loss) if self.loss else None


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
        return optimizer_spec(self.optimizer).pick(vars(self))

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
        _require_head_fits(network, data.n_classes)
        self.data = data
        self.network = network
        self.training = training
        self.bounds: Bounds = data.bounds or plane_bounds(data.X_train, data.X_valid,
                                                          data.X_test)
        self._drawn: tuple[object, int, dict[Hashable, Any]] = (None, -1, {})
        self.reset()

    # -- building ----------------------------------------------------------------------
    def reset(self) -> None:
        """A fresh network from the seed, a fresh optimizer and an empty history."""
        n, t, d = self.network, self.training, self.data
        self.model = mlp(n.sizes(d.n_classes, self.n_inputs), activation=n.activation,
                         head=n.head, init=n.init, seed=n.seed, scale=n.scale)
        self.trainer = Trainer(
            self.model, d.X_train, d.y_train, optimizer=t.make_optimizer(self.model),
            loss=n.make_loss(),
            batch_size=t.batch_size, shuffle=True, seed=n.seed,
            regularizer=t.make_regularizer(),
            X_val=d.X_valid if d.has_validation else None,
            y_val=d.y_valid if d.has_validation else None,
        )

    def apply(self, network: NetworkSettings, training: TrainingSettings) -> str:
        """Take new settings; returns what was rebuilt: "network", "optimizer" or "" (a new
        learning rate, penalty or batch size only, applied to the running training)."""
        if network != self.network:
            _require_head_fits(network, self.data.n_classes)
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

    def checkpoint(self) -> Trainer:
        """The training state now (weights, optimizer state, history, the data order's random
        state) as a copy to go back to with :meth:`restore`; the data are shared, not copied.
        About 0.5 ms for the playground's networks."""
        trainer, data = self.trainer, self.data
        shared = (data.X_train, data.y_train, data.X_valid, data.y_valid, data.X_test,
                  data.y_test, trainer.loader.X, trainer.loader.y, trainer.X_val, trainer.y_val)
        memo: dict[int, Any] = {id(a): a for a in shared if a is not None}
        memo[id(trainer.history)] = trainer.history.copy()
        return copy.deepcopy(trainer, memo)

    def restore(self, checkpoint: Trainer) -> None:
        """Go back to a :meth:`checkpoint` of this experiment (taken with the same settings)."""
        self.trainer, self.model = checkpoint, checkpoint.model

    def resume(self) -> None:
        """Allow training again after a divergence stop (the weights are the last good ones)."""
        self.trainer.resume()

    @property
    def n_inputs(self) -> int:
        """1 or 2: the columns of the data's X."""
        return int(self.data.X_train.shape[1])

    @property
    def is_regression(self) -> bool:
        """Real-valued targets and the linear head (``data.n_classes == 0``)."""
        return self.data.n_classes == 0

    @property
    def epoch(self) -> int:
        return self.trainer.epoch

    @property
    def history(self) -> History:
        return self.trainer.history

    @property
    def stopped_reason(self) -> StopReason | None:
        return self.trainer.stopped_reason

    def divergence(self) -> Divergence | None:
        """Whether the training loss climbs while staying finite (see
        :func:`nncore.divergence.detect_divergence`, with K = the data's classes)."""
        return detect_divergence(self.history, self.data.n_classes)

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

    def _once_per_step(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """``make()``, computed once per state of the weights (the trainer and its step): a
        page that reruns while paused (a new setting, a click elsewhere) draws the same
        pictures again. The result is shared: treat it as read-only."""
        trainer, step, values = self._drawn
        if trainer is not self.trainer or step != self.trainer.global_step:
            values = {}
            self._drawn = (self.trainer, self.trainer.global_step, values)
        if key not in values:
            values[key] = make()
        return values[key]

    def boundary(self, resolution: int = 100) -> DecisionGrid:
        """The classifier over the plane, in float32: the live views draw it every frame."""
        return self._once_per_step(("boundary", resolution), lambda: decision_grid(
            self.model, self.bounds, resolution, dtype=np.float32))

    def prediction(self, resolution: int = 100) -> PredictionGrid:
        """A regression network's ŷ over the input box (the curve or the heatmap)."""
        return prediction_grid(self.model, self.bounds, self.n_inputs, resolution)

    def input_pictures(self, resolution: int = 32) -> np.ndarray:
        """The inputs over the box, (n_inputs, res, res): x1 and x2 over the plane, or for one
        input x across the picture (see :func:`nncore.regression.line_grids`)."""
        if self.n_inputs == 1:
            return line_grids(self.model, self.bounds, resolution)[0]
        return input_grids(self.bounds, resolution)

    def neuron_pictures(self, resolution: int = 32) -> list[np.ndarray]:
        """Each hidden layer's neurons over the plane (see ``nncore.model.plane``), or for one
        input along x."""
        def make() -> list[np.ndarray]:
            with np.errstate(all="ignore"):
                if self.n_inputs == 1:
                    return line_grids(self.model, self.bounds, resolution)[1]
                return neuron_grids(self.model, self.bounds, resolution)

        return self._once_per_step(("neurons", resolution), make)

    def report(self, subset: str = "valid") -> ClassificationReport | None:
        """Confusion matrix, precision, recall and F1 (000 §2) on the "train", "valid" or
        "test" set; None for an empty set."""
        X, y = self.data.subset(subset)
        if len(X) == 0:
            return None

        def make() -> ClassificationReport:
            with np.errstate(all="ignore"):
                predicted = self.model.predict(X)
            return classification_report(y, predicted, self.data.n_classes)

        return self._once_per_step(("report", subset), make)

    def regression_report(self, subset: str = "valid") -> RegressionReport | None:
        """MSE, MAE and R² of a regression network on "train", "valid" or "test"; None for an
        empty set."""
        X, y = self.data.subset(subset)
        if len(X) == 0:
            return None
        with np.errstate(all="ignore"):
            return regression_report(y, self.model.output(X)[:, 0])

    def r2_curves(self) -> tuple[list[float], list[float]]:
        """R² per kept epoch, training and validation, from the history's MSE (see
        :func:`nncore.regression.r2_curve`)."""
        h, d = self.history, self.data
        return r2_curve(h.train_metric, d.y_train), r2_curve(h.val_metric, d.y_valid)

    def evaluate(self, subset: str = "test") -> tuple[float, float] | None:
        """(data loss, metric) of the current network on "train", "valid" or "test", in eval
        mode (the metric is the history's, accuracy for these classifiers); None for an
        empty set."""
        X, y = self.data.subset(subset)
        if len(X) == 0:
            return None
        with np.errstate(all="ignore"):
            return self.trainer.evaluate(X, y)

    def describe(self) -> dict[str, Any]:
        """Numbers for a caption: layer sizes, parameter count, loss name."""
        return {"sizes": self.layer_sizes(), "params": self.model.num_params(),
                "loss": type(self.trainer.loss).__name__}
