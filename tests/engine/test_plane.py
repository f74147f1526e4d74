"""A model over the plane: bounds, the decision grid, neuron grids, lines and half-planes."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.model import mlp, xor_sign_network
from nncore.model.plane import (
    Bounds,
    decision_grid,
    grid_points,
    half_plane,
    hidden_layer_indices,
    line_segment,
    neuron_grids,
    plane_bounds,
)

BOX = Bounds(-1.0, 1.0, -1.0, 1.0)


def test_bounds_are_square_with_a_margin() -> None:
    b = plane_bounds(np.array([[0.0, 0.0], [2.0, 1.0]]), margin=0.1)
    assert b.x_max - b.x_min == pytest.approx(b.y_max - b.y_min) == pytest.approx(2.4)
    assert (b.x_min + b.x_max) / 2 == pytest.approx(1.0)
    assert (b.y_min + b.y_max) / 2 == pytest.approx(0.5)
    assert plane_bounds(np.zeros((0, 2))) == Bounds(-1.0, 1.0, -1.0, 1.0)
    single = plane_bounds(np.array([[3.0, 3.0], [np.nan, 1.0]]))
    assert single.x_min < 3 < single.x_max


def test_grid_points_are_y_major() -> None:
    points = grid_points(Bounds(0, 1, 10, 11), 3)
    assert points.shape == (9, 2)
    np.testing.assert_allclose(points[:3], [[0, 10], [0.5, 10], [1, 10]])
    np.testing.assert_allclose(points[3], [0, 10.5])


def test_decision_grid_matches_predict_proba_cell_by_cell() -> None:
    model = mlp([2, 8, 3], activation="tanh", head="softmax", seed=3, init="xavier")
    grid = decision_grid(model, BOX, 20)
    assert grid.proba.shape == (20, 20, 3) and grid.n_classes == 3
    i, j = 7, 13
    expected = model.predict_proba(np.array([[grid.xs[j], grid.ys[i]]]))[0]
    np.testing.assert_allclose(grid.proba[i, j], expected)
    assert grid.label[i, j] == expected.argmax()
    top = expected.max()
    assert grid.confidence[i, j] == pytest.approx((top - 1 / 3) / (1 - 1 / 3))
    assert grid.confidence.min() >= 0 and grid.confidence.max() <= 1


def test_a_sigmoid_head_gives_two_columns() -> None:
    model = mlp([2, 4, 1], activation="sigmoid", head="sigmoid", seed=0)
    grid = decision_grid(model, BOX, 10)
    assert grid.proba.shape == (10, 10, 2)
    np.testing.assert_allclose(grid.proba.sum(axis=-1), 1.0)
    p = model.predict_proba(np.array([[grid.xs[0], grid.ys[0]]]))[0, 0]
    assert grid.proba[0, 0, 1] == pytest.approx(p)


def test_grid_in_the_hidden_space_of_the_sign_network() -> None:
    """004's output neuron sgn(a1 + a2 − 1) seen over the hidden plane: a straight boundary."""
    model = xor_sign_network()
    grid = decision_grid(model, Bounds(-1.5, 1.5, -1.5, 1.5), 31, start_layer=2)
    a1, a2 = np.meshgrid(grid.xs, grid.ys)
    # the linear head passes sgn through; its one output is split into (1 - out, out)
    np.testing.assert_allclose(grid.proba[..., 1], np.where(a1 + a2 - 1 >= 0, 1.0, -1.0))


def test_diverged_weights_give_a_finite_grid() -> None:
    model = mlp([2, 4, 2], seed=0)
    model.layers[0].W = np.full((4, 2), 1e308)
    grid = decision_grid(model, BOX, 8)
    assert np.all(np.isfinite(grid.proba)) and np.all(np.isfinite(grid.confidence))


def test_neuron_grids_are_the_hidden_activations() -> None:
    model = mlp([2, 3, 5, 2], activation="relu", seed=1)
    assert hidden_layer_indices(model) == [1, 3]
    layers = neuron_grids(model, BOX, 6)
    assert [a.shape for a in layers] == [(3, 6, 6), (5, 6, 6)]
    outs = model.layer_outputs(grid_points(BOX, 6))
    np.testing.assert_allclose(layers[1][4].ravel(), outs[3][:, 4])


@pytest.mark.parametrize(
    ("w", "b", "ends"),
    [
        ([1.0, 1.0], 0.0, [[-1, 1], [1, -1]]),
        ([1.0, 0.0], -0.5, [[0.5, -1], [0.5, 1]]),
        ([0.0, 2.0], 0.0, [[-1, 0], [1, 0]]),
    ],
)
def test_line_segment_inside_the_box(w: list[float], b: float, ends: list[list[float]]) -> None:
    segment = line_segment(np.array(w), b, BOX)
    assert segment is not None
    np.testing.assert_allclose(sorted(segment.tolist()), sorted(ends), atol=1e-12)
    np.testing.assert_allclose(segment @ np.array(w) + b, 0.0, atol=1e-12)


def test_no_segment_when_the_line_misses_or_w_is_zero() -> None:
    assert line_segment(np.array([1.0, 0.0]), -5.0, BOX) is None
    assert line_segment(np.zeros(2), 1.0, BOX) is None


def test_half_plane_polygons() -> None:
    triangle = half_plane(np.array([1.0, 1.0]), 0.0, BOX)
    assert len(triangle) == 3  # the corner (1, 1) and the two ends of the diagonal
    assert np.all(triangle @ np.array([1.0, 1.0]) >= -1e-12)
    assert len(half_plane(np.array([1.0, 0.0]), 5.0, BOX)) == 4  # the whole box
    assert len(half_plane(np.array([1.0, 0.0]), -5.0, BOX)) == 0  # nothing
    assert half_plane(np.zeros(2), 0.0, Bounds(0, 1, 0, 1)).shape == (4, 2)  # sgn(0) = 1
