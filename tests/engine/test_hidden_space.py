"""The hidden space: the input grid and the points mapped into the last hidden layer."""

from __future__ import annotations

import numpy as np

from nncore.data.plane import DataSettings, make_plane_data
from nncore.experiment import Experiment, NetworkSettings, TrainingSettings
from nncore.hidden_space import (
    HiddenSpace,
    hidden_space,
    input_lines,
    last_hidden_layer,
    last_hidden_width,
)
from nncore.model import mlp
from nncore.model.plane import Bounds

BOX = Bounds(-1.0, 3.0, 0.0, 2.0)


def test_the_input_grid_lines() -> None:
    lines = input_lines(BOX, lines=5, points=4)
    assert lines.shape == (10, 4, 2)
    np.testing.assert_allclose(lines[0, :, 0], -1.0)  # the first line x1 = x_min
    np.testing.assert_allclose(lines[0, :, 1], np.linspace(0, 2, 4))  # runs up in x2
    np.testing.assert_allclose(lines[5 + 2, :, 1], 1.0)  # the middle line x2 = const
    np.testing.assert_allclose(lines[5 + 2, :, 0], np.linspace(-1, 3, 4))
    single = input_lines(BOX, n_inputs=1, lines=5, points=4)
    assert single.shape == (1, 20, 1) and single[0, -1, 0] == 3.0


def test_the_last_hidden_layer() -> None:
    model = mlp([2, 5, 3, 2], activation="relu")  # Linear ReLU Linear ReLU Linear
    assert last_hidden_layer(model) == 3 and last_hidden_width(model) == 3
    assert last_hidden_layer(mlp([2, 2])) is None and last_hidden_width(mlp([2, 2])) == 0


def test_lines_and_points_are_the_layer_outputs() -> None:
    model = mlp([2, 6, 2, 2], activation="tanh", seed=3)
    X = np.array([[0.5, 0.5], [2.0, 1.5], [-1.0, 0.0]])
    space = hidden_space(model, BOX, X, lines=7, points=9)
    assert isinstance(space, HiddenSpace) and space.dims == 2 and space.layer == 3
    assert space.lines.shape == (14, 9, 2) and space.points.shape == (3, 2)
    expected = model.layer_outputs(input_lines(BOX, lines=7, points=9).reshape(-1, 2))[3]
    np.testing.assert_allclose(space.lines.reshape(-1, 2), expected)
    np.testing.assert_allclose(space.points, model.layer_outputs(X)[3])
    assert space.value_range == (-1.0, 1.0)  # tanh
    assert space.ranges() == [(-1.1, 1.1)] * 2


def test_three_neurons_a_3d_space_and_other_widths_none() -> None:
    X = np.zeros((4, 2))
    space = hidden_space(mlp([2, 3, 2], activation="relu"), BOX, X)
    assert space is not None and space.dims == 3 and space.lines.shape == (42, 50, 3)
    assert space.value_range is None  # ReLU: the ranges span the data
    low, high = zip(*space.ranges(margin=0.0), strict=True)
    values = np.concatenate([space.lines.reshape(-1, 3), space.points])
    np.testing.assert_allclose(low, values.min(axis=0), atol=1e-6)
    np.testing.assert_allclose(high, values.max(axis=0), atol=1e-6)
    assert hidden_space(mlp([2, 4, 2]), BOX, X) is None
    assert hidden_space(mlp([2, 2]), BOX, X) is None


def test_a_diverged_network_gives_nan_and_finite_ranges() -> None:
    model = mlp([2, 2, 2], activation="relu")
    model.layers[0].W = np.array([[np.inf, 0.0], [1.0, 0.0]])
    space = hidden_space(model, BOX, np.ones((2, 2)))
    assert np.isnan(space.lines).any() and not np.isinf(space.lines).any()
    assert all(np.isfinite(r).all() for r in space.ranges())


def test_training_makes_the_circles_separable_in_the_hidden_space() -> None:
    """Concentric circles cannot be cut by a line in the plane; after training a 2-8-2-2
    network, a line (the output layer) cuts them in its 2-D hidden space."""
    data = make_plane_data(DataSettings(dataset="circles", noise=0.05))
    exp = Experiment(data, NetworkSettings(hidden=(8, 2)),
                     TrainingSettings(optimizer="adam", lr=0.03, batch_size=64))
    exp.train_epochs(60)
    space = hidden_space(exp.model, exp.bounds, data.X_train)
    out = exp.model.layers[-1]
    logits = space.points @ out.W.T + out.b
    assert np.mean(logits.argmax(axis=1) == data.y_train) > 0.95
