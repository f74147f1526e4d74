"""Training: the spiral reference run, XOR, Algorithm 1 bookkeeping, divergence, DataLoader."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.data import DataLoader, spiral, xor
from nncore.model import mlp
from nncore.optimizers import SGD, Adam
from nncore.regularization import L2
from nncore.training import History, StopReason, Trainer, fit


@pytest.mark.slow  # about 2 s; still part of the default run
def test_spiral_reference_run(spiral_data) -> None:
    """Reference §6: 2-100-3 ReLU, softmax CE, L2 1e-3, full-batch SGD lr 1.0, 0.01·randn
    weights, 10,000 steps ⇒ training accuracy ≥ 0.98 (CS231n: about 0.98)."""
    X, y = spiral_data
    model = mlp([2, 100, 3], activation="relu", head="softmax", init="normal", scale=0.01, seed=0)
    trainer = Trainer(
        model, X, y, optimizer=SGD(model.params(), lr=1.0), batch_size=None, regularizer=L2(1e-3)
    )
    assert trainer.run_steps(10_000) == 10_000
    assert np.mean(model.predict(X) == y) >= 0.98
    assert trainer.history.train_metric[-1] >= 0.98
    assert trainer.history.train_loss[-1] < 0.3


def test_a_linear_classifier_cannot_fit_the_spiral(spiral_data) -> None:
    X, y = spiral_data
    model = mlp([2, 3], head="softmax", init="normal", seed=0)
    fit(model, X, y, epochs=200, optimizer="sgd", lr=1.0, batch_size=None, regularizer=L2(1e-3))
    assert np.mean(model.predict(X) == y) < 0.6


def test_xor_is_learnt_by_a_small_sigmoid_mlp() -> None:
    X, y = xor()
    model = mlp([2, 4, 1], activation="sigmoid", head="sigmoid", seed=0)
    history = fit(model, X, y, epochs=2000, optimizer="sgd", lr=2.0, batch_size=None)
    np.testing.assert_array_equal(model.predict(X), y)
    assert history.train_loss[-1] < 0.01 < history.train_loss[0]


def test_trainer_steps_cross_epochs_and_record_history(spiral_data) -> None:
    X, y = spiral_data
    model = mlp([2, 16, 3], seed=0)
    trainer = Trainer(
        model,
        X,
        y,
        optimizer="adam",
        lr=0.01,
        batch_size=64,
        regularizer=L2(1e-3),
        X_val=X[::3],
        y_val=y[::3],
    )
    assert trainer.steps_per_epoch == 5
    assert trainer.run_steps(7) == 7
    assert (trainer.epoch, trainer.step_in_epoch, trainer.global_step) == (1, 2, 7)
    h = trainer.history
    assert h.steps == 7 and h.epochs == 1 and len(h.val_loss) == 1
    assert trainer.run_epochs(1) == 3  # finishes the epoch under way
    assert (trainer.epoch, trainer.step_in_epoch) == (2, 0)
    assert trainer.run_epochs(2) == 10 and h.epochs == 4
    np.testing.assert_allclose(h.train_loss, np.add(h.data_loss, h.penalty))
    assert all(p > 0 for p in h.penalty)
    # the epoch metric is the sample-weighted mean of the batch metrics (last batch has 44)
    weights = np.array([64, 64, 64, 64, 44])
    assert h.train_metric[-1] == pytest.approx(np.average(h.step_metric[-5:], weights=weights))
    assert set(h.to_dict()) >= {"train_loss", "val_metric", "step_loss", "stopped_reason"}
    assert "val accuracy" in h.summary()


def test_learning_rate_and_optimizer_can_change_while_paused(spiral_data) -> None:
    X, y = spiral_data
    model = mlp([2, 16, 3], seed=0)
    trainer = Trainer(model, X, y, optimizer="momentum", lr=0.1, batch_size=None)
    trainer.run_steps(5)
    velocity = trainer.optimizer.state["W1"]["v"].copy()
    trainer.lr = 0.01
    assert trainer.optimizer.lr == 0.01
    np.testing.assert_array_equal(trainer.optimizer.state["W1"]["v"], velocity)
    weights = model[0].W.copy()
    trainer.run_steps(1)
    assert not np.array_equal(model[0].W, weights)
    trainer.optimizer = Adam(model.params(), lr=0.01)
    trainer.run_steps(3)
    assert trainer.optimizer.t == 3 and trainer.global_step == 9


def test_non_finite_loss_stops_training_before_the_update(spiral_data) -> None:
    X, y = spiral_data
    model = mlp([2, 50, 3], head="linear", seed=0)
    trainer = Trainer(model, X, np.eye(3)[y], optimizer="sgd", lr=50.0, batch_size=None)
    snapshot = [p.value.copy() for p in model.params()]
    while trainer.run_steps(1):
        snapshot = [p.value.copy() for p in model.params()]
    reason = trainer.stopped_reason
    assert isinstance(reason, StopReason) and trainer.stopped
    assert not np.isfinite(reason.value)
    assert reason.step == trainer.global_step + 1 == trainer.history.steps + 1
    assert f"step {reason.step}" in str(reason) and "learning rate" in str(reason)
    assert trainer.history.stopped_reason is reason
    for p, before in zip(model.params(), snapshot, strict=True):
        np.testing.assert_array_equal(p.value, before)  # the bad update was not made
        assert np.all(np.isfinite(p.value))
    assert trainer.run_steps(5) == 0 and trainer.run_epochs(1) == 0
    trainer.resume()
    assert not trainer.stopped


def test_fit_returns_history_and_prints_algorithm_1_lines(capsys, spiral_data) -> None:
    X, y = spiral_data
    history = fit(mlp([2, 8, 3], seed=0), X, y, epochs=3, batch_size=100, verbose=True)
    assert isinstance(history, History) and history.epochs == 3 and history.steps == 9
    assert capsys.readouterr().out.count("epoch") == 3


def test_fit_stops_on_divergence(spiral_data) -> None:
    X, y = spiral_data
    history = fit(
        mlp([2, 50, 3], head="linear", seed=0),
        X,
        np.eye(3)[y],
        epochs=500,
        lr=50.0,
        batch_size=None,
    )
    assert history.stopped_reason is not None and history.epochs < 500


def test_regression_metric_and_custom_metric(rng: np.random.Generator) -> None:
    X = rng.uniform(-1, 1, (64, 1))
    y = 2 * X + 0.5
    trainer = Trainer(mlp([1, 1], head="linear", seed=0), X, y, lr=0.3, batch_size=16)
    trainer.run_epochs(30)
    assert trainer.history.metric == "mse" and trainer.history.train_metric[-1] < 1e-3

    def worst(y_true, y_pred):
        return float(np.max(np.abs(y_true - y_pred)))

    other = Trainer(mlp([1, 1], head="linear", seed=0), X, y, metric=worst)
    other.run_epochs(1)
    assert other.history.metric == "worst"


def test_dataloader_reshuffles_and_covers_each_sample_once_per_epoch() -> None:
    X = np.arange(20, dtype=float).reshape(10, 2)
    y = np.arange(10)
    loader = DataLoader(X, y, batch_size=3, shuffle=True, seed=0)
    assert len(loader) == 4
    epochs = [[yb for _, yb in loader] for _ in range(3)]
    for batches in epochs:
        assert [len(b) for b in batches] == [3, 3, 3, 1]
        assert sorted(np.concatenate(batches).tolist()) == list(range(10))
    orders = [np.concatenate(b).tolist() for b in epochs]
    assert orders[0] != orders[1] != orders[2]
    for Xb, yb in DataLoader(X, y, batch_size=4, seed=1):
        np.testing.assert_array_equal(Xb[:, 0], 2 * yb)  # rows stay paired with labels
    assert loader.epoch == 3


def test_dataloader_options() -> None:
    X, y = np.zeros((10, 2)), np.arange(10)
    again = [[yb.tolist() for _, yb in DataLoader(X, y, 4, seed=7)] for _ in range(2)]
    assert again[0] == again[1]  # the same seed gives the same order
    first = next(iter(DataLoader(X, y, 4, shuffle=False)))
    assert first[1].tolist() == [0, 1, 2, 3]
    assert len(DataLoader(X, y, 4, drop_last=True)) == 2
    loader = DataLoader(X, y, batch_size=None)
    full = list(loader)
    assert len(full) == 1 and full[0][0] is loader.X and len(full[0][1]) == 10
    with pytest.raises(ValueError, match="samples"):
        DataLoader(X, y[:5])


def test_trainer_uses_spiral_from_the_public_api() -> None:
    X, y = spiral(n_per_class=20, n_classes=2, noise=0.1, seed=3)
    trainer = Trainer(mlp([2, 10, 2], seed=0), X, y, batch_size=8)
    trainer.run_epochs(1)
    assert trainer.history.epochs == 1 and trainer.history.steps == 5
