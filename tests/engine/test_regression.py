"""Regression in the playground's engine: the data sets, the Experiment with the linear head and
MSE / MAE / Huber, the prediction grid, R² from the history."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.data.plane import DataSettings
from nncore.data.regression import (
    ONE_D,
    REGRESSION_SETS,
    TWO_D,
    X_RANGE,
    RegressionData,
    generate_regression,
    make_regression_data,
    split_regression_data,
    target_function,
)
from nncore.experiment import Experiment, NetworkSettings, TrainingSettings, head_fits
from nncore.gradcheck import check_model
from nncore.losses import MAE, MSE, Huber
from nncore.metrics import r2
from nncore.model import mlp
from nncore.regression import (
    REGRESSION_LOSSES,
    line_grids,
    prediction_grid,
    r2_curve,
    regression_loss,
)


def regression(dataset: str, loss: str = "mse", hidden: tuple[int, ...] = (8, 8),
               **training: object) -> Experiment:
    data = make_regression_data(DataSettings(dataset=dataset, points=120, noise=0.05))
    return Experiment(data, NetworkSettings(hidden=hidden, head="linear", loss=loss),
                      TrainingSettings(**training))


@pytest.mark.parametrize("name", REGRESSION_SETS)
def test_every_data_set_splits_three_ways_with_float_targets(name: str) -> None:
    data = make_regression_data(DataSettings(dataset=name, points=100))
    n_inputs = 1 if name in ONE_D else 2
    assert isinstance(data, RegressionData) and data.n_classes == 0
    assert data.n_inputs == n_inputs and data.y_train.dtype == np.float64
    sizes = [len(data.X_train), len(data.X_valid), len(data.X_test)]
    assert sizes == [64, 16, 20] and all(len(X) == len(y) for X, y in (
        data.subset("train"), data.subset("valid"), data.subset("test")))
    assert data.X_valid.shape[1] == n_inputs and data.X_test.shape[1] == n_inputs
    all_y = np.concatenate([data.y_train, data.y_valid, data.y_test])
    assert data.target_range == (all_y.min(), all_y.max())
    assert (data.bounds.x_min, data.bounds.x_max) == X_RANGE
    if n_inputs == 1:  # the box of the x → y picture holds every target
        assert data.bounds.y_min < all_y.min() and all_y.max() < data.bounds.y_max


def test_targets_are_the_formulas_plus_the_noise() -> None:
    X, y = generate_regression(DataSettings(dataset="saddle", points=50, noise=0.0))
    np.testing.assert_allclose(y, (X[:, 0] ** 2 - X[:, 1] ** 2) / 2)
    assert X.min() >= X_RANGE[0] and X.max() <= X_RANGE[1]
    np.testing.assert_allclose(target_function("step")(np.array([[-0.1], [0.0]])), [-1, 1])
    noisy = generate_regression(DataSettings(dataset="saddle", points=50, noise=0.3))[1]
    assert 0.15 < np.std(noisy - y) < 0.45  # the same seed draws the same X
    assert set(REGRESSION_SETS) == set(ONE_D) | set(TWO_D)
    with pytest.raises(ValueError, match="unknown regression data set"):
        target_function("spiral")


def test_standardised_split_uses_the_training_statistics() -> None:
    rng = np.random.default_rng(1)
    X, y = rng.normal(1000, 50, size=(200, 2)), rng.normal(-5e4, 1e3, size=200)
    data = split_regression_data(X, y, 0.8, seed=3, standardize=True, test_ratio=0.2)
    np.testing.assert_allclose(data.X_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose([*data.X_train.std(axis=0), data.y_train.std()], [1, 1, 1])
    assert abs(data.y_test.mean()) < 0.5 and len(data.X_test) == 40
    one = split_regression_data(X[:, 0], y, 0.8)  # a single input column as a vector
    assert one.n_inputs == 1 and not one.has_test and one.bounds.y_max > y.max()


def test_the_linear_head_goes_with_real_targets_only() -> None:
    assert head_fits("linear", 0) and not head_fits("softmax", 0)
    assert not head_fits("linear", 2) and not head_fits("sigmoid", 0)
    data = make_regression_data(DataSettings(dataset="sine"))
    with pytest.raises(ValueError, match="real-valued targets"):
        Experiment(data, NetworkSettings(), TrainingSettings())
    with pytest.raises(ValueError, match="needs the linear head"):
        NetworkSettings(loss="mae")
    with pytest.raises(ValueError, match="needs the linear head"):
        NetworkSettings(head="linear", loss="cross_entropy")
    assert regression_loss("huber").delta == 1.0
    assert [type(regression_loss(n)) for n in REGRESSION_LOSSES] == [MSE, MAE, Huber]


def test_sizes_follow_the_inputs_and_the_loss_is_the_choice() -> None:
    exp = regression("sine", loss="mae")
    assert exp.layer_sizes() == [1, 8, 8, 1] and isinstance(exp.trainer.loss, MAE)
    assert exp.is_regression and exp.n_inputs == 1
    assert regression("bump", loss="").describe()["loss"] == "MSE"  # the head's own
    assert regression("bump").layer_sizes() == [2, 8, 8, 1]
    exp.apply(NetworkSettings(hidden=(8, 8), head="linear", loss="huber"), exp.training)
    assert isinstance(exp.trainer.loss, Huber) and exp.epoch == 0  # a new network


@pytest.mark.parametrize("loss", REGRESSION_LOSSES)
def test_mse_mae_and_huber_training_reduces_the_loss(loss: str) -> None:
    exp = regression("cubic", loss=loss, optimizer="adam", lr=0.01)
    exp.train_epochs(40)
    h = exp.history
    assert h.train_loss[-1] < 0.5 * h.train_loss[0] and h.val_loss[-1] < h.val_loss[0]
    assert exp.divergence() is None and exp.stopped_reason is None
    assert exp.regression_report("test").r2 > 0.5


def test_a_linear_fit_of_a_plane_has_r2_above_099() -> None:
    exp = regression("plane", hidden=(), optimizer="sgd", lr=0.1, batch_size=None)
    exp.train_epochs(300)
    for subset in ("train", "valid", "test"):
        assert exp.regression_report(subset).r2 > 0.99
    W, b = exp.model.layers[0].W, exp.model.layers[0].b
    np.testing.assert_allclose([*W[0], b[0]], [0.6, -0.4, 0.2], atol=0.03)


def test_report_and_r2_curves_agree_with_the_metrics() -> None:
    exp = regression("sine", batch_size=None)
    exp.train_epochs(3)
    X, y = exp.data.subset("valid")
    report = exp.regression_report("valid")
    pred = exp.model.output(X)[:, 0]
    assert report.n == len(y) and report.r2 == pytest.approx(r2(y, pred))
    train_r2, valid_r2 = exp.r2_curves()
    assert len(train_r2) == len(valid_r2) == 3
    assert valid_r2[-1] == pytest.approx(report.r2)  # full batch: the history's last MSE
    empty = Experiment(make_regression_data(DataSettings(dataset="sine", test_ratio=0.0)),
                       NetworkSettings(head="linear"), TrainingSettings())
    assert empty.regression_report("test") is None


def test_r2_curve_is_one_minus_mse_over_variance() -> None:
    y = np.array([0.0, 1.0, 2.0, 3.0])  # Var = 1.25
    assert r2_curve([1.25, 0.0, 2.5], y) == [0.0, 1.0, -1.0]
    assert r2_curve([0.3], np.ones(3)) == [0.0] and r2_curve([0.3], np.zeros(0)) == []


def test_prediction_grid_is_the_network_over_the_box() -> None:
    exp = regression("bump")
    grid = exp.prediction(30)
    assert grid.n_inputs == 2 and grid.values.shape == (30, 30)
    i, j = 7, 21
    point = np.array([[grid.xs[j], grid.ys[i]]])
    assert grid.values[i, j] == pytest.approx(exp.model.output(point)[0, 0])
    curve = regression("step").prediction(40)
    assert curve.n_inputs == 1 and curve.ys is None and curve.values.shape == (40,)
    np.testing.assert_allclose(curve.xs[[0, -1]], X_RANGE)


def test_a_diverged_network_predicts_nan_not_inf() -> None:
    model = mlp([1, 3, 1], activation="relu", head="linear")
    model.layers[-1].W = np.full((1, 3), np.inf)
    bounds = make_regression_data(DataSettings(dataset="sine")).bounds
    values = prediction_grid(model, bounds, 1, 20).values
    assert not np.isinf(values).any()


def test_one_input_pictures_are_strips_along_x() -> None:
    exp = regression("sine", hidden=(3, 2))
    inputs, hidden = exp.input_pictures(10), exp.neuron_pictures(10)
    assert inputs.shape == (1, 10, 10) and [h.shape for h in hidden] == [(3, 10, 10),
                                                                          (2, 10, 10)]
    np.testing.assert_allclose(inputs[0, 0], np.linspace(*X_RANGE, 10))
    assert np.all(hidden[1] == hidden[1][:, :1, :])  # constant down each picture
    x, layers = line_grids(exp.model, exp.bounds, 10)
    np.testing.assert_array_equal(x, inputs)
    assert len(layers) == 2


@pytest.mark.parametrize("loss", ["mae", "huber"])
def test_training_gradients_of_the_regression_losses(loss: str) -> None:
    rng = np.random.default_rng(0)
    model = mlp([2, 4, 1], activation="tanh", head="linear", seed=1)
    X, y = rng.normal(size=(6, 2)), rng.normal(size=6) * 3  # |residuals| well off the kinks
    for name, check in check_model(model, regression_loss(loss), X, y).items():
        assert check.ok(1e-6), (name, check.max_error)
