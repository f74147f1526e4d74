"""Divergence that stays finite is named: the playground's spiral at lr 10 climbs to a loss of
about 20 (guessing costs ln 2 ≈ 0.69) without ever becoming NaN; at lr 0.1 it learns."""

from __future__ import annotations

import math

import pytest

from nncore.data.plane import DataSettings, make_plane_data
from nncore.divergence import CHANCE_FACTOR, GROWTH, chance_loss, detect_divergence
from nncore.experiment import Experiment, NetworkSettings, TrainingSettings
from nncore.history import History


def playground(lr: float, epochs: int = 20) -> Experiment:
    """The playground's defaults (spiral, 2 classes, 2-8-8-2 tanh, softmax, SGD, batch 16)
    at learning rate ``lr``."""
    exp = Experiment(make_plane_data(DataSettings()), NetworkSettings(),
                     TrainingSettings(lr=lr))
    exp.train_epochs(epochs)
    return exp


@pytest.fixture(scope="module")
def too_fast() -> Experiment:
    return playground(10.0)


def test_lr_10_diverges_while_staying_finite(too_fast: Experiment) -> None:
    h = too_fast.history
    assert too_fast.stopped_reason is None  # the Trainer's NaN/∞ stop does not fire
    assert all(math.isfinite(v) for v in h.data_loss)
    assert max(h.data_loss) > 10 * math.log(2) and h.train_metric[-1] < 0.7
    found = too_fast.divergence()
    assert found is not None and found == detect_divergence(h, 2)
    assert found.reason == "grew" and found.loss > found.limit == pytest.approx(
        GROWTH * found.start)
    assert found.start == pytest.approx(h.step_data_loss[0])
    assert found.chance == pytest.approx(math.log(2)) and found.epoch == 20
    assert set(found.details()) == {"loss", "start", "chance", "limit", "epoch"}


def test_lr_0_1_learns_and_is_not_named() -> None:
    exp = playground(0.1)
    assert exp.history.data_loss[-1] < exp.history.data_loss[0]
    assert exp.divergence() is None
    for epochs in range(1, 21):  # at no point of the run
        partial = History(data_loss=exp.history.data_loss[:epochs],
                          step_data_loss=exp.history.step_data_loss[:1],
                          epoch_numbers=list(range(1, epochs + 1)))
        assert detect_divergence(partial, 2) is None


def history(losses: list[float], start: float) -> History:
    return History(data_loss=losses, step_data_loss=[start],
                   epoch_numbers=list(range(1, len(losses) + 1)))


def test_the_thresholds() -> None:
    chance = chance_loss(10)
    assert chance == pytest.approx(math.log(10))
    # too early: fewer than 3 epochs
    assert detect_divergence(history([50.0, 50.0], 1.0), 2) is None
    # the mean of the last 3 epochs above 2 × the start
    assert detect_divergence(history([1.0, 2.1, 2.1, 2.1], 1.0), 2).reason == "grew"
    assert detect_divergence(history([1.0, 1.9, 1.9, 1.9], 1.0), 2) is None
    # above 3 ln K although below twice a high start (a start far from chance)
    found = detect_divergence(history([9.0, 8.0, 7.5, 7.0], 5.0), 10)
    assert found.reason == "above_chance"
    assert found.limit == pytest.approx(CHANCE_FACTOR * chance)
    # no classes (regression): only the growth test
    assert detect_divergence(history([9.0, 8.0, 7.5, 7.0], 5.0)) is None
    # NaN is the Trainer's business
    assert detect_divergence(history([1.0, math.nan, math.nan, math.nan], 1.0), 2) is None
