"""The training history stays bounded: past ``max_points`` values it thins itself evenly,
keeping the first and the latest value and the epoch (step) number of every kept one."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.data import spiral
from nncore.history import MAX_POINTS, History
from nncore.model import mlp
from nncore.training import Trainer


def test_below_the_cap_nothing_is_dropped() -> None:
    h = History()
    for k in range(1, 11):
        h.add_epoch(train_loss=1.0 / k, data_loss=1.0 / k, penalty=0.0, train_metric=0.5)
    assert h.epoch_numbers == list(range(1, 11)) and h.epochs == 10
    assert h.train_loss == [1.0 / k for k in range(1, 11)] and h.val_loss == []


@pytest.mark.parametrize("cap", [4, 7, 100])
def test_a_long_run_keeps_at_most_the_cap_spread_evenly(cap: int) -> None:
    h = History(max_points=cap)
    n = 10_000
    for k in range(1, n + 1):
        h.add_epoch(train_loss=float(k), data_loss=float(k), penalty=0.0,
                    train_metric=0.0, val_loss=-float(k), val_metric=0.0)
        assert len(h.epoch_numbers) <= cap
        assert h.epoch_numbers[0] == 1 and h.epoch_numbers[-1] == k == h.epochs
    numbers = h.epoch_numbers
    assert len(numbers) >= cap // 2  # thinning halves, never more
    assert h.train_loss == [float(k) for k in numbers]  # every series thinned alike
    assert h.val_loss == [-float(k) for k in numbers]
    gaps = np.diff(numbers[:-1])
    assert len(set(gaps.tolist())) == 1 and gaps[0] == h.epoch_stride  # evenly spaced


def test_unknown_series_and_tiny_caps_are_refused() -> None:
    with pytest.raises(ValueError, match="no such series"):
        History().add_epoch(metric=1.0)
    with pytest.raises(ValueError, match="at least 4"):
        History(max_points=2)


def test_trainer_memory_is_bounded_while_the_counters_keep_going() -> None:
    """Ten minutes of play at the playground's pace is thousands of epochs; the history holds
    at most MAX_POINTS per series, the counters are exact."""
    X, y = spiral(20, 2, seed=0)
    trainer = Trainer(mlp([2, 4, 2], activation="tanh"), X, y, batch_size=10, lr=0.1,
                      X_val=X, y_val=y)
    trainer.history.max_points = 50  # the same mechanism as MAX_POINTS = 2000, faster
    trainer.run_epochs(300)
    h = trainer.history
    assert trainer.epoch == h.epochs == 300 and h.steps == trainer.global_step == 1200
    for name in ("train_loss", "data_loss", "penalty", "train_metric", "val_loss",
                 "val_metric"):
        assert len(getattr(h, name)) == len(h.epoch_numbers) <= 50
    for name in ("step_loss", "step_data_loss", "step_penalty", "step_metric"):
        assert len(getattr(h, name)) == len(h.step_numbers) <= 50
    assert h.epoch_numbers[-1] == 300 and h.step_numbers[-1] == 1200
    last = trainer.evaluate(X, y)
    assert h.val_loss[-1] == pytest.approx(last[0])  # the latest epoch is always there
    assert MAX_POINTS == 2000 and History().max_points == MAX_POINTS
