"""Training: 000 Algorithm 1 (minibatch SGD with train/eval modes and a metric), as a
step-wise :class:`Trainer` that pages can advance and redraw, and as :func:`fit`.

Per batch (Algorithm 1, step 2.2): forward through the loss, check the loss is finite,
backward, add the regulariser's gradient, update, record loss and metric. After the last
batch of an epoch: validation in eval mode (step 2.3) and one row of epoch history.

Driving it from a page (the Trainer lives in ``st.session_state`` across reruns)::

    trainer = Trainer(model, X, y, optimizer="sgd", lr=1.0, batch_size=None,
                      regularizer=L2(1e-3), X_val=Xv, y_val=yv)
    trainer.run_steps(10)        # 10 batches (crosses epoch ends as needed)
    trainer.run_epochs(1)        # up to the end of the next epoch
    trainer.lr = 0.1             # while paused: the optimizer keeps its state
    trainer.optimizer = Adam(model.params(), lr=0.01)   # or swap the optimizer
    h = trainer.history          # lists: h.train_loss, h.val_metric, … by h.epoch_numbers
    if trainer.stopped_reason:   # a non-finite loss stopped training
        st.error(str(trainer.stopped_reason))

Divergence: if the loss (data loss + penalty) of a batch is NaN or ±inf, the Trainer does
*not* backpropagate or update; it sets ``trainer.stopped_reason`` (a :class:`StopReason` with
``step``, ``epoch``, ``value`` and a message), copies it to ``history.stopped_reason``, and
further ``run_*`` calls do nothing until ``trainer.resume()`` (e.g. after lowering the
learning rate). The weights are those after the last good step. No exception is raised.
A loss that climbs but stays finite is named by :func:`nncore.divergence.detect_divergence`.

The :class:`~nncore.history.History` keeps at most 2000 values per series however long the
training runs (thinned evenly; ``history.epoch_numbers`` numbers the kept epochs).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from nncore.choices import make_optimizer
from nncore.data.loader import DataLoader
from nncore.history import History, StopReason
from nncore.losses import Loss
from nncore.metrics import METRICS
from nncore.model import Sequential
from nncore.optimizers import Optimizer
from nncore.regularization import Regularizer

Metric = Callable[[np.ndarray, np.ndarray], float]


def resolve_metric(metric: str | Metric | None, default: str) -> tuple[str, Metric]:
    """A (name, function) pair from a name in ``nncore.metrics.METRICS``, a callable, or None
    (the head's default: accuracy for classifiers, mse for regression)."""
    if callable(metric):
        return getattr(metric, "__name__", "metric"), metric
    name = metric or default
    if name not in METRICS:
        raise ValueError(f"unknown metric {name!r}; choose one of {sorted(METRICS)}")
    return name, METRICS[name]


class _EpochTotals:
    """Sample-weighted sums over the batches of the running epoch."""

    def __init__(self) -> None:
        self.n = 0
        self.data = self.penalty = self.metric = 0.0

    def add(self, n: int, data: float, penalty: float, metric: float) -> None:
        self.n += n
        self.data += n * data
        self.penalty += n * penalty
        self.metric += n * metric


class Trainer:
    """Step-wise training of ``model`` on (X, y); see the module docstring.

    ``loss`` defaults to ``model.head.loss()``; ``optimizer`` is an Optimizer over
    ``model.params()`` or a name ("sgd", "momentum", "adam", …) built with ``lr``;
    ``batch_size=None`` is full-batch; ``metric`` is a name or ``f(y_true, y_pred)`` applied
    to ``model.head.predict`` of the outputs. ``optimizer``, ``regularizer`` and ``loss``
    are plain attributes that may be replaced between steps; ``lr`` reads/sets the
    optimizer's learning rate.
    """

    def __init__(
        self,
        model: Sequential,
        X: np.ndarray,
        y: np.ndarray,
        *,
        optimizer: Optimizer | str = "sgd",
        lr: float = 0.1,
        loss: Loss | None = None,
        batch_size: int | None = 32,
        shuffle: bool = True,
        seed: int | None = 0,
        regularizer: Regularizer | None = None,
        X_val: np.ndarray | None = None,
        y_val: np.ndarray | None = None,
        metric: str | Metric | None = None,
    ) -> None:
        self.model = model
        self._params = model.params()
        self.loss = loss if loss is not None else model.head.loss()
        if self.loss.reduction == "none":
            raise ValueError("the Trainer needs a loss with reduction 'mean' or 'sum'")
        if isinstance(optimizer, str):
            optimizer = make_optimizer(optimizer, model.params(), lr=lr)
        self.optimizer = optimizer
        self.regularizer = regularizer
        self.loader = DataLoader(X, y, batch_size=batch_size, shuffle=shuffle, seed=seed)
        self.X_val = None if X_val is None else np.asarray(X_val, dtype=np.float64)
        self.y_val = y_val
        metric_name, self.metric = resolve_metric(metric, model.head.metric)
        self.history = History(metric=metric_name)
        self.global_step = 0  # batches trained so far
        self.epoch = 0  # epochs completed
        self.step_in_epoch = 0
        self.stopped_reason: StopReason | None = None
        self._batches: Iterator[tuple[np.ndarray, np.ndarray]] | None = None
        self._totals = _EpochTotals()

    # -- settings that pages change while paused -------------------------------------
    @property
    def lr(self) -> float:
        return self.optimizer.lr

    @lr.setter
    def lr(self, value: float) -> None:
        self.optimizer.lr = value

    @property
    def steps_per_epoch(self) -> int:
        return len(self.loader)

    @property
    def stopped(self) -> bool:
        return self.stopped_reason is not None

    def resume(self) -> None:
        """Clear a divergence stop so that training can continue (e.g. with a lower lr)."""
        self.stopped_reason = None

    # -- running -------------------------------------------------------------------------
    def run_steps(self, k: int = 1) -> int:
        """Train on the next ``k`` batches; returns how many were done (fewer if stopped)."""
        return self._run(lambda done: done < k)

    def run_epochs(self, k: int = 1) -> int:
        """Train until ``k`` more epochs have ended (the first one may already be under way);
        returns the number of batches done."""
        target = self.epoch + k
        return self._run(lambda done: self.epoch < target)

    def _run(self, more: Callable[[int], bool]) -> int:
        done = 0
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported instead
            while more(done) and self._train_batch():
                done += 1
        return done

    def _train_batch(self) -> bool:
        if self.stopped_reason is not None:
            return False
        if self._batches is None:
            self._batches = iter(self.loader)
            self._totals = _EpochTotals()
        Xb, yb = next(self._batches)
        model, params = self.model, self._params
        if not model.training:
            model.train()  # Algorithm 1, step 2.1
        out = model.forward(Xb)
        data_loss = float(self.loss.forward(out, yb))
        penalty = self.regularizer.penalty(params) if self.regularizer else 0.0
        total = data_loss + penalty
        if not math.isfinite(total):
            bad_penalty = math.isfinite(data_loss) and not math.isfinite(penalty)
            self._stop(total, "penalty" if bad_penalty else "loss")
            return False
        self.optimizer.zero_grad()
        model.backward(self.loss.backward())
        if self.regularizer:
            self.regularizer.add_grad(params)
        self.optimizer.step()
        metric = float(self.metric(yb, model.head.predict(out)))
        self._record_step(len(Xb), data_loss, penalty, metric)
        return True

    def _record_step(self, n: int, data_loss: float, penalty: float, metric: float) -> None:
        self.history.add_step(step_loss=data_loss + penalty, step_data_loss=data_loss,
                              step_penalty=penalty, step_metric=metric)
        self._totals.add(n, data_loss, penalty, metric)
        self.global_step += 1
        self.step_in_epoch += 1
        if self.step_in_epoch == len(self.loader):
            self._end_epoch()

    def _end_epoch(self) -> None:
        t = self._totals
        row = {"train_loss": (t.data + t.penalty) / t.n, "data_loss": t.data / t.n,
               "penalty": t.penalty / t.n, "train_metric": t.metric / t.n}
        if self.X_val is not None and self.y_val is not None:
            row["val_loss"], row["val_metric"] = self.evaluate(self.X_val, self.y_val)  # 2.3
        self.history.add_epoch(**row)
        self.epoch += 1
        self.step_in_epoch = 0
        self._batches = None

    def _stop(self, value: float, quantity: str) -> None:
        self.stopped_reason = StopReason(self.global_step + 1, self.epoch + 1, value, quantity)
        self.history.stopped_reason = self.stopped_reason
        self._batches = None  # the unfinished epoch is abandoned; resume() starts a new one
        self.step_in_epoch = 0

    def evaluate(self, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        """(data loss, metric) of the model on (X, y), computed in eval mode."""
        out = self.model.output(X)
        return float(self.loss.forward(out, y)), float(self.metric(y, self.model.head.predict(out)))


def fit(
    model: Sequential,
    X: np.ndarray,
    y: np.ndarray,
    *,
    epochs: int = 10,
    verbose: bool = False,
    **trainer_kwargs: Any,
) -> History:
    """Train for ``epochs`` epochs (000 Algorithm 1) and return the :class:`History`.

    Keyword arguments are those of :class:`Trainer` (optimizer, lr, loss, batch_size,
    shuffle, seed, regularizer, X_val, y_val, metric). With ``verbose`` a line is printed
    per epoch. A divergence ends the run early; see ``history.stopped_reason``.
    """
    trainer = Trainer(model, X, y, **trainer_kwargs)
    for _ in range(epochs):
        trainer.run_epochs(1)
        if trainer.stopped:
            break
        if verbose:
            print(trainer.history.summary())
    if verbose and trainer.stopped:
        print(trainer.stopped_reason)
    return trainer.history
