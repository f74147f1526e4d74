"""What training records (000 Algorithm 1, step 2.4): the loss and metric per epoch and per step,
in a memory-bounded :class:`History`, and the :class:`StopReason` of a divergence stop.

Memory stays bounded however long a page trains. Each of the two series (per epoch, per step)
keeps at most ``max_points`` values (default :data:`MAX_POINTS`): when it would keep one more,
it drops every other value and from then on keeps only every ``stride``-th one, stride 1, 2,
4, … (a ring with a stride). What is kept covers the whole run evenly, always with the first
value and the latest one; ``epoch_numbers`` and ``step_numbers`` give the epoch / step
(1, 2, …) each kept value belongs to, so a curve is drawn as (``epoch_numbers``,
``train_loss``). Below the cap nothing is dropped and ``epoch_numbers`` is 1, 2, …, N.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

MAX_POINTS = 2000
EPOCH_SERIES = ("train_loss", "data_loss", "penalty", "train_metric", "val_loss", "val_metric")
STEP_SERIES = ("step_loss", "step_data_loss", "step_penalty", "step_metric")


@dataclass(frozen=True)
class StopReason:
    """Why training stopped: the step (1-based, counted over the whole run) and epoch whose
    loss was not finite, and the value."""

    step: int
    epoch: int
    value: float
    quantity: str = "loss"

    @property
    def message(self) -> str:
        return (
            f"Training stopped at step {self.step} (epoch {self.epoch}): the {self.quantity} "
            f"became {self.value}. No update was made, so the weights are those after step "
            f"{self.step - 1}. Try a smaller learning rate."
        )

    def __str__(self) -> str:
        return self.message


@dataclass
class History:
    """Everything recorded during training, as plain lists of floats (thinned past
    ``max_points``, see the module docstring).

    Per epoch: ``train_loss`` (= ``data_loss`` + ``penalty``, averaged over the epoch's
    samples), ``train_metric``, and, with validation data, ``val_loss`` (data loss only) and
    ``val_metric``; ``epoch_numbers`` says which epoch each value belongs to. Per step
    (batch): ``step_loss``, ``step_data_loss``, ``step_penalty``, ``step_metric``, with
    ``step_numbers``. ``metric`` names the metric ("accuracy", "mse", …).
    """

    metric: str = "accuracy"
    train_loss: list[float] = field(default_factory=list)
    data_loss: list[float] = field(default_factory=list)
    penalty: list[float] = field(default_factory=list)
    train_metric: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_metric: list[float] = field(default_factory=list)
    step_loss: list[float] = field(default_factory=list)
    step_data_loss: list[float] = field(default_factory=list)
    step_penalty: list[float] = field(default_factory=list)
    step_metric: list[float] = field(default_factory=list)
    epoch_numbers: list[int] = field(default_factory=list)
    step_numbers: list[int] = field(default_factory=list)
    stopped_reason: StopReason | None = None
    max_points: int = MAX_POINTS
    epoch_stride: int = 1
    step_stride: int = 1

    def __post_init__(self) -> None:
        if self.max_points < 4:
            raise ValueError("a history keeps at least 4 points per series")

    @property
    def epochs(self) -> int:
        """Epochs recorded so far (not the number of values kept)."""
        return self.epoch_numbers[-1] if self.epoch_numbers else 0

    @property
    def steps(self) -> int:
        """Steps recorded so far."""
        return self.step_numbers[-1] if self.step_numbers else 0

    def add_epoch(self, **values: float) -> None:
        """Record the next epoch: ``add_epoch(train_loss=…, data_loss=…, …)`` with names from
        :data:`EPOCH_SERIES` (a series is given at every epoch or never, e.g. ``val_loss``)."""
        self.epoch_stride = _keep(self, self.epoch_numbers, self.epochs + 1, values,
                                  self.epoch_stride)

    def add_step(self, **values: float) -> None:
        """Record the next step, with names from :data:`STEP_SERIES`."""
        self.step_stride = _keep(self, self.step_numbers, self.steps + 1, values,
                                 self.step_stride)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def copy(self) -> History:
        """A copy whose series are new lists (of the same floats): what is added to one is
        not added to the other."""
        series = (*EPOCH_SERIES, *STEP_SERIES, "epoch_numbers", "step_numbers")
        return replace(self, **{name: list(getattr(self, name)) for name in series})

    def summary(self) -> str:
        """One line about the last epoch (000 Algorithm 1, step 2.4)."""
        if not self.epochs:
            return "no epoch finished yet"
        line = (
            f"epoch {self.epochs}: loss {self.train_loss[-1]:.4f} "
            f"(data {self.data_loss[-1]:.4f} + penalty {self.penalty[-1]:.4f}), "
            f"{self.metric} {self.train_metric[-1]:.4f}"
        )
        if self.val_loss:
            line += (
                f"; val loss {self.val_loss[-1]:.4f}, val {self.metric} {self.val_metric[-1]:.4f}"
            )
        return line


def _on_grid(number: int, stride: int) -> bool:
    return (number - 1) % stride == 0


def _keep(h: History, numbers: list[int], number: int, values: dict[str, float],
          stride: int) -> int:
    """Append ``values`` as ``number`` to their series in ``h``; returns the new stride.

    The latest value is always kept: if the previous latest was off the grid (its number is
    not 1 + a multiple of the stride) it is replaced. Past ``h.max_points`` values, every
    other one is dropped and the stride doubles.
    """
    unknown = values.keys() - {*EPOCH_SERIES, *STEP_SERIES}
    if unknown:
        raise ValueError(f"no such series in a History: {sorted(unknown)}")
    columns = [getattr(h, name) for name in values]
    if numbers and not _on_grid(numbers[-1], stride):
        numbers.pop()
        for column in columns:
            column.pop()
    numbers.append(number)
    for column, value in zip(columns, values.values(), strict=True):
        column.append(value)
    if len(numbers) > h.max_points:
        stride *= 2
        last = len(numbers) - 1
        kept = [i for i, n in enumerate(numbers) if _on_grid(n, stride) or i == last]
        for column in (numbers, *columns):
            column[:] = [column[i] for i in kept]
    return stride
