"""Experiments on 2-D points: data from settings, what a settings change rebuilds, training
by whole epochs with a time budget, divergence, evaluation."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.data import xor
from nncore.data.plane import (
    TEST_RATIO,
    DataSettings,
    PlaneData,
    generate,
    make_plane_data,
    split_plane_data,
)
from nncore.experiment import Experiment, NetworkSettings, TrainingSettings, head_fits
from nncore.model.plane import Bounds
from nncore.optimizers import SGD, Adam
from nncore.regularization import L2


@pytest.fixture
def experiment() -> Experiment:
    return Experiment(make_plane_data(DataSettings()), NetworkSettings(), TrainingSettings())


@pytest.mark.parametrize("dataset", ["spiral", "xor", "circles", "moons", "blobs"])
def test_every_data_set_splits_by_class(dataset: str) -> None:
    settings = DataSettings(dataset=dataset, classes=3, points=40, train_ratio=0.75, seed=2,
                            test_ratio=0.0)
    data = make_plane_data(settings)
    X, _ = generate(settings)
    assert len(data.X_train) + len(data.X_valid) == len(X) and not data.has_test
    assert data.n_classes == (3 if dataset in ("spiral", "blobs") else 2)
    for k in range(data.n_classes):  # stratified: every class in both sets, 3 : 1
        assert np.sum(data.y_train == k) == pytest.approx(3 * np.sum(data.y_valid == k), abs=2)


def test_the_default_split_holds_out_a_test_set() -> None:
    """20 % of every class is the test set; 80 % of the rest trains: 64 : 16 : 20."""
    settings = DataSettings(classes=3, points=100)
    assert settings.test_ratio == TEST_RATIO == 0.2
    data = make_plane_data(settings)
    for k in range(3):
        counts = [int(np.sum(y == k)) for y in (data.y_train, data.y_valid, data.y_test)]
        assert counts == [64, 16, 20]
    X, _ = generate(settings)
    together = np.concatenate([data.X_train, data.X_valid, data.X_test])
    assert sorted(map(tuple, together)) == sorted(map(tuple, X))  # a partition
    assert data.subset("test")[0] is data.X_test
    with pytest.raises(ValueError, match="unknown subset"):
        data.subset("holdout")


def test_standardized_three_way_split_uses_training_statistics() -> None:
    rng = np.random.default_rng(3)
    X, y = rng.normal(-50.0, 10.0, (300, 2)), np.repeat([0, 1, 2], 100)
    data = split_plane_data(X, y, 0.75, seed=1, standardize=True, test_ratio=0.2)
    assert (len(data.X_train), len(data.X_valid), len(data.X_test)) == (180, 60, 60)
    np.testing.assert_allclose(data.X_train.mean(axis=0), 0.0, atol=1e-12)
    assert abs(data.X_test.mean()) < 0.5 and data.X_test.shape == (60, 2)
    with pytest.raises(ValueError, match="test share"):
        split_plane_data(X, y, test_ratio=1.0)


def test_standardized_split_uses_training_statistics() -> None:
    rng = np.random.default_rng(0)
    X, y = rng.normal(100.0, 25.0, (200, 2)), np.repeat([0, 1], 100)
    data = split_plane_data(X, y, 0.8, seed=1, standardize=True)
    np.testing.assert_allclose(data.X_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(data.X_train.std(axis=0), 1.0)
    assert abs(data.X_valid.mean()) < 0.5


def test_defaults_learn_the_spiral(experiment: Experiment) -> None:
    assert experiment.layer_sizes() == [2, 8, 8, 2]
    assert experiment.train_epochs(60) == 60 and experiment.epoch == 60
    h = experiment.history
    assert h.train_loss[-1] < h.train_loss[0] and h.train_metric[-1] > 0.8
    assert len(h.val_loss) == 60


def test_budget_stops_early_but_after_one_epoch(experiment: Experiment) -> None:
    assert experiment.train_epochs(1000, budget=0.0) == 1


def test_a_checkpoint_restores_the_whole_training_state(experiment: Experiment) -> None:
    """Weights, optimizer state, history and the data order all go back: training on from
    the restored checkpoint repeats what training on from the checkpoint did."""
    experiment.training = TrainingSettings(optimizer="adam")
    experiment.reset()
    experiment.train_epochs(5)
    checkpoint = experiment.checkpoint()
    experiment.train_epochs(4)
    ahead = ([w.copy() for w in experiment.weights()], list(experiment.history.train_loss))
    experiment.restore(checkpoint)
    assert experiment.epoch == 5 and len(experiment.history.train_loss) == 5
    assert experiment.trainer.loader.X is experiment.data.X_train  # the data are shared
    experiment.train_epochs(4)
    assert experiment.history.train_loss == ahead[1]
    assert all(np.array_equal(a, b) for a, b in zip(ahead[0], experiment.weights(), strict=True))


def test_pictures_are_computed_once_per_state_of_the_weights(experiment: Experiment) -> None:
    first = experiment.boundary(20)
    assert experiment.boundary(20) is first and experiment.boundary(30) is not first
    experiment.training = TrainingSettings(lr=0.5)
    experiment.apply(experiment.network, TrainingSettings(lr=0.05))  # same weights
    assert experiment.boundary(20) is first
    checkpoint = experiment.checkpoint()
    experiment.train_epochs(1)
    trained = experiment.boundary(20)
    assert trained is not first and not np.array_equal(trained.proba, first.proba)
    experiment.restore(checkpoint)
    np.testing.assert_array_equal(experiment.boundary(20).proba, first.proba)
    assert experiment.neuron_pictures(8) is experiment.neuron_pictures(8)
    assert experiment.report("valid") is experiment.report("valid")
    experiment.reset()
    assert experiment.report("valid") is not None and experiment.boundary(20) is not trained


def test_new_lr_keeps_weights_and_optimizer_state(experiment: Experiment) -> None:
    experiment.apply(experiment.network, TrainingSettings(optimizer="momentum"))
    experiment.train_epochs(3)
    before = [W.copy() for W in experiment.weights()]
    optimizer = experiment.trainer.optimizer
    velocity = optimizer.state["W1"]["v"].copy()
    assert experiment.apply(experiment.network, TrainingSettings(optimizer="momentum",
                                                                 lr=0.03)) == ""
    assert experiment.trainer.optimizer is optimizer and optimizer.lr == 0.03
    np.testing.assert_array_equal(optimizer.state["W1"]["v"], velocity)
    for W, W0 in zip(experiment.weights(), before, strict=True):
        np.testing.assert_array_equal(W, W0)
    assert experiment.epoch == 3


def test_new_optimizer_keeps_weights_and_history(experiment: Experiment) -> None:
    experiment.train_epochs(2)
    before = [W.copy() for W in experiment.weights()]
    changed = experiment.apply(experiment.network,
                               TrainingSettings(optimizer="adam", lr=0.01, beta1=0.8))
    assert changed == "optimizer"
    optimizer = experiment.trainer.optimizer
    assert isinstance(optimizer, Adam) and optimizer.beta1 == 0.8 and optimizer.lr == 0.01
    for W, W0 in zip(experiment.weights(), before, strict=True):
        np.testing.assert_array_equal(W, W0)
    experiment.train_epochs(1)
    assert experiment.history.epochs == 3


def test_penalty_and_batch_size_apply_to_the_running_training(experiment: Experiment) -> None:
    experiment.train_epochs(1)
    settings = TrainingSettings(regularizer="l2", reg_rate=0.01, batch_size=None)
    assert experiment.apply(experiment.network, settings) == ""
    assert isinstance(experiment.trainer.regularizer, L2)
    assert experiment.trainer.steps_per_epoch == 1
    experiment.train_epochs(1)
    assert experiment.history.penalty[-1] > 0


def test_new_architecture_rebuilds_and_clears(experiment: Experiment) -> None:
    experiment.train_epochs(2)
    network = NetworkSettings(hidden=(5,), activation="relu")
    assert experiment.apply(network, experiment.training) == "network"
    assert experiment.layer_sizes() == [2, 5, 2] and experiment.epoch == 0
    assert isinstance(experiment.trainer.optimizer, SGD)


def test_reset_repeats_the_same_start(experiment: Experiment) -> None:
    first = [W.copy() for W in experiment.weights()]
    experiment.train_epochs(2)
    experiment.reset()
    for W, W0 in zip(experiment.weights(), first, strict=True):
        np.testing.assert_array_equal(W, W0)
    assert experiment.history.epochs == 0


def test_divergence_stops_with_finite_weights() -> None:
    network = NetworkSettings(hidden=(64,) * 6, activation="relu")
    exp = Experiment(make_plane_data(DataSettings()), network, TrainingSettings(lr=10.0))
    assert exp.train_epochs(20) == 0
    assert exp.stopped_reason is not None and not np.isfinite(exp.stopped_reason.value)
    assert all(np.all(np.isfinite(W)) for W in exp.weights())
    assert exp.train_epochs(1) == 0  # stays stopped until resumed
    exp.apply(network, TrainingSettings(lr=0.001))
    exp.resume()
    assert exp.stopped_reason is None
    assert np.all(np.isfinite(exp.boundary(10).proba))


def test_sigmoid_head_needs_two_classes() -> None:
    data = make_plane_data(DataSettings(classes=3))
    with pytest.raises(ValueError, match="2 classes"):
        Experiment(data, NetworkSettings(head="sigmoid"), TrainingSettings())
    exp = Experiment(make_plane_data(DataSettings()), NetworkSettings(head="sigmoid"),
                     TrainingSettings())
    assert exp.layer_sizes()[-1] == 1 and exp.boundary(5).n_classes == 2


def test_reports_views_and_fixed_bounds() -> None:
    X, y = xor()
    bounds = Bounds(-0.5, 1.5, -0.5, 1.5)
    exp = Experiment(PlaneData.training_only(X, y, bounds),
                     NetworkSettings(hidden=(2,), activation="sigmoid", head="sigmoid",
                                     init="xavier"),
                     TrainingSettings(lr=3.0, batch_size=None))
    assert exp.bounds == bounds and exp.report("valid") is None
    exp.train_epochs(400)
    report = exp.report("train")
    assert report.confusion.sum() == 4 and report.accuracy == 1.0
    assert [p.shape for p in exp.neuron_pictures(8)] == [(2, 8, 8)]
    assert [W.shape for W in exp.gradients()] == [(2, 2), (1, 2)]
    assert exp.describe()["loss"] == "BCEWithLogits"


def test_test_set_metrics_after_training() -> None:
    exp = Experiment(make_plane_data(DataSettings(points=60)), NetworkSettings(),
                     TrainingSettings(lr=1.0))
    exp.train_epochs(60)
    report = exp.report("test")
    d = exp.data
    assert report is not None and report.confusion.sum() == len(d.X_test) == 24
    assert report.accuracy == pytest.approx(np.mean(exp.model.predict(d.X_test) == d.y_test))
    loss, accuracy = exp.evaluate("test")
    assert accuracy == pytest.approx(report.accuracy) and 0 < loss < 1
    assert len(exp.history.val_loss) == 60  # validation still drives the curves
    x_min, x_max = d.X_test[:, 0].min(), d.X_test[:, 0].max()
    assert exp.bounds.x_min <= x_min and x_max <= exp.bounds.x_max  # test points are drawn
    empty = Experiment(make_plane_data(DataSettings(test_ratio=0.0)), NetworkSettings(),
                       TrainingSettings())
    assert empty.report("test") is None and empty.evaluate("test") is None


def test_head_fits_is_the_one_check() -> None:
    assert head_fits("softmax", 5) and head_fits("sigmoid", 2) and not head_fits("sigmoid", 3)
    exp = Experiment(make_plane_data(DataSettings(classes=3)), NetworkSettings(),
                     TrainingSettings())
    with pytest.raises(ValueError, match="2 classes, not 3"):
        exp.apply(NetworkSettings(head="sigmoid"), exp.training)
